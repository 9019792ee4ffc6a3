"""The learner edition shows the learner exactly what the clear key shows: same verdict, score,
feedback (numeric « trop haut / trop bas » and an ordering's misplaced element included), message
and solution, for every exercise of the engine's bank and of the shipped bank."""

from __future__ import annotations

import pytest

from conftest import ENGINE_ROOT, ROOT
from ocworkbook.editions.build import build_edition
from ocworkbook.editions.leaks import probes, verify_learner_checks
from ocworkbook.exercises.bank import load_bank
from ocworkbook.exercises.check import check
from ocworkbook.exercises.solution import solution_markdown


def _pair(root, tmp_path):
    clear = load_bank(root)
    build_edition("learner", tmp_path / "learner", source=root, salt="sel-essai")
    return clear, load_bank(tmp_path / "learner")


@pytest.mark.parametrize("root", [ENGINE_ROOT, ROOT], ids=["banque-moteur", "banque-livree"])
def test_every_probe_gives_the_same_result_in_both_editions(root, tmp_path):
    clear, learner = _pair(root, tmp_path)
    assert set(learner.exercises) == set(clear.exercises)
    compared = 0
    for ex_id, key in clear.exercises.items():
        hashed = learner.get(ex_id)
        assert hashed.hashed and not key.hashed
        assert solution_markdown(hashed) == solution_markdown(key), ex_id
        for answer in probes(key):
            expected, got = check(key, answer, strict=True), check(hashed, answer, strict=True)
            assert (got.status, got.score, got.feedback, got.message) == \
                (expected.status, expected.score, expected.feedback, expected.message), (ex_id, answer)
            compared += 1
    assert compared > 10 * len(clear.exercises)
    assert verify_learner_checks(clear, learner) == []


def test_directional_and_ordering_feedback_survive_hashing(tmp_path):
    clear, learner = _pair(ENGINE_ROOT, tmp_path)
    number = learner.get("m-nombre")
    assert check(number, 40).feedback == ["Trop haut."] and check(number, 3).feedback == ["Trop bas."]
    assert check(number, "22,4").correct and check(number, 95).feedback == ["95, ce sont les anciens CSSS."]
    order = learner.get("m-ordre")
    result = check(order, ["deux", "un", "trois", "quatre"])
    assert result.status == "partiel" and result.feedback == ["Le deuxième suit le premier."]
    assert check(clear.get("m-ordre"), ["deux", "un", "trois", "quatre"]).feedback == result.feedback


def test_the_edition_proof_notices_feedback_that_would_differ(tmp_path):
    clear, learner = _pair(ENGINE_ROOT, tmp_path)
    broken = learner.get("m-nombre")
    broken.key.reference.clear()  # as if the learner edition had lost the reference value
    problems = verify_learner_checks(clear, learner)
    assert any("m-nombre" in str(p) for p in problems)
