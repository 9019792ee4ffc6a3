"""Re-score one submission with the clear key: points per exercise, per notebook, and in total.

The stored ``statut`` and ``score`` are never trusted: each stored answer goes through the same
checker as in the notebook, with the instructor's key. The last answer checked is the one graded;
when the stored status disagrees with the re-scored one (an edited file, or a key changed since),
the exercise is listed in ``disagreements``. Lesson activities (``activite:…``, :mod:`ocworkbook.activities`)
travel in the same file for the workshop and are not graded.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..activities import is_activity
from ..exercises.bank import Bank
from ..exercises.check import CORRECT, check
from ..exercises.model import Exercise
from .submissions import Submission


@dataclass
class Grade:
    """The grade of one submission."""

    submission: Submission
    points: dict[str, float] = field(default_factory=dict)      # exercise id → points earned
    statuses: dict[str, str] = field(default_factory=dict)      # exercise id → re-scored status
    by_notebook: dict[str, float] = field(default_factory=dict)
    total: float = 0.0
    not_attempted: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    disagreements: list[str] = field(default_factory=list)
    reflections: int = 0


def graded_exercises(bank: Bank) -> list[Exercise]:
    """The scored exercises of the key, in notebook order then file order."""
    return [ex for name in sorted(bank.notebooks) for ex in bank.by_notebook(name) if ex.scored]


def max_points(bank: Bank) -> float:
    return sum(ex.points for ex in graded_exercises(bank))


def grade(submission: Submission, bank: Bank, exercises: list[Exercise] | None = None) -> Grade:
    """Re-score ``submission`` against ``bank`` (a bank with clear keys)."""
    exercises = exercises if exercises is not None else graded_exercises(bank)
    result = Grade(submission=submission)
    answers = submission.answers
    for ex_id in answers:
        if is_activity(ex_id):  # a lesson activity (self-assessment, audit, scenario path): not graded
            continue
        ex = bank.get(ex_id)
        if ex is None:
            result.unknown.append(ex_id)
        elif not ex.scored:
            entry = answers[ex_id] if isinstance(answers[ex_id], dict) else {}
            if check(ex, entry.get("reponse")).status == "complete":
                result.reflections += 1
    for ex in exercises:
        entry = answers.get(ex.id)
        entry = entry if isinstance(entry, dict) else {}
        outcome = check(ex, entry.get("reponse"))
        earned = round(ex.points * (outcome.score or 0.0), 4) if outcome.attempted else 0.0
        result.points[ex.id] = earned
        result.statuses[ex.id] = outcome.status
        if not outcome.attempted:
            result.not_attempted.append(ex.id)
        stored = entry.get("statut")
        if stored and ((stored == CORRECT) != (outcome.status == CORRECT)):
            result.disagreements.append(ex.id)
        result.by_notebook[ex.notebook] = result.by_notebook.get(ex.notebook, 0.0) + earned
        result.total += earned
    result.total = round(result.total, 4)
    return result
