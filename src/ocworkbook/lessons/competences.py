"""Self-assessment of the competencies a shared territorial governance asks of organizers (notebook 07).

The statements, their families, the scale, the bands and the reflection prompts are a questionnaire
file (``exercises/questionnaires/07-autoevaluation.yml``) that an instructor adapts to a programme's
competencies. Scoring is pure (:func:`family_scores`); the widget at the bottom only collects ratings,
draws one chart per family, writes the result to the learner's journal and records it for the
workshop aggregation notebook (:mod:`ocworkbook.activities`).
"""

from __future__ import annotations

from dataclasses import dataclass

from ocworkbook.charts import NARROW_WIDTH
from ocworkbook.errors import DataError, WorkbookError
from ocworkbook.i18n import t

from .display import fr_number

NOTEBOOK = "07-competences-pratique-reflexive"
QUESTIONNAIRE = "07-autoevaluation"
ACTIVITY = "07-autoevaluation"


def load_questionnaire(root=None):
    """The self-assessment of notebook 07 (a :class:`~ocworkbook.questionnaires.Questionnaire`)."""
    from ocworkbook.questionnaires import find_questionnaire

    return find_questionnaire(QUESTIONNAIRE, root)


@dataclass(frozen=True)
class FamilyScore:
    """Mean rating of one family over the items answered, and its band."""

    family: str
    label: str
    mean: float | None
    answered: int
    total: int
    band: str | None


def check_ratings(ratings: dict, questionnaire=None) -> dict[str, int]:
    """Keep the answered items (``None`` = not answered); reject unknown items and off-scale values."""
    q = questionnaire or load_questionnaire()
    known = set(q.item_ids)
    clean = {}
    for item_id, value in ratings.items():
        if item_id not in known:
            raise WorkbookError(t("lessons.competences.unknown_item", item=item_id))
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, int) or value not in q.scale.values:
            raise WorkbookError(t("lessons.competences.bad_rating", value=value, low=q.scale.low, high=q.scale.high),
                                item=item_id)
        clean[item_id] = value
    return clean


def family_scores(ratings: dict, questionnaire=None) -> list[FamilyScore]:
    """One score per family, in the order of the file."""
    q = questionnaire or load_questionnaire()
    clean = check_ratings(ratings, q)
    scores = []
    for code, (mean, answered) in q.dimension_means(clean).items():
        band = q.band(mean)
        scores.append(FamilyScore(code, q.dimensions[code].title, mean, answered, len(q.items_of(code)),
                                  band.label if band else None))
    return scores


def weakest_family(ratings: dict, questionnaire=None) -> str | None:
    """The family with the lowest mean (first in order on a tie), or ``None`` if nothing is rated."""
    rated = [s for s in family_scores(ratings, questionnaire) if s.mean is not None]
    return min(rated, key=lambda s: s.mean).family if rated else None


def profile_rows(ratings: dict, questionnaire=None) -> list[dict]:
    """One row per rated item, for a chart or a table."""
    q = questionnaire or load_questionnaire()
    clean = check_ratings(ratings, q)
    return [{"famille": q.dimensions[item.dimension].title, "competence": item.label, "cote": clean[item.id]}
            for item in q.items if item.id in clean]


def summary_markdown(ratings: dict, questionnaire=None) -> str:
    """A readable summary for the journal: mean and band per family, then the lowest-rated family's prompt."""
    q = questionnaire or load_questionnaire()
    lines = []
    for score in family_scores(ratings, q):
        if score.mean is None:
            lines.append(t("lessons.competences.summary_empty", family=score.label))
        else:
            lines.append(t("lessons.competences.summary_line", family=score.label, mean=fr_number(score.mean, 2),
                           high=q.scale.high, answered=score.answered, total=score.total, band=score.band or "—"))
    weakest = weakest_family(ratings, q)
    if weakest and q.dimensions[weakest].prompt:
        lines.append("")
        lines.append(q.dimensions[weakest].prompt)
    return "\n".join(lines)


def save_to_journal(ratings: dict, log=None, questionnaire=None) -> dict:
    """Write the self-assessment to the learner's journal and record it for the workshop; returns the entry."""
    from ocworkbook.activities import record
    from ocworkbook.exercises.journal import add_entry

    q = questionnaire or load_questionnaire()
    clean = check_ratings(ratings, q)
    if not clean:
        raise WorkbookError(t("lessons.competences.nothing_rated"))
    scores = {s.family: s.mean for s in family_scores(clean, q)}
    entry = add_entry(t("lessons.competences.journal_title"), summary_markdown(clean, q), source=NOTEBOOK,
                      data={"cotes": clean, "moyennes": scores}, log=log)
    record(ACTIVITY, dict(clean), notebook=NOTEBOOK, log=log)
    return entry


