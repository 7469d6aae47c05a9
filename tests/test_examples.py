"""The example businesses: each one is valid as printed by `seloste example`, the command lists and refuses
names properly, and together they show every part of the answers file a trainer needs to explain."""

from __future__ import annotations

import io

import pytest

from wizard.answers import Answers
from wizard.check import check_bytes
from wizard.cli import run
from wizard.examples import EXAMPLES, example_text
from wizard.law import Art9Condition, LegalBasis, SpecialCategory, TransferMechanism

# Warnings an example keeps on purpose because it teaches them; every other warning is a mistake.
DELIBERATE_WARNINGS: dict[str, set[str]] = {}


def seloste(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(["--lang", "en", *argv], stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def answers_of(name: str) -> Answers:
    report = check_bytes(example_text(name).encode("utf-8"))
    assert report.answers is not None, [d.code for d in report.errors]
    return report.answers


@pytest.fixture(scope="module")
def examples() -> dict[str, Answers]:
    return {name: answers_of(name) for name in EXAMPLES}


# --- each example, through the command line -----------------------------------------------------------


@pytest.mark.parametrize("name", list(EXAMPLES))
def test_printed_example_passes_check(name: str, tmp_path) -> None:
    code, printed, _ = seloste("example", name)
    assert code == 0
    answers_file = tmp_path / f"{name}.yaml"
    answers_file.write_text(printed, encoding="utf-8")

    code, report, _ = seloste("check", str(answers_file))

    assert code == 0, report
    assert "valid" in report.splitlines()[0]


@pytest.mark.parametrize("name", list(EXAMPLES))
def test_example_has_only_deliberate_warnings(name: str) -> None:
    report = check_bytes(example_text(name).encode("utf-8"))
    assert {d.code for d in report.warnings} == DELIBERATE_WARNINGS.get(name, set())


def test_list_prints_one_line_per_example_with_its_name_first() -> None:
    code, printed, _ = seloste("example", "--list")
    assert code == 0
    lines = printed.splitlines()
    assert [line.split()[0] for line in lines] == list(EXAMPLES)
    assert all(len(line.split()) > 1 for line in lines), "every example needs a title after its name"


def test_unknown_example_exits_2_and_names_the_examples() -> None:
    code, printed, err = seloste("example", "bakery")
    assert code == 2
    assert printed == ""
    assert "bakery" in err
    for name in EXAMPLES:
        assert name in err


# --- what each example is there to show ---------------------------------------------------------------


def test_webshop_sends_a_consent_newsletter_through_a_dpf_certified_us_service(examples) -> None:
    shop = examples["webshop"]
    assert any(p.basis is LegalBasis.consent and p.direct_marketing for p in shop.purposes)
    us = [r for r in shop.recipients if r.country == "US"]
    assert us and all(r.transfer and r.transfer.mechanism is TransferMechanism.dpf for r in us)


def test_consultancy_names_its_other_sources_including_the_public_trade_register(examples) -> None:
    sources = examples["consultancy"].sources
    assert sources.from_data_subject and sources.from_other_sources
    public = [s.name for s in sources.other_sources if s.public]
    private = [s.name for s in sources.other_sources if not s.public]
    assert any("Kaupparekisteri" in name for name in public)
    assert any("työnantaja" in name for name in private), "the client company that names its contact persons"


def test_consultancy_markets_to_client_contacts_on_a_stated_legitimate_interest(examples) -> None:
    consultancy = examples["consultancy"]
    marketing = [p for p in consultancy.purposes if p.direct_marketing]
    assert marketing and all(p.basis is LegalBasis.legitimate_interests and p.legitimate_interest for p in marketing)
    assert consultancy.direct_marketing is not None and consultancy.direct_marketing.opt_out
    bookkeeping = [p for p in consultancy.purposes if p.basis is LegalBasis.legal_obligation]
    assert any("1336/1997" in (p.law or "") for p in bookkeeping)


def test_consultancy_transfers_its_crm_under_scc_with_a_way_to_get_a_copy(examples) -> None:
    transfers = [r.transfer for r in examples["consultancy"].recipients if r.transfer]
    scc = [t for t in transfers if t.mechanism is TransferMechanism.scc]
    assert scc and all(t.safeguards_copy for t in scc)


def test_training_collects_diets_as_special_categories_with_explicit_consent(examples) -> None:
    special = {s.category: s for s in examples["training"].special_categories}
    health = special[SpecialCategory.health]
    assert health.condition is Art9Condition.explicit_consent
    assert health.condition_details
    assert health.purposes


def test_training_has_a_dpo_and_a_joint_controller_with_its_arrangement(examples) -> None:
    training = examples["training"]
    assert training.dpo is not None
    assert training.joint_controllers and all(j.arrangement for j in training.joint_controllers)


def test_salon_books_online_and_reminds_by_sms_through_processors(examples) -> None:
    salon = examples["salon"]
    assert salon.controller.type == "sole_trader"
    processors = " ".join(f"{r.name} {r.service}".casefold() for r in salon.recipients if r.role == "processor")
    assert "ajanvaraus" in processors
    assert "tekstivie" in processors
    assert salon.direct_marketing is not None and "sms" in salon.direct_marketing.channels
    assert salon.cookies is not None and salon.cookies.used


# --- together the examples cover the whole answers file -----------------------------------------------


def test_examples_together_use_every_recipient_role(examples) -> None:
    roles = {r.role for answers in examples.values() for r in answers.recipients}
    assert roles == {"processor", "controller", "authority", "people"}


def test_examples_together_give_retention_at_every_level(examples) -> None:
    levels = set()
    for answers in examples.values():
        if answers.retention:
            levels.add("general")
        if any(p.retention for p in answers.purposes):
            levels.add("purpose")
        if any(c.retention for c in answers.personal_data):
            levels.add("category")
        if any(c.retention and c.retention.criteria for c in answers.personal_data):
            levels.add("criteria")
    assert levels == {"general", "purpose", "category", "criteria"}


def test_examples_together_show_the_optional_parts(examples) -> None:
    every = list(examples.values())
    assert any(a.dpo for a in every)
    assert any(a.joint_controllers for a in every)
    assert any(a.special_categories for a in every)
    assert any(a.security and a.security.description for a in every)
    assert any(a.rights.web_form for a in every)
    assert any(a.rights.email for a in every)
    assert any(a.privacy_contact.same_as_controller for a in every)
    assert any(not a.privacy_contact.same_as_controller for a in every)
    mechanisms = {r.transfer.mechanism for a in every for r in a.recipients if r.transfer}
    assert {TransferMechanism.dpf, TransferMechanism.scc, TransferMechanism.adequacy} <= mechanisms
    requirements = {a.provision.requirement for a in every if a.provision}
    assert "mixed" in requirements
    # No law obliges these businesses' customers to give data (the Accounting Act obliges the business to record
    # its sales, not the customer to give anything), so no example claims "statutory": test_notice_law shows it.
    reasons = {c.required_because for a in every for c in a.personal_data}
    assert {"contractual", "contract_precondition", "not_obliged"} <= reasons and "statutory" not in reasons
    bases = {p.basis for a in every for p in a.purposes}
    assert {LegalBasis.consent, LegalBasis.contract, LegalBasis.legal_obligation, LegalBasis.legitimate_interests} <= bases
