"""Three phones in Debian's chromium join, answer and vote; the projector and the notebook widget agree.

The participant server runs on loopback; every request that would leave the machine is aborted and
recorded (there must be none). Set ``OCWORKBOOK_SCREENSHOTS=folder`` to keep the screenshots.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from browser_guard import CHROMIUM, CHROMIUM_ARGS, guard_offline

from ocworkbook.atelier.rehearsal import simulate
from ocworkbook.atelier.widget import LiveWorkshop

from .conftest import CHOICE, STATEMENTS

pytestmark = [pytest.mark.browser, pytest.mark.slow]
PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True, "device_scale_factor": 2}
def _option_texts():
    """The first words of the right option and of a wrong one, read from the bank (its text may change)."""
    from ocworkbook.exercises.bank import load_bank

    ex = load_bank().get(CHOICE)
    right = ex.kind.reference_answer(ex)
    texts = {str(o["id"]): " ".join(o["texte"].split()[:4]) for o in ex.data["options"]}
    wrong = next(i for i in texts if i != right)
    return ex.title, texts[right], texts[wrong]


TITLE, RIGHT, WRONG = _option_texts()


@pytest.fixture
def chromium():
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail("Debian's chromium is missing: .ci/run must install it")
        pytest.skip("Debian's chromium is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


def _guarded(browser, outside: list, **options):
    return guard_offline(browser.new_context(locale="fr-CA", **options), outside)


def _shot(page, name: str, tmp_path: Path) -> None:
    folder = Path(os.environ.get("OCWORKBOOK_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"{name}.png"), full_page=True)


def test_three_phones_answer_and_vote_and_the_room_sees_the_counts(live, chromium, tmp_path):
    outside: list[str] = []
    phones = []
    for number in range(3):
        page = _guarded(chromium, outside, **PHONE).new_page()
        page.goto(live.url)
        assert page.locator("#code").input_value() == live.code  # the QR code's address fills it in
        page.fill("#pseudo", f"Téléphone {number + 1}")
        page.get_by_role("button", name="Rejoindre").click()
        page.get_by_role("heading", name="Vous êtes dans l'atelier").wait_for()
        phones.append(page)
    projector = _guarded(chromium, outside, viewport={"width": 1366, "height": 900}).new_page()
    projector.goto(live.projector_url)
    assert "k=" not in projector.url  # the key leaves the address bar
    projector.locator("#code").filter(has_text=live.shown_code).wait_for()

    live.open(CHOICE)
    for page, text in zip(phones, (RIGHT, RIGHT, WRONG), strict=True):
        page.get_by_role("heading", name=TITLE).wait_for(timeout=30_000)
        page.locator("label.choix", has_text=text).click()
        page.get_by_role("button", name="Envoyer ma réponse").click()
        page.locator("#etat", has_text="Réponse enregistrée").wait_for()
        page.locator(".votre-reponse", has_text=text).wait_for()  # the page was redrawn with the answer
    phones[2].locator("label.choix", has_text=RIGHT).click()  # changes their mind while it is open
    phones[2].get_by_role("button", name="Modifier ma réponse").click()
    phones[2].locator(".votre-reponse", has_text=RIGHT).wait_for()
    phones[2].locator("label.choix", has_text=WRONG).click()
    phones[2].get_by_role("button", name="Modifier ma réponse").click()
    phones[2].locator(".votre-reponse", has_text=WRONG).wait_for()
    _shot(phones[0], "telephone-question", tmp_path)

    projector.locator(".compte", has_text="3 personnes ont répondu").wait_for(timeout=30_000)
    assert RIGHT not in (projector.locator(".solution").all_inner_texts() or [""])[0]
    live.close(CHOICE)
    live.reveal(CHOICE)
    projector.locator(".solution", has_text=RIGHT).wait_for(timeout=30_000)
    rows = {r.split("\t")[0]: r.split("\t")[-1] for r in projector.locator("table tr").all_inner_texts()[1:]}
    assert [v for k, v in rows.items() if RIGHT in k] == ["2"] and [v for k, v in rows.items() if WRONG in k] == ["1"]
    projector.wait_for_function("() => { const i = document.querySelector('.resultats img');"
                                " return i && i.src.startsWith('blob:') && i.complete && i.naturalWidth > 0; }",
                                timeout=90_000)  # the first chart starts the drawing worker
    _shot(projector, "projecteur-question", tmp_path)
    phones[0].locator(".revele", has_text="Réponse attendue").wait_for(timeout=30_000)
    phones[0].locator(".resultat", has_text="Bonne réponse").wait_for()
    _shot(phones[0], "telephone-revele", tmp_path)

    widget = LiveWorkshop(live, poll=None)
    counts = {r["libelle"]: r["personnes"] for r in widget.tally(CHOICE).rows}
    assert counts[next(k for k in counts if k.startswith(RIGHT))] == 2 and counts[
        next(k for k in counts if k.startswith(WRONG))] == 1
    assert f"✓ {RIGHT}" in widget.results.value and "<td>2</td>" in widget.results.value

    live.open(STATEMENTS)
    for number, page in enumerate(phones):
        page.get_by_role("heading", name="Recomposer plutôt qu'empiler ?").wait_for(timeout=30_000)
        forms = page.locator("form.enonce")
        for index in range(forms.count()):
            choice = "D'accord" if (index + number) % 3 else "Pas d'accord"
            form = page.locator("form.enonce").nth(index)
            form.get_by_role("button", name=choice, exact=True).click()
            page.locator("#etat", has_text="Vote enregistré").wait_for()
            page.locator("form.enonce").nth(index).locator("button[aria-pressed=true]").wait_for()
    phones[1].fill("#proposition", "Les tables devraient publier leurs comptes rendus.")
    phones[1].get_by_role("button", name="Proposer").click()
    phones[1].locator("#etat", has_text="Merci").wait_for()
    _shot(phones[0], "telephone-enonces", tmp_path)
    projector.locator(".compte", has_text="3 personnes ont répondu").wait_for(timeout=30_000)
    # the 8 statements, each voted by the 3 phones, and not the proposal waiting for the facilitator
    projector.wait_for_function("() => document.querySelectorAll('table tr').length === 9", timeout=30_000)
    assert "publier leurs comptes rendus" not in projector.locator("table").inner_text()
    simulate(live, 5, seed=2)  # five more people, so the opinion map can be drawn
    projector.locator("#carte img").wait_for(timeout=90_000)
    projector.locator("#carte .avertissement").first.wait_for()
    _shot(projector, "projecteur-carte", tmp_path)
    widget.refresh()
    assert "Groupes d&#x27;opinion" in widget.opinions.value or "Groupes d'opinion" in widget.opinions.value
    assert "⚠" in widget.opinions.value  # the small-group warning of tools.opinions
    assert outside == []
