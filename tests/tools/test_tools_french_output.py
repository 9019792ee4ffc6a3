"""What a practitioner reads from the four tools is finished French work, in the terminal and the HTML report.

Each tool runs on the documentation's examples (``datasets/exemples``); the text and the report's
visible text (charts and styles left out) must hold French numbers (« 2,96 », « p = 0,007 »,
« 528 h », « −1 »), French headers and labels, no snake_case code, no ``NaN``, no Python dict.
"""

import html
import re
from pathlib import Path

import pytest

from ocworkbook.cli.main import main
from ocworkbook.tools.outputs import fmt_hours, fmt_number, fmt_p, fmt_signed

EXAMPLES = Path(__file__).resolve().parents[2] / "datasets" / "exemples"
DIAGNOSTIC = str(EXAMPLES / "diagnostic-table-quartier.csv")
MEMBERSHIPS = str(EXAMPLES / "adhesions-concertations.csv")
ACTORS = str(EXAMPLES / "acteurs-concertations.csv")
DECISIONS = str(EXAMPLES / "decisions-participation.csv")
VOTES = str(EXAMPLES / "votes-atelier.csv")
MACHINE_CODES = ("actors_count", "tables_count", "betweenness", "degree_centralization", "p_value", "p_holm",
                 "ecart_type", "ic_bas", "type_haut", "en_deca", "au_dela", "ecart_bourque", "table_a",
                 "courtage_intersectoriel", "intermediarite", "moyenne_haut", "mean_tables_per_actor")


def run(capsys, argv, code=0):
    assert main(argv) == code
    captured = capsys.readouterr()
    return captured.out, captured.err


def visible_text(page: str) -> str:
    """The words a reader sees in a report: no chart, no style, no markup."""
    page = re.sub(r"<svg.*?</svg>", " ", page, flags=re.S)
    page = re.sub(r"<style>.*?</style>", " ", page, flags=re.S)
    page = re.sub(r"</t[dh]>", " | ", page)
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def assert_finished_french(text: str):
    """No point decimal, NaN, dict, pandas artefact or snake_case code in what people read."""
    text = text.replace("CC BY 4.0", "")  # a licence's name, not a number
    assert not re.search(r"\d\.\d", text), re.search(r".{30}\d\.\d.{30}", text)
    assert "NaN" not in text and "nan" not in text.split() and "None" not in text
    assert "{" not in text and "}" not in text
    assert not re.search(r"\b[a-z]+_[a-z_]+\b", text), re.search(r"\b[a-z]+_[a-z_]+\b", text)
    for code in MACHINE_CODES:
        assert code not in text
    assert not re.search(r"(?<![\w−])-\d", text)  # a negative number is written with « − »


def report(capsys, tmp_path, argv) -> tuple[str, str]:
    """(terminal text without the « report written » line, visible text of the HTML report)."""
    path = tmp_path / "rapport.html"
    out, _ = run(capsys, [*argv, "--html", str(path)])
    out = out.replace(str(path), "")
    return out, visible_text(path.read_text(encoding="utf-8"))


def test_formatters_are_french():
    assert fmt_number(2.9583) == "2,96" and fmt_number(528, 0) == "528"
    assert fmt_number(2000, 0) == "2\u202f000" and fmt_number(-0.064, 3) == "−0,064"
    assert fmt_p(0.0002) == "< 0,001" and fmt_p(0.007) == "0,007" and fmt_p(0.0) == "< 0,001"
    assert fmt_signed(5) == "+5" and fmt_signed(-1) == "−1" and fmt_signed(0) == "0"
    assert fmt_hours(528.0) == "528\u00a0h" and fmt_hours(12.5) == "12,5\u00a0h"


def test_diagnostic_text_and_report(capsys, tmp_path):
    out, page = report(capsys, tmp_path, ["diagnostic", DIAGNOSTIC])
    for text in (out, page):
        assert_finished_french(text)
        assert "moyenne 2,96 sur 5" in text
        assert "Institution publique 3,92 contre Organisme communautaire 2,58 (test de permutation, p = 0,007)" in text
        assert "p < 0,001" in text
        for header in ("Dimension", "Personnes", "Moyenne", "Écart type", "IC 95 %", "Repère",
                       "Type le plus haut", "Valeur p", "Valeur p (Holm)"):
            assert header in text
        assert "Municipalité ou MRC (3,33)" in text and "< 0,001" in text
    assert "0,00 " not in page.replace("0,00 à", "")  # a p-value is never shown as zero
    assert "Graine du hasard : 0" in page and "2\u202f000 rééchantillonnages" in page
    assert "5\u202f000 permutations" in page and "Paramètres" not in page


def test_diagnostic_report_marks_reversed_items(capsys, tmp_path):
    _, page = report(capsys, tmp_path, ["diagnostic", DIAGNOSTIC])
    assert page.count("énoncé inversé : 5 = pas du tout d'accord") == 5  # D3, N3, P3, A3 and R3
    row = re.search(r"D3 \|[^\n]*?mettre en œuvre\. \(énoncé inversé[^|]*\| *15 \| *3,33 \| *2,67", page)
    assert row, "D3 shows the score kept (3,33) and the raw agreement (2,67)"
    assert "Accord brut" in page and "Cote retenue" in page


