"""Safe HTML for the participant and projector pages: escape first, then a tiny Markdown subset.

Exercise texts in the bank use a little Markdown (``**gras**``, ``*italique*``, `` `code` ``,
paragraphs, ``- `` lists) and ``\\$`` for a dollar sign (escaped so that JupyterLab does not start
a formula). Whatever the source (bank or participant), the text is escaped with :func:`html.escape`
*before* these few patterns are turned into tags, so no markup of the source survives.
"""

from __future__ import annotations

import html
import re

_CODE = re.compile(r"`([^`]+)`")
_BOLD = re.compile(r"\*\*(.+?)\*\*")
_ITALIC = re.compile(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])")
_BULLET = re.compile(r"^\s*[-*]\s+")


def unescape_dollars(text: str) -> str:
    """``\\$`` (a dollar sign escaped for JupyterLab's Markdown) back to ``$``."""
    return text.replace("\\$", "$")


def esc(value) -> str:
    """Escape any value for HTML text or an attribute value in double quotes."""
    return html.escape(str(value if value is not None else ""), quote=True)


def inline(text) -> str:
    """One line of text: escaped, with bold, italic and code, no line break before « ? ! ; : »."""
    from ..typography import french_spacing

    out = esc(french_spacing(unescape_dollars(" ".join(str(text or "").split()))))
    out = _CODE.sub(r"<code>\1</code>", out)
    out = _BOLD.sub(r"<strong>\1</strong>", out)
    return _ITALIC.sub(r"<em>\1</em>", out)


def block(text) -> str:
    """Paragraphs (separated by blank lines) of :func:`inline` text; a paragraph whose every line starts
    with ``- `` is a list."""
    parts = []
    for paragraph in (p for p in re.split(r"\n\s*\n", str(text or "").strip()) if p.strip()):
        lines = [line for line in paragraph.splitlines() if line.strip()]
        if all(_BULLET.match(line) for line in lines):
            parts.append("<ul>" + "".join(f"<li>{inline(_BULLET.sub('', line))}</li>" for line in lines) + "</ul>")
        else:
            parts.append(f"<p>{inline(paragraph)}</p>")
    return "".join(parts)


def plain(text) -> str:
    """Text without its Markdown marks (for charts and CSV), not escaped."""
    from ..typography import french_spacing

    out = french_spacing(unescape_dollars(" ".join(str(text or "").split())))
    return _ITALIC.sub(r"\1", out.replace("**", "").replace("`", ""))
