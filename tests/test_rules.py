"""Every rule across fields in wizard/rules.py: what makes it fire, at which field, and that a correct answer
stays quiet. Each case changes the valid answers of tests/conftest.py in one way."""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable
from typing import Any

import pytest
import yaml

from wizard import rules
from wizard.check import Report, check_bytes
from wizard.rules import display_path

Answers = dict[str, Any]


def check(data: Answers) -> Report:
    """Check answers the way `seloste check` does: from the bytes of a YAML file."""
    return check_bytes(yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode("utf-8"))


def findings(data: Answers) -> set[tuple[str, str, str]]:
    return {(d.severity, d.code, display_path(d.path)) for d in check(data).diagnostics}


def purpose(data: Answers, **fields: Any) -> dict[str, Any]:
    """Replace the one purpose with `fields` (an id, a description and a basis unless given)."""
    new = {"id": "orders", "description": "Tilausten toimittaminen", "basis": "contract", **fields}
    data["purposes"] = [new]
    data["personal_data"][0]["purposes"] = [new["id"]]
    return new


def add_purpose(data: Answers, **fields: Any) -> None:
    data["purposes"].append(fields)
    data["personal_data"][0]["purposes"].append(fields["id"])


def newsletter(**fields: Any) -> dict[str, Any]:
    return {
        "id": "newsletter",
        "description": "Uutiskirjeen lähettäminen tilaajille",
        "basis": "consent",
        "consent_withdrawal": "peruutuslinkki jokaisessa uutiskirjeessä",
        **fields,
    }


def recipient(data: Answers, country: str | None, transfer: dict[str, Any] | None = None, **fields: Any) -> None:
    entry: dict[str, Any] = {"name": "Postipalvelu Inc.", "service": "lähettää uutiskirjeen", **fields}
    if country is not None:
        entry["country"] = country
    if transfer is not None:
        entry["transfer"] = transfer
    data["recipients"] = [entry]
    data["shares_data"] = True


def abroad(data: Answers, country: str = "US") -> None:
    """The controller itself outside the EU/EEA (no Y-tunnus needed, no Finnish postal code)."""
    data["controller"].update(country=country, postal_code="10001", city="New York")
    del data["controller"]["business_id"]


# --- each rule fires --------------------------------------------------------------------------------------

Change = Callable[[Answers], Any]

