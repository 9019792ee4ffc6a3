"""Immutable objects of a branching scenario: steps, choices, endings, concepts.

The YAML keys are French (``etapes``, ``choix``, ``vers``, ``effets``…) so that an instructor
can write them; :mod:`ocworkbook.scenarios.load` maps them onto these English-named objects.
"""

from __future__ import annotations

from dataclasses import dataclass, field

#: The three dimensions every choice can move, in display order.
DIMENSIONS = ("coconstruction", "participation", "faisabilite")

#: Largest effect (in absolute value) a single choice may have on one dimension.
MAX_EFFECT = 3


@dataclass(frozen=True)
class Concept:
    """A notion the scenario's explanations refer to, and where the workbook teaches it."""

    id: str
    name: str
    notebook: str | None = None
    summary: str | None = None


@dataclass(frozen=True)
class Choice:
    """One option of a step: where it leads, how it moves each dimension, and why."""

    text: str
    target: str
    explanation: str
    effects: dict[str, int] = field(default_factory=dict)
    concepts: tuple[str, ...] = ()
    line: int | None = None

    def effect(self, dimension: str) -> int:
        """The effect of this choice on ``dimension`` (0 when the author left it out)."""
        return self.effects.get(dimension, 0)


@dataclass(frozen=True)
class Step:
    """A decision point: a situation (Markdown) and the choices open to the learner."""

    id: str
    text: str
    choices: tuple[Choice, ...]
    title: str | None = None
    line: int | None = None


@dataclass(frozen=True)
class Ending:
    """An outcome of the scenario."""

    id: str
    title: str
    text: str
    line: int | None = None


@dataclass(frozen=True)
class Scenario:
    """A whole scenario. ``steps`` and ``endings`` keep the author's order."""

    id: str
    title: str
    start: str
    steps: dict[str, Step]
    endings: dict[str, Ending]
    concepts: dict[str, Concept] = field(default_factory=dict)
    context: str | None = None
    fictional: bool = True
    notebook: str | None = None
    path: str | None = None

    def node(self, node_id: str) -> Step | Ending:
        """The step or ending called ``node_id`` (``KeyError`` if there is none)."""
        if node_id in self.steps:
            return self.steps[node_id]
        return self.endings[node_id]


def choice_letter(index: int) -> str:
    """The letter shown for choice ``index`` (0 → « A »)."""
    return chr(ord("A") + index)
