"""Thin front end of notebook 04: tidy frames, Altair charts and ipywidgets over :mod:`.deliberation`.

The widgets only collect settings and show results; every computation is in ``deliberation``.
"""

from __future__ import annotations

from ocworkbook.i18n import t

from . import deliberation as model


class Table:
    """The fictional table of notebook 04, read from its two datasets."""

    def __init__(self, preferences, reasons):
        records = preferences.to_dict("records")
        self.profile, self.attachment = model.profile_from_records(records)
        self.reasons = model.reasons_from_records(reasons.to_dict("records"))
        self.option_labels = {str(r["option_id"]): str(r["option"]) for r in records}
        self.actor_labels = {str(r["acteur_id"]): str(r["acteur"]) for r in records}
        self.actor_sectors = {str(r["acteur_id"]): str(r["secteur"]) for r in records}
        self.reason_labels = {str(r["raison_id"]): str(r["raison"]) for r in reasons.to_dict("records")}

    def label(self, option: str) -> str:
        return self.option_labels.get(option, option)


def scores_frame(table: Table):
    """Scores of every option under plurality, Borda and sum of utilities, as a share of the best score."""
    import pandas as pd

    ranks = model.rankings(table.profile)
    rules = {
        t("lessons.deliberation.rule.pluralite"): model.plurality_scores(ranks),
        t("lessons.deliberation.rule.borda"): model.borda_scores(ranks),
        t("lessons.deliberation.rule.somme"): model.utility_sums(table.profile),
    }
    rows = []
    for rule, scores in rules.items():
        best = max(scores.values()) or 1
        for option, score in scores.items():
            rows.append({"regle": rule, "option": table.label(option), "score": score,
                         "part_du_meilleur": round(score / best, 3),
                         "gagnant": option in model.winners(scores)})
    return pd.DataFrame(rows)


def scores_chart(table: Table):
    """Grouped bars: for each rule, each option's score relative to the winner's."""
    import altair as alt

    frame = scores_frame(table)
    return (
        alt.Chart(frame, title=t("lessons.deliberation.chart.rules_title"))
        .mark_bar()
        .encode(
            y=alt.Y("option:N", title=None),
            x=alt.X("part_du_meilleur:Q", title=t("lessons.deliberation.chart.share"), axis=alt.Axis(format="%")),
            color=alt.Color("gagnant:N", title=t("lessons.deliberation.chart.winner"),
                            scale=alt.Scale(domain=[True, False], range=["#0072B2", "#BBBBBB"])),
            row=alt.Row("regle:N", title=None),
            tooltip=["regle:N", "option:N", "score:Q"],
        )
        .properties(width=360, height=110)
    )


def trajectories_frame(table: Table, result: model.DeliberationResult):
    """One row per round, actor and option: the actor's utility at that round."""
    import pandas as pd

    rows = []
    for round_number, profile in enumerate(result.history):
        for actor, utilities in profile.items():
            for option, value in utilities.items():
                rows.append({"tour": round_number, "acteur": table.actor_labels.get(actor, actor),
                             "secteur": table.actor_sectors.get(actor, ""), "option": table.label(option),
                             "utilite": value})
    return pd.DataFrame(rows)


def trajectories_chart(table: Table, result: model.DeliberationResult):
    """Small multiples, one per option: each actor's utility round after round."""
    import altair as alt

    frame = trajectories_frame(table, result)
    base = alt.Chart(frame).encode(
        x=alt.X("tour:O", title=t("lessons.deliberation.chart.round")),
        y=alt.Y("utilite:Q", title=t("lessons.deliberation.chart.utility"), scale=alt.Scale(domain=[0, 10])),
    )
    lines = base.mark_line(point=True, opacity=0.7).encode(
        color=alt.Color("secteur:N", title=t("lessons.deliberation.chart.sector")),
        detail="acteur:N",
        tooltip=["acteur:N", "option:N", "tour:O", alt.Tooltip("utilite:Q", format=".1f")],
    )
    return (
        lines.properties(width=170, height=170)
        .facet(column=alt.Column("option:N", title=None))
        .properties(title=t("lessons.deliberation.chart.trajectories_title"))
    )


def outcome_frame(table: Table, result: model.DeliberationResult):
    """Winners under each rule before and after deliberation, with a flag when they differ."""
    import pandas as pd

    outcome = model.compare(table.profile, result)
    rows = []
    for rule in model.RULES:
        before = ", ".join(table.label(o) for o in outcome["avant"][rule]) or t("lessons.deliberation.none")
        after = ", ".join(table.label(o) for o in outcome["apres"][rule]) or t("lessons.deliberation.none")
        rows.append({t("lessons.deliberation.col.rule"): t(f"lessons.deliberation.rule.{rule}"),
                     t("lessons.deliberation.col.before"): before,
                     t("lessons.deliberation.col.after"): after,
                     t("lessons.deliberation.col.changed"): t("lessons.deliberation.yes") if before != after
                     else t("lessons.deliberation.no")})
    return pd.DataFrame(rows)


