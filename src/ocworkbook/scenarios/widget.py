"""Thin ipywidgets front end for a branching scenario.

All decisions go through :mod:`ocworkbook.scenarios.engine`; this module only turns states into
HTML (pure functions, testable on their own) and buttons into engine calls. Usage in a notebook::

    from ocworkbook.scenarios.widget import scenario_widget
    scenario_widget("le-programme-arrive")   # last line of a cell
"""

from __future__ import annotations

import html

from ocworkbook.i18n import t
from ocworkbook.scenarios import engine
from ocworkbook.scenarios.charts import debrief_chart, dimension_label, trajectory_chart
from ocworkbook.scenarios.model import DIMENSIONS, Choice, Scenario, choice_letter


def markdown_html(text: str) -> str:
    """Markdown → HTML, through the exercise widgets' renderer (French spacing included)."""
    from ocworkbook.exercises.widgets import markdown_to_html

    return markdown_to_html(text)


def signed(value: int) -> str:
    """« +1 », « 0 », « −1 » (a true minus sign, as French typography writes it)."""
    return f"+{value}" if value > 0 else (f"−{-value}" if value < 0 else "0")


def effects_text(choice: Choice) -> str:
    """« Coconstruction +1 · Participation citoyenne 0 · Faisabilité −1 »."""
    return " · ".join(f"{dimension_label(d)} {signed(choice.effect(d))}" for d in DIMENSIONS)


def steps_ahead(scenario: Scenario, step_id: str, seen: frozenset = frozenset()) -> int:
    """The most decisions a path can still take from ``step_id`` (that step included; loops taken once)."""
    step = scenario.steps.get(step_id)
    if step is None or step_id in seen:
        return 0
    inside = seen | {step_id}
    return 1 + max((steps_ahead(scenario, c.target, inside) for c in step.choices), default=0)


def progress_text(scenario: Scenario, state: engine.State, answered: bool = False) -> str:
    """« Étape 3 sur 5 » — the total is the longest path still possible, so it may shrink as you go."""
    done = len(state.history)
    if answered:  # the consequence of the decision just taken is on screen
        step_id = state.history[-1][0]
        number = done
        total = done - 1 + steps_ahead(scenario, step_id)
    else:
        number = done + 1
        total = done + steps_ahead(scenario, state.position)
    return t("scenarios.ui.progress", number=number, total=max(total, number))


def concepts_html(scenario: Scenario, concept_ids) -> str:
    """A list of concepts with the notebook that teaches each one."""
    items = []
    for concept_id in concept_ids:
        concept = scenario.concepts[concept_id]
        where = f" ({t('scenarios.ui.notebook', notebook=concept.notebook)})" if concept.notebook else ""
        summary = f" — {html.escape(concept.summary)}" if concept.summary else ""
        items.append(f"<li><b>{html.escape(concept.name)}</b>{html.escape(where)}{summary}</li>")
    return "<ul>" + "".join(items) + "</ul>" if items else ""


def step_html(scenario: Scenario, state: engine.State) -> str:
    """The current situation and its lettered choices."""
    step = engine.current_step(scenario, state)
    title = html.escape(step.title) if step.title else t("scenarios.ui.step_counter", number=len(state.history) + 1)
    choices = "".join(f"<li><b>{choice_letter(i)}.</b> {html.escape(c.text)}</li>"
                      for i, c in enumerate(step.choices))
    return (f"<h4>{title}</h4>"
            f"{markdown_html(step.text)}<p><b>{t('scenarios.ui.choose')}</b></p>"
            f"<ul style='list-style:none;padding-left:0'>{choices}</ul>")


def feedback_html(scenario: Scenario, state: engine.State) -> str:
    """What the last decision did, and why (shown before moving on)."""
    decision = engine.decisions(scenario, state)[-1]
    choice = decision.choice
    concepts = concepts_html(scenario, choice.concepts)
    concepts_block = f"<p><b>{t('scenarios.ui.concepts')}</b></p>{concepts}" if concepts else ""
    return (f"<p><i>{html.escape(t('scenarios.ui.you_chose', letter=decision.letter, text=choice.text))}</i></p>"
            f"<p><b>{t('scenarios.ui.consequence')}</b></p>{markdown_html(choice.explanation)}"
            f"<p><b>{t('scenarios.ui.effects')} :</b> {html.escape(effects_text(choice))}</p>{concepts_block}")


def debrief_html(scenario: Scenario, state: engine.State) -> str:
    """The ending, the score per dimension with the decisions behind it, and the concepts used."""
    report = engine.debrief(scenario, state)
    parts = [f"<h4>{html.escape(t('scenarios.ui.ending', title=report.ending.title))}</h4>",
             markdown_html(report.ending.text), f"<h4>{t('scenarios.ui.debrief')}</h4><ul>"]
    for result in report.results:
        line = t("scenarios.ui.dimension_line", name=dimension_label(result.dimension), total=signed(result.total),
                 lowest=signed(result.lowest), highest=signed(result.highest),
                 band=t(f"scenarios.band.{result.band}"))
        reasons = []
        for key, group in (("scenarios.ui.raised_by", result.raised_by),
                           ("scenarios.ui.lowered_by", result.lowered_by)):
            if group:
                names = " ; ".join(f"{d.step.title or d.step.id} ({d.letter}, "
                                   f"{signed(d.choice.effect(result.dimension))})" for d in group)
                reasons.append(f"{t(key)} : {html.escape(names)}")
        detail = "<br>".join(reasons) or t("scenarios.ui.nothing")
        parts.append(f"<li><b>{html.escape(line)}</b><br><small>{detail}</small></li>")
    parts.append(f"</ul><h4>{t('scenarios.ui.path')}</h4><ol>")
    for decision in report.decisions:
        title = decision.step.title or decision.step.id
        parts.append(f"<li><b>{html.escape(title)}</b> — {decision.letter}. {html.escape(decision.choice.text)}"
                     f"<br><small>{html.escape(effects_text(decision.choice))}</small></li>")
    parts.append("</ol>")
    if report.concepts:
        parts.append(f"<h4>{t('scenarios.ui.concepts_used')}</h4>{concepts_html(scenario, report.concepts)}")
    return "".join(parts)


