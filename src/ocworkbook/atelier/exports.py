"""After the session: the answers as CSV, as the aggregation notebook's files, and in Polis's layout.

:func:`export_all` writes, into one folder:

- ``reponses.csv`` — one row per participant and activity (pseudonym P001…, never the nickname);
- ``enonces.csv``, ``votes.csv``, ``mur.csv`` — statements (with their moderation), votes, wall entries;
- ``resultats.csv`` — the room's counts, under the minimum-group-size rule (hidden below it),
  written for a French spreadsheet: ``type`` in words (« choix unique »), ``part`` as a percentage
  with a decimal comma (« 66,7 % »), ``attendue`` as « Oui » / « Non » (empty when there is no
  expected answer), ``accord`` / ``desaccord`` / ``passe`` as counts for statements, ``rang_moyen``
  with a decimal comma (« 2,33 »); an activity never opened says « non ouverte ». The file stays a
  plain comma-separated UTF-8 CSV (with BOM) that Python's ``csv`` reads unchanged;
- ``remises/remise-P001.json``… — one answer file per participant in the format of
  ``ow.export_answers()``, so that ``notebooks/animation/agregation-atelier.ipynb``
  (``workshop.from_submissions``) reads them unchanged;
- ``polis-<activity>/comments.csv`` and ``participants-votes.csv`` per statements activity, the
  layout of a Polis export (``group-id`` left empty: no Polis groups to compare with), so that
  ``ocworkbook opinions polis-<activity>`` reads it.

Every text cell goes through :func:`~ocworkbook.atelier.security.csv_cell` (a cell starting with
= + - @ cannot run as a spreadsheet formula).
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from ..fileio import write_atomic
from ..i18n import t, tn
from ..tools.privacy import DEFAULT_MIN_GROUP
from . import results
from .display import ExportFiles
from .question_kinds import kind_of
from .security import csv_cell
from .storage import ACCEPTED, PROPOSED, REFUSED, SEED, Store

MODERATION = {SEED: 1, ACCEPTED: 1, PROPOSED: 0, REFUSED: -1}


def _csv(rows: list[list], header: list[str]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([csv_cell(value) for value in row])
    return buffer.getvalue()


def _write(path: Path, text: str, bom: bool = True) -> Path:
    return write_atomic(path, ("\ufeff" if bom else "") + text, make_parents=True)


def answers_csv(store: Store, lang: str = "fr") -> str:
    specs = {a["id"]: a for a in store.activities()}
    rows = []
    for row in store.answers():
        spec = specs[row["activity"]]
        rows.append([results.person(row["participant"]), spec["id"], spec["kind"],
                     kind_of(spec).describe(spec, row["answer"], lang), json.dumps(row["answer"], ensure_ascii=False),
                     row["revision"], row["updated"]])
    return _csv(rows, ["personne", "activite", "type", "reponse", "reponse_brute", "modifications", "moment"])


def statements_csv(store: Store) -> str:
    rows = [[s["id"], s["activity"], s["text"], results.person(s["author"]) if s["author"] else "", s["status"],
             s["created"]] for s in store.statements()]
    return _csv(rows, ["enonce", "activite", "texte", "auteur", "statut", "cree"])


def votes_csv(store: Store) -> str:
    rows = [[results.person(v["participant"]), v["activity"], v["statement"], v["vote"]] for v in store.votes()]
    return _csv(rows, ["personne", "activite", "enonce", "vote"])


def wall_csv(store: Store) -> str:
    rows = [[p["id"], p["activity"], results.person(p["participant"]), p["text"], int(p["hidden"]), p["created"]]
            for p in store.posts(include_hidden=True)]
    return _csv(rows, ["entree", "activite", "personne", "texte", "masquee", "cree"])


RESULT_COLUMNS = ["activite", "titre", "type", "personnes_activite", "element", "libelle", "personnes", "part",
                  "attendue", "accord", "desaccord", "passe", "rang_moyen", "rang_attendu"]


def spreadsheet_number(value, digits: int = 2) -> str:
    """A number for a French spreadsheet: decimal comma, no thousands separator (« 2,33 », « 12 »)."""
    if value is None or value == "":
        return ""
    number = round(float(value), digits)
    return (f"{number:.{digits}f}".rstrip("0").rstrip(".") if digits else f"{number:.0f}").replace(".", ",")


def spreadsheet_percent(share) -> str:
    """A share (0 to 1) as a percentage a French spreadsheet reads as a number: « 66,7 % »."""
    return "" if share is None or share == "" else spreadsheet_number(100 * float(share), 1) + " %"


def yes_no(value, lang: str = "fr") -> str:
    return "" if value is None else t("atelier.export.yes" if value else "atelier.export.no", lang=lang)


def results_csv(store: Store, bank=None, min_group: int = DEFAULT_MIN_GROUP, lang: str = "fr") -> str:
    """The room's counts per activity, for a spreadsheet (format in the module's docstring)."""
    rows = []
    for spec in store.activities():
        tally = results.tally(store, spec, min_group=min_group, bank=bank, revealed=True, lang=lang)
        label = t(f"atelier.kind.{spec['kind']}", lang=lang)
        head = [spec["id"], spec["title"], label, tally.people]
        if spec["state"] == "attente":
            rows.append(head + ["", t("atelier.export.not_opened", lang=lang)] + [""] * 8)
            continue
        if tally.hidden:
            note = tn("atelier.export.hidden", tally.people, lang=lang, minimum=min_group)
            rows.append(head + ["", note] + [""] * 8)
            continue
        for r in tally.rows:
            share = spreadsheet_percent(r.get("part", r.get("part_accord")))
            rows.append(head + [r.get("element", ""), r["libelle"], r.get("personnes", r.get("votants")), share,
                                yes_no(r.get("correct"), lang),
                                r.get("accord", ""), r.get("desaccord", ""), r.get("passe", ""),
                                spreadsheet_number(r.get("rang_moyen")), r.get("rang_attendu") or ""])
    return _csv(rows, RESULT_COLUMNS)


def remises(store: Store, bank) -> dict[str, dict]:
    """One ``ocworkbook-remise`` payload per participant (exercises only), keyed by pseudonym."""
    from .. import __version__
    from ..exercises.submission import FORMAT, FORMAT_VERSION, checksum

    specs = {a["id"]: a for a in store.activities() if a.get("exercise")}
    by_person: dict[str, dict] = {}
    for row in store.answers():
        spec = specs.get(row["activity"])
        if spec is None:
            continue
        who = results.person(row["participant"])
        by_person.setdefault(who, {})[spec["id"]] = {"carnet": store.meta("carnet"), "type": spec["kind"],
                                                     "reponse": row["answer"]}
    payloads = {}
    for who, answers in by_person.items():
        payload = {"format": FORMAT, "version": FORMAT_VERSION, "cahier_version": __version__, "personne": who,
                   "cree": store.meta("cree", ""), "source": "atelier:" + store.meta("id", ""), "reponses": answers,
                   "reflexions": [], "problemes": []}
        payload["checksum"] = checksum(payload)
        payloads[who] = payload
    return payloads


def polis_files(store: Store, activity_id: str) -> dict[str, str]:
    """``comments.csv`` and ``participants-votes.csv`` of one statements activity (Polis's layout).

    The ``group-id`` column stays empty: in a Polis export it holds Polis's own groups, which
    ``ocworkbook opinions`` compares with its own; these votes never went through Polis, and the
    workshop's groups would also place the people of a hidden (too small) group by elimination.
    """
    statements = store.statements(activity_id)
    votes = store.votes(activity_id)
    shown = [s for s in statements if MODERATION[s["status"]] == 1]
    counts = {s["id"]: {1: 0, -1: 0, 0: 0} for s in statements}
    for v in votes:
        counts[v["statement"]][v["vote"]] += 1
    comments = []
    for s in statements:
        author = s["author"] if s["author"] is not None else 0
        comments.append([s["created"], s["created"], s["id"], author, counts[s["id"]][1], counts[s["id"]][-1],
                         MODERATION[s["status"]], s["text"]])
    comments_text = _csv(comments, ["timestamp", "datetime", "comment-id", "author-id", "agrees", "disagrees",
                                    "moderated", "comment-body"])
    by_person: dict[int, dict[int, int]] = {}
    for v in votes:
        by_person.setdefault(v["participant"], {})[v["statement"]] = v["vote"]
    authored = {}
    for s in statements:
        if s["author"] is not None:
            authored[s["author"]] = authored.get(s["author"], 0) + 1
    rows = []
    for participant, mine in sorted(by_person.items()):
        rows.append([participant, "", authored.get(participant, 0), len(mine),
                     sum(1 for v in mine.values() if v == 1), sum(1 for v in mine.values() if v == -1)]
                    + ["" if s["id"] not in mine else mine[s["id"]] for s in shown])
    header = ["participant", "group-id", "n-comments", "n-votes", "n-agree", "n-disagree"]
    header += [str(s["id"]) for s in shown]
    return {"comments.csv": comments_text, "participants-votes.csv": _csv(rows, header)}


def export_all(db, folder=None, *, bank=None, min_group: int | None = None) -> ExportFiles:
    """Write every export of the session ``db`` into ``folder`` (default: beside the database).

    Returns name → path (a dict that a notebook shows as a French table of files).
    """
    from ..exercises.bank import load_bank

    db = Path(db)
    folder = Path(folder) if folder else db.with_name(db.stem + "-export")
    store = Store(db, readonly=True)
    try:
        min_group = int(min_group if min_group is not None else store.meta("min_group", DEFAULT_MIN_GROUP))
        if bank is None:
            root = store.meta("racine")
            bank = load_bank(Path(root)) if root and Path(root).is_dir() else load_bank()
        written = ExportFiles({
            "reponses": _write(folder / "reponses.csv", answers_csv(store)),
            "enonces": _write(folder / "enonces.csv", statements_csv(store)),
            "votes": _write(folder / "votes.csv", votes_csv(store)),
            "mur": _write(folder / "mur.csv", wall_csv(store)),
            "resultats": _write(folder / "resultats.csv", results_csv(store, bank, min_group)),
        })
        for who, payload in remises(store, bank).items():
            _write(folder / "remises" / f"remise-{who}.json", json.dumps(payload, ensure_ascii=False, indent=2),
                   bom=False)
        written["remises"] = folder / "remises"
        for spec in store.activities():
            if spec["kind"] == "enonces":
                target = folder / f"polis-{spec['id']}"
                for name, text in polis_files(store, spec["id"]).items():
                    _write(target / name, text, bom=False)
                written[f"polis-{spec['id']}"] = target
    finally:
        store.close()
    return written
