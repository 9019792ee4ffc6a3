"""``ocworkbook atelier …``: run a live workshop from a terminal, list, export, print handouts.

- ``ocworkbook atelier demarrer CARNET [--adresse A] [--port P] [--reprendre ID]``: starts the participant
  server, prints the QR code, the address, the code and the projector page, then reads the facilitator's
  commands (``ouvrir 3``, ``fermer``, ``reveler``, ``suivante``, ``accepter 12``…; ``aide`` lists them);
- ``ocworkbook atelier liste``: earlier sessions;
- ``ocworkbook atelier exporter ID [DOSSIER]``: CSV, aggregation files and Polis layout;
- ``ocworkbook atelier fiches CARNET FICHIER.html [--corrige]``: printable handouts, one page per activity;
- ``ocworkbook atelier verifier``: checks every plan file in ``exercises/ateliers``.
"""

from __future__ import annotations

import sys

from ..i18n import t


def register(subparsers):
    parser = subparsers.add_parser("atelier", help=t("atelier.cli.help"), description=t("atelier.cli.help"))
    actions = parser.add_subparsers(dest="action", metavar="ACTION")
    start = actions.add_parser("demarrer", help=t("atelier.cli.start_help"))
    start.add_argument("carnet", nargs="?", help=t("atelier.cli.notebook_help"))
    start.add_argument("--adresse", default="auto", help=t("atelier.cli.host_help"))
    start.add_argument("--port", type=int, default=None, help=t("atelier.cli.port_help"))
    start.add_argument("--reprendre", default=None, metavar="ID", help=t("atelier.cli.resume_help"))
    start.add_argument("--taille-minimale", type=int, default=3, help=t("tools.cli.min_group"))
    actions.add_parser("liste", help=t("atelier.cli.list_help"))
    export = actions.add_parser("exporter", help=t("atelier.cli.export_help"))
    export.add_argument("seance", metavar="ID")
    export.add_argument("dossier", nargs="?", default=None)
    sheets = actions.add_parser("fiches", help=t("atelier.cli.sheets_help"))
    sheets.add_argument("carnet")
    sheets.add_argument("sortie", metavar="FICHIER.html")
    sheets.add_argument("--corrige", action="store_true", help=t("atelier.cli.key_help"))
    actions.add_parser("verifier", help=t("atelier.cli.check_help"))
    parser.set_defaults(_parser=parser)
    return parser


def run(args) -> int:
    action = getattr(args, "action", None)
    if action == "demarrer":
        return _start(args)
    if action == "liste":
        return _list()
    if action == "exporter":
        return _export(args)
    if action == "fiches":
        from ..atelier.handouts import write_handouts

        path = write_handouts(args.carnet, args.sortie, key=args.corrige)
        print(t("atelier.cli.sheets_written", path=str(path)))
        return 0
    if action == "verifier":
        return _check()
    args._parser.print_help()
    return 2


def _list() -> int:
    from ..atelier.launcher import list_sessions

    sessions = list_sessions()
    if not sessions:
        print(t("atelier.cli.no_sessions"))
    for s in sessions:
        print(t("atelier.cli.session_line", **s))
    return 0


def _export(args) -> int:
    from pathlib import Path

    from ..atelier.exports import export_all
    from ..atelier.launcher import sessions_folder
    from ..errors import WorkbookError

    path = Path(args.seance)
    if not path.suffix:
        path = sessions_folder() / f"{args.seance}.sqlite"
    if not path.is_file():
        raise WorkbookError(t("atelier.launch.no_session", id=args.seance, known="ocworkbook atelier liste"))
    for line in export_all(path, args.dossier).lines():
        print(line)
    return 0


def _check() -> int:
    from ..atelier.plan import plan_files, read_plan_file
    from ..errors import WorkbookError
    from ..exercises.bank import load_bank
    from ..paths import workbook_root

    root = workbook_root()
    bank = load_bank(root)
    problems = 0
    for path in plan_files(root):
        try:
            specs = read_plan_file(path, bank, root)
        except WorkbookError as error:
            problems += 1
            print(f"✗ {error}", file=sys.stderr)
            continue
        print(t("atelier.cli.plan_ok", path=path.name, n=len(specs)))
    return 1 if problems else 0


