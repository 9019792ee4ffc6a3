"""Altair charts of a scenario debrief: where the path lands on each dimension, and how it got there."""

from __future__ import annotations

from ocworkbook.i18n import t
from ocworkbook.scenarios.engine import Debrief


def dimension_label(dimension: str) -> str:
    """The readable name of a dimension (« Participation citoyenne »…)."""
    return t(f"scenarios.dim.{dimension}")


def debrief_rows(debrief: Debrief) -> list[dict]:
    """One row per dimension: the path's total and the range any path can reach."""
    return [{"dimension": dimension_label(r.dimension), "score": r.total, "minimum": r.lowest,
             "maximum": r.highest, "niveau": t(f"scenarios.band.{r.band}")} for r in debrief.results]


def debrief_chart(debrief: Debrief):
    """Per dimension, a grey bar for the reachable range and a dot for the learner's total."""
    import altair as alt
    import pandas as pd

    frame = pd.DataFrame(debrief_rows(debrief))
    y = alt.Y("dimension:N", title=None, sort=None)
    ranges = alt.Chart(frame).mark_bar(color="#d0d0d0", height=18).encode(
        y=y, x=alt.X("minimum:Q", title=t("scenarios.chart.score")), x2="maximum:Q",
        tooltip=[alt.Tooltip("dimension:N", title=t("scenarios.chart.dimension")),
                 alt.Tooltip("minimum:Q"), alt.Tooltip("maximum:Q")],
    )
    dots = alt.Chart(frame).mark_point(filled=True, size=220, color="#0b5394").encode(
        y=y, x="score:Q",
        tooltip=[alt.Tooltip("dimension:N", title=t("scenarios.chart.dimension")),
                 alt.Tooltip("score:Q", title=t("scenarios.chart.yours")), alt.Tooltip("niveau:N")],
    )
    return (ranges + dots).properties(title=t("scenarios.chart.title"), width=420, height=150)


def trajectory_chart(rows: list[dict]):
    """Cumulative score per dimension after each decision (rows from ``engine.trajectory``)."""
    import altair as alt
    import pandas as pd

    frame = pd.DataFrame(rows)
    frame["dimension"] = frame["dimension"].map(dimension_label)
    return alt.Chart(frame).mark_line(point=True).encode(
        x=alt.X("rang:O", title=t("scenarios.chart.rank")),
        y=alt.Y("score:Q", title=t("scenarios.chart.score")),
        color=alt.Color("dimension:N", title=t("scenarios.chart.dimension")),
        strokeDash=alt.StrokeDash("dimension:N", title=t("scenarios.chart.dimension")),
        tooltip=["dimension:N", "rang:O", "etape:N", "score:Q"],
    ).properties(title=t("scenarios.chart.trajectory"), width=420, height=200)
