"""The languages seloste speaks and writes notices in: one entry per language, and every other module asks here.

A language is its code (`fi`), which names its notice templates (`templates/fi/`), its catalog
(`locales/fi/LC_MESSAGES/messages.po`) and its files (`tietosuojaseloste-fi.html`). Adding one is an entry
below, those templates and that catalog; `tests/` run over every language listed here. The order is the
order of every list of languages the user sees (the first question, the export, `--lang`).

Words a language says of itself (its name, "In English", the first question) are written here in that
language, because they are shown before any catalog is loaded; how the *other* languages name it is the
English msgid in `name` and `in_name`, which each catalog translates. Nothing heavy is imported here: the
chat's first screen reads this before anything else is loaded.
"""

from __future__ import annotations

import os
from collections import namedtuple

from wizard.i18n import N_

# No dataclass or typing here (a tenth of what `seloste --help` costs): `collections` is loaded already.
_FIELDS = (
    "code",  # ISO 639-1: `--lang`, folder and file names
    "babel_locale",  # the notice's dates, lists and country names, and the chat's dates
    "tag",  # BCP 47, for Word's proofing language
    "name",  # "Finnish": an English msgid, so each catalog names the language in its own words
    "in_name",  # "in Finnish": an English msgid, for "the notice in ..."
    "native_name",  # "suomi": the language's own name for itself, as it is written inside a sentence
    "in_native",  # "Suomeksi": "in this language", in this language (the switch to it; a translation into it)
    "which_language",  # the first question, in this language, asked before any language is chosen
    "file_stem",  # the notice's exported files: `<stem>-<code>.<format>`
    "toc_heading",  # the heading of the HTML page's table of contents
    "quotes",  # (opening, closing) quotation marks
    # How the notice writes Finnish phone numbers: "national" 040 712 3456 (for readers in Finland) or
    # "international" +358 40 712 3456 (for readers abroad); other countries' numbers are always international.
    "phone_style",
    "country_aliases",  # ((name, ISO code), ...): country names people write that CLDR lacks
)


class Language(namedtuple("Language", _FIELDS, defaults=((),))):
    """One language seloste speaks and writes notices in (the fields are described in `_FIELDS`)."""

    __slots__ = ()

    @property
    def picker_name(self) -> str:
        """The name in a list of languages to choose from, which starts with a capital: "Suomi"."""
        return self.native_name[:1].upper() + self.native_name[1:]


LANGUAGES: tuple[Language, ...] = (
    Language(
        code="fi",
        babel_locale="fi_FI",
        tag="fi-FI",
        name=N_("Finnish"),
        in_name=N_("in Finnish"),
        native_name="suomi",
        in_native="Suomeksi",
        which_language="Millä kielellä keskustellaan?",
        file_stem="tietosuojaseloste",
        toc_heading="Sisällys",
        quotes=("”", "”"),
        phone_style="national",
        country_aliases=(("yhdysvallat", "US"), ("britannia", "GB")),
    ),
    Language(
        code="en",
        babel_locale="en_GB",  # EU-style dates, no serial comma
        tag="en-GB",
        name=N_("English"),
        in_name=N_("in English"),
        native_name="English",
        in_native="In English",
        which_language="Which language shall we talk in?",
        file_stem="privacy-notice",
        toc_heading="Contents",
        quotes=("“", "”"),
        phone_style="international",
        country_aliases=(("usa", "US"), ("uk", "GB"), ("england", "GB")),
    ),
)

CODES: tuple[str, ...] = tuple(language.code for language in LANGUAGES)
BY_CODE: dict[str, Language] = {language.code: language for language in LANGUAGES}
SOURCE_LANGUAGE = "en"  # the language of the msgids: shown without a catalog, and the fallback


def language(code: str) -> Language:
    """The entry for `code`; a KeyError names the unknown code."""
    return BY_CODE[code]


def next_language(code: str) -> Language:
    """The language after `code`, the first after the last: what the language switch (F2, /lang) goes to."""
    return LANGUAGES[(CODES.index(code) + 1) % len(LANGUAGES)]


def default_language() -> str:
    """The conversation language: SELOSTE_LANG, else the user's locale when seloste speaks it, else English."""
    for variable in ("SELOSTE_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable, "").lower()
        if value:
            return next((code for code in CODES if value.startswith(code)), SOURCE_LANGUAGE)
    return SOURCE_LANGUAGE


def language_from_reply(text: str) -> str | None:
    """The language a typed reply to "which language?" means: its number in the list, its code or its own name."""
    text = text.strip().casefold()
    for number, entry in enumerate(LANGUAGES, 1):
        if text in (str(number), entry.code, entry.native_name.casefold()):
            return entry.code
    return None
