"""Charts and the opinion map for the projector, drawn in a separate worker process.

vl-convert (which draws the SVG) and the opinion map hold Python's global lock for tens of
milliseconds; in the server's own process that would pause every participant's request meanwhile.
The server therefore sends these jobs to one worker process (:func:`worker_pool`), which also
imports Altair and starts vl-convert's engine once, at start (:func:`warm_up`). Every function here
takes plain arguments (paths, ids, numbers) so that it can run in that process.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .storage import Store


@lru_cache(maxsize=4)
def _bank(root: str | None):
    from ..exercises.bank import load_bank

    return load_bank(Path(root)) if root else None


def warm_up() -> bool:
    """Import Altair and draw a first chart (vl-convert's engine takes about a second to start)."""
    import altair as alt

    from .results import svg

    svg(alt.Chart(alt.Data(values=[{"x": 1}])).mark_bar().encode(x="x:Q"))
    return True


def chart_svg(db: str, activity_id: str, min_group: int, root: str | None) -> str:
    """The SVG of an activity's chart ("" while hidden or empty)."""
    from . import results

    store = Store(db, readonly=True)
    try:
        spec = store.activity(activity_id)
        figure = results.chart(store, spec, min_group=min_group, bank=_bank(root)) if spec else None
        return results.svg(figure) if figure is not None else ""
    finally:
        store.close()


def opinion_payload(db: str, activity_id: str, min_group: int) -> dict:
    """The opinion map of a statements activity, as the projector's JSON (with its SVG)."""
    from . import results

    store = Store(db, readonly=True)
    try:
        summary = results.opinion_summary(store, activity_id, min_group)
    finally:
        store.close()
    out = {"ok": summary["ok"], "message": summary["message"], "avertissements": summary["warnings"]}
    if summary["ok"]:
        result = summary["result"]
        out.update(groupes=results.opinion_groups(summary), stabilite=result.stability,
                   consensus=[r["text"] for r in result.consensus.get("group_informed", [])[:3]],
                   svg=results.svg(results.opinion_chart(summary)))
    return out


def worker_pool():
    """One worker process (started fresh, not forked from the server) for the jobs above."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
