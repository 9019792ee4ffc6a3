"""The opinion map as sentences (current language): shared by the CLI, the HTML report and the widget."""

from __future__ import annotations

from ..i18n import t
from .outputs import fmt_number, fmt_percent


def group_lines(result) -> list[tuple[str, list[str]]]:
    """``(group title with its size, [one line per representative statement])`` for each shown group."""
    sizes = result.group_sizes()
    blocks = []
    for group, rows in result.representative.items():
        title = t("tools.opinions.group_title", n=int(group) + 1, size=fmt_number(sizes.get(group, 0), 0))
        lines = []
        for row in rows:
            word = t("tools.opinions.agree" if row["direction"] == "agree" else "tools.opinions.disagree")
            lines.append(f"[{row['statement']}] {word} {fmt_percent(row['share_in_group'])} — {row['text']}")
        blocks.append((title, lines))
    return blocks


def consensus_lines(result) -> list[str]:
    """Group-informed consensus, one statement a line."""
    lines = []
    for row in result.consensus["group_informed"]:
        shares = " · ".join(t("tools.opinions.consensus_share", share=fmt_percent(share), n=int(group) + 1)
                            for group, share in row["share_by_group"].items())
        lines.append(t("tools.opinions.consensus_line", statement=row["statement"], shares=shares,
                       score=fmt_number(row["score"], 2), text=row["text"]))
    return lines


def audit_lines(result) -> list[str]:
    """The comparison with Polis's own groups, in plain sentences (empty without ``group-id``)."""
    return list(result.audit["explanations"]) if result.audit else []


def text_report(result) -> str:
    """Everything the CLI prints: headline, warnings, groups, consensus, audit of Polis's groups."""
    lines = [result.headline()]
    lines += ["⚠ " + warning for warning in result.warnings]
    for title, rows in group_lines(result):
        lines += ["", title] + ["  " + row for row in rows]
    lines += ["", t("tools.opinions.consensus_title"), t("tools.opinions.consensus_explained")]
    lines += ["  " + row for row in consensus_lines(result)]
    if result.audit:
        lines += ["", t("tools.opinions.audit.title")] + ["  " + row for row in audit_lines(result)]
    return "\n".join(lines)
