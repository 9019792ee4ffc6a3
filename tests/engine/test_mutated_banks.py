"""Every mutated bank is rejected, with a French message naming the file, the exercise and the line.

Each mutation is a mistake an instructor can make while editing a bank file by hand (or a file
written by a hostile hand). ``ocworkbook validate`` must refuse it — never accept it silently, never
crash — and say in French where to look.
"""

from __future__ import annotations

import copy
import re
import shutil

import pytest
import yaml

from conftest import ENGINE_ROOT
from ocworkbook.cli.main import main

ENGLISH = re.compile(r"\b(must|expected|found|not allowed|could not|while|mapping|scalar|Error|line \d|"
                     r"invalid|unknown|missing)\b")
ORIGINAL = yaml.safe_load((ENGINE_ROOT / "exercises" / "moteur.yml").read_text(encoding="utf-8"))


def _exercise(document, ex_id):
    return next(e for e in document["exercices"] if e["id"] == ex_id)


def _set(ex_id, field, value):
    def mutate(document):
        _exercise(document, ex_id)[field] = value
    return mutate


def _drop(ex_id, field):
    def mutate(document):
        _exercise(document, ex_id).pop(field)
    return mutate


def _item(ex_id, list_field, index, field, value=None, drop=False):
    def mutate(document):
        item = _exercise(document, ex_id)[list_field][index]
        if drop:
            item.pop(field)
        else:
            item[field] = value
    return mutate


def _custom(function):
    return function


