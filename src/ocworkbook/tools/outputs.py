"""Writing results: atomically (nothing half-written), and as self-contained HTML with inline SVG."""

from __future__ import annotations

import html
import json
from pathlib import Path

from ..errors import WorkbookError
from ..i18n import t


def write_atomic(path, text: str) -> Path:
    """Write ``text`` to ``path`` atomically; a missing folder is a French error, not a traceback."""
    from ..fileio import write_atomic as _write

    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise WorkbookError(t("tools.io.no_folder", folder=str(folder)), path=path)
    return _write(path, text)


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


def chart_svg(chart) -> str:
    """Render an Altair chart to SVG offline with vl-convert (no network access allowed)."""
    import vl_convert

    return vl_convert.vegalite_to_svg(chart.to_dict(), allowed_base_urls=[], format_locale="fr-FR")


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


def table_html(frame) -> str:
    """A DataFrame as an escaped HTML table (no index)."""
    return frame.to_html(index=False, escape=True, na_rep="—", float_format=lambda x: f"{x:.2f}")
