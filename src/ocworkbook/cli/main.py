"""Entry point of the ``ocworkbook`` command.

Each verb lives in its own module of this package and exposes ``register(subparsers)`` (adds
its parser) and ``run(args) -> int`` (does the work, returns the exit code). Heavy libraries
are imported inside ``run`` so that ``ocworkbook --help`` stays fast.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from ..errors import WorkbookError
from ..i18n import set_language, t

#: verb → module name in this package, in the order shown by ``--help``.
VERBS = {
    "start": "start",
    "validate": "validate",
    "diagnostic": "diagnostic",
    "network": "network",
    "opinions": "opinions",
    "participation": "participation",
    "build": "build",
    "grade": "grade",
    "export": "export",
    "atelier": "atelier",
}


def _available_verbs():
    for verb, module_name in VERBS.items():
        try:
            module = importlib.import_module(f"{__package__}.{module_name}")
        except ModuleNotFoundError as error:  # a verb not written yet
            if error.name == f"{__package__}.{module_name}":
                continue
            raise
        yield verb, module


def build_parser() -> argparse.ArgumentParser:
    """Return the full argument parser with every available verb."""
    from .. import __version__

    parser = argparse.ArgumentParser(prog="ocworkbook", description=t("cli.description"))
    parser.add_argument("--lang", choices=["fr", "en"], default="fr", help=t("cli.lang_help"))
    parser.add_argument("--version", action="version", version=f"ocworkbook {__version__}",
                        help=t("cli.version_help"))
    subparsers = parser.add_subparsers(dest="verb", metavar="VERBE")
    for _verb, module in _available_verbs():
        sub = module.register(subparsers)
        # ``ocworkbook validate --lang en`` works as well as ``ocworkbook --lang en validate``
        sub.add_argument("--lang", choices=["fr", "en"], default=argparse.SUPPRESS, help=t("cli.lang_help"))
        sub.set_defaults(_run=module.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns (and exits with) the verb's exit code."""
    argv = sys.argv[1:] if argv is None else argv
    for i, word in enumerate(argv):  # the language of the messages, wherever ``--lang`` is written
        if word == "--lang" and i + 1 < len(argv) and argv[i + 1] in ("fr", "en"):
            set_language(argv[i + 1])
        elif word.startswith("--lang=") and word[7:] in ("fr", "en"):
            set_language(word[7:])
    from .argparse_fr import install

    install()
    parser = build_parser()
    args = parser.parse_args(argv)
    set_language(args.lang)
    if not getattr(args, "_run", None):
        parser.print_help()
        return 2
    try:
        code = args._run(args)
    except WorkbookError as error:
        print(t("cli.error", message=str(error)), file=sys.stderr)
        code = 1
    except KeyboardInterrupt:
        code = 130
    except BrokenPipeError:  # output piped into `head` and the like: not an error of ours
        sys.stderr.close()
        code = 0
    return int(code or 0)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
