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


def planted_votes(n_participants: int, groups: int, *, n_statements: int = 20, agree: float = 0.9,
                  pass_rate: float = 0.1, seed: int = 0):
    """Return ``(votes DataFrame, true_groups array)`` for a small workshop with planted opinion groups.

    Statements are dealt to the groups in turn; each person agrees with their own group's
    statements and disagrees with the others' with probability ``agree`` (the opposite
    otherwise), and passes on ``pass_rate`` of them. ``agree=0.5`` plants no group at all.
    Group sizes are as equal as possible.
    """
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(seed)
    truth = np.arange(n_participants) % groups
    rng.shuffle(truth)
    own = np.arange(n_statements) % groups
    leaning = np.where(truth[:, None] == own[None, :], 1.0, -1.0)
    votes = np.where(rng.random(leaning.shape) < agree, leaning, -leaning)
    votes[rng.random(leaning.shape) < pass_rate] = 0.0
    frame = pd.DataFrame(votes, index=[f"P{i + 1:02d}" for i in range(n_participants)],
                         columns=[f"E{j + 1:02d}" for j in range(n_statements)])
    return frame, truth
