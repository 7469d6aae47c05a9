"""The answers file: everything a privacy notice needs, as a pydantic model.

Field formats are checked here; rules that look across fields (a legal basis and what it needs, transfers,
special categories, ...) live in `wizard.rules`, so that every problem in a file is reported at once with
its own path. The descriptions below double as the JSON Schema's documentation and as the "how to fix"
hints in `seloste check`.
"""

from __future__ import annotations

import re
from typing import Any, Final, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from wizard.i18n import N_
from wizard.fields import (
    BusinessId,
    Country,
    Email,
    LongText,
    NoticeDate,
    Phone,
    ShortText,
    Slug,
    Website,
    check_postal_code_fi,
)
from wizard.localtext import DEFAULT_LANGUAGE, LanguageCode, LocalLongText, LocalName, LocalShortText
from wizard.law import (
    Art9Condition,
    Derogation,
    LegalBasis,
    SpecialCategory,
    TransferMechanism,
)

SCHEMA_VERSION: Final = 3
MAX_ITEMS = 100


def _items(description: str, **kwargs: Any) -> Any:
    return Field(default_factory=list, max_length=MAX_ITEMS, description=description, **kwargs)


class Part(BaseModel):
    """Every part of the file: unknown keys are refused so that a typo is caught, not silently dropped."""

    model_config = ConfigDict(extra="forbid", use_enum_values=False, validate_default=True)


class Address(Part):
    # `country` comes first so the postal code can be checked against it.
    country: Country = Field("FI", description=N_("ISO country code, e.g. FI, SE or US; Finland if left out."))
    street_address: ShortText = Field(description=N_("Street and number, e.g. 'Esimerkkikatu 1 A 2'."))
    postal_code: ShortText = Field(max_length=12, description=N_("Postal code; in Finland five digits, e.g. 00100."))
    city: ShortText = Field(description=N_("Post town, e.g. Helsinki."))

    @field_validator("postal_code")
    @classmethod
    def _finnish_postal_code(cls, value: str, info: Any) -> str:
        # The default country is validated too, so a country missing here was wrong: its own error says so,
        # and the postal code is not judged against a guess.
        if info.data.get("country") == "FI":
            return check_postal_code_fi(value)
        return value


ControllerType = Literal["company", "sole_trader", "association", "private_person", "public_body"]


class Controller(Address):
    name: ShortText = Field(description=N_("The business's official name, e.g. 'Esimerkki Oy'."))
    type: ControllerType = Field(
        "company",
        description=N_("company, sole_trader (toiminimi), association, private_person or public_body."),
    )
    business_id: BusinessId | None = Field(
        None, description=N_("Y-tunnus, e.g. 1234567-1; only a private person may leave it out.")
    )
    phone: Phone | None = Field(None, description=N_("Phone number, e.g. 040 123 4567 or +358 40 123 4567."))
    email: Email = Field(description=N_("E-mail address people can write to, e.g. info@example.fi."))
    website: Website | None = Field(None, description=N_("Web address, e.g. https://www.example.fi."))


class Person(Part):
    name: ShortText = Field(description=N_("Name of the person or the role, e.g. 'Maija Esimerkki'."))
    phone: Phone | None = Field(None, description=N_("Phone number."))
    email: Email = Field(description=N_("E-mail address."))


class PrivacyContact(Part):
    same_as_controller: bool = Field(
        False, description=N_("true when privacy questions go to the controller's own contact details.")
    )
    name: ShortText | None = Field(None, description=N_("Who answers privacy questions, e.g. 'Maija Esimerkki'."))
    phone: Phone | None = Field(None, description=N_("Their phone number."))
    email: Email | None = Field(None, description=N_("Their e-mail address."))


class DataProtectionOfficer(Part):
    name: ShortText | None = Field(None, description=N_("The DPO's name (optional: contact details are enough)."))
    email: Email = Field(description=N_("The DPO's e-mail address."))
    phone: Phone | None = Field(None, description=N_("The DPO's phone number."))


class Representative(Address):
    name: ShortText = Field(description=N_("Name of the Art. 27 representative in the EU."))
    email: Email = Field(description=N_("The representative's e-mail address."))
    phone: Phone | None = Field(None, description=N_("The representative's phone number."))


class JointController(Part):
    name: ShortText = Field(description=N_("The other controller's name."))
    business_id: BusinessId | None = Field(None, description=N_("Its Y-tunnus, if Finnish."))
    contact: LocalName = Field(description=N_("How to reach it, e.g. an e-mail address or a web page."))
    arrangement: LocalLongText = Field(
        description=N_("The essence of the arrangement (Art. 26): who does what, and where people turn.")
    )


