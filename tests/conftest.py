"""Fixtures shared by the unit tests."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
ENGINE_ROOT = Path(__file__).resolve().parent / "bank"  # the engine's own small bank (not the shipped one)


@pytest.fixture(autouse=True)
def private_state(tmp_path, monkeypatch):
    """Every test writes the learner's records in its own folder, in French."""
    from ocworkbook.i18n import set_language

    monkeypatch.setenv("OCWORKBOOK_STATE", str(tmp_path / "state"))
    set_language("fr")
    yield tmp_path / "state"
    set_language("fr")


@pytest.fixture
def make_workbook(tmp_path):
    """Create a small workbook (exercise files + datapackage) and return its root."""

    def _make(files: dict[str, str], datasets: dict[str, str] | None = None, resources=None) -> Path:
        import json

        root = tmp_path / "wb"
        (root / "exercises").mkdir(parents=True, exist_ok=True)
        (root / "datasets").mkdir(parents=True, exist_ok=True)
        (root / "notebooks").mkdir(parents=True, exist_ok=True)
        for name, text in files.items():
            (root / "exercises" / name).write_text(textwrap.dedent(text), encoding="utf-8")
        for name, text in (datasets or {}).items():
            (root / "datasets" / name).write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
        (root / "datasets" / "datapackage.json").write_text(
            json.dumps({"name": "t", "resources": resources or []}), encoding="utf-8")
        return root

    return _make


@pytest.fixture
def one_exercise(make_workbook):
    """Parse one exercise given as YAML (the body of one list item) and return it."""
    from ocworkbook.exercises.bank import load_bank

    def _one(body: str, **datasets):
        text = "carnet: test\nexercices:\n  - " + textwrap.indent(textwrap.dedent(body).strip(), "    ")[4:]
        root = make_workbook({"test.yml": text}, **datasets)
        bank = load_bank(root)
        assert not bank.errors, [str(e) for e in bank.errors]
        return next(iter(bank.exercises.values()))

    return _one


COMMON = """
titre: Titre
enonce: Énoncé
indices: [Un indice, Un autre]
explication: Parce que.
etiquettes: [test]
minutes: 2
"""


@pytest.fixture
def engine_bank():
    """The engine's test bank (``tests/bank``): one exercise per question type and its edge cases."""
    from ocworkbook.exercises.bank import load_bank

    return load_bank(ENGINE_ROOT)
