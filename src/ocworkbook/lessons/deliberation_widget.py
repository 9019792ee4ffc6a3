"""Thin front end of notebook 04: tidy frames, Altair charts and ipywidgets over :mod:`.deliberation`.

The widgets only collect settings and show results; every computation is in ``deliberation``. The case
file (``datasets/cas/04-ormeaux-deliberation.yml``) holds what an instructor adapts: the simulator's
starting settings, the levels, thresholds and readings of the gradient of agreement with its example,
and the three-person example of a Condorcet cycle.
"""

from __future__ import annotations

from ocworkbook.i18n import t

from . import deliberation as model
from .display import Html, fr_number, summary_html
from .display import Table as FrenchTable

CASE = "04-ormeaux-deliberation"
GRADIENT_COLOURS = ["#009E73", "#56B4E9", "#9A7D0A", "#E69F00", "#D55E00"]


def load_case(root=None):
    """The case file of notebook 04."""
    from .cases import find_case

    return find_case(CASE, root, activity="deliberation")


class DeliberationTable:
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


def scores_frame(table: DeliberationTable):
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
                         "score_affiche": fr_number(score), "part_du_meilleur": round(score / best, 3),
                         "gagnant": t("lessons.deliberation.yes") if option in model.winners(scores)
                         else t("lessons.deliberation.no")})
    return pd.DataFrame(rows)


def scores_chart(table: DeliberationTable):
    """Grouped bars: for each rule, each option's score relative to the winner's."""
    import altair as alt

    frame = scores_frame(table)
    return (
        alt.Chart(frame, title=t("lessons.deliberation.chart.rules_title"))
        .mark_bar()
        .encode(
            y=alt.Y("option:N", title=None, axis=alt.Axis(labelLimit=0)),
            x=alt.X("part_du_meilleur:Q", title=t("lessons.deliberation.chart.share"), axis=alt.Axis(format="%")),
            color=alt.Color("gagnant:N", title=t("lessons.deliberation.chart.winner"),
                            scale=alt.Scale(domain=[t("lessons.deliberation.yes"), t("lessons.deliberation.no")],
                                            range=["#0072B2", "#BBBBBB"])),
            row=alt.Row("regle:N", title=None, header=alt.Header(labelAngle=0, labelAlign="left",
                                                                 labelOrient="top", labelFontWeight="bold")),
            tooltip=[alt.Tooltip("regle:N", title=t("lessons.deliberation.col.rule")),
                     alt.Tooltip("option:N", title=t("lessons.deliberation.col.option")),
                     alt.Tooltip("score_affiche:N", title=t("lessons.deliberation.col.score"))],
        )
        .properties(width=360, height=120)
    )


def trajectories_frame(table: DeliberationTable, result: model.DeliberationResult, case=None):
    """One row per round, actor and option: the actor's utility at that round (sectors named by the case)."""
    import pandas as pd

    sectors = (case or load_case())["secteurs"]
    rows = []
    for round_number, profile in enumerate(result.history):
        for actor, utilities in profile.items():
            sector = table.actor_sectors.get(actor, "")
            for option, value in utilities.items():
                rows.append({"tour": round_number, "acteur": table.actor_labels.get(actor, actor),
                             "secteur": sectors.get(sector, sector),
                             "option": table.label(option),
                             "utilite": value})
    return pd.DataFrame(rows)


def trajectories_chart(table: DeliberationTable, result: model.DeliberationResult):
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
        tooltip=[alt.Tooltip("acteur:N", title=t("lessons.deliberation.col.actor")),
                 alt.Tooltip("option:N", title=t("lessons.deliberation.col.option")),
                 alt.Tooltip("tour:O", title=t("lessons.deliberation.chart.round")),
                 alt.Tooltip("utilite:Q", title=t("lessons.deliberation.chart.utility"), format=".1f")],
    )
    return (
        lines.properties(width=220, height=180)
        .facet(facet=alt.Facet("option:N", title=None, header=alt.Header(labelLimit=0)), columns=2)
        .properties(title=t("lessons.deliberation.chart.trajectories_title"))
    )


def outcome_frame(table: DeliberationTable, result: model.DeliberationResult):
    """Winners under each rule before and after deliberation, with a flag when they differ."""
    import pandas as pd

    outcome = model.compare(table.profile, result)
    rows = []
    for rule in model.RULES:
        before = ", ".join(table.label(o) for o in outcome["avant"][rule]) or t("lessons.deliberation.none")
        after = ", ".join(table.label(o) for o in outcome["apres"][rule]) or t("lessons.deliberation.none")
        rows.append({"regle": t(f"lessons.deliberation.rule.{rule}"), "avant": before, "apres": after,
                     "change": t("lessons.deliberation.yes") if before != after else t("lessons.deliberation.no")})
    return pd.DataFrame(rows, columns=["regle", "avant", "apres", "change"])


