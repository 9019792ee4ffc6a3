"""Notebooks 00–04: the facts and attributions a review corrected, exercises that cannot be answered without
the lesson, honest durations, and screens without drafts or typeset dollars.

Each test holds one correction of issue 10, so a later edit that reintroduces the error fails here.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
STEMS = ("00-demarrer", "01-contexte", "02-concertation-partenariat", "03-instrumentalisation-coconstruction",
         "04-interet-general-deliberation")
CODE_SPAN = re.compile(r"```.*?```|`[^`\n]*`", re.DOTALL)


def _notebook(stem: str) -> dict:
    return json.loads((ROOT / "notebooks" / f"{stem}.ipynb").read_text(encoding="utf-8"))


def _source(cell) -> str:
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]


def _markdown(stem: str) -> list[str]:
    return [_source(c) for c in _notebook(stem)["cells"] if c["cell_type"] == "markdown"]


def _bank(stem: str) -> dict[str, dict]:
    data = yaml.safe_load((ROOT / "exercises" / f"{stem}.yml").read_text(encoding="utf-8"))
    return {e["id"]: e for e in data["exercices"]}


def _learner_text(stem: str) -> str:
    """Everything a learner reads for one notebook: its Markdown and its exercise file."""
    return "\n".join(_markdown(stem)) + "\n" + (ROOT / "exercises" / f"{stem}.yml").read_text(encoding="utf-8")


def _references(stem: str) -> str:
    cells = _markdown(stem)
    assert cells[-1].startswith("## Références"), f"{stem} : les références doivent fermer le carnet"
    return cells[-1]


# --- facts ---------------------------------------------------------------------------------------

def test_loi_65_is_dated_december_1971_everywhere():
    places = [*ROOT.glob("notebooks/**/*.ipynb"), *ROOT.glob("notebooks/animation/notes/*.yml"),
              *ROOT.glob("exercises/**/*.yml"), *ROOT.glob("datasets/**/*.csv"),
              *ROOT.glob("src/ocworkbook/locales/*.yml")]
    wrong = [p.relative_to(ROOT) for p in places if "19 juillet 1971" in p.read_text(encoding="utf-8")]
    assert not wrong, f"la Loi 65 n'a pas été adoptée le 19 juillet 1971 : {wrong}"
    import ocworkbook as ow

    row = ow.load("chronologie").query("debut == 1971").iloc[0]
    assert "Loi 65" in row.evenement and "décembre 1971" in row.date and "unanimité" in row.evenement
    notebook = "\n".join(_markdown("01-contexte"))
    assert "adoptée en décembre 1971" in notebook
    assert "décembre 1971" in _bank("01-contexte")["01-trajectoire-ordre"]["elements"][0]["retroaction"]


def test_loi_f4_0022_creates_the_fund_and_the_amounts_are_the_announcements():
    import ocworkbook as ow

    frame = ow.load("chronologie")
    row = frame[frame.evenement.str.contains("F-4.0022")].iloc[0]
    assert "fonds" in row.evenement and not re.search(r"\d+ ?M\$|400", row.evenement)
    section = next(t for t in _markdown("03-instrumentalisation-coconstruction") if "F-4.0022 institue" in t)
    assert "400 millions" in section and "annonces du gouvernement et d'Avenir d'enfants" in section
    options = {o["id"]: o for o in _bank("03-instrumentalisation-coconstruction")["03-debat-ppp"]["options"]}
    law_share = next(o for o in options.values() if "F-4.0022 fixe" in o["texte"])
    assert law_share["correct"] is False and "annonces du gouvernement" in law_share["retroaction"]
    assert any(o["correct"] and "institue un fonds" in o["texte"] for o in options.values())


def test_manin_is_a_link_the_workbook_makes_not_bourque():
    attributed = re.compile(r"(Bourque|il)[^.]{0,40}(s'appuie|appuyé|s'appuyant|cite|reprend)[^.]{0,30}Manin"
                            r"|appuyée? sur Manin", re.IGNORECASE)
    for stem in STEMS:
        text = _learner_text(stem) + (ROOT / "notebooks" / "animation" / "notes" / f"{stem}.yml").read_text("utf-8")
        text = text.replace("rien n'indique que Bourque cite Manin", "").replace("que Bourque ne cite pas", "")
        assert not attributed.search(text), stem
    notebook = "\n".join(_markdown("04-interet-general-deliberation"))
    assert "rien n'indique que Bourque cite Manin" in notebook
    assert "celui du cahier" in _bank("04-interet-general-deliberation")["04-interet-general-addition"]["explication"]


def test_the_funder_community_gap_is_a_working_rule_shown_by_built_data():
    text = "\n".join(_markdown("03-instrumentalisation-coconstruction"))
    assert "règle de travail" in text and "signal" in text and "construites" in text
    assert "se cache" not in text and "signalent souvent" not in text
    assert "règle de travail" in _bank("03-instrumentalisation-coconstruction")["03-donnees-ecart"]["explication"]


def test_cisss_and_ciusss_continue_as_establishments_within_sante_quebec():
    import ocworkbook as ow

    row = ow.load("chronologie").query("debut == 2024").iloc[0]
    assert "au sein de Santé Québec" in row.evenement
    for stem in STEMS:
        text = _learner_text(stem)
        assert "CIUSSS sont maintenus" not in text and "CIUSSS maintenus" not in text, stem
    assert "établissements au sein de Santé Québec" in "\n".join(_markdown("01-contexte"))


def test_rochon_and_loi_120_are_in_the_trajectory_with_their_uncertainty():
    text = "\n".join(_markdown("01-contexte"))
    assert "commission Rochon" in text and "Loi 120" in text
    loi_120 = next(t for t in _markdown("01-contexte") if "Loi 120" in t and "1991" in t)
    assert "pas pu vérifier" in loi_120, "l'année de la Loi 120 n'est pas vérifiée : le texte doit le dire"
    assert "rochon" in [e["id"] for e in _bank("01-contexte")["01-trajectoire-ordre"]["elements"]]
    import ocworkbook as ow

    assert set(ow.load("chronologie").confiance) == {"✅"}  # Loi 120 (year unverified) stays out of the timeline


def test_interfaces_are_defined_before_the_exercise_grades_them():
    cells = _notebook("03-instrumentalisation-coconstruction")["cells"]
    definition = next(i for i, c in enumerate(cells) if c["cell_type"] == "markdown"
                      and all(w in _source(c) for w in ("Sous-traitance", "Coexistence", "Supplémentarité",
                                                         "Coconstruction", "exécute")))
    exercise = next(i for i, c in enumerate(cells) if '"03-interface-horizon"' in _source(c))
    assert definition < exercise


def test_collaboration_is_defined_as_the_workbook_s_own():
    text = "\n".join(_markdown("02-concertation-partenariat"))
    assert "La collaboration : la définition du cahier" in text


def test_vaillancourt_applied_to_a_local_programme_says_so():
    text = "\n".join(_markdown("03-instrumentalisation-coconstruction"))
    assert "par extension" in text
    assert "par extension" in _bank("03-instrumentalisation-coconstruction")["03-vaillancourt-ormeaux"]["explication"]


@pytest.mark.parametrize("stem, author", [
    ("00-demarrer", "Rondeau"), ("01-contexte", "Shragge"), ("02-concertation-partenariat", "Bilodeau et al. (2004)"),
    ("03-instrumentalisation-coconstruction", "Coston"), ("03-instrumentalisation-coconstruction", "Panet-Raymond"),
    ("03-instrumentalisation-coconstruction", "Lévesque"), ("04-interet-general-deliberation", "Rondeau"),
    ("04-interet-general-deliberation", "List, C."), ("04-interet-general-deliberation", "Piotte"),
])
def test_ideas_used_are_referenced(stem, author):
    surname = author.split(",")[0].split(" et al")[0]
    assert surname in "\n".join(_markdown(stem)[:-1]) or surname in _learner_text(stem)
    assert author in _references(stem)


# --- what the learner sees ------------------------------------------------------------------------

@pytest.mark.parametrize("stem", STEMS)
def test_no_draft_or_source_bookkeeping_on_screen(stem):
    text = _learner_text(stem).lower()
    notes = (ROOT / "notebooks" / "animation" / "notes" / f"{stem}.yml").read_text(encoding="utf-8")
    for draft in ("à vérifier :", "(à vérifier", "date à vérifier", "année exacte à vérifier", "brief",
                  "diapositive précédente", "src/", "lessons_", "n'ont pas été confirmés)"):
        assert draft not in text, (stem, draft)
    assert "diapositive précédente" not in notes


@pytest.mark.parametrize("stem", STEMS)
def test_no_dollar_sign_in_markdown_cells(stem):
    """JupyterLab's MathJax typesets a pair of « $ » even when written « \\$ » (the backslash is gone once the
    Markdown is rendered, and MathJax then scans the page): amounts are written in words in Markdown."""
    for text in _markdown(stem):
        assert "$" not in CODE_SPAN.sub("", text), text[:80]


@pytest.mark.parametrize("stem", STEMS)
def test_no_dollar_sign_in_exercise_texts(stem):
    """Option labels are typeset too: ipywidgets renders « $…$ » in a checkbox's description as mathematics."""
    text = (ROOT / "exercises" / f"{stem}.yml").read_text(encoding="utf-8")
    assert "$" not in CODE_SPAN.sub("", text)


