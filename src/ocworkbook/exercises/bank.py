"""Loading the exercise bank: every ``exercises/*.yml`` file of a workbook, validated.

The bank is re-read when a file changes (by modification time), so an instructor who edits a
YAML file sees the change on the next ``ow.exercise(...)`` call without restarting anything.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import BankError
from ..i18n import t
from ..validation.fields import Fields, Report, read_yaml
from .model import DEFAULT_SOLUTION_POLICY, Exercise, parse_exercise, solution_policy


@dataclass
class Bank:
    """All exercises of a workbook, by id, with the problems found while loading them."""

    root: Path
    exercises: dict[str, Exercise] = field(default_factory=dict)
    errors: list[BankError] = field(default_factory=list)
    notebooks: dict[str, list[str]] = field(default_factory=dict)
    titles: dict[str, str] = field(default_factory=dict)       # notebook → its title (file's « titre »)

    def title_of(self, notebook: str) -> str:
        """The notebook's title for display (its name when the file gives none)."""
        return self.titles.get(notebook) or notebook

    def get(self, exercise_id: str) -> Exercise | None:
        return self.exercises.get(exercise_id)

    def by_notebook(self, notebook: str) -> list[Exercise]:
        return [self.exercises[i] for i in self.notebooks.get(notebook, []) if i in self.exercises]


def display_path(path: Path, root: Path) -> str:
    """Path as a person would name it: relative to the workbook root when possible."""
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)


FILE_FIELDS = ("carnet", "titre", "solution", "sel", "exercices")
MAX_EXERCISES_PER_FILE = 500


def load_file(path: Path, root: Path | None = None, titles: dict | None = None
              ) -> tuple[str | None, list[Exercise], list[BankError]]:
    """Parse and validate one exercise file: (notebook name, exercises, errors); the notebook's title, if
    the file gives one, goes into ``titles``."""
    shown = display_path(path, root) if root else str(path)
    report = Report(shown)
    document = read_yaml(path, report, expected=t("bank.file_start"))
    if document is None:
        return None, [], report.errors
    f = Fields(report, document)
    f.keys(FILE_FIELDS, where=t("bank.at_file_level"))
    notebook = f.text("carnet") or path.stem
    title = f.text("titre", required=False)
    salt = f.text("sel", required=False)
    policy = solution_policy(document["solution"], f) if "solution" in document else DEFAULT_SOLUTION_POLICY
    items = document.get("exercices")
    if not isinstance(items, list):
        if "exercices" in document:
            f.error("exercices", t("fields.must_be_list", field="exercices"))
        else:
            f.error(None, t("fields.missing_field", field="exercices"))
        return notebook, [], report.errors
    if len(items) > MAX_EXERCISES_PER_FILE:
        f.error("exercices", t("kinds.too_many", field="exercices", n=MAX_EXERCISES_PER_FILE))
        return notebook, [], report.errors
    exercises, errors = [], list(report.errors)
    if title and titles is not None:
        titles[notebook] = title
    for index, raw in enumerate(items):
        if not isinstance(raw, dict):
            errors.append(BankError(t("bank.exercise_must_be_mapping"), path=shown, line=items.line_of(index)))
            continue
        exercise, problems = parse_exercise(raw, path=shown, notebook=notebook, default_policy=policy, salt=salt)
        errors.extend(problems)
        if exercise is not None:
            exercises.append(exercise)
    return notebook, exercises, errors


_cache: dict[Path, tuple[tuple, Bank]] = {}


def _signature(files: list[Path]) -> tuple:
    return tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in files)


CATALOGUE_FILES = ("themes.yml",)  # files of exercises/ that describe the bank rather than hold exercises


def exercise_files(root: Path) -> list[Path]:
    """The bank's files: ``exercises/*.yml`` (sub-folders such as ``scenarios/`` are not exercises, nor the
    catalogues such as ``themes.yml``, nor the ``*.nouveau.yml`` copies that ``ocworkbook start`` sets beside
    a file the learner edited)."""
    folder = root / "exercises"
    files = list(folder.glob("*.yml")) + list(folder.glob("*.yaml"))
    return sorted(p for p in files if ".nouveau." not in p.name and p.name not in CATALOGUE_FILES)


def load_bank(root: Path | None = None) -> Bank:
    """Load (or reuse, if no file changed) the bank of the workbook at ``root``."""
    from ..paths import workbook_root

    root = Path(root) if root is not None else workbook_root()
    files = exercise_files(root)
    signature = _signature(files)
    cached = _cache.get(root)
    if cached and cached[0] == signature:
        return cached[1]
    bank = Bank(root=root)
    first_seen: dict[str, Exercise] = {}
    for path in files:
        notebook, exercises, errors = load_file(path, root, titles=bank.titles)
        bank.errors.extend(errors)
        for exercise in exercises:
            if exercise.id in first_seen:
                other = first_seen[exercise.id]
                bank.errors.append(BankError(
                    t("bank.duplicate_id", other=f"{other.path}:{other.line}"),
                    path=exercise.path, line=exercise.line, item=exercise.id))
                continue
            first_seen[exercise.id] = exercise
            bank.exercises[exercise.id] = exercise
            bank.notebooks.setdefault(exercise.notebook, []).append(exercise.id)
    _cache[root] = (signature, bank)
    return bank
