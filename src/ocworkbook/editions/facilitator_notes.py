"""Teaching notes (« notes d'animation ») live beside the notebooks, never inside a learner's notebook.

A learner opens ``notebooks/NN-….ipynb`` (with ``make lab``, ``ocworkbook start`` or a hub), so those
files hold nothing meant for the facilitator. Each notebook's notes are a YAML file of the
facilitator's folder, ``notebooks/animation/notes/NN-….yml``::

    carnet: 03-instrumentalisation-coconstruction
    notes:
      - apres: "3. Un débat : les partenariats public–philanthropique (2009-2016)"   # a heading of the notebook
        texte: |
          Durée : 20 minutes. Faites d'abord trier les énoncés en faits et positions…

The instructor edition (and so the slides' speaker notes, and ``NOTES-ANIMATION.md``) puts each note
right after the cell holding its heading; the learner edition and the wheel leave the folder out.
``ocworkbook validate`` checks the files with the shared validator (a heading that does not exist is
named, with a suggestion).
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import BankError
from ..exercises.normalize import normalize_text
from ..i18n import t
from ..validation.fields import Fields, Report, read_yaml, suggestion
from .notebooks import NOTES_TAG, read_notebook

NOTES_DIR = ("notebooks", "animation", "notes")
HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*$", re.MULTILINE)


@dataclass(frozen=True)
class Note:
    after: str      # heading text, as written in the notebook (without the #)
    text: str       # Markdown
    line: int | None = None


def notes_dir(root: Path) -> Path:
    return Path(root).joinpath(*NOTES_DIR)


def notes_file(root: Path, stem: str) -> Path:
    return notes_dir(root) / f"{stem}.yml"


def headings(notebook: dict) -> list[tuple[int, str]]:
    """(cell index, heading text) for every Markdown heading of ``notebook``."""
    found = []
    for index, cell in enumerate(notebook.get("cells", [])):
        if cell.get("cell_type") == "markdown":
            found += [(index, match.group(1)) for match in HEADING.finditer("".join(cell.get("source", "")))]
    return found


def read_notes(path: Path, shown: str, notebook: dict | None) -> tuple[list[Note], list[BankError]]:
    """The notes of one file, checked against the notebook's headings (when the notebook is given)."""
    report = Report(shown)
    document = read_yaml(path, report, expected=t("notes.file_start"))
    if document is None:
        return [], report.errors
    f = Fields(report, document)
    f.keys(("carnet", "notes"), required=("carnet", "notes"), where=t("bank.at_file_level"))
    known = {normalize_text(text): text for _i, text in headings(notebook)} if notebook is not None else None
    found = []
    for item in f.items("notes", ("apres", "texte")):
        f.keys(("apres", "texte"), mapping=item, where=t("notes.in_notes"))
        after, text = f.text("apres", item), f.text("texte", item)
        if after is None or text is None:
            continue
        if known is not None and normalize_text(after.lstrip("# ")) not in known:
            f.error("apres", t("notes.unknown_heading", heading=after, suggestion=suggestion(after, known.values())),
                    item)
            continue
        found.append(Note(after.lstrip("# ").strip(), text, item.line_of("apres")))
    return found, report.errors


def notes_for(root: Path, notebook_path: Path) -> list[Note]:
    """The valid notes of one notebook (none if its file is missing or broken: ``validate`` says why)."""
    path = notes_file(root, notebook_path.stem)
    if not path.is_file():
        return []
    notes, _errors = read_notes(path, str(path), read_notebook(notebook_path))
    return notes


def with_notes(notebook: dict, notes: list[Note]) -> dict:
    """A copy of ``notebook`` with each note inserted, as a speaker-notes cell, after its heading's cell."""
    result = copy.deepcopy(notebook)
    by_cell: dict[int, list[Note]] = {}
    positions = {normalize_text(text): index for index, text in reversed(headings(result))}
    for note in notes:
        index = positions.get(normalize_text(note.after))
        if index is not None:
            by_cell.setdefault(index, []).append(note)
    cells = []
    for index, cell in enumerate(result.get("cells", [])):
        cells.append(cell)
        for number, note in enumerate(by_cell.get(index, []), 1):
            cells.append({"cell_type": "markdown", "id": f"notes-{index}-{number}",
                          "metadata": {"tags": [NOTES_TAG], "slideshow": {"slide_type": "notes"}},
                          "source": note.text.strip()})
    result["cells"] = cells
    return result


def check_notes(root: Path) -> list[BankError]:
    """``validate``: every notes file is well formed and names headings of its notebook; no learner
    notebook holds a teaching-notes cell."""
    root = Path(root)
    errors: list[BankError] = []
    folder = notes_dir(root)
    for path in sorted(folder.glob("*.yml")) if folder.is_dir() else []:
        shown = str(path.relative_to(root))
        target = root / "notebooks" / f"{path.stem}.ipynb"
        if not target.is_file():
            errors.append(BankError(t("notes.no_notebook", name=path.stem), path=shown, line=1))
            continue
        errors += read_notes(path, shown, read_notebook(target))[1]
    if _edition_kind(root) == "instructor":  # there, the notes are inserted on purpose
        return errors
    for path in sorted((root / "notebooks").glob("*.ipynb")):
        for number, cell in enumerate(read_notebook(path).get("cells", []), 1):
            if NOTES_TAG in (cell.get("metadata", {}).get("tags") or []):
                errors.append(BankError(t("notes.cell_in_learner_notebook", cell=number,
                                          folder="/".join(NOTES_DIR)), path=str(path.relative_to(root))))
    return errors


def _edition_kind(root: Path) -> str | None:
    import json

    from .build import MARKER

    try:
        return json.loads((Path(root) / MARKER).read_text(encoding="utf-8")).get("edition")
    except (OSError, ValueError, AttributeError):
        return None
