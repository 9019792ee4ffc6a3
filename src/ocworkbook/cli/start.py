"""``ocworkbook start [DIR]``: copy the workbook into DIR (safely) and open JupyterLab there."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from ..i18n import t

DEFAULT_DIR = "cahier-oc"
FIRST_NOTEBOOK = "notebooks/00-demarrer.ipynb"


def register(subparsers):
    parser = subparsers.add_parser("start", help=t("start.help"), description=t("start.help"))
    parser.add_argument("directory", nargs="?", default=DEFAULT_DIR, type=Path, help=t("start.dir_help"))
    parser.add_argument("--no-lab", action="store_true", help=t("start.no_lab_help"))
    parser.add_argument("--port", type=int, default=None, help=t("start.port_help"))
    return parser


def lab_command(directory: Path, port: int | None = None) -> list[str]:
    """The command that opens JupyterLab in ``directory`` on the first notebook."""
    command = [sys.executable, "-m", "jupyter", "lab", f"--ServerApp.root_dir={directory}", FIRST_NOTEBOOK]
    if port:
        command.append(f"--port={port}")
    if hasattr(os, "geteuid") and os.geteuid() == 0:  # containers and CI machines often run as root
        command.append("--allow-root")
    return command


def run(args) -> int:
    from ..paths import shipped_workbook
    from ..workbook_copy import copy_workbook, learner_view

    destination = args.directory.expanduser().resolve()
    source = shipped_workbook()
    if source.resolve() == destination:
        print(t("start.same_folder", path=str(destination)))
    else:
        with learner_view(source) as view:
            report = copy_workbook(view, destination)
        print(t("start.copied", path=str(destination), copied=len(report.copied), updated=len(report.updated),
                unchanged=len(report.unchanged)))
        for mine, theirs in report.kept:
            print(t("start.kept", mine=mine, theirs=theirs))
    if args.no_lab:
        print(t("start.open_later", command=" ".join(lab_command(destination, args.port))))
        return 0
    return subprocess.call(lab_command(destination, args.port), cwd=destination)
