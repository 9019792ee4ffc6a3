"""Message catalogue: every string a learner reads, in French (default) and English.

The catalogue lives in ``ocworkbook/locales/*.yml``; each file maps a message key to its
translations (``fr`` and ``en``). Files are split by domain (core, tools, editions…) so that
several people can work on them at once, but they form one catalogue: a key is defined once.
Nothing is read at import time; the catalogue is loaded on the first call to :func:`t`.

A message may choose a word by a count: ``{n|mot|mots}`` gives « mot » when ``n`` is singular and
« mots » otherwise, by the language's rule (French: below 2, so « 0 mot », « 1,5 mot » ; English:
exactly 1). So nobody reads « 1 mots » or « bonne(s) réponse(s) ».
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

SUPPORTED = ("fr", "en")
_state = {"lang": "fr"}


class CatalogueError(Exception):
    """Raised when the message catalogue itself is malformed (a developer error)."""


_PLURAL = re.compile(r"\{(\w+)\|([^{}|]*)\|([^{}|]*)\}")


def is_singular(count, lang: str) -> bool:
    """Whether ``count`` takes the singular in ``lang`` (French: 0 ≤ |n| < 2; English: n = 1)."""
    try:
        number = abs(float(count))
    except (TypeError, ValueError):
        return False
    return number < 2 if lang == "fr" else number == 1


def _choose_plurals(text: str, values: dict, lang: str) -> str:
    """Replace each ``{name|singular|plural}`` by the form that ``values[name]`` takes."""
    def choose(match: re.Match) -> str:
        name, one, other = match.groups()
        if name not in values:
            return other
        return one if is_singular(values[name], lang) else other
    return _PLURAL.sub(choose, text)


def set_language(lang: str) -> None:
    """Choose the language of every message (``"fr"`` or ``"en"``)."""
    if lang not in SUPPORTED:
        raise ValueError(f"Langue non prise en charge : {lang!r} (choix : {', '.join(SUPPORTED)})")
    _state["lang"] = lang


def get_language() -> str:
    """Return the current language code."""
    return _state["lang"]


@lru_cache(maxsize=1)
def catalogue() -> dict[str, dict[str, str]]:
    """Load and merge every ``locales/*.yml`` file; a key defined twice is an error."""
    import yaml

    merged: dict[str, dict[str, str]] = {}
    for path in sorted((Path(__file__).parent / "locales").glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for key, value in data.items():
            if key in merged:
                raise CatalogueError(f"{path.name}: clé {key!r} déjà définie dans un autre fichier")
            if not isinstance(value, dict):
                raise CatalogueError(f"{path.name}: la clé {key!r} doit contenir fr et en")
            merged[key] = value
    return merged


def t(key: str, lang: str | None = None, default: str | None = None, **values) -> str:
    """Return message ``key`` in the current language, formatted with ``values``.

    Falls back to French, then to the key itself, so a missing translation never
    breaks a learner's session (the test suite checks that none is missing).
    """
    entry = catalogue().get(key)
    if entry is None:
        return key if default is None else default
    chosen = lang or _state["lang"]
    text = entry.get(chosen) or entry.get("fr") or key
    if "|" in text:
        text = _choose_plurals(text, values, chosen if entry.get(chosen) else "fr")
    if values:
        try:
            return text.format(**values)
        except (KeyError, IndexError, ValueError):
            return text
    return text


def singular(n, lang: str | None = None) -> bool:
    """True if ``n`` takes the singular: 0 and 1 in French (« 0 groupe », « 1 groupe »), only 1 in English."""
    return is_singular(n, lang or _state["lang"])


def tn(key: str, n, lang: str | None = None, **values) -> str:
    """Message ``key.one`` or ``key.other`` depending on ``n`` (formatted with ``n`` and ``values``).

    For a whole sentence that changes with ``n``; for a word or two, ``{n|mot|mots}`` inside one
    message is shorter (see the module's docstring)."""
    return t(f"{key}.{'one' if singular(n, lang) else 'other'}", lang=lang, n=n, **values)
