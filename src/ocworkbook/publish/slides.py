"""``ocworkbook export slides OUT``: one reveal.js deck per notebook, offline.

Decks follow each cell's ``metadata.slideshow.slide_type``; all code is hidden (outputs stay);
the font is large enough to read from the back of a room; the teaching notes (cells tagged
``notes-animation``) become speaker notes (press « S ») in the instructor edition, the default.
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
    with executed_edition(edition, source, jobs, include_facilitator=False) as (_bank, items):
        prepare_site(out)
        copy_reveal(out / "reveal.js")
        items = [(relative, title, split_long_cells(notebook), widgets) for relative, title, notebook, widgets in items]
        write_pages(items, exporter, {"ocw": {"font_size": FONT_SIZE},
                                      "reveal": {"url_prefix": "reveal.js", "width": "1280", "height": "800"}},
                    out, report)
    extra = f"<p>{t('publish.index.speaker_notes')}</p>" if edition == "instructor" else ""
    (out / "index.html").write_text(index_html(t("publish.index.slides_title"), t("publish.index.slides_intro"),
                                               report.pages, extra), encoding="utf-8")
    return report