class Processing(Part):
    name: LocalShortText = Field(description=N_("Name of the processing, e.g. 'Asiakasrekisteri' or 'Customer register'."))
    description: LocalLongText | None = Field(None, description=N_("One or two sentences on what it is about."))
    data_subjects: list[LocalShortText] = Field(
        min_length=1, max_length=MAX_ITEMS, description=N_("Groups of people concerned, e.g. customers, newsletter subscribers.")
    )
    includes_children: bool = Field(False, description=N_("true when the people include children under 18."))
    online_service_for_children: bool | None = Field(
        None,
        description=N_("true when you offer an online service (information society service) directly to children on "
        "the basis of consent; in Finland a child of 13 or over then consents alone (tietosuojalaki 5 §)."),
    )
    child_consent_by: LocalShortText | None = Field(
        None,
        description=N_("Who gives or authorises consent for a child (below 13 for an online service), e.g. 'the child's "
        "guardian'."),
    )
    child_consent_check: LocalLongText | None = Field(
        None, description=N_("How you make sure that the guardian gave or authorised the consent (Art. 8(2)).")
    )


class Retention(Part):
    period: LocalShortText | None = Field(None, description=N_("How long, e.g. '3 years after the last purchase'."))
    criteria: LocalLongText | None = Field(
        None, description=N_("When a fixed period cannot be given: the concrete criteria that decide it.")
    )

    @model_validator(mode="after")
    def _period_or_criteria(self) -> Retention:
        if self.period is None and self.criteria is None:
            raise PydanticCustomError("retention_empty", "give a period or criteria", {})
        return self


class Purpose(Part):
    id: Slug = Field(description=N_("A short name the rest of the file refers to, e.g. 'orders' (a-z, 0-9, _ and -)."))
    description: LocalLongText = Field(description=N_("What the data are used for, stated plainly, e.g. 'Delivering and invoicing orders'."))
    basis: LegalBasis = Field(
        description=N_("Legal basis, Art. 6(1): consent, contract, legal_obligation, vital_interests, public_task or legitimate_interests.")
    )
    contract: LocalLongText | None = Field(None, description=N_("Basis contract (b): what the contract is, e.g. 'the customer's order'."))
    pre_contract_steps: LocalLongText | None = Field(
        None,
        description=N_("Basis contract (b): the steps you take at the person's request before a contract is made, e.g. "
        "'a quote the person asks for'."),
    )
    law: LocalLongText | None = Field(
        None, description=N_("Basis legal_obligation (c) or public_task (e): the law, e.g. 'kirjanpitolaki (1336/1997)'.")
    )
    legitimate_interest: LocalLongText | None = Field(
        None, description=N_("Basis legitimate_interests (f): the specific interest, in your own words.")
    )
    consent_how_asked: LocalLongText | None = Field(None, description=N_("Basis consent (a): how consent is asked."))
    consent_withdrawal: LocalLongText | None = Field(
        None, description=N_("Basis consent (a): how consent is withdrawn, e.g. 'the unsubscribe link in every newsletter'.")
    )
    vital_interest: LocalLongText | None = Field(None, description=N_("Basis vital_interests (d): whose life or health is protected."))
    balancing_test: bool | None = Field(
        None,
        description=N_("Basis legitimate_interests (f): true when you have weighed the interest against the people's "
        "interests and rights and written the assessment down; only then does the notice say so."),
    )
    direct_marketing: bool = Field(False, description=N_("true when this purpose is direct marketing."))
    joint_with: list[ShortText] = _items(
        N_("The names of the joint controllers you decide on this purpose with, as under joint_controllers.")
    )
    retention: Retention | None = Field(None, description=N_("How long data kept for this purpose are stored."))

    @field_validator("basis", mode="before")
    @classmethod
    def _basis_letter(cls, value: Any) -> Any:
        """Accept the article's letter ('f' or '6(1)(f)') as well as the name."""
        if isinstance(value, str):
            match = re.fullmatch(r"\s*(?:6\s*\(1\)\s*)?\(?([a-fA-F])\)?\s*", value)
            if match:
                return list(LegalBasis)["abcdef".index(match.group(1).lower())]
            return value.strip().lower().replace(" ", "_").replace("-", "_")
        return value


