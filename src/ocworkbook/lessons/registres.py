"""Notebook 03: a diagnostic grid between instrumentalisation and co-construction.

The grid is a questionnaire file (``exercises/questionnaires/03-grille-registres.yml``: its questions,
the meaning of both ends of the scale, the levers, the weights and the bands of the continuum) and the
case is a case file (``datasets/cas/03-ormeaux-horizon.yml``: the situations and the labels of the
``registres_cotes`` dataset). This module is behaviour only: :func:`position` is a pure scoring function
that returns a place on the continuum with its reasons and the levers an organizer can pull; the charts
and :class:`RegistersGrid` only show it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ocworkbook.charts import COLUMN_WIDTH, NARROW_WIDTH
from ocworkbook.errors import DataError
from ocworkbook.i18n import t

from .display import fr_number

GRID = "03-grille-registres"
CASE = "03-ormeaux-horizon"
#: Colours of the bands from the lowest to the highest (orange, not yellow: readable on white).
BAND_COLOURS = ("#D55E00", "#E69F00", "#009E73", "#0072B2", "#CC79A7")


def load_grid(root=None):
    """The grid of notebook 03 (a :class:`~ocworkbook.questionnaires.Questionnaire`)."""
    from ocworkbook.questionnaires import find_questionnaire

    return find_questionnaire(GRID, root)


def load_case(root=None):
    """The case file of notebook 03 (situations and labels)."""
    from .cases import find_case

    return find_case(CASE, root, activity="registres")


@dataclass
class Reason:
    """Why a situation leans one way on one indicator, and what can be done about it."""

    indicator: str
    rating: float
    direction: str  # "bas" (toward the scale minimum) or "haut" (toward the maximum)
    text: str
    lever: str | None = None


@dataclass
class Position:
    """A situation's place on the continuum (0 = scale minimum, 100 = scale maximum)."""

    score: float
    zone: str | None          # the band's label
    zone_index: int | None    # its rank, from the lowest band (0)
    reasons: list[Reason] = field(default_factory=list)

    @property
    def levers(self) -> list[str]:
        return [r.lever for r in self.reasons if r.lever]

    @property
    def zone_label(self) -> str:
        return self.zone or "—"


def _pulls(grid, value: float) -> str | None:
    quarter = (grid.scale.high - grid.scale.low) / 4
    if value <= grid.scale.middle - quarter:
        return "bas"
    if value >= grid.scale.middle + quarter:
        return "haut"
    return None


def position(ratings: dict, grid=None) -> Position:
    """Place a rated situation on the continuum and explain why.

    The score is the weighted mean rating, scaled to 0–100. A rating in the lowest quarter of the scale
    pulls toward the minimum (with the item's lever), in the highest quarter toward the maximum; the
    middle is neutral. Reasons come strongest first, then in the order of the grid.
    """
    grid = grid or load_grid()
    clean = grid.check_ratings(ratings, complete=True)
    mean = grid.weighted_mean(clean)
    score = grid.position(mean)
    bands = sorted(grid.bands, key=lambda b: b.low)
    band = grid.band(mean)
    reasons = []
    for item in grid.items:
        value = grid.scored(item, clean[item.id])
        pull = _pulls(grid, value)
        if pull == "bas":
            reasons.append(Reason(item.id, value, pull, t("lessons.reg.reason.low", indicator=item.text,
                                                          anchor=item.low_anchor or ""), item.lever))
        elif pull == "haut":
            reasons.append(Reason(item.id, value, pull, t("lessons.reg.reason.high", indicator=item.text,
                                                          anchor=item.high_anchor or "")))
    order = {item.id: n for n, item in enumerate(grid.items)}
    reasons.sort(key=lambda r: (-abs(r.rating - grid.scale.middle), order[r.indicator]))
    return Position(score, band.label if band else None, bands.index(band) if band else None, reasons)


def mean_ratings(frame, case: str, actor_type: str | None = None, grid=None) -> dict[str, float]:
    """Mean rating per indicator in the ``registres_cotes`` dataset, for one case (and actor type)."""
    grid = grid or load_grid()
    rows = frame[frame["cas"] == case]
    if actor_type is not None:
        rows = rows[rows["type_acteur"] == actor_type]
    if rows.empty:
        raise DataError(t("lessons.reg.err.no_rows", case=case, actor=actor_type or "—"))
    means = rows.groupby("indicateur")["cote"].mean()
    return {key: round(float(means[key]), 3) for key in grid.item_ids if key in means.index}


