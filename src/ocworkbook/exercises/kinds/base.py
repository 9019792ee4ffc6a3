"""The interface every question type implements, and the pieces several types share.

A question type is one module of :mod:`ocworkbook.exercises.kinds` holding one :class:`Kind`
subclass decorated with :func:`~ocworkbook.exercises.kinds.register`. It knows, for its type only:

- **authoring**: its YAML fields (:attr:`Kind.fields`), which of them hold the clear key
  (:attr:`Kind.key_fields`, :attr:`Kind.item_key_fields`), how to check them (:meth:`Kind.validate`);
- **the key**: how the authored key becomes tokens (:meth:`Kind.clear_key`);
- **checking**: :meth:`Kind.check`, which only asks the :class:`~ocworkbook.exercises.key.Key`
  (so the clear and hashed editions agree by construction);
- **proofs**: a right answer, a wrong one, and probes covering the key (:meth:`Kind.probes`);
- **showing**: the solution text, the widget input, the question as static HTML;
- **summaries**: the rows a group's answer adds to the workshop's long table, labels, and which
  :attr:`Kind.summary` shape the dashboards and the workshop draw.

Nothing outside this package looks at a type's name to decide what to do.
"""

from __future__ import annotations

import html
import random

from ...i18n import t
from ..key import Key
from ..normalize import normalize_text
from ..result import INVALID, NOT_ATTEMPTED, Result, quote

SUMMARY_SHAPES = ("options", "values", "texts", "categories", "ranks", "completion")


class Kind:
    """One question type. Subclasses set the class attributes and override what differs."""

    name: str = ""
    order: int = 100                      # position in lists of types (messages, docs)
    fields: tuple[str, ...] = ()          # type-specific fields, clear form
    key_fields: tuple[str, ...] = ()      # top-level fields holding the clear key
    item_key_fields: dict[str, tuple[str, ...]] = {}  # list field → key fields of its items
    item_lists: tuple[str, ...] = ()      # lists of items (options, elements…) with ids and texts
    scored: bool = True
    two_way: bool = False                 # a yes/no question (true/false): its answers should not all agree
    summary: str = "options"
    discussion: tuple[str, ...] = ()      # i18n keys of generic discussion questions

    # --- authoring --------------------------------------------------------------------------
    def validate(self, f, raw: dict, hashed: bool) -> None:
        """Report problems of the type's fields (``hashed``: a learner edition's file)."""

    def clear_key(self, exercise_id: str, data: dict) -> Key:
        """The clear key built from the authored fields."""
        return Key(exercise_id, tokens=frozenset())

    def learner_rewrite(self, raw: dict, rng: random.Random) -> None:
        """Change the stored form for the learner edition (in place, before the key fields are removed)."""

    # --- checking ---------------------------------------------------------------------------
    def check(self, ex, answer) -> Result:  # pragma: no cover - every type overrides
        raise NotImplementedError

    # --- proofs (clear key only) --------------------------------------------------------------
    def reference_answer(self, ex):
        """The answer the clear key says is right."""
        raise NotImplementedError

    def wrong_answer(self, ex):
        """An answer that must not be accepted as correct (nbgrader's ``--invert``)."""
        raise NotImplementedError

    def key_answer(self, ex):
        """The right answer as the key gives it back, in either form (clear or hashed), or ``None``.

        Types whose hashed key still says where each item goes (an ordering's positions, a matching's
        pairs) override this; for the others a hashed key cannot give the answer back.
        """
        return self.reference_answer(ex) if ex.key.clear else None

    def probes(self, ex) -> list:
        """Answers that exercise the whole key: right, partly right, wrong, known mistakes."""
        return [self.reference_answer(ex), self.wrong_answer(ex)]

    def right_positions(self, ex) -> tuple[list[dict], list[int]] | None:
        """For choices: the options as authored and the positions of the right ones (clear key)."""
        return None

    def leak_forms(self, ex) -> dict:
        """The correct answer in the forms a leak could take: ``texts``, ``numbers``, ``option_texts``, ``order``."""
        return {}

    # --- showing ------------------------------------------------------------------------------
    def solution_lines(self, ex) -> list[str]:
        """Markdown lines stating the right answer (clear key only)."""
        return []

    def prompt_note(self, ex) -> str | None:
        """Markdown shown under the prompt in the widget (how to answer), if the type needs one."""
        return None

    def input(self, ex, rng: random.Random):
        """The widget input (an object with ``widget``, ``get()``, ``set(answer)``)."""
        return TextInput(ex)

    def question_html(self, ex, rng: random.Random) -> str:
        """What to answer, as HTML, without the answer (exports, handouts)."""
        return ""

    def live(self):
        """The live-workshop form of this type (phone form, parsing, tallies), or ``None`` if it does not
        work on a phone (:mod:`ocworkbook.atelier.question_kinds`)."""
        return None

    # --- summaries ----------------------------------------------------------------------------
    def summary_for(self, ex) -> str:
        """The shape of this exercise's group summary (one of :data:`SUMMARY_SHAPES`)."""
        return self.summary

    def labels(self, ex) -> dict[str, str]:
        """Choice id → label, for charts and tables."""
        return {}

    def element_labels(self, ex) -> dict[str, str]:
        """Element id → label, for the types whose rows name an element (matching, ordering)."""
        return {}

    def answer_rows(self, ex, answer, element: str | None = None) -> list[tuple]:
        """``(element, choix, valeur)`` rows of the workshop's long table for one person's answer."""
        return []

    def choice_is_right(self, ex, choice: str, element: str | None = None) -> bool | None:
        """Whether ``choice`` (for ``element``) is right, from the key; ``None`` if that makes no sense."""
        return None


