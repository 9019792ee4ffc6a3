"""One module per question type, registered once: nothing outside ``exercises/kinds`` decides by type name."""

from __future__ import annotations

import re
from pathlib import Path

from ocworkbook.exercises import kinds

SRC = Path(__file__).resolve().parents[2] / "src" / "ocworkbook"
SWITCH = re.compile(r"\.type\s*(==|!=|\bin\b|\bnot in\b)")
TYPE_NAMES = "|".join(kinds.names())
TYPE_KEYED = re.compile(rf'["\']({TYPE_NAMES})["\']\s*:')


def test_nine_types_each_in_its_own_module():
    assert kinds.names() == ("choix_unique", "choix_multiple", "vrai_faux", "numerique", "texte_court", "ordre",
                             "association", "donnees", "reflexion")
    modules = {type(kind).__module__ for kind in kinds.all_kinds()}
    assert len(modules) == len(kinds.names())


def test_no_code_outside_the_kinds_switches_on_a_type_name():
    offenders = []
    for path in SRC.rglob("*.py"):
        if "kinds" in path.parts:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if SWITCH.search(line) or TYPE_KEYED.search(line):
                offenders.append(f"{path.relative_to(SRC)}:{number}: {line.strip()}")
    assert offenders == []


def test_every_type_has_a_french_and_english_label_and_discussion_questions():
    from ocworkbook.i18n import catalogue

    for kind in kinds.all_kinds():
        assert f"type.{kind.name}" in catalogue(), kind.name
        assert kind.discussion and all(key in catalogue() for key in kind.discussion), kind.name
        assert kind.summary in ("options", "values", "texts", "categories", "ranks", "completion")


def test_a_new_type_is_one_module(tmp_path, monkeypatch):
    """A type registered by a module of its own is found by the bank, the checker and the solution."""
    from ocworkbook.exercises.check import check
    from ocworkbook.exercises.key import Key
    from ocworkbook.exercises.kinds.base import Kind
    from ocworkbook.exercises.model import parse_exercise
    from ocworkbook.exercises.result import Result

    @kinds.register
    class Echelle(Kind):
        name = "echelle_essai"
        fields = ("valeur",)
        key_fields = ("valeur",)

        def clear_key(self, exercise_id, data):
            return Key(exercise_id, tokens=frozenset({str(data["valeur"])}))

        def check(self, ex, answer):
            ok = ex.key.accepts(str(answer))
            return Result("correct" if ok else "incorrect", 1.0 if ok else 0.0, answer=str(answer))

    try:
        raw = {"id": "e-1", "type": "echelle_essai", "titre": "T", "enonce": "E", "indices": ["i"],
               "explication": "x", "etiquettes": ["t"], "minutes": 1, "valeur": 3}
        ex, errors = parse_exercise(raw, path="e.yml", notebook="e")
        assert errors == [] and check(ex, 3).correct and not check(ex, 4).correct
    finally:
        kinds._REGISTRY.pop("echelle_essai")