RequiredBecause = Literal["statutory", "contractual", "contract_precondition", "not_obliged"]


class DataCategory(Part):
    name: LocalShortText = Field(description=N_("A category of personal data, e.g. 'Name and contact details'."))
    description: LocalLongText | None = Field(None, description=N_("What it includes, if the name does not say it."))
    purposes: list[Slug] = _items(N_("The ids of the purposes it is used for."))
    retention: Retention | None = Field(None, description=N_("How long this category is kept."))
    required: bool | None = Field(
        None, description=N_("true when a person must give it (by law or to get the contract); false when optional.")
    )
    required_because: RequiredBecause | None = Field(
        None,
        description=N_("Why it must be given (Art. 13(2)(e)): statutory (a law requires it), contractual (your contract "
        "with the person requires it), contract_precondition (needed to make a contract with the person) or "
        "not_obliged (you need it, but no law or contract obliges the person to give it)."),
    )


class SpecialCategoryData(Part):
    category: SpecialCategory = Field(
        description=N_("Art. 9(1) category: racial_or_ethnic_origin, political_opinions, religious_or_philosophical_beliefs, "
        "trade_union_membership, genetic, biometric, health or sex_life_or_orientation.")
    )
    description: LocalLongText = Field(description=N_("What exactly, e.g. 'special diets and food allergies'."))
    condition: Art9Condition | None = Field(
        None, description=N_("The Art. 9(2) condition that allows it, e.g. explicit_consent.")
    )
    condition_details: LocalLongText | None = Field(None, description=N_("The law relied on, or how explicit consent is asked."))
    purposes: list[Slug] = _items(N_("The ids of the purposes it is used for."))


class CriminalData(Part):
    description: LocalLongText = Field(description=N_("What data on criminal convictions or offences (Art. 10)."))
    law: LocalLongText = Field(description=N_("The law that allows it, e.g. the act on checking the criminal background of people working with children."))


class OtherSource(Part):
    name: LocalName = Field(description=N_("The source, named: e.g. 'Trade Register (PRH)' or 'the customer's employer'."))
    description: LocalLongText | None = Field(None, description=N_("What data come from it."))
    public: bool = Field(False, description=N_("true when it is a publicly accessible source."))


class Sources(Part):
    from_data_subject: bool = Field(True, description=N_("true when data come from the people themselves (Art. 13)."))
    from_other_sources: bool = Field(False, description=N_("true when data also come from elsewhere (Art. 14)."))
    other_sources: list[OtherSource] = _items(N_("Where else the data come from."))


class OtherPeople(Part):
    who: LocalShortText = Field(description=N_("Who they are, e.g. 'the person a customer books an appointment for'."))
    data: LocalLongText = Field(description=N_("What data about them you get, e.g. 'name and phone number'."))
    source: LocalName = Field(description=N_("Who gives you their data, e.g. 'the customer who books'."))
    purposes: list[Slug] = _items(N_("The ids of the purposes their data are used for."))


ProvisionBasis = Literal["statutory", "contractual", "contract_precondition", "voluntary", "mixed"]


class Provision(Part):
    requirement: ProvisionBasis = Field(
        description=N_("Whether people must give the data: statutory, contractual, contract_precondition (needed to make a "
        "contract), voluntary, or mixed (some data required, some optional; mark the categories).")
    )
    consequences: LocalLongText = Field(description=N_("What happens if the data are not given, e.g. 'we cannot deliver the order'."))


class Transfer(Part):
    mechanism: TransferMechanism | None = Field(
        None, description=N_("Ground for the transfer: adequacy, dpf (EU-US Data Privacy Framework), scc (2021/914), bcr or derogation.")
    )
    derogation: Derogation | None = Field(None, description=N_("With mechanism derogation: which Art. 49(1) derogation."))
    safeguards_copy: LocalLongText | None = Field(
        None, description=N_("With scc or bcr: how a person gets a copy of the safeguards, e.g. a link or 'ask us by e-mail'.")
    )


CookieCategory = Literal["necessary", "preferences", "analytics", "marketing"]


RecipientRole = Literal["processor", "controller", "authority", "people"]


