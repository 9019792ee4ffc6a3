"""What single and multiple choice share: options, their key tokens, their display."""

from __future__ import annotations

import html
import random

from ...i18n import t
from ..key import Key
from .base import Kind, as_markdown, find_item, shuffled, validate_items_texts


def token(option_id, right: bool) -> str:
    return f"{option_id}:{1 if right else 0}"


def is_right(ex, option: dict) -> bool:
    return ex.key.accepts(token(option["id"], True))


def right_options(ex) -> list[dict]:
    return [o for o in ex.data["options"] if is_right(ex, o)]


def validate(f, raw: dict, hashed: bool, exactly_one: bool) -> None:
    options = f.items("options", ("id", "texte", "retroaction"), minimum=2)
    validate_items_texts(f, raw, "options")
    if hashed:
        return
    flags = []
    for option in options:
        value = option.get("correct", False)
        if not isinstance(value, bool):
            f.error("correct", t("fields.must_be_bool", field="correct"), option)
        flags.append(value is True)
    if options and len(options) == len(raw.get("options") or []):
        if exactly_one and sum(flags) != 1:
            f.error("options", t("kinds.single_needs_one", n=sum(flags)))
        if not exactly_one and sum(flags) < 1:
            f.error("options", t("kinds.multiple_needs_one"))


def clear_key(exercise_id: str, data: dict) -> Key:
    return Key(exercise_id, tokens=frozenset(token(o["id"], o.get("correct") is True) for o in data["options"]))


def resolve(ex, value) -> dict | None:
    return find_item(ex.data["options"], value)


def display_order(ex, rng: random.Random) -> list[dict]:
    return shuffled(ex.data["options"], rng)


def question_html(ex, rng: random.Random) -> str:
    return "<ul>" + "".join(f"<li>{html.escape(o['texte'])}</li>" for o in display_order(ex, rng)) + "</ul>"


def solution_lines(ex) -> list[str]:
    return [t("solution.answer", answer=" ; ".join(as_markdown(o["texte"]) for o in right_options(ex)))]


def labels(ex) -> dict[str, str]:
    return {str(o["id"]): o["texte"] for o in ex.data["options"]}


def leak_forms(ex) -> dict:
    return {"option_texts": {str(o["id"]): o["texte"] for o in right_options(ex)}}


def choice_is_right(ex, choice: str) -> bool | None:
    option = next((o for o in ex.data["options"] if str(o["id"]) == str(choice)), None)
    return None if option is None else is_right(ex, option)


class ChoiceKind(Kind):
    """What single and multiple choice share: the options, their key, their display and their summaries."""

    fields = ("options",)
    item_key_fields = {"options": ("correct",)}
    item_lists = ("options",)
    summary = "options"
    exactly_one = True

    def validate(self, f, raw, hashed):
        validate(f, raw, hashed, exactly_one=self.exactly_one)

    def clear_key(self, exercise_id, data):
        return clear_key(exercise_id, data)

    def leak_forms(self, ex):
        return leak_forms(ex)

    def right_positions(self, ex):
        return ex.data["options"], [i for i, o in enumerate(ex.data["options"]) if is_right(ex, o)]

    def solution_lines(self, ex):
        return solution_lines(ex)

    def question_html(self, ex, rng):
        return question_html(ex, rng)

    def labels(self, ex):
        return labels(ex)

    def choice_is_right(self, ex, choice, element=None):
        return choice_is_right(ex, choice)
