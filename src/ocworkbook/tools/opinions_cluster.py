"""Grouping the participants of an opinion map: weighted k-means with k-means++ starts, and silhouettes.

Polis first gathers the participants into 100 "base clusters" and then groups the base clusters,
which makes its groups depend on a random first step. Here the groups are computed on the
participants' points themselves (identical points merged, with their count as weight), with
several k-means++ starts, keeping the start of least within-group spread: this is the best
k-means grouping of the final projection, and it does not change with the seed. Above
:data:`CHECK_LIMIT` distinct points, the points are first summarised on a 20 × 20 grid (cell
means weighted by their counts); the best different solutions found there are polished by Lloyd
steps on every participant and the least spread is kept, so that the cost stays bounded at
10,000 participants. Silhouettes (of the grouping shown, of the resamples and of the null
copies) are all measured on that same summary, so that they compare alike.

Everything here is numpy on small arrays (at most a few hundred weighted 2-D points, and the
participants' own points for the polishing): the k-means runs of all starts are done at once,
vectorised.
"""

from __future__ import annotations

from dataclasses import dataclass

CHECK_LIMIT = 400  # distinct points grouped as they are; above, on a grid summary
CHECK_GRID = 20  # cells per axis of the summary (at most 400 occupied cells)


@dataclass
class Summary:
    """Weighted points standing for the participants: ``points[members[i]]`` is participant ``i``'s."""

    points: object  # m × 2
    weights: object  # m
    members: object  # n, index into points
    exact: bool


def summarise(points, limit: int = CHECK_LIMIT, grid: int = CHECK_GRID) -> Summary:
    """Merge identical points (exact) or, above ``limit`` of them, summarise on a ``grid`` × ``grid`` grid."""
    import numpy as np

    points = np.asarray(points, dtype=float)
    rounded = np.ascontiguousarray(np.round(points, 9) + 0.0)  # + 0.0: −0 and 0 are the same point
    keys, inverse, counts = np.unique(rounded.view(np.complex128).ravel(), return_inverse=True, return_counts=True)
    unique = np.stack([keys.real, keys.imag], axis=1)  # one complex number per 2-D point: a fast row-unique
    inverse = inverse.ravel()
    if len(unique) <= limit:
        return Summary(points=unique, weights=counts.astype(float), members=inverse, exact=True)
    low, high = points.min(axis=0), points.max(axis=0)
    width = np.where(high > low, (high - low) / grid, 1.0)
    cells = np.minimum(((points - low) / width).astype(int), grid - 1)
    codes = cells[:, 0] * grid + cells[:, 1]
    occupied, members = np.unique(codes, return_inverse=True)
    weights = np.bincount(members, minlength=len(occupied)).astype(float)
    means = np.stack([np.bincount(members, weights=points[:, d], minlength=len(occupied)) / weights
                      for d in range(points.shape[1])], axis=1)
    return Summary(points=means, weights=weights, members=members.ravel(), exact=False)


def distinct_points(points) -> int:
    """Number of distinct points (to nine decimals)."""
    return len(summarise(points, limit=len(points)).points)


def _plus_plus(points, weights, k, rng, n_init):
    """k-means++ starts for ``n_init`` runs at once: runs × k × dims."""
    import numpy as np

    n = len(points)
    cumulative = np.cumsum(weights)
    first = np.minimum(np.searchsorted(cumulative, rng.random(n_init) * cumulative[-1], side="right"), n - 1)
    centres = [points[first]]
    nearest = ((points[None, :, :] - centres[0][:, None, :]) ** 2).sum(-1)  # runs × n
    for _ in range(1, k):
        mass = np.cumsum(nearest * weights, axis=1)
        draws = rng.random(n_init) * mass[:, -1]
        picks = np.minimum((mass < draws[:, None]).sum(axis=1), n - 1)
        chosen = points[picks]
        centres.append(chosen)
        nearest = np.minimum(nearest, ((points[None, :, :] - chosen[:, None, :]) ** 2).sum(-1))
    return np.stack(centres, axis=1)


def _distances(points, norms, centres):
    """Squared distances runs × n × k by |p|² − 2 p·c + |c|², one matrix product for every run."""
    runs, k, dims = centres.shape
    flat = centres.reshape(runs * k, dims)
    d2 = norms[:, None] - 2 * (points @ flat.T) + (flat ** 2).sum(axis=1)[None, :]
    return d2.reshape(len(points), runs, k).transpose(1, 0, 2)


