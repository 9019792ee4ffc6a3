"""Thin front end of notebook 05: French tables, Altair charts and the redesign widget over
:mod:`.recomposition` (itself over the network tool's model and rules)."""

from __future__ import annotations

from ocworkbook.charts import NARROW_WIDTH
from ocworkbook.i18n import t
from ocworkbook.tools import network

from . import recomposition as model
from .display import Html, Table, fr_number, summary_html

territory_from_datasets = model.territory_from_datasets


def _labels(case, key, code):
    return case[key].get(str(code), str(code)) if code is not None else "—"


def load_frame(territory, case=None):
    """One row per actor: name, sector, size (readable), seats and hours per year."""
    import pandas as pd

    case = case or model.load_case()
    load = network.actor_load(territory)
    return pd.DataFrame([{"acteur_id": a, "nom": row.get("nom", a),
                          "secteur": _labels(case, "secteurs", row.get("secteur")),
                          "taille": _labels(case, "tailles", row.get("taille")), "sieges": load[a]["sieges"],
                          "heures": load[a]["heures"] or 0.0} for a, row in territory.actors.items()])


def tables_table(tables, case=None) -> Table:
    """The territory's tables with French headers and readable codes."""
    case = case or model.load_case()
    return Table(tables, {"table_id": t("lessons.recomposition.col.table_id"),
                          "nom": t("lessons.recomposition.col.name"),
                          "logique": t("lessons.recomposition.col.logic"),
                          "bailleur": t("lessons.recomposition.col.funder"),
                          "heures_par_an": t("lessons.recomposition.col.hours")},
                 values={"logique": case["logiques"], "bailleur": case["bailleurs"]}, decimals={"heures_par_an": 0})


def load_chart(territory, top: int | None = None, case=None):
    """Bars of the ``top`` heaviest loads (the case's number by default), coloured by sector."""
    import altair as alt

    case = case or model.load_case()
    top = top or case["charge_top"]
    frame = load_frame(territory, case).sort_values("heures", ascending=False).head(top)
    return (
        alt.Chart(frame, title=t("lessons.recomposition.chart.load_title", n=top))
        .mark_bar()
        .encode(
            y=alt.Y("nom:N", sort="-x", title=None, axis=alt.Axis(labelLimit=0)),
            x=alt.X("heures:Q", title=t("lessons.recomposition.chart.hours")),
            color=alt.Color("secteur:N", title=t("lessons.recomposition.chart.sector"),
                            legend=alt.Legend(labelLimit=0)),
            tooltip=[alt.Tooltip("nom:N", title=t("lessons.recomposition.col.actor")),
                     alt.Tooltip("secteur:N", title=t("lessons.recomposition.chart.sector")),
                     alt.Tooltip("taille:N", title=t("lessons.recomposition.col.size")),
                     alt.Tooltip("sieges:Q", title=t("lessons.recomposition.col.seats")),
                     alt.Tooltip("heures:Q", title=t("lessons.recomposition.chart.hours"), format=".0f")],
        )
        .properties(width=NARROW_WIDTH)
    )


def overlap_chart(territory):
    """Heat map of the number of actors shared by each pair of tables (table codes, names in the tooltip)."""
    import altair as alt
    import pandas as pd

    members = {x: territory.members(x) for x in territory.tables}
    rows = []
    for a in sorted(members):
        for b in sorted(members):
            shared = len(members[a] & members[b]) if a != b else 0
            if shared:
                rows.append({"table_a": a, "table_b": b, "nom_a": territory.name(a), "nom_b": territory.name(b),
                             "communs": shared})
    frame = pd.DataFrame(rows, columns=["table_a", "table_b", "nom_a", "nom_b", "communs"])
    return (
        alt.Chart(frame, title=t("lessons.recomposition.chart.overlap_title"))
        .mark_rect()
        .encode(
            x=alt.X("table_a:N", title=None), y=alt.Y("table_b:N", title=None),
            color=alt.Color("communs:Q", title=t("lessons.recomposition.chart.shared"), scale=alt.Scale(scheme="blues"),
                            legend=alt.Legend(format="d")),
            tooltip=[alt.Tooltip("nom_a:N", title=t("lessons.recomposition.col.table")),
                     alt.Tooltip("nom_b:N", title=t("lessons.recomposition.col.other_table")),
                     alt.Tooltip("communs:Q", title=t("lessons.recomposition.chart.shared"))],
        )
        .properties(width=380, height=380)
    )


