"""ipywidgets front end over the pure checkers: collects an answer, shows the result.

Every widget here only gathers input and displays output; all judgement is in :mod:`.check`.
Each question type supplies its own input (:meth:`~.kinds.base.Kind.input`), shown in the order
this learner always sees it (options shuffled once per learner). Feedback is always written as
text with a symbol (✓ ✗ ◐) — colour only reinforces it. Each input is reachable with the keyboard
(buttons, radios, dropdowns, text fields); ordering uses up/down buttons rather than drag and drop.
"""

from __future__ import annotations

import html

import ipywidgets as w

from ..i18n import t
from .result import COMPLETED, CORRECT, INCORRECT, INVALID, NOT_ATTEMPTED, PARTIAL, Result

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


class ExerciseWidget:
    """The whole exercise: prompt, input, « Vérifier », « Indice », « Voir la solution », feedback.

    ``question`` is the :class:`~ocworkbook.exercises.api.Question` that records events; the
    widget calls its ``check``/``hint``/``solution`` methods, so the widget and ``ex.check()``
    always agree.
    """

    def __init__(self, question):
        self.question = question
        ex = question.exercise
        self.input = ex.kind.input(ex, question.display_rng())
        reflection = not ex.scored
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
        note = ex.kind.prompt_note(ex)
        if note:
            prompt += markdown_to_html(note)
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
        if hasattr(self.input, "rubric_values"):
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
