"""Field formats of the answers file (wizard/fields.py): what each accepts, how it normalises, and the error
code it gives for a wrong value; free text loses terminal escapes and control characters and has a length limit."""

from __future__ import annotations

import socket
from datetime import date
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter, ValidationError

from wizard.answers import Purpose
from wizard.check import Report, check_bytes
from wizard.fields import (
    LONG_TEXT_MAX,
    SHORT_TEXT_MAX,
    BusinessId,
    Country,
    Email,
    NoticeDate,
    Phone,
    Website,
    clean_text,
)
from wizard.rules import display_path


def accepted(kind: Any, value: str) -> Any:
    return TypeAdapter(kind).validate_python(value)


def refusal(kind: Any, value: str) -> str:
    """The error type a wrong value gets; fails the test if the value is accepted."""
    with pytest.raises(ValidationError) as caught:
        TypeAdapter(kind).validate_python(value)
    [error] = caught.value.errors()
    return error["type"]


def check_yaml(text: str) -> Report:
    return check_bytes(text.encode("utf-8"))


def errors_of(report: Report) -> set[tuple[str, str]]:
    return {(d.code, display_path(d.path)) for d in report.errors}


def check_answers(data: dict[str, Any]) -> Report:
    return check_yaml(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))


# --- Y-tunnus ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "stored"),
    [
        ("0245974-7", "0245974-7"),
        ("1572860-0", "1572860-0"),  # remainder 0: check digit 0
        (" 1572860-0 ", "1572860-0"),
        ("15728600", "1572860-0"),
        ("1572860 0", "1572860-0"),
        ("245974-7", "0245974-7"),  # an old one without its leading zero
    ],
)
def test_valid_y_tunnus_is_stored_in_the_standard_form(written: str, stored: str) -> None:
    assert accepted(BusinessId, written) == stored


@pytest.mark.parametrize("written", ["1572860-1", "0245974-8", "0245974-0"])
def test_y_tunnus_with_a_wrong_check_digit_is_refused(written: str) -> None:
    assert refusal(BusinessId, written) == "business_id_checksum"


@pytest.mark.parametrize("check_digit", range(10))
def test_y_tunnus_with_remainder_1_has_no_valid_check_digit(check_digit: int) -> None:
    # 1234568: 7+18+30+20+40+24+16 = 155 = 14 * 11 + 1, a remainder such numbers are never issued with.
    assert refusal(BusinessId, f"1234568-{check_digit}") == "business_id_checksum"


@pytest.mark.parametrize("written", ["123456", "FI15728600", "1572860-00", "abc-defg", "1572860/0", "2459747"])
def test_text_that_is_not_a_y_tunnus_is_refused_as_a_format_error(written: str) -> None:
    assert refusal(BusinessId, written) == "business_id_format"


# --- phone numbers ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("written", ["045 114 8444", "+358 45 1148444", "0451148444", "09 123 4567", "+46 8 123 456 78"])
def test_finnish_and_international_phone_numbers_are_accepted_as_written(written: str) -> None:
    assert accepted(Phone, written) == written


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("040 abc 1234", "phone_format"),  # letters are not read as keypad digits
        ("puhelin", "phone_format"),
        ("+358 --", "phone_format"),
        ("12", "phone_invalid"),
        ("045 114", "phone_invalid"),
        ("+358 45 1148444 1148444", "phone_invalid"),
        ("", "string_too_short"),
    ],
)
def test_wrong_phone_numbers_are_refused(written: str, code: str) -> None:
    assert refusal(Phone, written) == code


# --- postal codes ------------------------------------------------------------------------------------------


def test_an_unquoted_finnish_postal_code_keeps_its_leading_zeros(answers: dict[str, Any]) -> None:
    text = yaml.safe_dump(answers, allow_unicode=True, sort_keys=False).replace("postal_code: '00100'", "postal_code: 00100")
    assert "postal_code: 00100\n" in text

    report = check_yaml(text)

    assert report.answers is not None and report.answers.controller.postal_code == "00100"


@pytest.mark.parametrize("written", ["0010", "001000", "FI-00100", "00 100", "ABCDE"])
def test_a_finnish_postal_code_is_five_digits(answers: dict[str, Any], written: str) -> None:
    answers["controller"]["postal_code"] = written

    assert errors_of(check_answers(answers)) == {("postal_code_fi", "controller.postal_code")}


def test_a_foreign_postal_code_follows_its_own_country(answers: dict[str, Any]) -> None:
    answers["controller"].update(country="GB", postal_code="SW1A 1AA", city="London")
    del answers["controller"]["business_id"]

    assert check_answers(answers).errors == []


