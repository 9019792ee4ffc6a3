"""Answer keys as salted hashes, for the learner edition.

A learner edition stores, instead of each correct answer, ``sha256(salt:exercise:value)`` of its
*normalized* form, so that a learner who opens the YAML file does not read the answer. This
deters peeking; it does not secure an exam (anyone can hash the few possible options), which
is why real grading re-scores the exported answers with the instructor's clear key.

Numbers with a tolerance are hashed on a grid: the key holds the hashes of every grid point
within the tolerance (grid step = tolerance / :data:`GRID_DIVISIONS`), and an answer is rounded
to the same grid before hashing.
"""

from __future__ import annotations

import hashlib
import math

GRID_DIVISIONS = 10


def digest(salt: str, exercise_id: str, value: str) -> str:
    """Salted hash of one normalized answer value."""
    return hashlib.sha256(f"{salt}:{exercise_id}:{value}".encode()).hexdigest()[:24]


def number_token(value: float) -> str:
    """Canonical text of a number (``12`` and ``12.0`` give the same token)."""
    rounded = round(float(value), 9)
    return f"{rounded:.9f}".rstrip("0").rstrip(".") if rounded != int(rounded) else str(int(rounded))


def grid_step(tolerance: float) -> float:
    """The grid step used to hash numbers answered with ``tolerance``."""
    return abs(tolerance) / GRID_DIVISIONS


def number_hashes(salt: str, exercise_id: str, target: float, tolerance: float) -> list[str]:
    """Hashes of every grid point within ``tolerance`` of ``target``."""
    if not tolerance:
        return [digest(salt, exercise_id, number_token(target))]
    step = grid_step(tolerance)
    low, high = math.ceil((target - tolerance) / step - 1e-9), math.floor((target + tolerance) / step + 1e-9)
    return [digest(salt, exercise_id, f"g{k}") for k in range(low, high + 1)]


def number_matches(salt: str, exercise_id: str, value: float, tolerance: float, hashes) -> bool:
    """True if ``value`` hashes (on the grid of ``tolerance``) to one of ``hashes``."""
    if not tolerance:
        return digest(salt, exercise_id, number_token(value)) in set(hashes)
    k = round(value / grid_step(tolerance))
    return digest(salt, exercise_id, f"g{k}") in set(hashes)


# --- reversible obfuscation of feedback texts (learner edition) -------------------------------
# Feedback, hints and explanations often say which answer is right (« Oui. … »). The learner
# edition stores them base64-encoded behind a marker, so that a glance at the YAML file does not
# give the key away. Anyone can decode them: like the hashes, this deters peeking, nothing more.

OBSCURED_PREFIX = "ocw64:"


def obscure(text: str) -> str:
    """Encode ``text`` (reversibly) so that it cannot be read at a glance."""
    import base64

    return OBSCURED_PREFIX + base64.b64encode(str(text).encode("utf-8")).decode("ascii")


def reveal(value):
    """Decode a text written by :func:`obscure`; any other value is returned unchanged."""
    if isinstance(value, str) and value.startswith(OBSCURED_PREFIX):
        import base64

        try:
            return base64.b64decode(value[len(OBSCURED_PREFIX):].encode("ascii")).decode("utf-8")
        except ValueError:
            return value
    return value


def reveal_tree(value):
    """Decode every obscured text inside nested dicts and lists (in place; returns ``value``)."""
    if isinstance(value, dict):
        for key, item in value.items():
            value[key] = reveal_tree(item)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            value[index] = reveal_tree(item)
    else:
        return reveal(value)
    return value