FIRES: list[tuple[str, Change, str, str, str]] = [
    # (case, change, severity, code, field)
    ("no Y-tunnus", lambda d: d["controller"].pop("business_id"), "error", "business_id_required", "controller.business_id"),
    (
        "privacy contact without e-mail",
        lambda d: d.update(privacy_contact={"name": "Maija Esimerkki"}),
        "error",
        "privacy_contact_incomplete",
        "privacy_contact.email",
    ),
    (
        "EU representative of a Finnish controller",
        lambda d: d.update(
            eu_representative={
                "name": "Edustaja AB",
                "email": "rep@edustaja.example",
                "street_address": "Storgatan 1",
                "postal_code": "111 22",
                "city": "Stockholm",
                "country": "SE",
            }
        ),
        "error",
        "representative_in_eea",
        "eu_representative",
    ),
    (
        "two purposes with one id",
        lambda d: d["purposes"].append(dict(d["purposes"][0])),
        "error",
        "duplicate_purpose_id",
        "purposes[2].id",
    ),
    (
        "legitimate interests without the interest",
        lambda d: purpose(d, basis="legitimate_interests"),
        "error",
        "basis_needs_interest",
        "purposes[1].legitimate_interest",
    ),
    (
        "legal obligation without the law",
        lambda d: purpose(d, id="bookkeeping", description="Kirjanpito", basis="legal_obligation"),
        "error",
        "basis_needs_law",
        "purposes[1].law",
    ),
    (
        "public task without the law",
        lambda d: purpose(d, basis="public_task"),
        "error",
        "public_task_needs_law",
        "purposes[1].law",
    ),
    (
        "consent without how to withdraw",
        lambda d: add_purpose(d, **newsletter(consent_withdrawal=None)),
        "error",
        "consent_needs_withdrawal",
        "purposes[2].consent_withdrawal",
    ),
    (
        "data category for a purpose that does not exist",
        lambda d: d["personal_data"][0].update(purposes=["orders", "order"]),
        "error",
        "unknown_purpose",
        "personal_data[1].purposes[2]",
    ),
    ("no retention anywhere", lambda d: d.pop("retention"), "error", "retention_missing", "personal_data[1].retention"),
    (
        "special category without its 9(2) condition",
        lambda d: d.update(special_categories=[{"category": "health", "description": "ruoka-allergiat"}]),
        "error",
        "special_category_no_condition",
        "special_categories[1].condition",
    ),
    (
        "Art. 14 source not named",
        lambda d: d.update(sources={"from_other_sources": True}),
        "error",
        "sources_unnamed",
        "sources.other_sources",
    ),
    (
        "data from nowhere",
        lambda d: d.update(sources={"from_data_subject": False}),
        "error",
        "sources_none",
        "sources",
    ),
    ("no word on whether data must be given", lambda d: d.pop("provision"), "error", "provision_missing", "provision"),
    (
        "transfer without a country",
        lambda d: recipient(d, None, {"mechanism": "scc", "safeguards_copy": "pyydä sähköpostilla"}),
        "error",
        "transfer_no_country",
        "recipients[1].country",
    ),
    (
        "recipient outside the EEA without a transfer",
        lambda d: recipient(d, "US"),
        "error",
        "transfer_no_mechanism",
        "recipients[1].transfer",
    ),
    (
        "transfer without a mechanism",
        lambda d: recipient(d, "CN", {"safeguards_copy": "pyydä sähköpostilla"}),
        "error",
        "transfer_no_mechanism",
        "recipients[1].transfer.mechanism",
    ),
    (
        "adequacy for the United States",
        lambda d: recipient(d, "US", {"mechanism": "adequacy"}),
        "error",
        "adequacy_us",
        "recipients[1].transfer.mechanism",
    ),
    (
        "adequacy for a country without a decision",
        lambda d: recipient(d, "CN", {"mechanism": "adequacy"}),
        "error",
        "adequacy_not_available",
        "recipients[1].transfer.mechanism",
    ),
    (
        "DPF outside the United States",
        lambda d: recipient(d, "GB", {"mechanism": "dpf"}),
        "error",
        "dpf_not_us",
        "recipients[1].transfer.mechanism",
    ),
    (
        "derogation without saying which",
        lambda d: recipient(d, "CN", {"mechanism": "derogation"}),
        "error",
        "derogation_missing",
        "recipients[1].transfer.derogation",
    ),
    (
        "SCC without how to get a copy",
        lambda d: recipient(d, "IN", {"mechanism": "scc"}),
        "error",
        "safeguards_copy_missing",
        "recipients[1].transfer.safeguards_copy",
    ),
    (
        "BCR without how to get a copy",
        lambda d: recipient(d, "IN", {"mechanism": "bcr"}),
        "error",
        "safeguards_copy_missing",
        "recipients[1].transfer.safeguards_copy",
    ),
    (
        "automated decisions without the logic",
        lambda d: d.update(automated_decisions={"used": True, "significance": "x", "consequences": "y"}),
        "error",
        "automated_decision_incomplete",
        "automated_decisions.logic",
    ),
    (
        "automated decisions without their significance",
        lambda d: d.update(automated_decisions={"used": True, "logic": "x", "consequences": "y"}),
        "error",
        "automated_decision_incomplete",
        "automated_decisions.significance",
    ),
    (
        "automated decisions without their consequences",
        lambda d: d.update(automated_decisions={"used": True, "logic": "x", "significance": "y"}),
        "error",
        "automated_decision_incomplete",
        "automated_decisions.consequences",
    ),
    (
        "marketing purpose without how to opt out",
        lambda d: add_purpose(d, **newsletter(direct_marketing=True)),
        "error",
        "direct_marketing_unexplained",
        "purposes[2].direct_marketing",
    ),
    (
        "marketing section without a marketing purpose",
        lambda d: d.update(direct_marketing={"channels": ["email"], "opt_out": "peruutuslinkki"}),
        "error",
        "direct_marketing_no_purpose",
        "direct_marketing",
    ),
    # --- warnings ---
    ("controller abroad without an EU representative", abroad, "warning", "representative_missing", "eu_representative"),
    (
        "a detail of another basis",
        lambda d: d["purposes"][0].update(law="kauppalaki"),
        "warning",
        "ignored_basis_detail",
        "purposes[1].law",
    ),
    (
        "consent used for what the contract needs",
        lambda d: purpose(d, basis="consent", consent_withdrawal="ilmoittamalla meille"),
        "warning",
        "consent_for_contract",
        "purposes[1].basis",
    ),
    (
        "legitimate interests of a public body",
        lambda d: (
            d["controller"].update(type="public_body"),
            purpose(d, basis="legitimate_interests", legitimate_interest="tilastointi"),
        ),
        "warning",
        "legitimate_interests_public_body",
        "purposes[1].basis",
    ),
    (
        "required data used only with consent",
        lambda d: (purpose(d, **newsletter()), d["personal_data"][0].update(purposes=["newsletter"])),
        "warning",
        "consent_for_required_data",
        "personal_data[1].required",
    ),
    (
        "mixed provision with no category marked",
        lambda d: (d["provision"].update(requirement="mixed"), d["personal_data"][0].pop("required")),
        "warning",
        "mixed_without_required",
        "provision.requirement",
    ),
    (
        "recipient with no country",
        lambda d: recipient(d, None),
        "warning",
        "recipient_no_country",
        "recipients[1].country",
    ),
    (
        "transfer ground inside the EEA",
        lambda d: recipient(d, "SE", {"mechanism": "scc", "safeguards_copy": "pyydä"}),
        "warning",
        "transfer_inside_eea",
        "recipients[1].transfer",
    ),
    (
        "US recipient with neither DPF nor SCC",
        lambda d: recipient(d, "US", {"mechanism": "derogation", "derogation": "explicit_consent"}),
        "warning",
        "us_transfer_unprotected",
        "recipients[1].transfer.mechanism",
    ),
    (
        "children marked",
        lambda d: d["processing"].update(includes_children=True),
        "warning",
        "children",
        "processing.includes_children",
    ),
    (
        "children among the people concerned",
        lambda d: d["processing"].update(data_subjects=["asiakkaat", "koululaiset"]),
        "warning",
        "children",
        "processing.data_subjects[2]",
    ),
    (
        "the repealed henkilötietolaki",
        lambda d: d.update(rights={"how": "Tarkastuspyyntö henkilötietolain 26 §:n mukaisesti."}),
        "warning",
        "legacy_law",
        "rights.how",
    ),
    (
        "the Ombudsman's old Ratapihantie address",
        lambda d: d.update(rights={"how": "Valituksen voi tehdä tietosuojavaltuutetulle, Ratapihantie 9, 00520 Helsinki."}),
        "warning",
        "legacy_authority_address",
        "rights.how",
    ),
    (
        "Privacy Shield",
        lambda d: recipient(d, "US", {"mechanism": "dpf"}, service="Privacy Shield -sertifioitu postituspalvelu"),
        "warning",
        "legacy_transfer_tool",
        "recipients[1].service",
    ),
    (
        "special diet with no special category",
        lambda d: d["personal_data"][0].update(description="nimi, puhelinnumero ja erityisruokavalio"),
        "warning",
        "possible_special_category",
        "personal_data[1].description",
    ),
    (
        "signed access requests",
        lambda d: d.update(rights={"how": "Pyyntö on tehtävä omakätisesti allekirjoitettuna."}),
        "warning",
        "identity_formalities",
        "rights.how",
    ),
    (
        "as long as necessary",
        lambda d: d["retention"].update(period="niin kauan kuin on tarpeen"),
        "warning",
        "vague_retention",
        "retention.period",
    ),
    (
        "as long as necessary, in English, for a purpose",
        lambda d: d["purposes"][0].update(retention={"period": "as long as necessary"}),
        "warning",
        "vague_retention",
        "purposes[1].retention.period",
    ),
    # Statements the notice makes only from an answer.
    (
        "recipients listed after saying no one gets the data",
        lambda d: (recipient(d, "FI"), d.update(shares_data=False)),
        "error",
        "shares_data_contradiction",
        "shares_data",
    ),
    ("someone gets the data, but no one is named", lambda d: d.update(shares_data=True), "error", "recipients_unnamed", "recipients"),
    ("no recipients and no answer about them", lambda d: d.pop("shares_data"), "warning", "recipients_unanswered", "shares_data"),
    (
        "a US recipient after saying nothing leaves the EU/EEA",
        lambda d: (recipient(d, "US", {"mechanism": "dpf"}), d.update(transfers_outside_eea=False)),
        "error",
        "transfers_contradiction",
        "transfers_outside_eea",
    ),
    (
        "transfers without a recipient abroad",
        lambda d: (recipient(d, "FI", processing_agreement=True), d.update(transfers_outside_eea=True)),
        "error",
        "transfer_recipient_unnamed",
        "transfers_outside_eea",
    ),
    (
        "recipients in Finland and no answer about transfers",
        lambda d: recipient(d, "FI", processing_agreement=True),
        "warning",
        "transfers_unanswered",
        "transfers_outside_eea",
    ),
    (
        "a processor with no data processing agreement",
        lambda d: recipient(d, "FI"),
        "warning",
        "processing_agreement_missing",
        "recipients[1].processing_agreement",
    ),
    (
        "every processor said to have an agreement, but one has none",
        lambda d: (recipient(d, "FI", processing_agreement=False), d.update(security={"measures": ["processor_agreements"]})),
        "error",
        "processing_agreement_contradiction",
        "recipients[1].processing_agreement",
    ),
    (
        "legitimate interests with no balancing test",
        lambda d: purpose(d, basis="legitimate_interests", legitimate_interest="maksupetosten estäminen"),
        "warning",
        "balancing_test_missing",
        "purposes[1].balancing_test",
    ),
    ("no way to announce changes", lambda d: d["notice"].pop("announce_changes"), "warning", "changes_unannounced", "notice.announce_changes"),
    # The Finnish-law rule pack and plausibility (issue 12, §2).
    (
        "e-mail marketing to consumers on legitimate interests (917/2014, 200 §)",
        lambda d: email_marketing(d, audience="consumers"),
        "error",
        "electronic_marketing_needs_consent",
        "purposes[2].basis",
    ),
    (
        "a contract with the client company for its contact persons",
        lambda d: d["purposes"][0].update(contract="asiakasyrityksen kanssa tehty konsulttisopimus"),
        "warning",
        "contract_for_non_party",
        "purposes[1].basis",
    ),
    (
        "Google Analytics named in the cookies but not a recipient",
        lambda d: cookies(d, tools=["Google Analytics"]),
        "error",
        "vendor_not_a_recipient",
        "cookies.tools[1]",
    ),
    (
        "Mailchimp as a recipient with no country",
        lambda d: recipient(d, None, name="Mailchimp", processing_agreement=True),
        "error",
        "vendor_country_missing",
        "recipients[1].country",
    ),
    ("analytics cookies without their lifetime", lambda d: cookies(d, lifetimes=[]), "error", "cookie_lifetime_missing", "cookies.lifetimes"),
    (
        "analytics cookies with the browser as the only way out",
        lambda d: (cookies(d), d["cookies"].pop("how_to_manage")),
        "error",
        "cookie_withdrawal_missing",
        "cookies.how_to_manage",
    ),
    (
        "cookies serving a purpose that is not there",
        lambda d: cookies(d, lifetimes=[{"category": "analytics", "lifetime": "13 kuukautta", "purposes": ["stats"]}]),
        "error",
        "unknown_purpose",
        "cookies.lifetimes[1].purposes[1]",
    ),
    (
        "analytics cookies that name no purpose for the data collected with them",
        lambda d: cookies(d),
        "warning",
        "cookie_purpose_missing",
        "cookies.lifetimes[1].purposes",
    ),
    (
        "a data category's own period, which the period of its every purpose replaces",
        lambda d: (d["personal_data"][0].update(retention={"period": "2 vuotta viimeisestä tilauksesta"}),
                   d["purposes"][0].update(retention={"period": "1 vuosi viimeisestä tilauksesta"})),
        "warning",
        "category_retention_overridden",
        "personal_data[1].retention.period",
    ),
    (
        "analytics cookies serving a contract purpose",
        lambda d: cookies(d, lifetimes=[{"category": "analytics", "lifetime": "13 kuukautta", "purposes": ["orders"]}]),
        "error",
        "cookie_purpose_not_consent",
        "cookies.lifetimes[1].purposes[1]",
    ),
    (
        "payment details said to be required by the Accounting Act",
        lambda d: (add_purpose(d, id="bookkeeping", description="Kirjanpito", basis="c", law="kirjanpitolaki (1336/1997)"),
                   d["personal_data"][0].update(purposes=["orders", "bookkeeping"], required_because="statutory")),
        "warning",
        "statutory_only_bookkeeping",
        "personal_data[1].required_because",
    ),
    (
        "esim. in a recipient's service",
        lambda d: recipient(d, "FI", processing_agreement=True, service="IT-palvelut, esim. varmuuskopiot"),
        "warning",
        "vague_word",
        "recipients[1].service",
    ),
    ("partners in English", lambda d: d["processing"].update(description="We share data with our partners."), "warning", "vague_word", "processing.description"),
    # --- automated decisions (Art. 22(2)), children's consent (Art. 8), other people (Art. 14) ---
    (
        "automated decisions with nothing that allows them",
        lambda d: d.update(automated_decisions={"used": True, "logic": "pisteytys", "significance": "luottoraja", "consequences": "hylkäys",
                                                "purposes": ["orders"]}),
        "error",
        "automated_decision_ground_missing",
        "automated_decisions.ground",
    ),
    (
        "automated decisions allowed by an unnamed law",
        lambda d: d.update(automated_decisions={"used": True, "logic": "pisteytys", "significance": "luottoraja", "consequences": "hylkäys",
                                                "ground": "law", "purposes": ["orders"]}),
        "error",
        "automated_decision_law_missing",
        "automated_decisions.law",
    ),
    (
        "automated decisions for no purpose",
        lambda d: d.update(automated_decisions={"used": True, "logic": "pisteytys", "significance": "luottoraja", "consequences": "hylkäys",
                                                "ground": "contract"}),
        "warning",
        "automated_decision_purposes_missing",
        "automated_decisions.purposes",
    ),
    (
        "children and consent, with no word on who consents for a child",
        lambda d: (d["processing"].update(includes_children=True), add_purpose(d, **newsletter())),
        "warning",
        "child_consent_unanswered",
        "processing.child_consent_by",
    ),
    (
        "children's consent without children",
        lambda d: d["processing"].update(child_consent_by="huoltaja"),
        "warning",
        "child_consent_without_children",
        "processing.child_consent_by",
    ),
    (
        "a purpose no data category uses",
        lambda d: d["purposes"].append({"id": "events", "description": "Tapahtumien järjestäminen", "basis": "contract"}),
        "warning",
        "purpose_without_data",
        "personal_data",
    ),
    (
        "a recipient not linked to any purpose",
        lambda d: recipient(d, "FI"),
        "warning",
        "recipient_no_purpose",
        "recipients[1].purposes",
    ),
    (
        "a recipient linked to a purpose that does not exist",
        lambda d: recipient(d, "FI", purposes=["nosuch"]),
        "error",
        "unknown_purpose",
        "recipients[1].purposes[1]",
    ),
    (
        "other people with no purpose",
        lambda d: d.update(other_people=[{"who": "perheenjäsen, jolle asiakas varaa ajan", "data": "nimi", "source": "asiakas"}]),
        "warning",
        "other_people_no_purpose",
        "other_people[1].purposes",
    ),
    # --- why data must be given, per category (Art. 13(2)(e)) and joint controllers per purpose (Art. 26) ---
    (
        "a reason to give data that are optional",
        lambda d: d["personal_data"][0].update(required=False, required_because="contract_precondition"),
        "error",
        "required_because_optional",
        "personal_data[1].required_because",
    ),
    (
        "required by law, but used only for an order",
        lambda d: d["personal_data"][0].update(required_because="statutory"),
        "warning",
        "statutory_without_law",
        "personal_data[1].required_because",
    ),
    (
        "our contract requires it, from contact persons handled on legitimate interests",
        lambda d: (purpose(d, basis="f", legitimate_interest="hoitaa asiakasyrityksen toimeksianto", balancing_test=True),
                   d["personal_data"][0].update(required_because="contractual")),
        "warning",
        "contractual_without_contract",
        "personal_data[1].required_because",
    ),
    (
        "needed to make a contract, by a category used only against fraud (the other one is for the order)",
        lambda d: technical_data(d, "contract_precondition"),
        "warning",
        "precondition_without_contract",
        "personal_data[2].required_because",
    ),
    (
        "some data required and some optional, without saying why",
        lambda d: (d["provision"].update(requirement="mixed"), d["personal_data"].append({"name": "Syntymäpäivä", "purposes": ["orders"], "required": False})),
        "warning",
        "required_reason_missing",
        "personal_data[1].required_because",
    ),
    (
        "a joint controller with no purpose of its own",
        lambda d: d.update(joint_controllers=[{"name": "Yhdistys ry", "contact": "yhdistys@example.fi", "arrangement": "Järjestämme tapahtuman yhdessä."}]),
        "warning",
        "joint_purposes_missing",
        "joint_controllers[1].name",
    ),
    (
        "a purpose decided with an organisation that is not a joint controller",
        lambda d: d["purposes"][0].update(joint_with=["Yhdistys ry"]),
        "error",
        "unknown_joint_controller",
        "purposes[1].joint_with[1]",
    ),
    (
        "a joint controller that is also a separate controller",
        lambda d: (d.update(joint_controllers=[{"name": "Yhdistys ry", "contact": "yhdistys@example.fi", "arrangement": "Järjestämme tapahtuman yhdessä."}]),
                   d["purposes"][0].update(joint_with=["Yhdistys ry"]),
                   recipient(d, "FI", name="Yhdistys ry", role="controller")),
        "warning",
        "joint_controller_also_separate",
        "joint_controllers[1].name",
    ),
    (
        "the customer relationship as the basis",
        lambda d: d["purposes"][0].update(contract="asiakassuhde"),
        "warning",
        "customer_relationship_basis",
        "purposes[1].contract",
    ),
]


