"""« Le programme arrive » as a whole: what each ending depends on, checked over every path.

The report printed by :func:`test_report_what_each_ending_depends_on` (``pytest -s``) lists, for each
ending, the steps where another choice would have ruled it out and the decision numbers at which paths
meet them. The other tests hold the design of the scenario: the levier endings depend on the whole
path (first gesture, fiduciary, citizens, negotiation, last decision), the Table can deliberate and
refuse together, the funder can refuse a compromise, and no step has a choice that is plainly the best
or plainly the worst on all three dimensions.
"""

from __future__ import annotations

import textwrap
from collections import Counter
from pathlib import Path

import pytest

from ocworkbook.scenarios import engine
from ocworkbook.scenarios.load import load_scenario
from ocworkbook.scenarios.model import DIMENSIONS, choice_letter

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "exercises" / "scenarios" / "le-programme-arrive.yml"
LEVIER_ENDINGS = ("fin-levier", "fin-levier-organismes")


@pytest.fixture(scope="module")
def shipped():
    return load_scenario(SHIPPED)


@pytest.fixture(scope="module")
def every_path(shipped):
    return list(engine.paths(shipped))


@pytest.fixture(scope="module")
def gates(shipped):
    return engine.ending_gates(shipped)


def gate_report(scenario, gates, states) -> str:
    """A plain-text report: for each ending, its paths and the choices that can change it."""
    count = Counter(state.position for state in states)
    lines = []
    for ending_id, ending in scenario.endings.items():
        lines.append(f"{ending.title} ({ending_id}) : {count[ending_id]} parcours")
        for gate in gates[ending_id]:
            step = scenario.steps[gate.step]
            ranks = ", ".join(str(r) for r in gate.ranks)
            keeps = " ".join(choice_letter(i) for i in gate.keeps)
            closes = " ".join(choice_letter(i) for i in gate.closes)
            lines.append(f"  décision no {ranks} — {step.title or step.id} [{step.id}] : {keeps} la garde possible, "
                         f"{closes} l'exclut")
        if not gates[ending_id]:
            lines.append("  aucune décision ne l'exclut à elle seule")
    return "\n".join(lines)


def test_report_what_each_ending_depends_on(shipped, gates, every_path):
    report = gate_report(shipped, gates, every_path)
    print("\n" + report)
    for ending in shipped.endings.values():
        assert ending.title in report
    # every ending can be ruled out by at least two different decisions
    assert all(len({g.step for g in gates[e]}) >= 2 for e in shipped.endings), report


def test_levier_endings_depend_on_the_whole_path(shipped, gates, every_path):
    for ending in LEVIER_ENDINGS:
        steps = {g.step: g for g in gates[ending]}
        # the first gesture, the fiduciary's follow-up, the citizens, the negotiation and the last decision
        assert steps["annonce"].ranks == (1,)
        assert {"fid-cisss", "fid-organisme", "fid-cdc", "citoyens-forte"} <= set(steps)
        assert any(s.startswith("negociation") for s in steps) and any(s.startswith("direction") for s in steps)
        reaching = [state for state in every_path if state.position == ending]
        assert reaching
        for state in reaching:
            ranks = engine.gates_on_path(shipped, state, gates)
            assert len(ranks) >= 6 and ranks[0] == 1 and ranks[-1] == len(state.history), state.history


def test_acting_alone_first_rules_out_the_levier(shipped, every_path):
    first = {state.history[0][1] for state in every_path if state.position in LEVIER_ENDINGS}
    alone = {i for i, c in enumerate(shipped.steps["annonce"].choices) if c.target in ("comite-impose", "refus")}
    assert alone and first and not first & alone
    for step in ("comite-impose", "refus", "table-mefiante", "citoyens-faible", "negociation-faible"):
        assert not set(engine.reachable_endings(shipped, step)) & set(LEVIER_ENDINGS), step


