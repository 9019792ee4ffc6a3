"""The facilitator's kit says what to do, names what exists, and asks for nothing that fails.

Second review (facilitator): the express workshop's plan cites activities by title, so each title must be
one of the plan's; its 08 question leans on the case, so the plan tells how to present the case; teaching
notes give instructions (never our sources' bookkeeping) and never ask for code the notebook cannot run.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
NOTES = sorted((ROOT / "notebooks" / "animation" / "notes").glob("*.yml"))
EXPRESS_DOC = ROOT / "docs" / "atelier-express.md"
#: a kind written in bold, then the activity's title in guillemets, up to the end of the cell or « , puis »
CITED = re.compile(r"\*\*[^*|]+\*\* « (.+?) »(?=,| \|)")


def express_rows() -> list[str]:
    text = EXPRESS_DOC.read_text(encoding="utf-8")
    return [line for line in text.splitlines() if re.match(r"^\| \d+–\d+ \|", line)]


def test_every_activity_the_express_plan_cites_exists_in_its_order():
    from ocworkbook.atelier.plan import build_plan

    titles = [spec["title"] for spec in build_plan("express-05-08", ROOT)]
    cited = [title for row in express_rows() for title in CITED.findall(row)]
    assert len(cited) >= 8, cited
    unknown = [title for title in cited if title not in titles]
    assert unknown == [], (unknown, titles)
    assert cited == sorted(cited, key=titles.index)  # « ordre du plan », as the table's header says


def test_the_express_plan_presents_the_case_its_08_question_leans_on():
    from ocworkbook.atelier.plan import build_plan

    plan = build_plan("express-05-08", ROOT)
    leaning = [spec for spec in plan if spec["id"].startswith("08-") and "scénario" in spec["prompt"]]
    text = EXPRESS_DOC.read_text(encoding="utf-8")
    for spec in leaning:
        row = next(row for row in express_rows() if f"« {spec['title']} »" in row)
        assert "résumez d'abord le cas en 1 minute" in row.lower(), row
        summary = next(p for p in text.split("\n\n") if p.startswith("**Le cas en 1 minute"))
        assert "fictif" in summary
        for name in ("comité famille", "Comité citoyen", "Table", "indicateurs"):  # what the question names
            assert name not in spec["prompt"] or name in summary, name


def note_texts():
    """(file, text) of every teaching note: notebooks/animation/notes/ and every exercise's ``notes``."""
    for path in NOTES:
        for note in yaml.safe_load(path.read_text(encoding="utf-8"))["notes"]:
            yield path.name, note["texte"]
    for path in sorted((ROOT / "exercises").glob("*.yml")):
        for ex in yaml.safe_load(path.read_text(encoding="utf-8")).get("exercices", []):
            for text in ex.get("notes") or []:
                yield f"{path.name}:{ex['id']}", text


@pytest.mark.parametrize("phrase", ["nos sources", "n'est vérifiée", "à vérifier", "pas vérifiée"])
def test_teaching_notes_say_what_to_do_not_what_our_sources_hold(phrase):
    found = [(where, text[:100]) for where, text in note_texts() if phrase in " ".join(text.split())]
    assert found == []


def test_schon_notes_tell_the_facilitator_not_to_cite_a_page():
    texts = [text for where, text in note_texts() if "Schön" in text and "page" in text]
    assert texts and all("page précise de Schön" in " ".join(t.split()) for t in texts)


CALL = re.compile(r"`([A-Za-z_]\w*)\.\w+\(")


def defined_names(notebook: Path) -> set[str]:
    import json

    code = "\n".join("".join(c["source"]) for c in json.loads(notebook.read_text(encoding="utf-8"))["cells"]
                     if c["cell_type"] == "code")
    names = set(re.findall(r"\bimport\s+[\w.]+\s+as\s+(\w+)", code))
    names |= set(re.findall(r"^import\s+(\w+)", code, re.MULTILINE))
    names |= {n.strip() for group in re.findall(r"^from\s+\S+\s+import\s+(.+)$", code, re.MULTILINE)
              for n in group.split(",")}
    names |= set(re.findall(r"^(\w+)\s*=", code, re.MULTILINE))
    return names


@pytest.mark.parametrize("path", NOTES, ids=lambda p: p.stem)
def test_a_teaching_note_asks_for_no_call_its_notebook_cannot_run(path):
    """A note shown next to a notebook may only ask for calls on names that notebook defines (``ow``…)."""
    defined = defined_names(ROOT / "notebooks" / f"{path.stem}.ipynb")
    for note in yaml.safe_load(path.read_text(encoding="utf-8"))["notes"]:
        missing = {name for name in CALL.findall(note["texte"]) if name not in defined}
        assert missing == set(), (note["apres"], missing)


def test_the_08_note_sends_team_paths_to_the_aggregation_notebook():
    note = next(n["texte"] for n in yaml.safe_load((ROOT / "notebooks" / "animation" / "notes" /
                                                     "08-cas-integrateur.yml").read_text(encoding="utf-8"))["notes"]
                if n["apres"].startswith("3. Ce qu'un groupe a fait"))
    assert "agregation-atelier.ipynb" in note and "replay" not in note


def test_animer_tells_a_pip_user_how_to_run_a_session_before_sending_them_to_animation_notebooks(tmp_path):
    """``ocworkbook start`` copies no facilitator notebook: the guide says so, and what to do instead."""
    from ocworkbook.workbook_copy import copy_workbook, learner_view

    with learner_view(ROOT) as view:  # what ``ocworkbook start`` copies
        copy_workbook(view, tmp_path / "copie")
    assert not (tmp_path / "copie" / "notebooks" / "animation").exists()
    assert (tmp_path / "copie" / "exercises" / "ateliers" / "express-05-08.yml").is_file()  # ow.atelier's plans
    guide = (ROOT / "docs" / "animer.md").read_text(encoding="utf-8")
    body = guide[guide.index("\n## "):]  # after the English summary
    before = body[:body.index("Ouvrez `notebooks/animation/")]  # the first time it sends the reader there
    assert "ocworkbook start" in before and "édition enseignante" in before, before[:300]
    assert 'ow.atelier("05-concertation-des-concertations")' in before
    assert "git clone" in before and "--source" in before
