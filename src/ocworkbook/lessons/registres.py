"""Notebook 03: a diagnostic grid between instrumentalisation and co-construction.

The continuum is a *teaching synthesis* built for this workbook from Bourque's two registers (2008)
and the State–third-sector interfaces of Proulx, Bourque and Savard; it is not a figure of those
authors. The indicators are data (:data:`INDICATORS`, texts in the message catalogue);
:func:`position` is a pure scoring function that returns a place on the continuum with its reasons
and the levers an organizer can pull; the charts and :class:`RegistersGrid` only show it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ocworkbook.errors import DataError
from ocworkbook.i18n import t

SCALE_MIN, SCALE_MAX = 0, 4
MIDDLE = (SCALE_MIN + SCALE_MAX) / 2

#: The seven indicators of the grid, in the order they are asked. Weight 1 each: no indicator is
#: presumed to count more than another; an instructor may change the weights here.
INDICATORS = (
    {"id": "definition_probleme", "poids": 1},
    {"id": "objectifs_indicateurs", "poids": 1},
    {"id": "financement", "poids": 1},
    {"id": "marge_negociation", "poids": 1},
    {"id": "autonomie_organismes", "poids": 1},
    {"id": "place_citoyens", "poids": 1},
    {"id": "reddition_comptes", "poids": 1},
)
INDICATOR_IDS = tuple(i["id"] for i in INDICATORS)

#: Zones of the 0–100 score. The middle zone is wide on purpose: on the ground both registers mix.
ZONES = (("instrumentalisation", 0, 35), ("mixte", 35, 65), ("coconstruction", 65, 100))
ZONE_COLOURS = ["#D55E00", "#F0E442", "#009E73"]


def label(indicator: str) -> str:
    """The question an indicator asks (« Qui définit le problème ? »)."""
    return t(f"lessons.reg.ind.{indicator}.label")


@dataclass
class Reason:
    """Why a situation leans one way on one indicator, and what can be done about it."""

    indicator: str
    rating: float
    direction: str  # "instrumentalisation" or "coconstruction"
    text: str
    lever: str | None = None


@dataclass
class Position:
    """A situation's place on the continuum (0 = instrumentalisation, 100 = co-construction)."""

    score: float
    zone: str
    reasons: list[Reason] = field(default_factory=list)

    @property
    def levers(self) -> list[str]:
        return [r.lever for r in self.reasons if r.lever]

    @property
    def zone_label(self) -> str:
        return t(f"lessons.reg.zone.{self.zone}")


def validate_ratings(ratings: dict, indicators=INDICATORS) -> dict[str, float]:
    """Check that every indicator has a rating between 0 and 4; return them as floats."""
    ids = [i["id"] for i in indicators]
    unknown = sorted(set(ratings) - set(ids))
    if unknown:
        raise DataError(t("lessons.reg.err.unknown", value=", ".join(map(str, unknown)),
                          choices=", ".join(ids)))
    missing = [i for i in ids if i not in ratings]
    if missing:
        raise DataError(t("lessons.reg.err.missing", value=", ".join(missing)))
    clean = {}
    for key in ids:
        value = ratings[key]
        is_number = isinstance(value, (int, float)) and not isinstance(value, bool)
        if not is_number or not SCALE_MIN <= value <= SCALE_MAX:
            raise DataError(t("lessons.reg.err.range", value=value, lo=SCALE_MIN, hi=SCALE_MAX), item=key)
        clean[key] = float(value)
    return clean


def zone_of(score: float) -> str:
    """The zone a 0–100 score falls in."""
    for name, low, high in ZONES:
        if low <= score < high:
            return name
    return ZONES[-1][0]


def position(ratings: dict, indicators=INDICATORS) -> Position:
    """Place a rated situation on the continuum and explain why.

    The score is the weighted mean rating, scaled to 0–100. Ratings of 0–1 pull toward
    instrumentalisation (with a lever to renegotiate), 3–4 toward co-construction; a 2 is neutral.
    Reasons come strongest first.
    """
    clean = validate_ratings(ratings, indicators)
    total_weight = sum(i["poids"] for i in indicators)
    if total_weight <= 0:
        raise DataError(t("lessons.reg.err.weights"))
    mean = sum(clean[i["id"]] * i["poids"] for i in indicators) / total_weight
    score = round(100 * (mean - SCALE_MIN) / (SCALE_MAX - SCALE_MIN), 1)
    reasons = []
    for indicator in indicators:
        key, value = indicator["id"], clean[indicator["id"]]
        if value <= MIDDLE - 1:
            reasons.append(Reason(key, value, "instrumentalisation",
                                  t("lessons.reg.reason.low", indicator=label(key),
                                    anchor=t(f"lessons.reg.ind.{key}.low")),
                                  t(f"lessons.reg.ind.{key}.lever")))
        elif value >= MIDDLE + 1:
            reasons.append(Reason(key, value, "coconstruction",
                                  t("lessons.reg.reason.high", indicator=label(key),
                                    anchor=t(f"lessons.reg.ind.{key}.high"))))
    order = {i["id"]: n for n, i in enumerate(indicators)}
    reasons.sort(key=lambda r: (-abs(r.rating - MIDDLE), order[r.indicator]))
    return Position(score, zone_of(score), reasons)


