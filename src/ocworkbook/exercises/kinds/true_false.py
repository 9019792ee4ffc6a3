"""True or false (``vrai_faux``), optionally with a written justification kept in the journal."""

from __future__ import annotations

from ...i18n import t
from ..key import Key
from ..normalize import normalize_text
from ..result import CORRECT, INCORRECT, Result
from . import register
from .base import Kind, empty, invalid, not_attempted, scalar

TRUE_WORDS = {"vrai", "v", "true", "oui", "o", "1", "t", "yes"}
FALSE_WORDS = {"faux", "f", "false", "non", "n", "0", "no"}
WORDS = ("vrai", "faux")


def word_of(answer) -> str | None:
    """``"vrai"``/``"faux"`` for what a learner typed or ticked, else ``None``."""
    if isinstance(answer, bool):
        return "vrai" if answer else "faux"
    if isinstance(answer, int) and answer in (0, 1):
        return "vrai" if answer else "faux"
    if isinstance(answer, str) and len(answer) < 50:
        folded = normalize_text(answer)
        if folded in TRUE_WORDS:
            return "vrai"
        if folded in FALSE_WORDS:
            return "faux"
    return None


@register
class TrueFalse(Kind):
    name = "vrai_faux"
    order = 30
    fields = ("reponse", "retroaction", "justification")
    key_fields = ("reponse",)
    two_way = True
    summary = "options"
    discussion = ("workshop.q.true_false", "workshop.q.choice_2")

    def validate(self, f, raw, hashed):
        if not hashed and raw.get("reponse") not in (True, False, "vrai", "faux"):
            f.error("reponse", t("kinds.true_false_answer"))
        feedback = raw.get("retroaction")
        if not isinstance(feedback, dict) or set(map(str, feedback)) != set(WORDS):
            f.error("retroaction", t("kinds.true_false_feedback"))
        else:
            for word in WORDS:
                f.text(word, feedback)
        f.boolean("justification")

    def clear_key(self, exercise_id, data):
        return Key(exercise_id, tokens=frozenset({word_of(data["reponse"])}))

    def check(self, ex, answer) -> Result:
        answer = scalar(answer)
        if empty(answer):
            return not_attempted("check.choose_true_false")
        word = word_of(answer)
        if word is None:
            return invalid("check.choose_true_false")
        right = ex.key.accepts(word)
        return Result(CORRECT if right else INCORRECT, 1.0 if right else 0.0, [ex.data["retroaction"][word]],
                      answer=word)

    def reference_answer(self, ex):
        return next(w for w in WORDS if ex.key.accepts(w)) == "vrai"

    def wrong_answer(self, ex):
        return not self.reference_answer(ex)

    def key_answer(self, ex):
        return self.reference_answer(ex)  # the hashed key accepts « vrai » or « faux »: both forms say which

    def probes(self, ex):
        return [True, False, "Vrai", "faux", "oui"]

    def solution_lines(self, ex):
        return [t("solution.answer", answer=t("widget.true") if self.reference_answer(ex) else t("widget.false"))]

    def input(self, ex, rng):
        return TrueFalseInput(ex)

    def question_html(self, ex, rng):
        import html

        return f"<p>{html.escape(t('publish.static.true_false'))}</p>"

    def labels(self, ex):
        return {"vrai": t("widget.true"), "faux": t("widget.false")}

    def live(self):
        from ...atelier.question_kinds import TrueFalse as Live

        return Live(self.name)

    def answer_rows(self, ex, answer, element=None):
        return [(element, word_of(answer) or "?", None)]

    def choice_is_right(self, ex, choice, element=None):
        return ex.key.accepts(choice) if choice in WORDS else None


class TrueFalseInput:
    """« Vrai » / « Faux », and a justification box when the exercise asks for one."""

    def __init__(self, ex):
        import ipywidgets as w

        self.choice = w.RadioButtons(options=[(t("widget.true"), "vrai"), (t("widget.false"), "faux")], value=None,
                                     description=t("widget.choices_label"), style={"description_width": "initial"})
        self.justification = None
        children = [self.choice]
        if ex.data.get("justification"):
            self.justification = w.Textarea(placeholder=t("widget.justify_placeholder"),
                                            description=t("widget.justify"), style={"description_width": "initial"},
                                            layout=w.Layout(width="100%", height="5em"))
            children += [self.justification]
        self.widget = w.VBox(children)

    def get(self):
        return self.choice.value

    def set(self, answer):
        word = word_of(answer)
        if word:
            self.choice.value = word
