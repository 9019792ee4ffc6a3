"""The outcome of checking one answer, and how a learner's own input is quoted back safely."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from ..i18n import t

CORRECT, PARTIAL, INCORRECT = "correct", "partiel", "incorrect"
NOT_ATTEMPTED, INVALID, COMPLETED = "non_tente", "invalide", "complete"
STATUSES = (CORRECT, PARTIAL, INCORRECT, NOT_ATTEMPTED, INVALID, COMPLETED)
QUOTE_LIMIT = 40


@dataclass
class Result:
    """Outcome of one check. ``score`` is in [0, 1] (``None`` for reflections).

    ``answer`` is the answer in its canonical, JSON-ready form (what the progress log keeps and
    grading re-scores); ``None`` when the answer could not be read.
    """

    status: str
    score: float | None = 0.0
    feedback: list[str] = field(default_factory=list)
    message: str = ""
    answer: object = None

    @property
    def correct(self) -> bool:
        return self.status == CORRECT

    @property
    def attempted(self) -> bool:
        """A check that counts as an attempt (not empty, not of the wrong type)."""
        return self.status not in (NOT_ATTEMPTED, INVALID)

    def symbol(self) -> str:
        return {CORRECT: "✓", PARTIAL: "◐", INCORRECT: "✗", COMPLETED: "✓"}.get(self.status, "•")

    def headline(self) -> str:
        """Status as text (never colour alone): symbol, status word, score."""
        word = t(f"result.{self.status}")
        if self.score is not None and self.status == PARTIAL:
            from ..lessons.display import half_up

            word += " " + t("result.score", score=int(half_up(100 * self.score)))
        return f"{self.symbol()} {word}"

    def to_markdown(self) -> str:
        lines = [f"**{self.headline()}**" + (f" — {self.message}" if self.message else "")]
        lines += [f"- {item}" for item in self.feedback]
        return "\n".join(lines)

    def same_for_learner(self, other: Result) -> bool:
        """True if a learner would see the same thing (verdict, score, feedback, message)."""
        return (self.status, self.score, self.feedback, self.message) == \
            (other.status, other.score, other.feedback, other.message)

    def _repr_markdown_(self) -> str:
        return self.to_markdown()

    def __str__(self) -> str:
        return self.to_markdown()


def status_for(score: float) -> str:
    """The status of a scored answer: correct (full score), partly right, or not yet."""
    if score >= 1 - 1e-9:
        return CORRECT
    return PARTIAL if score > 0 else INCORRECT


_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+!|~$])")


def quote(value) -> str:
    """A learner's input, quoted back in a message: short, plain, and safe in Markdown and HTML.

    Texts are cut at :data:`QUOTE_LIMIT` characters; anything that is not a text or a number is
    named by its kind (« une liste »…), never shown as Python would print it.
    """
    if not isinstance(value, (str, bytes, list, tuple, dict)) and callable(getattr(value, "item", None)) \
            and getattr(value, "size", 1) == 1:
        try:
            value = value.item()  # numpy / pandas scalars
        except (ValueError, TypeError):
            pass
    if isinstance(value, bool):
        text = t("widget.true") if value else t("widget.false")
    elif isinstance(value, str):
        text = " ".join(value.split())
    elif isinstance(value, int):
        text = str(value) if abs(value) < 10**12 else t("quote.big_number")
    elif isinstance(value, float):
        text = f"{value:g}".replace(".", ",")
    elif isinstance(value, dict):
        return t("quote.mapping")
    elif isinstance(value, (list, tuple, set, frozenset)):
        return t("quote.list")
    elif value is None:
        return t("quote.nothing")
    else:
        return t("quote.other")
    if len(text) > QUOTE_LIMIT:
        text = text[: QUOTE_LIMIT - 1] + "…"
    return escape_markdown(text)


def escape_markdown(text: str) -> str:
    """Text a person typed, safe to put inside Markdown: no HTML, no links, no maths, no emphasis."""
    return _MARKDOWN_SPECIALS.sub(r"\\\1", html.escape(str(text), quote=False))
