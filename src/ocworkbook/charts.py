"""One Altair theme for the whole workbook, and small chart builders used by several notebooks.

The palette is Okabe–Ito (safe for the common colour-vision deficiencies); numbers and dates
use French conventions (decimal comma, thin space for thousands, French month names).
"""

from __future__ import annotations

#: Okabe & Ito (2008) colour-blind safe palette, with its yellow darkened (#F0E442 → #9A7D0A): the pale
#: yellow has a contrast of 1.3:1 on white, the darker one 4:1, above WCAG's 3:1 for graphics.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#9A7D0A", "#000000"]

FRENCH_NUMBER_LOCALE = {"decimal": ",", "thousands": "\u202f", "grouping": [3], "currency": ["", "\u00a0$"]}
FRENCH_TIME_LOCALE = {
    "dateTime": "%A %e %B %Y à %X", "date": "%Y-%m-%d", "time": "%H:%M:%S",
    "periods": ["AM", "PM"],
    "days": ["dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"],
    "shortDays": ["dim.", "lun.", "mar.", "mer.", "jeu.", "ven.", "sam."],
    "months": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
               "octobre", "novembre", "décembre"],
    "shortMonths": ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.",
                    "nov.", "déc."],
}
THEME_NAME = "ocworkbook"
#: Width of the plotting area of a chart that fills a notebook's column: JupyterLab's output column is
#: about 870 pixels wide on a 1300-pixel screen, so the plot, its axis labels and its legend fit in it.
#: NARROW_WIDTH leaves room for long axis labels (names of organizations, decisions). Altair's
#: ``width="container"`` is not used: with the offline renderer the chart's container has no width yet
#: when it is drawn, and the chart comes out empty.
COLUMN_WIDTH = 560
NARROW_WIDTH = 360


def theme_config(lang: str = "fr") -> dict:
    """The Vega-Lite config of the workbook's theme."""
    config = {
        "config": {
            "range": {"category": PALETTE},
            "font": "Helvetica, Arial, sans-serif",
            "title": {"fontSize": 16, "anchor": "start"},
            "axis": {"labelFontSize": 12, "titleFontSize": 13},
            "legend": {"labelFontSize": 12, "titleFontSize": 13},
            "view": {"continuousWidth": 480, "continuousHeight": 300, "stroke": None},
        }
    }
    if lang == "fr":
        config["config"]["locale"] = {"number": FRENCH_NUMBER_LOCALE, "time": FRENCH_TIME_LOCALE}
    return config


def register_theme(lang: str = "fr") -> None:
    """Register and enable the theme in Altair (≥ 5.5 API, with a fallback for older releases)."""
    import altair as alt

    def _theme():
        return theme_config(lang)

    theme_api = getattr(alt, "theme", None)
    if theme_api is not None and hasattr(theme_api, "register"):
        theme_api.register(THEME_NAME, enable=True)(_theme)
    else:  # pragma: no cover - altair < 5.5
        alt.themes.register(THEME_NAME, _theme)
        alt.themes.enable(THEME_NAME)


def bar_progress(frame, category: str, title: str, order: list | None = None):
    """Horizontal stacked bars of exercise status per ``category`` (used by the dashboard)."""
    import altair as alt

    from .i18n import t

    statuses = [t("result.correct"), t("result.partiel"), t("result.incorrect"), t("result.complete"),
                t("result.non_tente")]
    colours = ["#009E73", "#E69F00", "#D55E00", "#56B4E9", "#BBBBBB"]
    return (
        alt.Chart(frame, title=title)
        .mark_bar()
        .encode(
            y=alt.Y(f"{category}:N", title=None, sort=order, axis=alt.Axis(labelLimit=0)),  # never cut a name
            x=alt.X("count():Q", title=t("dashboard.count"), axis=alt.Axis(tickMinStep=1, format="d")),
            color=alt.Color("statut:N", title=t("dashboard.status"), scale=alt.Scale(domain=statuses, range=colours),
                            legend=alt.Legend(orient="bottom")),
            order=alt.Order("rang:Q"),
            tooltip=[alt.Tooltip(f"{category}:N", title=title), alt.Tooltip("statut:N", title=t("dashboard.status")),
                     alt.Tooltip("count():Q", title=t("dashboard.count"))],
        )
        .properties(width=360, height=alt.Step(22))
    )
