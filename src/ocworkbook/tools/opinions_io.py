"""Readers for the opinion map: a Polis export folder or our own tidy CSV.

Both give a :class:`VoteTable`: a participants × statements matrix coded +1 agree, −1 disagree,
0 pass and NaN unseen (the sign people expect; Polis's internal code is the opposite, its CSV
exports already use +1 for agree), the statements with their text and moderation status, and
Polis's own ``group-id`` when the export has it (kept only to compare, never used to compute).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import DataError
from ..i18n import t
from .tables import LINE, read_table, refuse_duplicates, require_values

POLIS_FILES = ("participants-votes.csv", "comments.csv", "votes.csv")
_VOTE_WORDS = {
    "1": 1.0, "+1": 1.0, "accord": 1.0, "daccord": 1.0, "agree": 1.0, "pour": 1.0, "oui": 1.0,
    "-1": -1.0, "desaccord": -1.0, "pasdaccord": -1.0, "disagree": -1.0, "contre": -1.0, "non": -1.0,
    "0": 0.0, "passe": 0.0, "passer": 0.0, "pass": 0.0, "neutre": 0.0, "abstention": 0.0,
}


@dataclass
class VoteTable:
    """Votes (participants × statements), statements (text, moderated out) and Polis's groups."""

    votes: object  # pandas DataFrame of floats, index = participant id (str), columns = statement id (str)
    statements: object  # pandas DataFrame indexed by statement id: text, moderated_out
    reference_groups: object = None  # pandas Series of Polis group-id (float, NaN = none) or None
    source: str = ""


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
        matrix = frame.pivot(index="participant", columns="statement", values="vote")
    matrix.index = matrix.index.astype(str)
    matrix.columns = matrix.columns.astype(str)
    values = matrix.to_numpy(float)
    if not np.isin(values[~np.isnan(values)], (-1.0, 0.0, 1.0)).all():
        raise DataError(t("tools.opinions.bad_matrix"))
    texts = {str(k): str(v) for k, v in dict(statements or {}).items()}
    moderated = {str(s) for s in moderated}
    table = pd.DataFrame({"text": [texts.get(s, s) for s in matrix.columns],
                          "moderated_out": [s in moderated for s in matrix.columns]}, index=matrix.columns)
    return VoteTable(votes=matrix, statements=table)


def read_votes(path) -> VoteTable:
    """Read a Polis export folder (or its ``participants-votes.csv``) or a tidy CSV of votes."""
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

    frame = read_table(path, required=["participant", "enonce", "vote"], optional=("texte",),
                       aliases={"statement": "enonce", "enonce_id": "enonce", "comment-id": "enonce",
                                "participant_id": "participant", "voter-id": "participant", "text": "texte"})
    for column in ("participant", "enonce", "vote"):
        require_values(frame, column, path)
    codes = []
    for line, value in zip(frame[LINE], frame["vote"], strict=True):
        code = _VOTE_WORDS.get(normalize_text(value) if not value.lstrip().startswith(("-", "+")) else value)
        if code is None:
            raise DataError(t("tools.opinions.bad_vote", value=value), path=path, line=int(line), column="vote")
        codes.append(code)
    frame["code"] = codes
    refuse_duplicates(frame, ["participant", "enonce"], path)
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


def _require(frame, columns, path, file_label):
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise DataError(t("tools.opinions.polis_version", file=file_label, expected=", ".join(columns),
                          found=", ".join(map(str, frame.columns[:12]))), path=path, column=missing[0])


