"""Notebook 02: classify the relation between two actors of a territory and redraw its map.

The reading proposed for a pair follows Bourque's continuum (collaboration → concertation →
partenariat): a signed agreement to carry out activities together makes a *partenariat*; sitting
together in an organized, lasting instance makes a *concertation*; occasional exchanges outside any
instance or agreement make a *collaboration*. Pure functions compute the facts and that reading;
:func:`network_chart` draws the map (Altair, positions from a seeded networkx layout);
:class:`RelationsClassifier` is the thin ipywidgets front end.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ocworkbook.errors import DataError
from ocworkbook.i18n import t

#: From the least to the most formalized (and committing) relation.
LEVELS = ("aucune", "collaboration", "concertation", "partenariat")
LEVEL_COLOURS = {"aucune": "#BBBBBB", "collaboration": "#56B4E9", "concertation": "#E69F00",
                 "partenariat": "#D55E00"}
LEVEL_DASH = {"aucune": [2, 4], "collaboration": [6, 3], "concertation": [1, 0], "partenariat": [1, 0]}
LEVEL_WIDTH = {"aucune": 1, "collaboration": 2, "concertation": 3, "partenariat": 5}
LAYOUT_SEED = 7

#: Pairs of the fictional quartier that notebook 02 asks the learner to classify.
DEFAULT_PAIRS = (
    ("maison_familles", "fondation"),
    ("cuisine_chaudron", "ville"),
    ("ecole_primaire", "cuisine_chaudron"),
    ("comite_logement", "ciusss_oc"),
    ("maison_jeunes", "emploi"),
    ("fondation", "comite_logement"),
    ("ciusss_oc", "ciusss_jeunesse"),
    ("ecole_secondaire", "cdc"),
)


def pair_key(a: str, b: str) -> tuple[str, str]:
    """A pair of actors in a fixed order, so (a, b) and (b, a) are the same relation."""
    if a == b:
        raise DataError(t("lessons.rel.err.same_actor", actor=a))
    return (a, b) if a <= b else (b, a)


@dataclass
class PairFacts:
    """What the datasets say about two actors: shared instances, agreements, informal exchanges."""

    a: str
    b: str
    tables: list[str] = field(default_factory=list)
    agreements: list[str] = field(default_factory=list)
    exchanges: list[str] = field(default_factory=list)


def pair_facts(a: str, b: str, memberships, programmes, exchanges) -> PairFacts:
    """Collect the facts about ``a`` and ``b`` from records (lists of dicts).

    ``memberships``: ``acteur_id``, ``table_id``; ``programmes``: ``nom``, ``signataires`` (ids
    separated by « ; »); ``exchanges``: ``acteur_a``, ``acteur_b``, ``nature``.
    """
    tables_of: dict[str, set[str]] = {}
    for row in memberships:
        tables_of.setdefault(str(row["acteur_id"]), set()).add(str(row["table_id"]))
    shared = sorted(tables_of.get(a, set()) & tables_of.get(b, set()))
    agreements = []
    for row in programmes:
        signatories = {s.strip() for s in str(row["signataires"]).split(";") if s.strip()}
        if a in signatories and b in signatories:
            agreements.append(str(row["nom"]))
    informal = [str(row["nature"]) for row in exchanges
                if {str(row["acteur_a"]), str(row["acteur_b"])} == {a, b}]
    return PairFacts(a, b, shared, agreements, informal)


def reference_relation(facts: PairFacts, table_names: dict[str, str] | None = None) -> tuple[str, list[str]]:
    """The most formalized relation the facts support, with the reasons (readable sentences).

    The other, weaker relations the pair also has are named too: a partnership often sits on top of
    a concertation, and the map keeps only the strongest.
    """
    names = table_names or {}
    reasons = []
    if facts.agreements:
        reasons.append(t("lessons.rel.reason.agreement", items=", ".join(facts.agreements)))
    if facts.tables:
        reasons.append(t("lessons.rel.reason.table", items=", ".join(names.get(x, x) for x in facts.tables)))
    if facts.exchanges:
        reasons.append(t("lessons.rel.reason.exchange", items=" ; ".join(facts.exchanges)))
    if facts.agreements:
        level = "partenariat"
    elif facts.tables:
        level = "concertation"
    elif facts.exchanges:
        level = "collaboration"
    else:
        level = "aucune"
        reasons.append(t("lessons.rel.reason.none"))
    return level, reasons


def compare(choices: dict[tuple[str, str], str], reference: dict[tuple[str, str], str]) -> list[dict]:
    """Learner's classification against the proposed reading, pair by pair.

    Each row: ``pair``, ``choice`` (or ``None`` if not classified yet), ``reference``, ``match`` and
    ``gap`` (steps between the two on :data:`LEVELS`; positive when the learner sees more formality).
    """
    rows = []
    for pair, expected in reference.items():
        choice = choices.get(pair)
        if choice is not None and choice not in LEVELS:
            raise DataError(t("lessons.rel.err.level", value=choice, choices=", ".join(LEVELS)))
        gap = None if choice is None else LEVELS.index(choice) - LEVELS.index(expected)
        rows.append({"pair": pair, "choice": choice, "reference": expected,
                     "match": choice == expected, "gap": gap})
    return rows


def layout(actor_ids, links, seed: int = LAYOUT_SEED) -> dict[str, tuple[float, float]]:
    """Positions of the actors, from a seeded spring layout (same picture at every run)."""
    import networkx as nx

    graph = nx.Graph()
    graph.add_nodes_from(actor_ids)
    graph.add_edges_from(links)
    positions = nx.spring_layout(graph, seed=seed, k=1.2)
    return {node: (round(float(x), 4), round(float(y), 4)) for node, (x, y) in positions.items()}


def edges_frame(relations: dict[tuple[str, str], str], positions: dict[str, tuple[float, float]]):
    """One row per classified pair with both ends' coordinates (``aucune`` pairs are kept, faint)."""
    import pandas as pd

    rows = []
    for (a, b), level in relations.items():
        (xa, ya), (xb, yb) = positions[a], positions[b]
        rows.append({"a": a, "b": b, "x": xa, "y": ya, "x2": xb, "y2": yb, "relation": level,
                     "libelle": t(f"lessons.rel.level.{level}")})
    return pd.DataFrame(rows, columns=["a", "b", "x", "y", "x2", "y2", "relation", "libelle"])


