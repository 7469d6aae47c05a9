"""From answers to the notice's Markdown: which clauses apply, and each clause's template per language.

The clause list is data (`templates/clauses.yaml`); the facts its conditions name are computed here, once,
from the answers. Every value a template inserts with `{{ }}` is escaped for Markdown, so a business name
with `*` or `<script>` is shown as typed and never becomes markup in any output format.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, fields
from datetime import date
from enum import Enum
from functools import lru_cache
from typing import Any, Literal
from urllib.parse import quote

from pydantic import BaseModel, ConfigDict, Field

from wizard.answers import Answers, DataCategory, OtherPeople, Purpose, Recipient, Retention, SpecialCategoryData
from wizard.fields import is_hidden
from wizard.languages import BY_CODE, language
from wizard.law import ADEQUATE_COUNTRIES, CHILD_CONSENT_AGE, DPF_COUNTRY, DPF_LIST_URL, Art9Condition, LegalBasis, is_in_eea
from wizard.resources import bytecode_cache, data_dir, read_yaml

# The list styles of Babel's `format_list` (a template names one: `join_list(style="or")`).
ListStyle = Literal["standard", "standard-short", "or", "or-short", "unit", "unit-short", "unit-narrow"]


# --- facts the clause conditions use ----------------------------------------------------------------------


@dataclass(frozen=True)
class Facts:
    has_representative: bool
    has_dpo: bool
    has_joint_controllers: bool
    privacy_contact_is_controller: bool
    uses_consent: bool
    uses_contract: bool
    uses_legitimate_interests: bool
    uses_legal_obligation: bool
    uses_public_task: bool
    uses_vital_interests: bool
    portability_applies: bool
    objection_applies: bool
    has_objection_section: bool  # Art. 21(4): the right to object, in a section of its own
    has_special_categories: bool
    has_criminal_data: bool
    from_data_subject: bool
    from_other_sources: bool
    has_recipients: bool
    no_recipients_confirmed: bool  # the user said no one else gets the data: an empty list alone does not say it
    recipients_stated: bool
    has_transfers: bool
    no_transfers_confirmed: bool
    transfers_stated: bool
    has_automated_decisions: bool
    uses_cookies: bool
    has_direct_marketing: bool
    has_security: bool
    has_other_people: bool  # people whose data come from someone else (Art. 14 for them)
    includes_children: bool
    # Art. 17(1)(f): data collected by consent for an online service offered directly to children (Art. 8(1))
    child_online_consent: bool

    @classmethod
    def names(cls) -> set[str]:
        return {f.name for f in fields(cls)}


def transfers_of(answers: Answers) -> list[Recipient]:
    """Recipients outside the EU/EEA: each is a transfer the notice must explain (Art. 13(1)(f))."""
    return [r for r in answers.recipients if r.country is not None and not is_in_eea(r.country)]


def objection_purposes(answers: Answers) -> list[Any]:
    """Purposes a person can object to on grounds of their own situation (Art. 21(1)); direct marketing has its own."""
    grounds = (LegalBasis.legitimate_interests, LegalBasis.public_task)
    return [p for p in answers.purposes if p.basis in grounds and not p.direct_marketing]


@dataclass(frozen=True)
class CookieRow:
    """One kind of cookie: a purpose of its own, with consent as its basis unless strictly necessary (917/2014, 205 §)."""

    category: str
    lifetime: str | None
    vendors: list[str]
    purposes: list[Any]  # what the data collected with these cookies serve: those purposes' retention is theirs


def cookie_rows(answers: Answers) -> list[CookieRow]:
    if answers.cookies is None:
        return []
    entries = {entry.category: entry for entry in answers.cookies.lifetimes}
    purposes = {p.id: p for p in answers.purposes}
    rows = []
    for category in answers.cookies.categories:
        entry = entries.get(category)
        rows.append(CookieRow(
            category,
            entry.lifetime if entry else None,
            [r.name for r in answers.recipients if category in r.cookies],
            [purposes[ref] for ref in entry.purposes if ref in purposes] if entry else [],
        ))
    return rows


@dataclass(frozen=True)
class ExplicitConsents:
    """Where each explicit consent (9(2)(a)) is withdrawn: with the consent of the purposes it serves, said once
    there, when every purpose it serves is one whose consent the answers say how to withdraw; else on its own, by
    contacting the privacy contact (withdrawing a newsletter's consent does not end the health data's use for a
    booking)."""

    by_purpose: dict[str, list[Any]]
    alone: list[Any]


def explicit_consents(answers: Answers) -> ExplicitConsents:
    withdrawable = {p.id for p in answers.purposes if p.basis is LegalBasis.consent and p.consent_withdrawal}
    by_purpose: dict[str, list[Any]] = {}
    alone = []
    for item in answers.special_categories:
        if item.condition is not Art9Condition.explicit_consent:
            continue
        served = list(dict.fromkeys(item.purposes))
        if served and all(ref in withdrawable for ref in served):
            for ref in served:
                by_purpose.setdefault(ref, []).append(item)
        else:
            alone.append(item)
    return ExplicitConsents(by_purpose, alone)


def portable_special(answers: Answers) -> list[SpecialCategoryData]:
    """Special-category data on explicit consent (Art. 9(2)(a)) used for no purpose on consent or a contract: the
    right to data portability covers them (Art. 20(1)(a)) though no purpose of theirs is listed for it."""
    portable = {p.id for p in answers.purposes if p.basis in (LegalBasis.consent, LegalBasis.contract)}
    return [
        item for item in answers.special_categories
        if item.condition is Art9Condition.explicit_consent and not any(ref in portable for ref in item.purposes)
    ]


def compute_facts(answers: Answers) -> Facts:
    bases = {purpose.basis for purpose in answers.purposes}
    explicit_consent = any(item.condition is Art9Condition.explicit_consent for item in answers.special_categories)
    marketing = answers.direct_marketing is not None or any(p.direct_marketing for p in answers.purposes)
    cookies = answers.cookies
    has_recipients = bool(answers.recipients)
    no_recipients = answers.shares_data is False and not has_recipients
    has_transfers = bool(transfers_of(answers))
    # No one else gets the data, so nothing can be transferred: a transfer is a disclosure to a recipient abroad.
    no_transfers = not has_transfers and (
        answers.transfers_outside_eea is False or (no_recipients and is_in_eea(answers.controller.country))
    )
    return Facts(
        has_representative=answers.eu_representative is not None,
        has_dpo=answers.dpo is not None,
        has_joint_controllers=bool(answers.joint_controllers),
        privacy_contact_is_controller=answers.privacy_contact.same_as_controller,
        uses_consent=LegalBasis.consent in bases or explicit_consent,
        uses_contract=LegalBasis.contract in bases,
        uses_legitimate_interests=LegalBasis.legitimate_interests in bases,
        uses_legal_obligation=LegalBasis.legal_obligation in bases,
        uses_public_task=LegalBasis.public_task in bases,
        uses_vital_interests=LegalBasis.vital_interests in bases,
        # Art. 20(1)(a): consent under Art. 6(1)(a) or 9(2)(a), or a contract
        portability_applies=bool(bases & {LegalBasis.consent, LegalBasis.contract}) or explicit_consent,
        objection_applies=bool(bases & {LegalBasis.legitimate_interests, LegalBasis.public_task}),
        has_objection_section=bool(objection_purposes(answers)),
        has_special_categories=bool(answers.special_categories),
        has_criminal_data=answers.criminal_data is not None,
        from_data_subject=answers.sources.from_data_subject,
        from_other_sources=answers.sources.from_other_sources or bool(answers.sources.other_sources) or bool(answers.other_people),
        has_recipients=has_recipients,
        no_recipients_confirmed=no_recipients,
        recipients_stated=has_recipients or no_recipients,
        has_transfers=has_transfers,
        no_transfers_confirmed=no_transfers,
        transfers_stated=has_transfers or no_transfers,
        has_automated_decisions=answers.automated_decisions.used,
        uses_cookies=cookies is not None and cookies.used,
        has_direct_marketing=marketing,
        has_security=answers.security is not None and bool(answers.security.measures or answers.security.description),
        includes_children=answers.processing.includes_children,
        child_online_consent=answers.processing.includes_children
        and answers.processing.online_service_for_children is True
        and LegalBasis.consent in bases,
        has_other_people=bool(answers.other_people),
    )


# --- the clause list ----------------------------------------------------------------------------------------


class Clause(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    when: tuple[str, ...] = ()
    covers: tuple[str, ...] = ()
    first_layer: bool = False  # part of the notice's opening (WP260's first layer), before the table of contents

    def applies(self, facts: Facts) -> bool:
        return all(getattr(facts, name) for name in self.when)


@lru_cache(maxsize=1)
def clauses() -> tuple[Clause, ...]:
    raw = read_yaml(data_dir("templates") / "clauses.yaml")
    loaded = tuple(Clause.model_validate(item) for item in raw)
    unknown = {name for clause in loaded for name in clause.when} - Facts.names()
    if unknown:
        raise ValueError(f"templates/clauses.yaml names unknown facts: {sorted(unknown)}")
    return loaded


def applicable_clauses(facts: Facts) -> list[Clause]:
    return [clause for clause in clauses() if clause.applies(facts)]


# --- what templates see ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RetentionPart:
    """How long some of a purpose's data are kept: `what` names the data category, or is None for all of them."""

    what: str | None
    retention: Retention


