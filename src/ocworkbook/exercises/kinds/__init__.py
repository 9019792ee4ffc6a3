"""The question types, one module each, registered once.

Every module of this package (except ``base``) defines one :class:`~.base.Kind` subclass decorated
with :func:`register`. Adding a type of question means adding one module here: the schema, the
checker, the key, the widget, the solution, the exports and the workshop all find it through
:func:`get`; nothing else in the package switches on a type's name.
"""

from __future__ import annotations

import importlib
import pkgutil

from .base import Kind

_REGISTRY: dict[str, Kind] = {}
_loaded = {"done": False}


def register(cls: type[Kind]) -> type[Kind]:
    """Class decorator: make the question type ``cls.name`` available."""
    if not cls.name:
        raise ValueError(f"{cls.__name__} has no name")
    if cls.name in _REGISTRY and type(_REGISTRY[cls.name]) is not cls:
        raise ValueError(f"question type {cls.name!r} registered twice")
    _REGISTRY[cls.name] = cls()
    return cls


def _load_all() -> None:
    if _loaded["done"]:
        return
    for module in pkgutil.iter_modules(__path__):
        if not module.name.startswith("_") and module.name != "base":
            importlib.import_module(f"{__name__}.{module.name}")
    _loaded["done"] = True


def get(name) -> Kind | None:
    """The question type called ``name`` in the bank (``"choix_unique"``…), or ``None``."""
    _load_all()
    return _REGISTRY.get(name) if isinstance(name, str) else None


def names() -> tuple[str, ...]:
    """Every type name, in the order the documentation lists them."""
    _load_all()
    return tuple(sorted(_REGISTRY, key=lambda n: (_REGISTRY[n].order, n)))


def all_kinds() -> list[Kind]:
    return [_REGISTRY[n] for n in names()]


__all__ = ["Kind", "register", "get", "names", "all_kinds"]
