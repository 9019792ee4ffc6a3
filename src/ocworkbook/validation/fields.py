"""One validator for every YAML file an instructor edits: exercises, scenarios, questionnaires, instruments.

:func:`read_yaml` reads a file (size limit, French syntax messages, keys written twice, no aliases);
:class:`Fields` checks the fields of its mappings. Every problem becomes a
:class:`~ocworkbook.errors.BankError` whose French message names the file, the item (exercise id,
step…) and the line, with a « vouliez-vous écrire … ? » suggestion where a name looks like a typo.
"""

from __future__ import annotations

import difflib
import math
import re
from pathlib import Path

from ..errors import BankError
from ..i18n import t
from ..yamllines import LineDict, YamlSyntaxError, load_with_lines

MAX_FILE_BYTES = 2_000_000
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def suggestion(word, options) -> str:
    """`` (vouliez-vous écrire « x » ?)`` when ``word`` looks like a typo of one of ``options``."""
    guesses = difflib.get_close_matches(str(word), [str(o) for o in options], n=1, cutoff=0.6)
    return t("fields.suggest", guess=guesses[0]) if guesses else ""


class Report:
    """The problems found in one file, each with its line and item."""

    def __init__(self, shown: str):
        self.shown = shown
        self.errors: list[BankError] = []

    def add(self, message: str, line: int | None = None, item: str | None = None) -> None:
        self.errors.append(BankError(message, path=self.shown, line=line, item=item))

    def __bool__(self) -> bool:  # a report is "truthy" when it holds problems
        return bool(self.errors)


def yaml_files(folder: Path) -> list[Path]:
    """The YAML files an instructor edits in ``folder`` (the ``*.nouveau.*`` copies set by ``start`` left out)."""
    if not folder.is_dir():
        return []
    return sorted(p for p in [*folder.glob("*.yml"), *folder.glob("*.yaml")] if ".nouveau." not in p.name)


