"""Legal facts the answers are checked against: country groups, legal bases and their letters.

One place for each fact. Sources: GDPR Art. 6, 9, 45-49; the Commission's list of adequacy decisions.
"""

from enum import StrEnum

EU = frozenset(
    "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE".split()
    # Parts of member states with ISO codes of their own: Åland (Finland) and France's outermost regions.
    + "AX GF GP MQ RE YT MF".split()
)
EEA = EU | {"IS", "LI", "NO"}

# Countries with a Commission adequacy decision (Art. 45). The United States is covered only for
# companies certified under the EU-US Data Privacy Framework, so it is handled as its own mechanism.
# Canada's decision covers only commercial organisations subject to PIPEDA.
ADEQUATE_COUNTRIES = frozenset("AD AR CA CH FO GB GG IL IM JE JP KR NZ UY".split())
DPF_COUNTRY = "US"
# The adequacy decision on the EU-US Data Privacy Framework, and the public list of certified companies.
DPF_DECISION = "(EU) 2023/1795"
DPF_LIST_URL = "https://www.dataprivacyframework.gov/list"

# Finland's age of digital consent (Art. 8; tietosuojalaki 1050/2018, 5 §).
CHILD_CONSENT_AGE = 13


class LegalBasis(StrEnum):
    """Art. 6(1) bases, named for what they mean; the letter is in `BASIS_LETTER`."""

    consent = "consent"
    contract = "contract"
    legal_obligation = "legal_obligation"
    vital_interests = "vital_interests"
    public_task = "public_task"
    legitimate_interests = "legitimate_interests"


BASIS_LETTER = dict(zip(LegalBasis, "abcdef"))


class SpecialCategory(StrEnum):
    """Art. 9(1) special categories of personal data."""

    racial_or_ethnic_origin = "racial_or_ethnic_origin"
    political_opinions = "political_opinions"
    religious_or_philosophical_beliefs = "religious_or_philosophical_beliefs"
    trade_union_membership = "trade_union_membership"
    genetic = "genetic"
    biometric = "biometric"
    health = "health"
    sex_life_or_orientation = "sex_life_or_orientation"


class Art9Condition(StrEnum):
    """Art. 9(2) conditions that lift the ban on special categories."""

    explicit_consent = "explicit_consent"
    employment_and_social_security = "employment_and_social_security"
    vital_interests = "vital_interests"
    nonprofit_members = "nonprofit_members"
    made_public_by_the_person = "made_public_by_the_person"
    legal_claims = "legal_claims"
    substantial_public_interest = "substantial_public_interest"
    health_or_social_care = "health_or_social_care"
    public_health = "public_health"
    archiving_research_statistics = "archiving_research_statistics"


ART9_LETTER = dict(zip(Art9Condition, "abcdefghij"))


class TransferMechanism(StrEnum):
    """Chapter V grounds for a transfer outside the EU/EEA."""

    adequacy = "adequacy"  # Art. 45
    dpf = "dpf"  # Art. 45: EU-US Data Privacy Framework, certified US company
    scc = "scc"  # Art. 46(2)(c): standard contractual clauses, Decision (EU) 2021/914
    bcr = "bcr"  # Art. 47: binding corporate rules
    derogation = "derogation"  # Art. 49


# Mechanisms whose documents a person has the right to get a copy of (Art. 13(1)(f)).
SAFEGUARD_MECHANISMS = frozenset({TransferMechanism.scc, TransferMechanism.bcr})


class Derogation(StrEnum):
    """Art. 49(1) derogations for specific situations."""

    explicit_consent = "explicit_consent"  # (a)
    contract_with_the_person = "contract_with_the_person"  # (b)
    contract_in_the_persons_interest = "contract_in_the_persons_interest"  # (c)
    important_public_interest = "important_public_interest"  # (d)
    legal_claims = "legal_claims"  # (e)
    vital_interests = "vital_interests"  # (f)
    public_register = "public_register"  # (g)
    compelling_legitimate_interests = "compelling_legitimate_interests"  # second subparagraph


DEROGATION_ARTICLE = {
    **{d: f"49(1)({letter})" for d, letter in zip(list(Derogation)[:7], "abcdefg")},
    Derogation.compelling_legitimate_interests: "49(1), second subparagraph",
}


def is_in_eea(country: str) -> bool:
    return country in EEA
