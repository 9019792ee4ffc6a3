"""Notebooks 05–08: the facts and attributions of issue 10 stay right, and what learners read is finished.

Each test holds one correction: where an idea comes from (the book's back cover, its conclusion, or the
workbook's own reading), what a source is about (Vaillancourt: public policy), what is still uncertain
(said in words a reader understands, never in our sources' bookkeeping), and exercises that cannot be
answered without the lesson.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from ocworkbook.exercises.bank import load_bank
from ocworkbook.validation.content_checks import answer_giveaways, dollars

ROOT = Path(__file__).resolve().parents[2]
STEMS = ["05-concertation-des-concertations", "06-participation-citoyenne",
         "07-competences-pratique-reflexive", "08-cas-integrateur"]
SCENARIO = ROOT / "exercises" / "scenarios" / "le-programme-arrive.yml"


def cells(stem):
    nb = json.loads((ROOT / "notebooks" / f"{stem}.ipynb").read_text(encoding="utf-8"))
    return [(c["cell_type"], "".join(c["source"])) for c in nb["cells"]]


def markdown(stem):
    return [text for kind, text in cells(stem) if kind == "markdown"]


def flat(text):
    return " ".join(text.split())


def strings(value):
    """Every string inside a YAML value."""
    if isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)
    elif isinstance(value, str):
        yield value


def bank_file(stem):
    return yaml.safe_load((ROOT / "exercises" / f"{stem}.yml").read_text(encoding="utf-8"))


def exercise_units(stem):
    """The texts of an exercise file a learner reads, one per exercise (notes are left out)."""
    for ex in bank_file(stem)["exercices"]:
        yield "\n".join(strings({k: v for k, v in ex.items() if k != "notes"}))


def scenario_units():
    data = yaml.safe_load(SCENARIO.read_text(encoding="utf-8"))
    yield data["contexte"]
    for concept in data["concepts"].values():
        yield "\n".join(strings(concept))
    for step in data["etapes"]:
        yield step["texte"]
        for choice in step["choix"]:
            yield choice["texte"] + "\n" + choice["explication"]
    for ending in data["fins"]:
        yield ending["texte"]


def learner_units(stem):
    yield from (text for text in markdown(stem) if not text.startswith("## Références"))
    yield from exercise_units(stem)
    if stem.startswith("08"):
        yield from scenario_units()


def all_units():
    for stem in STEMS:
        yield from learner_units(stem)


# --- what a learner must never read ------------------------------------------------------------------

@pytest.mark.parametrize("stem", STEMS)
def test_no_sources_bookkeeping_is_visible(stem):
    notes = (ROOT / "notebooks" / "animation" / "notes" / f"{stem}.yml").read_text(encoding="utf-8")
    for text in [*learner_units(stem), notes]:
        low = text.lower()
        assert "brief" not in low, text[:120]
        assert "src/" not in low and "lessons_0" not in low, text[:120]
        assert "ne pas présenter comme un fait établi" not in low, text[:120]
        assert "intrant" not in low, text[:120]


@pytest.mark.parametrize("stem", STEMS)
def test_no_code_and_no_dollar_pair_in_prose(stem):
    for text in markdown(stem):
        assert dollars(text) <= 1, text[:120]  # two, even escaped, are typeset as maths by JupyterLab
        for code in ("`ocworkbook.", "`ow.", "ex.check", "ocworkbook validate", "`ocworkbook "):
            assert code not in text, (code, text[:120])


@pytest.mark.parametrize("stem", STEMS)
def test_every_notebook_ends_with_its_references(stem):
    last = markdown(stem)[-1]
    assert last.startswith("## Références")
    assert len([line for line in last.splitlines() if line.startswith("- ")]) >= 6


# --- facts and attributions ---------------------------------------------------------------------------

def test_the_place_of_oc_is_a_gain_of_social_movements_not_oc_itself():
    for stem in STEMS:
        for text in learner_units(stem):
            for sentence in re.split(r"(?<=[.;!?])\s+|\n- ", flat(text)):
                if "acquis des mouvements sociaux" in sentence or "gagnée par les mouvements" in sentence:
                    assert "reconnaissance" in sentence or "place" in sentence, sentence
    text = " ".join(flat(t) for t in markdown(STEMS[1]) + markdown(STEMS[2]))
    assert "L'organisation communautaire est présentée comme un acquis" not in text
    assert "et un acquis des mouvements sociaux" not in text


def test_concertation_des_concertations_comes_from_the_back_cover():
    for stem in (STEMS[0], STEMS[2]):
        sections = [t for t in markdown(stem) if not t.startswith(("## Durée", "## Objectifs", "# "))]
        first = next(t for t in sections if "concertation des concertations" in t)
        assert "quatrième de couverture" in flat(first), first
        paragraphs = [p for t in sections for p in t.split("\n\n")]
        for paragraph in paragraphs:
            if "concertation des concertations" in paragraph:
                assert "conclut" not in paragraph and "conclusion" not in paragraph, paragraph


def test_levesque_and_schon_links_are_the_workbook_s_own():
    for stem in (STEMS[0], STEMS[2]):
        text = flat("\n".join(markdown(stem)))
        assert "s'appuie sur Lévesque" not in text and "reprend ici Benoît Lévesque" not in text
        paragraph = next(p for t in markdown(stem) for p in t.split("\n\n") if "Lévesque (2006)" in p
                         and not p.startswith("- "))
        assert "cahier" in paragraph, paragraph
    schon = next(t for t in markdown(STEMS[2]) if t.startswith("## 3. Réfléchir sa pratique"))
    assert "C'est la perspective de Donald Schön" not in schon
    assert "ce cahier qui rapproche" in flat(schon)


def test_reflection_in_and_on_action_are_defined_before_an_exercise_uses_them():
    stem = STEMS[2]
    sequence = cells(stem)
    defined = next(i for i, (kind, text) in enumerate(sequence) if kind == "markdown"
                   and "réflexion **dans l'action**" in text and "réflexion **sur l'action**" in text)
    bank = {ex["id"]: ex for ex in bank_file(stem)["exercices"]}
    users = [i for i, (kind, text) in enumerate(sequence) if kind == "code"
             for ex_id in re.findall(r'ow\.exercise\("([^"]+)"\)', text)
             if re.search(r"(dans|sur) l'action", " ".join(strings(bank[ex_id])))]
    assert users and defined < min(users)


def test_vaillancourt_is_said_to_be_about_public_policy():
    for text in all_units():
        if "Vaillancourt" in text:
            t = flat(text)
            assert "politiques publiques" in t or "transpos" in t or "par analogie" in t, t[:160]


def test_sante_quebec_keeps_the_cisss_as_establishments():
    for text in all_units():
        if "Santé Québec" in text:
            t = flat(text)
            assert "établissement" in t or "employeur unique" in t, t[:160]
    context = flat(yaml.safe_load(SCENARIO.read_text(encoding="utf-8"))["contexte"])
    assert "continue d'exister comme établissement de Santé Québec" in context


def test_codeveloppement_cites_payette_and_champagne_with_caution():
    stem = STEMS[2]
    section = next(t for t in markdown(stem) if t.startswith("## 6."))
    assert re.search(r"Payette et (Claude )?Champagne \(1997\)", flat(section))
    assert "sources secondaires" in flat(section)
    assert "Payette, A. et Champagne, C. (1997)" in markdown(stem)[-1]


# --- exercises that test judgment --------------------------------------------------------------------

def test_bank_05_08_has_no_giveaway_and_mixed_true_false_answers():
    bank = load_bank(ROOT)
    mine = {f"exercises/{stem}.yml" for stem in STEMS}
    warnings = [str(w) for w in answer_giveaways(bank) if (w.path or "").replace("\\", "/") in mine]
    assert warnings == []
    answers = {ex["reponse"] for stem in STEMS for ex in bank_file(stem)["exercices"] if ex["type"] == "vrai_faux"}
    assert answers == {"vrai", "faux"}


@pytest.mark.parametrize("stem", STEMS)
def test_every_exercise_has_facilitator_notes_and_tempting_distractors(stem):
    for ex in bank_file(stem)["exercices"]:
        notes = " ".join(ex.get("notes") or [])
        assert "Questions de discussion" in notes and "Idées fausses" in notes, ex["id"]
        if ex["type"] in ("choix_unique", "choix_multiple"):
            for option in ex["options"]:  # a wrong option's feedback says why it tempts, not just « non »
                if not option["correct"]:
                    assert len(option["retroaction"].split()) >= 12, (ex["id"], option["id"])


def test_no_near_duplicate_of_notebooks_00_04():
    def words(ex):
        items = ex.get("options", []) + ex.get("elements", [])
        text = " ".join([ex.get("enonce", ""), *(o.get("texte", "") for o in items), *map(str, ex.get("reponses", []))])
        return {w for w in re.findall(r"\w+", text.lower()) if len(w) > 3}

    earlier = [ex for path in sorted((ROOT / "exercises").glob("0[0-4]-*.yml"))
               for ex in yaml.safe_load(path.read_text(encoding="utf-8"))["exercices"]]
    for stem in STEMS:
        for ex in bank_file(stem)["exercices"]:
            for other in earlier:
                if other["type"] == ex["type"]:
                    a, b = words(ex), words(other)
                    assert len(a & b) / len(a | b) < 0.35, (ex["id"], other["id"])
            if ex["type"] == "texte_court":  # the one-word « coconstruction » question exists twice already
                assert "coconstruction" not in map(str.lower, ex["reponses"]), ex["id"]
