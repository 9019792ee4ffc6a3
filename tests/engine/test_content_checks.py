"""``ocworkbook validate`` warns about exercises answerable without thinking, and refuses « $ » pairs."""

from __future__ import annotations

from conftest import COMMON, ENGINE_ROOT
from ocworkbook.exercises.bank import load_bank
from ocworkbook.validation.content_checks import answer_giveaways, dollar_problems, dollars


def _bank(make_workbook, body):
    root = make_workbook({"a.yml": "carnet: a\nexercices:\n" + body})
    bank = load_bank(root)
    assert not bank.errors, [str(e) for e in bank.errors]
    return bank, root


def _exercise(ex_id, kind, extra, title="Titre", hints="[Un indice, Un autre]"):
    common = COMMON.replace("titre: Titre", f"titre: {title}").replace("indices: [Un indice, Un autre]",
                                                                        f"indices: {hints}")
    lines = [f"id: {ex_id}", f"type: {kind}", *common.strip().splitlines(), *extra.strip().splitlines()]
    return "  - " + "\n    ".join(lines) + "\n"


def test_the_engine_bank_is_clean():
    bank = load_bank(ENGINE_ROOT)
    assert answer_giveaways(bank) == [] and dollar_problems(bank, ENGINE_ROOT) == []


def test_an_id_title_or_hint_that_holds_the_answer_is_reported(make_workbook):
    text = 'reponses: [coconstruction]\nretroaction: Oui.'
    body = (_exercise("a-terme-coconstruction", "texte_court", text)
            + _exercise("a-autre", "texte_court", text, title="La coconstruction")
            + _exercise("a-indice", "texte_court", text, hints="[Pensez à la coconstruction.]")
            + _exercise("a-propre", "texte_court", text))
    bank, _ = _bank(make_workbook, body)
    flagged = {w.item: str(w) for w in answer_giveaways(bank)}
    assert set(flagged) == {"a-terme-coconstruction", "a-autre", "a-indice"}, flagged
    assert "l'identifiant contient la réponse" in flagged["a-terme-coconstruction"]
    assert "le titre" in flagged["a-autre"] and "l'indice 1" in flagged["a-indice"]


def test_right_options_always_first_or_longest_and_one_sided_true_false_are_reported(make_workbook):
    options = ("options:\n  - {id: a, texte: Une option juste et nettement plus longue que les autres, correct: true, "
               "retroaction: r}\n  - {id: b, texte: Courte, retroaction: r}\n  - {id: c, texte: Brève, retroaction: r}")
    true_false = "reponse: faux\nretroaction: {vrai: Non., faux: Oui.}"
    body = "".join(_exercise(f"a-choix-{n}", "choix_unique", options) for n in range(3))
    body += "".join(_exercise(f"a-vf-{n}", "vrai_faux", true_false) for n in range(3))
    bank, _ = _bank(make_workbook, body)
    messages = " | ".join(str(w) for w in answer_giveaways(bank))
    assert "écrite en position 1" in messages and "la plus longue" in messages
    assert "les 3 questions vrai ou faux ont toutes la même réponse (Faux)" in messages


def test_dollar_pairs_are_errors_even_escaped_and_a_single_dollar_is_fine(make_workbook):
    assert dollars("400 M$ dont 150 M$") == 2
    assert dollars(r"400 M\$ dont 150 M\$") == 2  # JupyterLab 4 typesets them anyway
    assert dollars("`df['$']` et 3 $") == 1
    body = _exercise("a-somme", "numerique", "reponse: 400\nretroaction: 400 M$ sur 10 ans, dont 150 M$.")
    bank, root = _bank(make_workbook, body)
    problems = [str(p) for p in dollar_problems(bank, root)]
    assert len(problems) == 1 and "[a-somme]" in problems[0] and "retroaction" in problems[0]


def _choice(n, right_text, wrong_texts):
    options = [f"  - {{id: r, texte: '{right_text}', correct: true, retroaction: r}}"]
    options += [f"  - {{id: w{i}, texte: '{text}', retroaction: r}}" for i, text in enumerate(wrong_texts)]
    return _exercise(f"a-choix-{n}", "choix_unique", "options:\n" + "\n".join(options))


def test_right_options_never_longest_and_tone_words_only_in_wrong_ones_are_reported(make_workbook):
    wrong = ["Une option fausse, puisque la phrase est plus longue que la bonne",
             "Une autre option fausse, puisque elle aussi est longue", "Une troisième qui est longue elle aussi"]
    body = "".join(_choice(n, f"Juste {n}", wrong) for n in range(8))
    bank, _ = _bank(make_workbook, body)
    messages = " | ".join(str(w) for w in answer_giveaways(bank))
    assert "dans 0 question à choix sur 8, une bonne option est la plus longue" in messages
    assert "l'option la plus courte est juste" in messages
    assert "« puisque » apparaît dans 16 options fausses et dans aucune bonne" in messages


def test_true_false_answered_by_their_verb_are_reported(make_workbook):
    true_false = "reponse: {answer}\nretroaction: {{vrai: Non., faux: Oui.}}"
    body = "".join(_exercise(f"a-peut-{n}", "vrai_faux", true_false.format(answer="vrai")).replace(
        "enonce: Énoncé", f"enonce: Une table peut faire la chose {n}") for n in range(3))
    body += "".join(_exercise(f"a-absolu-{n}", "vrai_faux", true_false.format(answer="faux")).replace(
        "enonce: Énoncé", f"enonce: Une table est forcément la chose {n}") for n in range(3))
    bank, _ = _bank(make_workbook, body)
    messages = " | ".join(str(w) for w in answer_giveaways(bank))
    assert "les 3 énoncés vrai ou faux construits avec « peut » sont tous vrais" in messages
    assert "les 3 énoncés vrai ou faux qui contiennent un mot absolu" in messages


def test_an_id_naming_a_word_only_the_right_option_uses_is_reported(make_workbook):
    options = ("options:\n  - {id: a, texte: Un groupe de codéveloppement entre pairs, correct: true, retroaction: r}"
               "\n  - {id: b, texte: Une formation donnée par un expert, retroaction: r}"
               "\n  - {id: c, texte: Une supervision individuelle, retroaction: r}")
    bank, _ = _bank(make_workbook, _exercise("a-codeveloppement", "choix_unique", options)
                    + _exercise("a-format", "choix_unique", options))
    flagged = {w.item for w in answer_giveaways(bank)}
    assert "a-codeveloppement" in flagged and "a-format" not in flagged
