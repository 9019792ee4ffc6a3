"""Readers for the opinion map: a Polis export folder, our own tidy CSV, or plain data.

All give a :class:`VoteTable`: a participants × statements matrix coded +1 agree, −1 disagree,
0 pass and NaN unseen (the sign people expect; Polis's internal code is the opposite, its CSV
exports already use +1 for agree), the statements with their text and moderation status, and
Polis's own ``group-id`` when the export has it (kept only to compare, never used to compute).

A Polis export folder holds ``comments.csv`` (``comment-id``, ``moderated``, ``comment-body``,
optionally ``is-meta``) and ``participants-votes.csv`` (``participant``, optionally
``group-id`` and ``n-votes``, then one column per statement id) or, failing that, ``votes.csv``
(every vote with its time: the last one counts). Statements moderated out (``moderated`` = −1)
and meta statements (``is-meta`` true) are kept as columns and flagged ``moderated_out``.
Every file goes through :mod:`.tables`, so a malformed one is met with a French message naming
its line and column.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import DataError
from ..i18n import t
from .tables import LINE, csv_rows, read_table, refuse_duplicates, require_values

POLIS_FILES = ("participants-votes.csv", "comments.csv", "votes.csv")
MAX_CELLS = 25_000_000  # participants × statements (200 MB as floats); a Polis export of 10,000 × 1,000 is 10 M
_VOTE_WORDS = {
    "1": 1.0, "+1": 1.0, "accord": 1.0, "daccord": 1.0, "agree": 1.0, "pour": 1.0, "oui": 1.0,
    "-1": -1.0, "desaccord": -1.0, "pasdaccord": -1.0, "disagree": -1.0, "contre": -1.0, "non": -1.0,
    "0": 0.0, "passe": 0.0, "passer": 0.0, "pass": 0.0, "neutre": 0.0, "abstention": 0.0,
}
_CELL_VOTES = {"": float("nan"), "1": 1.0, "-1": -1.0, "0": 0.0, "1.0": 1.0, "-1.0": -1.0, "0.0": 0.0, "+1": 1.0,
               "-0": 0.0}
_TRUE = {"1", "true", "vrai", "oui", "yes", "t"}


@dataclass
class VoteTable:
    """Votes (participants × statements), statements (text, moderated out) and Polis's groups."""

    votes: object  # pandas DataFrame of floats, index = participant id (str), columns = statement id (str)
    statements: object  # pandas DataFrame indexed by statement id: text, moderated_out
    reference_groups: object = None  # pandas Series of Polis group-id (float, NaN = none) or None
    source: str = ""


def check_size(n_participants: int, n_statements: int, path=None) -> None:
    """Refuse a vote matrix too large to hold in memory, before building it."""
    if n_participants * n_statements > MAX_CELLS:
        raise DataError(t("tools.opinions.too_large", participants=n_participants, statements=n_statements,
                          limit=f"{MAX_CELLS:,}".replace(",", "\u202f")), path=path)


def vote_table(votes, statements=None, *, moderated=()) -> VoteTable:
    """A :class:`VoteTable` from plain data (see :func:`~ocworkbook.tools.opinions.map_opinions`).

    ``votes`` is a DataFrame participants × statements (1, −1, 0, NaN) or an iterable of
    ``(participant, statement, vote)`` triples or mappings; ``statements`` maps id → text.
    Anything else is refused with a French message, never a traceback.
    """
    import numpy as np
    import pandas as pd

    if isinstance(votes, pd.DataFrame):
        try:
            matrix = votes.apply(pd.to_numeric, errors="raise").astype(float)
        except (TypeError, ValueError):
            raise DataError(t("tools.opinions.bad_matrix")) from None
        matrix = matrix.copy()
    else:
        rows = []
        try:
            for entry in votes:
                if isinstance(entry, dict):
                    entry = (entry["participant"], entry["statement"], entry["vote"])
                participant, statement, vote = entry
                rows.append((str(participant), str(statement), float(vote)))
        except (KeyError, TypeError, ValueError):
            raise DataError(t("tools.opinions.bad_records")) from None
        if not rows:
            raise DataError(t("tools.opinions.too_few_participants", n=0))
        frame = pd.DataFrame(rows, columns=["participant", "statement", "vote"])
        frame = frame.drop_duplicates(["participant", "statement"], keep="last")
        check_size(frame["participant"].nunique(), frame["statement"].nunique())
        matrix = frame.pivot(index="participant", columns="statement", values="vote")
    matrix.index = matrix.index.astype(str)
    matrix.columns = matrix.columns.astype(str)
    check_size(len(matrix.index), len(matrix.columns))
    values = matrix.to_numpy(float)
    if not np.isin(values[~np.isnan(values)], (-1.0, 0.0, 1.0)).all():
        raise DataError(t("tools.opinions.bad_matrix"))
    texts = {str(k): str(v) for k, v in dict(statements or {}).items()}
    moderated = {str(s) for s in moderated}
    table = pd.DataFrame({"text": [texts.get(s, s) for s in matrix.columns],
                          "moderated_out": [s in moderated for s in matrix.columns]}, index=matrix.columns)
    return VoteTable(votes=matrix, statements=table)


