"""gettext for seloste's own messages (diagnostics, the CLI, later the chat).

Catalogs are `locales/<lang>/LC_MESSAGES/messages.po`, read from the same place by a wheel, an editable
install and a checkout. Compiling one takes longer than the rest of a `seloste check`, so the compiled `.mo`
is kept in `catalogs/` of seloste's cache (see `wizard.resources`) under a name made from the hash of the
`.po`'s bytes and the compiler's version: an edited catalog has a new name, so a stale `.mo` is never read.
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


def N_(message: str) -> str:
    """Mark a string for extraction; it is translated where it is shown."""
    return message


@lru_cache(maxsize=None)
def translations(lang: str) -> gettext.NullTranslations:
    """The catalog of `lang`; none (the msgids themselves) for English, which has no catalog."""
    from wizard.resources import data_dir

    po_path = data_dir("locales") / lang / "LC_MESSAGES" / "messages.po"
    try:
        source = po_path.read_bytes()
    except OSError:
        return gettext.NullTranslations()
    cached = _cached_mo(lang, source)
    if cached is not None:
        import struct

        try:
            with open(cached, "rb") as handle:
                return gettext.GNUTranslations(handle)
        except (OSError, ValueError, UnicodeDecodeError, struct.error):
            pass  # not there yet, or unreadable: compile it again
    compiled = _compile(source, lang)
    if cached is not None:
        from wizard.resources import store_cached

        store_cached(cached, compiled)
    return gettext.GNUTranslations(BytesIO(compiled))


_MO_LAYOUT = "1"  # raise when the way a .mo is made here changes


def _cached_mo(lang: str, source: bytes) -> str | None:
    """Where the compiled `source` is kept: its name changes with every byte of the catalog."""
    import hashlib

    import babel

    from wizard.resources import cache_dir

    folder = cache_dir("catalogs")
    if folder is None:
        return None
    key = hashlib.sha256(b"\0".join([source, babel.__version__.encode(), _MO_LAYOUT.encode()])).hexdigest()
    return os.path.join(folder, f"{lang}-{key[:40]}.mo")


def _compile(source: bytes, lang: str) -> bytes:
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    catalog = read_po(BytesIO(source), locale=lang)
    buffer = BytesIO()
    write_mo(buffer, catalog)
    return buffer.getvalue()
