"""Opinion map: Polis's method point by point, small-group honesty, hand-checked statistics, readers."""

import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from ocworkbook.errors import DataError
from ocworkbook.tools.opinions import STABILITY_THRESHOLD, map_opinions, opinion_map
from ocworkbook.tools.opinions_cluster import adjusted_rand_index
from ocworkbook.tools.opinions_io import VoteTable, read_polis_export, read_votes, vote_table
from ocworkbook.tools.opinions_stats import describe_groups, prop_test, two_prop_test

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from synthetic_votes import planted_votes, synthetic_votes  # noqa: E402


def polis_points_by_hand(votes, moderated):
    """The four method points written the plain way: dense mean imputation and a full SVD."""
    values = votes.to_numpy(float)
    m = values.shape[1]
    mod = np.array([c in moderated for c in votes.columns])
    n_all = (~np.isnan(values)).sum(axis=1)
    voters = n_all >= 1
    grouped = n_all >= min(7, m)
    kept = values[voters][:, ~mod]
    means = np.nanmean(kept, axis=0)
    centred = np.where(np.isnan(kept), means, kept) - means
    _, _, vt = np.linalg.svd(centred, full_matrices=False)
    scores = centred @ vt[:2].T
    n_values = (~np.isnan(kept)).sum(axis=1) + mod.sum()  # moderated columns: a value (0) for everyone
    points = scores * np.sqrt(m / n_values)[:, None]
    return points[grouped[voters]], votes.index[grouped]


def same_up_to_sign(a, b, tol=1e-6):
    for axis in range(a.shape[1]):
        sign = np.sign(a[:, axis] @ b[:, axis]) or 1.0
        assert np.allclose(a[:, axis], sign * b[:, axis], atol=tol * np.abs(a).max()), axis


def conversation(n=80, m=14, density=1.0, seed=0):
    """Two opinion groups; 3 extra moderated statements that people voted on; some one-vote visitors."""
    votes, _ = planted_votes(n, 2, n_statements=m, agree=0.85, seed=seed)
    rng = np.random.default_rng(seed)
    votes = votes.mask(rng.random(votes.shape) >= density)
    for j in range(3):
        votes[f"M{j}"] = rng.choice([1.0, -1.0, 0.0, np.nan], size=n)
    for i in range(12):  # visitors with 1 to 3 votes: in the axes, not in the groups
        row = np.full(votes.shape[1], np.nan)
        row[rng.choice(m, size=1 + i % 3, replace=False)] = rng.choice([1.0, -1.0], size=1 + i % 3)
        votes.loc[f"V{i}"] = row
    return votes, {"M0", "M1", "M2"}


@pytest.mark.parametrize("density", [1.0, 0.25])  # dense matrix and sparse (randomized) path
def test_points_follow_polis_method(density):
    votes, moderated = conversation(n=200 if density < 1 else 80, m=40 if density < 1 else 14, density=density)
    result = map_opinions(votes, moderated=moderated)
    expected, ids = polis_points_by_hand(votes, moderated)
    assert list(result.points.index) == list(ids)
    same_up_to_sign(result.points[["x", "y"]].to_numpy(), expected)
    assert result.settings["scaling"] == "polis"  # on by default
    assert result.settings["statement_columns"] == votes.shape[1]
    assert result.settings["moderated_out"] == 3 and result.settings["statements"] == votes.shape[1] - 3
    assert result.settings["voters"] == len(votes)  # the visitors shape the axes
    assert result.settings["clustered"] == len(ids) < len(votes)
    assert all(r["statement"] not in moderated for rows in result.representative.values() for r in rows)


def test_scaling_off_departs_from_polis_only_by_the_factor():
    votes, moderated = conversation(density=0.6)
    polis = map_opinions(votes, moderated=moderated)
    plain = map_opinions(votes, moderated=moderated, scaling="none")
    factor = polis.points[["x", "y"]].to_numpy() / plain.points[["x", "y"]].to_numpy()
    n_values = votes.loc[polis.points.index].drop(columns=sorted(moderated)).notna().sum(axis=1) + 3
    assert np.allclose(factor, np.sqrt(votes.shape[1] / n_values.to_numpy())[:, None])
    with pytest.raises(DataError, match="inconnue"):
        map_opinions(votes, scaling="sqrt")


