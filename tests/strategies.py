"""Hypothesis strategies for answers files that `seloste check` accepts without errors.

`answers_dicts()` builds the data as the YAML loader hands it to `wizard.check.check_data`: text, booleans,
lists and mappings. Every cross-field rule of `wizard.rules` is met by construction rather than by filtering,
so the examples stay varied and shrink to small answers a person can read. Free text mixes Finnish, English
and text that tries to become Markdown or HTML; it never contains the words a test looks for as signs of a
broken notice (`NOTICE_LEAKS`).

Strategies are built once at import: building them on every draw costs more than drawing from them.
"""

from __future__ import annotations

import string
import typing
from datetime import date
from typing import Any

import phonenumbers
from hypothesis import strategies as st

from wizard.answers import (
    ChangeChannel,
    MarketingAudience,
    ControllerType,
    CookieCategory,
    MarketingChannel,
    ProvisionBasis,
    RecipientRole,
    SecurityMeasure,
)
from wizard.fields import LONG_TEXT_MAX, SHORT_TEXT_MAX, check_country, clean_text
from wizard.languages import CODES
from wizard.law import (
    ADEQUATE_COUNTRIES,
    BASIS_LETTER,
    DPF_COUNTRY,
    EEA,
    EU,
    Art9Condition,
    Derogation,
    LegalBasis,
    SpecialCategory,
    TransferMechanism,
)

# Text that means a template or the engine leaked something; user text must not contain it, or a test
# that looks for it in the notice would blame the notice for the user's own words.
NOTICE_LEAKS = ("None", "{{", "}}", "{%", "[]", "TODO", "PUUTTUU", "MISSING")


def _choices(literal: Any) -> tuple[str, ...]:
    return typing.get_args(literal)


def optional(draw: st.DrawFn, target: dict[str, Any], key: str, values: st.SearchStrategy[Any]) -> None:
    """Give `key` a value, or leave it out: both are valid for an optional field."""
    if draw(st.booleans()):
        target[key] = draw(values)


# --- free text ------------------------------------------------------------------------------------------

FINNISH = (
    "asiakasrekisteri",
    "Tilausten käsittely ja toimittaminen",
    "Äänekosken Öljy ja Sähkö Oy",
    "jäsenet ja kannatusjäsenet",
    "Pöytävaraukset ja lahjakortit",
    "säilytämme 3 vuotta viimeisestä ostosta",
    "kirjanpitolaki (1336/1997)",
    "Åbo Tjänst Ab",
    "yhteydenotot sähköpostilla tai puhelimitse",
    "työntekijät, harjoittelijat ja työnhakijat",
)
ENGLISH = (
    "customer register",
    "Delivering and invoicing orders",
    "Northwind Traders Ltd",
    "newsletter subscribers",
    "we keep them for 24 months",
    "the customer's order & the terms of delivery",
    "Accounting Act (1336/1997)",
    "ask us by e-mail",
)
# Text that would become markup, a link or a script if a notice inserted it unescaped: inline Markdown, the
# Markdown that counts at the start or the end of a line, HTML and entities, and text that looks like code.
MARKDOWN_INLINE = (
    "*bold*",
    "**strong**",
    "_under_",
    "(_x_)",
    "__init__",
    "a_b_c",
    "`code`",
    "```",
    "~~struck~~",
    "|a|b|",
    "[x](javascript:alert(1))",
    "[link](https://evil.example.com)",
    "![pic](https://evil.example.com/p.png)",
    "[ref]: https://evil.example.com",
    "<https://auto.example.com>",
    "https://www.example.fi",
    "\\*not bold\\*",
)
MARKDOWN_BLOCK = (
    "# heading",
    "## not a heading",
    "#",
    "##",
    "- item",
    "+ item",
    "* item",
    "1. first",
    "2) second",
    "> quote",
    "---",
    "--- ---",
    "-- --",
    "===",
    "=",
    "-",
)
HTML_AND_ENTITIES = (
    "<script>alert(1)</script>",
    "<b>bold</b>",
    "<img src=x onerror=alert(1)>",
    "</p></li>",
    "<!-- comment -->",
    "&amp;",
    "&lt;b&gt;",
    "&#60;i&#62;",
    "&copy",
    "a&b<c>d",
)
ODD = (
    "\\",
    "C:\\polku\\uusi",
    "100 %",
    "{x} {0} %s $HOME",
    "'single' \"double\"",
    "😀",
    "👩‍👩‍👧",
    "Ω≈ç√ ← → ✓",
)
LONG_WORDS = (
    "Lentokonesuihkuturbiinimoottoriapumekaanikkoaliupseerioppilas",
    "Pneumonoultramicroscopicsilicovolcanoconiosis",
    "https://www.example.fi/tietosuoja/seloste/versio/1/liite/a_b_c/(sulut)/loppu",
)
# Removed or folded by the answers' text cleaning; they must never reach the notice.
NOISE = ("\t", "\x1b[31m", "\x1b]0;title\x07", "\x00", "\u202e", "\x7f", "\ufffe", "\r\n", "   ")
# Markdown that counts only at the end of a line: a heading's closing #s, a hard line break, a heading underline.
LINE_ENDS = (" #", " ##", "\\", " \\", " =", " -", " ---")

