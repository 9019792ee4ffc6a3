"""Bounded fuzz test of the four tools' readers: every malformed file ends in a French message or a sound result.

Each case is one file given to one tool's CLI verb (with ``--html`` asked). The tool must either
succeed with the same analysis as on the clean file (separators left at the end of rows, BOM,
another encoding, another separator…) or exit with 1 and a French message on stderr that names
the file (and the line where it applies), with no traceback, no English library detail, and no
file written next to the input.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import random
import re
from pathlib import Path

import pytest

from ocworkbook.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "datasets" / "exemples"
BASES = {
    "diagnostic": "diagnostic-table-quartier.csv",
    "network": "adhesions-concertations.csv",
    "participation": "decisions-participation.csv",
    "opinions": "votes-atelier.csv",
}
ENGLISH = re.compile(r"\b(Error|error|Expected|expected|tokenizing|fields?|could|invalid|Traceback|NoneType|"
                     r"unsupported|codec|object|saw|found|line|not|index|dtype|argument)\b")
SAME = "same"  # the tool must give the same result as on the clean file


def _lines(text):
    return text.splitlines()


def _join(lines, end="\n"):
    return end.join(lines) + end


def _rewritten(text, separator, end=""):
    """The same table written with another separator (quotes where needed), ``end`` added to each row."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=separator, lineterminator="\n")
    for row in csv.reader(io.StringIO(text)):
        writer.writerow(row)
    return _lines(buffer.getvalue())[0] + "\n" + "".join(line + end + "\n" for line in _lines(buffer.getvalue())[1:])


def generic_cases(text):
    """(name, content, expected) for one clean CSV; expected is SAME, an int line, or None (any French error)."""
    head, *rows = _lines(text)
    cells = head.split(",")
    yield "virgule finale", _join([head] + [r + "," for r in rows]), SAME
    yield "virgule finale partout", _join([head + ","] + [r + "," for r in rows]), SAME
    yield "deux virgules finales", _join([head] + [r + ",," for r in rows]), SAME
    yield "point-virgule final", _rewritten(text, ";", ";"), SAME
    yield "point-virgule", _rewritten(text, ";"), SAME
    yield "tabulations", _rewritten(text, "\t"), SAME
    yield "tabulation finale", _rewritten(text, "\t", "\t"), SAME
    yield "BOM", "\ufeff" + text, SAME
    yield "fins de ligne Windows", _join([head, *rows], "\r\n"), SAME
    yield "fins de ligne Mac", _join([head, *rows], "\r"), SAME
    yield "en-tête en majuscules", _join([",".join(c.upper() for c in cells)] + rows), SAME
    yield "lignes vides intercalées", _join([head, ""] + [x for r in rows for x in (r, "  ")]), SAME
    yield "valeur en trop", _join([head] + rows[:2] + [rows[2] + ",en trop"] + rows[3:]), 4
    yield "vide", "", None
    yield "en-tête seul", head + "\n", None
    yield "lignes blanches", "\n\n  \n", None
    yield "séparateurs seuls", ",,,\n,,,\n", None
    yield "guillemet jamais fermé", _join([head] + rows[:4] + ['"' + rows[4]] + rows[5:]), 6
    yield "texte après guillemet", _join([head] + rows[:3] + ['"a"b' + rows[3]] + rows[4:]), 5
    yield "caractère nul", _join([head] + rows[:2] + [rows[2][:2] + "\x00" + rows[2][2:]] + rows[3:]), 4
    yield "cellule géante", _join([head] + rows[:2] + ["x" * 200_000 + rows[2]] + rows[3:]), 4
    yield "colonne manquante", _join([",".join(cells[1:])] + [",".join(r.split(",")[1:]) for r in rows]), None
    yield "colonne en double", _join([head + "," + cells[0]] + [r + ",z" for r in rows]), 1
    yield "colonne sans nom", _join(["," + ",".join(cells[1:])] + rows), None
    yield "ligne en double", _join([head] + rows + rows[:1]), len(rows) + 2
    yield "cellules d'espaces", _join([head] + [",".join(" " for _ in cells)] + rows), SAME


