"""Altair charts of the practitioner tools (the workbook theme is applied by ``ocworkbook.setup()``)."""

from __future__ import annotations

from ..i18n import t


def diagnostic_chart(result):
    """Per dimension: overall mean with its 95 % interval, and the mean of each visible partner type."""
    import altair as alt

    overall = result.overall.dropna(subset=["moyenne"])
    low, high = result.instrument.low, result.instrument.high
    y = alt.Y("titre:N", title=None, sort=list(result.instrument.dimensions.values()))
    scale = alt.Scale(domain=[low, high])
    bars = alt.Chart(overall).mark_rule(strokeWidth=2, color="#666").encode(
        y=y, x=alt.X("ic_bas:Q", scale=scale, title=t("tools.chart.score")), x2="ic_haut:Q")
    mean = alt.Chart(overall).mark_tick(thickness=3, size=18, color="#222").encode(
        y=y, x="moyenne:Q", tooltip=["titre", alt.Tooltip("moyenne:Q", format=".2f"), "n"])
    layers = [bars, mean]
    if len(result.by_type):
        by_type = result.by_type.merge(result.overall[["dimension", "titre"]], on="dimension")
        layers.append(alt.Chart(by_type).mark_point(filled=True, size=90).encode(
            y=y, x="moyenne:Q", color=alt.Color("libelle:N", title=t("tools.chart.partner_type")),
            shape="libelle:N", tooltip=["libelle", alt.Tooltip("moyenne:Q", format=".2f"), "n"]))
    return alt.layer(*layers).properties(width=420, title=result.instrument.title)


def network_chart(result, seed: int = 0):
    """The actor–actor projection with a stable (seeded) layout; size = tables, colour = sector."""
    import altair as alt
    import pandas as pd

    from .network import layout

    positions = layout(result.graph, seed)
    nodes = result.actors.copy()
    nodes["x"] = nodes["acteur"].map(lambda a: positions[a][0])
    nodes["y"] = nodes["acteur"].map(lambda a: positions[a][1])
    edges = []
    for index, (a, b, data) in enumerate(sorted(result.graph.edges(data=True))):
        for end in (a, b):
            edges.append({"lien": index, "x": positions[end][0], "y": positions[end][1],
                          "poids": data.get("weight", 1)})
    axis = alt.Axis(labels=False, ticks=False, title=None, grid=False, domain=False)
    lines = alt.Chart(pd.DataFrame(edges, columns=["lien", "x", "y", "poids"])).mark_line(
        color="#999", opacity=0.6).encode(x=alt.X("x:Q", axis=axis), y=alt.Y("y:Q", axis=axis), detail="lien:N",
                                          strokeWidth=alt.StrokeWidth("poids:Q", legend=None))
    colour = (alt.Color("secteur:N", title=t("tools.chart.sector")) if "secteur" in nodes.columns
              else alt.value("#1f77b4"))
    points = alt.Chart(nodes).mark_circle(opacity=0.9).encode(
        x="x:Q", y="y:Q", color=colour, size=alt.Size("tables:Q", title=t("tools.chart.tables")),
        tooltip=["acteur", "tables", alt.Tooltip("intermediarite:Q", format=".3f")])
    labels = alt.Chart(nodes).mark_text(dy=-12, fontSize=10).encode(x="x:Q", y="y:Q", text="acteur:N")
    return alt.layer(lines, points, labels).properties(width=480, height=400)


MAX_CHART_POINTS = 5000  # Altair's default row limit: above it, people are counted per cell of a grid


def opinions_chart(result):
    """Participants on the two axes, coloured by opinion group; people of no shown group are not drawn.

    A hidden group (smaller than the minimum size) is never drawn, not even in grey: its position
    on the map would show how its members voted (privacy rule of :mod:`ocworkbook.tools.privacy`).

    Up to :data:`MAX_CHART_POINTS` people, one dot each; above, one dot per cell of an 80 × 80
    grid and group, sized by the number of people in it, so that the chart (and the HTML report)
    stays light and readable at 10,000 participants.
    """
    import altair as alt

    points = result.points.reset_index()
    points = points[points["group"].notna()].copy()
    points["groupe"] = [t("tools.chart.group", n=int(g) + 1) for g in points["group"]]
    x = alt.X("x:Q", title=t("tools.chart.axis", n=1))
    y = alt.Y("y:Q", title=t("tools.chart.axis", n=2))
    colour = alt.Color("groupe:N", title=t("tools.chart.opinion_group"))
    if len(points) <= MAX_CHART_POINTS:
        return alt.Chart(points[["participant", "x", "y", "n_votes", "groupe"]]).mark_circle(
            size=40, opacity=0.7).encode(x=x, y=y, color=colour, tooltip=["participant", "groupe", "n_votes"]
                                         ).properties(width=420, height=360)
    cells = points.assign(cx=_bin(points["x"]), cy=_bin(points["y"]))
    grid = cells.groupby(["groupe", "cx", "cy"], as_index=False).agg(x=("x", "mean"), y=("y", "mean"),
                                                                      personnes=("participant", "size"))
    size = alt.Size("personnes:Q", title=t("tools.chart.people"), scale=alt.Scale(zero=False))
    return alt.Chart(grid[["x", "y", "groupe", "personnes"]]).mark_circle(opacity=0.7).encode(
        x=x, y=y, color=colour, size=size, tooltip=["groupe", "personnes"]).properties(width=420, height=360)


def _bin(values, cells: int = 80):
    """Cell number of each value on a regular grid of ``cells`` cells over its range."""
    low, high = float(values.min()), float(values.max())
    width = (high - low) / cells or 1.0
    return ((values - low) / width).astype(int).clip(0, cells - 1)


MAX_LABEL_PIXELS = 420  # a decision's name is read whole (Vega-Lite cuts labels at 180 px by default)


def participation_chart(result):
    """Promised and practised level of each decision on Bourque's gradient, joined by a line."""
    import altair as alt
    import pandas as pd

    rows = []
    for row in result.decisions.to_dict("records"):
        rows.append({"decision": row["decision"], "moment": t("tools.chart.promised"), "niveau": row["promis_bourque"],
                     "libelle": row["promis"]})
        rows.append({"decision": row["decision"], "moment": t("tools.chart.practised"),
                     "niveau": row["pratique_bourque"], "libelle": row["pratique"]})
    frame = pd.DataFrame(rows)
    order = list(result.decisions["decision"])
    x = alt.X("niveau:Q", scale=alt.Scale(domain=[0, 3]), title=t("tools.chart.bourque_axis"),
              axis=alt.Axis(values=[0, 1, 2, 3], labelExpr=("['non-participation','information','consultation',"
                                                            "'décision'][datum.value]")))
    y = alt.Y("decision:N", sort=order, title=None, axis=alt.Axis(labelLimit=MAX_LABEL_PIXELS))
    rule = alt.Chart(frame).mark_line(color="#888").encode(x=x, y=y, detail="decision:N")
    dots = alt.Chart(frame).mark_point(filled=True, size=110).encode(
        x=x, y=y, color=alt.Color("moment:N", title=None), shape="moment:N", tooltip=["decision", "moment", "libelle"])
    return alt.layer(rule, dots).properties(width=420)
