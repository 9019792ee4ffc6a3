"""Datasets: ``ow.load("name")`` reads a CSV of ``datasets/`` described in ``datapackage.json``.

The descriptor gives each resource its fields (name, type, description), source, licence and a
``fictional`` flag. Loading checks the CSV against its schema and names the file, line and
column of any problem, in French.
"""

from __future__ import annotations

import json
from pathlib import Path

from .errors import DataError
from .i18n import t

PANDAS_TYPES = {"string": "string", "integer": "Int64", "number": "float64", "boolean": "boolean"}


def datapackage(root: Path | None = None) -> dict:
    """The parsed ``datasets/datapackage.json`` of the workbook."""
    from .paths import workbook_root

    path = (Path(root) if root else workbook_root()) / "datasets" / "datapackage.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataError(t("data.no_datapackage"), path=path) from None
    except json.JSONDecodeError as error:
        raise DataError(t("data.bad_json", problem=error.msg), path=path, line=error.lineno) from None


def resources(root: Path | None = None) -> dict[str, dict]:
    """Resource descriptors by name."""
    return {r["name"]: r for r in datapackage(root).get("resources", [])}


def describe(name: str, root: Path | None = None) -> dict:
    """The descriptor of one dataset (fields, source, licence, ``fictional``)."""
    found = resources(root)
    if name not in found:
        raise DataError(t("data.unknown", name=name, choices=", ".join(sorted(found)) or "—"))
    return found[name]


def load(name: str, root: Path | None = None):
    """Read dataset ``name`` as a pandas DataFrame, typed and checked against its schema."""
    import pandas as pd

    from .paths import workbook_root

    base = (Path(root) if root else workbook_root()) / "datasets"
    resource = describe(name, root)
    path = base / resource["path"]
    if not path.exists():
        raise DataError(t("data.missing_file", name=name), path=path)
    fields = resource.get("schema", {}).get("fields", [])
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except (pd.errors.ParserError, UnicodeDecodeError, ValueError) as error:
        raise DataError(t("data.unreadable_csv", problem=str(error).splitlines()[0]), path=path) from None
    return _apply_schema(frame, fields, path)


def _apply_schema(frame, fields: list[dict], path: Path):
    import pandas as pd

    missing = [f["name"] for f in fields if f["name"] not in frame.columns]
    if missing:
        raise DataError(t("data.missing_columns", columns=", ".join(missing)), path=path, line=1)
    for spec in fields:
        column, kind = spec["name"], spec.get("type", "string")
        raw = frame[column]
        empty = raw.str.strip() == ""
        required = spec.get("constraints", {}).get("required")
        if required and empty.any():
            row = int(empty.idxmax()) + 2
            raise DataError(t("data.required_empty"), path=path, line=row, column=column)
        if kind in ("integer", "number"):
            values = pd.to_numeric(raw.str.replace(",", ".", regex=False).where(~empty), errors="coerce")
            bad = values.isna() & ~empty
            if bad.any():
                row = int(bad.idxmax())
                raise DataError(t("data.bad_value", value=raw[row], kind=t(f"data.type.{kind}")),
                                path=path, line=row + 2, column=column)
            if kind == "integer":
                if ((values.dropna() % 1) != 0).any():
                    row = int(((values % 1) != 0).idxmax())
                    raise DataError(t("data.bad_value", value=raw[row], kind=t("data.type.integer")),
                                    path=path, line=row + 2, column=column)
                frame[column] = values.astype("Int64")
            else:
                frame[column] = values.astype("float64")
        elif kind == "boolean":
            mapping = {"true": True, "vrai": True, "1": True, "oui": True,
                       "false": False, "faux": False, "0": False, "non": False}
            lowered = raw.str.strip().str.lower()
            bad = ~lowered.isin(mapping) & ~empty
            if bad.any():
                row = int(bad.idxmax())
                raise DataError(t("data.bad_value", value=raw[row], kind=t("data.type.boolean")),
                                path=path, line=row + 2, column=column)
            frame[column] = lowered.map(mapping).astype("boolean")
        elif kind == "date":
            values = pd.to_datetime(raw.where(~empty), errors="coerce", format="mixed")
            bad = values.isna() & ~empty
            if bad.any():
                row = int(bad.idxmax())
                raise DataError(t("data.bad_value", value=raw[row], kind=t("data.type.date")),
                                path=path, line=row + 2, column=column)
            frame[column] = values
        else:
            frame[column] = raw.where(~empty, None).astype("string")
        enum = spec.get("constraints", {}).get("enum")
        if enum is not None:
            present = frame[column].dropna()
            bad = ~present.astype(str).isin([str(e) for e in enum])
            if bad.any():
                row = int(bad[bad].index[0])
                raise DataError(t("data.not_in_enum", value=present[row], choices=", ".join(map(str, enum))),
                                path=path, line=row + 2, column=column)
    return frame
