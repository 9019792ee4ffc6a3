"""The learner's record: append-only, survives restarts and concurrent writers, never loses a line."""

import json
import multiprocessing
import warnings

import pytest

from ocworkbook.exercises.progress import ProgressLog, ProgressWarning, summarize


def _writer(folder, worker, count):
    log = ProgressLog(folder)
    for i in range(count):
        log.append("check", exercise=f"w{worker}", status="incorrect", score=0.0, answer="x" * 200, i=i)


def test_events_survive_a_new_log_object(tmp_path):
    ProgressLog(tmp_path).append("check", exercise="e", status="correct", score=1.0, answer={"a", "b"})
    events = ProgressLog(tmp_path).read()  # as after a kernel restart
    assert events[0]["exercise"] == "e" and events[0]["answer"] == ["a", "b"]


def test_two_processes_writing_at_once_do_not_mix_lines(tmp_path):
    ctx = multiprocessing.get_context("fork")
    workers = [ctx.Process(target=_writer, args=(tmp_path, n, 200)) for n in range(2)]
    for p in workers:
        p.start()
    for p in workers:
        p.join()
    lines = (tmp_path / "progress.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 400
    assert all(json.loads(line)["event"] == "check" for line in lines)


def test_corrupt_line_is_set_aside_with_a_warning_not_dropped(tmp_path):
    log = ProgressLog(tmp_path)
    log.append("check", exercise="a", status="correct", score=1.0)
    with open(log.path, "a", encoding="utf-8") as handle:
        handle.write('{"event": "check", "exerc\n')  # a line cut by a crash
    log.append("check", exercise="b", status="incorrect", score=0.0)
    with pytest.warns(ProgressWarning, match=r"progress.jsonl contient des lignes illisibles \(ligne\(s\) 2\)"):
        events = log.read()
    assert [e["exercise"] for e in events] == ["a", "b"]
    aside = [json.loads(x) for x in log.corrupt_path.read_text(encoding="utf-8").splitlines()]
    assert aside == [{"line": 2, "text": '{"event": "check", "exerc', "found": aside[0]["found"]}]
    assert '"exerc' in log.path.read_text(encoding="utf-8")  # the original file is never rewritten
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        log.read()
    assert len(log.corrupt_path.read_text(encoding="utf-8").splitlines()) == 1  # set aside once


def test_summary_keeps_best_score_and_counts_attempts(tmp_path):
    log = ProgressLog(tmp_path)
    log.append("check", exercise="a", status="incorrect", score=0.0, answer="x")
    log.append("check", exercise="a", status="invalide", score=0.0, answer="douze")
    log.append("check", exercise="a", status="correct", score=1.0, answer="y")
    log.append("check", exercise="a", status="partiel", score=0.5, answer="z")
    log.append("hint", exercise="a", hint=1)
    s = summarize(log.read())["a"]
    assert s["attempts"] == 3 and s["best_score"] == 1.0 and s["status"] == "correct" and s["hints"] == 2
