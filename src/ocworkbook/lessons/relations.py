"""Notebook 02: classify the relation between two actors of a territory and redraw its map.

The reading proposed for a pair follows Bourque's continuum (collaboration → concertation →
partenariat): a signed agreement to carry out activities together makes a *partenariat*; sitting
together in an organized, lasting instance makes a *concertation*; occasional exchanges outside any
instance or agreement make a *collaboration*. Pure functions compute the facts and that reading;
:func:`network_chart` draws the map (Altair, positions from a seeded networkx layout).

The activity itself is a bank exercise (``02-relations-cote-aux-merles``, type ``association``): its
elements are the pairs, its categories the four levels, so the learner's classification is recorded,
graded and aggregated like any other exercise. The case file (``datasets/cas/02-cote-aux-merles.yml``)
says which two actors each element names and how the types of actors are called;
:class:`RelationsClassifier` is the thin front end over the exercise and the case.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ocworkbook.charts import COLUMN_WIDTH
from ocworkbook.errors import DataError
from ocworkbook.i18n import t

#: From the least to the most formalized (and committing) relation.
LEVELS = ("aucune", "collaboration", "concertation", "partenariat")
LEVEL_COLOURS = {"aucune": "#BBBBBB", "collaboration": "#56B4E9", "concertation": "#E69F00",
                 "partenariat": "#D55E00"}
LEVEL_DASH = {"aucune": [2, 4], "collaboration": [6, 3], "concertation": [1, 0], "partenariat": [1, 0]}
LEVEL_WIDTH = {"aucune": 1, "collaboration": 2, "concertation": 3, "partenariat": 5}
LAYOUT_SEED = 7
CASE = "02-cote-aux-merles"
DATASETS = ("territoire_acteurs", "territoire_tables", "territoire_adhesions", "territoire_programmes",
            "territoire_liens")


def load_case(root=None):
    """The case file of notebook 02 (pairs to classify, labels of the types of actors)."""
    from .cases import find_case

    return find_case(CASE, root, activity="relations")


def load_territory(root=None) -> Territory:
    """The territory of notebook 02, read from its five datasets."""
    from ocworkbook.data import load

    return Territory(*(load(name, root) for name in DATASETS))


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


def _sentence(text: str) -> str:
    """One exchange described in the data, as a sentence (capital first, full stop last)."""
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?…" else text + "."


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
        reasons.append(t("lessons.rel.reason.exchange", items=" ".join(_sentence(x) for x in facts.exchanges)))
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


def network_chart(actors, relations: dict[tuple[str, str], str], positions, *, title: str | None = None,
                  type_labels: dict | None = None, width: int = COLUMN_WIDTH):
    """The territory map: actors coloured by type, relations drawn by level of formalization.

    ``actors``: records with ``id``, ``nom``, ``type``; ``type_labels`` names each type (case file).
    """
    import altair as alt
    import pandas as pd

    labels = type_labels or {}
    nodes = pd.DataFrame([{"id": r["id"], "nom": r["nom"], "type": labels.get(r["type"], r["type"]),
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
    names = alt.Chart(nodes).mark_text(dy=-17, fontSize=11, limit=0).encode(x=x, y=y, text="nom:N")
    chart = (links + points + names).properties(width=width, height=460, title=title or "")
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
    """Pick a pair, choose its relation, see the map redrawn; « Vérifier » checks and records the answer.

    ``question`` is the bank exercise (``ow.exercise("02-relations-cote-aux-merles")``); the pairs are its
    elements and the case file says which actors each one names. State lives in :attr:`choices`
    (element id → level) so the widget can be tested headless.
    """

    def __init__(self, question, territory: Territory | None = None, case=None, root=None):
        import ipywidgets as widgets

        self.question = question
        self.case = case or load_case(root)
        self.territory = territory or load_territory(root)
        exercise = question.exercise
        self.labels = {str(e["id"]): str(e["texte"]) for e in exercise.data["elements"]}
        missing = [e for e in self.labels if e not in self.case["paires"]]
        if missing:
            raise DataError(t("lessons.rel.err.no_pair", element=missing[0], case=self.case.path))
        self.pairs = {e: pair_key(*self.case["paires"][e]) for e in self.labels}
        for a, b in self.pairs.values():
            self.territory.facts(a, b)  # fails early, in French, on an unknown actor
        self.level_labels = {str(c["id"]): str(c["texte"]) for c in exercise.data["categories"]}
        self.choices: dict[str, str] = {}
        self.show_reference = False
        self.pair = widgets.Dropdown(options=[(label, e) for e, label in self.labels.items()],
                                     description=t("lessons.rel.widget.pair"),
                                     layout=widgets.Layout(width="100%", max_width="48em"),
                                     style={"description_width": "initial"})
        self.facts_box = widgets.HTML()
        self.level = widgets.ToggleButtons(options=[(self.level_labels.get(v, v), v) for v in LEVELS],
                                           value=None, tooltips=[t("lessons.rel.widget.level_tip", level=
                                                                   self.level_labels.get(v, v)) for v in LEVELS],
                                           style={"button_width": "auto"})
        self.compare_button = widgets.Button(description=t("lessons.rel.widget.compare"), button_style="primary",
                                             icon="check", layout=widgets.Layout(width="auto"))
        self.hint_button = widgets.Button(description=t("widget.hint"), icon="lightbulb-o",
                                          layout=widgets.Layout(width="auto"))
        self.reset_button = widgets.Button(description=t("lessons.rel.widget.reset"), icon="undo",
                                           layout=widgets.Layout(width="auto"))
        self.status = widgets.HTML()
        self.feedback = widgets.HTML()
        self.output = widgets.Output()
        self.pair.observe(self._pair_changed, names="value")
        self.level.observe(self._level_changed, names="value")
        self.compare_button.on_click(self._compare)
        self.hint_button.on_click(self._hint)
        self.reset_button.on_click(self._reset)
        title = widgets.HTML(f"<h4 style='margin:0.2em 0'>{_escape(exercise.title)}</h4>")
        self.widget = widgets.VBox([title, self.pair, self.facts_box,
                                    widgets.HTML(f"<b>{_escape(t('lessons.rel.widget.level'))}</b>"), self.level,
                                    widgets.HBox([self.compare_button, self.hint_button, self.reset_button]),
                                    self.status, self.feedback, self.output], layout=widgets.Layout(width="100%"))
        self.chart = None
        self._restore()
        self._pair_changed()

    def _restore(self):
        """The learner's last answer comes back (it survives kernel restarts)."""
        previous = self.question.previous().get("answer")
        if isinstance(previous, dict):
            self.choices.update({str(k): str(v) for k, v in previous.items() if k in self.labels and v in LEVELS})

    # -- what the learner sees about the current pair
    def _pair_changed(self, _change=None):
        a, b = self.pairs[self.pair.value]
        self.facts_box.value = self._facts_html(self.territory.facts(a, b))
        self.level.unobserve(self._level_changed, names="value")
        self.level.value = self.choices.get(self.pair.value)
        self.level.observe(self._level_changed, names="value")
        self.redraw()

    def _facts_html(self, facts: PairFacts) -> str:
        none = t("lessons.rel.widget.nothing")
        tables = ", ".join(self.territory.table_names.get(x, x) for x in facts.tables) or none
        items = [(t("lessons.rel.widget.tables"), tables),
                 (t("lessons.rel.widget.agreements"), ", ".join(facts.agreements) or none),
                 (t("lessons.rel.widget.exchanges"), " ; ".join(facts.exchanges) or none)]
        rows = "".join(f"<li><b>{_escape(k)}</b> : {_escape(v)}</li>" for k, v in items)
        return f"<ul style='margin:4px 0'>{rows}</ul>"

    def _level_changed(self, change):
        if change["new"] is not None:
            self.choices[self.pair.value] = change["new"]
        self.redraw()

    def by_pair(self, choices: dict[str, str]) -> dict[tuple[str, str], str]:
        return {self.pairs[e]: level for e, level in choices.items()}

    def references(self) -> dict[tuple[str, str], str]:
        """The proposed reading, computed from the datasets (the same rule as the exercise's key)."""
        return {pair: self.territory.reference(*pair)[0] for pair in self.pairs.values()}

    def check(self):
        """Check and record the current classification through the exercise (what « Vérifier » does)."""
        from ocworkbook.exercises.widgets import result_html

        result = self.question.check(dict(self.choices))
        self.feedback.value = result_html(result)
        if result.attempted:
            self.show_reference = True
        self.redraw()
        return result

    def _compare(self, _button=None):
        self.check()

    def _hint(self, _button=None):
        from ocworkbook.exercises.widgets import info_html

        self.feedback.value = info_html(self.question.hint(_display=False), "hint")

    def _reset(self, _button=None):
        self.choices.clear()
        self.show_reference = False
        self.feedback.value = ""
        self._pair_changed()

    def redraw(self) -> None:
        """Redraw the map from the learner's choices (and, after « Vérifier », the proposed reading)."""
        from IPython.display import display

        self.status.value = t("lessons.rel.widget.progress", n=len(self.choices), total=len(self.pairs))
        types = self.case["types_acteurs"]
        self.chart = network_chart(self.territory.actors, self.by_pair(self.choices), self.territory.positions,
                                   title=t("lessons.rel.chart.mine"), type_labels=types)
        charts = [self.chart]
        if self.show_reference:
            charts.append(network_chart(self.territory.actors, self.references(), self.territory.positions,
                                        title=t("lessons.rel.chart.reference"), type_labels=types))
        self.output.clear_output(wait=True)
        with self.output:
            for chart in charts:
                display(chart)

    def _ipython_display_(self):
        from IPython.display import display

        display(self.widget)


