"""French typography for text shown to people: no line break before « ? ! ; : » or inside « … ».

French puts a space before ``? ! ; :`` and inside guillemets; with an ordinary space, a browser may
wrap the line there and leave a lone ``?`` at the start of the next line (as seen on slides). This
turns those spaces into non-breaking ones (narrow before ``? ! ;``, regular before ``:`` and inside
guillemets), in Markdown text, leaving code (fenced blocks and inline spans) untouched.
"""

from __future__ import annotations

import re

NNBSP, NBSP = "\u202f", "\u00a0"
_BEFORE_TIGHT = re.compile(r"(?<=\S) +([?!;])(?=\s|$|[)\]*_»])")
_BEFORE_COLON = re.compile(r"(?<=\S) +:(?=\s|$)")
_AFTER_OPENING = re.compile(r"« +")
_BEFORE_CLOSING = re.compile(r" +»")
_CODE_SPAN = re.compile(r"(`+)(.+?)\1")


def _fix_prose(text: str) -> str:
    text = _BEFORE_TIGHT.sub(lambda m: NNBSP + m.group(1), text)
    text = _BEFORE_COLON.sub(NBSP + ":", text)
    text = _AFTER_OPENING.sub("«" + NBSP, text)
    return _BEFORE_CLOSING.sub(NBSP + "»", text)


def _fix_line(line: str) -> str:
    parts, last = [], 0
    for match in _CODE_SPAN.finditer(line):
        parts.append(_fix_prose(line[last:match.start()]))
        parts.append(match.group(0))
        last = match.end()
    parts.append(_fix_prose(line[last:]))
    return "".join(parts)


def french_spacing(markdown: str) -> str:
    """Return ``markdown`` with French non-breaking spaces, code left as it is."""
    lines, in_fence = [], False
    for line in markdown.split("\n"):
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
            lines.append(line)
            continue
        lines.append(line if in_fence or line.startswith("    ") else _fix_line(line))
    return "\n".join(lines)


class FrenchSpacingPreprocessor:
    """nbconvert preprocessor applying :func:`french_spacing` to every Markdown cell."""

    def __call__(self, nb, resources):
        for cell in nb.cells:
            if cell.cell_type == "markdown":
                cell.source = french_spacing(cell.source)
        return nb, resources
