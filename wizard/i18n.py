"""gettext for seloste's own messages (diagnostics, the CLI, later the chat).

Catalogs are `locales/<lang>/LC_MESSAGES/messages.po`, read from the same place by a wheel, an editable
install and a checkout. Compiling one takes longer than the rest of a `seloste check`, so the compiled catalog
is kept in `catalogs/` of seloste's cache (see `wizard.resources`) under a name made from the hash of the
`.po`'s bytes and the compiler's version: an edited catalog has a new name, so a stale one is never read.
English is the source language: it has no catalog. The language is always passed explicitly, never read from
the process locale mid-run (`wizard.languages.default_language` reads it once, at start).
"""

from __future__ import annotations

import gettext
import os
from functools import lru_cache
from io import BytesIO


def _(message: str, lang: str) -> str:
    """`message` in `lang` (Babel extracts it: `_:1` in pyproject.toml)."""
    return translations(lang).gettext(message)


def translated(message: str, lang: str) -> str | None:
    """`message` in `lang`; None when `lang`'s catalog has no translation of it. English, the source language, has
    no catalog: the message is its own."""
    catalog = translations(lang)
    return catalog.messages.get(message) if isinstance(catalog, Catalog) else message


def N_(message: str) -> str:
    """Mark a string for extraction; it is translated where it is shown."""
    return message


class Catalog(gettext.NullTranslations):
    """A compiled catalog: each message with its translation. Only `gettext` is asked of it (no plural forms or
    contexts are used), so it is a plain dictionary, which Python reads back from the cache (`marshal`) several
    times quicker than `gettext.GNUTranslations` parses a `.mo` file."""

    def __init__(self, messages: dict[str, str]) -> None:
        super().__init__()
        self.messages = messages

    def gettext(self, message: str) -> str:
        return self.messages.get(message, message)


@lru_cache(maxsize=None)
def translations(lang: str) -> gettext.NullTranslations:
    """The catalog of `lang`; none (the msgids themselves) for English, which has no catalog."""
    from wizard.resources import data_dir

    po_path = data_dir("locales") / lang / "LC_MESSAGES" / "messages.po"
    try:
        source = po_path.read_bytes()
    except OSError:
        return gettext.NullTranslations()
    cached = _cached_catalog(lang, source)
    if cached is not None:
        import marshal

        try:
            with open(cached, "rb") as handle:
                messages = marshal.load(handle)
            if isinstance(messages, dict):
                return Catalog(messages)
        except (OSError, ValueError, EOFError, TypeError):
            pass  # not there yet, or unreadable: compile it again
    messages = _compile(source, lang)
    if cached is not None:
        import marshal

        from wizard.resources import store_cached

        store_cached(cached, marshal.dumps(messages))
    return Catalog(messages)


_CATALOG_LAYOUT = "2"  # raise when the way a catalog is kept here changes (1: a .mo file)


def _cached_catalog(lang: str, source: bytes) -> str | None:
    """Where the compiled `source` is kept: its name changes with every byte of the catalog, with the Babel
    that compiles it and with the Python that reads it back (`marshal`'s format is Python's own)."""
    import hashlib
    import marshal
    import sys

    from wizard.resources import cache_dir

    folder = cache_dir("catalogs")
    if folder is None:
        return None
    python = f"{sys.implementation.cache_tag}-{marshal.version}"
    parts = [source, _babel_version().encode(), python.encode(), _CATALOG_LAYOUT.encode()]
    key = hashlib.md5(b"\0".join(parts), usedforsecurity=False).hexdigest()  # a name, not a secret: MD5 is quicker
    return os.path.join(folder, f"{lang}-{key}.catalog")


def _babel_version() -> str:
    """The installed Babel's version, read from its package rather than imported: importing Babel costs more than
    reading a compiled catalog, and the chat's first question needs only the catalog."""
    import importlib.util
    import re

    spec = importlib.util.find_spec("babel")
    if spec is not None and spec.origin is not None:
        try:
            with open(spec.origin, encoding="utf-8") as handle:
                found = re.search(r"""^__version__\s*=\s*['"]([^'"]+)['"]""", handle.read(), re.MULTILINE)
        except OSError:
            found = None
        if found:
            return found.group(1)
    import babel

    return babel.__version__


def _compile(source: bytes, lang: str) -> dict[str, str]:
    """Each message of the catalog `source` with its translation, as a `.mo` file would have it: untranslated and
    fuzzy messages are left out (they show in English)."""
    from babel.messages.pofile import read_po

    catalog = read_po(BytesIO(source), locale=lang)
    return {
        message.id: message.string
        for message in catalog
        if message.id and isinstance(message.id, str) and isinstance(message.string, str) and message.string and not message.fuzzy
    }