class Recipient(Part):
    name: LocalName = Field(description=N_("A name or a specific category, e.g. 'accounting firm' or 'Esimerkki Mail Inc.'."))
    role: RecipientRole = Field(
        "processor",
        description=N_("processor (works for you), controller (uses the data for its own purposes), authority, or people "
        "(private persons, e.g. the other participants of a course, or the public when something is published)."),
    )
    service: LocalLongText = Field(description=N_("What it does with the data, e.g. 'sends our newsletter'."))
    purposes: list[Slug] = _items(
        N_("The ids of the purposes it gets the data for; the notice's table of the processing names it beside them.")
    )
    country: Country | None = Field(None, description=N_("Where it processes the data, e.g. FI or US."))
    cookies: list[CookieCategory] = _items(
        N_("The kinds of cookies it sets on your website, if any: preferences, analytics and/or marketing.")
    )
    processing_agreement: bool | None = Field(
        None,
        description=N_("For a processor: true when you have a data processing agreement with it (Art. 28); only then "
        "does the notice say so."),
    )
    transfer: Transfer | None = Field(None, description=N_("When the country is outside the EU/EEA: the ground for the transfer."))


DecisionGround = Literal["contract", "law", "explicit_consent"]


class AutomatedDecisions(Part):
    used: bool = Field(False, description=N_("true when decisions with legal or similarly significant effects are made by machine alone (Art. 22)."))
    profiling: bool = Field(False, description=N_("true when those decisions use profiling."))
    logic: LocalLongText | None = Field(None, description=N_("Meaningful information about the logic involved."))
    significance: LocalLongText | None = Field(None, description=N_("What the decision means for the person."))
    consequences: LocalLongText | None = Field(None, description=N_("The envisaged consequences for the person."))
    ground: DecisionGround | None = Field(
        None,
        description=N_("Why such a decision is allowed (Art. 22(2)): contract (necessary to make or carry out a contract "
        "with the person), law (a law allows it and lays down safeguards) or explicit_consent."),
    )
    law: LocalLongText | None = Field(None, description=N_("With ground law: the law that allows the decision."))
    purposes: list[Slug] = _items(N_("The ids of the purposes the decisions are made for."))
    other_profiling: LocalLongText | None = Field(
        None,
        description=N_("Profiling that leads to no such decision, e.g. grouping customers by their purchases to target "
        "offers: what you do, in plain words."),
    )




class CookieLifetime(Part):
    category: CookieCategory = Field(description=N_("The kind of cookies: preferences, analytics or marketing."))
    lifetime: LocalShortText = Field(description=N_("How long these cookies stay on the device, e.g. '13 months'."))
    purposes: list[Slug] = _items(
        N_("The ids of the purposes the data collected with these cookies serve, e.g. 'analytics': purposes based on "
        "consent, whose retention period is how long those data are kept.")
    )


class Cookies(Part):
    used: bool = Field(True, description=N_("true when the website uses cookies or similar technologies."))
    categories: list[CookieCategory] = _items(N_("necessary, preferences, analytics and/or marketing."))
    lifetimes: list[CookieLifetime] = _items(
        N_("For each kind of cookie that needs consent, how long it is kept: its retention period (Art. 13(2)(a)).")
    )
    tools: list[LocalName] = _items(N_("Named tools, e.g. 'Matomo (self-hosted)'."))
    how_to_manage: LocalLongText | None = Field(None, description=N_("How people give, refuse and change their cookie choices."))


MarketingChannel = Literal["email", "sms", "phone", "post", "social_media", "other"]


MarketingAudience = Literal["consumers", "businesses", "both"]


class DirectMarketing(Part):
    channels: list[MarketingChannel] = _items(N_("email, sms, phone, post, social_media or other."), min_length=1)
    opt_out: LocalLongText = Field(description=N_("How people stop the marketing, e.g. 'the unsubscribe link in every message'."))
    audience: MarketingAudience | None = Field(
        None,
        description=N_("Whom the marketing goes to: consumers (private persons), businesses (people in their work role "
        "at companies and organisations) or both. E-mail and text messages to consumers need consent (917/2014, 200 §)."),
    )
    existing_customer_exception: bool | None = Field(
        None,
        description=N_("true when e-mail or text-message marketing without consent goes only to your own customers whose "
        "address you got in a sale, is about your own similar products, and they could refuse it free and easily when "
        "giving the address and can refuse it in every message (917/2014, 200 § 2 mom.)."),
    )


SecurityMeasure = Literal[
    "access_control",
    "multi_factor_authentication",
    "need_to_know",
    "encryption_in_transit",
    "encryption_at_rest",
    "backups",
    "firewall",
    "logging",
    "locked_premises",
    "confidentiality_obligations",
    "processor_agreements",
    "staff_training",
]


