"""Reading the CSV files people bring (French spreadsheets included) into checked DataFrames.

Every problem becomes a :class:`~ocworkbook.errors.DataError` in French naming the file, the
line as a spreadsheet shows it (header = line 1) and the column.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import DataError
from ..i18n import t

LINE = "_ligne"  # column added to every table: line number in the file (header is line 1)


def _canonical(name: str) -> str:
    from ..exercises.normalize import normalize_text

    return normalize_text(name)


def read_table(path, *, required: list[str], optional: tuple[str, ...] = (),
               aliases: dict[str, str] | None = None):
    """Read ``path`` as text columns, rename known aliases, check required columns.

    Column names are matched without regard to case, accents, spaces or hyphens, so
    « Type d'acteur », « type_acteur » and « TYPE ACTEUR » are the same column. French
    spreadsheets saved with ``;`` as separator are accepted. A column :data:`LINE` holds the
    line number of each row.
    """
    import pandas as pd

    path = Path(path)
    if not path.is_file():
        raise DataError(t("tools.io.not_found"), path=path)
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        raise DataError(t("tools.io.empty"), path=path)
    sep = ";" if lines[0].count(";") > lines[0].count(",") else ","
    import io

    try:
        frame = pd.read_csv(io.StringIO(text), sep=sep, dtype=str, keep_default_na=False,
                            skip_blank_lines=False)
    except (pd.errors.ParserError, ValueError) as error:
        raise DataError(t("tools.io.unreadable", detail=str(error).splitlines()[0]), path=path) from None
    frame[LINE] = frame.index + 2
    frame = frame[frame.drop(columns=LINE).apply(lambda r: any(str(v).strip() for v in r), axis=1)]
    if frame.empty:
        raise DataError(t("tools.io.no_rows"), path=path)
    wanted = {_canonical(c): c for c in [*required, *optional]}
    for alias, target in (aliases or {}).items():
        wanted.setdefault(_canonical(alias), target)
    rename = {}
    for column in frame.columns:
        if column == LINE:
            continue
        target = wanted.get(_canonical(column))
        if target and target not in rename.values():
            rename[column] = target
    frame = frame.rename(columns=rename)
    for column in required:
        if column not in frame.columns:
            found = ", ".join(c for c in frame.columns if c != LINE)
            raise DataError(t("tools.io.missing_column", found=found), path=path, column=column)
    for column in frame.columns:
        if column != LINE:
            frame[column] = frame[column].astype(str).str.strip()
    return frame.reset_index(drop=True)


def require_values(frame, column: str, path) -> None:
    """Refuse empty cells in ``column``."""
    empty = frame[frame[column] == ""]
    if not empty.empty:
        raise DataError(t("tools.io.empty_cell"), path=path, line=int(empty[LINE].iloc[0]), column=column)


def numbers(frame, column: str, path, *, allow_empty: bool = False, low=None, high=None):
    """Return ``column`` as floats (« 3,5 » accepted); empty cells become NaN if allowed."""
    import math

    from ..exercises.normalize import parse_number

    values = []
    for line, cell in zip(frame[LINE], frame[column], strict=True):
        if cell == "" and allow_empty:
            values.append(math.nan)
            continue
        number = parse_number(cell)
        if number is None:
            raise DataError(t("tools.io.not_a_number", value=cell), path=path, line=int(line), column=column)
        if (low is not None and number < low) or (high is not None and number > high):
            raise DataError(t("tools.io.out_of_range", value=cell, low=low, high=high), path=path,
                            line=int(line), column=column)
        values.append(number)
    return values


def refuse_duplicates(frame, keys: list[str], path) -> None:
    """Refuse two rows with the same values in ``keys``, naming both lines."""
    dup = frame[frame.duplicated(keys, keep=False)]
    if dup.empty:
        return
    first = dup.iloc[0]
    same = dup[(dup[keys] == first[keys]).all(axis=1)]
    lines = ", ".join(str(int(x)) for x in same[LINE])
    raise DataError(t("tools.io.duplicate", lines=lines, keys=", ".join(keys),
                      values=" / ".join(str(first[k]) for k in keys)),
                    path=path, line=int(same[LINE].iloc[1]), column=keys[-1])