def byte_cases(text):
    yield "Windows-1252", text.encode("cp1252"), SAME
    yield "UTF-16", text.encode("utf-16"), SAME
    yield "octets au hasard", bytes(random.Random(0).randrange(256) for _ in range(3000)), None
    yield "image PNG", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, None
    yield "classeur Excel", b"PK\x03\x04" + bytes(200), None


SPECIFIC = [  # (tool, name, content, expected line or None)
    ("diagnostic", "item inconnu", "repondant,type_acteur,item,cote\nR1,communautaire,Z9,3\n", 2),
    ("diagnostic", "type inconnu", "repondant,type_acteur,item,cote\nR1,banque,D1,3\n", 2),
    ("diagnostic", "cote hors échelle", "repondant,type_acteur,item,cote\nR1,communautaire,D1,9\n", 2),
    ("diagnostic", "cote en mots", "repondant,type_acteur,item,cote\nR1,communautaire,D1,beaucoup\n", 2),
    ("diagnostic", "cote infinie", "repondant,type_acteur,item,cote\nR1,communautaire,D1,1e309\n", 2),
    ("diagnostic", "cote nan", "repondant,type_acteur,item,cote\nR1,communautaire,D1,nan\n", 2),
    ("diagnostic", "deux types", "repondant,type_acteur,item,cote\nR1,communautaire,D1,3\nR1,institution,D2,3\n", 3),
    ("diagnostic", "répondant vide", "repondant,type_acteur,item,cote\n,communautaire,D1,3\n", 2),
    ("diagnostic", "trop peu", "repondant,type_acteur,item,cote\nR1,communautaire,D1,3\n", None),
    ("network", "heures négatives", "acteur,table,heures\nA,T1,-5\n", 2),
    ("network", "heures en mots", "acteur,table,heures\nA,T1,beaucoup\n", 2),
    ("network", "table vide", "acteur,table\nA,\n", 2),
    ("network", "assemblée de 600", "acteur,table\n" + "".join(f"A{i},Plénière\n" for i in range(600)), None),
    ("participation", "niveau inconnu", "decision,promis,pratique\nA,information,délibération\n", 2),
    ("participation", "échelle inconnue", "decision,promis,pratique,echelle\nA,information,information,hart\n", 2),
    ("participation", "niveau hors échelle", "decision,promis,pratique,echelle\nA,9,1,bourque\n", 2),
    ("participation", "décision en double", "decision,promis,pratique\nA,information,information\n"
                                            "A,consultation,information\n", 3),
    ("opinions", "vote illisible", "participant,enonce,vote\nP1,E1,peut-être\n", 2),
    ("opinions", "vote 2", "participant,enonce,vote\nP1,E1,2\n", 2),
    ("opinions", "vote en double", "participant,enonce,vote\nP1,E1,1\nP1,E1,-1\n", 3),
    ("opinions", "un seul énoncé", "participant,enonce,vote\n" + "".join(f"P{i},E1,1\n" for i in range(30)), None),
    ("opinions", "votes identiques", "participant,enonce,vote\n" +
     "".join(f"P{i},E{j},1\n" for i in range(20) for j in range(8)), None),
    ("opinions", "matrice démesurée", "participant,enonce,vote\n" + "".join(f"P{i},E{i},1\n" for i in range(5001)) +
     "".join(f"Q,F{j},1\n" for j in range(5000)), None),
]

POLIS_COMMENTS = "comment-id,moderated,comment-body\n" + "".join(f"{j},1,\"Énoncé {j}, avec virgule\"\n"
                                                                   for j in range(8))


def _polis_matrix(rows=24, end=""):
    lines = ["participant,group-id,n-votes," + ",".join(str(j) for j in range(8)) + end]
    for i in range(rows):
        lines.append(f"{i},{i % 2},8," + ",".join(("1" if (i + j) % 2 else "-1") for j in range(8)) + end)
    return "\n".join(lines) + "\n"