MUTATIONS = {
    # common fields
    **{f"sans-{field}": _drop("m-unique", field) for field in
       ("type", "titre", "enonce", "indices", "explication", "etiquettes", "minutes")},
    "id-majuscules": _set("m-vf", "id", "M-VF"),
    "id-espace": _set("m-vf", "id", "m vf"),
    "id-accent": _set("m-vf", "id", "m-vérité"),
    "id-long": _set("m-vf", "id", "m" + "-x" * 60),
    "type-faute": _set("m-unique", "type", "choix-unique"),
    "type-liste": _set("m-unique", "type", ["choix_unique"]),
    "titre-vide": _set("m-unique", "titre", "   "),
    "titre-liste": _set("m-unique", "titre", ["a", "b"]),
    "titre-trop-long": _set("m-unique", "titre", "t" * 500),
    "minutes-zero": _set("m-unique", "minutes", 0),
    "minutes-texte": _set("m-unique", "minutes", "deux"),
    "minutes-booleen": _set("m-unique", "minutes", True),
    "minutes-nan": _set("m-unique", "minutes", float("nan")),
    "minutes-infini": _set("m-unique", "minutes", float("inf")),
    "minutes-enormes": _set("m-unique", "minutes", 10_000),
    "points-negatifs": _set("m-unique", "points", -1),
    "indices-vides": _set("m-unique", "indices", []),
    "indice-vide": _set("m-unique", "indices", ["", "b"]),
    "indices-imbriques": _set("m-unique", "indices", [["a"]]),
    "indice-deux-points": _set("m-unique", "indices", [{"Attention": "ceci"}]),
    "etiquettes-bloc": _set("m-unique", "etiquettes", {"a": 1}),
    "solution-parfois": _set("m-unique", "solution", "parfois"),
    "solution-negative": _set("m-unique", "solution", -1),
    "solution-fraction": _set("m-unique", "solution", 1.5),
    "champ-inconnu": _set("m-unique", "indice", ["faute de frappe"]),
    # single and multiple choice
    "deux-bonnes": _item("m-unique", "options", 1, "correct", True),
    "aucune-bonne": _item("m-unique", "options", 0, "correct", False),
    "correct-texte": _item("m-unique", "options", 0, "correct", "true"),
    "une-seule-option": _custom(lambda d: _exercise(d, "m-unique").__setitem__(
        "options", _exercise(d, "m-unique")["options"][:1])),
    "option-sans-id": _item("m-unique", "options", 1, "id", drop=True),
    "option-id-double": _item("m-unique", "options", 1, "id", "a"),
    "option-id-booleen": _item("m-unique", "options", 1, "id", True),
    "option-texte-vide": _item("m-unique", "options", 1, "texte", ""),
    "option-sans-retroaction": _item("m-unique", "options", 2, "retroaction", drop=True),
    "options-meme-texte": _item("m-unique", "options", 2, "texte", "Une option plausible"),
    "options-pas-une-liste": _set("m-unique", "options", "a, b, c"),
    "option-pas-un-bloc": _custom(lambda d: _exercise(d, "m-unique")["options"].append("e")),
    "multiple-aucune-bonne": _custom(lambda d: [o.__setitem__("correct", False)
                                                for o in _exercise(d, "m-multiple")["options"]]),
    # true / false
    "vf-peut-etre": _set("m-vf", "reponse", "peut-être"),
    "vf-sans-reponse": _drop("m-vf", "reponse"),
    "vf-retroaction-incomplete": _set("m-vf", "retroaction", {"vrai": "Non."}),
    "vf-retroaction-en-trop": _set("m-vf", "retroaction", {"vrai": "Non.", "faux": "Oui.", "peut": "?"}),
    "vf-retroaction-texte": _set("m-vf", "retroaction", "Non."),
    "vf-justification-oui": _set("m-vf", "justification", "oui"),
    # numbers
    "nombre-en-lettres": _set("m-nombre", "reponse", "vingt-deux"),
    "nombre-nan": _set("m-nombre", "reponse", float("nan")),
    "nombre-enorme": _set("m-nombre", "reponse", 1e300),
    "tolerance-negative": _set("m-nombre", "tolerance", -1),
    "tolerance-texte": _set("m-nombre", "tolerance", "un peu"),
    "erreurs-pas-liste": _set("m-nombre", "erreurs", {"valeur": 95}),
    "erreur-sans-valeur": _item("m-nombre", "erreurs", 0, "valeur", drop=True),
    "erreur-valeur-texte": _item("m-nombre", "erreurs", 0, "valeur", "95"),
    "erreur-champ-inconnu": _item("m-nombre", "erreurs", 0, "reponses", ["x"]),
    "unite-liste": _set("m-nombre", "unite", ["a"]),
    # short text
    "texte-sans-variante": _set("m-terme", "reponses", []),
    "texte-variante-vide": _set("m-terme", "reponses", ["", "x"]),
    "texte-ponctuation": _set("m-terme", "reponses", ["!!!"]),
    "texte-erreur-acceptee": _item("m-terme", "erreurs", 0, "reponses", ["Co-construction"]),
    # ordering
    "ordre-un-element": _custom(lambda d: _exercise(d, "m-ordre").__setitem__(
        "elements", _exercise(d, "m-ordre")["elements"][:1])),
    "ordre-id-double": _item("m-ordre", "elements", 1, "id", "un"),
    "ordre-sans-texte": _item("m-ordre", "elements", 1, "texte", drop=True),
    "ordre-champ-inconnu": _item("m-ordre", "elements", 1, "categorie", "x"),
    # matching
    "categorie-inconnue": _item("m-association", "elements", 0, "categorie", "informer"),
    "une-categorie": _custom(lambda d: _exercise(d, "m-association").__setitem__(
        "categories", _exercise(d, "m-association")["categories"][:1])),
    "element-sans-retroaction": _item("m-association", "elements", 0, "retroaction", drop=True),
    # data questions
    "donnees-sans-jeu": _drop("m-donnees", "jeu_de_donnees"),
    "donnees-jeu-inconnu": _set("m-donnees", "jeu_de_donnees", "inexistant"),
    "calcul-import": _set("m-donnees", "calcul", "__import__('os').system('touch /tmp/ocw-mutant')"),
    "calcul-open": _set("m-donnees", "calcul", "open('/etc/passwd').read()"),
    "calcul-dunder": _set("m-donnees", "calcul", "df.__class__.__mro__"),
    "calcul-ecriture": _set("m-donnees", "calcul", "df.to_csv('/tmp/ocw-mutant.csv')"),
    "calcul-instructions": _set("m-donnees", "calcul", "x = 1\nx"),
    "calcul-puissance": _set("m-donnees", "calcul", "9 ** 9 ** 9"),
    "calcul-faux": _set("m-donnees", "calcul", "int((df['n'] > 0).sum())"),
    "calcul-colonne-inconnue": _set("m-donnees", "calcul", "int(df['m'].sum())"),
    "nature-inconnue": _set("m-donnees", "reponse_nature", "chiffre"),
    "tolerance-sur-texte": _set("m-donnees-texte", "tolerance", 1),
    # reflections
    "grille-vide": _set("m-reflexion", "grille", []),
    "min-mots-zero": _set("m-reflexion", "min_mots", 0),
    "min-mots-fraction": _set("m-reflexion", "min_mots", 2.5),
    # file level
    "sans-exercices": _custom(lambda d: d.pop("exercices")),
    "exercices-bloc": _custom(lambda d: d.__setitem__("exercices", {"a": 1})),
    "exercice-faute": _custom(lambda d: d.__setitem__("exercice", d.pop("exercices"))),
    "sans-carnet": _custom(lambda d: d.pop("carnet")),
    "sel-dans-un-corrige": _custom(lambda d: d.__setitem__("sel", "abc")),
    "exercice-texte": _custom(lambda d: d["exercices"].append("un exercice")),
    "id-en-double": _custom(lambda d: d["exercices"].append(copy.deepcopy(d["exercices"][0]))),
}

