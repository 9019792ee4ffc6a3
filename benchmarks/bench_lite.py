"""JupyterLite site: its size, and the time from opening 00-demarrer to the first exercise widget.

Uses ``_build/lite`` (built by ``make lite``; built here if missing and ``.venv-lite`` exists), served
on loopback, opened in Debian's chromium with an empty cache each run (a learner's first visit),
then once more in the same browser (the second visit, files cached by the browser). The clock
starts at the page request and stops when the first exercise is drawn, after « Exécuter tout » is
asked as soon as the kernel is ready.

    python benchmarks/bench_lite.py [--runs 3]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SITE = ROOT / "_build" / "lite"
sys.path.insert(0, str(ROOT / "tests" / "frontends"))

from conftest import CHROMIUM, CHROMIUM_ARGS, KERNEL_IDLE, LITE_CACHE, LITE_JUPYTER  # noqa: E402


def sizes(site: Path) -> dict[str, float]:
    def mb(paths):
        return round(sum(p.stat().st_size for p in paths if p.is_file()) / 1e6, 1)

    pyodide = site / "static" / "pyodide"
    return {
        "site": mb(site.rglob("*")),
        "pyodide core": mb(p for p in pyodide.iterdir() if not p.name.endswith(".whl")),
        "python wheels": mb(pyodide.glob("*.whl")),
        "jupyterlite app": mb(p for p in site.rglob("*") if pyodide not in p.parents),
    }


def first_widget(page, url: str) -> tuple[float, float]:
    start = time.monotonic()
    page.goto(f"{url}lab/index.html?path=notebooks/00-demarrer.ipynb")
    page.wait_for_function("window.jupyterapp !== undefined", timeout=300_000)
    page.wait_for_function(KERNEL_IDLE, timeout=300_000)
    ready = time.monotonic() - start
    page.evaluate("window.jupyterapp.commands.execute('notebook:run-all-cells')")
    page.locator(".ocw-exercise").first.wait_for(timeout=300_000)
    return ready, time.monotonic() - start


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if not (SITE / "index.html").is_file():
        if not LITE_JUPYTER.exists():
            print("_build/lite is missing: run `make lite` first")
            return 1
        from ocworkbook.publish.lite import build

        build(SITE, LITE_JUPYTER, LITE_CACHE, log=lambda *_: None)
    for name, value in sizes(SITE).items():
        print(f"size of {name:16s}: {value:6.1f} MB")

    from playwright.sync_api import sync_playwright

    from ocworkbook.publish.lite_serve import serve

    cold, ready_times = [], []
    with serve(SITE) as (url, _), sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        for _ in range(args.runs):
            context = browser.new_context()
            ready, widget = first_widget(context.new_page(), url)
            ready_times.append(ready)
            cold.append(widget)
            context.close()
        context = browser.new_context()
        first_widget(context.new_page(), url)
        _, warm = first_widget(context.new_page(), url)
        context.close()
        browser.close()
    print(f"first visit: kernel ready in {statistics.median(ready_times):.1f} s, first exercise widget in "
          f"{statistics.median(cold):.1f} s (median of {args.runs}; min {min(cold):.1f}, max {max(cold):.1f})")
    print(f"second visit (browser cache): first exercise widget in {warm:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
