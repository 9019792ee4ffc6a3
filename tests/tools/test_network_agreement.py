"""Notebook 05's simulator and ``ocworkbook network`` run the same rules on the same model: same numbers."""

from __future__ import annotations

import json
import sys

import pytest

import ocworkbook as ow
from ocworkbook.lessons import recomposition as rc
from ocworkbook.lessons import recomposition_widget as rw

SIZES = {"petit": 1, "moyen": 2, "grand": 3}  # the command line reads sizes as numbers


@pytest.fixture(scope="module")
def mrc_files(tmp_path_factory):
    """The MRC datasets written the way a practitioner gives them to the command line."""
    folder = tmp_path_factory.mktemp("mrc")
    actors, tables, seats = ow.load("mrc_acteurs"), ow.load("mrc_tables"), ow.load("mrc_adhesions")
    hours = dict(zip(tables.table_id, tables.heures_par_an, strict=True))
    memberships = seats.rename(columns={"acteur_id": "acteur", "table_id": "table"})
    memberships["heures"] = memberships["table"].map(hours)
    memberships.to_csv(folder / "adhesions.csv", index=False)
    attributes = actors.rename(columns={"acteur_id": "acteur"})[["acteur", "secteur", "taille"]]
    attributes["taille"] = attributes["taille"].map(SIZES)
    attributes.to_csv(folder / "acteurs.csv", index=False)
    return folder, rw.territory_from_datasets(actors, tables, seats)


def cli_json(capsys, args):
    from ocworkbook.cli.main import main

    capsys.readouterr()  # what the widget displayed before
    assert main(args) == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("operations", [
    [("merge", ["T03", "T07"])],
    [("link", ["T01", "T05"])],
    [("coordinate", ["T06", "T11"])],
    [("merge", ["T03", "T07"]), ("link", ["T01", "T05"]), ("coordinate", ["T06", "T11"])],
])
def test_simulator_and_command_line_agree(capsys, mrc_files, operations):
    folder, territory = mrc_files
    ui = rw.redesign_widget(territory)
    args = ["network", str(folder / "adhesions.csv"), "--actors", str(folder / "acteurs.csv"), "--json",
            "--small", str(SIZES["petit"])]
    for operation, tables in operations:
        ui.apply(tables, operation)
        args += [f"--{operation}", ",".join(tables)]
    assert len(ui.log) == len(operations)
    data = cli_json(capsys, args)
    after = {row["mesure"]: row["apres"] for row in data["what_if"]}
    before = {row["mesure"]: row["avant"] for row in data["what_if"]}
    notebook_before, notebook_after = rc.measures(territory), rc.measures(ui.current)
    for cli_key, notebook_key in (("tables_count", "tables"), ("seats", "sieges"), ("total_hours", "heures_totales"),
                                  ("max_load", "charge_max"), ("liaisons", "liaisons")):
        assert before[cli_key] == pytest.approx(notebook_before[notebook_key])
        assert after[cli_key] == pytest.approx(notebook_after[notebook_key])
    assert after["density"] == pytest.approx(notebook_after["densite"], abs=1e-4)
    assert after["degree_centralization"] == pytest.approx(notebook_after["centralisation"], abs=1e-4)


def test_the_command_line_offers_every_rule_of_the_notebook():
    import subprocess

    shown = subprocess.run([sys.executable, "-m", "ocworkbook", "network", "--help"], capture_output=True,
                           text=True, check=True).stdout
    for option in ("--merge", "--link", "--coordinate", "--committee", "--small", "--shared-part"):
        assert option in shown
