"""Opinion map: accuracy against Polis's own groups, safeguards, hand-checked statistics, readers."""

import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import adjusted_rand_score

from ocworkbook.errors import DataError
from ocworkbook.tools.opinions import STABILITY_THRESHOLD, describe_groups, opinion_map, prop_test, two_prop_test
from ocworkbook.tools.opinions_io import VoteTable, read_polis_export, read_votes

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from synthetic_votes import synthetic_votes  # noqa: E402

POLIS = Path(__file__).resolve().parents[3] / "shared" / "data" / "polis"
SAMPLES = ["15-per-hour-seattle", "brexit-consensus"]


def polis_sample(name):
    folder = POLIS / name
    if not (folder / "participants-votes.csv").is_file():
        pytest.skip(f"échantillon Polis absent : {folder} (données partagées hors du projet)")
    return read_votes(folder)


@pytest.mark.parametrize("name", SAMPLES)
def test_agrees_with_polis_where_stable(name):
    table = polis_sample(name)
    result = opinion_map(table, seed=0)
    both = result.groups.notna().to_numpy() & table.reference_groups.notna().to_numpy()
    ari = adjusted_rand_score(table.reference_groups[both], result.groups[both].astype(int))
    print(f"{name}: ARI {ari:.3f}, stability {result.stability:.3f}, k {result.n_groups}, n {both.sum()}")
    assert result.stability >= STABILITY_THRESHOLD  # both samples are stable with the default settings
    assert ari >= 0.85
    assert both.sum() >= 100


@pytest.mark.parametrize("name", SAMPLES)
def test_accuracy_holds_across_seeds(name):
    table = polis_sample(name)
    aris = []
    for seed in (1, 2, 3):
        result = opinion_map(table, seed=seed)
        both = result.groups.notna().to_numpy() & table.reference_groups.notna().to_numpy()
        aris.append(adjusted_rand_score(table.reference_groups[both], result.groups[both].astype(int)))
    assert min(aris) >= 0.85, aris


def test_polis_export_reading():
    table = polis_sample("15-per-hour-seattle")
    assert table.statements["moderated_out"].sum() == 23
    result = opinion_map(table)
    assert result.settings["moderated_out"] == 23
    assert result.settings["statements"] == 54 - 23
    assert result.settings["clustered"] == 138  # those with at least 7 votes on kept statements


def test_json_shape_and_determinism():
    table, _ = synthetic_votes(120, 30, seed=3)
    a = opinion_map(table, seed=5).to_dict()
    b = opinion_map(table, seed=5).to_dict()
    assert a == b
    assert set(a) >= {"participants", "groups", "stability", "representative", "consensus"}
    assert set(a["participants"]) == set(table.votes.index)
    assert 0 <= a["stability"] <= 1
    assert all(len(rows) >= 1 for rows in a["representative"].values())


def test_recovers_planted_groups():
    table, truth = synthetic_votes(300, 40, groups=3, separation=0.95, seed=7)
    result = opinion_map(table)
    assert result.n_groups == 3
    assert adjusted_rand_score(truth, result.groups.astype(int)) > 0.95
    assert result.stability > 0.9


def test_structureless_votes_are_flagged_unstable():
    rng = np.random.default_rng(0)
    values = rng.choice([1.0, -1.0, 0.0], size=(60, 20))
    votes = pd.DataFrame(values, index=[f"p{i}" for i in range(60)], columns=[str(j) for j in range(20)])
    statements = pd.DataFrame({"text": list(votes.columns), "moderated_out": False}, index=votes.columns)
    result = opinion_map(VoteTable(votes=votes, statements=statements))
    assert result.stability < STABILITY_THRESHOLD
    assert any("instables" in w for w in result.warnings)


def test_small_group_hidden_and_small_conversation_warned():
    table, truth = synthetic_votes(40, 20, groups=2, seed=2, separation=0.95)
    votes = table.votes.copy()
    # three people with a position of their own: a tiny third group
    for i in range(3):
        votes.loc[f"x{i}"] = np.where(np.arange(20) % 2 == 0, 1.0, -1.0) * -np.sign(votes.mean().to_numpy() + 1e-9)
    small = VoteTable(votes=votes, statements=table.statements)
    result = opinion_map(small, min_group=5, max_groups=5)
    assert any("50" in w for w in result.warnings)
    sizes = result.points["group"].value_counts()
    assert (sizes >= 5).all()
    data = result.to_dict()
    assert data["groups"] == len(data["representative"])
    assert all(v is None or v < data["groups"] for v in data["participants"].values())


