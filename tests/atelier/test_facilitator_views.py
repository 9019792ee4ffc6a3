"""What the facilitator reads: privacy of the group profiles, terminal results, exports, notebook displays.

Second review (facilitator), findings 12 to 19: no hidden group can be worked out by subtraction;
the terminal shows each kind's own figures; the exports, the CLI and the notebook speak French.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from ocworkbook.atelier import results, security
from ocworkbook.atelier.display import ExportFiles, Notes, SessionList, tally_lines
from ocworkbook.atelier.exports import export_all
from ocworkbook.atelier.launcher import list_sessions, prepare
from ocworkbook.atelier.storage import Store
from ocworkbook.tools.privacy import revealed_by_difference

from .conftest import CHOICE, STATEMENTS, facilitator

ROOT = Path(__file__).resolve().parents[2]


def _vote_session(path, people: int, agree_first: int):
    """``people`` voters on every statement: the first ``agree_first`` agree, the others disagree."""
    store = Store(path)
    for person in range(people):
        store.join(security.digest(f"v{person}"), f"v{person}")
    store.open(STATEMENTS)
    for person in range(1, people + 1):
        for n, statement in enumerate(store.statements(STATEMENTS)):
            vote = 1 if person <= agree_first else -1
            store.vote(person, statement["id"], 0 if (n == 0 and person == 1) else vote)
    return store


# --- 14. privacy: nothing deducible by subtraction -------------------------------------------------


def test_a_remainder_of_one_or_two_people_is_revealed_by_difference():
    assert revealed_by_difference([0, 2, 5], 3) and revealed_by_difference([1], 3)
    assert not revealed_by_difference([0, 3, 7], 3) and not revealed_by_difference([], 3)


def test_five_voters_the_projector_shows_no_group_profile_and_never_draws_the_hidden_two(client):
    _vote_session(client.db, 5, 3).close()
    reply = client.get("/api/projecteur", headers=facilitator()).json()
    activity, opinion_map = reply["activite"], reply["activite"]["carte"]
    assert activity["personnes"] == 5 and opinion_map["ok"]
    assert opinion_map["groupes"] == []  # « Groupe 1 (3) : D'accord 100 % » minus the totals gave the two others
    assert any("par soustraction" in w for w in opinion_map["avertissements"])
    assert any(w.startswith("1 groupe masqué") for w in opinion_map["avertissements"])
    assert not any("groupe(s)" in w or "masqué(s)" in w for w in opinion_map["avertissements"])
    svg = client.get(f"/api/projecteur/carte.svg?activite={STATEMENTS}", headers=facilitator()).text
    assert "non affiché" not in svg and "Groupe 2" not in svg

    store = Store(client.db, readonly=True)
    summary = results.opinion_summary(store, STATEMENTS)
    store.close()
    drawn = results.opinion_chart(summary).to_dict()
    points = next(iter(drawn["datasets"].values()))
    members = set(summary["result"].groups.dropna().index)
    assert {p["participant"] for p in points} == members and len(points) == 3  # only the shown group's people


def test_profiles_are_shown_when_nobody_is_left_over(session_db):
    path, _ = session_db
    store = _vote_session(path, 6, 3)
    summary = results.opinion_summary(store, STATEMENTS)
    store.close()
    groups = results.opinion_groups(summary)
    assert summary["profiles"] and [g["personnes"] for g in groups] == [3, 3]


def test_the_widget_shows_no_profile_either(live):
    from ocworkbook.atelier.widget import LiveWorkshop

    _vote_session(live.db, 5, 3).close()
    widget = LiveWorkshop(live, poll=None)
    widget.refresh()
    assert "par soustraction" in widget.opinions.value and "Groupe 1</b>" not in widget.opinions.value
    notes = widget.warnings(STATEMENTS)
    assert isinstance(notes, Notes) and notes._repr_markdown_().startswith("- ⚠ Seulement 5 personnes regroupées")


# --- 15, 16. the opinion map of the workshop's export -----------------------------------------------------


def test_the_workshop_export_makes_no_polis_comparison(session_db, tmp_path, capsys):
    from ocworkbook.cli.main import main

    path, _ = session_db
    _vote_session(path, 5, 3).close()
    written = export_all(path, tmp_path / "export")
    with open(written[f"polis-{STATEMENTS}"] / "participants-votes.csv", encoding="utf-8") as stream:
        assert {row["group-id"] for row in csv.DictReader(stream)} == {""}
    capsys.readouterr()
    assert main(["opinions", str(written[f"polis-{STATEMENTS}"])]) == 0
    out = capsys.readouterr().out
    assert "Comparaison avec les groupes de Polis" not in out and "dernier calcul" not in out
    assert "1 groupe affiché et 1 groupe masqué" in out and "groupe(s)" not in out
    assert "Seulement 5 personnes regroupées : la méthode de Polis est conçue pour 50 à 100 personnes au moins " \
           "(seuil d'alerte : 50)." in out and "(50 ici)" not in out


def test_the_polis_comparison_agrees_its_plurals():
    from ocworkbook.i18n import t, tn

    assert tn("tools.opinions.n_groups", 1) == "1 groupe" and tn("tools.opinions.n_groups", 2) == "2 groupes"
    assert tn("tools.opinions.n_groups", 1, lang="en") == "1 group"
    text = t("tools.opinions.audit.agreement", ari="0,5", n="5", k_polis=tn("tools.opinions.n_groups", 1),
             k_ours=tn("tools.opinions.n_groups", 2))
    assert "Polis : 1 groupe, l'outil : 2 groupes." in text


# --- 13. terminal results ---------------------------------------------------------------------------------


class _Session:
    def __init__(self, db):
        self.db = db

    def state(self):
        return {"activites": [], "courante": None, "propositions": []}

    def store(self):
        return Store(self.db)


def test_terminal_results_give_the_mean_rank_of_an_ordering_and_the_votes_on_statements(tmp_path):
    from ocworkbook.cli.atelier import command

    path, _ = prepare("express-05-08", folder=tmp_path)
    store = Store(path)
    for person in range(4):
        store.join(security.digest(f"o{person}"), "")
    store.open("06-barreaux-arnstein")
    elements = [str(e["id"]) for e in store.activity("06-barreaux-arnstein")["data"]["elements"]]
    for person in range(1, 5):
        store.answer(person, "06-barreaux-arnstein", elements if person < 4 else list(reversed(elements)))
    store.close()
    said: list[str] = []
    command(_Session(path), ["resultats"], said.append)
    text = "\n".join(said)
    assert "Rang moyen" in text and "2,75" in text  # (1 + 1 + 1 + 8) / 4 for the first element
    assert not any(line.strip().startswith("4 ") for line in said[1:])  # not a head-count per element

    store = Store(path)
    store.open("express-enonces")
    for person in range(1, 5):
        for statement in store.statements("express-enonces"):
            store.vote(person, statement["id"], (1, 1, -1, 0)[person - 1])
    store.close()
    said.clear()
    command(_Session(path), ["resultats"], said.append)
    header = said[1]
    assert "D'accord" in header and "Pas d'accord" in header and "Je passe" in header and "Énoncé" in header
    assert [c.strip() for c in said[2].split("|")[1:4]] == ["2", "1", "1"]  # agree / disagree / pass, statement 1


# --- 18. terminal labels ------------------------------------------------------------------------------------


def test_the_cli_export_prints_french_labels(session_db, tmp_path, capsys):
    from ocworkbook.cli.main import main

    path, _ = session_db
    _vote_session(path, 3, 3).close()
    assert main(["atelier", "exporter", str(path), str(tmp_path / "e")]) == 0
    out = capsys.readouterr().out
    for label in ("Réponses : ", "Énoncés : ", "Résultats (totaux) : ", "Fichiers de remise : ",
                  f"Format Polis (énoncés) : {STATEMENTS} : "):
        assert label in out
    assert "reponses:" not in out and "polis-" + STATEMENTS + ":" not in out


def test_the_terminal_loopback_hint_names_the_cli_option(monkeypatch, capsys):
    from types import SimpleNamespace

    from ocworkbook.atelier import launcher
    from ocworkbook.cli.main import main

    fake = SimpleNamespace(url="http://127.0.0.1:9/?code=X", shown_code="ABC DEF", id="s", reachable=False,
                           projector_url="http://127.0.0.1:9/projecteur#k=x", db="s.sqlite", stop=lambda: None)
    monkeypatch.setattr(launcher, "start", lambda *a, **k: fake)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert main(["atelier", "demarrer", "05-concertation-des-concertations", "--adresse", "127.0.0.1"]) == 0
    out = capsys.readouterr().out
    assert "--adresse auto" in out and 'host="auto"' not in out


# --- 19. resultats.csv for a French spreadsheet -----------------------------------------------------------


def test_results_csv_is_ready_for_a_french_spreadsheet(session_db, tmp_path):
    path, _ = session_db
    store = Store(path)
    for person in range(3):
        store.join(security.digest(f"r{person}"), "")
    store.open(CHOICE)
    for person in range(1, 4):
        store.answer(person, CHOICE, "a" if person < 3 else "b")
    store.reveal(CHOICE, True)
    store.open("05-mur-recomposer")
    store.post("05-mur-recomposer", 1, "=SOMME(A1)")
    store.close()
    written = export_all(path, tmp_path / "export")
    with open(written["resultats"], encoding="utf-8-sig") as stream:
        rows = list(csv.DictReader(stream))
    choice = [r for r in rows if r["activite"] == CHOICE]
    assert {r["type"] for r in choice} == {"choix unique"}
    assert sorted(r["part"] for r in choice) == ["0 %", "0 %", "33,3 %", "66,7 %"]
    assert {r["attendue"] for r in choice} == {"Oui", "Non"} and sum(r["attendue"] == "Oui" for r in choice) == 1
    never = [r for r in rows if r["activite"] == "05-echelle-charge"]
    assert len(never) == 1 and never[0]["libelle"] == "non ouverte" and never[0]["type"] == "échelle de 1 à 5"
    wall = [r for r in rows if r["activite"] == "05-mur-recomposer"]
    assert "pour l'instant" not in wall[0]["libelle"] and "1 réponse : moins de 3 personnes" in wall[0]["libelle"]
    assert not any("." in r["part"] for r in rows)
    with open(written["mur"], encoding="utf-8-sig") as stream:
        assert [row["texte"] for row in csv.DictReader(stream)] == ["'=SOMME(A1)"]


# --- 12. the notebook shows tables and lists, not Python ---------------------------------------------------


def test_exports_and_sessions_show_as_french_tables(session_db, tmp_path):
    path, _ = session_db
    written = export_all(path, tmp_path / "export")
    assert isinstance(written, ExportFiles)
    html = written._repr_html_()
    assert "<th>Fichier</th><th>Contenu</th><th>Lien</th>" in html and "Fichiers de remise" in html
    assert 'href="' in html and "PosixPath" not in html and "reponses.csv</a>" in html
    sessions = list_sessions(tmp_path)[:3]
    assert isinstance(sessions, SessionList)
    table = sessions._repr_html_()
    assert "<th>Séance</th>" in table and path.stem in table and "{" not in table
    assert Notes([])._repr_markdown_() == "Aucun avertissement."
    assert Notes(["a_b <i>"])._repr_markdown_() == r"- ⚠ a\_b &lt;i&gt;"


def test_the_facilitator_notebook_prints_no_raw_python():
    notebook = json.loads((ROOT / "notebooks" / "animation" / "atelier-en-direct.ipynb").read_text(encoding="utf-8"))
    code = "\n".join("".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "code")
    assert "print(" not in code and '["warnings"]' not in code
    assert "atelier.warnings(" in code


def test_tally_lines_hide_below_the_minimum(session_db):
    path, _ = session_db
    store = Store(path)
    store.open(CHOICE)
    spec = store.current()
    lines = tally_lines(results.tally(store, spec))
    store.close()
    assert len(lines) == 1 and "3 personnes" in lines[0]


@pytest.mark.parametrize("value, text", [(2.3333, "2,33"), (2.0, "2"), (None, ""), (12, "12")])
def test_spreadsheet_numbers_use_a_decimal_comma(value, text):
    from ocworkbook.atelier.exports import spreadsheet_number

    assert spreadsheet_number(value) == text
