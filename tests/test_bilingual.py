"""Answers in more than one language: a text is a plain string in the file's `language:` or a mapping by
language, and each notice takes the text in its own language."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from written import in_one_language

from wizard.answers import Answers
from wizard.check import check_bytes, check_data
from wizard.cli import run
from wizard.examples import EXAMPLES, example_text
from wizard.languages import CODES
from wizard.localtext import guess_language, localize, texts, translatable_fields
from wizard.rules import display_path

SCHEMA = json.loads((Path(__file__).parents[1] / "wizard" / "answers.schema.json").read_text(encoding="utf-8"))


def with_line(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def checked(text: str) -> Any:
    return check_bytes(text.encode("utf-8"))


def line_of(text: str, fragment: str) -> int:
    return next(number for number, line in enumerate(text.splitlines(), 1) if fragment in line)


def test_the_json_schema_marks_the_translatable_fields_and_leaves_names_plain() -> None:
    defs = SCHEMA["$defs"]

    assert defs["Processing"]["properties"]["name"]["x-translatable"] == "text"
    assert defs["Purpose"]["properties"]["description"]["x-translatable"] == "text"
    assert defs["Recipient"]["properties"]["name"]["x-translatable"] == "name"  # a company's name stays as it is
    assert "x-translatable" not in defs["Controller"]["properties"]["name"]
    assert "x-translatable" not in defs["Controller"]["properties"]["street_address"]
    by_language = next(form for form in defs["Processing"]["properties"]["name"]["oneOf"] if form["type"] == "object")
    assert by_language["propertyNames"]["enum"] == list(CODES)


def webshop_with_name(name: str) -> str:
    """The web shop example with the processing's name written as `name` (a YAML value)."""
    lines = example_text("webshop").splitlines()
    start = lines.index("processing:") + 1
    end = next(index for index in range(start + 1, len(lines)) if not lines[index].startswith("    "))
    return "\n".join([*lines[:start], f"  name: {name}", *lines[end:]]) + "\n"


def test_a_text_given_by_language_is_valid_and_the_schema_agrees() -> None:
    report = checked(webshop_with_name("{en: Web shop's customer register, fi: Verkkokaupan asiakasrekisteri}"))

    assert report.errors == []
    assert report.multilingual.processing.name == {"en": "Web shop's customer register", "fi": "Verkkokaupan asiakasrekisteri"}
    assert report.answers.processing.name == "Verkkokaupan asiakasrekisteri"  # as written: the file is Finnish
    data = report.multilingual.model_dump(mode="json", exclude_none=True)
    assert list(jsonschema.Draft202012Validator(SCHEMA).iter_errors(data)) == []


def test_a_language_the_registry_does_not_know_is_an_error_at_its_line() -> None:
    text = webshop_with_name("{xx: Kundregister, fi: Verkkokaupan asiakasrekisteri}")

    [error] = checked(text).errors

    assert error.line == line_of(text, "{xx: Kundregister")
    assert display_path(error.path) == "processing.name.xx"
    assert error.describe("en")["hint"] == f"Choose one of: {', '.join(CODES)}."


def test_a_text_too_long_in_one_language_is_reported_once_for_its_field() -> None:
    [error] = checked(webshop_with_name("{en: " + "x" * 400 + ", fi: Verkkokaupan asiakasrekisteri}")).errors

    assert (error.code, display_path(error.path)) == ("string_too_long", "processing.name.en")


def test_a_file_without_language_is_finnish_by_default() -> None:
    report = checked(example_text("salon").replace("language: fi", ""))

    assert report.errors == [] and report.answers.language == "fi"


def test_every_free_text_field_is_translatable_and_no_name_of_a_person_or_place_is() -> None:
    from wizard.answers import Address, Controller, Processing, Purpose, Recipient

    assert set(translatable_fields(Purpose)) >= {"description", "contract", "law", "legitimate_interest", "consent_withdrawal"}
    assert set(translatable_fields(Processing)) == {"name", "description", "data_subjects", "child_consent_by", "child_consent_check"}
    assert translatable_fields(Recipient)["name"].neutral and not translatable_fields(Recipient)["service"].neutral
    assert translatable_fields(Controller) == {} and translatable_fields(Address) == {}


def test_a_notice_in_a_language_takes_each_text_in_that_language() -> None:
    answers = checked(example_text("webshop")).multilingual
    first = answers.purposes[0].model_copy(update={"description": {"fi": "Tilausten toimitus", "en": "Delivering orders"}})
    second = answers.purposes[1].model_copy(update={"description": "Asiakastilin ylläpito"})
    answers = answers.model_copy(update={"purposes": [first, second, *answers.purposes[2:]]})

    english = localize(answers, "en", allow_mixed=True)
    finnish = localize(answers, "fi")

    assert english.purposes[0].description == "Delivering orders"
    assert finnish.purposes[0].description == "Tilausten toimitus"
    assert english.purposes[1].description == "Asiakastilin ylläpito (in Finnish)"  # as written, never as a translation
    assert all(isinstance(text.value, str) for text in texts(finnish))


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Tilausten toimittaminen ja laskuttaminen sekä asiakkaan kanssa sovitut asiat", "fi"),
        ("Delivering the orders and invoicing them for the customer", "en"),
        ("Vi levererar beställningarna och fakturerar dem till kunden", "sv"),
        ("Nimi ja yhteystiedot", None),  # too short to be plain
        ("Namn och kontaktuppgifter", None),
        ("Google Analytics", None),
    ],
)
def test_the_language_guess_needs_plain_evidence(text: str, language: str | None) -> None:
    assert guess_language(text) == language