# --- shared helpers ------------------------------------------------------------------------------

def empty(answer) -> bool:
    if answer is None or answer is Ellipsis:  # ``reponse = ...`` left as in the notebook
        return True
    if isinstance(answer, str):
        return answer.strip() == ""
    if isinstance(answer, (list, tuple, set, dict, frozenset)):
        return len(answer) == 0
    return False


def scalar(answer):
    """numpy / pandas scalars (and one-element arrays) as plain Python values; others unchanged."""
    if isinstance(answer, (str, bytes, bool, int, float, list, tuple, dict, set, frozenset)) or answer is None:
        return answer
    size = getattr(answer, "size", None)
    item = getattr(answer, "item", None)
    if callable(item) and (size is None or size == 1):
        try:
            return item()
        except (ValueError, TypeError, AttributeError):
            return answer
    return answer


def is_identifier_like(value) -> bool:
    """A value a learner could mean as an option or element id (a text or a whole number)."""
    return isinstance(value, str) or (isinstance(value, int) and not isinstance(value, bool))


def find_item(items: list[dict], value) -> dict | None:
    """The item whose id is ``value``, or whose text is ``value`` typed out (case and accents ignored)."""
    if not is_identifier_like(value):
        return None
    wanted = str(value).strip()
    if len(wanted) > 2000:
        return None
    for item in items:
        if str(item["id"]) == wanted:
            return item
    folded = normalize_text(wanted)
    if not folded:
        return None
    for item in items:
        if normalize_text(item["texte"]) == folded:
            return item
    return None


def ids_of(items: list[dict]) -> str:
    """The ids of ``items``, sorted (the stored order differs between editions, the message must not)."""
    return ", ".join(sorted(str(i["id"]) for i in items))


def unknown_item(key: str, value, items: list[dict]) -> Result:
    return Result(INVALID, 0.0, message=t(key, value=quote(value), choices=ids_of(items)))


def not_attempted(message_key: str, score: float | None = 0.0) -> Result:
    return Result(NOT_ATTEMPTED, score, message=t(message_key))


def invalid(message_key: str, score: float | None = 0.0, **values) -> Result:
    return Result(INVALID, score, message=t(message_key, **values))


def shuffled(items: list, rng: random.Random) -> list:
    """A shuffled copy of ``items`` that differs from the authored order whenever it can.

    The authored order often starts with the right answer (or *is* the answer, for an ordering),
    so it is never what a learner sees.
    """
    result = list(items)
    if len(result) < 2:
        return result
    for _ in range(20):
        rng.shuffle(result)
        if result != list(items):
            return result
    return result[1:] + result[:1]


def as_markdown(plain_text: str) -> str:
    """A plain text (an option, an element, a category) placed inside Markdown: ``$`` must not start maths."""
    return str(plain_text).replace("\\$", "$").replace("$", "\\$")


def item_list_html(items: list[dict]) -> str:
    return "<ul>" + "".join(f"<li>{html.escape(str(i['texte']))}</li>" for i in items) + "</ul>"


def validate_items_texts(f, raw: dict, list_field: str) -> None:
    """Two items of one list with the same text would be ambiguous when typed out."""
    seen = {}
    for item in raw.get(list_field) or []:
        if isinstance(item, dict) and isinstance(item.get("texte"), str):
            folded = normalize_text(item["texte"])
            if folded and folded in seen:
                f.error("texte", t("kinds.duplicate_text", field=list_field, other=seen[folded]), item)
            seen.setdefault(folded, str(item.get("id")))


def forbid_clear_key(f, raw: dict, kind: Kind) -> None:
    """In a learner edition's file, a clear key field is an error (the file would give it away)."""
    for name in kind.key_fields:
        if name in raw:
            f.error(name, t("kinds.clear_key_in_learner", field=name))
    for list_field, names in kind.item_key_fields.items():
        for item in raw.get(list_field) or []:
            if isinstance(item, dict):
                for name in names:
                    if name in item:
                        f.error(name, t("kinds.clear_key_in_learner", field=f"{list_field}.{name}"), item)


class TextInput:
    """A one-line text field (numbers, short texts, data answers), with the unit beside it."""

    def __init__(self, ex, placeholder_key: str = "widget.text_placeholder"):
        import ipywidgets as w

        unit = ex.data.get("unite")
        self.text = w.Text(placeholder=t(placeholder_key), layout=w.Layout(width="22em"),
                           description=t("widget.answer_label"), style={"description_width": "initial"})
        self.widget = w.HBox([self.text, w.Label(str(unit))]) if unit else self.text

    def get(self):
        return self.text.value

    def set(self, answer):
        self.text.value = "" if answer is None else str(answer)
