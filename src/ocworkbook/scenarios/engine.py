"""Pure path logic for branching scenarios: walk, score, debrief, and check the graph.

A learner's progress is a :class:`State` (where they are and which choices they made); every
function returns a new value and never touches widgets or files, so the same code drives the
notebook widget, the tests and ``ocworkbook validate``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ocworkbook.errors import WorkbookError
from ocworkbook.i18n import t
from ocworkbook.scenarios.model import DIMENSIONS, Choice, Ending, Scenario, Step, choice_letter

#: Path enumeration stops after this many complete paths (a guard against huge scenarios).
MAX_PATHS = 100_000


@dataclass(frozen=True)
class State:
    """Where the learner is (a step or ending id) and the choices made so far."""

    position: str
    history: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True)
class Decision:
    """One choice of a finished or ongoing path, with what it did and why."""

    step: Step
    index: int
    choice: Choice

    @property
    def letter(self) -> str:
        return choice_letter(self.index)


@dataclass(frozen=True)
class DimensionResult:
    """The score of a path on one dimension, placed within what the scenario allows."""

    dimension: str
    total: int
    lowest: int
    highest: int
    raised_by: tuple[Decision, ...]
    lowered_by: tuple[Decision, ...]

    @property
    def share(self) -> float:
        """Position of ``total`` between the lowest and highest totals any path can reach (0 to 1)."""
        if self.highest == self.lowest:
            return 0.5
        return (self.total - self.lowest) / (self.highest - self.lowest)

    @property
    def band(self) -> str:
        """« fort », « mitige » or « faible », by thirds of the reachable range."""
        if self.share >= 2 / 3:
            return "fort"
        if self.share >= 1 / 3:
            return "mitige"
        return "faible"


@dataclass(frozen=True)
class Debrief:
    """What a completed path amounts to: its ending, its decisions and a score per dimension."""

    ending: Ending
    decisions: tuple[Decision, ...]
    results: tuple[DimensionResult, ...]
    concepts: tuple[str, ...]


# --- walking a path -------------------------------------------------------------------------

def start(scenario: Scenario) -> State:
    """The state at the beginning of ``scenario``."""
    return State(scenario.start)


def current_step(scenario: Scenario, state: State) -> Step | None:
    """The step the learner faces, or ``None`` when the path has reached an ending."""
    return scenario.steps.get(state.position)


def is_finished(scenario: Scenario, state: State) -> bool:
    """True once the path has reached an ending."""
    return state.position in scenario.endings


def choose(scenario: Scenario, state: State, index: int) -> State:
    """The state after taking choice ``index`` (0-based) at the current step."""
    step = current_step(scenario, state)
    if step is None:
        raise WorkbookError(t("scenarios.engine.finished"))
    if not 0 <= index < len(step.choices):
        raise WorkbookError(t("scenarios.engine.bad_choice", letter=choice_letter(index),
                              count=len(step.choices)), item=step.id)
    return State(step.choices[index].target, state.history + ((step.id, index),))


def replay(scenario: Scenario, letters: str | list[int]) -> State:
    """The state reached from the start by choices given as letters (``"ABA"``) or indexes."""
    state = start(scenario)
    for pick in letters:
        index = ord(pick.upper()) - ord("A") if isinstance(pick, str) else pick
        state = choose(scenario, state, index)
    return state


def decisions(scenario: Scenario, state: State) -> tuple[Decision, ...]:
    """The decisions made along ``state``'s path, in order."""
    out = []
    for step_id, index in state.history:
        step = scenario.steps[step_id]
        out.append(Decision(step, index, step.choices[index]))
    return tuple(out)


def totals(scenario: Scenario, state: State) -> dict[str, int]:
    """The running score of the path on each dimension."""
    score = dict.fromkeys(DIMENSIONS, 0)
    for decision in decisions(scenario, state):
        for dimension in DIMENSIONS:
            score[dimension] += decision.choice.effect(dimension)
    return score