_LOWER = string.ascii_lowercase
_DIGITS = string.digits

_FRAGMENT = st.one_of(
    st.sampled_from(FINNISH),
    st.sampled_from(ENGLISH),
    st.sampled_from(MARKDOWN_INLINE),
    st.sampled_from(MARKDOWN_BLOCK),
    st.sampled_from(HTML_AND_ENTITIES),
    st.sampled_from(ODD),
    st.text("*_`[]()<>!#&;-+=.:\\|~ x1", min_size=1, max_size=6),
    st.sampled_from(LONG_WORDS),
    st.text(string.ascii_letters + "ÅÄÖåäö", min_size=25, max_size=40),
    st.text(st.characters(codec="utf-8"), min_size=1, max_size=12),
)
_FRAGMENTS = {most: st.lists(_FRAGMENT, min_size=1, max_size=most) for most in (3, 5)}
_LINE_SEPARATOR = st.sampled_from((" ", *NOISE))
_TEXT_SEPARATOR = st.sampled_from((" ", "\n", "\n\n", *NOISE))
_NOISE = st.sampled_from(NOISE)
_PLAIN = st.sampled_from(FINNISH + ENGLISH)
_ONE_IN_EIGHT = st.integers(0, 7).map(lambda n: n == 7)  # false when shrunk, so a minimal example stays plain
_LINE_END = st.sampled_from(LINE_ENDS)
LONG_TEXT_FILL = 1200  # long enough to wrap many times; the full 5000 would only slow every example down


