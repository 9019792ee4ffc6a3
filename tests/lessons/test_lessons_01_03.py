"""Notebooks 01–03: the timeline, the relations classifier and the instrumentalisation ↔ co-construction grid.

Pure functions are tested on small frames; widgets are driven headless (set ``.value``, ``.click()``)
and their state and charts are checked.
"""

from __future__ import annotations

import pandas as pd
import pytest

import ocworkbook as ow
from ocworkbook.errors import DataError
from ocworkbook.lessons import chronologie, registres, relations

# --------------------------------------------------------------------------------------- chronologie


def _events():
    return pd.DataFrame({
        "debut": pd.array([1971, 1988, 2003, 2009, 2015], dtype="Int64"),
        "fin": pd.array([None, None, 2012, 2020, None], dtype="Int64"),
        "date": ["19 juillet 1971", "", "", "", "1er avril 2015"],
        "evenement": ["Loi 65", "RQIIAC", "PNSP", "Avenir d'enfants", "Loi 10"],
        "categorie": ["reseau", "profession", "sante_pub", "philanthropie", "reseau"],
        "source": ["s1", "s2", "s3", "s4", "s5"],
    })


def test_filter_events_keeps_domains_and_overlapping_years():
    events = _events()
    assert list(chronologie.filter_events(events, ["reseau"]).evenement) == ["Loi 65", "Loi 10"]
    # a lasting event (PNSP 2003–2012) overlaps 2010 although it started before
    assert list(chronologie.filter_events(events, None, 2010, 2014).evenement) == ["PNSP", "Avenir d'enfants"]
    assert chronologie.filter_events(events, []).empty


def test_filter_events_rejects_unknown_domain_in_french():
    with pytest.raises(DataError, match="domaine inconnu"):
        chronologie.filter_events(_events(), ["sport"])


def test_when_prefers_the_precise_date_then_the_span():
    assert chronologie.when("1er avril 2015", 2015, None) == "1er avril 2015"
    assert chronologie.when("", 2003, 2012) == "2003–2012"
    assert chronologie.when(None, 1988, pd.NA) == "1988"


def test_timeline_chart_has_periods_events_and_a_legend_selection():
    spec = chronologie.timeline_chart(_events()).to_dict()
    assert len(spec["layer"]) == 4
    assert any(p.get("bind") == "legend" for p in spec.get("params", []) + [
        q for layer in spec["layer"] for q in layer.get("params", [])])
    periods = chronologie.periods_frame()
    assert list(periods.periode) == ["CLSC", "CSSS", "CISSS/CIUSSS", "Santé Québec"]
    assert list(periods.debut) == [1971, 2003, 2015, 2024]


def test_timeline_explorer_redraws_when_boxes_and_years_change():
    explorer = chronologie.timeline_explorer(_events())
    assert len(explorer.shown) == 5
    explorer.checkboxes["reseau"].value = False
    assert set(explorer.shown.categorie) == {"profession", "sante_pub", "philanthropie"}
    explorer.years.value = (2000, 2010)
    assert list(explorer.shown.evenement) == ["PNSP", "Avenir d'enfants"]
    assert "2 événement(s)" in explorer.summary.value
    for box in explorer.checkboxes.values():
        box.value = False
    assert explorer.shown.empty


def test_real_timeline_only_keeps_verified_facts():
    frame = ow.load("chronologie")
    assert set(frame.confiance) == {"✅"}
    assert set(frame.categorie) <= set(chronologie.CATEGORIES)
    loi10 = frame[frame.evenement.str.contains("Loi 10")]
    assert list(loi10.debut) == [2015] and "1er avril 2015" in loi10.date.iloc[0]


# --------------------------------------------------------------------------------------- relations

MEMBERS = [{"acteur_id": "a", "table_id": "t1"}, {"acteur_id": "b", "table_id": "t1"},
           {"acteur_id": "c", "table_id": "t2"}]
PROGRAMMES = [{"nom": "Entente A-C", "signataires": "a; c"}]
EXCHANGES = [{"acteur_a": "d", "acteur_b": "b", "nature": "prêt de local"}]


@pytest.mark.parametrize("pair, expected", [
    (("a", "c"), "partenariat"),      # signed agreement, no shared table
    (("a", "b"), "concertation"),     # same table
    (("b", "d"), "collaboration"),    # informal only (order of the pair does not matter)
    (("c", "d"), "aucune"),
])
def test_reference_relation_follows_the_continuum(pair, expected):
    facts = relations.pair_facts(*pair, MEMBERS, PROGRAMMES, EXCHANGES)
    level, reasons = relations.reference_relation(facts)
    assert level == expected
    assert reasons


def test_partnership_reasons_also_name_the_shared_table():
    members = MEMBERS + [{"acteur_id": "c", "table_id": "t1"}]
    level, reasons = relations.reference_relation(relations.pair_facts("a", "c", members, PROGRAMMES, []),
                                                  {"t1": "Table de quartier"})
    assert level == "partenariat"
    assert any("Table de quartier" in r for r in reasons)


def test_pair_key_and_compare():
    assert relations.pair_key("z", "a") == ("a", "z")
    with pytest.raises(DataError):
        relations.pair_key("a", "a")
    rows = relations.compare({("a", "b"): "partenariat"}, {("a", "b"): "concertation", ("a", "c"): "aucune"})
    assert rows[0]["gap"] == 1 and not rows[0]["match"]
    assert rows[1]["choice"] is None and rows[1]["gap"] is None
    with pytest.raises(DataError, match="type de relation inconnu"):
        relations.compare({("a", "b"): "amitié"}, {("a", "b"): "aucune"})


