"""The statements chart on the projector, in Debian's chromium: full width, whole statements, large type."""

from __future__ import annotations

import os

import pytest

from ocworkbook.atelier.question_kinds import STATEMENT_FONT
from ocworkbook.atelier.rehearsal import simulate

from .conftest import STATEMENTS
from .test_browser import _guarded, _shot, chromium  # noqa: F401 - the fixture is used by name

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_the_statements_chart_fills_the_projector_and_keeps_every_statement_whole(live, chromium, tmp_path):  # noqa: F811
    outside: list[str] = []
    projector = _guarded(chromium, outside, viewport={"width": 1280, "height": 900}).new_page()
    projector.goto(live.projector_url)
    projector.locator("#code").filter(has_text=live.shown_code).wait_for()
    live.open(STATEMENTS)
    simulate(live, 6, seed=3)
    projector.wait_for_function("() => { const i = document.querySelector('.resultats img');"
                                " return i && i.src.startsWith('blob:') && i.complete && i.naturalWidth > 0; }",
                                timeout=90_000)
    shown, natural = projector.evaluate("() => { const i = document.querySelector('.resultats img');"
                                        " return [i.getBoundingClientRect().width, i.naturalWidth]; }")
    main = projector.evaluate("() => document.querySelector('#projecteur').clientWidth")
    assert shown >= 0.75 * main, (shown, main)  # the chart spans the page, not a third of it
    assert STATEMENT_FONT * shown / natural >= 14  # labels are at least 14 px on the screen
    _shot(projector, "projecteur-enonces", tmp_path)
    projector.locator(".resultats img").screenshot(path=str(tmp_path / "graphique.png"))
    if os.environ.get("OCWORKBOOK_SCREENSHOTS"):
        projector.locator(".resultats img").screenshot(path=os.path.join(os.environ["OCWORKBOOK_SCREENSHOTS"],
                                                                          "projecteur-enonces-graphique.png"))
    svg = projector.evaluate("() => fetch('/api/projecteur/graphique.svg?activite=' +"
                             f" '{STATEMENTS}', {{headers: {{'X-Animation': sessionStorage.getItem('atelier-cle')}}}})"
                             ".then(r => r.text())")
    assert "…" not in svg  # no statement cut short
    numbers = projector.locator(".resultats table tr td:first-child").all_inner_texts()
    assert numbers == [str(n) for n in range(1, len(numbers) + 1)] and len(numbers) == 8  # keyed to the chart
    align = projector.evaluate("() => getComputedStyle(document.querySelector('.resultats table tr td:nth-child(2)'))"
                               ".textAlign")
    assert align in ("left", "start")  # the statement reads from the left; only numbers are right-aligned
    assert outside == []