class ScenarioWidget:
    """A scenario played with buttons: choose, read the consequence, continue, get the debrief.

    ``widget`` is the ipywidgets box to display; :meth:`choose`, :meth:`advance` and
    :meth:`restart` are what the buttons call, so tests can drive it without a browser.
    """

    def __init__(self, scenario: Scenario, show_charts: bool = True):
        import ipywidgets as w

        self.scenario = scenario
        self.state = engine.start(scenario)
        self.show_charts = show_charts
        self.awaiting_continue = False
        banner = f"<p style='color:#7a4b00'><b>{t('scenarios.ui.fictional')}</b></p>" if scenario.fictional else ""
        self._title = f"<h3>{html.escape(scenario.title)}</h3>{banner}"
        self._intro = markdown_html(scenario.context) if scenario.context else ""
        self.header = w.HTML()
        self.progress = w.HTML()
        self.body = w.HTML()
        self.feedback = w.HTML()
        self.buttons = w.HBox()
        self.charts = w.Output()
        self.continue_button = w.Button(description=t("scenarios.ui.continue"), button_style="primary")
        self.continue_button.on_click(lambda _: self.advance())
        self.restart_button = w.Button(description=t("scenarios.ui.restart"), icon="refresh")
        self.restart_button.on_click(lambda _: self.restart())
        self.widget = w.VBox([self.header, self.progress, self.body, self.feedback, self.buttons, self.charts,
                              w.HBox([self.restart_button])], layout=w.Layout(width="100%"))
        self._render()

    def _ipython_display_(self):
        from IPython.display import display

        display(self.widget)

    # actions -----------------------------------------------------------------------------------
    def choose(self, index: int) -> None:
        """Take choice ``index`` and show its consequence."""
        self.state = engine.choose(self.scenario, self.state, index)
        self.awaiting_continue = True
        self._render()

    def advance(self) -> None:
        """Leave the consequence and show the next step (or the debrief)."""
        self.awaiting_continue = False
        self._render()

    def restart(self) -> None:
        """Back to the first step, scores at zero."""
        self.state = engine.start(self.scenario)
        self.awaiting_continue = False
        self.charts.clear_output()
        self._render()

    # display -----------------------------------------------------------------------------------
    def choice_buttons(self) -> list:
        """The buttons currently offered (choices, or « Continuer »)."""
        return list(self.buttons.children)

    def _render(self) -> None:
        import ipywidgets as w

        first = not self.state.history
        self.header.value = self._title + (self._intro if first else "")
        if self.awaiting_continue:
            self.progress.value = f"<p class='ocw-progress'><b>{progress_text(self.scenario, self.state, True)}</b></p>"
            self.feedback.value = feedback_html(self.scenario, self.state)
            self.body.value = ""
            self.buttons.children = (self.continue_button,)
            return
        self.feedback.value = ""
        if engine.is_finished(self.scenario, self.state):
            self.progress.value = ""
            self.body.value = debrief_html(self.scenario, self.state)
            self.buttons.children = ()
            self._record()
            if self.show_charts:
                self._draw_charts()
            return
        self.progress.value = f"<p class='ocw-progress'><b>{progress_text(self.scenario, self.state)}</b></p>"
        self.body.value = step_html(self.scenario, self.state)
        step = engine.current_step(self.scenario, self.state)
        buttons = []
        for index, choice in enumerate(step.choices):
            button = w.Button(description=t("scenarios.ui.choice_button", letter=choice_letter(index)),
                              tooltip=choice.text, layout=w.Layout(width="auto"))
            button.on_click(lambda _, i=index: self.choose(i))
            buttons.append(button)
        self.buttons.children = tuple(buttons)

    def _record(self) -> None:
        """Keep the path in the learner's progress log (ending, choices, score per dimension)."""
        from ocworkbook.activities import record
        from ocworkbook.exercises.progress import ProgressLog

        report = engine.debrief(self.scenario, self.state)
        scores = {r.dimension: r.total for r in report.results}
        log = ProgressLog.default()
        log.append("scenario", scenario=self.scenario.id, notebook=self.scenario.notebook, ending=report.ending.id,
                   path=[[step, index] for step, index in self.state.history], scores=scores)
        letters = "".join(choice_letter(index) for _, index in self.state.history)
        record(f"scenario-{self.scenario.id}", {"fin": report.ending.id, "parcours": letters, "scores": scores},
               notebook=self.scenario.notebook, log=log)

    def _draw_charts(self) -> None:
        from IPython.display import display

        report = engine.debrief(self.scenario, self.state)
        self.charts.clear_output()
        with self.charts:
            display(debrief_chart(report) & trajectory_chart(engine.trajectory(self.scenario, self.state)))


def scenario_widget(name: str, root=None) -> ScenarioWidget:
    """Load scenario ``name`` from ``exercises/scenarios/``; the result displays itself in a notebook."""
    from ocworkbook.scenarios.load import find_scenario

    return ScenarioWidget(find_scenario(name, root))
