"""Notebook 01: the institutional timeline of community organizing in Québec's public network.

Pure helpers filter the ``chronologie`` dataset; :func:`timeline_chart` draws it with Altair (a legend
click highlights one domain); :class:`TimelineExplorer` is a thin ipywidgets front end (domain
check boxes and two year menus) that redraws the chart and lists the events shown, each with its
sources as short links.
"""

from __future__ import annotations

from ocworkbook.charts import COLUMN_WIDTH
from ocworkbook.errors import DataError
from ocworkbook.i18n import t

CATEGORIES = ("reseau", "sante_pub", "pol_sociale", "philanthropie", "concertation", "profession",
              "participation", "publication")

#: Institutional periods of the public network, each starting with the law that created its structure
#: (the establishments themselves were set up in the following months or years).
PERIODS = (
    {"cle": "clsc", "debut": 1971, "fin": 2003},
    {"cle": "csss", "debut": 2003, "fin": 2015},
    {"cle": "cisss", "debut": 2015, "fin": 2024},
    {"cle": "sante_quebec", "debut": 2024, "fin": 2026},
)

PERIOD_COLOURS = ["#56B4E9", "#E69F00", "#009E73", "#CC79A7"]
REQUIRED_COLUMNS = ("debut", "fin", "evenement", "categorie", "source")


def category_label(category: str) -> str:
    """The readable name of a domain (``reseau`` → « Réseau public »)."""
    return t(f"lessons.chrono.cat.{category}")


def _check_columns(frame) -> None:
    missing = [c for c in REQUIRED_COLUMNS if c not in frame.columns]
    if missing:
        raise DataError(t("lessons.chrono.err.columns", columns=", ".join(missing)))


def filter_events(frame, categories=None, start: int | None = None, end: int | None = None):
    """Events of the chosen domains that overlap the years ``start``–``end`` (both included).

    An event with no end year lasts one year. ``categories=None`` keeps every domain.
    """
    _check_columns(frame)
    unknown = sorted(set(categories or ()) - set(CATEGORIES))
    if unknown:
        raise DataError(t("lessons.chrono.err.category", value=", ".join(unknown),
                          choices=", ".join(CATEGORIES)))
    keep = frame["categorie"].isin(list(categories)) if categories is not None else frame["categorie"].notna()
    last = frame["fin"].fillna(frame["debut"])
    if start is not None:
        keep &= last >= start
    if end is not None:
        keep &= frame["debut"] <= end
    return frame[keep].sort_values("debut", kind="stable").reset_index(drop=True)


def _blank(value) -> bool:
    return value is None or str(value).strip() in ("", "<NA>", "nan", "None")


def when(date, start, end) -> str:
    """How an event's time is shown: its precise date if known, else ``start`` or ``start–end``."""
    if not _blank(date):
        return str(date)
    return f"{start}–{end}" if not _blank(end) else f"{start}"


def sources_html(text) -> str:
    """A source cell (« url ; Érudit 011352ar ») as HTML: each address a short link, each citation escaped."""
    from html import escape

    from .display import source_link

    parts = [part.strip() for part in str(text or "").split(";") if part.strip()]
    return " ; ".join(source_link(part) if part.startswith(("http://", "https://")) else escape(part)
                      for part in parts)


def source_label(text) -> str:
    """The sources of an event as short text (the site's name for an address), for a tooltip."""
    from urllib.parse import urlparse

    labels = []
    for part in (p.strip() for p in str(text or "").split(";") if p.strip()):
        host = urlparse(part).netloc.lower() if part.startswith(("http://", "https://")) else ""
        for prefix in ("www.", "ici."):
            host = host[len(prefix):] if host.startswith(prefix) else host
        labels.append(host or part)
    return " ; ".join(labels)


def chart_frame(frame):
    """The events with the columns the chart needs: readable domain, end year, one-line label."""
    shown = frame.copy()
    shown["domaine"] = shown["categorie"].map(category_label)
    shown["fin_trace"] = shown["fin"].fillna(shown["debut"])
    dates = shown["date"] if "date" in shown.columns else [None] * len(shown)
    shown["quand"] = [when(d, a, b) for d, a, b in zip(dates, shown["debut"], shown["fin"], strict=True)]
    shown["source_courte"] = shown["source"].map(source_label)
    for column in ("debut", "fin_trace"):
        shown[column] = shown[column].astype("float")
    return shown[["debut", "fin_trace", "quand", "evenement", "domaine", "categorie", "source", "source_courte"]]


def periods_frame():
    """The four institutional periods as a frame (for the background bands of the chart)."""
    import pandas as pd

    rows = [{"periode": t(f"lessons.chrono.period.{p['cle']}"), "debut": p["debut"], "fin": p["fin"]}
            for p in PERIODS]
    return pd.DataFrame(rows)