def trajectory(scenario: Scenario, state: State) -> list[dict]:
    """Cumulative score after each decision (row 0 is the start), one row per dimension and step."""
    rows = []
    running = dict.fromkeys(DIMENSIONS, 0)
    for dimension in DIMENSIONS:
        rows.append({"rang": 0, "etape": scenario.start, "dimension": dimension, "score": 0})
    for rank, decision in enumerate(decisions(scenario, state), start=1):
        for dimension in DIMENSIONS:
            running[dimension] += decision.choice.effect(dimension)
            rows.append({"rang": rank, "etape": decision.step.id, "dimension": dimension,
                         "score": running[dimension]})
    return rows


def debrief(scenario: Scenario, state: State) -> Debrief:
    """Score a finished path on each dimension and keep the decisions that explain the score."""
    if not is_finished(scenario, state):
        raise WorkbookError(t("scenarios.engine.not_finished"))
    made = decisions(scenario, state)
    score = totals(scenario, state)
    ranges = score_range(scenario)
    results = []
    for dimension in DIMENSIONS:
        lowest, highest = ranges[dimension]
        results.append(DimensionResult(
            dimension, score[dimension], lowest, highest,
            raised_by=tuple(d for d in made if d.choice.effect(dimension) > 0),
            lowered_by=tuple(d for d in made if d.choice.effect(dimension) < 0),
        ))
    concepts: list[str] = []
    for decision in made:
        concepts.extend(c for c in decision.choice.concepts if c not in concepts)
    return Debrief(scenario.endings[state.position], made, tuple(results), tuple(concepts))


# --- the scenario as a graph ----------------------------------------------------------------

def successors(scenario: Scenario, node_id: str) -> list[str]:
    """Ids the choices of ``node_id`` lead to (none for an ending), without repeats."""
    step = scenario.steps.get(node_id)
    if step is None:
        return []
    return list(dict.fromkeys(choice.target for choice in step.choices))


def reachable_from(scenario: Scenario, node_id: str) -> set[str]:
    """Every step and ending reachable from ``node_id`` (itself included)."""
    seen = {node_id}
    todo = [node_id]
    while todo:
        for target in successors(scenario, todo.pop()):
            if target not in seen and (target in scenario.steps or target in scenario.endings):
                seen.add(target)
                todo.append(target)
    return seen


def reachable_endings(scenario: Scenario, node_id: str | None = None) -> list[str]:
    """Endings reachable from ``node_id`` (default: the start), in the author's order."""
    seen = reachable_from(scenario, node_id or scenario.start)
    return [ending for ending in scenario.endings if ending in seen]


def unreachable(scenario: Scenario) -> list[str]:
    """Steps and endings that no path from the start can reach, in the author's order."""
    seen = reachable_from(scenario, scenario.start)
    return [node for node in (*scenario.steps, *scenario.endings) if node not in seen]


def dead_ends(scenario: Scenario) -> list[str]:
    """Steps from which no ending can be reached (including loops with no way out)."""
    can_finish = set(scenario.endings)
    changed = True
    while changed:
        changed = False
        for step_id in scenario.steps:
            if step_id not in can_finish and any(t in can_finish for t in successors(scenario, step_id)):
                can_finish.add(step_id)
                changed = True
    return [step_id for step_id in scenario.steps if step_id not in can_finish]


