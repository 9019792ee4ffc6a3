"""The instructor edition's two summaries: teaching notes (``NOTES-ANIMATION.md``) and the answer
key (``CORRIGE.md``), one section per notebook."""

from __future__ import annotations

from pathlib import Path

from ..exercises.bank import Bank
from ..exercises.solution import solution_markdown
from ..i18n import t
from .facilitator_notes import notes_for, with_notes
from .notebooks import FACILITATOR_FOLDERS, notebook_title, notes_cells, read_notebook, workbook_notebooks


def _notebook_sections(root: Path, bank: Bank):
    """(notebook stem, title, notebook dict or None) for every notebook file and every bank notebook."""
    seen = {}
    for path in workbook_notebooks(root):
        notebook = with_notes(read_notebook(path), notes_for(root, path))
        seen[path.stem] = (notebook_title(notebook, path.stem), notebook, str(path.relative_to(root)))
    for name in bank.notebooks:
        seen.setdefault(name, (name, None, None))
    for name in sorted(seen):
        yield (name, *seen[name])


def _is_facilitator_notebook(relative: str | None) -> bool:
    """A notebook of ``notebooks/animation/`` is itself for the facilitator: it needs no teaching notes."""
    parts = Path(relative).parts if relative else ()
    return len(parts) > 2 and parts[1] in FACILITATOR_FOLDERS


def notes_markdown(root: Path, bank: Bank) -> tuple[str, list[str]]:
    """Every notebook's teaching notes (Markdown) and the learners' notebooks that have none."""
    lines = [f"# {t('editions.notes.title')}", "", t("editions.notes.intro"), ""]
    missing = []
    for name, title, notebook, relative in _notebook_sections(root, bank):
        exercises = bank.by_notebook(name)
        lines += [f"## {title}", ""]
        if relative:
            lines += [t("editions.notes.file", path=relative), ""]
        if exercises:
            minutes = sum(ex.minutes for ex in exercises)
            lines += [t("editions.notes.timing", n=len(exercises), minutes=round(minutes)), ""]
        cells = notes_cells(notebook) if notebook else []
        if cells:
            for text in cells:
                lines += [text.strip(), ""]
        elif notebook is not None and not _is_facilitator_notebook(relative):
            missing.append(name)
            lines += [f"*{t('editions.notes.none')}*", ""]
        for ex in exercises:
            if ex.notes:
                lines += [f"**{ex.title}** (`{ex.id}`)", "", ex.notes, ""]
    return "\n".join(lines).rstrip() + "\n", missing


def answer_key_markdown(root: Path, bank: Bank) -> str:
    """The answer key: every exercise's right answer and explanation, by notebook."""
    lines = [f"# {t('editions.key.title')}", "", t("editions.key.intro"), ""]
    for name, title, _notebook, _relative in _notebook_sections(root, bank):
        exercises = bank.by_notebook(name)
        if not exercises:
            continue
        lines += [f"## {title}", ""]
        for ex in exercises:
            lines += [f"### {ex.title} (`{ex.id}`)", "", solution_markdown(ex).strip(), ""]
    return "\n".join(lines).rstrip() + "\n"
