"""Field types of the answers file: cleaned free text and checked formats.

Each checker raises `PydanticCustomError` with a stable type and its parameters; `wizard.diagnostics` turns
those into a translated sentence that says how to fix the value.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from functools import lru_cache
from typing import Annotated, Any
from urllib.parse import unquote, urlsplit

from pydantic import AfterValidator, BeforeValidator, Field, PlainSerializer
from pydantic_core import PydanticCustomError

from wizard.languages import LANGUAGES

SHORT_TEXT_MAX = 300
LONG_TEXT_MAX = 5000

# Terminal escape sequences (CSI; OSC and the other string commands DCS, SOS, PM and APC, whose text up to
# the terminator is part of the command; other two-byte ESC forms), then every control character but newline,
# and the bidirectional overrides that can make text read differently from what it is.
_ESCAPE_SEQUENCE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b[\]PX^_][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-Z\\-_]?"
)
# Unicode noncharacters (U+FDD0-FDEF and the last two code points of every plane) mean nothing in text and
# make XML (the Word and HTML notices) invalid; lone surrogates cannot be encoded at all.
_CONTROL = re.compile(
    r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufdd0-\ufdef\ufffe\uffff\ud800-\udfff"
    + "".join(chr(plane * 0x10000 + end) for plane in range(1, 17) for end in (0xFFFE, 0xFFFF))
    + "]"
)


def clean_text(value: Any, *, single_line: bool) -> Any:
    """Strip escapes and control characters; numbers typed where text belongs become text."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, (int, float)):
        value = str(value)
    if not isinstance(value, str):
        return value
    return _cleaned(value, single_line)


# The chat validates every answer after each one given: with a hundred purposes, most of its time went into
# cleaning the same texts again. A text's cleaning depends on the text alone.
@lru_cache(maxsize=32768)
def _cleaned(value: str, single_line: bool) -> str:
    text = unicodedata.normalize("NFC", value.replace("\r\n", "\n").replace("\r", "\n"))
    text = _ESCAPE_SEQUENCE.sub("", text)
    text = text.replace("\t", " ")
    text = _CONTROL.sub("", text)
    if single_line:
        text = " ".join(text.split())
    else:
        lines = [" ".join(line.split()) for line in text.split("\n")]
        text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines))
    return text.strip()


def _single_line(value: Any) -> Any:
    return clean_text(value, single_line=True)


def _multi_line(value: Any) -> Any:
    return clean_text(value, single_line=False)


ShortText = Annotated[str, BeforeValidator(_single_line), Field(min_length=1, max_length=SHORT_TEXT_MAX)]
LongText = Annotated[str, BeforeValidator(_multi_line), Field(min_length=1, max_length=LONG_TEXT_MAX)]
Slug = Annotated[str, BeforeValidator(_single_line), Field(pattern=r"^[a-z][a-z0-9_-]{0,39}$")]


# Characters no address needs and a reader cannot see: controls (C0, DEL, C1, so also terminal escapes), format
# characters (bidi overrides, isolates and marks, zero-width spaces and joiners), line and paragraph separators.
_HIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})


def is_hidden(char: str) -> bool:
    """True for a character that is invisible in an address or changes how the text around it is shown."""
    return unicodedata.category(char) in _HIDDEN_CATEGORIES


def _address(value: Any) -> Any:
    """An e-mail or web address, ends trimmed. A hidden character in it is refused rather than dropped, as free
    text's are: an address that only works without what was pasted into it is not the address that was meant.
    Percent-escapes and punycode host names are read too, as a link shows them decoded."""
    if not isinstance(value, str):
        return _single_line(value)
    address = unicodedata.normalize("NFC", value).strip()
    for form in (address, unquote(address, errors="replace"), *_punycode_labels(address)):
        hidden = next((char for char in form if is_hidden(char)), None)
        if hidden is not None:
            raise PydanticCustomError(
                "address_hidden_character", "a hidden character in an address", {"value": address, "character": f"U+{ord(hidden):04X}"}
            )
    return address


