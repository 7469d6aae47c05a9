"""Rules across fields: what a legal basis needs, transfers, special categories, and the warnings that
catch the mistakes old Finnish notices make. Each rule yields findings with the path they concern; the
texts are in `wizard.diagnostics`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from pydantic import BaseModel

from wizard.answers import Answers, Purpose
from wizard.fieldpath import FieldPath
from wizard.i18n import N_
from wizard.law import (
    ADEQUATE_COUNTRIES,
    CHILD_CONSENT_AGE,
    DPF_COUNTRY,
    LegalBasis,
    SAFEGUARD_MECHANISMS,
    TransferMechanism,
    is_in_eea,
)
from wizard.resources import data_dir, read_yaml
from wizard.terminal import visible


@dataclass(frozen=True)
class Finding:
    severity: str  # "error" or "warning"
    code: str
    path: FieldPath
    params: dict[str, Any] = field(default_factory=dict)


def error(code: str, path: FieldPath, **params: Any) -> Finding:
    return Finding("error", code, path, params)


def warning(code: str, path: FieldPath, **params: Any) -> Finding:
    return Finding("warning", code, path, params)


# --- controller and contacts ---------------------------------------------------------------------------


def controller_rules(answers: Answers) -> Iterator[Finding]:
    controller = answers.controller
    if controller.business_id is None and controller.type != "private_person" and controller.country == "FI":
        yield error("business_id_required", ("controller", "business_id"))
    contact = answers.privacy_contact
    if not contact.same_as_controller:
        for name in ("name", "email"):
            if getattr(contact, name) is None:
                yield error("privacy_contact_incomplete", ("privacy_contact", name), missing=name)
    if answers.eu_representative is not None and is_in_eea(controller.country):
        yield error("representative_in_eea", ("eu_representative",), country=controller.country)
    if answers.eu_representative is None and not is_in_eea(controller.country):
        yield warning("representative_missing", ("eu_representative",), country=controller.country)


# --- purposes and their bases --------------------------------------------------------------------------

# The field each basis needs, and the code reported when it is missing.
_BASIS_NEEDS = {
    LegalBasis.legitimate_interests: ("legitimate_interest", "basis_needs_interest"),
    LegalBasis.legal_obligation: ("law", "basis_needs_law"),
    LegalBasis.public_task: ("law", "public_task_needs_law"),
    LegalBasis.consent: ("consent_withdrawal", "consent_needs_withdrawal"),
}
# Detail fields that belong to one basis only; given under another they are dropped from the notice.
_DETAIL_BASES = {
    "contract": {LegalBasis.contract},
    "law": {LegalBasis.legal_obligation, LegalBasis.public_task},
    "legitimate_interest": {LegalBasis.legitimate_interests},
    "consent_how_asked": {LegalBasis.consent},
    "consent_withdrawal": {LegalBasis.consent},
    "pre_contract_steps": {LegalBasis.contract},
    "vital_interest": {LegalBasis.vital_interests},
}
_CONTRACT_WORDS = re.compile(
    r"\b(tilau|toimit|lasku|maksu|varau|ajanvar|sopimu|asiakkuu|palvelun tuottam|order|deliver|invoic|"
    r"billing|payment|booking|appointment|contract|account)",
    re.IGNORECASE,
)


def purpose_rules(answers: Answers) -> Iterator[Finding]:
    ids = Counter(purpose.id for purpose in answers.purposes)
    for index, purpose in enumerate(answers.purposes):
        path: FieldPath = ("purposes", index)
        if ids[purpose.id] > 1:
            yield error("duplicate_purpose_id", (*path, "id"), id=purpose.id)
        needed = _BASIS_NEEDS.get(purpose.basis)
        if needed and getattr(purpose, needed[0]) is None:
            yield error(needed[1], (*path, needed[0]), purpose=purpose.id)
        for detail, bases in _DETAIL_BASES.items():
            if getattr(purpose, detail) is not None and purpose.basis not in bases:
                yield warning(
                    "ignored_basis_detail", (*path, detail), purpose=purpose.id, detail_field=detail, basis=purpose.basis.value
                )
        if purpose.basis is LegalBasis.consent and not purpose.direct_marketing and _CONTRACT_WORDS.search(purpose.description):
            yield warning("consent_for_contract", (*path, "basis"), purpose=purpose.id)
        if purpose.basis is LegalBasis.legitimate_interests and answers.controller.type == "public_body":
            yield warning("legitimate_interests_public_body", (*path, "basis"), purpose=purpose.id)


def _purposes_by_id(answers: Answers) -> dict[str, Purpose]:
    return {purpose.id: purpose for purpose in answers.purposes}


def purpose_data_rules(answers: Answers) -> Iterator[Finding]:
    """Each purpose uses some data: a purpose no data category names shows no data in the notice's table."""
    if not answers.personal_data:
        return  # no data categories at all: that is reported already
    used = {ref for group in ("personal_data", "special_categories", "other_people") for item in getattr(answers, group) for ref in item.purposes}
    for purpose in answers.purposes:
        if purpose.id not in used:
            yield warning("purpose_without_data", ("personal_data",), purpose=purpose.id)