def network_summary(territory) -> Html:
    """Density and degree centralization, as a sentence with French numbers."""
    m = network.analyse_territory(territory).measures
    return summary_html([t("lessons.recomposition.network_line", density=fr_number(m["density"], 2),
                           centralization=fr_number(m["degree_centralization"], 2))])


def bridges_table(territory, top: int = 6, case=None) -> Table:
    """The actors who bridge the most, with French headers and numbers."""
    case = case or model.load_case()
    frame = model.bridges(territory, top)
    return Table(frame, {"nom": t("lessons.recomposition.col.actor"),
                         "secteur": t("lessons.recomposition.col.sector"),
                         "tables": t("lessons.recomposition.col.tables"),
                         "intermediarite": t("lessons.recomposition.col.betweenness"),
                         "courtage_intersectoriel": t("lessons.recomposition.col.brokerage")},
                 values={"secteur": case["secteurs"]}, decimals={"intermediarite": 3, "courtage_intersectoriel": 0})


def measure_label(key: str, case=None) -> str:
    if key == "charge_groupe_suivi":
        return (case or model.load_case())["groupe_suivi"]["libelle"]
    return t(f"lessons.recomposition.measure.{key}")


def measures_frame(before, after, case=None):
    """Measures side by side (before, after, difference) with French labels (raw numbers)."""
    import pandas as pd

    case = case or model.load_case()
    m_before, m_after = model.measures(before, case), model.measures(after, case)
    return pd.DataFrame([{"mesure": measure_label(key, case), "avant": m_before[key], "apres": m_after[key],
                          "ecart": round(m_after[key] - m_before[key], 4)} for key in model.MEASURE_KEYS],
                        columns=["mesure", "avant", "apres", "ecart"])


DECIMALS = {"densite": 2, "centralisation": 2}


def measures_table(before, after, case=None) -> Table:
    """:func:`measures_frame` as a French table: « 0,33 », « 2 985 », « −12 »."""
    frame = measures_frame(before, after, case)
    decimals = [DECIMALS.get(key, 1 if key.startswith(("heures", "charge")) else 0) for key in model.MEASURE_KEYS]
    rows = frame.assign(
        avant=[fr_number(v, d) for v, d in zip(frame["avant"], decimals, strict=True)],
        apres=[fr_number(v, d) for v, d in zip(frame["apres"], decimals, strict=True)],
        ecart=[fr_number(v, d, signed=True) for v, d in zip(frame["ecart"], decimals, strict=True)])
    return Table(rows, {"mesure": t("lessons.recomposition.col.measure"),
                        "avant": t("lessons.recomposition.col.before"),
                        "apres": t("lessons.recomposition.col.after"), "ecart": t("lessons.recomposition.col.diff")},
                 numeric=("avant", "apres", "ecart"))


def group_load_frame(before, after, case=None):
    """Mean hours per year by sector and size, before and after (actors who still sit somewhere)."""
    import pandas as pd

    case = case or model.load_case()
    frames = []
    for label, territory in ((t("lessons.recomposition.col.before"), before),
                             (t("lessons.recomposition.col.after"), after)):
        frame = load_frame(territory, case)
        frame = frame[frame.sieges > 0]
        grouped = frame.groupby(["secteur", "taille"], as_index=False).heures.mean()
        grouped["etat"] = label
        frames.append(grouped)
    result = pd.concat(frames, ignore_index=True)
    result["groupe"] = result.secteur + " · " + result.taille
    result["heures"] = result.heures.round(1)
    return result


def group_load_chart(before, after, case=None):
    """Mean load per sector and size, before and after the redesign."""
    import altair as alt

    frame = group_load_frame(before, after, case)
    order = [t("lessons.recomposition.col.before"), t("lessons.recomposition.col.after")]
    return (
        alt.Chart(frame, title=t("lessons.recomposition.chart.group_title"))
        .mark_bar()
        .encode(
            y=alt.Y("groupe:N", title=None, axis=alt.Axis(labelLimit=0)),
            x=alt.X("heures:Q", title=t("lessons.recomposition.chart.mean_hours")),
            color=alt.Color("etat:N", title=None, sort=order, scale=alt.Scale(domain=order,
                                                                              range=["#0072B2", "#E69F00"])),
            yOffset=alt.YOffset("etat:N", sort=order),
            tooltip=[alt.Tooltip("groupe:N", title=t("lessons.recomposition.col.group")),
                     alt.Tooltip("etat:N", title=t("lessons.recomposition.col.state")),
                     alt.Tooltip("heures:Q", title=t("lessons.recomposition.chart.mean_hours"), format=".1f")],
        )
        .properties(width=NARROW_WIDTH)
    )


