"""Questionnaires as data: one YAML format for the partnership diagnostic's instruments, notebook 03's
diagnostic grid and notebook 07's self-assessment.

A questionnaire has a scale (``echelle``), optional interpretation bands (``bandes``) and partner types
(``types_acteurs``), and items grouped into dimensions (``dimensions``). An item may carry, besides its
text, a short label for charts (``court``), the meaning of both ends of the scale (``bas``, ``haut``),
a lever to discuss when it is rated low (``levier``), a weight (``poids``) and a reverse coding
(``inverse``). The files live in the workbook (``exercises/questionnaires/*.yml``, copied by
``ocworkbook start`` and shipped in both editions) or in the package (``tools/instruments/``), and every
one of them goes through the shared validator (:mod:`ocworkbook.validation.fields`): French messages
naming the file, the item and the line.

Scoring is pure: :meth:`Questionnaire.check_ratings`, :meth:`Questionnaire.dimension_means`,
:meth:`Questionnaire.weighted_mean`, :meth:`Questionnaire.band`, :meth:`Questionnaire.position`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .errors import BankError, DataError
from .i18n import t
from .validation.fields import Fields, Report, read_yaml, short, suggestion, yaml_files

FOLDER = ("exercises", "questionnaires")
ITEM_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
TOP_KEYS = ("nom", "titre", "version", "source", "carnet", "consigne", "mise_en_garde", "echelle",
            "types_acteurs", "bandes", "dimensions")
TOP_REQUIRED = ("nom", "titre", "source", "echelle", "dimensions")
SCALE_KEYS = ("min", "max", "libelles", "sans_reponse")
BAND_KEYS = ("min", "max", "etiquette", "sens")
DIMENSION_KEYS = ("titre", "items", "piste")
ITEM_KEYS = ("id", "texte", "court", "inverse", "bas", "haut", "levier", "poids")
MAX_SCALE_STEPS = 100
BAND_SLACK = 0.01  # a band ``max: 3.99`` still holds a mean of 3.995 rounded away


@dataclass(frozen=True)
class Scale:
    """The answer scale: whole numbers from ``low`` to ``high``, some with a label."""

    low: int
    high: int
    labels: dict = field(default_factory=dict)
    no_answer: str | None = None

    @property
    def values(self) -> tuple[int, ...]:
        return tuple(range(self.low, self.high + 1))

    @property
    def middle(self) -> float:
        return (self.low + self.high) / 2

    def label(self, value) -> str | None:
        return self.labels.get(int(value))


@dataclass(frozen=True)
class Band:
    """An interpretation band of a mean on the scale (``low`` ≤ mean ≤ ``high``)."""

    low: float
    high: float
    label: str
    meaning: str | None = None


@dataclass(frozen=True)
class Item:
    """One statement or question to rate."""

    id: str
    dimension: str
    text: str
    short: str | None = None
    reverse: bool = False
    low_anchor: str | None = None
    high_anchor: str | None = None
    lever: str | None = None
    weight: float = 1.0
    line: int | None = None

    @property
    def label(self) -> str:
        """The short label when there is one (charts), else the text."""
        return self.short or self.text


@dataclass(frozen=True)
class Dimension:
    """A group of items (a dimension of an instrument, a family of competencies)."""

    id: str
    title: str
    items: tuple[Item, ...]
    prompt: str | None = None


@dataclass(frozen=True)
class Questionnaire:
    """A validated questionnaire file."""

    name: str
    title: str
    source: str
    scale: Scale
    dimensions: dict
    bands: tuple[Band, ...] = ()
    partner_types: dict = field(default_factory=dict)
    version: str | None = None
    notebook: str | None = None
    instructions: str | None = None
    caveat: str | None = None
    path: str | None = None

    # --- reading ------------------------------------------------------------------------------
    @property
    def items(self) -> tuple[Item, ...]:
        return tuple(item for dimension in self.dimensions.values() for item in dimension.items)

    @property
    def item_ids(self) -> tuple[str, ...]:
        return tuple(item.id for item in self.items)

    def item(self, item_id: str) -> Item:
        for item in self.items:
            if item.id == item_id:
                return item
        raise DataError(t("questionnaire.unknown_item", item=item_id, suggestion=suggestion(item_id, self.item_ids),
                          choices=", ".join(self.item_ids)), path=self.path)

    def items_of(self, dimension: str) -> tuple[Item, ...]:
        return self.dimensions[dimension].items

    # --- scoring (pure) -----------------------------------------------------------------------
    def check_ratings(self, ratings: dict, *, complete: bool = False) -> dict[str, float]:
        """The answered ratings as numbers; unknown items, off-scale values and (if ``complete``) gaps refused.

        ``None`` means « not answered » and is left out.
        """
        known = set(self.item_ids)
        unknown = [str(k) for k in ratings if k not in known]
        if unknown:
            raise DataError(t("questionnaire.unknown_item", item=unknown[0],
                              suggestion=suggestion(unknown[0], self.item_ids), choices=", ".join(self.item_ids)))
        clean = {}
        for item_id in self.item_ids:
            value = ratings.get(item_id)
            if value is None:
                continue
            is_number = isinstance(value, (int, float)) and not isinstance(value, bool)
            if not is_number or not self.scale.low <= value <= self.scale.high:
                raise DataError(t("questionnaire.bad_rating", value=short(value), low=self.scale.low,
                                  high=self.scale.high), item=item_id)
            clean[item_id] = float(value)
        if complete:
            missing = [i for i in self.item_ids if i not in clean]
            if missing:
                raise DataError(t("questionnaire.missing", items=", ".join(missing)))
        return clean

    def scored(self, item: Item, value: float) -> float:
        """A rating turned around for a reverse-coded item (``min + max − value``)."""
        return self.scale.low + self.scale.high - value if item.reverse else value

    def dimension_means(self, ratings: dict) -> dict[str, tuple[float | None, int]]:
        """Per dimension: (mean of the answered items, number answered); ``None`` when nothing is answered."""
        clean = self.check_ratings(ratings)
        result = {}
        for code, dimension in self.dimensions.items():
            values = [self.scored(item, clean[item.id]) for item in dimension.items if item.id in clean]
            result[code] = (round(sum(values) / len(values), 2) if values else None, len(values))
        return result

    def weighted_mean(self, ratings: dict) -> float:
        """Weighted mean over every item (all must be answered)."""
        clean = self.check_ratings(ratings, complete=True)
        total = sum(item.weight for item in self.items)
        return sum(self.scored(item, clean[item.id]) * item.weight for item in self.items) / total

    def position(self, mean: float) -> float:
        """A mean on the scale as a position from 0 (scale minimum) to 100 (scale maximum)."""
        return round(100 * (mean - self.scale.low) / (self.scale.high - self.scale.low), 1)

    def band(self, mean) -> Band | None:
        """The interpretation band of a mean (the higher band wins at a shared boundary)."""
        if mean is None or mean != mean:
            return None
        for band in sorted(self.bands, key=lambda b: -b.low):
            if band.low - 1e-9 <= mean <= band.high + BAND_SLACK:
                return band
        return None


# --- files ------------------------------------------------------------------------------------------

def questionnaire_dir(root) -> Path:
    return Path(root).joinpath(*FOLDER)


def questionnaire_files(root) -> list[Path]:
    """Questionnaire files of workbook ``root`` (the ``*.nouveau.yml`` copies set by ``start`` left out)."""
    return yaml_files(questionnaire_dir(root))


def read_questionnaire(path, shown: str | None = None) -> tuple[list[BankError], Questionnaire | None]:
    """Parse and check one file: (every problem found, the questionnaire or ``None``)."""
    path = Path(path)
    report = Report(shown or str(path))
    data = read_yaml(path, report, expected=t("questionnaire.expected"))
    if data is None:
        return report.errors, None
    questionnaire = _parse(data, report, path)
    return report.errors, (None if report.errors else questionnaire)


def load_questionnaire(path, shown: str | None = None) -> Questionnaire:
    """Read one questionnaire file; raise its first problem (a :class:`BankError`)."""
    errors, questionnaire = read_questionnaire(path, shown)
    if errors:
        raise errors[0]
    return questionnaire


def find_questionnaire(name: str, root=None) -> Questionnaire:
    """Questionnaire ``name`` (its file name without ``.yml``) of the workbook (default: the current one)."""
    if root is None:
        from .paths import workbook_root

        root = workbook_root()
    root = Path(root)
    for candidate in (questionnaire_dir(root) / f"{name}.yml", questionnaire_dir(root) / f"{name}.yaml"):
        if candidate.is_file():
            return load_questionnaire(candidate, _shown(candidate, root))
    known = [p.stem for p in questionnaire_files(root)]
    raise BankError(t("questionnaire.not_found", name=name, suggestion=suggestion(name, known),
                      known=", ".join(known) or "—"), path=str(questionnaire_dir(root)))


def validate_questionnaires(root) -> list[BankError]:
    """Every problem of every questionnaire file of workbook ``root`` (what ``ocworkbook validate`` calls)."""
    problems = []
    for path in questionnaire_files(root):
        problems += read_questionnaire(path, _shown(path, Path(root)))[0]
    return problems


def _shown(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


# --- parsing ----------------------------------------------------------------------------------------

def _parse(data, report: Report, path: Path) -> Questionnaire | None:
    f = Fields(report, data)
    f.keys(TOP_KEYS, TOP_REQUIRED, where=t("questionnaire.where.top"))
    name = f.text("nom")
    if name is not None and name != path.stem:
        f.error("nom", t("questionnaire.name_mismatch", name=short(name), stem=path.stem))
    title, source = f.text("titre"), f.text("source")
    version = f.text("version", required=False)
    texts = {key: f.text(key, required=False) for key in ("carnet", "consigne", "mise_en_garde")}
    scale = _scale(data, report)
    bands = _bands(data, report, scale)
    partner_types = _labels(data, report, "types_acteurs")
    dimensions = _dimensions(data, report, scale)
    if report.errors or scale is None or not dimensions:
        return None
    return Questionnaire(name=name, title=title, source=source, scale=scale, dimensions=dimensions,
                         bands=tuple(bands), partner_types=partner_types, version=version,
                         notebook=texts["carnet"], instructions=texts["consigne"], caveat=texts["mise_en_garde"],
                         path=report.shown)


def _mapping(data, report: Report, key: str, item: str | None = None, required: bool = True):
    value = data.get(key)
    if value is None:
        if required:
            report.add(t("fields.missing_field", field=key), data.line_of(key), item)
        return None
    if not isinstance(value, dict):
        report.add(t("questionnaire.must_be_mapping", field=key), data.line_of(key), item)
        return None
    return value


def _scale(data, report: Report) -> Scale | None:
    raw = _mapping(data, report, "echelle")
    if raw is None:
        return None
    f = Fields(report, raw, "echelle")
    f.keys(SCALE_KEYS, ("min", "max"), where=t("questionnaire.where.scale"))
    low = f.number("min", integer=True, minimum=-1000, maximum=1000)
    high = f.number("max", integer=True, minimum=-1000, maximum=1000)
    if low is None or high is None:
        return None
    low, high = int(low), int(high)
    if high <= low or high - low > MAX_SCALE_STEPS:
        f.error("max", t("questionnaire.scale_order", low=low, high=high, steps=MAX_SCALE_STEPS))
        return None
    labels = {}
    raw_labels = _mapping(raw, report, "libelles", "echelle", required=False) or {}
    for key, text in raw_labels.items():
        line = raw_labels.line_of(key)
        number = key if isinstance(key, int) and not isinstance(key, bool) else None
        if number is None and isinstance(key, str) and key.strip().lstrip("-").isdigit():
            number = int(key)
        if number is None or not low <= number <= high:
            report.add(t("questionnaire.label_off_scale", value=short(key), low=low, high=high), line, "echelle")
            continue
        if isinstance(text, bool) or not isinstance(text, (str, int, float)) or not str(text).strip():
            report.add(t("fields.must_be_text", field=f"libelles.{number}"), line, "echelle")
            continue
        labels[number] = str(text)
    return Scale(low, high, labels, f.text("sans_reponse", required=False))


def _bands(data, report: Report, scale: Scale | None) -> list[Band]:
    if data.get("bandes") is None:
        return []
    bands = []
    for raw in Fields(report, data).items("bandes", ("etiquette",)):
        f = Fields(report, raw, "bandes")
        f.keys(BAND_KEYS, ("min", "max", "etiquette"), where=t("questionnaire.where.band"))
        low, high = f.number("min"), f.number("max")
        label, meaning = f.text("etiquette"), f.text("sens", required=False)
        if low is None or high is None or label is None:
            continue
        if high < low:
            f.error("max", t("questionnaire.band_order", label=short(label)))
            continue
        if scale is not None and (low < scale.low or high > scale.high):
            f.error("min", t("questionnaire.band_off_scale", label=short(label), low=scale.low, high=scale.high))
            continue
        for other in bands:
            if low < other.high and other.low < high:
                f.error("min", t("questionnaire.band_overlap", label=short(label), other=short(other.label)))
        bands.append(Band(float(low), float(high), label, meaning))
    return bands


def _labels(data, report: Report, key: str) -> dict:
    raw = _mapping(data, report, key, required=False)
    labels = {}
    for code, text in (raw or {}).items():
        if isinstance(text, bool) or not isinstance(text, (str, int, float)) or not str(text).strip():
            report.add(t("fields.must_be_text", field=f"{key}.{code}"), raw.line_of(code))
            continue
        labels[str(code)] = str(text)
    return labels


def _dimensions(data, report: Report, scale: Scale | None) -> dict:
    raw = _mapping(data, report, "dimensions")
    if raw is None:
        return {}
    if not raw:
        report.add(t("fields.too_few", field="dimensions", n=1), data.line_of("dimensions"))
        return {}
    dimensions, seen = {}, {}
    for code, body in raw.items():
        code = str(code)
        if not ITEM_ID.match(code):
            report.add(t("questionnaire.bad_id", value=short(code)), raw.line_of(code))
            continue
        if not isinstance(body, dict):
            report.add(t("questionnaire.dimension_fields", id=code), raw.line_of(code), code)
            continue
        f = Fields(report, body, code)
        f.keys(DIMENSION_KEYS, ("titre", "items"), where=t("questionnaire.where.dimension"))
        title, prompt = f.text("titre"), f.text("piste", required=False)
        items = []
        for element in f.items("items", ("id", "texte")):
            item = _item(element, code, report, scale, seen)
            if item is not None:
                items.append(item)
        if title is not None and items:
            dimensions[code] = Dimension(code, title, tuple(items), prompt)
    return dimensions


def _item(raw, dimension: str, report: Report, scale: Scale | None, seen: dict) -> Item | None:
    item_id = str(raw.get("id")).strip()
    f = Fields(report, raw, item_id)
    f.keys(ITEM_KEYS, ("id", "texte"), where=t("questionnaire.where.item"))
    if not ITEM_ID.match(item_id):
        f.error("id", t("questionnaire.bad_id", value=short(item_id)))
        return None
    if item_id in seen:
        f.error("id", t("questionnaire.duplicate_item", id=item_id, other=seen[item_id]))
        return None
    seen[item_id] = raw.line_of("id")
    texts = {key: f.text(key, required=key == "texte") for key in ("texte", "court", "bas", "haut", "levier")}
    reverse = f.boolean("inverse")
    weight = f.number("poids", required=False, positive=True, maximum=1000)
    if texts["texte"] is None or (raw.get("poids") is not None and weight is None):
        return None
    return Item(item_id, dimension, texts["texte"], texts["court"], bool(reverse), texts["bas"], texts["haut"],
                texts["levier"], float(weight if weight is not None else 1.0), raw.line_of("id"))