def read_yaml(path: Path, report: Report, *, expected: str = "") -> LineDict | None:
    """The top mapping of a YAML file (line-aware), or ``None`` after reporting why it cannot be read.

    ``expected`` is a French hint of how the file should start (e.g. « carnet: » puis « exercices: »).
    """
    try:
        size = Path(path).stat().st_size
        if size > MAX_FILE_BYTES:
            report.add(t("fields.too_large", size=round(size / 1_000_000, 1), limit=MAX_FILE_BYTES // 1_000_000))
            return None
        raw = Path(path).read_bytes()
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        report.add(t("fields.not_utf8"), raw.count(b"\n", 0, error.start) + 1)
        return None
    except OSError as error:
        report.add(t("fields.unreadable", reason=error.strerror or t("fields.unknown_reason")))
        return None
    try:
        data, duplicates = load_with_lines(text)
    except YamlSyntaxError as error:
        report.add(t("fields.yaml_syntax", problem=french_yaml_problem(error.detail)), error.line)
        return None
    for duplicate in duplicates:
        report.add(t("fields.duplicate_key", field=duplicate.key, other=duplicate.first_line), duplicate.line)
    if not isinstance(data, LineDict):
        report.add(t("fields.file_must_be_mapping", expected=expected or t("fields.some_fields")),
                   getattr(data, "line", None) or 1)
        return None
    return data


_YAML_PROBLEMS = (
    ("mapping values are not allowed", "fields.yaml.colon"),
    ("could not find expected ':'", "fields.yaml.missing_colon"),
    ("did not find expected key", "fields.yaml.indent"),
    ("expected <block end>", "fields.yaml.indent"),
    ("did not find expected '-' indicator", "fields.yaml.indent"),
    ("found character '\\t'", "fields.yaml.tab"),
    ("found unexpected end of stream", "fields.yaml.quote"),
    ("found unknown escape character", "fields.yaml.escape"),
    ("aliases are not allowed", "fields.yaml.alias"),
    ("found undefined alias", "fields.yaml.alias"),
    ("found unhashable key", "fields.yaml.key"),
    ("expected the node content", "fields.yaml.indent"),
    ("found character that cannot start any token", "fields.yaml.token"),
    ("found unacceptable character", "fields.yaml.character"),
    ("found a tab character", "fields.yaml.tab"),
    ("expected ',' or ']'", "fields.yaml.bracket"),
    ("expected ',' or '}'", "fields.yaml.bracket"),
)


def french_yaml_problem(detail: str) -> str:
    """PyYAML's English problem, said in French (never the English text itself)."""
    for english, key in _YAML_PROBLEMS:
        if english in str(detail):
            return t(key)
    return t("fields.yaml.other")


class Fields:
    """Checks the fields of the mappings of one file, reporting into ``report`` for ``item``."""

    def __init__(self, report: Report, mapping: dict, item: str | None = None):
        self.report, self.root, self.item = report, mapping, item

    # --- where --------------------------------------------------------------------------------
    def line(self, key=None, mapping=None) -> int | None:
        mapping = self.root if mapping is None else mapping
        if hasattr(mapping, "line_of") and key is not None:
            return mapping.line_of(key)
        return getattr(mapping, "line", None)

    def error(self, key, message: str, mapping=None) -> None:
        self.report.add(message, self.line(key, mapping), self.item)

    # --- shape --------------------------------------------------------------------------------
    def keys(self, allowed, required=(), mapping=None, where: str = "") -> bool:
        """Report unknown fields (with a suggestion) and missing required ones; True if none is missing."""
        mapping = self.root if mapping is None else mapping
        allowed = list(allowed)
        for key in mapping:
            if key not in allowed:
                self.error(key, t("fields.unknown_field", field=key, suggestion=suggestion(key, allowed),
                                  where=where or t("fields.here"), allowed=", ".join(map(str, allowed))), mapping)
        complete = True
        for key in required:
            if key not in mapping:
                self.error(None, t("fields.missing_field", field=key), mapping)
                complete = False
        return complete

    def text(self, key, mapping=None, required=True, max_chars: int = 20_000) -> str | None:
        mapping = self.root if mapping is None else mapping
        value = mapping.get(key)
        if value is None:
            if required:
                self.error(key, t("fields.missing_field", field=key), mapping)
            return None
        if isinstance(value, bool) or not isinstance(value, (str, int, float)) or not str(value).strip():
            self.error(key, t("fields.must_be_text", field=key), mapping)
            return None
        if len(str(value)) > max_chars:
            self.error(key, t("fields.text_too_long", field=key, n=max_chars), mapping)
            return None
        return str(value)

    def text_list(self, key, mapping=None, minimum: int = 1, required: bool = True) -> list[str]:
        mapping = self.root if mapping is None else mapping
        value = mapping.get(key)
        if value is None:
            if required:
                self.error(key, t("fields.missing_field", field=key), mapping)
            return []
        if isinstance(value, str):
            value = [value]
        if isinstance(value, list) and any(isinstance(v, dict) for v in value):
            self.error(key, t("fields.colon_in_list", field=key), mapping)
            return []
        if not isinstance(value, list) or not all(isinstance(v, (str, int, float)) and not isinstance(v, bool)
                                                  for v in value):
            self.error(key, t("fields.must_be_list", field=key), mapping)
            return []
        if any(not str(v).strip() for v in value):
            self.error(key, t("fields.empty_item", field=key), mapping)
            return []
        if len(value) < minimum:
            self.error(key, t("fields.too_few", field=key, n=minimum), mapping)
        return [str(v) for v in value]

    def number(self, key, mapping=None, required=True, positive=False, minimum=None, maximum=None,
               integer=False):
        mapping = self.root if mapping is None else mapping
        value = mapping.get(key)
        if value is None:
            if required:
                self.error(key, t("fields.missing_field", field=key), mapping)
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            self.error(key, t("fields.must_be_number", field=key, value=short(value)), mapping)
            return None
        if integer and value != int(value):
            self.error(key, t("fields.must_be_integer", field=key, value=short(value)), mapping)
            return None
        if positive and value <= 0:
            self.error(key, t("fields.must_be_positive", field=key), mapping)
            return None
        if minimum is not None and value < minimum:
            self.error(key, t("fields.too_small", field=key, minimum=minimum), mapping)
            return None
        if maximum is not None and value > maximum:
            self.error(key, t("fields.too_large_number", field=key, maximum=maximum), mapping)
            return None
        return value

    def boolean(self, key, mapping=None, required=False):
        mapping = self.root if mapping is None else mapping
        value = mapping.get(key)
        if value is None:
            if required:
                self.error(key, t("fields.missing_field", field=key), mapping)
            return None
        if not isinstance(value, bool):
            self.error(key, t("fields.must_be_bool", field=key), mapping)
            return None
        return value

    def one_of(self, key, choices, mapping=None, required=True):
        mapping = self.root if mapping is None else mapping
        value = mapping.get(key)
        if value is None:
            if required:
                self.error(key, t("fields.missing_field", field=key), mapping)
            return None
        if str(value) not in [str(c) for c in choices]:
            self.error(key, t("fields.not_one_of", field=key, value=short(value), suggestion=suggestion(value, choices),
                              choices=", ".join(map(str, choices))), mapping)
            return None
        return str(value)

    def identifier(self, key, mapping=None, required=True) -> str | None:
        value = self.text(key, mapping, required)
        if value is not None and not ID_PATTERN.match(value):
            self.error(key, t("fields.bad_id", value=short(value)), mapping)
            return None
        return value

    def items(self, key, required_fields=(), minimum: int = 1, mapping=None, required=True) -> list[dict]:
        """A list of mappings (options, elements, steps…); ids, when required, must be unique."""
        mapping = self.root if mapping is None else mapping
        value = mapping.get(key)
        if value is None:
            if required:
                self.error(key, t("fields.missing_field", field=key), mapping)
            return []
        if not isinstance(value, list):
            self.error(key, t("fields.must_be_list", field=key), mapping)
            return []
        if len(value) < minimum:
            self.error(key, t("fields.too_few", field=key, n=minimum), mapping)
            return []
        seen, found = set(), []
        for index, element in enumerate(value):
            if not isinstance(element, dict):
                line = value.line_of(index) if hasattr(value, "line_of") else self.line(key, mapping)
                self.report.add(t("fields.item_must_be_mapping", field=key), line, self.item)
                continue
            good = True
            for name in required_fields:
                if name == "id":
                    raw_id = element.get("id")
                    if isinstance(raw_id, bool) or not isinstance(raw_id, (str, int)) or not str(raw_id).strip():
                        self.error("id", t("fields.missing_field", field=f"{key}.id"), element)
                        good = False
                        continue
                    if str(raw_id) in seen:
                        self.error("id", t("fields.duplicate_item", field=key, id=short(raw_id)), element)
                        good = False
                    seen.add(str(raw_id))
                elif self.text(name, element) is None:
                    good = False
            if good:
                found.append(element)
        return found


def short(value, limit: int = 40) -> str:
    """A value as a short, readable text for a message (never a long repr)."""
    if isinstance(value, str):
        text = value
    elif isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, (int, float)):
        text = str(value)
    elif isinstance(value, dict):
        return t("fields.value.mapping")
    elif isinstance(value, (list, tuple)):
        return t("fields.value.list")
    elif value is None:
        return t("fields.value.empty")
    else:
        return t("fields.value.other")
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