def read_polis_export(folder) -> VoteTable:
    """Read a Polis export: ``participants-votes.csv`` (or ``votes.csv``) and ``comments.csv``.

    Statements moderated out in ``comments.csv`` (``moderated`` = −1) are flagged and left out of
    the analysis. Vote cells must be 1, −1, 0 or empty; anything else names its line and column.
    """
    import numpy as np
    import pandas as pd

    folder = Path(folder)
    comments_path = folder / "comments.csv"
    if not comments_path.is_file():
        raise DataError(t("tools.opinions.polis_missing", file="comments.csv"), path=folder)
    comments = _read_csv(comments_path)
    _require(comments, ["comment-id", "moderated", "comment-body"], comments_path, "comments.csv")
    ids = pd.to_numeric(comments["comment-id"], errors="coerce")
    if ids.isna().any():
        line = int(ids.isna().to_numpy().argmax()) + 2
        raise DataError(t("tools.opinions.bad_id"), path=comments_path, line=line, column="comment-id")
    moderated = pd.to_numeric(comments["moderated"], errors="coerce")
    if moderated.isna().any() or not moderated.isin([-1, 0, 1]).all():
        line = int((~moderated.isin([-1, 0, 1])).to_numpy().argmax()) + 2
        raise DataError(t("tools.opinions.bad_moderation"), path=comments_path, line=line, column="moderated")
    if ids.duplicated().any():
        line = int(ids.duplicated().to_numpy().argmax()) + 2
        raise DataError(t("tools.opinions.duplicate_statement"), path=comments_path, line=line,
                        column="comment-id")
    statements = pd.DataFrame({"text": comments["comment-body"].fillna("").astype(str).str.strip().to_numpy(),
                               "moderated_out": (moderated == -1).to_numpy()},
                              index=ids.astype(int).astype(str).to_numpy()).sort_index(key=lambda s: s.astype(int))

    matrix_path = folder / "participants-votes.csv"
    reference = None
    if matrix_path.is_file():
        wide = _read_csv(matrix_path)
        _require(wide, ["participant"], matrix_path, "participants-votes.csv")
        statement_columns = [c for c in wide.columns if str(c).strip().lstrip("-").isdigit()]
        if not statement_columns:
            raise DataError(t("tools.opinions.no_statement_columns"), path=matrix_path)
        unknown = [c for c in statement_columns if str(c) not in statements.index]
        if unknown:
            raise DataError(t("tools.opinions.unknown_statement", statement=unknown[0]), path=matrix_path,
                            column=str(unknown[0]))
        values = wide[statement_columns].apply(pd.to_numeric, errors="coerce")
        bad = ~(values.isin([1, -1, 0]) | wide[statement_columns].isna() | (wide[statement_columns] == ""))
        if bad.to_numpy().any():
            row, col = np.argwhere(bad.to_numpy())[0]
            raise DataError(t("tools.opinions.bad_vote", value=wide[statement_columns].iat[row, col]),
                            path=matrix_path, line=int(row) + 2, column=str(statement_columns[col]))
        participants = wide["participant"].astype(str).str.strip()
        if participants.duplicated().any():
            line = int(participants.duplicated().to_numpy().argmax()) + 2
            raise DataError(t("tools.opinions.duplicate_participant"), path=matrix_path, line=line,
                            column="participant")
        votes = pd.DataFrame(values.to_numpy(float), index=participants.to_numpy(),
                             columns=[str(c) for c in statement_columns])
        if "group-id" in wide.columns:  # Polis's own groups, kept to compare (a workshop export may lack them)
            reference = pd.Series(pd.to_numeric(wide["group-id"], errors="coerce").to_numpy(),
                                  index=votes.index, name="polis_group")
    elif (folder / "votes.csv").is_file():
        votes = _votes_from_log(folder / "votes.csv", statements)
    else:
        raise DataError(t("tools.opinions.polis_missing", file="participants-votes.csv"), path=folder)
    votes = votes.reindex(columns=[s for s in statements.index if s in set(votes.columns)])
    return VoteTable(votes=votes, statements=statements.loc[votes.columns], reference_groups=reference,
                     source=str(folder))


def _votes_from_log(path, statements):
    """Build the matrix from ``votes.csv`` (every vote with its time), keeping each person's last vote."""
    import pandas as pd

    log = _read_csv(path)
    _require(log, ["timestamp", "comment-id", "voter-id", "vote"], path, "votes.csv")
    for column in ("timestamp", "comment-id", "voter-id", "vote"):
        numeric = pd.to_numeric(log[column], errors="coerce")
        bad = numeric.isna() | (~numeric.isin([1, -1, 0]) if column == "vote" else False)
        if bad.any():
            line = int(bad.to_numpy().argmax()) + 2
            raise DataError(t("tools.opinions.bad_cell", value=log[column].iloc[line - 2]), path=path,
                            line=line, column=column)
        log[column] = numeric
    log["comment-id"] = log["comment-id"].astype(int).astype(str)
    unknown = ~log["comment-id"].isin(statements.index)
    if unknown.any():
        line = int(unknown.to_numpy().argmax()) + 2
        raise DataError(t("tools.opinions.unknown_statement", statement=log["comment-id"].iloc[line - 2]),
                        path=path, line=line, column="comment-id")
    log["voter-id"] = log["voter-id"].astype(int).astype(str)
    last = log.sort_values("timestamp", kind="stable").drop_duplicates(["voter-id", "comment-id"], keep="last")
    return last.pivot(index="voter-id", columns="comment-id", values="vote").astype(float)


def _read_csv(path):
    import pandas as pd

    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    except pd.errors.EmptyDataError:
        raise DataError(t("tools.io.empty"), path=path) from None
    except (pd.errors.ParserError, UnicodeDecodeError) as error:
        raise DataError(t("tools.io.unreadable", detail=str(error).splitlines()[0]), path=path) from None
    if frame.empty:
        raise DataError(t("tools.io.no_rows"), path=path)
    frame.columns = [str(c).strip() for c in frame.columns]
    return frame
