"""Normalization of learners' answers before comparison (text and numbers)."""

from __future__ import annotations

import math
import re
import unicodedata

_SEPARATORS = re.compile(r"[\s\-‐‑‒–—_'’`.,;:!?«»\"()]+")


def normalize_text(text: str) -> str:
    """Fold case, accents, spaces, hyphens, apostrophes and punctuation.

    « Co-construction », « coconstruction » and « co construction » all give ``"coconstruction"``;
    « Élue » and « elue » are the same. Ligatures are unfolded (« œ » → « oe »).
    """
    text = unicodedata.normalize("NFKD", str(text)).casefold()
    text = text.replace("œ", "oe").replace("æ", "ae").replace("ß", "ss")
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return _SEPARATORS.sub("", text)


_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?$")


def parse_number(value) -> float | None:
    """Read a number the way a French-speaking learner types it, or return ``None``.

    Accepts ints, floats (and numpy/decimal numbers), and strings such as ``"12"``, ``"12,5"``,
    ``"1 200"`` (spaces, including non-breaking ones, as thousands separators), ``"12 %"`` and
    ``"-3.5"``. Booleans, NaN, infinities, numbers too large for a float and texts longer than 100
    characters are not numbers here.
    """
    import numbers

    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, str):
        if len(value) > 100:
            return None
        text = value.strip().replace("\u00a0", " ").replace("\u202f", " ").rstrip("%").strip().replace(" ", "")
        if not _NUMBER.match(text):
            return None
        text = text.replace(",", ".")
    elif isinstance(value, numbers.Real) or (isinstance(value, numbers.Number)
                                             and not isinstance(value, numbers.Complex)):  # ints, floats, Decimal
        text = value
    else:
        return None
    try:
        number = float(text)
    except (OverflowError, ValueError, TypeError):
        return None
    if math.isnan(number) or math.isinf(number):
        return None
    return number


def within(value: float, target: float, tolerance: float) -> bool:
    """True if ``value`` is within ``tolerance`` of ``target`` (inclusive, robust to float noise)."""
    return abs(value - target) <= abs(tolerance) + 1e-9 * max(1.0, abs(target))


_WORD_BREAKS = re.compile(r"[\s/|'’\-–—]+")


def contains_words(text: str, wanted: str) -> bool:
    """True if ``wanted`` (normalized, one word or more) is a run of whole words of ``text``.

    « Co-construction » is found in « la co-construction des politiques » but « construction » is not
    found in « reconstruction ».
    """
    wanted = normalize_text(wanted)
    if not wanted:
        return False
    words = [w for w in (normalize_text(part) for part in _WORD_BREAKS.split(str(text))) if w]
    for start in range(len(words)):
        joined = ""
        for word in words[start:]:
            joined += word
            if joined == wanted:
                return True
            if len(joined) >= len(wanted):
                break
    return False
