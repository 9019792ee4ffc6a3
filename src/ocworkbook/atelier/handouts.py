"""Printable handouts for a room without phones (``ocworkbook atelier fiches``): one page per activity.

The handouts come from the same plan as the live session (bank exercises and room activities), so
the paper and the phones ask the same thing. Options are printed in a shuffled order (never the
authored one, where the right option comes first) with letters A, B, C…; the facilitator's key
(``corrige=True``) gives the letters of the expected answers and a tally sheet to count the
handouts by hand. One self-contained HTML file: print it from any browser (or save as PDF).
"""

from __future__ import annotations

from ..errors import WorkbookError
from ..i18n import t
from .markup import block, esc, inline, plain
from .question_kinds import kind_of

STYLE = """
@page { size: letter; margin: 14mm 16mm; }
body { font-family: system-ui, "Segoe UI", Roboto, Arial, sans-serif; color: #000; font-size: 13pt; line-height: 1.35;
  margin: 0 auto; max-width: 46rem; }
.fiche, .corrige { break-after: page; page-break-after: always; padding: .3rem 0; }
body > :last-child { break-after: auto; page-break-after: auto; }
.entete { display: flex; justify-content: space-between; font-size: 9.5pt; border-bottom: 1px solid #000; }
h1 { font-size: 17pt; margin: .5rem 0 .3rem; }
h2 { font-size: 12.5pt; margin: .9rem 0 .3rem; }
p { margin: .35rem 0; }
.options { list-style: none; padding: 0; margin: .4rem 0; }
.options li { margin: .4rem 0; }
.en-ligne li { display: inline-block; margin-right: 1.5rem; }
.case { font-size: 16pt; line-height: 1; vertical-align: -2pt; }
.consigne { font-style: italic; }
.ligne { border-bottom: 1px solid #000; height: 1.9rem; }
table.grille { border-collapse: collapse; width: 100%; font-size: 11.5pt; line-height: 1.3; margin: .4rem 0; }
table.grille th, table.grille td { border: 1px solid #000; padding: .2rem .3rem; vertical-align: middle; }
table.grille th { font-size: 10.5pt; font-weight: 600; }
table.grille tr { break-inside: avoid; }
td.numero { width: 1.6rem; text-align: center; font-weight: 700; }
td.cocher { width: 4.2rem; text-align: center; }
td.rang-papier { width: 6.5rem; white-space: nowrap; }
.idees { display: grid; grid-template-columns: 1fr; gap: .7rem; }
.idee { border: 1px dashed #000; height: 3.6rem; }
.pied { font-size: 9pt; margin-top: .8rem; border-top: 1px solid #000; }
.corrige .cle { break-inside: avoid; border-bottom: 1px solid #999; padding-bottom: .3rem; }
.corrige .intertitre { font-weight: 700; margin-bottom: .1rem; }
.corrige .attendu p { margin: .15rem 0; }
.corrige .notes { font-size: 11pt; }
.corrige .bloc { break-inside: avoid; }
.decompte td { height: 1.6rem; }
table.decompte { table-layout: fixed; }
.decompte th.numero { width: 2.2rem; }
"""


def _page(spec: dict, number: int, total: int, title: str, lang: str) -> str:
    head = (f'<div class="entete"><span>{esc(title)}</span>'
            f'<span>{esc(t("atelier.paper.page", lang=lang, n=number, total=total))}</span></div>')
    return (f'<section class="fiche">{head}<h1>{number}. {inline(spec["title"])}</h1>{block(spec["prompt"])}'
            f'{kind_of(spec).paper(spec, lang)}<p class="pied">{esc(t("atelier.paper.footer", lang=lang))}</p>'
            f"</section>")


def _key_entries(specs: list[dict], bank, lang: str) -> list[tuple[dict, object, list[str]]]:
    """Each activity with its exercise and its key lines; refuses (in French) when this copy's key
    cannot give an expected answer, rather than printing an empty or a wrong one."""
    entries, missing = [], []
    for number, spec in enumerate(specs, 1):
        exercise = bank.get(spec["id"]) if bank is not None and spec.get("exercise") else None
        lines = kind_of(spec).paper_key(spec, exercise, lang)
        if lines is None:
            missing.append(f"{number}. « {plain(spec['title'])} »")
        entries.append((spec, exercise, lines or []))
    if missing:
        raise WorkbookError(t("atelier.paper.key_missing", lang=lang, activities=", ".join(missing)))
    return entries


