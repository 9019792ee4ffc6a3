"""Read scenario files (``exercises/scenarios/*.yml``) and check them like the exercise bank.

Every problem becomes a :class:`~ocworkbook.errors.BankError` whose French message names the
file, the line and the step (or ending) to fix. :func:`check_file` collects all problems of one
file; :func:`load_scenario` raises the first; :func:`validate_scenarios` checks a whole workbook
(it is what ``ocworkbook validate`` calls).
"""

from __future__ import annotations

import re
from pathlib import Path

from ocworkbook.errors import BankError
from ocworkbook.i18n import t
from ocworkbook.scenarios import engine
from ocworkbook.scenarios.model import (
    DIMENSIONS,
    MAX_EFFECT,
    Choice,
    Concept,
    Ending,
    Scenario,
    Step,
    choice_letter,
)
from ocworkbook.validation.fields import Fields, Report, read_yaml, short, suggestion
from ocworkbook.yamllines import LineDict, LineList

SCENARIO_DIR = ("exercises", "scenarios")
ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")

TOP_KEYS = {"scenario": True, "titre": True, "depart": True, "etapes": True, "fins": True,
            "contexte": False, "fictif": False, "carnet": False, "concepts": False}
STEP_KEYS = {"id": True, "texte": True, "choix": True, "titre": False}
CHOICE_KEYS = {"texte": True, "vers": True, "explication": True, "effets": False, "concepts": False}
ENDING_KEYS = {"id": True, "titre": True, "texte": True}
CONCEPT_KEYS = {"nom": True, "carnet": False, "resume": False}


def scenario_dir(root: Path | str) -> Path:
    """The folder of scenario files inside workbook ``root``."""
    return Path(root).joinpath(*SCENARIO_DIR)


def scenario_files(root: Path | str) -> list[Path]:
    """Scenario files of workbook ``root``, sorted by name."""
    folder = scenario_dir(root)
    return sorted([*folder.glob("*.yml"), *folder.glob("*.yaml")]) if folder.is_dir() else []


def validate_scenarios(root: Path | str) -> list[BankError]:
    """Check every scenario file of workbook ``root``; return all problems (empty list: all good).

    Also reports two files declaring the same scenario id.
    """
    problems: list[BankError] = []
    seen: dict[str, str] = {}
    for path in scenario_files(root):
        shown = _shown_path(path, Path(root))
        errors, scenario = _check(path, shown)
        problems.extend(errors)
        if scenario is not None:
            if scenario.id in seen:
                problems.append(BankError(t("scenarios.err.duplicate_scenario", id=scenario.id,
                                            other=seen[scenario.id]), path=shown, line=1))
            seen[scenario.id] = shown
    return problems


def check_file(path: Path | str) -> list[BankError]:
    """All problems of one scenario file (empty list when it is valid)."""
    return _check(Path(path), str(path))[0]


def load_scenario(path: Path | str) -> Scenario:
    """Read and validate one scenario file; raise the first problem as a :class:`BankError`."""
    errors, scenario = _check(Path(path), str(path))
    if errors:
        raise errors[0]
    return scenario


def find_scenario(name: str, root: Path | str | None = None) -> Scenario:
    """Load scenario ``name`` (its file stem) from the workbook root (default: the current one)."""
    if root is None:
        from ocworkbook.paths import workbook_root

        root = workbook_root()
    folder = scenario_dir(root)
    for suffix in (".yml", ".yaml"):
        candidate = folder / f"{name}{suffix}"
        if candidate.is_file():
            return load_scenario(candidate)
    known = [p.stem for p in scenario_files(root)]
    raise BankError(t("scenarios.err.not_found", name=name, known=", ".join(known) or "—"),
                    path=str(folder))


# --- implementation ---------------------------------------------------------------------------

def _shown_path(path: Path, root: Path) -> str:
    try:
        return str(path.resolve().relative_to(root.resolve()))
    except ValueError:
        return str(path)


def _suggest(word: str, options) -> str:
    return suggestion(word, options)


