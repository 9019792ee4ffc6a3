"""Rewrite an exercise file for the learner edition: keys become salted hashes.

Every key is replaced by what :mod:`ocworkbook.exercises.check` needs to recognise a right answer
without knowing it: option flags → ``correct_h`` on *every* option; true/false, numbers and texts →
``reponse_h``/``reponses_h`` (numbers hashed on the tolerance grid); ordering → hashed pairs, with
the elements shuffled so that the stored order is not the key; matching → ``categorie_h``.
``calcul`` (the pandas key of a data question) is removed, ``reponse_nature`` kept. Feedback,
hints, explanations and theme tags are obscured (base64 behind a marker) because they often say
which answer is right (a tag « coconstruction » on the question whose answer is « coconstruction »).
Teaching notes (``notes``) are removed.
"""

from __future__ import annotations

import copy
import random

from ..exercises import keys
from ..exercises.model import answer_is_numeric
from ..exercises.normalize import normalize_text, parse_number

OBSCURED_FIELDS = ("retroaction", "retroaction_trop_haut", "retroaction_trop_bas", "explication")
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
        return keys.obscure(value)
    if isinstance(value, dict):
        return {k: _obscure_all(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_obscure_all(v) for v in value]
    return value


def shuffled_not_identity(items: list, rng: random.Random) -> list:
    """A shuffled copy of ``items`` that differs from the original order (when it can)."""
    result = list(items)
    if len(result) < 2:
        return result
    for _ in range(20):
        rng.shuffle(result)
        if result != list(items):
            return result
    return result[1:] + result[:1]


def _hash_number(ex_id: str, value, tolerance, salt: str) -> list[str]:
    number = parse_number(value)
    return keys.number_hashes(salt, ex_id, float(number), float(tolerance or 0))


def learner_exercise(raw: dict, salt: str, rng: random.Random) -> dict:
    """The learner version of one authored exercise (a plain dict, keys hashed)."""
    ex = copy.deepcopy(dict(raw))
    ex_id, ex_type = ex.get("id"), ex.get("type")
    for name in INSTRUCTOR_ONLY_FIELDS:
        ex.pop(name, None)
    if ex_type in ("choix_unique", "choix_multiple"):
        for option in ex.get("options", []):
            flag = "1" if option.pop("correct", False) is True else "0"
            option["correct_h"] = keys.digest(salt, ex_id, f"{option['id']}:{flag}")
    elif ex_type == "vrai_faux":
        word = "vrai" if ex.pop("reponse") in (True, "vrai") else "faux"
        ex["reponse_h"] = keys.digest(salt, ex_id, word)
    elif ex_type == "numerique":
        ex["reponse_h"] = _hash_number(ex_id, ex.pop("reponse"), ex.get("tolerance"), salt)
    elif ex_type == "texte_court":
        variants = sorted({normalize_text(v) for v in ex.pop("reponses")})
        ex["reponses_h"] = sorted(keys.digest(salt, ex_id, v) for v in variants)
    elif ex_type == "donnees":
        numeric = answer_is_numeric(ex)
        ex.pop("calcul", None)
        answer = ex.pop("reponse")
        ex["reponse_nature"] = "nombre" if numeric else "texte"
        if numeric:
            ex["reponse_h"] = _hash_number(ex_id, answer, ex.get("tolerance"), salt)
        else:
            ex["reponse_h"] = [keys.digest(salt, ex_id, normalize_text(answer))]
    elif ex_type == "ordre":
        order = [str(e["id"]) for e in ex["elements"]]
        ex["paires_h"] = sorted(keys.digest(salt, ex_id, f"{a}<{b}")
                                for i, a in enumerate(order) for b in order[i + 1:])
        ex["elements"] = shuffled_not_identity(ex["elements"], rng)
    elif ex_type == "association":
        for element in ex.get("elements", []):
            category = element.pop("categorie")
            element["categorie_h"] = keys.digest(salt, ex_id, f"{element['id']}={category}")
    _obscure_feedback(ex)
    for field in ("indices", "etiquettes"):
        if isinstance(ex.get(field), list):
            ex[field] = [keys.obscure(h) for h in ex[field]]
    return ex


def learner_document(document: dict, salt: str, rng: random.Random) -> dict:
    """The learner version of one exercise file: ``sel`` added, every exercise rewritten."""
    result = {"carnet": document.get("carnet")}
    for key, value in document.items():
        if key not in ("exercices", "carnet", "sel"):
            result[key] = copy.deepcopy(value)
    result["sel"] = salt
    result["exercices"] = [learner_exercise(raw, salt, rng) for raw in document.get("exercices") or []]
    return result


def plain(value):
    """Turn the line-aware mappings of the YAML loader into plain dicts and lists (for dumping)."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value
