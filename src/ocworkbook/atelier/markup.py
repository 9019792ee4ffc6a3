"""Safe HTML for the participant and projector pages: escape first, then a tiny Markdown subset.

Exercise texts in the bank use a little Markdown (``**gras**``, ``*italique*``, `` `code` ``,
paragraphs). Whatever the source (bank or participant), the text is escaped with
:func:`html.escape` *before* these few patterns are turned into tags, so no markup of the source
survives.
"""

from __future__ import annotations

import html
import re

_CODE = re.compile(r"`([^`]+)`")
_BOLD = re.compile(r"\*\*(.+?)\*\*")
_ITALIC = re.compile(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])")


def esc(value) -> str:
    """Escape any value for HTML text or an attribute value in double quotes."""
    return html.escape(str(value if value is not None else ""), quote=True)


def inline(text) -> str:
    """One line of text: escaped, with bold, italic and code, no line break before « ? ! ; : »."""
    from ..typography import french_spacing

    out = esc(french_spacing(" ".join(str(text or "").split())))
    out = _CODE.sub(r"<code>\1</code>", out)
    out = _BOLD.sub(r"<strong>\1</strong>", out)
    return _ITALIC.sub(r"<em>\1</em>", out)


def block(text) -> str:
    """Paragraphs (separated by blank lines) of :func:`inline` text."""
    paragraphs = [p for p in re.split(r"\n\s*\n", str(text or "").strip()) if p.strip()]
    return "".join(f"<p>{inline(p)}</p>" for p in paragraphs)


def plain(text) -> str:
    """Text without its Markdown marks (for charts and CSV), not escaped."""
    from ..typography import french_spacing

    out = french_spacing(" ".join(str(text or "").split()))
    return out.replace("**", "").replace("`", "")
