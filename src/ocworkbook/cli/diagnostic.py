"""``ocworkbook diagnostic RESPONSES.csv``: partnership diagnostic (scores and gaps between partner types)."""

from __future__ import annotations

from ..i18n import t


def register(subparsers):
    """Add the ``diagnostic`` verb."""
    parser = subparsers.add_parser("diagnostic", help=t("tools.cli.diagnostic.help"),
                                   description=t("tools.cli.diagnostic.help"))
    parser.add_argument("responses", metavar="REPONSES.csv", help=t("tools.cli.diagnostic.file"))
    parser.add_argument("--instrument", default="coconstruction", help=t("tools.cli.diagnostic.instrument"))
    parser.add_argument("--min-group", "--groupe-min", type=int, default=3, help=t("tools.cli.min_group"))
    parser.add_argument("--seed", "--graine", type=int, default=0, help=t("tools.cli.seed"))
    parser.add_argument("--json", action="store_true", help=t("tools.cli.json"))
    parser.add_argument("--html", metavar="RAPPORT.html", help=t("tools.cli.html"))
    return parser


def run(args) -> int:
    """Read, score, print (text or JSON) and optionally write the HTML report."""
    from ..tools.diagnostic import diagnose, load_instrument, read_responses, summary_fr
    from ..tools.outputs import about_file, to_json

    instrument = load_instrument(args.instrument)
    responses = read_responses(args.responses, instrument)
    with about_file(args.responses):
        result = diagnose(responses, instrument, min_group=args.min_group, seed=args.seed)
    if args.html:
        from ..tools.outputs import write_atomic
        from ..tools.report import diagnostic_report

        write_atomic(args.html, diagnostic_report(result))
    if args.json:
        print(to_json(result.to_dict()))
    else:
        for line in summary_fr(result):
            print(line)
        for warning in result.warnings:
            print("⚠ " + warning)
        from ..tools import people_tables as tables
        from ..tools.outputs import table_text

        print()
        print(table_text(tables.diagnostic_overall(result)))
        if len(result.gaps):
            print()
            print(table_text(tables.diagnostic_gaps(result)))
    if args.html:
        print(t("tools.io.written", path=args.html))
    return 0
