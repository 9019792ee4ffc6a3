"""Grading a class never stops on one bad file, never writes a formula into the CSV, and notices a
hand-in that is someone else's work under another name."""

from __future__ import annotations

import csv
import json
import os
import stat

from editions.sample_workbook import write_sample

from grading.test_grading import FULL, submission
from ocworkbook.cli.main import main


def _rows(path):
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def test_a_file_nested_a_thousand_deep_is_reported_and_the_others_graded(tmp_path, capsys):
    key = write_sample(tmp_path / "source")
    subs = tmp_path / "remises"
    submission(subs, "ana", FULL)
    (subs / "remise-profonde.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    deep = {"format": "ocworkbook-remise", "version": 1, "reponses": {"01-unique": {"reponse": []}}}
    node = deep["reponses"]["01-unique"]["reponse"]
    for _ in range(900):
        node.append([])
        node = node[0]
    (subs / "remise-imbriquee.json").write_text(json.dumps(deep), encoding="utf-8")
    (subs / "remise-binaire.json").write_bytes(b"\xff\xfe\x00\x01")
    out = tmp_path / "notes.csv"
    assert main(["grade", "--key", str(key), str(subs), "--out", str(out)]) == 0
    err = capsys.readouterr().err
    assert "remise-profonde.json non noté" in err and "remise-binaire.json non noté" in err
    assert "Traceback" not in err and "RecursionError" not in err
    assert {row[0] for row in _rows(out)[1:]} >= {"ana@exemple.org"}


def test_names_that_a_spreadsheet_would_run_are_neutralized(tmp_path):
    key = write_sample(tmp_path / "source")
    subs = tmp_path / "remises"
    for number, name in enumerate(["=HYPERLINK(\"http://x\")", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)"]):
        submission(subs, f"p{number}", FULL, person=name)
    out = tmp_path / "notes.csv"
    assert main(["grade", "--key", str(key), str(subs), "--out", str(out)]) == 0
    names = [row[0] for row in _rows(out)[1:]]
    assert len(names) == 4 and all(name.startswith("'") for name in names), names
    for row in _rows(out)[1:]:
        assert not any(cell.startswith(("=", "+", "@")) for cell in row), row


def test_a_renamed_copy_of_another_learners_file_is_flagged(tmp_path, capsys):
    key = write_sample(tmp_path / "source")
    subs = tmp_path / "remises"
    _, original = submission(subs, "ana", FULL)
    copy = dict(original, personne="bob@exemple.org")
    copy.pop("checksum")
    from ocworkbook.exercises.submission import checksum

    copy["checksum"] = checksum(copy)  # the fingerprint can be recomputed: it is not a signature
    (subs / "remise-bob.json").write_text(json.dumps(copy), encoding="utf-8")
    submission(subs, "cleo", {**FULL, "01-unique": "b"})
    out = tmp_path / "notes.csv"
    assert main(["grade", "--key", str(key), str(subs), "--out", str(out)]) == 0
    rows = {row[0]: row for row in _rows(out)[1:]}
    header = _rows(out)[0]
    column = header.index("copie_probable")
    assert rows["ana@exemple.org"][column] == "oui" and rows["bob@exemple.org"][column] == "oui"
    assert rows["cleo@exemple.org"][column] == "non"
    assert "copie probable" in capsys.readouterr().err


def test_hand_in_files_keep_accents_and_normal_permissions(tmp_path, engine_bank):
    import ocworkbook as ow

    ow.exercise("m-nombre", bank=engine_bank).check(22)
    old = os.umask(0o022)
    try:
        paths = ow.export_answers("Éloïse Gagnon-Côté", folder=tmp_path / "remise", bank=engine_bank)
    finally:
        os.umask(old)
    assert paths["remise"].name == "remise-éloïse-gagnon-côté.json"
    assert stat.S_IMODE(paths["remise"].stat().st_mode) == 0o644
    assert stat.S_IMODE(paths["journal"].stat().st_mode) == 0o644
    payload = json.loads(paths["remise"].read_text(encoding="utf-8"))
    assert len(payload["installation"]) == 32