def _punycode_labels(address: str) -> list[str]:
    """Every `xn--` label in the address decoded: the host's are shown decoded wherever the link is printed."""
    decoded = []
    for label in re.findall(r"(?<![A-Za-z0-9-])xn--[A-Za-z0-9-]+", address, flags=re.IGNORECASE):
        try:
            decoded.append(label[4:].encode("ascii").decode("punycode"))
        except UnicodeError:  # not valid punycode: the format check says what is wrong
            continue
    return decoded


def _require_value(value: str) -> None:
    """An empty formatted field says so, rather than that "" is not a phone number."""
    if not value:
        raise PydanticCustomError("string_too_short", "empty", {"min_length": 1})


def check_business_id(value: str) -> str:
    """Y-tunnus: seven digits, a hyphen and a check digit (python-stdnum; remainder 1 is never issued).

    An old six-digit one written with its hyphen but without the leading zero gets the zero back."""
    from stdnum import exceptions
    from stdnum.fi import ytunnus

    _require_value(value)
    compact = value.replace(" ", "")
    match = re.fullmatch(r"(\d{7})-?(\d)|(\d{6})-(\d)", compact)
    if not match:
        raise PydanticCustomError("business_id_format", "not a Y-tunnus", {"value": value})
    digits, check = (match[1], match[2]) if match[1] else (match[3].zfill(7), match[4])
    try:
        return ytunnus.format(ytunnus.validate(digits + check))
    except exceptions.ValidationError:
        raise PydanticCustomError("business_id_checksum", "wrong check digit", {"value": value}) from None


def check_phone(value: str) -> str:
    """A phone number phonenumbers accepts; national numbers are read as Finnish. A refusal says why, by the
    library's reason (`wizard.diagnostics.REASONS`)."""
    import phonenumbers

    _require_value(value)
    if re.search(r"[^\W\d_]", value):  # phonenumbers would read letters as keypad digits: 040 abc -> 040 222
        raise PydanticCustomError("phone_format", "not a phone number", {"value": value, "reason": "phone_letters"})
    try:
        number = phonenumbers.parse(value, "FI")
    except phonenumbers.NumberParseException as error:
        reason = _phone_reasons()[0].get(error.error_type, "phone_not_number")
        raise PydanticCustomError("phone_format", "not a phone number", {"value": value, "reason": reason}) from None
    if not phonenumbers.is_valid_number(number):
        unknown_country = phonenumbers.region_code_for_country_code(number.country_code or 0) == phonenumbers.UNKNOWN_REGION
        possible = phonenumbers.is_possible_number_with_reason(number)
        reason = "phone_country_code" if unknown_country else _phone_reasons()[1].get(possible, "phone_prefix")
        raise PydanticCustomError("phone_invalid", "not a valid phone number", {"value": value, "reason": reason})
    return value


@lru_cache(maxsize=1)
def _phone_reasons() -> tuple[dict[int, str], dict[int, str]]:
    """phonenumbers' reasons as reason codes: why a number cannot be read (`NumberParseException.error_type`),
    and why a number read is not a possible one (`ValidationResult`; a possible one has an unknown prefix)."""
    from phonenumbers import NumberParseException as Parse
    from phonenumbers import ValidationResult as Length

    unreadable = {
        Parse.INVALID_COUNTRY_CODE: "phone_country_code",
        Parse.NOT_A_NUMBER: "phone_not_number",
        Parse.TOO_SHORT_AFTER_IDD: "phone_too_short",
        Parse.TOO_SHORT_NSN: "phone_too_short",
        Parse.TOO_LONG: "phone_too_long",
    }
    impossible = {
        Length.INVALID_COUNTRY_CODE: "phone_country_code",
        Length.TOO_SHORT: "phone_too_short",
        Length.TOO_LONG: "phone_too_long",
        Length.INVALID_LENGTH: "phone_length",
    }
    return unreadable, impossible


