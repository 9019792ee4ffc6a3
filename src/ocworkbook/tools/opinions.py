"""Opinion map: the Polis method, reimplemented from its published description, with safeguards.

Pipeline (Small et al. 2021 and the description in ``research/practice-tools.md`` §1.3–1.5; no
Polis code was read or copied):

1. votes coded +1 agree, −1 disagree, 0 pass, NaN unseen; moderated-out statements left out;
2. participants with at least ``min(7, n_statements)`` votes are clustered; if fewer than 15
   qualify, the most active voters are added up to 15;
3. missing votes imputed with the statement's mean, then centred — which is the same as putting 0
   in every unseen cell of the centred matrix, so the centred matrix keeps the sparsity of the votes;
4. PCA, two components (eigenvectors of the statement × statement covariance);
5. each participant projected from the statements they voted on; optional Polis sparsity scaling
   ``sqrt(n_statements / n_votes)`` (see *Choices* below);
6. k-means on the 2-D points: up to 100 "base clusters", then weighted k-means of their centres for
   k = 2 … ``min(5, 2 + n_base // 12)``, k chosen by silhouette;
7. representative statements per group (smoothed proportions, one- and two-proportion z-tests,
   threshold z > 1.2816), majority consensus and group-informed consensus (product over groups of
   the Laplace-smoothed agreement).

Safeguards Polis does not have: everything is seeded (same data + same seed = same result);
``stability`` is the mean adjusted Rand index between the grouping of everyone and the groupings
of random 80 % subsamples of participants (each recomputed from the votes: means, PCA, clusters);
the choice of k uses the same subsamples (the smallest k whose mean silhouette is within one
standard error of the best, instead of Polis's "4 consecutive wins" which needs a live
conversation); a warning is given below 50 clustered participants (Polis's FAQ says it is not
made for fewer than 50 to 100 people) and when stability is below 0.8; a group smaller than the
minimum size is never shown (its members get ``None``).

Choices, measured on the two real Polis samples in ``../shared/data/polis`` (see the tests):
the sparsity scaling is off by default. With it, the grouping of ``15-per-hour-seattle`` changes
with the k-means seed and is not reproducible under resampling (stability about 0.6 to 0.7);
without it, stability is above 0.9 and the groups agree with Polis's own at ARI > 0.9.
``scaling="polis"`` restores it.

Why numpy and scikit-learn: the centred matrix is handled as a scipy sparse matrix when most cells
are unseen (a 10,000 × 1,000 conversation with 10 % of cells voted fits in a few megabytes), the
two axes come from a symmetric eigen-solver on the small statement × statement covariance, and the
base clusters use scikit-learn's compiled k-means; the k-means of ≤ 100 weighted centres for
k ≤ 5 is a few lines of numpy (faster than scikit-learn's overhead at that size).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import DataError
from ..i18n import t
from .privacy import DEFAULT_MIN_GROUP, check_min_group

Z_90 = 1.2816  # one-sided 90 % threshold used by Polis for representative statements
SMALL_CONVERSATION = 50
STABILITY_THRESHOLD = 0.8


@dataclass
class OpinionMap:
    """Result of :func:`opinion_map`; every table is a pandas object, ``to_dict`` gives the JSON."""

    groups: object  # Series participant id → group number (Int64, <NA> = not clustered or hidden)
    n_groups: int
    stability: float | None
    points: object  # DataFrame of clustered participants: x, y, n_votes, group
    silhouettes: object  # DataFrame k, silhouette (full data), mean and standard error over subsamples
    representative: dict
    consensus: dict
    warnings: list = field(default_factory=list)
    settings: dict = field(default_factory=dict)
    hidden_groups: int = 0

    def to_dict(self) -> dict:
        """Plain JSON-ready dictionary (participant ids as strings, groups as int or None)."""
        import pandas as pd

        participants = {str(p): (None if pd.isna(g) else int(g)) for p, g in self.groups.items()}
        return {
            "participants": participants,
            "groups": self.n_groups,
            "stability": None if self.stability is None else round(float(self.stability), 4),
            "representative": self.representative,
            "consensus": self.consensus,
            "group_sizes": {str(k): int(v) for k, v in self.points["group"].dropna().astype(int)
                            .value_counts().sort_index().items()},
            "hidden_groups": self.hidden_groups,
            "silhouette": [{k: (None if pd.isna(v) else float(v) if k != "k" else int(v)) for k, v in row.items()}
                           for row in self.silhouettes.to_dict("records")],
            "warnings": list(self.warnings),
            "settings": dict(self.settings),
        }


# ---------------------------------------------------------------- selection and axes


def select_participants(n_votes, n_statements: int, min_votes: int = 7, greedy: int = 15):
    """Boolean mask of participants to cluster (Polis's rule, greedy completion up to ``greedy``)."""
    import numpy as np

    n_votes = np.asarray(n_votes)
    chosen = n_votes >= min(min_votes, n_statements)
    if chosen.sum() < greedy:
        order = np.argsort(-n_votes, kind="stable")
        extra = [i for i in order if n_votes[i] > 0][:greedy]
        chosen[extra] = True
    return chosen


def centred_matrix(values):
    """Centre each statement on its mean over voters; unseen cells become 0 (= mean imputation).

    Returns ``(matrix, means, observed_counts)``; ``matrix`` is a scipy CSR matrix when fewer than
    30 % of the cells are voted, else a dense array.
    """
    import numpy as np
    from scipy import sparse

    observed = ~np.isnan(values)
    per_participant = observed.sum(axis=1)
    if observed.mean() < 0.3:
        rows, cols = np.nonzero(observed)
        del observed
        data = values[rows, cols]
        counts = np.bincount(cols, minlength=values.shape[1])
        sums = np.bincount(cols, weights=data, minlength=values.shape[1])
        means = np.divide(sums, counts, out=np.zeros(values.shape[1]), where=counts > 0)
        data -= means[cols]
        return sparse.csr_matrix((data, (rows, cols)), shape=values.shape), means, per_participant
    counts = observed.sum(axis=0)
    sums = np.where(observed, values, 0.0).sum(axis=0)
    means = np.divide(sums, counts, out=np.zeros(values.shape[1]), where=counts > 0)
    return np.where(observed, values - means, 0.0), means, per_participant


def principal_basis(matrix, rank: int = 20, seed: int = 0):
    """Leading right singular vectors (statements × ``rank``) of the centred matrix, largest first.

    Exact (eigen-decomposition of the statement covariance) for a dense matrix; for a sparse one,
    scikit-learn's seeded randomized SVD (5 power iterations, QR-normalised), which agrees with the
    exact axes to many digits when the leading axes stand out, and never densifies the matrix. The sign of each axis is
    fixed (largest loading positive) so that charts do not flip between runs.
    """
    import numpy as np
    from scipy import sparse

    rank = max(2, min(rank, min(matrix.shape) - 1 if min(matrix.shape) > 2 else 2))
    if not sparse.issparse(matrix):
        from scipy.linalg import eigh

        size = matrix.shape[1]
        _, vectors = eigh(matrix.T @ matrix, subset_by_index=[size - rank, size - 1])
        vectors = vectors[:, ::-1]
    else:
        from sklearn.utils.extmath import randomized_svd

        _, _, vt = randomized_svd(matrix, n_components=rank, n_iter=5, power_iteration_normalizer="QR",
                                  random_state=seed)
        vectors = vt.T
    signs = np.sign(vectors[np.abs(vectors).argmax(axis=0), np.arange(vectors.shape[1])])
    return vectors * np.where(signs == 0, 1, signs)


def project(coordinates, n_votes, n_statements: int, scaling: str = "none"):
    """2-D coordinates (votes × axes, unseen cells counting 0), optionally with Polis's scaling."""
    import numpy as np

    points = np.asarray(coordinates, dtype=float)
    if scaling == "polis":
        points = points * np.sqrt(n_statements / np.maximum(n_votes, 1))[:, None]
    elif scaling != "none":
        raise ValueError(f"scaling must be 'none' or 'polis', not {scaling!r}")
    return points


# ---------------------------------------------------------------- clustering


def _weighted_kmeans(points, weights, k: int, rng, n_init: int = 10, iterations: int = 100):
    """Weighted k-means (k-means++ starts), ``n_init`` runs at once; labels of the best run.

    Vectorised over the runs: the points are at most a hundred base-cluster centres, so every
    array here is tiny and one numpy pass serves all runs.
    """
    import numpy as np

    n = len(points)
    share = weights / weights.sum()
    first = np.searchsorted(np.cumsum(share), rng.random(n_init) * (1 - 1e-12))
    centres = points[np.minimum(first, n - 1)][:, None, :]  # runs × chosen × 2
    for _ in range(1, k):
        d2 = ((points[None, :, None, :] - centres[:, None, :, :]) ** 2).sum(-1).min(axis=2) * weights
        cumulative = np.cumsum(d2, axis=1)
        totals = cumulative[:, -1]
        draws = rng.random(n_init) * totals
        picks = np.array([np.searchsorted(cumulative[r], draws[r], side="right") for r in range(n_init)])
        centres = np.concatenate([centres, points[np.minimum(picks, n - 1)][:, None, :]], axis=1)
    labels = None
    for _ in range(iterations):
        d2 = ((points[None, :, None, :] - centres[:, None, :, :]) ** 2).sum(-1)  # runs × n × k
        new = d2.argmin(axis=2)
        if labels is not None and (new == labels).all():
            break
        labels = new
        onehot = (labels[:, :, None] == np.arange(k)) * weights[None, :, None]  # runs × n × k
        mass = onehot.sum(axis=1)  # runs × k
        sums = np.einsum("rnk,nd->rkd", onehot, points)
        centres = np.where(mass[:, :, None] > 0, sums / np.maximum(mass, 1e-300)[:, :, None], centres)
    inertia = (np.take_along_axis(d2, labels[:, :, None], axis=2)[:, :, 0] * weights).sum(axis=1)
    complete = np.array([len(np.unique(row)) == k for row in labels])
    if not complete.any():
        return None
    best = int(np.argmin(np.where(complete, inertia, np.inf)))
    return labels[best]


def _base_kmeans(points, n_base: int, rng, iterations: int = 20):
    """Plain k-means with ``n_base`` centres on 2-D points (random distinct start), in numpy.

    Distances come from one small matrix product per iteration, so 10,000 points × 100 centres
    take a few milliseconds per iteration.
    """
    import numpy as np

    n = len(points)
    norms = (points ** 2).sum(axis=1)
    chosen = rng.choice(n, size=n_base, replace=False)
    centres = points[chosen].copy()
    labels = None
    for _ in range(iterations):
        d2 = norms[:, None] - 2 * points @ centres.T + (centres ** 2).sum(axis=1)[None, :]
        new = d2.argmin(axis=1)
        if labels is not None and (new == labels).all():
            break
        labels = new
        mass = np.bincount(labels, minlength=n_base)
        for d in range(points.shape[1]):
            total = np.bincount(labels, weights=points[:, d], minlength=n_base)
            centres[:, d] = np.where(mass > 0, total / np.maximum(mass, 1), centres[:, d])
    return labels, centres


def _silhouette(points, labels) -> float:
    import numpy as np

    if labels is None or len(np.unique(labels)) < 2:
        return float("nan")
    from sklearn.metrics import silhouette_score

    return float(silhouette_score(points, labels))


def cluster_points(points, seed: int, max_groups: int = 5, n_base: int = 100):
    """Base clusters, then groups for every k; returns ``(base_labels, {k: group of each base}, {k: silhouette})``.

    Participants with identical positions share a base cluster; base centres are clustered with
    weights equal to their sizes, as Polis does.
    """
    import numpy as np

    rng = np.random.default_rng(seed)
    unique, inverse = np.unique(np.round(points, 10), axis=0, return_inverse=True)
    inverse = inverse.ravel()
    if len(unique) > n_base:
        base_labels, centres = _base_kmeans(points, n_base, rng)
    else:
        base_labels, centres = inverse, unique
    weights = np.bincount(base_labels, minlength=len(centres)).astype(float)
    keep = weights > 0
    if not keep.all():
        remap = np.cumsum(keep) - 1
        base_labels, centres, weights = remap[base_labels], centres[keep], weights[keep]
    k_max = min(max_groups, 2 + len(centres) // 12, len(centres) - 1)
    by_k, silhouettes = {}, {}
    for k in range(2, k_max + 1):
        labels = _weighted_kmeans(centres, weights, k, rng)
        if labels is None:
            continue
        by_k[k] = labels
        silhouettes[k] = _silhouette(centres, labels)
    return base_labels, by_k, silhouettes


# ---------------------------------------------------------------- the whole pipeline


def _groups_for_every_k(points, seed, max_groups):
    base_labels, by_k, silhouettes = cluster_points(points, seed, max_groups)
    return {k: groups[base_labels] for k, groups in by_k.items()}, silhouettes


def _resampled_points(scores, n_votes, subset, n_statements, scaling):
    """Axes recomputed on a subsample, inside the leading subspace of the whole conversation."""
    import numpy as np

    block = scores[subset] - scores[subset].mean(axis=0)
    _, vectors = np.linalg.eigh(block.T @ block)
    return project(block @ vectors[:, ::-1][:, :2], n_votes[subset], n_statements, scaling)


def opinion_map(table, *, seed: int = 0, min_group: int = DEFAULT_MIN_GROUP, min_votes: int = 7,
                max_groups: int = 5, resamples: int | None = None, scaling: str = "none") -> OpinionMap:
    """Compute the opinion map of a :class:`~ocworkbook.tools.opinions_io.VoteTable`.

    ``resamples`` (subsamples used for stability and for the choice of k) defaults to 20 below
    1,000 clustered participants and 10 above, where each subsample already holds 800 people.
    """
    import numpy as np
    import pandas as pd
    from sklearn.metrics import adjusted_rand_score

    min_group = check_min_group(min_group)
    kept = ~table.statements["moderated_out"].reindex(table.votes.columns).fillna(False).to_numpy(bool)
    votes = table.votes if kept.all() else table.votes.loc[:, kept]
    if votes.shape[1] < 2:
        raise DataError(t("tools.opinions.too_few_statements", n=votes.shape[1]), path=table.source)
    values = votes.to_numpy(float)
    n_votes_all = (~np.isnan(values)).sum(axis=1)
    chosen = select_participants(n_votes_all, votes.shape[1], min_votes)
    if chosen.sum() < 4:
        raise DataError(t("tools.opinions.too_few_participants", n=int(chosen.sum())), path=table.source)
    clustered = values[chosen]
    matrix, _, n_votes = centred_matrix(clustered)
    scores = np.asarray(matrix @ principal_basis(matrix, seed=seed))
    points = project(scores[:, :2], n_votes, clustered.shape[1], scaling)
    labels, silhouettes = _groups_for_every_k(points, seed, max_groups)
    if not labels:
        raise DataError(t("tools.opinions.too_few_participants", n=int(chosen.sum())), path=table.source)

    if resamples is None:
        resamples = 20 if len(clustered) < 1000 else 10
    rng = np.random.default_rng(seed)
    size = max(4, int(round(0.8 * len(clustered))))
    samples = []
    for b in range(resamples if len(clustered) >= 8 else 0):
        subset = np.sort(rng.choice(len(clustered), size=size, replace=False))
        sub_points = _resampled_points(scores, n_votes, subset, clustered.shape[1], scaling)
        sub_labels, sub_sil = _groups_for_every_k(sub_points, seed + 1 + b, max_groups)
        samples.append((subset, sub_labels, sub_sil))

    ks = sorted(labels)
    rows = []
    for k in ks:
        values_k = [s[2].get(k, np.nan) for s in samples]
        values_k = np.array([v for v in values_k if not np.isnan(v)])
        mean = float(values_k.mean()) if len(values_k) else silhouettes[k]
        se = float(values_k.std(ddof=1) / np.sqrt(len(values_k))) if len(values_k) > 1 else 0.0
        rows.append({"k": k, "silhouette": silhouettes[k], "resampled_mean": mean, "resampled_se": se})
    table_k = pd.DataFrame(rows)
    best = table_k.loc[table_k["resampled_mean"].idxmax()]
    eligible = table_k[table_k["resampled_mean"] >= best["resampled_mean"] - best["resampled_se"]]
    k = int(eligible["k"].min())
    chosen_labels = labels[k]

    stability = None
    agreements = [adjusted_rand_score(chosen_labels[subset], sub_labels[k])
                  for subset, sub_labels, _ in samples if k in sub_labels]
    if agreements:
        stability = float(np.clip(np.mean(agreements), 0.0, 1.0))

    sizes = np.bincount(chosen_labels, minlength=k)
    order = [g for g in np.argsort(-sizes, kind="stable") if sizes[g] >= min_group]
    renumber = {int(old): new for new, old in enumerate(order)}
    group_of_clustered = np.array([renumber.get(int(g), -1) for g in chosen_labels])
    hidden = int(k - len(order))

    ids = votes.index.astype(str)
    groups = pd.Series(pd.NA, index=ids, dtype="Int64")
    clustered_ids = ids[chosen]
    groups.loc[clustered_ids] = np.where(group_of_clustered >= 0, group_of_clustered, -1)
    groups = groups.mask(groups == -1)
    point_table = pd.DataFrame({"x": points[:, 0], "y": points[:, 1], "n_votes": n_votes,
                                "group": groups.loc[clustered_ids].to_numpy()}, index=clustered_ids)
    point_table.index.name = "participant"

    warnings = []
    if chosen.sum() < SMALL_CONVERSATION:
        warnings.append(t("tools.opinions.warn_small", n=int(chosen.sum()), threshold=SMALL_CONVERSATION))
    if stability is not None and stability < STABILITY_THRESHOLD:
        warnings.append(t("tools.opinions.warn_unstable", stability=f"{stability:.2f}",
                          threshold=f"{STABILITY_THRESHOLD:.1f}"))
    if stability is None:
        warnings.append(t("tools.opinions.warn_no_stability"))
    if hidden:
        warnings.append(t("tools.opinions.warn_hidden", n=hidden, min_group=min_group))

    statements = table.statements.loc[votes.columns]
    member_groups = group_of_clustered
    representative, consensus = describe_groups(clustered, member_groups, len(order), statements)
    return OpinionMap(groups=groups, n_groups=len(order), stability=stability, points=point_table,
                      silhouettes=table_k, representative=representative, consensus=consensus,
                      warnings=warnings, hidden_groups=hidden,
                      settings={"seed": seed, "min_group": min_group, "min_votes": min_votes,
                                "max_groups": max_groups, "resamples": resamples, "scaling": scaling,
                                "k_chosen": k, "participants": int(len(values)),
                                "clustered": int(chosen.sum()), "statements": int(votes.shape[1]),
                                "moderated_out": int((~kept).sum())})


# ---------------------------------------------------------------- statistics on groups


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
