"""Behaviour of the models behind notebooks 04–06: voting rules, deliberation, recomposition, audit."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ocworkbook.errors import DataError
from ocworkbook.lessons import deliberation as dl
from ocworkbook.lessons import recomposition as rc

# --------------------------------------------------------------------------- aggregation rules

CYCLE = {"ana": {"A": 3, "B": 2, "C": 1}, "benoit": {"A": 1, "B": 3, "C": 2}, "chloe": {"A": 2, "B": 1, "C": 3}}


def test_condorcet_cycle_has_no_winner_and_is_reported():
    ranks = dl.rankings(CYCLE)
    assert dl.condorcet_winner(ranks) is None
    cycle = dl.majority_cycle(ranks)
    assert sorted(cycle) == ["A", "B", "C"]
    beats = dl.majority_relation(ranks)
    for i, option in enumerate(cycle):  # each option beats the next one, the last beats the first
        assert cycle[(i + 1) % 3] in beats[option]
    assert dl.aggregate(CYCLE)["condorcet"] == []


def test_plurality_and_borda_diverge_on_hand_computed_profile():
    # 3 × A>B>C, 2 × B>C>A, 2 × C>B>A
    profile = {}
    for i in range(3):
        profile[f"x{i}"] = {"A": 3, "B": 2, "C": 1}
    for i in range(2):
        profile[f"y{i}"] = {"A": 1, "B": 3, "C": 2}
        profile[f"z{i}"] = {"A": 1, "B": 2, "C": 3}
    ranks = dl.rankings(profile)
    assert dl.plurality_scores(ranks) == {"A": 3, "B": 2, "C": 2}
    assert dl.borda_scores(ranks) == {"A": 6, "B": 9, "C": 6}
    assert dl.condorcet_winner(ranks) == "B"
    assert dl.majority_cycle(ranks) is None
    result = dl.aggregate(profile)
    assert result["pluralite"] == ["A"] and result["borda"] == ["B"]


def test_sum_of_preferences_counts_intensity_that_borda_ignores():
    profile = {"v1": {"A": 10, "B": 1, "C": 0}, "v2": {"A": 9, "B": 10, "C": 0}, "v3": {"A": 9, "B": 10, "C": 0}}
    assert dl.aggregate(profile)["borda"] == ["B"]
    assert dl.utility_sums(profile) == {"A": 28, "B": 21, "C": 0}
    assert dl.aggregate(profile)["somme"] == ["A"]


def test_ties_are_reported_and_rankings_break_ties_by_option_order():
    profile = {"a": {"X": 5, "Y": 5}, "b": {"X": 1, "Y": 9}, "c": {"X": 9, "Y": 1}}
    assert dl.rankings(profile)["a"] == ["X", "Y"]
    assert dl.winners({"X": 2, "Y": 2, "Z": 1}) == ["X", "Y"]


# --------------------------------------------------------------------------- deliberation model

profiles = st.dictionaries(
    keys=st.sampled_from(["a", "b", "c", "d", "e"]),
    values=st.fixed_dictionaries({o: st.integers(0, 10) for o in ("p", "q", "r")}),
    min_size=2,
)


@settings(max_examples=60, deadline=None)
@given(profile=profiles, rounds=st.integers(0, 6), weight=st.floats(0, 1), noise=st.floats(0, 1),
       seed=st.integers(0, 99))
def test_zero_openness_equals_aggregation(profile, rounds, weight, noise, seed):
    reasons = {"p": 9.0, "q": 1.0, "r": 5.0}
    result = dl.deliberate(profile, reasons, dl.DeliberationSettings(openness=0.0, shared_weight=weight,
                                                                     rounds=rounds, noise=noise, seed=seed))
    assert result.final == {a: {o: float(v) for o, v in u.items()} for a, u in profile.items()}
    assert dl.aggregate(result.final) == dl.aggregate(profile)
    assert len(result.history) == rounds + 1


@settings(max_examples=40, deadline=None)
@given(profile=profiles, openness=st.floats(0, 1), noise=st.floats(0, 1), seed=st.integers(0, 99))
def test_utilities_stay_on_the_scale(profile, openness, noise, seed):
    result = dl.deliberate(profile, {"p": 10.0, "q": 0.0, "r": 10.0},
                           dl.DeliberationSettings(openness=openness, rounds=4, noise=noise, seed=seed))
    assert all(0.0 <= v <= 10.0 for state in result.history for u in state.values() for v in u.values())


def test_full_openness_on_shared_reasons_lands_on_the_reasons_in_one_round():
    profile = {"a": {"p": 0, "q": 10}, "b": {"p": 10, "q": 0}}
    reasons = {"p": 7.0, "q": 2.0}
    result = dl.deliberate(profile, reasons, dl.DeliberationSettings(openness=1.0, shared_weight=1.0, rounds=1))
    assert result.final == {"a": reasons, "b": reasons}


def test_attachment_of_one_keeps_an_actor_in_place_while_others_move():
    profile = {"a": {"p": 0, "q": 10}, "b": {"p": 10, "q": 0}, "c": {"p": 5, "q": 5}}
    result = dl.deliberate(profile, {"p": 8.0, "q": 2.0},
                           dl.DeliberationSettings(openness=0.8, shared_weight=0.5, rounds=3), {"a": 1.0})
    assert result.final["a"] == {"p": 0.0, "q": 10.0}
    assert result.final["c"] != {"p": 5.0, "q": 5.0}


def test_conformity_without_reasons_reduces_disagreement():
    profile = {"a": {"p": 0, "q": 10}, "b": {"p": 10, "q": 0}, "c": {"p": 4, "q": 6}}
    result = dl.deliberate(profile, {}, dl.DeliberationSettings(openness=0.5, shared_weight=1.0, rounds=8))
    assert dl.spread(result.final) < dl.spread(profile) / 5  # no reasons on the table: weight is ignored


def test_noise_is_reproducible_with_the_seed():
    profile = {"a": {"p": 2, "q": 8}, "b": {"p": 9, "q": 1}, "c": {"p": 5, "q": 5}}
    reasons = {"p": 6.0, "q": 4.0}

    def run(seed):
        return dl.deliberate(profile, reasons, dl.DeliberationSettings(openness=0.5, rounds=3, noise=0.2,
                                                                       seed=seed)).final

    assert run(3) == run(3)
    assert run(3) != run(4)


def test_which_reasons_are_voiced_changes_the_ormeaux_outcome():
    import ocworkbook as ow

    profile, attachment = dl.profile_from_records(ow.load("ormeaux_preferences").to_dict("records"))
    reasons = dl.reasons_from_records(ow.load("ormeaux_raisons").to_dict("records"))
    before = dl.aggregate(profile)
    assert before == {"pluralite": ["fete"], "borda": ["epicerie"], "somme": ["epicerie"],
                      "condorcet": ["epicerie"]}  # the notebook's text relies on these
    settings_ = dl.DeliberationSettings(openness=0.6, shared_weight=0.5, rounds=3)
    all_reasons = dl.deliberate(profile, dl.reason_scores(reasons), settings_, attachment)
    two_reasons = dl.deliberate(profile, dl.reason_scores(reasons, ["faisabilite", "participation"]), settings_,
                                attachment)
    assert dl.aggregate(all_reasons.final)["borda"] == ["epicerie"]
    assert dl.aggregate(two_reasons.final)["borda"] == ["fete"]


def test_bad_settings_and_bad_rows_raise_clear_errors():
    with pytest.raises(DataError, match="ouverture|openness"):
        dl.DeliberationSettings(openness=1.5)
    with pytest.raises(DataError):
        dl.DeliberationSettings(rounds=-1)
    with pytest.raises(DataError) as error:
        dl.profile_from_records([{"acteur_id": "a", "option_id": "p", "utilite": 3},
                                 {"acteur_id": "a", "option_id": "q", "utilite": 12}])
    assert error.value.line == 2 and error.value.column == "utilite"


def test_gradient_summary_readings():
    assert dl.gradient_summary({"appui": 9, "reserves": 3, "desaccord_sans_blocage": 1, "blocage": 1})["lecture"] == \
        "blocage"
    assert dl.gradient_summary({"appui": 5, "partage": 2, "desaccord_sans_blocage": 1})["lecture"] == "fragile"
    assert dl.gradient_summary({"appui": 6, "reserves": 4})["lecture"] == "reserves"
    summary = dl.gradient_summary({"appui": 9, "reserves": 1})
    assert summary["lecture"] == "large" and summary["total"] == 10 and summary["parts"]["appui"] == 0.9
    assert dl.gradient_summary({})["lecture"] == "vide"
    with pytest.raises(DataError):
        dl.gradient_summary({"peut-etre": 2})


# --------------------------------------------------------------------------- recomposition (05)
# The rules themselves are tested with the network tool (tests/tools/test_tools_network.py).


def mrc_territory():
    import ocworkbook as ow
    from ocworkbook.lessons import recomposition_widget as rw

    return rw.territory_from_datasets(ow.load("mrc_acteurs"), ow.load("mrc_tables"), ow.load("mrc_adhesions"))


def test_mrc_dataset_is_big_enough_and_the_small_groups_carry_load():
    territory = mrc_territory()
    assert len(territory.tables) >= 12 and len(territory.actors) >= 60
    assert all(territory.tables_of(a) for a in territory.actors)  # every actor sits somewhere
    m = rc.measures(territory)
    assert m["charge_groupe_suivi"] > 40  # the notebook's text relies on small groups carrying load
    merged = rc.apply(territory, "merge", ["T03", "T07"], new_id="F01")
    assert rc.measures(merged)["tables"] == m["tables"] - 1
    assert rc.bridges(territory, top=1).acteur.iloc[0] == "S01"


def test_case_parameters_drive_the_rules():
    from dataclasses import replace

    territory = mrc_territory()
    case = rc.load_case()
    assert territory.shared_part == case["coordonner"]["part_commune"] == 0.5
    linked = rc.apply(territory, "link", ["T01", "T05"], case)
    nobody_small = replace(case, values={**case.values, "lier": {**case["lier"], "tailles_deleguees": ["géant"]}})
    unchanged = rc.apply(territory, "link", ["T01", "T05"], nobody_small)
    assert len(linked.seats) < len(territory.seats) == len(unchanged.seats)
    with pytest.raises(DataError, match="exactement deux"):
        rc.apply(territory, "link", ["T01", "T05", "T06"], case)


def test_redesign_widget_applies_operations_and_shows_french_measures():
    from ocworkbook.lessons import recomposition_widget as rw

    territory = mrc_territory()
    ui = rw.redesign_widget(territory)
    assert [label for label, _ in ui.operation.options] == ["Fusionner", "Lier", "Coordonner"]
    assert all(ui.operation.tooltips) and "Fusionner" in ui.help_text.value
    ui.apply(["T03", "T07"], "merge")
    ui.apply(["T01", "T05"], "link")
    ui.apply(["T06", "T11"], "coordinate")
    assert len(ui.log) == 3 and "F01" in ui.log[0] and set(ui.current.tables) >= {"F01"}
    ui.apply(["T99"], "merge")
    assert "Opération impossible" in ui.message.value and len(ui.log) == 3
    rows = rw.measures_table(territory, ui.current).rows()
    assert rows[0] == ["instances de concertation", "14", "13", "−1"]
    assert all("." not in cell for row in rows for cell in row[1:])   # decimal commas only
    assert rw.measures_table(territory, ui.current).rows()[4][0] == rc.load_case()["groupe_suivi"]["libelle"]
    ui.reset()
    assert ui.current is territory and ui.log == []
    codes = " ".join(rw.group_load_frame(territory, territory)["groupe"])
    assert "emploi_economie" not in codes and "emploi et économie" in codes


def test_table_of_tables_delegates_the_busiest_members():
    territory = mrc_territory()
    after, delegates = rc.table_of_tables(territory)
    assert "T15" in after.tables and after.tables["T15"]["heures"] == 18
    assert len(delegates) == 5  # the notebook's reading speaks of five delegates
    for table in territory.tables:
        busiest = max(len(territory.tables_of(a)) for a in territory.members(table))
        assert any(a in territory.members(table) and len(territory.tables_of(a)) == busiest for a in delegates)


# --------------------------------------------------------------------------- participation audit


def test_berges_audit_counts_and_learner_override():
    import ocworkbook as ow
    from ocworkbook.lessons import participation_widget as pw

    decisions = ow.load("berges_decisions")
    result = pw.run_audit(decisions)
    assert result.counts == {"tenu": 2, "en_deca": 6, "au_dela": 0}
    kept = pw.run_audit(decisions, {row: int(p) for row, p in zip(decisions.decision_id, decisions.niveau_promis,
                                                                      strict=True)})
    assert kept.counts == {"tenu": 8, "en_deca": 0, "au_dela": 0}
    with pytest.raises(ValueError):
        pw.audit_input(decisions, {"D1": 9})


def test_berges_audit_widget_is_french_and_records_the_learners_levels(tmp_path):
    import ocworkbook as ow
    from ocworkbook.exercises.progress import ProgressLog, summarize
    from ocworkbook.lessons import participation_widget as pw

    decisions = ow.load("berges_decisions")
    ui = pw.AuditWidget(decisions, log=ProgressLog(tmp_path / ".ocworkbook"))
    assert all(box.description.startswith("Niveau pratiqué") for box in ui.choosers.values())  # named menus
    summary = " ".join(pw.audit_summary(ui.result))
    assert "« confier la décision »" in summary and "Inform" not in summary and "brief" not in summary
    ui.choosers["D4"].value = 5
    assert ui.result.counts["tenu"] == 3
    ui.save()
    recorded = summarize(ui.log.read())["activite:06-audit-berges"]
    assert recorded["answer"]["D4"] == 5 and recorded["status"] == "complete"
    evidence = pw.evidence_text(decisions.to_dict("records")[0])
    assert "le comité de pilotage" in evidence and "sur 5" in evidence and "comite_pilotage" not in evidence
    table = repr(pw.gap_by_schedule(decisions))
    assert "de jour | −1,83 | 6" in table and "mean" not in table


def test_notebook_05_tables_have_capitalized_french_headers():
    """What the room reads on a slide: « Code », « Secteur », never a raw column name such as « secteur »."""
    import re

    import ocworkbook as ow
    from ocworkbook.lessons import recomposition_widget as rw

    territory = mrc_territory()
    tables = [rw.tables_table(ow.load("mrc_tables")), rw.bridges_table(territory, top=6),
              rw.measures_table(territory, territory)]
    headers = [h for table in tables for h in re.findall(r"<th[^>]*>([^<]*)</th>", table.to_html())]
    assert len(headers) >= 13
    assert [h for h in headers if not h[:1].isupper()] == []
    assert {"Code", "Secteur"} <= set(headers)
