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
    root = make_workbook({}, datasets={"r.csv": "annee,part,secteur\n2015,0.5,public\n2024,1.5,communautaire\n"},
                         resources=RES)
    frame = ow.load("r", root=root)
    assert frame["annee"].tolist() == [2015, 2024] and frame["part"].tolist() == [0.5, 1.5]


@pytest.mark.parametrize("value, kind", [("\"0,5\"", "number"), ("1.0", "integer"), ("oui", "boolean"),
                                         ("2025-13-01", "date"), ("10/09/2025", "date")])
def test_load_is_as_strict_as_table_schema(make_workbook, value, kind):
    """What frictionless rejects, ``ow.load`` rejects too (and says so in French, with file, line, column)."""
    resources = [{"name": "r", "path": "r.csv", "schema": {"fields": [{"name": "v", "type": kind}]}}]
    root = make_workbook({}, datasets={"r.csv": f"v\n{value}\n"}, resources=resources)
    with pytest.raises(DataError, match=r"r\.csv:2 \(colonne « v ».*n'est pas"):
        ow.load("r", root=root)


def test_declared_true_values_and_decimal_comma_are_honoured(make_workbook):
    fields = [{"name": "b", "type": "boolean", "trueValues": ["oui"], "falseValues": ["non"]},
              {"name": "x", "type": "number", "decimalChar": ","}]
    resources = [{"name": "r", "path": "r.csv", "schema": {"fields": fields}}]
    root = make_workbook({}, datasets={"r.csv": "b,x\noui,\"0,5\"\n"},
                         resources=resources)
    frame = ow.load("r", root=root)
    assert frame["b"].tolist() == [True] and frame["x"].tolist() == [0.5]


def test_the_datapackage_is_valid_for_frictionless():
    frictionless = pytest.importorskip("frictionless")
    report = frictionless.validate(str(ROOT / "datasets" / "datapackage.json"))
    assert report.valid, report.flatten(["resourcePath", "rowNumber", "fieldName", "type", "note"])


@pytest.mark.parametrize("csv, message", [
    ("annee,part,secteur\n2015,x,public\n", "r.csv:2 (colonne « part ») : « x » n'est pas un nombre"),
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