HELP_COMMANDS = ("liste", "ouvrir N", "fermer", "reveler", "cacher", "suivante", "propositions", "accepter N",
                 "refuser N", "resultats", "exporter [DOSSIER]", "fin")


def _start(args) -> int:
    from ..atelier.launcher import start
    from ..atelier.qr import qr_terminal

    session = start(args.carnet, host=args.adresse, port=args.port, resume=args.reprendre,
                    min_group=args.taille_minimale)
    print(qr_terminal(session.url))
    print(t("atelier.cli.started", url=session.url.split("?")[0], code=session.shown_code, id=session.id))
    print(t("atelier.cli.projector", url=session.projector_url))
    if not session.reachable:
        print("⚠ " + t("atelier.cli.loopback"))
    print(t("atelier.cli.commands", commands=" · ".join(HELP_COMMANDS)))
    try:
        repl(session, sys.stdin, print)
    finally:
        session.stop()
        print(t("atelier.widget.stopped", path=str(session.db)))
    return 0


def repl(session, stream, say) -> None:
    """Read facilitator commands from ``stream`` until ``fin`` or the end of input."""
    from ..errors import WorkbookError

    while True:
        try:
            line = stream.readline()
        except KeyboardInterrupt:
            return
        if not line:
            return
        words = line.strip().split()
        if not words:
            continue
        try:
            if not command(session, words, say):
                return
        except WorkbookError as error:
            say("✗ " + error.message)


def command(session, words: list[str], say) -> bool:
    """Run one command; returns ``False`` for ``fin``."""
    from ..atelier import results
    from ..atelier.display import tally_lines

    verb, rest = words[0].lower(), words[1:]
    state = session.state()
    activities = state["activites"]

    def activity(arg):
        if arg.isdigit() and 1 <= int(arg) <= len(activities):
            return activities[int(arg) - 1]["id"]
        return arg

    if verb in ("fin", "quitter", "q"):
        return False
    if verb in ("aide", "?"):
        say(" · ".join(HELP_COMMANDS))
    elif verb == "liste":
        for i, a in enumerate(activities, 1):
            marks = ("●" if a["etat"] == "ouverte" else "■" if a["etat"] == "fermee" else " ") + (
                "✓" if a["revele"] else " ")
            say(f"{marks} {i:2d}. {a['titre']} ({t('atelier.kind.' + a['type'])})")
    elif verb == "ouvrir" and rest:
        session.open(activity(rest[0]))
        say(t("atelier.cli.opened", id=activity(rest[0])))
    elif verb == "suivante":
        ids = [a["id"] for a in activities]
        current = state["courante"]
        position = ids.index(current) + 1 if current in ids else 0
        if position < len(ids):
            session.open(ids[position])
            say(t("atelier.cli.opened", id=ids[position]))
    elif verb == "fermer":
        session.close()
        say(t("atelier.state.fermee"))
    elif verb in ("reveler", "révéler", "cacher"):
        session.reveal(show=verb != "cacher")
        say(t("atelier.widget.revealed") if verb != "cacher" else t("atelier.cli.hidden"))
    elif verb == "propositions":
        for p in state["propositions"]:
            say(f"  [{p['id']}] {p['texte']}")
        if not state["propositions"]:
            say(t("atelier.cli.no_proposals"))
    elif verb in ("accepter", "refuser") and rest and rest[0].isdigit():
        session.moderate(int(rest[0]), accept=verb == "accepter")
        say("✓")
    elif verb == "resultats":
        store = session.store()
        try:
            spec = store.current()
            if spec:
                tally = results.tally(store, spec, min_group=int(store.meta("min_group", 3)))
                say(f"{spec['title']} — {t('atelier.widget.answers', n=tally.people)}")
                for line in tally_lines(tally):
                    say(line)
        finally:
            store.close()
    elif verb == "exporter":
        from ..atelier.exports import export_all

        for line in export_all(session.db, rest[0] if rest else None).lines():
            say(line)
    else:
        say(t("atelier.cli.unknown", commands=" · ".join(HELP_COMMANDS)))
    return True
