"""Thin front end of notebook 05: frames, Altair charts and a redesign widget over :mod:`.recomposition`."""

from __future__ import annotations

from ocworkbook.i18n import t

from . import recomposition as model

MEASURE_KEYS = ("tables", "sieges", "heures_totales", "charge_max", "charge_petits_communautaires",
                "densite", "centralisation", "liaisons")


def territory_from_datasets(actors, tables, seats) -> model.Territory:
    """Build the territory from the three DataFrames of notebook 05."""
    return model.territory_from_records(actors.to_dict("records"), tables.to_dict("records"),
                                        seats.to_dict("records"))


def load_frame(territory: model.Territory):
    """One row per actor: name, sector, size, seats and hours per year."""
    import pandas as pd

    load = model.actor_load(territory)
    return pd.DataFrame([{"acteur_id": a, "nom": row.get("nom", a), "secteur": row.get("secteur"),
                          "taille": row.get("taille"), **load[a]} for a, row in territory.actors.items()])


def load_chart(territory: model.Territory, top: int = 20):
    """Bars of the ``top`` heaviest loads, coloured by sector."""
    import altair as alt

    frame = load_frame(territory).sort_values("heures", ascending=False).head(top)
    return (
        alt.Chart(frame, title=t("lessons.recomposition.chart.load_title", n=top))
        .mark_bar()
        .encode(
            y=alt.Y("nom:N", sort="-x", title=None),
            x=alt.X("heures:Q", title=t("lessons.recomposition.chart.hours")),
            color=alt.Color("secteur:N", title=t("lessons.recomposition.chart.sector")),
            tooltip=["nom:N", "secteur:N", "taille:N", "sieges:Q", "heures:Q"],
        )
        .properties(width=360)
    )


def overlap_chart(territory: model.Territory):
    """Heat map of the number of actors shared by each pair of tables."""
    import altair as alt
    import pandas as pd

    rows = []
    for (a, b), shared in model.table_overlap(territory).items():
        rows += [{"table_a": a, "table_b": b, "communs": shared}, {"table_a": b, "table_b": a, "communs": shared}]
    frame = pd.DataFrame(rows, columns=["table_a", "table_b", "communs"])
    return (
        alt.Chart(frame, title=t("lessons.recomposition.chart.overlap_title"))
        .mark_rect()
        .encode(
            x=alt.X("table_a:N", title=None), y=alt.Y("table_b:N", title=None),
            color=alt.Color("communs:Q", title=t("lessons.recomposition.chart.shared"),
                            scale=alt.Scale(scheme="blues")),
            tooltip=["table_a:N", "table_b:N", "communs:Q"],
        )
        .properties(width=320, height=320)
    )


def measures_frame(before: model.Territory, after: model.Territory):
    """Measures side by side (before, after, difference) with French labels."""
    import pandas as pd

    m_before, m_after = model.measures(before), model.measures(after)
    return pd.DataFrame([
        {t("lessons.recomposition.col.measure"): t(f"lessons.recomposition.measure.{key}"),
         t("lessons.recomposition.col.before"): m_before[key],
         t("lessons.recomposition.col.after"): m_after[key],
         t("lessons.recomposition.col.diff"): round(m_after[key] - m_before[key], 4)}
        for key in MEASURE_KEYS
    ])


def group_load_frame(before: model.Territory, after: model.Territory):
    """Mean hours per year by sector and size, before and after (actors who still sit somewhere)."""
    import pandas as pd

    frames = []
    for label, territory in ((t("lessons.recomposition.col.before"), before),
                             (t("lessons.recomposition.col.after"), after)):
        frame = load_frame(territory)
        frame = frame[frame.sieges > 0]
        grouped = frame.groupby(["secteur", "taille"], as_index=False).heures.mean()
        grouped["etat"] = label
        frames.append(grouped)
    result = pd.concat(frames, ignore_index=True)
    result["groupe"] = result.secteur + " · " + result.taille
    result["heures"] = result.heures.round(1)
    return result


def group_load_chart(before: model.Territory, after: model.Territory):
    """Mean load per sector and size, before and after the redesign."""
    import altair as alt

    frame = group_load_frame(before, after)
    order = [t("lessons.recomposition.col.before"), t("lessons.recomposition.col.after")]
    return (
        alt.Chart(frame, title=t("lessons.recomposition.chart.group_title"))
        .mark_bar()
        .encode(
            y=alt.Y("groupe:N", title=None),
            x=alt.X("heures:Q", title=t("lessons.recomposition.chart.mean_hours")),
            color=alt.Color("etat:N", title=None, sort=order, scale=alt.Scale(domain=order)),
            yOffset=alt.YOffset("etat:N", sort=order),
            tooltip=["groupe:N", "etat:N", "heures:Q"],
        )
        .properties(width=360)
    )


def redesign_widget(territory: model.Territory):
    """Pick an operation and tables, apply it, and watch the measures and the loads change."""
    import ipywidgets as widgets
    from IPython.display import display

    state = {"current": territory, "log": [], "count": 0}
    operation = widgets.ToggleButtons(
        options=[(t("lessons.recomposition.op.merge"), "merge"), (t("lessons.recomposition.op.link"), "link"),
                 (t("lessons.recomposition.op.coordinate"), "coordinate")],
        description=t("lessons.recomposition.ui.operation"))
    picker = widgets.SelectMultiple(rows=8, layout=widgets.Layout(width="42em"),
                                    description=t("lessons.recomposition.ui.tables"))
    apply_button = widgets.Button(description=t("lessons.recomposition.ui.apply"), button_style="primary",
                                  layout=widgets.Layout(width="auto"))
    reset_button = widgets.Button(description=t("lessons.recomposition.ui.reset"), layout=widgets.Layout(width="auto"))
    help_text = widgets.HTML()
    out = widgets.Output()

    def options_for(current):
        return [(f"{tid} — {row.get('nom', tid)}", tid) for tid, row in sorted(current.tables.items())]

    def show(message=None):
        picker.options = options_for(state["current"])
        help_text.value = f"<i>{t('lessons.recomposition.help.' + operation.value)}</i>"
        out.clear_output(wait=True)
        with out:
            if message:
                print(message)
            for line in state["log"]:
                print("•", line)
            display(measures_frame(territory, state["current"]))
            display(group_load_chart(territory, state["current"]))

    def on_apply(_button):
        chosen = list(picker.value)
        try:
            if operation.value == "merge":
                state["count"] += 1
                new_id = f"F{state['count']:02d}"
                state["current"] = model.merge(state["current"], chosen, new_id)
                line = t("lessons.recomposition.log.merge", tables=", ".join(chosen), new=new_id)
            elif operation.value == "link":
                if len(chosen) != 2:
                    raise model.DataError(t("lessons.recomposition.err.link_two"))
                state["current"] = model.link(state["current"], chosen[0], chosen[1])
                line = t("lessons.recomposition.log.link", keep=chosen[0], follow=chosen[1])
            else:
                state["current"] = model.coordinate(state["current"], chosen)
                line = t("lessons.recomposition.log.coordinate", tables=", ".join(chosen))
        except model.DataError as error:
            show(t("lessons.recomposition.err.prefix", message=error.message))
            return
        state["log"].append(line)
        show()

    def on_reset(_button):
        state.update(current=territory, log=[], count=0)
        show()

    apply_button.on_click(on_apply)
    reset_button.on_click(on_reset)
    operation.observe(lambda _c: show(), names="value")
    show()
    return widgets.VBox([operation, help_text, picker, widgets.HBox([apply_button, reset_button]), out])
