"""The words by which an old notice is read, as data: `templates/<language>/audit.yaml` for each language seloste
speaks (`wizard.languages`), each entry a regular expression over word stems, matched without regard to case.

A notice is read in every language at once: `pattern("negation")` is the entries of all the languages joined into
one expression, so that a Swedish notice is read as a Finnish or an English one is, and a notice that mixes them
too. Adding a language is its file; no code here or in the audit names a language. An entry a language leaves
empty (a mistake only old Finnish notices make, say) adds nothing for it.
"""

from __future__ import annotations

from functools import cache
from typing import Any


@cache
def _files() -> tuple[tuple[str, dict[str, Any]], ...]:
    from wizard.languages import CODES
    from wizard.resources import data_dir, read_yaml

    found = []
    for code in CODES:
        path = data_dir("templates") / code / "audit.yaml"
        if path.is_file():
            found.append((code, read_yaml(path) or {}))
    return tuple(found)


def _entry(data: dict[str, Any], key: str) -> Any:
    for part in key.split("."):
        data = data.get(part) if isinstance(data, dict) else None  # type: ignore[assignment]
    return data


def by_language(key: str) -> dict[str, str]:
    """Each language's entry for `key` ("topics.contact"), where it has one."""
    found = {}
    for code, data in _files():
        value = _entry(data, key)
        if isinstance(value, str) and value.strip():
            found[code] = value.strip()
    return found


def pattern(key: str) -> str:
    """The entries of every language for `key`, as one expression; one that matches nothing when none has any."""
    parts = list(dict.fromkeys(by_language(key).values()))
    return "|".join(f"(?:{part})" for part in parts) if parts else r"(?!x)x"


def names(group: str) -> list[str]:
    """The keys of a group ("topics"), in the order the languages' files give them (the first file's order first)."""
    keys: dict[str, None] = {}
    for _code, data in _files():
        entries = _entry(data, group)
        if isinstance(entries, dict):
            keys.update(dict.fromkeys(entries))
    return list(keys)


def patterns(group: str) -> dict[str, str]:
    """Every key of a group with its joined expression: {"contact": "...", "dpo": "...", ...}."""
    return {name: pattern(f"{group}.{name}") for name in names(group)}
