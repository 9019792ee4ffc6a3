"""What the facilitator reads of the live workshop, in words: the terminal, the notebook, the exports.

- :func:`cell` — one value of a counts table (« 2,33 », « — »);
- :func:`tally_lines` — the counts of an activity as terminal lines, with its kind's own columns
  (mean rank for an ordering, agree / disagree / pass for statements, head-counts otherwise);
- :func:`export_label` — a file of :func:`~ocworkbook.atelier.exports.export_all` in French words;
- :class:`ExportFiles`, :class:`SessionList`, :class:`Notes` — a dict, a list and a list that a
  notebook shows as a small French table or a Markdown list instead of raw Python.

Every text is escaped (HTML) before it reaches a page.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import quote

from ..i18n import t
from .markup import esc
from .question_kinds import live_kind

EXPORT_LABELS = ("reponses", "enonces", "votes", "mur", "resultats", "remises")


def cell(value) -> str:
    """A value of a counts table in French: decimal comma, « — » for nothing."""
    if value is None or value == "":
        return "—"
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",")
    return str(value)


def tally_lines(tally, lang: str = "fr") -> list[str]:
    """The counts of ``tally`` as lines for a terminal, in the columns its kind chose."""
    if tally.hidden:
        return [tally.message]
    columns = live_kind(tally.kind).columns(lang)
    numbers = [(field, label) for field, label in columns if field not in ("libelle", "element")]
    lines = []
    if tally.rows:
        text = dict(columns).get("libelle") or t("atelier.projector.column_choice", lang=lang)
        lines.append("  " + " | ".join(label for _, label in numbers) + " | " + text)
    for row in tally.rows:
        figures = " | ".join(cell(row.get(field)).rjust(len(label)) for field, label in numbers)
        mark = "✓ " if row.get("correct") else ""
        element = f"{row['element']} → " if row.get("element") else ""
        lines.append(f"  {figures} | {mark}{element}{row['libelle']}")
    lines += [text for text in (tally.summary, tally.message) if text]
    return lines


def export_label(name: str, lang: str = "fr") -> str:
    """« Réponses », « Fichiers de remise », « Format Polis (énoncés) : 05-enonces… »."""
    if name.startswith("polis-"):
        return t("atelier.export.label.polis", lang=lang, activity=name[len("polis-"):])
    if name in EXPORT_LABELS:
        return t(f"atelier.export.label.{name}", lang=lang)
    return name


def export_content(name: str, lang: str = "fr") -> str:
    key = "polis" if name.startswith("polis-") else name
    return t(f"atelier.export.content.{key}", lang=lang, default="")


def _href(path: Path) -> str:
    """A link relative to the notebook's folder (JupyterLab opens it), else the file's URI."""
    try:
        relative = os.path.relpath(path, Path.cwd())
    except ValueError:  # another drive (Windows)
        return path.resolve().as_uri()
    return quote(Path(relative).as_posix())


class ExportFiles(dict):
    """What :func:`~ocworkbook.atelier.exports.export_all` wrote (name → path), shown as a table."""

    def lines(self, lang: str = "fr") -> list[str]:
        return [f"{export_label(name, lang)} : {path}" for name, path in self.items()]

    def _repr_html_(self) -> str:
        heads = "".join(f"<th>{esc(t(k))}</th>" for k in ("atelier.export.head.file", "atelier.export.head.content",
                                                           "atelier.export.head.link"))
        rows = "".join(
            f"<tr><td>{esc(export_label(name))}</td><td>{esc(export_content(name))}</td>"
            f'<td><a href="{esc(_href(Path(path)))}" target="_blank">{esc(Path(path).name)}</a></td></tr>'
            for name, path in self.items())
        folder = Path(next(iter(self.values()))).parent if self else ""
        caption = f"<caption>{esc(t('atelier.export.folder', path=str(folder)))}</caption>" if self else ""
        return f'<table class="ocw-atelier-exports">{caption}<tr>{heads}</tr>{rows}</table>'


class SessionList(list):
    """Recorded sessions (:func:`~ocworkbook.atelier.launcher.list_sessions`), shown as a table."""

    def __getitem__(self, index):
        found = super().__getitem__(index)
        return SessionList(found) if isinstance(index, slice) else found

    def _repr_html_(self) -> str:
        if not self:
            return f"<p>{esc(t('atelier.cli.no_sessions'))}</p>"
        keys = ("id", "carnet", "cree", "participants", "fichier")
        heads = "".join(f"<th>{esc(t('atelier.sessions.head.' + k))}</th>" for k in keys)
        rows = "".join("<tr>" + "".join(f"<td>{esc(cell(s.get(k)))}</td>" for k in keys) + "</tr>" for s in self)
        return f'<table class="ocw-atelier-sessions"><tr>{heads}</tr>{rows}</table>'


class Notes(list):
    """Warnings (French sentences) shown as a Markdown list in a notebook."""

    def _repr_markdown_(self) -> str:
        if not self:
            return t("atelier.widget.no_warning")
        return "\n".join("- ⚠ " + esc(text).replace("$", r"\$").replace("*", r"\*").replace("_", r"\_")
                         for text in self)