MATRIX = _polis_matrix()
POLIS = [  # (name, {file: content}, expected: SAME / (file, line) / None)
    ("virgule finale", {"comments.csv": POLIS_COMMENTS, "participants-votes.csv": _polis_matrix(end=",")}, SAME),
    ("sans comments.csv", {"participants-votes.csv": MATRIX}, None),
    ("sans votes", {"comments.csv": POLIS_COMMENTS}, None),
    ("autre version", {"comments.csv": "id,mod,body\n1,1,a\n", "participants-votes.csv": MATRIX}, None),
    ("modération x", {"comments.csv": POLIS_COMMENTS.replace("\n3,1,", "\n3,x,"), "participants-votes.csv": MATRIX},
     ("comments.csv", 5)),
    ("identifiant texte", {"comments.csv": POLIS_COMMENTS.replace("\n3,1,", "\ntrois,1,"),
                           "participants-votes.csv": MATRIX}, ("comments.csv", 5)),
    ("identifiant en double", {"comments.csv": POLIS_COMMENTS.replace("\n3,1,", "\n2,1,"),
                               "participants-votes.csv": MATRIX}, ("comments.csv", 5)),
    ("vote 2", {"comments.csv": POLIS_COMMENTS, "participants-votes.csv": MATRIX.replace("\n3,1,8,1,", "\n3,1,8,2,")},
     ("participants-votes.csv", 5)),
    ("énoncé inconnu", {"comments.csv": POLIS_COMMENTS, "participants-votes.csv": MATRIX.replace(",7\n", ",99\n", 1)},
     ("participants-votes.csv", 1)),
    ("participant en double", {"comments.csv": POLIS_COMMENTS,
                               "participants-votes.csv": MATRIX.replace("\n3,1,", "\n2,1,")},
     ("participants-votes.csv", 5)),
    ("groupe illisible", {"comments.csv": POLIS_COMMENTS,
                          "participants-votes.csv": MATRIX.replace("\n3,1,", "\n3,un,")},
     ("participants-votes.csv", 5)),
    ("aucune colonne d'énoncé", {"comments.csv": POLIS_COMMENTS,
                                 "participants-votes.csv": "participant,group-id\n1,0\n"}, None),
    ("journal illisible", {"comments.csv": POLIS_COMMENTS,
                           "votes.csv": "timestamp,comment-id,voter-id,vote\n1,0,7,oui\n"}, ("votes.csv", 2)),
    ("journal énoncé inconnu", {"comments.csv": POLIS_COMMENTS,
                                "votes.csv": "timestamp,comment-id,voter-id,vote\n1,42,7,1\n"}, ("votes.csv", 2)),
    ("corps sur plusieurs lignes", {"comments.csv": POLIS_COMMENTS.replace("Énoncé 5,", "Énoncé\ncinq,").replace(
        "\n6,1,", "\n6,z,"), "participants-votes.csv": MATRIX}, ("comments.csv", 9)),
    ("guillemet ouvert", {"comments.csv": POLIS_COMMENTS + '8,1,"jamais fermé\n', "participants-votes.csv": MATRIX},
     ("comments.csv", 10)),
]


def _all_cases():
    cases = []
    for tool, name in BASES.items():
        text = (EXAMPLES / name).read_text(encoding="utf-8")
        for case, content, expected in [*generic_cases(text), *byte_cases(text)]:
            cases.append((tool, case, {"entree.csv": content}, expected))
    cases += [(tool, name, {"entree.csv": content}, expected) for tool, name, content, expected in SPECIFIC]
    cases += [("opinions", "Polis : " + name, files, expected) for name, files, expected in POLIS]
    return cases


CASES = _all_cases()


def test_the_fuzz_covers_at_least_80_malformed_files():
    assert len(CASES) >= 80
    assert {tool for tool, *_ in CASES} == set(BASES)


def _run(argv):
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    return code, out.getvalue(), err.getvalue()


def _clean_json(tool):
    code, out, _ = _run([tool, str(EXAMPLES / BASES[tool]), "--json"])
    assert code == 0
    return _comparable(json.loads(out))


