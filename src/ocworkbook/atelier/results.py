"""The room's results, read from the session's database: tallies, charts (SVG), the opinion map.

Shared by the projector page (server process), the notebook widget and the exports, so that the
room, the notebook and the files always show the same numbers under the same privacy rule (no
subgroup smaller than ``min_group``, 3 by default). :func:`opinion_summary` is the one place that
calls the opinion map of :mod:`ocworkbook.tools.opinions`.
"""

from __future__ import annotations

from ..i18n import t
from ..tools.privacy import DEFAULT_MIN_GROUP
from .question_kinds import Tally, kind_of
from .storage import VISIBLE_STATEMENTS, Store


def person(participant_id: int) -> str:
    """A participant's pseudonymous id in results and exports (never the pseudonym they typed)."""
    return f"P{int(participant_id):03d}"


def exercise_for(spec: dict, bank):
    """The bank's exercise behind an activity (``None`` for room activities or a missing id)."""
    if not spec.get("exercise") or bank is None:
        return None
    return bank.get(spec["id"])


def tally(store: Store, spec: dict, *, min_group: int = DEFAULT_MIN_GROUP, bank=None, lang: str = "fr",
          revealed: bool | None = None) -> Tally:
    """Counts for one activity (``revealed`` defaults to the activity's own state)."""
    kind = kind_of(spec)
    revealed = spec.get("revealed", False) if revealed is None else revealed
    common = {"min_group": min_group, "revealed": revealed, "exercise": exercise_for(spec, bank), "lang": lang}
    if spec["kind"] == "enonces":
        statements = store.statements(spec["id"], VISIBLE_STATEMENTS)
        return kind.tally(spec, store.votes(spec["id"]), statements=statements, **common)
    if spec["kind"] == "mur":
        return kind.tally(spec, store.posts(spec["id"]), **common)
    return kind.tally(spec, [a["answer"] for a in store.answers(spec["id"])], **common)


def chart(store: Store, spec: dict, **options):
    """The Altair chart of :func:`tally` (``None`` when hidden or empty)."""
    lang = options.get("lang", "fr")
    return kind_of(spec).chart(tally(store, spec, **options), lang=lang)


def svg(figure) -> str:
    """An Altair chart as SVG, drawn offline with the workbook's theme."""
    from types import SimpleNamespace

    from ..charts import theme_config
    from ..tools.outputs import chart_svg

    spec = figure.to_dict()
    spec.setdefault("config", {}).update(theme_config()["config"])
    return chart_svg(SimpleNamespace(to_dict=lambda: spec))


def vote_table(store: Store, activity_id: str):
    """The votes of a statements activity as the opinion map's ``VoteTable`` (participants P001…)."""
    import numpy as np
    import pandas as pd

    from ..tools.opinions_io import VoteTable

    statements = store.statements(activity_id, VISIBLE_STATEMENTS)
    ids = [str(s["id"]) for s in statements]
    votes = store.votes(activity_id)
    people = sorted({v["participant"] for v in votes})
    matrix = pd.DataFrame(np.nan, index=[person(p) for p in people], columns=ids)
    for v in votes:
        if str(v["statement"]) in matrix.columns:
            matrix.loc[person(v["participant"]), str(v["statement"])] = float(v["vote"])
    frame = pd.DataFrame({"text": [s["text"] for s in statements], "moderated_out": np.zeros(len(ids), bool)},
                         index=ids)
    return VoteTable(votes=matrix, statements=frame, source=str(store.path))


def opinion_summary(store: Store, activity_id: str, min_group: int = DEFAULT_MIN_GROUP, lang: str = "fr") -> dict:
    """The opinion map of a statements activity, or why it cannot be drawn yet.

    Returns ``{"ok": bool, "message": str, "result": OpinionMap | None, "warnings": [...]}``. This
    is the only call to :func:`ocworkbook.tools.opinions.opinion_map` in the package.
    """
    from ..errors import DataError
    from ..tools.opinions import opinion_map

    table = vote_table(store, activity_id)
    if table.votes.shape[0] < 4 or table.votes.shape[1] < 2:
        return {"ok": False, "result": None, "warnings": [],
                "message": t("atelier.opinions.not_yet", lang=lang, people=table.votes.shape[0],
                             statements=table.votes.shape[1])}
    try:
        result = opinion_map(table, seed=0, min_group=min_group)
    except DataError as error:
        return {"ok": False, "result": None, "warnings": [], "message": error.message}
    warnings = list(result.warnings)
    profiles = profiles_are_safe(table, result, min_group)
    if not profiles:
        warnings.append(t("atelier.opinions.profiles_hidden", lang=lang, minimum=min_group))
    return {"ok": True, "result": result, "warnings": warnings, "message": "", "profiles": profiles}


def profiles_are_safe(table, result, min_group: int = DEFAULT_MIN_GROUP) -> bool:
    """False if the shown groups' profiles, subtracted from the room's totals, would expose a small group.

    The room sees every statement's totals (agree / disagree / pass). For each statement that a
    group profile describes, the people who voted on it but belong to no shown group (a hidden
    group, or people with too few votes to be grouped) are what subtraction reveals: there must be
    none of them, or at least ``min_group`` (see :func:`ocworkbook.tools.privacy.revealed_by_difference`).
    """
    from ..tools.privacy import revealed_by_difference

    members = set(result.groups.dropna().index.astype(str))
    described = {str(row["statement"]) for rows in result.representative.values() for row in rows}
    remainders = []
    for statement in described & set(map(str, table.votes.columns)):
        voted = table.votes[statement].notna()
        remainders.append(sum(1 for who in table.votes.index[voted] if str(who) not in members))
    return not revealed_by_difference(remainders, min_group)


def opinion_chart(summary: dict):
    """The opinion map of the shown groups only: people of a hidden group are not drawn at all."""
    from ..tools.charts import opinions_chart

    return opinions_chart(summary["result"]) if summary.get("ok") else None


def opinion_groups(summary: dict, lang: str = "fr") -> list[dict]:
    """Shown groups with their size and representative statements, ready for a page or a widget.

    Empty when the profiles would let the room work out a hidden group's votes (``profiles`` of
    :func:`opinion_summary`).
    """
    if not summary.get("ok") or not summary.get("profiles", True):
        return []
    result = summary["result"]
    sizes = result.to_dict()["group_sizes"]
    groups = []
    for group, rows in result.representative.items():
        groups.append({"groupe": int(group) + 1, "personnes": int(sizes.get(group, 0)),
                       "enonces": [{"texte": r["text"], "sens": t("atelier.vote.agree" if r["direction"] == "agree"
                                                                   else "atelier.vote.disagree", lang=lang),
                                    "part": r["share_in_group"]} for r in rows[:3]]})
    return groups


def overview(store: Store, *, min_group: int = DEFAULT_MIN_GROUP) -> list[dict]:
    """One line per activity: state, how many took part, whether results can be shown."""
    lines = []
    for spec in store.activities():
        result = tally(store, spec, min_group=min_group, revealed=False)
        lines.append({"activite": spec["id"], "titre": spec["title"], "type": spec["kind"], "etat": spec["state"],
                      "revele": spec["revealed"], "personnes": result.people, "affiche": not result.hidden})
    return lines
