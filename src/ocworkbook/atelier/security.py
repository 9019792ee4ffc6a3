"""The live workshop's safety rules: join codes, secrets, text limits, CSV cells, rate limits.

Everything a participant types goes through :func:`clean_text` (length limit, control characters
removed) before it is stored, and through :func:`html.escape` (pages) or :func:`csv_cell` (exports)
when it is shown. Secrets are compared in constant time and stored only as SHA-256 digests.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import time
import unicodedata

#: Join-code alphabet without look-alike characters (no 0/O, 1/I/L) so it can be read off a projector.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6

#: Longest text accepted, per kind of text (characters, after cleaning).
LIMITS = {"pseudonyme": 40, "enonce": 280, "mur": 80, "texte": 200, "nombre": 30}
MAX_BODY_BYTES = 16_384

_CONTROL = re.compile(r"[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")
_SPACES = re.compile(r"\s+")
_PLAIN_NUMBER = re.compile(r"^[-+]?\d+([.,]\d+)?$")


class TooLong(ValueError):
    """A text longer than its limit (``limit`` characters)."""

    def __init__(self, limit: int):
        super().__init__(limit)
        self.limit = limit


def new_join_code() -> str:
    """A short code for participants to type (``CODE_LENGTH`` characters of :data:`CODE_ALPHABET`)."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalize_code(value) -> str:
    """A typed join code in canonical form: upper case, spaces and dashes removed."""
    return re.sub(r"[\s\-]+", "", str(value or "")).upper()[:32]


def show_code(code: str) -> str:
    """The join code as projected: two groups of three (« ABC 234 »)."""
    return f"{code[:3]} {code[3:]}" if len(code) == 6 else code


def new_secret() -> str:
    """The facilitator's secret (only its digest is written to the database)."""
    return secrets.token_urlsafe(24)


def new_token() -> str:
    """A participant's cookie token (only its digest is written to the database)."""
    return secrets.token_urlsafe(18)


def digest(value: str) -> str:
    return hashlib.sha256(str(value).encode("utf-8")).hexdigest()


def same(given, expected_digest: str | None) -> bool:
    """Constant-time check of ``given`` against a stored digest (``False`` for anything missing)."""
    if not given or not expected_digest:
        return False
    return hmac.compare_digest(digest(str(given)), expected_digest)


def clean_text(value, kind: str) -> str:
    """Text as stored: NFC, control and bidirectional characters removed, spaces collapsed.

    Raises :class:`TooLong` above ``LIMITS[kind]`` characters; the text is never cut silently.
    """
    text = unicodedata.normalize("NFC", str(value or ""))
    text = _SPACES.sub(" ", _CONTROL.sub("", text)).strip()
    limit = LIMITS[kind]
    if len(text) > limit:
        raise TooLong(limit)
    return text


def csv_cell(value):
    """A CSV cell that a spreadsheet will not run: text starting with = + - @ (or tab/CR) gets a ``'``.

    Numbers (and texts that are plain numbers, such as a vote ``-1``) are kept as they are.
    """
    if value is None or isinstance(value, (bool, int, float)):
        return value
    text = str(value)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r") and not _PLAIN_NUMBER.match(text):
        return "'" + text
    return text


class RateLimiter:
    """Token buckets per key: ``burst`` requests at once, then ``rate`` per second.

    In memory, in the server process only; keys are participant numbers or client addresses.
    """

    def __init__(self, rate: float, burst: int, clock=time.monotonic):
        self.rate, self.burst, self.clock = float(rate), float(burst), clock
        self._buckets: dict[object, tuple[float, float]] = {}

    def allow(self, key) -> bool:
        now = self.clock()
        tokens, last = self._buckets.get(key, (self.burst, now))
        tokens = min(self.burst, tokens + (now - last) * self.rate)
        if tokens < 1:
            self._buckets[key] = (tokens, now)
            return False
        self._buckets[key] = (tokens - 1, now)
        if len(self._buckets) > 20_000:  # forget idle keys rather than grow without bound
            self._buckets = {k: v for k, v in self._buckets.items() if now - v[1] < 60}
        return True
