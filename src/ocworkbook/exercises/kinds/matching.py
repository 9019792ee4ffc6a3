"""Matching / categorizing (``association``): place each element in a category (a rung of a ladder,
a type of relation…). Partial credit per element; feedback for each misplaced one."""

from __future__ import annotations

import html

from ...i18n import t
from ..key import Key
from ..result import Result, quote, status_for
from . import register
from .base import Kind, as_markdown, empty, find_item, ids_of, invalid, item_list_html, not_attempted, scalar, shuffled


def token(element_id, category_id) -> str:
    return f"{element_id}={category_id}"


@register
class Matching(Kind):
    name = "association"
    order = 70
    fields = ("categories", "elements")
    item_key_fields = {"elements": ("categorie",)}
    item_lists = ("categories", "elements")
    summary = "categories"
    discussion = ("workshop.q.matching", "workshop.q.choice_2")

    def validate(self, f, raw, hashed):
        categories = f.items("categories", ("id", "texte"), minimum=2)
        names = [str(c.get("id")) for c in categories]
        for element in f.items("elements", ("id", "texte", "retroaction"), minimum=2):
            if not hashed and str(element.get("categorie")) not in names:
                from ...validation.fields import short, suggestion

                f.error("categorie", t("kinds.unknown_category", value=short(element.get("categorie")),
                                       suggestion=suggestion(element.get("categorie"), names),
                                       choices=", ".join(names)), element)

    def clear_key(self, exercise_id, data):
        return Key(exercise_id, tokens=frozenset(token(e["id"], e["categorie"]) for e in data["elements"]))

    def check(self, ex, answer) -> Result:
        answer = scalar(answer)
        if empty(answer):
            return not_attempted("check.match_all")
        if not isinstance(answer, dict) or len(answer) > 500:
            return invalid("check.match_need_dict")
        categories, elements = ex.data["categories"], ex.data["elements"]
        answered = {}
        for key, value in answer.items():
            element = find_item(elements, scalar(key))
            if element is None:
                return Result("invalide", 0.0, message=t("check.unknown_element", value=quote(key),
                                                         choices=ids_of(elements)))
            value = scalar(value)
            if empty(value):
                continue
            category = find_item(categories, value)
            if category is None:
                return Result("invalide", 0.0, message=t("check.unknown_category", value=quote(value),
                                                         choices=ids_of(categories)))
            answered[str(element["id"])] = str(category["id"])
        if not answered:
            return not_attempted("check.match_all")
        good, feedback = 0, []
        for element in elements:
            chosen = answered.get(str(element["id"]))
            if chosen is None:
                continue
            if ex.key.accepts(token(element["id"], chosen)):
                good += 1
            else:
                feedback.append(f"« {as_markdown(element['texte'])} » — {element['retroaction']}")
        score = good / len(elements)
        unanswered = len(elements) - len(answered)
        message = t("check.match_count", good=good, total=len(elements))
        if unanswered:
            message += " " + t("check.match_unanswered", n=unanswered)
        return Result(status_for(score), score, feedback, "" if score >= 1 else message, answer=answered)

    def _key_map(self, ex) -> dict[str, str]:
        found = {}
        for element in ex.data["elements"]:
            for category in ex.data["categories"]:
                if ex.key.accepts(token(element["id"], category["id"])):
                    found[str(element["id"])] = str(category["id"])
        return found

    def reference_answer(self, ex):
        return self._key_map(ex)

    def key_answer(self, ex):
        """Each element's category from the key's pairs (both editions); ``None`` if one is missing."""
        found = self._key_map(ex)
        return found if len(found) == len(ex.data["elements"]) else None

    def wrong_answer(self, ex):
        categories = [str(c["id"]) for c in ex.data["categories"]]
        return {e: next(c for c in categories if c != cat) for e, cat in self._key_map(ex).items()}

    def probes(self, ex):
        right = self._key_map(ex)
        first = next(iter(right))
        half = dict(list(right.items())[: max(1, len(right) // 2)])
        return [right, self.wrong_answer(ex), half, {first: right[first]},
                {**right, first: self.wrong_answer(ex)[first]}]

    def solution_lines(self, ex):
        names = {str(c["id"]): c["texte"] for c in ex.data["categories"]}
        key = self._key_map(ex)
        return [t("solution.matching")] + [f"- {as_markdown(e['texte'])} → **{as_markdown(names[key[str(e['id'])]])}**"
                                           for e in ex.data["elements"] if str(e["id"]) in key]

    def input(self, ex, rng):
        return MatchingInput(ex, shuffled(ex.data["elements"], rng))

    def question_html(self, ex, rng):
        categories = " · ".join(html.escape(c["texte"]) for c in ex.data["categories"])
        return (f"<p>{html.escape(t('publish.static.categories'))} {categories}</p>"
                + item_list_html(shuffled(ex.data["elements"], rng)))

    def labels(self, ex):
        return {str(c["id"]): c["texte"] for c in ex.data["categories"]}

    def element_labels(self, ex) -> dict[str, str]:
        return {str(e["id"]): e["texte"] for e in ex.data["elements"]}

    def live(self):
        from ...atelier.question_kinds import Matching as Live

        return Live(self.name)

    def answer_rows(self, ex, answer, element=None):
        rows = []
        pairs = answer.items() if isinstance(answer, dict) else ([(element, answer)] if element else [])
        for elem, value in pairs:
            if empty(value):
                continue
            category = find_item(ex.data["categories"], scalar(value))
            rows.append((str(elem), str(category["id"]) if category else "?", None))
        return rows

    def choice_is_right(self, ex, choice, element=None):
        return ex.key.accepts(token(element, choice)) if element is not None else None


def _set_tooltip(widget, text: str) -> None:
    """``tooltip`` in ipywidgets 8, ``description_tooltip`` in 7.x (Colab)."""
    name = "tooltip" if "tooltip" in widget.keys else "description_tooltip"
    setattr(widget, name, text)


class MatchingInput:
    """One dropdown of categories per element (keyboard-friendly), elements in the learner's order."""

    def __init__(self, ex, shown):
        import ipywidgets as w

        choices = [(t("widget.choose"), None)] + [(c["texte"], str(c["id"])) for c in ex.data["categories"]]
        self.dropdowns, rows = {}, []
        for number, element in enumerate(shown, 1):
            # The menu's own label (« Élément 3 ») names it for screen readers; the text it classifies sits
            # right after it and is also its tooltip.
            dropdown = w.Dropdown(options=choices, value=None, description=t("widget.element_label", n=number),
                                  style={"description_width": "initial"}, layout=w.Layout(width="auto"))
            _set_tooltip(dropdown, element["texte"])
            self.dropdowns[str(element["id"])] = dropdown
            rows.append(w.HBox([dropdown, w.HTML(html.escape(element["texte"]))],
                               layout=w.Layout(align_items="center")))
        self.widget = w.VBox(rows)

    def get(self):
        return {key: d.value for key, d in self.dropdowns.items() if d.value is not None}

    def set(self, answer):
        for key, value in (answer or {}).items() if isinstance(answer, dict) else []:
            if key in self.dropdowns and value in [v for _, v in self.dropdowns[key].options]:
                self.dropdowns[key].value = value