TEXT_MUTATIONS = {
    "tabulation": lambda text: text.replace("    titre: Un seul choix", "\ttitre: Un seul choix"),
    "deux-points": lambda text: text.replace("titre: Un seul choix", "titre: Un seul : choix"),
    "guillemet-ouvert": lambda text: text + '  - id: "m-ouvert\n',
    "alias": lambda text: text.replace("titre: Un seul choix", "titre: &t Un seul choix").replace(
        "titre: Plusieurs choix", "titre: *t"),
    "champ-double": lambda text: text.replace("    titre: Un seul choix", "    titre: Un seul choix\n    titre: Deux"),
    "liste-ouverte": lambda text: text.replace("indices: [Premier indice., Second indice.]", "indices: [Premier"),
    "pas-utf8": lambda text: text.replace("Un seul choix", "Un seul ch\udcffoix"),
    "liste-en-tete": lambda text: "- " + text.replace("\n", "\n  "),
}


def _workbook(tmp_path):
    root = tmp_path / "wb"
    shutil.copytree(ENGINE_ROOT, root)
    return root


def _validate(root, capsys):
    code = main(["validate", "--root", str(root)])
    return code, capsys.readouterr().err


def _assert_rejected_in_french(code, err, needs_id):
    assert code == 1, err
    problems = [line for line in err.splitlines() if line.startswith("✗ ")]
    assert problems, err
    assert all(re.match(r"✗ exercises/moteur\.yml(:\d+)? ", line) for line in problems), problems
    assert any(re.match(r"✗ exercises/moteur\.yml:\d+ ", line) for line in problems), problems
    if needs_id:
        assert any(re.search(r":\d+ \[[^\]]+\] : ", line) for line in problems), problems
    for line in problems:
        assert not ENGLISH.search(line.split(" : ", 1)[-1]), line
        assert "Traceback" not in line


@pytest.mark.parametrize("name", sorted(MUTATIONS))
def test_mutated_bank_is_rejected(name, tmp_path, capsys):
    root = _workbook(tmp_path)
    document = copy.deepcopy(ORIGINAL)
    MUTATIONS[name](document)
    (root / "exercises" / "moteur.yml").write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False),
                                                  encoding="utf-8")
    code, err = _validate(root, capsys)
    file_level = name in ("sans-exercices", "exercices-bloc", "exercice-faute", "sans-carnet", "exercice-texte")
    _assert_rejected_in_french(code, err, needs_id=not file_level)


@pytest.mark.parametrize("name", sorted(TEXT_MUTATIONS))
def test_mutated_bank_text_is_rejected(name, tmp_path, capsys):
    root = _workbook(tmp_path)
    path = root / "exercises" / "moteur.yml"
    text = TEXT_MUTATIONS[name](path.read_text(encoding="utf-8"))
    path.write_bytes(text.encode("utf-8", errors="surrogateescape"))
    code, err = _validate(root, capsys)
    _assert_rejected_in_french(code, err, needs_id=False)


def test_there_are_at_least_sixty_mutations_and_no_file_was_created():
    import os

    assert len(MUTATIONS) + len(TEXT_MUTATIONS) >= 60
    assert not os.path.exists("/tmp/ocw-mutant") and not os.path.exists("/tmp/ocw-mutant.csv")
