"""Gather a group's answers into one long table: one row per person, exercise and choice.

Columns: ``personne`` (a pseudonym: R01… for answer files, F01… for form rows; never a name), ``exercice``,
``element`` (the element of a matching or ordering question, else empty), ``choix`` (option id,
``vrai``/``faux``, category id, normalized text, or position) and ``valeur`` (numbers).
"""

from __future__ import annotations

import json
from pathlib import Path

from ..activities import is_activity
from ..errors import DataError
from ..exercises.bank import Bank, load_bank
from ..exercises.normalize import normalize_text
from ..i18n import t
from .activities import activity_rows

COLUMNS = ["personne", "exercice", "element", "choix", "valeur"]
TICKED = {"y", "yes", "oui", "o", "1", "x", "true", "vrai", "coche", "checked"}


def _frame(rows):
    import pandas as pd

    return pd.DataFrame(rows, columns=COLUMNS)


def answer_rows(person: str, ex, answer, element: str | None = None) -> list[dict]:
    """Rows of the long table for one person's answer to ``ex`` (nothing for an empty answer).

    The question type says what a row holds (:meth:`~ocworkbook.exercises.kinds.base.Kind.answer_rows`);
    a reflection contributes « complete » only: its text is never gathered.
    """
    if answer is None or (isinstance(answer, str) and not answer.strip()):
        return []
    try:
        rows = ex.kind.answer_rows(ex, answer, element)
    except (TypeError, ValueError, AttributeError, KeyError, RecursionError):  # a hand-edited file
        rows = []
    return [{"personne": person, "exercice": ex.id, "element": elem, "choix": choice, "valeur": value}
            for elem, choice, value in rows]


def _bank(bank: Bank | None) -> Bank:
    return bank if bank is not None else load_bank()


def _pseudonym(prefix: str, number: int) -> str:
    return f"{prefix}{number:02d}"


def from_submissions(paths, bank: Bank | None = None, prefix: str = "R"):
    """The long table from learners' answer files (files, or folders of ``*.json``)."""
    bank = _bank(bank)
    files = []
    for item in [paths] if isinstance(paths, (str, Path)) else paths:
        item = Path(item)
        files += sorted(item.glob("*.json")) if item.is_dir() else [item]
    rows, seen = [], set()
    for path in files:
        try:
            payload = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue  # not an answer file: the facilitator sees the count in overview()
        if not isinstance(payload, dict) or payload.get("format") != "ocworkbook-remise":
            continue
        key = payload.get("checksum") or path.name
        if key in seen:  # the same file handed in twice
            continue
        seen.add(key)
        person = _pseudonym(prefix, len(seen))
        for ex_id, entry in (payload.get("reponses") or {}).items():
            if not isinstance(entry, dict):
                continue
            if is_activity(ex_id):  # a lesson activity (self-assessment, audit, scenario path)
                rows += activity_rows(person, ex_id, entry.get("reponse"))
                continue
            ex = bank.get(ex_id)
            if ex is not None:
                rows += answer_rows(person, ex, entry.get("reponse"))
    return _frame(rows)


def load_mapping(path) -> dict:
    """Read a mapping file (YAML): ``colonnes: {"column header": exercise id}``.

    For a question split into one column per option (LimeSurvey, « Q2[SQ001] »), map the column
    to ``exercise-id:option-id`` (a ticked cell — Y, Oui, 1, X — counts as chosen); for a matching
    question, one column per element: ``exercise-id:element-id``. A lesson activity takes one column
    per statement or decision: ``activite:07-autoevaluation:m-animation`` (the cell holds the rating),
    or, for a scenario, ``activite:scenario-<id>:fin`` (the ending's id).
    """
    import yaml

    try:
        document = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as error:
        raise DataError(t("workshop.mapping_unreadable", error=error), path=path) from None
    columns = document.get("colonnes") if isinstance(document, dict) else None
    if not isinstance(columns, dict) or not columns:
        raise DataError(t("workshop.mapping_empty"), path=path)
    return {str(k): str(v) for k, v in columns.items()}


def from_form(csv_path, mapping: dict, bank: Bank | None = None, encoding: str | None = None, prefix: str = "F"):
    """The long table from a form tool's CSV export and a column → exercise mapping."""
    import pandas as pd

    bank = _bank(bank)
    path = Path(csv_path)
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, sep=None, engine="python",
                            encoding=encoding or "utf-8-sig")
    except (OSError, ValueError, UnicodeDecodeError) as error:
        raise DataError(t("workshop.csv_unreadable", error=error), path=path) from None
    for column, target in mapping.items():
        if column not in frame.columns:
            raise DataError(t("workshop.column_missing", target=target), path=path, column=column)
        ex_id = target.split(":")[0]
        if ex_id + ":" == "activite:":
            continue
        if bank.get(ex_id) is None:
            raise DataError(t("workshop.unknown_exercise", id=ex_id), path=path, column=column)
    rows = []
    for number, (_, record) in enumerate(frame.iterrows(), 1):
        person = _pseudonym(prefix, number)
        ticked: dict[str, list[str]] = {}
        for column, target in mapping.items():
            if is_activity(target):
                rows += _activity_cell(person, target, record[column])
                continue
            ex_id, _, part = target.partition(":")
            ex = bank.get(ex_id)
            cell = record[column]
            if part and ex.kind.summary_for(ex) == "options":
                if normalize_text(cell) in TICKED:
                    ticked.setdefault(ex_id, []).append(part)
            elif part:
                rows += answer_rows(person, ex, cell, element=part)
            else:
                rows += answer_rows(person, ex, cell)
        for ex_id, options in ticked.items():
            rows += answer_rows(person, bank.get(ex_id), options)
    return _frame(rows)


def _activity_cell(person: str, target: str, cell) -> list[dict]:
    """A form cell mapped to ``activite:<name>:<element>`` (a rating, a level, or a scenario's ending)."""
    prefix, name, element = (target.split(":", 2) + ["", ""])[:3]
    text = str(cell).strip()
    if not name or not element or not text:
        return []
    exercise = f"{prefix}:{name}"
    answer = {"fin": text} if element == "fin" else {element: text}
    return activity_rows(person, exercise, answer)