def _escape(text) -> str:
    from html import escape

    return escape(str(text))


def relations_classifier(question, root=None) -> RelationsClassifier:
    """Build notebook 02's widget over the bank exercise ``question`` (``ow.exercise(...)``)."""
    return RelationsClassifier(question, root=root)


def type_label(code: str, root=None) -> str:
    """The readable name of a type of actor of notebook 02 (from the case file)."""
    return load_case(root)["types_acteurs"].get(code, code)


def check_workbook(root) -> list:
    """Cross-checks for ``validate``: every element of the exercise names a pair of known actors, and the
    exercise's key gives, for each pair, the relation the datasets support (the widget's reading)."""
    from ocworkbook.errors import BankError, WorkbookError
    from ocworkbook.exercises.bank import load_bank

    try:
        case = load_case(root)
        territory = load_territory(root)
    except WorkbookError:
        return []
    exercise = load_bank(root).get(case["exercice"])
    line = case.lines.get("exercice")
    if exercise is None:
        return [BankError(t("lessons.rel.err.no_exercise", id=case["exercice"]), path=case.path, line=line)]
    problems = []
    elements = {str(e["id"]): e for e in exercise.data["elements"]}
    for element in elements:
        if element not in case["paires"]:
            problems.append(BankError(t("lessons.rel.err.no_pair", element=element, case=case.path),
                                      path=exercise.path, line=exercise.line, item=exercise.id))
    for element, (a, b) in case["paires"].items():
        try:
            level, _ = territory.reference(a, b)
        except DataError as error:
            problems.append(BankError(error.message, path=case.path, line=case.lines.get("paires"), item=element))
            continue
        if element in elements and exercise.key.clear and not exercise.key.accepts(f"{element}={level}"):
            problems.append(BankError(t("lessons.rel.err.key_disagrees", element=element, level=level),
                                      path=exercise.path, line=exercise.line, item=exercise.id))
    for code in sorted({str(r["type"]) for r in territory.actors} - set(case["types_acteurs"])):
        problems.append(BankError(t("lessons.check.unlabelled", value=code, column="type", field="types_acteurs"),
                                  path=case.path, line=case.lines.get("types_acteurs")))
    return problems


