"""Open reflection (``reflexion``): kept in the learner's journal, completed rather than scored, with a
rubric to self-assess."""

from __future__ import annotations

from ...i18n import t
from ..result import COMPLETED, PARTIAL, Result
from . import register
from .base import Kind, empty, invalid, not_attempted

DEFAULT_MIN_WORDS = 30
MAX_CHARS = 100_000


def word_count(text: str) -> int:
    return len([w for w in str(text).split() if any(ch.isalnum() for ch in w)])


@register
class Reflection(Kind):
    name = "reflexion"
    order = 90
    fields = ("grille", "min_mots")
    scored = False
    summary = "completion"
    discussion = ("workshop.q.reflection",)

    def validate(self, f, raw, hashed):
        f.text_list("grille")
        f.number("min_mots", required=False, positive=True, integer=True, maximum=5000)

    def minimum(self, ex) -> int:
        return int(ex.data.get("min_mots") or DEFAULT_MIN_WORDS)

    def check(self, ex, answer) -> Result:
        if empty(answer):
            return not_attempted("check.reflection_empty", score=None)
        if not isinstance(answer, str):
            return invalid("check.need_text", score=None)
        if len(answer) > MAX_CHARS:
            return invalid("check.reflection_too_long", score=None, n=MAX_CHARS)
        count = word_count(answer)
        if count < self.minimum(ex):
            return Result(PARTIAL, None, message=t("check.reflection_short", n=count, minimum=self.minimum(ex)),
                          answer=answer)
        return Result(COMPLETED, None, message=t("check.reflection_saved", n=count), answer=answer)

    def reference_answer(self, ex):
        return " ".join(["réflexion"] * self.minimum(ex))

    def wrong_answer(self, ex):
        return ""

    def probes(self, ex):
        return [self.reference_answer(ex), "trop court"]

    def input(self, ex, rng):
        return ReflectionInput(ex, self.minimum(ex))

    def answer_rows(self, ex, answer, element=None):
        return [(element, "complete", None)] if isinstance(answer, str) and answer.strip() else []


class ReflectionInput:
    """A text area with a live word count, and the rubric as checkboxes."""

    def __init__(self, ex, minimum: int):
        import ipywidgets as w

        self.minimum = minimum
        self.text = w.Textarea(placeholder=t("widget.reflection_placeholder"), description=t("widget.reflection_label"),
                               style={"description_width": "initial"}, layout=w.Layout(width="100%", height="10em"))
        self.count = w.Label(t("widget.word_count", n=0, minimum=self.minimum))
        self.text.observe(self._count, names="value")
        self.rubric = [w.Checkbox(value=False, description=item, indent=False, layout=w.Layout(width="auto"))
                       for item in ex.data["grille"]]
        self.widget = w.VBox([self.text, self.count, w.HTML(f"<b>{t('widget.rubric')}</b>"), *self.rubric])

    def _count(self, _change=None):
        self.count.value = t("widget.word_count", n=word_count(self.text.value), minimum=self.minimum)

    def get(self):
        return self.text.value

    def rubric_values(self) -> list[bool]:
        return [box.value for box in self.rubric]

    def set(self, answer):
        self.text.value = answer if isinstance(answer, str) else ""
        self._count()
