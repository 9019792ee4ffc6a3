"""The group's results of the lesson activities that are not bank exercises: notebook 07's self-assessment
(the group profile), notebook 06's audit of the comité des Berges, and the paths taken in a scenario
(notebook 08). They arrive in the same hand-in files as the exercises (:mod:`ocworkbook.activities`).

Rows of the long table: ``exercice`` = ``activite:<name>``; for a self-assessment or an audit, ``element`` =
the statement or the decision and ``valeur`` = the rating or level; for a scenario, one row ``element`` =
``fin`` (``choix`` = the ending) and one row per dimension (``valeur`` = the score). Privacy rule as for
exercises: nothing is shown for fewer people than the minimum group size.
"""

from __future__ import annotations

from ..activities import SCENARIO, activity_id, activity_name, is_activity
from ..charts import NARROW_WIDTH
from ..i18n import t
from ..tools.privacy import DEFAULT_MIN_GROUP, check_min_group, visible

SELF_ASSESSMENT = "07-autoevaluation"
AUDIT = "06-audit-berges"
ENDING = "fin"


def _number(value):
    if isinstance(value, bool):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if number == number else None


def activity_rows(person: str, exercise_id: str, answer) -> list[dict]:
    """Rows of the long table for one person's recorded activity (nothing for a malformed answer)."""
    if not is_activity(exercise_id) or not isinstance(answer, dict) or len(answer) > 500:
        return []
    rows = []
    name = activity_name(exercise_id)
    if name.startswith(SCENARIO):
        ending = answer.get("fin")
        if isinstance(ending, str) and ending.strip():
            rows.append({"personne": person, "exercice": exercise_id, "element": ENDING, "choix": ending.strip(),
                         "valeur": None})
        for dimension, score in (answer.get("scores") or {}).items() if isinstance(answer.get("scores"), dict) else []:
            value = _number(score)
            if value is not None:
                rows.append({"personne": person, "exercice": exercise_id, "element": str(dimension),
                             "choix": None, "valeur": value})
        return rows
    for element, value in answer.items():
        number = _number(value)
        if number is not None:
            rows.append({"personne": person, "exercice": exercise_id, "element": str(element),
                         "choix": f"{number:g}", "valeur": number})
    return rows


def _rows(frame, name: str):
    return frame[frame["exercice"] == activity_id(name)]


def activity_title(name: str, root=None) -> str:
    """A readable title for an activity id (« Autoévaluation des compétences (carnet 07) »…)."""
    if name.startswith(SCENARIO):
        try:
            from ..scenarios.load import find_scenario

            return t("workshop.activity.scenario", title=find_scenario(name[len(SCENARIO):], root).title)
        except Exception:  # a scenario file that no longer loads: its id still names it
            return t("workshop.activity.scenario", title=name[len(SCENARIO):])
    return t(f"workshop.activity.{name}", default=name)


def group_profile(frame, min_group: int = DEFAULT_MIN_GROUP, questionnaire=None):
    """Notebook 07's group profile: per statement, how many rated it and the group's mean; per family, the mean.

    Returns ``(people, table)``; ``table`` is ``None`` when the group is smaller than ``min_group``.
    """
    import pandas as pd

    from ..lessons.competences import load_questionnaire

    min_group = check_min_group(min_group)
    rows = _rows(frame, SELF_ASSESSMENT)
    people = rows["personne"].nunique()
    if not visible(people, min_group):
        return people, None
    q = questionnaire or load_questionnaire()
    records = []
    for item in q.items:
        values = rows.loc[rows["element"] == item.id, "valeur"].dropna()
        if len(values):
            records.append({"famille": q.dimensions[item.dimension].title, "enonce": item.label,
                            "personnes": int(len(values)), "moyenne": round(float(values.mean()), 2)})
    return people, pd.DataFrame(records, columns=["famille", "enonce", "personnes", "moyenne"])


