"""Numeric answer (``numerique``): a number, with a tolerance, known mistakes, « trop haut / trop bas »."""

from __future__ import annotations

from ..normalize import parse_number
from . import _values as values
from . import register
from .base import Kind, TextInput


@register
class Numeric(Kind):
    name = "numerique"
    order = 40
    fields = ("reponse", "tolerance", "unite", "erreurs", "retroaction", "retroaction_trop_haut",
              "retroaction_trop_bas")
    key_fields = ("reponse",)
    summary = "values"
    discussion = ("workshop.q.number", "workshop.q.spread")

    def validate(self, f, raw, hashed):
        values.validate_number_key(f, raw, hashed)
        values.validate_mistakes(f, raw, numeric=True)

    def clear_key(self, exercise_id, data):
        return values.number_key(exercise_id, data)

    def check(self, ex, answer):
        return values.check_number(ex, answer)

    def reference_answer(self, ex):
        return ex.data["reponse"]

    def wrong_answer(self, ex):
        return float(parse_number(ex.data["reponse"])) + 10 * values.tolerance_of(ex.data) + 1000

    def probes(self, ex):
        return values.number_probes(ex)

    def leak_forms(self, ex):
        return {"numbers": [(float(parse_number(ex.data["reponse"])), values.tolerance_of(ex.data))]}

    def solution_lines(self, ex):
        return values.number_solution(ex)

    def input(self, ex, rng):
        return TextInput(ex, "widget.number_placeholder")

    def live(self):
        from ...atelier.question_kinds import Numeric as Live

        return Live(self.name)

    def answer_rows(self, ex, answer, element=None):
        return values.number_answer_rows(answer, element)
