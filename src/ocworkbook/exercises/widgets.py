"""ipywidgets front end over the pure checkers: collects an answer, shows the result.

Every widget here only gathers input and displays output; all judgement is in :mod:`.check`.
Feedback is always written as text with a symbol (✓ ✗ ◐) — colour only reinforces it.
Each input widget is reachable with the keyboard (buttons, radios, dropdowns, text fields), and
ordering uses up/down buttons rather than drag and drop.
"""

from __future__ import annotations

import html
import random

import ipywidgets as w

from ..i18n import t
from .check import COMPLETED, CORRECT, INCORRECT, INVALID, NOT_ATTEMPTED, PARTIAL, Result, word_count
from .solution import has_clear_key

COLOURS = {CORRECT: "#009E73", COMPLETED: "#009E73", PARTIAL: "#E69F00", INCORRECT: "#D55E00",
           NOT_ATTEMPTED: "#0072B2", INVALID: "#0072B2"}


def markdown_to_html(text: str) -> str:
    """Render a Markdown string (prompts, feedback) to HTML; falls back to escaped text."""
    from ..typography import french_spacing

    try:
        import mistune

        return mistune.html(french_spacing(text))
    except Exception:  # pragma: no cover - mistune ships with nbconvert
        return "<p>" + html.escape(text).replace("\n", "<br>") + "</p>"


def result_html(result: Result) -> str:
    """A result as an HTML block announced to screen readers (role=status)."""
    colour = COLOURS.get(result.status, "#0072B2")
    body = markdown_to_html(result.to_markdown())
    return (f'<div role="status" aria-live="polite" class="ocw-feedback ocw-{result.status}" '
            f'style="border-left:6px solid {colour};padding:0.3em 0.8em;margin:0.3em 0">{body}</div>')


def info_html(markdown: str, kind: str = "info") -> str:
    colour = {"info": "#0072B2", "hint": "#56B4E9", "solution": "#CC79A7", "error": "#D55E00"}[kind]
    return (f'<div class="ocw-{kind}" style="border-left:6px solid {colour};padding:0.3em 0.8em;'
            f'margin:0.3em 0">{markdown_to_html(markdown)}</div>')


# --- one input per type of question -----------------------------------------------------------

class _Input:
    """Base class: ``widget`` to display, ``get()`` the answer, ``set(answer)`` to restore it."""

    widget: w.Widget

    def get(self):  # pragma: no cover - abstract
        raise NotImplementedError

    def set(self, answer) -> None:  # pragma: no cover - abstract
        raise NotImplementedError


class SingleChoiceInput(_Input):
    def __init__(self, ex):
        options = [(html.unescape(o["texte"]), str(o["id"])) for o in ex.data["options"]]
        self.widget = w.RadioButtons(options=options, value=None, layout=w.Layout(width="auto"),
                                     description="", style={"description_width": "0px"})

    def get(self):
        return self.widget.value

    def set(self, answer):
        if answer in [v for _, v in self.widget.options]:
            self.widget.value = answer


class MultipleChoiceInput(_Input):
    def __init__(self, ex):
        self.boxes = {str(o["id"]): w.Checkbox(value=False, description=o["texte"], indent=False,
                                               layout=w.Layout(width="auto"))
                      for o in ex.data["options"]}
        self.widget = w.VBox(list(self.boxes.values()))

    def get(self):
        return [key for key, box in self.boxes.items() if box.value]

    def set(self, answer):
        for key, box in self.boxes.items():
            box.value = key in set(map(str, answer or []))


class TrueFalseInput(_Input):
    def __init__(self, ex):
        self.choice = w.RadioButtons(options=[(t("widget.true"), "vrai"), (t("widget.false"), "faux")],
                                     value=None)
        self.justification = None
        children = [self.choice]
        if ex.data.get("justification"):
            self.justification = w.Textarea(placeholder=t("widget.justify_placeholder"),
                                            layout=w.Layout(width="100%", height="5em"))
            children += [w.HTML(f"<b>{t('widget.justify')}</b>"), self.justification]
        self.widget = w.VBox(children)

    def get(self):
        return self.choice.value

    def set(self, answer):
        if answer in (True, "vrai"):
            self.choice.value = "vrai"
        elif answer in (False, "faux"):
            self.choice.value = "faux"


