"""The learner's record survives wrong field types, cut lines, many writers at once and kill -9."""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import subprocess
import sys
import time
import warnings

import pytest

import ocworkbook as ow
from ocworkbook.exercises.progress import ProgressLog, ProgressWarning


def _read_quietly(log):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ProgressWarning)
        return log.read()


@pytest.mark.filterwarnings("ignore::ocworkbook.exercises.progress.ProgressWarning")
@pytest.mark.parametrize("line", [
    {"event": "hint", "exercise": "m-terme", "hint": "deux"},
    {"event": "hint", "exercise": "m-terme", "hint": -4},
    {"event": "hint", "exercise": ["m-terme"], "hint": 1},
    {"event": "check", "exercise": "m-nombre", "status": "correct", "score": "1"},
    {"event": "check", "exercise": "m-nombre", "status": "bravo", "score": 1},
    {"event": "check", "exercise": "m-nombre", "status": "correct", "score": 7},
    {"event": "reflection", "exercise": "m-reflexion", "text": {"a": 1}},
    {"event": 3},
    ["not", "an", "event"],
])
def test_a_line_of_the_wrong_shape_is_set_aside_and_the_learner_can_still_hand_in(line, private_state, engine_bank,
                                                                                   tmp_path):
    log = ProgressLog(private_state)
    ow.exercise("m-nombre", bank=engine_bank).check(22)
    with open(log.path, "a", encoding="utf-8") as handle:
        handle.write(json.dumps(line) + "\n")
    ow.exercise("m-terme", bank=engine_bank).check("coconstruction")
    with pytest.warns(ProgressWarning):
        events = log.read()
    assert [e.get("exercise") for e in events if e["event"] == "check"] == ["m-nombre", "m-terme"]
    question = ow.exercise("m-terme", bank=engine_bank)
    assert "Indice 1/2" in question.hint()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ProgressWarning)
        paths = ow.export_answers("Éloïse Gagnon", folder=tmp_path / "remise", bank=engine_bank)
        ow.progress(bank=engine_bank)
    payload = json.loads(paths["remise"].read_text(encoding="utf-8"))
    assert set(payload["reponses"]) >= {"m-nombre", "m-terme"}
    assert payload["problemes"], "the learner's hand-in says a line was set aside"


def test_a_line_cut_by_a_crash_does_not_take_the_next_record_with_it(tmp_path):
    log = ProgressLog(tmp_path)
    log.append("check", exercise="a", status="correct", score=1.0)
    with open(log.path, "ab") as handle:
        handle.write(b'{"event": "check", "exercise": "cut')  # no newline: the write was cut short
    log.append("check", exercise="b", status="incorrect", score=0.0)
    events = _read_quietly(log)
    assert [e["exercise"] for e in events] == ["a", "b"]


def _append_many(folder, worker, count):
    log = ProgressLog(folder)
    for i in range(count):
        log.append("check", exercise=f"w{worker}", status="incorrect", score=0.0, answer="x" * 50, i=i)


def test_ten_thousand_parallel_appends_lose_nothing(tmp_path):
    ctx = multiprocessing.get_context("fork")
    workers = [ctx.Process(target=_append_many, args=(tmp_path, n, 2500)) for n in range(4)]
    for p in workers:
        p.start()
    for p in workers:
        p.join(timeout=120)
    events = _read_quietly(ProgressLog(tmp_path))
    assert len(events) == 10_000
    for n in range(4):
        assert sorted(e["i"] for e in events if e["exercise"] == f"w{n}") == list(range(2500))


WRITER = """
import sys
from ocworkbook.exercises.progress import ProgressLog
log = ProgressLog(sys.argv[1])
n = int(sys.argv[2])
print("ready", flush=True)
i = 0
while True:
    log.append("check", exercise="k", status="incorrect", score=0.0, answer="y" * 300, run=n, i=i)
    print(i, flush=True)  # acknowledged: this record was written
    i += 1
"""


def test_kill_9_during_writes_never_loses_an_acknowledged_record(tmp_path):
    script = tmp_path / "writer.py"
    script.write_text(WRITER, encoding="utf-8")
    acknowledged = {}
    for run in range(50):
        process = subprocess.Popen([sys.executable, str(script), str(tmp_path / "log"), str(run)],
                                   stdout=subprocess.PIPE, text=True)
        assert process.stdout.readline().strip() == "ready"
        time.sleep(0.005 + (run % 5) * 0.004)
        os.kill(process.pid, signal.SIGKILL)
        output, _ = process.communicate(timeout=30)
        done = [int(x) for x in output.split() if x.isdigit()]
        acknowledged[run] = max(done) if done else -1
    events = _read_quietly(ProgressLog(tmp_path / "log"))
    for run, last in acknowledged.items():
        written = {e["i"] for e in events if e.get("run") == run}
        assert set(range(last + 1)) <= written, run
    assert sum(last + 1 for last in acknowledged.values()) > 50
