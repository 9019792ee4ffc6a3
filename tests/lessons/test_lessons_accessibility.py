"""Every control of the lesson widgets has an accessible name: ipywidgets sliders cannot carry one (their
handle has no label), so lessons use named menus and buttons; scale buttons carry their labels."""

from __future__ import annotations

import ipywidgets as w
import pytest

import ocworkbook as ow


def walk(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from walk(child)


def build_all(tmp_path):
    from ocworkbook.exercises.api import Question
    from ocworkbook.exercises.bank import load_bank
    from ocworkbook.exercises.progress import ProgressLog
    from ocworkbook.lessons import (
        chronologie,
        competences,
        deliberation_widget,
        participation_widget,
        recomposition_widget,
        registres,
        relations,
    )
    from ocworkbook.scenarios.widget import scenario_widget

    log = ProgressLog(tmp_path / ".ocworkbook")
    table = deliberation_widget.DeliberationTable(ow.load("ormeaux_preferences"), ow.load("ormeaux_raisons"))
    territory = recomposition_widget.territory_from_datasets(ow.load("mrc_acteurs"), ow.load("mrc_tables"),
                                                             ow.load("mrc_adhesions"))
    return {
        "01": chronologie.timeline_explorer(ow.load("chronologie")).widget,
        "02": relations.RelationsClassifier(Question(load_bank().get("02-relations-cote-aux-merles"), log)).widget,
        "03": registres.registers_grid().widget,
        "04-simulation": deliberation_widget.simulation_widget(table),
        "04-gradient": deliberation_widget.gradient_widget(),
        "05": recomposition_widget.redesign_widget(territory).widget,
        "06": participation_widget.audit_widget(ow.load("berges_decisions")).widget,
        "07": competences.self_assessment(log=log).widget,
        "08": scenario_widget("le-programme-arrive").widget,
    }


@pytest.fixture(scope="module")
def lesson_widgets(tmp_path_factory):
    return build_all(tmp_path_factory.mktemp("a11y"))


SLIDERS = (w.IntSlider, w.FloatSlider, w.IntRangeSlider, w.FloatRangeSlider, w.SelectionSlider,
           w.SelectionRangeSlider, w.FloatLogSlider)
NAMED_BY_LABEL = (w.Dropdown, w.SelectMultiple, w.Select, w.Text, w.Textarea, w.IntText, w.FloatText,
                  w.BoundedIntText, w.BoundedFloatText, w.Checkbox)


@pytest.mark.parametrize("name", ["01", "02", "03", "04-simulation", "04-gradient", "05", "06", "07", "08"])
def test_every_control_has_an_accessible_name(lesson_widgets, name):
    controls = list(walk(lesson_widgets[name]))
    assert not [c for c in controls if isinstance(c, SLIDERS)], "a slider has no accessible name"
    for control in controls:
        if isinstance(control, NAMED_BY_LABEL):
            assert control.description.strip(), (name, type(control).__name__)
        if isinstance(control, w.ToggleButtons):
            assert all(str(label).strip() for label in control._options_labels), name
            assert len(control.tooltips) == len(control._options_labels), name
        if isinstance(control, w.Button):
            assert control.description.strip(), name


def test_scale_buttons_say_what_the_ends_mean(lesson_widgets):
    toggles = [c for c in walk(lesson_widgets["07"]) if isinstance(c, w.ToggleButtons)]
    assert toggles and all(c._options_labels[0] == "1 = pas encore" for c in toggles)
    assert all(c._options_labels[-1].startswith("4 = ") for c in toggles)