# --- charts and widget (thin) ---------------------------------------------------------------------

def profile_chart(ratings: dict, questionnaire=None, *, width: int = NARROW_WIDTH):
    """One small bar chart per family (items rated, a rule at the family mean), stacked vertically."""
    import altair as alt
    import pandas as pd

    q = questionnaire or load_questionnaire()
    frame = pd.DataFrame(profile_rows(ratings, q), columns=["famille", "competence", "cote"])
    families = [d.title for d in q.dimensions.values()]
    charts = []
    for score in family_scores(ratings, q):
        part = frame[frame["famille"] == score.label]
        base = alt.Chart(part).properties(title=score.label, width=width, height=26 * max(len(part), 1))
        bars = base.mark_bar().encode(
            x=alt.X("cote:Q", title=t("lessons.competences.chart_x", low=q.scale.low, high=q.scale.high),
                    scale=alt.Scale(domain=[0, q.scale.high]), axis=alt.Axis(values=list(q.scale.values), format="d")),
            y=alt.Y("competence:N", title=None, sort=None, axis=alt.Axis(labelLimit=0)),
            color=alt.Color("famille:N", legend=None, scale=alt.Scale(domain=families)),
            tooltip=[alt.Tooltip("competence:N", title=t("lessons.competences.chart_item")),
                     alt.Tooltip("cote:Q", title=t("lessons.competences.chart_rating"))],
        )
        layer = bars
        if score.mean is not None:
            rule = alt.Chart(pd.DataFrame({"moyenne": [score.mean], "affichee": [fr_number(score.mean, 2)]})
                             ).mark_rule(strokeDash=[4, 3], strokeWidth=2).encode(
                x="moyenne:Q", tooltip=[alt.Tooltip("affichee:N", title=t("lessons.competences.chart_mean"))])
            layer = bars + rule
        charts.append(layer)
    return alt.vconcat(*charts).properties(title=q.title)


def team_frame(team, questionnaire=None):
    """The team dataset with readable family and statement names (for the team charts of notebook 07)."""
    q = questionnaire or load_questionnaire()
    labels = {item.id: item.label for item in q.items}
    families = {code: d.title for code, d in q.dimensions.items()}
    unknown = sorted(set(team["competence"]) - set(labels))
    if unknown:
        raise DataError(t("lessons.competences.unknown_item", item=unknown[0]))
    return team.assign(famille_nom=team["famille"].map(families), enonce=team["competence"].map(labels))


def team_chart(team, questionnaire=None):
    """A heat map of the team's ratings and the team's mean per family."""
    import altair as alt

    q = questionnaire or load_questionnaire()
    frame = team_frame(team, q)
    order = [item.label for item in q.items]
    families = [d.title for d in q.dimensions.values()]
    grid = alt.Chart(frame).mark_rect().encode(
        x=alt.X("personne:N", title=t("lessons.competences.team_person")),
        y=alt.Y("enonce:N", title=None, sort=order, axis=alt.Axis(labelLimit=0)),
        color=alt.Color("cote:Q", title=t("lessons.competences.chart_rating"),
                        scale=alt.Scale(domain=[q.scale.low, q.scale.high], scheme="blues"),
                        legend=alt.Legend(format="d", tickCount=q.scale.high - q.scale.low + 1)),
        tooltip=[alt.Tooltip("personne:N", title=t("lessons.competences.team_person")),
                 alt.Tooltip("famille_nom:N", title=t("lessons.competences.team_family")),
                 alt.Tooltip("enonce:N", title=t("lessons.competences.chart_item")),
                 alt.Tooltip("cote:Q", title=t("lessons.competences.chart_rating"))],
    ).properties(width=NARROW_WIDTH, height=28 * len(order), title=t("lessons.competences.team_grid"))
    means = alt.Chart(frame).mark_bar().encode(
        x=alt.X("mean(cote):Q", title=t("lessons.competences.team_mean"),
                scale=alt.Scale(domain=[0, q.scale.high])),
        y=alt.Y("famille_nom:N", title=None, sort=families),
        color=alt.Color("famille_nom:N", legend=None, sort=families),
        tooltip=[alt.Tooltip("famille_nom:N", title=t("lessons.competences.team_family")),
                 alt.Tooltip("mean(cote):Q", title=t("lessons.competences.team_mean"), format=".2f")],
    ).properties(width=NARROW_WIDTH, height=34 * len(families), title=t("lessons.competences.team_means"))
    return alt.vconcat(grid, means)


