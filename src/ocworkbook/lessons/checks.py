"""What ``ocworkbook validate`` checks about the lesson data files: every questionnaire and case file, and
the links between them, the bank and the datasets (a grid question without ratings, a code without a
label, an exercise key that disagrees with the data). Each lesson states its own cross-check
(``check_workbook``); this module runs them all, and only where the workbook has the lesson's files.
"""

from __future__ import annotations

from pathlib import Path

LESSONS = ("relations", "registres", "participation_widget", "competences")


def check_lesson_data(root) -> list:
    """Problems of the questionnaires, the case files and their cross-checks (a list of BankError)."""
    import importlib

    from ..questionnaires import questionnaire_files, validate_questionnaires
    from .cases import case_files, validate_cases

    root = Path(root)
    problems = validate_questionnaires(root) + validate_cases(root)
    if problems or not (case_files(root) or questionnaire_files(root)):
        return problems  # cross-checks need files that read; a workbook without lessons has nothing to check
    for name in LESSONS:
        module = importlib.import_module(f"{__package__}.{name}")
        try:
            problems += module.check_workbook(root)
        except FileNotFoundError:  # an adapted workbook may leave a lesson out
            continue
    return problems