def _comparable(data):
    """The analysis without the places where line numbers or file names show."""
    if isinstance(data, dict):
        return {k: _comparable(v) for k, v in data.items() if k not in ("_ligne",)}
    if isinstance(data, list):
        return [_comparable(v) for v in data]
    return data


CLEAN = {}


@pytest.mark.slow
@pytest.mark.parametrize("tool, case, files, expected", CASES, ids=[f"{c[0]}-{c[1]}" for c in CASES])
def test_malformed_file_gives_french_message_or_same_result(tmp_path, tool, case, files, expected):
    folder = tmp_path / "donnees"
    folder.mkdir()
    for name, content in files.items():
        path = folder / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", newline="")
    target = folder / "entree.csv" if "entree.csv" in files else folder
    report = tmp_path / "rapport.html"
    before = sorted(p.name for p in folder.iterdir())
    code, out, err = _run([tool, str(target), "--json"] + ([] if expected == SAME else ["--html", str(report)]))
    assert sorted(p.name for p in folder.iterdir()) == before  # nothing written next to the input
    if expected == SAME:
        assert code == 0, err
        if tool not in CLEAN:
            CLEAN[tool] = _clean_json(tool)
        if "entree.csv" in files:
            assert _comparable(json.loads(out)) == CLEAN[tool]
        return
    assert code == 1, (out[:300], err)
    message = err.strip()
    assert message.startswith("Erreur : ") and str(target) in message, message
    assert "Traceback" not in message and not ENGLISH.search(message.replace(str(target), "")), message
    assert len(message) < 700, message  # a short sentence, never a dump of the file
    assert not report.exists() and not out.strip()
    if isinstance(expected, int):
        assert f"{target}:{expected} " in message, message
    if isinstance(expected, tuple):  # a Polis export: the message names the file inside the folder
        assert f"{target / expected[0]}:{expected[1]} " in message, message


GOOD_INSTRUMENT = """titre: Essai
source: Fictif
echelle: {min: 1, max: 5}
types_acteurs: {communautaire: Organisme communautaire, institution: Institution}
dimensions:
  d1:
    titre: Dimension
    items:
      - {id: D1, texte: Un énoncé}
"""
INSTRUMENTS = [  # (name, content, expected line or None)
    ("YAML cassé", "titre: [jamais fermé\nsource: x\n", None),
    ("liste", "- a\n- b\n", None),
    ("vide", "", None),
    ("sans échelle", GOOD_INSTRUMENT.replace("echelle: {min: 1, max: 5}\n", ""), None),
    ("items en texte", GOOD_INSTRUMENT.replace("    items:\n      - {id: D1, texte: Un énoncé}\n", "    items: D1\n"),
     None),
    ("échelle à l'envers", GOOD_INSTRUMENT.replace("{min: 1, max: 5}", "{min: 5, max: 1}"), None),
    ("échelle en mots", GOOD_INSTRUMENT.replace("{min: 1, max: 5}", "{min: un, max: cinq}"), None),
    ("binaire", b"\xff\xfe\x00\x01\x89PNG", None),
    ("indentation", "titre: a\n  source: b\n echelle: c\n", 2),
]


@pytest.mark.parametrize("name, content, line", INSTRUMENTS, ids=[c[0] for c in INSTRUMENTS])
def test_malformed_instrument_gives_french_message(tmp_path, name, content, line):
    instrument = tmp_path / "instrument.yml"
    if isinstance(content, bytes):
        instrument.write_bytes(content)
    else:
        instrument.write_text(content, encoding="utf-8")
    code, out, err = _run(["diagnostic", str(EXAMPLES / BASES["diagnostic"]), "--instrument", str(instrument)])
    message = err.strip()
    assert code == 1 and message.startswith("Erreur : ") and str(instrument) in message, message
    assert "Traceback" not in message and not ENGLISH.search(message.replace(str(instrument), "")), message
    if line:
        assert f"{instrument}:{line} " in message, message
