"""Editions, export and grading benchmarks (issue 6), printed as ratios to their targets.

- build the learner edition (with its proof: checks intact, no answer in clear) and the
  instructor edition, export the HTML site and the slides of every notebook: target ≤ 180 s in
  total on 2 cores (the export executes each notebook, two at a time);
- ``ocworkbook grade`` on 300 synthetic submissions built from the real bank (right, wrong and
  missing answers, one renamed copy, one hand-edited file): target ≤ 10 s.

Run: ``.venv/bin/python benchmarks/bench_editions.py`` (or ``make bench``).
"""

from __future__ import annotations

import json
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUILD_TARGET, GRADE_TARGET = 180.0, 10.0


def _timed(label: str, function, results: list) -> object:
    start = time.perf_counter()
    value = function()
    seconds = time.perf_counter() - start
    results.append((label, seconds))
    print(f"  {label}: {seconds:.1f} s", flush=True)
    return value


def bench_build_and_export(folder: Path) -> dict:
    from ocworkbook.editions.build import build_edition
    from ocworkbook.editions.leaks import verify_edition
    from ocworkbook.exercises.bank import load_bank
    from ocworkbook.publish.site import export_html
    from ocworkbook.publish.slides import export_slides

    steps: list = []
    _timed("learner edition + proof", lambda: (build_edition("learner", folder / "learner", source=ROOT),
                                                verify_edition(folder / "learner", load_bank(ROOT))), steps)
    _timed("instructor edition", lambda: build_edition("instructor", folder / "instructor", source=ROOT), steps)
    site = _timed("HTML site", lambda: export_html(folder / "site", source=ROOT, jobs=2), steps)
    _timed("slides", lambda: export_slides(folder / "slides", source=ROOT, jobs=2), steps)
    total = sum(seconds for _, seconds in steps)
    return {"notebooks": len(site.pages), "total (s)": total, "target (s)": BUILD_TARGET,
            "ratio": total / BUILD_TARGET}


def synthetic_submissions(folder: Path, count: int = 300) -> None:
    from ocworkbook.exercises.bank import load_bank
    from ocworkbook.exercises.solution import reference_answer, wrong_answer
    from ocworkbook.exercises.submission import checksum

    bank = load_bank(ROOT)
    rng = random.Random(6)
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(count):
        answers = {}
        for ex in bank.exercises.values():
            draw = rng.random()
            if draw < 0.15:
                continue
            answer = reference_answer(ex) if draw < 0.7 else wrong_answer(ex)
            answers[ex.id] = {"carnet": ex.notebook, "type": ex.type, "reponse": answer, "statut": None,
                              "score": None, "essais": 1, "indices": 0, "solution_vue": False}
        payload = {"format": "ocworkbook-remise", "version": 1, "cahier_version": "0.1.0",
                   "personne": f"personne{number:03d}@exemple.org", "cree": "2026-11-20T10:00:00",
                   "reponses": answers, "reflexions": [], "problemes": []}
        payload["checksum"] = checksum(payload)
        if number == 7:
            payload["personne"] = "modifiee@exemple.org"  # edited after export: checksum mismatch
        (folder / f"remise-{number:03d}.json").write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
    (folder / "remise-000 (1).json").write_bytes((folder / "remise-000.json").read_bytes())


def bench_grade(folder: Path) -> dict:
    import contextlib
    import io

    from ocworkbook.cli.main import main

    synthetic_submissions(folder / "remises")
    start = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        code = main(["grade", "--key", str(ROOT), str(folder / "remises"), "--out", str(folder / "notes.csv")])
    seconds = time.perf_counter() - start
    rows = (folder / "notes.csv").read_text(encoding="utf-8").count("\n") - 1
    return {"submissions": 301, "rows": rows, "exit": code, "seconds": seconds, "target (s)": GRADE_TARGET,
            "ratio": seconds / GRADE_TARGET}


def _print(title: str, row: dict) -> None:
    cells = ", ".join(f"{k} = {v:.3g}" if isinstance(v, float) else f"{k} = {v}" for k, v in row.items())
    print(f"{title}: {cells}  {'✓' if row['ratio'] <= 1 else '✗ over target'}", flush=True)


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="ocw-bench-editions-") as tmp:
        folder = Path(tmp)
        print("build + export (every notebook):", flush=True)
        _print("editions + site + slides", bench_build_and_export(folder))
        _print("grade 300 submissions", bench_grade(folder))
    return 0


if __name__ == "__main__":
    sys.exit(main())
