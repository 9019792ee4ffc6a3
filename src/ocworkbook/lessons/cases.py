"""Case files (``datasets/cas/*.yml``): the texts and parameters of a notebook's case, next to its datasets.

A case file says which activity it configures (``activite:``: relations, registres, deliberation,
recomposition, participation) and holds what an instructor may adapt without programming: the labels
of the codes found in the datasets, the pairs to classify, the default settings of a simulator, the
help text of a rule next to the parameter it explains. What each activity expects is written once,
below, as a small schema (:data:`SCHEMAS`); :func:`read_case` checks a file against it with the shared
validator (:mod:`ocworkbook.validation.fields`), so every problem names the file, the field and the line.
The widgets of :mod:`ocworkbook.lessons` read their case with :func:`find_case`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import BankError
from ..i18n import t
from ..validation.fields import Fields, Report, read_yaml, short, suggestion, yaml_files

FOLDER = ("datasets", "cas")

# A field is (kind, required, options). Kinds: text, number, integer, labels (code → text), pairs
# (id → [actor, actor]), codes (a list of codes), counts (code → whole number ≥ 0), profile
# (person → option → number), section (a nested schema).
SCHEMAS: dict[str, dict] = {
    "relations": {
        "exercice": ("text", True, {}),
        "types_acteurs": ("labels", True, {}),
        "paires": ("pairs", True, {}),
    },
    "registres": {
        "questionnaire": ("text", True, {}),
        "cotes": ("text", True, {}),
        "situations": ("labels", True, {}),
        "situation_libre": ("text", True, {}),
        "types_acteurs": ("labels", True, {}),
    },
    "deliberation": {
        "simulation": ("section", True, {"fields": {
            "ouverture": ("number", True, {"minimum": 0, "maximum": 1}),
            "poids_raisons": ("number", True, {"minimum": 0, "maximum": 1}),
            "tours": ("integer", True, {"minimum": 0, "maximum": 10}),
            "bruit": ("number", True, {"minimum": 0, "maximum": 0.3}),
            "graine": ("integer", True, {"minimum": 0, "maximum": 1_000_000}),
        }}),
        "gradient": ("section", True, {"fields": {
            "niveaux": ("labels", True, {"exactly": ("appui", "reserves", "partage", "desaccord_sans_blocage",
                                                     "blocage")}),
            "lectures": ("labels", True, {"exactly": ("vide", "blocage", "fragile", "reserves", "large")}),
            "seuil_reserves": ("number", True, {"minimum": 0, "maximum": 1}),
            "seuil_fragile": ("number", True, {"minimum": 0, "maximum": 1}),
            "proposition": ("text", True, {}),
            "exemple": ("counts", True, {"within": "niveaux"}),
        }}),
        "cycle": ("profile", True, {}),
        "secteurs": ("labels", True, {}),
    },
    "recomposition": {
        "groupe_suivi": ("section", True, {"fields": {
            "secteur": ("text", True, {}),
            "taille": ("text", True, {}),
            "libelle": ("text", True, {}),
        }}),
        "fusionner": ("section", True, {"fields": {"aide": ("text", True, {})}}),
        "lier": ("section", True, {"fields": {
            "aide": ("text", True, {}),
            "tailles_deleguees": ("codes", True, {}),
        }}),
        "coordonner": ("section", True, {"fields": {
            "aide": ("text", True, {}),
            "part_commune": ("number", True, {"minimum": 0, "maximum": 1}),
        }}),
        "table_des_tables": ("section", True, {"fields": {
            "id": ("text", True, {}),
            "nom": ("text", True, {}),
            "heures": ("number", True, {"minimum": 0, "maximum": 10_000}),
        }}),
        "charge_top": ("integer", True, {"minimum": 1, "maximum": 200}),
        "secteurs": ("labels", True, {}),
        "tailles": ("labels", True, {}),
        "logiques": ("labels", True, {}),
        "bailleurs": ("labels", True, {}),
    },
    "participation": {
        "residents": ("integer", True, {"minimum": 1, "maximum": 10_000}),
        "qui_decide": ("labels", True, {}),
        "horaire": ("labels", True, {}),
        "iap2": ("labels", True, {"exactly": ("1", "2", "3", "4", "5")}),
    },
}
COMMON = {"cas": ("text", True, {}), "activite": ("text", True, {}), "carnet": ("text", False, {})}


@dataclass(frozen=True)
class Case:
    """A validated case file: ``values`` holds its fields as plain Python values."""

    name: str
    activity: str
    values: dict
    path: str
    lines: dict  # field → line, to name the line of a value in a cross-check

    def __getitem__(self, key):
        return self.values[key]

    def get(self, key, default=None):
        return self.values.get(key, default)


def case_dir(root) -> Path:
    return Path(root).joinpath(*FOLDER)


def case_files(root) -> list[Path]:
    return yaml_files(case_dir(root))


def read_case(path, shown: str | None = None) -> tuple[list[BankError], Case | None]:
    """Every problem of one case file, and the case (``None`` when there is a problem)."""
    path = Path(path)
    report = Report(shown or str(path))
    data = read_yaml(path, report, expected=t("cases.expected"))
    if data is None:
        return report.errors, None
    f = Fields(report, data)
    activity = f.one_of("activite", sorted(SCHEMAS))
    name = f.text("cas")
    if name is not None and name != path.stem:
        f.error("cas", t("cases.name_mismatch", name=short(name), stem=path.stem))
    if activity is None:
        return report.errors, None
    schema = {**COMMON, **SCHEMAS[activity]}
    values = _section(report, data, schema, None, t("cases.where", activity=activity))
    if report.errors:
        return report.errors, None
    lines = {key: data.line_of(key) for key in data}
    return [], Case(name, activity, values, report.shown, lines)


def load_case(path, shown: str | None = None) -> Case:
    errors, case = read_case(path, shown)
    if errors:
        raise errors[0]
    return case


def find_case(name: str, root=None, activity: str | None = None) -> Case:
    """Case ``name`` (file name without ``.yml``) of the workbook at ``root`` (default: the current one)."""
    if root is None:
        from ..paths import workbook_root

        root = workbook_root()
    root = Path(root)
    for candidate in (case_dir(root) / f"{name}.yml", case_dir(root) / f"{name}.yaml"):
        if candidate.is_file():
            case = load_case(candidate, _shown(candidate, root))
            if activity is not None and case.activity != activity:
                raise BankError(t("cases.wrong_activity", name=name, found=case.activity, expected=activity),
                                path=case.path, line=case.lines.get("activite"))
            return case
    known = [p.stem for p in case_files(root)]
    raise BankError(t("cases.not_found", name=name, suggestion=suggestion(name, known), known=", ".join(known) or "—"),
                    path=str(case_dir(root)))


def validate_cases(root) -> list[BankError]:
    """Every problem of every case file of workbook ``root`` (what ``ocworkbook validate`` calls)."""
    problems = []
    for path in case_files(root):
        problems += read_case(path, _shown(path, Path(root)))[0]
    return problems


def _shown(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


# --- the small schema language ---------------------------------------------------------------------

def _section(report: Report, mapping, schema: dict, item: str | None, where: str) -> dict:
    f = Fields(report, mapping, item)
    f.keys(schema, [k for k, (_kind, required, _o) in schema.items() if required], where=where)
    values = {}
    for key, (kind, required, options) in schema.items():
        if mapping.get(key) is None:
            if required:
                f.error(key, t("fields.missing_field", field=key))
            continue
        label = key if item is None else f"{item}.{key}"
        values[key] = _value(report, f, mapping, key, kind, options, label, values)
    return values


def _value(report: Report, f: Fields, mapping, key: str, kind: str, options: dict, label: str, siblings: dict):
    line = mapping.line_of(key)
    raw = mapping[key]
    if kind == "text":
        return f.text(key)
    if kind in ("number", "integer"):
        value = f.number(key, minimum=options.get("minimum"), maximum=options.get("maximum"),
                         integer=kind == "integer")
        return int(value) if kind == "integer" and value is not None else value
    if kind == "section":
        if not isinstance(raw, dict):
            report.add(t("cases.must_be_mapping", field=label), line, label)
            return {}
        return _section(report, raw, options["fields"], label, t("cases.where_section", field=label))
    if kind == "codes":
        return f.text_list(key)
    if not isinstance(raw, dict) or not raw:
        report.add(t("cases.must_be_mapping", field=label), line, label)
        return {}
    if kind == "labels":
        return _labels(report, raw, label, options.get("exactly"))
    if kind == "pairs":
        return _pairs(report, raw, label)
    if kind == "counts":
        allowed = list(siblings.get(options.get("within"), {}))
        return _counts(report, raw, label, allowed)
    if kind == "profile":
        return _profile(report, raw, label)
    raise ValueError(kind)  # pragma: no cover - a developer error in SCHEMAS


def _labels(report: Report, raw, label: str, exactly) -> dict:
    labels = {}
    for code, text in raw.items():
        if isinstance(text, bool) or not isinstance(text, (str, int, float)) or not str(text).strip():
            report.add(t("fields.must_be_text", field=f"{label}.{code}"), raw.line_of(code), label)
            continue
        labels[str(code)] = str(text)
    if exactly is not None:
        unknown = [c for c in labels if c not in exactly]
        for code in unknown:
            report.add(t("cases.unknown_code", code=code, suggestion=suggestion(code, exactly), field=label,
                         allowed=", ".join(exactly)), raw.line_of(code), label)
        missing = [c for c in exactly if c not in labels]
        if missing:
            report.add(t("cases.missing_codes", field=label, codes=", ".join(missing)), raw.line, label)
    return labels


def _pairs(report: Report, raw, label: str) -> dict:
    pairs = {}
    for code, value in raw.items():
        good = (isinstance(value, list) and len(value) == 2 and all(isinstance(v, str) and v.strip() for v in value)
                and value[0] != value[1])
        if not good:
            report.add(t("cases.bad_pair", code=code), raw.line_of(code), label)
            continue
        pairs[str(code)] = (str(value[0]).strip(), str(value[1]).strip())
    return pairs


def _counts(report: Report, raw, label: str, allowed: list) -> dict:
    counts = {}
    for code, value in raw.items():
        if allowed and str(code) not in allowed:
            report.add(t("cases.unknown_code", code=code, suggestion=suggestion(code, allowed), field=label,
                         allowed=", ".join(allowed)), raw.line_of(code), label)
            continue
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 100_000:
            report.add(t("cases.bad_count", code=code, value=short(value)), raw.line_of(code), label)
            continue
        counts[str(code)] = value
    return counts


def _profile(report: Report, raw, label: str) -> dict:
    profile = {}
    for person, utilities in raw.items():
        if not isinstance(utilities, dict) or not utilities:
            report.add(t("cases.bad_profile", person=person), raw.line_of(person), label)
            continue
        row = {}
        for option, value in utilities.items():
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 10:
                report.add(t("cases.bad_utility", person=person, option=option, value=short(value)),
                           utilities.line_of(option), label)
                continue
            row[str(option)] = float(value)
        profile[str(person)] = row
    return profile
