"""What a learner sees of a lesson's numbers and tables: French numbers, French headers, no pandas index.

:func:`fr_number` writes « 0,33 » and « 1 234 » (thin space); :class:`Table` shows a DataFrame as a
styled HTML table with French column labels, readable values (« oui » rather than ``True``, labels
rather than codes) and no index; :func:`summary_html` turns a few lines into a styled summary box.
"""

from __future__ import annotations

import html
import math
from dataclasses import dataclass, field

THIN_SPACE = "\u202f"
TABLE_STYLE = ("border-collapse:collapse;margin:0.4em 0;font-size:0.95em;line-height:1.35")
CELL_STYLE = "padding:0.25em 0.7em;border-bottom:1px solid #ddd;vertical-align:top"
HEAD_STYLE = "padding:0.3em 0.7em;border-bottom:2px solid #555;text-align:left;vertical-align:bottom"


def fr_number(value, decimals: int | None = None, *, signed: bool = False) -> str:
    """A number written the French way: decimal comma, thin space between thousands, « − » for minus.

    ``decimals=None`` keeps up to two decimals and drops trailing zeros (« 14 », « 0,33 »).
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    if isinstance(value, bool):
        return yes_no(value)
    number = float(value)
    if decimals is None:
        text = f"{half_up(number, 2):,.2f}".rstrip("0").rstrip(".")
    else:
        text = f"{half_up(number, decimals):,.{decimals}f}"
    text = text.replace(",", "\0").replace(".", ",").replace("\0", THIN_SPACE)
    if text.startswith("-"):
        text = "−" + text[1:]
        if text in ("−0", "−0,0", "−0,00"):
            text = text[1:]
    elif signed and number > 0:
        text = "+" + text
    return text


def half_up(number: float, decimals: int = 0):
    """``number`` rounded half away from zero, as people round (12,5 % → 13 %, not Python's 12 %).

    Rounds the shortest decimal that prints as ``number`` (so 0,125 → 0,13), and returns a value that
    formats like a float; a non-finite number comes back unchanged.
    """
    from decimal import ROUND_HALF_UP, Decimal, localcontext

    if not math.isfinite(number):
        return number
    with localcontext() as context:
        context.prec = 400  # enough digits for any float (1e308) with its decimals
        return Decimal(repr(float(number))).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def yes_no(value) -> str:
    """« oui » / « non » for a boolean (or a « true »/« false » text read from a CSV)."""
    from ..i18n import t

    if isinstance(value, str):
        value = value.strip().lower() in ("true", "vrai", "oui", "1")
    return t("display.yes") if bool(value) else t("display.no")


def _cell(value, decimals) -> str:
    if isinstance(value, bool):
        return yes_no(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return fr_number(value, decimals)
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    try:
        import pandas as pd

        if pd.isna(value):
            return "—"
    except (TypeError, ValueError, ImportError):
        pass
    return str(value)


@dataclass
class Table:
    """A DataFrame as a learner should see it (displays itself in a notebook).

    ``columns`` maps a column to its French header (and gives the order; other columns are left out);
    ``values`` maps a column to a dict of code → label, or to a function; ``decimals`` gives the number
    of decimals of a numeric column (default: up to two, trailing zeros dropped).
    """

    frame: object
    columns: dict
    values: dict = field(default_factory=dict)
    decimals: dict = field(default_factory=dict)
    caption: str | None = None
    numeric: tuple = ()

    def rows(self) -> list[list[str]]:
        """The cells as text, in the order of :attr:`columns`."""
        shown = []
        for record in self.frame.to_dict("records"):
            row = []
            for column in self.columns:
                value = record.get(column)
                convert = self.values.get(column)
                if callable(convert):
                    value = convert(value)
                elif isinstance(convert, dict):
                    value = convert.get(value, convert.get(str(value), value))
                row.append(_cell(value, self.decimals.get(column)))
            shown.append(row)
        return shown

    def _is_numeric(self, column) -> bool:
        if column in self.numeric:
            return True
        if column in self.values:
            return False
        try:
            import pandas as pd

            return bool(pd.api.types.is_numeric_dtype(self.frame[column])) and not pd.api.types.is_bool_dtype(
                self.frame[column])
        except (KeyError, TypeError, ImportError):
            return False

    def to_html(self) -> str:
        aligns = ["right" if self._is_numeric(c) else "left" for c in self.columns]
        head = "".join(f"<th style='{HEAD_STYLE};text-align:{a}'>{html.escape(str(label))}</th>"
                       for label, a in zip(self.columns.values(), aligns, strict=True))
        body = "".join("<tr>" + "".join(f"<td style='{CELL_STYLE};text-align:{a}'>{html.escape(cell)}</td>"
                                        for cell, a in zip(row, aligns, strict=True)) + "</tr>"
                       for row in self.rows())
        caption = (f"<caption style='caption-side:top;text-align:left;font-weight:bold;padding:0.2em 0'>"
                   f"{html.escape(self.caption)}</caption>" if self.caption else "")
        return (f"<table class='ocw-table' style='{TABLE_STYLE}'>{caption}<thead><tr>{head}</tr></thead>"
                f"<tbody>{body}</tbody></table>")

    def _repr_html_(self) -> str:
        return self.to_html()

    def __repr__(self) -> str:
        """Plain text (a terminal, a test report): one line per row, cells separated by « | »."""
        lines = [" | ".join(str(label) for label in self.columns.values())]
        lines += [" | ".join(row) for row in self.rows()]
        return "\n".join(lines)


class Html(str):
    """A piece of HTML that a notebook shows as such (the last value of a cell)."""

    def _repr_html_(self) -> str:
        return str(self)


def summary_html(lines, title: str | None = None, *, escape: bool = True) -> Html:
    """A few lines of text as a styled box (instead of ``print``, whose monospace breaks words)."""
    items = "".join(f"<li>{html.escape(str(line)) if escape else line}</li>" for line in lines)
    heading = f"<p style='margin:0 0 0.3em 0'><b>{html.escape(title)}</b></p>" if title else ""
    return Html(f"<div class='ocw-summary' style='border-left:5px solid #0072B2;padding:0.3em 0.9em;"
                f"margin:0.4em 0'>{heading}<ul style='margin:0;padding-left:1.2em'>{items}</ul></div>")


def source_link(url: str) -> str:
    """A source as a short link: « radio-canada.ca » for its address (HTML, escaped)."""
    from urllib.parse import urlparse

    text = str(url or "").strip()
    parsed = urlparse(text)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        return html.escape(text)
    host = parsed.netloc.lower()
    for prefix in ("www.", "ici."):
        host = host[len(prefix):] if host.startswith(prefix) else host
    return (f"<a href='{html.escape(text, quote=True)}' target='_blank' rel='noopener noreferrer'>"
            f"{html.escape(host)}</a>")
