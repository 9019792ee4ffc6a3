"""Core benchmarks (issue 2), printed as ratios against baselines measured in the same run.

- ``import ocworkbook`` vs ``import pandas`` (fresh interpreter each time; target ≤ 1.2×);
- ``check()`` latency over every exercise of the bank, p50 and p95 (target p95 ≤ 5 ms);
- headless execution of each notebook vs a baseline notebook that only imports pandas, altair and
  ipywidgets and draws one chart (target for 00-demarrer: ≤ 2×).

Run: ``.venv/bin/python benchmarks/bench_core.py`` (or ``make bench`` for every benchmark).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _import_seconds(module: str, repeat: int = 7) -> float:
    code = f"import time; t = time.perf_counter(); import {module}; print(time.perf_counter() - t)"
    times = [float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)
             for _ in range(repeat)]
    return statistics.median(times)


def bench_import() -> dict:
    ours, pandas = _import_seconds("ocworkbook"), _import_seconds("pandas")
    return {"import ocworkbook (s)": ours, "import pandas (s)": pandas, "ratio": ours / pandas, "target": 1.2}


def bench_check(rounds: int = 200) -> dict:
    import tempfile

    from ocworkbook.editions.build import build_edition
    from ocworkbook.exercises.bank import load_bank
    from ocworkbook.exercises.check import check
    from ocworkbook.exercises.solution import reference_answer, wrong_answer

    clear = load_bank(ROOT)
    with tempfile.TemporaryDirectory() as folder:  # the learner edition's hashed keys are timed too
        build_edition("learner", Path(folder) / "ed", source=ROOT)
        learner = load_bank(Path(folder) / "ed")
    samples = []
    for _ in range(rounds):
        for ex in clear.exercises.values():
            for answer in (reference_answer(ex), wrong_answer(ex)):
                for edition in (ex, learner.get(ex.id)):
                    start = time.perf_counter()
                    check(edition, answer)
                    samples.append(time.perf_counter() - start)
    samples.sort()
    p50, p95 = samples[len(samples) // 2], samples[int(len(samples) * 0.95)]
    return {"checks": len(samples), "p50 (ms)": p50 * 1e3, "p95 (ms)": p95 * 1e3, "ratio p95/target": p95 / 0.005,
            "target": 1.0}


BASELINE = """
import pandas as pd
import altair as alt
import ipywidgets as w
alt.renderers.enable("jupyter", offline=True)
df = pd.DataFrame({"x": list(range(10)), "y": [v * v for v in range(10)]})
alt.Chart(df).mark_bar().encode(x="x:O", y="y:Q")
"""


def _execute_seconds(path: Path, cwd: Path) -> float:
    import nbformat
    from nbclient import NotebookClient

    notebook = nbformat.read(path, as_version=4)
    start = time.perf_counter()
    NotebookClient(notebook, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(cwd)}}).execute()
    return time.perf_counter() - start


def bench_notebooks() -> list[dict]:
    import nbformat

    os.environ.setdefault("OCWORKBOOK_STATE", tempfile.mkdtemp(prefix="ocw-bench-"))
    with tempfile.TemporaryDirectory() as folder:
        baseline_path = Path(folder) / "baseline.ipynb"
        nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(BASELINE)])
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        nbformat.write(nb, baseline_path)
        _execute_seconds(baseline_path, ROOT / "notebooks")  # warm the disk cache
        baseline = statistics.median(_execute_seconds(baseline_path, ROOT / "notebooks") for _ in range(3))
    rows = []
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        seconds = _execute_seconds(path, path.parent)
        rows.append({"notebook": path.name, "seconds": seconds, "baseline (s)": baseline,
                     "ratio": seconds / baseline, "target": 2.0 if path.name.startswith("00-") else None})
    return rows


def _print(title: str, row: dict) -> None:
    cells = ", ".join(f"{k} = {v:.3g}" if isinstance(v, float) else f"{k} = {v}" for k, v in row.items()
                      if v is not None)
    verdict = ""
    if row.get("target") is not None and "ratio" in row:
        verdict = "  ✓" if row["ratio"] <= row["target"] else "  ✗ over target"
    if "ratio p95/target" in row:
        verdict = "  ✓" if row["ratio p95/target"] <= 1 else "  ✗ over target"
    print(f"{title}: {cells}{verdict}")


def main() -> int:
    _print("import", bench_import())
    _print("check()", bench_check())
    for row in bench_notebooks():
        _print("notebook", row)
    return 0


if __name__ == "__main__":
    sys.exit(main())
