"""Self-assessment of the competencies a shared territorial governance asks of organizers (notebook 07).

Bourque (2008) names three registers — methodological, strategic, political. The items below
are *examples proposed by this workbook* (after the content brief), not a grid from the book.
Items are data; scoring is pure (:func:`family_scores`); the widget at the bottom only collects
ratings, draws one chart per family and writes the result to the learner's journal.
"""

from __future__ import annotations

from dataclasses import dataclass

from ocworkbook.errors import WorkbookError
from ocworkbook.i18n import t

NOTEBOOK = "07-competences-pratique-reflexive"

#: The three families, in display order.
FAMILIES = ("methodologique", "strategique", "politique")

#: Rating scale: 1 « pas encore » … 4 « je peux soutenir d'autres personnes ».
SCALE = (1, 2, 3, 4)

#: Lower bound of each band of a family mean, from the highest.
BANDS = ((3.0, "appui"), (2.0, "progression"), (0.0, "developper"))


@dataclass(frozen=True)
class Item:
    """One statement to rate; its text is the message ``lessons.competences.item.<id>``."""

    id: str
    family: str

    @property
    def text(self) -> str:
        return t(f"lessons.competences.item.{self.id}")

    @property
    def label(self) -> str:
        """A short label for charts."""
        return t(f"lessons.competences.short.{self.id}")


ITEMS = (
    Item("m-animation", "methodologique"),
    Item("m-diagnostic", "methodologique"),
    Item("m-evaluation", "methodologique"),
    Item("s-rapports-force", "strategique"),
    Item("s-alliances", "strategique"),
    Item("s-negociation", "strategique"),
    Item("p-deliberation", "politique"),
    Item("p-participation", "politique"),
    Item("p-rapport-etat", "politique"),
)


@dataclass(frozen=True)
class FamilyScore:
    """Mean rating of one family over the items answered, and its band."""

    family: str
    mean: float | None
    answered: int
    total: int

    @property
    def band(self) -> str | None:
        if self.mean is None:
            return None
        return next(name for floor, name in BANDS if self.mean >= floor)

    @property
    def label(self) -> str:
        return family_label(self.family)


def family_label(family: str) -> str:
    """« Méthodologique », « Stratégique », « Politique »."""
    return t(f"lessons.competences.family.{family}")


def items_of(family: str) -> tuple[Item, ...]:
    """The items of ``family``, in order."""
    return tuple(item for item in ITEMS if item.family == family)


def check_ratings(ratings: dict) -> dict[str, int]:
    """Keep the answered items (``None`` = not answered); reject unknown items and off-scale values."""
    known = {item.id for item in ITEMS}
    clean = {}
    for item_id, value in ratings.items():
        if item_id not in known:
            raise WorkbookError(t("lessons.competences.unknown_item", item=item_id))
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, int) or value not in SCALE:
            raise WorkbookError(t("lessons.competences.bad_rating", value=value, low=SCALE[0], high=SCALE[-1]),
                                item=item_id)
        clean[item_id] = value
    return clean


def family_scores(ratings: dict) -> list[FamilyScore]:
    """One score per family, in :data:`FAMILIES` order."""
    clean = check_ratings(ratings)
    scores = []
    for family in FAMILIES:
        values = [clean[item.id] for item in items_of(family) if item.id in clean]
        mean = round(sum(values) / len(values), 2) if values else None
        scores.append(FamilyScore(family, mean, len(values), len(items_of(family))))
    return scores


def weakest_family(ratings: dict) -> str | None:
    """The family with the lowest mean (first in order on a tie), or ``None`` if nothing is rated."""
    rated = [s for s in family_scores(ratings) if s.mean is not None]
    return min(rated, key=lambda s: s.mean).family if rated else None


def profile_rows(ratings: dict) -> list[dict]:
    """One row per rated item, for a chart or a DataFrame."""
    clean = check_ratings(ratings)
    return [{"famille": family_label(item.family), "competence": item.label, "cote": clean[item.id]}
            for item in ITEMS if item.id in clean]


def summary_markdown(ratings: dict) -> str:
    """A readable summary for the journal: mean and band per family, then the lowest-rated family's prompt."""
    lines = []
    for score in family_scores(ratings):
        if score.mean is None:
            lines.append(t("lessons.competences.summary_empty", family=score.label))
        else:
            lines.append(t("lessons.competences.summary_line", family=score.label,
                           mean=f"{score.mean:.2f}".replace(".", ","), answered=score.answered,
                           total=score.total, band=t(f"lessons.competences.band.{score.band}")))
    weakest = weakest_family(ratings)
    if weakest:
        lines.append("")
        lines.append(t(f"lessons.competences.prompt.{weakest}"))
    return "\n".join(lines)


