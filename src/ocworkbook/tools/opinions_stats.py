"""Statistics on opinion groups: representative statements and consensus (Polis's published tests).

For statement *j* and group *g*: agree, disagree and seen counts in the group and in the rest of
the conversation; one-proportion tests against 1/2 and two-proportion tests between the group and
the rest, with +1 smoothing, at Polis's one-sided 90 % threshold (z > 1.2816). A statement is
representative of a group when both tests are significant in the same direction; majority
consensus uses the whole conversation; group-informed consensus is the product over groups of
the Laplace-smoothed share of agreement (high only if every group tends to agree). Written from
the description in Small et al. (2021); no Polis code was read or copied.
"""

from __future__ import annotations

Z_90 = 1.2816  # one-sided 90 % threshold used by Polis for representative statements

def prop_test(successes, trials):
    """One-proportion test against 1/2 with +1 smoothing (as described for Polis)."""
    import numpy as np

    return 2 * np.sqrt(trials + 1) * ((successes + 1) / (trials + 1) - 0.5)


def two_prop_test(succ_in, n_in, succ_out, n_out):
    """Two-proportion z-test with +1 added to every count."""
    import numpy as np

    s1, n1, s2, n2 = succ_in + 1, n_in + 1, succ_out + 1, n_out + 1
    p1, p2 = s1 / n1, s2 / n2
    pooled = (s1 + s2) / (n1 + n2)
    spread = np.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    return np.divide(p1 - p2, spread, out=np.zeros_like(p1, dtype=float), where=spread > 0)


def vote_counts(values, groups, n_groups):
    """Arrays (groups × statements) of agree, disagree and seen (any vote) counts."""
    import numpy as np

    agree = np.zeros((n_groups, values.shape[1]))
    disagree = np.zeros_like(agree)
    seen = np.zeros_like(agree)
    for g in range(n_groups):
        block = values[groups == g]
        agree[g] = (block == 1).sum(axis=0)
        disagree[g] = (block == -1).sum(axis=0)
        seen[g] = (~np.isnan(block)).sum(axis=0)
    return agree, disagree, seen


def describe_groups(values, groups, n_groups, statements, top: int = 5):
    """Representative statements per shown group, majority and group-informed consensus."""
    import numpy as np

    ids = list(statements.index)
    texts = statements["text"].tolist()
    agree, disagree, seen = vote_counts(values, groups, n_groups)
    representative = {}
    for g in range(n_groups):
        others = [h for h in range(n_groups) if h != g]
        na, nd, ns = agree[g], disagree[g], seen[g]
        ra_out, rd_out, rs_out = (agree[others].sum(0), disagree[others].sum(0), seen[others].sum(0))
        pa, pd_ = (na + 1) / (ns + 2), (nd + 1) / (ns + 2)
        pat, pdt = prop_test(na, ns), prop_test(nd, ns)
        ra = pa / ((ra_out + 1) / (rs_out + 2))
        rd = pd_ / ((rd_out + 1) / (rs_out + 2))
        rat, rdt = two_prop_test(na, ns, ra_out, rs_out), two_prop_test(nd, ns, rd_out, rs_out)
        is_agree = rat > rdt
        sufficient = ((rat > Z_90) & (pat > Z_90)) | ((rdt > Z_90) & (pdt > Z_90))
        metric = np.where(is_agree, ra * rat * pa * pat, rd * rdt * pd_ * pdt)
        candidates = np.flatnonzero(sufficient & (ns > 0))
        if len(candidates) == 0:
            test = np.where(is_agree, rat, rdt)
            candidates = np.array([int(np.nanargmax(np.where(ns > 0, test, -np.inf)))]) if (ns > 0).any() else []
        ranked = sorted(candidates, key=lambda j: (-bool(is_agree[j]), -metric[j]))[:top]
        representative[str(g)] = [{
            "statement": ids[j], "text": texts[j], "direction": "agree" if is_agree[j] else "disagree",
            "share_in_group": round(float((na[j] if is_agree[j] else nd[j]) / ns[j]), 4) if ns[j] else None,
            "share_elsewhere": (round(float((ra_out[j] if is_agree[j] else rd_out[j]) / rs_out[j]), 4)
                                if rs_out[j] else None),
            "z_group": round(float(pat[j] if is_agree[j] else pdt[j]), 3),
            "z_difference": round(float(rat[j] if is_agree[j] else rdt[j]), 3),
            "votes_in_group": int(ns[j]),
        } for j in ranked]

    total_a, total_d, total_s = agree.sum(0), disagree.sum(0), seen.sum(0)
    consensus = {"agree": [], "disagree": [], "group_informed": []}
    for key, counts in (("agree", total_a), ("disagree", total_d)):
        p = (counts + 1) / (total_s + 2)
        z = prop_test(counts, total_s)
        good = np.flatnonzero((p > 0.5) & (z > Z_90))
        for j in sorted(good, key=lambda j: -p[j] * z[j])[:top]:
            consensus[key].append({"statement": ids[j], "text": texts[j],
                                   "share": round(float(counts[j] / total_s[j]), 4), "z": round(float(z[j]), 3)})
    if n_groups:
        informed = np.prod((agree + 1) / (seen + 2), axis=0)
        for j in np.argsort(-informed, kind="stable")[:top]:
            consensus["group_informed"].append({
                "statement": ids[j], "text": texts[j], "score": round(float(informed[j]), 4),
                "share_by_group": {str(g): (round(float(agree[g, j] / seen[g, j]), 4) if seen[g, j] else None)
                                   for g in range(n_groups)}})
    return representative, consensus
