"""Writing results: atomically (nothing half-written), and as self-contained HTML with inline SVG."""

from __future__ import annotations

import html
import json
import re
from contextlib import contextmanager, nullcontext
from pathlib import Path

from ..errors import WorkbookError
from ..i18n import get_language, t


def write_atomic(path, text: str) -> Path:
    """Write ``text`` to ``path`` atomically; a missing folder is a French error, not a traceback."""
    from ..fileio import write_atomic as _write

    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise WorkbookError(t("tools.io.no_folder", folder=str(folder)), path=path)
    return _write(path, text)


@contextmanager
def about_file(path):
    """Name ``path`` in any workbook error raised inside that does not name a file yet."""
    try:
        yield
    except WorkbookError as error:
        if error.path is None and path is not None:
            error.path = str(path)
            error.args = (error.describe(),)
        raise


def fmt_number(value, digits: int = 2) -> str:
    """A number as a reader of the current language writes it: « 0,91 », « 1 116 », « −0,06 » in French.

    French goes through the workbook's one French formatter (:func:`ocworkbook.lessons.display.fr_number`):
    decimal comma, narrow no-break space between thousands, « − » for minus. English uses a point
    and a comma. ``None`` and NaN become « — ».
    """
    if value is None or value != value:
        return "—"
    if get_language() == "fr":
        from ..lessons.display import fr_number

        return fr_number(0.0 if round(float(value), digits) == 0 else value, digits)
    return f"{float(value):,.{digits}f}"


def fmt_signed(value, digits: int = 0) -> str:
    """A difference with its sign: « +5 », « −1 », « 0 » (French), "+5", "-1" (English)."""
    if value is None or value != value:
        return "—"
    text = fmt_number(value, digits)
    return "+" + text if round(float(value), digits) > 0 else text


def fmt_p(p) -> str:
    """A p-value: « < 0,001 » below 0.001 (a permutation p-value is never 0), else three decimals."""
    if p is None or p != p:
        return "—"
    return "< " + fmt_number(0.001, 3) if p < 0.001 else fmt_number(p, 3)


def fmt_hours(hours) -> str:
    """Hours per year: « 528 h », « 12,5 h »."""
    if hours is None or hours != hours:
        return "—"
    digits = 0 if float(hours).is_integer() else 1
    return fmt_number(hours, digits) + "\u00a0h"


def fmt_percent(share, digits: int = 0) -> str:
    """A share (0 to 1) as a percentage: « 89 % » in French (no-break space), "89%" in English."""
    if share is None or share != share:
        return "—"
    number = fmt_number(100 * float(share), digits)
    return number + ("\u00a0%" if get_language() == "fr" else "%")


@contextmanager
def single_threaded():
    """Run numerical code with one BLAS thread.

    The matrices of the tools are small (at most a few thousand rows by a thousand columns), and
    on a shared machine BLAS threads spend their time waiting for each other: with one thread the
    opinion map of a real Polis conversation runs about three times faster (measured on 2 cores).
    threadpoolctl does this for the duration of the call only, without touching the environment;
    where it cannot (a browser build of Python without native BLAS), the code simply runs as is.
    """
    try:
        from threadpoolctl import threadpool_limits

        limiter = threadpool_limits(limits=1, user_api="blas")
    except Exception:  # a speed setting must never stop the analysis
        limiter = nullcontext()
    with limiter:
        yield


def to_json(data) -> str:
    """JSON text with French characters kept readable."""
    return json.dumps(data, ensure_ascii=False, indent=2, default=_plain)


def _plain(value):
    import numpy as np

    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating):
        return None if np.isnan(value) else float(value)
    if isinstance(value, np.bool_):
        return bool(value)
    raise TypeError(type(value).__name__)


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(value):
    """``value`` with every string cleared of characters SVG cannot hold (NUL, controls, lone surrogates).

    vl-convert aborts the whole process (it does not raise) on such a character in a label, so
    every chart goes through this before rendering, whatever the data came from.
    """
    if isinstance(value, str):
        return _NOT_XML.sub(" ", value)
    if isinstance(value, dict):
        return {xml_safe(k): xml_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [xml_safe(v) for v in value]
    return value


def chart_svg(chart) -> str:
    """Render an Altair chart to SVG offline with vl-convert (no network access allowed)."""
    import vl_convert

    return vl_convert.vegalite_to_svg(xml_safe(chart.to_dict()), allowed_base_urls=[], format_locale="fr-FR")


def html_page(title: str, blocks: list[tuple[str, str]]) -> str:
    """A self-contained HTML page; ``blocks`` are (kind, content) with kind in text/html/svg/table."""
    body = []
    for kind, content in blocks:
        if kind == "h2":
            body.append(f"<h2>{html.escape(content)}</h2>")
        elif kind == "text":
            body.append(f"<p>{html.escape(content)}</p>")
        elif kind == "warning":
            body.append(f'<p class="warning">{html.escape(content)}</p>')
        else:  # svg or table html produced by our own code
            body.append(f'<div class="{kind}">{content}</div>')
    style = ("body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}"
             "table{border-collapse:collapse;margin:1rem 0}td,th{border:1px solid #bbb;padding:.3rem .6rem;"
             "text-align:left}.warning{background:#fff3cd;border-left:4px solid #b8860b;padding:.5rem}"
             "svg{max-width:100%;height:auto}")
    return ("<!DOCTYPE html>\n<html lang=\"fr\"><head><meta charset=\"utf-8\">"
            f"<title>{html.escape(title)}</title><style>{style}</style></head><body>"
            f"<h1>{html.escape(title)}</h1>{''.join(body)}</body></html>\n")


def people_table(frame, columns: dict, *, numeric=(), caption: str | None = None):
    """``frame`` as people read it: ``columns`` maps a column to ``(French header, formatter or None)``.

    Returns the workbook's :class:`ocworkbook.lessons.display.Table` (no index, escaped HTML); a
    formatter turns a value into its text (« 2,96 », « < 0,001 », « en deçà »); ``numeric`` columns
    are right-aligned. :func:`table_text` prints the same table in a terminal.
    """
    from ..lessons.display import Table

    return Table(frame, columns={key: label for key, (label, _) in columns.items()},
                 values={key: fmt for key, (_, fmt) in columns.items() if fmt is not None},
                 numeric=tuple(numeric), caption=caption)


def table_text(table) -> str:
    """A :func:`people_table` as aligned plain text (numbers right-aligned), for the terminal."""
    header = [str(label) for label in table.columns.values()]
    rows = table.rows()
    widths = [max(len(cell) for cell in column) for column in zip(header, *rows, strict=True)]
    right = [key in table.numeric for key in table.columns]

    def line(cells):
        return "  ".join(cell.rjust(w) if r else cell.ljust(w)
                         for cell, w, r in zip(cells, widths, right, strict=True)).rstrip()

    return "\n".join([line(header), line(["─" * w for w in widths])] + [line(row) for row in rows])