class TextInput(_Input):
    def __init__(self, ex, placeholder_key="widget.text_placeholder"):
        unit = ex.data.get("unite")
        self.text = w.Text(placeholder=t(placeholder_key), layout=w.Layout(width="22em"))
        self.widget = w.HBox([self.text, w.Label(unit)]) if unit else self.text

    def get(self):
        return self.text.value

    def set(self, answer):
        self.text.value = "" if answer is None else str(answer)


def display_order(ex) -> list[dict]:
    """Deterministic shuffle of the elements (seeded by the exercise id), never the key order."""
    elements = list(ex.data["elements"])
    shuffled = elements[:]
    rng = random.Random(ex.id)
    for _ in range(10):
        rng.shuffle(shuffled)
        if shuffled != elements or len(elements) < 2:
            break
    if shuffled == elements and len(elements) >= 2 and has_clear_key(ex):
        shuffled = elements[1:] + elements[:1]
    return shuffled


class OrderInput(_Input):
    def __init__(self, ex):
        self.by_id = {str(e["id"]): e for e in ex.data["elements"]}
        self.order = [str(e["id"]) for e in display_order(ex)]
        self.widget = w.VBox()
        self._render()

    def _button(self, label, tooltip, callback):
        button = w.Button(description=label, tooltip=tooltip, layout=w.Layout(width="3em"))
        button.on_click(lambda _b: callback())
        return button

    def _render(self):
        rows = []
        for position, key in enumerate(self.order):
            text = self.by_id[key]["texte"]
            up = self._button("↑", t("widget.move_up", item=text), lambda p=position: self.move(p, -1))
            down = self._button("↓", t("widget.move_down", item=text), lambda p=position: self.move(p, +1))
            up.disabled, down.disabled = position == 0, position == len(self.order) - 1
            rows.append(w.HBox([up, down, w.HTML(f"<b>{position + 1}.</b>&nbsp;{html.escape(text)}")]))
        self.widget.children = rows

    def move(self, position: int, step: int) -> None:
        """Move the element at ``position`` up (-1) or down (+1)."""
        target = position + step
        if 0 <= target < len(self.order):
            self.order[position], self.order[target] = self.order[target], self.order[position]
            self._render()

    def get(self):
        return list(self.order)

    def set(self, answer):
        if answer and sorted(map(str, answer)) == sorted(self.order):
            self.order = [str(a) for a in answer]
            self._render()


class MatchingInput(_Input):
    def __init__(self, ex):
        choices = [(t("widget.choose"), None)] + [(c["texte"], str(c["id"])) for c in ex.data["categories"]]
        self.dropdowns = {}
        rows = []
        for element in ex.data["elements"]:
            dropdown = w.Dropdown(options=choices, value=None, layout=w.Layout(width="16em"))
            self.dropdowns[str(element["id"])] = dropdown
            rows.append(w.HBox([dropdown, w.HTML(html.escape(element["texte"]))]))
        self.widget = w.VBox(rows)

    def get(self):
        return {key: d.value for key, d in self.dropdowns.items() if d.value is not None}

    def set(self, answer):
        for key, value in (answer or {}).items():
            if key in self.dropdowns and value in [v for _, v in self.dropdowns[key].options]:
                self.dropdowns[key].value = value


class ReflectionInput(_Input):
    def __init__(self, ex):
        self.minimum = int(ex.data.get("min_mots") or 30)
        self.text = w.Textarea(placeholder=t("widget.reflection_placeholder"),
                               layout=w.Layout(width="100%", height="10em"))
        self.count = w.Label(t("widget.word_count", n=0, minimum=self.minimum))
        self.text.observe(self._count, names="value")
        self.rubric = [w.Checkbox(value=False, description=item, indent=False, layout=w.Layout(width="auto"))
                       for item in ex.data["grille"]]
        self.widget = w.VBox([self.text, self.count, w.HTML(f"<b>{t('widget.rubric')}</b>"), *self.rubric])

    def _count(self, _change=None):
        self.count.value = t("widget.word_count", n=word_count(self.text.value), minimum=self.minimum)

    def get(self):
        return self.text.value

    def rubric_values(self) -> list[bool]:
        return [box.value for box in self.rubric]

    def set(self, answer):
        self.text.value = answer or ""
        self._count()


