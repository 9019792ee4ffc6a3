"""Steps 1–4 of the opinion map: who is grouped, the axes, and each participant's point.

Written from Polis's published description (Small et al. 2021 and its documentation); no Polis
code was read or copied.

- Statements moderated out stay as all-zero columns: a constant column does not move the axes,
  so the axes are computed on the other columns, but every moderated column counts in the
  sparsity scaling (as a column, and as a value — 0 — of every participant).
- Who is grouped: at least ``min(7, statement columns)`` votes, every vote counted (moderated
  statements included); topped up with the most active voters to 15.
- The axes (centre and two principal components) are fitted on every participant with at least
  one vote; an unseen vote takes the statement's mean, i.e. 0 in the centred matrix, which keeps
  that matrix as sparse as the votes.
- A participant's point is their centred votes on the two axes, scaled by
  ``sqrt(statement columns / that participant's values)`` (Polis's sparsity scaling).

The same module draws the resamples (axes recomputed on 80 % of the voters) and the null model
(each vote redrawn among the votes its statement received, which keeps every statement's share of
agreement and every person's number of votes but removes any opinion group).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import DataError
from ..i18n import t

SCALINGS = ("polis", "none")
EXACT_STATEMENTS = 600  # exact axes up to this many statements; a randomized SVD above (sparse votes)


def select_participants(n_votes, n_statements: int, min_votes: int = 7, greedy: int = 15):
    """Boolean mask of participants to group (Polis's rule, topped up to ``greedy`` most active)."""
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

    Returns ``(matrix, means, observed_counts)``; ``matrix`` is a scipy CSR matrix (explicit
    entries = the votes) when fewer than 30 % of the cells are voted, else a dense array.
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

    Exact (eigen-decomposition of the statement × statement covariance) up to
    :data:`EXACT_STATEMENTS` statements, dense or sparse; above, for a sparse matrix, a seeded
    randomized SVD (Halko, Martinsson and Tropp 2011: 5 power iterations, re-orthonormalised at
    each step), which agrees with the exact axes to three or more digits when the leading axes
    stand out and never densifies the matrix. The sign of each axis is fixed (largest loading
    positive) so that charts do not flip between runs.
    """
    import numpy as np
    from scipy import sparse

    smallest = min(matrix.shape)
    rank = max(1, min(rank, smallest - 1 if smallest > 2 else smallest))
    size = matrix.shape[1]
    if not sparse.issparse(matrix) or size <= EXACT_STATEMENTS:
        from scipy.linalg import eigh

        if sparse.issparse(matrix) and matrix.shape[0] * size > 4_000_000:
            covariance = (matrix.T @ matrix).toarray()
        else:  # a dense product is faster than a sparse one at this size
            dense = matrix.toarray() if sparse.issparse(matrix) else matrix
            covariance = dense.T @ dense
        _, vectors = eigh(covariance, subset_by_index=[size - rank, size - 1])
        vectors = vectors[:, ::-1]
    else:
        vectors = _randomized_basis(matrix, rank, seed)
    signs = np.sign(vectors[np.abs(vectors).argmax(axis=0), np.arange(vectors.shape[1])])
    return vectors * np.where(signs == 0, 1, signs)


def _randomized_basis(matrix, rank: int, seed: int, iterations: int = 5, oversample: int = 10):
    """Leading right singular vectors of a (sparse or dense) matrix by randomized subspace iteration."""
    import numpy as np

    size = min(rank + oversample, min(matrix.shape))
    basis, _ = np.linalg.qr(matrix @ np.random.default_rng(seed).standard_normal((matrix.shape[1], size)))
    for _ in range(iterations):
        basis, _ = np.linalg.qr(matrix.T @ basis)
        basis, _ = np.linalg.qr(matrix @ basis)
    _, _, vt = np.linalg.svd(np.asarray((matrix.T @ basis).T), full_matrices=False)
    return vt[:rank].T


def scale_factors(n_values, n_columns: int, scaling: str = "polis"):
    """Polis's sparsity scaling ``sqrt(n_columns / n_values)`` per participant (ones if turned off)."""
    import numpy as np

    n_values = np.asarray(n_values, dtype=float)
    if scaling == "polis":
        return np.sqrt(n_columns / np.maximum(n_values, 1))
    if scaling == "none":
        return np.ones_like(n_values)
    raise DataError(t("tools.opinions.bad_scaling", value=scaling, allowed=", ".join(SCALINGS)))


def submatrix(values, rows, columns):
    """``values[rows][:, columns]`` for boolean masks, in one copy (none when both masks are full)."""
    import numpy as np

    if rows.all() and columns.all():
        return values
    return values[np.ix_(np.flatnonzero(rows), np.flatnonzero(columns))]


@dataclass
class Projection:
    """The fitted axes and points, with what the resamples and the null model need."""

    matrix: object  # centred votes of the voters on the kept statements (dense or CSR)
    scores: object  # voters × rank: coordinates in the leading subspace
    grouped_in_voters: object  # row (among voters) of each grouped participant
    factors: object  # scaling factor of each voter
    points: object  # grouped × 2
    seed: int
    observed: object = None  # voters × kept statements, which cells were voted (dense matrix only)
    null_cells: object = None  # cache of :func:`null_points`

    def points_of(self, scores):
        """The grouped participants' scaled points from voters' coordinates on two axes."""
        rows = self.grouped_in_voters
        return scores[rows, :2] * self.factors[rows, None]


def project(values, moderated, grouped, scaling: str = "polis", seed: int = 0) -> Projection:
    """Fit the axes on every voter, then place the grouped participants (steps 3 and 4)."""
    import numpy as np
    from scipy import sparse

    voters = (~np.isnan(values)).any(axis=1)
    kept = submatrix(values, voters, ~moderated)
    matrix, _, n_kept = centred_matrix(kept)
    scores = np.asarray(matrix @ principal_basis(matrix, seed=seed))
    if scores.shape[1] < 2:
        scores = np.hstack([scores, np.zeros((len(scores), 2 - scores.shape[1]))])
    factors = scale_factors(n_kept + int(moderated.sum()), values.shape[1], scaling)
    grouped_in_voters = (np.cumsum(voters) - 1)[grouped]
    projection = Projection(matrix=matrix, scores=scores, grouped_in_voters=grouped_in_voters, factors=factors,
                            points=None, seed=seed, observed=None if sparse.issparse(matrix) else ~np.isnan(kept))
    projection.points = projection.points_of(scores)
    return projection


def subsample_points(projection: Projection, subset):
    """Axes recomputed on a subsample of voters (inside the whole conversation's leading subspace).

    Returns ``(keep, points)``: which grouped participants are in the subsample, and their points.
    """
    import numpy as np

    block = projection.scores[subset] - projection.scores[subset].mean(axis=0)
    _, vectors = np.linalg.eigh(block.T @ block)
    inside = np.zeros(len(projection.scores), bool)
    inside[subset] = True
    keep = inside[projection.grouped_in_voters]
    row_of = np.full(len(projection.scores), -1)
    row_of[subset] = np.arange(len(subset))
    rows = projection.grouped_in_voters[keep]
    points = block[row_of[rows]] @ vectors[:, ::-1][:, :2] * projection.factors[rows, None]
    return keep, points


def null_points(projection: Projection, rng):
    """Points of the grouped participants under the null model: no opinion group.

    Every vote is replaced by a vote drawn at random among the votes that statement received:
    each statement keeps its share of agreement, each person their number of votes and their
    sparsity scaling, but votes no longer go together from one statement to the next. (Drawing
    with replacement keeps this linear in the number of votes.)
    """
    import numpy as np
    from scipy import sparse

    matrix = projection.matrix
    if projection.null_cells is None:  # where the votes are, grouped by statement (computed once)
        if sparse.issparse(matrix):
            columns, flat, values = matrix.indices, None, matrix.data
        else:
            flat = np.flatnonzero(projection.observed.ravel())  # cells voted, as flat indices
            columns, values = flat % matrix.shape[1], matrix.ravel()[flat]
        by_column = np.argsort(columns, kind="stable")
        counts = np.bincount(columns, minlength=matrix.shape[1])
        starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
        sorted_columns = columns[by_column]
        projection.null_cells = (by_column, starts[sorted_columns], counts[sorted_columns], flat, values)
    by_column, start, count, flat, values = projection.null_cells
    drawn = by_column[start + (rng.random(len(by_column)) * count).astype(np.int64)]
    data = np.empty_like(values)
    data[by_column] = values[drawn]
    if sparse.issparse(matrix):
        permuted = sparse.csr_matrix((data, matrix.indices, matrix.indptr), shape=matrix.shape)
    else:
        permuted = np.zeros(matrix.shape)
        permuted.ravel()[flat] = data
    rank = max(1, min(2, min(permuted.shape) - 1))
    if permuted.shape[1] <= EXACT_STATEMENTS:
        basis = principal_basis(permuted, rank=rank, seed=projection.seed)
    else:
        basis = _randomized_basis(permuted, rank, projection.seed)
    scores = np.asarray(permuted @ basis)
    if scores.shape[1] < 2:
        scores = np.hstack([scores, np.zeros((len(scores), 2 - scores.shape[1]))])
    return projection.points_of(scores)
