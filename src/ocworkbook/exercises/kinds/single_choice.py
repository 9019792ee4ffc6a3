"""Single choice (``choix_unique``): one right option among several; feedback for each option."""

from __future__ import annotations

from ...i18n import t
from ..result import CORRECT, INCORRECT, Result
from . import _options as options
from . import register
from .base import empty, invalid, is_identifier_like, not_attempted, scalar, unknown_item


@register
class SingleChoice(options.ChoiceKind):
    name = "choix_unique"
    order = 10
    discussion = ("workshop.q.choice_1", "workshop.q.choice_2")

    def check(self, ex, answer) -> Result:
        answer = scalar(answer)
        if isinstance(answer, (list, tuple, set, frozenset)) and len(answer) == 1:
            answer = scalar(next(iter(answer)))
        if empty(answer):
            return not_attempted("check.choose_one")
        if isinstance(answer, (list, tuple, set, frozenset, dict)):
            return invalid("check.only_one")
        if not is_identifier_like(answer):
            return invalid("check.need_option")
        option = options.resolve(ex, answer)
        if option is None:
            return unknown_item("check.unknown_option", answer, ex.data["options"])
        right = options.is_right(ex, option)
        return Result(CORRECT if right else INCORRECT, 1.0 if right else 0.0, [option["retroaction"]],
                      answer=str(option["id"]))

    def reference_answer(self, ex):
        return str(options.right_options(ex)[0]["id"])

    def wrong_answer(self, ex):
        return next(str(o["id"]) for o in ex.data["options"] if not options.is_right(ex, o))

    def probes(self, ex):
        right = options.right_options(ex)[0]
        return [str(o["id"]) for o in ex.data["options"]] + [right["texte"], [str(right["id"])]]

    def input(self, ex, rng):
        return SingleChoiceInput(ex, options.display_order(ex, rng))

    def live(self):
        from ...atelier.question_kinds import SingleChoice as Live

        return Live(self.name)

    def answer_rows(self, ex, answer, element=None):
        if isinstance(answer, list):
            answer = answer[0] if answer else None
        option = options.resolve(ex, answer)
        return [(element, str(option["id"]) if option else "?", None)]



class SingleChoiceInput:
    """Radio buttons, in the learner's shuffled order."""

    def __init__(self, ex, shown):
        import ipywidgets as w

        self.widget = w.RadioButtons(options=[(o["texte"], str(o["id"])) for o in shown], value=None,
                                     layout=w.Layout(width="auto"), description=t("widget.choices_label"),
                                     style={"description_width": "initial"})

    def get(self):
        return self.widget.value

    def set(self, answer):
        if answer in [v for _, v in self.widget.options]:
            self.widget.value = answer