def test_answers_the_model_checks_alone_keep_every_text_as_given(answers: dict[str, Any]) -> None:
    answers["processing"]["name"] = {"fi": "Asiakasrekisteri", "en": "Customer register"}

    report = check_data(answers)

    assert isinstance(report.multilingual, Answers) and report.multilingual.processing.name["en"] == "Customer register"


# --- a notice in a language the texts lack: check warns, render refuses or marks ------------------------------


def in_finnish_only(name: str = "webshop", translated: tuple[str, ...] = ()) -> str:
    """An example with every text in Finnish alone, except the top-level parts named in `translated`."""
    data = yaml.safe_load(example_text(name))
    for key, value in data.items():
        if key not in translated:
            data[key] = in_one_language(value, "fi")
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def seloste(*argv: str, stdin: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(list(argv), stdout=out, stderr=err, stdin=io.BytesIO(stdin.encode("utf-8")))
    return code, out.getvalue(), err.getvalue()


def test_a_file_in_one_language_checks_clean_and_its_own_notice_renders() -> None:
    text = in_finnish_only()

    report = checked(text)
    code, out, _err = seloste("render", "-", "--lang", "fi", stdin=text)

    assert [d for d in report.diagnostics if d.code == "translation_missing"] == []
    assert code == 0 and "Verkkokaupan asiakas- ja markkinointirekisteri" in out


def test_check_warns_of_each_text_without_a_version_in_a_language_the_file_is_written_for() -> None:
    text = in_finnish_only(translated=("processing",))  # the processing's texts are in every language too

    warnings = [d for d in checked(text).warnings if d.code == "translation_missing"]

    assert {d.params["language"] for d in warnings} == set(CODES) - {"fi"}
    first = next(d for d in warnings if d.params["language"] == "en")
    assert (display_path(first.path), first.line) == ("purposes[1].description", line_of(text, "- id: orders") + 1)
    assert first.describe("en")["message"] == "purposes[1].description has no text in English, a language of this notice."
    assert "englanti" in first.describe("fi")["message"]
    assert "processing.name" not in {display_path(d.path) for d in warnings}


def test_check_with_a_notice_language_lists_what_a_one_language_file_lacks_in_it() -> None:
    text = in_finnish_only()

    quiet_code, quiet, _ = seloste("check", "-", stdin=text)
    code, out, _err = seloste("check", "-", "--lang", "en", stdin=text)
    _, as_json, _ = seloste("check", "-", "--json", "--lang", "en", "--lang", "en", stdin=text)

    assert quiet_code == 0 and "translation_missing" not in quiet and "no text in English" not in quiet
    assert code == 0  # a warning: the Finnish notice is still fine
    assert f"line {line_of(text, 'Verkkokaupan asiakas-')} | processing.name" in out
    assert "processing.name has no text in English, a language of this notice." in out
    fields = [item["field"] for item in json.loads(as_json)["diagnostics"] if item["code"] == "translation_missing"]
    assert "processing.name" in fields and len(fields) == len(set(fields))  # asked twice, listed once


def test_render_refuses_a_notice_that_would_mix_languages_and_lists_what_to_translate() -> None:
    text = in_finnish_only()

    code, out, err = seloste("--lang", "en", "render", "-", "--lang", "en", stdin=text)

    assert code == 1 and out == ""
    assert "have no version in English, so the notice would mix languages" in err
    assert f"  line {line_of(text, 'Verkkokaupan asiakas-')}: processing.name\n" in err
    assert "--allow-mixed-language" in err


def test_allow_mixed_language_shows_each_untranslated_text_as_written_and_marked() -> None:
    code, out, _err = seloste("render", "-", "--lang", "en", "--allow-mixed-language", stdin=in_finnish_only())

    assert code == 0
    assert out.startswith("# Privacy notice: Verkkokaupan asiakas- ja markkinointirekisteri (in Finnish)\n")


def test_a_finnish_notice_from_english_texts_marks_them_in_finnish() -> None:
    data = in_one_language(yaml.safe_load(example_text("webshop")), "en")
    data["language"] = "en"
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)

    code, out, _err = seloste("render", "-", "--lang", "fi", "--allow-mixed-language", stdin=text)

    assert code == 0 and "Online shop customer and marketing register (englanniksi)" in out


def test_coverage_notes_the_texts_its_language_lacks() -> None:
    code, out, _err = seloste("coverage", "-", "--lang", "en", stdin=in_finnish_only())

    assert code == 0
    assert "text(s) have no version in English" in out and "processing.name" in out


