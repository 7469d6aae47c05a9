"""Comparing two answers files as data: the engine of `seloste diff` and of a notice's list of changes.

Answers are compared in the current layout. List items are matched by what names them (a purpose by `id`,
a recipient by `name`), so moving an item is not a change and renaming one is a removal and an addition.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from wizard.answers import Answers
from wizard.fieldpath import FieldPath
from wizard.languages import CODES

SECTIONS = tuple(name for name in Answers.model_fields if name != "schema_version")

# Lists whose items have a name of their own; other lists of records are matched by position.
ITEM_KEYS: dict[tuple[str, ...], str] = {
    ("purposes",): "id",
    ("personal_data",): "name",
    ("special_categories",): "category",
    ("recipients",): "name",
    ("joint_controllers",): "name",
    ("sources", "other_sources"): "name",
}


@dataclass(frozen=True)
class Change:
    kind: str  # "added", "removed" or "changed"
    path: FieldPath
    old: Any = None
    new: Any = None


# --- comparing data ------------------------------------------------------------------------------------


def compare(old: dict[str, Any], new: dict[str, Any]) -> dict[str, list[Change]]:
    """The changes per top-level section, sections in the answers model's order (unknown ones after)."""
    extra = [key for key in [*old, *new] if key not in SECTIONS and key != "schema_version"]
    sections: dict[str, list[Change]] = {}
    for section in [*SECTIONS, *dict.fromkeys(extra)]:
        changes = _compare_value(old.get(section), new.get(section), (section,))
        if changes:
            sections[section] = changes
    return sections


def _compare_value(old: Any, new: Any, path: FieldPath) -> list[Change]:
    old, new = _as_translations(_pruned(old), _pruned(new))
    if old == new:
        return []
    if old is None:
        return [Change("added", path, new=new)]
    if new is None:
        return [Change("removed", path, old=old)]
    if isinstance(old, dict) and isinstance(new, dict):
        return [change for key in dict.fromkeys([*old, *new]) for change in _compare_value(old.get(key), new.get(key), (*path, key))]
    if isinstance(old, list) and isinstance(new, list):
        return _compare_lists(old, new, path)
    return [Change("changed", path, old, new)]


def _as_translations(old: Any, new: Any) -> tuple[Any, Any]:
    """A plain text compared with a text given by language is the version it equals, so giving a text its
    translation shows as the translation added, not as the whole text changed."""
    if isinstance(old, str) and isinstance(new, dict):
        lang = next((key for key, value in new.items() if value == old), None)
        return ({lang: old} if lang else old), new
    if isinstance(old, dict) and isinstance(new, str):
        flipped_new, flipped_old = _as_translations(new, old)
        return flipped_old, flipped_new
    return old, new


def _name_of(value: Any) -> Any:
    """What names a list item: its name, or for a name given by language its first version."""
    if isinstance(value, dict):
        return next((value[lang] for lang in CODES if isinstance(value.get(lang), str)), None)
    return value


def _pruned(value: Any) -> Any:
    """An empty value (`key:` with nothing after it) says the same as no key at all."""
    if isinstance(value, dict):
        kept = {key: _pruned(item) for key, item in value.items()}
        return {key: item for key, item in kept.items() if item is not None} or None
    if isinstance(value, list):
        return [_pruned(item) for item in value] or None
    return value


def _compare_lists(old: list[Any], new: list[Any], path: FieldPath) -> list[Change]:
    key = ITEM_KEYS.get(tuple(part for part in path if isinstance(part, str)))
    if key and _named(old, key) and _named(new, key):
        return _compare_matched(old, new, path, lambda item: _name_of(item[key]))
    if all(_is_scalar(item) for item in [*old, *new]) and _unique(old) and _unique(new):
        return _compare_matched(old, new, path, lambda item: item)
    changes = [change for index, (a, b) in enumerate(zip(old, new)) for change in _compare_value(a, b, (*path, index))]
    changes += [Change("removed", (*path, index), old=item) for index, item in enumerate(old[len(new):], len(new))]
    changes += [Change("added", (*path, index), new=item) for index, item in enumerate(new[len(old):], len(old))]
    return changes


def _compare_matched(old: list[Any], new: list[Any], path: FieldPath, identity: Any) -> list[Change]:
    """Items with the same identity are compared wherever they stand; paths use the position in the newer file."""
    old_by_id = {identity(item): (index, item) for index, item in enumerate(old)}
    new_ids = {identity(item) for item in new}
    changes = [Change("removed", (*path, index), old=item) for index, item in enumerate(old) if identity(item) not in new_ids]
    for index, item in enumerate(new):
        if identity(item) in old_by_id:
            changes += _compare_value(old_by_id[identity(item)][1], item, (*path, index))
        else:
            changes.append(Change("added", (*path, index), new=item))
    return changes


def _named(items: list[Any], key: str) -> bool:
    names = [_name_of(item.get(key)) if isinstance(item, dict) else None for item in items]
    return all(isinstance(name, str) for name in names) and _unique(names)


def _is_scalar(value: Any) -> bool:
    return not isinstance(value, (dict, list))


def _unique(items: list[Any]) -> bool:
    return len(set(map(repr, items))) == len(items)
