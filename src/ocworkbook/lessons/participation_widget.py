"""Thin front end of notebook 06: the comité des Berges promise audit, over :mod:`ocworkbook.tools.participation`.

The learner reads the evidence for each decision and sets the level practised; the audit comes from the
participation tool, so notebook and command line give the same answer. The case's texts (labels of the
dataset's codes, the committee's size, the working names of the IAP2 levels) are in
``datasets/cas/06-berges.yml``. « Enregistrer mon audit » records the learner's levels for the workshop
aggregation notebook (:mod:`ocworkbook.activities`).
"""

from __future__ import annotations

from ocworkbook.charts import NARROW_WIDTH
from ocworkbook.i18n import t

from .display import Table, yes_no

IAP2_LEVELS = (1, 2, 3, 4, 5)
CASE = "06-berges"
ACTIVITY = "06-audit-berges"
NOTEBOOK = "06-participation-citoyenne"


def load_case(root=None):
    """The case file of notebook 06."""
    from .cases import find_case

    return find_case(CASE, root, activity="participation")


def level_label(level: int, case=None) -> str:
    """French working label of an IAP2 level (unofficial; translations vary), from the case file."""
    return (case or load_case())["iap2"][str(int(level))]


def audit_input(decisions, practised: dict | None = None):
    """The frame :func:`ocworkbook.tools.participation.audit` reads, on the IAP2 scale.

    ``practised`` overrides the practised level of some decisions (``decision_id`` → level 1–5).
    """
    import pandas as pd

    practised = practised or {}
    rows = []
    for row in decisions.sort_values("ordre").to_dict("records"):
        level = int(practised.get(row["decision_id"], row["niveau_pratique"]))
        if level not in IAP2_LEVELS:
            raise ValueError(f"niveau hors de l'échelle : {level}")
        rows.append({"decision": f"{row['decision_id']} · {row['decision']}", "echelle": "iap2",
                     "promis_niveau": int(row["niveau_promis"]), "pratique_niveau": level})
    return pd.DataFrame(rows)


def run_audit(decisions, practised: dict | None = None, case=None):
    """Audit of the decisions (an :class:`ocworkbook.tools.participation.Audit`), with French level names."""
    from ocworkbook.tools.participation import audit

    case = case or load_case()
    frame = audit_input(decisions, practised)
    result = audit(frame)
    result.decisions["promis"] = [level_label(v, case) for v in frame["promis_niveau"]]
    result.decisions["pratique"] = [level_label(v, case) for v in frame["pratique_niveau"]]
    return result


def audit_summary(result) -> list[str]:
    """The audit in a few French sentences (level names from the case file)."""
    counts = result.counts
    lines = [t("tools.participation.summary_counts", n=len(result.decisions), kept=counts["tenu"],
               below=counts["en_deca"], above=counts["au_dela"])]
    below = result.decisions[result.decisions["statut"] == "en_deca"]
    if len(below):
        worst = below.sort_values(["ecart_bourque", "ecart"]).iloc[0]
        lines.append(t("lessons.participation.worst", decision=worst["decision"], promised=worst["promis"],
                       practised=worst["pratique"]))
        slid = int((below["ecart_bourque"] < 0).sum())
        if slid:
            lines.append(t("tools.participation.summary_bourque", n=slid))
    else:
        lines.append(t("tools.participation.summary_all_kept"))
    lines.append(t("lessons.participation.note"))
    return lines


def evidence_text(row: dict, case=None) -> str:
    """One line summarising what was observed for a decision."""
    case = case or load_case()
    return t("lessons.participation.evidence", feedback=yes_no(row["retour_donne"]),
             changed=yes_no(row["options_modifiees"]), who=case["qui_decide"].get(row["qui_decide"], row["qui_decide"]),
             when=case["horaire"].get(row["horaire"], row["horaire"]), present=int(row["residents_presents"]),
             total=case["residents"])


def decisions_table(decisions, case=None) -> Table:
    """The case's decisions with French headers, level names and readable codes."""
    case = case or load_case()

    def level(value):
        return f"{int(value)} · {level_label(value, case)}"

    return Table(decisions.sort_values("ordre"), {
        "decision_id": t("lessons.participation.col.id"), "decision": t("lessons.participation.col.decision"),
        "niveau_promis": t("lessons.participation.col.promised"),
        "niveau_pratique": t("lessons.participation.col.practised"),
        "retour_donne": t("lessons.participation.col.feedback"), "qui_decide": t("lessons.participation.col.who"),
        "horaire": t("lessons.participation.col.when")},
        values={"niveau_promis": level, "niveau_pratique": level, "retour_donne": yes_no,
                "qui_decide": case["qui_decide"], "horaire": case["horaire"]})


def gap_by_schedule(decisions, case=None) -> Table:
    """Mean gap (practised − promised, in IAP2 levels) and number of decisions, by meeting schedule."""
    case = case or load_case()
    gaps = (decisions.assign(ecart=decisions.niveau_pratique - decisions.niveau_promis)
            .groupby("horaire", as_index=False).ecart.agg(ecart_moyen="mean", decisions="count"))
    return Table(gaps, {"horaire": t("lessons.participation.col.when"),
                        "ecart_moyen": t("lessons.participation.col.mean_gap"),
                        "decisions": t("lessons.participation.col.count")},
                 values={"horaire": case["horaire"]}, decimals={"ecart_moyen": 2})


