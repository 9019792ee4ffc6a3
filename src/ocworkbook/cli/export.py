"""``ocworkbook export html OUT`` and ``ocworkbook export slides OUT``: offline site and slides."""

from __future__ import annotations

from pathlib import Path

from ..i18n import t


def register(subparsers):
    parser = subparsers.add_parser("export", help=t("publish.help"), description=t("publish.help"))
    parser.add_argument("format", choices=["html", "slides"], help=t("publish.format_help"))
    parser.add_argument("out", type=Path, help=t("publish.out_help"))
    parser.add_argument("--edition", choices=["learner", "instructor"], default=None, help=t("publish.edition_help"))
    parser.add_argument("--source", type=Path, default=None, help=t("editions.build.source_help"))
    parser.add_argument("--jobs", type=int, default=2, help=t("publish.jobs_help"))
    return parser


def run(args) -> int:
    if args.format == "html":
        from ..publish.site import export_html

        report = export_html(args.out, source=args.source, edition=args.edition or "learner", jobs=args.jobs)
    else:
        from ..publish.slides import export_slides

        report = export_slides(args.out, source=args.source, edition=args.edition or "instructor", jobs=args.jobs)
    charts = sum(p.charts for p in report.pages)
    print(t("publish.done", n=len(report.pages), charts=charts, index=str(Path(report.out) / "index.html")))
    return 0
