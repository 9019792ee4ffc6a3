"""Benchmarks of the practitioner tools, printed as ratios against red-dwarf measured in the same run.

Run from the project root:  ``.venv/bin/python benchmarks/bench_tools.py``

Targets (issue 5): an opinion map of 2,000 participants × 900 statements in ≤ 0.6 s; 10,000 × 1,000
with 10 % of cells voted in ≤ 3.5 s and ≤ 500 MB peak. Our timings include everything the CLI
computes (20 or 10 subsamples for stability and the choice of k, representative statements,
consensus). red-dwarf (PyPI ``red-dwarf==0.4.0``, its own Polis port) is run in a separate virtual
environment given by ``--reddwarf-python`` (default ``/tmp/ocw/rdvenv/bin/python``); if it is missing,
the comparison is skipped with a message. Peak memory is the child process's maximum resident size.
Also timed: the partnership diagnostic (200 respondents) and the map of concertations (300 actors).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
CASES = [("2000x900", 2000, 900, 1.0, 0.6, None), ("10000x1000@10%", 10000, 1000, 0.1, 3.5, 500)]

OURS = r"""
import json, resource, sys, time
sys.path.insert(0, {here!r})
from synthetic_votes import synthetic_votes
table, _ = synthetic_votes({n}, {m}, density={d}, seed=1)
from ocworkbook.tools.opinions import opinion_map
opinion_map(synthetic_votes(60, 20, seed=2)[0])  # warm-up: imports and first calls
times = []
for _ in range({repeat}):
    start = time.perf_counter(); result = opinion_map(table, seed=0); times.append(time.perf_counter() - start)
print(json.dumps({{"seconds": min(times), "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                   "groups": result.n_groups, "stability": result.stability}}))
"""

THEIRS = r"""
import json, resource, sys, time, warnings
warnings.filterwarnings("ignore")
import numpy as np
values = np.load({path!r})["values"]
rows, cols = np.nonzero(~np.isnan(values))
votes = [{{"participant_id": int(i), "statement_id": int(j), "vote": int(values[i, j]), "modified": 0}}
         for i, j in zip(rows, cols)]
from reddwarf.implementations.polis import run_pipeline
times = []
for _ in range({repeat}):
    start = time.perf_counter(); result = run_pipeline(votes=votes, random_state=0)
    times.append(time.perf_counter() - start)
print(json.dumps({{"seconds": min(times), "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""


def child(python, code):
    done = subprocess.run([python, "-c", code], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        return None, done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "échec"
    return json.loads(done.stdout.strip().splitlines()[-1]), None


def long_votes(n, m, d):
    """The same synthetic matrix, saved for red-dwarf's process (which builds its long list of votes)."""
    sys.path.insert(0, str(HERE))
    from synthetic_votes import synthetic_votes

    table, _ = synthetic_votes(n, m, density=d, seed=1)
    handle = tempfile.NamedTemporaryFile(suffix=".npz", delete=False)
    import numpy as np

    np.savez(handle.name, values=table.votes.to_numpy())
    return handle.name


def bench_other_tools():
    import numpy as np
    import pandas as pd

    sys.path.insert(0, str(HERE.parent / "tests" / "tools"))
    from ocworkbook.tools.diagnostic import diagnose, load_instrument
    from ocworkbook.tools.network import analyse

    instrument = load_instrument()
    rng = np.random.default_rng(0)
    rows = [{"repondant": f"R{r}", "type_acteur": ["communautaire", "institution", "municipalite"][r % 3],
             "item": item, "cote": float(rng.integers(1, 6))} for r in range(200) for item in instrument.items["item"]]
    start = time.perf_counter()
    diagnose(pd.DataFrame(rows), instrument)
    print(f"diagnostic, 200 personnes × 18 items : {time.perf_counter() - start:.2f} s")
    pairs = {(f"a{rng.integers(300)}", f"t{rng.integers(40)}") for _ in range(1200)}
    start = time.perf_counter()
    analyse(pd.DataFrame(sorted(pairs), columns=["acteur", "table"]))
    print(f"carte des concertations, 300 acteurs × 40 tables : {time.perf_counter() - start:.2f} s")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reddwarf-python", default="/tmp/ocw/rdvenv/bin/python")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    have_rd = Path(args.reddwarf_python).is_file()
    if not have_rd:
        print(f"red-dwarf absent ({args.reddwarf_python}) : comparaison sautée. Pour l'installer : "
              "python3 -m venv /tmp/ocw/rdvenv && /tmp/ocw/rdvenv/bin/pip install red-dwarf==0.4.0")
    print("Carte des opinions (meilleur de", args.repeat, "essais ; mémoire = pic du processus)")
    ok = True
    for label, n, m, d, target_s, target_mb in CASES:
        ours, error = child(sys.executable, OURS.format(here=str(HERE), n=n, m=m, d=d, repeat=args.repeat))
        if error:
            print(f"  {label} : échec de notre outil : {error}")
            ok = False
            continue
        line = (f"  {label:>15} : ocworkbook {ours['seconds']:.2f} s, {ours['peak_mb']:.0f} Mo "
                f"(cible ≤ {target_s} s" + (f", ≤ {target_mb} Mo)" if target_mb else ")"))
        ok &= ours["seconds"] <= target_s and (target_mb is None or ours["peak_mb"] <= target_mb)
        if have_rd:
            path = long_votes(n, m, d)
            theirs, error = child(args.reddwarf_python, THEIRS.format(path=path, repeat=args.repeat))
            Path(path).unlink()
            if error:
                line += f" ; red-dwarf : échec ({error})"
            else:
                line += (f" ; red-dwarf {theirs['seconds']:.2f} s, {theirs['peak_mb']:.0f} Mo ; rapport temps "
                         f"{theirs['seconds'] / ours['seconds']:.2f}× plus rapide, mémoire "
                         f"{theirs['peak_mb'] / ours['peak_mb']:.2f}× moins")
        print(line)
    bench_other_tools()
    print("cibles atteintes" if ok else "CIBLE MANQUÉE")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