def reference_rules(answers: Answers) -> Iterator[Finding]:
    known = _purposes_by_id(answers)
    listing = ", ".join(known)
    for group in ("personal_data", "special_categories", "other_people", "recipients"):
        for index, item in enumerate(getattr(answers, group)):
            for ref_index, ref in enumerate(item.purposes):
                if ref not in known:
                    yield error("unknown_purpose", (group, index, "purposes", ref_index), ref=ref, ids=listing)


# --- personal data, retention, sources ------------------------------------------------------------------


def retention_rules(answers: Answers) -> Iterator[Finding]:
    if answers.retention is not None:
        return
    known = _purposes_by_id(answers)
    for index, category in enumerate(answers.personal_data):
        if category.retention is not None:
            continue
        purposes = [known[ref] for ref in category.purposes if ref in known]
        if purposes and all(purpose.retention is not None for purpose in purposes):
            continue
        yield error("retention_missing", ("personal_data", index, "retention"), category=category.name)


def overridden_retention_rules(answers: Answers) -> Iterator[Finding]:
    """A purpose's own period applies to all the data kept for it, so a category whose every purpose has one has
    a period of its own that the notice prints nowhere."""
    known = _purposes_by_id(answers)
    for index, category in enumerate(answers.personal_data):
        purposes = [known[ref] for ref in category.purposes if ref in known]
        if category.retention is None or not purposes or any(purpose.retention is None for purpose in purposes):
            continue
        given = "period" if category.retention.period is not None else "criteria"
        yield warning("category_retention_overridden", ("personal_data", index, "retention", given), category=category.name)


def consent_required_rules(answers: Answers) -> Iterator[Finding]:
    known = _purposes_by_id(answers)
    for index, category in enumerate(answers.personal_data):
        purposes = [known[ref] for ref in category.purposes if ref in known]
        if category.required and purposes and all(p.basis is LegalBasis.consent for p in purposes):
            yield warning("consent_for_required_data", ("personal_data", index, "required"), category=category.name)


# The Accounting Act as a business names it: it obliges the business to keep records, never the customer to give data.
_ACCOUNTING_ACT = re.compile(r"kirjanpitolaki|kirjanpitolain|accounting act|1336/1997", re.IGNORECASE)


def _only_bookkeeping(category: Any, known: dict[str, Purpose]) -> bool:
    laws = [known[ref].law for ref in category.purposes if ref in known and known[ref].basis is LegalBasis.legal_obligation]
    # A law given by language is one law: any of its wordings names it.
    wordings = [" ".join(law.values()) if isinstance(law, dict) else law or "" for law in laws]
    return bool(wordings) and all(_ACCOUNTING_ACT.search(wording) for wording in wordings)


