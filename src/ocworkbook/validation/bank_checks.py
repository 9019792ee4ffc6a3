"""``ocworkbook validate``'s checks, as plain functions returning lists of BankError.

- the bank parses and fits the schema (file, id and line named);
- every exercise id used in a notebook exists;
- every clear answer key passes its own checker and a deliberately wrong answer does not
  (nbgrader's ``validate`` and ``validate --invert`` in one);
- a ``donnees`` exercise's ``calcul`` really gives its ``reponse`` on its dataset;
- every dataset of the datapackage loads and fits its schema.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from ..errors import BankError, DataError
from ..exercises.bank import Bank
from ..exercises.check import CORRECT, check
from ..exercises.model import Exercise
from ..exercises.solution import NO_KEY, reference_answer, wrong_answer
from ..i18n import t

EXERCISE_CALL = re.compile(r"""exercise\(\s*["']([a-z0-9][a-z0-9-]*)["']""")


def notebook_references(root: Path) -> list[tuple[str, int, str]]:
    """(notebook path, cell number, exercise id) for every ``exercise("id")`` in the notebooks."""
    found = []
    for path in sorted((root / "notebooks").rglob("*.ipynb")):
        if ".ipynb_checkpoints" in path.parts:
            continue
        try:
            cells = json.loads(path.read_text(encoding="utf-8")).get("cells", [])
        except (ValueError, OSError):
            continue
        for number, cell in enumerate(cells, 1):
            if cell.get("cell_type") != "code":
                continue
            source = "".join(cell.get("source", ""))
            for match in EXERCISE_CALL.finditer(source):
                found.append((str(path.relative_to(root)), number, match.group(1)))
    return found


def check_references(bank: Bank, root: Path) -> list[BankError]:
    errors = []
    for path, cell, ex_id in notebook_references(root):
        if bank.get(ex_id) is None:
            errors.append(BankError(t("validate.unknown_reference", cell=cell), path=path, item=ex_id))
    return errors


def evaluate_calculation(ex: Exercise, root: Path):
    """Run a ``donnees`` exercise's ``calcul`` with ``df`` bound to its dataset."""
    import numpy as np
    import pandas as pd

    from ..data import load

    frame = load(ex.data["jeu_de_donnees"], root)
    namespace = {"df": frame, "pd": pd, "np": np}
    code = ex.data["calcul"].strip()
    lines = code.splitlines()
    if len(lines) > 1:
        exec("\n".join(lines[:-1]), namespace)  # noqa: S102 - instructor-authored key
    return eval(lines[-1], namespace)  # noqa: S307 - instructor-authored key


def check_keys(bank: Bank, root: Path) -> list[BankError]:
    errors = []
    for ex in bank.exercises.values():
        where = {"path": ex.path, "line": ex.line, "item": ex.id}
        answer = reference_answer(ex)
        if answer is NO_KEY:
            continue
        if ex.type == "donnees" and ex.data.get("calcul"):
            try:
                computed = evaluate_calculation(ex, root)
            except DataError as error:
                errors.append(BankError(t("validate.dataset_error", problem=str(error)), **where))
                continue
            except Exception as error:  # any error in the instructor's code is reported, not raised
                errors.append(BankError(t("validate.calculation_failed",
                                          problem=f"{type(error).__name__}: {error}"), **where))
                continue
            result = check(ex, computed)
            if result.status != CORRECT:
                errors.append(BankError(t("validate.calculation_mismatch", computed=computed,
                                          expected=ex.data.get("reponse")), **where))
        result = check(ex, answer)
        expected = "complete" if ex.type == "reflexion" else CORRECT
        if result.status != expected:
            errors.append(BankError(t("validate.key_fails", status=result.status), **where))
        wrong = check(ex, wrong_answer(ex))
        if wrong.status in (CORRECT, "complete"):
            errors.append(BankError(t("validate.wrong_passes"), **where))
    return errors


def check_datasets(root: Path) -> list[BankError]:
    from ..data import load, resources

    errors = []
    try:
        names = list(resources(root))
    except DataError as error:
        return [BankError(error.message, path=error.path, line=error.line)]
    for name in names:
        try:
            load(name, root)
        except DataError as error:
            errors.append(BankError(error.message, path=error.path, line=error.line, item=name))
    return errors


def check_scenarios(root: Path) -> list[BankError]:
    try:
        from ..scenarios import validate_scenarios
    except ImportError:
        return []
    return list(validate_scenarios(root))