def technical_data(data: Answers, reason: str, purposes: tuple[str, ...] = ("fraud",)) -> None:
    """A second purpose on legitimate interests, and a required category of its own for `purposes`."""
    data["purposes"].append({"id": "fraud", "description": "Maksupetosten estäminen", "basis": "legitimate_interests",
                             "legitimate_interest": "suojata kauppaa maksupetoksilta", "balancing_test": True})
    data["personal_data"].append({"name": "Tekniset tiedot", "purposes": list(purposes), "required": True,
                                  "required_because": reason})


def email_marketing(data: Answers, **marketing: Any) -> None:
    add_purpose(data, id="offers", description="Tarjousten lähettäminen", basis="legitimate_interests",
                legitimate_interest="kertoa tarjouksista", balancing_test=True, direct_marketing=True)
    data["direct_marketing"] = {"channels": ["email"], "opt_out": "peruutuslinkki jokaisessa viestissä", **marketing}


def cookies(data: Answers, **fields: Any) -> None:
    data["controller"]["website"] = "https://www.esimerkkipaja.fi"
    data["cookies"] = {"categories": ["necessary", "analytics"], "lifetimes": [{"category": "analytics", "lifetime": "13 kuukautta"}],
                       "how_to_manage": "evästebanneri ja linkki sivun alareunassa", **fields}


