"""The JupyterLite site in Debian's chromium: built by the test, served on loopback, nothing off it."""

from __future__ import annotations

import json

import pytest

from ocworkbook.publish.lite_wheels import sha256

from .conftest import CURRENT, ROOT, cell_problems, open_notebook, run_all

pytestmark = [pytest.mark.browser, pytest.mark.slow]

NOTEBOOKS = sorted(p.name for p in (ROOT / "notebooks").glob("0*.ipynb"))

CHART_CELL = """import altair as alt
alt.Chart(alt.Data(values=[{"mois": "janv.", "rencontres": 3}, {"mois": "févr.", "rencontres": 5}])).mark_bar().encode(
    x=alt.X("mois:N", title="Mois"), y=alt.Y("rencontres:Q", title="Rencontres"))"""

STATE_CELL = """from ocworkbook.exercises.progress import ProgressLog
mine = [e for e in ProgressLog.default().read() if e.get("exercise") == "00-ouvrir-la-rencontre"]
print("événements :", len(mine))"""


def run_new_cell(page, source: str) -> None:
    """Append a code cell at the end of the notebook and run it (what a learner types)."""
    page.evaluate(f"""(source) => {{ const nb = {CURRENT}.content; const n = nb.model.sharedModel.cells.length;
        nb.model.sharedModel.insertCell(n, {{cell_type: 'code', source}}); nb.activeCellIndex = n;
        return window.jupyterapp.commands.execute('notebook:run-cell'); }}""", source)


def test_site_is_complete_and_offline(lite_site):
    site, report = lite_site
    lock = json.loads((site / "static" / "pyodide" / "pyodide-lock.json").read_text(encoding="utf-8"))
    for name, entry in lock["packages"].items():
        shipped = site / "static" / "pyodide" / entry["file_name"]
        assert shipped.is_file() and sha256(shipped) == entry["sha256"], name
    assert {"ocworkbook", "ipywidgets", "altair", "pyyaml", "networkx"} <= set(lock["packages"])
    config = json.loads((site / "jupyter-lite.json").read_text(encoding="utf-8"))["jupyter-config-data"]
    kernel = config["litePluginSettings"]["@jupyterlite/pyodide-kernel-extension:kernel"]
    assert kernel["disablePyPIFallback"] is True and kernel["pyodideUrl"].startswith("./static/pyodide/")
    files = site / "files"
    assert (files / "notebooks" / "00-demarrer.ipynb").is_file() and (files / "datasets" / "datapackage.json").is_file()
    learner_bank = (files / "exercises" / "00-demarrer.yml").read_text(encoding="utf-8")
    assert "Édition étudiante" in learner_bank and "correct: true" not in learner_bank  # hashed keys only
    assert report["size_bytes"] > 20e6 and set(report["absent"]) <= {"numpy", "pandas", "scikit-learn", "scipy"}
    import zipfile

    wheel = zipfile.ZipFile(site / "static" / "pyodide" / lock["packages"]["ocworkbook"]["file_name"])
    banks = [n for n in wheel.namelist()
             if "/_workbook/exercises/" in n and n.endswith(".yml") and "/scenarios/" not in n]
    assert banks and not any("correct: true" in wheel.read(n).decode("utf-8") for n in banks)  # the wheel too


def option_starts(exercise_id: str) -> tuple[str, str]:
    """The first words of a wrong and of the right option of a single-choice exercise of notebook 00."""
    import yaml

    bank = yaml.safe_load((ROOT / "exercises" / "00-demarrer.yml").read_text(encoding="utf-8"))
    options = next(e for e in bank["exercices"] if e["id"] == exercise_id)["options"]
    start = lambda o: " ".join(o["texte"].split()[:4])  # noqa: E731 — short words, no « : » (typography)
    return start(next(o for o in options if not o.get("correct"))), start(next(o for o in options if o.get("correct")))


def test_learner_runs_the_first_notebook_offline(lite_url, lite_page, tmp_path):
    page = lite_page
    open_notebook(page, lite_url, "00-demarrer.ipynb")
    cells = run_all(page)
    errors, degraded = cell_problems(cells)
    assert errors == []
    assert "Version navigateur (JupyterLite)" in json.dumps(cells[1]["outputs"], ensure_ascii=False)

    exercise = page.locator(".ocw-exercise", has_text="Ouvrir une première rencontre")
    exercise.scroll_into_view_if_needed(timeout=60_000)
    wrong, right = option_starts("00-ouvrir-la-rencontre")  # read from the bank: an author may reword them
    exercise.get_by_text(wrong, exact=False).click()
    exercise.get_by_role("button", name="Vérifier").click()
    feedback = exercise.locator(".ocw-feedback")
    feedback.filter(has_text="Pas encore").wait_for(timeout=30_000)
    exercise.get_by_text(right, exact=False).click()
    exercise.get_by_role("button", name="Vérifier").click()
    feedback.filter(has_text="Bonne réponse").wait_for(timeout=30_000)
    assert "✓" in feedback.inner_text()

    run_new_cell(page, CHART_CELL)
    chart = page.locator(".vega-embed").last
    chart.wait_for(timeout=60_000)
    chart.scroll_into_view_if_needed()
    chart.locator("canvas, svg").first.wait_for(timeout=60_000)
    box = chart.bounding_box()
    assert box and box["width"] > 100 and box["height"] > 100
    page.screenshot(path=str(tmp_path / "lite-demarrer.png"))

    # The two answers are in the progress log, kept in the browser's storage: a new page still has them.
    open_notebook(page, lite_url, "00-demarrer.ipynb")
    page.evaluate(f"{CURRENT}.content.activeCellIndex = 0")
    run_new_cell(page, "%pip install -q ocworkbook\n" + STATE_CELL)
    page.locator(".jp-OutputArea-output", has_text="événements :").last.wait_for(timeout=90_000)
    text = page.locator(".jp-OutputArea-output", has_text="événements :").last.inner_text()
    assert int(text.split(":")[-1]) >= 2

    assert page.outside_requests == [], f"requests left the machine: {page.outside_requests[:5]}"


def test_every_notebook_runs_in_the_browser(lite_url, new_lite_page):
    """Notebooks 00–08, every cell: no traceback anywhere; cells needing an absent package are listed."""
    summary = {}
    for notebook in NOTEBOOKS:
        page = new_lite_page()
        open_notebook(page, lite_url, notebook)
        cells = run_all(page)
        assert cells[0]["source"].startswith("# Installation"), notebook  # the page shows this notebook
        errors, degraded = cell_problems(cells)
        widgets = page.locator(".ocw-exercise").count()
        summary[notebook] = {"cells": len(cells), "errors": errors, "degraded": degraded, "exercises": widgets}
    report = ROOT / "_build" / "lite-notebooks.json"
    report.parent.mkdir(exist_ok=True)
    report.write_text(json.dumps(summary, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    for notebook, row in summary.items():
        print(f"{notebook}: {row['cells']} cellules, {row['exercises']} exercices, "
              f"{len(row['degraded'])} sans pandas, {len(row['errors'])} en erreur")
    assert {n: r["errors"] for n, r in summary.items() if r["errors"]} == {}
    assert all(row["exercises"] > 0 for row in summary.values())
    assert new_lite_page.outside == [], f"requests left the machine: {new_lite_page.outside[:5]}"
