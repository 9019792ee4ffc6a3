"""``ocworkbook.setup()``: configure a notebook session (language, chart renderer, theme).

Nothing happens at import time; this function is the one place where the session changes.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass

from .i18n import set_language, t

RENDERER_ENV = "OCWORKBOOK_RENDERER"


@dataclass
class SessionInfo:
    """What ``setup()`` chose; shown as a short confirmation in the notebook."""

    lang: str
    renderer: str

    def _repr_markdown_(self):
        return t("setup.ready", renderer=t(f"setup.renderer.{self.renderer}", default=self.renderer))

    def __repr__(self):
        return f"SessionInfo(lang={self.lang!r}, renderer={self.renderer!r})"


def choose_renderer() -> str:
    """Pick an Altair renderer that draws charts without network access in this front end.

    - ``OCWORKBOOK_RENDERER`` wins when set (``ocworkbook export`` sets ``svg`` so that charts
      are drawn inline in exported HTML and slides);
    - Google Colab: its own renderer (Colab is online by nature);
    - JupyterLite (Pyodide, where vl-convert does not exist): ``mimetype``, drawn by the Vega
      renderer that JupyterLab ships;
    - JupyterLab, Notebook 7, VS Code: ``jupyter`` with ``offline=True`` (anywidget +
      vl-convert serve Vega from the local Python installation);
    - anything else, or if anywidget/vl-convert are missing: ``svg`` through vl-convert.
    """
    forced = os.environ.get(RENDERER_ENV)
    if forced:
        return forced
    if "google.colab" in sys.modules:
        return "colab"
    if sys.platform == "emscripten":
        return "mimetype"
    try:
        import anywidget  # noqa: F401
        import vl_convert  # noqa: F401
    except ImportError:
        return "svg"
    return "jupyter"


def enable_renderer(name: str) -> str:
    import altair as alt

    if name == "jupyter":
        try:
            alt.renderers.enable("jupyter", offline=True)
            return name
        except Exception:  # pragma: no cover - missing optional front-end pieces
            name = "svg"
    alt.renderers.enable(name)
    return name


def show_workbook_error(shell, etype, value, tb, tb_offset=None):
    """IPython handler: a WorkbookError is shown as its French message, without a traceback."""
    from IPython.display import display

    text = t("setup.error_box", message=str(value))
    display({"text/markdown": text, "text/plain": text.replace("**", "")}, raw=True)


def install_error_display() -> bool:
    """In IPython, show our errors (bad dataset, bad exercise file…) as plain French messages."""
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover
        return False
    shell = get_ipython()
    if shell is None:
        return False
    from .errors import WorkbookError

    shell.set_custom_exc((WorkbookError,), show_workbook_error)
    return True


def setup(lang: str = "fr", renderer: str | None = None, solution=None) -> SessionInfo:
    """Configure the session: language (``"fr"`` or ``"en"``), chart renderer and theme.

    ``solution`` overrides every exercise's policy for « Voir la solution » (``"toujours"``,
    ``"jamais"`` or a number of attempts), e.g. for a workshop or an exam-like session.
    """
    from .charts import register_theme
    from .exercises.api import set_solution_policy

    set_language(lang)
    chosen = enable_renderer(renderer or choose_renderer())
    register_theme(lang)
    set_solution_policy(solution)
    install_error_display()
    return SessionInfo(lang=lang, renderer=chosen)