def network_chart(actors, relations: dict[tuple[str, str], str], positions, *, title: str | None = None):
    """The territory map: actors coloured by type, relations drawn by level of formalization.

    ``actors``: records with ``id``, ``nom``, ``type``.
    """
    import altair as alt
    import pandas as pd

    nodes = pd.DataFrame([{"id": r["id"], "nom": r["nom"], "type": t(f"lessons.rel.type.{r['type']}"),
                           "x": positions[r["id"]][0], "y": positions[r["id"]][1]} for r in actors])
    edges = edges_frame(relations, positions)
    hidden = alt.Axis(labels=False, ticks=False, grid=False, domain=False, title=None)
    x = alt.X("x:Q", axis=hidden, scale=alt.Scale(domain=[-1.35, 1.35]))
    y = alt.Y("y:Q", axis=hidden, scale=alt.Scale(domain=[-1.25, 1.25]))
    labels = [t(f"lessons.rel.level.{level}") for level in LEVELS]
    links = alt.Chart(edges).mark_rule().encode(
        x=x, y=y, x2="x2:Q", y2="y2:Q",
        color=alt.Color("libelle:N", title=t("lessons.rel.chart.relation"),
                        scale=alt.Scale(domain=labels, range=[LEVEL_COLOURS[v] for v in LEVELS])),
        strokeWidth=alt.StrokeWidth("libelle:N", legend=None,
                                    scale=alt.Scale(domain=labels, range=[LEVEL_WIDTH[v] for v in LEVELS])),
        strokeDash=alt.StrokeDash("libelle:N", legend=None,
                                  scale=alt.Scale(domain=labels, range=[LEVEL_DASH[v] for v in LEVELS])),
        tooltip=[alt.Tooltip("a:N", title="A"), alt.Tooltip("b:N", title="B"),
                 alt.Tooltip("libelle:N", title=t("lessons.rel.chart.relation"))],
    )
    points = alt.Chart(nodes).mark_circle(size=420, stroke="white", strokeWidth=1.5, opacity=1).encode(
        x=x, y=y, fill=alt.Fill("type:N", title=t("lessons.rel.chart.type")),
        tooltip=[alt.Tooltip("nom:N", title=t("lessons.rel.chart.actor")), alt.Tooltip("type:N")])
    names = alt.Chart(nodes).mark_text(dy=-17, fontSize=10).encode(x=x, y=y, text="nom:N")
    chart = (links + points + names).properties(width=620, height=440,
                                                title=title or t("lessons.rel.chart.title"))
    return chart.resolve_scale(color="independent")


