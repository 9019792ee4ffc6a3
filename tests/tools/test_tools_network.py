"""Map of concertations: hand-computed cases, agreement with networkx on random graphs, what-if, bad input."""

import itertools
import random

import networkx as nx
import pandas as pd
import pytest

from ocworkbook.errors import DataError
from ocworkbook.tools import network
from ocworkbook.tools.network import (
    analyse,
    compare,
    freeman_degree_centralization,
    link_tables,
    merge_tables,
    projection,
    read_actors,
    read_memberships,
    sector_brokerage,
)


def memberships(pairs, hours=None):
    frame = pd.DataFrame(pairs, columns=["acteur", "table"])
    if hours is not None:
        frame["heures"] = hours
    return frame


def test_star_by_hand():
    # the hub sits on three tables, each shared with one other actor: a star of 4 actors
    m = memberships([("hub", "A"), ("x", "A"), ("hub", "B"), ("y", "B"), ("hub", "C"), ("z", "C")],
                    hours=[10, 5, 10, 5, 10, 5])
    result = analyse(m)
    assert result.measures["density"] == pytest.approx(3 / 6)
    assert result.measures["degree_centralization"] == pytest.approx(1.0)
    actors = result.actors.set_index("acteur")
    assert actors.loc["hub", "tables"] == 3 and actors.loc["hub", "heures"] == 30
    assert actors.loc["hub", "betweenness"] == pytest.approx(1.0)
    assert actors.loc["x", "betweenness"] == 0
    assert len(result.overlaps) == 3 and set(result.overlaps["acteurs"]) == {"hub"}


def test_one_table_is_a_clique():
    m = memberships([(a, "T") for a in "abcde"])
    result = analyse(m)
    assert result.measures["density"] == 1.0
    assert result.measures["degree_centralization"] == 0.0


def test_overlap_by_hand():
    m = memberships([("a", "T1"), ("b", "T1"), ("c", "T1"), ("b", "T2"), ("c", "T2"), ("d", "T2")])
    row = analyse(m).overlaps.iloc[0]
    assert (row["table_a"], row["table_b"], row["communs"]) == ("T1", "T2", 2)
    assert row["jaccard"] == pytest.approx(2 / 4)


def naive_projection(frame):
    graph = nx.Graph()
    graph.add_nodes_from(frame["acteur"])
    for _, group in frame.groupby("table"):
        graph.add_edges_from(itertools.combinations(sorted(group["acteur"]), 2))
    return graph


@pytest.mark.parametrize("seed", range(8))
def test_agrees_with_networkx_on_random_graphs(seed):
    rng = random.Random(seed)
    actors = [f"a{i}" for i in range(rng.randint(5, 25))]
    pairs = {(rng.choice(actors), f"t{rng.randint(0, 6)}") for _ in range(rng.randint(10, 60))}
    m = memberships(sorted(pairs))
    ours = projection(m)
    expected = naive_projection(m)
    assert set(map(frozenset, ours.edges)) == set(map(frozenset, expected.edges))
    result = analyse(m)
    assert result.measures["density"] == pytest.approx(nx.density(expected))
    reference = nx.betweenness_centrality(expected, normalized=True)
    for row in result.actors.itertuples():
        assert row.betweenness == pytest.approx(reference[row.acteur])
        assert row.tables == m.loc[m["acteur"] == row.acteur, "table"].nunique()
    n = expected.number_of_nodes()
    if n > 2:
        centrality = nx.degree_centrality(expected)  # degree / (n − 1)
        top = max(centrality.values())
        assert result.measures["degree_centralization"] == pytest.approx(
            sum(top - c for c in centrality.values()) / (n - 2))


def test_freeman_extremes():
    assert freeman_degree_centralization(nx.star_graph(6)) == pytest.approx(1.0)
    assert freeman_degree_centralization(nx.cycle_graph(6)) == 0.0


def test_brokerage_by_hand():
    graph = nx.Graph([("A", "B"), ("B", "C"), ("B", "D")])
    sectors = {"A": "communautaire", "B": "public", "C": "communautaire", "D": "municipal"}
    roles = sector_brokerage(graph, sectors)["B"]
    # pairs (A,C): same sector, B other → consultant; (A,D) and (C,D): three sectors → liaison
    assert roles == {"coordination": 0, "consultant": 1, "representant": 0, "liaison": 2}


def test_merge_and_link_what_if():
    m = memberships([("a", "T1"), ("b", "T1"), ("b", "T2"), ("c", "T2"), ("d", "T3"), ("e", "T3")])
    before = analyse(m)
    assert before.measures["components"] == 2
    merged = analyse(merge_tables(m, ["T2", "T3"], "T23"))
    assert merged.measures["tables_count"] == 2 and merged.measures["components"] == 1
    assert merged.actors.set_index("acteur").loc["b", "tables"] == 2
    linked = link_tables(m, ["T1", "T3"])
    assert set(linked.loc[linked["table"] == "Comité de liaison", "acteur"]) == {"b", "d"}
    table = compare(before, analyse(linked)).set_index("mesure")
    assert table.loc["components", "apres"] == 1
    assert table.loc["links", "difference"] > 0
    with pytest.raises(DataError):
        merge_tables(m, ["T1", "T9"])