def _lloyd(points, weights, centres, iterations):
    """Lloyd iterations for every run at once (a run stops once its labels no longer change).

    Returns labels (runs × n), centres (runs × k × dims) and inertia (runs).
    """
    import numpy as np

    runs, k, dims = centres.shape
    norms = (points ** 2).sum(axis=1)
    weighted = points * weights[:, None]
    labels = np.full((runs, len(points)), -1)
    active = np.arange(runs)
    rows = np.arange(len(points))[:, None]
    for _ in range(iterations):
        new = _distances(points, norms, centres[active]).argmin(axis=2)
        changed = (new != labels[active]).any(axis=1)
        labels[active] = new
        active, new = active[changed], new[changed]
        if not len(active):
            break
        onehot = np.zeros((len(points), len(active) * k))
        onehot[rows, (new + (np.arange(len(active)) * k)[:, None]).T] = 1.0
        mass = (weights @ onehot).reshape(len(active), k)
        sums = (onehot.T @ weighted).reshape(len(active), k, dims)
        centres[active] = np.where(mass[:, :, None] > 0, sums / np.maximum(mass, 1e-300)[:, :, None],
                                   centres[active])
    d2 = np.maximum(_distances(points, norms, centres), 0.0)
    labels = d2.argmin(axis=2)
    inertia = (np.take_along_axis(d2, labels[:, :, None], axis=2)[:, :, 0] * weights).sum(axis=1)
    return labels, centres, inertia


def weighted_kmeans(points, weights, ks, rng, n_init: int = 10, iterations: int = 100, keep: int = 1) -> dict:
    """For each k in ``ks``, the best of ``n_init`` k-means++ runs: k → ``(labels, centres, inertia)``.

    The runs of every k are done in one batch: a run with fewer groups than the largest k gets
    its spare centres parked far away, where no point ever goes. A k that no run reaches with k
    non-empty groups is left out. With ``keep`` > 1, k → a list of up to ``keep`` different
    solutions, least spread first.
    """
    import numpy as np

    ks = [k for k in ks if k <= len(points)]
    if not ks:
        return {}
    top = max(ks)
    far = 1e3 * (1.0 + float(np.abs(points).max()))
    starts = []
    for k in ks:
        seeds = _plus_plus(points, weights, k, rng, n_init)
        parked = np.full((n_init, top - k, points.shape[1]), far) + np.arange(top - k)[None, :, None]
        starts.append(np.concatenate([seeds, parked], axis=1))
    labels, centres, inertia = _lloyd(points, weights, np.concatenate(starts), iterations)
    present = np.zeros((len(labels), top), bool)
    present[np.arange(len(labels))[:, None], labels] = True
    found = {}
    for i, k in enumerate(ks):
        block = slice(i * n_init, (i + 1) * n_init)
        complete = present[block, :k].all(axis=1)
        order = [i * n_init + j for j in np.argsort(np.where(complete, inertia[block], np.inf), kind="stable")
                 if complete[j]]
        kept = []
        for run in order:
            if len(kept) == keep:
                break
            if not any(np.isclose(inertia[run], inertia[other], rtol=1e-9) for other in kept):
                kept.append(run)
        if kept:
            solutions = [(labels[run], centres[run, :k], float(inertia[run])) for run in kept]
            found[k] = solutions if keep > 1 else solutions[0]
    return found


def weighted_silhouette(points, weights, labels, distances=None) -> float:
    """Mean silhouette of weighted points (a point of weight w stands for w identical participants).

    On merged identical points this equals the ordinary silhouette of the participants. A
    participant alone in its group counts 0, as usual.
    """
    import numpy as np

    if distances is None:
        distances = pairwise(points)
    k = int(labels.max()) + 1
    onehot = (labels[:, None] == np.arange(k)).astype(distances.dtype) * weights[:, None].astype(distances.dtype)
    sums = distances @ onehot  # m × k: weighted distance to each group
    sizes = onehot.sum(axis=0).astype(float)
    own = sizes[labels]
    a = np.divide(sums[np.arange(len(labels)), labels], own - 1, out=np.zeros(len(labels)), where=own > 1)
    other = np.where(np.arange(k)[None, :] == labels[:, None], np.inf, sums / np.maximum(sizes, 1e-300)[None, :])
    b = other.min(axis=1)
    top = np.maximum(a, b)
    s = np.divide(b - a, top, out=np.zeros(len(labels)), where=top > 0)
    s[own <= 1] = 0.0
    return float((s * weights).sum() / weights.sum())


def pairwise(points):
    """Euclidean distances between the summary points (float32: at most 2,000 × 2,000)."""
    import numpy as np

    p = np.asarray(points, dtype=np.float32)
    squared = (p ** 2).sum(axis=1)
    return np.sqrt(np.maximum(squared[:, None] + squared[None, :] - 2 * p @ p.T, 0.0))