def audit_levels(frame, min_group: int = DEFAULT_MIN_GROUP, decisions=None, case=None):
    """Notebook 06's audits: per decision, how many people chose each level practised.

    Returns ``(people, table)`` with columns decision, niveau (label), personnes, promis (label);
    ``table`` is ``None`` for a group smaller than ``min_group``.
    """
    import pandas as pd

    from ..lessons.participation_widget import level_label, load_case

    min_group = check_min_group(min_group)
    rows = _rows(frame, AUDIT)
    people = rows["personne"].nunique()
    if not visible(people, min_group):
        return people, None
    case = case or load_case()
    if decisions is None:
        from ..data import load

        decisions = load("berges_decisions")
    names = {r["decision_id"]: f"{r['decision_id']} · {r['decision']}" for r in decisions.to_dict("records")}
    promised = {r["decision_id"]: int(r["niveau_promis"]) for r in decisions.to_dict("records")}
    counts = rows.dropna(subset=["valeur"]).groupby(["element", "valeur"])["personne"].nunique().reset_index()
    records = []
    for row in counts.to_dict("records"):
        level = int(row["valeur"])
        if str(level) not in case["iap2"]:
            continue
        records.append({"decision": names.get(row["element"], row["element"]), "rang": level,
                        "niveau": f"{level} · {level_label(level, case)}", "personnes": int(row["personne"]),
                        "promis": (f"{promised[row['element']]} · {level_label(promised[row['element']], case)}"
                                   if row["element"] in promised else "—")})
    return people, pd.DataFrame(records, columns=["decision", "rang", "niveau", "personnes", "promis"])


def scenario_paths(frame, scenario_id: str, min_group: int = DEFAULT_MIN_GROUP, root=None):
    """The paths of a scenario: how many people reached each ending, and the group's mean score per dimension.

    Returns ``(people, endings, scores)``; both tables are ``None`` for a group smaller than ``min_group``.
    """
    import pandas as pd

    from ..scenarios.charts import dimension_label

    min_group = check_min_group(min_group)
    rows = _rows(frame, f"{SCENARIO}{scenario_id}")
    people = rows["personne"].nunique()
    if not visible(people, min_group):
        return people, None, None
    titles = {}
    try:
        from ..scenarios.load import find_scenario

        titles = {e.id: e.title for e in find_scenario(scenario_id, root).endings.values()}
    except Exception:  # the ending ids are shown if the file no longer loads
        pass
    ends = rows[rows["element"] == ENDING].groupby("choix")["personne"].nunique().reset_index()
    endings = pd.DataFrame({"fin": ends["choix"].map(lambda e: titles.get(e, e)), "personnes": ends["personne"]})
    endings = endings.sort_values("personnes", ascending=False).reset_index(drop=True)
    dims = rows[rows["element"] != ENDING].dropna(subset=["valeur"])
    scores = dims.groupby("element")["valeur"].agg(["mean", "min", "max"]).reset_index()
    scores = pd.DataFrame({"dimension": scores["element"].map(dimension_label), "moyenne": scores["mean"].round(1),
                           "minimum": scores["min"], "maximum": scores["max"]})
    return people, endings, scores


