"""Reference answers, deliberately wrong answers and solution texts, for the learner's « Voir la
solution », ``ocworkbook validate`` (a key must pass its checker; a wrong answer must not) and the
editions. Each question type supplies its own; this module only dispatches and formats."""

from __future__ import annotations

from .key import reveal
from .model import SOLUTION_TEXT_FIELD, Exercise

_NO_KEY = object()
NO_KEY = _NO_KEY


def has_clear_key(ex: Exercise) -> bool:
    """False in a learner edition, where the key is hashed and cannot give the answer back."""
    return ex.key.clear


def reference_answer(ex: Exercise):
    """The answer the key says is right (:data:`NO_KEY` if the key is hashed)."""
    return ex.kind.reference_answer(ex) if ex.key.clear else _NO_KEY


def wrong_answer(ex: Exercise):
    """An answer that must *not* be accepted as correct (nbgrader's ``--invert``)."""
    return ex.kind.wrong_answer(ex)


def answer_lines(ex: Exercise) -> list[str]:
    """The lines of the solution that state the answer: computed from a clear key, or the text the
    learner edition stored for it (so both editions show the same solution)."""
    if ex.key.clear:
        return ex.kind.solution_lines(ex)
    stored = reveal(ex.data.get(SOLUTION_TEXT_FIELD) or "")
    return [stored] if stored else []


def solution_markdown(ex: Exercise) -> str:
    """The solution as Markdown: the right answer and the explanation."""
    lines = answer_lines(ex)
    return "\n".join([*lines, "", ex.explanation]) if lines else "\n" + ex.explanation
