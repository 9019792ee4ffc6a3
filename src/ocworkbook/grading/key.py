"""Load the instructor's key: a workbook root, its ``exercises/`` folder, or one exercise file."""

from __future__ import annotations

from pathlib import Path

from ..errors import WorkbookError
from ..exercises.bank import Bank, load_bank, load_file
from ..i18n import t


def load_key(path: Path) -> Bank:
    """The clear-key bank at ``path``; refuses a learner edition (hashed keys cannot grade)."""
    path = Path(path)
    if (path / "exercises").is_dir():
        bank = load_bank(path)
    elif path.is_dir() or path.is_file():
        files = [path] if path.is_file() else sorted([*path.glob("*.yml"), *path.glob("*.yaml")])
        files = [f for f in files if ".nouveau." not in f.name]
        if not files:
            raise WorkbookError(t("grading.key_empty", path=str(path)))
        bank = Bank(root=path if path.is_dir() else path.parent)
        for file in files:
            notebook, exercises, errors = load_file(file)
            bank.errors += errors
            for ex in exercises:
                if ex.id not in bank.exercises:
                    bank.exercises[ex.id] = ex
                    bank.notebooks.setdefault(ex.notebook, []).append(ex.id)
    else:
        raise WorkbookError(t("grading.key_missing", path=str(path)))
    if bank.errors:
        raise WorkbookError(t("grading.key_invalid", n=len(bank.errors), first=str(bank.errors[0])))
    if any(ex.hashed for ex in bank.exercises.values()):
        raise WorkbookError(t("grading.key_hashed", path=str(path)))
    return bank