def required_reason_rules(answers: Answers) -> Iterator[Finding]:
    """Art. 13(2)(e): why a category must be given, and whether that reason fits the bases of the category's own
    purposes (not of any purpose in the file), so the notice never gives a reason its purposes do not bear out."""
    known = _purposes_by_id(answers)
    mixed = answers.provision is not None and answers.provision.requirement == "mixed"
    for index, category in enumerate(answers.personal_data):
        path: FieldPath = ("personal_data", index, "required_because")
        reason, bases = category.required_because, {known[ref].basis for ref in category.purposes if ref in known}
        if reason is not None and category.required is False:
            yield error("required_because_optional", path, category=category.name)
        elif reason == "statutory" and LegalBasis.legal_obligation not in bases:
            yield warning("statutory_without_law", path, category=category.name)
        elif reason == "statutory" and _only_bookkeeping(category, known):
            yield warning("statutory_only_bookkeeping", path, category=category.name)
        elif reason == "contractual" and LegalBasis.contract not in bases:
            yield warning("contractual_without_contract", path, category=category.name)
        elif reason == "contract_precondition" and LegalBasis.contract not in bases:
            yield warning("precondition_without_contract", path, category=category.name)
        elif reason is None and category.required and mixed:
            yield warning("required_reason_missing", path, category=category.name)


def child_consent_rules(answers: Answers) -> Iterator[Finding]:
    """Art. 8 and tietosuojalaki 5 §: who consents for a child, and from what age a child consents alone."""
    processing = answers.processing
    path: FieldPath = ("processing",)
    answered = [name for name in ("online_service_for_children", "child_consent_by", "child_consent_check")
                if getattr(processing, name) is not None]
    if not processing.includes_children:
        if answered:
            yield warning("child_consent_without_children", (*path, answered[0]))
        return
    consent = any(p.basis is LegalBasis.consent for p in answers.purposes)
    if consent and processing.child_consent_by is None:
        yield warning("child_consent_unanswered", (*path, "child_consent_by"), age=CHILD_CONSENT_AGE)


def other_people_rules(answers: Answers) -> Iterator[Finding]:
    """Art. 14(1)(c): people whose data come from someone else are told the purpose and basis too."""
    for index, people in enumerate(answers.other_people):
        if not people.purposes:
            yield warning("other_people_no_purpose", ("other_people", index, "purposes"), who=people.who)


def recipient_purpose_rules(answers: Answers) -> Iterator[Finding]:
    """The table of the processing names each recipient beside the purposes it gets data for: only if told."""
    for index, recipient in enumerate(answers.recipients):
        if not recipient.purposes:
            yield warning("recipient_no_purpose", ("recipients", index, "purposes"), name=recipient.name)


def special_category_rules(answers: Answers) -> Iterator[Finding]:
    for index, item in enumerate(answers.special_categories):
        if item.condition is None:
            yield error("special_category_no_condition", ("special_categories", index, "condition"), description=item.description)


def source_rules(answers: Answers) -> Iterator[Finding]:
    sources = answers.sources
    if sources.from_other_sources and not sources.other_sources:
        yield error("sources_unnamed", ("sources", "other_sources"))
    if not sources.from_data_subject and not sources.from_other_sources and not sources.other_sources:
        yield error("sources_none", ("sources",))
    if sources.from_data_subject and answers.provision is None:
        yield error("provision_missing", ("provision",))
    if answers.provision is not None and answers.provision.requirement == "mixed":
        if all(category.required is None for category in answers.personal_data):
            yield warning("mixed_without_required", ("provision", "requirement"))


# --- recipients and transfers ---------------------------------------------------------------------------


