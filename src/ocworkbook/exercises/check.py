"""``check(exercise, answer) -> Result``: the one entry point of every checker.

No widget, file or clock here: the same function serves the notebook widget, ``ex.check()``,
``ocworkbook validate``, ``ocworkbook grade`` and the live workshop. Each question type checks its
own answers (:mod:`.kinds`); this function guarantees that nothing a learner types — a word where a
number is expected, a huge number, a nested list, a DataFrame — ever raises: the outcome is then
``invalide`` or ``non_tente`` with a short French message saying what to do.
"""

from __future__ import annotations

from ..i18n import t
from .model import Exercise
from .result import (  # noqa: F401 - re-exported for the callers of this module
    COMPLETED,
    CORRECT,
    INCORRECT,
    INVALID,
    NOT_ATTEMPTED,
    PARTIAL,
    Result,
)


class CheckerBug(Exception):
    """Raised in strict mode when a checker fails on an answer (a bug of ours, not of the learner)."""


def check(ex: Exercise, answer, *, strict: bool = False) -> Result:
    """Check ``answer`` against ``ex``; never raises on a learner's input.

    ``strict=True`` (tests, fuzzing) raises :class:`CheckerBug` instead of hiding a checker's failure
    behind an ``invalide`` result.
    """
    try:
        return ex.kind.check(ex, answer)
    except (RecursionError, MemoryError, OverflowError, ValueError, TypeError, AttributeError, KeyError,
            IndexError, ArithmeticError, UnicodeError) as error:
        if strict:
            raise CheckerBug(f"{ex.id}: {type(error).__name__}: {error}") from error
        return Result(INVALID, None if not ex.scored else 0.0, message=t("check.unreadable"))


def word_count(text: str) -> int:
    from .kinds.reflection import word_count as count

    return count(text)