def simulation_widget(table: Table):
    """Sliders for the model's settings, check boxes for the reasons on the table, and live results."""
    import ipywidgets as widgets
    from IPython.display import display

    style = {"description_width": "14em"}
    layout = widgets.Layout(width="34em")
    openness = widgets.FloatSlider(value=0.3, min=0, max=1, step=0.05, style=style, layout=layout,
                                   description=t("lessons.deliberation.ui.openness"))
    weight = widgets.FloatSlider(value=0.5, min=0, max=1, step=0.05, style=style, layout=layout,
                                 description=t("lessons.deliberation.ui.shared_weight"))
    rounds = widgets.IntSlider(value=3, min=0, max=10, style=style, layout=layout,
                               description=t("lessons.deliberation.ui.rounds"))
    noise = widgets.FloatSlider(value=0.0, min=0, max=0.3, step=0.05, style=style, layout=layout,
                                description=t("lessons.deliberation.ui.noise"))
    seed = widgets.IntText(value=1, style=style, layout=widgets.Layout(width="20em"),
                           description=t("lessons.deliberation.ui.seed"))
    boxes = {rid: widgets.Checkbox(value=True, description=text, indent=False,
                                   layout=widgets.Layout(width="60em"))
             for rid, text in table.reason_labels.items()}
    out = widgets.Output()

    def refresh(_change=None):
        selected = [rid for rid, box in boxes.items() if box.value]
        settings = model.DeliberationSettings(openness=openness.value, shared_weight=weight.value,
                                              rounds=rounds.value, noise=noise.value, seed=seed.value)
        result = model.deliberate(table.profile, model.reason_scores(table.reasons, selected), settings,
                                  table.attachment)
        out.clear_output(wait=True)
        with out:
            display(outcome_frame(table, result))
            before, after = model.spread(table.profile), model.spread(result.final)
            print(t("lessons.deliberation.spread", before=f"{before:.2f}", after=f"{after:.2f}"))
            display(trajectories_chart(table, result))

    for control in (openness, weight, rounds, noise, seed, *boxes.values()):
        control.observe(refresh, names="value")
    refresh()
    reasons_box = widgets.VBox([widgets.HTML(f"<b>{t('lessons.deliberation.ui.reasons')}</b>"),
                                *boxes.values()])
    return widgets.VBox([openness, weight, rounds, noise, seed, reasons_box, out])


def gradient_frame(summary: dict):
    """Votes and shares of a gradient-of-agreement summary, with French level labels."""
    import pandas as pd

    return pd.DataFrame([
        {"niveau": t(f"lessons.gradient.level.{level}"), "rang": i, "votes": summary["votes"][level],
         "part": round(summary["parts"][level], 3)}
        for i, level in enumerate(model.GRADIENT_LEVELS)
    ])


def gradient_chart(summary: dict):
    """Horizontal bars of a gradient of agreement, from full support to a block."""
    import altair as alt

    colours = ["#009E73", "#56B4E9", "#F0E442", "#E69F00", "#D55E00"]
    labels = [t(f"lessons.gradient.level.{level}") for level in model.GRADIENT_LEVELS]
    return (
        alt.Chart(gradient_frame(summary), title=t("lessons.gradient.chart_title"))
        .mark_bar()
        .encode(
            y=alt.Y("niveau:N", sort=labels, title=None),
            x=alt.X("votes:Q", title=t("lessons.gradient.votes"), axis=alt.Axis(tickMinStep=1)),
            color=alt.Color("niveau:N", sort=labels, legend=None, scale=alt.Scale(domain=labels, range=colours)),
            tooltip=["niveau:N", "votes:Q", alt.Tooltip("part:Q", format=".0%")],
        )
        .properties(width=380, height=160)
    )


def gradient_widget(initial: dict | None = None):
    """Count hands on each level of the gradient; the chart and a suggested reading update live."""
    import ipywidgets as widgets
    from IPython.display import display

    initial = initial or {}
    inputs = {level: widgets.BoundedIntText(value=int(initial.get(level, 0)), min=0, max=500,
                                            description=t(f"lessons.gradient.level.{level}"),
                                            style={"description_width": "22em"},
                                            layout=widgets.Layout(width="30em"))
              for level in model.GRADIENT_LEVELS}
    out = widgets.Output()

    def refresh(_change=None):
        summary = model.gradient_summary({level: box.value for level, box in inputs.items()})
        out.clear_output(wait=True)
        with out:
            print(t(f"lessons.gradient.reading.{summary['lecture']}"))
            if summary["total"]:
                display(gradient_chart(summary))

    for box in inputs.values():
        box.observe(refresh, names="value")
    refresh()
    return widgets.VBox([*inputs.values(), out])


def vote_table(votes, statements):
    """The table's votes as the :class:`~ocworkbook.tools.opinions_io.VoteTable` the opinion map reads.

    ``votes`` has ``participant``, ``enonce_id``, ``vote`` (1, -1, 0); ``statements`` has ``enonce_id``, ``texte``.
    """
    import pandas as pd

    from ocworkbook.tools.opinions_io import VoteTable

    matrix = votes.pivot(index="participant", columns="enonce_id", values="vote").astype(float)
    matrix.index = matrix.index.astype(str)
    matrix.columns = matrix.columns.astype(str)
    texts = statements.set_index("enonce_id")["texte"].reindex(matrix.columns).astype(str)
    frame = pd.DataFrame({"text": texts.to_numpy(), "moderated_out": False}, index=matrix.columns)
    return VoteTable(votes=matrix, statements=frame, source="ormeaux_votes")
