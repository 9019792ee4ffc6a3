"""Thin front end of notebook 06: the comité des Berges promise audit, over :mod:`ocworkbook.tools.participation`.

The learner reads the evidence for each decision and sets the level practised; the audit and its
chart come from the participation tool, so notebook and command line give the same answer.
"""

from __future__ import annotations

from ocworkbook.i18n import t

IAP2_LEVELS = (1, 2, 3, 4, 5)


def level_label(level: int) -> str:
    """French working label of an IAP2 level (unofficial; translations vary)."""
    return t(f"lessons.participation.iap2.{int(level)}")


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


def run_audit(decisions, practised: dict | None = None):
    """Audit of the decisions (an :class:`ocworkbook.tools.participation.Audit`)."""
    from ocworkbook.tools.participation import audit

    return audit(audit_input(decisions, practised))


def evidence_text(row: dict) -> str:
    """One line summarising what was observed for a decision."""
    yes, no = t("lessons.participation.yes"), t("lessons.participation.no")
    return t("lessons.participation.evidence", feedback=yes if row["retour_donne"] else no,
             changed=yes if row["options_modifiees"] else no,
             who=t(f"lessons.participation.who.{row['qui_decide']}"),
             when=t(f"lessons.participation.when.{row['horaire']}"), present=int(row["residents_presents"]))


def audit_widget(decisions):
    """One drop-down per decision (level practised, pre-filled from the data) and a live audit chart."""
    import html

    import ipywidgets as widgets
    from IPython.display import display

    from ocworkbook.tools.charts import participation_chart

    options = [(f"{level} · {level_label(level)}", level) for level in IAP2_LEVELS]
    choosers, rows = {}, []
    for row in decisions.sort_values("ordre").to_dict("records"):
        chooser = widgets.Dropdown(options=options, value=int(row["niveau_pratique"]),
                                   description=t("lessons.participation.ui.practised"),
                                   layout=widgets.Layout(width="24em"))
        choosers[row["decision_id"]] = chooser
        header = widgets.HTML(
            f"<b>{html.escape(row['decision_id'])} · {html.escape(row['decision'])}</b> — "
            f"{html.escape(t('lessons.participation.ui.promised'))} : "
            f"{int(row['niveau_promis'])} · {html.escape(level_label(row['niveau_promis']))}<br>"
            f"<small>{html.escape(evidence_text(row))}</small>")
        rows.append(widgets.VBox([header, chooser]))
    out = widgets.Output()

    def refresh(_change=None):
        result = run_audit(decisions, {key: box.value for key, box in choosers.items()})
        out.clear_output(wait=True)
        with out:
            for line in result.summary:
                print(line)
            display(participation_chart(result))

    for chooser in choosers.values():
        chooser.observe(refresh, names="value")
    refresh()
    return widgets.VBox([*rows, out])


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
            y=alt.Y("libelle:N", sort=alt.SortField("barreau", order="descending"), title=None),
            x=alt.X("barreau:Q", title=t("lessons.participation.ladder_axis"), scale=alt.Scale(domain=[0, 8])),
            color=alt.Color("groupe:N", title=None, sort=order,
                            scale=alt.Scale(domain=order, range=["#D55E00", "#E69F00", "#009E73"])),
            tooltip=["libelle:N", "groupe:N"],
        )
        .properties(width=360, height=260)
    )