def test_prop_tests_by_hand():
    # 8 agree out of 10: 2·sqrt(11)·(9/11 − 0.5)
    assert prop_test(np.array([8.0]), np.array([10.0]))[0] == pytest.approx(2 * np.sqrt(11) * (9 / 11 - 0.5))
    # two-proportion z with +1 smoothing: (9/11 vs 3/11), pooled 12/22
    pooled = 12 / 22
    expected = (9 / 11 - 3 / 11) / np.sqrt(pooled * (1 - pooled) * (2 / 11))
    assert two_prop_test(np.array([8.0]), np.array([10.0]), np.array([2.0]), np.array([10.0]))[0] == \
        pytest.approx(expected)


def test_group_informed_consensus_by_hand():
    values = np.array([[1, -1], [1, -1], [1, 1], [1, np.nan]], float)
    groups = np.array([0, 0, 1, 1])
    statements = pd.DataFrame({"text": ["s0", "s1"]}, index=["0", "1"])
    _, consensus = describe_groups(values, groups, 2, statements)
    top = consensus["group_informed"][0]
    assert top["statement"] == "0"
    assert top["score"] == pytest.approx((3 / 4) * (3 / 4), abs=1e-4)
    s1 = next(r for r in consensus["group_informed"] if r["statement"] == "1")
    assert s1["score"] == pytest.approx((1 / 4) * (2 / 3), abs=1e-4)


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_tidy_csv_reading_and_errors(tmp_path):
    path = write(tmp_path, "v.csv", "participant,enonce,vote,texte\nP1,E1,accord,Un énoncé\nP1,E2,-1,\n"
                                    "P2,E1,Désaccord,\nP2,E2,passe,\n")
    table = read_votes(path)
    assert table.votes.loc["P1", "E1"] == 1 and table.votes.loc["P2", "E1"] == -1
    assert table.votes.loc["P2", "E2"] == 0 and table.statements.loc["E1", "text"] == "Un énoncé"
    with pytest.raises(DataError) as error:
        read_votes(write(tmp_path, "b.csv", "participant,enonce,vote\nP1,E1,peut-être\n"))
    assert (error.value.line, error.value.column) == (2, "vote")
    with pytest.raises(DataError) as error:
        read_votes(write(tmp_path, "d.csv", "participant,enonce,vote\nP1,E1,1\nP1,E1,-1\n"))
    assert error.value.line == 3
    with pytest.raises(DataError, match="vide"):
        read_votes(write(tmp_path, "e.csv", ""))


def test_polis_export_of_another_version(tmp_path):
    folder = tmp_path / "export"
    folder.mkdir()
    write(folder, "comments.csv", "comment_id,body,mod\n1,Un énoncé,1\n")
    write(folder, "participants-votes.csv", "participant,group-id,n-votes,1\n0,0,1,1\n")
    with pytest.raises(DataError) as error:
        read_polis_export(folder)
    assert "autre version" in str(error.value) and error.value.column == "comment-id"
    write(folder, "comments.csv", "comment-id,moderated,comment-body\n1,1,Un énoncé\n")
    write(folder, "participants-votes.csv", "participant,groupe,votes,1\n0,0,1,1\n")
    with pytest.raises(DataError, match="autre version"):
        read_polis_export(folder)
    write(folder, "participants-votes.csv", "participant,group-id,n-votes,1\n0,0,1,2\n")
    with pytest.raises(DataError) as error:
        read_polis_export(folder)
    assert (error.value.line, error.value.column) == (2, "1")


def test_votes_log_gives_the_last_vote(tmp_path):
    folder = tmp_path / "export"
    folder.mkdir()
    write(folder, "comments.csv", "comment-id,moderated,comment-body\n0,1,A\n1,-1,B\n")
    write(folder, "votes.csv", "timestamp,datetime,comment-id,voter-id,vote\n1,x,0,7,1\n2,x,0,7,-1\n3,x,1,7,1\n")
    table = read_polis_export(folder)
    assert table.votes.loc["7", "0"] == -1
    assert bool(table.statements.loc["1", "moderated_out"])
