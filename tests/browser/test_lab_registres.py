"""In a real browser: notebook 03's diagnostic grid places a situation and draws its chart."""

import pytest

from .conftest import open_and_run

pytestmark = pytest.mark.browser


def test_grid_places_a_situation_on_the_continuum(lab_server, browser_page, tmp_path):
    page = browser_page
    open_and_run(page, lab_server, "03-instrumentalisation-coconstruction.ipynb")
    button = page.get_by_role("button", name="Placer sur le continuum").first
    button.wait_for(timeout=120_000)
    button.scroll_into_view_if_needed()
    grid = page.locator(".widget-vbox", has=button).last
    button.click()
    chart = grid.locator(".vega-embed").first
    chart.locator("canvas, svg").first.wait_for(timeout=60_000)
    box = chart.bounding_box()
    assert box and box["width"] > 100 and box["height"] > 40
    assert "/ 100" in grid.inner_text() or "100" in grid.inner_text()
    page.screenshot(path=str(tmp_path / "registres.png"), full_page=False)
    assert page.outside_requests == [], f"requests left the machine: {page.outside_requests[:5]}"
