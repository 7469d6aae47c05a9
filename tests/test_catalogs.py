"""The gettext catalogs: each language's catalog covers every message the code marks and keeps its
placeholders, Finnish is what seloste actually shows; the committed template matches the code.

The extraction runs Babel with the project's own `[tool.babel]` settings, so a newly marked string fails here
with its text until it is translated.
"""

from __future__ import annotations

import contextlib
import io
import re
import shlex
import string
from pathlib import Path

import pytest
import yaml
from babel.messages.catalog import Catalog
from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po

from wizard.check import check_bytes, describe
from wizard.cli import run
from wizard.diagnostics import TEXTS
from wizard.examples import EXAMPLES, example_text
from wizard.languages import CODES, SOURCE_LANGUAGE
from wizard.loader import parse

REPO = Path(__file__).resolve().parents[1]
TEMPLATE = REPO / "locales" / "messages.pot"
FINNISH_PO = REPO / "locales" / "fi" / "LC_MESSAGES" / "messages.po"
TRANSLATED = [code for code in CODES if code != SOURCE_LANGUAGE]

EXTRACT = 'extract -F pyproject.toml --project=seloste --copyright-holder="seloste contributors" -o locales/messages.pot .'
UPDATE = "update --no-fuzzy-matching -i locales/messages.pot -d locales"  # add -l CODE for one language
REFRESH = f".venv/bin/pybabel {EXTRACT} && .venv/bin/pybabel {UPDATE}"

_PERCENT_FIELD = re.compile(r"%\((\w+)\)[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]")