class _Collector(Report):
    """The shared validator (:mod:`ocworkbook.validation.fields`) with the calls scenarios make."""

    def keys(self, mapping: LineDict, allowed: dict[str, bool], item: str | None) -> bool:
        """Report unknown and missing keys; True when every required key is there."""
        required = [key for key, needed in allowed.items() if needed]
        return Fields(self, mapping, item).keys(allowed, required=required)

    def text(self, mapping: LineDict, key: str, item: str | None) -> str | None:
        """The non-empty text under ``key``, or ``None`` (after reporting a problem, if it is malformed)."""
        value = Fields(self, mapping, item).text(key, required=False)
        return value.strip() if value is not None else None

    def identifier(self, mapping: LineDict, key: str, item: str | None) -> str | None:
        value = self.text(mapping, key, item)
        if value is not None and not ID_PATTERN.match(value):
            self.add(t("fields.bad_id", value=short(value)), mapping.line_of(key), item)
            return None
        return value

    def items(self, mapping: LineDict, key: str, item: str | None) -> LineList | None:
        """The non-empty list under ``key`` whose items are all mappings."""
        value = mapping.get(key)
        if value is None:
            return None
        found = Fields(self, mapping, item).items(key)
        return value if isinstance(value, list) and value and len(found) == len(value) else None


def _check(path: Path, shown: str) -> tuple[list[BankError], Scenario | None]:
    """Parse and check ``path``; return (errors, scenario or None)."""
    report = _Collector(shown)
    data = read_yaml(path, report, expected=t("scenarios.err.expected_start"))
    if data is None:
        return report.errors, None

    complete = report.keys(data, TOP_KEYS, None)
    scenario_id = report.identifier(data, "scenario", None)
    if scenario_id is not None and scenario_id != path.stem:
        report.add(t("scenarios.err.id_mismatch", id=scenario_id, stem=path.stem), data.line_of("scenario"))
    title = report.text(data, "titre", None)
    context = report.text(data, "contexte", None)
    notebook = report.text(data, "carnet", None)
    fictional = data.get("fictif", True)
    if not isinstance(fictional, bool):
        report.add(t("fields.must_be_bool", field="fictif"), data.line_of("fictif"))
    concepts = _concepts(data, report)
    steps = _steps(data, report, concepts)
    endings = _endings(data, report, steps)
    _targets(data, report, steps, endings)
    if report.errors or not complete:
        return report.errors, None

    scenario = Scenario(id=scenario_id, title=title, start=str(data["depart"]), steps=steps,
                        endings=endings, concepts=concepts, context=context,
                        fictional=bool(fictional), notebook=notebook, path=shown)
    _graph(scenario, report, data)
    return report.errors, (None if report.errors else scenario)


def _concepts(data: LineDict, report: _Collector) -> dict[str, Concept]:
    raw = data.get("concepts")
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        report.add(t("scenarios.err.concepts_mapping"), data.line_of("concepts"))
        return {}
    concepts = {}
    for key, value in raw.items():
        line = raw.line_of(key)
        if not ID_PATTERN.match(str(key)):
            report.add(t("fields.bad_id", value=short(key)), line, str(key))
            continue
        if not isinstance(value, dict):
            report.add(t("scenarios.err.concept_fields", id=key), line, str(key))
            continue
        report.keys(value, CONCEPT_KEYS, str(key))
        name = report.text(value, "nom", str(key))
        if name is not None:
            concepts[str(key)] = Concept(str(key), name, report.text(value, "carnet", str(key)),
                                         report.text(value, "resume", str(key)))
    return concepts


def _steps(data: LineDict, report: _Collector, concepts: dict[str, Concept]) -> dict[str, Step]:
    raw_steps = report.items(data, "etapes", None)
    steps: dict[str, Step] = {}
    first_line: dict[str, int] = {}
    for raw in raw_steps or []:
        step_id = report.identifier(raw, "id", None)
        label = step_id or t("scenarios.err.step_at", line=raw.line)
        report.keys(raw, STEP_KEYS, label)
        if step_id in first_line:
            report.add(t("scenarios.err.duplicate_id", id=step_id, other=first_line[step_id]),
                       raw.line_of("id"), step_id)
            continue
        text = report.text(raw, "texte", label)
        title = report.text(raw, "titre", label)
        choices = [_choice(raw_choice, report, f"{label}, {t('scenarios.err.choice', letter=choice_letter(i))}",
                           concepts)
                   for i, raw_choice in enumerate(report.items(raw, "choix", label) or [])]
        if step_id is not None:
            first_line[step_id] = raw.line_of("id")
            if text is not None and choices and all(c is not None for c in choices):
                steps[step_id] = Step(step_id, text, tuple(choices), title, raw.line)
    return steps


