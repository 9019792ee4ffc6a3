"""Package hygiene: cheap import without side effects, setup() choices, notebooks saved clean."""

import json
import subprocess
import sys

import pytest

from conftest import ROOT


def test_import_is_cheap_and_has_no_side_effects():
    code = ("import sys, ocworkbook; heavy = [m for m in ('pandas', 'altair', 'ipywidgets', 'numpy', 'yaml') "
            "if m in sys.modules]; print(heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_setup_chooses_an_offline_renderer_and_the_theme(monkeypatch):
    import altair as alt

    import ocworkbook as ow

    monkeypatch.delenv("OCWORKBOOK_RENDERER", raising=False)
    info = ow.setup()
    assert info.renderer == "jupyter" and alt.renderers.active == "jupyter"
    assert alt.theme.active == "ocworkbook"
    spec = alt.Chart({"values": [{"x": 1234.5}]}).mark_bar().encode(x="x:Q").to_dict()
    assert spec["config"]["locale"]["number"]["decimal"] == ","
    monkeypatch.setenv("OCWORKBOOK_RENDERER", "svg")
    assert ow.setup().renderer == "svg"
    assert "Cahier prêt" in ow.setup()._repr_markdown_()
    ow.setup(lang="en")
    assert ow.t("widget.check") == "Check"
    ow.setup()


def test_workbook_errors_are_shown_without_traceback(capsys):
    from IPython.testing.globalipapp import get_ipython

    from ocworkbook.errors import DataError
    from ocworkbook.session import install_error_display

    shell = get_ipython()
    assert install_error_display()
    shell.run_cell("from ocworkbook.errors import DataError; raise DataError('fichier absent.', path='x.csv')")
    out = capsys.readouterr().out
    assert "Un problème empêche d'aller plus loin" in out and "x.csv : fichier absent." in out
    assert "Traceback" not in out
    assert DataError


def test_french_number_format_in_rendered_chart():
    import altair as alt
    import vl_convert

    from ocworkbook.charts import theme_config

    chart = alt.Chart(alt.Data(values=[{"x": 1234.5, "y": "a"}])).mark_text().encode(
        text=alt.Text("x:Q", format=",.1f"), y="y:N").properties(**{})
    spec = chart.to_dict()
    spec["config"] = theme_config()["config"]
    svg = vl_convert.vegalite_to_svg(spec)
    assert "1\u202f234,5" in svg


NOTEBOOKS = sorted(p for p in (ROOT / "notebooks").rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebooks_are_saved_without_outputs_and_with_a_kernel(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    assert nb["metadata"]["kernelspec"]["name"] == "python3"
    assert all(not cell.get("outputs") for cell in nb["cells"] if cell["cell_type"] == "code")
