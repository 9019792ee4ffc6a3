"""Read learners' answer files, tolerantly: every file ends up graded or reported, never dropped.

- a file that is not JSON, or not an ocworkbook answer file, is *reported* (no row);
- the same content under two names (a renamed or duplicated file) is graded once, and reported;
- two different files from the same person: the most recent (``cree``) is graded, the other reported;
- a checksum that does not match the content (a file edited by hand) is *flagged*, and still graded.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..exercises.submission import FORMAT, FORMAT_VERSION, checksum
from ..i18n import t

FILE_PATTERN = "remise-*.json"


@dataclass
class Submission:
    """One answer file that could be read."""

    path: Path
    payload: dict
    identity: str
    checksum_ok: bool | None          # None: no checksum in the file
    content_id: str                   # identifies the content, whatever the file name
    notes: list[str] = field(default_factory=list)
    duplicates: list[Path] = field(default_factory=list)
    work_id: str = ""                 # answers + reflections, whatever the name on the file
    installation: str = ""            # the pseudonymous id of the copy of the workbook it came from
    copied_from: list[str] = field(default_factory=list)  # other people whose hand-in holds the same work

    @property
    def answers(self) -> dict:
        answers = self.payload.get("reponses")
        return answers if isinstance(answers, dict) else {}

    @property
    def workbook_version(self) -> str:
        return str(self.payload.get("cahier_version") or "")

    @property
    def created(self) -> str:
        return str(self.payload.get("cree") or "")


@dataclass
class Collected:
    submissions: list[Submission] = field(default_factory=list)
    problems: list[tuple[Path, str]] = field(default_factory=list)   # files not graded, and why
    notices: list[tuple[Path, str]] = field(default_factory=list)    # graded once, said here


def expand_paths(paths) -> list[Path]:
    """Files given on the command line; a folder stands for its ``remise-*.json`` files."""
    found = []
    for item in paths:
        path = Path(item)
        if path.is_dir():
            found += sorted(path.rglob(FILE_PATTERN))
        else:
            found.append(path)
    return found


def identity_from_name(path: Path) -> str:
    match = re.match(r"^remise-(.+?)(?: \(\d+\)|-\d+|_\d+)?$", path.stem)
    return match.group(1) if match else path.stem


MAX_BYTES = 20_000_000


def read_submission(path: Path) -> Submission | str:
    """The submission in ``path``, or the reason (French) why it cannot be graded."""
    try:
        if path.stat().st_size > MAX_BYTES:
            return t("grading.too_large", n=MAX_BYTES // 1_000_000)
        raw = path.read_bytes()
    except OSError as error:
        return t("grading.unreadable", error=error.strerror or error.__class__.__name__)
    try:
        payload = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        return t("grading.not_utf8")
    except ValueError as error:
        line = getattr(error, "lineno", None)
        return t("grading.not_json", line=line or "?")
    except RecursionError:
        return t("grading.too_deep")
    if not isinstance(payload, dict) or payload.get("format") != FORMAT:
        return t("grading.not_submission")
    notes = []
    version = payload.get("version")
    if isinstance(version, int) and version > FORMAT_VERSION:
        notes.append(t("grading.newer_format", version=version))
    if not isinstance(payload.get("reponses"), dict):
        notes.append(t("grading.no_answers"))
    stored = payload.get("checksum")
    checksum_ok = None if not stored else stored == checksum(payload)
    person = payload.get("personne")
    identity = (person.strip() if isinstance(person, str) else "")[:200] or identity_from_name(path)
    content_id = stored if checksum_ok else hashlib.sha256(raw).hexdigest()
    return Submission(path=path, payload=payload, identity=identity, checksum_ok=checksum_ok,
                      content_id=content_id, notes=notes, work_id=work_fingerprint(payload),
                      installation=_installation(payload))


def work_fingerprint(payload: dict) -> str:
    """What identifies the *work* in a hand-in, whoever's name is on it: its answers and reflections."""
    content = {"reponses": payload.get("reponses"), "reflexions": payload.get("reflexions")}
    try:
        canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, default=str)
    except (TypeError, ValueError, RecursionError):
        canonical = repr(sorted(map(str, content)))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _installation(payload: dict) -> str:
    value = payload.get("installation")
    return value if isinstance(value, str) and len(value) <= 64 else ""


def collect(paths) -> Collected:
    """Read every file; group duplicates; keep one submission per person."""
    result = Collected()
    by_content: dict[str, Submission] = {}
    for path in expand_paths(paths):
        item = read_submission(path)
        if isinstance(item, str):
            result.problems.append((path, item))
            continue
        first = by_content.get(item.content_id)
        if first is not None:
            first.duplicates.append(path)
            result.notices.append((path, t("grading.duplicate", other=first.path.name)))
            continue
        by_content[item.content_id] = item
    by_person: dict[str, Submission] = {}
    for item in by_content.values():
        key = item.identity.casefold()
        other = by_person.get(key)
        if other is None:
            by_person[key] = item
            continue
        newer, older = (item, other) if item.created >= other.created else (other, item)
        by_person[key] = newer
        result.notices.append((older.path, t("grading.superseded", person=item.identity, newer=newer.path.name)))
    result.submissions = sorted(by_person.values(), key=lambda s: s.identity.casefold())
    flag_copies(result.submissions)
    return result


def flag_copies(submissions: list[Submission]) -> None:
    """Two people handing in the same work, or work from the same copy of the workbook, are flagged
    (both of them: grading does not decide who copied whom)."""
    for attribute in ("work_id", "installation"):
        groups: dict[str, list[Submission]] = {}
        for item in submissions:
            value = getattr(item, attribute)
            if value and not (attribute == "work_id" and not item.answers):
                groups.setdefault(value, []).append(item)
        for group in groups.values():
            if len({s.identity.casefold() for s in group}) < 2:
                continue
            for item in group:
                for other in group:
                    if other is not item and other.identity not in item.copied_from:
                        item.copied_from.append(other.identity)
