"""Exported pages opened in headless chromium with every non-file, non-loopback request refused:
each shows all its charts (SVG) and no error. Slides run reveal.js from the local copy."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from browser_guard import CHROMIUM, CHROMIUM_ARGS
from editions.sample_workbook import NOTES_TEXT, write_sample

LOOPBACK = ("http://127.0.0.1", "http://localhost", "https://127.0.0.1", "https://localhost")

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def browser():
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail("Debian's chromium is missing: .ci/run must install it")
        pytest.skip("Debian's chromium is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


def open_offline(browser, path: Path) -> dict:
    """Open ``path`` with the network refused; returns what was blocked, errors and counts."""
    blocked, errors = [], []
    context = browser.new_context()
    page = context.new_page()

    def route(request_route):
        url = request_route.request.url
        if url.startswith(("file:", "data:", "blob:", "about:")) or url.startswith(LOOPBACK):
            request_route.continue_()
        else:
            blocked.append(url)
            request_route.abort()

    page.route("**/*", route)
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    page.wait_for_timeout(200)
    result = {"blocked": blocked, "errors": errors, "svg": page.locator(".jp-RenderedSVG svg").count(),
              "static_widgets": page.locator(".ocw-static-widget").count(),
              "reveal": page.evaluate("typeof Reveal !== 'undefined' && Reveal.isReady()"),
              "notes": page.locator("aside.notes").count(), "text": page.inner_text("body")}
    context.close()
    return result


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    from ocworkbook.publish.site import export_html
    from ocworkbook.publish.slides import export_slides

    folder = tmp_path_factory.mktemp("export")
    source = write_sample(folder / "source")
    site = export_html(folder / "site", source=source, jobs=1)
    slides = export_slides(folder / "slides", source=source, jobs=1)
    return site, slides


@pytest.fixture(scope="module")
def learner_slides(exported):
    from ocworkbook.publish.slides import export_slides

    site, _ = exported
    source = site.out.parent / "source"
    return export_slides(site.out.parent / "slides-learner", source=source, edition="learner", jobs=1)


def test_html_site_shows_charts_offline(browser, exported):
    site, _ = exported
    page = site.pages[0]
    assert page.charts == 1 and page.widgets >= 3
    seen = open_offline(browser, site.out / page.filename)
    assert seen["blocked"] == [] and seen["errors"] == []
    assert seen["svg"] == page.charts
    assert seen["static_widgets"] == page.widgets
    assert NOTES_TEXT not in seen["text"] and "ex.check(reponse)" not in seen["text"]
    index = open_offline(browser, site.out / "index.html")
    assert index["blocked"] == [] and "Carnet d'essai" in index["text"]


def test_slides_run_reveal_locally_with_speaker_notes(browser, exported):
    _, slides = exported
    page = slides.pages[0]
    seen = open_offline(browser, slides.out / page.filename)
    assert seen["blocked"] == [] and seen["errors"] == []
    assert seen["reveal"] is True
    assert seen["svg"] == page.charts == 1
    assert seen["notes"] >= 1
    assert 'alt.Chart(df)' not in (slides.out / page.filename).read_text(encoding="utf-8")  # code hidden


EXERCISE_NOTES = "Demandez au groupe quand un vote rapide"   # the ``notes`` of exercise 01-unique
ANSWER = "Un tour de table des attentes"                      # its right option


def test_slides_show_exercises_without_answer_and_their_notes_only_to_the_speaker(browser, exported,
                                                                                  learner_slides):
    _, slides = exported
    page = slides.pages[0]
    seen = open_offline(browser, slides.out / page.filename)
    assert seen["static_widgets"] >= 2 and "Ouvrir la rencontre" in seen["text"]
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    tab = context.new_page()
    tab.goto((slides.out / page.filename).as_uri())
    tab.wait_for_function("typeof Reveal !== 'undefined' && Reveal.isReady()")
    shown = tab.evaluate("() => Reveal.getSlides().map(s => { const c = s.cloneNode(true); "
                         "c.querySelectorAll('aside.notes').forEach(a => a.remove()); return c.innerText; }).join(' ')")
    notes = tab.evaluate("() => [...document.querySelectorAll('aside.notes')].map(a => a.textContent).join(' ')")
    assert "Ouvrir la rencontre" in shown and "Un vote immédiat sur les priorités" in shown
    assert ANSWER in shown  # the option is on the slide, among the others, never marked
    assert EXERCISE_NOTES not in shown and "Réponse" not in shown
    assert EXERCISE_NOTES in notes and "Réponse" in notes
    with context.expect_page() as popup:  # the speaker view (key S) speaks French
        tab.keyboard.press("s")
    view = popup.value
    view.wait_for_selector(".speaker-controls-time", state="attached")
    view.wait_for_timeout(500)
    labels = view.inner_text("body")
    assert "Diapositive suivante" in labels and "Upcoming" not in labels and "Click to Reset" not in labels
    assert EXERCISE_NOTES in labels or "Notes" in labels
    context.close()
    learner = (learner_slides.out / learner_slides.pages[0].filename).read_text(encoding="utf-8")
    assert "Ouvrir la rencontre" in learner and EXERCISE_NOTES not in learner and 'class="notes"' not in learner


@pytest.fixture(scope="module")
def real_export(tmp_path_factory):
    from ocworkbook.publish.site import export_html
    from ocworkbook.publish.slides import export_slides

    folder = tmp_path_factory.mktemp("real")
    return export_html(folder / "site"), export_slides(folder / "slides")


def test_every_real_page_and_deck_works_offline(browser, real_export):
    problems = []
    for report in real_export:
        assert report.pages
        for page in report.pages:
            seen = open_offline(browser, report.out / page.filename)
            if seen["blocked"] or seen["errors"] or seen["svg"] != page.charts:
                problems.append((report.out.name, page.filename, seen["blocked"][:2], seen["errors"][:2],
                                 seen["svg"], page.charts))
    assert problems == []


FIT = """async () => {
  const out = [], slides = Reveal.getSlides(), height = Reveal.getConfig().height;
  for (const slide of slides) {
    const at = Reveal.getIndices(slide);
    Reveal.slide(at.h, at.v, 99);
    await new Promise(resolve => setTimeout(resolve, 20));
    const copy = slide.cloneNode(true);
    copy.querySelectorAll("aside.notes, h1, h2, h3, h4, h5, h6").forEach(e => e.remove());
    const titled = slide.querySelector("h1, h2, h3, h4, h5, h6") !== null;
    const pictured = slide.querySelector("svg, img, table, .ocw-static-widget") !== null;
    out.push({text: slide.innerText.slice(0, 50), height: slide.scrollHeight, limit: height,
              title_only: titled && !pictured && copy.innerText.replace(/[\\s¶]/g, "") === "",
              size: parseFloat(slide.style.fontSize || "100"), scrolls: slide.classList.contains("ocw-dense")});
  }
  return out;
}"""


def test_no_text_runs_off_a_real_slide(browser, real_export):
    """Every slide of every real deck fits 1280 × 800 without scrolling, at a type size still readable."""
    _, slides = real_export
    problems = []
    for page in slides.pages:
        context = browser.new_context(viewport={"width": 1280, "height": 800})
        tab = context.new_page()
        tab.goto((slides.out / page.filename).as_uri())
        tab.wait_for_function("typeof Reveal !== 'undefined' && Reveal.isReady()")
        for slide in tab.evaluate(FIT):
            if slide["height"] > slide["limit"] + 2 or slide["scrolls"] or slide["size"] < 50:
                problems.append((page.filename, slide["text"], slide["height"], slide["size"]))
            if slide["title_only"]:  # a heading alone, its text on the next slide
                problems.append((page.filename, "titre seul", slide["text"]))
        context.close()
    assert problems == [], problems[:8]
    titles = (slides.out / slides.pages[0].filename).read_text(encoding="utf-8")
    assert "text-transform: none" in titles  # long French titles are not forced into capitals


def test_real_decks_show_every_exercise_with_its_notes_for_the_speaker(browser, real_export):
    """Notebook 05 as the facilitator projects it: each exercise a sub-slide, its notes in the speaker notes."""
    _, slides = real_export
    page = next(p for p in slides.pages if p.filename.startswith("05-"))
    seen = open_offline(browser, slides.out / page.filename)
    assert seen["static_widgets"] >= 8
    deck = (slides.out / page.filename).read_text(encoding="utf-8")
    notes = " ".join(re.findall(r'<aside class="notes">(.*?)</aside>', deck, re.S))
    assert "siéger partout" in notes and "siéger partout" not in re.sub(r'<aside class="notes">.*?</aside>', "",
                                                                        deck, flags=re.S)
    index = (slides.out / "index.html").read_text(encoding="utf-8")
    assert "00 · Prise en main du cahier" in index and "00 · 00" not in index
