"""Printable handouts for a room without phones (``ocworkbook atelier fiches``): one page per activity.

The handouts come from the same plan as the live session (bank exercises and room activities), so
the paper and the phones ask the same thing. Options are printed in a shuffled order (never the
authored one, where the right option comes first) with letters A, B, C…; the facilitator's key
(``corrige=True``) gives the letters of the expected answers and a tally sheet to count the
handouts by hand. One self-contained HTML file: print it from any browser (or save as PDF).
"""

from __future__ import annotations

from ..i18n import t
from .markup import block, esc, inline, plain
from .question_kinds import kind_of

STYLE = """
@page { size: letter; margin: 16mm; }
body { font-family: system-ui, "Segoe UI", Roboto, Arial, sans-serif; color: #000; font-size: 13pt; line-height: 1.4;
  margin: 0 auto; max-width: 46rem; }
.fiche { page-break-after: always; break-after: page; padding: 1rem 0; }
.fiche:last-child { page-break-after: auto; break-after: auto; }
.entete { display: flex; justify-content: space-between; font-size: 10pt; border-bottom: 1px solid #000; }
h1 { font-size: 18pt; margin: .6rem 0 .4rem; }
h2 { font-size: 14pt; }
.options { list-style: none; padding: 0; }
.options li { margin: .55rem 0; }
.en-ligne li { display: inline-block; margin-right: 1.5rem; }
.case { font-size: 18pt; line-height: 1; vertical-align: -2pt; }
.consigne { font-style: italic; }
.ligne { border-bottom: 1px solid #000; height: 2rem; }
table.grille { border-collapse: collapse; width: 100%; }
table.grille th, table.grille td { border: 1px solid #000; padding: .35rem; vertical-align: top; }
table.grille td:not(:first-child) { text-align: center; width: 6rem; }
.idees { display: grid; grid-template-columns: 1fr; gap: .8rem; }
.idee { border: 1px dashed #000; height: 4rem; }
.pied { font-size: 10pt; margin-top: 1.5rem; border-top: 1px solid #000; }
.decompte td { height: 1.8rem; }
"""


def _page(spec: dict, number: int, total: int, title: str, lang: str) -> str:
    head = (f'<div class="entete"><span>{esc(title)}</span>'
            f'<span>{esc(t("atelier.paper.page", lang=lang, n=number, total=total))}</span></div>')
    return (f'<section class="fiche">{head}<h1>{number}. {inline(spec["title"])}</h1>{block(spec["prompt"])}'
            f'{kind_of(spec).paper(spec, lang)}<p class="pied">{esc(t("atelier.paper.footer", lang=lang))}</p>'
            f"</section>")


def _key_page(specs: list[dict], title: str, bank, lang: str) -> str:
    rows = []
    for number, spec in enumerate(specs, 1):
        kind = kind_of(spec)
        exercise = bank.get(spec["id"]) if bank is not None and spec.get("exercise") else None
        key = kind.paper_key(spec, exercise) if hasattr(kind, "paper_key") else plain(kind.solution(spec, exercise))
        rows.append(f"<tr><td>{number}. {inline(spec['title'])}</td><td>{esc(key or '—')}</td>"
                    f"<td>{esc(plain(spec.get('explanation', ''))[:400])}</td></tr>")
    tally = "".join(f"<tr><td>{number}. {inline(spec['title'])}</td><td></td></tr>"
                    for number, spec in enumerate(specs, 1))
    return (f'<section class="fiche"><div class="entete"><span>{esc(title)}</span>'
            f'<span>{esc(t("atelier.paper.facilitator", lang=lang))}</span></div>'
            f'<h1>{esc(t("atelier.paper.key_title", lang=lang))}</h1>'
            f'<table class="grille"><tr><th>{esc(t("atelier.paper.activity", lang=lang))}</th>'
            f'<th>{esc(t("atelier.paper.expected", lang=lang))}</th>'
            f'<th>{esc(t("atelier.paper.explanation", lang=lang))}</th></tr>{"".join(rows)}</table>'
            f'<h2>{esc(t("atelier.paper.tally_title", lang=lang))}</h2>'
            f'<p class="consigne">{esc(t("atelier.paper.tally_help", lang=lang))}</p>'
            f'<table class="grille decompte"><tr><th>{esc(t("atelier.paper.activity", lang=lang))}</th>'
            f'<th>{esc(t("atelier.paper.counts", lang=lang))}</th></tr>{tally}</table></section>')


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
