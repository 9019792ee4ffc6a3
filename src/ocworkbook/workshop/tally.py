"""Count a group's answers per exercise, chart them, and suggest discussion questions.

Privacy rule (shared with the practitioner tools, :mod:`ocworkbook.tools.privacy`): an exercise
answered by fewer people than ``min_group`` shows nothing but that fact; a free-text answer given by
fewer than ``min_group`` people is counted under « autres réponses », never shown as typed.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..activities import activity_name, is_activity
from ..exercises.bank import Bank, load_bank
from ..i18n import t
from ..tools.privacy import DEFAULT_MIN_GROUP, check_min_group, visible
from .activities import activity_title

OTHER = "autres"


@dataclass
class Tally:
    """The group's answers to one exercise: ``table`` has choix, libelle, personnes, part, correct.

    ``kind`` is the shape of the summary (options, values, texts, categories, ranks, completion).
    """

    exercise_id: str
    title: str
    kind: str
    people: int
    hidden: bool
    table: object  # pandas DataFrame (empty when hidden)
    message: str = ""


def tally(frame, exercise_id: str, bank: Bank | None = None, min_group: int = DEFAULT_MIN_GROUP) -> Tally:
    """Count the answers of the long table ``frame`` to one exercise."""
    import pandas as pd

    bank = bank if bank is not None else load_bank()
    min_group = check_min_group(min_group)
    ex = bank.get(exercise_id)
    if ex is None:
        from ..errors import DataError

        raise DataError(t("workshop.unknown_exercise", id=exercise_id))
    rows = frame[frame["exercice"] == exercise_id]
    people = rows["personne"].nunique()
    if not visible(people, min_group):
        return Tally(ex.id, ex.title, ex.kind.summary_for(ex), people, True, pd.DataFrame(),
                     t("workshop.too_few", n=people, minimum=min_group))
    labels = ex.kind.labels(ex)
    shape = ex.kind.summary_for(ex)
    if shape == "values" and rows["valeur"].notna().any():
        counts = rows.groupby("valeur")["personne"].nunique().reset_index()
        table = pd.DataFrame({"choix": counts["valeur"].map(lambda v: f"{v:g}"), "libelle": counts["valeur"].map(
            lambda v: f"{v:g}"), "personnes": counts["personne"]})
    elif shape == "categories":
        counts = rows.groupby(["element", "choix"])["personne"].nunique().reset_index()
        elements = ex.kind.element_labels(ex)
        table = pd.DataFrame({"element": counts["element"].map(lambda e: elements.get(e, e)),
                              "choix": counts["choix"], "libelle": counts["choix"].map(lambda c: labels.get(c, c)),
                              "personnes": counts["personne"]})
    elif shape == "ranks":
        means = rows.groupby("element")["valeur"].mean().reset_index()
        table = pd.DataFrame({"choix": means["element"], "libelle": means["element"].map(lambda e: labels.get(e, e)),
                              "personnes": [rows[rows["element"] == e]["personne"].nunique() for e in means["element"]],
                              "rang_moyen": means["valeur"].round(2)}).sort_values("rang_moyen")
    else:
        counts = rows.groupby("choix")["personne"].nunique().reset_index()
        table = pd.DataFrame({"choix": counts["choix"], "libelle": counts["choix"].map(lambda c: labels.get(c, c)),
                              "personnes": counts["personne"]})
        if shape in ("texts", "values"):
            rare = table["personnes"] < min_group
            if rare.any():
                other = pd.DataFrame([{"choix": OTHER, "libelle": t("workshop.other_answers"),
                                       "personnes": int(table.loc[rare, "personnes"].sum())}])
                table = pd.concat([table[~rare], other], ignore_index=True)
        elif labels:  # every option appears, even the ones nobody chose
            missing = [c for c in labels if c not in set(table["choix"])]
            if missing:
                table = pd.concat([table, pd.DataFrame({"choix": missing, "libelle": [labels[c] for c in missing],
                                                        "personnes": 0})], ignore_index=True)
            order = {c: i for i, c in enumerate(labels)}
            table = table.sort_values("choix", key=lambda s: s.map(lambda c: order.get(c, len(order))))
    table = table.reset_index(drop=True)
    table["part"] = (table["personnes"] / people).round(3)
    table["correct"] = [ex.kind.choice_is_right(ex, str(c)) if shape == "options" else None
                        for c in table["choix"]]
    return Tally(ex.id, ex.title, shape, people, False, table)


def overview(frame, bank: Bank | None = None, min_group: int = DEFAULT_MIN_GROUP):
    """One line per exercise answered: how many people, and whether it can be shown."""
    import pandas as pd

    bank = bank if bank is not None else load_bank()
    counts = frame.groupby("exercice")["personne"].nunique()
    rows = []
    for ex_id, people in counts.items():
        ex = bank.get(ex_id)
        if is_activity(ex_id):
            title, kind = activity_title(activity_name(ex_id)), t("workshop.activity.kind")
        else:
            title, kind = (ex.title, t(f"type.{ex.type}")) if ex else ("?", "?")
        rows.append({"exercice": ex_id, "titre": title, "type": kind,
                     "personnes": int(people), "affiche": visible(people, check_min_group(min_group))})
    return pd.DataFrame(rows, columns=["exercice", "titre", "type", "personnes", "affiche"])


def chart(result: Tally, show_key: bool = False):
    """An Altair bar chart of ``result`` (``None`` if hidden or if there is nothing to draw)."""
    import altair as alt

    if result.hidden or result.table is None or len(result.table) == 0:
        return None
    table = result.table.copy()
    table["libelle_court"] = table["libelle"].map(lambda s: s if len(s) <= 60 else s[:57] + "…")
    x_title = t("workshop.chart.people")
    tooltip = ["libelle", "personnes", alt.Tooltip("part:Q", format=".0%")]
    if result.kind == "categories":
        return alt.Chart(table).mark_bar().encode(
            y=alt.Y("element:N", title=None, axis=alt.Axis(labelLimit=360)),
            x=alt.X("personnes:Q", title=x_title, stack="zero"),
            color=alt.Color("libelle:N", title=t("workshop.chart.category")),
            tooltip=["element", *tooltip]).properties(title=result.title, width=420)
    if result.kind == "ranks":
        return alt.Chart(table).mark_bar().encode(
            y=alt.Y("libelle_court:N", sort=None, title=None, axis=alt.Axis(labelLimit=360)),
            x=alt.X("rang_moyen:Q", title=t("workshop.chart.mean_rank")),
            tooltip=["libelle", "rang_moyen", "personnes"]).properties(title=result.title, width=420)
    encoding = {"y": alt.Y("libelle_court:N", sort=None, title=None, axis=alt.Axis(labelLimit=360)),
                "x": alt.X("personnes:Q", title=x_title, axis=alt.Axis(tickMinStep=1)), "tooltip": tooltip}
    if show_key and table["correct"].notna().any():
        table["cle"] = table["correct"].map({True: t("workshop.chart.right"), False: t("workshop.chart.other")})
        encoding["color"] = alt.Color("cle:N", title=None)
    return alt.Chart(table).mark_bar().encode(**encoding).properties(title=result.title, width=420)


def discussion_questions(exercise_id: str, bank: Bank | None = None) -> list[str]:
    """The exercise's own teaching notes (field ``notes``) if any, then generic questions for its type."""
    bank = bank if bank is not None else load_bank()
    ex = bank.get(exercise_id)
    questions = []
    if ex is not None and ex.notes:
        questions.append(ex.notes)
    questions += [t(key) for key in (ex.kind.discussion if ex else ())]
    return questions