def test_who_is_grouped_counts_moderated_votes_and_tops_up_to_15():
    votes, _ = planted_votes(30, 2, n_statements=10, seed=1)
    votes["M0"], votes["M1"] = 1.0, -1.0
    votes.iloc[0, 5:10] = np.nan  # 5 kept votes + 2 moderated = 7: grouped
    votes.iloc[1, 4:10] = np.nan
    votes.iloc[1, 10:] = np.nan  # 4 votes: not grouped
    result = map_opinions(votes, moderated={"M0", "M1"})
    assert "P01" in result.points.index and "P02" not in result.points.index
    few = votes.copy()
    few.iloc[8:, 3:] = np.nan  # only 8 people keep 7 votes or more
    few.iloc[8:14, 3] = 1.0  # six of the others have 4 votes, the rest 3
    topped = map_opinions(few, moderated={"M0", "M1"})
    assert topped.settings["clustered"] == 15
    assert set(votes.index[:14]) <= set(topped.points.index)


def test_json_shape_and_determinism():
    table, _ = synthetic_votes(120, 30, seed=3)
    a = opinion_map(table, seed=5).to_dict()
    b = opinion_map(table, seed=5).to_dict()
    assert a == b
    assert set(a) >= {"participants", "groups", "stability", "representative", "consensus", "polis_audit"}
    assert set(a["participants"]) == set(table.votes.index)
    assert 0 <= a["stability"] <= 1 and a["polis_audit"] is None
    assert all(len(rows) >= 1 for rows in a["representative"].values())


def test_recovers_planted_groups():
    table, truth = synthetic_votes(300, 40, groups=3, separation=0.95, seed=7)
    result = opinion_map(table)
    assert result.n_groups == 3
    assert adjusted_rand_index(truth, result.groups.astype(int)) > 0.95
    assert result.stability > 0.9 and result.settings["distinct_from_chance"]


def _says_it_cannot(result) -> bool:
    return not result.settings["distinct_from_chance"] or result.stability is None or \
        result.stability < STABILITY_THRESHOLD


def _coarsens(truth, found) -> bool:
    """Every planted group sits (80 % or more) inside one found group: merged perhaps, never scattered."""
    return all(np.bincount(found[truth == g]).max() >= 0.8 * (truth == g).sum() for g in np.unique(truth))


@pytest.mark.parametrize("n", [12, 20, 40])
@pytest.mark.parametrize("groups", [2, 3])
def test_planted_workshop_groups_found_or_said_not_found(n, groups):
    for seed in range(3):
        votes, truth = planted_votes(n, groups, agree=0.9, seed=seed)  # clear groups: found
        result = map_opinions(votes, min_group=1)
        assert result.n_groups == groups
        assert adjusted_rand_index(truth, result.groups.astype(int).to_numpy()) >= 0.7
        assert not _says_it_cannot(result), result.warnings
        assert any("50" in w for w in result.warnings)  # small-conversation warning stays
        votes, truth = planted_votes(n, groups, agree=0.5, seed=seed)  # no group at all: says so
        assert _says_it_cannot(map_opinions(votes, min_group=1))
        votes, truth = planted_votes(n, groups, agree=0.75, seed=seed)  # in between: either, honestly
        result = map_opinions(votes, min_group=1)
        assert _says_it_cannot(result) or _coarsens(truth, result.groups.astype(int).to_numpy())


def test_structureless_votes_are_flagged():
    rng = np.random.default_rng(0)
    votes = pd.DataFrame(rng.choice([1.0, -1.0, 0.0], size=(60, 20)), index=[f"p{i}" for i in range(60)],
                         columns=[str(j) for j in range(20)])
    result = map_opinions(votes)
    assert not result.settings["distinct_from_chance"]
    assert "hasard" in result.warnings[0]


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


def test_map_opinions_accepts_plain_votes():
    votes, truth = planted_votes(24, 2, seed=4)
    triples = [(p, s, v) for p, row in votes.iterrows() for s, v in row.items() if v == v]
    texts = {s: f"Énoncé {s}" for s in votes.columns}
    a = map_opinions(votes, texts)
    b = map_opinions(triples, texts)
    c = map_opinions([{"participant": p, "statement": s, "vote": v} for p, s, v in triples], texts)
    assert a.to_dict() == b.to_dict() == c.to_dict()
    assert a.representative["0"][0]["text"].startswith("Énoncé ")
    assert adjusted_rand_index(truth, a.groups.astype(int).to_numpy()) == 1.0
    assert a.headline().startswith("24 participants") and "," in a.headline()  # French decimal comma


@pytest.mark.parametrize("bad", [
    pd.DataFrame({"E1": [1, 2], "E2": [0, 1]}, index=["a", "b"]),
    pd.DataFrame({"E1": ["oui", "non"]}, index=["a", "b"]),
    [("a", "E1")],
    [("a", "E1", "peut-être")],
    [],
    42,
])
def test_map_opinions_refuses_bad_votes_in_french(bad):
    with pytest.raises(DataError) as error:
        map_opinions(bad)
    assert "vot" in str(error.value) and "Error" not in str(error.value)


