"""Headless widget tests: set values, click, read the feedback and the progress record."""

import pytest

import ocworkbook as ow
from ocworkbook.exercises.progress import ProgressLog


@pytest.fixture
def bank(engine_bank):
    return engine_bank


def _widget(exercise_id, bank):
    return ow.exercise(exercise_id, bank=bank).widget()


def test_single_choice_wrong_then_right(bank, private_state):
    w = _widget("m-unique", bank)
    assert w.solution_button.disabled  # policy: after one attempt
    w.input.widget.value = "b"
    w.check_button.click()
    assert "✗ Pas encore" in w.feedback.value and "confond deux idées" in w.feedback.value
    assert "Essais : 1" in w.attempts.value and not w.solution_button.disabled
    w.input.widget.value = "a"
    w.check_button.click()
    assert "✓ Bonne réponse" in w.feedback.value
    events = ProgressLog(private_state).read()
    assert [(e["event"], e["status"]) for e in events] == [("check", "incorrect"), ("check", "correct")]


def test_nothing_selected_gives_a_message_not_an_attempt(bank, private_state):
    w = _widget("m-unique", bank)
    w.check_button.click()
    assert "Choisissez une réponse" in w.feedback.value
    assert w.attempts.value == ""


def test_text_in_a_number_field(bank):
    w = _widget("m-nombre", bank)
    w.input.text.value = "vingt-deux"
    w.check_button.click()
    assert "n'est pas un nombre" in w.feedback.value and "Traceback" not in w.feedback.value
    w.input.text.value = "95"
    w.check_button.click()
    assert "anciens CSSS" in w.feedback.value
    w.input.text.value = "22"
    w.check_button.click()
    assert "✓" in w.feedback.value


def test_hints_come_one_at_a_time(bank, private_state):
    w = _widget("m-terme", bank)
    w.hint_button.click()
    assert "Indice 1/2" in w.hints.value and "Indice 2/2" not in w.hints.value
    w.hint_button.click()
    assert "Indice 2/2" in w.hints.value


def test_solution_policy_after_an_attempt(bank):
    w = _widget("m-nombre", bank)
    assert "après 1 essai" in w.question.solution()
    w.input.text.value = "13"
    w.check_button.click()
    w.solution_button.click()
    assert "22 établissements" in w.solution_area.value and "Vingt-deux" in w.solution_area.value


def test_ordering_with_buttons(bank):
    w = _widget("m-ordre", bank)
    key = ["un", "deux", "trois", "quatre"]
    assert w.input.get() != key  # shown shuffled
    for target, item in enumerate(key):  # bubble each item up with the ↑ buttons
        while w.input.get().index(item) > target:
            row = w.input.widget.children[w.input.get().index(item)]
            row.children[0].click()
    assert w.input.get() == key
    w.check_button.click()
    assert "✓" in w.feedback.value


def test_matching_with_dropdowns(bank):
    w = _widget("m-association", bank)
    w.input.dropdowns["e1"].value = "decision"
    w.check_button.click()
    assert "✗" in w.feedback.value and "Un bulletin informe" in w.feedback.value
    assert "2 éléments n'ont pas encore de catégorie" in w.feedback.value


def test_reflection_is_saved_and_comes_back(bank, private_state):
    w = _widget("m-reflexion", bank)
    text = " ".join(["mot"] * 45)
    w.input.text.value = text
    w.input.rubric[0].value = True
    w.check_button.click()
    assert "Votre réflexion (45 mots)" in w.feedback.value
    again = _widget("m-reflexion", bank)  # a new widget, as after a restart
    assert again.input.text.value == text
    entries = ow.journal().data
    assert "mot mot mot" in entries


def test_true_false_justification_goes_to_the_journal(bank, private_state):
    w = _widget("m-vf", bank)
    w.input.choice.value = "faux"
    w.input.justification.value = "Parce que le désaccord est normal."
    w.check_button.click()
    assert "✓" in w.feedback.value
    assert "le désaccord est normal" in ow.journal().data


def test_unknown_exercise_shows_a_french_message():
    missing = ow.exercise("99-nexiste-pas")
    assert "n'existe pas dans la banque" in repr(missing)
    assert missing.check("a").status == "invalide"


def test_progress_dashboard_and_export(bank, private_state, tmp_path):
    import json

    ow.exercise("m-nombre", bank=bank).check(22)
    chart = ow.progress(bank=bank)
    spec = chart.to_dict()
    assert "vconcat" in spec
    paths = ow.export_answers("Alex Tremblay", folder=tmp_path / "remise", bank=bank)
    payload = json.loads(paths["remise"].read_text(encoding="utf-8"))
    assert payload["reponses"]["m-nombre"]["statut"] == "correct"
    assert paths["remise"].name == "remise-alex-tremblay.json"
    from ocworkbook.exercises.submission import checksum

    assert payload["checksum"] == checksum(payload)
    assert "<html" in paths["journal"].read_text(encoding="utf-8")


def test_every_input_of_every_type_has_an_accessible_name(bank):
    """Radio groups, menus, text fields and text areas carry a label (their ``description``)."""
    import ipywidgets as w

    for ex_id in bank.exercises:
        box = _widget(ex_id, bank).input.widget
        stack = [box]
        while stack:
            widget = stack.pop()
            stack += list(getattr(widget, "children", ()))
            if isinstance(widget, (w.RadioButtons, w.Dropdown, w.Text, w.Textarea)):
                assert widget.description.strip(), (ex_id, type(widget).__name__)
            if isinstance(widget, (w.Checkbox, w.Button)):
                assert (widget.description or getattr(widget, "tooltip", "")).strip(), (ex_id, type(widget).__name__)