class Territory:
    """The fictional territory of notebook 02, read from its datasets (DataFrames)."""

    def __init__(self, actors, tables, memberships, programmes, exchanges):
        self.actors = actors.to_dict("records")
        self.names = {str(r["id"]): str(r["nom"]) for r in self.actors}
        self.table_names = {str(r["id"]): str(r["nom"]) for r in tables.to_dict("records")}
        self.memberships = memberships.to_dict("records")
        self.programmes = programmes.to_dict("records")
        self.exchanges = exchanges.to_dict("records")
        self.positions = layout(list(self.names), self._structure_links())

    def _structure_links(self):
        """Pairs that share an instance: they shape the layout, so neighbours sit close together."""
        by_table: dict[str, list[str]] = {}
        for row in self.memberships:
            by_table.setdefault(str(row["table_id"]), []).append(str(row["acteur_id"]))
        links = set()
        for members in by_table.values():
            for i, a in enumerate(members):
                for b in members[i + 1:]:
                    links.add(pair_key(a, b))
        return sorted(links)

    def facts(self, a: str, b: str) -> PairFacts:
        for actor in (a, b):
            if actor not in self.names:
                raise DataError(t("lessons.rel.err.unknown_actor", actor=actor,
                                  choices=", ".join(self.names)))
        return pair_facts(a, b, self.memberships, self.programmes, self.exchanges)

    def reference(self, a: str, b: str) -> tuple[str, list[str]]:
        return reference_relation(self.facts(a, b), self.table_names)

    def pair_label(self, pair: tuple[str, str]) -> str:
        return f"{self.names[pair[0]]} ↔ {self.names[pair[1]]}"


