"""``ocworkbook grade --key BANK SUBMISSIONS... --out grades.csv``: re-score learners' answer files.

Writes the CSV (Moodle gradebook import), ``<out>-resume.html`` (chart of the most-missed
exercises and the report) and ``<out>-rapport.txt``; prints the report.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ..i18n import t


def register(subparsers):
    parser = subparsers.add_parser("grade", help=t("grading.help"), description=t("grading.help"))
    parser.add_argument("--key", type=Path, required=True, help=t("grading.key_help"))
    parser.add_argument("submissions", nargs="+", type=Path, help=t("grading.submissions_help"))
    parser.add_argument("--out", type=Path, default=Path("notes.csv"), help=t("grading.out_help"))
    return parser


def run(args) -> int:
    from .. import __version__
    from ..grading.key import load_key
    from ..grading.report import report_lines, write_csv, write_summary_html
    from ..grading.score import grade, graded_exercises
    from ..grading.submissions import collect

    bank = load_key(args.key)
    collected = collect(args.submissions)
    exercises = graded_exercises(bank)
    grades = [grade(sub, bank, exercises) for sub in collected.submissions]
    out = args.out
    write_csv(grades, bank, out, __version__)
    lines = report_lines(grades, collected, __version__)
    summary = out.with_name(out.stem + "-resume.html")
    write_summary_html(grades, bank, summary, lines)
    report = out.with_name(out.stem + "-rapport.txt")
    report.write_text("\n".join(lines) + "\n", encoding="utf-8")
    for line in lines:
        print(line, file=sys.stderr if line.startswith(("✗", "⚠")) else sys.stdout)
    print(t("grading.written", csv=str(out), summary=str(summary), report=str(report)))
    return 0 if grades or not collected.problems else 1
