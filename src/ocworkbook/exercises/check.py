"""Pure checkers: ``check(exercise, answer) -> Result``, one function per type of question.

No widget, file or clock here: the same function serves the notebook widget, ``ex.check()``,
``ocworkbook validate`` and ``ocworkbook grade``. A wrong *type* of answer (a word where a
number is expected, nothing selected) never raises: it gives an ``invalide`` or ``non_tente``
result with a French message saying what to do.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..i18n import t
from . import keys
from .model import Exercise, answer_is_numeric
from .normalize import normalize_text, parse_number, within

CORRECT, PARTIAL, INCORRECT = "correct", "partiel", "incorrect"
NOT_ATTEMPTED, INVALID, COMPLETED = "non_tente", "invalide", "complete"


@dataclass
class Result:
    """Outcome of one check. ``score`` is in [0, 1] (``None`` for reflections)."""

    status: str
    score: float | None = 0.0
    feedback: list[str] = field(default_factory=list)
    message: str = ""

    @property
    def correct(self) -> bool:
        return self.status == CORRECT

    @property
    def attempted(self) -> bool:
        """A check that counts as an attempt (not empty, not of the wrong type)."""
        return self.status not in (NOT_ATTEMPTED, INVALID)

    def symbol(self) -> str:
        return {CORRECT: "✓", PARTIAL: "◐", INCORRECT: "✗", COMPLETED: "✓"}.get(self.status, "•")

    def headline(self) -> str:
        """Status as text (never colour alone): symbol, status word, score."""
        word = t(f"result.{self.status}")
        if self.score is not None and self.status in (PARTIAL,):
            word += " " + t("result.score", score=round(100 * self.score))
        return f"{self.symbol()} {word}"

    def to_markdown(self) -> str:
        lines = [f"**{self.headline()}**" + (f" — {self.message}" if self.message else "")]
        lines += [f"- {item}" for item in self.feedback]
        return "\n".join(lines)

    def _repr_markdown_(self) -> str:
        return self.to_markdown()

    def __str__(self) -> str:
        return self.to_markdown()


def _empty(answer) -> bool:
    if answer is None or answer is Ellipsis:  # ``reponse = ...`` left as in the notebook
        return True
    if isinstance(answer, str):
        return answer.strip() == ""
    if isinstance(answer, (list, tuple, set, dict, frozenset)):
        return len(answer) == 0
    return False


def _status(score: float) -> str:
    if score >= 1 - 1e-9:
        return CORRECT
    return PARTIAL if score > 0 else INCORRECT


# --- choices ---------------------------------------------------------------------------------

def _option_is_correct(ex: Exercise, option: dict) -> bool:
    if "correct_h" in option:
        return option["correct_h"] == keys.digest(ex.salt, ex.id, f"{option['id']}:1")
    return option.get("correct") is True


def _resolve_option(ex: Exercise, value) -> dict | None:
    """Find an option by id, or by its text typed out (case and accents ignored)."""
    options = ex.data["options"]
    for option in options:
        if str(option["id"]) == str(value).strip():
            return option
    wanted = normalize_text(value)
    for option in options:
        if normalize_text(option["texte"]) == wanted:
            return option
    return None


def check_single(ex: Exercise, answer) -> Result:
    if isinstance(answer, (list, tuple, set)) and len(answer) == 1:
        answer = next(iter(answer))
    if _empty(answer):
        return Result(NOT_ATTEMPTED, 0.0, message=t("check.choose_one"))
    if isinstance(answer, (list, tuple, set, dict)):
        return Result(INVALID, 0.0, message=t("check.only_one"))
    option = _resolve_option(ex, answer)
    if option is None:
        return Result(INVALID, 0.0, message=t("check.unknown_option", value=answer,
                                              choices=", ".join(str(o["id"]) for o in ex.data["options"])))
    ok = _option_is_correct(ex, option)
    return Result(CORRECT if ok else INCORRECT, 1.0 if ok else 0.0, [option["retroaction"]])


def check_multiple(ex: Exercise, answer) -> Result:
    if isinstance(answer, str):
        answer = [part for part in answer.replace(";", ",").split(",") if part.strip()]
    if _empty(answer):
        return Result(NOT_ATTEMPTED, 0.0, message=t("check.choose_some"))
    if not isinstance(answer, (list, tuple, set, frozenset)):
        return Result(INVALID, 0.0, message=t("check.need_list"))
    chosen = []
    for value in answer:
        option = _resolve_option(ex, value)
        if option is None:
            return Result(INVALID, 0.0, message=t("check.unknown_option", value=value, choices=", ".join(
                str(o["id"]) for o in ex.data["options"])))
        if option not in chosen:
            chosen.append(option)
    correct = [o for o in ex.data["options"] if _option_is_correct(ex, o)]
    hits = sum(1 for o in chosen if o in correct)
    false_alarms = len(chosen) - hits
    score = max(0.0, (hits - false_alarms) / len(correct))
    feedback = [o["retroaction"] for o in chosen]
    missing = len(correct) - hits
    message = t("check.missing_options", n=missing) if missing else ""
    return Result(_status(score), score, feedback, message)


# --- true / false ----------------------------------------------------------------------------

_TRUE = {"vrai", "v", "true", "oui", "1", "t", "yes"}
_FALSE = {"faux", "f", "false", "non", "0", "no"}


def check_true_false(ex: Exercise, answer) -> Result:
    if _empty(answer):
        return Result(NOT_ATTEMPTED, 0.0, message=t("check.choose_true_false"))
    if isinstance(answer, bool):
        word = "vrai" if answer else "faux"
    elif normalize_text(answer) in _TRUE:
        word = "vrai"
    elif normalize_text(answer) in _FALSE:
        word = "faux"
    else:
        return Result(INVALID, 0.0, message=t("check.choose_true_false"))
    if "reponse_h" in ex.data:
        ok = ex.data["reponse_h"] == keys.digest(ex.salt, ex.id, word)
    else:
        key = ex.data["reponse"]
        ok = word == ("vrai" if key in (True, "vrai") else "faux")
    feedback = ex.data["retroaction"][word]
    return Result(CORRECT if ok else INCORRECT, 1.0 if ok else 0.0, [feedback])


# --- numbers and texts (numerique, texte_court, donnees) --------------------------------------

def _number_ok(ex: Exercise, value: float) -> bool:
    tolerance = float(ex.data.get("tolerance") or 0)
    if "reponse_h" in ex.data:
        return keys.number_matches(ex.salt, ex.id, value, tolerance, ex.data["reponse_h"])
    return within(value, float(ex.data["reponse"]), tolerance)


def _check_number(ex: Exercise, answer) -> Result:
    if _empty(answer):
        return Result(NOT_ATTEMPTED, 0.0, message=t("check.enter_number"))
    value = parse_number(answer)
    if value is None:
        return Result(INVALID, 0.0, message=t("check.not_a_number", value=answer))
    if _number_ok(ex, value):
        return Result(CORRECT, 1.0, [ex.data["retroaction"]] if ex.data.get("retroaction") else [])
    for mistake in ex.data.get("erreurs") or []:
        if within(value, float(mistake["valeur"]), float(mistake.get("tolerance") or 0)):
            return Result(INCORRECT, 0.0, [mistake["retroaction"]])
    feedback = []
    if "reponse" in ex.data:
        if value > float(ex.data["reponse"]) and ex.data.get("retroaction_trop_haut"):
            feedback.append(ex.data["retroaction_trop_haut"])
        elif value < float(ex.data["reponse"]) and ex.data.get("retroaction_trop_bas"):
            feedback.append(ex.data["retroaction_trop_bas"])
    return Result(INCORRECT, 0.0, feedback, message=t("check.wrong_number") if not feedback else "")


def _accepted_texts(ex: Exercise) -> list[str]:
    if "reponses" in ex.data:
        return [normalize_text(v) for v in ex.data["reponses"]]
    return [normalize_text(ex.data["reponse"])]


def _check_text(ex: Exercise, answer) -> Result:
    if _empty(answer):
        return Result(NOT_ATTEMPTED, 0.0, message=t("check.enter_text"))
    if isinstance(answer, (list, tuple, set, dict)):
        return Result(INVALID, 0.0, message=t("check.need_text"))
    given = normalize_text(answer)
    hashes = ex.data.get("reponses_h") or (
        [ex.data["reponse_h"]] if isinstance(ex.data.get("reponse_h"), str) else ex.data.get("reponse_h"))
    ok = (keys.digest(ex.salt, ex.id, given) in set(hashes)) if hashes else given in _accepted_texts(ex)
    if ok:
        return Result(CORRECT, 1.0, [ex.data["retroaction"]] if ex.data.get("retroaction") else [])
    for mistake in ex.data.get("erreurs") or []:
        if given in {normalize_text(v) for v in mistake["reponses"]}:
            return Result(INCORRECT, 0.0, [mistake["retroaction"]])
    return Result(INCORRECT, 0.0, message=t("check.wrong_text"))


def check_numeric(ex: Exercise, answer) -> Result:
    return _check_number(ex, answer)


def check_short_text(ex: Exercise, answer) -> Result:
    return _check_text(ex, answer)


def check_data(ex: Exercise, answer) -> Result:
    if hasattr(answer, "item") and getattr(answer, "size", 1) == 1:  # numpy / pandas scalars
        answer = answer.item()
    elif hasattr(answer, "shape"):
        return Result(INVALID, 0.0, message=t("check.need_single_value"))
    if answer_is_numeric(ex.data):
        return _check_number(ex, answer)
    return _check_text(ex, answer)


# --- ordering --------------------------------------------------------------------------------

def _pairs(order: list[str]) -> list[str]:
    return [f"{a}<{b}" for i, a in enumerate(order) for b in order[i + 1:]]


def check_order(ex: Exercise, answer) -> Result:
    elements = ex.data["elements"]
    ids = [str(e["id"]) for e in elements]
    if _empty(answer):
        return Result(NOT_ATTEMPTED, 0.0, message=t("check.order_all"))
    if isinstance(answer, str) or not isinstance(answer, (list, tuple)):
        return Result(INVALID, 0.0, message=t("check.order_all"))
    given = [str(v) for v in answer]
    if sorted(given) != sorted(ids):
        return Result(INVALID, 0.0, message=t("check.order_same_items", items=", ".join(ids)))
    pairs = _pairs(given)
    if "paires_h" in ex.data:
        expected = set(ex.data["paires_h"])
        good = sum(1 for p in pairs if keys.digest(ex.salt, ex.id, p) in expected)
        correct_position = None
    else:
        expected = set(_pairs(ids))
        good = sum(1 for p in pairs if p in expected)
        correct_position = [g == i for g, i in zip(given, ids, strict=True)]
    score = good / len(pairs) if pairs else 1.0
    feedback = []
    if correct_position is not None and score < 1:
        by_id = {str(e["id"]): e for e in elements}
        for g, ok in zip(given, correct_position, strict=True):
            if not ok and by_id[g].get("retroaction"):
                feedback.append(by_id[g]["retroaction"])
                break
    message = "" if score >= 1 else t("check.order_pairs", good=good, total=len(pairs))
    return Result(_status(score), score, feedback, message)


# --- matching / categorizing -----------------------------------------------------------------

def check_matching(ex: Exercise, answer) -> Result:
    if _empty(answer):
        return Result(NOT_ATTEMPTED, 0.0, message=t("check.match_all"))
    if not isinstance(answer, dict):
        return Result(INVALID, 0.0, message=t("check.match_need_dict"))
    categories = {str(c["id"]) for c in ex.data["categories"]}
    elements = ex.data["elements"]
    known = {str(e["id"]) for e in elements}
    for key, value in answer.items():
        if str(key) not in known:
            return Result(INVALID, 0.0, message=t("check.unknown_element", value=key, choices=", ".join(sorted(known))))
        if value is not None and str(value) not in categories:
            return Result(INVALID, 0.0, message=t("check.unknown_category", value=value,
                                                  choices=", ".join(sorted(categories))))
    answered = {str(k): str(v) for k, v in answer.items() if v not in (None, "")}
    if not answered:
        return Result(NOT_ATTEMPTED, 0.0, message=t("check.match_all"))
    good, feedback = 0, []
    for element in elements:
        eid = str(element["id"])
        chosen = answered.get(eid)
        if chosen is None:
            continue
        if "categorie_h" in element:
            ok = element["categorie_h"] == keys.digest(ex.salt, ex.id, f"{eid}={chosen}")
        else:
            ok = chosen == str(element["categorie"])
        if ok:
            good += 1
        else:
            feedback.append(f"« {element['texte']} » — {element['retroaction']}")
    score = good / len(elements)
    unanswered = len(elements) - len(answered)
    message = t("check.match_count", good=good, total=len(elements))
    if unanswered:
        message += " " + t("check.match_unanswered", n=unanswered)
    return Result(_status(score), score, feedback, "" if score >= 1 else message)


# --- reflection ------------------------------------------------------------------------------

def word_count(text: str) -> int:
    return len([w for w in str(text).split() if any(ch.isalnum() for ch in w)])


def check_reflection(ex: Exercise, answer) -> Result:
    if _empty(answer):
        return Result(NOT_ATTEMPTED, None, message=t("check.reflection_empty"))
    if not isinstance(answer, str):
        return Result(INVALID, None, message=t("check.need_text"))
    minimum = int(ex.data.get("min_mots") or 30)
    count = word_count(answer)
    if count < minimum:
        return Result(PARTIAL, None, message=t("check.reflection_short", n=count, minimum=minimum))
    return Result(COMPLETED, None, message=t("check.reflection_saved", n=count))


CHECKERS = {
    "choix_unique": check_single,
    "choix_multiple": check_multiple,
    "vrai_faux": check_true_false,
    "numerique": check_numeric,
    "texte_court": check_short_text,
    "ordre": check_order,
    "association": check_matching,
    "donnees": check_data,
    "reflexion": check_reflection,
}


def check(ex: Exercise, answer) -> Result:
    """Check ``answer`` against ``ex``; never raises on a learner's input."""
    return CHECKERS[ex.type](ex, answer)
