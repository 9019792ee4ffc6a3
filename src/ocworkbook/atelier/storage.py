"""One live workshop session = one SQLite file (standard library, WAL mode) in the workbook folder.

Every answer, vote, proposal and wall entry is committed before the participant is told it is
recorded: with WAL and ``synchronous=NORMAL`` a committed transaction survives the server process
being killed (only a power cut of the laptop may lose the last few ones). Readers (the notebook
widget, exports) open the same file read-only and never block the server.

Tables: ``meta`` (key/value: session id, notebook, join code, digest of the facilitator secret,
state version), ``activities`` (the plan, each with a JSON ``spec``, ``state`` and ``revealed``),
``participants`` (number, digest of the cookie token, optional pseudonym), ``answers`` (one row per
participant and activity), ``statements`` (seed statements and participants' proposals with their
moderation status), ``votes`` (one row per participant and statement) and ``wall`` (word/idea wall).
"""

from __future__ import annotations

import json
import sqlite3
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

SCHEMA_VERSION = 1
WAITING, OPEN, CLOSED = "attente", "ouverte", "fermee"
SEED, PROPOSED, ACCEPTED, REFUSED = "depart", "proposee", "acceptee", "refusee"
VISIBLE_STATEMENTS = (SEED, ACCEPTED)

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS activities (
    id TEXT PRIMARY KEY, position INTEGER NOT NULL, kind TEXT NOT NULL, spec TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'attente', revealed INTEGER NOT NULL DEFAULT 0,
    opened_at TEXT, closed_at TEXT);
