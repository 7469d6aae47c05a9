"""The answers of the format checks that need a large library, kept between runs.

Checking a phone number, an e-mail address or a Y-tunnus loads phonenumbers, email-validator or python-stdnum,
which takes longer than validating everything else in an answers file; and a business's numbers and addresses
stay the same from one `seloste check` or `render` to the next. So each answer (the checked value, or the
refusal with its parameters) is kept in `checks/` of seloste's cache (see `wizard.resources`), in a file named
after the SHA-256 of the check's name, the value, the library's version and the source of the module that
holds the check (`wizard/fields.py`): a change to any of them asks the library afresh, and a library that is
not asked is not loaded.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
from collections.abc import Callable

from pydantic_core import PydanticCustomError

_LAYOUT = "1"  # raise when what a kept answer holds changes


def remembered(distribution: str) -> Callable[[Callable[[str], str]], Callable[[str], str]]:
    """Keep the answers of a check `value -> checked value` (or PydanticCustomError) that imports the library
    `distribution` (its name on PyPI, for its version)."""

    def decorate(check: Callable[[str], str]) -> Callable[[str], str]:
        @functools.wraps(check)
        def kept_or_asked(value: str) -> str:
            path = _entry(check, distribution, value)
            kept = _read(path) if path is not None else None
            if kept is None:
                try:
                    checked = check(value)
                except PydanticCustomError as refused:
                    kept = {"refused": [refused.type, refused.message_template, refused.context or {}]}
                else:
                    kept = {"checked": checked}
                if path is not None:
                    from wizard.resources import store_cached

                    store_cached(path, json.dumps(kept).encode("utf-8"))
            if "refused" in kept:
                kind, message, context = kept["refused"]
                raise PydanticCustomError(kind, message, context)
            return kept["checked"]

        return kept_or_asked

    return decorate


def _entry(check: Callable[[str], str], distribution: str, value: str) -> str | None:
    from wizard.resources import cache_dir

    folder = cache_dir("checks")
    if folder is None:
        return None
    key = hashlib.sha256(
        "\0".join([check.__qualname__, value, _version(distribution), _source(check.__module__), _LAYOUT]).encode(
            "utf-8", "surrogatepass"
        )
    ).hexdigest()
    return os.path.join(folder, f"{check.__name__}-{key[:40]}.json")


@functools.lru_cache(maxsize=None)
def _version(distribution: str) -> str:
    from importlib.metadata import version

    return version(distribution)


@functools.lru_cache(maxsize=None)
def _source(module: str) -> str:
    import sys

    with open(sys.modules[module].__file__ or "", "rb") as source:
        return hashlib.sha256(source.read()).hexdigest()


def _read(path: str) -> dict | None:
    """A kept answer, or None when there is none or it cannot be read (it is then asked again)."""
    try:
        with open(path, encoding="utf-8") as stream:
            kept = json.load(stream)
    except (OSError, ValueError):
        return None
    if isinstance(kept, dict) and isinstance(kept.get("checked"), str):
        return kept
    refused = kept.get("refused") if isinstance(kept, dict) else None
    if isinstance(refused, list) and len(refused) == 3 and all(isinstance(part, str) for part in refused[:2]) and isinstance(refused[2], dict):
        return kept
    return None