@pytest.mark.parametrize("stem", STEMS)
def test_teaching_notes_are_not_in_the_learner_notebook(stem):
    for cell in _notebook(stem)["cells"]:
        assert "notes-animation" not in cell["metadata"].get("tags", [])
        assert "Notes d'animation" not in _source(cell)


# --- exercises that test judgment -----------------------------------------------------------------

def test_validate_finds_nothing_to_say_about_00_to_04():
    from ocworkbook.exercises.bank import load_bank
    from ocworkbook.validation.content_checks import answer_giveaways, dollar_problems

    bank = load_bank(ROOT)
    found = [str(w) for w in answer_giveaways(bank) + dollar_problems(bank, ROOT)
             if re.search(r"(exercises|notebooks)/0[0-4]-", str(getattr(w, "path", "")))
             and "toute la banque" not in str(w)]
    assert not found, found


def test_true_false_answers_of_00_to_04_are_not_all_the_same():
    answers = [e["reponse"] for stem in STEMS for e in _bank(stem).values() if e["type"] == "vrai_faux"]
    assert {"vrai", "faux"} <= set(answers) and min(answers.count("vrai"), answers.count("faux")) >= 2


def test_no_two_exercises_of_00_to_04_ask_for_the_same_answer():
    from ocworkbook.exercises.normalize import normalize_text

    seen: dict[tuple, str] = {}
    for stem in STEMS:
        for ex in _bank(stem).values():
            if ex["type"] == "texte_court":
                key = ("texte", normalize_text(ex["reponses"][0]))
            elif ex["type"] == "numerique":
                key = ("nombre", float(ex["reponse"]), normalize_text(ex.get("unite", "")))
            else:
                continue
            assert key not in seen, f"{ex['id']} demande la même réponse que {seen[key]}"
            seen[key] = ex["id"]


