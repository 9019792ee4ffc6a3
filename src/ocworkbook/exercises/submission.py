"""``ow.export_answers()``: one file a learner can hand in (answers + reflections), plus a
readable HTML journal.

The file carries an integrity fingerprint, so that a file changed after export (edited by hand,
or damaged) is flagged at grading time. Be clear about what it is worth: the fingerprint is
computed on the learner's own computer with a method anyone can read in this source, so a
determined person can recompute it after editing. It catches accidents and casual edits; it is not
a signature. Grading never trusts the stored scores anyway: it re-scores every answer.
The file also carries the pseudonymous id of the learner's copy of the workbook
(``installation``), so that a copy of another learner's file can be noticed."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

from ..fileio import write_atomic
from ..i18n import t
from .journal import journal_entries, journal_html
from .progress import ProgressLog, now_iso, summarize

FORMAT = "ocworkbook-remise"
FORMAT_VERSION = 1
_PEPPER = "ocworkbook-remise-v1"


def checksum(payload: dict) -> str:
    """Checksum of a submission's content (everything except the ``checksum`` field)."""
    content = {k: v for k, v in payload.items() if k != "checksum"}
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256((_PEPPER + canonical).encode("utf-8")).hexdigest()


def build_submission(learner: str = "", log: ProgressLog | None = None, bank=None) -> dict:
    """The submission as a dict: every attempted exercise's last answer, status and score."""
    from .. import __version__
    from .bank import load_bank

    log = log or ProgressLog.default()
    events = log.read()
    summary = summarize(events)
    bank = bank or load_bank()
    answers = {}
    for ex_id, item in sorted(summary.items()):
        ex = bank.get(ex_id)
        answers[ex_id] = {
            "carnet": item.get("notebook") or (ex.notebook if ex else None),
            "type": ex.type if ex else None,
            "reponse": item.get("answer"),
            "statut": item.get("status"),
            "score": item.get("best_score"),
            "essais": item.get("attempts", 0),
            "indices": item.get("hints", 0),
            "solution_vue": item.get("solution_seen", False),
        }
    reflections = [{k: e.get(k) for k in ("exercise", "notebook", "title", "prompt", "text", "ts", "kind")}
                   for e in journal_entries(log)]
    payload = {"format": FORMAT, "version": FORMAT_VERSION, "cahier_version": __version__,
               "personne": learner, "cree": now_iso(), "installation": log.learner_id(), "reponses": answers,
               "reflexions": reflections, "problemes": list(log.problems)}
    payload["checksum"] = checksum(payload)
    return payload


def _slug(text: str) -> str:
    """A file-name part from a person's name: letters (accented ones kept: « Éloïse »), digits, hyphens."""
    import unicodedata

    text = unicodedata.normalize("NFC", str(text))
    text = re.sub(r"[^\w]+|_", "-", text).strip("-").lower()[:60].strip("-")
    return text or "anonyme"


def export_answers(learner: str = "", folder: str | Path | None = None, log: ProgressLog | None = None,
                   bank=None) -> dict:
    """Write ``remise-<nom>.json`` and ``journal-<nom>.html``; returns their paths.

    Writes to ``folder`` (default: the workbook folder); if that fails (read-only disk, full
    quota), falls back to the home folder and says so, so that handing in never fails.
    """
    log = log or ProgressLog.default()
    payload = build_submission(learner, log, bank)
    slug = _slug(learner)
    targets = [Path(folder) if folder else log.folder.parent, Path.home()]
    last_error = None
    for target in targets:
        try:
            answers_path = target / f"remise-{slug}.json"
            journal_path = target / f"journal-{slug}.html"
            write_atomic(answers_path, json.dumps(payload, ensure_ascii=False, indent=2), make_parents=True)
            write_atomic(journal_path, journal_html(journal_entries(log), learner), make_parents=True)
            result = {"remise": answers_path, "journal": journal_path}
            _announce(result, payload)
            return result
        except OSError as error:
            last_error = error
    from ..errors import WorkbookError

    raise WorkbookError(t("export.failed", error=last_error))


def _announce(paths: dict, payload: dict) -> None:
    try:
        from IPython.display import Markdown, display

        display(Markdown(t("export.done", answers=str(paths["remise"]), journal=str(paths["journal"]),
                           n=len(payload["reponses"]), r=len(payload["reflexions"]))))
    except ImportError:  # pragma: no cover
        pass