def transfer_rules(answers: Answers) -> Iterator[Finding]:
    for index, recipient in enumerate(answers.recipients):
        path: FieldPath = ("recipients", index)
        transfer, country = recipient.transfer, recipient.country
        if country is None:
            if transfer is not None:
                yield error("transfer_no_country", (*path, "country"), recipient=recipient.name)
            else:  # the notice would say nothing leaves the EU/EEA without knowing it
                yield warning("recipient_no_country", (*path, "country"), recipient=recipient.name)
            continue
        if is_in_eea(country):
            if transfer is not None:
                yield warning("transfer_inside_eea", (*path, "transfer"), recipient=recipient.name, country=country)
            continue
        if transfer is None or transfer.mechanism is None:
            where = (*path, "transfer") if transfer is None else (*path, "transfer", "mechanism")
            yield error("transfer_no_mechanism", where, recipient=recipient.name, country=country)
            continue
        yield from _mechanism_rules(recipient.name, country, transfer, (*path, "transfer"))


def _mechanism_rules(name: str, country: str, transfer: Any, path: FieldPath) -> Iterator[Finding]:
    mechanism = transfer.mechanism
    if mechanism is TransferMechanism.adequacy and country == DPF_COUNTRY:
        yield error("adequacy_us", (*path, "mechanism"), recipient=name)
    elif mechanism is TransferMechanism.adequacy and country not in ADEQUATE_COUNTRIES:
        yield error("adequacy_not_available", (*path, "mechanism"), recipient=name, country=country)
    if mechanism is TransferMechanism.dpf and country != DPF_COUNTRY:
        yield error("dpf_not_us", (*path, "mechanism"), country=country)
    if mechanism is TransferMechanism.derogation and transfer.derogation is None:
        yield error("derogation_missing", (*path, "derogation"), recipient=name)
    if mechanism in SAFEGUARD_MECHANISMS and transfer.safeguards_copy is None:
        yield error("safeguards_copy_missing", (*path, "safeguards_copy"), recipient=name, mechanism=mechanism.value)
    if country == DPF_COUNTRY and mechanism in (TransferMechanism.derogation,):
        yield warning("us_transfer_unprotected", (*path, "mechanism"), recipient=name)


def disclosure_rules(answers: Answers) -> Iterator[Finding]:
    """'No one gets the data' and 'nothing leaves the EU/EEA' are said only from an answer, never from an empty list."""
    named = bool(answers.recipients)
    if answers.shares_data is False and named:
        yield error("shares_data_contradiction", ("shares_data",), count=len(answers.recipients))
    elif answers.shares_data is True and not named:
        yield error("recipients_unnamed", ("recipients",))
    elif answers.shares_data is None and not named:
        yield warning("recipients_unanswered", ("shares_data",))
    outside = [r.name for r in answers.recipients if r.country is not None and not is_in_eea(r.country)]
    if answers.transfers_outside_eea is False and outside:
        yield error("transfers_contradiction", ("transfers_outside_eea",), recipients=", ".join(outside))
    elif answers.transfers_outside_eea is True and not outside:
        yield error("transfer_recipient_unnamed", ("transfers_outside_eea",))
    elif answers.transfers_outside_eea is None and not outside and answers.shares_data is not False:
        yield warning("transfers_unanswered", ("transfers_outside_eea",))


def joint_controller_rules(answers: Answers) -> Iterator[Finding]:
    """Art. 26: which processing is joint must be clear, and a joint controller is not also a separate one."""
    separate = {r.name.casefold() for r in answers.recipients if r.role == "controller"}
    names = {joint.name.casefold() for joint in answers.joint_controllers}
    for index, purpose in enumerate(answers.purposes):
        for ref_index, name in enumerate(purpose.joint_with):
            if name.casefold() not in names:
                yield error("unknown_joint_controller", ("purposes", index, "joint_with", ref_index), name=name)
    for index, joint in enumerate(answers.joint_controllers):
        if not any(joint.name.casefold() == name.casefold() for p in answers.purposes for name in p.joint_with):
            yield warning("joint_purposes_missing", ("joint_controllers", index, "name"), name=joint.name)
        if joint.name.casefold() in separate:
            yield warning("joint_controller_also_separate", ("joint_controllers", index, "name"), name=joint.name)


