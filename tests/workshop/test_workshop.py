"""Workshop aggregation: answer files and form CSVs gathered, pseudonymous, small groups never shown."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from ocworkbook.errors import DataError
from ocworkbook.exercises.bank import load_bank
from ocworkbook.paths import shipped_workbook
from ocworkbook.workshop import (
    chart,
    discussion_questions,
    from_form,
    from_submissions,
    load_mapping,
    overview,
    tally,
)

ROOT = shipped_workbook()
EXAMPLES = ROOT / "datasets" / "exemples" / "atelier"


@pytest.fixture(scope="module")
def bank():
    return load_bank(ROOT)


def test_answer_files_are_gathered_under_pseudonyms(bank):
    frame = from_submissions(EXAMPLES, bank)
    assert frame["personne"].nunique() == 5
    assert set(frame["personne"]) == {"R01", "R02", "R03", "R04", "R05"}
    assert not frame.astype(str).apply(lambda col: col.str.contains("@")).any().any()
    counts = tally(frame, "00-ouvrir-la-rencontre", bank).table.set_index("choix")["personnes"]
    assert counts.to_dict() == {"a": 3, "b": 1, "c": 0, "d": 1}


def test_the_same_file_handed_in_twice_counts_once(bank, tmp_path):
    for name in ("remise-alix.json", "remise-alix (copie).json"):
        (tmp_path / name).write_text((EXAMPLES / "atelier-remise-alix.json").read_text(encoding="utf-8"))
    (tmp_path / "notes.json").write_text(json.dumps({"autre": "chose"}))
    frame = from_submissions(tmp_path, bank)
    assert frame["personne"].nunique() == 1


def test_form_export_is_read_by_option_text(bank):
    mapping = load_mapping(EXAMPLES / "correspondance-formulaire.yml")
    frame = from_form(EXAMPLES / "formulaire-google.csv", mapping, bank)
    assert frame["personne"].nunique() == 6
    multiple = tally(frame, "00-parole-pour-tous", bank).table.set_index("choix")["personnes"].to_dict()
    assert multiple == {"a": 4, "b": 3, "c": 1, "d": 4, "e": 0}
    true_false = tally(frame, "00-unanimite", bank).table.set_index("choix")["personnes"].to_dict()
    assert true_false == {"vrai": 2, "faux": 4}
    numbers = tally(frame, "00-loi-10-etablissements", bank).table.set_index("choix")["personnes"].to_dict()
    assert numbers == {"13": 1, "22": 4, "95": 1}


def test_limesurvey_columns_per_option(bank, tmp_path):
    csv = tmp_path / "limesurvey.csv"
    csv.write_text("id;Q2[SQ001];Q2[SQ002];Q2[SQ003]\n1;Y;;Y\n2;Y;Y;\n3;;;Y\n", encoding="utf-8")
    mapping = {"Q2[SQ001]": "00-parole-pour-tous:a", "Q2[SQ002]": "00-parole-pour-tous:b",
               "Q2[SQ003]": "00-parole-pour-tous:d"}
    counts = tally(from_form(csv, mapping, bank), "00-parole-pour-tous", bank).table.set_index("choix")["personnes"]
    assert counts.to_dict() == {"a": 2, "b": 1, "c": 0, "d": 2, "e": 0}


def test_a_missing_column_names_the_column(bank, tmp_path):
    csv = tmp_path / "f.csv"
    csv.write_text("Q1\na\n", encoding="utf-8")
    with pytest.raises(DataError, match="colonne absente") as error:
        from_form(csv, {"Question 1": "00-ouvrir-la-rencontre"}, bank)
    assert error.value.column == "Question 1"


def test_small_groups_are_never_shown(bank):
    frame = pd.DataFrame([{"personne": p, "exercice": "00-ouvrir-la-rencontre", "element": None, "choix": "a",
                           "valeur": None} for p in ("F01", "F02")])
    result = tally(frame, "00-ouvrir-la-rencontre", bank, min_group=3)
    assert result.hidden and result.table.empty and "2 personne" in result.message
    assert chart(result) is None
    assert not overview(frame, bank)["affiche"].any()


def test_rare_free_text_answers_are_grouped(bank):
    words = ["coconstruction"] * 3 + ["mon idée à moi"]
    frame = pd.DataFrame([{"personne": f"F{i}", "exercice": "00-terme-vaillancourt", "element": None,
                           "choix": w, "valeur": None} for i, w in enumerate(words)])
    table = tally(frame, "00-terme-vaillancourt", bank).table
    assert "monideeamoi" not in set(table["choix"]) and "autres" in set(table["choix"])


def test_chart_and_discussion_questions(bank):
    frame = from_submissions(EXAMPLES, bank)
    result = tally(frame, "00-ouvrir-la-rencontre", bank)
    spec = chart(result, show_key=True).to_dict()
    assert spec["mark"]["type"] == "bar" and "color" in spec["encoding"]
    assert "color" not in chart(result).to_dict()["encoding"]
    assert len(discussion_questions("00-ouvrir-la-rencontre", bank)) >= 2
