"""``ow.progress()``: the learner's progress by notebook and by family of themes, as Altair charts.

Notebooks are named by their titles and themes by their readable names (``exercises/themes.yml``),
grouped in a few families, so that the charts stay short enough to read on one screen.
"""

from __future__ import annotations

from ..i18n import t
from .bank import load_bank
from .progress import ProgressLog, summarize
from .themes import load_themes

RANK = {"correct": 0, "partiel": 1, "incorrect": 2, "complete": 3, "non_tente": 4}
DONE = ("correct", "complete")


def progress_table(bank=None, log: ProgressLog | None = None):
    """One row per exercise of the bank: notebook (title), family of its first theme, status, best score."""
    import pandas as pd

    bank = bank or load_bank()
    log = log or ProgressLog.default()
    themes = load_themes(bank.root)
    summary = summarize(log.read())
    rows = []
    for name in sorted(bank.notebooks):
        for ex in bank.by_notebook(name):
            status = summary.get(ex.id, {}).get("status") or "non_tente"
            status = "non_tente" if status not in RANK else status
            family = themes.family(ex.tags[0]) if ex.tags else "autres"
            number = name.split("-", 1)[0]
            shown = f"{number} · {bank.title_of(name)}" if number.isdigit() else bank.title_of(name)
            rows.append({"exercice": ex.id, "titre": ex.title, "carnet": shown,
                         "famille": themes.family_label(family), "themes": ", ".join(themes.label(g) for g in ex.tags),
                         "statut": t(f"result.{status}"), "rang": RANK[status], "fait": status in DONE,
                         "score": summary.get(ex.id, {}).get("best_score")})
    frame = pd.DataFrame(rows, columns=["exercice", "titre", "carnet", "famille", "themes", "statut", "rang", "fait",
                                        "score"])
    order = [*themes.family_labels.values(), themes.family_label("autres")]
    frame.attrs["family_order"] = [f for f in order if f in set(frame["famille"])]
    return frame


def progress_charts(table):
    """Two charts one above the other: status per notebook, status per family of themes."""
    from ..charts import bar_progress

    by_notebook = bar_progress(table, "carnet", t("dashboard.by_notebook"))
    by_family = bar_progress(table, "famille", t("dashboard.by_theme"), order=table.attrs.get("family_order"))
    return (by_notebook & by_family).resolve_scale(color="shared")


def progress(bank=None, log: ProgressLog | None = None):
    """Show the progress dashboard (a headline and the charts); returns the chart."""
    from IPython.display import Markdown, display

    table = progress_table(bank, log)
    display(Markdown(t("dashboard.headline", done=int(table["fait"].sum()), total=len(table))))
    if table.empty:
        return None
    return progress_charts(table)