def test_the_three_factors_are_applied_in_01_not_recalled_again():
    """07 asks to recall Lachapelle and Bourque's three factors; 01 makes the learner apply them to a case."""
    exercise = _bank("01-contexte")["01-facteurs-riviere"]
    assert exercise["type"] == "association" and len(exercise["elements"]) >= 6
    assert {c["id"] for c in exercise["categories"]} == {"territoire", "fonds", "soutien"}


@pytest.mark.parametrize("stem", STEMS)
def test_wrong_options_say_why_they_tempt(stem):
    """A distractor a real learner picks deserves feedback longer than a bare « Non »."""
    for ex in _bank(stem).values():
        for option in ex.get("options", []):
            if not option.get("correct"):
                assert len(option["retroaction"].split()) >= 12, (ex["id"], option["id"])


# --- honest durations -----------------------------------------------------------------------------

READ_WPM = 150   # reading to learn, on screen, in French
WRITE_WPM = 10   # composing a reflection
THINK = {"choix_unique": 1.0, "choix_multiple": 1.5, "vrai_faux": 1.0, "numerique": 1.0, "texte_court": 0.5,
         "ordre": 1.5, "association": 0.0, "donnees": 3.0, "reflexion": 3.0}
WIDGETS = {"timeline_explorer": 5, "relations_classifier": 10, "registers_grid": 10, "simulation_widget": 10,
           "gradient_widget": 3, "opinions_chart": 3, "continuum_chart": 2, "timeline_chart": 2,
           "scores_chart": 2, "progress(": 2, "journal(": 1}


