"""Synthetic Polis-like conversations for benchmarks and tests (seeded, with known groups)."""

from __future__ import annotations


def synthetic_votes(n_participants: int, n_statements: int, *, density: float = 1.0, groups: int = 2,
                    pass_rate: float = 0.1, separation: float = 0.8, seed: int = 0):
    """Return ``(VoteTable, true_groups)``: each latent group agrees with each statement with its own
    probability; every participant sees a random ``density`` share of the statements."""
    import numpy as np
    import pandas as pd

    from ocworkbook.tools.opinions_io import VoteTable

    rng = np.random.default_rng(seed)
    truth = rng.integers(groups, size=n_participants)
    lean = rng.uniform(-separation, separation, size=(groups, n_statements))
    values = np.empty((n_participants, n_statements))
    for start in range(0, n_participants, 1000):  # by blocks, so that generating stays light in memory
        rows = slice(start, start + 1000)
        p_agree = 0.5 + 0.5 * lean[truth[rows]]
        block = np.where(rng.random(p_agree.shape) < p_agree, 1.0, -1.0)
        block[rng.random(p_agree.shape) < pass_rate] = 0.0
        block[rng.random(p_agree.shape) >= density] = np.nan
        values[rows] = block
    ids = [f"p{i}" for i in range(n_participants)]
    statements = [str(j) for j in range(n_statements)]
    votes = pd.DataFrame(values, index=ids, columns=statements)
    texts = pd.DataFrame({"text": [f"Énoncé {j}" for j in range(n_statements)],
                          "moderated_out": np.zeros(n_statements, bool)}, index=statements)
    return VoteTable(votes=votes, statements=texts, source="synthétique"), pd.Series(truth, index=ids)
