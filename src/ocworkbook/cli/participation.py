"""``ocworkbook participation DECISIONS.csv``: promised versus practised participation, per decision."""

from __future__ import annotations

from ..i18n import t


def register(subparsers):
    """Add the ``participation`` verb."""
    parser = subparsers.add_parser("participation", help=t("tools.cli.participation.help"),
                                   description=t("tools.cli.participation.help"))
    parser.add_argument("decisions", metavar="DECISIONS.csv", help=t("tools.cli.participation.file"))
    parser.add_argument("--scale", "--echelle", choices=["bourque", "arnstein", "iap2"], default="bourque",
                        help=t("tools.cli.participation.scale"))
    parser.add_argument("--json", action="store_true", help=t("tools.cli.json"))
    parser.add_argument("--html", metavar="RAPPORT.html", help=t("tools.cli.html"))
    return parser


def run(args) -> int:
    """Read, audit, print (text or JSON) and optionally write the HTML report."""
    from ..tools.outputs import about_file, to_json, write_atomic
    from ..tools.participation import audit, read_decisions

    decisions = read_decisions(args.decisions, default_scale=args.scale)
    with about_file(args.decisions):
        result = audit(decisions)
    if args.html:
        from ..tools.report import participation_report

        write_atomic(args.html, participation_report(result))
    if args.json:
        print(to_json(result.to_dict()))
    else:
        for line in result.summary:
            print(line)
        print()
        from ..tools.outputs import table_text
        from ..tools.people_tables import participation_decisions

        print(table_text(participation_decisions(result.decisions)))
    if args.html:
        print(t("tools.io.written", path=args.html))
    return 0
