"""Rewrite an exercise file for the learner edition: each key becomes its hashed form.

For every exercise, the question type (:mod:`ocworkbook.exercises.kinds`) says which fields hold the
clear key; they are removed and replaced by the hashed key (``cle_h``, and ``repere`` when the type
needs a reference for directional feedback), so that :func:`~ocworkbook.exercises.check.check` gives
the same verdict, score and feedback in both editions. The solution's answer lines are stored
pre-written (``solution_texte``), so « Voir la solution » shows the same thing too. Feedback, hints,
explanations, theme tags and the stored solution are obscured (base64 behind a marker) because they
often say which answer is right; teaching notes (``notes``) are removed; the type may also change the
stored form (an ordering's elements are stored shuffled, so that the file's order is not the key).
"""

from __future__ import annotations

import copy
import random

from ..exercises.key import obscure
from ..exercises.model import SOLUTION_TEXT_FIELD, parse_exercise

OBSCURED_FIELDS = ("retroaction", "retroaction_trop_haut", "retroaction_trop_bas", "explication")
OBSCURED_LISTS = ("indices", "etiquettes")
INSTRUCTOR_ONLY_FIELDS = ("notes",)


def _obscure_feedback(value):
    """Obscure every feedback text found under ``value`` (options, elements, errors, true/false)."""
    if isinstance(value, dict):
        for key, item in list(value.items()):
            if key in OBSCURED_FIELDS:
                value[key] = _obscure_all(item)
            else:
                _obscure_feedback(item)
    elif isinstance(value, list):
        for item in value:
            _obscure_feedback(item)
    return value


def _obscure_all(value):
    if isinstance(value, str):
        return obscure(value)
    if isinstance(value, dict):
        return {k: _obscure_all(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_obscure_all(v) for v in value]
    return value


def learner_exercise(raw: dict, salt: str, rng: random.Random, *, path: str = "", notebook: str = "") -> dict:
    """The learner version of one authored (valid) exercise: a plain dict with the key hashed."""
    exercise, errors = parse_exercise(raw, path=path, notebook=notebook)
    if exercise is None:
        raise ValueError(str(errors[0]) if errors else "invalid exercise")
    kind = exercise.kind
    result = copy.deepcopy(plain(raw))
    kind.learner_rewrite(result, rng)
    for name in (*kind.key_fields, *INSTRUCTOR_ONLY_FIELDS):
        result.pop(name, None)
    for list_field, names in kind.item_key_fields.items():
        for item in result.get(list_field) or []:
            for name in names:
                item.pop(name, None)
    if kind.scored:
        result.update(exercise.key.learner_fields(salt))
        answer = "\n".join(kind.solution_lines(exercise))
        if answer:
            result[SOLUTION_TEXT_FIELD] = obscure(answer)
    _obscure_feedback(result)
    for name in OBSCURED_LISTS:
        if isinstance(result.get(name), list):
            result[name] = [obscure(h) for h in result[name]]
    return result


def learner_document(document: dict, salt: str, rng: random.Random, *, path: str = "") -> dict:
    """The learner version of one exercise file: ``sel`` added, every exercise rewritten."""
    result = {"carnet": document.get("carnet")}
    for key, value in document.items():
        if key not in ("exercices", "carnet", "sel"):
            result[key] = plain(copy.deepcopy(value))
    result["sel"] = salt
    result["exercices"] = [learner_exercise(raw, salt, rng, path=path, notebook=str(document.get("carnet")))
                           for raw in document.get("exercices") or []]
    return result


def plain(value):
    """Turn the line-aware mappings of the YAML loader into plain dicts and lists (for dumping)."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value