def show(frame, exercise_id: str, bank: Bank | None = None, min_group: int = DEFAULT_MIN_GROUP,
         show_key: bool = False):
    """Display, in a notebook, one exercise's chart (or why it is hidden) and its discussion questions."""
    from IPython.display import Markdown, display

    bank = bank if bank is not None else load_bank()
    result = tally(frame, exercise_id, bank, min_group)
    heading = f"### {result.title}\n\n*{t('workshop.people', n=result.people)}*"
    display(Markdown(heading))
    if result.hidden:
        display(Markdown(f"> {result.message}"))
    else:
        figure = chart(result, show_key=show_key)
        if figure is not None:
            display(figure)
    questions = "\n".join(f"- {q}" for q in discussion_questions(exercise_id, bank))
    display(Markdown(f"**{t('workshop.discuss')}**\n\n{questions}"))
    return None


def show_all(frame, bank: Bank | None = None, min_group: int = DEFAULT_MIN_GROUP, show_key: bool = False) -> None:
    """:func:`show` for every exercise answered, in bank order."""
    bank = bank if bank is not None else load_bank()
    answered = set(frame["exercice"])
    for name in sorted(bank.notebooks):
        for ex in bank.by_notebook(name):
            if ex.id in answered:
                show(frame, ex.id, bank, min_group, show_key)