def processor_agreement_rules(answers: Answers) -> Iterator[Finding]:
    """Art. 28(3): a processor works under a contract. The notice claims one only where the answers say so."""
    claimed_for_all = answers.security is not None and "processor_agreements" in answers.security.measures
    for index, recipient in enumerate(answers.recipients):
        if recipient.role != "processor" or recipient.processing_agreement:
            continue
        path: FieldPath = ("recipients", index, "processing_agreement")
        if recipient.processing_agreement is False and claimed_for_all:
            yield error("processing_agreement_contradiction", path, recipient=recipient.name)
        else:
            yield warning("processing_agreement_missing", path, recipient=recipient.name)


def balancing_test_rules(answers: Answers) -> Iterator[Finding]:
    for index, purpose in enumerate(answers.purposes):
        if purpose.basis is LegalBasis.legitimate_interests and not purpose.balancing_test:
            yield warning("balancing_test_missing", ("purposes", index, "balancing_test"), purpose=purpose.id)


def changes_rules(answers: Answers) -> Iterator[Finding]:
    if not answers.notice.announce_changes:
        yield warning("changes_unannounced", ("notice", "announce_changes"))


# --- Finnish law and plausibility (issue 12, §2) -----------------------------------------------------------

_ELECTRONIC_CHANNELS = frozenset({"email", "sms"})


def electronic_marketing_rules(answers: Answers) -> Iterator[Finding]:
    """917/2014 200 §: e-mail and text-message marketing to private persons needs their prior consent, except to
    existing customers under the conditions of 200 § 2 mom.; 202 § lets businesses be marketed to unless they refuse."""
    marketing = answers.direct_marketing
    if marketing is None or not _ELECTRONIC_CHANNELS & set(marketing.channels):
        return
    if marketing.audience == "businesses" or marketing.existing_customer_exception:
        return
    for index, purpose in enumerate(answers.purposes):
        if purpose.direct_marketing and purpose.basis is not LegalBasis.consent:
            yield error("electronic_marketing_needs_consent", ("purposes", index, "basis"), purpose=purpose.id)


_NON_PARTY = re.compile(
    r"\w*(?:asiakasyrity|asiakasorganisaat|yrityksen kanssa|yhteisön kanssa|työnantaj|client compan|customer compan|"
    r"with the company|employer)\w*",
    re.IGNORECASE,
)


def contract_party_rules(answers: Answers) -> Iterator[Finding]:
    """Art. 6(1)(b) covers only a contract the person is party to: not the contact person of a client company."""
    for index, purpose in enumerate(answers.purposes):
        if purpose.basis is not LegalBasis.contract:
            continue
        text = " ".join(t for t in (purpose.description, purpose.contract) if t)
        if match := _NON_PARTY.search(text):
            yield warning("contract_for_non_party", ("purposes", index, "basis"), purpose=purpose.id, word=match.group(0))


@lru_cache(maxsize=1)
def vendors() -> dict[str, Any]:
    """Known third-party services and their facts (templates/vendors.yaml, dated)."""
    return read_yaml(data_dir("templates") / "vendors.yaml")


def vendor_pattern(words: list[str]) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(re.escape(word) for word in words) + ")", re.IGNORECASE)


_CONTACT_FIELDS = frozenset({"email", "phone", "website"})


def names_a_tool(path: FieldPath) -> bool:
    """Whether the text at `path` can name a tool the business uses. An address names where to write (a domain
    such as ga4.fi is not Google's); a purpose's id, and the ids that refer to it, are names the answers file
    gives its own parts, never shown in the notice (a purpose called "ga4" may be the visitor statistics)."""
    if path[0] == "recipients" or path[-1] in _CONTACT_FIELDS or path[-1] == "id":
        return False
    return not (len(path) > 2 and path[-2] == "purposes" and isinstance(path[-1], int))


