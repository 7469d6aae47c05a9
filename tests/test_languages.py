"""The language registry: every language it lists has what a notice and a conversation in it need, and the
language a user gets (from the locale, a typed reply, the F2 switch) is one of them."""

from __future__ import annotations

import re

import pytest
from babel import Locale, UnknownLocaleError

from wizard.languages import (
    CODES,
    LANGUAGES,
    SOURCE_LANGUAGE,
    Language,
    default_language,
    language_from_reply,
    next_language,
)
from wizard.resources import data_dir


def test_the_source_language_is_listed_and_codes_and_file_names_are_unique() -> None:
    assert SOURCE_LANGUAGE in CODES
    assert len(set(CODES)) == len(CODES)
    assert len({entry.file_stem for entry in LANGUAGES}) == len(LANGUAGES), "two languages would write the same file"


@pytest.mark.parametrize("entry", LANGUAGES, ids=CODES)
def test_each_language_has_its_templates_its_catalog_and_a_locale_babel_knows(entry: Language) -> None:
    assert re.fullmatch(r"[a-z]{2}", entry.code)
    assert (data_dir("templates") / entry.code / "labels.yaml").is_file()
    assert (data_dir("templates") / entry.code / "audit.yaml").is_file()  # the words an old notice in it is read by
    has_catalog = (data_dir("locales") / entry.code / "LC_MESSAGES" / "messages.po").is_file()
    assert has_catalog == (entry.code != SOURCE_LANGUAGE), "every language but the source one needs its catalog"
    try:
        locale = Locale.parse(entry.babel_locale)
    except (UnknownLocaleError, ValueError) as problem:
        pytest.fail(f"{entry.code}: Babel does not know {entry.babel_locale}: {problem}")
    assert locale.language == entry.code and entry.tag == entry.babel_locale.replace("_", "-")
    assert entry.picker_name[0].isupper() and len(entry.quotes) == 2
    assert entry.phone_style in ("national", "international")
    assert entry.native_name.casefold() == locale.get_language_name(entry.code).casefold(), "the language's own name"


@pytest.mark.parametrize("entry", LANGUAGES, ids=CODES)
def test_each_language_reads_its_own_yes_and_no_and_no_word_means_both(entry: Language) -> None:
    from wizard.kinds import as_bool

    assert entry.yes_words and entry.no_words, "a yes/no question must understand this language's answers"
    assert all(as_bool(word) is True for word in entry.yes_words)
    assert all(as_bool(word) is False for word in entry.no_words)
    everyones_yes = set().union(*(other.yes_words for other in LANGUAGES))
    assert not everyones_yes & entry.no_words, "a word that is yes in one language and no in another"


def test_the_switch_goes_through_every_language_and_back() -> None:
    visited = [SOURCE_LANGUAGE]
    for _turn in LANGUAGES:
        visited.append(next_language(visited[-1]).code)
    assert visited[-1] == SOURCE_LANGUAGE and sorted(visited[1:]) == sorted(CODES)


@pytest.mark.parametrize(("number", "entry"), list(enumerate(LANGUAGES, 1)), ids=CODES)
def test_a_reply_names_a_language_by_its_number_code_or_own_name(number: int, entry: Language) -> None:
    for reply in (str(number), entry.code, f" {entry.native_name.upper()} "):
        assert language_from_reply(reply) == entry.code
    assert language_from_reply(str(len(LANGUAGES) + 1)) is None
    assert language_from_reply("klingon") is None


@pytest.mark.parametrize(
    ("environment", "expected"),
    [
        ({"SELOSTE_LANG": "fi"}, "fi"),
        ({"SELOSTE_LANG": "en", "LANG": "fi_FI.UTF-8"}, "en"),
        ({"LANG": "fi_FI.UTF-8"}, "fi"),
        ({"LC_ALL": "de_DE.UTF-8", "LANG": "fi_FI.UTF-8"}, SOURCE_LANGUAGE),  # a language seloste does not speak
        ({}, SOURCE_LANGUAGE),
    ],
)
def test_the_conversation_language_comes_from_the_environment(
    environment: dict[str, str], expected: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    for variable in ("SELOSTE_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(variable, raising=False)
    for variable, value in environment.items():
        monkeypatch.setenv(variable, value)
    assert default_language() == expected
