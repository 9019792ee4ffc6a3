"""Self-contained HTML reports (tables + charts as inline SVG, no script, no network)."""

from __future__ import annotations

from ..i18n import t
from .outputs import chart_svg, html_page, table_html


def diagnostic_report(result) -> str:
    """Report of a partnership diagnostic."""
    from .charts import diagnostic_chart
    from .diagnostic import summary_fr

    blocks = [("text", line) for line in summary_fr(result)]
    blocks += [("warning", w) for w in result.warnings]
    blocks += [("svg", chart_svg(diagnostic_chart(result))), ("h2", t("tools.report.dimensions")),
               ("table", table_html(result.overall.drop(columns=["dimension"])))]
    if len(result.gaps):
        blocks += [("h2", t("tools.report.gaps")), ("table", table_html(result.gaps.drop(columns=["dimension"])))]
    blocks += [("h2", t("tools.report.items")), ("table", table_html(result.items)),
               ("text", t("tools.report.source", source=result.instrument.source)),
               ("text", t("tools.report.settings", settings=result.settings))]
    return html_page(result.instrument.title, blocks)


def network_report(result, comparison=None) -> str:
    """Report of a map of concertations."""
    from .charts import network_chart

    blocks = [("svg", chart_svg(network_chart(result))), ("h2", t("tools.report.measures")),
              ("table", table_html(_measures(result.measures))), ("h2", t("tools.report.actors")),
              ("table", table_html(result.actors.drop(columns=["betweenness"]))),
              ("h2", t("tools.report.overlaps")), ("table", table_html(result.overlaps))]
    if comparison is not None:
        blocks += [("h2", t("tools.report.what_if")), ("table", table_html(comparison))]
    return html_page(t("tools.report.network_title"), blocks)


def _measures(measures):
    import pandas as pd

    return pd.DataFrame([{"mesure": t(f"tools.network.measure.{k}"), "valeur": v} for k, v in measures.items()])


def opinions_report(result) -> str:
    """Report of an opinion map: headline, warnings, map, groups, consensus, audit of Polis's groups."""
    import pandas as pd

    from .charts import opinions_chart
    from .opinions_text import audit_lines, consensus_lines, group_lines

    blocks = [("text", result.headline())]
    blocks += [("warning", w) for w in result.warnings]
    blocks.append(("svg", chart_svg(opinions_chart(result))))
    for title, rows in group_lines(result):
        blocks += [("h2", title)] + [("text", row) for row in rows]
    blocks += [("h2", t("tools.opinions.consensus_title"))] + [("text", row) for row in consensus_lines(result)]
    if result.audit:
        blocks += [("h2", t("tools.opinions.audit.title"))] + [("text", row) for row in audit_lines(result)]
    names = {"k": t("tools.opinions.k_table.k"), "silhouette": t("tools.opinions.k_table.silhouette"),
             "above_chance": t("tools.opinions.k_table.above_chance"),
             "stability": t("tools.opinions.k_table.stability")}
    table = result.silhouettes[list(names)].rename(columns=names)
    blocks += [("h2", t("tools.opinions.k_table.title")), ("table", table_html(pd.DataFrame(table)))]
    return html_page(t("tools.report.opinions_title"), blocks)


def participation_report(result) -> str:
    """Report of a participation audit."""
    from .charts import participation_chart

    columns = ["decision", "echelle", "promis", "pratique", "ecart", "ecart_bourque", "statut"]
    blocks = [("text", line) for line in result.summary]
    blocks += [("svg", chart_svg(participation_chart(result))), ("table", table_html(result.decisions[columns]))]
    return html_page(t("tools.report.participation_title"), blocks)