def save_to_journal(ratings: dict, log=None) -> dict:
    """Write the self-assessment to the learner's journal (via the progress log); returns the record."""
    from ocworkbook.exercises.journal import add_entry

    clean = check_ratings(ratings)
    if not clean:
        raise WorkbookError(t("lessons.competences.nothing_rated"))
    scores = {s.family: s.mean for s in family_scores(clean)}
    return add_entry(t("lessons.competences.journal_title"), summary_markdown(clean), source=NOTEBOOK,
                     data={"cotes": clean, "moyennes": scores}, log=log)


# --- charts and widget (thin) ---------------------------------------------------------------------

def profile_chart(ratings: dict):
    """One small bar chart per family (items rated 1–4, a rule at the family mean), stacked vertically."""
    import altair as alt
    import pandas as pd

    frame = pd.DataFrame(profile_rows(ratings), columns=["famille", "competence", "cote"])
    charts = []
    for score in family_scores(ratings):
        part = frame[frame["famille"] == score.label]
        base = alt.Chart(part).properties(title=score.label, width=360, height=22 * max(len(part), 1))
        bars = base.mark_bar().encode(
            x=alt.X("cote:Q", title=t("lessons.competences.chart_x"), scale=alt.Scale(domain=[0, SCALE[-1]]),
                    axis=alt.Axis(values=list(SCALE), format="d")),
            y=alt.Y("competence:N", title=None, sort=None),
            color=alt.Color("famille:N", legend=None, scale=alt.Scale(domain=[family_label(f) for f in FAMILIES])),
            tooltip=["competence:N", "cote:Q"],
        )
        layer = bars
        if score.mean is not None:
            rule = alt.Chart(pd.DataFrame({"moyenne": [score.mean]})).mark_rule(strokeDash=[4, 3]).encode(
                x="moyenne:Q", tooltip=[alt.Tooltip("moyenne:Q", title=t("lessons.competences.chart_mean"))])
            layer = bars + rule
        charts.append(layer)
    return alt.vconcat(*charts).properties(title=t("lessons.competences.chart_title"))


class SelfAssessment:
    """Toggle buttons (1–4) per item, grouped by family; « Voir mon profil » and « Enregistrer »."""

    def __init__(self, log=None):
        import ipywidgets as w

        self.log = log
        self.inputs = {}
        sections = []
        scale_help = w.HTML(f"<p><i>{t('lessons.competences.scale_help')}</i></p>")
        for family in FAMILIES:
            rows = [w.HTML(f"<h4>{family_label(family)}</h4>")]
            for item in items_of(family):
                toggle = w.ToggleButtons(options=[(str(v), v) for v in SCALE], value=None,
                                         style={"button_width": "3em"},
                                         tooltips=[t(f"lessons.competences.scale.{v}") for v in SCALE])
                self.inputs[item.id] = toggle
                rows.append(w.VBox([w.HTML(f"<span>{item.text}</span>"), toggle]))
            sections.append(w.VBox(rows))
        self.show_button = w.Button(description=t("lessons.competences.show"), button_style="primary",
                                    layout=w.Layout(width="auto"))
        self.save_button = w.Button(description=t("lessons.competences.save"), icon="save",
                                    layout=w.Layout(width="auto"))
        self.message = w.HTML()
        self.output = w.Output()
        self.show_button.on_click(lambda _: self.show_profile())
        self.save_button.on_click(lambda _: self.save())
        self.widget = w.VBox([scale_help, *sections, w.HBox([self.show_button, self.save_button]),
                              self.message, self.output])

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
            display(Markdown(summary_markdown(self.ratings)))
            display(profile_chart(self.ratings))

    def save(self) -> dict | None:
        try:
            record = save_to_journal(self.ratings, log=self.log)
        except WorkbookError as error:
            self.message.value = f"<p>{error}</p>"
            return None
        self.message.value = f"<p>{t('lessons.competences.saved', n=len(self.ratings))}</p>"
        return record


def self_assessment(log=None) -> SelfAssessment:
    """The self-assessment widget, ready to display (last line of a cell)."""
    return SelfAssessment(log=log)