def table_of_tables_view(territory, case=None):
    """The prefect's « table des tables »: who would be delegated, and the measures before and after."""
    from IPython.display import display

    case = case or model.load_case()
    after, delegates = model.table_of_tables(territory, case)
    names = ", ".join(territory.actors[a].get("nom", a) for a in delegates)
    display(summary_html([t("lessons.recomposition.delegates", names=names)]))
    return measures_table(territory, after, case)


OPERATIONS = ("merge", "link", "coordinate")
CASE_KEYS = {"merge": "fusionner", "link": "lier", "coordinate": "coordonner"}


class RedesignWidget:
    """Pick an operation and tables, apply it, and watch the measures and the loads change.

    State: :attr:`current` (the territory now) and :attr:`log` (the operations applied), testable headless.
    """

    def __init__(self, territory, case=None):
        import ipywidgets as widgets

        self.case = case or model.load_case()
        self.start = self.current = territory
        self.log: list[str] = []
        self.count = 0
        self.operation = widgets.ToggleButtons(
            options=[(t(f"lessons.recomposition.op.{op}"), op) for op in OPERATIONS],
            tooltips=[self.case[CASE_KEYS[op]]["aide"] for op in OPERATIONS], style={"button_width": "auto"})
        self.picker = widgets.SelectMultiple(rows=8, layout=widgets.Layout(width="100%", max_width="46em"),
                                             description=t("lessons.recomposition.ui.tables"))
        self.apply_button = widgets.Button(description=t("lessons.recomposition.ui.apply"), button_style="primary",
                                           layout=widgets.Layout(width="auto"))
        self.reset_button = widgets.Button(description=t("lessons.recomposition.ui.reset"),
                                           layout=widgets.Layout(width="auto"))
        self.help_text = widgets.HTML()
        self.message = widgets.HTML()
        self.out = widgets.Output()
        self.apply_button.on_click(lambda _b: self.apply())
        self.reset_button.on_click(lambda _b: self.reset())
        self.operation.observe(lambda _c: self.show(), names="value")
        self.widget = widgets.VBox([widgets.HTML(f"<b>{t('lessons.recomposition.ui.operation')}</b>"), self.operation,
                                    self.help_text, self.picker, widgets.HBox([self.apply_button, self.reset_button]),
                                    self.message, self.out], layout=widgets.Layout(width="100%"))
        self.show()

    def options(self):
        return [(f"{tid} — {row.get('nom', tid)}", tid) for tid, row in sorted(self.current.tables.items())]

    def apply(self, tables=None, operation: str | None = None):
        """Apply ``operation`` (the selected one by default) to ``tables`` (the selected ones by default)."""
        from ocworkbook.errors import DataError

        chosen = list(tables if tables is not None else self.picker.value)
        operation = operation or self.operation.value
        try:
            if operation == "merge":
                new_id = f"F{self.count + 1:02d}"
                self.current = model.apply(self.current, "merge", chosen, self.case, new_id=new_id)
                self.count += 1
                line = t("lessons.recomposition.log.merge", tables=", ".join(chosen), new=new_id)
            elif operation == "link":
                self.current = model.apply(self.current, "link", chosen, self.case)
                line = t("lessons.recomposition.log.link", keep=chosen[0], follow=chosen[1])
            else:
                self.current = model.apply(self.current, "coordinate", chosen, self.case)
                line = t("lessons.recomposition.log.coordinate", tables=", ".join(chosen))
        except DataError as error:
            self.show(t("lessons.recomposition.err.prefix", message=error.message))
            return None
        self.log.append(line)
        self.show()
        return self.current

    def reset(self):
        self.current, self.log, self.count = self.start, [], 0
        self.show()

    def show(self, message: str | None = None):
        from html import escape

        from IPython.display import display

        self.picker.options = self.options()
        self.help_text.value = f"<i>{escape(self.case[CASE_KEYS[self.operation.value]]['aide'])}</i>"
        lines = ([f"<p style='color:#A0410D'><b>{escape(message)}</b></p>"] if message else [])
        if self.log:
            lines.append("<ul>" + "".join(f"<li>{escape(line)}</li>" for line in self.log) + "</ul>")
        self.message.value = "".join(lines)
        self.out.clear_output(wait=True)
        with self.out:
            display(measures_table(self.start, self.current, self.case))
            display(group_load_chart(self.start, self.current, self.case))

    def _ipython_display_(self):
        from IPython.display import display

        display(self.widget)


def redesign_widget(territory, case=None) -> RedesignWidget:
    """The simulator of notebook 05 (displays itself as the last value of a cell)."""
    return RedesignWidget(territory, case)