def outcome_table(table: DeliberationTable, result: model.DeliberationResult) -> FrenchTable:
    """:func:`outcome_frame` as a French table."""
    return FrenchTable(outcome_frame(table, result), {
        "regle": t("lessons.deliberation.col.rule"), "avant": t("lessons.deliberation.col.before"),
        "apres": t("lessons.deliberation.col.after"), "change": t("lessons.deliberation.col.changed")})


def preferences_table(table: DeliberationTable) -> FrenchTable:
    """One row per member, one column per option: the member's score from 0 to 10."""
    import pandas as pd

    options = model.options_of(table.profile)
    rows = [{"acteur": table.actor_labels.get(a, a), **{o: u[o] for o in options}} for a, u in table.profile.items()]
    columns = {"acteur": t("lessons.deliberation.col.member"), **{o: table.label(o) for o in options}}
    return FrenchTable(pd.DataFrame(rows), columns, decimals=dict.fromkeys(options, 0),
                       caption=t("lessons.deliberation.preferences_caption"))


def rules_table(table: DeliberationTable) -> FrenchTable:
    """Each option's score under plurality, Borda and the sum of preferences, and the Condorcet winner."""
    import pandas as pd

    ranks = model.rankings(table.profile)
    scores = {"pluralite": model.plurality_scores(ranks), "borda": model.borda_scores(ranks),
              "somme": model.utility_sums(table.profile)}
    condorcet = model.condorcet_winner(ranks)
    rows = [{"option": table.label(o), **{rule: scores[rule][o] for rule in scores},
             "condorcet": t("lessons.deliberation.yes") if o == condorcet else t("lessons.deliberation.no")}
            for o in model.options_of(table.profile)]
    columns = {"option": t("lessons.deliberation.col.option"),
               **{rule: t(f"lessons.deliberation.rule.{rule}") for rule in scores},
               "condorcet": t("lessons.deliberation.col.condorcet")}
    return FrenchTable(pd.DataFrame(rows), columns, caption=t("lessons.deliberation.rules_caption"))


def cycle_summary(profile: dict | None = None, case=None) -> Html:
    """The three-person example: no Condorcet winner, and the cycle of majorities written out."""
    profile = profile or (case or load_case())["cycle"]
    ranks = model.rankings(profile)
    winner = model.condorcet_winner(ranks)
    cycle = model.majority_cycle(ranks)
    lines = [t("lessons.deliberation.condorcet_winner", winner=winner or t("lessons.deliberation.none_short"))]
    if cycle:
        beats = " ; ".join(t("lessons.deliberation.beats", a=a, b=b) for a, b in zip(cycle, cycle[1:] + cycle[:1],
                                                                                     strict=True))
        lines.append(t("lessons.deliberation.cycle", steps=beats))
    people = " ; ".join(f"{person} : {' > '.join(order)}" for person, order in ranks.items())
    lines.append(t("lessons.deliberation.rankings", rankings=people))
    return summary_html(lines)


def zero_openness_check(table: DeliberationTable, rounds: int = 5) -> Html:
    """The check that, with no openness, the « deliberation » gives back the initial aggregation."""
    result = model.deliberate(table.profile, model.reason_scores(table.reasons),
                              model.DeliberationSettings(openness=0.0, rounds=rounds), table.attachment)
    same = model.aggregate(result.final) == model.aggregate(table.profile)
    return summary_html([t("lessons.deliberation.zero_check", rounds=rounds,
                           answer=t("lessons.deliberation.yes") if same else t("lessons.deliberation.no"))])


def _choices(low: float, high: float, step: float, decimals: int):
    count = int(round((high - low) / step))
    return [(fr_number(low + i * step, decimals), round(low + i * step, 6)) for i in range(count + 1)]


def _nearest(options, value):
    return min((v for _, v in options), key=lambda v: abs(v - value))