def case_positions(frame, grid=None, case=None) -> dict[str, Position]:
    """Each case of the dataset, seen by each type of respondent: « Ormeaux — bailleur » → its position."""
    grid, case = grid or load_grid(), case or load_case()
    names, types = case["situations"], case["types_acteurs"]
    positions = {}
    for code in names:
        for actor_type in sorted(set(frame.loc[frame["cas"] == code, "type_acteur"])):
            label = f"{_short_situation(names[code])} — {types.get(actor_type, actor_type)}"
            positions[label] = position(mean_ratings(frame, code, actor_type, grid), grid)
    return positions


def _short_situation(name: str) -> str:
    """« Cas 1 — Les Ormeaux (fictif) » → « Les Ormeaux » (the chart already says the cases are fictional)."""
    text = name.split(" — ", 1)[-1]
    return text.replace("(fictif)", "").replace("(fictive)", "").strip()


def positions_frame(positions: dict[str, Position]):
    """One row per named situation: its score and band (for the continuum chart)."""
    import pandas as pd

    return pd.DataFrame([{"situation": name, "score": p.score, "position": fr_number(p.score, 0), "zone": p.zone_label}
                         for name, p in positions.items()], columns=["situation", "score", "position", "zone"])


def _bands_frame(grid):
    import pandas as pd

    bands = sorted(grid.bands, key=lambda b: b.low)
    return pd.DataFrame([{"zone": b.label, "debut": grid.position(b.low), "fin": grid.position(b.high)}
                         for b in bands], columns=["zone", "debut", "fin"])


def _pole(grid, value) -> str:
    return grid.scale.label(value) or str(value)


def continuum_chart(positions: dict[str, Position], grid=None, *, width: int = COLUMN_WIDTH):
    """The continuum from 0 to 100, its bands, and each named situation placed on it."""
    import altair as alt

    grid = grid or load_grid()
    zones = _bands_frame(grid)
    axis_title = t("lessons.reg.chart.axis", low=_pole(grid, grid.scale.low), high=_pole(grid, grid.scale.high))
    scale = alt.Scale(domain=[0, 100])
    bands = alt.Chart(zones).mark_rect(opacity=0.22).encode(
        x=alt.X("debut:Q", scale=scale, title=axis_title), x2="fin:Q",
        color=alt.Color("zone:N", legend=None, sort=None,
                        scale=alt.Scale(domain=list(zones["zone"]), range=list(BAND_COLOURS[:len(zones)]))))
    band_text = alt.Chart(zones).mark_text(baseline="top", dy=4, fontSize=12, fontWeight="bold",
                                           color="#333").encode(
        x=alt.X("milieu:Q", scale=scale), y=alt.value(0), text="zone:N",
    ).transform_calculate(milieu="(datum.debut + datum.fin) / 2")
    points_data = positions_frame(positions)
    y = alt.Y("situation:N", title=None, axis=None, sort=None, scale=alt.Scale(paddingOuter=1))
    tooltip = [alt.Tooltip("situation:N", title=t("lessons.reg.chart.situation")),
               alt.Tooltip("position:N", title=t("lessons.reg.chart.score")),
               alt.Tooltip("zone:N", title=t("lessons.reg.chart.zone"))]
    points = alt.Chart(points_data).mark_point(size=180, filled=True, shape="diamond").encode(
        x=alt.X("score:Q", scale=scale), y=y,
        color=alt.Color("situation:N", title=t("lessons.reg.chart.situation"), sort=None, legend=None),
        tooltip=tooltip)
    names = alt.Chart(points_data).mark_text(align="left", dx=10, fontSize=12, limit=0).encode(
        x=alt.X("score:Q", scale=scale), y=y, text="situation:N")
    layered = (bands + band_text + points + names).properties(
        width=width, height=max(170, 34 * (len(points_data) + 2)), title=grid.title)
    return layered.resolve_scale(color="independent")


