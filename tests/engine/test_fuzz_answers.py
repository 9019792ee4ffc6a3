"""No answer, however odd, makes a checker raise; every message is short, French and never echoes
Python's own printout of a value or a huge answer (the fuzz run of issue 11 found 46 crashes)."""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ENGINE_ROOT, ROOT
from ocworkbook.editions.build import build_edition
from ocworkbook.exercises.bank import load_bank
from ocworkbook.exercises.check import check
from ocworkbook.exercises.result import STATUSES

from .hostile import hostile_values, random_values

FORBIDDEN_IN_MESSAGES = ("object at 0x", "Traceback", "Error:", "<img", "[[", "{'", "\\x00")


@pytest.fixture(scope="module")
def editions(tmp_path_factory):
    """Every exercise of the engine's and the shipped bank, clear and hashed."""
    found = []
    for root in (ENGINE_ROOT, ROOT):
        out = tmp_path_factory.mktemp("learner")
        build_edition("learner", out / "ed", source=root, salt="sel-fuzz")
        for bank in (load_bank(root), load_bank(out / "ed")):
            found += list(bank.exercises.values())
    return found


def assert_sane(result, answer, ex):
    assert result.status in STATUSES, (ex.id, answer)
    text = result.to_markdown()
    assert len(result.message) <= 400, (ex.id, result.message[:100])
    for forbidden in FORBIDDEN_IN_MESSAGES:
        assert forbidden not in result.message, (ex.id, forbidden, result.message)
    assert "a" * 100 not in text
    if result.score is not None:
        assert 0.0 <= result.score <= 1.0


def test_thirty_thousand_hostile_answers_over_every_exercise_and_both_editions(editions):
    rng = random.Random(11)
    checked = 0
    per_exercise = max(1, 30_000 // len(editions) + 1)
    for ex in editions:
        answers = hostile_values(ex)
        answers += random_values(rng, max(0, per_exercise - len(answers)), ex)
        for answer in answers:
            assert_sane(check(ex, answer, strict=True), answer, ex)
            checked += 1
    assert checked >= 30_000


anything = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True, allow_infinity=True) | st.text(max_size=60)
    | st.binary(max_size=10),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8) | st.integers(), children,
                                                                       max_size=3) | st.tuples(children),
    max_leaves=12)


@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(answer=anything, index=st.integers(min_value=0))
def test_property_any_value_is_met_with_a_result(editions, answer, index):
    ex = editions[index % len(editions)]
    assert_sane(check(ex, answer, strict=True), answer, ex)


def test_a_huge_number_is_only_a_wrong_answer():
    ex = load_bank(ENGINE_ROOT).get("m-nombre")
    result = check(ex, "1e307", strict=True)
    assert result.status == "incorrect" and result.feedback == ["Trop haut."]


def test_html_typed_as_an_answer_is_shown_as_text(engine_bank):
    from ocworkbook.exercises.widgets import result_html

    result = check(engine_bank.get("m-unique"), "<img src=x onerror=alert(1)>")
    assert result.status == "invalide"
    page = result_html(result)
    assert "<img" not in page and "&lt;img" in page