def test_a_text_filed_under_the_wrong_language_gets_a_warning_never_an_error() -> None:
    text = webshop_with_name("{fi: Verkkokaupan asiakasrekisteri, en: Verkkokaupan asiakkaat ja heidän tilauksensa sekä uutiskirjeen tilaajat}")

    report = checked(text)

    [warning] = [d for d in report.diagnostics if d.code == "text_in_other_language"]
    assert (warning.severity, display_path(warning.path), report.errors) == ("warning", "processing.name.en", [])
    assert warning.describe("en")["message"] == "processing.name.en is given as English but reads as Finnish."


def test_every_example_has_every_text_in_every_language_and_none_misfiled() -> None:
    for name in EXAMPLES:
        report = checked(example_text(name))
        assert [display_path(d.path) for d in report.diagnostics] == [], name


def test_a_translation_is_put_beside_the_text_as_written_and_a_wrong_one_is_refused() -> None:
    from wizard.engine import Interview, Rejection

    data = in_one_language(yaml.safe_load(example_text("salon")), "fi")
    interview = Interview.start(answers=data)

    refused = interview.translate(("processing", "name"), "en", "x" * 400)
    taken = interview.translate(("processing", "data_subjects", 0), "en", " the salon's customers ")

    assert isinstance(refused, Rejection) and refused.message_code == "string_too_long"
    assert taken is None
    assert interview.answers["processing"]["name"] == "Kampaamon asiakasrekisteri"
    assert interview.answers["processing"]["data_subjects"][0] == {"fi": "kampaamon asiakkaat", "en": "the salon's customers"}


def test_the_review_lists_the_texts_the_chosen_notice_language_lacks(tmp_path: Path) -> None:
    from wizard.engine import Interview
    from wizard.session import Session

    data = in_one_language(yaml.safe_load(example_text("salon")), "fi")
    session = Session(tmp_path / "salon.yaml", Interview.start(answers=data), "en", notice_lang="en")

    lacking = [finding for finding in session.findings("en") if "has no text in English" in finding.message]

    assert len(lacking) == len(session.missing_translations(["en"])) > 0
    assert lacking[0].message.startswith("“What should we call these data? (name of the register)”")
    assert lacking[0].target == ("processing_name", None)  # a way back to its question


# --- a text changed in the interview: its translations said the old text ---------------------------------------


def salon_session(tmp_path: Path) -> Any:
    """The chat's and the plain mode's link to the engine, on the salon with every text in Finnish and English."""
    from wizard.engine import Interview
    from wizard.session import Session

    return Session(tmp_path / "salon.yaml", Interview.start(answers=yaml.safe_load(example_text("salon"))), "en", notice_lang="en")


def test_a_text_changed_in_the_interview_loses_its_translations_and_they_are_asked_for_again(tmp_path: Path) -> None:
    session = salon_session(tmp_path)

    session.edit("processing_name")
    assert session.submit("Kampaamon asiakas- ja ajanvarausrekisteri") is None
    session.edit("purposes", 0)
    form = dict(session.current().value)  # the booking, its texts as the form shows them: in Finnish
    assert session.submit({**form, "description": "Ajanvaraukset"}) is None
    session.autosave()

    answers = session.interview.answers
    assert answers["processing"]["name"] == "Kampaamon asiakas- ja ajanvarausrekisteri"
    assert answers["purposes"][0]["description"] == "Ajanvaraukset"
    assert answers["purposes"][0]["contract"] == {"fi": "asiakkaan tekemä ajanvaraus", "en": "the appointment the customer books", "sv": "den tid som kunden bokar"}
    asked = [(missing.path, missing.text) for missing in session.missing_translations(["en"])]
    assert asked == [(("processing", "name"), "Kampaamon asiakas- ja ajanvarausrekisteri"), (("purposes", 0, "description"), "Ajanvaraukset")]
    warnings = [d for d in check_bytes(session.path.read_bytes()).warnings if d.code == "translation_missing"]
    translated_into = set(CODES) - {"fi"}  # the salon's texts are in every language
    assert {(display_path(d.path), d.params["language"]) for d in warnings} == {
        (path, lang) for path in ("processing.name", "purposes[1].description") for lang in translated_into
    }
    code, _out, err = seloste("render", str(session.path), "--lang", "en", stdin="")
    assert code == 1 and "processing.name" in err  # no English sentence says what the Finnish no longer does


def test_a_text_written_back_unchanged_keeps_its_translations(tmp_path: Path) -> None:
    session = salon_session(tmp_path)
    before = yaml.safe_load(example_text("salon"))

    session.edit("processing_name")
    assert session.submit(session.current().value) is None
    session.edit("purposes", 0)
    assert session.submit(dict(session.current().value)) is None

    assert session.interview.answers["processing"]["name"] == before["processing"]["name"]
    assert session.interview.answers["purposes"][0]["description"] == before["purposes"][0]["description"]
    assert session.missing_translations(["en"]) == []
