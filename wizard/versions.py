"""The notice's versions: what changed since the previous version, in plain words, for the changes section.

The changes come from `seloste diff`'s comparison of the two answers files (`wizard.comparison`), grouped by
the part of the answers they are in and naming the items added, removed or changed (a purpose by its
description, a recipient by its name). A text changed only in another language does not change this notice.
The version itself is the answers' own `notice.version`: when the content changed, it must differ from the
previous one (`version_problem`), and the chat raises it for the user (`next_version`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from wizard.comparison import Change, compare
from wizard.languages import CODES

# Parts of the answers that are the notice's own bookkeeping, not its content.
NOT_CONTENT: tuple[tuple[str, ...], ...] = (("schema_version",), ("language",), ("notice", "date"), ("notice", "version"))

# Lists whose items a reader knows by a name: the list's path and the field that names an item to the reader.
ITEM_NAMES: dict[tuple[str, ...], str] = {
    ("purposes",): "description",
    ("personal_data",): "name",
    ("special_categories",): "category",
    ("recipients",): "name",
    ("joint_controllers",): "name",
    ("sources", "other_sources"): "name",
    ("other_people",): "who",
}


@dataclass
class PartChanges:
    """The changes in one part of the answers (`part`: a top-level field, e.g. `purposes`)."""

    part: str
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Previous:
    """The previous version of the notice, as the changes section tells it in one language."""

    version: str
    date: date | None
    parts: list[PartChanges]


def previous_version(old: dict[str, Any], new: dict[str, Any], lang: str) -> Previous:
    """The previous version (answers data `old`) and what changed in the notice in `lang` since then."""
    notice = _notice(old)
    return Previous(str(notice.get("version") or _default_version()), _date(notice.get("date")), content_changes(old, new, lang))


def content_changes(old: dict[str, Any], new: dict[str, Any], lang: str) -> list[PartChanges]:
    """The changes that show in the notice in `lang`, by part of the answers, in the answers' order."""
    languages = (_language(old), _language(new))
    parts: dict[str, PartChanges] = {}
    for changes in compare(old, new).values():
        for change in changes:
            if _is_bookkeeping(change) or _other_language_only(change, lang):
                continue
            part = parts.setdefault(str(change.path[0]), PartChanges(str(change.path[0])))
            _add(part, change, old, new, lang, languages)
    return list(parts.values())


def version_problem(old: dict[str, Any], new: dict[str, Any], lang: str) -> str | None:
    """None when `new`'s version may follow `old`'s; else which of the two is wrong: "version" (the content
    changed but the version number did not) or "date" (the date is earlier than the previous one's)."""
    old_notice, new_notice = _notice(old), _notice(new)
    old_date, new_date = _date(old_notice.get("date")), _date(new_notice.get("date"))
    if old_date and new_date and new_date < old_date:
        return "date"
    same_version = str(old_notice.get("version") or _default_version()) == str(new_notice.get("version") or _default_version())
    if same_version and content_changes(old, new, lang):
        return "version"
    return None


def next_version(version: str) -> str:
    """The version after `version`: its last number raised by one ("1.0" -> "1.1", "4" -> "5", "v3" -> "v4");
    a version with no number gets ".2" added."""
    numbers = list(re.finditer(r"\d+", version))
    if not numbers:
        return f"{version}.2"
    last = numbers[-1]
    return version[: last.start()] + str(int(last.group()) + 1) + version[last.end() :]


def _notice(data: dict[str, Any]) -> dict[str, Any]:
    notice = data.get("notice")
    return notice if isinstance(notice, dict) else {}


def _default_version() -> str:
    from wizard.answers import Notice

    return str(Notice.model_fields["version"].default)


def _date(value: Any) -> date | None:
    """A notice date as the answers file may write it; None when it is missing or not a date."""
    from pydantic import TypeAdapter, ValidationError

    from wizard.answers import NoticeDate

    if value is None:
        return None
    try:
        return TypeAdapter(NoticeDate).validate_python(value)
    except ValidationError:
        return None


def _language(data: dict[str, Any]) -> str:
    from wizard.answers import DEFAULT_LANGUAGE

    lang = data.get("language")
    return lang if isinstance(lang, str) and lang in CODES else DEFAULT_LANGUAGE


def _is_bookkeeping(change: Change) -> bool:
    return any(change.path[: len(prefix)] == prefix for prefix in NOT_CONTENT)


def _other_language_only(change: Change, lang: str) -> bool:
    """A change in another language's version of a text (`processing.name.en` for a Finnish notice)."""
    last = change.path[-1]
    return isinstance(last, str) and last in CODES and last != lang and len(change.path) > 1


def _add(part: PartChanges, change: Change, old: dict[str, Any], new: dict[str, Any], lang: str, languages: tuple[str, str]) -> None:
    """Record `change` in `part`: an item of a named list by its name, anything else as the part changed."""
    for list_path, name_field in ITEM_NAMES.items():
        depth = len(list_path)
        if tuple(change.path[:depth]) != list_path or len(change.path) <= depth:
            continue
        index = change.path[depth]
        if len(change.path) == depth + 1 and change.kind in ("added", "removed"):
            item = change.new if change.kind == "added" else change.old
            source_lang = languages[1] if change.kind == "added" else languages[0]
            target = part.added if change.kind == "added" else part.removed
        else:
            item = _at(new, (*list_path, index))
            source_lang, target = languages[1], part.changed
        name = _name(item.get(name_field) if isinstance(item, dict) else None, lang, source_lang, list_path)
        if name not in target:
            target.append(name)
        return
    if "" not in part.changed:
        part.changed.append("")  # the part changed, with no item to name


def _at(data: Any, path: tuple[Any, ...]) -> Any:
    for key in path:
        try:
            data = data[key]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _name(value: Any, lang: str, source_lang: str, list_path: tuple[str, ...]) -> str:
    """An item's name in `lang` ("" when it has none in that language: the item is then not named)."""
    from wizard.notice import labels

    if list_path == ("special_categories",) and isinstance(value, str):
        return str(labels(lang)["special_category"].get(value, ""))
    if isinstance(value, dict):
        text = value.get(lang)
        return text.strip() if isinstance(text, str) else ""
    if isinstance(value, str) and (source_lang == lang or list_path not in _TEXT_NAMED):
        return value.strip()
    return ""


# Lists whose items are named by a text written in a language (a purpose's description), not by a proper name
# that is the same in every language (a recipient's name).
_TEXT_NAMED = frozenset({("purposes",), ("personal_data",), ("other_people",)})