def read_votes(path) -> VoteTable:
    """Read a Polis export folder (or one of its files) or a tidy CSV of votes."""
    path = Path(path)
    if path.is_dir():
        return read_polis_export(path)
    if path.name in POLIS_FILES and (path.parent / "comments.csv").is_file():
        return read_polis_export(path.parent)
    return read_tidy_votes(path)


def read_tidy_votes(path) -> VoteTable:
    """Read a CSV with one row per vote: ``participant``, ``enonce``, ``vote`` (and optional ``texte``)."""
    import numpy as np
    import pandas as pd

    from ..exercises.normalize import normalize_text
    from .tables import _short

    frame = read_table(path, required=["participant", "enonce", "vote"], optional=("texte",),
                       aliases={"statement": "enonce", "enonce_id": "enonce", "comment-id": "enonce",
                                "participant_id": "participant", "voter-id": "participant", "text": "texte"})
    for column in ("participant", "enonce", "vote"):
        require_values(frame, column, path)
    codes = []
    for line, value in zip(frame[LINE], frame["vote"], strict=True):
        code = _VOTE_WORDS.get(normalize_text(value) if not value.lstrip().startswith(("-", "+")) else value)
        if code is None:
            raise DataError(t("tools.opinions.bad_vote", value=_short(value)), path=path, line=int(line),
                            column="vote")
        codes.append(code)
    frame["code"] = codes
    refuse_duplicates(frame, ["participant", "enonce"], path)
    check_size(frame["participant"].nunique(), frame["enonce"].nunique(), path)
    votes = frame.pivot(index="participant", columns="enonce", values="code").astype(float)
    votes.index = votes.index.astype(str)
    votes.columns = votes.columns.astype(str)
    texts = {}
    if "texte" in frame.columns:
        for statement, text in zip(frame["enonce"], frame["texte"], strict=True):
            if text and statement not in texts:
                texts[statement] = text
    statements = pd.DataFrame({"text": [texts.get(s, s) for s in votes.columns],
                               "moderated_out": np.zeros(len(votes.columns), bool)}, index=votes.columns)
    return VoteTable(votes=votes, statements=statements, source=str(path))


def _polis_file(path, required, file_label):
    """Header and rows of one file of a Polis export, with its expected columns checked."""
    header, rows = csv_rows(path)
    missing = [c for c in required if c not in header]
    if missing:
        raise DataError(t("tools.opinions.polis_version", file=file_label, expected=", ".join(required),
                          found=", ".join(header[:12])), path=path, column=missing[0])
    return header, rows


def _integer(cell: str):
    """A statement or voter id as Polis writes them (``12``, or ``12.0``), else None."""
    try:
        number = float(cell)
    except ValueError:
        return None
    return int(number) if number.is_integer() and abs(number) < 2 ** 53 else None


def _read_comments(path):
    """Statements of a Polis export: id → text, moderated out (``moderated`` = −1 or ``is-meta``)."""
    import pandas as pd

    header, rows = _polis_file(path, ["comment-id", "moderated", "comment-body"], "comments.csv")
    at = {name: i for i, name in enumerate(header)}
    meta = at.get("is-meta")
    ids, texts, moderated, lines = [], [], [], {}
    for line, cells in rows:
        statement = _integer(cells[at["comment-id"]])
        if statement is None:
            raise DataError(t("tools.opinions.bad_id"), path=path, line=line, column="comment-id")
        if statement in lines:
            raise DataError(t("tools.opinions.duplicate_statement"), path=path, line=line, column="comment-id")
        status = _integer(cells[at["moderated"]])
        if status not in (-1, 0, 1):
            raise DataError(t("tools.opinions.bad_moderation"), path=path, line=line, column="moderated")
        lines[statement] = line
        ids.append(statement)
        texts.append(cells[at["comment-body"]])
        moderated.append(status == -1 or (meta is not None and cells[meta].lower() in _TRUE))
    if not ids:
        raise DataError(t("tools.io.no_rows"), path=path)
    frame = pd.DataFrame({"text": texts, "moderated_out": moderated}, index=[str(i) for i in ids])
    return frame.iloc[sorted(range(len(ids)), key=lambda i: ids[i])]


