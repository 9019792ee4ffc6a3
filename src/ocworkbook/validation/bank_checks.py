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
from ..exercises.result import quote
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
    """A ``donnees`` exercise's ``calcul`` on its dataset, through the restricted evaluator."""
    from ..data import load
    from .calcul import evaluate

    return evaluate(ex.data["calcul"], load(ex.data["jeu_de_donnees"], root))


def _check_calculation(ex: Exercise, root: Path, where: dict) -> list[BankError]:
    from .calcul import CalculationRefused

    try:
        computed = evaluate_calculation(ex, root)
    except DataError as error:
        return [BankError(t("validate.dataset_error", problem=str(error)), **where)]
    except CalculationRefused as error:
        return [BankError(t("validate.calculation_refused", problem=error.message), **where)]
    except Exception as error:  # any error in the instructor's expression is reported, never raised
        return [BankError(t("validate.calculation_failed", problem=_plain_error(error)), **where)]
    if check(ex, computed).status != CORRECT:
        return [BankError(t("validate.calculation_mismatch", computed=quote(computed),
                            expected=quote(ex.data.get("reponse"))), **where)]
    return []


def _plain_error(error: Exception) -> str:
    """A pandas/Python error, said in French (its English text is not shown)."""
    names = {"KeyError": "validate.error.key", "AttributeError": "validate.error.attribute",
             "TypeError": "validate.error.type", "ValueError": "validate.error.value",
             "ZeroDivisionError": "validate.error.zero"}
    key = names.get(type(error).__name__, "validate.error.other")
    detail = quote(error.args[0]) if type(error).__name__ == "KeyError" and error.args else ""
    return t(key, detail=detail)


def check_keys(bank: Bank, root: Path) -> list[BankError]:
    """Every clear key passes its own checker; a deliberately wrong answer does not; calculations hold."""
    errors = []
    for ex in bank.exercises.values():
        where = {"path": ex.path, "line": ex.line, "item": ex.id}
        if reference_answer(ex) is NO_KEY:
            continue
        if ex.data.get("calcul"):
            errors += _check_calculation(ex, root, where)
        expected = CORRECT if ex.scored else "complete"
        result = check(ex, reference_answer(ex))
        if result.status != expected:
            errors.append(BankError(t("validate.key_fails", status=t(f"result.{result.status}")), **where))
        if check(ex, wrong_answer(ex)).status in (CORRECT, "complete"):
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