def instances_table(instances):
    """The territory's bodies with French headers (« oui »/« non », no index)."""
    from .display import Table

    return Table(instances, {"nom": t("lessons.rel.col.body"), "forme": t("lessons.rel.col.form"),
                             "intersectorielle": t("lessons.rel.col.intersectoral"),
                             "enjeu": t("lessons.rel.col.issue"),
                             "rencontres_par_an": t("lessons.rel.col.meetings")},
                 values={"forme": {"territoriale": t("lessons.rel.form.territoriale"),
                                   "thematique": t("lessons.rel.form.thematique")}})


def programmes_table(programmes, root=None):
    """The programmes and agreements with French headers and the actors' names rather than their ids."""
    from .display import Table

    names = {str(r["id"]): str(r["nom"]) for r in load_territory(root).actors}
    return Table(programmes, {"nom": t("lessons.rel.col.programme"), "bailleur": t("lessons.rel.col.funder"),
                              "porteur": t("lessons.rel.col.carrier"), "duree_ans": t("lessons.rel.col.years"),
                              "indicateurs_imposes": t("lessons.rel.col.imposed"),
                              "comite_a_creer": t("lessons.rel.col.committee"),
                              "marge_negociation": t("lessons.rel.col.room")},
                 values={"bailleur": names, "porteur": names})