CREATE TABLE IF NOT EXISTS participants (
    id INTEGER PRIMARY KEY, token TEXT NOT NULL UNIQUE, pseudonym TEXT NOT NULL DEFAULT '',
    lang TEXT NOT NULL DEFAULT 'fr', joined TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS answers (
    participant INTEGER NOT NULL REFERENCES participants(id), activity TEXT NOT NULL REFERENCES activities(id),
    answer TEXT NOT NULL, revision INTEGER NOT NULL DEFAULT 1, updated TEXT NOT NULL,
    PRIMARY KEY (participant, activity));
CREATE TABLE IF NOT EXISTS statements (
    id INTEGER PRIMARY KEY, activity TEXT NOT NULL REFERENCES activities(id), text TEXT NOT NULL,
    author INTEGER REFERENCES participants(id), status TEXT NOT NULL, created TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS votes (
    participant INTEGER NOT NULL REFERENCES participants(id), statement INTEGER NOT NULL REFERENCES statements(id),
    vote INTEGER NOT NULL CHECK (vote IN (-1, 0, 1)), updated TEXT NOT NULL,
    PRIMARY KEY (participant, statement));
CREATE TABLE IF NOT EXISTS wall (
    id INTEGER PRIMARY KEY, activity TEXT NOT NULL REFERENCES activities(id),
    participant INTEGER NOT NULL REFERENCES participants(id), text TEXT NOT NULL,
    hidden INTEGER NOT NULL DEFAULT 0, created TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS answers_by_activity ON answers(activity);
CREATE INDEX IF NOT EXISTS statements_by_activity ON statements(activity);
CREATE INDEX IF NOT EXISTS wall_by_activity ON wall(activity);
"""


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


class Store:
    """The session's database. One instance per process; not shared between threads."""

    def __init__(self, path, readonly: bool = False):
        self.path = Path(path)
        if readonly:
            self.db = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None,
                                      timeout=5, check_same_thread=False)
        else:
            self.db = sqlite3.connect(self.path, isolation_level=None, timeout=5, check_same_thread=False)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.executescript(SCHEMA)
            if self.meta("schema") is None:
                self.set_meta("schema", str(SCHEMA_VERSION))
        self.db.execute("PRAGMA foreign_keys=ON")
        self.db.execute("PRAGMA busy_timeout=5000")

    def close(self) -> None:
        self.db.close()

    @contextmanager
    def transaction(self):
        """Several statements committed together (or not at all)."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    # --- meta ------------------------------------------------------------------------------

    def meta(self, key: str, default=None):
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def set_meta(self, key: str, value) -> None:
        self.db.execute("INSERT INTO meta(key, value) VALUES (?, ?) "
                        "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (key, str(value)))

    def all_meta(self) -> dict:
        return dict(self.db.execute("SELECT key, value FROM meta").fetchall())

    def version(self) -> int:
        """Counter bumped by every change participants must see (open, close, reveal, moderation)."""
        return int(self.meta("version", 0))

    def bump(self) -> int:
        self.db.execute("INSERT INTO meta(key, value) VALUES ('version', '1') "
                        "ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1")
        return self.version()

    def data_version(self) -> int:
        """Changes whenever another connection commits (SQLite's ``PRAGMA data_version``)."""
        return int(self.db.execute("PRAGMA data_version").fetchone()[0])

    def integrity(self) -> str:
        return self.db.execute("PRAGMA integrity_check").fetchone()[0]

    # --- activities ------------------------------------------------------------------------

    def add_activities(self, specs: list[dict]) -> None:
        """Store the plan (once: activities already present keep their state and answers)."""
        with self.transaction():
            start = self.db.execute("SELECT COALESCE(MAX(position), 0) FROM activities").fetchone()[0]
            for offset, spec in enumerate(specs, 1):
                self.db.execute("INSERT OR IGNORE INTO activities(id, position, kind, spec) VALUES (?, ?, ?, ?)",
                                (spec["id"], start + offset, spec["kind"], json.dumps(spec, ensure_ascii=False)))
                for text in spec.get("data", {}).get("enonces", []) if spec["kind"] == "enonces" else []:
                    exists = self.db.execute("SELECT 1 FROM statements WHERE activity = ? AND text = ? AND status = ?",
                                             (spec["id"], text, SEED)).fetchone()
                    if not exists:
                        self.db.execute("INSERT INTO statements(activity, text, status, created) VALUES (?, ?, ?, ?)",
                                        (spec["id"], text, SEED, now()))

    def activities(self) -> list[dict]:
        rows = self.db.execute("SELECT id, position, kind, spec, state, revealed FROM activities ORDER BY position")
        return [_activity(r) for r in rows.fetchall()]

    def activity(self, activity_id: str) -> dict | None:
        row = self.db.execute("SELECT id, position, kind, spec, state, revealed FROM activities WHERE id = ?",
                              (str(activity_id),)).fetchone()
        return _activity(row) if row else None

    def current(self) -> dict | None:
        """The activity participants see: the open one, else the last one opened."""
        row = self.db.execute("SELECT id, position, kind, spec, state, revealed FROM activities "
                              "WHERE state != 'attente' ORDER BY (state = 'ouverte') DESC, opened_at DESC LIMIT 1"
                              ).fetchone()
        return _activity(row) if row else None

    def open(self, activity_id: str) -> None:
        """Open one activity (closing any other one that is open)."""
        with self.transaction():
            stamp = now()
            self.db.execute("UPDATE activities SET state = 'fermee', closed_at = ? WHERE state = 'ouverte' AND id != ?",
                            (stamp, activity_id))
            self.db.execute("UPDATE activities SET state = 'ouverte', opened_at = ?, closed_at = NULL WHERE id = ?",
                            (stamp, activity_id))
            self.bump()

    def close_activity(self, activity_id: str) -> None:
        with self.transaction():
            self.db.execute("UPDATE activities SET state = 'fermee', closed_at = ? WHERE id = ? AND state = 'ouverte'",
                            (now(), activity_id))
            self.bump()

    def reveal(self, activity_id: str, revealed: bool = True) -> None:
        with self.transaction():
            self.db.execute("UPDATE activities SET revealed = ? WHERE id = ?", (int(revealed), activity_id))
            self.bump()

    # --- participants ----------------------------------------------------------------------

    def join(self, token_digest: str, pseudonym: str = "", lang: str = "fr") -> int:
        cursor = self.db.execute("INSERT INTO participants(token, pseudonym, lang, joined) VALUES (?, ?, ?, ?)",
                                 (token_digest, pseudonym, lang, now()))
        return int(cursor.lastrowid)

    def participant(self, token_digest: str) -> dict | None:
        row = self.db.execute("SELECT id, pseudonym, lang FROM participants WHERE token = ?",
                              (token_digest,)).fetchone()
        return {"id": row[0], "pseudonym": row[1], "lang": row[2]} if row else None

    def participants(self) -> list[dict]:
        rows = self.db.execute("SELECT id, pseudonym, joined FROM participants ORDER BY id").fetchall()
        return [{"id": r[0], "pseudonym": r[1], "joined": r[2]} for r in rows]

    def count_participants(self) -> int:
        return int(self.db.execute("SELECT COUNT(*) FROM participants").fetchone()[0])

    # --- answers ---------------------------------------------------------------------------

    def answer(self, participant: int, activity_id: str, answer) -> int:
        """Record (or replace) a participant's answer; returns its revision number."""
        row = self.db.execute(
            "INSERT INTO answers(participant, activity, answer, updated) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(participant, activity) DO UPDATE SET answer = excluded.answer, "
            "revision = answers.revision + 1, updated = excluded.updated RETURNING revision",
            (participant, activity_id, json.dumps(answer, ensure_ascii=False), now())).fetchone()
        return int(row[0])

    def answer_of(self, participant: int, activity_id: str):
        row = self.db.execute("SELECT answer FROM answers WHERE participant = ? AND activity = ?",
                              (participant, activity_id)).fetchone()
        return json.loads(row[0]) if row else None

    def answers(self, activity_id: str | None = None) -> list[dict]:
        query = "SELECT participant, activity, answer, revision, updated FROM answers"
        rows = (self.db.execute(query + " WHERE activity = ? ORDER BY participant", (activity_id,)) if activity_id
                else self.db.execute(query + " ORDER BY activity, participant")).fetchall()
        return [{"participant": r[0], "activity": r[1], "answer": json.loads(r[2]), "revision": r[3],
                 "updated": r[4]} for r in rows]

    # --- statements and votes --------------------------------------------------------------

    def propose(self, activity_id: str, text: str, author: int | None, status: str = PROPOSED) -> int:
        cursor = self.db.execute("INSERT INTO statements(activity, text, author, status, created) "
                                 "VALUES (?, ?, ?, ?, ?)", (activity_id, text, author, status, now()))
        return int(cursor.lastrowid)

    def moderate(self, statement_id: int, status: str) -> bool:
        with self.transaction():
            changed = self.db.execute("UPDATE statements SET status = ? WHERE id = ? AND status IN (?, ?, ?)",
                                      (status, int(statement_id), PROPOSED, ACCEPTED, REFUSED)).rowcount
            if changed:
                self.bump()
        return bool(changed)

    def statements(self, activity_id: str | None = None, statuses=None) -> list[dict]:
        query, params = "SELECT id, activity, text, author, status, created FROM statements", []
        clauses = []
        if activity_id is not None:
            clauses.append("activity = ?")
            params.append(activity_id)
        if statuses:
            clauses.append(f"status IN ({', '.join('?' * len(statuses))})")
            params += list(statuses)
        if clauses:
            query += " WHERE " + " AND ".join(clauses)
        rows = self.db.execute(query + " ORDER BY id", params).fetchall()
        return [{"id": r[0], "activity": r[1], "text": r[2], "author": r[3], "status": r[4], "created": r[5]}
                for r in rows]

    def statement(self, statement_id: int) -> dict | None:
        row = self.db.execute("SELECT id, activity, text, author, status FROM statements WHERE id = ?",
                              (int(statement_id),)).fetchone()
        return {"id": row[0], "activity": row[1], "text": row[2], "author": row[3], "status": row[4]} if row else None

    def count_proposals(self, participant: int, activity_id: str) -> int:
        return int(self.db.execute("SELECT COUNT(*) FROM statements WHERE author = ? AND activity = ?",
                                   (participant, activity_id)).fetchone()[0])

    def vote(self, participant: int, statement_id: int, vote: int) -> None:
        self.db.execute("INSERT INTO votes(participant, statement, vote, updated) VALUES (?, ?, ?, ?) "
                        "ON CONFLICT(participant, statement) DO UPDATE SET vote = excluded.vote, "
                        "updated = excluded.updated", (participant, int(statement_id), int(vote), now()))

    def votes_of(self, participant: int, activity_id: str) -> dict[int, int]:
        rows = self.db.execute("SELECT v.statement, v.vote FROM votes v JOIN statements s ON s.id = v.statement "
                               "WHERE v.participant = ? AND s.activity = ?", (participant, activity_id)).fetchall()
        return {r[0]: r[1] for r in rows}

    def votes(self, activity_id: str | None = None) -> list[dict]:
        query = ("SELECT v.participant, v.statement, v.vote, s.activity FROM votes v "
                 "JOIN statements s ON s.id = v.statement")
        rows = (self.db.execute(query + " WHERE s.activity = ? ORDER BY v.participant, v.statement", (activity_id,))
                if activity_id else self.db.execute(query + " ORDER BY v.participant, v.statement")).fetchall()
        return [{"participant": r[0], "statement": r[1], "vote": r[2], "activity": r[3]} for r in rows]

    # --- wall ------------------------------------------------------------------------------

    def post(self, activity_id: str, participant: int, text: str) -> int:
        cursor = self.db.execute("INSERT INTO wall(activity, participant, text, created) VALUES (?, ?, ?, ?)",
                                 (activity_id, participant, text, now()))
        return int(cursor.lastrowid)

    def count_posts(self, participant: int, activity_id: str) -> int:
        return int(self.db.execute("SELECT COUNT(*) FROM wall WHERE participant = ? AND activity = ?",
                                   (participant, activity_id)).fetchone()[0])

    def hide_post(self, post_id: int, hidden: bool = True) -> bool:
        with self.transaction():
            changed = self.db.execute("UPDATE wall SET hidden = ? WHERE id = ?", (int(hidden), int(post_id))).rowcount
            if changed:
                self.bump()
        return bool(changed)

    def posts(self, activity_id: str | None = None, participant: int | None = None,
              include_hidden: bool = False) -> list[dict]:
        query, params, clauses = "SELECT id, activity, participant, text, hidden, created FROM wall", [], []
        if activity_id is not None:
            clauses.append("activity = ?")
            params.append(activity_id)
        if participant is not None:
            clauses.append("participant = ?")
            params.append(participant)
        if not include_hidden:
            clauses.append("hidden = 0")
        if clauses:
            query += " WHERE " + " AND ".join(clauses)
        rows = self.db.execute(query + " ORDER BY id", params).fetchall()
        return [{"id": r[0], "activity": r[1], "participant": r[2], "text": r[3], "hidden": bool(r[4]),
                 "created": r[5]} for r in rows]


def _activity(row) -> dict:
    spec = json.loads(row[3])
    return {**spec, "id": row[0], "position": row[1], "kind": row[2], "state": row[4], "revealed": bool(row[5])}
