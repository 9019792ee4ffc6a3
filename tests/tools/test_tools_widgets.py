"""Widgets driven headless: set values, click, read the shown text."""

import pandas as pd

from ocworkbook.tools.diagnostic import load_instrument
from ocworkbook.tools.widgets import DiagnosticEntry, NetworkWhatIf, OpinionMapWidget, ParticipationEntry


def test_diagnostic_entry_collects_and_protects(tmp_path):
    entry = DiagnosticEntry(load_instrument())
    people = [("communautaire", v) for v in (2, 2, 1, 2, 1)] + [("institution", v) for v in (5, 4, 5, 4, 5)]
    for kind, value in people + [("citoyen", 3)]:
        entry.type_selector.value = kind
        for toggle in entry.answers.values():
            toggle.value = value
        entry.save_button.click()
    assert "R11" in entry.message.value
    frame = entry.frame()
    assert frame["repondant"].nunique() == 11 and len(frame) == 11 * 18
    entry.results_button.click()
    assert "Écart à discuter" in entry.message.value  # planted gap between the two types
    assert "masqué" in entry.message.value  # a single citizen is never shown
    assert "citoyen" not in set(entry.result.by_type["type_acteur"])
    out = tmp_path / "saisie.csv"
    entry.export(out)
    assert pd.read_csv(out).shape == (11 * 18, 4)


def test_diagnostic_entry_too_few_says_so():
    entry = DiagnosticEntry()
    entry.save_button.click()
    entry.results_button.click()
    assert entry.result is None and "anonymat" in entry.message.value


def test_network_what_if_widget():
    m = pd.DataFrame({"acteur": ["a", "b", "b", "c", "d", "e"], "table": ["T1", "T1", "T2", "T2", "T3", "T3"]})
    widget = NetworkWhatIf(m)
    widget.merge_button.click()
    assert "au moins deux" in widget.message.value
    widget.tables.value = ("T2", "T3")
    widget.merge_button.click()
    rows = widget.comparison.set_index("mesure")
    assert rows.loc["components", "avant"] == 2 and rows.loc["components", "apres"] == 1
    assert "<table" in widget.message.value


def test_opinion_widget(monkeypatch):
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
    from synthetic_votes import synthetic_votes

    table, _ = synthetic_votes(80, 20, seed=1)
    widget = OpinionMapWidget(table)
    widget.seed.value = 2
    widget.run_button.click()
    assert widget.result.settings["seed"] == 2
    assert "Groupe 1" in widget.message.value


def test_opinion_widget_shows_the_audit_of_polis_groups():
    import sys
    from pathlib import Path

    import numpy as np

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
    from synthetic_votes import planted_votes

    from ocworkbook.tools.opinions_io import vote_table

    votes, truth = planted_votes(36, 2, seed=3)
    table = vote_table(votes, {"E01": "Un énoncé <b>gras</b>"})
    table.reference_groups = pd.Series(np.random.default_rng(1).integers(0, 2, 36).astype(float), index=votes.index)
    widget = OpinionMapWidget(table)
    widget.min_group.value = 20  # both groups of 18 hidden: said, and the chart draws everyone in grey
    widget.run_button.click()
    assert widget.result.n_groups == 0 and "masqué" in widget.message.value
    widget.seed.value = 1
    widget.min_group.value = 3
    widget.run_button.click()
    assert widget.result.settings["seed"] == 1 and "Groupe 2" in widget.message.value
    assert "Comparaison avec les groupes de Polis" in widget.message.value
    assert "état antérieur" in widget.message.value
    assert "&lt;b&gt;gras&lt;/b&gt;" in widget.message.value  # text typed by people is escaped


def test_participation_widget():
    widget = ParticipationEntry()
    widget.decision.value = "Choix du site"
    widget.promised.value = 3
    widget.practised.value = 1
    widget.add_button.click()
    assert "en deçà" in widget.message.value or "1 en deçà" in widget.message.value
    widget.scale.value = "arnstein"
    assert len(widget.promised.options) == 8
    widget.add_button.click()  # empty name refused
    assert "Nommez" in widget.message.value
