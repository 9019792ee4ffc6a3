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


def test_plural_choices_count_a_value_the_message_shows():
    plural, field = re.compile(r"{(\w+)\|[^{}|]*\|[^{}|]*}"), re.compile(r"{(\w+)}")
    unknown = [(key, lang) for key, v in catalogue().items() for lang in ("fr", "en")
               if not set(plural.findall(v.get(lang, ""))) <= set(field.findall(v.get(lang, "")))]
    assert unknown == []


def test_counts_choose_singular_or_plural_by_each_languages_rule():
    assert t("widget.word_count", n=1, minimum=40) == "1 mot — on vise au moins 40 mots"
    assert t("widget.word_count", n=0, minimum=40).startswith("0 mot ")  # French: singular below 2
    assert t("widget.word_count", n=12, minimum=40).startswith("12 mots ")
    assert t("check.missing_options", n=1) == "Il manque encore 1 bonne réponse."
    assert t("check.missing_options", n=3) == "Il manque encore 3 bonnes réponses."
    assert t("check.order_pairs", good=1, total=10) == "1 paire d'éléments sur 10 est dans le bon ordre."
    assert t("widget.word_count", lang="en", n=0, minimum=40).startswith("0 words ")  # English: plural
    assert t("widget.word_count", lang="en", n=1, minimum=40).startswith("1 word ")


def test_no_message_a_learner_reads_hedges_its_plural_with_parentheses():
    core = yaml_messages("core.yml")
    hedged = [key for key, v in core.items() if key.startswith(("check.", "widget.", "solution.", "result.",
                                                                  "dashboard.", "export.", "start."))
              and re.search(r"\w\(s\)", v["fr"] + v["en"])]
    assert hedged == []


def yaml_messages(name):
    import yaml

    return yaml.safe_load((SRC / "locales" / name).read_text(encoding="utf-8"))
