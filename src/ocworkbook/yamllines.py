"""A YAML reader that remembers on which line each mapping, key and list item starts (shared by the
exercise bank, the scenarios and the editions).

Validation errors must name the line an instructor has to fix; plain ``yaml.safe_load`` forgets
it. Mappings come back as :class:`LineDict` and lists as :class:`LineList`, which behave like
``dict`` and ``list`` and carry 1-based line numbers. A key written twice in one mapping is
reported instead of being silently overwritten.
"""

from __future__ import annotations

from dataclasses import dataclass


class LineDict(dict):
    """A ``dict`` that knows its own line and the line of each of its keys."""

    line: int | None = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.key_lines: dict = {}

    def line_of(self, key) -> int | None:
        """Line of ``key`` if present, else the line of the mapping itself."""
        return self.key_lines.get(key, self.line)


class LineList(list):
    """A ``list`` that knows its own line and the line of each item."""

    line: int | None = None

    def __init__(self, *args):
        super().__init__(*args)
        self.item_lines: list[int] = []

    def line_of(self, index: int) -> int | None:
        """Line of item ``index``, else the line of the list itself."""
        return self.item_lines[index] if 0 <= index < len(self.item_lines) else self.line


@dataclass(frozen=True)
class DuplicateKey:
    """A key found twice in one mapping (YAML would keep only the last value)."""

    key: object
    line: int
    first_line: int


class YamlSyntaxError(Exception):
    """The text is not valid YAML; ``line`` is 1-based when known."""

    def __init__(self, detail: str, line: int | None):
        super().__init__(detail)
        self.detail = detail
        self.line = line


def load_with_lines(text: str) -> tuple[object, list[DuplicateKey]]:
    """Parse ``text``; return the data (with line numbers) and the duplicated keys found."""
    import yaml

    duplicates: list[DuplicateKey] = []

    class _Loader(yaml.SafeLoader):
        def compose_node(self, parent, index):
            # Aliases (``*name``) would let a few lines expand into a huge document: refused.
            if self.check_event(yaml.AliasEvent):
                event = self.peek_event()
                raise yaml.composer.ComposerError(None, None, "aliases are not allowed", event.start_mark)
            return super().compose_node(parent, index)

    def construct_mapping(loader, node):
        loader.flatten_mapping(node)
        mapping = LineDict()
        mapping.line = node.start_mark.line + 1
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            try:
                hash(key)
            except TypeError:
                key = str(key)
            key_line = key_node.start_mark.line + 1
            if key in mapping:
                duplicates.append(DuplicateKey(key, key_line, mapping.key_lines[key]))
            mapping[key] = loader.construct_object(value_node, deep=True)
            mapping.key_lines[key] = key_line
        return mapping

    def construct_sequence(loader, node):
        items = LineList(loader.construct_object(child, deep=True) for child in node.value)
        items.line = node.start_mark.line + 1
        items.item_lines = [child.start_mark.line + 1 for child in node.value]
        return items

    _Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, construct_mapping)
    _Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, construct_sequence)
    try:
        data = yaml.load(text, Loader=_Loader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        problem = getattr(error, "problem", None) or str(error)
        raise YamlSyntaxError(str(problem), mark.line + 1 if mark is not None else None) from None
    return data, duplicates