@pytest.mark.parametrize(("change", "severity", "code", "field"), [case[1:] for case in FIRES], ids=[case[0] for case in FIRES])
def test_rule_fires_at_its_field(answers: Answers, change: Change, severity: str, code: str, field: str) -> None:
    change(answers)

    assert (severity, code, field) in findings(answers)


@pytest.mark.parametrize("word", ["may", "voidaan", "saattaa"])
def test_may_in_a_purpose_is_vague(answers: Answers, word: str) -> None:
    answers["purposes"][0]["description"] = f"Tietoja {word} käyttää tilausten toimittamiseen"

    assert ("warning", "vague_wording", "purposes[1].description") in findings(answers)


def test_a_rule_error_makes_the_file_invalid_and_a_warning_does_not(answers: Answers) -> None:
    answers["retention"]["period"] = "niin kauan kuin on tarpeen"
    assert check(answers).errors == [] and check(answers).warnings

    answers["purposes"][0]["basis"] = "legitimate_interests"
    assert check(answers).errors


def test_every_rule_in_the_code_has_a_case_here() -> None:
    source = inspect.getsource(rules)
    in_code = set(re.findall(r"\b(?:error|warning)\(\s*\"(\w+)\"", source))
    in_code |= {code for _, code in rules._BASIS_NEEDS.values()}
    tested = {case[3] for case in FIRES} | {"vague_wording"}

    assert in_code - tested == set(), "add a case to FIRES for each new rule"


