"""The message catalogue: every key in both languages, every key used in code defined."""

import re
from pathlib import Path

from ocworkbook.i18n import catalogue, set_language, t

SRC = Path(__file__).resolve().parents[1] / "src" / "ocworkbook"


def test_every_message_has_french_and_english():
    missing = [key for key, value in catalogue().items() if not value.get("fr") or not value.get("en")]
    assert missing == []


def test_placeholders_match_between_languages():
    field = re.compile(r"{(\w+)}")
    mismatched = [key for key, v in catalogue().items()
                  if set(field.findall(v.get("fr", ""))) != set(field.findall(v.get("en", "")))]
    assert mismatched == []


def test_every_literal_key_used_in_code_exists():
    used = set()
    for path in SRC.rglob("*.py"):
        used |= set(re.findall(r'\bt\(\s*"([a-z0-9_]+\.[a-z0-9_.]+)"', path.read_text(encoding="utf-8")))
    assert sorted(used - set(catalogue())) == []


def test_switching_language():
    set_language("en")
    assert t("widget.check") == "Check"
    set_language("fr")
    assert t("widget.check") == "Vérifier"
    assert t("pas.une.cle") == "pas.une.cle"
