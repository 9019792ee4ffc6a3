"""``ow.progress()``: the learner's progress by notebook and by theme, as an Altair chart."""

from __future__ import annotations

from ..i18n import t
from .bank import load_bank
from .progress import ProgressLog, summarize

RANK = {"correct": 0, "partiel": 1, "incorrect": 2, "complete": 3, "non_tente": 4}


def progress_table(bank=None, log: ProgressLog | None = None):
    """One row per exercise of the bank (and per tag): notebook, tag, status, best score."""
    import pandas as pd

    bank = bank or load_bank()
    log = log or ProgressLog.default()
    summary = summarize(log.read())
    rows = []
    for ex in bank.exercises.values():
        status = summary.get(ex.id, {}).get("status") or "non_tente"
        if status == "invalide":
            status = "non_tente"
        for tag in ex.tags:
            rows.append({"exercice": ex.id, "carnet": ex.notebook, "theme": tag,
                         "statut": t(f"result.{status}"), "rang": RANK.get(status, 4),
                         "score": summary.get(ex.id, {}).get("best_score"), "premier_theme": tag == ex.tags[0]})
    return pd.DataFrame(rows, columns=["exercice", "carnet", "theme", "statut", "rang", "score", "premier_theme"])


def progress_charts(table):
    """Two charts side by side: status per notebook, status per theme."""
    from ..charts import bar_progress

    by_notebook = bar_progress(table[table["premier_theme"]], "carnet", t("dashboard.by_notebook"))
    by_theme = bar_progress(table, "theme", t("dashboard.by_theme"))
    return by_notebook & by_theme


def progress(bank=None, log: ProgressLog | None = None):
    """Show the progress dashboard (a headline and the charts); returns the chart."""
    from IPython.display import Markdown, display

    table = progress_table(bank, log)
    done = table[table["premier_theme"] & table["rang"].isin([0, 3])].shape[0]
    total = table[table["premier_theme"]].shape[0]
    display(Markdown(t("dashboard.headline", done=done, total=total)))
    if total == 0:
        return None
    return progress_charts(table)
