"""The interview engine without any UI: the order of questions, when a question applies, checking answers,
going back and editing (with what that drops), resuming from a partial answers file, and the end result:
answers that `seloste check` accepts with no errors."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from written import in_one_language

from wizard.check import check_data, describe, load
from wizard.engine import Interview, InterviewError, Rejection, Step
from wizard.examples import EXAMPLES, example_text
from wizard.fieldpath import split_path
from wizard.fieldtypes import resolve

# --- helpers ---------------------------------------------------------------------------------------------


def example(name: str) -> dict[str, Any]:
    """An example business's answers, read the way `seloste check` reads them, as told in Finnish (the
    interview writes each text in one language; `test_bilingual` covers the others)."""
    return in_one_language(load(example_text(name).encode())[0].data, "fi")


def at(data: Any, path: tuple[str | int, ...]) -> tuple[bool, Any]:
    for part in path:
        if isinstance(part, int):
            if not isinstance(data, list) or part >= len(data):
                return False, None
        elif not isinstance(data, dict) or part not in data:
            return False, None
        data = data[part]
    return True, data


def typed(question: Any, value: Any, gate: bool) -> Any:
    """What a person would enter for `value`: "" to skip, True for an optional part that is there."""
    if gate:
        return isinstance(value, dict)
    if value is None:
        return [] if question.kind == "multi_choice" else ""
    return value


def value_for(data: dict[str, Any], path: tuple[str, ...]) -> Any:
    """The answer in a file, or what leaving it out means (the model's default)."""
    found, value = at(data, path)
    if found:
        return value
    node: Any = data
    from wizard.answers import Answers

    for index in range(len(path)):
        found, child = at(node, (path[index],))
        node = child if found else resolve(path[: index + 1], Answers).default()
        if node is None:
            return None
    return node


def answer_from(data: dict[str, Any], step: Step) -> Any:
    """The answer a person who knows the facts in `data` gives to `step`."""
    question = step.question
    path = split_path(question.field)
    if step.mode in ("first", "another"):
        items = at(data, path)[1] or []
        return len(items) > (step.item or 0)
    if question.kind == "record":
        item = at(data, path)[1][step.item]
        model = resolve(question.field).item_model
        form = {}
        for sub in question.fields:
            found, value = at(item, split_path(sub.field))
            if not found:
                value = resolve(split_path(sub.field), model).default() if len(split_path(sub.field)) == 1 else None
            form[sub.id] = typed(sub, value, gate=False)
        return form
    if question.kind == "list":
        return at(data, path)[1][step.item]
    gate = question.kind == "yes_no" and resolve(question.field).section_model is not None
    return typed(question, value_for(data, path), gate)


def interview_from(data: dict[str, Any], interview: Interview | None = None, limit: int = 400) -> tuple[Interview, list[str]]:
    """Answer every question from `data`; returns the interview and the ids of the questions asked."""
    interview = interview or Interview.start()
    asked = []
    while (step := interview.current()) is not None:
        assert len(asked) < limit, f"the interview does not end: {asked[-5:]}"
        asked.append(step.question.id if step.mode == "answer" else f"{step.question.id}:{step.mode}")
        result = interview.submit(answer_from(data, step))
        assert not isinstance(result, Rejection), (step.question.id, result.describe())
        check_data(interview.answers)  # whatever the state, the answers are something check can read
    return interview, asked


def same_business(ours: dict[str, Any], theirs: dict[str, Any]) -> None:
    mine, reference = check_data(ours), check_data(theirs)
    assert [d.code for d in mine.errors] == []
    assert mine.answers == reference.answers


def answer(interview: Interview, *answers: Any) -> Interview:
    for raw in answers:
        result = interview.submit(raw)
        assert not isinstance(result, Rejection), result.describe()
    return interview


def until(interview: Interview, question_id: str, data: dict[str, Any]) -> Step:
    """Answer from `data` until `question_id` is asked."""
    while (step := interview.current()) is not None and step.question.id != question_id:
        result = interview.submit(answer_from(data, step))
        assert not isinstance(result, Rejection), (step.question.id, result.describe())
    assert step is not None, f"{question_id} was never asked"
    return step


def asked_ids(interview: Interview, data: dict[str, Any]) -> list[str]:
    return interview_from(data, interview)[1]


def finished(data: dict[str, Any]) -> Interview:
    """The interview over complete answers: nothing left to ask, every answer in its history."""
    interview = Interview.start(answers=data)
    assert interview.done, interview.current()
    return interview


def asked_about(data: dict[str, Any]) -> set[str]:
    """The questions that apply to these answers (all answered, so none is waiting)."""
    return {step.question.id for step, _ in finished(data).history}


# --- a whole interview ----------------------------------------------------------------------------------


def test_a_web_shop_owner_answering_in_their_own_words_gets_the_example_web_shop() -> None:
    """The facts of wizard/examples/webshop.yaml, typed as a person types them: country names, a Finnish date,
    empty answers for what they skip, and the suggested defaults taken."""
    script: list[tuple[str, Any]] = [
        ("controller_name", "Teelehti Verkkokauppa Oy"),
        ("controller_type", ""),  # the suggested default: a company
        ("controller_country", "Suomi"),
        ("controller_business_id", "1618033-3"),
        ("controller_street_address", "Satamakatu 14 B"),
        ("controller_postal_code", "20100"),
        ("controller_city", "Turku"),
        ("controller_phone", "040 712 3456"),
        ("controller_email", "asiakaspalvelu@teelehti-kauppa.fi"),
        ("controller_website", "www.teelehti-kauppa.fi"),
        ("privacy_contact_same", False),
        ("privacy_contact_name", "Aino Lehtinen"),
        ("privacy_contact_email", "tietosuoja@teelehti-kauppa.fi"),
        ("privacy_contact_phone", "040 712 3457"),
        ("dpo", "no"),
        ("joint_controllers:first", False),
        ("processing_name", "Verkkokaupan asiakas- ja markkinointirekisteri"),
        ("processing_description", "Verkkokaupan tilaukset, asiakastilit, uutiskirje ja verkkosivuston kävijätilastot."),
        ("data_subjects", "verkkokaupan asiakkaat"),
        ("data_subjects:another", True),
        ("data_subjects", "uutiskirjeen tilaajat"),
        ("data_subjects:another", True),
        ("data_subjects", "verkkosivuston kävijät"),
        ("data_subjects:another", False),
        ("includes_children", False),
        ("purposes", {"description": "Tilausten käsittely, toimittaminen, maksaminen ja palautukset", "id": "orders",
                      "basis": "contract", "contract": "asiakkaan tekemä tilaus ja verkkokaupan toimitusehdot"}),
        ("purposes:another", True),
        ("purposes", {"description": "Asiakastilin ylläpito, jotta asiakas näkee tilaushistoriansa ja voi tilata nopeammin",
                      "id": "accounts", "basis": "contract", "contract": "asiakastilin käyttöehdot"}),
        ("purposes:another", True),
        ("purposes", {"description": "Kirjanpito ja tilausten tositteiden säilyttäminen", "id": "bookkeeping",
                      "basis": "legal_obligation", "law": "kirjanpitolaki (1336/1997)",
                      "retention_period": "6 vuotta sen vuoden lopusta, jona tilikausi päättyi"}),
        ("purposes:another", True),
        ("purposes", {"description": "Uutiskirjeen lähettäminen tilaajille sähköpostitse", "id": "newsletter",
                      "basis": "consent",
                      "consent_how_asked": "erillinen rasti uutiskirjeen tilauslomakkeessa ja kassalla; rastia ei ole valmiiksi merkitty",
                      "consent_withdrawal": "jokaisen uutiskirjeen lopussa olevalla peruutuslinkillä tai sähköpostilla tietosuojayhteyshenkilölle",
                      "direct_marketing": True, "retention_period": "kunnes tilaaja peruu tilauksen"}),
        ("purposes:another", True),
        ("purposes", {"description": "Maksupetosten ja verkkokaupan väärinkäytösten estäminen", "id": "fraud",
                      "basis": "legitimate_interests",
                      "legitimate_interest": "suojata kauppaa ja asiakkaita maksupetoksilta ja toisen nimissä tehdyiltä tilauksilta",
                      "balancing_test": True}),
        ("purposes:another", True),
        ("purposes", {"description": "Verkkosivuston kävijätilastot: seuraamme analytiikkaevästeiden avulla, mitä sivuja "
                                     "katsotaan ja mistä kävijät tulevat, jotta voimme parantaa sivustoa",
                      "id": "analytics", "basis": "consent",
                      "consent_how_asked": "evästebanneri kysyy suostumuksen analytiikkaevästeisiin ennen kuin ne otetaan käyttöön",
                      "consent_withdrawal": "sivun alareunan Evästeasetukset-linkistä, josta suostumuksen voi peruuttaa yhtä "
                                            "helposti kuin sen antoi",
                      "retention_period": "käyntitiedot 13 kuukautta käynnistä, minkä jälkeen niistä säilyvät vain tilastot "
                                          "ilman tunnistetietoja"}),
        ("purposes:another", False),
        ("direct_marketing_channels", ["email"]),
        ("direct_marketing_opt_out", "jokaisen viestin lopussa oleva peruutuslinkki"),
        ("direct_marketing_audience", "consumers"),
        ("direct_marketing_existing_customers", False),
        ("personal_data", {"name": "Nimi ja yhteystiedot", "description": "nimi, toimitusosoite, sähköpostiosoite ja puhelinnumero",
                           "purposes": ["orders", "accounts", "bookkeeping"], "required": True,
                           "required_because": "contract_precondition",
                           "retention_period": "3 vuotta viimeisestä tilauksesta tai, jos sinulla on asiakastili, kunnes "
                                               "tili poistetaan, sen mukaan kumpi on myöhemmin"}),
        ("personal_data:another", True),
        ("personal_data", {"name": "Tilaus- ja maksutiedot",
                           "description": "tilatut tuotteet, hinnat, maksutapa ja maksun tila (korttitietoja emme näe emmekä tallenna)",
                           "purposes": ["orders", "bookkeeping"], "required": "yes", "required_because": "contract_precondition",
                           "retention_period": "6 vuotta sen vuoden lopusta, jona tilikausi päättyi"}),
        ("personal_data:another", True),
        ("personal_data", {"name": "Asiakastilin tiedot", "description": "käyttäjätunnus ja salasanan tiiviste",
                           "purposes": ["accounts"], "required": False,
                           "retention_period": "kunnes asiakas poistaa tilin, tai 3 vuotta viimeisestä kirjautumisesta"}),
        ("personal_data:another", True),
        ("personal_data", {"name": "Uutiskirjeen tilaustiedot", "description": "sähköpostiosoite, tilauspäivä ja suostumuksen antamisen aika",
                           "purposes": ["newsletter"], "required": False}),
        ("personal_data:another", True),
        ("personal_data", {"name": "Tekniset tiedot",
                           "description": "IP-osoite ja selaimen tiedot tilauksen tekohetkellä (tallentuvat automaattisesti)",
                           "purposes": ["orders", "fraud"], "required": True, "required_because": "contract_precondition",
                           "retention_period": "6 kuukautta tilauksesta"}),
        ("personal_data:another", True),
        ("personal_data", {"name": "Verkkosivuston käyttötiedot",
                           "description": "lyhennetty IP-osoite, selaimen ja laitteen tiedot, katsotut sivut ja käynnin ajankohta; "
                                          "tallentuvat vain, jos olet hyväksynyt analytiikkaevästeet",
                           "purposes": ["analytics"], "required": False}),
        ("personal_data:another", False),
        ("special_categories:first", False),
        ("criminal_data", False),
        ("from_data_subject", True),
        ("from_other_sources", False),
        ("other_people:first", False),
        ("provision_requirement", "mixed"),
        ("provision_consequences", "Ilman nimeä, toimitusosoitetta ja yhteystietoja emme voi toimittaa tilausta. IP-osoite "
                                   "ja selaimen tiedot välittyvät meille automaattisesti, kun teet tilauksen verkossa, eikä "
                                   "tilausta voi tehdä verkossa ilman niitä; tallennamme ne tilauksen yhteyteen myös "
                                   "maksupetosten estämiseksi. Asiakastili, uutiskirje ja analytiikkaevästeet ovat vapaaehtoisia."),
        ("shares_data", True),
        ("recipients", {"name": "Kuljetusliike", "role": "controller", "purposes": ["orders"],
                        "service": "toimittaa paketit; saa nimen, osoitteen ja puhelinnumeron", "country": "FI"}),
        ("recipients:another", True),
        ("recipients", {"name": "Maksupalveluntarjoaja", "role": "controller", "purposes": ["orders", "fraud"],
                        "service": "välittää maksut ja tarkistaa maksupetokset", "country": "Suomi"}),
        ("recipients:another", True),
        ("recipients", {"name": "Verkkokauppa-alustan toimittaja", "processing_agreement": True, "purposes": ["orders", "accounts", "fraud"],
                        "service": "ylläpitää verkkokauppaa ja sen tietokantaa"}),
        ("recipients:another", True),
        ("recipients", {"name": "Tilitoimisto", "role": "processor", "processing_agreement": True, "service": "hoitaa kirjanpidon", "purposes": ["bookkeeping"],
                        "country": "FI"}),
        ("recipients:another", True),
        ("recipients", {"name": "Kirjekyyhky Mail Inc.", "role": "processor", "processing_agreement": True, "purposes": ["newsletter"],
                        "service": "lähettää uutiskirjeen", "country": "Yhdysvallat", "transfer_mechanism": "dpf"}),
        ("recipients:another", False),
        ("transfers_outside_eea", True),
        ("automated_decisions", False),
        ("other_profiling", ""),
        ("cookies", True),
        ("cookie_categories", ["necessary", "analytics"]),
        ("cookie_tools:first", True),
        ("cookie_tools", "Matomo (omalla palvelimella)"),
        ("cookie_tools:another", False),
        ("cookie_lifetimes", {"category": "analytics", "lifetime": "13 kuukautta", "purposes": ["analytics"]}),
        ("cookie_lifetimes:another", False),
        ("cookie_management", "Evästebanneri kysyy suostumuksen analytiikkaevästeisiin. Voit muuttaa valintaasi tai peruuttaa "
                              "suostumuksesi milloin tahansa sivun alareunan Evästeasetukset-linkistä."),
        ("security_measures", ["access_control", "multi_factor_authentication", "encryption_in_transit", "backups",
                               "processor_agreements"]),
        ("security_description", ""),
        ("rights_how", "Lähetä pyyntö sähköpostilla tietosuojayhteyshenkilölle."),
        ("rights_email", ""),
        ("rights_web_form", ""),
        ("notice_changes", ["website", "email"]),
        ("notice_date", "22.11.2026"),
    ]
    interview = Interview.start()
    for expected, raw in script:
        step = interview.current()
        assert step is not None, f"the interview ended before {expected}"
        asked = step.question.id if step.mode == "answer" else f"{step.question.id}:{step.mode}"
        assert asked == expected
        result = interview.submit(raw)
        assert not isinstance(result, Rejection), (expected, result.describe())

    assert interview.done
    same_business(interview.answers, example("webshop"))


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_every_example_business_can_be_told_through_the_interview(name: str) -> None:
    written_in = Interview.start(answers={"language": example(name)["language"]})  # the notice's language, chosen first
    interview, _ = interview_from(example(name), written_in)

    same_business(interview.answers, example(name))


def test_the_interview_opens_with_the_business_name_and_counts_the_questions_that_apply() -> None:
    step = Interview.start().current()

    assert step.question.id == "controller_name"
    assert step.section.id == "controller"
    assert step.position == 1 and step.total > 30
    assert step.value is None


def test_suggested_defaults_are_finland_and_today_and_no_question_asks_for_the_version(monkeypatch: pytest.MonkeyPatch) -> None:
    interview = Interview.start()
    data = example("webshop")
    assert until(interview, "controller_country", data).default == "FI"
    assert until(interview, "notice_date", data).default == __import__("datetime").date.today().isoformat()
    answer(interview, "")

    assert interview.done
    assert interview.answers["notice"] == {  # the version is seloste's to count: the first is the model's 1.0
        "announce_changes": data["notice"]["announce_changes"], "date": __import__("datetime").date.today().isoformat()
    }


# --- when a question applies ----------------------------------------------------------------------------


def test_no_transfer_question_when_every_recipient_is_inside_the_eu_eea() -> None:
    interview = finished(example("salon"))  # recipients in Finland and Estonia

    step = interview.edit("recipients", 1).current()
    assert step.value["country"] == "EE"
    assert "transfer_mechanism" not in [sub.id for sub in step.fields()]
    assert all("transfer" not in recipient for recipient in interview.answers["recipients"])


def test_a_recipient_outside_the_eu_eea_gets_the_transfer_question_with_the_grounds_that_fit_its_country() -> None:
    interview = finished(example("webshop"))
    step = interview.edit("recipients", 4).current()

    def offered(country: str) -> list[str]:
        values = {**step.value, "country": country}
        fields = [sub.id for sub in step.fields(values)]
        assert "transfer_mechanism" in fields
        return [option.value for option in step.options(step.question.sub("transfer_mechanism"), values)]

    assert offered("Yhdysvallat") == ["dpf", "scc", "bcr", "derogation"]
    assert offered("GB") == ["adequacy", "scc", "bcr", "derogation"]
    assert offered("India") == ["scc", "bcr", "derogation"]
    assert "transfer_mechanism" not in [sub.id for sub in step.fields({**step.value, "country": "NO"})]


def test_a_ground_that_does_not_fit_the_country_is_refused() -> None:
    interview = finished(example("webshop"))
    step = interview.edit("recipients", 4).current()

    result = interview.submit({**step.value, "country": "IN", "transfer_mechanism": "dpf"})

    assert isinstance(result, Rejection) and result.field == "transfer_mechanism"
    assert interview.answers["recipients"][4]["transfer"] == {"mechanism": "dpf"}  # nothing changed


def test_derogation_and_safeguard_copy_questions_follow_the_chosen_ground() -> None:
    interview = finished(example("webshop"))
    step = interview.edit("recipients", 4).current()

    def fields(mechanism: str) -> set[str]:
        return {sub.id for sub in step.fields({**step.value, "transfer_mechanism": mechanism})}

    assert "transfer_derogation" in fields("derogation") and "transfer_safeguards_copy" not in fields("derogation")
    assert "transfer_safeguards_copy" in fields("scc") and "transfer_safeguards_copy" in fields("bcr")
    assert not {"transfer_derogation", "transfer_safeguards_copy"} & fields("dpf")


@pytest.mark.parametrize(
    ("basis", "detail"),
    [
        ("legitimate_interests", {"legitimate_interest"}),
        ("consent", {"consent_how_asked", "consent_withdrawal"}),
        ("contract", {"contract"}),
        ("legal_obligation", {"law"}),
        ("public_task", {"law"}),
        ("vital_interests", {"vital_interest"}),
    ],
)
def test_each_legal_basis_asks_only_what_that_basis_needs(basis: str, detail: set[str]) -> None:
    step = until(Interview.start(), "purposes", example("webshop"))
    details = {"contract", "law", "legitimate_interest", "consent_how_asked", "consent_withdrawal", "vital_interest"}

    asked = {sub.id for sub in step.fields({"description": "Asiakkaiden palvelu", "basis": basis})}

    assert asked & details == detail


def test_the_legitimate_interest_question_is_required_only_for_that_basis() -> None:
    step = until(Interview.start(), "purposes", example("webshop"))
    interview = step.interview

    refused = interview.submit({"description": "Petosten estäminen", "basis": "legitimate_interests"})
    assert isinstance(refused, Rejection) and refused.field == "legitimate_interest"
    assert refused.describe()["message"] == "purposes[1].legitimate_interest is missing."

    answer(interview, {"description": "Tilausten toimittaminen", "basis": "contract", "legitimate_interest": "ignored"})
    assert "legitimate_interest" not in interview.answers["purposes"][0]


def test_consent_withdrawal_is_asked_only_for_consent() -> None:
    step = until(Interview.start(), "purposes", example("webshop"))
    interview = step.interview

    refused = interview.submit({"description": "Uutiskirje", "basis": "consent"})
    assert isinstance(refused, Rejection) and refused.field == "consent_withdrawal"

    answer(interview, {"description": "Uutiskirje", "basis": "consent", "consent_withdrawal": "peruutuslinkki"})
    assert interview.answers["purposes"][0]["consent_withdrawal"] == "peruutuslinkki"
    assert "consent_withdrawal" not in {sub.id for sub in step.fields({"description": "x", "basis": "contract"})}


def test_no_business_id_for_a_private_person_or_a_business_abroad() -> None:
    data = example("webshop")
    person = {**data, "controller": {**data["controller"], "type": "private_person"}}
    person["controller"].pop("business_id")
    abroad = {**data, "controller": {**data["controller"], "country": "SE", "postal_code": "114 55"}}
    abroad["controller"].pop("business_id")

    assert "controller_business_id" not in asked_about(person)
    assert "controller_business_id" not in asked_about(abroad)
    assert "controller_business_id" in asked_about(data)


def test_the_eu_representative_is_asked_about_only_outside_the_eu_eea() -> None:
    data = example("consultancy")
    abroad = copy.deepcopy(data)
    abroad["controller"].update(country="NO", postal_code="0150")
    abroad["controller"].pop("business_id")
    outside = copy.deepcopy(abroad)
    outside["controller"]["country"] = "US"
    outside["eu_representative"] = {"name": "Edustaja Oy", "email": "edustaja@example.fi", "street_address": "Katu 1",
                                    "postal_code": "00100", "city": "Helsinki", "country": "FI"}

    assert not any(step.startswith("eu_representative") for step in asked_about(abroad))
    interview, asked = interview_from(outside)
    assert [step for step in asked if step.startswith("eu_representative")][:2] == ["eu_representative", "eu_representative_name"]
    same_business(interview.answers, outside)


def test_contact_details_of_a_privacy_contact_and_a_dpo_only_when_there_is_one() -> None:
    salon = asked_about(example("salon"))  # privacy questions go to the salon itself; no DPO
    training = asked_about(example("training"))  # a named contact and a DPO

    assert "privacy_contact_name" not in salon and "dpo_email" not in salon
    assert {"privacy_contact_name", "privacy_contact_email", "dpo_email"} <= set(training)


def test_marketing_channels_only_when_a_purpose_is_direct_marketing() -> None:
    consultancy = example("consultancy")
    no_marketing = copy.deepcopy(consultancy)
    no_marketing["purposes"] = [p for p in no_marketing["purposes"] if not p.get("direct_marketing")]
    no_marketing["personal_data"] = [c for c in no_marketing["personal_data"] if c["purposes"] != ["marketing"]]
    for category in no_marketing["personal_data"]:
        category["purposes"] = [p for p in category["purposes"] if p != "marketing"]
    del no_marketing["direct_marketing"]

    assert "direct_marketing_opt_out" in asked_about(consultancy)
    asked = asked_about(no_marketing)
    assert "direct_marketing_channels" not in asked and "direct_marketing_opt_out" not in asked


def test_the_general_retention_rule_is_asked_only_when_some_data_have_no_period() -> None:
    assert "retention_period" not in asked_about(example("training"))  # every kind of data has a period
    assert "retention_period" in asked_about(example("salon"))


def test_a_general_rule_given_as_criteria_when_no_period_fits() -> None:
    salon = example("salon")
    interview = Interview.start()
    until(interview, "retention_period", salon)

    answer(interview, "")  # no fixed period
    assert interview.current().question.id == "retention_criteria"
    answer(interview, "niin kauan kuin asiakkuus jatkuu ja sen jälkeen kaksi vuotta")
    assert interview.answers["retention"] == {"period": None, "criteria": "niin kauan kuin asiakkuus jatkuu ja sen jälkeen kaksi vuotta"}


def test_whether_people_must_give_the_data_is_asked_only_when_they_give_it_themselves() -> None:
    data = example("consultancy")
    data["sources"]["from_data_subject"] = False
    del data["provision"]

    assert "provision_requirement" not in asked_about(data)


def test_data_must_come_from_somewhere() -> None:
    interview = Interview.start()
    until(interview, "from_data_subject", example("webshop"))
    answer(interview, False)

    refused = interview.submit(False)

    assert isinstance(refused, Rejection) and refused.message_code == "sources_none"
    assert interview.current().question.id == "from_other_sources"


def test_cookies_are_asked_about_only_for_a_business_with_a_website() -> None:
    data = example("consultancy")
    del data["controller"]["website"]

    assert "cookies" not in asked_about(data)
    assert "cookies" in asked_about(example("consultancy"))


# --- checking answers ------------------------------------------------------------------------------------


def test_a_wrong_business_id_is_refused_with_the_words_of_seloste_check() -> None:
    interview = Interview.start()
    until(interview, "controller_business_id", example("webshop"))
    before = interview.answers

    refused = interview.submit("1618033-4")

    assert isinstance(refused, Rejection) and refused.message_code == "business_id_checksum"
    assert refused.describe() == describe("business_id_checksum", {"value": "1618033-4"})
    assert refused.describe("fi")["message"]  # the same text goes through the Finnish catalog
    assert interview.answers == before
    assert interview.current().question.id == "controller_business_id"


@pytest.mark.parametrize(
    ("question_id", "typed_answer", "code"),
    [
        ("controller_postal_code", "2010", "postal_code_fi"),
        ("controller_email", "asiakaspalvelu(at)teelehti.fi", "email_invalid"),
        ("controller_phone", "040 abc 123", "phone_format"),
        ("controller_website", "teelehti kauppa", "website_invalid"),
        ("controller_name", "   ", "missing"),
        ("controller_type", "osakeyhtiö", "literal_error"),
        ("controller_country", "Atlantis", "country_unknown"),
        ("dpo", "perhaps", "bool_parsing"),
    ],
)
def test_an_answer_the_answers_model_refuses_is_explained(question_id: str, typed_answer: str, code: str) -> None:
    interview = Interview.start()
    until(interview, question_id, example("webshop"))

    refused = interview.submit(typed_answer)

    assert isinstance(refused, Rejection) and refused.message_code == code
    assert refused.describe()["message"]


# Why a library refused an answer, as the chat and the plain mode say it, in each language: the specific
# reason in seloste's own words, never the library's English sentence.
LIBRARY_REASONS = {
    ("controller_email", "asiakaspalvelu(at)teelehti.fi"): {
        "en": "it has no @", "fi": "siitä puuttuu @-merkki", "sv": "det saknas ett @-tecken",
    },
    ("controller_email", "myynti@teelehti"): {
        "en": "the part after the @ has no dot", "fi": "@-merkin jälkeisestä osasta puuttuu piste",
        "sv": "delen efter @-tecknet saknar punkt",
    },
    ("controller_email", "myynti@teelehti@kauppa.fi"): {
        "en": "more than one @", "fi": "useampi kuin yksi @-merkki", "sv": "fler än ett @-tecken",
    },
    ("controller_email", "myynti@teelehti_kauppa.fi"): {
        "en": "characters an e-mail address cannot have: _", "fi": "joita sähköpostiosoitteessa ei voi olla: _",
        "sv": "tecken som en e-postadress inte kan ha: _",
    },
    ("controller_phone", "040 abc 123"): {"en": "it has letters", "fi": "siinä on kirjaimia", "sv": "det innehåller bokstäver"},
    ("controller_phone", "+358 40 12"): {"en": "it is too short", "fi": "se on liian lyhyt", "sv": "det är för kort"},
}  # fmt: skip


@pytest.mark.parametrize("lang", ["en", "fi", "sv"])
@pytest.mark.parametrize(("question_id", "typed_answer"), list(LIBRARY_REASONS))
def test_a_library_s_reason_for_refusing_an_answer_is_said_in_the_conversation_language(
    question_id: str, typed_answer: str, lang: str
) -> None:
    from wizard.conversation import refusal

    interview = Interview.start()
    step = until(interview, question_id, example("webshop"))

    refused = interview.submit(typed_answer)

    assert isinstance(refused, Rejection)
    said = refusal(refused, step, lang)
    assert LIBRARY_REASONS[question_id, typed_answer][lang] in said["message"]
    if lang != "en":
        assert not any(english in " ".join(said.values()) for english in ("@-sign", "e-mail", "phone", " it "))


def test_answers_are_stored_the_way_the_answers_file_writes_them() -> None:
    interview = Interview.start()
    data = example("webshop")
    until(interview, "controller_country", data)
    answer(interview, "Finland")
    until(interview, "controller_website", data)
    answer(interview, "www.teelehti-kauppa.fi")
    until(interview, "notice_date", data)
    answer(interview, "1.2.2027")

    answers = interview.answers
    assert answers["controller"]["country"] == "FI"
    assert answers["controller"]["website"] == "https://www.teelehti-kauppa.fi"
    assert answers["notice"]["date"] == "2027-02-01"


def test_a_purpose_without_a_short_name_gets_one_from_its_description() -> None:
    interview = Interview.start()
    until(interview, "purposes", example("webshop"))

    answer(interview, {"description": "Tilausten käsittely", "basis": "contract"}, True)
    answer(interview, {"description": "Tilausten käsittely", "basis": "contract"})

    assert [p["id"] for p in interview.answers["purposes"]] == ["tilausten_kasittely", "tilausten_kasittely_2"]


def test_two_purposes_cannot_share_a_short_name() -> None:
    interview = Interview.start()
    until(interview, "purposes", example("webshop"))
    answer(interview, {"description": "Tilaukset", "id": "orders", "basis": "contract"}, True)

    refused = interview.submit({"description": "Palautukset", "id": "orders", "basis": "contract"})

    assert isinstance(refused, Rejection) and refused.message_code == "duplicate_purpose_id" and refused.field == "id"


def test_data_can_be_linked_only_to_purposes_that_were_given() -> None:
    interview = Interview.start()
    step = until(interview, "personal_data", example("webshop"))

    assert [o.value for o in step.options(step.question.sub("purposes"))] == ["orders", "accounts", "bookkeeping", "newsletter", "fraud", "analytics"]
    refused = interview.submit({"name": "Yhteystiedot", "purposes": ["marketing"]})
    assert isinstance(refused, Rejection) and refused.field == "purposes"


_WEBSHOP_STEPS: list[tuple[str, Any]] = []


def webshop_steps() -> list[tuple[str, Any]]:
    """Each step of the web shop's interview with the answer given there, recorded once."""
    if not _WEBSHOP_STEPS:
        data, interview = example("webshop"), Interview.start()
        while (step := interview.current()) is not None:
            raw = answer_from(data, step)
            _WEBSHOP_STEPS.append((step.question.id if step.mode == "answer" else step.mode, raw))
            interview.submit(raw)
    return _WEBSHOP_STEPS


@given(where=st.integers(min_value=0, max_value=75), typed_text=st.text(max_size=400))
def test_nothing_typed_anywhere_breaks_the_interview(where: int, typed_text: str) -> None:
    steps = webshop_steps()
    interview = Interview.start()
    for _, raw in steps[: min(where, len(steps) - 1)]:
        interview.submit(raw)
    step = interview.current()
    before = interview.answers

    if step.question.kind == "record" and step.mode == "answer":
        raw: Any = {sub.id: typed_text for sub in step.question.fields}
    else:
        raw = typed_text
    result = interview.submit(raw)

    if isinstance(result, Rejection):
        assert result.describe()["message"] and interview.answers == before
    check_data(interview.answers)  # still an answers file check can read
    assert interview.current() is not None or interview.done


# --- lists ----------------------------------------------------------------------------------------------


def test_an_optional_list_starts_with_a_yes_or_no_and_none_is_an_answer() -> None:
    interview = Interview.start()
    step = until(interview, "joint_controllers", example("webshop"))

    assert step.mode == "first" and step.prompt == step.question.ask_first
    interview.add_another(False)

    assert interview.answers["joint_controllers"] == []
    assert interview.history[-1][0].question.id == "joint_controllers" and interview.history[-1][1] == "No"


def test_after_each_item_the_interview_asks_for_another() -> None:
    interview = Interview.start()
    until(interview, "data_subjects", example("webshop"))

    answer(interview, "asiakkaat")
    step = interview.current()
    assert step.another and step.prompt == "Is there another group of people?"
    interview.add_another(True)
    assert interview.current().item == 1 and interview.current().mode == "answer"
    answer(interview, "uutiskirjeen tilaajat")
    interview.add_another(False)

    assert interview.answers["processing"]["data_subjects"] == ["asiakkaat", "uutiskirjeen tilaajat"]
    assert interview.current().question.id == "includes_children"


def test_a_list_that_needs_an_item_cannot_be_left_empty() -> None:
    interview = Interview.start()
    until(interview, "purposes", example("webshop"))

    refused = interview.add_another(False)

    assert isinstance(refused, Rejection) and refused.message_code == "too_short"


def test_an_item_can_be_added_later_and_removed() -> None:
    interview = finished(example("webshop"))

    interview.add_item("data_subjects")
    assert interview.current().question.id == "data_subjects" and interview.current().item == 3
    answer(interview, "työnhakijat")
    interview.add_another(False)
    assert interview.done
    assert interview.answers["processing"]["data_subjects"][-1] == "työnhakijat"

    interview.remove_item("data_subjects", 3)
    assert interview.answers["processing"]["data_subjects"] == ["verkkokaupan asiakkaat", "uutiskirjeen tilaajat", "verkkosivuston kävijät"]


def test_an_item_moves_to_another_place_and_the_data_still_point_at_their_purposes() -> None:
    interview = finished(example("webshop"))
    ids = [purpose["id"] for purpose in example("webshop")["purposes"]]

    interview.move_item("purposes", 3, 0)  # the fourth first
    interview.move_item("purposes", 1, len(ids) - 1)  # then the (old) first last

    assert [purpose["id"] for purpose in interview.answers["purposes"]] == [ids[3], ids[1], ids[2], *ids[4:], ids[0]]
    assert interview.answers["personal_data"] == example("webshop")["personal_data"]
    assert interview.done and interview.dropped == []
    with pytest.raises(InterviewError):
        interview.move_item("purposes", 0, len(ids))


def test_a_wrong_item_asked_again_is_still_the_same_item_after_a_move_or_a_removal() -> None:
    data = example("webshop")
    data["recipients"][3]["country"] = "Atlantis"  # the model refuses it: asked again
    interview = Interview.start(answers=data)
    assert (interview.current().question.id, interview.current().item) == ("recipients", 3)

    interview.move_item("recipients", 3, 1)
    assert (interview.current().question.id, interview.current().item) == ("recipients", 1)
    interview.remove_item("recipients", 0)
    step = interview.current()
    assert (step.question.id, step.item, step.value["country"]) == ("recipients", 0, "Atlantis")


# --- going back and editing -------------------------------------------------------------------------------


def test_back_shows_the_previous_answer_and_the_interview_then_continues_where_it_was() -> None:
    interview = Interview.start()
    data = example("webshop")
    until(interview, "controller_email", data)

    step = interview.back().current()
    assert (step.question.id, step.value) == ("controller_phone", "040 712 3456")
    step = interview.back().current()
    assert (step.question.id, step.value) == ("controller_city", "Turku")
    answer(interview, "Naantali")

    assert interview.current().question.id == "controller_email"
    assert interview.answers["controller"]["city"] == "Naantali"
    assert interview.answers["controller"]["phone"] == "040 712 3456"


def test_editing_a_purpose_basis_drops_the_detail_of_the_old_basis_and_keeps_everything_else() -> None:
    interview = finished(example("webshop"))
    before = interview.answers
    step = interview.edit("purposes", 4).current()
    assert step.value["legitimate_interest"]

    answer(interview, {**step.value, "basis": "contract", "contract": "toimitusehdot"})

    dropped = {d.question.id: d for d in interview.dropped}
    assert sorted(dropped) == ["balancing_test", "legitimate_interest"]
    assert (dropped["legitimate_interest"].item, dropped["legitimate_interest"].record.id) == (4, "purposes")
    assert dropped["legitimate_interest"].value == before["purposes"][4]["legitimate_interest"]
    after = interview.answers
    assert "legitimate_interest" not in after["purposes"][4] and "balancing_test" not in after["purposes"][4]
    assert after["personal_data"] == before["personal_data"] and after["recipients"] == before["recipients"]
    assert interview.done
    assert not check_data(after).errors


def test_moving_a_recipient_into_the_eea_drops_its_transfer_ground() -> None:
    interview = finished(example("webshop"))
    step = interview.edit("recipients", 4).current()

    answer(interview, {**step.value, "country": "Ruotsi"})

    assert [(d.question.id, d.value) for d in interview.dropped] == [("transfer_mechanism", "dpf")]
    assert interview.answers["recipients"][4] == {
        "name": "Kirjekyyhky Mail Inc.", "role": "processor", "processing_agreement": True, "service": "lähettää uutiskirjeen",
        "purposes": ["newsletter"], "country": "SE",
    }
    # No "transfer inside the EEA" warning; the earlier "some data leave the EU/EEA" is now shown to be wrong.
    assert [d.code for d in check_data(interview.answers).diagnostics] == ["transfer_recipient_unnamed"]


def test_saying_no_to_a_dpo_drops_its_details_and_saying_yes_asks_them() -> None:
    interview = finished(example("training"))

    answer(interview.edit("dpo"), False)

    assert {d.question.id for d in interview.dropped} == {"dpo_name", "dpo_email", "dpo_phone"}
    assert interview.answers["dpo"] is None and interview.done
    answer(interview.edit("dpo"), True)
    assert [interview.current().question.id for _ in range(1)] == ["dpo_name"]


def test_changing_the_controller_country_drops_what_no_longer_applies_and_asks_what_now_does() -> None:
    interview = finished(example("webshop"))

    answer(interview.edit("controller_country"), "US")

    assert ("controller_business_id", "1618033-3") in [(d.question.id, d.value) for d in interview.dropped]
    assert interview.current().question.id == "eu_representative"


def test_an_answer_an_edit_makes_invalid_is_dropped_and_asked_again() -> None:
    data = example("webshop")
    data["controller"].update(country="SE", postal_code="114 55")
    del data["controller"]["business_id"]
    interview = finished(data)

    answer(interview.edit("controller_country"), "FI")

    assert ("controller_postal_code", "114 55") in [(d.question.id, d.value) for d in interview.dropped]
    assert interview.current().question.id == "controller_business_id"
    answer(interview, "1618033-3")
    assert interview.current().question.id == "controller_postal_code"


def test_saying_the_data_come_from_nowhere_else_drops_the_named_sources() -> None:
    interview = finished(example("consultancy"))

    answer(interview.edit("from_other_sources"), False)

    (dropped,) = interview.dropped
    assert dropped.question.id == "other_sources" and len(dropped.value) == 3
    assert interview.display(dropped.question, dropped.value).startswith("Asiakasyritys (yhteyshenkilön työnantaja); ")
    assert interview.answers["sources"] == {"from_data_subject": True, "from_other_sources": False}


def test_renaming_a_purpose_keeps_the_data_linked_to_it() -> None:
    interview = finished(example("webshop"))
    step = interview.edit("purposes", 0).current()

    answer(interview, {**step.value, "id": "tilaukset"})

    assert interview.answers["personal_data"][0]["purposes"] == ["tilaukset", "accounts", "bookkeeping"]
    assert interview.dropped == [] and interview.done


def test_removing_a_purpose_unlinks_its_data_and_asks_again_for_data_left_without_a_purpose() -> None:
    interview = finished(example("webshop"))

    interview.remove_item("purposes", 1)  # accounts

    removed = interview.dropped[0]
    assert interview.display(removed.question, removed.value) == (
        "Asiakastilin ylläpito, jotta asiakas näkee tilaushistoriansa ja voi tilata nopeammin · "
        "To do what we agreed with the person, e.g. an order or a booking (contract, Art. 6(1)(b))"
    )
    dropped = [(d.question.id, d.value, d.item) for d in interview.dropped]
    assert ("purposes", ["accounts"], 0) in dropped and ("purposes", ["accounts"], 2) in dropped
    step = interview.current()
    assert (step.question.id, step.item) == ("personal_data", 2)
    assert "purposes" not in step.value and step.value["name"] == "Asiakastilin tiedot"


def test_unmarking_the_only_marketing_purpose_drops_the_marketing_answers() -> None:
    interview = finished(example("webshop"))
    step = interview.edit("purposes", 3).current()

    answer(interview, {**step.value, "direct_marketing": False})

    assert {d.question.id for d in interview.dropped} == {
        "direct_marketing_channels", "direct_marketing_opt_out", "direct_marketing_audience", "direct_marketing_existing_customers"
    }
    assert "direct_marketing" not in interview.answers


def test_history_lists_the_answers_in_words_and_can_be_edited_from() -> None:
    interview = finished(example("webshop"))

    history = {(step.question.id, step.item): shown for step, shown in interview.history}

    assert history[("controller_type", None)] == "A company, e.g. an osakeyhtiö (Oy) or a partnership"
    assert history[("dpo", None)] == "No"
    assert history[("recipients", 4)] == "Kirjekyyhky Mail Inc. · United States"
    assert history[("purposes", 0)].startswith("Tilausten käsittely")
    interview.lang = "fi"
    assert dict(((s.question.id, s.item), v) for s, v in interview.history)[("recipients", 4)].endswith("Yhdysvallat")


# --- resuming --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_a_complete_answers_file_asks_nothing(name: str) -> None:
    interview = Interview.start(answers=example(name))

    assert interview.done
    assert interview.answers == Interview.start(answers=example(name)).answers
    assert not check_data(interview.answers).errors


def test_a_partial_answers_file_asks_only_what_is_missing() -> None:
    full = example("consultancy")
    partial = copy.deepcopy(full)
    del partial["controller"]["phone"]  # optional, and later questions are answered: the author left it out
    del partial["purposes"][3]["legitimate_interest"]  # required for its basis: the purpose is asked again
    for part in ("shares_data", "recipients", "transfers_outside_eea", "retention", "automated_decisions", "direct_marketing",
                 "security", "rights", "notice"):
        del partial[part]  # the file stops after where the data come from

    interview = Interview.start(answers=partial)
    answered = {step.question.id for step, _ in interview.history}
    step = interview.current()
    assert (step.question.id, step.item, step.value["id"]) == ("purposes", 3, "credit")
    asked = asked_ids(interview, full)

    assert asked == [
        "purposes",
        "direct_marketing_channels",
        "direct_marketing_opt_out",
        "direct_marketing_audience",
        "retention_period",
        "shares_data",
        *["recipients", "recipients:another"] * 5,
        "transfers_outside_eea",
        "automated_decisions",
        "other_profiling",
        "cookies",  # not in the file, and nothing after it was answered
        "security_measures",
        "security_description",
        "rights_how",
        "rights_email",
        "rights_web_form",
        "notice_changes",
        "notice_date",
    ]
    assert {entry.split(":")[0] for entry in asked} & answered == {"purposes"}  # only its incomplete item
    same_business(interview.answers, {**full, "controller": {**full["controller"], "phone": None}})


def test_a_wrong_value_in_a_file_is_asked_again_with_the_value_shown() -> None:
    data = example("salon")
    data["controller"]["business_id"] = "2828427-8"
    data["recipients"][1]["country"] = "Eestimaa"

    interview = Interview.start(answers=data)

    step = interview.current()
    assert (step.question.id, step.value) == ("controller_business_id", "2828427-8")
    answer(interview, "2828427-9")
    step = interview.current()
    assert (step.question.id, step.item, step.value["country"]) == ("recipients", 1, "Eestimaa")
    answer(interview, {**step.value, "country": "EE"})
    assert interview.done
    same_business(interview.answers, example("salon"))


def test_a_wrong_value_inside_an_optional_part_is_asked_again_not_the_yes_or_no_before_it() -> None:
    data = example("training")
    data["dpo"]["email"] = "tietosuojavastaava(at)kajastus-kurssit.fi"

    interview = Interview.start(answers=data)

    step = interview.current()
    assert (step.question.id, step.value) == ("dpo_email", "tietosuojavastaava(at)kajastus-kurssit.fi")
    answer(interview, "tietosuojavastaava@kajastus-kurssit.fi")
    assert interview.done
    same_business(interview.answers, example("training"))


def test_an_interview_cut_off_midway_resumes_at_the_same_question() -> None:
    data = example("training")
    interview = Interview.start()
    until(interview, "dpo_phone", data)

    resumed = Interview.start(answers=json.loads(json.dumps(interview.answers)))

    assert resumed.current().question.id == "dpo_phone"
    assert [step.question.id for step, _ in resumed.history] == [step.question.id for step, _ in interview.history]


def test_an_interview_cut_off_in_a_list_asks_again_whether_there_is_another_item() -> None:
    data = example("training")
    interview = Interview.start()
    until(interview, "special_categories", data)
    answer(interview, True)
    answer(interview, answer_from(data, interview.current()))  # the first kind of sensitive data, then Ctrl+C
    # Whether the user had already said "no more" is not in the answers: a list is where they stopped, so ask.

    resumed = Interview.start(answers=json.loads(json.dumps(interview.answers)))

    step = resumed.current()
    assert (step.question.id, step.mode, step.item) == ("special_categories", "another", 1)
    completed, _ = interview_from(data, resumed)
    same_business(completed.answers, data)


def test_an_answer_can_be_checked_before_it_is_sent_and_nothing_changes() -> None:
    """What the chat shows while a postal code is typed: the engine's own judgement, against the country
    given earlier, without taking the answer."""
    interview = Interview.start()
    step = until(interview, "controller_postal_code", example("webshop"))
    before = interview.answers
    wrong = interview.check("123")
    assert isinstance(wrong, Rejection) and wrong.message_code == interview.submit("123").message_code
    assert interview.check("00100") is None
    assert interview.answers == before and interview.current().question.id == step.question.id
    until(interview, "purposes", example("webshop"))
    with pytest.raises(InterviewError):  # a record's form is checked when it is sent, as a whole
        interview.check({"description": "Orders"})


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_progress_grows_with_every_answer_a_list_included_and_is_100_only_when_complete(name: str) -> None:
    data = example(name)
    interview = Interview.start(answers={"language": data["language"]})
    seen = []
    while (step := interview.current()) is not None:
        seen.append(interview.progress)
        assert not interview.complete
        answer(interview, answer_from(data, step))
    assert seen[0] == 0 and max(seen) < 100
    assert seen == sorted(seen), "an answer (one more purpose, data category, recipient ...) lowered it"
    assert interview.progress == 100 and interview.complete


def test_changing_an_answer_keeps_the_progress_unless_it_opens_a_question() -> None:
    interview = finished(example("webshop"))
    interview.edit("controller_name")
    assert interview.current().question.id == "controller_name"
    assert (interview.progress, interview.complete) == (100, True)  # going back is no step back
    half = Interview.start(answers={"language": "fi"})
    until(half, "personal_data", example("webshop"))
    before = half.progress
    half.edit("controller_name")
    assert half.progress == before


def test_one_more_item_added_to_a_list_already_passed_keeps_the_progress() -> None:
    interview = finished(example("webshop"))
    interview.add_item("data_subjects")  # one more group of people at the review: an early question
    assert (interview.progress, interview.complete) == (100, False)
    answer(interview, "members")
    assert interview.current().mode == "another" and (interview.progress, interview.complete) == (100, False)
    answer(interview, False)
    assert (interview.progress, interview.complete) == (100, True)
    half = Interview.start(answers={"language": "fi"})
    until(half, "personal_data", example("webshop"))
    before = half.progress
    half.add_item("data_subjects")
    assert half.progress == before, "the frontier is still the question not yet answered"


def test_a_purpose_s_id_is_made_of_whole_words_and_stays_when_the_purpose_is_changed() -> None:
    interview = Interview.start()
    until(interview, "purposes", example("webshop"))

    answer(interview, {"description": "Huoltojen ja korjausten ajanvaraus asiakkaille", "basis": "contract"})
    (made,) = [purpose["id"] for purpose in interview.answers["purposes"]]
    assert made == "huoltojen_ja_korjausten"  # whole words, at most 32 characters

    interview.edit("purposes", 0)
    answer(interview, {**interview.current().value, "description": "Huoltojen ajanvaraus"})
    assert interview.answers["purposes"][0]["id"] == made  # what links the data to it stays as it was


def test_a_purpose_changed_in_a_form_without_its_id_keeps_it_and_the_data_linked_to_it() -> None:
    interview = finished(example("webshop"))
    before = interview.answers
    own = before["purposes"][0]["id"]
    interview.edit("purposes", 0)
    form = {key: value for key, value in interview.current().value.items() if key != "id"}  # the chat has no box for it
    answer(interview, {**form, "description": "Verkkokaupan tilaukset ja palautukset"})
    after = interview.answers
    assert after["purposes"][0]["id"] == own and after["purposes"][0]["description"] == "Verkkokaupan tilaukset ja palautukset"
    for part in ("personal_data", "recipients"):
        assert [item.get("purposes") for item in after[part]] == [item.get("purposes") for item in before[part]]


def test_a_hand_written_purpose_id_the_answers_refuse_is_made_anew_from_the_description_and_its_links_follow() -> None:
    data = example("webshop")
    data["purposes"][0]["id"] = "Tilaukset!"  # not an id: the chat asks the purpose again, and its form has no box for it
    for category in data["personal_data"]:
        category["purposes"] = ["Tilaukset!" if ref == "orders" else ref for ref in category["purposes"]]
    interview = Interview.start(answers=data)
    step = interview.current()
    assert (step.question.id, step.item) == ("purposes", 0)
    answer(interview, {key: value for key, value in (step.value or {}).items() if key != "id"})
    made = interview.answers["purposes"][0]["id"]
    assert made == "tilausten_kasittely"
    assert made in interview.answers["personal_data"][0]["purposes"] and interview.current().question.id != "purposes"


def test_a_demonstration_s_purpose_keeps_the_example_s_id_though_the_chat_s_form_has_no_box_for_it() -> None:
    interview = Interview.start(script=example("webshop"))
    step = until(interview, "purposes", example("webshop"))
    assert step.scripted and step.default["id"] == "orders"
    answer(interview, {key: value for key, value in step.default.items() if key != "id"})
    assert interview.answers["purposes"][0]["id"] == "orders"


def test_a_form_s_box_depends_only_on_the_boxes_that_apply_not_on_what_a_hidden_one_still_holds() -> None:
    interview = Interview.start()
    recipients = interview.questionnaire.question("recipients")
    typed = {"name": "Posti", "role": "controller", "country": "Ruotsi", "transfer_mechanism": "scc", "transfer_safeguards_copy": "x"}
    shown = [sub.id for sub in interview.form_fields(recipients, typed)]
    assert "country" in shown and "transfer_mechanism" not in shown and "transfer_safeguards_copy" not in shown


def test_the_review_shows_a_purpose_by_its_description_not_its_id(tmp_path: Path) -> None:
    from wizard.session import Session

    session = Session(tmp_path / "a.yaml", finished(example("webshop")), "fi", "fi")
    (purposes,) = [section for section in session.answers_by_section("fi") if section.id == "purposes"]
    first = purposes.entries[0]
    shown = " ".join(f"{prompt} {answer}" for prompt, answer in first.details)
    assert example("webshop")["purposes"][0]["id"] not in shown and "Lyhyt tunniste" not in shown
    assert "Tilausten" in first.shown


def test_no_data_leaving_the_eu_is_refused_at_once_after_a_recipient_outside_it_was_named() -> None:
    from wizard.conversation import refusal

    interview = Interview.start(answers={"language": "fi"})
    step = until(interview, "transfers_outside_eea", example("webshop"))  # its newsletter service is in the US
    refused = interview.submit(False)
    assert isinstance(refused, Rejection) and refused.message_code == "transfers_outside_named"
    said = refusal(refused, step, "fi")
    assert said["message"].startswith("Nimeämäsi vastaanottaja käsittelee tietoja EU:n ja ETA:n ulkopuolella")
    assert said["hint"] == "Vastaa kyllä tai muuta ensin vastaanottajan maa."
    answer(interview, True)
    assert interview.answers["transfers_outside_eea"] is True


def test_the_language_to_write_in_follows_the_notice_s_until_a_text_is_written() -> None:
    interview = Interview.start()
    interview.write_texts_in("fi")
    interview.write_texts_in("sv")  # the notice language changed before any text: write in Swedish
    assert interview.text_language == "sv"
    answer(interview, "Kahvila Kanerva Oy")  # a name is the same in every language
    interview.write_texts_in("en")
    assert interview.text_language == "en"
    data = interview.answers
    data["processing"] = {"name": "Kundregister"}  # a text, written in Swedish
    kept = Interview.start(answers=data)
    kept.write_texts_in("fi")
    assert kept.text_language == "en", "a text already written keeps the language the answers name"
