"""The learner-facing handle of one exercise: ``ex = ow.exercise("id")``.

Like Kaggle's learntools, the same object offers ``ex.check(answer)``, ``ex.hint()`` and
``ex.solution()``, and displays itself as a widget when it is the last value of a cell. Every
action is recorded in the progress log, so attempts, hints and reflections survive restarts.
"""

from __future__ import annotations

from ..i18n import t
from .bank import Bank, load_bank
from .check import INVALID, Result, check
from .model import Exercise
from .progress import ProgressLog, summarize
from .solution import solution_markdown

_settings = {"solution_policy": None}


def set_solution_policy(policy) -> None:
    """Override every exercise's solution policy: ``"toujours"``, ``"jamais"``, a number, or ``None``."""
    _settings["solution_policy"] = policy


class _Markdown(str):
    """A string that Jupyter shows as Markdown (returned by ``hint()`` and ``solution()``)."""

    def _repr_markdown_(self):
        return str(self)


class Question:
    """One exercise, with its checker, its hints, its solution and its record."""

    def __init__(self, exercise: Exercise, log: ProgressLog | None = None):
        self.exercise = exercise
        self.log = log or ProgressLog.default()
        self._widget = None

    # --- state derived from the log ---------------------------------------------------------
    def previous(self) -> dict:
        return summarize(self.log.read()).get(self.exercise.id, {})

    def attempt_count(self) -> int:
        return self.previous().get("attempts", 0)

    def hints_seen(self) -> int:
        return self.previous().get("hints", 0)

    def solution_allowed(self) -> bool:
        policy = _settings["solution_policy"]
        policy = self.exercise.solution_policy if policy is None else policy
        if policy == "toujours":
            return True
        if policy == "jamais":
            return False
        previous = self.previous()
        return previous.get("status") == "correct" or previous.get("attempts", 0) >= int(policy)

    # --- actions ------------------------------------------------------------------------------
    def check(self, answer, justification: str | None = None, **extra) -> Result:
        """Check an answer, record it, and return the result (shown as Markdown in a notebook)."""
        ex = self.exercise
        result = check(ex, answer)
        if result.attempted:
            fields = {"exercise": ex.id, "notebook": ex.notebook, "status": result.status, "score": result.score}
            if not ex.scored:
                self.log.append("reflection", text=result.answer, title=ex.title, prompt=ex.prompt, **fields,
                                **extra)
            else:
                self.log.append("check", answer=result.answer, **fields)
                if isinstance(justification, str) and justification.strip():
                    self.log.append("reflection", exercise=ex.id, notebook=ex.notebook, title=ex.title,
                                    prompt=t("widget.justify"), text=justification, status="complete",
                                    kind="justification")
        return result

    def hint(self, _display: bool = True) -> str:
        """Show the next hint (all hints seen so far, the newest last)."""
        hints = self.exercise.hints
        index = min(self.hints_seen(), len(hints) - 1)
        self.log.append("hint", exercise=self.exercise.id, notebook=self.exercise.notebook, hint=index)
        lines = [t("hint.title", n=i + 1, total=len(hints)) + " " + h for i, h in enumerate(hints[:index + 1])]
        if index == len(hints) - 1 and self.hints_seen() > len(hints):
            lines.append(t("hint.no_more"))
        return _Markdown("\n\n".join(lines))

    def solution(self, _display: bool = True, force: bool = False) -> str:
        """Show the solution and its explanation, if the solution policy allows it."""
        if not (force or self.solution_allowed()):
            policy = _settings["solution_policy"]
            policy = self.exercise.solution_policy if policy is None else policy
            key = "solution.never" if policy == "jamais" else "solution.not_yet"
            return _Markdown(t(key, n=policy))
        self.log.append("solution", exercise=self.exercise.id, notebook=self.exercise.notebook)
        return _Markdown(solution_markdown(self.exercise))

    # --- display ------------------------------------------------------------------------------
    def display_rng(self):
        """The random order this learner sees this exercise's options in (the same at every visit)."""
        import random

        return random.Random(f"{self.log.learner_id()}:{self.exercise.id}")

    def widget(self):
        """The ipywidgets front end (built once)."""
        if self._widget is None:
            from .widgets import ExerciseWidget

            self._widget = ExerciseWidget(self)
        return self._widget

    def _ipython_display_(self):
        from IPython.display import display

        display(self.widget().box)

    def __repr__(self):
        return f"<Exercice {self.exercise.id} ({self.exercise.type}) : {self.exercise.title}>"


class MissingQuestion:
    """Stands in for an id that the bank does not have: says so in French, never raises."""

    def __init__(self, message: str):
        self.message = message

    def check(self, answer=None, **_kw) -> Result:
        return Result(INVALID, 0.0, message=self.message)

    def hint(self, *_a, **_kw) -> str:
        return _Markdown(self.message)

    solution = hint

    def _ipython_display_(self):
        from IPython.display import display

        from .widgets import error_widget

        display(error_widget(self.message))

    def __repr__(self):
        return self.message


def exercise(exercise_id: str, bank: Bank | None = None):
    """Return the exercise ``exercise_id`` of the workbook's bank (shown as a widget in a cell)."""
    bank = bank or load_bank()
    found = bank.get(exercise_id)
    if found is not None:
        return Question(found)
    problems = [e for e in bank.errors if e.item == exercise_id]
    if problems:
        return MissingQuestion(t("api.exercise_invalid", id=exercise_id, problem=str(problems[0])))
    return MissingQuestion(t("api.exercise_unknown", id=exercise_id))
