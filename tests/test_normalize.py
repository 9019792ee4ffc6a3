"""Text normalization and number parsing: what French learners type must be understood."""

from hypothesis import given
from hypothesis import strategies as st

from ocworkbook.exercises.normalize import normalize_text, parse_number, within


def test_french_variants_are_the_same_answer():
    same = ["coconstruction", "Co-construction", "co construction", "CO‑CONSTRUCTION", " coconstruction. "]
    assert {normalize_text(v) for v in same} == {"coconstruction"}
    assert normalize_text("Élue") == normalize_text("elue")
    assert normalize_text("l'œuvre") == normalize_text("L’oeuvre")


def test_different_words_stay_different():
    assert normalize_text("coproduction") != normalize_text("coconstruction")
    assert normalize_text("élu") != normalize_text("élue")


@given(st.text())
def test_normalization_is_idempotent(text):
    once = normalize_text(text)
    assert normalize_text(once) == once


@given(st.text(alphabet=st.characters(whitelist_categories=("Ll", "Lu")), min_size=1))
def test_case_and_hyphens_never_matter(word):
    assert normalize_text(word.upper()) == normalize_text(word.lower()) or word.upper().lower() != word.lower()
    assert normalize_text(f"{word}-{word}") == normalize_text(f"{word} {word}") == normalize_text(word + word)


def test_numbers_as_typed_in_french():
    assert parse_number("12,5") == 12.5
    assert parse_number("1 200") == 1200
    assert parse_number("1\u00a0200,5") == 1200.5
    assert parse_number(" -3.5 ") == -3.5
    assert parse_number("40 %") == 40
    assert parse_number(7) == 7.0


def test_non_numbers_are_refused():
    for value in ["douze", "", "1,2,3", None, True, "nan", float("nan"), float("inf"), [1]]:
        assert parse_number(value) is None, value


@given(st.floats(-1e6, 1e6), st.floats(0, 1e3), st.floats(-1, 1))
def test_tolerance_accepts_inside_and_refuses_outside(target, tolerance, fraction):
    inside = target + fraction * tolerance
    assert within(inside, target, tolerance)
    outside = target + (tolerance * 1.01 + 1e-3) * (1 if fraction >= 0 else -1)
    assert not within(outside, target, tolerance)


@given(st.floats(-1e6, 1e6, allow_nan=False))
def test_a_number_typed_with_a_comma_parses_to_itself(value):
    text = repr(value).replace(".", ",")
    if "e" not in text and "inf" not in text:
        assert parse_number(text) == value