def test_the_table_can_deliberate_and_refuse_together(shipped, every_path):
    ending = "fin-refus-delibere"
    into = [s.id for s in shipped.steps.values() if any(c.target == ending for c in s.choices)]
    assert len(into) >= 4
    # whatever the first gesture, the Table can still decide together to decline
    for choice in shipped.steps["annonce"].choices:
        assert ending in engine.reachable_endings(shipped, choice.target)
    # a solitary refusal and a deliberated one are different endings
    assert {state.position for state in every_path if state.history[0] == ("annonce", 2)} >= \
        {"fin-isolement", ending}


def test_the_funder_can_refuse_a_compromise(shipped):
    compromise = [c for c in shipped.steps["negociation-faible"].choices if c.text.startswith("Un compromis")]
    assert [c.target for c in compromise] == ["refus-bailleur"]
    assert not set(engine.reachable_endings(shipped, "refus-bailleur")) & set(LEVIER_ENDINGS)
    # in the strong track the same compromise is accepted
    for step in ("negociation-r", "negociation-c"):
        accepted = [c.target for c in shipped.steps[step].choices if c.text.startswith("Un compromis")]
        assert accepted and accepted[0].startswith("direction")
    # the fiduciary's fees: the funder refuses them too
    assert "refuse" in shipped.steps["fid-cdc"].text


def test_who_acts_as_fiduciary_is_a_choice_with_consequences(shipped):
    targets = [c.target for c in shipped.steps["porteur"].choices]
    assert len(set(targets)) == 3
    for target in targets:
        kept = [set(engine.reachable_endings(shipped, c.target)) & {"fin-levier"}
                for c in shipped.steps[target].choices]
        assert {"fin-levier"} in kept and set() in kept, target


def test_no_choice_is_plainly_better_or_worse_on_every_dimension(shipped):
    for step in shipped.steps.values():
        for a in step.choices:
            for b in step.choices:
                if a is not b:
                    assert not all(a.effect(d) >= b.effect(d) for d in DIMENSIONS), (step.id, a.text[:40])


def test_context_is_real_and_the_case_says_it_is_fictional(shipped):
    context = " ".join(shipped.context.split())
    assert shipped.fictional
    assert "Loi 10" in context and "1er avril 2015" in context
    assert "Santé Québec" in context and "établissement de Santé Québec" in context
    assert "Avenir d'enfants (loi de 2009)" in context and "Québec en forme (loi de 2007)" in context
    summary = " ".join(shipped.concepts["coproduction-coconstruction"].summary.split())
    assert "politiques publiques" in summary and "par analogie" in summary


# --- the pure functions on a small scenario ----------------------------------------------------------

SMALL = """\
scenario: petit
titre: Petit
depart: debut
etapes:
  - id: debut
    texte: Que faites-vous ?
    choix:
      - texte: Aller à la table
        vers: table
        explication: Parce que.
      - texte: Finir
        vers: fin-a
        explication: Parce que.
  - id: table
    texte: La table.
    choix:
      - texte: Finir en B
        vers: fin-b
        explication: Parce que.
      - texte: Finir en A
        vers: fin-a
        explication: Parce que.
fins:
  - id: fin-a
    titre: A
    texte: Fin A.
  - id: fin-b
    titre: B
    texte: Fin B.
"""


def test_ending_gates_on_a_small_scenario(tmp_path):
    path = tmp_path / "petit.yml"
    path.write_text(textwrap.dedent(SMALL), encoding="utf-8")
    scenario = load_scenario(path)
    gates = engine.ending_gates(scenario)
    # fin-a stays possible after both first choices: only « table » decides it
    assert [(g.step, g.ranks, g.keeps, g.closes) for g in gates["fin-a"]] == [("table", (2,), (1,), (0,))]
    assert [(g.step, g.ranks, g.keeps, g.closes) for g in gates["fin-b"]] == [
        ("debut", (1,), (0,), (1,)), ("table", (2,), (0,), (1,))]
    assert engine.gates_on_path(scenario, engine.replay(scenario, "AA"), gates) == [1, 2]
    assert engine.gates_on_path(scenario, engine.replay(scenario, "B")) == []
