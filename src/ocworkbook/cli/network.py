"""``ocworkbook network MEMBERSHIPS.csv``: map of concertations (load, overlap, brokers, what-if)."""

from __future__ import annotations

from ..i18n import t


def register(subparsers):
    """Add the ``network`` verb."""
    parser = subparsers.add_parser("network", help=t("tools.cli.network.help"),
                                   description=t("tools.cli.network.help"))
    parser.add_argument("memberships", metavar="ADHESIONS.csv", help=t("tools.cli.network.file"))
    parser.add_argument("--actors", metavar="ACTEURS.csv", help=t("tools.cli.network.actors"))
    parser.add_argument("--merge", metavar="T1,T2", help=t("tools.cli.network.merge"))
    parser.add_argument("--link", metavar="T1,T2", help=t("tools.cli.network.link"))
    parser.add_argument("--json", action="store_true", help=t("tools.cli.json"))
    parser.add_argument("--html", metavar="RAPPORT.html", help=t("tools.cli.html"))
    return parser


def run(args) -> int:
    """Read, analyse, optionally compare with a what-if, print and write the report."""
    from ..tools.network import analyse, compare, link_tables, merge_tables, read_actors, read_memberships
    from ..tools.outputs import about_file, to_json, write_atomic

    memberships = read_memberships(args.memberships)
    actors = read_actors(args.actors, memberships) if args.actors else None
    with about_file(args.memberships):
        result = analyse(memberships, actors)
    comparison = None
    if args.merge or args.link:
        changed = memberships
        if args.merge:
            changed = merge_tables(changed, [x.strip() for x in args.merge.split(",") if x.strip()])
        if args.link:
            changed = link_tables(changed, [x.strip() for x in args.link.split(",") if x.strip()])
        comparison = compare(result, analyse(changed, actors))
    if args.html:
        from ..tools.report import network_report

        write_atomic(args.html, network_report(result, comparison))
    if args.json:
        data = result.to_dict()
        if comparison is not None:
            data["what_if"] = comparison.to_dict("records")
        print(to_json(data))
    else:
        for key, value in result.measures.items():
            print(f"{t(f'tools.network.measure.{key}')} : {value:.3f}" if isinstance(value, float)
                  else f"{t(f'tools.network.measure.{key}')} : {value}")
        print()
        print(result.actors.round(3).to_string(index=False))
        if comparison is not None:
            print()
            print(comparison.round(3).to_string(index=False))
    if args.html:
        print(t("tools.io.written", path=args.html))
    return 0
