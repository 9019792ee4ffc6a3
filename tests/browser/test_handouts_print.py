"""Every paper handout of the shipped workshop plans fits on one Letter page when printed by chromium.

The facilitator hands out one sheet per activity and collects them by activity: a grid that spills
onto a second page prints badly and mixes the piles. Each ``section.fiche`` is measured in print
media at the printable width of a Letter page (the margins are read from the handouts' own
``@page`` rule), and the PDF chromium prints must have exactly one page per handout.
"""

from __future__ import annotations

import re

import pytest

from ocworkbook.atelier.handouts import STYLE, handouts_html
from ocworkbook.atelier.plan import build_plan, plan_files
from ocworkbook.exercises.bank import load_bank

from .conftest import CHROMIUM, CHROMIUM_ARGS, ROOT, _require_chromium

PX_PER_MM = 96 / 25.4
LETTER_PX = (8.5 * 96, 11 * 96)


def _printable_area() -> tuple[float, float]:
    """Width and height left inside the ``@page`` margins (``margin: TOPmm SIDEmm``)."""
    found = re.search(r"@page\s*{[^}]*size:\s*letter;\s*margin:\s*([\d.]+)mm(?:\s+([\d.]+)mm)?", STYLE)
    assert found, "the handouts must set a Letter page with margins in mm"
    vertical = float(found.group(1))
    horizontal = float(found.group(2) or vertical)
    return LETTER_PX[0] - 2 * horizontal * PX_PER_MM, LETTER_PX[1] - 2 * vertical * PX_PER_MM


def _pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))


@pytest.fixture(scope="module")
def printer():
    _require_chromium()
    from playwright.sync_api import sync_playwright

    width, height = _printable_area()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        page = browser.new_page(viewport={"width": int(width), "height": int(height)})
        page.emulate_media(media="print")
        page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(("file:", "data:"))
                   else route.abort())
        yield page, height
        browser.close()


@pytest.mark.parametrize("notebook", [p.stem for p in plan_files(ROOT)])
def test_each_handout_fits_one_letter_page(printer, notebook, tmp_path):
    page, height = printer
    bank = load_bank(ROOT)
    specs = build_plan(notebook, ROOT, bank)
    target = tmp_path / f"{notebook}.html"
    target.write_text(handouts_html(specs, notebook, bank=bank), encoding="utf-8")
    page.goto(target.as_uri())
    heights = page.evaluate("() => [...document.querySelectorAll('section.fiche')].map("
                            "s => [s.querySelector('h1').textContent, s.getBoundingClientRect().height])")
    assert len(heights) == len(specs)
    too_tall = [(title, round(h)) for title, h in heights if h > height]
    assert not too_tall, f"handouts taller than one Letter page ({round(height)} px): {too_tall}"
    assert _pdf_pages(page.pdf(format="Letter", prefer_css_page_size=True)) == len(specs)
