"""The learner's journal: their reflections (and justifications), read back from the progress
log, shown in the notebook and exportable as a readable HTML page."""

from __future__ import annotations

import html

from ..i18n import t
from .progress import ProgressLog


def journal_entries(log: ProgressLog | None = None, latest_only: bool = True) -> list[dict]:
    """Reflection events; by default only the latest version of each reflection."""
    log = log or ProgressLog.default()
    entries = [e for e in log.read() if e.get("event") in ("reflection", "journal") and e.get("text")]
    if not latest_only:
        return entries
    latest: dict = {}
    for entry in entries:
        key = (entry.get("exercise"), entry.get("kind"), entry.get("title"))
        latest[key] = entry
    return sorted(latest.values(), key=lambda e: e.get("ts", ""))


def add_entry(title: str, text: str, *, source: str = "", data: dict | None = None,
              log: ProgressLog | None = None) -> dict:
    """Write a free journal entry (e.g. a self-assessment) that appears in the journal and exports."""
    log = log or ProgressLog.default()
    return log.append("journal", title=title, text=text, source=source, data=data or {})


def journal_markdown(entries: list[dict]) -> str:
    if not entries:
        return t("journal.empty")
    from .result import escape_markdown

    parts = [f"## {t('journal.title')}"]
    for entry in entries:
        title = escape_markdown(entry.get("title") or entry.get("exercise") or "")
        typed = entry.get("event") != "journal"  # « journal » entries are written by the workbook itself
        text = escape_markdown(entry["text"]).replace("\n", "  \n") if typed else entry["text"]
        parts.append(f"### {title}\n*{escape_markdown(entry.get('ts', ''))}*\n\n{text}")
    return "\n\n".join(parts)


def journal_html(entries: list[dict], learner: str = "") -> str:
    """A standalone, readable HTML page of the journal (no script, no external resource)."""
    items = []
    for entry in entries:
        title = html.escape(entry.get("title") or entry.get("exercise") or "")
        prompt = entry.get("prompt")
        text = html.escape(entry["text"]).replace("\n", "<br>")
        items.append(
            f"<article><h2>{title}</h2><p class='meta'>{html.escape(entry.get('ts', ''))}"
            f"{' · ' + html.escape(entry.get('notebook') or '') if entry.get('notebook') else ''}</p>"
            + (f"<details><summary>{t('journal.prompt')}</summary><p>{html.escape(prompt)}</p></details>"
               if prompt else "")
            + f"<p>{text}</p></article>")
    body = "\n".join(items) or f"<p>{html.escape(t('journal.empty'))}</p>"
    who = f" — {html.escape(learner)}" if learner else ""
    return (f"<!DOCTYPE html><html lang='fr'><head><meta charset='utf-8'>"
            f"<title>{html.escape(t('journal.title'))}{who}</title>"
            "<style>body{font-family:Georgia,serif;max-width:44em;margin:2em auto;line-height:1.5;padding:0 1em}"
            "h1{font-family:Helvetica,Arial,sans-serif}article{border-top:1px solid #ccc;padding-top:.5em}"
            ".meta{color:#555;font-size:.9em}</style></head><body>"
            f"<h1>{html.escape(t('journal.title'))}{who}</h1>{body}</body></html>")


def journal(log: ProgressLog | None = None):
    """Show the learner's journal in the notebook."""
    from IPython.display import Markdown

    return Markdown(journal_markdown(journal_entries(log)))