def mean_ratings(frame, case: str, actor_type: str | None = None) -> dict[str, float]:
    """Mean rating per indicator in the ``registres_cotes`` dataset, for one case (and actor type)."""
    rows = frame[frame["cas"] == case]
    if actor_type is not None:
        rows = rows[rows["type_acteur"] == actor_type]
    if rows.empty:
        raise DataError(t("lessons.reg.err.no_rows", case=case, actor=actor_type or "—"))
    means = rows.groupby("indicateur")["cote"].mean()
    return {key: round(float(means[key]), 3) for key in INDICATOR_IDS if key in means.index}


def positions_frame(positions: dict[str, Position]):
    """One row per named situation: its score and zone (for the continuum chart)."""
    import pandas as pd

    return pd.DataFrame([{"situation": name, "score": p.score, "zone": p.zone_label}
                         for name, p in positions.items()], columns=["situation", "score", "zone"])


def continuum_chart(positions: dict[str, Position], *, width: int = 620):
    """The instrumentalisation ↔ co-construction line, with each named situation placed on it."""
    import altair as alt
    import pandas as pd

    zones = pd.DataFrame([{"zone": t(f"lessons.reg.zone.{n}"), "debut": lo, "fin": hi}
                          for n, lo, hi in ZONES])
    x = alt.X("debut:Q", scale=alt.Scale(domain=[0, 100]), title=t("lessons.reg.chart.axis"))
    bands = alt.Chart(zones).mark_rect(opacity=0.18).encode(
        x=x, x2="fin:Q",
        color=alt.Color("zone:N", legend=None,
                        scale=alt.Scale(domain=list(zones["zone"]), range=ZONE_COLOURS)))
    band_text = alt.Chart(zones).mark_text(baseline="top", dy=4, fontSize=11, fontWeight="bold",
                                           color="#333").encode(
        x=alt.X("milieu:Q", scale=alt.Scale(domain=[0, 100])), y=alt.value(0), text="zone:N",
    ).transform_calculate(milieu="(datum.debut + datum.fin) / 2")
    points_data = positions_frame(positions)
    y = alt.Y("situation:N", title=None, axis=None, scale=alt.Scale(paddingOuter=1))
    points = alt.Chart(points_data).mark_point(size=180, filled=True, shape="diamond").encode(
        x=alt.X("score:Q", scale=alt.Scale(domain=[0, 100])), y=y,
        color=alt.Color("situation:N", title=t("lessons.reg.chart.situation")),
        tooltip=[alt.Tooltip("situation:N", title=t("lessons.reg.chart.situation")),
                 alt.Tooltip("score:Q", title=t("lessons.reg.chart.score")), alt.Tooltip("zone:N")])
    names = alt.Chart(points_data).mark_text(align="left", dx=10, fontSize=11).encode(
        x=alt.X("score:Q", scale=alt.Scale(domain=[0, 100])), y=y, text="situation:N")
    layered = (bands + band_text + points + names).properties(
        width=width, height=max(160, 34 * (len(points_data) + 2)), title=t("lessons.reg.chart.title"))
    return layered.resolve_scale(color="independent")


def profile_chart(ratings_by_situation: dict[str, dict[str, float]]):
    """Ratings indicator by indicator, one colour per situation (to see *where* two cases differ)."""
    import altair as alt
    import pandas as pd

    rows = [{"situation": name, "indicateur": label(key), "cote": value}
            for name, ratings in ratings_by_situation.items() for key, value in ratings.items()]
    frame = pd.DataFrame(rows, columns=["situation", "indicateur", "cote"])
    return alt.Chart(frame, title=t("lessons.reg.chart.profile")).mark_point(size=120, filled=True).encode(
        y=alt.Y("indicateur:N", title=None, sort=[label(k) for k in INDICATOR_IDS]),
        x=alt.X("cote:Q", scale=alt.Scale(domain=[SCALE_MIN, SCALE_MAX]), title=t("lessons.reg.chart.rating"),
                axis=alt.Axis(tickCount=5)),
        color=alt.Color("situation:N", title=t("lessons.reg.chart.situation")),
        shape=alt.Shape("situation:N", title=t("lessons.reg.chart.situation")),
        tooltip=["situation:N", "indicateur:N", "cote:Q"],
    ).properties(width=420)