@dataclass(frozen=True)
class ProcessingRow:
    """One purpose with the data used for it, how long each is kept for it, and who gets data for it."""

    purpose: Purpose
    categories: list[str]  # the data categories' names
    special: list[SpecialCategoryData]
    # The Art. 9(2) condition of the special categories used for the purpose, each with its categories: the
    # purpose's Art. 6 basis alone would read as if they rested on it.
    art9: list[tuple[Art9Condition, list[str]]]
    other_people: list[OtherPeople]
    retention: list[RetentionPart]
    recipients: list[Recipient]
    joint_controllers: list[str]  # who decides on this purpose with us, and so gets its data too


def retention_for(purpose: Purpose, category: DataCategory | None, general: Retention | None) -> Retention | None:
    """The period that applies to a category's data used for a purpose: the purpose's own, else the category's,
    else the general rule. A purpose's period says how long the data kept for it are stored, so it is the one
    that applies to them for that purpose, whatever the category's other purposes need."""
    return purpose.retention or (category.retention if category else None) or general


def processing_rows(answers: Answers) -> list[ProcessingRow]:
    """The table of the processing: one row per purpose, built from the links the answers make to it."""
    rows = []
    for purpose in answers.purposes:
        categories = [c for c in answers.personal_data if purpose.id in c.purposes]
        special = [s for s in answers.special_categories if purpose.id in s.purposes]
        art9: dict[Art9Condition, list[str]] = {}
        for item in special:
            if item.condition is not None and item.category not in art9.setdefault(item.condition, []):
                art9[item.condition].append(item.category)
        rows.append(
            ProcessingRow(
                purpose=purpose,
                categories=[c.name for c in categories],
                special=special,
                art9=list(art9.items()),
                other_people=[o for o in answers.other_people if purpose.id in o.purposes],
                retention=_retention_parts(purpose, categories, answers.retention),
                recipients=[r for r in answers.recipients if purpose.id in r.purposes],
                joint_controllers=list(purpose.joint_with),
            )
        )
    return rows


