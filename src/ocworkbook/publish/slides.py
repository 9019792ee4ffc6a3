"""``ocworkbook export slides OUT``: one reveal.js deck per notebook, offline.

Decks follow each cell's ``metadata.slideshow.slide_type``; all code is hidden (outputs stay);
the font is large enough to read from the back of a room; the teaching notes (cells tagged
``notes-animation``) become speaker notes (press « S ») in the instructor edition, the default.
Each exercise is shown as its static question (never its answer, see :mod:`.static`); in the
instructor edition, its expected answer and its ``notes`` (discussion questions, common
misconceptions) follow it as speaker notes.
reveal.js is copied next to the decks from the local copy (:mod:`.reveal`), so the folder can be
carried on a USB key and opened with no network.
"""

from __future__ import annotations

from pathlib import Path

from ..i18n import t
from .pages import TEMPLATES, ExportReport, executed_edition, index_html, write_pages
from .reveal import copy_reveal, reveal_dir
from .site import prepare_site
from .slide_split import split_long_cells
from .static import EXERCISE_CALL

FONT_SIZE = "30px"


def slides_exporter():
    from nbconvert import SlidesExporter

    from ..typography import FrenchSpacingPreprocessor

    exporter = SlidesExporter(template_name="ocw_reveal", extra_template_basedirs=[str(TEMPLATES)],
                              reveal_url_prefix="reveal.js", reveal_theme="white", reveal_transition="none",
                              language_code="fr",
                              exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True)
    exporter.register_preprocessor(FrenchSpacingPreprocessor(), enabled=True)
    return exporter


def export_slides(out: Path, source: Path | None = None, edition: str = "instructor", jobs: int = 2) -> ExportReport:

    out = Path(out)
    reveal_dir()  # fail early, before executing anything, if reveal.js is missing
    report = ExportReport(out=out)
    exporter = slides_exporter()
    with executed_edition(edition, source, jobs, include_facilitator=False) as (bank, items):
        prepare_site(out)
        copy_reveal(out / "reveal.js")
        if edition == "instructor":
            items = [(relative, title, with_exercise_notes(notebook, bank), widgets)
                     for relative, title, notebook, widgets in items]
        items = [(relative, title, split_long_cells(notebook), widgets) for relative, title, notebook, widgets in items]
        write_pages(items, exporter, {"ocw": {"font_size": FONT_SIZE},
                                      "reveal": {"url_prefix": "reveal.js", "width": "1280", "height": "800"}},
                    out, report)
    extra = f"<p>{t('publish.index.speaker_notes')}</p>" if edition == "instructor" else ""
    (out / "index.html").write_text(index_html(t("publish.index.slides_title"), t("publish.index.slides_intro"),
                                               report.pages, extra), encoding="utf-8")
    return report


def exercise_notes(ex) -> str:
    """Speaker notes for one exercise: its expected answer (from a clear key) and its ``notes``."""
    from ..exercises.solution import answer_lines

    parts = [f"**{t('publish.slides.exercise_notes', title=ex.title)}**", *answer_lines(ex)]
    if ex.notes:
        parts.append(ex.notes.strip())
    return "\n\n".join(parts)


def with_exercise_notes(notebook: dict, bank) -> dict:
    """``notebook`` (in place) with a speaker-notes cell after every shown exercise cell (instructor decks)."""
    cells, seen = [], set()
    for cell in notebook.get("cells", []):
        cells.append(cell)
        match = EXERCISE_CALL.search("".join(cell.get("source", ""))) if cell.get("cell_type") == "code" else None
        ex = bank.get(match.group(1)) if match else None
        shown = cell.get("metadata", {}).get("slideshow", {}).get("slide_type", "-") not in ("skip", "notes")
        if ex is not None and shown and ex.id not in seen:  # once, where the exercise is first shown
            seen.add(ex.id)
            cells.append({"cell_type": "markdown", "id": f"{cell.get('id', ex.id)}-notes",
                          "metadata": {"slideshow": {"slide_type": "notes"}}, "source": exercise_notes(ex)})
    notebook["cells"] = cells
    return notebook