def test_layout_is_reproducible():
    links = [("a", "b"), ("b", "c")]
    assert relations.layout(["a", "b", "c", "d"], links) == relations.layout(["a", "b", "c", "d"], links)


@pytest.fixture
def territory():
    names = ["territoire_acteurs", "territoire_tables", "territoire_adhesions", "territoire_programmes",
             "territoire_liens"]
    return relations.Territory(*(ow.load(n) for n in names))


def test_default_pairs_cover_all_four_levels(territory):
    levels = {territory.reference(*pair)[0] for pair in relations.DEFAULT_PAIRS}
    assert levels == set(relations.LEVELS)


def test_classifier_records_choices_redraws_and_compares(territory):
    widget = relations.RelationsClassifier(territory)
    assert "0 paire(s)" in widget.status.value
    widget.pair.value = relations.pair_key("fondation", "comite_logement")
    widget.level.value = "aucune"
    widget.pair.value = relations.pair_key("maison_familles", "fondation")
    assert widget.level.value is None            # a new pair starts unclassified
    widget.level.value = "concertation"
    assert len(widget.choices) == 2
    spec = widget.chart.to_dict()
    rule = next(layer for layer in spec["layer"] if layer["mark"]["type"] == "rule")
    drawn = spec["datasets"][rule["data"]["name"]]
    assert sorted(row["relation"] for row in drawn) == ["aucune", "concertation"]
    widget.compare_button.click()
    assert "1 lecture(s) sur 8" in widget.feedback.value   # « aucune » right, « concertation » wrong
    assert "Partenariat" in widget.feedback.value
    widget.reset_button.click()
    assert widget.choices == {} and widget.feedback.value == ""


def test_network_chart_draws_one_rule_per_classified_pair(territory):
    chart = relations.network_chart(territory.actors, {relations.pair_key("ville", "cdc"): "concertation"},
                                    territory.positions)
    frame = relations.edges_frame({relations.pair_key("ville", "cdc"): "concertation"}, territory.positions)
    assert len(frame) == 1 and frame.libelle.iloc[0] == "Concertation"
    assert chart.to_dict()["layer"][0]["mark"]["type"] == "rule"


# --------------------------------------------------------------------------------------- registres

ALL = {key: 2 for key in registres.INDICATOR_IDS}


def test_position_scales_to_0_100_with_zones():
    assert registres.position({k: 0 for k in ALL}).score == 0
    assert registres.position({k: 4 for k in ALL}).zone == "coconstruction"
    middle = registres.position(ALL)
    assert middle.score == 50 and middle.zone == "mixte" and middle.reasons == []


def test_position_gives_reasons_strongest_first_and_levers_only_for_low_ratings():
    ratings = dict(ALL, place_citoyens=0, financement=1, autonomie_organismes=4)
    result = registres.position(ratings)
    # distance from the middle first (0 and 4 before 1), then the order of the grid
    assert [r.indicator for r in result.reasons] == ["autonomie_organismes", "place_citoyens", "financement"]
    assert [r.direction for r in result.reasons] == ["coconstruction", "instrumentalisation",
                                                     "instrumentalisation"]
    assert len(result.levers) == 2
    assert "Bilodeau" in result.levers[0]


def test_weights_are_data():
    weighted = [dict(i, poids=(3 if i["id"] == "place_citoyens" else 1)) for i in registres.INDICATORS]
    plain = registres.position(dict(ALL, place_citoyens=0)).score
    assert registres.position(dict(ALL, place_citoyens=0), weighted).score < plain


@pytest.mark.parametrize("ratings, message", [
    (dict(ALL, place_citoyens=5), "de 0 à 4"),
    (dict(ALL, place_citoyens=True), "de 0 à 4"),
    ({k: v for k, v in ALL.items() if k != "financement"}, "il manque"),
    (dict(ALL, budget=2), "indicateur inconnu"),
])
def test_bad_ratings_are_refused_in_french(ratings, message):
    with pytest.raises(DataError, match=message):
        registres.position(ratings)


def test_case_data_shows_the_gap_between_funder_and_community_groups():
    cotes = ow.load("registres_cotes")
    for case in ("ormeaux", "horizon_enfance"):
        funder = registres.position(registres.mean_ratings(cotes, case, "bailleur"))
        groups = registres.position(registres.mean_ratings(cotes, case, "communautaire"))
        assert funder.zone == "coconstruction" and groups.zone == "instrumentalisation"
    with pytest.raises(DataError):
        registres.mean_ratings(cotes, "ormeaux", "extraterrestre")


def test_grid_widget_places_two_cases_and_keeps_their_ratings():
    grid = registres.registers_grid()
    first, second = grid.situation.options[0], grid.situation.options[1]
    for slider in grid.sliders.values():
        slider.value = 0
    grid.place_button.click()
    assert grid.results[first].zone == "instrumentalisation"
    assert "Leviers" in grid.report.value
    grid.situation.value = second
    assert all(s.value == 2 for s in grid.sliders.values())   # a new situation starts in the middle
    grid.sliders["place_citoyens"].value = 4
    grid.place()
    assert set(grid.results) == {first, second}
    points = registres.positions_frame(grid.results)
    assert list(points.score) == [0.0, pytest.approx(100 * 16 / 28, abs=0.1)]
    grid.situation.value = first
    assert all(s.value == 0 for s in grid.sliders.values())   # its own ratings come back
    assert grid.chart is not None and len(grid.chart.to_dict()["layer"]) == 4


def test_every_grid_indicator_has_its_texts_in_both_languages():
    from ocworkbook.i18n import catalogue

    messages = catalogue()
    for key in registres.INDICATOR_IDS:
        for part in ("label", "low", "high", "lever"):
            entry = messages[f"lessons.reg.ind.{key}.{part}"]
            assert entry["fr"] and entry["en"]
