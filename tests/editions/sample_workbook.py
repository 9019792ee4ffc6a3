"""A small workbook with one exercise of every type, a notebook with solution, notes, chart and
widget cells, and a dataset: shared by the editions, grading and publish tests."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

BANK = """
carnet: 01-essai
titre: Carnet d'essai
exercices:
  - id: 01-unique
    type: choix_unique
    titre: Ouvrir la rencontre
    enonce: Quelle ouverture favorise la délibération ?
    options:
      - id: a
        texte: Un tour de table des attentes de chaque organisation
        correct: true
        retroaction: "Oui, chacun se situe."
      - {id: b, texte: Un vote immédiat sur les priorités, correct: false, retroaction: "Non, trop tôt."}
    indices: ["Qui définit le problème ?"]
    explication: Le tour de table des attentes permet à chacun de se situer.
    etiquettes: [animation]
    minutes: 2
    notes: Demandez au groupe quand un vote rapide serait justifié.
  - id: 01-multiple
    type: choix_multiple
    titre: Parole pour tous
    enonce: Quelles pratiques aident ?
    options:
      - {id: a, texte: Envoyer les documents à l'avance, correct: true, retroaction: Oui.}
      - {id: b, texte: Éviter le jargon, correct: true, retroaction: Oui.}
      - {id: c, texte: Réunions de jour seulement, correct: false, retroaction: Non.}
    indices: [Deux options sont bonnes.]
    explication: Les options a et b réduisent les obstacles.
    etiquettes: [participation]
    minutes: 2
  - id: 01-vf
    type: vrai_faux
    titre: Unanimité
    enonce: L'unanimité est un but en soi.
    reponse: faux
    retroaction: {vrai: "Non : la qualité du débat compte.", faux: "Exact."}
    indices: [Pensez au processus.]
    explication: Faux, c'est la qualité de la délibération qui compte.
    etiquettes: [deliberation]
    minutes: 1
  - id: 01-nombre
    type: numerique
    titre: Un nombre
    enonce: Combien de centres intégrés ?
    reponse: 12.3
    tolerance: 0.5
    erreurs:
      - {valeur: 7, retroaction: "7, c'est une partie seulement."}
    retroaction_trop_haut: Trop haut.
    indices: [Additionnez.]
    explication: La réponse est 12,3.
    etiquettes: [reseau]
    minutes: 1
  - id: 01-mot
    type: texte_court
    titre: Le bon mot
    enonce: Quel terme désigne la participation à la conception des politiques ?
    reponses: [coconstruction, co-construction]
    erreurs:
      - {reponses: [coproduction], retroaction: "Presque : la coproduction porte sur la mise en œuvre."}
    indices: [Préfixe co-.]
    explication: On parle de coconstruction.
    etiquettes: [coconstruction]
    minutes: 1
  - id: 01-ordre
    type: ordre
    titre: Le fil
    enonce: Remettez en ordre.
    elements:
      - {id: accueil, texte: Accueil, retroaction: En premier.}
      - {id: debat, texte: Débat, retroaction: Avant la décision.}
      - {id: decision, texte: Décision, retroaction: Après le débat.}
      - {id: suivi, texte: Suivi, retroaction: En dernier.}
    indices: [Le débat précède la décision.]
    explication: Accueil, débat, décision, suivi.
    etiquettes: [animation]
    minutes: 2
  - id: 01-association
    type: association
    titre: Degrés
    enonce: Associez.
    categories:
      - {id: info, texte: Information}
      - {id: decision, texte: Décision}
    elements:
      - {id: bilan, texte: On présente un bilan, categorie: info, retroaction: C'est de l'information.}
      - {id: plan, texte: Les membres adoptent le plan, categorie: decision, retroaction: Ils décident.}
    indices: ["Qui a le dernier mot ?"]
    explication: Le bilan informe ; l'adoption du plan est une décision.
    etiquettes: [participation]
    minutes: 2
  - id: 01-donnees
    type: donnees
    titre: Sans citoyens
    enonce: Combien de rencontres sans personne citoyenne ?
    jeu_de_donnees: essai
    calcul: "(df['citoyens'] == 0).sum()"
    reponse: 2
    tolerance: 0
    indices: [Comparez à zéro.]
    explication: Deux rencontres.
    etiquettes: [donnees]
    minutes: 2
  - id: 01-reflexion
    type: reflexion
    titre: Réfléchir
    enonce: Racontez une rencontre.
    grille: [Je décris une situation précise.]
    min_mots: 5
    indices: [Pensez aux horaires.]
    explication: Pas de bonne réponse.
    etiquettes: [pratique]
    minutes: 3
"""

CSV = "date,citoyens,organismes\n2025-01-01,0,5\n2025-02-01,3,4\n2025-03-01,0,6\n2025-04-01,2,5\n"

RESOURCE = {"name": "essai", "path": "essai.csv", "title": "Essai (fictif)", "description": "Rencontres fictives.",
            "fictional": True, "sources": [{"title": "Inventé pour les tests"}], "licenses": [{"name": "CC-BY-4.0"}],
            "schema": {"fields": [{"name": "date", "type": "date", "description": "Date"},
                                  {"name": "citoyens", "type": "integer", "description": "Citoyens"},
                                  {"name": "organismes", "type": "integer", "description": "Organismes"}]}}


def _cell(kind, source, tags=None, slide=None):
    cell = {"cell_type": kind, "metadata": {}, "source": textwrap.dedent(source).strip()}
    if kind == "code":
        cell.update(outputs=[], execution_count=None)
    if tags:
        cell["metadata"]["tags"] = tags
    if slide:
        cell["metadata"]["slideshow"] = {"slide_type": slide}
    return cell


NOTES_TEXT = "**Notes d'animation** : prévoir 10 minutes ; demander qui n'est pas autour de la table."


def notebook() -> dict:
    cells = [
        _cell("markdown", "# 01 — Carnet d'essai\n\nUn carnet pour les tests.", slide="slide"),
        _cell("code", "import ocworkbook as ow\now.setup()", tags=["hide-input"], slide="skip"),
        _cell("markdown", "## Un graphique", slide="slide"),
        _cell("code", """
            import altair as alt
            df = ow.load("essai")
            alt.Chart(df).mark_bar().encode(x="date:N", y="citoyens:Q")
            """, tags=["hide-input"]),
        _cell("markdown", NOTES_TEXT, tags=["notes-animation"], slide="notes"),
        _cell("markdown", "## Exercices", slide="slide"),
        _cell("code", 'ow.exercise("01-unique")', tags=["hide-input"]),
        _cell("code", 'ex = ow.exercise("01-donnees")\nex'),
        _cell("code", "reponse = (df['citoyens'] == 0).sum()\nex.check(reponse)", tags=["solution"]),
        _cell("code", "import ipywidgets as widgets\nwidgets.IntSlider(value=3)"),
    ]
    for number, cell in enumerate(cells):
        cell["id"] = f"essai-{number:02d}"
    # a fixture for the editions' mechanics, not a lesson: the notebook template does not apply
    return {"cells": cells, "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3",
                                                        "language": "python"}, "language_info": {"name": "python"},
                                         "ocworkbook": {"gabarit": False}},
            "nbformat": 4, "nbformat_minor": 5}


def write_sample(root: Path, bank: str = BANK) -> Path:
    """Write the sample workbook into ``root`` and return it."""
    root = Path(root)
    for part in ("exercises", "datasets", "notebooks"):
        (root / part).mkdir(parents=True, exist_ok=True)
    (root / "exercises" / "01-essai.yml").write_text(textwrap.dedent(bank).lstrip(), encoding="utf-8")
    (root / "datasets" / "essai.csv").write_text(CSV, encoding="utf-8")
    (root / "datasets" / "datapackage.json").write_text(
        json.dumps({"name": "essai", "resources": [RESOURCE]}, ensure_ascii=False), encoding="utf-8")
    (root / "notebooks" / "01-essai.ipynb").write_text(json.dumps(notebook(), ensure_ascii=False), encoding="utf-8")
    return root
