"""Answers as a person writes them in one language: each text given by language becomes its version in it."""

from __future__ import annotations

from typing import Any

from wizard.languages import CODES


def is_by_language(value: Any) -> bool:
    """A text given by language: a mapping of language codes to texts (no part of the file is only that)."""
    return isinstance(value, dict) and bool(value) and set(value) <= set(CODES) and all(isinstance(v, str) for v in value.values())


def in_one_language(data: Any, lang: str) -> Any:
    """`data` with every text given by language replaced by its `lang` version."""
    if is_by_language(data):
        return data[lang]
    if isinstance(data, dict):
        return {key: in_one_language(value, lang) for key, value in data.items()}
    if isinstance(data, list):
        return [in_one_language(item, lang) for item in data]
    return data
