"""``ocworkbook grade``: re-scored with the clear key, tolerant, flags edited files, Moodle CSV, fast."""

from __future__ import annotations

import csv
import json

import pytest
from editions.sample_workbook import write_sample

from ocworkbook.cli.main import main
from ocworkbook.exercises.submission import checksum


@pytest.fixture
def key(tmp_path):
    return write_sample(tmp_path / "source")


FULL = {"01-unique": "a", "01-multiple": ["a", "b"], "01-vf": False, "01-nombre": 12.3, "01-mot": "coconstruction",
        "01-ordre": ["accueil", "debat", "decision", "suivi"], "01-association": {"bilan": "info", "plan": "decision"},
        "01-donnees": 2, "01-reflexion": "une rencontre du mardi soir, au sous-sol de l'église"}


def submission(folder, name, answers, person=None, version="0.1.0", created="2026-11-20T10:00:00", status="correct",
               seal=True, filename=None):
    payload = {"format": "ocworkbook-remise", "version": 1, "cahier_version": version,
               "personne": person if person is not None else f"{name}@exemple.org", "cree": created,
               "reponses": {k: {"carnet": "01-essai", "type": None, "reponse": v, "statut": status, "score": 1,
                                "essais": 1, "indices": 0, "solution_vue": False} for k, v in answers.items()},
               "reflexions": [], "problemes": []}
    if seal:
        payload["checksum"] = checksum(payload)
    path = folder / (filename or f"remise-{name}.json")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
    return path, payload


def rows(path):
    with open(path, encoding="utf-8", newline="") as handle:
        return {r["identifiant"]: r for r in csv.DictReader(handle)}


def test_grades_are_recomputed_and_every_case_is_reported(key, tmp_path, capsys):
    subs = tmp_path / "remises"
    submission(subs, "ana", FULL)
    submission(subs, "bob", {"01-unique": "a", "01-nombre": "12,5"})                        # partial
    _, payload = submission(subs, "cleo", {**FULL, "01-unique": "b"}, status="correct")     # stored status lies
    path, payload = submission(subs, "dan", {**FULL, "01-unique": "b"})
    payload["reponses"]["01-unique"]["reponse"] = "a"                                         # edited by hand
    path.write_text(json.dumps(payload), encoding="utf-8")
    original, _ = submission(subs, "eve", {"01-vf": "faux", "99-ancien": "x"}, version="0.0.9")
    (subs / "remise-eve (1).json").write_bytes(original.read_bytes())                          # renamed copy
    (subs / "remise-illisible.json").write_text("{pas du json", encoding="utf-8")
    out = tmp_path / "notes.csv"
    assert main(["grade", "--key", str(key), str(subs), "--out", str(out)]) == 0
    table = rows(out)
    assert set(table) == {"ana@exemple.org", "bob@exemple.org", "cleo@exemple.org", "dan@exemple.org",
                          "eve@exemple.org"}
    ana, bob, cleo, dan, eve = (table[f"{n}@exemple.org"] for n in ("ana", "bob", "cleo", "dan", "eve"))
    assert ana["total"] == "8" and ana["total_max"] == "8" and ana["pourcentage"] == "100"
    assert ana["reflexions_completees"] == "1" and ana["remise_modifiee"] == "non"
    assert bob["total"] == "2" and bob["non_tentes"] == "6" and bob["carnet:01-essai"] == "2"
    assert cleo["01-unique"] == "0" and cleo["ecarts_statut"] == "1"
    assert dan["remise_modifiee"] == "oui" and dan["01-unique"] == "1"
    assert eve["exercices_inconnus"] == "1" and "0.0.9" in eve["remarques"] and eve["01-vf"] == "1"
    out_text = capsys.readouterr()
    assert "remise-illisible.json non noté" in out_text.err
    assert "noté une seule fois" in out_text.out
    assert "modifiée à la main" in out_text.err
    summary = (tmp_path / "notes-resume.html").read_text(encoding="utf-8")
    assert "<svg" in summary and "<script" not in summary and "01-unique" in summary
    assert (tmp_path / "notes-rapport.txt").read_text(encoding="utf-8").count("\n") >= 5


def test_moodle_csv_shape(key, tmp_path):
    submission(tmp_path / "r", "ana", FULL)
    out = tmp_path / "notes.csv"
    main(["grade", "--key", str(key / "exercises"), str(tmp_path / "r"), "--out", str(out)])
    header = out.read_text(encoding="utf-8").splitlines()[0].split(",")
    assert header[0] == "identifiant"
    assert header[1:9] == ["01-unique", "01-multiple", "01-vf", "01-nombre", "01-mot", "01-ordre", "01-association",
                           "01-donnees"]  # reflections are completed, not graded
    assert "carnet:01-essai" in header and "total" in header and "remise_modifiee" in header


def test_two_submissions_from_one_person_keep_the_latest(key, tmp_path, capsys):
    submission(tmp_path / "r", "ana", {"01-unique": "b"}, created="2026-11-01T10:00:00", filename="remise-ana.json")
    submission(tmp_path / "r", "ana", FULL, created="2026-11-02T10:00:00", filename="remise-ana-2.json")
    out = tmp_path / "notes.csv"
    main(["grade", "--key", str(key), str(tmp_path / "r"), "--out", str(out)])
    assert rows(out)["ana@exemple.org"]["total"] == "8"
    assert "plus récente (remise-ana-2.json)" in capsys.readouterr().out


def test_a_learner_edition_cannot_serve_as_key(key, tmp_path, capsys):
    from ocworkbook.editions.build import build_edition

    build_edition("learner", tmp_path / "learner", source=key)
    submission(tmp_path / "r", "ana", FULL)
    assert main(["grade", "--key", str(tmp_path / "learner"), str(tmp_path / "r"), "--out",
                 str(tmp_path / "n.csv")]) == 1
    assert "édition étudiante" in capsys.readouterr().err


def test_identity_falls_back_to_the_file_name(key, tmp_path):
    submission(tmp_path / "r", "zoe", FULL, person="")
    out = tmp_path / "notes.csv"
    main(["grade", "--key", str(key), str(tmp_path / "r"), "--out", str(out)])
    assert "zoe" in rows(out)


def test_grading_300_submissions(key, tmp_path):  # the time it takes is measured by benchmarks/bench_editions.py
    import random

    rng = random.Random(3)
    for i in range(300):
        answers = {k: v for k, v in FULL.items() if rng.random() < 0.8}
        answers["01-unique"] = rng.choice(["a", "b"])
        submission(tmp_path / "r", f"p{i:03d}", answers)
    assert main(["grade", "--key", str(key), str(tmp_path / "r"), "--out", str(tmp_path / "n.csv")]) == 0
    assert len(rows(tmp_path / "n.csv")) == 300
