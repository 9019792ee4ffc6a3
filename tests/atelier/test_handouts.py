"""The paper handouts and the facilitator's pages (``ocworkbook atelier fiches … --corrige``).

A facilitator corrects the sheets by hand and reads the key page to the group: the key names rows by
the numbers printed on the sheets, explanations are whole and rendered (no cut word, no raw ``*``),
the exercises' teaching notes sit under their key line, and the tally sheet has a column to count
each option, category, rank or vote.
"""

from __future__ import annotations

import html as html_module
import re

import pytest

from conftest import ROOT
from ocworkbook.atelier.handouts import handouts_html
from ocworkbook.atelier.markup import block, inline, plain
from ocworkbook.atelier.plan import build_plan
from ocworkbook.exercises.bank import load_bank


@pytest.fixture(scope="module")
def bank():
    return load_bank(ROOT)


def _sheet(page: str, title: str) -> str:
    """The handout (``section.fiche``) whose heading holds ``title``."""
    for section in re.findall(r'<section class="fiche">.*?</section>', page):
        if html_module.escape(title, quote=True) in section:
            return section
    raise AssertionError(title)


def _text(fragment: str) -> str:
    return html_module.unescape(re.sub(r"<[^>]+>", "", fragment)).replace("\u202f", " ").replace("\xa0", " ")


def _row_texts(sheet: str) -> dict[int, str]:
    rows = re.findall(r'<td class="numero">(\d+)</td><td class="texte">(.*?)</td>', sheet)
    return {int(n): _text(text) for n, text in rows}


def _key_block(page: str, number: int) -> str:
    return re.findall(r'<div class="cle">(.*?)</div>(?=<div class="cle">|</section>)', page)[number - 1]


def test_a_dollar_escaped_for_jupyterlab_is_printed_without_its_backslash(bank):
    assert inline("180 000 \\$") == "180 000 $" and plain("\\$ 5") == "$ 5" and block("a \\$") == "<p>a $</p>"
    prompt = bank.get("08-fiduciaire").prompt
    assert "\\$" in prompt  # the bank escapes it for JupyterLab
    page = handouts_html(build_plan("08-cas-integrateur", ROOT, bank), "T", key=True, bank=bank)
    assert "\\$" not in page and "180 000 $ du programme fictif" in _text(_sheet(page, "Choisir un fiduciaire"))


def test_the_key_page_gives_each_whole_explanation_rendered_and_the_teaching_notes(bank):
    specs = build_plan("07-competences-pratique-reflexive", ROOT, bank)
    page = handouts_html(specs, "T", key=True, bank=bank)
    for number, spec in enumerate(specs, 1):
        entry = _key_block(page, number)
        if spec.get("explanation"):
            assert block(spec["explanation"]) in entry  # whole, through the handouts' renderer
        exercise = bank.get(spec["id"]) if spec.get("exercise") else None
        if exercise is not None and exercise.notes:
            assert "Pour animer la discussion" in entry and "<li><strong>Questions de discussion</strong>" in entry
            assert "Idées fausses fréquentes" in entry
    assert "réflexion <em>sur</em>" in page and "*sur*" not in page
    key_pages = "".join(re.findall(r'<section class="corrige">.*?</section>', page))
    assert not re.search(r"(?<!\w)\*\w", _text(key_pages))  # no raw Markdown star left


def test_matching_rows_are_numbered_and_the_key_gives_each_number_its_category(bank):
    exercise = bank.get("06-niveau-pratique")
    specs = build_plan("06-participation-citoyenne", ROOT, bank)
    page = handouts_html(specs, "T", key=True, bank=bank)
    rows = _row_texts(_sheet(page, exercise.title))
    assert sorted(rows) == list(range(1, len(exercise.data["elements"]) + 1))
    names = {c["id"]: c["texte"] for c in exercise.data["categories"]}
    by_text = {_text(inline(e["texte"])): names[e["categorie"]] for e in exercise.data["elements"]}
    entry = _key_block(page, [s["id"] for s in specs].index(exercise.id) + 1)
    assert [_text(line) for line in re.findall(r"(\d+ → [^<]+)", entry)] == \
        [f"{n} → {by_text[rows[n]]}" for n in sorted(rows)]
    printed = [rows[n] for n in sorted(rows)]
    assert printed != [_text(inline(e["texte"])) for e in exercise.data["elements"]]  # not the authored order


def test_ordering_rows_are_numbered_and_the_key_gives_each_number_its_rank(bank):
    exercise = bank.get("06-barreaux-arnstein")
    specs = build_plan("06-participation-citoyenne", ROOT, bank)
    page = handouts_html(specs, "T", key=True, bank=bank)
    rows = _row_texts(_sheet(page, exercise.title))
    order = [e["texte"] for e in exercise.data["elements"]]  # authored in the right order (clear edition)
    entry = _text(_key_block(page, [s["id"] for s in specs].index(exercise.id) + 1))
    ranks = dict(re.findall(r"ligne (\d+) → rang (\d+)", entry))
    assert {int(line): int(rank) for line, rank in ranks.items()} == \
        {n: order.index(text) + 1 for n, text in rows.items()}
    assert "Ordre attendu : 1. Manipulation ; 2. Thérapie ; 3. Information" in entry


def test_the_tally_sheet_has_one_column_per_option_category_rank_or_vote(bank):
    specs = build_plan("06-participation-citoyenne", ROOT, bank)
    page = handouts_html(specs, "T", key=True, bank=bank)
    grids = re.findall(r'<div class="bloc"><h2>(.*?)</h2><table class="grille decompte">(.*?)</table></div>', page)
    assert len(grids) == len(specs)
    for spec, (_, grid) in zip(specs, grids, strict=True):
        heads = [_text(h) for h in re.findall(r"<th[^>]*>(.*?)</th>", grid)]
        rows = grid.count("<tr>") - 1
        data = spec["data"]
        if spec["kind"] == "association":
            assert heads == ["N°"] + [c["texte"] for c in data["categories"]] and rows == len(data["elements"])
        elif spec["kind"] == "ordre":
            assert heads == ["N°"] + [f"Rang {r}" for r in range(1, len(data["elements"]) + 1)]
        elif spec["kind"] in ("choix_unique", "choix_multiple"):
            assert heads == [chr(65 + i) for i in range(len(data["options"]))] and rows == 1
        elif spec["kind"] == "vrai_faux":
            assert heads == ["Vrai", "Faux"]
        elif spec["kind"] == "enonces":
            assert heads == ["N°", "D'accord", "Pas d'accord", "Je passe"] and rows == len(data["enonces"])
        elif spec["kind"] == "echelle":
            assert heads == ["1", "2", "3", "4", "5"]