def _words(text) -> int:
    return len(re.findall(r"\w+", re.sub(r"https?://\S+", " ", str(text))))


def exercise_minutes(ex: dict) -> float:
    """Read the prompt and what is chosen from, think, read the explanation; write a reflection."""
    shown = [ex["enonce"], *(o["texte"] for o in ex.get("options", [])),
             *(e["texte"] for e in ex.get("elements", [])), *(c["texte"] for c in ex.get("categories", []))]
    read = [ex.get("explication", ""), *(o["retroaction"] for o in ex.get("options", []) if o.get("correct"))]
    minutes = (sum(map(_words, shown)) + sum(map(_words, read))) / READ_WPM + THINK[ex["type"]]
    minutes += 0.4 * len(ex.get("elements", [])) if ex["type"] == "association" else 0
    minutes += 2 if ex["type"] == "vrai_faux" and ex.get("justification") else 0
    minutes += ex.get("min_mots", 40) / WRITE_WPM if ex["type"] == "reflexion" else 0
    return minutes


def notebook_minutes(stem: str) -> tuple[float, dict[str, float]]:
    """Learner time: Markdown at reading pace, half a minute per cell run plus the widgets, the exercises."""
    bank, total, exercises = _bank(stem), 0.0, {}
    for cell in _notebook(stem)["cells"]:
        text = _source(cell)
        if cell["cell_type"] == "markdown":
            total += _words(text) / READ_WPM
            continue
        called = re.findall(r'ow\.exercise\("([^"]+)"\)', text)
        exercises.update({i: exercise_minutes(bank[i]) for i in called})
        if not called:
            total += 0.5 + sum(m for name, m in WIDGETS.items() if name in text)
    return total + sum(exercises.values()), exercises


@pytest.mark.parametrize("stem", STEMS)
def test_stated_duration_matches_a_learner_s_pace(stem):
    estimate, exercises = notebook_minutes(stem)
    duration = next(t for t in _markdown(stem) if t.startswith("## Durée"))
    stated = int(re.search(r"environ (\d+) minutes", duration).group(1))
    assert abs(stated - estimate) <= max(5, 0.12 * estimate), (stem, stated, round(estimate))
    bank = _bank(stem)
    for exercise_id, minutes in exercises.items():
        assert abs(bank[exercise_id]["minutes"] - max(1, math.floor(minutes + 0.5))) <= 1, (exercise_id, minutes)


def test_the_whole_shipped_bank_gives_no_cue_away():
    """Bank-wide cues (length, tone words, true/false verbs) that a second review measured are gone."""
    from ocworkbook.exercises.bank import load_bank
    from ocworkbook.validation.content_checks import answer_giveaways

    assert [str(w) for w in answer_giveaways(load_bank(ROOT))] == []