def simulation_widget(table: DeliberationTable, case=None):
    """Menus for the model's settings (each with its name, numbers written the French way), check boxes for
    the reasons on the table, and live results. Starting settings come from the case file."""
    import ipywidgets as widgets
    from IPython.display import display

    start = (case or load_case())["simulation"]
    style = {"description_width": "16em"}
    layout = widgets.Layout(width="28em")

    def menu(key, options, value):
        return widgets.Dropdown(options=options, value=_nearest(options, value), style=style, layout=layout,
                                description=t(f"lessons.deliberation.ui.{key}"))

    openness = menu("openness", _choices(0, 1, 0.05, 2), start["ouverture"])
    weight = menu("shared_weight", _choices(0, 1, 0.05, 2), start["poids_raisons"])
    rounds = menu("rounds", [(str(n), n) for n in range(11)], start["tours"])
    noise = menu("noise", _choices(0, 0.3, 0.05, 2), start["bruit"])
    seed = widgets.BoundedIntText(value=start["graine"], min=0, max=1_000_000, style=style,
                                  layout=widgets.Layout(width="22em"), description=t("lessons.deliberation.ui.seed"))
    boxes = {rid: widgets.Checkbox(value=True, description=text, indent=False,
                                   layout=widgets.Layout(width="100%"))
             for rid, text in table.reason_labels.items()}
    out = widgets.Output()

    def refresh(_change=None):
        selected = [rid for rid, box in boxes.items() if box.value]
        settings = model.DeliberationSettings(openness=openness.value, shared_weight=weight.value,
                                              rounds=int(rounds.value), noise=noise.value, seed=int(seed.value))
        result = model.deliberate(table.profile, model.reason_scores(table.reasons, selected), settings,
                                  table.attachment)
        out.clear_output(wait=True)
        with out:
            display(outcome_table(table, result))
            before, after = model.spread(table.profile), model.spread(result.final)
            display(summary_html([t("lessons.deliberation.spread", before=fr_number(before, 2),
                                    after=fr_number(after, 2))]))
            display(trajectories_chart(table, result))

    for control in (openness, weight, rounds, noise, seed, *boxes.values()):
        control.observe(refresh, names="value")
    refresh()
    reasons_box = widgets.VBox([widgets.HTML(f"<b>{t('lessons.deliberation.ui.reasons')}</b>"),
                                *boxes.values()])
    return widgets.VBox([openness, weight, rounds, noise, seed, reasons_box, out], layout=widgets.Layout(width="100%"))


def gradient_frame(summary: dict, case=None):
    """Votes and shares of a gradient-of-agreement summary, with the case's level labels."""
    import pandas as pd

    labels = (case or load_case())["gradient"]["niveaux"]
    return pd.DataFrame([
        {"niveau": labels[level], "rang": i, "votes": summary["votes"][level],
         "part": round(summary["parts"][level], 3), "part_affichee": f"{fr_number(100 * summary['parts'][level], 0)} %"}
        for i, level in enumerate(model.GRADIENT_LEVELS)
    ])


def gradient_chart(summary: dict, case=None):
    """Horizontal bars of a gradient of agreement, from full support to a block."""
    import altair as alt

    case = case or load_case()
    labels = [case["gradient"]["niveaux"][level] for level in model.GRADIENT_LEVELS]
    return (
        alt.Chart(gradient_frame(summary, case), title=t("lessons.gradient.chart_title"))
        .mark_bar()
        .encode(
            y=alt.Y("niveau:N", sort=labels, title=None, axis=alt.Axis(labelLimit=0)),
            x=alt.X("votes:Q", title=t("lessons.gradient.votes"), axis=alt.Axis(tickMinStep=1, format="d")),
            color=alt.Color("niveau:N", sort=labels, legend=None,
                            scale=alt.Scale(domain=labels, range=GRADIENT_COLOURS)),
            tooltip=[alt.Tooltip("niveau:N", title=t("lessons.gradient.level")),
                     alt.Tooltip("votes:Q", title=t("lessons.gradient.votes")),
                     alt.Tooltip("part_affichee:N", title=t("lessons.gradient.share"))],
        )
        .properties(width=360, height=170)
    )


