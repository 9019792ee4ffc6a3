"""The progress dashboard names notebooks and themes as a learner reads them, on one screen."""

from __future__ import annotations

import ocworkbook as ow
from conftest import ROOT
from ocworkbook.exercises.bank import load_bank
from ocworkbook.exercises.dashboard import progress_table
from ocworkbook.exercises.themes import load_themes


def test_notebooks_by_title_and_themes_grouped_in_a_few_families(private_state):
    bank = load_bank(ROOT)
    ow.exercise(next(iter(bank.exercises)), bank=bank).check("a")
    table = progress_table(bank)
    assert len(table) == len(bank.exercises)
    assert table["carnet"].nunique() == len(bank.notebooks) <= 12
    assert table["famille"].nunique() <= 9
    assert all(" · " in name for name in table["carnet"])  # « 03 · Instrumentalisation ou coconstruction … »
    assert not table["famille"].str.contains("-").any() and not table["carnet"].str.contains("-instrum").any()
    spec = ow.progress(bank=bank).to_dict()
    assert spec["vconcat"][0]["encoding"]["y"]["axis"]["labelLimit"] == 0  # no name cut with « … »


def test_every_tag_of_the_shipped_bank_has_a_readable_name():
    bank, themes = load_bank(ROOT), load_themes(ROOT)
    assert themes.errors == []
    missing = sorted({tag for ex in bank.exercises.values() for tag in ex.tags} - set(themes.labels))
    assert missing == [], missing


def test_the_dashboard_needs_no_pandas(private_state, monkeypatch):
    """In JupyterLite there is no pandas: the dashboard is drawn from plain rows."""
    import builtins
    import sys

    bank = load_bank(ROOT)
    real_import = builtins.__import__

    def no_pandas(name, *args, **kwargs):
        if name == "pandas" or name.startswith("pandas."):
            raise ImportError("no pandas here")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pandas)
    for name in [m for m in sys.modules if m == "pandas" or m.startswith("pandas.")]:
        monkeypatch.delitem(sys.modules, name)
    spec = ow.progress(bank=bank).to_dict()
    assert spec["data"]["values"][0]["carnet"].startswith("00 · ")