def test_a_wrong_country_is_reported_without_judging_the_postal_code_against_finland(answers: dict[str, Any]) -> None:
    answers["controller"].update(country="Narnia", postal_code="SW1A 1AA")

    assert errors_of(check_answers(answers)) == {("country_unknown", "controller.country")}


# --- e-mail and web addresses ----------------------------------------------------------------------------


@pytest.fixture
def offline(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_network(*args: Any, **kwargs: Any) -> Any:
        raise OSError("the tests run offline")

    monkeypatch.setattr(socket, "getaddrinfo", no_network)
    monkeypatch.setattr(socket, "gethostbyname", no_network)


@pytest.mark.usefixtures("offline")
@pytest.mark.parametrize(
    ("written", "stored"),
    [
        ("info@example.fi", "info@example.fi"),
        ("Maija.Esimerkki+uutiset@EXAMPLE.FI", "Maija.Esimerkki+uutiset@example.fi"),
        ("tietosuoja@no-such-domain-anywhere.fi", "tietosuoja@no-such-domain-anywhere.fi"),
        ("asiakas@ääkkönen.fi", "asiakas@ääkkönen.fi"),
    ],
)
def test_e_mail_syntax_is_checked_without_looking_up_the_domain(written: str, stored: str) -> None:
    assert accepted(Email, written) == stored


@pytest.mark.parametrize("written", ["info", "info@", "@example.fi", "x@y", "a@b@example.fi", "info@example..fi", "in fo@example.fi"])
def test_text_that_is_not_an_e_mail_address_is_refused(written: str) -> None:
    assert refusal(Email, written) == "email_invalid"


@pytest.mark.parametrize(
    ("written", "stored"),
    [
        ("https://www.example.fi", "https://www.example.fi"),
        ("www.example.fi", "https://www.example.fi"),
        ("http://example.fi/tietosuoja?lang=fi", "http://example.fi/tietosuoja?lang=fi"),
        ("https://ääkkönen.fi", "https://ääkkönen.fi"),
    ],
)
def test_web_addresses_are_accepted_and_get_a_scheme(written: str, stored: str) -> None:
    assert accepted(Website, written) == stored


@pytest.mark.parametrize(
    "written",
    ["htp:/x", "ftp://example.fi", "https://localhost", "https://exa mple.fi", "https://[::1", "https://example.fi:99999", "example"],
)
def test_text_that_is_not_a_web_address_is_refused(written: str) -> None:
    assert refusal(Website, written) == "website_invalid"


@pytest.mark.usefixtures("offline")
@pytest.mark.parametrize("written", ["www.testi", "https://kahvila.fi.testi", "https://kauppa.cmo/tietosuoja"])
def test_a_web_address_whose_domain_ending_is_not_in_use_is_refused_without_the_network(written: str) -> None:
    assert refusal(Website, written) == "website_unknown_domain"


@pytest.mark.usefixtures("offline")
@pytest.mark.parametrize(
    ("kind", "written", "stored"),
    [
        (Website, "www.firma.example", "https://www.firma.example"),
        (Website, "https://kauppa.example/tietosuoja", "https://kauppa.example/tietosuoja"),
        (Email, "info@firma.example", "info@firma.example"),
    ],
)
def test_a_domain_reserved_for_examples_is_accepted_in_a_website_as_in_an_e_mail(kind: Any, written: str, stored: str) -> None:
    assert accepted(kind, written) == stored


def refusal_said(kind: Any, written: str, lang: str) -> str:
    """The refusal of `written` as the user reads it in `lang`: the message, then what to do."""
    from wizard.check import describe

    with pytest.raises(ValidationError) as caught:
        TypeAdapter(kind).validate_python(written)
    [error] = caught.value.errors()
    text = describe(error["type"], error["ctx"], lang)
    return f"{text['message']} {text['hint']}"


@pytest.mark.usefixtures("offline")
@pytest.mark.parametrize("ending", ["testi", "cmo"])
def test_a_domain_ending_not_in_use_is_refused_in_an_e_mail_as_in_a_website_and_the_ending_named(ending: str) -> None:
    assert refusal(Website, f"www.kahvila.{ending}") == "website_unknown_domain"
    assert refusal(Email, f"info@kahvila.{ending}") == "email_invalid"
    said = {lang: refusal_said(Email, f"info@kahvila.{ending}", lang) for lang in ("fi", "en", "sv")}
    assert f".{ending}" in said["en"] and ".fi or .com" in said["en"] and "name@example.fi" in said["en"], said["en"]
    assert f".{ending}" in said["fi"] and ".fi tai .com" in said["fi"] and "nimi@esimerkki.fi" in said["fi"], said["fi"]
    assert f".{ending}" in said["sv"] and ".fi eller .com" in said["sv"] and "namn@exempel.fi" in said["sv"], said["sv"]


@pytest.mark.usefixtures("offline")
@pytest.mark.parametrize("written", ["https://kauppa.shop", "https://shop.example.co.uk", "https://kahvila.xn--fiqs8s", "https://kahvila.ax"])
def test_every_domain_ending_in_use_is_accepted(written: str) -> None:
    assert accepted(Website, written) == written


@pytest.mark.parametrize(
    ("kind", "written", "character"),
    [
        (Website, "https://x.fi/%1b%5b2J%1b]52;c;ZXZpbA==%07", "U+001B"),  # clear screen, OSC 52 clipboard write
        (Website, "https://x.fi/tietosuoja%e2%80%ae", "U+202E"),  # an RLO, percent-encoded
        (Website, "https://x.fi/\u202etietosuoja", "U+202E"),
        (Website, "https://x.fi/%C2%9b2J", "U+009B"),  # a C1 control
        (Website, "https://xn--xy-g4t.fi", "U+202E"),  # a punycode host that shows as x<RLO>y.fi
        (Website, "www.x.fi/\x1b[2J", "U+001B"),
        (Email, "a%1b%5b2J@x.fi", "U+001B"),
        (Email, "a\u202e@x.fi", "U+202E"),
        (Email, "info\u200b@x.fi", "U+200B"),
        (Email, "info@x.fi%7f", "U+007F"),
    ],
)
def test_an_address_with_a_hidden_character_is_refused_not_cleaned(kind: Any, written: str, character: str) -> None:
    with pytest.raises(ValidationError) as caught:
        TypeAdapter(kind).validate_python(written)
    [error] = caught.value.errors()
    assert (error["type"], error["ctx"]["character"]) == ("address_hidden_character", character)


def test_a_hidden_character_in_an_address_is_explained_and_shown_written_out(answers: dict[str, Any]) -> None:
    answers["controller"]["website"] = "https://x.fi/\x1b[2J"
    answers["controller"]["email"] = "a%1b%5b2J@x.fi"
    report = check_answers(answers)
    assert errors_of(report) == {
        ("address_hidden_character", "controller.website"),
        ("address_hidden_character", "controller.email"),
    }
    messages = [error.describe()["message"] for error in report.errors]
    assert "The address `https://x.fi/\\x1b[2J` holds a hidden character (U+001B)" in messages[0] + messages[1]
    assert not any("\x1b" in message for message in messages)


@pytest.mark.parametrize(
    ("kind", "written"),
    [(Website, "https://x.fi/a%20b%C3%A4"), (Website, "https://x.fi/%25%31b"), (Email, "50%off@x.fi"), (Website, "https://xn--kknen-fraa0m.fi")],
)
def test_percent_escapes_and_punycode_of_visible_characters_are_fine_in_an_address(kind: Any, written: str) -> None:
    assert accepted(kind, written) == written


@pytest.mark.parametrize("kind", [Email, Website, BusinessId, Country, Phone])
def test_an_empty_formatted_field_is_reported_as_empty(kind: Any) -> None:
    assert refusal(kind, "") == "string_too_short"


# --- countries ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "code"),
    [("FI", "FI"), ("fi", "FI"), ("Finland", "FI"), ("Suomi", "FI"), ("Ruotsi", "SE"), ("Yhdysvallat", "US"), ("USA", "US"), ("United Kingdom", "GB"), (" no ", "NO")],
)
def test_countries_are_codes_or_english_or_finnish_names(written: str, code: str) -> None:
    assert accepted(Country, written) == code


