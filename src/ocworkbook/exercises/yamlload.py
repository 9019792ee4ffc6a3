"""A YAML loader that remembers the line of every mapping, so errors can name it."""

from __future__ import annotations

import yaml


class LineDict(dict):
    """A dict that knows the (1-based) line where it starts in its YAML file."""

    line: int | None = None
    key_lines: dict

    def line_of(self, key: str) -> int | None:
        """Line of ``key`` if known, else the line of the mapping itself."""
        return getattr(self, "key_lines", {}).get(key, self.line)


class _LineLoader(yaml.SafeLoader):
    pass


def _construct_mapping(loader, node, deep=False):
    loader.flatten_mapping(node)
    mapping = LineDict()
    mapping.line = node.start_mark.line + 1
    mapping.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=deep)
        value = loader.construct_object(value_node, deep=deep)
        if key in mapping:
            raise yaml.constructor.ConstructorError(
                None, None, f"clé « {key} » répétée", key_node.start_mark)
        mapping[key] = value
        mapping.key_lines[key] = key_node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load_yaml_with_lines(text: str):
    """Parse YAML text; mappings come back as :class:`LineDict`. Raises ``yaml.YAMLError``."""
    return yaml.load(text, Loader=_LineLoader)  # noqa: S506 - SafeLoader subclass


def yaml_error_line(error: yaml.YAMLError) -> int | None:
    """The 1-based line a YAML parse error points at, if any."""
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    return mark.line + 1 if mark is not None else None
