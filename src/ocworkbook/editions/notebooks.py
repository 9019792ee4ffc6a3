"""Notebook cells per edition: what the learner edition removes, what the instructor edition keeps."""

from __future__ import annotations

import copy
import json
from pathlib import Path

SOLUTION_TAG = "solution"
NOTES_TAG = "notes-animation"
HIDE_INPUT_TAG = "hide-input"
LEARNER_REMOVED_TAGS = frozenset({SOLUTION_TAG, NOTES_TAG})
FACILITATOR_FOLDERS = ("animation",)


def cell_tags(cell: dict) -> set[str]:
    return set(cell.get("metadata", {}).get("tags") or [])


def read_notebook(path: Path) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def write_notebook(notebook: dict, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(notebook, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def _clear_outputs(cell: dict) -> None:
    if cell.get("cell_type") == "code":
        cell["outputs"] = []
        cell["execution_count"] = None


def learner_notebook(notebook: dict) -> dict:
    """A copy without solution cells, teaching notes, outputs or saved widget state."""
    result = copy.deepcopy(notebook)
    result["cells"] = [c for c in result.get("cells", []) if not cell_tags(c) & LEARNER_REMOVED_TAGS]
    for cell in result["cells"]:
        _clear_outputs(cell)
    result.get("metadata", {}).pop("widgets", None)
    return result


def instructor_notebook(notebook: dict) -> dict:
    """A copy with every cell; teaching notes become speaker notes in slides (``slide_type: notes``)."""
    result = copy.deepcopy(notebook)
    for cell in result.get("cells", []):
        _clear_outputs(cell)
        if NOTES_TAG in cell_tags(cell):
            cell.setdefault("metadata", {}).setdefault("slideshow", {})["slide_type"] = "notes"
    result.get("metadata", {}).pop("widgets", None)
    return result


def notebook_title(notebook: dict, default: str) -> str:
    """The notebook's title: metadata ``title``, else its first ``# `` heading."""
    title = notebook.get("metadata", {}).get("title")
    if title:
        return str(title)
    for cell in notebook.get("cells", []):
        if cell.get("cell_type") != "markdown":
            continue
        for line in "".join(cell.get("source", "")).splitlines():
            if line.startswith("# "):
                return line[2:].strip()
    return default


def notes_cells(notebook: dict) -> list[str]:
    """The text of every teaching-notes cell, in order."""
    return ["".join(c.get("source", "")) for c in notebook.get("cells", []) if NOTES_TAG in cell_tags(c)]


def workbook_notebooks(root: Path, include_facilitator: bool = True) -> list[Path]:
    """Every notebook of a workbook, sorted; facilitator folders (``animation/``) optional."""
    found = []
    for path in sorted((Path(root) / "notebooks").rglob("*.ipynb")):
        relative = path.relative_to(Path(root) / "notebooks")
        if ".ipynb_checkpoints" in relative.parts:
            continue
        if not include_facilitator and relative.parts[0] in FACILITATOR_FOLDERS:
            continue
        found.append(path)
    return found
