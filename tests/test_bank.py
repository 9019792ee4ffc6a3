"""Loading and validating the exercise bank: clear French errors naming file, id and line."""

from conftest import COMMON
from ocworkbook.exercises.bank import load_bank


def _errors(make_workbook, text, name="a.yml"):
    bank = load_bank(make_workbook({name: text}))
    return [str(e) for e in bank.errors], bank


def test_yaml_syntax_error_names_file_and_line(make_workbook):
    errors, _ = _errors(make_workbook, "carnet: x\nexercices:\n  - id: a\n    titre: Oui : non\n")
    assert len(errors) == 1
    assert errors[0].startswith("exercises/a.yml:4 : erreur de syntaxe YAML")
    assert "entre guillemets" in errors[0]


def test_missing_field_and_bad_type_name_the_exercise_and_line(make_workbook):
    text = "carnet: x\nexercices:\n  - id: x-un\n    type: choix_unique\n" + \
        "\n".join("    " + line for line in COMMON.strip().splitlines() if not line.startswith("explication")) + \
        "\n    options:\n      - {id: a, texte: A, correct: true, retroaction: r}\n" \
        "      - {id: b, texte: B, correct: true, retroaction: r}\n" \
        "  - id: x-deux\n    type: sondage\n"
    errors, bank = _errors(make_workbook, text)
    assert any("a.yml:3 [x-un] : le champ « explication » est obligatoire" in e for e in errors), errors
    assert any("[x-un]" in e and "exactement une option" in e for e in errors)
    assert any("a.yml:14 [x-deux] : type inconnu « sondage »" in e for e in errors), errors
    assert bank.exercises == {}


def test_typo_in_a_field_name_is_reported(make_workbook):
    text = "carnet: x\nexercices:\n  - id: x-un\n    type: vrai_faux\n    reponse: vrai\n" \
           "    retroaction: {vrai: a, faux: b}\n    indice: [oups]\n" + \
           "\n".join("    " + line for line in COMMON.strip().splitlines())
    errors, _ = _errors(make_workbook, text)
    assert any("a.yml:7 [x-un] : champ inconnu « indice »" in e for e in errors), errors


def test_a_field_written_twice_is_reported_not_silently_replaced(make_workbook):
    text = "carnet: x\nexercices:\n  - id: x-un\n    type: vrai_faux\n    reponse: vrai\n    reponse: faux\n"
    errors, _ = _errors(make_workbook, text)
    assert "exercises/a.yml:6 : le champ « reponse » est écrit deux fois dans le même bloc (déjà à la ligne 5)" \
        in " ".join(errors), errors


def test_duplicate_ids_across_files(make_workbook):
    body = "  - id: x-un\n    type: vrai_faux\n    reponse: vrai\n    retroaction: {vrai: a, faux: b}\n" + \
        "\n".join("    " + line for line in COMMON.strip().splitlines())
    root = make_workbook({"a.yml": "carnet: a\nexercices:\n" + body, "b.yml": "carnet: b\nexercices:\n" + body})
    bank = load_bank(root)
    assert len(bank.exercises) == 1
    assert "exercises/b.yml:3 [x-un] : cet identifiant d'exercice est déjà utilisé (exercises/a.yml:3)." \
        in [str(e) for e in bank.errors]


def test_unknown_category_lists_the_defined_ones(make_workbook):
    text = "carnet: x\nexercices:\n  - id: x-m\n    type: association\n" + \
        "\n".join("    " + line for line in COMMON.strip().splitlines()) + \
        "\n    categories: [{id: a, texte: A}, {id: b, texte: B}]\n" \
        "    elements:\n      - {id: e1, texte: E1, categorie: a, retroaction: r}\n" \
        "      - {id: e2, texte: E2, categorie: c, retroaction: r}\n"
    errors, _ = _errors(make_workbook, text)
    assert any(":14 [x-m] : catégorie inconnue « c » ; catégories définies : a, b" in e for e in errors), errors


def test_bank_is_reloaded_when_a_file_changes(make_workbook):
    body = "  - id: x-un\n    type: vrai_faux\n    reponse: vrai\n    retroaction: {vrai: a, faux: b}\n" + \
        "\n".join("    " + line for line in COMMON.strip().splitlines())
    root = make_workbook({"a.yml": "carnet: a\nexercices:\n" + body})
    assert load_bank(root).get("x-un").title == "Titre"
    path = root / "exercises" / "a.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("titre: Titre", "titre: Nouveau titre plus long"),
                    encoding="utf-8")
    assert load_bank(root).get("x-un").title == "Nouveau titre plus long"


def test_shipped_bank_loads_without_errors():
    from conftest import ROOT

    bank = load_bank(ROOT)
    assert not bank.errors, [str(e) for e in bank.errors]
    assert {"00-ouvrir-la-rencontre", "00-ma-derniere-rencontre"} <= set(bank.exercises)
    types = {ex.type for ex in bank.by_notebook("00-demarrer")}
    assert types == {"choix_unique", "choix_multiple", "vrai_faux", "numerique", "texte_court", "ordre",
                     "association", "donnees", "reflexion"}
