"""Proofs about a learner edition, given the instructor's clear key.

- :func:`verify_learner_checks`: every check still works (the key's answer passes, a wrong one
  fails, every accepted variant and the tolerance still work, feedback is intact);
- :func:`find_leaks`: no correct answer appears in clear anywhere in the edition.

What "in clear" covers (each an error naming file, exercise or cell):
- a key field left in the bank (``correct``, ``reponse``, ``reponses``, ``categorie``, ``calcul``,
  ``notes``), or an ordering stored in its correct order;
- in any text of an exercise that is not obscured (title, prompt, option and element texts…): an
  accepted text answer (as whole words, case and accents ignored), the numeric answer (as a number),
  or the text of a correct option outside that option;
- in the notebooks: a ``solution`` or ``notes-animation`` cell, saved outputs, a correct answer
  passed to ``.check(…)`` or assigned to ``reponse``, a correct option's text (4 words or more)
  quoted in a cell.
Narrative text is not searched for numbers or single words: a workbook about « coconstruction »
uses the word everywhere, and that is not a leak.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..errors import BankError
from ..exercises.bank import Bank, exercise_files, load_bank
from ..exercises.check import check
from ..exercises.key import OBSCURED_PREFIX
from ..exercises.model import Exercise
from ..exercises.normalize import contains_words, normalize_text, parse_number, within
from ..exercises.result import quote
from ..exercises.solution import NO_KEY, reference_answer, solution_markdown
from ..i18n import t
from .learner_bank import INSTRUCTOR_ONLY_FIELDS
from .notebooks import LEARNER_REMOVED_TAGS, cell_tags, read_notebook, workbook_notebooks

NUMBER_TOKEN = re.compile(r"(?<![\w.,])[-+]?\d+(?:[.,]\d+)?(?![\w]|[.,]\d)")
MIN_WORDS_FOR_OPTION_TEXT = 4


@dataclass
class Answers:
    """The correct answers of one exercise, in the forms a leak could take."""

    texts: set[str] = field(default_factory=set)          # normalized accepted texts
    numbers: list[tuple[float, float]] = field(default_factory=list)  # (value, tolerance)
    option_texts: dict[str, str] = field(default_factory=dict)        # option id → text (correct ones)
    order: list[str] | None = None
    key_fields: tuple[str, ...] = ()
    item_key_fields: dict = field(default_factory=dict)


def answers_of(ex: Exercise) -> Answers:
    """What counts as a correct answer of ``ex`` (from the clear key), as its question type says."""
    if not ex.key.clear:
        return Answers()
    forms = ex.kind.leak_forms(ex)
    return Answers(texts=set(forms.get("texts", ())), numbers=list(forms.get("numbers", ())),
                   option_texts=dict(forms.get("option_texts", {})), order=forms.get("order"),
                   key_fields=(*ex.kind.key_fields, *INSTRUCTOR_ONLY_FIELDS),
                   item_key_fields=dict(ex.kind.item_key_fields))


def contains_number(text: str, value: float, tolerance: float) -> bool:
    for token in NUMBER_TOKEN.findall(str(text)):
        number = parse_number(token)
        if number is not None and within(number, value, tolerance):
            return True
    return False


def _clear_strings(value, path=()):
    """(field path, text) for every string that is not obscured and not a hash or an id."""
    if isinstance(value, dict):
        for key, item in value.items():
            if str(key).endswith("_h") or key in ("id", "sel", "type", "jeu_de_donnees", "reponse_nature"):
                continue
            yield from _clear_strings(item, (*path, str(key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _clear_strings(item, (*path, str(index)))
    elif isinstance(value, str) and not value.startswith(OBSCURED_PREFIX):
        yield path, value


def _exercise_leaks(raw: dict, answers: Answers, where: dict) -> list[BankError]:
    errors = []

    def leak(reason):
        errors.append(BankError(t("editions.leak.bank", reason=reason), **where))

    for name in answers.key_fields:
        if name in raw:
            leak(t("editions.leak.key_field", field=name))
    for list_field, names in answers.item_key_fields.items():
        for name in names:
            if any(isinstance(item, dict) and name in item for item in raw.get(list_field) or []):
                leak(t("editions.leak.key_field", field=f"{list_field}.{name}"))
    if answers.order and len(answers.order) > 1:
        stored = [str(e.get("id")) for e in raw.get("elements") or [] if isinstance(e, dict)]
        if stored == answers.order:
            leak(t("editions.leak.order"))
    for path, text in _clear_strings(raw):
        shown = ".".join(path)
        if path and path[0] == "erreurs":
            continue  # wrong answers, stored in clear on purpose
        for wanted in answers.texts:
            if contains_words(text, wanted):
                leak(t("editions.leak.text", field=shown))
        for value, tolerance in answers.numbers:
            if contains_number(text, value, tolerance):
                leak(t("editions.leak.number", field=shown))
        for option_id, option_text in answers.option_texts.items():
            own = len(path) == 3 and path[0] == "options" and path[2] == "texte"
            if own:
                continue
            if normalize_text(option_text) and normalize_text(option_text) in normalize_text(text):
                leak(t("editions.leak.option", field=shown, option=option_id))
    return errors


def _literals(node) -> list:
    values = []
    for item in ast.walk(node):
        if isinstance(item, ast.Constant) and isinstance(item.value, (str, int, float)) \
                and not isinstance(item.value, bool):
            values.append(item.value)
    return values


def code_answers(source: str) -> list:
    """Literals passed to ``.check(...)`` or assigned to ``reponse`` in a code cell."""
    try:
        tree = ast.parse("\n".join(line for line in source.splitlines() if not line.lstrip().startswith(("%", "!"))))
    except SyntaxError:
        return []
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "check":
            for arg in [*node.args, *[k.value for k in node.keywords]]:
                found += _literals(arg)
        elif isinstance(node, ast.Assign) and any(isinstance(target, ast.Name) and target.id == "reponse"
                                                  for target in node.targets):
            found += _literals(node.value)
    return found


def _literal_matches(value, answers: Answers) -> bool:
    if isinstance(value, str):
        if normalize_text(value) in answers.texts:
            return True
        if normalize_text(value) in {normalize_text(v) for v in answers.option_texts.values()}:
            return True
    number = parse_number(value)
    return number is not None and any(within(number, v, tol) for v, tol in answers.numbers)


def _notebook_leaks(path: Path, root: Path, by_notebook: dict[str, list[Answers]]) -> list[BankError]:
    shown = str(path.relative_to(root))
    errors = []
    try:
        notebook = read_notebook(path)
    except (OSError, ValueError) as error:
        return [BankError(t("editions.leak.unreadable", error=error), path=shown)]
    answers = by_notebook.get(path.stem, []) or [a for group in by_notebook.values() for a in group]
    long_options = [normalize_text(text) for a in answers for text in a.option_texts.values()
                    if len(text.split()) >= MIN_WORDS_FOR_OPTION_TEXT]
    for number, cell in enumerate(notebook.get("cells", []), 1):
        where = {"path": shown, "item": t("editions.cell", n=number)}
        tags = cell_tags(cell) & LEARNER_REMOVED_TAGS
        if tags:
            errors.append(BankError(t("editions.leak.cell_tag", tag=", ".join(sorted(tags))), **where))
        if cell.get("outputs"):
            errors.append(BankError(t("editions.leak.outputs"), **where))
        source = "".join(cell.get("source", ""))
        if cell.get("cell_type") == "code":
            for value in code_answers(source):
                if any(_literal_matches(value, a) for a in answers):
                    errors.append(BankError(t("editions.leak.code", value=value), **where))
        folded = normalize_text(source)
        for option in long_options:
            if option and option in folded:
                errors.append(BankError(t("editions.leak.option_in_notebook"), **where))
                break
    return errors


def find_leaks(edition_root: Path, key_bank: Bank) -> list[BankError]:
    """Every correct answer of ``key_bank`` found in clear in the learner edition at ``edition_root``."""
    root = Path(edition_root)
    errors: list[BankError] = []
    by_notebook: dict[str, list[Answers]] = {}
    all_answers = {ex_id: answers_of(ex) for ex_id, ex in key_bank.exercises.items()}
    for ex in key_bank.exercises.values():
        by_notebook.setdefault(ex.notebook, []).append(all_answers[ex.id])
    for path in exercise_files(root):
        shown = str(path.relative_to(root))
        try:
            document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError) as error:
            errors.append(BankError(t("editions.leak.unreadable", error=error), path=shown))
            continue
        for raw in document.get("exercices") or []:
            if not isinstance(raw, dict):
                continue
            answers = all_answers.get(str(raw.get("id")))
            if answers is None:
                continue
            errors += _exercise_leaks(raw, answers, {"path": shown, "item": raw.get("id")})
    for path in workbook_notebooks(root):
        errors += _notebook_leaks(path, root, by_notebook)
    return errors


def _shown_texts(ex: Exercise) -> list:
    """What a learner reads besides check results: hints, explanation, tags, solution."""
    return [*ex.hints, ex.explanation, *ex.tags, solution_markdown(ex)]


def probes(ex: Exercise) -> list:
    """Right, partly right, wrong and odd answers for ``ex`` (from its clear key)."""
    return [*ex.kind.probes(ex), None, "", "   ", "???", 0, -1, 1e307, [], {}, ["?"], {"?": "?"},
            "<img src=x onerror=alert(1)>"]


def verify_learner_checks(key_bank: Bank, learner_bank: Bank) -> list[BankError]:
    """Prove that the learner bank shows the learner exactly what the clear key shows.

    Every probe answer gets the same verdict, score, feedback and message in both editions; hints,
    explanation, tags and the solution read the same.
    """
    errors = list(learner_bank.errors)
    for ex_id, key in key_bank.exercises.items():
        where = {"path": key.path, "line": key.line, "item": ex_id}
        learner = learner_bank.get(ex_id)
        if learner is None:
            errors.append(BankError(t("editions.verify.missing"), **where))
            continue
        if key.scored and reference_answer(learner) is not NO_KEY:
            errors.append(BankError(t("editions.verify.not_hashed"), **where))
        if _shown_texts(learner) != _shown_texts(key):
            errors.append(BankError(t("editions.verify.feedback"), **where))
        for answer in probes(key):
            expected, got = check(key, answer), check(learner, answer)
            if not got.same_for_learner(expected):
                errors.append(BankError(t("editions.verify.verdict", answer=quote(answer), got=got.status,
                                          expected=expected.status), **where))
    return errors


def verify_edition(edition_root: Path, key_bank: Bank) -> list[BankError]:
    """Both proofs at once, on a learner edition folder."""
    learner_bank = load_bank(Path(edition_root))
    return verify_learner_checks(key_bank, learner_bank) + find_leaks(edition_root, key_bank)
