"""Ordering (``ordre``): put the elements in order. Partial credit by pairs in the right order; the
feedback names the first element out of place (in both editions: positions are part of the key)."""

from __future__ import annotations

from ...i18n import t
from ..result import Result, status_for
from . import register
from .base import Kind, as_markdown, empty, find_item, invalid, item_list_html, not_attempted, scalar, shuffled

MAX_ELEMENTS = 50


def pair_tokens(order: list[str]) -> list[str]:
    return [f"{a}<{b}" for i, a in enumerate(order) for b in order[i + 1:]]


def position_token(position: int, element_id: str) -> str:
    return f"@{position}={element_id}"


@register
class Ordering(Kind):
    name = "ordre"
    order = 60
    fields = ("elements",)
    item_lists = ("elements",)
    summary = "ranks"
    discussion = ("workshop.q.order",)

    def validate(self, f, raw, hashed):
        elements = f.items("elements", ("id", "texte"), minimum=2)
        if len(elements) > MAX_ELEMENTS:
            f.error("elements", t("kinds.too_many", field="elements", n=MAX_ELEMENTS))
        for element in elements:
            f.keys(("id", "texte", "retroaction"), mapping=element, where=t("kinds.in_elements"))
            f.text("retroaction", element, required=False)

    def clear_key(self, exercise_id, data):
        from ..key import Key

        order = [str(e["id"]) for e in data["elements"]]
        tokens = set(pair_tokens(order)) | {position_token(i, e) for i, e in enumerate(order)}
        return Key(exercise_id, tokens=frozenset(tokens))

    def learner_rewrite(self, raw, rng):
        raw["elements"] = shuffled(raw["elements"], rng)  # the stored order must not be the key

    def check(self, ex, answer) -> Result:
        answer = scalar(answer)
        elements = ex.data["elements"]
        if empty(answer):
            return not_attempted("check.order_all")
        if not isinstance(answer, (list, tuple)) or len(answer) > MAX_ELEMENTS:
            return invalid("check.order_all")
        found = [find_item(elements, scalar(v)) for v in answer]
        given = [str(e["id"]) if e else None for e in found]
        if None in given or sorted(given) != sorted(str(e["id"]) for e in elements):
            return invalid("check.order_same_items", items=", ".join(sorted(str(e["id"]) for e in elements)))
        pairs = pair_tokens(given)
        good = sum(1 for p in pairs if ex.key.accepts(p))
        score = good / len(pairs) if pairs else 1.0
        feedback = []
        if score < 1:
            by_id = {str(e["id"]): e for e in elements}
            for position, element_id in enumerate(given):
                if not ex.key.accepts(position_token(position, element_id)) and by_id[element_id].get("retroaction"):
                    feedback.append(by_id[element_id]["retroaction"])
                    break
        message = "" if score >= 1 else t("check.order_pairs", good=good, total=len(pairs))
        return Result(status_for(score), score, feedback, message, answer=given)

    def _key_order(self, ex) -> list[str]:
        ids = [str(e["id"]) for e in ex.data["elements"]]
        return sorted(ids, key=lambda e: next((i for i in range(len(ids)) if ex.key.accepts(position_token(i, e))),
                                              len(ids)))

    def reference_answer(self, ex):
        return self._key_order(ex)

    def key_answer(self, ex):
        """The expected order from the key's positions (both editions); ``None`` if a position is missing."""
        order = self._key_order(ex)
        return order if all(ex.key.accepts(position_token(i, e)) for i, e in enumerate(order)) else None

    def wrong_answer(self, ex):
        return list(reversed(self._key_order(ex)))

    def probes(self, ex):
        order = self._key_order(ex)
        swapped = order[1:2] + order[:1] + order[2:]
        rotated = order[1:] + order[:1]
        return [order, list(reversed(order)), swapped, rotated, [e["texte"] for e in ex.data["elements"]]]

    def leak_forms(self, ex):
        return {"order": self._key_order(ex)}

    def solution_lines(self, ex):
        by_id = {str(e["id"]): e for e in ex.data["elements"]}
        order = self._key_order(ex)
        return [t("solution.order")] + [f"{i}. {as_markdown(by_id[e]['texte'])}" for i, e in enumerate(order, 1)]

    def input(self, ex, rng):
        return OrderInput(ex, shuffled(ex.data["elements"], rng))

    def question_html(self, ex, rng):
        return item_list_html(shuffled(ex.data["elements"], rng))

    def labels(self, ex):
        return {str(e["id"]): e["texte"] for e in ex.data["elements"]}

    def element_labels(self, ex):
        return self.labels(ex)

    def live(self):
        from ...atelier.question_kinds import Ordering as Live

        return Live(self.name)

    def answer_rows(self, ex, answer, element=None):
        if not isinstance(answer, list):
            return []
        found = [find_item(ex.data["elements"], v) for v in answer]
        return [(str(e["id"]), str(position), float(position)) for position, e in enumerate(found, 1) if e]


class OrderInput:
    """The elements in the learner's shuffled order, each with « ↑ » and « ↓ » buttons (no drag and drop:
    the keyboard and screen readers can do everything)."""

    def __init__(self, ex, shown):
        import ipywidgets as w

        self._w = w
        self.by_id = {str(e["id"]): e for e in ex.data["elements"]}
        self.order = [str(e["id"]) for e in shown]
        self.widget = w.VBox()
        self._render()

    def _button(self, label, tooltip, callback):
        button = self._w.Button(description=label, tooltip=tooltip, layout=self._w.Layout(width="3em"))
        button.on_click(lambda _b: callback())
        return button

    def _render(self):
        import html

        w, rows = self._w, []
        for position, key in enumerate(self.order):
            text = self.by_id[key]["texte"]
            up = self._button("↑", t("widget.move_up", item=text), lambda p=position: self.move(p, -1))
            down = self._button("↓", t("widget.move_down", item=text), lambda p=position: self.move(p, +1))
            up.disabled, down.disabled = position == 0, position == len(self.order) - 1
            rows.append(w.HBox([up, down, w.HTML(f"<b>{position + 1}.</b>&nbsp;{html.escape(text)}")]))
        self.widget.children = rows

    def move(self, position: int, step: int) -> None:
        """Move the element at ``position`` up (-1) or down (+1)."""
        target = position + step
        if 0 <= target < len(self.order):
            self.order[position], self.order[target] = self.order[target], self.order[position]
            self._render()

    def get(self):
        return list(self.order)

    def set(self, answer):
        if isinstance(answer, list) and sorted(map(str, answer)) == sorted(self.order):
            self.order = [str(a) for a in answer]
            self._render()
