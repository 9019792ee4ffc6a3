"""A question answered from a dataset with pandas (``donnees``): ``df = ow.load(...)``, compute, answer.

The answer is a number (with tolerance and « trop haut / trop bas ») or a text (a category, a name);
``calcul`` is the instructor's pandas expression that ``ocworkbook validate`` evaluates — in a
restricted evaluator, never as free Python — to prove that the key is right.
"""

from __future__ import annotations

from ...i18n import t
from ..normalize import normalize_text, parse_number
from ..result import INVALID, Result
from . import _values as values
from . import register
from .base import Kind, TextInput, scalar


def answer_is_numeric(data: dict) -> bool:
    """True if the question expects a number (rather than a text)."""
    if data.get("reponse_nature"):
        return data["reponse_nature"] == "nombre"
    value = data.get("reponse")
    return isinstance(value, (int, float)) and not isinstance(value, bool)


@register
class DataQuestion(Kind):
    name = "donnees"
    order = 80
    fields = ("jeu_de_donnees", "calcul", "reponse", "reponse_nature", "tolerance", "unite", "erreurs",
              "retroaction", "retroaction_trop_haut", "retroaction_trop_bas")
    key_fields = ("reponse", "calcul")
    summary = "values"
    discussion = ("workshop.q.number", "workshop.q.spread")

    def validate(self, f, raw, hashed):
        f.text("jeu_de_donnees")
        if not hashed:
            f.text("calcul")
        nature = f.one_of("reponse_nature", ("nombre", "texte"), required=False)
        numeric = nature == "nombre" if nature else answer_is_numeric(raw)
        if numeric:
            values.validate_number_key(f, raw, hashed)
        else:
            if not hashed:
                f.text("reponse")
            f.text("retroaction", required=False)
            for name in ("tolerance", "retroaction_trop_haut", "retroaction_trop_bas"):
                if name in raw:
                    f.error(name, t("kinds.text_answer_no_number_field", field=name))
        values.validate_mistakes(f, raw, numeric=numeric)

    def clear_key(self, exercise_id, data):
        if answer_is_numeric(data):
            return values.number_key(exercise_id, data)
        return values.text_key(exercise_id, [data["reponse"]])

    def learner_rewrite(self, raw, rng):
        raw["reponse_nature"] = "nombre" if answer_is_numeric(raw) else "texte"  # ``reponse`` is removed

    def check(self, ex, answer) -> Result:
        answer = scalar(answer)
        if hasattr(answer, "shape") or type(answer).__name__ in ("DataFrame", "Series", "ndarray", "Index"):
            return Result(INVALID, 0.0, message=t("check.need_single_value"))
        if answer_is_numeric(ex.data):
            return values.check_number(ex, answer)
        return values.check_text(ex, answer)

    def summary_for(self, ex):
        return "values" if answer_is_numeric(ex.data) else "texts"

    def reference_answer(self, ex):
        return ex.data["reponse"]

    def wrong_answer(self, ex):
        if answer_is_numeric(ex.data):
            return float(parse_number(ex.data["reponse"])) + 10 * values.tolerance_of(ex.data) + 1000
        return "réponse volontairement fausse"

    def probes(self, ex):
        if answer_is_numeric(ex.data):
            return values.number_probes(ex)
        return values.text_probes(ex, [ex.data["reponse"]])

    def leak_forms(self, ex):
        if answer_is_numeric(ex.data):
            return {"numbers": [(float(parse_number(ex.data["reponse"])), values.tolerance_of(ex.data))]}
        return {"texts": {normalize_text(ex.data["reponse"])} - {""}}

    def solution_lines(self, ex):
        lines = values.number_solution(ex) if answer_is_numeric(ex.data) else \
            [t("solution.answer", answer=ex.data["reponse"])]
        if ex.data.get("calcul"):
            lines.append(t("solution.code") + f"\n\n```python\ndf = ow.load(\"{ex.data['jeu_de_donnees']}\")\n"
                         f"{ex.data['calcul']}\n```")
        return lines

    def prompt_note(self, ex):
        return t("widget.data_note", dataset=ex.data["jeu_de_donnees"], id=ex.id)

    def input(self, ex, rng):
        return TextInput(ex, "widget.data_placeholder")

    def answer_rows(self, ex, answer, element=None):
        if answer_is_numeric(ex.data):
            return values.number_answer_rows(answer, element)
        return values.text_answer_rows(answer, element)