def _retention_parts(purpose: Purpose, categories: list[DataCategory], general: Retention | None) -> list[RetentionPart]:
    """One part when every category of the purpose is kept equally long for it, else one part per category. A
    category's name is the user's own label, written as a heading: it stands as a label before its own period,
    never joined to another with "and" inside a sentence, where its capital letter would be wrong and an "and"
    in a name ("Name and contact details") would blur where one name ends."""
    each: list[DataCategory | None] = list(categories) or [None]  # a purpose with no data category: its own rule
    kept: list[tuple[DataCategory | None, Retention]] = []
    for category in each:
        retention = retention_for(purpose, category, general)
        if retention is not None:
            kept.append((category, retention))
    if len(kept) == len(each) and len({(r.period, r.criteria) for _, r in kept}) == 1:
        return [RetentionPart(None, kept[0][1])]
    return [RetentionPart(category.name, retention) for category, retention in kept if category is not None]


@dataclass(frozen=True)
class CategoryRetention:
    """A data category no purpose is named for, and how long it is kept: its own rule, else the general one."""

    name: str
    retention: Retention


def unlinked_categories(answers: Answers) -> list[CategoryRetention]:
    return [
        CategoryRetention(c.name, c.retention or answers.retention)  # type: ignore[arg-type]
        for c in answers.personal_data
        if not c.purposes and (c.retention or answers.retention)
    ]


