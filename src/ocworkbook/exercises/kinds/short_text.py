"""Short text (``texte_court``): a term, with accepted variants; case, accents, hyphens and spaces ignored
(« Co-construction », « coconstruction » and « co construction » are the same answer)."""

from __future__ import annotations

from ...i18n import t
from ..normalize import normalize_text
from . import _values as values
from . import register
from .base import Kind, TextInput


@register
class ShortText(Kind):
    name = "texte_court"
    order = 50
    fields = ("reponses", "erreurs", "retroaction")
    key_fields = ("reponses",)
    summary = "texts"
    discussion = ("workshop.q.words",)

    def validate(self, f, raw, hashed):
        accepted = [] if hashed else f.text_list("reponses")
        if any(not normalize_text(v) for v in accepted):
            f.error("reponses", t("kinds.variant_empty"))
        f.text("retroaction", required=False)
        values.validate_mistakes(f, raw, numeric=False)
        folded = {normalize_text(v) for v in accepted}
        for mistake in raw.get("erreurs") or []:
            if isinstance(mistake, dict) and isinstance(mistake.get("reponses"), list):
                clash = folded & {normalize_text(str(v)) for v in mistake["reponses"]}
                if clash:
                    f.error("reponses", t("kinds.mistake_is_answer"), mistake)

    def clear_key(self, exercise_id, data):
        return values.text_key(exercise_id, data["reponses"])

    def check(self, ex, answer):
        return values.check_text(ex, answer)

    def reference_answer(self, ex):
        return ex.data["reponses"][0]

    def wrong_answer(self, ex):
        return "réponse volontairement fausse"

    def probes(self, ex):
        return values.text_probes(ex, ex.data["reponses"])

    def leak_forms(self, ex):
        return {"texts": {normalize_text(v) for v in ex.data["reponses"]} - {""}}

    def solution_lines(self, ex):
        return [t("solution.answer", answer=ex.data["reponses"][0])]

    def input(self, ex, rng):
        return TextInput(ex)

    def live(self):
        from ...atelier.question_kinds import ShortText as Live

        return Live(self.name)

    def answer_rows(self, ex, answer, element=None):
        return values.text_answer_rows(answer, element)
