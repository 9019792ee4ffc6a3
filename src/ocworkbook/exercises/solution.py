"""Reference answers (from a clear key) and deliberately wrong answers, for solutions and
for ``ocworkbook validate`` (a key must pass its checker; a wrong answer must not)."""

from __future__ import annotations

from .model import Exercise, answer_is_numeric

_NO_KEY = object()


def has_clear_key(ex: Exercise) -> bool:
    """False in a learner edition, where keys are hashed and the answer cannot be shown."""
    data = ex.data
    if ex.type in ("choix_unique", "choix_multiple"):
        return all("correct_h" not in o for o in data["options"])
    if ex.type == "association":
        return all("categorie_h" not in e for e in data["elements"])
    if ex.type == "ordre":
        return "paires_h" not in data
    return not any(k in data for k in ("reponse_h", "reponses_h"))


def reference_answer(ex: Exercise):
    """The answer the key says is right (``_NO_KEY`` sentinel if the key is hashed)."""
    if not has_clear_key(ex):
        return _NO_KEY
    data = ex.data
    if ex.type == "choix_unique":
        return next(str(o["id"]) for o in data["options"] if o.get("correct") is True)
    if ex.type == "choix_multiple":
        return [str(o["id"]) for o in data["options"] if o.get("correct") is True]
    if ex.type == "vrai_faux":
        return data["reponse"] in (True, "vrai")
    if ex.type in ("numerique", "donnees"):
        return data["reponse"]
    if ex.type == "texte_court":
        return data["reponses"][0]
    if ex.type == "ordre":
        return [str(e["id"]) for e in data["elements"]]
    if ex.type == "association":
        return {str(e["id"]): str(e["categorie"]) for e in data["elements"]}
    if ex.type == "reflexion":
        return " ".join(["réflexion"] * int(data.get("min_mots") or 30))
    raise ValueError(ex.type)


def wrong_answer(ex: Exercise):
    """An answer that must *not* be accepted as correct (nbgrader's ``--invert``)."""
    data = ex.data
    if ex.type == "choix_unique":
        key = reference_answer(ex)
        return next(str(o["id"]) for o in data["options"] if str(o["id"]) != key)
    if ex.type == "choix_multiple":
        key = set(reference_answer(ex))
        wrong = [str(o["id"]) for o in data["options"] if str(o["id"]) not in key]
        return wrong or []
    if ex.type == "vrai_faux":
        return not reference_answer(ex)
    if ex.type in ("numerique", "donnees") and (ex.type == "numerique" or answer_is_numeric(data)):
        tolerance = float(data.get("tolerance") or 0)
        return float(data["reponse"]) + 10 * tolerance + 1000
    if ex.type in ("texte_court", "donnees"):
        return "réponse volontairement fausse"
    if ex.type == "ordre":
        return list(reversed(reference_answer(ex)))
    if ex.type == "association":
        categories = [str(c["id"]) for c in data["categories"]]
        key = reference_answer(ex)
        return {e: next(c for c in categories if c != cat) for e, cat in key.items()}
    if ex.type == "reflexion":
        return ""
    raise ValueError(ex.type)


def solution_markdown(ex: Exercise) -> str:
    """The solution as Markdown: the right answer (if the key is clear) and the explanation."""
    from ..i18n import t

    lines = []
    answer = reference_answer(ex)
    data = ex.data
    if answer is not _NO_KEY and ex.type != "reflexion":
        if ex.type in ("choix_unique", "choix_multiple"):
            texts = [o["texte"] for o in data["options"] if o.get("correct") is True]
            lines.append(t("solution.answer", answer=" ; ".join(texts)))
        elif ex.type == "vrai_faux":
            lines.append(t("solution.answer", answer=t("widget.true") if answer else t("widget.false")))
        elif ex.type == "ordre":
            lines.append(t("solution.order"))
            lines += [f"{i}. {e['texte']}" for i, e in enumerate(data["elements"], 1)]
        elif ex.type == "association":
            names = {str(c["id"]): c["texte"] for c in data["categories"]}
            lines.append(t("solution.matching"))
            lines += [f"- {e['texte']} → **{names[str(e['categorie'])]}**" for e in data["elements"]]
        else:
            unit = f" {data['unite']}" if data.get("unite") else ""
            lines.append(t("solution.answer", answer=f"{answer}{unit}"))
            if ex.type == "donnees" and data.get("calcul"):
                lines.append(t("solution.code") + f"\n\n```python\ndf = ow.load(\"{data['jeu_de_donnees']}\")\n"
                             f"{data['calcul']}\n```")
    lines.append("")
    lines.append(ex.explanation)
    return "\n".join(lines)


NO_KEY = _NO_KEY