INPUTS = {
    "choix_unique": SingleChoiceInput,
    "choix_multiple": MultipleChoiceInput,
    "vrai_faux": TrueFalseInput,
    "numerique": lambda ex: TextInput(ex, "widget.number_placeholder"),
    "texte_court": TextInput,
    "ordre": OrderInput,
    "association": MatchingInput,
    "donnees": lambda ex: TextInput(ex, "widget.data_placeholder"),
    "reflexion": ReflectionInput,
}


class ExerciseWidget:
    """The whole exercise: prompt, input, « Vérifier », « Indice », « Voir la solution », feedback.

    ``question`` is the :class:`~ocworkbook.exercises.api.Question` that records events; the
    widget calls its ``check``/``hint``/``solution`` methods, so the widget and ``ex.check()``
    always agree.
    """

    def __init__(self, question):
        self.question = question
        ex = question.exercise
        self.input = INPUTS[ex.type](ex)
        reflection = ex.type == "reflexion"
        self.check_button = w.Button(description=t("widget.save" if reflection else "widget.check"),
                                     button_style="primary", icon="check",
                                     tooltip=t("widget.save_tip" if reflection else "widget.check_tip"),
                                     layout=w.Layout(width="auto"))
        self.hint_button = w.Button(description=t("widget.hint"), icon="lightbulb-o", tooltip=t("widget.hint_tip"),
                                    layout=w.Layout(width="auto"))
        self.solution_button = w.Button(description=t("widget.solution"), icon="eye",
                                        tooltip=t("widget.solution_tip"), layout=w.Layout(width="auto"))
        self.attempts = w.Label()
        self.feedback = w.HTML()
        self.hints = w.HTML()
        self.solution_area = w.HTML()
        self.check_button.on_click(lambda _b: self.on_check())
        self.hint_button.on_click(lambda _b: self.on_hint())
        self.solution_button.on_click(lambda _b: self.on_solution())
        meta = t("widget.meta", minutes=_minutes(ex.minutes), kind=t("type." + ex.type))
        header = (f"<h4 style='margin:0.2em 0'>{html.escape(ex.title)}</h4>"
                  f"<div class='ocw-meta' style='color:#555'>{meta}</div>")
        prompt = markdown_to_html(ex.prompt)
        if ex.type == "donnees":
            prompt += markdown_to_html(t("widget.data_note", dataset=ex.data["jeu_de_donnees"], id=ex.id))
        buttons = [self.check_button, self.hint_button] + ([] if reflection else [self.solution_button])
        self.box = w.VBox([w.HTML(header + prompt), self.input.widget, w.HBox(buttons + [self.attempts]),
                           self.feedback, self.hints, self.solution_area],
                          layout=w.Layout(border="1px solid #ccc", padding="0.5em", margin="0.5em 0"))
        self.box.add_class("ocw-exercise")
        self._restore()

    def _restore(self):
        """Show the learner's previous answer and status (they survive kernel restarts)."""
        previous = self.question.previous()
        if previous.get("answer") is not None:
            try:
                self.input.set(previous["answer"])
            except Exception:  # a restored answer must never break the widget
                pass
        if previous.get("status") not in (None, "non_tente"):
            self.feedback.value = info_html(t("widget.previous", status=t(f"result.{previous['status']}")))
        self._refresh()

    def _refresh(self):
        count = self.question.attempt_count()
        self.attempts.value = t("widget.attempts", n=count) if count else ""
        self.solution_button.disabled = not self.question.solution_allowed()

    def on_check(self) -> Result:
        justification = getattr(self.input, "justification", None)
        extra = {}
        if isinstance(self.input, ReflectionInput):
            extra["rubric"] = self.input.rubric_values()
        result = self.question.check(self.input.get(), justification=justification.value if justification else None,
                                     **extra)
        self.feedback.value = result_html(result)
        self._refresh()
        return result

    def on_hint(self) -> str:
        text = self.question.hint(_display=False)
        self.hints.value = info_html(text, "hint")
        return text

    def on_solution(self) -> str:
        text = self.question.solution(_display=False)
        self.solution_area.value = info_html(text, "solution")
        self._refresh()
        return text


def _minutes(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value).replace(".", ",")


def error_widget(message: str) -> w.HTML:
    """A French message in place of an exercise that cannot be shown (never a traceback)."""
    return w.HTML(info_html(message, "error"))
