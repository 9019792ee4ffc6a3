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
    explorer.set_years(2000, 2010)
    assert list(explorer.shown.evenement) == ["PNSP", "Avenir d'enfants"]
    assert "2 événements" in explorer.summary.value
    explorer.set_years(2010, 2000)  # the other way round reads the same
    assert explorer.years == (2000, 2010)
    for box in explorer.checkboxes.values():
        box.value = False
    assert explorer.shown.empty


def test_year_menus_have_accessible_names_and_sources_are_short_links():
    explorer = chronologie.timeline_explorer(_events())
    assert explorer.first_year.description and explorer.last_year.description  # <label for> names the menus
    html = chronologie.sources_html("https://ici.radio-canada.ca/nouvelle/1809367/x ; Érudit 011352ar")
    assert ">radio-canada.ca</a>" in html and "href='https://ici.radio-canada.ca/nouvelle/1809367/x'" in html
    assert html.endswith("Érudit 011352ar") and "<script" not in chronologie.sources_html("<script>")
    label = chronologie.source_label("https://www.historymuseum.ca/cmc/x ; MSSS (2015)")
    assert label == "historymuseum.ca ; MSSS (2015)"
    frame = chronologie.chart_frame(_events())
    assert "source_courte" in frame.columns


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
    return relations.load_territory()


@pytest.fixture
def question(tmp_path):
    from ocworkbook.exercises.api import Question
    from ocworkbook.exercises.bank import load_bank
    from ocworkbook.exercises.progress import ProgressLog

    return Question(load_bank().get("02-relations-cote-aux-merles"), ProgressLog(tmp_path / ".ocworkbook"))


def test_case_pairs_cover_all_four_levels(territory):
    case = relations.load_case()
    levels = {territory.reference(*pair)[0] for pair in case["paires"].values()}
    assert levels == set(relations.LEVELS)


def test_exercise_key_agrees_with_the_reading_of_the_data():
    from pathlib import Path

    assert relations.check_workbook(Path(ow.__file__).resolve().parents[2]) == []


def test_classifier_records_its_answers_through_the_bank_exercise(question):
    widget = relations.RelationsClassifier(question)
    assert "0 paire " in widget.status.value
    assert [label for label, _ in widget.level.options] == ["Aucune", "Collaboration", "Concertation", "Partenariat"]
    widget.pair.value = "fondation-logement"
    widget.level.value = "aucune"
    widget.pair.value = "familles-fondation"
    assert widget.level.value is None            # a new pair starts unclassified
    widget.level.value = "concertation"
    assert widget.choices == {"fondation-logement": "aucune", "familles-fondation": "concertation"}
    spec = widget.chart.to_dict()
    rule = next(layer for layer in spec["layer"] if layer["mark"]["type"] == "rule")
    drawn = spec["datasets"][rule["data"]["name"]]
    assert sorted(row["relation"] for row in drawn) == ["aucune", "concertation"]
    result = widget.check()
    assert result.status == "partiel" and result.score == pytest.approx(1 / 8)   # « aucune » right only
    assert "Partenariat" in widget.feedback.value or "partenariat" in widget.feedback.value
    assert widget.show_reference
    recorded = question.previous()
    assert recorded["attempts"] == 1 and recorded["answer"]["familles-fondation"] == "concertation"
    again = relations.RelationsClassifier(question)   # the answer survives a kernel restart
    assert again.choices == widget.choices
    widget.reset_button.click()
    assert widget.choices == {} and widget.feedback.value == ""


def test_network_chart_draws_one_rule_per_classified_pair(territory):
    labels = relations.load_case()["types_acteurs"]
    chart = relations.network_chart(territory.actors, {relations.pair_key("ville", "cdc"): "concertation"},
                                    territory.positions, type_labels=labels)
    frame = relations.edges_frame({relations.pair_key("ville", "cdc"): "concertation"}, territory.positions)
    assert len(frame) == 1 and frame.libelle.iloc[0] == "Concertation"
    spec = chart.to_dict()
    assert spec["layer"][0]["mark"]["type"] == "rule"
    nodes = next(v for k, v in spec["datasets"].items() if v and "type" in v[0])
    assert {row["type"] for row in nodes} <= set(labels.values())   # readable types, never a code


def test_tables_of_the_case_show_french_values_without_index():
    tables = relations.instances_table(ow.load("territoire_tables")).to_html()
    assert "Intersectorielle" in tables and ">oui<" in tables and "True" not in tables
    programmes = repr(relations.programmes_table(ow.load("territoire_programmes")))
    assert "Fondation Aurore-des-Berges" in programmes and "fondation |" not in programmes


# --------------------------------------------------------------------------------------- registres

GRID = registres.load_grid()
ALL = {key: 2 for key in GRID.item_ids}


