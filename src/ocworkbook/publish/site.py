"""``ocworkbook export html OUT``: every notebook executed, as offline HTML pages, plus an index.

Pages come from the learner edition by default (no solutions, no teaching notes); code tagged
``hide-input`` is hidden; charts are inline SVG; widgets are replaced by a static version that
says how to run them live. No page loads anything from the network.
"""

from __future__ import annotations

from pathlib import Path

from ..i18n import t
from ..typography import FrenchSpacingPreprocessor
from .pages import TEMPLATES, ExportReport, executed_edition, index_html, write_pages


def html_exporter():
    from nbconvert import HTMLExporter
    from nbconvert.preprocessors import TagRemovePreprocessor

    exporter = HTMLExporter(template_name="ocw_lab", extra_template_basedirs=[str(TEMPLATES)], language_code="fr")
    exporter.register_preprocessor(TagRemovePreprocessor(remove_input_tags={"hide-input"}), enabled=True)
    exporter.register_preprocessor(FrenchSpacingPreprocessor(), enabled=True)
    return exporter


def export_html(out: Path, source: Path | None = None, edition: str = "learner", jobs: int = 2) -> ExportReport:

    out = Path(out)
    report = ExportReport(out=out)
    exporter = html_exporter()
    with executed_edition(edition, source, jobs, include_facilitator=edition == "instructor") as (_bank, items):
        prepare_site(out)
        write_pages(items, exporter, {"ocw": {"back": t("publish.back_to_index")}}, out, report)
    (out / "index.html").write_text(index_html(t("publish.index.site_title"), t("publish.index.site_intro"),
                                               report.pages), encoding="utf-8")
    return report


SITE_MARKER = ".ocworkbook-site"


def prepare_site(out: Path) -> None:
    """Create ``out``, or clear a previous export there; never touch a folder we did not write."""
    import shutil

    from ..errors import WorkbookError

    if out.exists() and any(out.iterdir()) and not (out / SITE_MARKER).exists():
        raise WorkbookError(t("publish.out_not_empty", path=str(out)))
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    (out / SITE_MARKER).write_text("ocworkbook export\n", encoding="utf-8")
