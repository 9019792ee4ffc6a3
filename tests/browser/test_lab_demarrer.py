"""In a real JupyterLab and a real browser: run 00-demarrer, answer wrongly then rightly, see a chart."""

import pytest

from .conftest import open_and_run

pytestmark = pytest.mark.browser


def test_learner_runs_the_first_notebook(lab_server, browser_page, tmp_path):
    page = browser_page
    open_and_run(page, lab_server, "00-demarrer.ipynb")

    exercise = page.locator(".ocw-exercise", has_text="Ouvrir une première rencontre")
    exercise.wait_for(timeout=90_000)
    exercise.get_by_text("La coordination présente le plan", exact=False).click()
    exercise.get_by_role("button", name="Vérifier").click()
    feedback = exercise.locator(".ocw-feedback")
    feedback.filter(has_text="Pas encore").wait_for(timeout=20_000)
    assert "approbation" in feedback.inner_text()

    exercise.get_by_text("Un tour de table où chaque organisation", exact=False).click()
    exercise.get_by_role("button", name="Vérifier").click()
    feedback.filter(has_text="Bonne réponse").wait_for(timeout=20_000)
    assert "✓" in feedback.inner_text()

    chart = page.locator(".vega-embed").first
    chart.scroll_into_view_if_needed(timeout=60_000)
    chart.locator("canvas, svg").first.wait_for(timeout=60_000)
    box = chart.bounding_box()
    assert box and box["width"] > 100 and box["height"] > 100
    page.screenshot(path=str(tmp_path / "demarrer.png"))

    assert page.outside_requests == [], f"requests left the machine: {page.outside_requests[:5]}"