def _free_text(draw: st.DrawFn, *, single_line: bool, most: int, limit: int) -> str:
    pieces = draw(_FRAGMENTS[most])
    separator = _LINE_SEPARATOR if single_line else _TEXT_SEPARATOR
    text = pieces[0]
    for piece in pieces[1:]:
        text += draw(separator) + piece
    if draw(st.booleans()):
        text = draw(_NOISE) + text
    if draw(_ONE_IN_EIGHT):
        text += draw(_LINE_END)
    if draw(_ONE_IN_EIGHT):  # at the length limit: titles, wrapping and document properties meet their edges
        target = limit if single_line else LONG_TEXT_FILL
        text = ((text + " ") * (target // (len(text) + 1) + 1))[:target]
    cleaned = clean_text(text, single_line=single_line)
    if not cleaned or len(cleaned) > limit or any(leak in cleaned for leak in NOTICE_LEAKS):
        return draw(_PLAIN)
    return text


@st.composite
def _short_text(draw: st.DrawFn) -> str:
    return _free_text(draw, single_line=True, most=3, limit=SHORT_TEXT_MAX)


@st.composite
def _long_text(draw: st.DrawFn) -> str:
    return _free_text(draw, single_line=False, most=5, limit=LONG_TEXT_MAX)


SHORT_TEXT = _short_text()  # a `ShortText`: line breaks and control characters in it are cleaned away
LONG_TEXT = _long_text()  # a `LongText`: may run over several lines and paragraphs

# --- formats ----------------------------------------------------------------------------------------------

Y_TUNNUS_WEIGHTS = (7, 9, 10, 5, 8, 4, 2)


def y_tunnus_check_digit(digits: str) -> int | None:
    """The check digit of a Y-tunnus's seven digits; None for remainder 1, which is never issued."""
    remainder = sum(int(d) * w for d, w in zip(digits, Y_TUNNUS_WEIGHTS)) % 11
    if remainder == 1:
        return None
    return 0 if remainder == 0 else 11 - remainder


_SEVEN_DIGITS = st.integers(0, 9_999_999).map("{:07d}".format).filter(lambda d: y_tunnus_check_digit(d) is not None)


@st.composite
def _business_id(draw: st.DrawFn) -> str:
    digits = draw(_SEVEN_DIGITS)
    check = y_tunnus_check_digit(digits)
    return draw(st.sampled_from((f"{digits}-{check}", f"{digits}{check}", f" {digits}-{check} ")))


BUSINESS_ID = _business_id()

# Finnish mobile and area prefixes; phonenumbers has the last word on each number drawn.
_FINNISH_PREFIX = st.sampled_from(("040", "041", "044", "045", "050", "0400", "09", "02", "03", "013", "017", "020"))
_SUBSCRIBER = st.text(_DIGITS, min_size=5, max_size=7)
_FOREIGN_PHONE_REGIONS = ("SE", "DE", "US", "GB", "NO", "EE", "JP", "CH")


def _is_valid_finnish(number: str) -> bool:
    try:
        return phonenumbers.is_valid_number(phonenumbers.parse(number, "FI"))
    except phonenumbers.NumberParseException:
        return False


@st.composite
def _finnish_phone(draw: st.DrawFn) -> str:
    prefix, subscriber = draw(_FINNISH_PREFIX), draw(_SUBSCRIBER)
    head, tail = subscriber[:3], subscriber[3:]
    grouped = draw(st.sampled_from((subscriber, f"{head} {tail}", f"{head}-{tail}")))
    area = prefix[1:]  # without the trunk 0, as written after +358
    written = draw(st.sampled_from((f"{prefix} {grouped}", f"+358 {area} {grouped}", f"+358{area}{subscriber}")))
    return written if _is_valid_finnish(written) else "040 712 3456"


def _foreign_phone(region: str) -> str:
    example = phonenumbers.example_number(region)
    return phonenumbers.format_number(example, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


PHONE = st.one_of(_finnish_phone(), st.sampled_from([_foreign_phone(region) for region in _FOREIGN_PHONE_REGIONS]))

_ALNUM = st.text(_LOWER + _DIGITS, max_size=8)
# A DNS label: a letter, letters and digits, and at most one inner hyphen (never "xn--" or a trailing "-").
_LABEL = st.builds(
    lambda first, rest, tail: first + rest + (f"-{tail}" if tail else ""), st.sampled_from(_LOWER), _ALNUM, _ALNUM
)
_TOP_LEVEL_DOMAIN = st.sampled_from(("fi", "com", "eu", "ax", "se", "net", "org"))
DOMAIN = st.builds(lambda label, tld: f"{label}.{tld}", _LABEL, _TOP_LEVEL_DOMAIN)
_LOCAL_PART = st.builds(
    lambda first, rest, joint, tail: first + rest + (joint + tail if tail else ""),
    st.sampled_from(_LOWER), _ALNUM, st.sampled_from("._+-"), _ALNUM,
)
EMAIL = st.builds(lambda local, domain: f"{local}@{domain}", _LOCAL_PART, DOMAIN)

_WEB_HOST = st.one_of(DOMAIN.map(lambda d: f"www.{d}"), DOMAIN, st.just("ääkkönen.fi"))
_WEB_PATH = st.sampled_from(
    ("", "/", "/tietosuoja", "/en/privacy?lang=en&x=1", "/%C3%A4", "/a\\b", "/a_(b)*c", "/x<y>")
    + ("/a)](javascript:alert(1))",)  # tries to close the link it is put in and open another
)
_WEB_SCHEME = st.sampled_from(("https://", "http://", ""))  # without one, seloste adds https://
WEBSITE = st.builds(lambda scheme, host, path: scheme + host + path, _WEB_SCHEME, _WEB_HOST, _WEB_PATH)

# Outside the EU/EEA with no adequacy decision: a transfer there needs SCCs, BCRs or a derogation.
THIRD_COUNTRIES = ("CN", "IN", "BR", "AU", "SG", "ZA", "AE", "MX", "TR", "UA", "VN", "PH")


def _country_spellings() -> dict[str, st.SearchStrategy[str]]:
    """Each country code with the ways a person may write it that seloste reads back as that code."""
    from babel import Locale

    spellings = {}
    for code in sorted(EEA | ADEQUATE_COUNTRIES | {DPF_COUNTRY} | set(THIRD_COUNTRIES)):
        names = [code, code.lower()] + [Locale.parse(lang).territories[code] for lang in CODES]
        spellings[code] = st.sampled_from(tuple(dict.fromkeys(name for name in names if check_country(name) == code)))
    return spellings


COUNTRY_AS_WRITTEN = _country_spellings()
_EEA_COUNTRY = st.sampled_from(sorted(EEA))
_EU_COUNTRY = st.sampled_from(sorted(EU))
_FOREIGN_COUNTRY = st.sampled_from(sorted(COUNTRY_AS_WRITTEN.keys() - {"FI"}))

_DAY = st.dates(min_value=date(2018, 5, 25), max_value=date(2035, 12, 31))
NOTICE_DATE = _DAY.flatmap(
    lambda day: st.sampled_from((day.isoformat(), f"{day.day}.{day.month}.{day.year}", day.strftime("%d.%m.%Y")))
)

# --- sections ---------------------------------------------------------------------------------------------

_FINNISH_POSTAL_CODE = st.integers(0, 99_999).map("{:05d}".format)
_FOREIGN_POSTAL_CODE = st.sampled_from(
    ("SW1A 1AA", "10115", "114 55", "0150", "D02 X285", "100-0005", "8001", "NY 10001")
)


@st.composite
def addresses(draw: st.DrawFn, country: str) -> dict[str, Any]:
    address: dict[str, Any] = {"street_address": draw(SHORT_TEXT)}
    if country == "FI":
        address["postal_code"] = draw(_FINNISH_POSTAL_CODE)
        optional(draw, address, "country", COUNTRY_AS_WRITTEN["FI"])  # Finland is the default
    else:
        address["postal_code"] = draw(_FOREIGN_POSTAL_CODE)
        address["country"] = draw(COUNTRY_AS_WRITTEN[country])
    address["city"] = draw(SHORT_TEXT)
    return address


_CONTROLLER_TYPE = st.sampled_from(_choices(ControllerType))


@st.composite
def controllers(draw: st.DrawFn) -> dict[str, Any]:
    country = draw(_FOREIGN_COUNTRY) if draw(st.booleans()) else "FI"
    kind = draw(_CONTROLLER_TYPE)
    controller: dict[str, Any] = {"name": draw(SHORT_TEXT)}
    if kind != "company" or draw(st.booleans()):  # company is the default
        controller["type"] = kind
    if country == "FI" and kind != "private_person":
        controller["business_id"] = draw(BUSINESS_ID)
    else:
        optional(draw, controller, "business_id", BUSINESS_ID)
    controller.update(draw(addresses(country)))
    optional(draw, controller, "phone", PHONE)
    controller["email"] = draw(EMAIL)
    optional(draw, controller, "website", WEBSITE)
    return controller


@st.composite
def privacy_contacts(draw: st.DrawFn) -> dict[str, Any]:
    contact: dict[str, Any] = {}
    if draw(st.booleans()):
        contact["same_as_controller"] = True
        if draw(st.booleans()):
            return contact
    else:
        optional(draw, contact, "same_as_controller", st.just(False))
    contact["name"] = draw(SHORT_TEXT)
    optional(draw, contact, "phone", PHONE)
    contact["email"] = draw(EMAIL)
    return contact


@st.composite
def dpos(draw: st.DrawFn) -> dict[str, Any]:
    dpo: dict[str, Any] = {"email": draw(EMAIL)}
    optional(draw, dpo, "name", SHORT_TEXT)
    optional(draw, dpo, "phone", PHONE)
    return dpo


@st.composite
def representatives(draw: st.DrawFn) -> dict[str, Any]:
    representative: dict[str, Any] = {"name": draw(SHORT_TEXT)}
    representative.update(draw(addresses(draw(_EU_COUNTRY))))
    representative["email"] = draw(EMAIL)
    optional(draw, representative, "phone", PHONE)
    return representative


@st.composite
def joint_controllers(draw: st.DrawFn) -> dict[str, Any]:
    joint: dict[str, Any] = {"name": draw(SHORT_TEXT)}
    optional(draw, joint, "business_id", BUSINESS_ID)
    joint["contact"] = draw(st.one_of(EMAIL, WEBSITE, SHORT_TEXT))
    joint["arrangement"] = draw(LONG_TEXT)
    return joint


@st.composite
def processings(draw: st.DrawFn) -> dict[str, Any]:
    processing: dict[str, Any] = {"name": draw(SHORT_TEXT)}
    optional(draw, processing, "description", LONG_TEXT)
    processing["data_subjects"] = draw(st.lists(SHORT_TEXT, min_size=1, max_size=4))
    optional(draw, processing, "includes_children", st.booleans())
    if processing.get("includes_children"):
        optional(draw, processing, "online_service_for_children", st.booleans())
        optional(draw, processing, "child_consent_by", SHORT_TEXT)
    return processing


@st.composite
def retentions(draw: st.DrawFn) -> dict[str, Any]:
    which = draw(st.sampled_from(("period", "criteria", "both")))
    retention: dict[str, Any] = {}
    if which in ("period", "both"):
        retention["period"] = draw(SHORT_TEXT)
    if which in ("criteria", "both"):
        retention["criteria"] = draw(LONG_TEXT)
    return retention


RETENTION = retentions()

# What each basis must state (wizard.rules._BASIS_NEEDS) and what it may state.
BASIS_REQUIRES = {
    LegalBasis.consent: ("consent_withdrawal",),
    LegalBasis.legal_obligation: ("law",),
    LegalBasis.public_task: ("law",),
    LegalBasis.legitimate_interests: ("legitimate_interest",),
}
BASIS_MAY_ADD = {
    LegalBasis.consent: ("consent_how_asked",),
    LegalBasis.contract: ("contract",),
    LegalBasis.vital_interests: ("vital_interest",),
}
BASIS_DETAILS = ("contract", "law", "legitimate_interest", "consent_how_asked", "consent_withdrawal", "vital_interest")
_BASIS = st.sampled_from(list(LegalBasis))


def _basis_of(purpose: dict[str, Any]) -> LegalBasis:
    """The basis of a generated purpose, however it was written."""
    written = str(purpose["basis"]).strip()
    for basis in LegalBasis:
        if written in _basis_as_written(basis):
            return basis
    raise ValueError(written)


def _basis_as_written(basis: LegalBasis) -> tuple[str, ...]:
    """The name, or the article's letter in the ways people write it."""
    letter = BASIS_LETTER[basis]
    in_words = basis.value.replace("_", " ").capitalize()
    return (basis.value, letter, letter.upper(), f"6(1)({letter})", f"({letter})", in_words)


@st.composite
def purposes(draw: st.DrawFn, purpose_id: str) -> dict[str, Any]:
    basis = draw(_BASIS)
    purpose: dict[str, Any] = {
        "id": purpose_id,
        "description": draw(LONG_TEXT),
        "basis": draw(st.sampled_from(_basis_as_written(basis))),
    }
    for detail in BASIS_REQUIRES.get(basis, ()):
        purpose[detail] = draw(LONG_TEXT)
    for detail in BASIS_MAY_ADD.get(basis, ()):
        optional(draw, purpose, detail, LONG_TEXT)
    if draw(_ONE_IN_EIGHT):  # a detail of another basis: a warning, and left out of the notice
        stray = draw(st.sampled_from([d for d in BASIS_DETAILS if d not in purpose]))
        purpose[stray] = draw(LONG_TEXT)
    if basis is LegalBasis.legitimate_interests:
        optional(draw, purpose, "balancing_test", st.booleans())
    optional(draw, purpose, "direct_marketing", st.booleans())
    optional(draw, purpose, "retention", RETENTION)
    return purpose


@st.composite
def data_categories(draw: st.DrawFn, purpose_list: list[dict[str, Any]], general_retention: bool) -> dict[str, Any]:
    """A category whose retention is known: its own, its purposes' (all of them), or the general rule."""
    ids = [p["id"] for p in purpose_list]
    category: dict[str, Any] = {"name": draw(SHORT_TEXT)}
    optional(draw, category, "description", LONG_TEXT)
    refs = draw(st.lists(st.sampled_from(ids), max_size=len(ids), unique=True))
    if refs or draw(st.booleans()):
        category["purposes"] = refs
    purposes_keep_it = bool(refs) and all("retention" in p for p in purpose_list if p["id"] in refs)
    if general_retention or purposes_keep_it:
        optional(draw, category, "retention", RETENTION)
    else:
        category["retention"] = draw(RETENTION)
    optional(draw, category, "required", st.booleans())
    return category


_SPECIAL_CATEGORY = st.sampled_from([c.value for c in SpecialCategory])
_ART9_CONDITION = st.sampled_from([c.value for c in Art9Condition])


@st.composite
def special_categories(draw: st.DrawFn, ids: list[str]) -> dict[str, Any]:
    item: dict[str, Any] = {
        "category": draw(_SPECIAL_CATEGORY),
        "description": draw(LONG_TEXT),
        "condition": draw(_ART9_CONDITION),
    }
    optional(draw, item, "condition_details", LONG_TEXT)
    optional(draw, item, "purposes", st.lists(st.sampled_from(ids), max_size=len(ids), unique=True))
    return item


CRIMINAL_DATA = st.fixed_dictionaries({"description": LONG_TEXT, "law": LONG_TEXT})
OTHER_SOURCE = st.fixed_dictionaries(
    {"name": SHORT_TEXT}, optional={"description": LONG_TEXT, "public": st.booleans()}
)


@st.composite
def sources(draw: st.DrawFn) -> dict[str, Any]:
    """From the people, from named other sources, or both; never from nowhere and never unnamed."""
    from_person = not draw(st.booleans())
    named = draw(st.lists(OTHER_SOURCE, min_size=0 if from_person else 1, max_size=3))
    result: dict[str, Any] = {}
    if from_person:
        optional(draw, result, "from_data_subject", st.just(True))  # true is the default
    else:
        result["from_data_subject"] = False
    if named:
        optional(draw, result, "from_other_sources", st.just(True))  # naming the sources is enough
        result["other_sources"] = named
    else:
        optional(draw, result, "from_other_sources", st.just(False))
    return result


PROVISION = st.fixed_dictionaries({"requirement": st.sampled_from(_choices(ProvisionBasis)), "consequences": LONG_TEXT})


def _mechanisms_for(country: str) -> tuple[str, ...]:
    allowed = [TransferMechanism.scc, TransferMechanism.bcr, TransferMechanism.derogation]
    if country in ADEQUATE_COUNTRIES:
        allowed.insert(0, TransferMechanism.adequacy)
    if country == DPF_COUNTRY:
        allowed.insert(0, TransferMechanism.dpf)
    return tuple(m.value for m in allowed)


_DEROGATION = st.sampled_from([d.value for d in Derogation])


@st.composite
def transfers(draw: st.DrawFn, country: str) -> dict[str, Any]:
    """A transfer ground the country allows, with the derogation or the way to get the safeguards it needs."""
    mechanism = draw(st.sampled_from(_mechanisms_for(country)))
    transfer: dict[str, Any] = {"mechanism": mechanism}
    if mechanism == TransferMechanism.derogation:
        transfer["derogation"] = draw(_DEROGATION)
    else:
        optional(draw, transfer, "derogation", _DEROGATION)
    if mechanism in (TransferMechanism.scc, TransferMechanism.bcr):
        transfer["safeguards_copy"] = draw(st.one_of(LONG_TEXT, WEBSITE))
    else:
        optional(draw, transfer, "safeguards_copy", LONG_TEXT)
    return transfer


_RECIPIENT_ROLE = st.sampled_from(_choices(RecipientRole))
_RECIPIENT_PLACE = st.sampled_from(("eea", "unstated", "adequate", "us", "third"))
_COUNTRY_IN = {
    "eea": _EEA_COUNTRY,
    "adequate": st.sampled_from(sorted(ADEQUATE_COUNTRIES)),
    "us": st.just(DPF_COUNTRY),
    "third": st.sampled_from(THIRD_COUNTRIES),
}


@st.composite
def recipients(draw: st.DrawFn) -> dict[str, Any]:
    recipient: dict[str, Any] = {"name": draw(SHORT_TEXT)}
    optional(draw, recipient, "role", _RECIPIENT_ROLE)  # processor is the default
    recipient["service"] = draw(LONG_TEXT)
    optional(draw, recipient, "processing_agreement", st.booleans())
    optional(draw, recipient, "cookies", st.lists(st.sampled_from(_choices(CookieCategory)), unique=True))
    place = draw(_RECIPIENT_PLACE)
    if place == "unstated":
        return recipient
    code = draw(_COUNTRY_IN[place])
    recipient["country"] = draw(COUNTRY_AS_WRITTEN[code])
    if place != "eea":
        recipient["transfer"] = draw(transfers(code))
    elif draw(_ONE_IN_EIGHT):  # a transfer inside the EEA: a warning, nothing to explain
        recipient["transfer"] = draw(st.one_of(st.just({}), transfers(code)))
    return recipient


@st.composite
def automated_decisions(draw: st.DrawFn, ids: list[str]) -> dict[str, Any]:
    decisions: dict[str, Any] = {"used": draw(st.booleans())}
    if decisions["used"]:
        for name in ("logic", "significance", "consequences"):
            decisions[name] = draw(LONG_TEXT)
        decisions["ground"] = draw(st.sampled_from(["contract", "law", "explicit_consent"]))  # Art. 22(2)
        if decisions["ground"] == "law":
            decisions["law"] = draw(LONG_TEXT)
        optional(draw, decisions, "purposes", st.lists(st.sampled_from(ids), unique=True, max_size=3))
    optional(draw, decisions, "profiling", st.booleans())
    optional(draw, decisions, "other_profiling", LONG_TEXT)
    return decisions


@st.composite
def cookies(draw: st.DrawFn) -> dict[str, Any]:
    """Cookies that need consent come with their lifetime and a way to withdraw (917/2014, 205 §)."""
    result: dict[str, Any] = draw(st.fixed_dictionaries({}, optional={"used": st.booleans(), "tools": st.lists(SHORT_TEXT, max_size=3)}))
    optional(draw, result, "categories", st.lists(st.sampled_from(_choices(CookieCategory)), unique=True))
    needing_consent = [c for c in result.get("categories", []) if c != "necessary"]
    if needing_consent:
        result["lifetimes"] = [{"category": c, "lifetime": draw(SHORT_TEXT)} for c in needing_consent]
        result["how_to_manage"] = draw(LONG_TEXT)
    else:
        optional(draw, result, "how_to_manage", LONG_TEXT)
    return result


COOKIES = cookies()


@st.composite
def direct_marketings(draw: st.DrawFn, without_consent: bool) -> dict[str, Any]:
    """E-mail or text-message marketing without consent goes to businesses or existing customers (917/2014, 200 §)."""
    marketing: dict[str, Any] = {
        "channels": draw(st.lists(st.sampled_from(_choices(MarketingChannel)), min_size=1, unique=True)),
        "opt_out": draw(LONG_TEXT),
    }
    electronic = {"email", "sms"} & set(marketing["channels"])
    if without_consent and electronic and draw(st.booleans()):
        marketing["audience"] = "businesses"
    elif without_consent and electronic:
        marketing["existing_customer_exception"] = True
        optional(draw, marketing, "audience", st.sampled_from(("consumers", "both")))
    else:
        optional(draw, marketing, "audience", st.sampled_from(_choices(MarketingAudience)))
        optional(draw, marketing, "existing_customer_exception", st.booleans())
    return marketing
SECURITY = st.fixed_dictionaries(
    {},
    optional={"measures": st.lists(st.sampled_from(_choices(SecurityMeasure)), unique=True), "description": LONG_TEXT},
)
RIGHTS = st.fixed_dictionaries({}, optional={"how": LONG_TEXT, "email": EMAIL, "web_form": WEBSITE})
NOTICE = st.fixed_dictionaries(
    {"date": NOTICE_DATE},
    optional={
        "version": st.sampled_from(("1.0", "2", "1.2.3", "v3", "2026/1", "3.0 beta")),
        "announce_changes": st.lists(st.sampled_from(_choices(ChangeChannel)), unique=True),
    },
)
PURPOSE_IDS = st.lists(
    st.builds(lambda first, rest: first + rest, st.sampled_from(_LOWER), st.text(_LOWER + _DIGITS + "_-", max_size=15)),
    min_size=1,
    max_size=6,
    unique=True,
)

# --- the whole file -------------------------------------------------------------------------------------------


@st.composite
def answers_dicts(draw: st.DrawFn) -> dict[str, Any]:
    """A complete answers mapping that `check_data` accepts with no errors (warnings allowed)."""
    data: dict[str, Any] = {}
    optional(draw, data, "schema_version", st.just(3))
    data["controller"] = controller = draw(controllers())
    optional(draw, data, "privacy_contact", privacy_contacts())
    optional(draw, data, "dpo", dpos())
    if check_country(controller.get("country", "FI")) not in EEA:
        optional(draw, data, "eu_representative", representatives())
    optional(draw, data, "joint_controllers", st.lists(joint_controllers(), max_size=3))
    data["processing"] = draw(processings())

    ids = draw(PURPOSE_IDS)
    data["purposes"] = purpose_list = [draw(purposes(purpose_id)) for purpose_id in ids]
    general_retention = draw(st.booleans())
    data["personal_data"] = draw(st.lists(data_categories(purpose_list, general_retention), min_size=1, max_size=8))
    optional(draw, data, "special_categories", st.lists(special_categories(ids), max_size=3))
    optional(draw, data, "criminal_data", CRIMINAL_DATA)

    optional(draw, data, "sources", sources())
    if data.get("sources", {}).get("from_data_subject", True):
        data["provision"] = draw(PROVISION)
    else:
        optional(draw, data, "provision", PROVISION)

    optional(draw, data, "recipients", st.just([]) | st.lists(recipients(), min_size=1, max_size=6))
    named = data.get("recipients", [])
    # The yes/no answers about recipients and transfers agree with the list, or are left out.
    optional(draw, data, "shares_data", st.just(bool(named)))
    abroad = any(check_country(r["country"]) not in EEA for r in named if "country" in r)
    optional(draw, data, "transfers_outside_eea", st.just(abroad))
    if general_retention:
        data["retention"] = draw(RETENTION)
    optional(draw, data, "automated_decisions", automated_decisions(ids))
    other_people = st.fixed_dictionaries(
        {"who": SHORT_TEXT, "data": LONG_TEXT, "source": SHORT_TEXT, "purposes": st.lists(st.sampled_from(ids), unique=True, max_size=3)}
    )
    optional(draw, data, "other_people", st.lists(other_people, max_size=2))
    optional(draw, data, "cookies", COOKIES)
    marketing = [purpose for purpose in purpose_list if purpose.get("direct_marketing")]
    if marketing:
        without_consent = any(_basis_of(purpose) is not LegalBasis.consent for purpose in marketing)
        data["direct_marketing"] = draw(direct_marketings(without_consent))
    optional(draw, data, "security", SECURITY)
    if "processor_agreements" in data.get("security", {}).get("measures", []):
        for recipient in named:  # "every processor has an agreement" must not be contradicted
            if recipient.get("processing_agreement") is False:
                del recipient["processing_agreement"]
    optional(draw, data, "rights", RIGHTS)
    data["notice"] = draw(NOTICE)
    return data
