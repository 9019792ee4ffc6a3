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


COLUMNS = ["exercice", "titre", "carnet", "famille", "themes", "statut", "rang", "fait", "score"]


def progress_rows(bank=None, log: ProgressLog | None = None) -> tuple[list[dict], list[str]]:
    """One row (a plain dict) per exercise of the bank, and the families of themes in display order.

    Plain rows, not a DataFrame: the dashboard also works where pandas is not available (JupyterLite).
    """
    bank = bank or load_bank()
    log = log or ProgressLog.default()
    themes = load_themes(bank.root)
    summary = summarize(log.read())
    rows = []
    for name in sorted(bank.notebooks):
        number = name.split("-", 1)[0]
        shown = f"{number} · {bank.title_of(name)}" if number.isdigit() else bank.title_of(name)
        for ex in bank.by_notebook(name):
            status = summary.get(ex.id, {}).get("status") or "non_tente"
            status = "non_tente" if status not in RANK else status
            family = themes.family(ex.tags[0]) if ex.tags else "autres"
            rows.append({"exercice": ex.id, "titre": ex.title, "carnet": shown, "famille": themes.family_label(family),
                         "themes": ", ".join(themes.label(g) for g in ex.tags), "statut": t(f"result.{status}"),
                         "rang": RANK[status], "fait": status in DONE,
                         "score": summary.get(ex.id, {}).get("best_score")})
    present = {row["famille"] for row in rows}
    order = [f for f in [*themes.family_labels.values(), themes.family_label("autres")] if f in present]
    return rows, list(dict.fromkeys(order))


def progress_table(bank=None, log: ProgressLog | None = None):
    """The same rows as a DataFrame (for analyses and tests)."""
    import pandas as pd

    rows, order = progress_rows(bank, log)
    frame = pd.DataFrame(rows, columns=COLUMNS)
    frame.attrs["family_order"] = order
    return frame


def progress_charts(rows: list[dict], family_order: list[str] | None = None):
    """Two charts one above the other: status per notebook, status per family of themes."""
    import altair as alt

    from ..charts import bar_progress

    data = alt.Data(values=rows)
    by_notebook = bar_progress(data, "carnet", t("dashboard.by_notebook"))
    by_family = bar_progress(data, "famille", t("dashboard.by_theme"), order=family_order)
    return (by_notebook & by_family).resolve_scale(color="shared")


def progress(bank=None, log: ProgressLog | None = None):
    """Show the progress dashboard (a headline and the charts); returns the chart."""
    from IPython.display import Markdown, display

    rows, order = progress_rows(bank, log)
    display(Markdown(t("dashboard.headline", done=sum(1 for r in rows if r["fait"]), total=len(rows))))
    if not rows:
        return None
    return progress_charts(rows, order)
