"""Self-contained HTML reports (tables + charts as inline SVG, no script, no network)."""

from __future__ import annotations

from ..i18n import t
from .outputs import chart_svg, fmt_number, html_page, people_table


def diagnostic_report(result) -> str:
    """Report of a partnership diagnostic."""
    from . import people_tables as tables
    from .charts import diagnostic_chart
    from .diagnostic import summary_fr

    instrument = result.instrument
    blocks = [("text", line) for line in summary_fr(result)]
    blocks += [("warning", w) for w in result.warnings]
    blocks += [("svg", chart_svg(diagnostic_chart(result))), ("h2", t("tools.report.dimensions")),
               ("table", tables.diagnostic_overall(result).to_html())]
    if len(result.gaps):
        blocks += [("h2", t("tools.report.gaps")), ("table", tables.diagnostic_gaps(result).to_html())]
    labels = instrument.scale_labels
    blocks += [("h2", t("tools.report.items")), ("table", tables.diagnostic_items(result).to_html()),
               ("text", t("tools.report.items_note", low=instrument.low, high=instrument.high,
                          low_label=str(labels.get(instrument.low, "")).lower(),
                          high_label=str(labels.get(instrument.high, "")).lower())),
               ("text", t("tools.report.source", source=instrument.source)),
               ("text", tables.diagnostic_settings(result))]
    return html_page(instrument.title, blocks)


def network_report(result, comparison=None, scenario: str | None = None) -> str:
    """Report of a map of concertations; ``scenario`` is the sentence naming the what-if applied."""
    from . import people_tables as tables
    from .charts import network_chart

    blocks = [("svg", chart_svg(network_chart(result))), ("h2", t("tools.report.measures")),
              ("table", tables.network_measures(result.measures).to_html()), ("h2", t("tools.report.actors")),
              ("table", tables.network_actors(result.actors).to_html()), ("text", t("tools.report.actors_note")),
              ("h2", t("tools.report.overlaps")), ("table", tables.network_overlaps(result.overlaps).to_html()),
              ("text", t("tools.report.overlaps_note"))]
    if comparison is not None:
        blocks += [("h2", t("tools.report.what_if"))] + ([("text", scenario)] if scenario else [])
        blocks += [("table", tables.network_comparison(comparison).to_html())]
    return html_page(t("tools.report.network_title"), blocks)


def opinions_report(result) -> str:
    """Report of an opinion map: headline, warnings, map, groups, consensus, audit of Polis's groups."""
    from .charts import opinions_chart
    from .opinions_text import audit_lines, consensus_lines, group_lines

    blocks = [("text", result.headline())]
    blocks += [("warning", w) for w in result.warnings]
    blocks.append(("svg", chart_svg(opinions_chart(result))))
    for title, rows in group_lines(result):
        blocks += [("h2", title)] + [("text", row) for row in rows]
    blocks += [("h2", t("tools.opinions.consensus_title")), ("text", t("tools.opinions.consensus_explained"))]
    blocks += [("text", row) for row in consensus_lines(result)]
    if result.audit:
        blocks += [("h2", t("tools.opinions.audit.title"))] + [("text", row) for row in audit_lines(result)]
    columns = {"k": (t("tools.opinions.k_table.k"), None),
               "silhouette": (t("tools.opinions.k_table.silhouette"), lambda v: fmt_number(v, 2)),
               "above_chance": (t("tools.opinions.k_table.above_chance"), lambda v: fmt_number(v, 2)),
               "stability": (t("tools.opinions.k_table.stability"), lambda v: fmt_number(v, 2))}
    table = people_table(result.silhouettes, columns, numeric=tuple(columns))
    blocks += [("h2", t("tools.opinions.k_table.title")), ("table", table.to_html()),
               ("text", t("tools.opinions.k_table.explained"))]
    return html_page(t("tools.report.opinions_title"), blocks)


def participation_report(result) -> str:
    """Report of a participation audit."""
    from .charts import participation_chart
    from .people_tables import participation_decisions

    blocks = [("text", line) for line in result.summary]
    blocks += [("svg", chart_svg(participation_chart(result))),
               ("table", participation_decisions(result.decisions).to_html())]
    return html_page(t("tools.report.participation_title"), blocks)
