"""Shared steps of ``export html`` and ``export slides``: build the edition, execute, convert."""

from __future__ import annotations

import html
import re
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from ..i18n import t

TEMPLATES = Path(__file__).resolve().parent / "templates"


@dataclass
class Page:
    notebook: str          # path inside the edition (notebooks/…)
    title: str
    filename: str          # written next to index.html
    charts: int = 0        # SVG charts in the page
    widgets: int = 0       # widgets replaced by their static version


@dataclass
class ExportReport:
    out: Path
    pages: list[Page] = field(default_factory=list)


@contextmanager
def executed_edition(kind: str, source: Path | None, jobs: int, include_facilitator: bool):
    """Build the ``kind`` edition in a temporary folder, execute its notebooks, and yield
    (bank, [(relative path, title, executed notebook)])."""
    from ..editions.build import build_edition
    from ..editions.notebooks import notebook_title, workbook_notebooks
    from ..exercises.bank import load_bank
    from .execute import execute_all
    from .static import replace_widgets

    with tempfile.TemporaryDirectory(prefix="ocw-edition-") as tmp:
        root = Path(tmp) / "edition"
        build_edition(kind, root, source=source)
        bank = load_bank(root)
        paths = workbook_notebooks(root, include_facilitator=include_facilitator)
        executed = execute_all(paths, root, jobs=jobs)
        items = []
        import nbformat

        for path in paths:
            notebook = nbformat.reads(executed[path], as_version=4)
            widgets = replace_widgets(notebook, bank)
            items.append((path.relative_to(root).as_posix(), notebook_title(notebook, path.stem), notebook,
                          widgets))
        yield bank, items


def write_pages(items, exporter, resources: dict, out: Path, report: ExportReport) -> None:
    """Render each executed notebook of ``items`` with ``exporter`` into ``out``; record it in ``report``."""
    import nbformat

    for relative, title, notebook, widgets in items:
        node = nbformat.from_dict(notebook)
        body, _ = exporter.from_notebook_node(node, resources={**resources, "metadata": {"name": title}})
        page = Page(notebook=relative, title=title, filename=page_filename(relative),
                    charts=count_svg(notebook), widgets=widgets)
        (out / page.filename).write_text(body, encoding="utf-8")
        report.pages.append(page)


def page_filename(relative: str) -> str:
    """``notebooks/animation/x.ipynb`` → ``animation-x.html`` (every page next to the index)."""
    parts = Path(relative).with_suffix(".html").parts[1:]
    return "-".join(parts)


def count_svg(notebook: dict) -> int:
    return sum(1 for cell in notebook.get("cells", []) for output in cell.get("outputs", [])
               if "image/svg+xml" in (output.get("data") or {}))


def numbered_title(page: Page) -> str:
    """« 03 · Instrumentalisation ou coconstruction » — the number of the notebook's file, not of the list."""
    number = Path(page.notebook).stem.split("-", 1)[0]
    if not number.isdigit():
        return page.title
    title = re.sub(rf"^{number}\s*[—–:·-]?\s*", "", page.title)  # « 00 — Prise en main » is not numbered twice
    return f"{number} · {title or page.title}"


def index_html(title: str, intro: str, pages: list[Page], extra: str = "") -> str:
    items = "".join(f'<li><a href="{html.escape(p.filename)}">{html.escape(numbered_title(p))}</a></li>'
                    for p in pages)
    return (f'<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            "<style>body{font-family:sans-serif;max-width:50rem;margin:2rem auto;padding:0 1rem;line-height:1.5}"
            "ul{list-style:none;padding-left:0}li{margin:.3rem 0}</style></head><body>"
            f"<h1>{html.escape(title)}</h1><p>{html.escape(intro)}</p><ul>{items}</ul>{extra}"
            f"<p><small>{html.escape(t('publish.index.offline'))}</small></p></body></html>")
