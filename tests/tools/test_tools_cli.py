"""Each tool's CLI verb, end to end: JSON on stdout, HTML report with inline SVG, French errors, no partial files."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ocworkbook.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "datasets" / "exemples"
POLIS = ROOT.parent / "shared" / "data" / "polis"


def run_json(capsys, argv):
    assert main(argv) == 0
    return json.loads(capsys.readouterr().out)


def test_diagnostic_json_and_html(capsys, tmp_path):
    report = tmp_path / "rapport.html"
    assert main(["diagnostic", str(EXAMPLES / "diagnostic-table-quartier.csv"), "--html", str(report)]) == 0
    out = capsys.readouterr().out
    assert "Écart à discuter" in out and str(report) in out
    page = report.read_text(encoding="utf-8")
    assert "<svg" in page and "<script" not in page and "cdn" not in page.lower()
    data = run_json(capsys, ["diagnostic", str(EXAMPLES / "diagnostic-table-quartier.csv"), "--json"])
    assert {g["dimension"] for g in data["gaps"]} == {"definition", "negociation", "pouvoir", "autonomie",
                                                       "citoyens", "reddition"}
    assert all(0 < g["p_value"] <= 1 for g in data["gaps"])
    assert "citoyen" not in {row["type_acteur"] for row in data["by_type"]}  # only 2 citizens: hidden
    data = run_json(capsys, ["diagnostic", str(EXAMPLES / "diagnostic-table-quartier.csv"), "--json",
                             "--min-group", "2"])
    assert "citoyen" in {row["type_acteur"] for row in data["by_type"]}


def test_network_json(capsys):
    data = run_json(capsys, ["network", str(EXAMPLES / "adhesions-concertations.csv"), "--actors",
                             str(EXAMPLES / "acteurs-concertations.csv"), "--json", "--merge",
                             "Table jeunesse,Table aînés"])
    assert 0 < data["density"] <= 1
    ville = data["actors"]["Ville de Rivière-Claire"]
    assert ville["tables"] == 4 and 0 <= ville["betweenness"] <= 1
    assert any(row["mesure"] == "tables_count" and row["difference"] == -1 for row in data["what_if"])


def test_participation_json_and_html(capsys, tmp_path):
    data = run_json(capsys, ["participation", str(EXAMPLES / "decisions-participation.csv"), "--json"])
    assert data["counts"] == {"tenu": 2, "en_deca": 3, "au_dela": 1}
    report = tmp_path / "audit.html"
    assert main(["participation", str(EXAMPLES / "decisions-participation.csv"), "--html", str(report)]) == 0
    assert "<svg" in report.read_text(encoding="utf-8")


def test_opinions_json_on_tidy_csv(capsys):
    data = run_json(capsys, ["opinions", str(EXAMPLES / "votes-atelier.csv"), "--json", "--seed", "3"])
    assert data["groups"] == 2 and 0 <= data["stability"] <= 1
    assert len(data["participants"]) == 36
    assert data["warnings"]  # 36 people: below the size Polis is made for


def test_opinions_json_on_polis_export(capsys):
    folder = POLIS / "brexit-consensus"
    if not folder.is_dir():
        pytest.skip(f"échantillon Polis absent : {folder}")
    data = run_json(capsys, ["opinions", str(folder), "--json"])
    assert data["groups"] == 2 and data["stability"] >= 0.8
    assert len(data["participants"]) == 204
    assert data["consensus"]["group_informed"]
    audit = data["polis_audit"]
    assert audit["ari"] >= 0.5 and audit["compared"] == 189 and audit["excluded_few_votes"] == 8
    assert any("moins de 7 énoncés" in line for line in audit["explanations"])


def test_opinions_text_and_html_show_the_audit(capsys, tmp_path):
    folder = POLIS / "scoop-hivemind.ubi"
    if not folder.is_dir():
        pytest.skip(f"échantillon Polis absent : {folder}")
    report = tmp_path / "carte.html"
    assert main(["opinions", str(folder), "--html", str(report)]) == 0
    out = capsys.readouterr().out
    assert "Comparaison avec les groupes de Polis" in out and "état antérieur" in out
    assert "stabilité 1,00" in out or "stabilité 0," in out  # French decimal comma
    page = report.read_text(encoding="utf-8")
    assert "Comparaison avec les groupes de Polis" in page and "état antérieur" in page
    assert "<svg" in page and "<script" not in page


@pytest.mark.slow
def test_opinions_html_at_10000_participants(tmp_path):
    """Altair refuses more than 5,000 rows: above, the chart counts people per cell of a grid."""
    import sys

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from synthetic_votes import synthetic_votes

    from ocworkbook.tools.opinions import opinion_map
    from ocworkbook.tools.report import opinions_report

    table, _ = synthetic_votes(10_000, 40, density=0.5, seed=3)
    page = opinions_report(opinion_map(table))
    assert "<svg" in page and page.rstrip().endswith("</html>")
    assert len(page) < 3_000_000


@pytest.mark.parametrize("verb, text, needle", [
    ("diagnostic", "repondant,type_acteur,item,cote\nR1,banque,D1,4\n", "type d'acteur inconnu"),
    ("network", "acteur,table\nA,T\nA,T\n", "ligne en double"),
    ("participation", "decision,promis\nA,information\n", "pratique"),
    ("opinions", "participant,enonce,vote\n", "aucune donnée"),
])
def test_bad_input_gives_french_message_and_no_report(capsys, tmp_path, verb, text, needle):
    path = tmp_path / "entree.csv"
    path.write_text(text, encoding="utf-8")
    report = tmp_path / "rapport.html"
    assert main([verb, str(path), "--html", str(report)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Erreur") and needle in err and str(path) in err
    assert "Traceback" not in err
    assert not report.exists() and os.listdir(tmp_path) == ["entree.csv"]


def test_report_into_missing_folder_leaves_nothing(capsys, tmp_path):
    target = tmp_path / "absent" / "r.html"
    assert main(["participation", str(EXAMPLES / "decisions-participation.csv"), "--html", str(target)]) == 1
    assert "n'existe pas" in capsys.readouterr().err
    assert not target.parent.exists()


def test_subprocess_entry_point():
    result = subprocess.run([sys.executable, "-m", "ocworkbook.cli.main", "network",
                             str(EXAMPLES / "adhesions-concertations.csv"), "--json"],
                            capture_output=True, text=True, check=False, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert "density" in json.loads(result.stdout)
