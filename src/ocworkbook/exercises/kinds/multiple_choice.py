"""Multiple choice (``choix_multiple``): tick every right option; partial credit, a wrong tick costs one.

Score = (right ticks − wrong ticks) ÷ number of right options, never below zero.
"""

from __future__ import annotations

from ...i18n import t
from ..result import Result, status_for
from . import _options as options
from . import register
from .base import empty, invalid, not_attempted, scalar, unknown_item

MAX_TICKS = 200


@register
class MultipleChoice(options.ChoiceKind):
    name = "choix_multiple"
    order = 20
    exactly_one = False
    discussion = ("workshop.q.choice_1", "workshop.q.multiple")

    def check(self, ex, answer) -> Result:
        answer = scalar(answer)
        if isinstance(answer, str):
            answer = [part for part in answer.replace(";", ",").split(",") if part.strip()]
        if empty(answer):
            return not_attempted("check.choose_some")
        if not isinstance(answer, (list, tuple, set, frozenset)) or len(answer) > MAX_TICKS:
            return invalid("check.need_list")
        chosen = []
        for value in answer:
            option = options.resolve(ex, scalar(value))
            if option is None:
                return unknown_item("check.unknown_option", value, ex.data["options"])
            if option not in chosen:
                chosen.append(option)
        right = options.right_options(ex)
        hits = sum(1 for o in chosen if o in right)
        score = max(0.0, (hits - (len(chosen) - hits)) / len(right)) if right else 0.0
        missing = len(right) - hits
        order = {id(o): i for i, o in enumerate(ex.data["options"])}
        chosen.sort(key=lambda o: order[id(o)])
        return Result(status_for(score), score, [o["retroaction"] for o in chosen],
                      t("check.missing_options", n=missing) if missing else "",
                      answer=[str(o["id"]) for o in chosen])

    def reference_answer(self, ex):
        return [str(o["id"]) for o in options.right_options(ex)]

    def wrong_answer(self, ex):
        return [str(o["id"]) for o in ex.data["options"] if not options.is_right(ex, o)]

    def probes(self, ex):
        ids = [str(o["id"]) for o in ex.data["options"]]
        right = self.reference_answer(ex)
        return [right, right[:1], ids, self.wrong_answer(ex), *([i] for i in ids), ", ".join(right)]

    def input(self, ex, rng):
        return MultipleChoiceInput(options.display_order(ex, rng))

    def live(self):
        from ...atelier.question_kinds import MultipleChoice as Live

        return Live(self.name)

    def answer_rows(self, ex, answer, element=None):
        if isinstance(answer, str):
            from ..normalize import normalize_text

            cell = normalize_text(answer)
            found = [o for o in ex.data["options"] if normalize_text(o["texte"]) and normalize_text(o["texte"]) in cell]
            if not found:
                found = [options.resolve(ex, part) for part in answer.replace(";", ",").split(",")]
        else:
            found = [options.resolve(ex, value) for value in answer or []]
        ids = dict.fromkeys(str(o["id"]) for o in found if o)
        return [(element, option_id, None) for option_id in ids]



class MultipleChoiceInput:
    """One checkbox per option, in the learner's shuffled order."""

    def __init__(self, shown):
        import ipywidgets as w

        self.boxes = {str(o["id"]): w.Checkbox(value=False, description=o["texte"], indent=False,
                                               layout=w.Layout(width="auto")) for o in shown}
        self.widget = w.VBox(list(self.boxes.values()))

    def get(self):
        return [key for key, box in self.boxes.items() if box.value]

    def set(self, answer):
        wanted = set(map(str, answer or [])) if isinstance(answer, list) else set()
        for key, box in self.boxes.items():
            box.value = key in wanted
