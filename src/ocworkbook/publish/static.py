"""Static stand-ins for widgets in exported pages.

A widget needs a live kernel; an exported page has none. Each widget output is replaced by HTML
that says so and how to run it live; an exercise (``ow.exercise("id")``) is shown as its question
(title, prompt, options or elements), taken from the edition's bank, so the page stays useful.
"""

from __future__ import annotations

import html
import re

from ..exercises.bank import Bank
from ..exercises.model import Exercise
from ..i18n import t

WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
EXERCISE_CALL = re.compile(r"""exercise\(\s*["']([a-z0-9][a-z0-9-]*)["']""")


def _markdown(text: str) -> str:
    from nbconvert.filters.markdown import markdown2html

    from ..typography import french_spacing

    return markdown2html(french_spacing(text))


def exercise_html(ex: Exercise) -> str:
    """The question of ``ex``, without any answer, as HTML (options in a shuffled, stable order)."""
    import random

    parts = [f"<p><strong>{html.escape(t('publish.static.exercise'))} — {html.escape(ex.title)}</strong> "
             f"({html.escape(t('publish.static.minutes', n=round(ex.minutes)))})</p>", _markdown(ex.prompt),
             ex.kind.question_html(ex, random.Random(ex.id))]
    return "".join(parts)


def fallback_html(ex: Exercise | None) -> str:
    body = exercise_html(ex) if ex is not None else f"<p>{html.escape(t('publish.static.widget'))}</p>"
    live = html.escape(t("publish.static.run_live"))
    return f'<div class="ocw-static-widget">{body}<p class="ocw-live">{live}</p></div>'


def replace_widgets(notebook: dict, bank: Bank) -> int:
    """Replace every widget output of ``notebook`` (in place); returns how many were replaced."""
    replaced = 0
    for cell in notebook.get("cells", []):
        if cell.get("cell_type") != "code":
            continue
        match = EXERCISE_CALL.search("".join(cell.get("source", "")))
        ex = bank.get(match.group(1)) if match else None
        outputs = []
        for output in cell.get("outputs", []):
            data = output.get("data") or {}
            if WIDGET_MIME in data:
                replaced += 1
                outputs.append({"output_type": "display_data", "metadata": {},
                                "data": {"text/html": fallback_html(ex), "text/plain": ex.title if ex else ""}})
            else:
                outputs.append(output)
        cell["outputs"] = outputs
    notebook.get("metadata", {}).pop("widgets", None)
    return replaced
