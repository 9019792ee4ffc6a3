"""``ocworkbook.setup()``: configure a notebook session (language, chart renderer, theme).

Nothing happens at import time; this function is the one place where the session changes.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass

from .i18n import set_language, t

RENDERER_ENV = "OCWORKBOOK_RENDERER"

#: Environment variables that Google Colab's runtime sets (its image, its kernel proxy). Checked as
#: well as ``google.colab`` in ``sys.modules``: a notebook may ask before anything imported it.
COLAB_ENV = ("COLAB_RELEASE_TAG", "COLAB_BACKEND_VERSION", "COLAB_JUPYTER_IP", "COLAB_KERNEL_MANAGER_PROXY_HOST")

#: The renderer registered for JupyterLite (see :func:`vegalite_v5_bundle`).
LITE_RENDERER = "jupyterlite"
VEGALITE_V5_MIME = "application/vnd.vegalite.v5+json"

#: Renderers whose charts are anywidget widgets (Colab needs its custom widget manager for them).
WIDGET_RENDERERS = ("jupyter",)


def in_colab() -> bool:
    """True in a Google Colab runtime (its module is loaded, or its environment variables are set)."""
    return "google.colab" in sys.modules or any(os.environ.get(name) for name in COLAB_ENV)


def in_jupyterlite() -> bool:
    """True in the browser (Pyodide, as in JupyterLite)."""
    return sys.platform == "emscripten"


def frontend() -> str:
    """``"jupyterlite"``, ``"colab"`` or ``"jupyter"`` (JupyterLab, Notebook 7, VS Code, nbconvert…)."""
    if in_jupyterlite():
        return "jupyterlite"
    return "colab" if in_colab() else "jupyter"


@dataclass
class SessionInfo:
    """What ``setup()`` chose; shown as a short confirmation in the notebook."""

    lang: str
    renderer: str
    frontend: str = "jupyter"

    def _repr_markdown_(self):
        text = t("setup.ready", renderer=t(f"setup.renderer.{self.renderer}", default=self.renderer))
        if self.frontend == "jupyterlite":
            from .lite_fallback import absent_packages

            text += "\n\n" + t("frontends.lite_note")
            absent = absent_packages()
            if absent:
                text += " " + t("frontends.lite_absent", packages=", ".join(absent))
        return text

    def __repr__(self):
        return f"SessionInfo(lang={self.lang!r}, renderer={self.renderer!r}, frontend={self.frontend!r})"


def choose_renderer() -> str:
    """Pick an Altair renderer that draws charts without network access in this front end.

    - ``OCWORKBOOK_RENDERER`` wins when set (``ocworkbook export`` sets ``svg`` so that charts
      are drawn inline in exported HTML and slides);
    - Google Colab: its own renderer (Colab is online by nature);
    - JupyterLite (Pyodide, where vl-convert does not exist): ``jupyterlite``, drawn offline by
      the Vega renderer that JupyterLab ships (see :func:`vegalite_v5_bundle`);
    - JupyterLab, Notebook 7, VS Code: ``jupyter`` with ``offline=True`` (anywidget +
      vl-convert serve Vega from the local Python installation);
    - anything else, or if anywidget/vl-convert are missing: ``svg`` through vl-convert.
    """
    forced = os.environ.get(RENDERER_ENV)
    if forced:
        return forced
    if in_jupyterlite():
        return LITE_RENDERER
    if in_colab():
        return "colab"
    try:
        import anywidget  # noqa: F401
        import vl_convert  # noqa: F401
    except ImportError:
        return "svg"
    return "jupyter"


def enable_colab_widgets() -> bool:
    """In Colab, turn on its custom widget manager (needed by anywidget charts); False elsewhere."""
    if not in_colab():
        return False
    try:
        from google.colab import output
    except ImportError:
        return False
    output.enable_custom_widget_manager()
    return True


def vegalite_v5_bundle(spec: dict, **metadata) -> dict:
    """A chart as the Vega-Lite v5 MIME bundle, the newest one JupyterLab 4.6 draws offline.

    Altair 6's ``mimetype`` renderer emits the v6 MIME type, which JupyterLab (and so JupyterLite)
    does not draw yet; the workbook's charts use nothing that Vega-Lite 5 lacks, so the same spec
    is handed over under the v5 type (a browser test checks that it is drawn).
    """
    return {VEGALITE_V5_MIME: {**spec, "$schema": "https://vega.github.io/schema/vega-lite/v5.json"},
            "text/plain": "<Chart>"}


def enable_renderer(name: str) -> str:
    import altair as alt

    if name == LITE_RENDERER:
        alt.renderers.register(LITE_RENDERER, vegalite_v5_bundle)
    if name in WIDGET_RENDERERS:
        enable_colab_widgets()
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
    """In IPython, show our errors (bad dataset, bad exercise file…) as plain French messages.

    In JupyterLite, an import of a package the browser lacks (numpy, pandas…) and the ``NameError``
    that follows from it are shown as French messages too (:mod:`ocworkbook.lite_fallback`).
    """
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover
        return False
    shell = get_ipython()
    if shell is None:
        return False
    from .errors import WorkbookError

    shell.set_custom_exc((WorkbookError,), show_workbook_error)
    if in_jupyterlite():
        from .lite_fallback import install

        install(shell)
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
    return SessionInfo(lang=lang, renderer=chosen, frontend=frontend())