@pytest.fixture
def partial_file(tmp_path):
    rows = (EXAMPLES / "diagnostic-table-quartier.csv").read_text(encoding="utf-8").splitlines()
    kept = [rows[0]] + [r for r in rows[1:] if r.split(",")[2] in ("D1", "D2", "D3", "N1")
                        and r.split(",")[0] in ("R01", "R02", "R03", "R04")]
    path = tmp_path / "partiel.csv"
    path.write_text("\n".join(kept) + "\n", encoding="utf-8")
    return path


def test_diagnostic_partial_file_has_no_nan(capsys, tmp_path, partial_file):
    out, page = report(capsys, tmp_path, ["diagnostic", str(partial_file)])
    for text in (out, page):
        assert "NaN" not in text and "— (aucune réponse)" in text
        assert "2 dimensions sur 6 ont des réponses" in text


def test_diagnostic_misnamed_type_column_is_named(capsys, tmp_path, partial_file):
    path = tmp_path / "mal-nomme.csv"
    path.write_text(partial_file.read_text(encoding="utf-8").replace("type_acteur", "type", 1), encoding="utf-8")
    out, _ = run(capsys, ["diagnostic", str(path)])
    warning = next(line for line in out.splitlines() if line.startswith("⚠"))
    assert "« type »" in warning and "mal-nomme.csv" in warning
    assert "colonnes trouvées : repondant, type, item, cote" in warning
    assert "Organisme communautaire (4)" in warning


def test_network_text_and_report(capsys, tmp_path):
    argv = ["network", MEMBERSHIPS, "--actors", ACTORS, "--merge", "Table jeunesse,Table aînés"]
    out, page = report(capsys, tmp_path, argv)
    for text in (out, page):
        assert_finished_french(text)
        assert "Scénario : fusion de Table jeunesse et Table aînés." in text
        assert "528\u00a0h" in text and "528.000" not in text and "80\u00a0h" in text
        assert "Sièges occupés" in text and "sièges occupés" not in text
        for header in ("Acteur", "Intermédiarité", "Courtage intersectoriel", "Avant", "Après", "Différence"):
            assert header in text
    assert "Densité : 0,505" in out and "Tables par acteur (moyenne) : 1,86" in out
    assert re.search(r"Tables +5 +4 +−1", out) and re.search(r"Liens entre acteurs +46 +51 +\+5", out)
    assert "14,00" not in page and "1,00" not in page.replace("1,00 ", "x")  # counts are integers
    assert re.search(r"Tables \| +5 \| +4 \| +−1", page)
    assert "Part commune (Jaccard)" in page and "indice de Jaccard" in page and "Membres communs" in page


def test_network_unknown_table_lists_the_file_tables(capsys):
    _, err = run(capsys, ["network", MEMBERSHIPS, "--merge", "Table jeunesse,Table inexistante"], code=1)
    assert "adhesions-concertations.csv" in err and "« Table inexistante »" in err
    assert "tables du fichier : Comité logement, Comité sécurité alimentaire, Table aînés" in err


def test_participation_text_and_report(capsys, tmp_path):
    out, page = report(capsys, tmp_path, ["participation", DECISIONS])
    for text in (out, page):
        assert_finished_french(text)
        assert "(gradient de Bourque)" in text and "échelle bourque" not in text
        for word in ("en deçà", "au-delà", "tenu", "Décision", "Échelle", "Pratiqué", "Écart (gradient de Bourque)",
                     "Statut", "Note", "Site annoncé avant la séance"):
            assert word in text
    svg = (tmp_path / "rapport.html").read_text(encoding="utf-8")
    assert ">Choix du site du futur centre communautaire<" in svg  # the chart's label is not cut


def test_opinions_consensus_is_explained(capsys, tmp_path):
    out, page = report(capsys, tmp_path, ["opinions", VOTES])
    for text in (out, page):
        assert_finished_french(text)
        assert re.search(r"\[E05\] d'accord : \d+\u00a0% \(groupe 1\) · \d+\u00a0% \(groupe 2\) ; indice 0,61", text)
        assert "Ce n'est pas un pourcentage de la salle" in text
    assert "Silhouette (de −1 à 1)" in page and "Silhouette au-delà du hasard :" in page


def test_french_aliases_give_the_same_results(capsys):
    english = run(capsys, ["network", MEMBERSHIPS, "--actors", ACTORS, "--merge", "Table jeunesse,Table aînés",
                           "--coordinate", "Table de quartier Saint-Ours,Comité logement", "--shared-part", "0.25",
                           "--json"])[0]
    french = run(capsys, ["reseau", MEMBERSHIPS, "--acteurs", ACTORS, "--fusionner", "Table jeunesse,Table aînés",
                          "--coordonner", "Table de quartier Saint-Ours,Comité logement", "--part-commune", "0.25",
                          "--json"])[0]
    assert french == english and '"what_if"' in french
    assert (run(capsys, ["diagnostic", DIAGNOSTIC, "--graine", "2", "--groupe-min", "2", "--json"])[0]
            == run(capsys, ["diagnostic", DIAGNOSTIC, "--seed", "2", "--min-group", "2", "--json"])[0])
    assert (run(capsys, ["participation", DECISIONS, "--echelle", "bourque", "--json"])[0]
            == run(capsys, ["participation", DECISIONS, "--scale", "bourque", "--json"])[0])
    assert (run(capsys, ["opinions", VOTES, "--mise-a-echelle", "aucune", "--json"])[0]
            == run(capsys, ["opinions", VOTES, "--scaling", "none", "--json"])[0])