def test_grid_is_a_questionnaire_file_of_the_workbook():
    assert GRID.path == "exercises/questionnaires/03-grille-registres.yml"
    assert len(GRID.items) == 7 and (GRID.scale.low, GRID.scale.high) == (0, 4)
    assert all(item.low_anchor and item.high_anchor and item.lever for item in GRID.items)
    assert [b.label for b in GRID.bands] == ["Dominante : instrumentalisation", "Registres entremêlés",
                                             "Dominante : coconstruction"]


def test_position_scales_to_0_100_with_zones():
    assert registres.position({k: 0 for k in ALL}).score == 0
    assert registres.position({k: 4 for k in ALL}).zone_index == 2
    middle = registres.position(ALL)
    assert middle.score == 50 and middle.zone == "Registres entremêlés" and middle.reasons == []


def test_position_gives_reasons_strongest_first_and_levers_only_for_low_ratings():
    ratings = dict(ALL, place_citoyens=0, financement=1, autonomie_organismes=4)
    result = registres.position(ratings)
    # distance from the middle first (0 and 4 before 1), then the order of the grid
    assert [r.indicator for r in result.reasons] == ["autonomie_organismes", "place_citoyens", "financement"]
    assert [r.direction for r in result.reasons] == ["haut", "bas", "bas"]
    assert len(result.levers) == 2
    assert "Bilodeau" in result.levers[0]


def test_weights_are_data():
    from dataclasses import replace

    items = tuple(replace(i, weight=3.0 if i.id == "place_citoyens" else 1.0) for i in GRID.items)
    dimension = replace(GRID.dimensions["registres"], items=items)
    weighted = replace(GRID, dimensions={"registres": dimension})
    plain = registres.position(dict(ALL, place_citoyens=0)).score
    assert registres.position(dict(ALL, place_citoyens=0), weighted).score < plain


@pytest.mark.parametrize("ratings, message", [
    (dict(ALL, place_citoyens=5), "de 0 à 4"),
    (dict(ALL, place_citoyens=True), "de 0 à 4"),
    ({k: v for k, v in ALL.items() if k != "financement"}, "il manque"),
    (dict(ALL, budjet=2), "énoncé inconnu"),
])
def test_bad_ratings_are_refused_in_french(ratings, message):
    with pytest.raises(DataError, match=message):
        registres.position(ratings)


def test_case_data_shows_the_gap_between_funder_and_community_groups():
    cotes = ow.load("registres_cotes")
    for case in ("ormeaux", "horizon_enfance"):
        funder = registres.position(registres.mean_ratings(cotes, case, "bailleur"))
        groups = registres.position(registres.mean_ratings(cotes, case, "communautaire"))
        assert funder.zone_index == 2 and groups.zone_index == 0
    with pytest.raises(DataError):
        registres.mean_ratings(cotes, "ormeaux", "extraterrestre")
    positions = registres.case_positions(cotes)
    assert "Les Ormeaux — bailleur" in positions and "Horizon Enfance — organismes communautaires" in positions
    assert not any("_" in name for name in positions)   # no code on screen


def test_grid_widget_places_two_cases_and_keeps_their_ratings():
    grid = registres.registers_grid()
    first, second = grid.situation.options[0], grid.situation.options[1]
    assert first == "Cas 1 — Les Ormeaux (fictif)"
    for buttons in grid.inputs.values():
        buttons.value = 0
    grid.place_button.click()
    assert grid.results[first].zone_index == 0
    assert "Leviers" in grid.report.value and "0 sur 100" in grid.report.value
    grid.situation.value = second
    assert all(s.value == 2 for s in grid.inputs.values())   # a new situation starts in the middle
    grid.inputs["place_citoyens"].value = 4
    grid.place()
    assert set(grid.results) == {first, second}
    points = registres.positions_frame(grid.results)
    assert list(points.score) == [0.0, pytest.approx(100 * 16 / 28, abs=0.1)]
    assert list(points.position) == ["0", "57"]
    grid.situation.value = first
    assert all(s.value == 0 for s in grid.inputs.values())   # its own ratings come back
    assert grid.chart is not None and len(grid.chart.to_dict()["layer"]) == 4


def test_rating_buttons_carry_the_meaning_of_both_ends():
    grid = registres.registers_grid()
    labels = [label for label, _ in grid.inputs["definition_probleme"].options]
    assert labels == ["0 = instrumentalisation", "1", "2", "3", "4 = coconstruction"]
    tooltips = grid.inputs["definition_probleme"].tooltips
    assert tooltips[0].startswith("0 : le problème arrive") and tooltips[-1].startswith("4 : le milieu")


def test_continuum_bands_use_readable_colours():
    spec = registres.continuum_chart({"A": registres.position(ALL)}).to_dict()
    colours = spec["layer"][0]["encoding"]["color"]["scale"]["range"]
    assert "#F0E442" not in colours   # the pale yellow of the palette is unreadable on white