def reasons_html(result: Position) -> str:
    """The position, its reasons and the levers, as HTML for the widget (and the notebook)."""
    from html import escape

    headline = t("lessons.reg.widget.result", score=f"{result.score:.0f}", zone=result.zone_label)
    parts = [f"<p><b>{escape(headline)}</b></p>"]
    if result.reasons:
        items = "".join(f"<li>{'⬅' if r.direction == 'instrumentalisation' else '➡'} {escape(r.text)}</li>"
                        for r in result.reasons)
        parts.append(f"<p>{escape(t('lessons.reg.widget.why'))}</p><ul>{items}</ul>")
    else:
        parts.append(f"<p>{escape(t('lessons.reg.widget.all_middle'))}</p>")
    if result.levers:
        items = "".join(f"<li>{escape(lever)}</li>" for lever in result.levers)
        parts.append(f"<p>{escape(t('lessons.reg.widget.levers'))}</p><ul>{items}</ul>")
    parts.append(f"<p><i>{escape(t('lessons.reg.widget.caveat'))}</i></p>")
    return "".join(parts)


class RegistersGrid:
    """Seven sliders to rate a situation; « Placer » puts it on the continuum with its reasons.

    Each situation of :attr:`situation` keeps its own ratings, so two cases can be compared on one
    chart. State lives in :attr:`ratings` and :attr:`results` (testable headless).
    """

    def __init__(self, situations=None):
        import ipywidgets as widgets

        names = list(situations or [t("lessons.reg.widget.case1"), t("lessons.reg.widget.case2"),
                                    t("lessons.reg.widget.mine")])
        self.ratings: dict[str, dict[str, int]] = {}
        self.results: dict[str, Position] = {}
        self.situation = widgets.Dropdown(options=names, value=names[0],
                                          description=t("lessons.reg.widget.situation"),
                                          style={"description_width": "initial"},
                                          layout=widgets.Layout(width="460px"))
        self.sliders = {}
        rows = []
        for key in INDICATOR_IDS:
            slider = widgets.IntSlider(value=int(MIDDLE), min=SCALE_MIN, max=SCALE_MAX, step=1,
                                       description="", continuous_update=False,
                                       layout=widgets.Layout(width="260px"))
            self.sliders[key] = slider
            rows.append(widgets.VBox([
                widgets.HTML(f"<b>{label(key)}</b>"),
                widgets.HBox([widgets.HTML(f"<small>0 : {t(f'lessons.reg.ind.{key}.low')}</small>",
                                           layout=widgets.Layout(width="260px")),
                              slider,
                              widgets.HTML(f"<small>4 : {t(f'lessons.reg.ind.{key}.high')}</small>",
                                           layout=widgets.Layout(width="260px"))]),
            ]))
        self.place_button = widgets.Button(description=t("lessons.reg.widget.place"), button_style="primary",
                                           icon="map-marker", layout=widgets.Layout(width="auto"))
        self.report = widgets.HTML()
        self.output = widgets.Output()
        self.chart = None
        self.situation.observe(self._situation_changed, names="value")
        self.place_button.on_click(self.place)
        self.widget = widgets.VBox([self.situation, *rows, self.place_button, self.output, self.report])

    def current(self) -> dict[str, int]:
        """The ratings the sliders show now."""
        return {key: int(s.value) for key, s in self.sliders.items()}

    def _situation_changed(self, change):
        saved = self.ratings.get(change["new"])
        for key, slider in self.sliders.items():
            slider.value = saved[key] if saved else int(MIDDLE)
        self.report.value = reasons_html(self.results[change["new"]]) if change["new"] in self.results else ""

    def place(self, _button=None) -> Position:
        """Score the current situation, keep it, redraw the chart with every situation placed so far."""
        from IPython.display import display

        name = self.situation.value
        self.ratings[name] = self.current()
        result = position(self.ratings[name])
        self.results[name] = result
        self.report.value = reasons_html(result)
        self.chart = continuum_chart(self.results)
        self.output.clear_output(wait=True)
        with self.output:
            display(self.chart)
            if len(self.ratings) > 1:
                display(profile_chart(self.ratings))
        return result

    def _ipython_display_(self):
        from IPython.display import display

        display(self.widget)


def registers_grid(situations=None) -> RegistersGrid:
    """Build notebook 03's diagnostic grid widget."""
    return RegistersGrid(situations)