def vendor_rules(answers: Answers) -> Iterator[Finding]:
    """A known tool named anywhere must be a recipient, with its country (Art. 13(1)(e)-(f))."""
    named = [(path, text) for path, text in texts(answers) if names_a_tool(path)]
    for vendor in vendors()["vendors"]:
        pattern = vendor_pattern(vendor["words"] + [vendor["name"]])
        matching = [
            (index, r) for index, r in enumerate(answers.recipients) if pattern.search(r.name) or pattern.search(r.service)
        ]
        params = {"vendor": vendor["name"], "company": vendor["company"], "country": vendor["country"]}
        if not matching:
            where = next((path for path, text in named if pattern.search(text)), None)
            if where is not None:
                yield error("vendor_not_a_recipient", where, field=display_path(where), **params)
            continue
        for index, recipient in matching:
            if recipient.country is None:
                yield error("vendor_country_missing", ("recipients", index, "country"), recipient=recipient.name, **params)


_CONSENT_COOKIES = ("preferences", "analytics", "marketing")
# The kinds whose data we collect and use for a purpose of ours; a preference cookie keeps the visitor's own
# choice on the device, and its kind and lifetime say all there is to say about it.
_COLLECTING_COOKIES = ("analytics", "marketing")


def cookie_rules(answers: Answers) -> Iterator[Finding]:
    """917/2014 205 §: cookies other than the strictly necessary need consent, so each kind is a purpose with a
    retention period, and consent can be withdrawn on the website itself, not only in the browser."""
    cookies = answers.cookies
    if cookies is None or not cookies.used:
        return
    optional = [category for category in cookies.categories if category in _CONSENT_COOKIES]
    timed = {entry.category for entry in cookies.lifetimes}
    for category in optional:
        if category not in timed:
            yield error("cookie_lifetime_missing", ("cookies", "lifetimes"), category=category)
    if optional and cookies.how_to_manage is None:
        yield error("cookie_withdrawal_missing", ("cookies", "how_to_manage"))
    known = _purposes_by_id(answers)
    for index, entry in enumerate(cookies.lifetimes):
        if entry.category in _COLLECTING_COOKIES and not entry.purposes:
            yield warning("cookie_purpose_missing", ("cookies", "lifetimes", index, "purposes"), cookie_kind=entry.category)
        for ref_index, ref in enumerate(entry.purposes):
            path: FieldPath = ("cookies", "lifetimes", index, "purposes", ref_index)
            if ref not in known:
                yield error("unknown_purpose", path, ref=ref, ids=", ".join(known))
            elif known[ref].basis is not LegalBasis.consent:
                yield error("cookie_purpose_not_consent", path, category=entry.category, purpose=ref)


# --- automated decisions, marketing ----------------------------------------------------------------------


def automated_decision_rules(answers: Answers) -> Iterator[Finding]:
    decisions = answers.automated_decisions
    path: FieldPath = ("automated_decisions",)
    if decisions.used:
        for name in ("logic", "significance", "consequences"):
            if getattr(decisions, name) is None:
                yield error("automated_decision_incomplete", (*path, name), missing=name)
        # Art. 22(1) forbids such decisions unless one of the grounds of 22(2) applies.
        if decisions.ground is None:
            yield error("automated_decision_ground_missing", (*path, "ground"))
        elif decisions.ground == "law" and decisions.law is None:
            yield error("automated_decision_law_missing", (*path, "law"))
        if not decisions.purposes:
            yield warning("automated_decision_purposes_missing", (*path, "purposes"))
    known = _purposes_by_id(answers)
    for index, ref in enumerate(decisions.purposes):
        if ref not in known:
            yield error("unknown_purpose", (*path, "purposes", index), ref=ref, ids=", ".join(known))


def marketing_rules(answers: Answers) -> Iterator[Finding]:
    marketing = [i for i, purpose in enumerate(answers.purposes) if purpose.direct_marketing]
    if marketing and answers.direct_marketing is None:
        for index in marketing:
            yield error("direct_marketing_unexplained", ("purposes", index, "direct_marketing"), purpose=answers.purposes[index].id)
    if answers.direct_marketing is not None and not marketing:
        yield error("direct_marketing_no_purpose", ("direct_marketing",))


