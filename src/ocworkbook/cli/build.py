"""``ocworkbook build learner|instructor OUT``: write an edition, then prove it.

The learner edition is checked against the clear key before the command returns: every check
still works with the hashes, and no correct answer appears in clear (exit code 1 otherwise).
"""

from __future__ import annotations

import sys
from pathlib import Path

from ..i18n import t


def register(subparsers):
    parser = subparsers.add_parser("build", help=t("editions.build.help"), description=t("editions.build.help"))
    parser.add_argument("kind", choices=["learner", "instructor"], help=t("editions.build.kind_help"))
    parser.add_argument("out", type=Path, help=t("editions.build.out_help"))
    parser.add_argument("--source", type=Path, default=None, help=t("editions.build.source_help"))
    parser.add_argument("--sel", dest="salt", default=None, help=t("editions.build.salt_help"))
    return parser


def run(args) -> int:
    from ..editions.build import build_edition
    from ..editions.leaks import verify_edition
    from ..exercises.bank import load_bank

    report = build_edition(args.kind, args.out, source=args.source, salt=args.salt)
    print(t("editions.build.done", kind=t(f"editions.kind.{args.kind}"), out=str(report.out),
            notebooks=len(report.notebooks), exercises=report.exercises))
    if report.notebooks_without_notes:
        print(t("editions.build.no_notes", names=", ".join(report.notebooks_without_notes)))
    if args.kind != "learner":
        return 0
    from ..paths import shipped_workbook

    key_bank = load_bank((args.source or shipped_workbook()).resolve())
    problems = verify_edition(report.out, key_bank)
    for problem in problems:
        print(f"✗ {problem}", file=sys.stderr)
    if problems:
        print(t("editions.build.problems", n=len(problems)), file=sys.stderr)
        return 1
    print(t("editions.build.verified"))
    return 0