def activity_charts(frame, name: str, min_group: int = DEFAULT_MIN_GROUP, root=None):
    """``(people, [charts or tables])`` for activity ``name``; an empty list when the group is too small."""
    import altair as alt

    from ..lessons.display import Table

    if name == SELF_ASSESSMENT:
        people, table = group_profile(frame, min_group)
        if table is None:
            return people, []
        order = list(table["enonce"])
        chart = alt.Chart(table).mark_bar().encode(
            y=alt.Y("enonce:N", sort=order, title=None, axis=alt.Axis(labelLimit=0)),
            x=alt.X("moyenne:Q", title=t("workshop.activity.mean_rating"), scale=alt.Scale(domain=[0, 4])),
            color=alt.Color("famille:N", title=t("workshop.activity.family"), sort=None),
            tooltip=[alt.Tooltip("enonce:N", title=t("workshop.activity.statement")),
                     alt.Tooltip("moyenne:Q", title=t("workshop.activity.mean_rating"), format=".2f"),
                     alt.Tooltip("personnes:Q", title=t("workshop.chart.people"))],
        ).properties(width=NARROW_WIDTH, title=t("workshop.activity.profile_title"))
        return people, [chart]
    if name == AUDIT:
        people, table = audit_levels(frame, min_group)
        if table is None:
            return people, []
        chart = alt.Chart(table).mark_bar().encode(
            y=alt.Y("decision:N", title=None, sort=None, axis=alt.Axis(labelLimit=0)),
            x=alt.X("personnes:Q", title=t("workshop.chart.people"), stack="zero",
                    axis=alt.Axis(tickMinStep=1, format="d")),
            color=alt.Color("niveau:N", title=t("workshop.activity.level_practised"),
                            sort=alt.SortField("rang"), scale=alt.Scale(scheme="blues")),
            order=alt.Order("rang:Q"),
            tooltip=[alt.Tooltip("decision:N", title=t("workshop.activity.decision")),
                     alt.Tooltip("niveau:N", title=t("workshop.activity.level_practised")),
                     alt.Tooltip("promis:N", title=t("workshop.activity.level_promised")),
                     alt.Tooltip("personnes:Q", title=t("workshop.chart.people"))],
        ).properties(width=NARROW_WIDTH, title=t("workshop.activity.audit_title"))
        return people, [chart]
    if name.startswith(SCENARIO):
        people, endings, scores = scenario_paths(frame, name[len(SCENARIO):], min_group, root)
        if endings is None:
            return people, []
        chart = alt.Chart(endings).mark_bar().encode(
            y=alt.Y("fin:N", sort="-x", title=None, axis=alt.Axis(labelLimit=0)),
            x=alt.X("personnes:Q", title=t("workshop.chart.people"), axis=alt.Axis(tickMinStep=1, format="d")),
            tooltip=[alt.Tooltip("fin:N", title=t("workshop.activity.ending")),
                     alt.Tooltip("personnes:Q", title=t("workshop.chart.people"))],
        ).properties(width=NARROW_WIDTH, title=t("workshop.activity.endings_title"))
        table = Table(scores, {"dimension": t("workshop.activity.dimension"), "moyenne": t("workshop.activity.mean"),
                               "minimum": t("workshop.activity.min"), "maximum": t("workshop.activity.max")},
                      decimals={"moyenne": 1, "minimum": 0, "maximum": 0},
                      caption=t("workshop.activity.scores_caption"))
        return people, [chart, table]
    return 0, []


def activities_in(frame) -> list[str]:
    """The activities present in the long table, in a stable order."""
    return sorted({activity_name(e) for e in frame["exercice"] if is_activity(e)})


def show_activity(frame, name: str, min_group: int = DEFAULT_MIN_GROUP, root=None) -> None:
    """Display, in a notebook, the group's result of one activity (or why it is hidden) and questions to discuss."""
    from IPython.display import Markdown, display

    people, parts = activity_charts(frame, name, min_group, root)
    display(Markdown(f"### {activity_title(name, root)}\n\n*{t('workshop.people', n=people)}*"))
    if not parts:
        display(Markdown(f"> {t('workshop.too_few', n=people, minimum=check_min_group(min_group))}"))
    for part in parts:
        display(part)
    key = "scenario" if name.startswith(SCENARIO) else name
    display(Markdown(f"**{t('workshop.discuss')}**\n\n- {t(f'workshop.activity.discuss.{key}', default='')}"))


def show_activities(frame, min_group: int = DEFAULT_MIN_GROUP, root=None) -> None:
    """:func:`show_activity` for every activity found in the answers."""
    from IPython.display import Markdown, display

    found = activities_in(frame)
    if not found:
        display(Markdown(f"> {t('workshop.activity.none')}"))
    for name in found:
        show_activity(frame, name, min_group, root)
