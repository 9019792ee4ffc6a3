"""``ocworkbook network MEMBERSHIPS.csv``: map of concertations (load, overlap, brokers, what-if).

The what-if options apply the rules of :mod:`ocworkbook.tools.network` (the ones notebook 05's
simulator uses), in this order: ``--merge``, ``--link``, ``--coordinate``, ``--committee``.
"""

from __future__ import annotations

from ..i18n import t


def register(subparsers):
    """Add the ``network`` verb (French alias: ``reseau``; each option has a French alias too)."""
    parser = subparsers.add_parser("network", aliases=["reseau"], help=t("tools.cli.network.help"),
                                   description=t("tools.cli.network.help"))
    parser.add_argument("memberships", metavar="ADHESIONS.csv", help=t("tools.cli.network.file"))
    parser.add_argument("--actors", "--acteurs", metavar="ACTEURS.csv", help=t("tools.cli.network.actors"))
    parser.add_argument("--merge", "--fusionner", metavar="T1,T2", help=t("tools.cli.network.merge"))
    parser.add_argument("--link", "--lier", metavar="T1,T2", help=t("tools.cli.network.link"))
    parser.add_argument("--small", "--petits", metavar="N|TAILLE", default="petit", help=t("tools.cli.network.small"))
    parser.add_argument("--coordinate", "--coordonner", metavar="T1,T2", help=t("tools.cli.network.coordinate"))
    parser.add_argument("--shared-part", "--part-commune", metavar="PART", type=float, default=None,
                        help=t("tools.cli.network.shared_part"))
    parser.add_argument("--committee", "--comite", metavar="T1,T2", help=t("tools.cli.network.committee"))
    parser.add_argument("--json", action="store_true", help=t("tools.cli.json"))
    parser.add_argument("--html", metavar="RAPPORT.html", help=t("tools.cli.html"))
    return parser


def _tables(text: str) -> list[str]:
    return [x.strip() for x in text.split(",") if x.strip()]


def _sizes(text: str):
    """``--small 3`` (a number: staff) or ``--small petit,moyen`` (sizes written as text)."""
    try:
        return float(text)
    except ValueError:
        return tuple(_tables(text))


def what_if(territory, args):
    """The territory after the what-if options, in the order merge, link, coordinate, committee."""
    from ..errors import DataError
    from ..tools import network

    if args.merge:
        territory = network.merge(territory, _tables(args.merge))
    if args.link:
        tables = _tables(args.link)
        if len(tables) != 2:
            raise DataError(t("tools.cli.network.link_two"))
        territory = network.link(territory, tables[0], tables[1], sizes=_sizes(args.small))
    if args.coordinate:
        territory = network.coordinate(territory, _tables(args.coordinate), args.shared_part)
    if args.committee:
        territory = network.liaison_committee(territory, _tables(args.committee))
    return territory


def scenario_sentence(args) -> str:
    """« Scénario : fusion de Table jeunesse et Table aînés. » — the what-if options, in the order applied."""
    from ..tools.network import Territory
    from ..tools.outputs import fmt_number

    def names(text):
        tables = _tables(text)
        return ", ".join(tables[:-1]) + t("tools.network.scenario.and") + tables[-1] if len(tables) > 1 else text

    steps = []
    if args.merge:
        steps.append(t("tools.network.scenario.merge", tables=names(args.merge)))
    if args.link:
        keep, follow = _tables(args.link)[:2]
        steps.append(t("tools.network.scenario.link", keep=keep, follow=follow))
    if args.coordinate:
        part = Territory.shared_part if args.shared_part is None else args.shared_part
        steps.append(t("tools.network.scenario.coordinate", tables=names(args.coordinate),
                       part=fmt_number(part, 2)))
    if args.committee:
        steps.append(t("tools.network.scenario.committee", tables=names(args.committee)))
    return t("tools.network.scenario.label", steps=t("tools.network.scenario.then").join(steps))


def run(args) -> int:
    """Read, analyse, optionally compare with a what-if, print and write the report."""
    from ..tools import people_tables as tables
    from ..tools.network import analyse_territory, compare, read_actors, read_memberships, territory_from_memberships
    from ..tools.outputs import about_file, table_text, to_json, write_atomic

    memberships = read_memberships(args.memberships)
    actors = read_actors(args.actors, memberships) if args.actors else None
    territory = territory_from_memberships(memberships, actors)
    with about_file(args.memberships):
        result = analyse_territory(territory)
        comparison, scenario = None, None
        if args.merge or args.link or args.coordinate or args.committee:
            comparison = compare(result, analyse_territory(what_if(territory, args)))
            scenario = scenario_sentence(args)
    if args.html:
        from ..tools.report import network_report

        write_atomic(args.html, network_report(result, comparison, scenario))
    if args.json:
        data = result.to_dict()
        if comparison is not None:
            data["what_if"] = comparison.to_dict("records")
        print(to_json(data))
    else:
        print("\n".join(tables.measure_lines(result.measures)))
        print()
        print(table_text(tables.network_actors(result.actors)))
        if comparison is not None:
            print()
            print(scenario)
            print(table_text(tables.network_comparison(comparison)))
    if args.html:
        print(t("tools.io.written", path=args.html))
    return 0
