"""Notebook 08: what a scenario's paths look like, in French tables and charts (no pandas index on screen).

The scenario itself is data (``exercises/scenarios/*.yml``) and its engine explores every path
(:mod:`ocworkbook.scenarios.engine`); this module only shows the result.
"""

from __future__ import annotations

from ocworkbook.charts import NARROW_WIDTH
from ocworkbook.i18n import t

from .display import Html, Table, summary_html


def _dimension_columns():
    from ocworkbook.scenarios.charts import dimension_label
    from ocworkbook.scenarios.model import DIMENSIONS

    return {d: dimension_label(d) for d in DIMENSIONS}


def paths_frame(scenario):
    """Every path of the scenario: its ending (title), number of decisions and score per dimension."""
    import pandas as pd

    from ocworkbook.scenarios import engine

    frame = pd.DataFrame(engine.path_table(scenario))
    titles = {ending.id: ending.title for ending in scenario.endings.values()}
    frame["fin_titre"] = frame["fin"].map(titles)
    return frame


def paths_summary(scenario, frame=None) -> Html:
    """« 48 parcours possibles, 4 fins ; aucune impasse. »"""
    from ocworkbook.scenarios import engine

    frame = paths_frame(scenario) if frame is None else frame
    dead = engine.dead_ends(scenario)
    return summary_html([t("lessons.integrateur.paths", n=len(frame), endings=frame["fin"].nunique()),
                         t("lessons.integrateur.no_dead_end") if not dead
                         else t("lessons.integrateur.dead_ends", steps=", ".join(dead))])


def endings_table(frame) -> Table:
    """Per ending: how many paths reach it and their mean score on each dimension."""
    dimensions = _dimension_columns()
    grouped = frame.groupby("fin_titre", as_index=False).agg(
        parcours=("fin", "size"), **{d: (d, "mean") for d in dimensions})
    return Table(grouped, {"fin_titre": t("lessons.integrateur.ending"), "parcours": t("lessons.integrateur.count"),
                           **{d: t("lessons.integrateur.mean", dimension=label) for d, label in dimensions.items()}},
                 decimals={**dict.fromkeys(dimensions, 1), "parcours": 0})


def paths_chart(frame):
    """Every path placed by its co-construction and participation scores, coloured by ending."""
    import altair as alt

    labels = _dimension_columns()
    return alt.Chart(frame).mark_circle(opacity=0.75).encode(
        x=alt.X("coconstruction:Q", title=labels["coconstruction"]),
        y=alt.Y("participation:Q", title=labels["participation"]),
        color=alt.Color("fin_titre:N", title=t("lessons.integrateur.ending"), legend=alt.Legend(labelLimit=0)),
        size=alt.Size("count():Q", title=t("lessons.integrateur.count"), legend=alt.Legend(format="d")),
        tooltip=[alt.Tooltip("fin_titre:N", title=t("lessons.integrateur.ending")),
                 alt.Tooltip("count():Q", title=t("lessons.integrateur.count")),
                 alt.Tooltip("mean(faisabilite):Q", format=".1f",
                             title=t("lessons.integrateur.mean", dimension=labels["faisabilite"]))],
    ).properties(width=440, height=320, title=t("lessons.integrateur.paths_title"))


def group_frame(group, scenario):
    """The workshop dataset with the endings' titles."""
    titles = {ending.id: ending.title for ending in scenario.endings.values()}
    return group.assign(fin_titre=group["fin"].map(titles))


def group_table(group, scenario, rows: int | None = None) -> Table:
    """The workshop's participants, their ending and scores (French headers, no index)."""
    frame = group_frame(group, scenario)
    if rows:
        frame = frame.head(rows)
    dimensions = _dimension_columns()
    return Table(frame, {"participant": t("lessons.integrateur.participant"),
                         "fin_titre": t("lessons.integrateur.ending"), **dimensions})


def group_chart(group, scenario):
    """Each participant's score on the three dimensions, coloured by the ending reached."""
    import altair as alt

    dimensions = _dimension_columns()
    frame = group_frame(group, scenario)
    long = frame.melt(id_vars=["participant", "fin_titre"], value_vars=list(dimensions), var_name="code",
                      value_name="score")
    long["dimension"] = long["code"].map(dimensions)
    return alt.Chart(long).mark_tick(thickness=3, size=22).encode(
        x=alt.X("score:Q", title=t("lessons.integrateur.score")),
        y=alt.Y("dimension:N", title=None, sort=list(dimensions.values()), axis=alt.Axis(labelLimit=0)),
        color=alt.Color("fin_titre:N", title=t("lessons.integrateur.ending"), legend=alt.Legend(labelLimit=0)),
        tooltip=[alt.Tooltip("participant:N", title=t("lessons.integrateur.participant")),
                 alt.Tooltip("fin_titre:N", title=t("lessons.integrateur.ending")),
                 alt.Tooltip("dimension:N", title=t("lessons.integrateur.dimension")),
                 alt.Tooltip("score:Q", title=t("lessons.integrateur.score"))],
    ).properties(width=NARROW_WIDTH, height=160, title=t("lessons.integrateur.group_title", n=len(frame)))