def write(tmp_path, text, name="m.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("text, column, line", [
    ("acteur\nCDC\n", "table", None),
    ("acteur,table\nCDC,T1\nCDC,T1\n", "table", 3),
    ("acteur,table,heures\nCDC,T1,beaucoup\n", "heures", 2),
    ("acteur,table\n,T1\n", "acteur", 2),
])
def test_bad_memberships(tmp_path, text, column, line):
    path = write(tmp_path, text)
    with pytest.raises(DataError) as error:
        read_memberships(path)
    assert (error.value.column, error.value.line) == (column, line)
    assert str(path) in str(error.value)


def test_empty_and_unknown_actor(tmp_path):
    with pytest.raises(DataError, match="vide"):
        read_memberships(write(tmp_path, "\n"))
    m = read_memberships(write(tmp_path, "acteur,table\nCDC,T1\n"))
    with pytest.raises(DataError) as error:
        read_actors(write(tmp_path, "acteur,secteur\nCDC,communautaire\nCLSC,public\n", "a.csv"), m)
    assert error.value.line == 3 and error.value.column == "acteur"


# --------------------------------------------------------------------------- the what-if rules (one model)


def toy_territory():
    actors = [{"acteur_id": "p1", "secteur": "communautaire", "taille": "petit"},
              {"acteur_id": "p2", "secteur": "communautaire", "taille": "petit"},
              {"acteur_id": "g1", "secteur": "municipal", "taille": "grand"},
              {"acteur_id": "g2", "secteur": "sante", "taille": "grand"}]
    tables = [{"table_id": "A", "heures_par_an": 30}, {"table_id": "B", "heures_par_an": 20},
              {"table_id": "C", "heures_par_an": 10}]
    seats = [{"acteur_id": a, "table_id": t} for a, t in
             [("p1", "A"), ("p1", "B"), ("g1", "A"), ("g1", "B"), ("p2", "B"), ("g2", "C"), ("g1", "C")]]
    return network.territory_from_records(actors, tables, seats)


def test_load_measures_on_toy_territory():
    territory = toy_territory()
    load = network.actor_load(territory)
    assert load["p1"] == {"sieges": 2, "heures": 50.0} and load["g1"] == {"sieges": 3, "heures": 60.0}
    m = network.analyse_territory(territory).measures
    # projection: p1-g1, p1-p2, g1-p2, g1-g2 → 4 links among 4 actors → density 4/6
    assert m["density"] == pytest.approx(4 / 6) and m["seats"] == 7 and m["max_load"] == 60.0


def test_merge_pools_members_and_keeps_the_busiest_calendar():
    territory = toy_territory()
    merged = network.merge(territory, ["A", "B"], "AB")
    assert set(merged.tables) == {"AB", "C"} and merged.tables["AB"]["heures"] == 30
    assert merged.members("AB") == {"p1", "p2", "g1"}
    assert network.actor_load(merged)["p1"]["heures"] == 30.0  # was 50
    assert network.actor_load(merged)["p2"]["heures"] == 30.0  # was 20: a small group can lose from a merger
    assert set(territory.tables) == {"A", "B", "C"}  # the original is untouched


def test_link_removes_only_small_groups_duplicate_seats():
    linked = network.link(toy_territory(), "A", "B")
    assert ("p1", "B") not in linked.seats and ("g1", "B") in linked.seats and ("p2", "B") in linked.seats
    assert frozenset(("A", "B")) in linked.liaisons


def test_coordinate_counts_the_shared_part_once():
    coordinated = network.coordinate(toy_territory(), ["A", "B"], shared_part=0.5)
    load = network.actor_load(coordinated)
    assert load["p1"]["heures"] == 40.0  # 50 − 0.5 × (50 − 30)
    assert load["g1"]["heures"] == 50.0  # A+B coordinated (40) + C (10)
    assert load["p2"]["heures"] == 20.0  # one table of the group only: unchanged
    none_shared = network.coordinate(toy_territory(), ["A", "B"], shared_part=0.0)
    assert network.actor_load(none_shared) == network.actor_load(toy_territory())


def test_add_table_adds_seats_and_hours_without_removing_any():
    territory = toy_territory()
    bigger = network.add_table(territory, "T", "Table des tables", 18, ["g1", "p1"])
    m = network.analyse_territory(bigger).measures
    assert m["tables_count"] == 4 and m["seats"] == 9
    assert network.actor_load(bigger)["g1"]["heures"] == 78.0


def test_recomposition_errors_name_the_problem():
    territory = toy_territory()
    with pytest.raises(DataError, match="Z"):
        network.merge(territory, ["A", "Z"], "AZ")
    with pytest.raises(DataError):
        network.merge(territory, ["A"], "AA")
    with pytest.raises(DataError):
        network.coordinate(territory, ["A", "B"], shared_part=2)
    with pytest.raises(DataError) as error:
        network.territory_from_records([{"acteur_id": "x"}], [{"table_id": "A", "heures_par_an": 3}],
                                  [{"acteur_id": "x", "table_id": "A"}, {"acteur_id": "y", "table_id": "A"}])
    assert error.value.line == 2 and error.value.column == "acteur_id"
