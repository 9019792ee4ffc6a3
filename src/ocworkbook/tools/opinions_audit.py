"""A second opinion on a Polis report: how the tool's groups compare with Polis's own ``group-id``.

``group-id`` in an export is the last stored state of an incremental computation: votes arrive in
batches, each update starts from the previous axes and groups, and a new number of groups is
adopted only after it wins several updates in a row. It can be older than some votes of the same
file, so it is not a ground truth. The audit gives, on the tool's own projection of the final
votes:

- the agreement (adjusted Rand index) between Polis's groups and the tool's, on the people
  grouped by both;
- the within-group spread (mean squared distance to the group's centre) of Polis's groups, of the
  best k-means grouping with Polis's number of groups, and of the tool's groups;
- how many people Polis grouped that the rule (at least ``min(7, n statements)`` votes) excludes;

and plain-language explanations when Polis's groups cannot be reproduced from the final votes.
"""

from __future__ import annotations

from ..i18n import t, tn
from .outputs import fmt_number

EARLIER_STATE_RATIO = 1.10  # Polis's groups spread more than 10 % beyond the best grouping
EXCLUDED_SHARE = 0.10  # people Polis grouped but the rule excludes: a cause of disagreement from this share
GOOD_AGREEMENT = 0.8
POOR_AGREEMENT = 0.5


def audit_polis_groups(reference, grouped, points, labels, n_votes, threshold: int, seed: int = 0,
                       n_init: int = 10, groupings: dict | None = None) -> dict | None:
    """Compare Polis's groups (``reference``: one float per participant, NaN = none) with the tool's.

    ``grouped`` marks the participants the tool grouped, ``points`` and ``labels`` are theirs (in
    that order), ``n_votes`` counts every participant's votes and ``threshold`` is the vote count
    needed to be grouped; ``groupings`` (k → labels of the grouped participants) are the map's own
    best groupings, reused as the best grouping with Polis's number of groups when it is among
    them. Returns None when the export holds no Polis group at all.
    """
    import numpy as np

    from .opinions_cluster import adjusted_rand_index, best_spread, within_spread

    reference = np.asarray(reference, dtype=float)
    by_polis = ~np.isnan(reference)
    if not by_polis.any():
        return None
    excluded = by_polis & ~grouped
    few_votes = int((excluded & (np.asarray(n_votes) < threshold)).sum())
    only_ours = int((grouped & ~by_polis).sum())
    both = by_polis[grouped]
    polis_labels = reference[grouped][both].astype(int)
    our_labels = np.asarray(labels)[both]
    shared = points[both]
    k_polis = len(np.unique(polis_labels))
    k_ours = len(np.unique(labels))
    ari = adjusted_rand_index(polis_labels, our_labels) if both.sum() >= 2 else None
    polis_spread = within_spread(shared, polis_labels) if both.sum() else None
    start = groupings[k_polis][both] if groupings and k_polis in groupings else None
    best = best_spread(shared, k_polis, np.random.default_rng(seed), n_init, start) if k_polis >= 2 else None
    ratio = polis_spread / best if best else None
    audit = {"compared": int(both.sum()), "ari": None if ari is None else round(ari, 4),
             "polis_groups": k_polis, "our_groups": k_ours,
             "polis_spread": _round(polis_spread), "best_spread_same_k": _round(best),
             "our_spread": _round(within_spread(shared, our_labels) if both.sum() else None),
             "spread_ratio": _round(ratio), "polis_grouped": int(by_polis.sum()),
             "polis_grouped_excluded": int(excluded.sum()), "excluded_few_votes": few_votes,
             "grouped_not_by_polis": only_ours, "min_votes": int(threshold),
             "earlier_state": bool(ratio is not None and ratio > EARLIER_STATE_RATIO)}
    audit["explanations"] = explain(audit)
    return audit


def _round(value):
    return None if value is None else round(float(value), 4)


def explain(audit: dict) -> list[str]:
    """The audit in plain sentences (current language), the reason for a disagreement first."""
    lines = [t("tools.opinions.audit.what")]
    if audit["ari"] is not None:
        lines.append(t("tools.opinions.audit.agreement", ari=fmt_number(audit["ari"], 2),
                       n=fmt_number(audit["compared"], 0), k_polis=tn("tools.opinions.n_groups", audit["polis_groups"]),
                       k_ours=tn("tools.opinions.n_groups", audit["our_groups"])))
    if audit["best_spread_same_k"] is not None:
        lines.append(t("tools.opinions.audit.spread", polis=fmt_number(audit["polis_spread"], 2),
                       k_polis=audit["polis_groups"], best=fmt_number(audit["best_spread_same_k"], 2),
                       ratio=fmt_number(audit["spread_ratio"], 2), ours=fmt_number(audit["our_spread"], 2)))
    explained = False
    if audit["earlier_state"]:
        lines.append(t("tools.opinions.audit.earlier_state", ratio=fmt_number(audit["spread_ratio"], 1)))
        explained = True
    if audit["excluded_few_votes"] >= EXCLUDED_SHARE * audit["polis_grouped"]:
        lines.append(t("tools.opinions.audit.excluded", n=fmt_number(audit["excluded_few_votes"], 0),
                       threshold=audit["min_votes"]))
        explained = True
    elif audit["excluded_few_votes"]:
        lines.append(t("tools.opinions.audit.excluded_few", n=fmt_number(audit["excluded_few_votes"], 0),
                       threshold=audit["min_votes"]))
    if audit["grouped_not_by_polis"]:
        lines.append(t("tools.opinions.audit.newcomers", n=fmt_number(audit["grouped_not_by_polis"], 0)))
    if audit["ari"] is not None and not explained:
        if audit["ari"] >= GOOD_AGREEMENT:
            lines.append(t("tools.opinions.audit.reproduced"))
        elif audit["ari"] < POOR_AGREEMENT:
            lines.append(t("tools.opinions.audit.unexplained"))
        else:
            lines.append(t("tools.opinions.audit.partly"))
    return lines
