"""``ocworkbook opinions PATH``: opinion map of a Polis export folder or a tidy CSV of votes."""

from __future__ import annotations

from ..i18n import t


def register(subparsers):
    """Add the ``opinions`` verb."""
    parser = subparsers.add_parser("opinions", help=t("tools.cli.opinions.help"),
                                   description=t("tools.cli.opinions.help"))
    parser.add_argument("path", metavar="CHEMIN", help=t("tools.cli.opinions.file"))
    parser.add_argument("--seed", type=int, default=0, help=t("tools.cli.seed"))
    parser.add_argument("--min-group", type=int, default=3, help=t("tools.cli.min_group"))
    parser.add_argument("--scaling", choices=["none", "polis"], default="none", help=t("tools.cli.opinions.scaling"))
    parser.add_argument("--json", action="store_true", help=t("tools.cli.json"))
    parser.add_argument("--html", metavar="RAPPORT.html", help=t("tools.cli.html"))
    return parser


def run(args) -> int:
    """Read the votes, compute the map, print it (text or JSON) and optionally write the report."""
    from ..tools.opinions import opinion_map
    from ..tools.opinions_io import read_votes
    from ..tools.outputs import to_json, write_atomic

    table = read_votes(args.path)
    result = opinion_map(table, seed=args.seed, min_group=args.min_group, scaling=args.scaling)
    if args.html:
        from ..tools.report import opinions_report

        write_atomic(args.html, opinions_report(result))
    if args.json:
        print(to_json(result.to_dict()))
        return 0
    settings = result.settings
    print(t("tools.opinions.headline", participants=settings["participants"], clustered=settings["clustered"],
            statements=settings["statements"], groups=result.n_groups,
            stability="—" if result.stability is None else f"{result.stability:.2f}", seed=settings["seed"]))
    for warning in result.warnings:
        print("⚠ " + warning)
    sizes = result.to_dict()["group_sizes"]
    for group, rows in result.representative.items():
        print()
        print(t("tools.chart.group", n=int(group) + 1) + f" ({sizes.get(group, 0)})")
        for row in rows:
            word = t("tools.opinions.agree" if row["direction"] == "agree" else "tools.opinions.disagree")
            print(f"  [{row['statement']}] {word} {row['share_in_group']:.0%} — {row['text']}")
    print()
    print(t("tools.opinions.consensus_title"))
    for row in result.consensus["group_informed"]:
        print(f"  [{row['statement']}] {row['score']:.2f} — {row['text']}")
    if args.html:
        print(t("tools.io.written", path=args.html))
    return 0
