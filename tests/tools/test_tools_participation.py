"""Participation audit: level parsing, the brief's correspondence, gaps and the generated summary."""

import pandas as pd
import pytest

from ocworkbook.errors import DataError
from ocworkbook.tools.participation import audit, correspondence, level_number, read_decisions


@pytest.mark.parametrize("scale, value, level", [
    ("arnstein", "Citizen control", 8), ("arnstein", "contrôle citoyen", 8), ("arnstein", "3", 3),
    ("arnstein", "Délégation de pouvoir", 7), ("iap2", "Involve", 3), ("iap2", "collaborer", 4),
    ("bourque", "Décision", 3), ("bourque", "information", 1), ("bourque", "Placation", None),
    ("iap2", "6", None),
])
def test_level_number(scale, value, level):
    assert level_number(scale, value) == level


def test_correspondence_of_the_brief():
    assert correspondence("bourque", 2) == {"bourque": "consultation", "arnstein": "Consultation – Placation",
                                            "iap2": "Consult – Involve"}
    assert correspondence("arnstein", 1)["bourque"] == "non-participation"
    assert correspondence("arnstein", 1)["iap2"] == "—"
    assert correspondence("iap2", 5)["arnstein"] == "Partnership – Citizen control"


def frame(rows):
    return pd.DataFrame(rows, columns=["decision", "echelle", "promis_niveau", "pratique_niveau"])


def test_gaps_on_entry_scale_and_bourque_axis():
    result = audit(frame([("A", "arnstein", 6, 4), ("B", "arnstein", 4, 5), ("C", "iap2", 2, 2)]))
    rows = result.decisions.set_index("decision")
    assert rows.loc["A", "ecart"] == -2 and rows.loc["A", "ecart_bourque"] == -1
    assert rows.loc["A", "promis_groupe"] == "citizen_power" and rows.loc["A", "pratique_groupe"] == "tokenism"
    assert rows.loc["B", "ecart"] == 1 and rows.loc["B", "ecart_bourque"] == 0  # Consultation → Placation
    assert result.counts == {"tenu": 1, "en_deca": 1, "au_dela": 1}
    text = " ".join(result.summary)
    assert "Sur 3 décisions, 1 ont été pratiquées au niveau promis" in text
    assert "« A »" in text and "pas une norme publiée" in text and "brief" not in text


def test_all_kept_summary():
    result = audit(frame([("A", "bourque", 2, 2)]))
    assert any("Aucune décision" in line for line in result.summary)


def write(tmp_path, text):
    path = tmp_path / "d.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_read_with_scale_column_and_default(tmp_path):
    table = read_decisions(write(tmp_path, "decision,promis,pratique,echelle\nA,Partnership,Informing,arnstein\n"
                                           "B,consultation,information,\n"))
    assert list(table["promis_niveau"]) == [6, 2] and list(table["echelle"]) == ["arnstein", "bourque"]


@pytest.mark.parametrize("text, line, column", [
    ("decision,promis\nA,information\n", None, "pratique"),
    ("decision,promis,pratique\nA,information,beaucoup\n", 2, "pratique"),
    ("decision,promis,pratique,echelle\nA,1,2,hart\n", 2, "echelle"),
    ("decision,promis,pratique\nA,information,information\nA,consultation,information\n", 3, "decision"),
])
def test_bad_decisions(tmp_path, text, line, column):
    path = write(tmp_path, text)
    with pytest.raises(DataError) as error:
        read_decisions(path)
    assert (error.value.line, error.value.column) == (line, column)
    assert str(path) in str(error.value)
