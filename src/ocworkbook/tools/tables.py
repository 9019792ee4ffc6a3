"""Reading the CSV files people bring (French spreadsheets included) into checked tables.

Every problem becomes a :class:`~ocworkbook.errors.DataError` in French naming the file, the
line as a spreadsheet shows it (header = line 1; a cell written over several lines counts
them all) and, where it applies, the column. Nothing here lets a library's English message or a
traceback through.

What is accepted: UTF-8 (with or without BOM), UTF-16 with BOM, Windows-1252; ``,``, ``;`` or
tab as separator (French spreadsheets save with ``;``); separators left at the end of rows (a
common spreadsheet export), short rows (missing cells at the end are empty), blank lines. What
is refused with a message: empty files, a header only, a row with more values than columns,
quotes left open, NUL characters (a binary file), spreadsheet files saved as .xlsx/.ods, cells
longer than :data:`MAX_CELL` characters, files larger than :data:`MAX_BYTES`, two columns with
the same name.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from ..errors import DataError
from ..i18n import t

LINE = "_ligne"  # column added to every table: line number in the file (header is line 1)
MAX_BYTES = 256 * 1024 * 1024  # a Polis export of 10,000 people × 1,000 statements is about 30 MB
MAX_CELL = 100_000  # characters in one cell
_SEPARATORS = (";", ",", "\t")
_CONTROL = {c: " " for c in range(32) if c not in (9, 10, 13)}  # invisible characters SVG/XML cannot hold


def _canonical(name: str) -> str:
    from ..exercises.normalize import normalize_text

    return normalize_text(name)


def read_text(path) -> str:
    """The file's text: checks that it exists, is not too large, is not a spreadsheet or binary file."""
    path = Path(path)
    if path.is_dir():
        raise DataError(t("tools.io.is_folder"), path=path)
    if not path.is_file():
        raise DataError(t("tools.io.not_found"), path=path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise DataError(t("tools.io.too_large", size=size // (1024 * 1024), limit=MAX_BYTES // (1024 * 1024)),
                            path=path)
        raw = path.read_bytes()
    except OSError:
        raise DataError(t("tools.io.cannot_open"), path=path) from None
    if raw.startswith(b"PK\x03\x04"):
        raise DataError(t("tools.io.spreadsheet"), path=path)
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = raw.decode("utf-16", errors="replace")
    else:
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = raw.decode("cp1252", errors="replace")
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise DataError(t("tools.io.binary"), path=path, line=line)
    return text.translate(_CONTROL)


def _separator(text: str) -> str:
    first = next((line for line in text.splitlines() if line.strip()), "")
    counts = {sep: first.count(sep) for sep in _SEPARATORS}
    best = max(_SEPARATORS, key=lambda sep: counts[sep])
    return best if counts[best] else ","


def csv_rows(path, text: str | None = None):
    """Header and rows of a CSV file: ``(header, iterator of (line, cells))``, cells as stripped text.

    Rows are as long as the header: trailing separators and missing trailing cells are evened
    out; a blank row is skipped; a row with more values than columns is refused, naming its line.
    """
    path = Path(path)
    text = read_text(path) if text is None else text
    if not text.strip():
        raise DataError(t("tools.io.empty"), path=path)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_separator(text), strict=True)
    previous = 0  # line number where the previous record ended

    def records():
        nonlocal previous
        while True:
            start = previous + 1
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as error:
                detail = str(error)
                if "field limit" in detail:
                    raise DataError(t("tools.io.cell_too_long", limit=f"{MAX_CELL:,}".replace(",", "\u202f")),
                                    path=path, line=start) from None
                quotes = '"' in detail or "end of data" in detail
                raise DataError(t("tools.io.bad_quotes" if quotes else "tools.io.bad_line"), path=path,
                                line=start) from None
            previous = reader.line_num
            if any(len(cell) > MAX_CELL for cell in cells):
                raise DataError(t("tools.io.cell_too_long", limit=f"{MAX_CELL:,}".replace(",", "\u202f")),
                                path=path, line=start)
            cells = [cell.strip() for cell in cells]
            if any(cells):
                yield start, cells

    rows = records()
    header_line, header = next(rows, (None, None))
    if header is None:
        raise DataError(t("tools.io.empty"), path=path)
    while header and not header[-1]:
        header.pop()  # separators left at the end of the header line
    width = len(header)
    seen = {}
    for index, name in enumerate(header):
        if not name:
            header[index] = t("tools.io.unnamed_column", n=index + 1)
        elif _canonical(name) in seen:
            raise DataError(t("tools.io.duplicate_column", name=name), path=path, line=header_line, column=name)
        seen[_canonical(header[index])] = index

    def body():
        for line, cells in rows:
            if len(cells) > width:
                if any(cells[width:]):
                    raise DataError(t("tools.io.too_many_values", found=len(cells), expected=width), path=path,
                                    line=line)
                cells = cells[:width]
            elif len(cells) < width:
                cells = cells + [""] * (width - len(cells))
            yield line, cells

    return header, body()


def read_table(path, *, required: list[str], optional: tuple[str, ...] = (),
               aliases: dict[str, str] | None = None):
    """Read ``path`` as text columns, rename known aliases, check required columns.

    Column names are matched without regard to case, accents, spaces or hyphens, so
    « Type d'acteur », « type_acteur » and « TYPE ACTEUR » are the same column. A column
    :data:`LINE` holds the line number of each row; ``frame.attrs["source_columns"]`` maps each
    renamed column to its header in the file, ``file`` and ``header`` name the file and its
    columns (to name them in a message).
    """
    import pandas as pd

    path = Path(path)
    header, body = csv_rows(path)
    lines, data = [], []
    for line, cells in body:
        lines.append(line)
        data.append(cells)
    if not data:
        raise DataError(t("tools.io.no_rows"), path=path)
    frame = pd.DataFrame(data, columns=header, dtype=object).astype(str)
    frame[LINE] = lines
    wanted = {_canonical(c): c for c in [*required, *optional]}
    for alias, target in (aliases or {}).items():
        wanted.setdefault(_canonical(alias), target)
    rename = {}
    for column in header:
        target = wanted.get(_canonical(column))
        if target and target not in rename.values():
            rename[column] = target
    frame = frame.rename(columns=rename)
    frame.attrs.update(source_columns={target: original for original, target in rename.items()},
                       file=path.name, header=list(header))
    for column in required:
        if column not in frame.columns:
            raise DataError(t("tools.io.missing_column", found=", ".join(header)), path=path, column=column)
    return frame


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
        if number is None or not math.isfinite(number):
            raise DataError(t("tools.io.not_a_number", value=_short(cell)), path=path, line=int(line), column=column)
        if (low is not None and number < low) or (high is not None and number > high):
            raise DataError(t("tools.io.out_of_range", value=_short(cell), low=low, high=high), path=path,
                            line=int(line), column=column)
        values.append(number)
    return values


def _short(value, limit: int = 60) -> str:
    """A cell as shown in a message: at most ``limit`` characters."""
    value = str(value)
    return value if len(value) <= limit else value[:limit] + "…"


def refuse_duplicates(frame, keys: list[str], path) -> None:
    """Refuse two rows with the same values in ``keys``, naming both lines."""
    dup = frame[frame.duplicated(keys, keep=False)]
    if dup.empty:
        return
    first = dup.iloc[0]
    same = dup[(dup[keys] == first[keys]).all(axis=1)]
    lines = ", ".join(str(int(x)) for x in same[LINE].iloc[:5])
    raise DataError(t("tools.io.duplicate", lines=lines, keys=", ".join(keys),
                      values=" / ".join(_short(first[k]) for k in keys)),
                    path=path, line=int(same[LINE].iloc[1]), column=keys[-1])
