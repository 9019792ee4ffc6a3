"""``ocworkbook validate [--root DIR]``: check the exercise bank, notebooks (the template), datasets,
scenarios, questionnaires and case files."""

from __future__ import annotations

import sys
from pathlib import Path

from ..i18n import t


def register(subparsers):
    parser = subparsers.add_parser("validate", help=t("validate.help"), description=t("validate.help"))
    parser.add_argument("--root", type=Path, default=None, help=t("validate.root_help"))
    parser.add_argument("--strict", action="store_true", help=t("validate.strict_help"))
    return parser


def run(args) -> int:
    from ..atelier.plan import plan_problems
    from ..editions.facilitator_notes import check_notes
    from ..exercises.bank import load_bank
    from ..exercises.themes import check_themes
    from ..lessons.checks import check_lesson_data
    from ..paths import workbook_root
    from ..validation import bank_checks, content_checks
    from ..validation.notebook_template import check_notebooks

    root = (args.root or workbook_root()).resolve()
    bank = load_bank(root)
    errors = list(bank.errors)
    errors += bank_checks.check_references(bank, root)
    errors += bank_checks.check_datasets(root)
    errors += bank_checks.check_keys(bank, root)
    errors += bank_checks.check_scenarios(root)
    errors += content_checks.dollar_problems(bank, root)
    errors += check_notes(root)
    errors += check_lesson_data(root)
    errors += plan_problems(root, bank)
    theme_errors, theme_warnings = check_themes(bank, root)
    errors += theme_errors
    template = check_notebooks(root, bank)
    errors += [e for e in template if not isinstance(e, content_checks.ContentWarning)]
    warnings = content_checks.answer_giveaways(bank) + theme_warnings
    warnings += [e for e in template if isinstance(e, content_checks.ContentWarning)]
    for error in errors:
        print(f"✗ {error}", file=sys.stderr)
    for warning in warnings:
        print(f"⚠ {warning}", file=sys.stderr)
    if warnings:
        print(t("validate.warnings", n=len(warnings)), file=sys.stderr)
    files = len({ex.path for ex in bank.exercises.values()})
    if errors or (warnings and args.strict):
        print(t("validate.failed", n=len(errors) + (len(warnings) if args.strict else 0), exercises=len(bank.exercises),
                files=files), file=sys.stderr)
        return 1
    print(t("validate.ok", exercises=len(bank.exercises), files=files, root=str(root)))
    return 0
