"""The pure checkers: each type of question, right, wrong, partial, empty and of the wrong type."""

import pytest

from conftest import COMMON
from ocworkbook.exercises.check import check

SINGLE = COMMON + """
id: t-single
type: choix_unique
options:
  - {id: a, texte: Option A, correct: true, retroaction: "A est juste parce que..."}
  - {id: b, texte: Option B, correct: false, retroaction: "B confond deux idées."}
"""

MULTIPLE = COMMON + """
id: t-multi
type: choix_multiple
options:
  - {id: a, texte: A, correct: true, retroaction: ra}
  - {id: b, texte: B, correct: true, retroaction: rb}
  - {id: c, texte: C, correct: false, retroaction: rc}
  - {id: d, texte: D, correct: false, retroaction: rd}
"""


def test_single_choice(one_exercise):
    ex = one_exercise(SINGLE)
    right, wrong = check(ex, "a"), check(ex, "b")
    assert (right.status, right.score) == ("correct", 1.0)
    assert (wrong.status, wrong.score) == ("incorrect", 0.0)
    assert wrong.feedback == ["B confond deux idées."]
    assert check(ex, "Option A").correct  # the option's text typed out
    assert check(ex, None).status == "non_tente"
    assert check(ex, "z").status == "invalide" and "n'est pas une des options" in check(ex, "z").message


def test_multiple_choice_partial_credit(one_exercise):
    ex = one_exercise(MULTIPLE)
    assert check(ex, ["a", "b"]).status == "correct"
    half = check(ex, ["a"])
    assert half.status == "partiel" and half.score == 0.5 and "1 bonne réponse" in half.message
    assert check(ex, ["a", "c"]).score == 0.0  # one right minus one wrong
    assert check(ex, ["a", "b", "c"]).score == 0.5
    assert check(ex, "a, b").correct  # typed as text
    assert check(ex, []).status == "non_tente"
    assert check(ex, 3).status == "invalide"


def test_true_false(one_exercise):
    ex = one_exercise(COMMON + """
id: t-vf
type: vrai_faux
reponse: faux
retroaction: {vrai: "Non, parce que...", faux: "Oui, parce que..."}
""")
    assert check(ex, False).correct and check(ex, "Faux").correct and check(ex, "f").correct
    assert check(ex, True).feedback == ["Non, parce que..."]
    assert check(ex, "peut-être").status == "invalide"


NUMERIC = COMMON + """
id: t-num
type: numerique
reponse: 22
tolerance: 0.5
erreurs:
  - {valeur: 95, retroaction: "95, ce sont les CSSS."}
retroaction_trop_bas: Trop bas.
"""


def test_numeric_with_tolerance_and_known_mistakes(one_exercise):
    ex = one_exercise(NUMERIC)
    assert check(ex, 22).correct and check(ex, "22,4").correct and check(ex, 21.5).correct
    assert not check(ex, 22.6).correct
    assert check(ex, "95").feedback == ["95, ce sont les CSSS."]
    assert check(ex, 3).feedback == ["Trop bas."]
    bad = check(ex, "vingt-deux")
    assert bad.status == "invalide" and "n'est pas un nombre" in bad.message and not bad.attempted
    assert check(ex, "").status == "non_tente"


def test_short_text_variants_and_mistakes(one_exercise):
    ex = one_exercise(COMMON + """
id: t-txt
type: texte_court
reponses: [coconstruction]
erreurs:
  - {reponses: [coproduction], retroaction: "La coproduction, c'est la mise en œuvre."}
""")
    for variant in ["coconstruction", "Co-construction", "CO CONSTRUCTION"]:
        assert check(ex, variant).correct, variant
    assert check(ex, "co-production").feedback == ["La coproduction, c'est la mise en œuvre."]
    assert check(ex, "partenariat").status == "incorrect"
    assert check(ex, ["coconstruction"]).status == "invalide"


ORDER = COMMON + """
id: t-ordre
type: ordre
elements:
  - {id: clsc, texte: CLSC, retroaction: "Les CLSC d'abord."}
  - {id: csss, texte: CSSS}
  - {id: cisss, texte: CISSS}
  - {id: sq, texte: Santé Québec}
"""


def test_ordering_scores_pairs_in_order(one_exercise):
    ex = one_exercise(ORDER)
    assert check(ex, ["clsc", "csss", "cisss", "sq"]).correct
    swapped = check(ex, ["csss", "clsc", "cisss", "sq"])
    assert swapped.status == "partiel" and swapped.score == pytest.approx(5 / 6)
    assert "5 paires d'éléments sur 6 sont" in swapped.message
    assert check(ex, ["sq", "cisss", "csss", "clsc"]).score == 0
    assert check(ex, ["clsc", "csss"]).status == "invalide"  # not every item
    assert check(ex, "clsc").status == "invalide"


MATCH = COMMON + """
id: t-assoc
type: association
categories:
  - {id: info, texte: Information}
  - {id: dec, texte: Décision}
elements:
  - {id: e1, texte: Un dépliant, categorie: info, retroaction: "Un dépliant informe."}
  - {id: e2, texte: Un vote, categorie: dec, retroaction: "Voter, c'est décider."}
"""


def test_matching_partial_and_unanswered(one_exercise):
    ex = one_exercise(MATCH)
    assert check(ex, {"e1": "info", "e2": "dec"}).correct
    half = check(ex, {"e1": "dec", "e2": "dec"})
    assert half.score == 0.5 and half.feedback == ["« Un dépliant » — Un dépliant informe."]
    partial = check(ex, {"e1": "info"})
    assert partial.score == 0.5 and "1 élément n'a pas encore de catégorie" in partial.message
    assert check(ex, {}).status == "non_tente"
    assert check(ex, {"e9": "info"}).status == "invalide"
    assert check(ex, {"e1": "zzz"}).status == "invalide"
    assert check(ex, ["info"]).status == "invalide"


def test_data_question_accepts_numpy_scalars(one_exercise):
    import numpy as np

    ex = one_exercise(COMMON + """
id: t-data
type: donnees
jeu_de_donnees: x
calcul: "len(df)"
reponse: 4
""")
    assert check(ex, np.int64(4)).correct
    assert check(ex, 5).status == "incorrect"
    assert check(ex, np.array([4, 4])).status == "invalide"


def test_reflection_is_completed_not_scored(one_exercise):
    ex = one_exercise(COMMON + """
id: t-refl
type: reflexion
grille: [Je décris une situation.]
min_mots: 5
""")
    done = check(ex, "Une situation vécue à la table hier soir.")
    assert done.status == "complete" and done.score is None
    short = check(ex, "Trop court.")
    assert short.status == "partiel" and "au moins 5 mots" in short.message
    assert check(ex, "   ").status == "non_tente"


def test_result_text_never_relies_on_colour(one_exercise):
    ex = one_exercise(SINGLE)
    assert check(ex, "a").headline().startswith("✓")
    assert check(ex, "b").headline().startswith("✗")
    assert "Pas encore" in check(ex, "b").to_markdown()


def test_messages_switch_to_english(one_exercise):
    from ocworkbook.i18n import set_language

    ex = one_exercise(NUMERIC)
    set_language("en")
    assert "is not a number" in check(ex, "douze").message
    assert check(ex, 22).headline() == "✓ Correct"