def max_groups_for(n_points: int, max_groups: int = 5) -> int:
    """Polis's limit on the number of groups, ``min(5, 2 + base clusters // 12)`` with ≤ 100 base clusters."""
    return max(2, min(max_groups, 2 + min(100, n_points) // 12, n_points - 1))


def group_points(points, ks, rng, n_init: int = 10, *, check: bool = False, labels: bool = True) -> dict:
    """For each k in ``ks``: ``(labels of every point, silhouette)``; a k that cannot be reached is left out.

    Up to :data:`CHECK_LIMIT` distinct points, k-means runs on the points themselves. Above, it
    runs on a 20 × 20 grid summary; for the grouping shown, the three best different solutions
    found there are each polished by Lloyd steps on every participant and the least spread is
    kept (several basins explored, as with several starts on the points); for a check
    (``check=True``), only the best is polished, briefly. With ``labels=False`` (null copies) the
    participants' labels are not computed (``None``). Silhouettes are measured on the summary.
    """
    import numpy as np

    points = np.asarray(points, dtype=float)
    summary = summarise(points, CHECK_LIMIT, CHECK_GRID)
    distances = pairwise(summary.points)
    keep = 1 if check or summary.exact else 3
    found = weighted_kmeans(summary.points, summary.weights, ks, rng, n_init, keep=keep)
    if keep > 1:
        found = {k: solutions[0] for k, solutions in found.items()}, found
    else:
        found = found, None
    best, candidates = found
    if summary.exact or not labels:
        member = {k: (cell[summary.members] if summary.exact else None) for k, (cell, _, _) in best.items()}
    elif candidates is None:
        member = _refine(points, [(k, centres) for k, (_, centres, _) in best.items()], 10)
    else:
        member = _refine(points, [(k, c) for k, solutions in candidates.items() for _, c, _ in solutions], 50)
    result = {}
    for k, (cell_labels, _, _) in best.items():
        member_labels = member.get(k)
        if member_labels is not None and len(np.unique(member_labels)) < k:
            continue
        if summary.exact or member_labels is None:
            measured = cell_labels
        else:  # each cell takes the group of most of its members
            votes = np.zeros((len(summary.points), k))
            np.add.at(votes, (summary.members, member_labels), 1)
            measured = votes.argmax(axis=1)
        if len(np.unique(measured)) < 2:
            continue
        result[k] = (member_labels, weighted_silhouette(summary.points, summary.weights, measured, distances))
    return result


def _refine(points, starts, iterations: int) -> dict:
    """Lloyd steps on every participant from centres found on a summary, all at once.

    ``starts``: ``(k, centres)`` pairs, several per k allowed; k → labels of the least spread one.
    """
    import numpy as np

    top = max(k for k, _ in starts)
    far = 1e3 * (1.0 + float(np.abs(points).max()))
    stacked = np.stack([np.concatenate([centres, np.full((top - k, points.shape[1]), far)
                                        + np.arange(top - k)[:, None]]) for k, centres in starts])
    labels, _, inertia = _lloyd(points, np.ones(len(points)), stacked, iterations)
    best = {}
    for (k, _), run_labels, run_inertia in zip(starts, labels, inertia, strict=True):
        if len(np.unique(run_labels)) == k and (k not in best or run_inertia < best[k][1]):
            best[k] = (run_labels, run_inertia)
    return {k: run_labels for k, (run_labels, _) in best.items()}


def within_spread(points, labels) -> float:
    """Mean squared distance of each participant to the centre of their group (k-means's criterion)."""
    import numpy as np

    points = np.asarray(points, dtype=float)
    labels = np.asarray(labels)
    total = 0.0
    for g in np.unique(labels):
        block = points[labels == g]
        total += float(((block - block.mean(axis=0)) ** 2).sum())
    return total / max(len(points), 1)


def best_spread(points, k: int, rng, n_init: int = 10, start=None) -> float | None:
    """Within-group spread of the best k-means grouping in ``k`` groups (None if k cannot be reached).

    ``start``: labels of a grouping already found with several starts (the map's own, for the
    same people or nearly); it is then only polished by Lloyd steps on these points.
    """
    import numpy as np

    points = np.asarray(points, dtype=float)
    if start is not None and len(np.unique(start)) == k:
        centres = np.stack([points[start == g].mean(axis=0) for g in np.unique(start)])
        labels, _, _ = _lloyd(points, np.ones(len(points)), centres[None], 50)
        return within_spread(points, labels[0])
    found = group_points(points, [k], rng, n_init)
    return within_spread(points, found[k][0]) if k in found else None


def adjusted_rand_index(first, second) -> float:
    """Adjusted Rand index of two labelings (Hubert and Arabie 1985): 1 = same partition, ≈ 0 = chance."""
    import numpy as np

    _, a = np.unique(np.asarray(first), return_inverse=True)
    _, b = np.unique(np.asarray(second), return_inverse=True)
    a, b = a.ravel(), b.ravel()
    n = len(a)
    if n < 2:
        return 1.0
    table = np.zeros((a.max() + 1, b.max() + 1))
    np.add.at(table, (a, b), 1)

    def pairs(x):
        return (x * (x - 1) / 2).sum()

    index, rows, cols = pairs(table), pairs(table.sum(axis=1)), pairs(table.sum(axis=0))
    expected = rows * cols / (n * (n - 1) / 2)
    maximum = (rows + cols) / 2
    if maximum == expected:
        return 1.0
    return float((index - expected) / (maximum - expected))