class Security(Part):
    measures: list[SecurityMeasure] = _items(N_("Measures from the list, e.g. access_control, encryption_in_transit."))
    description: LocalLongText | None = Field(None, description=N_("Anything else, in your own words."))


class Rights(Part):
    how: LocalLongText | None = Field(None, description=N_("How people make a request, e.g. 'by e-mail to the privacy contact'."))
    email: Email | None = Field(None, description=N_("An e-mail address for requests, if it differs from the privacy contact's."))
    web_form: Website | None = Field(None, description=N_("A web form for requests."))


ChangeChannel = Literal["website", "email", "sms", "letter", "premises"]


class Notice(Part):
    date: NoticeDate = Field(description=N_("The notice's date, e.g. 2026-11-22 or 22.11.2026."))
    version: ShortText = Field("1.0", max_length=20, description=N_("The notice's version, e.g. 1.0."))
    announce_changes: list[ChangeChannel] = _items(
        N_("How you tell people when the notice changes in a way that matters to them: website, email, sms, letter "
        "and/or premises. The notice promises only these.")
    )


class Answers(Part):
    """A business's answers: the one source of truth for its notice."""

    model_config = ConfigDict(title="seloste answers", extra="forbid", validate_default=True)

    schema_version: Literal[3] = Field(SCHEMA_VERSION, description=N_("Version of this file's layout."))
    language: LanguageCode = Field(
        DEFAULT_LANGUAGE,
        description=N_("The language the plain texts are written in, e.g. fi; a text may also be given by language: "
        "{fi: ..., en: ...}."),
    )
    controller: Controller = Field(description=N_("Who decides on the processing: the business itself."))
    privacy_contact: PrivacyContact = Field(
        default_factory=lambda: PrivacyContact(same_as_controller=True),
        description=N_("Who answers privacy questions; same_as_controller: true if the controller does."),
    )
    dpo: DataProtectionOfficer | None = Field(None, description=N_("Data protection officer, if one is designated."))
    eu_representative: Representative | None = Field(None, description=N_("Only for a controller outside the EU/EEA (Art. 27)."))
    joint_controllers: list[JointController] = _items(N_("Controllers you decide the processing with (Art. 26)."))
    processing: Processing = Field(description=N_("What processing the notice is about."))
    purposes: list[Purpose] = Field(min_length=1, max_length=MAX_ITEMS, description=N_("Why the data are used, each with its legal basis."))
    personal_data: list[DataCategory] = Field(min_length=1, max_length=MAX_ITEMS, description=N_("The categories of personal data."))
    special_categories: list[SpecialCategoryData] = _items(N_("Special categories of data (Art. 9), with their condition."))
    criminal_data: CriminalData | None = Field(None, description=N_("Data on criminal convictions and offences (Art. 10)."))
    sources: Sources = Field(default_factory=Sources, description=N_("Where the data come from."))
    other_people: list[OtherPeople] = _items(
        N_("People whose data you get from someone else, e.g. a family member a customer books for (Art. 14).")
    )
    provision: Provision | None = Field(None, description=N_("Whether people must give the data, and what happens if they do not (Art. 13(2)(e))."))
    shares_data: bool | None = Field(
        None,
        description=N_("false when no one outside your business gets the data (no service provider, no other company, "
        "no authority); true when someone does. An empty list of recipients alone does not say it."),
    )
    recipients: list[Recipient] = _items(N_("Who else gets the data: processors, other controllers, authorities."))
    transfers_outside_eea: bool | None = Field(
        None,
        description=N_("false when no data go outside the EU/EEA; true when some do (name the recipient that gets "
        "them). Only with false does the notice say that nothing leaves the EU/EEA."),
    )
    retention: Retention | None = Field(None, description=N_("The general retention rule, for data with no rule of their own."))
    automated_decisions: AutomatedDecisions = Field(default_factory=AutomatedDecisions, description=N_("Automated decisions (Art. 22)."))
    cookies: Cookies | None = Field(None, description=N_("Cookies and analytics on the website."))
    direct_marketing: DirectMarketing | None = Field(None, description=N_("Direct marketing: channels and how to opt out."))
    security: Security | None = Field(None, description=N_("How the data are protected."))
    rights: Rights = Field(default_factory=Rights, description=N_("How people exercise their rights."))
    notice: Notice = Field(description=N_("The notice's date and version."))


def answers_json_schema() -> dict[str, Any]:
    return Answers.model_json_schema(mode="validation")
