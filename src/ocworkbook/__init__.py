"""ocworkbook — cahier d'exercices Jupyter en organisation communautaire (Québec).

The public API is small and imported lazily, so ``import ocworkbook`` is cheap and has no side
effects; :func:`setup` is the one call that configures a notebook session::

    import ocworkbook as ow
    ow.setup()                      # langue, graphiques hors ligne, thème
    ow.exercise("00-premier-pas")   # un exercice (widget) ; .check(), .hint(), .solution()
    df = ow.load("chronologie")     # un jeu de données décrit dans datasets/datapackage.json
    ow.progress()                   # tableau de bord de progression
    ow.journal()                    # réflexions de la personne apprenante
    ow.export_answers()             # fichier à remettre + journal HTML
    ow.scenario("le-programme-arrive")  # un scénario à embranchements (carnet 08)
    ow.atelier("05-concertation-des-concertations")  # atelier en direct : téléphones, projecteur
"""

from __future__ import annotations

__version__ = "0.1.0"

_LAZY = {
    "setup": ("ocworkbook.session", "setup"),
    "exercise": ("ocworkbook.exercises.api", "exercise"),
    "load": ("ocworkbook.data", "load"),
    "describe": ("ocworkbook.data", "describe"),
    "progress": ("ocworkbook.exercises.dashboard", "progress"),
    "journal": ("ocworkbook.exercises.journal", "journal"),
    "export_answers": ("ocworkbook.exercises.submission", "export_answers"),
    "scenario": ("ocworkbook.scenarios.widget", "scenario_widget"),
    "t": ("ocworkbook.i18n", "t"),
    "atelier": ("ocworkbook.atelier.widget", "atelier"),
}

__all__ = [*_LAZY, "__version__"]


def __getattr__(name):
    if name in _LAZY:
        import importlib

        module_name, attribute = _LAZY[name]
        value = getattr(importlib.import_module(module_name), attribute)
        globals()[name] = value
        return value
    if name in ("charts", "tools", "data", "lessons", "scenarios"):
        import importlib

        return importlib.import_module(f"ocworkbook.{name}")
    raise AttributeError(f"module 'ocworkbook' has no attribute {name!r}")


def __dir__():
    return sorted(list(globals()) + list(_LAZY))
