"""Datasets: typed loading, and clear French errors naming file, line and column."""

import pytest

import ocworkbook as ow
from conftest import ROOT
from ocworkbook.errors import DataError

RES = [{"name": "r", "path": "r.csv", "fictional": True, "schema": {"fields": [
    {"name": "annee", "type": "integer", "constraints": {"required": True}},
    {"name": "part", "type": "number"},
    {"name": "secteur", "type": "string", "constraints": {"enum": ["communautaire", "public"]}}]}}]


def test_every_shipped_dataset_loads_and_is_documented():
    from ocworkbook.data import resources

    for name, resource in resources(ROOT).items():
        frame = ow.load(name, root=ROOT)
        assert len(frame) > 0, name
        assert "fictional" in resource and resource.get("description"), name
        fields = [f["name"] for f in resource["schema"]["fields"]]
        assert fields == list(frame.columns)[: len(fields)]


def test_types_follow_the_schema(make_workbook):
    root = make_workbook({}, datasets={"r.csv": "annee,part,secteur\n2015,\"0,5\",public\n2024,1.5,communautaire\n"},
                         resources=RES)
    frame = ow.load("r", root=root)
    assert frame["annee"].tolist() == [2015, 2024] and frame["part"].tolist() == [0.5, 1.5]


@pytest.mark.parametrize("csv, message", [
    ("annee,part,secteur\n2015,x,public\n", "r.csv:2 (colonne « part ») : « x » n'est pas un nombre."),
    ("annee,part,secteur\n2015,1,public\n,2,public\n", "r.csv:3 (colonne « annee ») : valeur obligatoire manquante."),
    ("annee,part,secteur\n2015,1,privé\n", "r.csv:2 (colonne « secteur ») : « privé » n'est pas une valeur permise"),
    ("annee,secteur\n2015,public\n", "r.csv:1 : colonne(s) manquante(s) : part."),
])
def test_broken_csv_is_reported_precisely(make_workbook, csv, message):
    root = make_workbook({}, datasets={"r.csv": csv}, resources=RES)
    with pytest.raises(DataError) as error:
        ow.load("r", root=root)
    assert message in str(error.value)


def test_unknown_dataset_lists_the_available_ones(make_workbook):
    root = make_workbook({}, datasets={"r.csv": "annee,part,secteur\n"}, resources=RES)
    with pytest.raises(DataError, match="aucun jeu de données nommé « x ». Jeux disponibles : r"):
        ow.load("x", root=root)