@pytest.mark.parametrize("written", ["Narnia", "EU", "Euroopan unioni", "XX", "Unknown Region"])
def test_what_is_not_a_country_is_refused(written: str) -> None:
    assert refusal(Country, written) == "country_unknown"


def test_country_code_no_in_yaml_stays_norway(answers: dict[str, Any]) -> None:
    answers["recipients"] = [{"name": "Nordic Hosting AS", "service": "palvelin", "country": "NO"}]
    text = yaml.safe_dump(answers, allow_unicode=True, sort_keys=False).replace("country: 'NO'", "country: NO")
    assert "country: NO\n" in text

    report = check_yaml(text)

    assert report.answers is not None and report.answers.recipients[0].country == "NO"


# --- dates and legal bases ----------------------------------------------------------------------------------


@pytest.mark.parametrize("written", ["2026-11-22", "22.11.2026", " 22.11.2026 "])
def test_notice_dates_in_iso_or_finnish_form(written: str) -> None:
    assert accepted(NoticeDate, written) == date(2026, 11, 22)


@pytest.mark.parametrize(("written", "code"), [("31.2.2026", "date_invalid"), ("huomenna", "date_from_datetime_parsing"), ("2026-11-22T10:00", "date_parsing")])
def test_wrong_dates_are_explained(answers: dict[str, Any], written: str, code: str) -> None:
    answers["notice"]["date"] = written

    assert errors_of(check_answers(answers)) == {(code, "notice.date")}


