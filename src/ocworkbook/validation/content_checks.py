"""Checks of what learners *read*: exercises that could be answered without thinking, and Markdown
that JupyterLab would typeset as mathematics.

:func:`answer_giveaways` (warnings): an exercise whose id, title, bold text or hint contains its
own answer (an id or a title also by a long word that only right options use); a notebook whose right options
cluster at one position of the file or are systematically the longest; across the bank, right options
that are almost never the longest or usually the shortest (the inverse cue), a word of tone
(« puisque », « par définition »…) that only wrong options use, true/false statements whose verb gives
the answer (« peut » always true, « forcément » always false), a set of true/false questions that all
have the same answer.
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
# A bank-wide pattern needs this many choice questions before it means anything.
MIN_QUESTIONS_FOR_BANK_PATTERNS = 8
SHORTEST_SHARE = 0.6
NEVER_LONGEST_FACTOR = 3        # right options longest 3 times less often than chance would make them
DISTINCTIVE_LENGTH = 6
# Words that make an option sound wrong (a justification, an absolute): used only in wrong options,
# they let a learner answer by tone. A marker in 4 wrong options and no right one is reported.
TONE_MARKERS = ("puisque", "seulement", "toujours", "jamais", "aucun", "aucune", "forcement",
                "par definition", "par nature", "ne change rien", "des que", "pleinement", "objectivement",
                "epargner", "suffit")
TONE_MIN_WRONG = 4
# True/false statements: « peut » tends to be true, absolutes false; when every one follows, the verb answers.
MAY_WORDS = ("peut", "peuvent", "pourrait", "pourraient")
ABSOLUTE_WORDS = ("forcement", "toujours", "jamais", "chaque", "donc", "aucun", "aucune", "seul", "seule")
WORD = re.compile(r"\w+")
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
    """The right answer's texts and numbers, from the clear key, and the words only right options use."""
    forms = ex.kind.leak_forms(ex) if ex.key.clear else {}
    texts = list(forms.get("texts", ())) + [v for v in forms.get("option_texts", {}).values() if len(v.split()) <= 3]
    numbers = [value for value, _tolerance in forms.get("numbers", ())]
    return texts, numbers


def _words(text: str) -> set[str]:
    return {normalize_text(w) for w in WORD.findall(str(text))}


def _distinctive_words(ex) -> list[str]:
    """Long words that appear in a right option and in no wrong one: in an id or a title, they point to it."""
    found = ex.kind.right_positions(ex) if ex.key.clear else None
    if not found or not found[1]:
        return []
    options, right = found
    wrong_words = set().union(*(_words(o["texte"]) for i, o in enumerate(options) if i not in right))
    right_words = set().union(*(_words(options[i]["texte"]) for i in right))
    return sorted(w for w in right_words - wrong_words if len(w) >= DISTINCTIVE_LENGTH)


def _numbers_in(text: str) -> list[float]:
    return [n for n in (parse_number(tok) for tok in NUMBER.findall(str(text))) if n is not None]


def answer_giveaways(bank: Bank) -> list[BankError]:
    warnings: list[BankError] = []
    for ex in bank.exercises.values():
        texts, numbers = _given_answers(ex)
        own = texts + _distinctive_words(ex)  # an id or a title naming what only the right option says
        places = [(t("content.place.id"), ex.id.replace("-", " "), own), (t("content.place.title"), ex.title, own)]
        places += [(t("content.place.bold"), m.group(1) or m.group(2), texts) for m in BOLD.finditer(ex.prompt)]
        places += [(t("content.place.hint", n=i), hint, texts) for i, hint in enumerate(ex.hints, 1)]
        for place, text, answers in places:
            if any(_contains(text, answer) for answer in answers) or \
                    any(abs(n - value) < 1e-9 for n in _numbers_in(text) for value in numbers):
                warnings.append(ContentWarning(t("content.giveaway", place=place), **_where(ex)))
                break
    for notebook in sorted(bank.notebooks):
        warnings += _position_patterns(bank.by_notebook(notebook), notebook)
    warnings += _position_patterns(list(bank.exercises.values()), t("content.whole_bank"),
                                   minimum=2 * MIN_QUESTIONS_FOR_PATTERNS)
    every = list(bank.exercises.values())
    warnings += _true_false_balance(every)
    warnings += _length_patterns(every) + _tone_markers(every) + _modal_true_false(every)
    return warnings


def _choices(exercises):
    """(exercise, option texts, right positions) of every choice question with a clear key."""
    for ex in exercises:
        found = ex.kind.right_positions(ex) if ex.key.clear else None
        if found is not None and found[1] and len(found[0]) >= 3:
            yield ex, [o["texte"] for o in found[0]], found[1]


def _length_patterns(exercises) -> list[BankError]:
    """Across the bank: right options never the longest, or usually the shortest (the inverse cue)."""
    questions = list(_choices(exercises))
    if len(questions) < MIN_QUESTIONS_FOR_BANK_PATTERNS:
        return []
    longest = shortest = 0
    expected = 0.0
    for _ex, texts, right in questions:
        lengths = [len(x) for x in texts]
        if lengths.count(max(lengths)) == 1 and lengths.index(max(lengths)) in right:
            longest += 1
        if lengths.count(min(lengths)) == 1 and lengths.index(min(lengths)) in right:
            shortest += 1
        expected += len(right) / len(texts)
    where = {"path": questions[0][0].path, "item": t("content.whole_bank")}
    total, found = len(questions), []
    if longest * NEVER_LONGEST_FACTOR <= expected:
        found.append(ContentWarning(t("content.never_longest", n=longest, total=total,
                                      expected=round(expected)), **where))
    if shortest / total >= SHORTEST_SHARE:
        found.append(ContentWarning(t("content.shortest", n=shortest, total=total), **where))
    return found


ELIDED = {"puisque": "puisqu"}  # « puisqu'il » is the same word


def _has(text: str, marker: str) -> bool:
    if " " in marker:
        return contains_words(text, marker)
    words = _words(text)
    return marker in words or ELIDED.get(marker) in words


def _tone_markers(exercises) -> list[BankError]:
    """A word that only wrong options use (« puisque », « par définition »…) gives them away."""
    questions = list(_choices(exercises))
    found = []
    for marker in TONE_MARKERS:
        wrong = right = 0
        for _ex, texts, right_positions in questions:
            for i, text in enumerate(texts):
                if _has(text, marker):
                    if i in right_positions:
                        right += 1
                    else:
                        wrong += 1
        if wrong >= TONE_MIN_WRONG and right == 0:
            found.append(ContentWarning(t("content.tone_marker", word=marker, n=wrong),
                                        path=questions[0][0].path, item=t("content.whole_bank")))
    return found


def _modal_true_false(exercises) -> list[BankError]:
    """True/false statements where « peut » always means true, or an absolute always means false."""
    statements = [(ex, ex.kind.reference_answer(ex)) for ex in exercises if ex.kind.two_way and ex.key.clear]
    found = []
    for words, answer, key in ((MAY_WORDS, True, "content.tf_may"), (ABSOLUTE_WORDS, False, "content.tf_absolute")):
        matching = [value for ex, value in statements if _words(ex.prompt) & set(words)]
        if len(matching) >= MIN_QUESTIONS_FOR_PATTERNS and all(bool(v) == answer for v in matching):
            found.append(ContentWarning(t(key, n=len(matching)), path=statements[0][0].path,
                                        item=t("content.whole_bank")))
    return found


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
