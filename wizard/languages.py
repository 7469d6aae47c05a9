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

from wizard.i18n import N_

TYPE_CHECKING = False  # not typing's, nor a dataclass: either would be a tenth of what `seloste --help` costs
if TYPE_CHECKING:
    from typing import Literal


class Language:
    """One language seloste speaks and writes notices in."""

    def __init__(
        self,
        *,
        code: str,  # ISO 639-1: `--lang`, folder and file names
        babel_locale: str,  # the notice's dates, lists and country names, and the chat's dates
        tag: str,  # BCP 47, for Word's proofing language
        name: str,  # "Finnish": an English msgid, so each catalog names the language in its own words
        in_name: str,  # "in Finnish": an English msgid, for "the notice in ..."
        native_name: str,  # "suomi": the language's own name for itself, as it is written inside a sentence
        in_native: str,  # "Suomeksi": "in this language", in it (the switch to it; a translation into it)
        which_language: str,  # the first question, in this language, asked before any language is chosen
        continue_interview: str,  # heads the unfinished interviews offered with that question, in this language
        old_notice: str,  # the offer, with that question, to start from an old notice's file, in this language
        file_stem: str,  # the notice's exported files: `<stem>-<code>.<format>`
        toc_heading: str,  # the heading of the HTML page's table of contents
        quotes: tuple[str, str],  # opening and closing quotation marks
        # How the notice writes Finnish phone numbers: "national" 040 712 3456 (for readers in Finland) or
        # "international" +358 40 712 3456 (for readers abroad); other countries' numbers are always international.
        phone_style: Literal["national", "international"],
        country_aliases: tuple[tuple[str, str], ...] = (),  # (name, ISO code): country names CLDR lacks
        # Short, frequent words of the language that the others hardly use: a text with several of another
        # language's and none of its own is plainly in that other language (the guard on texts filed under
        # the wrong language).
        stop_words: frozenset[str] = frozenset(),
        # What a person types for yes and for no in this language ("k", "ei"). A yes/no question in the chat and
        # in the plain mode takes only the conversation language's words (`wizard.kinds.as_bool`); an answers
        # file takes any language's, and true/false.
        yes_words: frozenset[str] = frozenset(),
        no_words: frozenset[str] = frozenset(),
    ) -> None:
        self.code = code
        self.babel_locale = babel_locale
        self.tag = tag
        self.name = name
        self.in_name = in_name
        self.native_name = native_name
        self.in_native = in_native
        self.which_language = which_language
        self.continue_interview = continue_interview
        self.old_notice = old_notice
        self.file_stem = file_stem
        self.toc_heading = toc_heading
        self.quotes = quotes
        self.phone_style = phone_style
        self.country_aliases = country_aliases
        self.stop_words = stop_words
        self.yes_words = yes_words
        self.no_words = no_words

    def __repr__(self) -> str:
        return f"Language({self.code!r})"

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
        continue_interview="Jatka keskeneräistä haastattelua",
        old_notice="Minulla on vanha seloste",
        file_stem="tietosuojaseloste",
        toc_heading="Sisällys",
        quotes=("”", "”"),
        phone_style="national",
        country_aliases=(("yhdysvallat", "US"), ("britannia", "GB")),
        stop_words=frozenset(
            "ja ei se että tai kun jos ovat olla myös kuin mutta vain niin sekä eli joka jotka jonka ole "
            "mukaan kanssa jälkeen asti kunnes ennen tämä nämä sen sitä meidän emme voi voimme".split()
        ),
        yes_words=frozenset({"kyllä", "kylla", "k", "joo"}),  # (kylla: typed without ä)
        no_words=frozenset({"ei", "e"}),
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
        continue_interview="Continue an unfinished interview",
        old_notice="I have an old notice",
        file_stem="privacy-notice",
        toc_heading="Contents",
        quotes=("“", "”"),
        phone_style="international",
        country_aliases=(("usa", "US"), ("uk", "GB"), ("england", "GB")),
        stop_words=frozenset(
            "the and of to is are for with by from that this our we you your be not or as at an in it "
            "after until when which who".split()
        ),
        yes_words=frozenset({"yes", "y"}),
        no_words=frozenset({"no", "n"}),
    ),
    Language(
        code="sv",
        babel_locale="sv_FI",  # Finland-Swedish: the notice's dates and lists as written in Finland
        tag="sv-FI",
        name=N_("Swedish"),
        in_name=N_("in Swedish"),
        native_name="svenska",
        in_native="På svenska",
        which_language="Vilket språk vill du använda?",
        continue_interview="Fortsätt en påbörjad intervju",
        old_notice="Jag har en gammal dataskyddsbeskrivning",
        file_stem="dataskyddsbeskrivning",
        toc_heading="Innehåll",
        quotes=("”", "”"),
        phone_style="national",
        country_aliases=(("förenta staterna", "US"), ("förenade kungariket", "GB")),
        yes_words=frozenset({"ja", "j"}),
        no_words=frozenset({"nej", "n"}),
        stop_words=frozenset(
            "och att det som är för med på av inte den vi du din ditt dina vår våra vårt eller när efter har "
            "kan ska oss från hos till om utan också dig dem deras".split()
        ),
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