def _key_page(specs: list[dict], title: str, bank, lang: str) -> str:
    """The facilitator's pages: each activity's expected answer (by the handout's letters and line
    numbers), its whole explanation and its teaching notes, then a tally sheet with one column per
    option, category, rank or vote."""
    entries = _key_entries(specs, bank, lang)
    head = (f'<div class="entete"><span>{esc(title)}</span>'
            f'<span>{esc(t("atelier.paper.facilitator", lang=lang))}</span></div>')
    blocks = []
    for number, (spec, exercise, lines) in enumerate(entries, 1):
        label = f'<strong>{esc(t("atelier.phone.expected", lang=lang))}</strong> '
        shown = [inline(line) for line in lines] or [esc(t("atelier.paper.no_expected", lang=lang))]
        expected = f"<p>{label}{shown[0]}</p>" + "".join(f"<p>{line}</p>" for line in shown[1:])
        notes = getattr(exercise, "notes", None)
        notes_html = (f'<div class="notes"><p class="intertitre">{esc(t("atelier.paper.notes_title", lang=lang))}'
                      f"</p>{block(notes)}</div>" if notes else "")
        blocks.append(f'<div class="cle"><h2>{number}. {inline(spec["title"])}</h2>'
                      f'<div class="attendu">{expected}</div>{block(spec.get("explanation", ""))}{notes_html}</div>')
    without_notes = any(exercise is not None and exercise.hashed for _, exercise, _ in entries) and \
        not any(getattr(exercise, "notes", None) for _, exercise, _ in entries)
    warning = f'<p class="consigne">{esc(t("atelier.paper.no_notes", lang=lang))}</p>' if without_notes else ""
    tallies = "".join(_tally_grid(number, spec, lang) for number, spec in enumerate(specs, 1))
    return (f'<section class="corrige">{head}<h1>{esc(t("atelier.paper.key_title", lang=lang))}</h1>{warning}'
            f'{"".join(blocks)}</section>'
            f'<section class="corrige">{head}<h1>{esc(t("atelier.paper.tally_title", lang=lang))}</h1>'
            f'<p class="consigne">{esc(t("atelier.paper.tally_help", lang=lang))}</p>{tallies}</section>')


def _tally_grid(number: int, spec: dict, lang: str) -> str:
    columns, rows = kind_of(spec).tally_sheet(spec, lang)
    numbered = any(rows)
    head = (f'<th class="numero">{esc(t("atelier.paper.number", lang=lang))}</th>' if numbered else "") + \
        "".join(f"<th>{esc(c)}</th>" for c in columns)
    body = "".join("<tr>" + (f'<td class="numero">{esc(r)}</td>' if numbered else "") + "<td></td>" * len(columns)
                   + "</tr>" for r in rows)
    return (f'<div class="bloc"><h2>{number}. {inline(spec["title"])}</h2>'
            f'<table class="grille decompte"><tr>{head}</tr>{body}</table></div>')


def handouts_html(specs: list[dict], title: str, *, key: bool = False, bank=None, lang: str = "fr") -> str:
    """The whole handout as one HTML document (every text escaped)."""
    pages = [_page(spec, number, len(specs), title, lang) for number, spec in enumerate(specs, 1)]
    if key:
        pages.append(_key_page(specs, title, bank, lang))
    return (f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>{esc(title)}</title>'
            f"<style>{STYLE}</style></head><body>{''.join(pages)}</body></html>")


def write_handouts(notebook: str, path, *, key: bool = False, root=None, lang: str = "fr"):
    """Build the handouts of ``notebook``'s plan and write them to ``path`` (HTML)."""
    from pathlib import Path

    from ..exercises.bank import load_bank
    from ..fileio import write_atomic
    from ..paths import workbook_root
    from .launcher import notebook_title
    from .plan import build_plan

    root = Path(root) if root is not None else workbook_root()
    bank = load_bank(root)
    specs = build_plan(notebook, root, bank)
    html = handouts_html(specs, notebook_title(root, notebook), key=key, bank=bank, lang=lang)
    return write_atomic(Path(path), html, make_parents=True)
