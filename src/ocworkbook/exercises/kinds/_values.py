"""What numeric, short-text and data questions share: a number or a text compared with the key,
known mistakes with their own feedback, and « trop haut / trop bas » for numbers."""

from __future__ import annotations

from ...i18n import t
from ..key import Key, number_answer_token, number_key_tokens
from ..normalize import normalize_text, parse_number, within
from ..result import CORRECT, INCORRECT, Result
from .base import empty, invalid, not_attempted, scalar

MAX_TEXT_CHARS = 500
MAX_NUMBER = 1e15


def tolerance_of(data: dict) -> float:
    return float(data.get("tolerance") or 0)


# --- authoring ---------------------------------------------------------------------------------

def validate_number_key(f, raw: dict, hashed: bool, required: bool = True) -> None:
    if not hashed and required:
        f.number("reponse", minimum=-MAX_NUMBER, maximum=MAX_NUMBER)
    f.number("tolerance", required=False, minimum=0, maximum=MAX_NUMBER)
    for name in ("unite", "retroaction", "retroaction_trop_haut", "retroaction_trop_bas"):
        f.text(name, required=False)


def validate_mistakes(f, raw: dict, numeric: bool) -> None:
    mistakes = raw.get("erreurs")
    if mistakes is None:
        return
    if not isinstance(mistakes, list):
        f.error("erreurs", t("fields.must_be_list", field="erreurs"))
        return
    for index, item in enumerate(mistakes):
        if not isinstance(item, dict):
            f.report.add(t("fields.item_must_be_mapping", field="erreurs"), mistakes.line_of(index)
                         if hasattr(mistakes, "line_of") else None, f.item)
            continue
        allowed = ("valeur", "tolerance", "retroaction") if numeric else ("reponses", "retroaction")
        f.keys(allowed, required=allowed[:1] + ("retroaction",), mapping=item, where=t("kinds.in_mistakes"))
        f.text("retroaction", item)
        if numeric:
            f.number("valeur", item, minimum=-MAX_NUMBER, maximum=MAX_NUMBER)
            f.number("tolerance", item, required=False, minimum=0, maximum=MAX_NUMBER)
        else:
            f.text_list("reponses", item)


def number_key(exercise_id: str, data: dict) -> Key:
    value = float(parse_number(data["reponse"]))
    directional = data.get("retroaction_trop_haut") or data.get("retroaction_trop_bas")
    return Key(exercise_id, tokens=frozenset(number_key_tokens(value, tolerance_of(data))),
               reference={"valeur": value} if directional else {})


def text_key(exercise_id: str, variants) -> Key:
    return Key(exercise_id, tokens=frozenset(v for v in (normalize_text(x) for x in variants) if v))


# --- checking ----------------------------------------------------------------------------------

def _feedback_if_any(ex) -> list[str]:
    return [ex.data["retroaction"]] if ex.data.get("retroaction") else []


def check_number(ex, answer) -> Result:
    answer = scalar(answer)
    if empty(answer):
        return not_attempted("check.enter_number")
    if isinstance(answer, (list, tuple, set, frozenset, dict)):
        return invalid("check.need_single_number")
    value = parse_number(answer)
    if value is None:
        from ..result import quote

        return invalid("check.not_a_number", value=quote(answer))
    token = number_answer_token(value, tolerance_of(ex.data))
    if token is not None and ex.key.accepts(token):
        return Result(CORRECT, 1.0, _feedback_if_any(ex), answer=value)
    for mistake in ex.data.get("erreurs") or []:
        if within(value, float(mistake["valeur"]), float(mistake.get("tolerance") or 0)):
            return Result(INCORRECT, 0.0, [mistake["retroaction"]], answer=value)
    reference = ex.key.reference.get("valeur")
    feedback = []
    if isinstance(reference, (int, float)):
        if value > reference and ex.data.get("retroaction_trop_haut"):
            feedback.append(ex.data["retroaction_trop_haut"])
        elif value < reference and ex.data.get("retroaction_trop_bas"):
            feedback.append(ex.data["retroaction_trop_bas"])
    return Result(INCORRECT, 0.0, feedback, "" if feedback else t("check.wrong_number"), answer=value)


def check_text(ex, answer) -> Result:
    answer = scalar(answer)
    if isinstance(answer, (int, float)) and not isinstance(answer, bool):
        answer = str(answer)
    if empty(answer):
        return not_attempted("check.enter_text")
    if not isinstance(answer, str):
        return invalid("check.need_text")
    if len(answer) > MAX_TEXT_CHARS:
        return invalid("check.text_too_long", n=MAX_TEXT_CHARS)
    given = normalize_text(answer)
    if not given:
        return not_attempted("check.enter_text")
    if ex.key.accepts(given):
        return Result(CORRECT, 1.0, _feedback_if_any(ex), answer=answer.strip())
    for mistake in ex.data.get("erreurs") or []:
        if given in {normalize_text(v) for v in mistake["reponses"]}:
            return Result(INCORRECT, 0.0, [mistake["retroaction"]], answer=answer.strip())
    return Result(INCORRECT, 0.0, message=t("check.wrong_text"), answer=answer.strip())


# --- proofs (clear key) ------------------------------------------------------------------------

def number_probes(ex) -> list:
    value, tolerance = float(parse_number(ex.data["reponse"])), tolerance_of(ex.data)
    probes = [value, str(value).replace(".", ","), value + 10 * tolerance + 1000]
    if tolerance:
        probes += [value + 0.9 * tolerance, value - 0.9 * tolerance, value + 3 * tolerance, value - 3 * tolerance]
    else:
        probes += [value + 1, value - 1]
    probes += [m["valeur"] for m in ex.data.get("erreurs") or []]
    return probes


def text_probes(ex, accepted) -> list:
    probes = list(accepted) + [str(accepted[0]).upper(), "réponse volontairement fausse"]
    probes += [m["reponses"][0] for m in ex.data.get("erreurs") or []]
    return probes


def number_solution(ex) -> list[str]:
    unit = f" {ex.data['unite']}" if ex.data.get("unite") else ""
    value = ex.data["reponse"]
    shown = f"{value:g}".replace(".", ",") if isinstance(value, float) else str(value)
    return [t("solution.answer", answer=f"{shown}{unit}")]


def number_answer_rows(answer, element=None) -> list[tuple]:
    value = parse_number(scalar(answer))
    return [(element, None, value)] if value is not None else []


def text_answer_rows(answer, element=None) -> list[tuple]:
    folded = normalize_text(answer) if isinstance(answer, str) and len(answer) <= MAX_TEXT_CHARS else ""
    return [(element, folded, None)] if folded else []