def timeline_chart(frame, *, width: int = COLUMN_WIDTH):
    """Timeline: one row per domain, a point (or a bar for lasting events) per event, periods behind.

    Clicking a domain in the legend highlights its events (an Altair selection, no kernel needed).
    """
    import altair as alt

    events = chart_frame(frame)
    domains = [category_label(c) for c in CATEGORIES if c in set(frame["categorie"])]
    periods = periods_frame()
    pick = alt.selection_point(fields=["domaine"], bind="legend")
    x_scale = alt.Scale(domain=[1968, 2026])
    bands = alt.Chart(periods).mark_rect(opacity=0.12).encode(
        x=alt.X("debut:Q", scale=x_scale, title=t("lessons.chrono.chart.year"), axis=alt.Axis(format="d")),
        x2="fin:Q",
        color=alt.Color("periode:N", legend=None, scale=alt.Scale(range=PERIOD_COLOURS)),
    )
    band_labels = alt.Chart(periods).mark_text(align="left", dx=3, dy=-6, fontSize=11, color="#333").encode(
        x=alt.X("debut:Q", scale=x_scale), y=alt.value(0), text="periode:N")
    y = alt.Y("domaine:N", title=None, sort=domains, axis=alt.Axis(labelLimit=0))
    colour = alt.Color("domaine:N", title=t("lessons.chrono.chart.domain"), sort=domains,
                       legend=alt.Legend(labelLimit=0, orient="bottom", columns=4))
    tooltip = [alt.Tooltip("quand:N", title=t("lessons.chrono.chart.when")),
               alt.Tooltip("evenement:N", title=t("lessons.chrono.chart.event")),
               alt.Tooltip("source_courte:N", title=t("lessons.chrono.chart.source"))]
    opacity = alt.condition(pick, alt.value(0.95), alt.value(0.15))
    spans = alt.Chart(events).mark_rule(strokeWidth=5).encode(
        x=alt.X("debut:Q", scale=x_scale), x2="fin_trace:Q", y=y,
        color=alt.Color("domaine:N", sort=domains, legend=None), opacity=opacity,
        tooltip=tooltip)
    points = alt.Chart(events).mark_circle(size=110).encode(
        x=alt.X("debut:Q", scale=x_scale), y=y, color=colour, opacity=opacity, tooltip=tooltip,
    ).add_params(pick)
    layered = (bands + band_labels + spans + points).properties(
        width=width, height=max(140, 34 * max(len(domains), 1)), title=t("lessons.chrono.chart.title"))
    return layered.resolve_scale(color="independent")


class TimelineExplorer:
    """Check boxes (domains) and two year menus that redraw the timeline and list the events shown.

    The current selection is in :attr:`shown` (a DataFrame), so the widget can be tested headless.
    """

    def __init__(self, frame):
        import ipywidgets as widgets

        _check_columns(frame)
        self.frame = frame
        present = [c for c in CATEGORIES if c in set(frame["categorie"])]
        self.checkboxes = {c: widgets.Checkbox(value=True, description=category_label(c), indent=False,
                                               layout=widgets.Layout(width="auto")) for c in present}
        low, high = int(frame["debut"].min()), int(frame["fin"].fillna(frame["debut"]).max())
        years = [str(y) for y in range(low, high + 1)]
        self.first_year = widgets.Dropdown(options=years, value=str(low), description=t("lessons.chrono.widget.from"),
                                           layout=widgets.Layout(width="14em"))
        self.last_year = widgets.Dropdown(options=years, value=str(high), description=t("lessons.chrono.widget.to"),
                                          layout=widgets.Layout(width="14em"))
        self.summary = widgets.HTML()
        self.output = widgets.Output()
        for box in self.checkboxes.values():
            box.observe(self._changed, names="value")
        self.first_year.observe(self._changed, names="value")
        self.last_year.observe(self._changed, names="value")
        grid = widgets.GridBox(list(self.checkboxes.values()),
                               layout=widgets.Layout(grid_template_columns="repeat(auto-fill, minmax(13em, 1fr))"))
        self.widget = widgets.VBox([widgets.HTML(f"<b>{t('lessons.chrono.widget.domains')}</b>"), grid,
                                    widgets.HTML(f"<b>{t('lessons.chrono.widget.years')}</b>"),
                                    widgets.HBox([self.first_year, self.last_year]), self.summary, self.output],
                                   layout=widgets.Layout(width="100%"))
        self.shown = None
        self.refresh()

    def selected(self) -> list[str]:
        """Domains currently ticked."""
        return [c for c, box in self.checkboxes.items() if box.value]

    @property
    def years(self) -> tuple[int, int]:
        """The years shown, first to last (a first year after the last is read the other way round)."""
        first, last = int(self.first_year.value), int(self.last_year.value)
        return (min(first, last), max(first, last))

    def set_years(self, first: int, last: int) -> None:
        """Choose the years shown (what the two menus do)."""
        self.first_year.value, self.last_year.value = str(first), str(last)

    def _changed(self, _change=None):
        self.refresh()

    def refresh(self) -> None:
        """Recompute the events shown, then redraw the chart and the list."""
        from html import escape

        from IPython.display import display

        start, end = self.years
        self.shown = filter_events(self.frame, self.selected(), start, end)
        self.summary.value = t("lessons.chrono.widget.count", n=len(self.shown), start=start, end=end)
        self.output.clear_output(wait=True)
        with self.output:
            if self.shown.empty:
                display(self.summary.__class__(t("lessons.chrono.widget.empty")))
                return
            display(timeline_chart(self.shown))
            rows = chart_frame(self.shown).to_dict("records")
            items = "".join(f"<li><b>{escape(r['quand'])}</b> — {escape(str(r['evenement']))} "
                            f"<small>({sources_html(r['source'])})</small></li>" for r in rows)
            listing = escape(t("lessons.chrono.widget.list", n=len(rows)))
            display(self.summary.__class__(f"<details><summary><b>{listing}</b></summary><ul>{items}</ul></details>"))

    def _ipython_display_(self):
        from IPython.display import display

        display(self.widget)


def timeline_explorer(frame) -> TimelineExplorer:
    """Build the interactive timeline of notebook 01 from the ``chronologie`` dataset."""
    return TimelineExplorer(frame)