# --- and stays quiet on a correct answer --------------------------------------------------------------------


def test_the_valid_answers_have_no_findings(answers: Answers) -> None:
    assert findings(answers) == set()


QUIET: list[tuple[str, Change, str]] = [
    # (case, change that makes a correct answer, code that must not appear)
    ("a private person needs no Y-tunnus", lambda d: (d["controller"].pop("business_id"), d["controller"].update(type="private_person")), "business_id_required"),
    ("privacy contact same as controller", lambda d: d.update(privacy_contact={"same_as_controller": True}), "privacy_contact_incomplete"),
    (
        "controller abroad with an EU representative",
        lambda d: (
            abroad(d),
            d.update(
                eu_representative={
                    "name": "Edustaja Oy",
                    "email": "edustaja@edustaja.example",
                    "street_address": "Edustajankatu 2",
                    "postal_code": "00100",
                    "city": "Helsinki",
                }
            ),
        ),
        "representative_missing",
    ),
    ("legitimate interest named", lambda d: purpose(d, basis="f", legitimate_interest="maksupetosten estäminen"), "basis_needs_interest"),
    ("law named", lambda d: purpose(d, id="bookkeeping", description="Kirjanpito", basis="c", law="kirjanpitolaki (1336/1997)"), "basis_needs_law"),
    ("consent with withdrawal for a newsletter", lambda d: add_purpose(d, **newsletter()), "consent_needs_withdrawal"),
    ("consent for a newsletter is not a contract", lambda d: add_purpose(d, **newsletter()), "consent_for_contract"),
    ("retention given by the purposes", lambda d: (d.pop("retention"), d["purposes"][0].update(retention={"period": "3 vuotta"})), "retention_missing"),
    (
        "special category with its condition",
        lambda d: d.update(
            special_categories=[{"category": "health", "description": "ruoka-allergiat", "condition": "explicit_consent", "purposes": ["orders"]}]
        ),
        "special_category_no_condition",
    ),
    (
        "special diet declared as a special category",
        lambda d: (
            d["personal_data"][0].update(description="nimi ja erityisruokavalio"),
            d.update(special_categories=[{"category": "health", "description": "erityisruokavaliot", "condition": "explicit_consent"}]),
        ),
        "possible_special_category",
    ),
    (
        "other source named",
        lambda d: d.update(sources={"from_other_sources": True, "other_sources": [{"name": "Kaupparekisteri (PRH)", "public": True}]}),
        "sources_unnamed",
    ),
    ("recipient in Finland", lambda d: recipient(d, "FI"), "transfer_no_mechanism"),
    ("US recipient under DPF", lambda d: recipient(d, "US", {"mechanism": "dpf"}), "us_transfer_unprotected"),
    (
        "US recipient under SCC with a copy",
        lambda d: recipient(d, "United States", {"mechanism": "scc", "safeguards_copy": "pyydä kopio sähköpostilla"}),
        "us_transfer_unprotected",
    ),
    ("adequacy for Japan", lambda d: recipient(d, "JP", {"mechanism": "adequacy"}), "adequacy_not_available"),
    (
        "derogation named",
        lambda d: recipient(d, "CN", {"mechanism": "derogation", "derogation": "contract_with_the_person"}),
        "derogation_missing",
    ),
    (
        "automated decisions described",
        lambda d: d.update(automated_decisions={"used": True, "logic": "pisteytys", "significance": "luottoraja", "consequences": "hylkäys",
                                                "ground": "contract", "purposes": ["orders"]}),
        "automated_decision_incomplete",
    ),
    (
        "marketing purpose with its opt-out",
        lambda d: (add_purpose(d, **newsletter(direct_marketing=True)), d.update(direct_marketing={"channels": ["email"], "opt_out": "peruutuslinkki"})),
        "direct_marketing_unexplained",
    ),
    ("retention with criteria", lambda d: d.update(retention={"period": "niin kauan kuin on tarpeen", "criteria": "asiakkuuden päättymisestä 3 vuotta"}), "vague_retention"),
    ("minority owners are not minors", lambda d: d["processing"].update(data_subjects=["minority shareholders"]), "children"),
    ("a business in Pasila", lambda d: d["controller"].update(street_address="Ratapihantie 11", postal_code="00520"), "legacy_authority_address"),
    ("a purpose stated as a fact", lambda d: d["purposes"][0].update(description="Toimitamme tilaukset ja laskutamme ne"), "vague_wording"),
    ("a country written in Finnish", lambda d: recipient(d, "Ruotsi"), "transfer_no_mechanism"),
    ("a processor with its agreement", lambda d: recipient(d, "FI", processing_agreement=True), "processing_agreement_missing"),
    ("a controller needs no processing agreement", lambda d: recipient(d, "FI", role="controller"), "processing_agreement_missing"),
    ("no one gets the data, so nothing leaves the EU/EEA", lambda d: None, "transfers_unanswered"),
    (
        "transfers answered",
        lambda d: (recipient(d, "FI", processing_agreement=True), d.update(transfers_outside_eea=False)),
        "transfers_unanswered",
    ),
    ("e-mail marketing to businesses only (917/2014, 202 §)", lambda d: email_marketing(d, audience="businesses"), "electronic_marketing_needs_consent"),
    (
        "e-mail marketing to existing customers under 200 § 2 mom.",
        lambda d: email_marketing(d, audience="consumers", existing_customer_exception=True),
        "electronic_marketing_needs_consent",
    ),
    ("a contract with the customer", lambda d: None, "contract_for_non_party"),
    ("automated decisions on a contract, for orders", lambda d: d.update(automated_decisions={
        "used": True, "logic": "pisteytys", "significance": "luottoraja", "consequences": "hylkäys", "ground": "contract", "purposes": ["orders"]}),
        "automated_decision_ground_missing"),
    ("a 13-year-old consents alone to an online service", lambda d: (
        d["processing"].update(includes_children=True, online_service_for_children=True, child_consent_by="huoltaja"),
        add_purpose(d, **newsletter())), "child_consent_unanswered"),
    ("payment details required by the bookkeeping law", lambda d: (
        add_purpose(d, id="bookkeeping", description="Kirjanpito", basis="c", law="kirjanpitolaki (1336/1997)"),
        d["personal_data"][0].update(required_because="statutory")), "statutory_without_law"),
    ("identification required by the Money Laundering Act", lambda d: (
        add_purpose(d, id="aml", description="Asiakkaan tunteminen", basis="c", law="rahanpesulaki (444/2017)"),
        d["personal_data"][0].update(required_because="statutory")), "statutory_only_bookkeeping"),
    ("our contract with the customer requires the data", lambda d: d["personal_data"][0].update(required_because="contractual"), "contractual_without_contract"),
    ("data used against fraud, needed with no obligation", lambda d: technical_data(d, "not_obliged"), "precondition_without_contract"),
    (
        "needed to make a contract, by a category used for the order as well as against fraud",
        lambda d: technical_data(d, "contract_precondition", ("orders", "fraud")),
        "precondition_without_contract",
    ),
    ("some data required, with the reason", lambda d: (d["provision"].update(requirement="mixed"), d["personal_data"][0].update(required_because="contract_precondition")), "required_reason_missing"),
    ("a joint controller for one purpose", lambda d: (
        d.update(joint_controllers=[{"name": "Yhdistys ry", "contact": "yhdistys@example.fi", "arrangement": "Järjestämme tapahtuman yhdessä."}]),
        d["purposes"][0].update(joint_with=["yhdistys ry"])), "joint_purposes_missing"),
    ("Matomo on our own server", lambda d: cookies(d, tools=["Matomo (omalla palvelimella)"]), "vendor_not_a_recipient"),
    ("a business whose own domain is a known tool's word", lambda d: d["controller"].update(email="info@ga4.fi", website="https://hubspot.example.fi"), "vendor_not_a_recipient"),
    (
        "a purpose whose id, and the data's reference to it, is a known tool's word",
        lambda d: add_purpose(d, id="ga4", description="Kävijätilastot", basis="f", legitimate_interest="Sivuston kehittäminen"),
        "vendor_not_a_recipient",
    ),
    (
        "Google Analytics as a recipient in the United States",
        lambda d: (cookies(d, tools=["Google Analytics"]),
                   recipient(d, "US", {"mechanism": "dpf"}, name="Google LLC (Google Analytics)", processing_agreement=True)),
        "vendor_not_a_recipient",
    ),
    ("analytics cookies with their lifetime and a way to withdraw", lambda d: cookies(d), "cookie_lifetime_missing"),
    (
        "analytics cookies that serve a purpose based on consent",
        lambda d: (add_purpose(d, **newsletter(id="stats", description="Kävijätilastot", consent_how_asked="evästebanneri")),
                   cookies(d, lifetimes=[{"category": "analytics", "lifetime": "13 kuukautta", "purposes": ["stats"]}])),
        "cookie_purpose_missing",
    ),
    (
        "preference cookies keep the visitor's own choice on the device",
        lambda d: cookies(d, categories=["necessary", "preferences"], lifetimes=[{"category": "preferences", "lifetime": "1 vuosi"}]),
        "cookie_purpose_missing",
    ),
    (
        "a data category's own period for the purpose that has none",
        lambda d: (add_purpose(d, id="bookkeeping", description="Kirjanpito", basis="c", law="kirjanpitolaki (1336/1997)",
                               retention={"period": "6 vuotta tilikauden päättymisestä"}),
                   d["personal_data"][0].update(retention={"period": "2 vuotta viimeisestä tilauksesta"})),
        "category_retention_overridden",
    ),
    ("a precise recipient", lambda d: recipient(d, "FI", processing_agreement=True, service="tekee varmuuskopiot"), "vague_word"),
    (
        "legitimate interests weighed",
        lambda d: purpose(d, basis="f", legitimate_interest="maksupetosten estäminen", balancing_test=True),
        "balancing_test_missing",
    ),
]


@pytest.mark.parametrize(("change", "code"), [case[1:] for case in QUIET], ids=[case[0] for case in QUIET])
def test_rule_is_quiet_on_a_correct_answer(answers: Answers, change: Change, code: str) -> None:
    change(answers)

    found = findings(answers)
    assert code not in {found_code for _, found_code, _ in found}
    assert [f for f in found if f[0] == "error"] == []


def test_warnings_are_reported_with_the_line_of_the_field(answers: Answers) -> None:
    answers["rights"] = {"how": "Pyyntö on tehtävä omakätisesti allekirjoitettuna."}
    text = yaml.safe_dump(answers, allow_unicode=True, sort_keys=False)
    expected_line = next(number for number, line in enumerate(text.splitlines(), 1) if line.strip().startswith("how:"))

    [diagnostic] = check_bytes(text.encode("utf-8")).warnings

    assert (diagnostic.code, diagnostic.line) == ("identity_formalities", expected_line)
