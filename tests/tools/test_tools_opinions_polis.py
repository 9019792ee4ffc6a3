"""The opinion map on real Polis conversations (../shared/data/polis, CC BY 4.0): agreement floors and the audit.

Floors of issue 12 (adjusted Rand index between the tool's groups and Polis's ``group-id``, on
the people grouped by both): ≥ 0.9 on austria-climate, ≥ 0.8 on seattle, scoop-hivemind.taxes and
vtaiwan.uberx, ≥ 0.5 on brexit-consensus, median ≥ 0.85 over the five. The same settings for
every conversation (nothing tuned per conversation), and the floors must hold for other seeds too.
"""

from pathlib import Path
from statistics import median

import pytest

from ocworkbook.tools.opinions import opinion_map
from ocworkbook.tools.opinions_io import read_votes

POLIS = Path(__file__).resolve().parents[3] / "shared" / "data" / "polis"
FLOORS = {
    "austria-climate.5twd2jsnkf.2022-08-08": 0.9,
    "15-per-hour-seattle": 0.8,
    "scoop-hivemind.taxes": 0.8,
    "vtaiwan.uberx": 0.8,
    "brexit-consensus": 0.5,
}
_TABLES = {}


def conversation(name):
    folder = POLIS / name
    if not (folder / "participants-votes.csv").is_file():
        pytest.skip(f"échantillon Polis absent : {folder} (données partagées hors du projet)")
    if name not in _TABLES:
        _TABLES[name] = read_votes(folder)
    return _TABLES[name]


@pytest.mark.slow
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_agreement_floors_and_median(seed):
    aris = {}
    for name, floor in FLOORS.items():
        audit = opinion_map(conversation(name), seed=seed).audit
        aris[name] = audit["ari"]
        assert audit["ari"] >= floor, (name, audit["ari"])
        assert audit["compared"] >= 100 and not audit["earlier_state"]
        assert any("reproduire" in line or "en partie" in line for line in audit["explanations"]), name
    assert median(aris.values()) >= 0.85, aris


@pytest.mark.slow
def test_audit_says_why_football_differs():
    result = opinion_map(conversation("football-concussions"))
    audit = result.audit
    assert audit["excluded_few_votes"] == 842 and audit["polis_grouped"] == 1434
    assert any("842 personne(s) qui ont voté sur moins de 7 énoncés" in line for line in audit["explanations"])
    assert audit in [result.to_dict()["polis_audit"]]


@pytest.mark.slow
def test_audit_says_why_ubi_differs():
    audit = opinion_map(conversation("scoop-hivemind.ubi")).audit
    assert audit["polis_groups"] == 4 and audit["earlier_state"]
    assert 2.0 <= audit["spread_ratio"] <= 2.6  # about 2.3 times the spread of the best grouping in 4
    assert any("état antérieur" in line for line in audit["explanations"])


@pytest.mark.slow
def test_method_counts_on_seattle():
    """Moderated statements stay as columns; who is grouped counts their votes (138 people, as Polis)."""
    table = conversation("15-per-hour-seattle")
    result = opinion_map(table)
    assert result.settings["statement_columns"] == 54 and result.settings["moderated_out"] == 23
    assert result.settings["statements"] == 31 and result.settings["scaling"] == "polis"
    assert result.settings["clustered"] == 138 == int(table.reference_groups.notna().sum())
    assert result.settings["voters"] == 339
    assert result.settings["distinct_from_chance"]