def kept_longest_of_several(answers: Answers) -> bool:
    """Whether some data serve purposes for which they are kept for different periods."""
    purposes = {p.id: p for p in answers.purposes}
    for category in answers.personal_data:
        periods = set()
        for ref in category.purposes:
            retention = retention_for(purposes[ref], category, answers.retention) if ref in purposes else None
            if retention is not None:
                periods.add((retention.period, retention.criteria))
        if len(periods) > 1:
            return True
    return False


@lru_cache(maxsize=None)
def labels(lang: str) -> dict[str, Any]:
    """Fixed notice wording per language: names of bases, conditions, mechanisms, measures..."""
    return read_yaml(data_dir("templates") / lang / "labels.yaml")


@lru_cache(maxsize=1)
def authority() -> dict[str, dict[str, str]]:
    return read_yaml(data_dir("templates") / "authority.yaml")


def statutory_laws(answers: Answers) -> dict[str, list[str]]:
    """For each data category the law requires (13(2)(e)): the laws its legal-obligation purposes name."""
    purposes = {p.id: p for p in answers.purposes}
    laws: dict[str, list[str]] = {}
    for category in answers.personal_data:
        if category.required_because != "statutory":
            continue
        named = [purposes[ref].law for ref in category.purposes if ref in purposes and purposes[ref].basis is LegalBasis.legal_obligation]
        laws[category.name] = list(dict.fromkeys(law for law in named if law))
    return laws


def request_contact(answers: Answers) -> tuple[str, str | None]:
    """Where people send a request about their data: the e-mail address and the phone number to give."""
    contact = answers.privacy_contact
    own = not contact.same_as_controller
    email = answers.rights.email or (contact.email if own and contact.email else answers.controller.email)
    phone = contact.phone if own and contact.phone else answers.controller.phone
    return email, phone