class SelfAssessment:
    """Buttons (one per degree of the scale, each with its label) per statement, grouped by family;
    « Voir mon profil » and « Enregistrer »."""

    def __init__(self, log=None, questionnaire=None, root=None):
        import html

        import ipywidgets as w

        self.questionnaire = q = questionnaire or load_questionnaire(root)
        self.log = log
        self.inputs = {}
        sections = []
        help_text = w.HTML(f"<p><i>{html.escape(q.instructions)}</i></p>") if q.instructions else w.HTML()
        options = [(f"{v} = {q.scale.label(v)}" if q.scale.label(v) else str(v), v) for v in q.scale.values]
        for dimension in q.dimensions.values():
            rows = [w.HTML(f"<h4>{html.escape(dimension.title)}</h4>")]
            for item in dimension.items:
                toggle = w.ToggleButtons(options=options, value=None, style={"button_width": "auto"},
                                         tooltips=[f"{item.label} : {label}" for label, _ in options])
                self.inputs[item.id] = toggle
                rows.append(w.VBox([w.HTML(f"<span>{html.escape(item.text)}</span>"), toggle],
                                   layout=w.Layout(margin="0 0 0.5em 0")))
            sections.append(w.VBox(rows))
        self.show_button = w.Button(description=t("lessons.competences.show"), button_style="primary",
                                    layout=w.Layout(width="auto"))
        self.save_button = w.Button(description=t("lessons.competences.save"), icon="save",
                                    layout=w.Layout(width="auto"))
        self.message = w.HTML()
        self.output = w.Output()
        self.show_button.on_click(lambda _: self.show_profile())
        self.save_button.on_click(lambda _: self.save())
        self.widget = w.VBox([help_text, *sections, w.HBox([self.show_button, self.save_button]),
                              self.message, self.output], layout=w.Layout(width="100%"))

    def _ipython_display_(self):
        from IPython.display import display

        display(self.widget)

    @property
    def ratings(self) -> dict[str, int]:
        return {item_id: toggle.value for item_id, toggle in self.inputs.items() if toggle.value is not None}

    def set(self, item_id: str, value: int) -> None:
        """Rate ``item_id`` (what a click does)."""
        self.inputs[item_id].value = value

    def show_profile(self) -> None:
        from IPython.display import Markdown, display

        self.output.clear_output()
        if not self.ratings:
            self.message.value = f"<p>{t('lessons.competences.nothing_rated')}</p>"
            return
        self.message.value = ""
        with self.output:
            display(Markdown(summary_markdown(self.ratings, self.questionnaire)))
            display(profile_chart(self.ratings, self.questionnaire))

    def save(self) -> dict | None:
        try:
            record = save_to_journal(self.ratings, log=self.log, questionnaire=self.questionnaire)
        except WorkbookError as error:
            self.message.value = f"<p>{error}</p>"
            return None
        self.message.value = f"<p>{t('lessons.competences.saved', n=len(self.ratings))}</p>"
        return record


def self_assessment(log=None, root=None) -> SelfAssessment:
    """The self-assessment widget, ready to display (last line of a cell)."""
    return SelfAssessment(log=log, root=root)


def check_workbook(root) -> list:
    """Cross-check for ``validate``: the team dataset rates the statements of the questionnaire."""
    from ocworkbook.data import load
    from ocworkbook.errors import BankError

    try:
        q = load_questionnaire(root)
        team = load("autoevaluation_exemple", root)
    except WorkbookError:
        return []
    problems = []
    families = {item.id: item.dimension for item in q.items}
    for row in team.drop_duplicates("competence").to_dict("records"):
        if row["competence"] not in families:
            problems.append(BankError(t("lessons.check.unknown_statement", value=row["competence"],
                                        questionnaire=q.path),
                                      path="datasets/autoevaluation_exemple.csv", column="competence"))
        elif row["famille"] != families[row["competence"]]:
            problems.append(BankError(t("lessons.check.wrong_family", value=row["competence"], found=row["famille"],
                                        expected=families[row["competence"]]),
                                      path="datasets/autoevaluation_exemple.csv", column="famille"))
    return problems


def team_table(team, rows: int = 9, questionnaire=None):
    """The first ``rows`` rows of the team dataset, with the family and statement names."""
    from .display import Table

    frame = team_frame(team, questionnaire).head(rows)
    return Table(frame, {"personne": t("lessons.competences.team_person"),
                         "famille_nom": t("lessons.competences.team_family"),
                         "enonce": t("lessons.competences.chart_item"), "cote": t("lessons.competences.chart_rating")})
