"""Field paths: where an answer sits in the answers mapping, and reading and writing it there.

A `FieldPath` is a tuple of keys and list indexes, `("purposes", 2, "basis")`, as pydantic reports a value's
location. Question files write paths as text, `purposes[*].basis`, where `*` stands for every item of a list.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, TypeAlias

FieldPath: TypeAlias = tuple[str | int, ...]

# A path as the question files write it: dotted names, `[*]` for every item, a leading `/` for the top.
PATH_PATTERN = r"^/?[a-z_]+(\[\*\])?(\.[a-z_]+(\[\*\])?)*$"


@lru_cache(maxsize=None)
def split_path(path: str) -> tuple[str, ...]:
    """`purposes[*].basis` -> ("purposes", "*", "basis")."""
    return tuple(part for piece in path.lstrip("/").split(".") for part in piece.replace("[*]", ".*").split("."))


_IMMUTABLE = (str, int, float, type(None))  # bool is an int; what YAML and the answers model put in answers


def copied(data: Any) -> Any:
    """A deep copy of an answers tree (mappings and lists of texts, numbers, true/false, nothing), several times
    quicker than `copy.deepcopy`: the chat copies a hundred purposes' answers at every answer. Any other value
    in it is copied by `copy.deepcopy`."""
    if isinstance(data, dict):
        return {key: copied(value) for key, value in data.items()}
    if isinstance(data, list):
        return [copied(item) for item in data]
    if isinstance(data, _IMMUTABLE):
        return data
    import copy

    return copy.deepcopy(data)


def value_at(data: Any, path: FieldPath) -> tuple[bool, Any]:
    """(True, the value) at `path`, or (False, None) when something on the way is missing."""
    node = data
    for part in path:
        if isinstance(part, int):
            if not isinstance(node, list) or not 0 <= part < len(node):
                return False, None
        elif not isinstance(node, dict) or part not in node:
            return False, None
        node = node[part]
    return True, node


def set_at(data: dict[str, Any], path: FieldPath, value: Any) -> None:
    """Put `value` at `path`, making the mappings on the way; a list item is set with `set_item`."""
    node: Any = data
    for part in path[:-1]:
        if not isinstance(node.get(part), dict):
            node[part] = {}
        node = node[part]
    last = path[-1]
    if isinstance(last, int):
        raise TypeError("a list item is set through its list")
    node[last] = value


def set_item(data: dict[str, Any], list_path: FieldPath, index: int, value: Any) -> None:
    """Replace the list's item at `index`, or append it when the list is that short."""
    found, items = value_at(data, list_path)
    items = list(items) if found and isinstance(items, list) else []
    if index < len(items):
        items[index] = value
    else:
        items.append(value)
    set_at(data, list_path, items)


def delete_at(data: Any, path: FieldPath, keep: set[FieldPath] | frozenset[FieldPath] = frozenset()) -> None:
    """Remove the value at `path`; mappings left empty are removed too, except those in `keep`."""
    found, parent = value_at(data, path[:-1])
    if not found or not isinstance(parent, dict) or path[-1] not in parent:
        return
    del parent[path[-1]]
    if not parent and len(path) > 1 and not isinstance(path[-2], int) and path[:-1] not in keep:
        delete_at(data, path[:-1], keep)
