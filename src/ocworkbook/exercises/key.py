"""The answer key of one exercise: one object, two forms (clear and hashed), one way of checking.

Every question type turns its authored key into a set of *tokens* (``"b:1"`` for « option b is
right », ``"g220"`` for a grid point of a number, ``"e1=info"`` for a match…) and turns a learner's
answer into tokens the same way. :meth:`Key.accepts` answers « is this token part of the key? »:

- the **clear** form (instructor edition, source repository) holds the tokens themselves;
- the **hashed** form (learner edition) holds ``sha256(salt:exercise:token)`` of each token.

Checkers only ever call :meth:`Key.accepts` and read :attr:`Key.reference`, so both forms give the
same verdict, the same score and the same feedback by construction. ``reference`` keeps what
directional feedback needs (a number's value, for « trop haut / trop bas »); the learner edition
stores it encoded, like the feedback texts. All of this deters peeking at the file; it does not
secure an exam (anyone can try the few possible answers, or decode the texts), which is why real
grading re-scores the exported answers with the instructor's clear key.
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
from dataclasses import dataclass, field

GRID_DIVISIONS = 10
HASH_FIELD = "cle_h"
REFERENCE_FIELD = "repere"
OBSCURED_PREFIX = "ocw64:"
MAX_GRID_INDEX = 10**15  # beyond this, a number cannot be on the grid of any sensible key


def digest(salt: str, exercise_id: str, token: str) -> str:
    """Salted hash of one token."""
    return hashlib.sha256(f"{salt}:{exercise_id}:{token}".encode()).hexdigest()[:24]


@dataclass(frozen=True)
class Key:
    """The key of exercise ``exercise_id``: clear ``tokens`` or salted ``hashes``, and ``reference``."""

    exercise_id: str
    tokens: frozenset[str] | None = None
    hashes: frozenset[str] | None = None
    salt: str | None = None
    reference: dict = field(default_factory=dict)

    @property
    def clear(self) -> bool:
        return self.tokens is not None

    def accepts(self, token: str) -> bool:
        """True if ``token`` belongs to the key (the same answer in both forms)."""
        if self.tokens is not None:
            return token in self.tokens
        if self.hashes is None or self.salt is None:
            return False
        return digest(self.salt, self.exercise_id, token) in self.hashes

    def hashed(self, salt: str) -> Key:
        """The hashed form of a clear key."""
        if self.tokens is None:
            raise ValueError("only a clear key can be hashed")
        return Key(self.exercise_id, hashes=frozenset(digest(salt, self.exercise_id, tok) for tok in self.tokens),
                   salt=salt, reference=dict(self.reference))

    def learner_fields(self, salt: str) -> dict:
        """What the learner edition writes in place of the clear key (``cle_h`` and, if any, ``repere``)."""
        fields = {HASH_FIELD: sorted(self.hashed(salt).hashes)}
        if self.reference:
            fields[REFERENCE_FIELD] = obscure(json.dumps(self.reference, sort_keys=True))
        return fields

    @classmethod
    def from_learner_fields(cls, exercise_id: str, salt: str, data: dict) -> Key:
        """Rebuild the hashed key from a learner edition's fields."""
        reference = {}
        raw = data.get(REFERENCE_FIELD)
        if isinstance(raw, str):
            try:
                reference = json.loads(reveal(raw))
            except ValueError:
                reference = {}
        hashes = data.get(HASH_FIELD) or []
        return cls(exercise_id, hashes=frozenset(str(h) for h in hashes), salt=salt,
                   reference=reference if isinstance(reference, dict) else {})


# --- numbers on a grid -----------------------------------------------------------------------

def number_token(value: float) -> str:
    """Canonical text of a number (``12`` and ``12.0`` give the same token)."""
    rounded = round(float(value), 9)
    if rounded == int(rounded):
        return str(int(rounded))
    return f"{rounded:.9f}".rstrip("0").rstrip(".")


def grid_step(tolerance: float) -> float:
    return abs(tolerance) / GRID_DIVISIONS


def number_answer_token(value: float, tolerance: float) -> str | None:
    """The token of a learner's number: its grid point (tolerance > 0) or its exact text.

    ``None`` for a number too large to be compared (it can match no key).
    """
    if not math.isfinite(value):
        return None
    if not tolerance:
        return number_token(value) if abs(value) < 1e15 else None
    position = value / grid_step(tolerance)
    if not math.isfinite(position) or abs(position) > MAX_GRID_INDEX:
        return None
    return f"g{round(position)}"


def number_key_tokens(target: float, tolerance: float) -> set[str]:
    """Every token within ``tolerance`` of ``target``."""
    if not tolerance:
        return {number_token(target)}
    step = grid_step(tolerance)
    low = math.ceil((target - abs(tolerance)) / step - 1e-9)
    high = math.floor((target + abs(tolerance)) / step + 1e-9)
    return {f"g{k}" for k in range(low, high + 1)}


# --- reversible encoding of texts that give the answer away (learner edition) ------------------
# Feedback, hints and explanations often say which answer is right (« Oui. … »). The learner
# edition stores them base64-encoded behind a marker, so that a glance at the YAML file does not
# give the key away. Anyone can decode them: like the hashes, this deters peeking, nothing more.

def obscure(text: str) -> str:
    """Encode ``text`` (reversibly) so that it cannot be read at a glance."""
    return OBSCURED_PREFIX + base64.b64encode(str(text).encode("utf-8")).decode("ascii")


def reveal(value):
    """Decode a text written by :func:`obscure`; any other value is returned unchanged."""
    if isinstance(value, str) and value.startswith(OBSCURED_PREFIX):
        try:
            return base64.b64decode(value[len(OBSCURED_PREFIX):].encode("ascii"), validate=True).decode("utf-8")
        except (ValueError, UnicodeDecodeError):
            return value
    return value


def reveal_tree(value):
    """A copy of ``value`` with every obscured text inside nested dicts and lists decoded."""
    if isinstance(value, dict):
        copy = type(value)() if hasattr(value, "line_of") else {}
        copy.update({key: reveal_tree(item) for key, item in value.items()})
        for attribute in ("line", "key_lines"):
            if hasattr(value, attribute):
                setattr(copy, attribute, getattr(value, attribute))
        return copy
    if isinstance(value, list):
        copy = type(value)(reveal_tree(item) for item in value) if hasattr(value, "line_of") else \
            [reveal_tree(item) for item in value]
        for attribute in ("line", "item_lines"):
            if hasattr(value, attribute):
                setattr(copy, attribute, getattr(value, attribute))
        return copy
    return reveal(value)