def profile_chart(ratings_by_situation: dict[str, dict[str, float]], grid=None, *, width: int = NARROW_WIDTH):
    """Ratings indicator by indicator, one colour per situation (to see *where* two cases differ)."""
    import altair as alt
    import pandas as pd

    grid = grid or load_grid()
    labels = {item.id: item.text for item in grid.items}
    rows = [{"situation": name, "indicateur": labels[key], "cote": value, "cote_affichee": fr_number(value, 1)}
            for name, ratings in ratings_by_situation.items() for key, value in ratings.items() if key in labels]
    frame = pd.DataFrame(rows, columns=["situation", "indicateur", "cote", "cote_affichee"])
    low, high = grid.scale.low, grid.scale.high
    title = t("lessons.reg.chart.rating", low=low, high=high, low_label=_pole(grid, low),
              high_label=_pole(grid, high))
    situation = alt.Color("situation:N", title=t("lessons.reg.chart.situation"), sort=None,
                          legend=alt.Legend(orient="bottom", labelLimit=0))
    return alt.Chart(frame, title=t("lessons.reg.chart.profile")).mark_point(size=130, filled=True).encode(
        y=alt.Y("indicateur:N", title=None, sort=list(labels.values()), axis=alt.Axis(labelLimit=0)),
        x=alt.X("cote:Q", scale=alt.Scale(domain=[low, high]), title=title, axis=alt.Axis(tickCount=high - low + 1,
                                                                                          format="d")),
        color=situation, shape=alt.Shape("situation:N", sort=None, legend=None),
        tooltip=[alt.Tooltip("situation:N", title=t("lessons.reg.chart.situation")),
                 alt.Tooltip("indicateur:N", title=t("lessons.reg.chart.indicator")),
                 alt.Tooltip("cote_affichee:N", title=t("lessons.reg.chart.rating_short"))],
    ).properties(width=width)


def reasons_html(result: Position, grid=None) -> str:
    """The position, its reasons and the levers, as HTML for the widget (and the notebook)."""
    from html import escape

    grid = grid or load_grid()
    headline = t("lessons.reg.widget.result", score=fr_number(result.score, 0), zone=result.zone_label)
    parts = [f"<p><b>{escape(headline)}</b></p>"]
    if result.reasons:
        items = "".join(f"<li>{'⬅' if r.direction == 'bas' else '➡'} {escape(r.text)}</li>" for r in result.reasons)
        parts.append(f"<p>{escape(t('lessons.reg.widget.why'))}</p><ul>{items}</ul>")
    else:
        parts.append(f"<p>{escape(t('lessons.reg.widget.all_middle'))}</p>")
    if result.levers:
        items = "".join(f"<li>{escape(lever)}</li>" for lever in result.levers)
        parts.append(f"<p>{escape(t('lessons.reg.widget.levers'))}</p><ul>{items}</ul>")
    if grid.caveat:
        parts.append(f"<p><i>{escape(grid.caveat)}</i></p>")
    return "".join(parts)


def scale_options(grid) -> list[tuple[str, int]]:
    """The buttons of a rating: « 0 = instrumentalisation », « 1 », … « 4 = coconstruction »."""
    return [(f"{v} = {grid.scale.label(v)}" if grid.scale.label(v) else str(v), v) for v in grid.scale.values]