def template_context(answers: Answers, lang: str, facts: Facts | None = None, previous: Any = None) -> dict[str, Any]:
    """What the clause templates see; `previous` is the previous version (`wizard.versions.Previous`) or None."""
    facts = facts or compute_facts(answers)
    recipients = answers.recipients
    request_email, request_phone = request_contact(answers)
    return {
        "a": answers,
        "f": facts,
        "previous": previous,
        "L": labels(lang),
        "authority": authority()[lang],
        "lang": lang,
        "purpose_by_id": {p.id: p for p in answers.purposes},
        "processors": [r for r in recipients if r.role == "processor"],
        "controllers": [r for r in recipients if r.role == "controller"],
        "authorities": [r for r in recipients if r.role == "authority"],
        "people": [r for r in recipients if r.role == "people"],
        "transfers": transfers_of(answers),
        "transfer_countries": list(dict.fromkeys(r.country for r in transfers_of(answers) if r.country)),
        "request_email": request_email,
        "request_phone": request_phone,
        "marketing_purposes": [p for p in answers.purposes if p.direct_marketing],
        "adequate_countries": ADEQUATE_COUNTRIES,
        "dpf_country": DPF_COUNTRY,
        "dpf_list_url": DPF_LIST_URL,
        "objection_purposes": objection_purposes(answers),
        "cookie_rows": cookie_rows(answers),
        "li_purposes": [p for p in answers.purposes if p.basis is LegalBasis.legitimate_interests],
        "consent_purposes": [p for p in answers.purposes if p.basis is LegalBasis.consent],
        "explicit_consents": explicit_consents(answers),
        "portable_special": portable_special(answers),
        "processing_rows": processing_rows(answers),
        "unlinked_categories": unlinked_categories(answers),
        "kept_longest_of_several": kept_longest_of_several(answers),
        # Whether each recipient says for which purposes it gets the data: only then can a row name its recipients.
        "recipients_linked": all(r.purposes for r in recipients),
        "required_categories": [c for c in answers.personal_data if c.required or (c.required is None and c.required_because)],
        "optional_categories": [c for c in answers.personal_data if c.required is False],
        "statutory_laws": statutory_laws(answers),
        # Finland's age of a child's own consent to online services offered to children (tietosuojalaki 5 §).
        "child_consent_age": CHILD_CONSENT_AGE if answers.processing.online_service_for_children else None,
        "decision_purposes": [p for p in answers.purposes if p.id in answers.automated_decisions.purposes],
        "joint_purposes": {
            j.name: [p for p in answers.purposes if j.name.casefold() in {n.casefold() for n in p.joint_with}]
            for j in answers.joint_controllers
        },
    }


# --- Markdown escaping and the template environment ---------------------------------------------------------


class Md(str):
    """Text that is already Markdown: inserted as is."""


_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")
# An & that could start an entity, even one whose ";" comes from the text after the value ("&copy" + "; ").
_ENTITY = re.compile(r"&(?=#?\w)")
_ONLY_RULE_MARKS = re.compile(r"^[\s=-]+$")
_CLOSING_HASHES = re.compile(r"(\s)(#+)\s*$")
# Block markers only count at the start of a line and before a space (`- x`, `# x`, `1. x`) or alone (`---`).
_LINE_START_SPECIAL = re.compile(r"^(\s*)(#{1,6}(?=\s|$)|[+-](?=\s|$)|\d{1,9}[.)](?=\s|$)|[=-]{2,}\s*$)")


# Any character that can start markup; text without one (most names and sentences) is returned as it is.
_ANY_SPECIAL = re.compile(r"[\\`*_\[\]<>|~&#+=\-]|^\s*\d|\s\s|[\n\t\r\f\v]")


def escape_markdown(value: Any) -> str:
    """Make any text show literally in Markdown: inline markup, entities and block starts are escaped."""
    if isinstance(value, Md):
        return value
    if value is None:
        raise ValueError("a template inserted an empty value: guard it with {% if %}")
    if isinstance(value, Enum) and isinstance(value, str):  # a member of a str enum: its value
        value = value.value
    return _escape_text(str(value))


@lru_cache(maxsize=4096)  # a notice is re-rendered with mostly the same values (the chat's live preview)
def _escape_text(text: str) -> str:
    if not _ANY_SPECIAL.search(text):
        return text.strip()
    text = " ".join(text.split())  # a line break inside a value would break lists and paragraphs
    text = _INLINE_SPECIAL.sub(r"\\\1", text)
    text = _ENTITY.sub(r"\\&", text)
    text = _CLOSING_HASHES.sub(r"\1\\\2", text)  # "x #" at a heading's end would be taken off as its closing
    if _ONLY_RULE_MARKS.match(text):  # "--- ---" or "= =" alone is a thematic break or a heading underline
        return re.sub(r"([=-])", r"\\\1", text)
    return _LINE_START_SPECIAL.sub(_escape_block_marker, text)


def _escape_block_marker(match: re.Match[str]) -> str:
    marker = match.group(2)
    if marker[0].isdigit():  # a backslash escapes punctuation only: 1\. not \1.
        return match.group(1) + marker[:-1] + "\\" + marker[-1]
    return match.group(1) + "\\" + marker


