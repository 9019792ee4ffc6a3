"""Evaluate a data question's ``calcul`` (its pandas key) without running arbitrary Python.

``ocworkbook validate`` proves that ``calcul`` gives ``reponse`` on the exercise's dataset. A bank file
can come from anyone (a colleague, a download), so ``calcul`` is never passed to ``exec``/``eval`` as
Python: it is parsed, and only a pandas-style *expression* is accepted:

- names: ``df`` (the dataset), the parameters of a ``lambda`` written in the expression, and a few
  harmless functions (``int``, ``float``, ``round``, ``abs``, ``len``, ``min``, ``max``, ``sum``,
  ``str``, ``bool``);
- attributes: the dataset's columns (``df.debut``) and text values, and the pandas methods listed in
  :data:`ALLOWED_METHODS` — never a name starting with ``_``;
- operators, comparisons, indexing (``df[df.cas == "x"]``), literals, ``lambda``.

Anything else (an ``import``, ``open``, ``eval``, ``__class__``, ``**``, an assignment, several
statements…) is refused with a French message naming what was refused, before anything runs.
"""

from __future__ import annotations

import ast

from ..errors import WorkbookError
from ..i18n import t

ALLOWED_FUNCTIONS = {"int": int, "float": float, "round": round, "abs": abs, "len": len, "min": min, "max": max,
                     "sum": sum, "str": str, "bool": bool}
ALLOWED_METHODS = frozenset({
    # reshaping and selecting
    "groupby", "pivot_table", "pipe", "loc", "iloc", "isin", "between", "where", "mask",
    "sort_values", "sort_index", "head", "tail", "nlargest", "nsmallest", "reset_index", "drop_duplicates",
    "dropna", "fillna", "astype", "unique", "rank", "cumsum", "diff", "shift", "abs", "round", "clip",
    "str", "dt", "lower", "upper", "strip", "contains", "startswith", "endswith", "year", "month", "day",
    "index", "values", "columns", "shape", "empty", "notna", "isna", "any", "all", "agg", "apply", "map",
    # summaries
    "size", "count", "sum", "mean", "median", "min", "max", "std", "var", "nunique", "value_counts",
    "idxmin", "idxmax", "mode", "quantile", "prod", "describe", "item", "iat", "at", "first", "last",
    "corr", "cov", "pct_change", "transform", "filter", "get",
})
ALLOWED_NODES = (
    ast.Expression, ast.Call, ast.Attribute, ast.Subscript, ast.Name, ast.Constant, ast.Compare, ast.BinOp,
    ast.UnaryOp, ast.BoolOp, ast.Lambda, ast.arguments, ast.arg, ast.keyword, ast.Tuple, ast.List, ast.Slice,
    ast.Load, ast.IfExp,
    ast.Add, ast.Sub, ast.Mult, ast.Div, ast.FloorDiv, ast.Mod, ast.USub, ast.UAdd, ast.Not, ast.Invert,
    ast.BitAnd, ast.BitOr, ast.BitXor, ast.And, ast.Or,
    ast.Eq, ast.NotEq, ast.Lt, ast.LtE, ast.Gt, ast.GtE, ast.In, ast.NotIn, ast.Is, ast.IsNot,
)
MAX_LENGTH = 2000


class CalculationRefused(WorkbookError):
    """``calcul`` uses something the restricted evaluator does not allow."""


def _refuse(key: str, **values) -> CalculationRefused:
    return CalculationRefused(t(key, **values))


def check_expression(code: str, columns) -> ast.Expression:
    """Parse ``code`` and return its tree, or raise :class:`CalculationRefused`."""
    if not isinstance(code, str) or not code.strip():
        raise _refuse("calcul.empty")
    if len(code) > MAX_LENGTH:
        raise _refuse("calcul.too_long", n=MAX_LENGTH)
    try:
        tree = ast.parse(code.strip(), mode="eval")
    except SyntaxError:
        raise _refuse("calcul.not_expression") from None
    columns = {str(c) for c in columns}
    bound = {"df"} | set(ALLOWED_FUNCTIONS)
    for node in ast.walk(tree):
        if isinstance(node, ast.Lambda):
            bound |= {a.arg for a in node.args.args}
    for node in ast.walk(tree):
        if not isinstance(node, ALLOWED_NODES):
            raise _refuse("calcul.refused_construct", what=type(node).__name__)
        if isinstance(node, ast.Name) and node.id not in bound:
            raise _refuse("calcul.refused_name", name=node.id)
        if isinstance(node, ast.Attribute):
            if node.attr.startswith("_"):
                raise _refuse("calcul.refused_attribute", name=node.attr)
            if node.attr not in ALLOWED_METHODS and node.attr not in columns:
                raise _refuse("calcul.unknown_attribute", name=node.attr)
        if isinstance(node, ast.Constant) and isinstance(node.value, (str, bytes)) and len(node.value) > 200:
            raise _refuse("calcul.too_long", n=200)
        if isinstance(node, ast.Constant) and isinstance(node.value, int) and abs(node.value) > 10**12:
            raise _refuse("calcul.big_number")
    return tree


def attribute_names(frame) -> set[str]:
    """Names usable as attributes: the columns, and the values of text columns (a pivot table's
    columns are such values: ``df.pivot_table(columns="type_acteur").bailleur``)."""
    import pandas as pd

    names = {str(c) for c in frame.columns}
    for column in frame.columns:
        values = frame[column].dropna()
        if values.map(lambda v: isinstance(v, str)).all() and values.nunique() <= 1000:
            names |= {str(v) for v in values.unique()}
    # a value must never unlock one of pandas' own methods (``to_csv`` written in a cell, say)
    return {n for n in names if not hasattr(pd.DataFrame, n) and not hasattr(pd.Series, n)}


def evaluate(code: str, frame):
    """The value of the restricted expression ``code`` with ``df`` bound to ``frame``."""
    tree = check_expression(code, attribute_names(frame))
    namespace = {"__builtins__": {}, "df": frame, **ALLOWED_FUNCTIONS}
    return eval(compile(tree, "<calcul>", "eval"), namespace)  # noqa: S307 - the tree was checked above