def test_audit_of_reference_groups():
    votes, truth = planted_votes(120, 2, agree=0.85, seed=5)
    table = vote_table(votes)
    result = opinion_map(table)
    table.reference_groups = pd.Series(truth.astype(float), index=votes.index)
    same = opinion_map(table).audit
    assert same["ari"] == 1.0 and not same["earlier_state"]
    assert any("reproduire" in line for line in same["explanations"])
    table.reference_groups = pd.Series(np.random.default_rng(0).integers(0, 2, 120).astype(float), index=votes.index)
    earlier = opinion_map(table).audit
    assert earlier["earlier_state"] and earlier["spread_ratio"] > 1.1
    assert any("état antérieur" in line for line in earlier["explanations"])
    few = votes.copy()
    few.iloc[:30, 6:] = np.nan  # 6 votes: Polis grouped them, the rule does not
    table = vote_table(few)
    table.reference_groups = pd.Series(truth.astype(float), index=votes.index)
    excluded = opinion_map(table).audit
    assert excluded["excluded_few_votes"] == 30 and excluded["compared"] == 90
    assert any("moins de 7 énoncés" in line for line in excluded["explanations"])
    assert result.audit is None


def test_prop_tests_by_hand():
    # 8 agree out of 10: 2·sqrt(11)·(9/11 − 0.5)
    assert prop_test(np.array([8.0]), np.array([10.0]))[0] == pytest.approx(2 * np.sqrt(11) * (9 / 11 - 0.5))
    # two-proportion z with +1 smoothing: (9/11 vs 3/11), pooled 12/22
    pooled = 12 / 22
    expected = (9 / 11 - 3 / 11) / np.sqrt(pooled * (1 - pooled) * (2 / 11))
    assert two_prop_test(np.array([8.0]), np.array([10.0]), np.array([2.0]), np.array([10.0]))[0] == \
        pytest.approx(expected)


def test_adjusted_rand_index_by_hand():
    assert adjusted_rand_index([0, 0, 1, 1], [1, 1, 0, 0]) == 1.0
    assert adjusted_rand_index([0, 0, 1, 1], [0, 1, 0, 1]) == pytest.approx(-0.5)
    # contingency [[2,1,0],[0,1,2]]: (2 − 6·3/15) / ((6 + 3)/2 − 6·3/15)
    assert adjusted_rand_index([0, 0, 0, 1, 1, 1], [0, 0, 1, 1, 2, 2]) == pytest.approx(0.8 / 3.3)


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
    write(folder, "participants-votes.csv", "personne,groupe,votes,1\n0,0,1,1\n")
    with pytest.raises(DataError, match="autre version"):
        read_polis_export(folder)
    write(folder, "participants-votes.csv", "participant,group-id,n-votes,1\n0,0,1,2\n")
    with pytest.raises(DataError) as error:
        read_polis_export(folder)
    assert (error.value.line, error.value.column) == (2, "1")


def test_polis_layout_without_group_id_is_read(tmp_path):
    """A workshop's own export in the Polis layout may have no group-id: read, no audit."""
    folder = tmp_path / "atelier"
    folder.mkdir()
    votes, _ = planted_votes(16, 2, n_statements=8, seed=2)
    write(folder, "comments.csv", "comment-id,moderated,comment-body\n" +
          "".join(f"{j},1,Énoncé {j}\n" for j in range(8)))
    rows = ["participant," + ",".join(str(j) for j in range(8))]
    rows += [f"{i}," + ",".join("" if v != v else str(int(v)) for v in row) for i, row in enumerate(votes.to_numpy())]
    write(folder, "participants-votes.csv", "\n".join(rows) + "\n")
    table = read_votes(folder)
    assert table.reference_groups is None and table.votes.shape == (16, 8)
    assert opinion_map(table).audit is None


def test_votes_log_gives_the_last_vote(tmp_path):
    folder = tmp_path / "export"
    folder.mkdir()
    write(folder, "comments.csv", "comment-id,moderated,comment-body\n0,1,A\n1,-1,B\n")
    write(folder, "votes.csv", "timestamp,datetime,comment-id,voter-id,vote\n1,x,0,7,1\n2,x,0,7,-1\n3,x,1,7,1\n")
    table = read_polis_export(folder)
    assert table.votes.loc["7", "0"] == -1
    assert bool(table.statements.loc["1", "moderated_out"])
