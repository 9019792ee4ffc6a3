"""Branching scenarios authored as data (``exercises/scenarios/*.yml``).

``model`` holds the immutable scenario objects, ``load`` reads and validates the YAML files
(French errors naming file, step and line), ``engine`` walks a path and scores it (pure
functions), ``charts`` draws the debrief and ``widget`` is the thin ipywidgets front end.
Nothing is imported here, so ``import ocworkbook.scenarios`` stays cheap.
"""

_LAZY = {
    "validate_scenarios": "ocworkbook.scenarios.load",
    "load_scenario": "ocworkbook.scenarios.load",
    "find_scenario": "ocworkbook.scenarios.load",
    "scenario_widget": "ocworkbook.scenarios.widget",
}

__all__ = list(_LAZY)


def __getattr__(name):
    """Import the public functions on first use (``from ocworkbook.scenarios import validate_scenarios``)."""
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'ocworkbook.scenarios' has no attribute {name!r}")
