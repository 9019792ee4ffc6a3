"""Datasets: ``ow.load("name")`` reads a CSV of ``datasets/`` described in ``datapackage.json``.

The descriptor gives each resource its fields (name, type, description), source, licence and a
``fictional`` flag. Loading checks the CSV against its schema and names the file, line and
column of any problem, in French.
"""

from __future__ import annotations

import json
import re
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


# Table Schema (frictionless) defaults: what ``ow.load`` accepts is what ``frictionless validate`` accepts.
DEFAULT_TRUE = ("true", "True", "TRUE", "1")
DEFAULT_FALSE = ("false", "False", "FALSE", "0")
INTEGER = r"[+-]?\d+"
DATE = r"\d{4}-\d{2}-\d{2}"


def _number_pattern(spec: dict) -> str:
    decimal = re.escape(spec.get("decimalChar", "."))
    group = spec.get("groupChar")
    digits = rf"\d{{1,3}}(?:{re.escape(group)}\d{{3}})*|\d+" if group else r"\d+"
    return rf"[+-]?(?:(?:{digits})(?:{decimal}\d*)?|{decimal}\d+)(?:[eE][+-]?\d+)?|NaN|INF|-INF"


def _first_bad(mask) -> int | None:
    return int(mask.to_numpy().nonzero()[0][0]) if mask.any() else None


def _raise_bad(frame_column, row: int, kind: str, path: Path, column: str):
    raise DataError(t("data.bad_value", value=str(frame_column.iloc[row])[:40], kind=t(f"data.type.{kind}")),
                    path=path, line=row + 2, column=column)


def _apply_schema(frame, fields: list[dict], path: Path):
    """Type and check every column as the datapackage's Table Schema says (same rules as frictionless)."""
    import pandas as pd

    missing = [f["name"] for f in fields if f["name"] not in frame.columns]
    if missing:
        raise DataError(t("data.missing_columns", columns=", ".join(missing)), path=path, line=1)
    for spec in fields:
        column, kind = spec["name"], spec.get("type", "string")
        raw = frame[column]
        empty = raw == ""
        constraints = spec.get("constraints", {})
        if constraints.get("required") and empty.any():
            raise DataError(t("data.required_empty"), path=path, line=_first_bad(empty) + 2, column=column)
        present = ~empty
        if kind == "integer":
            bad = _first_bad(present & ~raw.str.fullmatch(INTEGER))
            if bad is not None:
                _raise_bad(raw, bad, "integer", path, column)
            frame[column] = pd.to_numeric(raw.where(present), errors="coerce").astype("Int64")
        elif kind == "number":
            bad = _first_bad(present & ~raw.str.fullmatch(_number_pattern(spec)))
            if bad is not None:
                _raise_bad(raw, bad, "number", path, column)
            text = raw.where(present)
            if spec.get("groupChar"):
                text = text.str.replace(spec["groupChar"], "", regex=False)
            if spec.get("decimalChar", ".") != ".":
                text = text.str.replace(spec["decimalChar"], ".", regex=False)
            frame[column] = pd.to_numeric(text.replace({"INF": "inf", "-INF": "-inf"}), errors="coerce") \
                .astype("float64")
        elif kind == "boolean":
            true_values = tuple(spec.get("trueValues", DEFAULT_TRUE))
            false_values = tuple(spec.get("falseValues", DEFAULT_FALSE))
            bad = _first_bad(present & ~raw.isin(true_values + false_values))
            if bad is not None:
                _raise_bad(raw, bad, "boolean", path, column)
            frame[column] = raw.map(dict.fromkeys(true_values, True) | dict.fromkeys(false_values, False)) \
                .astype("boolean")
        elif kind == "date":
            bad = _first_bad(present & ~raw.str.fullmatch(DATE))
            values = pd.to_datetime(raw.where(present), errors="coerce", format="%Y-%m-%d")
            bad = bad if bad is not None else _first_bad(present & values.isna())
            if bad is not None:
                _raise_bad(raw, bad, "date", path, column)
            frame[column] = values
        else:
            frame[column] = raw.where(present, None).astype("string")
        _check_constraints(frame, column, constraints, path)
    return frame


def _check_constraints(frame, column: str, constraints: dict, path: Path) -> None:
    import pandas as pd

    values = frame[column]
    enum = constraints.get("enum")
    if enum is not None:
        allowed = {str(e) for e in enum}
        bad = _first_bad(values.notna() & ~values.astype(str).isin(allowed))
        if bad is not None:
            raise DataError(t("data.not_in_enum", value=str(values.iloc[bad])[:40], choices=", ".join(map(str, enum))),
                            path=path, line=bad + 2, column=column)
    for name, test in (("minimum", lambda v, limit: v < limit), ("maximum", lambda v, limit: v > limit)):
        if name in constraints and pd.api.types.is_numeric_dtype(values):
            bad = _first_bad(values.notna() & test(values, constraints[name]))
            if bad is not None:
                raise DataError(t(f"data.{name}", value=values.iloc[bad], limit=constraints[name]),
                                path=path, line=bad + 2, column=column)
    if constraints.get("unique"):
        bad = _first_bad(values.notna() & values.duplicated())
        if bad is not None:
            raise DataError(t("data.not_unique", value=str(values.iloc[bad])[:40]), path=path, line=bad + 2,
                            column=column)