@pytest.mark.parametrize("written", ["legitimate_interests", "f", "F", "(f)", "6(1)(f)", "Legitimate interests", "legitimate-interests"])
def test_a_legal_basis_may_be_written_as_its_letter(written: str) -> None:
    basis = Purpose(id="x", description="y", basis=written, legitimate_interest="z").basis

    assert basis.value == "legitimate_interests"


# --- free text ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "cleaned"),
    [
        ("\x1b[31mred\x1b[0m", "red"),
        ("\x1b[1;31;40mbold\x1b[m", "bold"),
        ("\x1b]0;new window title\x07Esimerkki", "Esimerkki"),
        ("\x1b]0;title\x1b\\Esimerkki", "Esimerkki"),
        ("\x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\", "link"),
        ("\x1bP1$qm\x1b\\Oy", "Oy"),
        ("\u202eyO ikkremise\u202c", "yO ikkremise"),
        ("a\u2066b\u2069c", "abc"),
        ("nul\x00 bell\x07 backspace\x08 del\x7f", "nul bell backspace del"),
        ("tab\tbetween", "tab between"),
        ("  spaces   around  ", "spaces around"),
        ("Äänekoski\u0308", "Äänekoski\u0308"),  # letters of any script stay; only NFC composes them
    ],
)
def test_free_text_loses_escapes_and_control_characters(written: str, cleaned: str) -> None:
    import unicodedata

    assert clean_text(written, single_line=True) == unicodedata.normalize("NFC", cleaned)


def test_long_text_keeps_paragraphs_but_not_windows_line_ends_or_blank_runs() -> None:
    assert clean_text("first\r\nsecond\n\n\n\n\nthird  \n", single_line=False) == "first\nsecond\n\nthird"


def test_short_text_is_one_line() -> None:
    assert clean_text("Esimerkki\nOy", single_line=True) == "Esimerkki Oy"


@settings(max_examples=300)
@given(st.text(), st.booleans())
def test_cleaned_text_never_holds_an_escape_or_a_control_character(text: str, single_line: bool) -> None:
    cleaned = clean_text(text, single_line=single_line)

    allowed = set() if single_line else {"\n"}
    assert not any(
        (ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F or 0x202A <= ord(c) <= 0x202E or 0x2066 <= ord(c) <= 0x2069) and c not in allowed
        for c in cleaned
    )


def test_free_text_in_a_file_is_cleaned_before_it_is_stored(answers: dict[str, Any]) -> None:
    answers["controller"]["name"] = "\x1b[31mEsimerkkipaja\x1b[0m \x1b]0;pwned\x07Oy\u202e"

    report = check_answers(answers)

    assert report.answers is not None and report.answers.controller.name == "Esimerkkipaja Oy"


def test_text_that_is_only_escapes_is_empty(answers: dict[str, Any]) -> None:
    answers["controller"]["name"] = "\x1b[31m\x1b[0m"

    assert errors_of(check_answers(answers)) == {("string_too_short", "controller.name")}


@pytest.mark.parametrize(
    ("where", "limit"),
    [(("controller", "name"), SHORT_TEXT_MAX), (("purposes", 0, "description"), LONG_TEXT_MAX)],
)
def test_free_text_length_is_bounded(answers: dict[str, Any], where: tuple[Any, ...], limit: int) -> None:
    *parents, last = where
    target: Any = answers
    for part in parents:
        target = target[part]

    target[last] = "x" * limit
    assert check_answers(answers).errors == []

    target[last] = "x" * (limit + 1)
    report = check_answers(answers)
    assert errors_of(report) == {("string_too_long", display_path(where))}
    assert f"at most {limit} characters" in report.errors[0].describe()["message"]