def check_email(value: str) -> str:
    """E-mail syntax, and a domain ending in use (as a website's): no DNS look-up, so it works offline. A refusal
    says why (`email_reason`)."""
    from email_validator import EmailNotValidError, validate_email

    _require_value(value)
    try:
        address = validate_email(value, check_deliverability=False)
    except EmailNotValidError as error:
        raise PydanticCustomError("email_invalid", "not an e-mail address", {"value": value, **email_reason(value, str(error))}) from None
    if not ending_in_use(address.domain):  # as a website's: `info@kahvila.cmo` is a slip, not an address
        reason = {"reason": "email_unknown_ending", "ending": address.domain.rstrip(".").rsplit(".", 1)[-1]}
        raise PydanticCustomError("email_invalid", "not an e-mail address", {"value": value, **reason})
    return address.normalized


# email-validator gives its reason as an English sentence only: the start of each kind of sentence, in the order
# they are tried, and the reason code it is (`wizard.diagnostics.REASONS`); any other is `email_form`.
_EMAIL_REASONS = (
    ("There must be something before the @-sign", "email_nothing_before_at"),
    ("There must be something after the @-sign", "email_nothing_after_at"),
    ("It should have a period", "email_domain_no_dot"),
    ("not within a valid top-level domain", "email_domain_ending"),
    ("special-use or reserved name", "email_reserved"),
    ("bracketed IP address", "email_ip_address"),
    ("two periods in a row", "email_two_dots"),
    ("with a period", "email_dot_place"),
    ("period immediately", "email_dot_place"),
    ("hyphen", "email_hyphen_place"),
    ("display name and angle brackets", "email_name_included"),
    ("angle bracket", "email_name_included"),
    ("Quoting the part before the @-sign", "email_quoted"),
    ("too long", "email_too_long"),
    ("characters", "email_characters"),
)


def email_reason(value: str, message: str) -> dict[str, str]:
    """Why email-validator refused `value`, as a reason code (and the characters it is about, for
    `email_characters`). The number of @ signs is counted here: the library's words for it vary."""
    if "at-sign" in message and "instead of" in message:
        return {"reason": "email_odd_at"}  # a look-alike of @, and no @ itself
    if "@" not in value:
        return {"reason": "email_no_at"}
    if value.count("@") > 1:
        return {"reason": "email_many_at"}
    code = next((code for start, code in _EMAIL_REASONS if start in message), "email_form")
    if code != "email_characters":
        return {"reason": code}
    named = message.rpartition(": ")[2].rstrip(".") if ": " in message else ""
    characters = [_character(name.strip()) for name in named.split(", ") if name.strip()]
    if characters and all(char == " " for char in characters):
        return {"reason": "email_space"}
    return {"reason": code, "characters": " ".join(characters)} if characters else {"reason": "email_form"}


def _character(name: str) -> str:
    """One character as email-validator names it: quoted ('@'), or by its Unicode name (SPACE), shown as U+0020."""
    if len(name) == 3 and name[0] == name[2] == "'":
        return name[1]
    try:
        char = unicodedata.lookup(name)
    except KeyError:
        return name
    return " " if char == " " else f"U+{ord(char):04X}"


def check_website(value: str) -> str:
    """A web address whose domain ending is in use (`www.testi` is not one), as an e-mail address's must be;
    `www.example.fi` gets `https://` in front."""
    _require_value(value)
    address = value if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", value) else f"https://{value}"
    try:
        parts = urlsplit(address)
        host = parts.hostname or ""
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number from 0 to 65535
    except ValueError:  # e.g. an unclosed [ of an IPv6 address
        raise PydanticCustomError("website_invalid", "not a web address", {"value": value}) from None
    if (
        parts.scheme not in ("http", "https")
        or "." not in host
        or " " in address
        or not re.fullmatch(r"[A-Za-z0-9.-]+|[^\x00-\x7f].*", host)
    ):
        raise PydanticCustomError("website_invalid", "not a web address", {"value": value})
    domain = host.rstrip(".")
    if re.fullmatch(r"[\d.]+", domain):  # an IP address: a notice gives people the website's name
        raise PydanticCustomError("website_invalid", "not a web address", {"value": value})
    if not ending_in_use(domain):
        ending = domain.rsplit(".", 1)[-1]
        raise PydanticCustomError("website_unknown_domain", "no such top-level domain", {"value": value, "ending": ending})
    return address


