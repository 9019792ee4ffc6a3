"""The exercise record and the fields every exercise shares, whatever its type.

Exercise files use French keys (``enonce``, ``indices``…) so that instructors can read and edit
them. This module checks the common fields and hands the type-specific ones to the question type
(:mod:`.kinds`); it returns :class:`Exercise` objects plus a list of
:class:`~ocworkbook.errors.BankError` naming file, exercise id and line. A file written by the
learner edition (it has a ``sel``) holds hashed keys; any other file holds clear keys.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..errors import BankError
from ..i18n import t
from ..validation.fields import ID_PATTERN, Fields, Report, short, suggestion
from . import kinds
from .key import HASH_FIELD, REFERENCE_FIELD, Key, reveal, reveal_tree

COMMON_REQUIRED = ("id", "type", "titre", "enonce", "indices", "explication", "etiquettes", "minutes")
COMMON_OPTIONAL = ("solution", "points", "notes")
SOLUTION_TEXT_FIELD = "solution_texte"
LEARNER_FIELDS = (HASH_FIELD, REFERENCE_FIELD, SOLUTION_TEXT_FIELD)
DEFAULT_SOLUTION_POLICY = 1
MAX_MINUTES = 600


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
    key: Key
    points: float = 1.0
    solution_policy: Any = DEFAULT_SOLUTION_POLICY
    data: dict = field(default_factory=dict)
    notes: str | None = None

    @property
    def kind(self) -> kinds.Kind:
        return kinds.get(self.type)

    @property
    def scored(self) -> bool:
        """Reflections are completed, not scored."""
        return self.kind.scored

    @property
    def hashed(self) -> bool:
        """True in the learner edition, where the answer key is hashed."""
        return not self.key.clear


def solution_policy(value, f: Fields):
    if value in ("toujours", "jamais"):
        return value
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 1000:
        return value
    f.error("solution", t("bank.solution_policy", value=short(value)))
    return DEFAULT_SOLUTION_POLICY


def _notes_text(value) -> str | None:
    if isinstance(value, list):
        return "\n".join(f"- {n}" for n in value)
    return str(value) if value else None


def parse_exercise(raw, *, path: str, notebook: str, default_policy=DEFAULT_SOLUTION_POLICY,
                   salt: str | None = None) -> tuple[Exercise | None, list[BankError]]:
    """Validate one authored exercise; return it (or ``None``) and the errors found."""
    report = Report(path)
    if not isinstance(raw, dict):
        report.add(t("bank.exercise_must_be_mapping"), getattr(raw, "line", None))
        return None, report.errors
    ex_id = raw.get("id")
    f = Fields(report, raw, short(ex_id) if isinstance(ex_id, (str, int)) and not isinstance(ex_id, bool) else None)
    if not isinstance(ex_id, str) or not ID_PATTERN.match(ex_id) or len(ex_id) > 80:
        f.error("id", t("fields.bad_id", value=short(ex_id)))
    kind = kinds.get(raw.get("type"))
    if kind is None:
        f.error("type", t("bank.bad_type", value=short(raw.get("type")),
                          suggestion=suggestion(raw.get("type"), kinds.names()), choices=", ".join(kinds.names())))
    hashed = salt is not None
    if kind is not None:
        own = [name for name in kind.fields if not (hashed and name in kind.key_fields)]
        allowed = (*COMMON_REQUIRED, *COMMON_OPTIONAL, *own, *(LEARNER_FIELDS if hashed else ()))
        f.keys(allowed, where=t("bank.for_type", type=kind.name))
    for name in COMMON_REQUIRED:
        if name not in raw:
            f.error(None, t("fields.missing_field", field=name))
    title = f.text("titre", required=False, max_chars=200)
    prompt = f.text("enonce", required=False)
    hints = f.text_list("indices", required=False)
    explanation = f.text("explication", required=False)
    tags = f.text_list("etiquettes", required=False)
    minutes = f.number("minutes", required=False, positive=True, maximum=MAX_MINUTES)
    points = f.number("points", required=False, positive=True, maximum=1000)
    policy = solution_policy(raw["solution"], f) if "solution" in raw else default_policy
    if kind is not None:
        kind.validate(f, raw, hashed)
        if hashed:
            _check_learner_fields(f, raw, kind)
    if report.errors:
        return None, report.errors
    data = reveal_tree({k: v for k, v in raw.items() if k in kind.fields or k in LEARNER_FIELDS})
    try:
        key = Key.from_learner_fields(ex_id, salt, raw) if hashed else kind.clear_key(ex_id, data)
    except (KeyError, TypeError, ValueError, OverflowError):  # fields checked above; a last safety net
        report.add(t("bank.key_unusable"), getattr(raw, "line", None), ex_id)
        return None, report.errors
    exercise = Exercise(id=ex_id, type=kind.name, title=title, prompt=prompt, hints=[reveal(h) for h in hints],
                        explanation=reveal(explanation), tags=[reveal(tag) for tag in tags],
                        minutes=float(minutes), notebook=notebook, path=path, line=getattr(raw, "line", None),
                        key=key, points=float(points or 1.0), solution_policy=policy, data=data,
                        notes=_notes_text(raw.get("notes")))
    return exercise, []


def _check_learner_fields(f: Fields, raw: dict, kind) -> None:
    from .kinds.base import forbid_clear_key

    forbid_clear_key(f, raw, kind)
    if not kind.scored:
        return
    hashes = raw.get(HASH_FIELD)
    if not isinstance(hashes, list) or not hashes or not all(isinstance(h, str) for h in hashes):
        f.error(HASH_FIELD, t("bank.learner_key_missing", field=HASH_FIELD))
