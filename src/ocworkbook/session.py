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
    - JupyterLab, Notebook 7, VS Code: ``jupyter`` with ``offline=True`` (anywidget +
      vl-convert serve Vega from the local Python installation);
    - anything else, or if anywidget/vl-convert are missing: ``svg`` through vl-convert.
    """
    forced = os.environ.get(RENDERER_ENV)
    if forced:
        return forced
    if "google.colab" in sys.modules:
        return "colab"
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
    return SessionInfo(lang=lang, renderer=chosen)