@pytest.fixture(scope="session")
def extracted(tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    """What the documented `pybabel extract` finds in the code right now, written to a scratch file."""
    output = tmp_path_factory.mktemp("extract") / "messages.pot"
    argv = shlex.split(EXTRACT)
    argv[argv.index("-o") + 1] = str(output)
    with contextlib.chdir(REPO):  # source locations are relative to the working directory
        CommandLineInterface().run(["pybabel", "--quiet", *argv])
    with output.open("rb") as handle:
        return read_po(handle)


def po_path(lang: str) -> Path:
    return REPO / "locales" / lang / "LC_MESSAGES" / "messages.po"


@pytest.fixture(scope="session")
def finnish() -> Catalog:
    with FINNISH_PO.open("rb") as handle:
        return read_po(handle, locale="fi")


@pytest.fixture(scope="session", params=TRANSLATED)
def catalog(request: pytest.FixtureRequest) -> Catalog:
    """The catalog of each language but the source one."""
    with po_path(request.param).open("rb") as handle:
        return read_po(handle, locale=request.param)


def placeholders(text: str) -> set[str]:
    """`{name}` fields and `%(name)s` fields, the parts a translation must keep."""
    names = {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    return names | {f"%({name})" for name in _PERCENT_FIELD.findall(text)}


def only_placeholders(text: str) -> bool:
    return all(not literal.strip() for literal, _, _, _ in string.Formatter().parse(text))


def ids(catalog: Catalog) -> set[str]:
    return {message.id for message in catalog if message.id}


def test_extraction_finds_strings_marked_with_N_and_with_the_cli_helper(extracted: Catalog) -> None:
    marked = {text for entry in TEXTS.values() for text in (entry.message, entry.hint) if text and not only_placeholders(text)}
    marked |= {example.title for example in EXAMPLES.values()}
    marked |= {"{file}: {errors} error(s), {warnings} warning(s)", "line {line}"}  # `_("...", lang)` in cli.py
    assert not marked - ids(extracted), "[tool.babel] in pyproject.toml misses marked strings"


def test_each_catalog_translates_every_extracted_message(extracted: Catalog, catalog: Catalog) -> None:
    problems = []
    for message in extracted:
        if not message.id:
            continue
        translation = catalog.get(message.id)
        if translation is None or not translation.string:
            problems.append(f"untranslated: {message.id!r}")
        elif translation.fuzzy:
            problems.append(f"fuzzy: {message.id!r}")
    assert not problems, (
        f"Translate these in {po_path(str(catalog.locale)).relative_to(REPO)} (after `{REFRESH}`):\n" + "\n".join(problems)
    )


def test_no_catalog_has_fuzzy_entries(catalog: Catalog) -> None:
    fuzzy = [message.id for message in catalog if message.id and message.fuzzy]
    assert not fuzzy, "fuzzy entries are not shown at run time; fix them and remove the flag"


def test_translations_keep_exactly_the_placeholders_of_the_english(catalog: Catalog) -> None:
    mismatches = [
        f"{message.id!r}: {sorted(placeholders(message.id))} -> {sorted(placeholders(message.string))}"
        for message in catalog
        if message.id and message.string and placeholders(message.id) != placeholders(message.string)
    ]
    assert not mismatches, "\n".join(mismatches)


def test_babel_finds_no_errors_in_the_catalogs(catalog: Catalog) -> None:
    errors = [f"{message.id!r}: {'; '.join(map(str, found))}" for message, found in catalog.check()]
    assert not errors, "\n".join(errors)


@pytest.mark.parametrize("code", sorted(TEXTS))
def test_every_diagnostic_is_shown_in_finnish(code: str) -> None:
    text = TEXTS[code]
    params = {name: f"<{name}>" for name in placeholders(text.message) | placeholders(text.hint)}
    english, finnish_text = describe(code, params, "en"), describe(code, params, "fi")
    for part in ("message", "hint"):
        source = getattr(text, part)
        if not source or only_placeholders(source):  # e.g. "{detail}": nothing to translate
            assert finnish_text[part] == english[part]
            continue
        assert finnish_text[part] != english[part], f"{code}.{part} is shown in English"
        for name in placeholders(source):
            assert params[name] in finnish_text[part], f"{code}.{part} lost {{{name}}}"


def test_the_committed_template_matches_the_code(extracted: Catalog) -> None:
    with TEMPLATE.open("rb") as handle:
        committed = read_po(handle)

    def entries(catalog: Catalog) -> dict[str, tuple[list[str], list[str]]]:
        return {
            message.id: (sorted({path for path, _ in message.locations}), sorted(message.flags))
            for message in catalog
            if message.id
        }

    fresh, old = entries(extracted), entries(committed)
    changed = sorted(key for key in set(fresh) | set(old) if fresh.get(key) != old.get(key))
    assert not changed, f"locales/messages.pot is out of date ({changed}); refresh it with:\n{REFRESH}"


def finnish_gettext(finnish: Catalog, message: str, **params: object) -> str:
    return finnish.get(message).string.format(**params)


def test_check_in_finnish_explains_a_wrong_y_tunnus(tmp_path: Path, finnish: Catalog) -> None:
    answers = parse(example_text("webshop")).data
    answers["controller"]["business_id"] = "1234567-8"  # the right check digit is 1
    path = tmp_path / "vastaukset.yaml"
    path.write_text(yaml.safe_dump(answers, allow_unicode=True, sort_keys=False), encoding="utf-8")
    warnings = len(check_bytes(path.read_bytes()).warnings)
    out = io.StringIO()

    assert run(["--lang", "fi", "check", str(path)], stdout=out) == 1

    shown = out.getvalue()
    summary = "{file}: {errors} error(s), {warnings} warning(s)"
    assert shown.splitlines()[0] == finnish_gettext(finnish, summary, file=path, errors=1, warnings=warnings)
    assert finnish_gettext(finnish, "The check digit of Y-tunnus `{value}` is wrong.", value="1234567-8") in shown
    assert finnish_gettext(finnish, "Check the number against ytj.fi: a digit is probably mistyped.") in shown


def test_example_list_in_finnish_shows_finnish_titles(finnish: Catalog) -> None:
    out = io.StringIO()

    assert run(["--lang", "fi", "example", "--list"], stdout=out) == 0

    for name, example in EXAMPLES.items():
        assert f"{name}  " in out.getvalue()
        assert finnish_gettext(finnish, example.title) in out.getvalue()


# What a question marks as optional, in one word per language: the English msgid's "(optional)" or "; optional)".
OPTIONAL_WORD = {"fi": "vapaaehtoinen", "sv": "frivilligt"}


@pytest.mark.parametrize("lang", sorted(OPTIONAL_WORD))
def test_an_optional_question_is_marked_with_one_word_throughout(lang: str) -> None:
    with po_path(lang).open("rb") as file:
        catalog = read_po(file, locale=lang)
    marked = re.compile(r"[(;] ?optional[;:)]")
    optional = [message for message in catalog if message.id and isinstance(message.id, str) and marked.search(message.id)]
    assert optional
    for message in optional:
        assert OPTIONAL_WORD[lang] in message.string, (message.id, message.string)