@lru_cache(maxsize=256)
def format_phone(number: str, lang: str) -> str:
    """Finnish numbers grouped as Kielitoimisto advises (040 712 3456); with +358 where the notice's language
    says its readers are abroad (its `phone_style`)."""
    import phonenumbers

    parsed = phonenumbers.parse(number, "FI")
    if parsed.country_code != 358:
        return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    national = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL)
    area, _, rest = national.partition(" ")
    digits = rest.replace(" ", "")
    if not digits:
        area, digits = area[:3], area[3:]
    split = {5: 5, 6: 3, 7: 3, 8: 4}.get(len(digits), 3)
    groups = " ".join(part for part in (digits[:split], digits[split:]) if part)
    return f"{area} {groups}" if language(lang).phone_style == "national" else f"+358 {area[1:]} {groups}"


# What cannot stand as itself in a Markdown link target: what ends it (space, parentheses, angle brackets), the
# backslash that would escape the character after it, and anything unseen.
_NOT_IN_TARGET = re.compile(r"[\s()<>\\]")


def _link_target(url: str) -> str:
    return "".join(quote(char, safe="") if _NOT_IN_TARGET.match(char) or is_hidden(char) else char for char in url)


def _link(url: str, text: str | None = None) -> Md:
    return Md(f"[{escape_markdown(text or url)}]({_link_target(url)})")


def _mailto(address: str) -> Md:
    """A mailto: link; the address's own % is written %25 (RFC 6068), so `a%41@x.fi` stays that address."""
    return Md(f"[{escape_markdown(address)}](mailto:{_link_target(address.replace('%', '%25'))})")


def _filters(lang: str) -> dict[str, Any]:
    from babel import Locale
    from babel.dates import format_date
    from babel.lists import format_list

    locale = Locale.parse(language(lang).babel_locale)  # parsed once, not on every call

    def join_list(items: Any, style: ListStyle = "standard") -> Md:
        return Md(format_list([escape_markdown(i) for i in items], style=style, locale=locale))

    def long_date(value: date) -> Md:
        # Babel's own words and digits, shown after a label in every template, so no `22\.` escape: a
        # template must not start a line with a date ("22. marraskuuta" there would begin a numbered list).
        return Md(format_date(value, "long", locale=locale))

    own_names = labels(lang).get("country_name", {})

    def country(code: str) -> str:
        return own_names.get(code) or locale.territories.get(code, code)

    def phone(number: str) -> str:
        return format_phone(number, lang)

    def pick(keys: Any, names: dict[str, str]) -> list[str]:
        """Each key's fixed wording from a labels mapping, each once: `channels|pick(L.marketing_channel)`."""
        return [names[key] for key in dict.fromkeys(keys)]

    def paragraph(text: str) -> Md:
        """Multi-line free text as Markdown paragraphs, each line escaped."""
        blocks = [escape_markdown(block) for block in re.split(r"\n\s*\n", text) if block.strip()]
        return Md("\n\n".join(blocks))

    def closed(text: str | None) -> Md | None:
        """User text that ends a sentence the clause began ("Näin varmistamme suostumuksen: …"): a full stop
        after it unless it already ends with one (or with ! ? …), on one line."""
        if text is None:  # a gap in an unfinished interview: the marker, or the error of an empty value
            return None
        return Md(escape_markdown(close_sentence(text)))

    def sentences(text: str | None) -> Md | None:
        """User text that stands as paragraphs of its own: each begins with a capital letter and ends a
        sentence; the user's words are not changed."""
        if text is None:  # a gap in an unfinished interview: the marker, or the error of an empty value
            return None
        blocks = [block for block in re.split(r"\n\s*\n", text) if block.strip()]
        return Md("\n\n".join(escape_markdown(capitalise(close_sentence(block))) for block in blocks))

    def lead(text: str | None) -> Md | None:
        """User text after the clause's own words and a colon ("Voit käyttää oikeuksiasi näin: …"): its first
        paragraph ends that sentence, any further paragraphs stand as sentences of their own."""
        if text is None:  # a gap in an unfinished interview: the marker, or the error of an empty value
            return None
        blocks = [block for block in re.split(r"\n\s*\n", text) if block.strip()] or [""]
        first, rest = blocks[0], blocks[1:]
        return Md("\n\n".join([escape_markdown(close_sentence(first))] + [
            escape_markdown(capitalise(close_sentence(block))) for block in rest
        ]))

    opening, closing = language(lang).quotes

    def quoted(text: str) -> Md:
        return Md(f"{opening}{escape_markdown(text)}{closing}")

    return {
        "join_list": join_list,
        "quoted": quoted,
        "date": long_date,
        "country": country,
        "phone": phone,
        "link": _link,
        "mailto": _mailto,
        "paragraph": paragraph,
        "closed": closed,
        "sentences": sentences,
        "lead": lead,
        "pick": pick,
    }