def _choice(raw: LineDict, report: _Collector, label: str, concepts: dict[str, Concept]) -> Choice | None:
    complete = report.keys(raw, CHOICE_KEYS, label)
    text = report.text(raw, "texte", label)
    target = report.text(raw, "vers", label)
    explanation = report.text(raw, "explication", label)
    effects = _effects(raw, report, label)
    used = _concept_refs(raw, report, label, concepts)
    if not complete or None in (text, target, explanation, effects, used):
        return None
    return Choice(text, target, explanation, effects, used, raw.line)


def _effects(raw: LineDict, report: _Collector, label: str) -> dict[str, int] | None:
    value = raw.get("effets")
    if value is None:
        return {}
    if not isinstance(value, dict):
        report.add(t("scenarios.err.effects_mapping", allowed=", ".join(DIMENSIONS)), raw.line_of("effets"), label)
        return None
    effects = {}
    for dimension, amount in value.items():
        line = value.line_of(dimension)
        if dimension not in DIMENSIONS:
            report.add(t("scenarios.err.unknown_dimension", dimension=dimension,
                         suggestion=_suggest(dimension, DIMENSIONS), allowed=", ".join(DIMENSIONS)),
                       line, label)
            continue
        if isinstance(amount, bool) or not isinstance(amount, int) or abs(amount) > MAX_EFFECT:
            report.add(t("scenarios.err.bad_effect", dimension=dimension, max=MAX_EFFECT, value=amount),
                       line, label)
            continue
        effects[dimension] = amount
    return effects if len(effects) == len(value) else None


def _concept_refs(raw: LineDict, report: _Collector, label: str,
                  concepts: dict[str, Concept]) -> tuple[str, ...] | None:
    value = raw.get("concepts")
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        report.add(t("scenarios.err.concept_list"), raw.line_of("concepts"), label)
        return None
    good = True
    for concept in value:
        if concept not in concepts:
            report.add(t("scenarios.err.unknown_concept", concept=concept,
                         suggestion=_suggest(concept, concepts)), raw.line_of("concepts"), label)
            good = False
    return tuple(value) if good else None


def _endings(data: LineDict, report: _Collector, steps: dict[str, Step]) -> dict[str, Ending]:
    endings: dict[str, Ending] = {}
    first_line: dict[str, int] = {}
    for raw in report.items(data, "fins", None) or []:
        ending_id = report.identifier(raw, "id", None)
        label = ending_id or t("scenarios.err.ending_at", line=raw.line)
        report.keys(raw, ENDING_KEYS, label)
        if ending_id in first_line or ending_id in steps:
            other = first_line.get(ending_id) or steps[ending_id].line
            report.add(t("scenarios.err.duplicate_id", id=ending_id, other=other), raw.line_of("id"), ending_id)
            continue
        title = report.text(raw, "titre", label)
        text = report.text(raw, "texte", label)
        if ending_id is not None:
            first_line[ending_id] = raw.line_of("id")
            if title is not None and text is not None:
                endings[ending_id] = Ending(ending_id, title, text, raw.line)
    return endings


def _targets(data: LineDict, report: _Collector, steps: dict[str, Step], endings: dict[str, Ending]) -> None:
    """Every ``vers`` and the ``depart`` must name a known step (or, for ``vers``, an ending)."""
    known = [*steps, *endings]
    start = data.get("depart")
    if start is not None and str(start) not in steps:
        report.add(t("scenarios.err.unknown_start", target=start, suggestion=_suggest(start, steps)),
                   data.line_of("depart"))
    for raw in data.get("etapes") or []:
        if not isinstance(raw, dict):
            continue
        for index, raw_choice in enumerate(raw.get("choix") or []):
            if not isinstance(raw_choice, dict) or raw_choice.get("vers") is None:
                continue
            target = str(raw_choice["vers"]).strip()
            if target not in known:
                label = f"{raw.get('id')}, {t('scenarios.err.choice', letter=choice_letter(index))}"
                report.add(t("scenarios.err.unknown_target", target=target, suggestion=_suggest(target, known)),
                           raw_choice.line_of("vers"), label)


def _graph(scenario: Scenario, report: _Collector, data: LineDict) -> None:
    """Whole-scenario checks: no dead end, nothing unreachable from the start."""
    for step_id in engine.dead_ends(scenario):
        report.add(t("scenarios.err.dead_end", id=step_id), scenario.steps[step_id].line, step_id)
    for node_id in engine.unreachable(scenario):
        node = scenario.node(node_id)
        key = "scenarios.err.unreachable_step" if node_id in scenario.steps else "scenarios.err.unreachable_ending"
        report.add(t(key, id=node_id, start=scenario.start), node.line, node_id)
