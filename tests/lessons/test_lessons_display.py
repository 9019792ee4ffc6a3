"""What a learner sees of a lesson's numbers and tables: French numbers, French headers, no index, no code."""

from __future__ import annotations

import pandas as pd
import pytest

from ocworkbook.lessons.display import Table, fr_number, source_link, summary_html, yes_no


@pytest.mark.parametrize("value, decimals, expected", [
    (0.333333, 2, "0,33"), (14.0, None, "14"), (14.25, None, "14,25"), (2985.0, 1, "2\u202f985,0"),
    (-12, 0, "−12"), (-0.001, 2, "0,00"), (0.0149, 3, "0,015"), (True, None, "oui"), (float("nan"), 2, "—"),
])
def test_french_numbers(value, decimals, expected):
    assert fr_number(value, decimals) == expected


def test_signed_numbers_use_a_true_minus_and_a_plus():
    assert fr_number(1, 0, signed=True) == "+1" and fr_number(-1, 0, signed=True) == "−1"
    assert fr_number(0, 0, signed=True) == "0"


def test_a_table_has_french_headers_readable_values_and_no_index():
    frame = pd.DataFrame({"code": ["jour", "soir"], "moyenne": [-1.8333, -1.0], "ok": [True, False]})
    table = Table(frame, {"code": "Horaire", "moyenne": "Écart moyen", "ok": "Tenu"},
                  values={"code": {"jour": "de jour", "soir": "en soirée"}}, decimals={"moyenne": 2})
    assert table.rows() == [["de jour", "−1,83", "oui"], ["en soirée", "−1,00", "non"]]
    html = table.to_html()
    assert "<th" in html and "Écart moyen" in html and "jour<" not in html.replace("de jour<", "")
    assert "text-align:right" in html  # numbers line up
    assert ">0<" not in html and ">1<" not in html  # no pandas index
    assert repr(table).splitlines()[0] == "Horaire | Écart moyen | Tenu"


def test_cells_are_escaped():
    html = Table(pd.DataFrame({"a": ["<script>alert(1)</script>"]}), {"a": "A"}).to_html()
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<b>" not in summary_html(["<b>x</b>"]) and "&lt;b&gt;" in summary_html(["<b>x</b>"])


def test_source_links_are_short_and_safe():
    assert source_link("https://www.rqiiac.qc.ca/regroupement/").endswith(">rqiiac.qc.ca</a>")
    assert source_link("javascript:alert(1)") == "javascript:alert(1)"
    assert yes_no("true") == "oui" and yes_no("false") == "non"


def test_numbers_round_half_up_as_people_do():
    from ocworkbook.lessons.display import fr_number

    assert fr_number(12.5, 0) == "13"  # Python's round() would give 12
    assert fr_number(0.125) == "0,13"
    assert fr_number(-2.5, 0) == "−3"
    assert fr_number(-0.004, 2) == "0,00"  # never « −0,00 »
    assert fr_number(1e300, 0).startswith("1\u202f000")  # huge values do not overflow the rounding


def test_a_partial_score_is_rounded_half_up():
    from ocworkbook.exercises.result import PARTIAL, Result

    assert "13 %" in Result(PARTIAL, score=0.125).headline()
