"""Long Markdown cells become several slides, so that no text runs off a slide.

A notebook is written to be read; a slide is read from the back of a room. A Markdown cell longer than
:data:`MAX_CHARS` (about what fits a 1280 × 800 slide at the deck's type size) is split at paragraph or
list-item boundaries; each continuation becomes a vertical sub-slide headed « Titre (suite) ». What
still does not fit is shrunk, then scrolled, by the deck's own script (see ``templates/ocw_reveal``).
"""

from __future__ import annotations

import re

MAX_CHARS = 650
HEADING = re.compile(r"^(#{1,6})\s+(.+)$")


def _blocks(text: str) -> list[str]:
    """Paragraphs, list items and headings of a Markdown text, in order."""
    blocks, current = [], []
    for line in text.splitlines():
        # a top-level item starts a block, even after the indented last line of the item before it;
        # a nested (indented) item stays in its parent's block
        starts_item = bool(re.match(r"^\s?([-*+]|\d+[.)])\s+", line))
        if not line.strip() or (starts_item and current):
            if current:
                blocks.append("\n".join(current))
            current = [] if not line.strip() else [line]
            continue
        current.append(line)
    if current:
        blocks.append("\n".join(current))
    return blocks


def _is_heading(block: str) -> bool:
    lines = [line for line in block.splitlines() if line.strip()]
    return bool(lines) and all(HEADING.match(line) for line in lines)


def split_text(text: str, limit: int = MAX_CHARS) -> list[str]:
    """``text`` cut into parts of about ``limit`` characters at block boundaries (a block is never cut)."""
    if len(text) <= limit:
        return [text]
    blocks = _blocks(text)
    heading = next((HEADING.match(b.splitlines()[0]) for b in blocks[:1] if HEADING.match(b.splitlines()[0])), None)
    parts, current = [], []
    for block in blocks:
        size = sum(len(b) + 2 for b in current)
        if current and size + len(block) > limit and not all(map(_is_heading, current)):
            carried = []  # a heading goes with the block it introduces, never alone at the foot of a slide
            while _is_heading(current[-1]):
                carried.insert(0, current.pop())
            parts.append("\n\n".join(current))
            current = carried
        current.append(block)
    if current:
        parts.append("\n\n".join(current))
    if heading and len(parts) > 1:
        level, title = heading.group(1), heading.group(2)
        parts = [parts[0]] + [f"{level} {title} (suite)\n\n{part}" for part in parts[1:]]
    return parts


def split_long_cells(notebook: dict) -> dict:
    """A copy of ``notebook`` whose long Markdown cells (shown on slides) are split into sub-slides.

    Done on the notebook before nbconvert's own slide preprocessing, which decides where each
    slide starts and ends from the cells' ``slide_type``.
    """
    import copy

    result = copy.deepcopy(notebook)
    cells = []
    for cell in result.get("cells", []):
        slide_type = cell.get("metadata", {}).get("slideshow", {}).get("slide_type", "-")
        source = "".join(cell.get("source", ""))
        if cell.get("cell_type") == "code" and slide_type not in ("skip", "notes") and _weight(cell) > MAX_CHARS:
            cells += _one_cell_per_output(cell)  # a table and a chart of one cell can go on two slides
            continue
        if cell.get("cell_type") != "markdown" or slide_type in ("skip", "notes") or len(source) <= MAX_CHARS:
            cells.append(cell)
            continue
        for index, part in enumerate(split_text(source)):
            piece = copy.deepcopy(cell)
            piece["source"] = part
            if index:
                piece.setdefault("metadata", {}).setdefault("slideshow", {})["slide_type"] = "subslide"
                piece["id"] = f"{cell.get('id', 'cellule')}-suite-{index}"
            cells.append(piece)
    result["cells"] = _start_new_slides(cells)
    return result


def _one_cell_per_output(cell: dict) -> list[dict]:
    """A code cell with several outputs, as one cell per output (the code is hidden on slides anyway)."""
    import copy

    outputs = [o for o in cell.get("outputs", []) if o.get("output_type") != "stream" or o.get("text")]
    if len(outputs) < 2:
        return [cell]
    pieces = []
    for index, output in enumerate(outputs):
        piece = copy.deepcopy(cell)
        piece["outputs"] = [output]
        if index:
            piece["source"] = ""
            piece["id"] = f"{cell.get('id', 'cellule')}-sortie-{index}"
            piece["metadata"].setdefault("slideshow", {})["slide_type"] = "-"
        pieces.append(piece)
    return pieces


OUTPUT_WEIGHT = {"image/svg+xml": 600, "image/png": 600, "text/html": 450}


TAG = re.compile(r"<[^>]+>")


def _output_weight(output: dict) -> int:
    data = output.get("data") or {}
    weight = max([OUTPUT_WEIGHT.get(kind, 0) for kind in data] + [len(str(output.get("text", ""))) // 2])
    html = data.get("text/html")
    if html:  # a table or a list of warnings takes the room of its text, plus a line per row or item
        page = "".join(html) if isinstance(html, list) else str(html)
        rows = page.count("<tr") + page.count("<li")
        weight = max(weight, len(TAG.sub("", page)) + 40 * rows)
    return weight


def _weight(cell: dict) -> int:
    """About how much room a cell takes on a slide, in characters of text."""
    if cell.get("cell_type") == "markdown":
        return len("".join(cell.get("source", "")))
    return sum(_output_weight(output) for output in cell.get("outputs", []))


def _start_new_slides(cells: list[dict]) -> list[dict]:
    """A cell that continues a slide (« - » or « fragment ») starts a sub-slide when the slide is already full."""
    room, only_headings = 0, True  # only_headings: the slide so far shows nothing but titles
    for cell in cells:
        show = cell.setdefault("metadata", {}).setdefault("slideshow", {})
        kind = show.get("slide_type", "-")
        if kind in ("skip", "notes"):
            continue
        weight = _weight(cell)
        if kind in ("-", "fragment") and room and room + weight > MAX_CHARS and not only_headings:
            show["slide_type"] = "subslide"
            room, only_headings = 0, True
        elif kind in ("slide", "subslide"):
            room, only_headings = 0, True
        if weight:
            only_headings = only_headings and cell.get("cell_type") == "markdown" and _is_heading(
                "".join(cell.get("source", "")))
        room += weight
    return cells
