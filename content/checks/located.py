"""Load YAML keeping the line of every key and list item, so problems can name it.

Mappings load as `LocatedDict` and lists as `LocatedList`. `line_of(container, key)`
gives the line of a key or item, `literal_start(container, key)` the first line of a
`|` text. Lines count from 1, like an editor shows them.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterator
from typing import Any

import yaml

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml is ~10x faster


class _Located:
    """Line bookkeeping shared by mappings and lists."""

    line: int = 0
    _lines: dict[Any, int]
    _literal: dict[Any, int]  # key -> first line of a `|` text

    def _init_lines(self, line: int) -> None:
        self.line, self._lines, self._literal = line, {}, {}

    def _record(self, where: Any, item: yaml.Node, value: yaml.Node) -> None:
        self._lines[where] = item.start_mark.line + 1
        if isinstance(value, yaml.ScalarNode) and value.style == "|":
            # The text starts on the line after the '|'.
            self._literal[where] = value.start_mark.line + 2


class LocatedDict(dict, _Located):  # type: ignore[type-arg]
    """A mapping that remembers where each of its keys was written."""


class LocatedList(list, _Located):  # type: ignore[type-arg]
    """A list that remembers where each of its items was written."""


class _Loader(_Base):  # type: ignore[misc, valid-type]
    """Safe loader building located containers and noting keys written twice."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.twice: list[tuple[Any, int, int]] = []  # (key, first line, line)


def _construct_map(loader: _Loader, node: yaml.MappingNode) -> Iterator[LocatedDict]:
    data = LocatedDict()
    data._init_lines(node.start_mark.line + 1)
    yield data
    loader.flatten_mapping(node)
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, Hashable):
            raise yaml.constructor.ConstructorError(
                "while reading a mapping",
                node.start_mark,
                "found a key that is not plain text",
                key_node.start_mark,
            )
        if key in data:
            loader.twice.append((key, data._lines[key], key_node.start_mark.line + 1))
        data[key] = loader.construct_object(value_node, deep=True)
        data._record(key, key_node, value_node)


def _construct_seq(loader: _Loader, node: yaml.SequenceNode) -> Iterator[LocatedList]:
    data = LocatedList()
    data._init_lines(node.start_mark.line + 1)
    yield data
    for index, item in enumerate(node.value):
        data.append(loader.construct_object(item, deep=True))
        data._record(index, item, item)


_Loader.add_constructor("tag:yaml.org,2002:map", _construct_map)
_Loader.add_constructor("tag:yaml.org,2002:seq", _construct_seq)


def load_located(text: str) -> tuple[Any, list[tuple[Any, int, int]]]:
    """Parse YAML text; return the data and the keys written twice in one mapping.

    Raises:
        yaml.YAMLError: the text is not valid YAML (with the line in `problem_mark`).
    """
    loader = _Loader(text)
    try:
        return loader.get_single_data(), loader.twice
    finally:
        loader.dispose()


def line_of(container: Any, where: Any, default: int | None = None) -> int | None:
    """Return the line of a key or item; if absent, `default` or the container's."""
    if not isinstance(container, _Located):
        return default
    if where in container._lines:
        return container._lines[where]
    return default if default is not None else container.line


def literal_start(container: Any, where: Any) -> int | None:
    """Return the first line of a literal block (`|`) value, else None.

    Only a literal block keeps its lines as written, so only there can the line of
    a character inside the text be known.
    """
    if isinstance(container, _Located):
        return container._literal.get(where)
    return None