def cycles(scenario: Scenario) -> list[list[str]]:
    """Groups of steps that can lead back to themselves (strongly connected), for information."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = [0]

    def visit(node: str) -> None:  # Tarjan's algorithm; scenarios are small, recursion is fine
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for target in successors(scenario, node):
            if target not in scenario.steps:
                continue
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1 or node in successors(scenario, node):
                found.append(sorted(group))

    for step_id in scenario.steps:
        if step_id not in index:
            visit(step_id)
    return found


def paths(scenario: Scenario, limit: int = MAX_PATHS) -> Iterator[State]:
    """Every complete path from the start, as finished states.

    A path never visits the same step twice (a loop is followed once), so the enumeration is
    finite even when a scenario lets the learner go back. Stops after ``limit`` paths.
    """
    count = 0
    todo: list[tuple[State, frozenset[str]]] = [(start(scenario), frozenset({scenario.start}))]
    while todo:
        state, visited = todo.pop()
        step = current_step(scenario, state)
        if step is None:
            if state.position in scenario.endings:
                yield state
                count += 1
                if count >= limit:
                    return
            continue
        for index in reversed(range(len(step.choices))):
            target = step.choices[index].target
            if target in scenario.steps and target in visited:
                continue
            todo.append((State(target, state.history + ((step.id, index),)), visited | {target}))


def score_range(scenario: Scenario) -> dict[str, tuple[int, int]]:
    """Lowest and highest total any complete path reaches on each dimension."""
    lowest = dict.fromkeys(DIMENSIONS, 0)
    highest = dict.fromkeys(DIMENSIONS, 0)
    first = True
    for state in paths(scenario):
        score = totals(scenario, state)
        for dimension in DIMENSIONS:
            value = score[dimension]
            lowest[dimension] = value if first else min(lowest[dimension], value)
            highest[dimension] = value if first else max(highest[dimension], value)
        first = False
    return {dimension: (lowest[dimension], highest[dimension]) for dimension in DIMENSIONS}


def path_table(scenario: Scenario) -> list[dict]:
    """One row per complete path: its letters, ending and totals (ready for a DataFrame)."""
    rows = []
    for state in paths(scenario):
        letters = "".join(choice_letter(index) for _, index in state.history)
        rows.append({"parcours": letters, "fin": state.position,
                     "decisions": len(state.history), **totals(scenario, state)})
    return rows


# --- what each ending depends on ------------------------------------------------------------

@dataclass(frozen=True)
class EndingGate:
    """A step where the learner's choice decides whether an ending is still possible.

    ``ranks`` are the decision numbers (1 = the first decision) at which paths to the ending meet
    the step; ``keeps`` the indexes of the choices after which the ending can still be reached,
    ``closes`` those after which it no longer can.
    """

    step: str
    ranks: tuple[int, ...]
    keeps: tuple[int, ...]
    closes: tuple[int, ...]


def ending_gates(scenario: Scenario, limit: int = MAX_PATHS) -> dict[str, tuple[EndingGate, ...]]:
    """For each ending, the steps on its paths where some choice keeps it possible and another rules it out.

    An ending that depends on the whole path has gates early and late; one whose only gates are the
    last steps is decided at the end, whatever came before. Gates are sorted by their first rank.
    """
    reach: dict[str, set[str]] = {}

    def reachable(node: str) -> set[str]:
        if node not in reach:
            reach[node] = reachable_from(scenario, node)
        return reach[node]

    ranks: dict[str, dict[str, set[int]]] = {ending: {} for ending in scenario.endings}
    for state in paths(scenario, limit):
        for rank, (step_id, _index) in enumerate(state.history, start=1):
            ranks[state.position].setdefault(step_id, set()).add(rank)
    gates: dict[str, tuple[EndingGate, ...]] = {}
    for ending, by_step in ranks.items():
        found = []
        for step_id, seen in by_step.items():
            choices = scenario.steps[step_id].choices
            keeps = tuple(i for i, c in enumerate(choices) if ending in reachable(c.target))
            closes = tuple(i for i in range(len(choices)) if i not in keeps)
            if keeps and closes:
                found.append(EndingGate(step_id, tuple(sorted(seen)), keeps, closes))
        gates[ending] = tuple(sorted(found, key=lambda g: (g.ranks[0], g.step)))
    return gates


def gates_on_path(scenario: Scenario, state: State,
                  gates: dict[str, tuple[EndingGate, ...]] | None = None) -> list[int]:
    """Decision numbers of ``state``'s path at which another choice would have ruled out its ending."""
    gates = ending_gates(scenario) if gates is None else gates
    steps = {gate.step for gate in gates.get(state.position, ())}
    return [rank for rank, (step_id, _index) in enumerate(state.history, start=1) if step_id in steps]