class RegistersGrid:
    """One row of buttons per question to rate a situation; « Placer » puts it on the continuum.

    Each situation keeps its own ratings, so two cases can be compared on one chart. State lives in
    :attr:`ratings` and :attr:`results` (testable headless); :attr:`inputs` maps each item to its buttons.
    """

    def __init__(self, situations=None, grid=None, case=None, root=None):
        import ipywidgets as widgets

        self.grid = grid or load_grid(root)
        if situations is None:
            case = case or load_case(root)
            situations = [*case["situations"].values(), case["situation_libre"]]
        names = list(situations)
        self.start = int(round(self.grid.scale.middle))
        self.ratings: dict[str, dict[str, int]] = {}
        self.results: dict[str, Position] = {}
        self.situation = widgets.Dropdown(options=names, value=names[0],
                                          description=t("lessons.reg.widget.situation"),
                                          style={"description_width": "initial"},
                                          layout=widgets.Layout(width="100%", max_width="40em"))
        self.inputs = {}
        rows = []
        options = scale_options(self.grid)
        for item in self.grid.items:
            buttons = widgets.ToggleButtons(options=options, value=self.start, style={"button_width": "auto"},
                                            tooltips=[self._tooltip(item, v) for _, v in options])
            self.inputs[item.id] = buttons
            anchors = []
            if item.low_anchor:
                anchors.append(f"{self.grid.scale.low} : {item.low_anchor}")
            if item.high_anchor:
                anchors.append(f"{self.grid.scale.high} : {item.high_anchor}")
            from html import escape

            help_text = "<br>".join(escape(a) for a in anchors)
            rows.append(widgets.VBox([widgets.HTML(f"<b>{escape(item.text)}</b><br><small>{help_text}</small>"),
                                      buttons], layout=widgets.Layout(margin="0 0 0.6em 0")))
        self.place_button = widgets.Button(description=t("lessons.reg.widget.place"), button_style="primary",
                                           icon="map-marker", layout=widgets.Layout(width="auto"))
        self.report = widgets.HTML()
        self.output = widgets.Output()
        self.chart = None
        self.situation.observe(self._situation_changed, names="value")
        self.place_button.on_click(self.place)
        self.widget = widgets.VBox([self.situation, *rows, widgets.HBox([self.place_button]), self.output, self.report],
                                   layout=widgets.Layout(width="100%"))

    @property
    def sliders(self):
        """The rating controls (kept under their former name for older notebooks)."""
        return self.inputs

    def _tooltip(self, item, value) -> str:
        if value == self.grid.scale.low and item.low_anchor:
            return f"{value} : {item.low_anchor}"
        if value == self.grid.scale.high and item.high_anchor:
            return f"{value} : {item.high_anchor}"
        return t("lessons.reg.widget.between", value=value)

    def current(self) -> dict[str, int]:
        """The ratings the buttons show now."""
        return {key: int(s.value) for key, s in self.inputs.items()}

    def _situation_changed(self, change):
        saved = self.ratings.get(change["new"])
        for key, buttons in self.inputs.items():
            buttons.value = saved[key] if saved else self.start
        self.report.value = (reasons_html(self.results[change["new"]], self.grid)
                             if change["new"] in self.results else "")

    def place(self, _button=None) -> Position:
        """Score the current situation, keep it, redraw the chart with every situation placed so far."""
        from IPython.display import display

        name = self.situation.value
        self.ratings[name] = self.current()
        result = position(self.ratings[name], self.grid)
        self.results[name] = result
        self.report.value = reasons_html(result, self.grid)
        self.chart = continuum_chart(self.results, self.grid)
        self.output.clear_output(wait=True)
        with self.output:
            display(self.chart)
            if len(self.ratings) > 1:
                display(profile_chart(self.ratings, self.grid))
        return result

    def _ipython_display_(self):
        from IPython.display import display

        display(self.widget)


def registers_grid(situations=None, root=None) -> RegistersGrid:
    """Build notebook 03's diagnostic grid widget (the grid and the case are read from the workbook)."""
    return RegistersGrid(situations, root=root)


def check_workbook(root) -> list:
    """Cross-checks for ``validate``: every indicator of ``registres_cotes`` is a question of the grid,
    every case and type of respondent of the dataset has a label in the case file."""
    from ocworkbook.data import load
    from ocworkbook.errors import BankError, WorkbookError

    try:
        grid, case = load_grid(root), load_case(root)
        frame = load(case["cotes"], root)
    except WorkbookError:  # reported by the questionnaire, case or dataset checks
        return []
    problems = []
    where = {"path": f"datasets/{case['cotes']}.csv", "column": "indicateur"}
    for value in sorted(set(frame["indicateur"]) - set(grid.item_ids)):
        problems.append(BankError(t("lessons.check.unknown_indicator", value=value, grid=grid.path,
                                    choices=", ".join(grid.item_ids)), **where))
    for item in grid.items:
        if item.id not in set(frame["indicateur"]):
            problems.append(BankError(t("lessons.check.unrated_indicator", value=item.id), path=grid.path,
                                      line=item.line))
    for column, labels, field_name in (("cas", case["situations"], "situations"),
                                       ("type_acteur", case["types_acteurs"], "types_acteurs")):
        for value in sorted(set(frame[column]) - set(labels)):
            problems.append(BankError(t("lessons.check.unlabelled", value=value, column=column, field=field_name),
                                      path=case.path, line=case.lines.get(field_name)))
    return problems