# --- words in free text ---------------------------------------------------------------------------------

# The whole word is shown in the warning, not just the stem that matched. `\b` first: a match starts where a
# word does anyway, and without it every letter of a long text starts a search that backtracks over its word.
_SPECIAL_WORDS = re.compile(
    r"\b\w*(?:ruokavalio|ruokarajoit|allergi|tervey|sairau|diagnoos|lääki|lääkity|raskau|vammai|uskon|vakaumu|"
    r"ammattiliit|etninen|etnis|biometr|sormenjälj|seksuaal|\bdiet|allerg|health|medical|illness|disabilit|"
    r"pregnan|religio|halal|kosher|trade union|ethnic|biometric|fingerprint|sexual)\w*",
    re.IGNORECASE,
)
_CHILD_WORDS = re.compile(
    r"(\blaps|\blasten\b|\blapset\b|alaikäi|koululai|oppilai|oppilas|\bchild|\bminors?\b|\bpupil|\bkids?\b|under[- ]18)",
    re.IGNORECASE,
)
_VAGUE_WORDS = re.compile(
    r"\b(may|might|possibly|if necessary|voidaan|saatetaan|saattaa|saattavat|mahdollisesti|tarvittaessa)\b",
    re.IGNORECASE,
)
_LEGACY_LAW = re.compile(r"henkilötietola|personal data act|523/1999", re.IGNORECASE)
_LEGACY_ADDRESS = re.compile(r"ratapihantie|\b0052[01]\b", re.IGNORECASE)
_ADDRESS_FIELDS = frozenset({"street_address", "postal_code", "city"})
_LEGACY_TRANSFER = re.compile(r"privacy shield|2001/497|2004/915|2010/87|2021/915", re.IGNORECASE)
_IDENTITY_FORMALITIES = re.compile(
    r"\b\w*(?:omakätis|allekirjoit|henkilökohtaise|signed|signature|in person|notari)\w*", re.IGNORECASE
)
_VAGUE_RETENTION = re.compile(
    r"(niin kauan kuin (se )?(on )?(tarpeen|tarpeellista|tarvitaan|tarpeellinen)|as long as (is )?(necessary|needed|required))",
    re.IGNORECASE,
)


def texts(value: Any, path: FieldPath = ()) -> Iterator[tuple[FieldPath, str]]:
    """Every free-text value in the answers, with its path."""
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from texts(getattr(value, name), (*path, name))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from texts(item, (*path, index))
    elif isinstance(value, str) and not hasattr(value, "value"):  # enums are str too; they are not free text
        yield path, value


def wording_rules(answers: Answers) -> Iterator[Finding]:
    special_declared = bool(answers.special_categories)
    children_warned = False
    if answers.processing.includes_children:
        children_warned = True
        yield warning("children", ("processing", "includes_children"))
    for path, text in texts(answers):
        field = display_path(path)
        if _LEGACY_LAW.search(text):
            yield warning("legacy_law", path, field=field)
        # A business may itself be in Pasila (00520) or on Ratapihantie: only text about the authority counts.
        if path[-1] not in _ADDRESS_FIELDS and _LEGACY_ADDRESS.search(text):
            yield warning("legacy_authority_address", path, field=field)
        if match := _LEGACY_TRANSFER.search(text):
            yield warning("legacy_transfer_tool", path, field=field, word=match.group(0))
        section = path[0]
        if section in ("personal_data", "purposes") and not special_declared:
            if match := _SPECIAL_WORDS.search(text):
                yield warning("possible_special_category", path, field=field, word=match.group(0))
        if section == "processing" and path[1] == "data_subjects" and not children_warned and _CHILD_WORDS.search(text):
            children_warned = True
            yield warning("children", path)
        if section == "purposes" and path[-1] in ("description", "legitimate_interest"):
            if match := _VAGUE_WORDS.search(text):
                yield warning("vague_wording", path, field=field, word=match.group(0))
        if section == "rights" and (match := _IDENTITY_FORMALITIES.search(text)):
            yield warning("identity_formalities", path, word=match.group(0))


