"""The exercise schema: which fields each type of question needs, and the Exercise record.

Exercise files use French keys (``enonce``, ``indices``…) so that instructors can read and edit
them; this module checks a parsed file against the schema and returns :class:`Exercise` objects
plus a list of :class:`~ocworkbook.errors.BankError` naming file, exercise id and line.
Answer keys may be stored in clear (instructor edition) or as salted hashes (learner edition,
see :mod:`.keys`); both forms are valid here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..errors import BankError
from ..i18n import t
from . import keys

TYPES = ("choix_unique", "choix_multiple", "vrai_faux", "numerique", "texte_court", "ordre",
         "association", "donnees", "reflexion")
COMMON_REQUIRED = ("id", "type", "titre", "enonce", "indices", "explication", "etiquettes", "minutes")
COMMON_OPTIONAL = ("solution", "points", "notes")
TYPE_FIELDS = {
    "choix_unique": ("options",),
    "choix_multiple": ("options",),
    "vrai_faux": ("reponse", "reponse_h", "retroaction", "justification"),
    "numerique": ("reponse", "reponse_h", "tolerance", "unite", "erreurs", "retroaction",
                  "retroaction_trop_haut", "retroaction_trop_bas"),
    "texte_court": ("reponses", "reponses_h", "erreurs", "retroaction"),
    "ordre": ("elements", "paires_h"),
    "association": ("categories", "elements"),
    "donnees": ("jeu_de_donnees", "calcul", "reponse", "reponse_h", "reponse_nature", "tolerance", "unite",
                "erreurs", "retroaction", "retroaction_trop_haut", "retroaction_trop_bas"),
    "reflexion": ("grille", "min_mots"),
}
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")
DEFAULT_SOLUTION_POLICY = 1
DEFAULT_MIN_WORDS = 30


@dataclass
class Exercise:
    """One exercise of the bank, validated. ``data`` keeps the type-specific fields as authored."""

    id: str
    type: str
    title: str
    prompt: str
    hints: list[str]
    explanation: str
    tags: list[str]
    minutes: float
    notebook: str
    path: str
    line: int | None
    points: float = 1.0
    solution_policy: Any = DEFAULT_SOLUTION_POLICY
    salt: str | None = None
    data: dict = field(default_factory=dict)

    @property
    def scored(self) -> bool:
        """Reflections are completed, not scored."""
        return self.type != "reflexion"

    @property
    def hashed(self) -> bool:
        """True in the learner edition, where answer keys are salted hashes."""
        return self.salt is not None


class _Checker:
    """Collects schema errors for one exercise, with the line of the offending key."""

    def __init__(self, path: str, raw: dict, ex_id: str | None):
        self.path, self.raw, self.id = path, raw, ex_id
        self.errors: list[BankError] = []

    def line(self, key=None, mapping=None):
        mapping = self.raw if mapping is None else mapping
        if hasattr(mapping, "line_of") and key is not None:
            return mapping.line_of(key)
        return getattr(mapping, "line", None)

    def error(self, key, message, mapping=None):
        self.errors.append(BankError(message, path=self.path, line=self.line(key, mapping), item=self.id))

    def text(self, key, mapping=None, required=True):
        mapping = self.raw if mapping is None else mapping
        value = mapping.get(key)
        if value is None:
            if required:
                self.error(key, t("bank.missing_field", field=key), mapping)
            return None
        if not isinstance(value, str) or not value.strip():
            self.error(key, t("bank.must_be_text", field=key), mapping)
            return None
        return value

    def text_list(self, key, mapping=None, minimum=1):
        mapping = self.raw if mapping is None else mapping
        value = mapping.get(key)
        if value is None:
            self.error(key, t("bank.missing_field", field=key), mapping)
            return []
        if isinstance(value, str):
            value = [value]
        if isinstance(value, list) and any(isinstance(v, dict) for v in value):
            self.error(key, t("bank.colon_in_list", field=key), mapping)
            return []
        if not isinstance(value, list) or not all(isinstance(v, (str, int, float)) for v in value):
            self.error(key, t("bank.must_be_list", field=key), mapping)
            return []
        if len(value) < minimum:
            self.error(key, t("bank.too_few", field=key, n=minimum), mapping)
        return [str(v) for v in value]

    def number(self, key, mapping=None, required=True, positive=False):
        mapping = self.raw if mapping is None else mapping
        value = mapping.get(key)
        if value is None:
            if required:
                self.error(key, t("bank.missing_field", field=key), mapping)
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.error(key, t("bank.must_be_number", field=key, value=value), mapping)
            return None
        if positive and value <= 0:
            self.error(key, t("bank.must_be_positive", field=key), mapping)
        return value

    def items(self, key, required_fields, minimum=1):
        """A list of mappings (options, elements, categories), each with an ``id``."""
        value = self.raw.get(key)
        if not isinstance(value, list) or len(value) < minimum:
            self.error(key, t("bank.too_few", field=key, n=minimum))
            return []
        seen, items = set(), []
        for item in value:
            if not isinstance(item, dict):
                self.error(key, t("bank.item_must_be_mapping", field=key))
                continue
            for name in required_fields:
                if name == "id":
                    if not isinstance(item.get("id"), (str, int)) or str(item.get("id")).strip() == "":
                        self.error("id", t("bank.missing_field", field=f"{key}.id"), item)
                        continue
                    if str(item["id"]) in seen:
                        self.error("id", t("bank.duplicate_item", field=key, id=item["id"]), item)
                    seen.add(str(item["id"]))
                else:
                    self.text(name, item)
            items.append(item)
        return items


def _check_choices(c: _Checker, ex_type: str):
    options = c.items("options", ("id", "texte", "retroaction"), minimum=2)
    hashed = any("correct_h" in o for o in options)
    if hashed:
        return
    flags = []
    for option in options:
        value = option.get("correct", False)
        if not isinstance(value, bool):
            c.error("correct", t("bank.must_be_bool", field="correct"), option)
        flags.append(value is True)
    if ex_type == "choix_unique" and options and sum(flags) != 1:
        c.error("options", t("bank.single_needs_one", n=sum(flags)))
    if ex_type == "choix_multiple" and options and sum(flags) < 1:
        c.error("options", t("bank.multiple_needs_one"))


def _check_errors_list(c: _Checker, numeric: bool):
    errors = c.raw.get("erreurs")
    if errors is None:
        return
    if not isinstance(errors, list):
        c.error("erreurs", t("bank.must_be_list", field="erreurs"))
        return
    for item in errors:
        if not isinstance(item, dict):
            c.error("erreurs", t("bank.item_must_be_mapping", field="erreurs"))
            continue
        c.text("retroaction", item)
        if numeric:
            c.number("valeur", item)
            c.number("tolerance", item, required=False)
        else:
            c.text_list("reponses", item)


def answer_is_numeric(raw: dict) -> bool:
    """True if a ``numerique``/``donnees`` exercise expects a number (rather than a text)."""
    if raw.get("reponse_nature"):
        return raw["reponse_nature"] == "nombre"
    value = raw.get("reponse")
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _check_type_fields(c: _Checker, ex_type: str):
    raw = c.raw
    if ex_type in ("choix_unique", "choix_multiple"):
        _check_choices(c, ex_type)
    elif ex_type == "vrai_faux":
        if "reponse_h" not in raw:
            value = raw.get("reponse")
            if value not in (True, False, "vrai", "faux"):
                c.error("reponse", t("bank.true_false_answer"))
        feedback = raw.get("retroaction")
        if not isinstance(feedback, dict) or not {"vrai", "faux"} <= set(map(str, feedback)):
            c.error("retroaction", t("bank.true_false_feedback"))
    elif ex_type in ("numerique", "donnees"):
        if ex_type == "donnees":
            c.text("jeu_de_donnees")
            c.text("calcul", required="reponse_h" not in raw)
            if raw.get("reponse_nature") not in (None, "nombre", "texte"):
                c.error("reponse_nature", t("bank.bad_answer_nature", value=raw.get("reponse_nature")))
        if "reponse_h" not in raw:
            if ex_type == "numerique":
                c.number("reponse")
            elif raw.get("reponse") is None:
                c.error("reponse", t("bank.missing_field", field="reponse"))
        c.number("tolerance", required=False)
        numeric = ex_type == "numerique" or answer_is_numeric(raw)
        _check_errors_list(c, numeric=numeric)
    elif ex_type == "texte_court":
        if "reponses_h" not in raw:
            c.text_list("reponses")
        _check_errors_list(c, numeric=False)
    elif ex_type == "ordre":
        c.items("elements", ("id", "texte"), minimum=2)
    elif ex_type == "association":
        categories = c.items("categories", ("id", "texte"), minimum=2)
        names = {str(cat.get("id")) for cat in categories}
        for element in c.items("elements", ("id", "texte", "retroaction"), minimum=2):
            if "categorie_h" in element:
                continue
            if str(element.get("categorie")) not in names:
                c.error("categorie", t("bank.unknown_category", value=element.get("categorie"),
                                       choices=", ".join(sorted(names))), element)
    elif ex_type == "reflexion":
        c.text_list("grille")
        c.number("min_mots", required=False, positive=True)


def _solution_policy(value, c: _Checker):
    if value in ("toujours", "jamais"):
        return value
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    c.error("solution", t("bank.solution_policy", value=value))
    return DEFAULT_SOLUTION_POLICY


def parse_exercise(raw: dict, *, path: str, notebook: str, default_policy=DEFAULT_SOLUTION_POLICY,
                   salt: str | None = None) -> tuple[Exercise | None, list[BankError]]:
    """Validate one authored exercise; return it (or ``None``) and the errors found."""
    if not isinstance(raw, dict):
        return None, [BankError(t("bank.exercise_must_be_mapping"), path=path)]
    ex_id = raw.get("id")
    c = _Checker(path, raw, str(ex_id) if ex_id is not None else None)
    if not isinstance(ex_id, str) or not ID_PATTERN.match(ex_id):
        c.error("id", t("bank.bad_id", value=ex_id))
    ex_type = raw.get("type")
    if ex_type not in TYPES:
        c.error("type", t("bank.bad_type", value=ex_type, choices=", ".join(TYPES)))
    allowed = set(COMMON_REQUIRED) | set(COMMON_OPTIONAL) | set(TYPE_FIELDS.get(ex_type, ()))
    if ex_type in TYPE_FIELDS:
        for key in raw:
            if key not in allowed:
                c.error(key, t("bank.unknown_field", field=key, type=ex_type))
    title = c.text("titre")
    prompt = c.text("enonce")
    hints = c.text_list("indices")
    explanation = c.text("explication")
    tags = c.text_list("etiquettes")
    minutes = c.number("minutes", positive=True)
    points = c.number("points", required=False, positive=True)
    policy = _solution_policy(raw["solution"], c) if "solution" in raw else default_policy
    if ex_type in TYPES:
        _check_type_fields(c, ex_type)
    if c.errors:
        return None, c.errors
    data = keys.reveal_tree({k: v for k, v in raw.items() if k in TYPE_FIELDS[ex_type]})
    hints, explanation = [keys.reveal(h) for h in hints], keys.reveal(explanation)
    tags = [keys.reveal(tag) for tag in tags]
    exercise = Exercise(id=ex_id, type=ex_type, title=title, prompt=prompt, hints=hints,
                        explanation=explanation, tags=tags, minutes=float(minutes), notebook=notebook,
                        path=path, line=getattr(raw, "line", None), points=float(points or 1.0),
                        solution_policy=policy, salt=salt, data=data)
    return exercise, []
