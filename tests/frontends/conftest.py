"""The JupyterLite site built by the tests, served on loopback, and Debian's chromium to open it."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from browser_guard import CHROMIUM, CHROMIUM_ARGS, guard_offline

ROOT = Path(__file__).resolve().parents[2]
LITE_JUPYTER = ROOT / ".venv-lite" / "bin" / "jupyter"
LITE_CACHE = ROOT / ".cache" / "lite"


def _needed(path: Path, what: str):
    if not path.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{what} is missing ({path}): `make test` must install it")
        pytest.skip(f"{what} is missing ({path}); run `make lite-tools`")


@pytest.fixture(scope="session")
def lite_site(tmp_path_factory):
    """Build the site as `make lite` does (downloads cached in .cache/lite); yield its folder and report."""
    _needed(LITE_JUPYTER, "the JupyterLite build tools (.venv-lite)")
    from ocworkbook.publish.lite import build

    out = tmp_path_factory.mktemp("lite") / "site"
    report = build(out, LITE_JUPYTER, LITE_CACHE, log=lambda *_: None)
    return out, report


@pytest.fixture(scope="session")
def lite_url(lite_site):
    from ocworkbook.publish.lite_serve import serve

    with serve(lite_site[0]) as (url, _):
        yield url


@pytest.fixture
def new_lite_page():
    """Make chromium pages, each in a fresh browser context (its own storage, no restored tabs); every
    request leaving loopback is aborted and recorded in ``new_lite_page.outside``."""
    _needed(Path(CHROMIUM), "Debian's chromium (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    outside: list[str] = []

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        contexts = []

        def make():
            for context in contexts:
                context.close()
            contexts[:] = [browser.new_context(viewport={"width": 1400, "height": 1000})]
            guard_offline(contexts[0], outside)
            page = contexts[0].new_page()
            page.outside_requests = outside
            return page

        make.outside = outside
        yield make
        browser.close()


@pytest.fixture
def lite_page(new_lite_page):
    return new_lite_page()


CURRENT = "window.jupyterapp.shell.currentWidget"
KERNEL_IDLE = (f"() => {{ const w = {CURRENT}; return w && w.sessionContext && w.sessionContext.session"
               " && w.sessionContext.session.kernel && w.sessionContext.session.kernel.status === 'idle'; }")
CELLS = f"""() => {{ const nb = {CURRENT}.content; return nb.widgets.map((c, i) => {{
  const m = c.model; if (m.type !== 'code') return null; const outputs = [];
  for (let k = 0; k < m.outputs.length; k++) outputs.push(m.outputs.get(k).toJSON());
  return {{index: i, source: m.sharedModel.getSource(), count: m.executionCount, outputs}}; }}).filter(Boolean); }}"""


def open_notebook(page, url: str, notebook: str, timeout: float = 240_000) -> float:
    """Open ``notebooks/notebook`` in JupyterLite and wait for an idle kernel; return the seconds it took."""
    start = time.monotonic()
    page.goto(f"{url}lab/index.html?path=notebooks/{notebook}")
    page.wait_for_function("window.jupyterapp !== undefined", timeout=timeout)
    page.wait_for_function(f"(name) => {{ const w = {CURRENT}; return w && w.context"
                           " && w.context.path.endsWith(name); }", arg=notebook, timeout=timeout)
    page.wait_for_function(KERNEL_IDLE, timeout=timeout)
    return time.monotonic() - start


def run_all(page, timeout: float = 600_000) -> list[dict]:
    """Run every code cell, going on past a failing cell as a learner would; return the cells."""
    deadline = time.monotonic() + timeout / 1000
    page.evaluate("window.jupyterapp.commands.execute('notebook:run-all-cells')")
    while time.monotonic() < deadline:
        page.wait_for_timeout(1000)
        page.wait_for_function(KERNEL_IDLE, timeout=timeout)
        page.wait_for_timeout(500)
        if not page.evaluate(KERNEL_IDLE):
            continue
        cells = page.evaluate(CELLS)
        pending = [c for c in cells if c["count"] is None]
        if not pending:
            return cells
        page.evaluate(f"(i) => {{ const nb = {CURRENT}.content; nb.activeCellIndex = i;"
                      " window.jupyterapp.commands.execute('notebook:run-all-below'); }", pending[0]["index"])
    raise TimeoutError("cells still running")


def cell_problems(cells: list[dict]) -> tuple[list[str], list[str]]:
    """(cells whose output is a traceback, cells that said a browser package is missing)."""
    errors, degraded = [], []
    for cell in cells:
        first_line = cell["source"].splitlines()[0] if cell["source"] else ""
        for output in cell["outputs"]:
            if output.get("output_type") == "error":
                errors.append(f"cellule {cell['index']} ({first_line[:50]}) : {output.get('ename')}: "
                              f"{output.get('evalue')}")
            text = str((output.get("data") or {}).get("text/markdown", ""))
            if "pour la version navigateur" in text or "dans la version navigateur" in text:
                degraded.append(f"cellule {cell['index']} ({first_line[:50]})")
    return errors, degraded