# Words that leave the reader guessing, in any free text (issue 12): "esim.", "etc.", "partners"...
_VAGUE_ANYWHERE = re.compile(
    r"(?<!\w)(?:esim\.|mm\.|jne\.?|tms\.?|soveltuvin osin|toistaiseksi|kerran vuodessa|yhteistyökumppane\w*|"
    r"such as|etc\.?|partners?|indefinitely)(?!\w)",
    re.IGNORECASE,
)
_OLD_BASIS = re.compile(r"\w*asiakassuhte\w*|\w*asiakassuhde\w*", re.IGNORECASE)
_BASIS_DETAILS = frozenset({"contract", "legitimate_interest", "law"})
# The information a vague word weakens, by the part of the file it is in.
_WEAKENED = {
    "purposes": N_("GDPR Art. 13(1)(c)"),
    "personal_data": N_("GDPR Art. 14(1)(d)"),
    "special_categories": N_("GDPR Art. 9(2), 13(1)(c)"),
    "recipients": N_("GDPR Art. 13(1)(e)"),
    "retention": N_("GDPR Art. 13(2)(a)"),
    "sources": N_("GDPR Art. 14(2)(f)"),
    "rights": N_("GDPR Art. 12(2)"),
    "direct_marketing": N_("GDPR Art. 21(4)"),
}


def _weakened(path: FieldPath) -> str:
    if "retention" in path:
        return _WEAKENED["retention"]
    return _WEAKENED.get(str(path[0]), N_("GDPR Art. 12(1); WP260"))


def vague_word_rules(answers: Answers) -> Iterator[Finding]:
    for path, text in texts(answers):
        if match := _VAGUE_ANYWHERE.search(text):
            yield warning("vague_word", path, field=display_path(path), word=match.group(0), article=_weakened(path))
        if path[0] == "purposes" and path[-1] in _BASIS_DETAILS and (match := _OLD_BASIS.search(text)):
            yield warning("customer_relationship_basis", path, field=display_path(path), word=match.group(0))


def retention_wording_rules(answers: Answers) -> Iterator[Finding]:
    """'As long as necessary' is fine only with the criteria that decide how long that is."""
    places: list[tuple[FieldPath, Any]] = [(("retention",), answers.retention)]
    places += [(("purposes", i, "retention"), p.retention) for i, p in enumerate(answers.purposes)]
    places += [(("personal_data", i, "retention"), c.retention) for i, c in enumerate(answers.personal_data)]
    for path, retention in places:
        if retention is not None and retention.criteria is None and _VAGUE_RETENTION.search(retention.period or ""):
            yield warning("vague_retention", (*path, "period"), field=display_path((*path, "period")))


def display_path(path: FieldPath) -> str:
    """`purposes[2].basis`: list items counted from 1, as a person counts them."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:  # an unknown key is shown as written, with its escapes made visible
            out += f".{visible(part)}" if out else visible(part)
    return out


RULES = (
    controller_rules,
    purpose_rules,
    reference_rules,
    purpose_data_rules,
    retention_rules,
    overridden_retention_rules,
    consent_required_rules,
    required_reason_rules,
    child_consent_rules,
    other_people_rules,
    recipient_purpose_rules,
    special_category_rules,
    source_rules,
    transfer_rules,
    disclosure_rules,
    processor_agreement_rules,
    joint_controller_rules,
    balancing_test_rules,
    changes_rules,
    electronic_marketing_rules,
    contract_party_rules,
    vendor_rules,
    cookie_rules,
    automated_decision_rules,
    marketing_rules,
    wording_rules,
    retention_wording_rules,
    vague_word_rules,
)


def run_rules(answers: Answers) -> list[Finding]:
    return [finding for rule in RULES for finding in rule(answers)]
