"""``ocworkbook opinions PATH``: opinion map of a Polis export folder or a tidy CSV of votes."""

from __future__ import annotations

from ..i18n import t


def register(subparsers):
    """Add the ``opinions`` verb."""
    parser = subparsers.add_parser("opinions", help=t("tools.cli.opinions.help"),
                                   description=t("tools.cli.opinions.help"))
    parser.add_argument("path", metavar="CHEMIN", help=t("tools.cli.opinions.file"))
    parser.add_argument("--seed", "--graine", type=int, default=0, help=t("tools.cli.seed"))
    parser.add_argument("--min-group", "--groupe-min", type=int, default=3, help=t("tools.cli.min_group"))
    parser.add_argument("--scaling", "--mise-a-echelle", choices=["polis", "none", "aucune"], default="polis",
                        help=t("tools.cli.opinions.scaling"))
    parser.add_argument("--json", action="store_true", help=t("tools.cli.json"))
    parser.add_argument("--html", metavar="RAPPORT.html", help=t("tools.cli.html"))
    return parser


def run(args) -> int:
    """Read the votes, compute the map, print it (text or JSON) and optionally write the report."""
    from ..tools.opinions import opinion_map
    from ..tools.opinions_io import read_votes
    from ..tools.opinions_text import text_report
    from ..tools.outputs import about_file, to_json, write_atomic

    table = read_votes(args.path)
    with about_file(args.path):
        scaling = "none" if args.scaling == "aucune" else args.scaling
        result = opinion_map(table, seed=args.seed, min_group=args.min_group, scaling=scaling)
    if args.html:
        from ..tools.report import opinions_report

        write_atomic(args.html, opinions_report(result))
    print(to_json(result.to_dict()) if args.json else text_report(result))
    if args.html and not args.json:
        print(t("tools.io.written", path=args.html))
    return 0