class AuditWidget:
    """One menu per decision (level practised, pre-filled from the data), a live audit and its chart.

    :attr:`choosers` maps each decision to its menu; :meth:`save` records the learner's levels.
    """

    def __init__(self, decisions, case=None, log=None):
        import html

        import ipywidgets as widgets

        self.case = case or load_case()
        self.decisions, self.log = decisions, log
        options = [(f"{level} · {level_label(level, self.case)}", level) for level in IAP2_LEVELS]
        self.choosers, rows = {}, []
        for row in decisions.sort_values("ordre").to_dict("records"):
            chooser = widgets.Dropdown(options=options, value=int(row["niveau_pratique"]),
                                       description=t("lessons.participation.ui.practised_for", id=row["decision_id"]),
                                       style={"description_width": "initial"}, layout=widgets.Layout(width="30em"))
            self.choosers[row["decision_id"]] = chooser
            header = widgets.HTML(
                f"<b>{html.escape(row['decision_id'])} · {html.escape(row['decision'])}</b> — "
                f"{html.escape(t('lessons.participation.ui.promised'))} : "
                f"{int(row['niveau_promis'])} · {html.escape(level_label(row['niveau_promis'], self.case))}<br>"
                f"<small>{html.escape(evidence_text(row, self.case))}</small>")
            rows.append(widgets.VBox([header, chooser], layout=widgets.Layout(margin="0 0 0.4em 0")))
        self.save_button = widgets.Button(description=t("lessons.participation.ui.save"), icon="save",
                                          layout=widgets.Layout(width="auto"))
        self.message = widgets.HTML()
        self.out = widgets.Output()
        self.result = None
        for chooser in self.choosers.values():
            chooser.observe(self.refresh, names="value")
        self.save_button.on_click(lambda _b: self.save())
        self.widget = widgets.VBox([*rows, widgets.HBox([self.save_button]), self.message, self.out],
                                   layout=widgets.Layout(width="100%"))
        self.refresh()

    def levels(self) -> dict[str, int]:
        return {key: int(box.value) for key, box in self.choosers.items()}

    def refresh(self, _change=None):
        from IPython.display import display

        from ocworkbook.tools.charts import participation_chart

        from .display import summary_html

        self.result = run_audit(self.decisions, self.levels(), self.case)
        self.out.clear_output(wait=True)
        with self.out:
            display(summary_html(audit_summary(self.result)))
            display(participation_chart(self.result).properties(width=NARROW_WIDTH))

    def save(self) -> dict:
        """Record the learner's audit (level practised per decision) for the workshop aggregation."""
        from ocworkbook.activities import record

        entry = record(ACTIVITY, self.levels(), notebook=NOTEBOOK, log=self.log)
        self.message.value = f"<p>{t('lessons.participation.saved', n=len(self.choosers))}</p>"
        return entry

    def _ipython_display_(self):
        from IPython.display import display

        display(self.widget)


def audit_widget(decisions, case=None) -> AuditWidget:
    """The audit of notebook 06 (displays itself as the last value of a cell)."""
    return AuditWidget(decisions, case)


def ladder_frame():
    """Arnstein's eight rungs with their group, for a chart (French labels vary between sources)."""
    import pandas as pd

    groups = {1: "non_participation", 2: "non_participation", 3: "symbolique", 4: "symbolique", 5: "symbolique",
              6: "pouvoir", 7: "pouvoir", 8: "pouvoir"}
    return pd.DataFrame([{"barreau": rung, "libelle": f"{rung}. {t(f'lessons.participation.arnstein.{rung}')}",
                          "groupe": t(f"lessons.participation.group.{groups[rung]}")} for rung in range(1, 9)])


def ladder_chart():
    """Arnstein's ladder drawn as stacked rungs, coloured by group."""
    import altair as alt

    frame = ladder_frame()
    order = list(frame.groupe.drop_duplicates())
    return (
        alt.Chart(frame, title=t("lessons.participation.ladder_title"))
        .mark_bar(height=22)
        .encode(
            y=alt.Y("libelle:N", sort=alt.SortField("barreau", order="descending"), title=None,
                    axis=alt.Axis(labelLimit=0)),
            x=alt.X("barreau:Q", title=t("lessons.participation.ladder_axis"), scale=alt.Scale(domain=[0, 8]),
                    axis=alt.Axis(format="d", tickCount=8)),
            color=alt.Color("groupe:N", title=None, sort=order,
                            scale=alt.Scale(domain=order, range=["#D55E00", "#E69F00", "#009E73"])),
            tooltip=[alt.Tooltip("libelle:N", title=t("lessons.participation.rung")),
                     alt.Tooltip("groupe:N", title=t("lessons.participation.group_title"))],
        )
        .properties(width=360, height=260)
    )


def check_workbook(root) -> list:
    """Cross-check for ``validate``: every code of ``berges_decisions`` has a label in the case file."""
    from ocworkbook.data import load
    from ocworkbook.errors import BankError, WorkbookError

    try:
        case = load_case(root)
        decisions = load("berges_decisions", root)
    except WorkbookError:
        return []
    problems = []
    for column, field in (("qui_decide", "qui_decide"), ("horaire", "horaire")):
        for value in sorted(set(decisions[column].astype(str)) - set(case[field])):
            problems.append(BankError(t("lessons.check.unlabelled", value=value, column=column, field=field),
                                      path=case.path, line=case.lines.get(field)))
    return problems

