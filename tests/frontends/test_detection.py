"""setup() in a simulated Colab and a simulated JupyterLite; the browser's fallback messages."""

from __future__ import annotations

import sys
import types

import pytest

from ocworkbook import lite_fallback, session
from ocworkbook.publish import install_cell


@pytest.fixture
def clean_env(monkeypatch):
    for name in session.COLAB_ENV:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.delenv(session.RENDERER_ENV, raising=False)
    monkeypatch.delitem(sys.modules, "google.colab", raising=False)
    return monkeypatch


@pytest.fixture
def fake_colab(clean_env):
    """A ``google.colab`` package whose ``output.enable_custom_widget_manager`` records its calls."""
    calls = []
    output = types.SimpleNamespace(enable_custom_widget_manager=lambda: calls.append("custom-widget-manager"))
    google = types.ModuleType("google")
    colab = types.ModuleType("google.colab")
    colab.output = output
    google.colab = colab
    clean_env.setitem(sys.modules, "google", google)
    clean_env.setitem(sys.modules, "google.colab", colab)
    clean_env.setitem(sys.modules, "google.colab.output", output)
    return calls


def test_desktop_is_neither_colab_nor_lite(clean_env):
    assert not session.in_colab() and not session.in_jupyterlite() and session.frontend() == "jupyter"


@pytest.mark.parametrize("variable", session.COLAB_ENV)
def test_colab_is_detected_from_its_environment_alone(clean_env, variable):
    clean_env.setenv(variable, "1")
    assert session.in_colab() and session.frontend() == "colab"
    assert session.choose_renderer() == "colab"


def test_install_cell_condition_implies_session_detection(clean_env):
    """Whenever the install cell believes it runs in Colab, setup() believes it too."""
    assert "COLAB_RELEASE_TAG" in install_cell.SOURCE and "COLAB_RELEASE_TAG" in session.COLAB_ENV
    assert '"google.colab" in sys.modules' in install_cell.SOURCE


def test_setup_in_colab_uses_its_renderer_without_the_widget_manager(fake_colab):
    import altair as alt

    info = session.setup()
    assert (info.renderer, info.frontend) == ("colab", "colab") and alt.renderers.active == "colab"
    assert fake_colab == []  # Colab's own renderer draws HTML, no anywidget involved


def test_setup_in_colab_enables_the_custom_widget_manager_for_anywidget_charts(fake_colab):
    session.setup(renderer="jupyter")
    assert fake_colab == ["custom-widget-manager"]
    session.setup(renderer="svg")


def test_enable_colab_widgets_outside_colab_does_nothing(clean_env):
    assert session.enable_colab_widgets() is False


def test_setup_in_simulated_jupyterlite(clean_env):
    import altair as alt

    clean_env.setattr(sys, "platform", "emscripten")
    info = session.setup()
    assert (info.renderer, info.frontend) == ("jupyterlite", "jupyterlite")
    assert "dans **ce navigateur, sur cet ordinateur**" in info._repr_markdown_()
    bundle = alt.Chart(alt.Data(values=[{"x": 1}])).mark_point().encode(x="x:Q")._repr_mimebundle_()
    data = bundle[0] if isinstance(bundle, tuple) else bundle
    spec = data[session.VEGALITE_V5_MIME]
    assert spec["$schema"].endswith("vega-lite/v5.json") and spec["mark"]["type"] == "point"
    clean_env.setattr(sys, "platform", "linux")
    session.setup(renderer="svg")


def test_the_progress_log_works_where_fcntl_has_no_flock(monkeypatch, tmp_path):
    """Pyodide's fcntl has no flock: the log appends without a lock there (one browser tab, one writer)."""
    from ocworkbook.exercises.progress import ProgressLog

    monkeypatch.setitem(sys.modules, "fcntl", types.ModuleType("fcntl"))
    log = ProgressLog(tmp_path)
    log.append("check", exercise="x", status="correct", score=1.0)
    assert [e["exercise"] for e in log.read()] == ["x"]


def test_assigned_names_of_a_cell():
    code = "import pandas as pd\nfrom x import y as z\ndf = ow.load('a')\nfor i, j in []: pass\ndef f(): q = 1\n"
    assert {"pd", "z", "df", "i", "j", "f"} <= lite_fallback.assigned_names(code)
    assert lite_fallback.assigned_names("x = (") == set()


def test_missing_browser_package_is_explained_then_its_names(capsys):
    from IPython.testing.globalipapp import get_ipython

    shell = get_ipython()
    original = shell.showtraceback
    try:
        assert lite_fallback.install(shell) is True and lite_fallback.install(shell) is False
        shell.run_cell("raise ModuleNotFoundError(\"No module named 'pandas'\", name='pandas')\ndonnees = 1")
        out = capsys.readouterr().out
        assert "Cette cellule a besoin de pandas" in out and "Traceback" not in out
        shell.run_cell("donnees.head()")
        assert "Cette cellule utilise « donnees »" in capsys.readouterr().out
        shell.run_cell("inconnu_ailleurs + 1")
        out = capsys.readouterr().out
        assert "NameError" in out and "Cette cellule" not in out  # any other error keeps its traceback
        # the cell that installs the handler (setup()) is itself covered: it is in the input history
        shell.showtraceback = original
        shell.events.unregister("pre_run_cell", lite_fallback._remember_cell)
        shell.run_cell("import ocworkbook.lite_fallback as lf\nlf.install(get_ipython())\n"
                       "raise ModuleNotFoundError('absent', name='pandas')\npd2 = None", store_history=True)
        shell.run_cell("pd2.DataFrame()", store_history=True)
        assert "« pd2 »" in capsys.readouterr().out
    finally:
        shell.showtraceback = original
        shell.events.unregister("pre_run_cell", lite_fallback._remember_cell)