def read_polis_export(folder) -> VoteTable:
    """Read a Polis export: ``comments.csv`` and ``participants-votes.csv`` (or ``votes.csv``)."""
    folder = Path(folder)
    comments_path = folder / "comments.csv"
    if not comments_path.is_file():
        raise DataError(t("tools.opinions.polis_missing", file="comments.csv"), path=folder)
    statements = _read_comments(comments_path)
    matrix_path = folder / "participants-votes.csv"
    reference = None
    if matrix_path.is_file():
        votes, reference = _read_wide(matrix_path, statements)
    elif (folder / "votes.csv").is_file():
        votes = _votes_from_log(folder / "votes.csv", statements)
    else:
        raise DataError(t("tools.opinions.polis_missing", file="participants-votes.csv"), path=folder)
    votes = votes.reindex(columns=[s for s in statements.index if s in set(votes.columns)])
    return VoteTable(votes=votes, statements=statements.loc[votes.columns], reference_groups=reference,
                     source=str(folder))


def _read_wide(path, statements):
    """``participants-votes.csv``: one row per participant, one column per statement id."""
    import numpy as np
    import pandas as pd

    from .tables import _short

    header, rows = _polis_file(path, ["participant"], "participants-votes.csv")
    columns = [i for i, name in enumerate(header) if name.lstrip("-").isdigit()]
    if not columns:
        raise DataError(t("tools.opinions.no_statement_columns"), path=path, line=1)
    names = [str(int(header[i])) for i in columns]
    unknown = [name for name in names if name not in statements.index]
    if unknown:
        raise DataError(t("tools.opinions.unknown_statement", statement=unknown[0]), path=path, line=1,
                        column=unknown[0])
    at_participant = header.index("participant")
    at_group = header.index("group-id") if "group-id" in header else None
    participants, groups, matrix, seen = [], [], [], {}
    for line, cells in rows:
        participant = cells[at_participant]
        if not participant:
            raise DataError(t("tools.io.empty_cell"), path=path, line=line, column="participant")
        if participant in seen:
            raise DataError(t("tools.opinions.duplicate_participant"), path=path, line=line, column="participant")
        seen[participant] = line
        participants.append(participant)
        row = []
        for i, name in zip(columns, names, strict=True):
            value = _CELL_VOTES.get(cells[i])
            if value is None:
                raise DataError(t("tools.opinions.bad_vote", value=_short(cells[i])), path=path, line=line,
                                column=name)
            row.append(value)
        matrix.append(np.array(row))
        if at_group is not None:
            group = _integer(cells[at_group]) if cells[at_group] else None
            if cells[at_group] and group is None:
                raise DataError(t("tools.opinions.bad_group", value=_short(cells[at_group])), path=path, line=line,
                                column="group-id")
            groups.append(np.nan if group is None else float(group))
    if not matrix:
        raise DataError(t("tools.io.no_rows"), path=path)
    check_size(len(matrix), len(names), path)
    votes = pd.DataFrame(np.vstack(matrix), index=participants, columns=names)
    reference = None
    if at_group is not None and not np.isnan(groups).all():  # Polis's own groups, kept to compare
        reference = pd.Series(groups, index=votes.index, name="polis_group")  # (an empty column: none)
    return votes, reference


def _votes_from_log(path, statements):
    """Build the matrix from ``votes.csv`` (every vote with its time), keeping each person's last vote."""
    import pandas as pd

    from .tables import _short

    header, rows = _polis_file(path, ["timestamp", "comment-id", "voter-id", "vote"], "votes.csv")
    at = {name: i for i, name in enumerate(header)}
    records = []
    for line, cells in rows:
        numbers = {}
        for column in ("timestamp", "comment-id", "voter-id", "vote"):
            try:
                numbers[column] = float(cells[at[column]])
            except ValueError:
                numbers[column] = float("nan")
            bad = numbers[column] != numbers[column] or (column == "vote" and numbers[column] not in (1, -1, 0))
            if bad:
                raise DataError(t("tools.opinions.bad_cell", value=_short(cells[at[column]])), path=path, line=line,
                                column=column)
        statement = _integer(cells[at["comment-id"]])
        if statement is None or str(statement) not in statements.index:
            raise DataError(t("tools.opinions.unknown_statement", statement=_short(cells[at["comment-id"]])),
                            path=path, line=line, column="comment-id")
        voter = _integer(cells[at["voter-id"]])
        if voter is None:
            raise DataError(t("tools.opinions.bad_cell", value=_short(cells[at["voter-id"]])), path=path, line=line,
                            column="voter-id")
        records.append((numbers["timestamp"], str(statement), str(voter), numbers["vote"]))
    if not records:
        raise DataError(t("tools.io.no_rows"), path=path)
    log = pd.DataFrame(records, columns=["timestamp", "comment-id", "voter-id", "vote"])
    check_size(log["voter-id"].nunique(), log["comment-id"].nunique(), path)
    last = log.sort_values("timestamp", kind="stable").drop_duplicates(["voter-id", "comment-id"], keep="last")
    return last.pivot(index="voter-id", columns="comment-id", values="vote").astype(float)
