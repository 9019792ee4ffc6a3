"""The notebook template (``docs/gabarit-carnet.md``), checked by ``ocworkbook validate`` on every notebook.

One check for the workbook's notebooks and for a notebook an instructor writes: the sections in order
(objectives, duration, prerequisites, case, exercises, « À retenir », going further, references), a
fictional case said to be fictional, at least six exercises of four types (a data question and a
reflection among them) that all belong to the notebook, a widget and an Altair chart, the install cell
then ``ow.setup()``, cells saved without outputs, slide metadata, and the teaching notes beside the
notebook. Problems that break the template are errors; missing teaching notes are warnings (a new
notebook can be used before its notes are written). A notebook whose metadata says
``"ocworkbook": {"gabarit": false}`` (the onboarding notebook 00) is not checked.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from ..errors import BankError
from ..i18n import t
from .content_checks import ContentWarning

SECTIONS = ("## Objectifs d'apprentissage", "## Durée", "## Préalables", "## Étude de cas", "## Exercices",
            "## À retenir", "## Pour aller plus loin", "## Références")
SLIDE_TYPES = {"slide", "subslide", "fragment", "skip", "notes", "-"}
SLIDE_SECTIONS = ("## Objectifs d'apprentissage", "## Étude de cas", "## À retenir")
GOALS, KEY_POINTS, MIN_REFERENCES = (3, 5), (5, 7), 4
MIN_EXERCISES, MIN_TYPES, REQUIRED_TYPES = 6, 4, ("donnees", "reflexion")
EXERCISE_CALL = re.compile(r"""exercise\(\s*["']([a-z0-9][a-z0-9-]*)["']""")
LOAD_CALL = re.compile(r"""\bload\(\s*["']([A-Za-z0-9_-]+)["']""")
WIDGET = re.compile(r"(_widget|explorer|classifier|_grid|self_assessment)\(")
CHART = re.compile(r"alt\.Chart|_chart\(")
MAIN_SECTION = re.compile(r"^## \d+\. ")
LEARNER_CELL = re.compile(r"^\s*#?\s*reponse\s*=\s*\.\.\.", re.MULTILINE)
SHOWN = ("ow.setup()", "alt.Chart", "ow.exercise(", "widget", "_chart(")


def _source(cell: dict) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)


def template_notebooks(root: Path) -> list[Path]:
    """The notebooks the template applies to: ``notebooks/*.ipynb`` (the facilitator's folder is not one)."""
    return sorted(p for p in (Path(root) / "notebooks").glob("*.ipynb") if ".nouveau." not in p.name)


def follows_template(notebook: dict) -> bool:
    return (notebook.get("metadata", {}).get("ocworkbook") or {}).get("gabarit", True) is not False


class _Checker:
    def __init__(self, path: Path, root: Path, bank):
        self.path, self.root, self.bank = path, root, bank
        self.shown = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
        self.stem = path.stem
        self.problems: list[BankError] = []

    def error(self, key: str, cell: int | None = None, **values) -> None:
        self.problems.append(BankError(self._text(key, cell, **values), path=self.shown))

    def warning(self, key: str, cell: int | None = None, **values) -> None:
        self.problems.append(ContentWarning(self._text(key, cell, **values), path=self.shown))

    def _text(self, key, cell, **values) -> str:
        text = t(key, **values)
        return t("template.in_cell", cell=cell, text=text) if cell else text

    # --- the checks --------------------------------------------------------------------------
    def run(self, notebook: dict) -> list[BankError]:
        cells = notebook.get("cells", [])
        if (notebook.get("metadata", {}).get("kernelspec") or {}).get("name") != "python3":
            self.error("template.kernelspec")
        self.title(cells)
        sections = self.sections(cells)
        self.texts(sections)
        self.code(cells)
        self.exercises(cells)
        self.slides(cells)
        self.notes(notebook)
        return self.problems

    def title(self, cells) -> None:
        first = _source(cells[0]) if cells else ""
        number = self.stem[:2] if self.stem[:2].isdigit() else None
        expected = f"# {number} — " if number else "# "
        if not cells or cells[0].get("cell_type") != "markdown" or not first.startswith(expected):
            self.error("template.title", expected=expected.strip())

    def sections(self, cells) -> dict[str, tuple[int, str]]:
        """The first cell of each template section: heading → (cell number, text of the section's cells)."""
        found: dict[str, tuple[int, str]] = {}
        order: list[str] = []
        current = None
        for number, cell in enumerate(cells, 1):
            if cell.get("cell_type") != "markdown":
                continue
            text = _source(cell)
            for line in text.splitlines():
                if line.startswith("## "):
                    current = line.strip()
                    if current in SECTIONS and current not in found:
                        found[current] = (number, "")
                        order.append(current)
            if current in found:
                found[current] = (found[current][0], found[current][1] + text + "\n")
        for heading in SECTIONS:
            if heading not in found:
                self.error("template.missing_section", heading=heading)
        present = [h for h in SECTIONS if h in found]
        if order != present:
            self.error("template.section_order", order=" → ".join(h[3:] for h in SECTIONS))
        return found

    def texts(self, sections) -> None:
        def block(heading):
            return sections.get(heading, (None, ""))

        cell, goals = block("## Objectifs d'apprentissage")
        count = len(re.findall(r"^(?:\d+\.|-) ", goals, flags=re.MULTILINE))
        if goals and not GOALS[0] <= count <= GOALS[1]:
            self.error("template.goals", cell, n=count, low=GOALS[0], high=GOALS[1])
        cell, duration = block("## Durée")
        if duration and "atelier" not in duration.lower():
            self.error("template.workshop_duration", cell)
        cell, case = block("## Étude de cas")
        if case and not re.search(r"fictif|fictive", case, flags=re.IGNORECASE):
            self.error("template.case_fictional", cell)
        cell, points = block("## À retenir")
        count = len(re.findall(r"^- ", points, flags=re.MULTILINE))
        if points and not KEY_POINTS[0] <= count <= KEY_POINTS[1]:
            self.error("template.key_points", cell, n=count, low=KEY_POINTS[0], high=KEY_POINTS[1])
        cell, references = block("## Références")
        count = len(re.findall(r"^- ", references, flags=re.MULTILINE))
        if references and count < MIN_REFERENCES:
            self.error("template.references", cell, n=count, minimum=MIN_REFERENCES)

    def code(self, cells) -> None:
        from ..publish.install_cell import is_install_cell

        code = [(n, c) for n, c in enumerate(cells, 1) if c.get("cell_type") == "code"]
        for number, cell in code:
            if cell.get("outputs") or cell.get("execution_count") is not None:
                self.error("template.outputs", number)
        if not code or not is_install_cell(code[0][1]):
            self.error("template.install_cell")
        rest = [c for _, c in code if not is_install_cell(c)]
        if not rest or not ("import ocworkbook as ow" in _source(rest[0]) and "ow.setup()" in _source(rest[0])):
            self.error("template.setup_cell")
        text = "\n".join(_source(c) for _, c in code)
        if not WIDGET.search(text):
            self.error("template.widget")
        if not CHART.search(text):
            self.error("template.chart")
        from ..data import resources
        from ..errors import DataError

        try:
            known = set(resources(self.root))
        except DataError:
            known = None
        for number, cell in code:
            for name in LOAD_CALL.findall(_source(cell)):
                if known is not None and name not in known:
                    self.error("template.unknown_dataset", number, name=name)

    def exercises(self, cells) -> None:
        used: list[tuple[int, str]] = []
        for number, cell in enumerate(cells, 1):
            if cell.get("cell_type") == "code":
                used += [(number, i) for i in EXERCISE_CALL.findall(_source(cell))]
        ids = [i for _, i in used]
        if len(set(ids)) < MIN_EXERCISES:
            self.error("template.exercise_count", n=len(set(ids)), minimum=MIN_EXERCISES)
        seen = set()
        for number, ex_id in used:
            if ex_id in seen:
                self.error("template.exercise_twice", number, id=ex_id)
            seen.add(ex_id)
        prefix = f"{self.stem[:2]}-" if self.stem[:2].isdigit() else None
        found = []
        for number, ex_id in used:
            exercise = self.bank.get(ex_id)
            if exercise is None:
                continue  # reported by the bank's own reference check
            found.append(exercise)
            if exercise.notebook != self.stem or (prefix and not ex_id.startswith(prefix)):
                self.error("template.exercise_elsewhere", number, id=ex_id, notebook=exercise.notebook)
        types = {e.type for e in found}
        missing = [k for k in REQUIRED_TYPES if k not in types]
        if len(types) < MIN_TYPES or missing:
            self.error("template.exercise_types", n=len(types), minimum=MIN_TYPES,
                       missing=", ".join(t(f"type.{k}") for k in missing) or "—")
        unused = [e.id for e in self.bank.by_notebook(self.stem) if e.id not in ids]
        if unused:
            self.error("template.exercise_unused", ids=", ".join(unused))

    def slides(self, cells) -> None:
        for number, cell in enumerate(cells, 1):
            slide = (cell.get("metadata", {}).get("slideshow") or {}).get("slide_type")
            if slide not in SLIDE_TYPES:
                self.error("template.slide_type", number, found=slide or "—", allowed=", ".join(sorted(SLIDE_TYPES)))
        if cells and (cells[0].get("metadata", {}).get("slideshow") or {}).get("slide_type") != "slide":
            self.error("template.first_slide")
        texts = [(n, _source(c), (c.get("metadata", {}).get("slideshow") or {}).get("slide_type"))
                 for n, c in enumerate(cells, 1) if c.get("cell_type") == "markdown"]
        for heading in SLIDE_SECTIONS:
            for number, text, slide in texts:
                if text.lstrip().startswith(heading) and slide != "slide":
                    self.error("template.section_slide", number, heading=heading)
        if not any("Questions de discussion" in text and slide == "slide" for _, text, slide in texts):
            self.error("template.discussion_slide")
        for number, cell in enumerate(cells, 1):
            source = _source(cell)
            tags = cell.get("metadata", {}).get("tags") or []
            if (cell.get("cell_type") == "code" and any(m in source for m in SHOWN)
                    and not LEARNER_CELL.search(source) and "hide-input" not in tags):
                self.error("template.hide_input", number)

    def notes(self, notebook: dict) -> None:
        from ..editions.facilitator_notes import notes_file, notes_for, with_notes

        if not notes_file(self.root, self.stem).is_file():
            self.warning("template.no_notes", file=f"notebooks/animation/notes/{self.stem}.yml")
            return
        cells = with_notes(notebook, notes_for(self.root, self.path))["cells"]
        current, noted = None, {}
        for cell in cells:
            tags = cell.get("metadata", {}).get("tags") or []
            if "notes-animation" in tags:
                if current:
                    noted[current] = True
                if "Durée" not in _source(cell):
                    self.warning("template.note_duration", heading=current or "—")
                continue
            if cell.get("cell_type") == "markdown":
                for line in _source(cell).splitlines():
                    if MAIN_SECTION.match(line) or line.strip() == "## Étude de cas":
                        current = line.strip()
                        noted.setdefault(current, False)
        for heading, has_note in noted.items():
            if not has_note and heading != "## Étude de cas":
                self.warning("template.section_without_note", heading=heading[3:])


def check_notebook(path: Path, root: Path, bank=None) -> list[BankError]:
    """Every way ``path`` departs from the template (errors, and :class:`ContentWarning` for the notes)."""
    from ..exercises.bank import load_bank

    path, root = Path(path), Path(root)
    try:
        notebook = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        return [BankError(t("template.unreadable", reason=type(error).__name__), path=str(path))]
    if not isinstance(notebook, dict) or not follows_template(notebook):
        return []
    return _Checker(path, root, bank or load_bank(root)).run(notebook)


def check_notebooks(root: Path, bank=None) -> list[BankError]:
    """:func:`check_notebook` on every notebook of the workbook at ``root``."""
    from ..exercises.bank import load_bank

    bank = bank or load_bank(root)
    problems = []
    for path in template_notebooks(root):
        problems += check_notebook(path, root, bank)
    return problems
