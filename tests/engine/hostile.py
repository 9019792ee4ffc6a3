"""Answers a hostile (or very confused) learner could pass to ``ex.check(...)``."""

from __future__ import annotations

import random


def _nested(depth: int):
    value = []
    for _ in range(depth):
        value = [value]
    return value


class Weird:
    def __str__(self):
        raise RuntimeError("no str")

    def __repr__(self):
        return "<Weird object at 0xdead>"


def hostile_values(ex=None) -> list:
    """A fixed list of odd answers, plus ids and texts taken from ``ex`` and mangled."""
    import numpy as np
    import pandas as pd

    values = [None, ..., "", " ", "\x00", "é" * 5, "a" * 10_000, "a" * 1_000_000, "<img src=x onerror=alert(1)>",
              "**gras** [lien](javascript:alert(1)) $x$", "=1+1", "+33", "-1", "@SUM(A1)", "1e307", "-1e307",
              "1e400", "nan", "NaN", "inf", "-inf", "0x10", "1_000", "1 000", "12,5", "12.5.3", "١٢", "½", "ⅷ",
              True, False, 0, 1, -1, 2**63, 10**400, -(10**400), 1e307, -1e307, float("nan"), float("inf"),
              float("-inf"), 1e-320, 0.1 + 0.2, [], {}, set(), frozenset(), (), [None], [[]], {"a": None},
              {None: None}, {1: 2}, {"x": {"y": "z"}}, ["a", "a", "a"], list(range(1000)), _nested(500),
              _nested(5000), b"bytes", bytearray(b"x"), object(), Weird(), type, print, lambda: 1, complex(1, 2),
              np.int64(3), np.float64("nan"), np.array([1, 2]), np.array(5), np.bool_(True), np.str_("vrai"),
              pd.Series([1, 2]), pd.Series([7]), pd.DataFrame({"a": [1]}), pd.NA, pd.NaT, pd.Timestamp("2020-01-01"),
              range(3), iter([1, 2]), {"a", "b"}, [["a", "b"]], [{"a": 1}], "a,b,c,d,e,f", ";;;", ",", "vrai faux"]
    data = getattr(ex, "data", {}) or {}
    ids = [str(item["id"]) for name in ("options", "elements", "categories") for item in data.get(name) or []]
    texts = [str(item["texte"]) for name in ("options", "elements") for item in data.get(name) or []]
    values += ids + [i.upper() for i in ids] + texts + [t * 3 for t in texts[:2]]
    values += [ids, list(reversed(ids)), ids * 2, ids[:1], {i: i for i in ids}, {i: None for i in ids},
               {i: ids[0] for i in ids}, dict.fromkeys(ids, 12), [1] * len(ids)]
    return values


def random_values(rng: random.Random, n: int, ex=None) -> list:
    """``n`` answers drawn from :func:`hostile_values` and random mixtures of them."""
    base = hostile_values(ex)
    drawn = []
    for _ in range(n):
        choice = rng.random()
        if choice < 0.6:
            drawn.append(rng.choice(base))
        elif choice < 0.8:
            drawn.append([rng.choice(base) for _ in range(rng.randint(0, 4))])
        else:
            keys = [v for v in base if isinstance(v, (str, int)) and not isinstance(v, bool)]
            drawn.append({rng.choice(keys): rng.choice(base) for _ in range(rng.randint(1, 3))})
    return drawn