def gradient_widget(initial: dict | None = None, case=None):
    """Count hands on each level of the gradient; the chart and a suggested reading update live.

    Labels, readings, thresholds and the starting example (``initial`` overrides it) come from the case.
    """
    import ipywidgets as widgets
    from IPython.display import display

    gradient = (case or load_case())["gradient"]
    initial = gradient["exemple"] if initial is None else initial
    inputs = {level: widgets.BoundedIntText(value=int(initial.get(level, 0)), min=0, max=500,
                                            description=gradient["niveaux"][level],
                                            style={"description_width": "22em"},
                                            layout=widgets.Layout(width="30em"))
              for level in model.GRADIENT_LEVELS}
    out = widgets.Output()
    proposal = widgets.HTML(f"<p><b>{t('lessons.gradient.proposal')}</b> « {gradient['proposition']} »</p>")

    def refresh(_change=None):
        summary = model.gradient_summary({level: box.value for level, box in inputs.items()},
                                         reservation_threshold=gradient["seuil_reserves"],
                                         fragile_threshold=gradient["seuil_fragile"])
        out.clear_output(wait=True)
        with out:
            display(summary_html([gradient["lectures"][summary["lecture"]]], t("lessons.gradient.reading_title",
                                                                               n=summary["total"])))
            if summary["total"]:
                display(gradient_chart(summary, case or load_case()))

    for box in inputs.values():
        box.observe(refresh, names="value")
    refresh()
    return widgets.VBox([proposal, *inputs.values(), out], layout=widgets.Layout(width="100%"))


def votes_frame(votes, statements):
    """Share of agreements and disagreements per statement (long format, for a chart and a table)."""
    import pandas as pd

    texts = statements.set_index("enonce_id")["texte"]
    shares = (votes.assign(accord=votes.vote.eq(1), desaccord=votes.vote.eq(-1))
              .groupby("enonce_id")[["accord", "desaccord"]].mean().sort_values("accord", ascending=False))
    rows = []
    for statement, row in shares.iterrows():
        rows.append({"enonce_id": statement, "texte": texts.get(statement, statement),
                     "accord": float(row["accord"]), "desaccord": float(row["desaccord"])})
    return pd.DataFrame(rows, columns=["enonce_id", "texte", "accord", "desaccord"])


def votes_table(votes, statements) -> FrenchTable:
    """The statements from the most to the least agreed with, with their shares of agreement and disagreement."""
    frame = votes_frame(votes, statements)
    percent = {"accord": lambda v: f"{fr_number(100 * v, 0)} %", "desaccord": lambda v: f"{fr_number(100 * v, 0)} %"}
    return FrenchTable(frame, {"enonce_id": t("lessons.deliberation.col.statement_id"),
                               "texte": t("lessons.deliberation.col.statement"),
                               "accord": t("lessons.deliberation.col.agree"),
                               "desaccord": t("lessons.deliberation.col.disagree")}, values=percent,
                       numeric=("accord", "desaccord"))


def votes_chart(votes, statements):
    """Bars of agreement and disagreement per statement (the statement's text in the tooltip)."""
    import altair as alt

    frame = votes_frame(votes, statements)
    order = list(frame["enonce_id"])
    long = frame.melt(id_vars=["enonce_id", "texte"], value_vars=["accord", "desaccord"], var_name="position",
                      value_name="part")
    long["position"] = long["position"].map({"accord": t("lessons.deliberation.col.agree"),
                                             "desaccord": t("lessons.deliberation.col.disagree")})
    return alt.Chart(long, title=t("lessons.deliberation.votes_title")).mark_bar().encode(
        y=alt.Y("enonce_id:N", title=t("lessons.deliberation.col.statement_id"), sort=order),
        x=alt.X("part:Q", title=t("lessons.deliberation.votes_axis"), axis=alt.Axis(format="%")),
        color=alt.Color("position:N", title=None, scale=alt.Scale(range=["#009E73", "#D55E00"])),
        yOffset="position:N",
        tooltip=[alt.Tooltip("texte:N", title=t("lessons.deliberation.col.statement")),
                 alt.Tooltip("position:N", title=t("lessons.deliberation.col.position")),
                 alt.Tooltip("part:Q", title=t("lessons.deliberation.col.share"), format=".0%")],
    ).properties(width=360)


def opinion_summary(opinion_map, top: int = 4) -> Html:
    """What the opinion map found, as sentences: warnings, number of groups, statements that unite them."""
    from html import escape

    parts = [f"<p>⚠ {escape(str(w))}</p>" for w in opinion_map.warnings]
    parts.append(f"<p><b>{escape(t('lessons.deliberation.opinion_groups', n=opinion_map.n_groups))}</b></p>")
    consensus = opinion_map.consensus.get("group_informed", [])[:top]
    if consensus:
        items = "".join(f"<li>{escape(str(row['text']))} <small>({escape(str(row['statement']))})</small></li>"
                        for row in consensus)
        parts.append(f"<p>{escape(t('lessons.deliberation.opinion_consensus'))}</p><ul>{items}</ul>")
    return Html(f"<div class='ocw-summary' style='border-left:5px solid #0072B2;padding:0.3em 0.9em'>"
                f"{''.join(parts)}</div>")


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