# What may follow a sentence's last punctuation mark: closing quotes and brackets.
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*$")


def close_sentence(text: str) -> str:
    """`text` with a full stop at its end unless it ends a sentence already."""
    text = text.rstrip()
    return text if not text or _SENTENCE_END.search(text) else text + "."


def capitalise(text: str) -> str:
    """`text` with its first character a capital letter when it is a lowercase one; nothing else changes."""
    text = text.lstrip()
    return text[:1].upper() + text[1:] if text[:1].islower() else text


def _gap_or_escape(lang: str) -> Any:
    """For a notice rendered with known gaps: an empty value shows the gap marker instead of failing."""
    marker = Md(f"**\\[{escape_markdown(labels(lang)['gap'])}\\]**")
    return lambda value: marker if value is None else escape_markdown(value)


@lru_cache(maxsize=None)
def environment(lang: str, incomplete: bool = False) -> Any:
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    env = Environment(
        loader=FileSystemLoader(str(data_dir("templates") / lang)),
        bytecode_cache=bytecode_cache(__file__),
        auto_reload=False,  # templates do not change while seloste runs: no stat() per render
        undefined=StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=_gap_or_escape(lang) if incomplete else escape_markdown,
    )
    env.filters.update(_filters(lang))
    return env


def render_clause(clause: Clause, context: dict[str, Any], lang: str, incomplete: bool = False) -> str:
    """One clause's Markdown. `context` may be shared by all clauses of a notice (see `shared_context`)."""
    env = environment(lang, incomplete)
    template = env.get_template(f"{clause.id}.md.j2")
    # Same as template.render(context), without merging the globals into a new dict for every clause.
    return tidy(env.concat(template.root_render_func(template.new_context(shared_context(env, context), shared=True))))


def shared_context(env: Any, context: dict[str, Any]) -> dict[str, Any]:
    """The template variables with Jinja's globals merged in, once per notice rather than once per clause."""
    return context if context.get("_globals_merged") else {**env.globals, **context, "_globals_merged": True}


@lru_cache(maxsize=512)
def tidy(markdown: str) -> str:
    """One blank line between blocks, no trailing spaces, one final newline."""
    lines = [line.rstrip() for line in markdown.strip().splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"


@dataclass(frozen=True)
class RenderedClause:
    clause: Clause
    markdown: str


def render_clauses(
    answers: Answers, lang: str, incomplete: bool = False, facts: Facts | None = None, previous: Any = None
) -> list[RenderedClause]:
    if lang not in BY_CODE:
        raise ValueError(f"unknown notice language {lang!r}")
    context = shared_context(environment(lang, incomplete), template_context(answers, lang, facts, previous))
    rendered = []
    for clause in applicable_clauses(context["f"]):
        markdown = render_clause(clause, context, lang, incomplete)
        if markdown.strip():
            rendered.append(RenderedClause(clause, markdown))
    return rendered


def render_markdown(answers: Answers, lang: str) -> str:
    return "\n".join(part.markdown for part in render_clauses(answers, lang))


