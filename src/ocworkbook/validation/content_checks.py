"""Checks of what learners *read*: exercises that could be answered without thinking, and Markdown
that JupyterLab would typeset as mathematics.

:func:`answer_giveaways` (warnings): an exercise whose id, title, bold text or hint contains its
own answer; a notebook whose right options cluster at one position of the file or are
systematically the longest; a set of true/false questions that all have the same answer.
:func:`dollar_problems` (errors): two ``$`` in one Markdown text (« 400 M$ … 150 M$ ») make JupyterLab
typeset everything between them as a formula — and, in JupyterLab 4, writing ``\\$`` does not prevent it;
widget labels (options, elements, titles) are typeset too. One ``$`` alone is safe; beyond that, write the
amounts in words (« 400 millions de dollars »).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

from ..errors import BankError
from ..exercises.bank import Bank
from ..exercises.normalize import contains_words, normalize_text, parse_number
from ..i18n import t

MIN_QUESTIONS_FOR_PATTERNS = 3
CLUSTER_SHARE = 0.75
LONGEST_SHARE = 0.6
BOLD = re.compile(r"\*\*(.+?)\*\*|__(.+?)__")
DOLLAR = re.compile(r"\$")
CODE = re.compile(r"```.*?```|`[^`\n]*`", re.DOTALL)
NUMBER = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)?(?![\w])")


class ContentWarning(BankError):
    """Something a learner would notice that does not break the workbook (shown with ⚠)."""


def _where(ex) -> dict:
    return {"path": ex.path, "line": ex.line, "item": ex.id}


def _contains(text: str, answer: str) -> bool:
    """True if ``answer`` (four letters or more) is a run of whole words of ``text``."""
    return len(normalize_text(answer)) >= 4 and contains_words(text, answer)


def _given_answers(ex) -> tuple[list[str], list[float]]:
    """The right answer's texts and numbers, from the clear key."""
    forms = ex.kind.leak_forms(ex) if ex.key.clear else {}
    texts = list(forms.get("texts", ())) + [v for v in forms.get("option_texts", {}).values() if len(v.split()) <= 3]
    numbers = [value for value, _tolerance in forms.get("numbers", ())]
    return texts, numbers


def _numbers_in(text: str) -> list[float]:
    return [n for n in (parse_number(tok) for tok in NUMBER.findall(str(text))) if n is not None]


def answer_giveaways(bank: Bank) -> list[BankError]:
    warnings: list[BankError] = []
    for ex in bank.exercises.values():
        texts, numbers = _given_answers(ex)
        places = [(t("content.place.id"), ex.id.replace("-", " ")), (t("content.place.title"), ex.title)]
        places += [(t("content.place.bold"), m.group(1) or m.group(2)) for m in BOLD.finditer(ex.prompt)]
        places += [(t("content.place.hint", n=i), hint) for i, hint in enumerate(ex.hints, 1)]
        for place, text in places:
            if any(_contains(text, answer) for answer in texts) or \
                    any(abs(n - value) < 1e-9 for n in _numbers_in(text) for value in numbers):
                warnings.append(ContentWarning(t("content.giveaway", place=place), **_where(ex)))
                break
    for notebook in sorted(bank.notebooks):
        warnings += _position_patterns(bank.by_notebook(notebook), notebook)
    warnings += _position_patterns(list(bank.exercises.values()), t("content.whole_bank"),
                                   minimum=2 * MIN_QUESTIONS_FOR_PATTERNS)
    warnings += _true_false_balance(list(bank.exercises.values()))
    return warnings


def _position_patterns(exercises, notebook: str, minimum: int = MIN_QUESTIONS_FOR_PATTERNS) -> list[BankError]:
    """Where the (first) right option is written, and whether a right option is the longest."""
    single = []
    for ex in exercises:
        found = ex.kind.right_positions(ex) if ex.key.clear else None
        if found is not None and found[1]:
            single.append((ex, *found))
    if len(single) < minimum:
        return []
    positions, longest = Counter(), 0
    for _ex, options, right in single:
        positions[right[0]] += 1
        lengths = [len(o["texte"]) for o in options]
        if max(lengths[i] for i in right) == max(lengths) and lengths.count(max(lengths)) == 1:
            longest += 1
    where = {"path": single[0][0].path, "item": notebook}
    found = []
    position, count = positions.most_common(1)[0] if positions else (0, 0)
    if count / len(single) >= CLUSTER_SHARE:
        found.append(ContentWarning(t("content.cluster", n=count, total=len(single), position=position + 1), **where))
    if longest / len(single) >= LONGEST_SHARE:
        found.append(ContentWarning(t("content.longest", n=longest, total=len(single)), **where))
    return found


def _true_false_balance(exercises) -> list[BankError]:
    answers = Counter()
    first = None
    for ex in exercises:
        if ex.kind.two_way and ex.key.clear:
            answers[ex.kind.reference_answer(ex)] += 1
            first = first or ex
    total = sum(answers.values())
    if total >= MIN_QUESTIONS_FOR_PATTERNS and len(answers) == 1:
        word = t("widget.true") if next(iter(answers)) else t("widget.false")
        return [ContentWarning(t("content.true_false_one_answer", n=total, word=word), path=first.path,
                               item=t("content.whole_bank"))]
    return []


# --- « $ » in Markdown ---------------------------------------------------------------------------

def dollars(text: str) -> int:
    """How many ``$`` a text holds outside code spans, escaped or not: JupyterLab 4 typesets the text
    between two of them as a formula even when they are written ``\\$``."""
    return len(DOLLAR.findall(CODE.sub("", str(text))))


def _texts_of(value, path=()):
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _texts_of(item, (*path, str(key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts_of(item, (*path, str(index)))
    elif isinstance(value, str):
        yield ".".join(path), value


def dollar_problems(bank: Bank, root: Path) -> list[BankError]:
    errors: list[BankError] = []
    for ex in bank.exercises.values():
        fields = {"enonce": ex.prompt, "explication": ex.explanation, "indices": ex.hints, "titre": ex.title,
                  **ex.data}
        for field, text in _texts_of(fields):
            if field.startswith("calcul") or dollars(text) < 2:
                continue
            label = field.endswith(".texte") or field == "titre"  # a widget label: typeset too, and shown raw
            errors.append(BankError(t("content.dollars_label" if label else "content.dollars", field=field),
                                    **_where(ex)))
    for path in sorted((Path(root) / "notebooks").rglob("*.ipynb")):
        if ".ipynb_checkpoints" in path.parts:
            continue
        try:
            cells = json.loads(path.read_text(encoding="utf-8")).get("cells", [])
        except (OSError, ValueError):
            continue
        for number, cell in enumerate(cells, 1):
            if cell.get("cell_type") == "markdown" and dollars("".join(cell.get("source", ""))) >= 2:
                errors.append(BankError(t("content.dollars_cell", cell=number), path=str(path.relative_to(root))))
    return errors
