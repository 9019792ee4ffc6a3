"""Partnership diagnostic: scoring by hand, planted gaps found, false alarms at most 5 %, bad input."""

import numpy as np
import pandas as pd
import pytest

from ocworkbook.errors import DataError
from ocworkbook.tools.diagnostic import (
    diagnose,
    holm,
    load_instrument,
    permutation_test,
    read_responses,
    respondent_scores,
)


@pytest.fixture(scope="module")
def instrument():
    return load_instrument()


def simulate(instrument, groups, shift=None, seed=0, noise=0.8):
    """Responses of ``groups`` = {type: n}; ``shift`` = {(type, dimension): added to the 1–5 answer}."""
    rng = np.random.default_rng(seed)
    rows = []
    k = 0
    for kind, n in groups.items():
        for _ in range(n):
            k += 1
            for item in instrument.items.itertuples():
                value = 3 + (shift or {}).get((kind, item.dimension), 0) + rng.normal(0, noise)
                value = int(np.clip(np.round(value), 1, 5))
                if item.inverse:
                    value = 6 - value
                rows.append({"repondant": f"R{k}", "type_acteur": kind, "item": item.item, "cote": float(value)})
    return pd.DataFrame(rows)


def test_instrument_shape(instrument):
    assert len(instrument.dimensions) == 6
    assert len(instrument.items) == 18
    assert set(instrument.items["dimension"]) == set(instrument.dimensions)
    assert "Bilodeau" in instrument.source
    assert instrument.band(4.2) == "coconstruction" and instrument.band(2.0) == "signal d'instrumentalisation"


def test_respondent_score_by_hand(instrument):
    # D1 = 5, D2 = 4, D3 (reverse-coded) = 2 → 4 ; definition = (5 + 4 + 4) / 3
    frame = pd.DataFrame({"repondant": ["A"] * 3, "type_acteur": ["communautaire"] * 3,
                          "item": ["D1", "D2", "D3"], "cote": [5.0, 4.0, 2.0]})
    scores = respondent_scores(frame, instrument)
    assert scores.loc["A", "definition"] == pytest.approx(13 / 3)
    assert np.isnan(scores.loc["A", "pouvoir"])


def test_permutation_p_value_by_hand():
    # two groups of 2: the observed split {1,2} vs {3,4} is the most extreme of the 6 splits (2 of 6 tie with it)
    rng = np.random.default_rng(0)
    p = permutation_test([1, 2, 3, 4], ["a", "a", "b", "b"], rng, n_perm=20000)
    assert p == pytest.approx(2 / 6, abs=0.02)


def test_holm_by_hand():
    assert list(holm([0.01, 0.04, 0.03])) == pytest.approx([0.03, 0.06, 0.06])


def test_planted_gap_is_found(instrument):
    responses = simulate(instrument, {"communautaire": 8, "institution": 8},
                         shift={("institution", "pouvoir"): 1.2, ("communautaire", "pouvoir"): -0.6}, seed=3)
    result = diagnose(responses, instrument, n_perm=2000, n_boot=500)
    gaps = result.gaps.set_index("dimension")
    assert gaps.loc["pouvoir", "p_value"] < 0.01
    assert gaps.loc["pouvoir", "type_haut"] == "institution"
    assert gaps.loc["pouvoir", "ecart"] > 1
    assert gaps.loc["pouvoir", "p_holm"] < 0.05


def test_false_alarms_at_most_five_percent():
    """A permutation test under the null raises the alarm (p < 0.05) in at most 5 % of repetitions."""
    rng = np.random.default_rng(11)
    n_sim = 600
    alarms = 0
    for _ in range(n_sim):
        values = rng.normal(3, 0.8, size=15)
        labels = np.repeat(["communautaire", "institution", "municipalite"], 5)
        alarms += permutation_test(values, labels, rng, n_perm=499) < 0.05
    rate = alarms / n_sim
    assert rate <= 0.05 + 2 * np.sqrt(0.05 * 0.95 / n_sim)  # 5 % up to simulation noise
    assert rate > 0.01  # and the test is not dead


def test_false_alarms_whole_diagnostic(instrument):
    """Over whole null diagnostics, Holm-adjusted alarms on any dimension stay at or below 5 %."""
    alarms = 0
    n_sim = 60
    for seed in range(n_sim):
        responses = simulate(instrument, {"communautaire": 5, "institution": 4, "citoyen": 3}, seed=100 + seed)
        result = diagnose(responses, instrument, n_perm=499, n_boot=50, seed=seed)
        alarms += bool((result.gaps["p_holm"] < 0.05).any())
    assert alarms / n_sim <= 0.05 + 2 * np.sqrt(0.05 * 0.95 / n_sim)


def test_small_group_never_shown(instrument):
    responses = simulate(instrument, {"communautaire": 4, "institution": 4, "fondation": 2}, seed=5)
    result = diagnose(responses, instrument, n_perm=200, n_boot=50)
    assert "fondation" not in set(result.by_type["type_acteur"])
    assert "fondation" not in set(result.gaps["type_haut"]) | set(result.gaps["type_bas"])
    assert result.hidden_types == 1
    assert any("masqué" in w for w in result.warnings)
    text = str(result.to_dict())
    assert "fondation" not in text


def test_too_few_respondents_refused(instrument):
    responses = simulate(instrument, {"communautaire": 2}, seed=1)
    with pytest.raises(DataError, match="anonymat"):
        diagnose(responses, instrument)


def test_seeded_results_repeat(instrument):
    responses = simulate(instrument, {"communautaire": 5, "institution": 5}, seed=2)
    a = diagnose(responses, instrument, seed=4, n_perm=300, n_boot=100).to_dict()
    b = diagnose(responses, instrument, seed=4, n_perm=300, n_boot=100).to_dict()
    assert a == b


def write(tmp_path, text, name="r.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("text, column, line", [
    ("repondant,type_acteur,item\nR1,communautaire,D1\n", "cote", None),
    ("repondant,type_acteur,item,cote\nR1,communautaire,D1,4\nR1,communautaire,D2,beaucoup\n", "cote", 3),
    ("repondant,type_acteur,item,cote\nR1,communautaire,D1,7\n", "cote", 2),
    ("repondant,type_acteur,item,cote\nR1,banque,D1,4\n", "type_acteur", 2),
    ("repondant,type_acteur,item,cote\nR1,communautaire,Z9,4\n", "item", 2),
    ("repondant,type_acteur,item,cote\nR1,communautaire,D1,4\nR1,communautaire,D1,5\n", "item", 3),
    ("repondant,type_acteur,item,cote\nR1,communautaire,D1,4\nR1,institution,D2,5\n", "type_acteur", 3),
])
def test_bad_input_names_file_line_column(tmp_path, instrument, text, column, line):
    path = write(tmp_path, text)
    with pytest.raises(DataError) as error:
        read_responses(path, instrument)
    assert error.value.column == column
    assert error.value.line == line
    assert str(path) in str(error.value)


def test_empty_file_refused(tmp_path, instrument):
    with pytest.raises(DataError, match="vide"):
        read_responses(write(tmp_path, ""), instrument)


def test_french_spreadsheet_accepted(tmp_path, instrument):
    text = "Répondant;Type d'acteur;Item;Cote\nR1;Organisme communautaire;d1;3,5\nR1;Organisme communautaire;D2;\n"
    frame = read_responses(write(tmp_path, text), instrument)
    assert list(frame["type_acteur"]) == ["communautaire", "communautaire"]
    assert frame["cote"].iloc[0] == 3.5 and np.isnan(frame["cote"].iloc[1])
