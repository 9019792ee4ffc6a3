"""The learner's local record: an append-only JSON-lines file of every check, hint, solution,
reflection and journal entry, stored with the workbook (``.ocworkbook/progress.jsonl``).

Each event is written as one line with a single ``write`` on a file opened in append mode (and
under an advisory lock where the system has one), so two notebooks writing at once do not mix
their lines. Nothing is ever rewritten: a line that cannot be read is copied, with its line
number, to ``progress.corrupt.jsonl`` and reported with a warning — never silently dropped.
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from ..i18n import t
from .result import STATUSES

FILENAME = "progress.jsonl"
CORRUPT_FILENAME = "progress.corrupt.jsonl"
FORMAT_VERSION = 1
LEARNER_ID_FILENAME = "identifiant"


class ProgressWarning(UserWarning):
    """A line of the progress file could not be read (it was set aside, not lost)."""


MAX_DEPTH = 20


def _jsonable(value, depth: int = 0):
    """Turn answers (sets, tuples, numpy scalars, dicts) into plain JSON values (bounded depth)."""
    if depth > MAX_DEPTH:
        return None
    if isinstance(value, dict):
        return {str(k): _jsonable(v, depth + 1) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v, depth + 1) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted((_jsonable(v, depth + 1) for v in value), key=str)
    if isinstance(value, float) and (value != value or value in (float("inf"), float("-inf"))):
        return None
    if hasattr(value, "item") and callable(value.item):
        try:
            return value.item()
        except (ValueError, TypeError):
            pass
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(value)


def now_iso() -> str:
    return _dt.datetime.now(_dt.timezone.utc).astimezone().isoformat(timespec="seconds")


@dataclass
class ProgressLog:
    """Reads and appends the progress file of one workbook."""

    folder: Path
    problems: list[str] = field(default_factory=list)
    _cache: tuple = field(default=(None, []), repr=False)
    _warned: set = field(default_factory=set, repr=False)

    def __post_init__(self):
        self.folder = Path(self.folder)

    @classmethod
    def default(cls) -> ProgressLog:
        """The log of the current workbook; one shared object per folder, so its cache and its
        warnings are shared by every exercise of the session."""
        from ..paths import state_dir

        folder = state_dir()
        if folder not in _SHARED:
            _SHARED[folder] = cls(folder)
        return _SHARED[folder]

    @property
    def path(self) -> Path:
        return self.folder / FILENAME

    @property
    def corrupt_path(self) -> Path:
        return self.folder / CORRUPT_FILENAME

    def append(self, event: str, **fields) -> dict:
        """Append one event; returns the record written."""
        record = {"v": FORMAT_VERSION, "ts": now_iso(), "event": event}
        record.update({k: _jsonable(v) for k, v in fields.items()})
        line = (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")
        self.folder.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            _lock(fd)
            if _ends_without_newline(fd):  # a write cut short (power loss, kill -9) must not swallow this one
                line = b"\n" + line
            os.write(fd, line)
        finally:
            os.close(fd)
        return record

    def learner_id(self) -> str:
        """A random, pseudonymous id of this copy of the workbook (created on first use).

        It seeds the order in which options are shown (stable for one learner) and goes into the
        hand-in file, so that a copy of another learner's file can be noticed at grading time.
        """
        path = self.folder / LEARNER_ID_FILENAME
        try:
            text = path.read_text(encoding="ascii").strip()
            if len(text) == 32 and all(c in "0123456789abcdef" for c in text):
                return text
        except (OSError, UnicodeDecodeError):
            pass
        import secrets

        value = secrets.token_hex(16)
        try:
            from ..fileio import write_atomic

            self.folder.mkdir(parents=True, exist_ok=True)
            write_atomic(path, value + "\n")
        except OSError:
            return "0" * 32  # read-only folder: same order for everyone rather than a new order each time
        return value

    def read(self) -> list[dict]:
        """All readable events, in order; unreadable lines are set aside with a warning.

        The parsed events are reused while the file keeps the same size and modification time, so
        a widget that asks several questions of the log per click reads the file once.
        """
        try:
            stat = self.path.stat()
        except FileNotFoundError:
            return []
        signature = (stat.st_size, stat.st_mtime_ns)
        if self._cache[0] == signature:
            return list(self._cache[1])
        events, bad = [], []
        with open(self.path, "rb") as handle:
            for number, raw in enumerate(handle, 1):
                if not raw.strip():
                    continue
                try:
                    record = json.loads(raw.decode("utf-8"))
                    if not valid_event(record):
                        raise ValueError("not an event")
                except (ValueError, UnicodeDecodeError, RecursionError):
                    bad.append((number, raw.decode("utf-8", errors="replace").rstrip("\n")))
                    continue
                events.append(record)
        if bad:
            self._set_aside(bad)
        self._cache = (signature, events)
        return list(events)

    def _set_aside(self, bad: list[tuple[int, str]]) -> None:
        already = set()
        if self.corrupt_path.exists():
            for raw in self.corrupt_path.read_text(encoding="utf-8", errors="replace").splitlines():
                try:
                    item = json.loads(raw)
                    already.add((item.get("line"), item.get("text")))
                except ValueError:
                    continue
        new = [(n, text) for n, text in bad if (n, text) not in already]
        if new:
            with open(self.corrupt_path, "a", encoding="utf-8") as handle:
                for number, text in new:
                    handle.write(json.dumps({"line": number, "text": text, "found": now_iso()},
                                            ensure_ascii=False) + "\n")
        message = t("progress.corrupt_lines", path=str(self.path), lines=", ".join(str(n) for n, _ in bad),
                    aside=str(self.corrupt_path))
        if message not in self.problems:
            self.problems.append(message)
        unseen = {(n, text) for n, text in bad} - self._warned
        if unseen:  # once per line and per session, not at every click
            self._warned |= unseen
            warnings.warn(message, ProgressWarning, stacklevel=3)

    # --- views derived from the events ---------------------------------------------------------

    def attempts(self, exercise_id: str, events: list[dict] | None = None) -> int:
        events = self.read() if events is None else events
        return sum(1 for e in events if e.get("event") == "check" and e.get("exercise") == exercise_id
                   and e.get("status") not in ("non_tente", "invalide"))

    def latest_reflection(self, exercise_id: str, events: list[dict] | None = None) -> str | None:
        events = self.read() if events is None else events
        texts = [e.get("text") for e in events if e.get("event") == "reflection"
                 and e.get("exercise") == exercise_id and e.get("text")]
        return texts[-1] if texts else None


_SHARED: dict[Path, ProgressLog] = {}


def _ends_without_newline(fd: int) -> bool:
    size = os.fstat(fd).st_size
    if size == 0 or not hasattr(os, "pread"):
        return False
    return os.pread(fd, 1, size - 1) != b"\n"


_TEXT_OR_NONE = (str, type(None))
_FIELD_TYPES = {
    "exercise": _TEXT_OR_NONE, "notebook": _TEXT_OR_NONE, "status": _TEXT_OR_NONE, "ts": _TEXT_OR_NONE,
    "title": _TEXT_OR_NONE, "prompt": _TEXT_OR_NONE, "kind": _TEXT_OR_NONE, "source": _TEXT_OR_NONE,
}
_EVENT_FIELDS = {
    "check": {"exercise": str, "status": str},
    "hint": {"exercise": str, "hint": int},
    "solution": {"exercise": str},
    "reflection": {"text": str},
    "journal": {"text": str},
}


def valid_event(record) -> bool:
    """True if ``record`` is an event whose fields have the types the workbook reads.

    A line that is valid JSON but not such an event (``{"event": "hint", "hint": "deux"}``) is set
    aside like an unreadable one, so that it can never break the dashboard or the hand-in.
    """
    if not isinstance(record, dict) or not isinstance(record.get("event"), str):
        return False
    for name, kinds in _FIELD_TYPES.items():
        if name in record and not isinstance(record[name], kinds):
            return False
    score = record.get("score")
    if score is not None and (isinstance(score, bool) or not isinstance(score, (int, float)) or not 0 <= score <= 1):
        return False
    for name, kind in _EVENT_FIELDS.get(record["event"], {}).items():
        value = record.get(name)
        if not isinstance(value, kind) or isinstance(value, bool):
            return False
    if record["event"] == "hint" and not 0 <= record["hint"] < 1000:
        return False
    if record.get("status") is not None and record["status"] not in STATUSES:
        return False
    return True


def _lock(fd: int) -> None:
    try:
        import fcntl
    except ImportError:  # Windows: appends of one short line are already whole
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
    except (OSError, AttributeError):  # AttributeError: Pyodide's fcntl has no flock (one writer there anyway)
        pass


def summarize(events: list[dict]) -> dict[str, dict]:
    """Per exercise: attempts, best score, last status, last answer, hints and solution seen."""
    summary: dict[str, dict] = {}
    for e in events:
        ex_id = e.get("exercise")
        if not ex_id:
            continue
        s = summary.setdefault(ex_id, {"exercise": ex_id, "notebook": e.get("notebook"), "attempts": 0,
                                       "best_score": None, "status": "non_tente", "answer": None,
                                       "hints": 0, "solution_seen": False, "text": None})
        kind = e.get("event")
        if kind == "check" and e.get("status") not in ("non_tente", "invalide"):
            s["attempts"] += 1
            s["answer"] = e.get("answer")
            score = e.get("score")
            if score is not None and (s["best_score"] is None or score > s["best_score"]):
                s["best_score"] = score
            if s["status"] != "correct":
                s["status"] = e.get("status")
        elif kind == "hint":
            s["hints"] = max(s["hints"], e["hint"] + 1)
        elif kind == "solution":
            s["solution_seen"] = True
        elif kind == "reflection" and e.get("text"):
            s["text"] = e["text"]
            s["status"] = e.get("status") or s["status"]
            s["answer"] = e.get("text")
            s["attempts"] += 1
    return summary
