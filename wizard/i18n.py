"""gettext for seloste's own messages (diagnostics, the CLI, later the chat).

Catalogs are `locales/<lang>/LC_MESSAGES/messages.po`; they are compiled in memory when first used, so a
wheel, an editable install and a checkout behave the same and no `.mo` file can go stale. English is the
source language. The language is always passed explicitly, never read from the process locale mid-run.
"""

from __future__ import annotations

import gettext
import os
from functools import lru_cache
from io import BytesIO

from wizard.resources import data_dir

LANGUAGES = ("fi", "en")


def _(message: str, lang: str) -> str:
    """`message` in `lang` (Babel extracts it: `_:1` in pyproject.toml)."""
    return translations(lang).gettext(message)


def N_(message: str) -> str:
    """Mark a string for extraction; it is translated where it is shown."""
    return message


@lru_cache(maxsize=None)
def translations(lang: str) -> gettext.NullTranslations:
    if lang == "en":
        return gettext.NullTranslations()
    po_path = data_dir("locales") / lang / "LC_MESSAGES" / "messages.po"
    if not po_path.is_file():
        return gettext.NullTranslations()
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po
    from babel.support import Translations

    with po_path.open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    buffer = BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(buffer)


def default_language() -> str:
    """The conversation language: SELOSTE_LANG, else Finnish when the user's locale is Finnish."""
    for variable in ("SELOSTE_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable, "")
        if value:
            return "fi" if value.lower().startswith("fi") else "en"
    return "en"