class RelationsClassifier:
    """Pick a pair, choose its relation, see the map redrawn; compare with the proposed reading.

    State lives in :attr:`choices` (pair → level) so the widget can be tested headless.
    """

    def __init__(self, territory: Territory, pairs=DEFAULT_PAIRS):
        import ipywidgets as widgets

        self.territory = territory
        self.pairs = [pair_key(a, b) for a, b in pairs]
        for a, b in self.pairs:
            territory.facts(a, b)  # fails early, in French, on an unknown actor
        self.choices: dict[tuple[str, str], str] = {}
        self.show_reference = False
        self.pair = widgets.Dropdown(options=[(territory.pair_label(p), p) for p in self.pairs],
                                     description=t("lessons.rel.widget.pair"),
                                     layout=widgets.Layout(width="640px"),
                                     style={"description_width": "initial"})
        self.facts_box = widgets.HTML()
        self.level = widgets.ToggleButtons(options=[(t(f"lessons.rel.level.{v}"), v) for v in LEVELS],
                                           value=None, description=t("lessons.rel.widget.level"),
                                           style={"description_width": "initial"})
        self.compare_button = widgets.Button(description=t("lessons.rel.widget.compare"),
                                             icon="balance-scale", layout=widgets.Layout(width="auto"))
        self.reset_button = widgets.Button(description=t("lessons.rel.widget.reset"), icon="undo",
                                           layout=widgets.Layout(width="auto"))
        self.status = widgets.HTML()
        self.feedback = widgets.HTML()
        self.output = widgets.Output()
        self.pair.observe(self._pair_changed, names="value")
        self.level.observe(self._level_changed, names="value")
        self.compare_button.on_click(self._compare)
        self.reset_button.on_click(self._reset)
        self.widget = widgets.VBox([self.pair, self.facts_box, self.level,
                                    widgets.HBox([self.compare_button, self.reset_button]),
                                    self.status, self.output, self.feedback])
        self.chart = None
        self._pair_changed()

    # -- what the learner sees about the current pair
    def _pair_changed(self, _change=None):
        a, b = self.pair.value
        self.facts_box.value = self._facts_html(self.territory.facts(a, b))
        self.level.unobserve(self._level_changed, names="value")
        self.level.value = self.choices.get(self.pair.value)
        self.level.observe(self._level_changed, names="value")
        self.redraw()

    def _facts_html(self, facts: PairFacts) -> str:
        from html import escape

        none = t("lessons.rel.widget.nothing")
        tables = ", ".join(self.territory.table_names.get(x, x) for x in facts.tables) or none
        items = [(t("lessons.rel.widget.tables"), tables),
                 (t("lessons.rel.widget.agreements"), ", ".join(facts.agreements) or none),
                 (t("lessons.rel.widget.exchanges"), " ; ".join(facts.exchanges) or none)]
        rows = "".join(f"<li><b>{escape(k)}</b> : {escape(v)}</li>" for k, v in items)
        return f"<ul style='margin:4px 0'>{rows}</ul>"

    def _level_changed(self, change):
        if change["new"] is not None:
            self.choices[self.pair.value] = change["new"]
        self.redraw()

    def references(self) -> dict[tuple[str, str], str]:
        return {p: self.territory.reference(*p)[0] for p in self.pairs}

    def _compare(self, _button=None):
        from html import escape

        self.show_reference = True
        rows = compare(self.choices, self.references())
        lines = []
        for row in rows:
            level, reasons = self.territory.reference(*row["pair"])
            mark = "✔" if row["match"] else ("…" if row["choice"] is None else "✘")
            choice = (t(f"lessons.rel.level.{row['choice']}") if row["choice"]
                      else t("lessons.rel.widget.unclassified"))
            line = t("lessons.rel.widget.line", choice=choice, reference=t(f"lessons.rel.level.{level}"))
            pair = escape(self.territory.pair_label(row["pair"]))
            lines.append(f"<li>{mark} <b>{pair}</b> — {escape(line)}"
                         f"<br><small>{escape(' '.join(reasons))}</small></li>")
        matches = sum(r["match"] for r in rows)
        score = t("lessons.rel.widget.score", n=matches, total=len(rows))
        self.feedback.value = (f"<p><b>{escape(score)}</b></p><ul>{''.join(lines)}</ul>"
                               f"<p><i>{escape(t('lessons.rel.widget.caveat'))}</i></p>")
        self.redraw()

    def _reset(self, _button=None):
        self.choices.clear()
        self.show_reference = False
        self.feedback.value = ""
        self._pair_changed()

    def redraw(self) -> None:
        """Redraw the map from the learner's choices (and, after « Comparer », the proposed reading)."""
        from IPython.display import display

        self.status.value = t("lessons.rel.widget.progress", n=len(self.choices), total=len(self.pairs))
        self.chart = network_chart(self.territory.actors, dict(self.choices), self.territory.positions,
                                   title=t("lessons.rel.chart.mine"))
        charts = [self.chart]
        if self.show_reference:
            charts.append(network_chart(self.territory.actors, self.references(), self.territory.positions,
                                        title=t("lessons.rel.chart.reference")))
        self.output.clear_output(wait=True)
        with self.output:
            for chart in charts:
                display(chart)

    def _ipython_display_(self):
        from IPython.display import display

        display(self.widget)


def relations_classifier(actors, tables, memberships, programmes, exchanges, pairs=DEFAULT_PAIRS):
    """Build notebook 02's widget from the five ``territoire_*`` datasets."""
    return RelationsClassifier(Territory(actors, tables, memberships, programmes, exchanges), pairs)