# The domain ending reserved for examples (RFC 2606), which the examples and their notices use (`www.firma.example`,
# `info@firma.example`). The other reserved endings (.test, .invalid, .localhost) are refused: no one's address.
EXAMPLE_ENDING = "example"


def ending_in_use(domain: str) -> bool:
    """The domain (of a web or e-mail address) ends in a domain ending in use, or in the one kept for examples."""
    domain = domain.rstrip(".")
    return domain.rsplit(".", 1)[-1].lower() == EXAMPLE_ENDING or known_suffixes().publicsuffix(domain) is not None


@lru_cache(maxsize=1)
def known_suffixes() -> Any:
    """The domain endings in use (.fi, .com, .co.uk), from the Public Suffix List shipped with publicsuffixlist:
    read once, never fetched."""
    from publicsuffixlist import PublicSuffixList

    return PublicSuffixList(only_icann=True, accept_unknown=False)


def check_postal_code_fi(value: str) -> str:
    if not re.fullmatch(r"\d{5}", value):
        raise PydanticCustomError("postal_code_fi", "not a Finnish postal code", {"value": value})
    return value


# Two-letter territories in Babel's data that are not countries: groupings (EU, UN, Eurozone) and unknown and
# pseudo regions. `EU` would otherwise read as a country outside the EU/EEA.
_NOT_COUNTRIES = frozenset("EU EZ QO UN XA XB ZZ".split())
# Parts of a country that CLDR gives a code of their own; the transfer rules need the country.
_PART_OF = {"IC": "ES", "EA": "ES", "CP": "FR", "CQ": "GG", "DG": "IO"}


@lru_cache(maxsize=1)
def _country_codes() -> dict[str, str]:
    """ISO codes, folded, to countries: from one locale's data (every locale names the same territories), so
    a file that gives codes, as most do, does not load a second locale."""
    from babel import Locale

    return {
        code.casefold(): _PART_OF.get(code, code)
        for code in Locale.parse(LANGUAGES[0].code).territories
        if isinstance(code, str) and len(code) == 2 and code.isalpha() and code not in _NOT_COUNTRIES
    }


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    """Country names in each of seloste's languages, folded, to ISO codes."""
    from babel import Locale

    names: dict[str, str] = {}
    for language in LANGUAGES:
        for code, name in Locale.parse(language.code).territories.items():
            if len(code) == 2 and code.isalpha() and code not in _NOT_COUNTRIES:
                names[name.casefold()] = _PART_OF.get(code, code)
    for language in LANGUAGES:
        names.update(language.country_aliases)
    return names


def check_country(value: str) -> str:
    """An ISO 3166 code such as FI or US; names in seloste's languages are accepted and turned into codes."""
    _require_value(value)
    folded = value.strip().casefold()
    code = _country_codes().get(folded) or _country_names().get(folded)
    if code is None:
        raise PydanticCustomError("country_unknown", "unknown country", {"value": value})
    return code


def parse_finnish_date(value: Any) -> Any:
    """Accept 22.11.2026 (as Finnish writes dates) and 22/11/2026 (as British English does) as well as 2026-11-22:
    the chat shows a date in its language's way, and the answer may be typed the same way."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, str):
        match = re.fullmatch(r"\s*(\d{1,2})([./])(\d{1,2})\2(\d{4})\s*", value)
        if match:
            day, month, year = int(match[1]), int(match[3]), int(match[4])
            try:
                return date(year, month, day)
            except ValueError:
                raise PydanticCustomError("date_invalid", "no such date", {"value": value}) from None
    return value


BusinessId = Annotated[str, BeforeValidator(_single_line), AfterValidator(check_business_id)]
Phone = Annotated[str, BeforeValidator(_single_line), Field(max_length=40), AfterValidator(check_phone)]
Email = Annotated[str, BeforeValidator(_address), Field(max_length=254), AfterValidator(check_email)]
Website = Annotated[str, BeforeValidator(_address), Field(max_length=500), AfterValidator(check_website)]
Country = Annotated[str, BeforeValidator(_single_line), Field(max_length=60), AfterValidator(check_country)]
NoticeDate = Annotated[date, BeforeValidator(parse_finnish_date), PlainSerializer(date.isoformat, return_type=str)]
