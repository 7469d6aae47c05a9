"""A notice states a fact only when an answer says it (or the law always applies).

The answers below are a hair salon's, as a new user gave them in the chat (every name, number and address is
made up): a contract purpose that also uses health data on explicit consent (Art. 9(2)(a)), a newsletter on
consent, children among the customers but no online service offered to them, and the user's own short texts
as typed, without a final full stop. Each test reads what a customer would read, in every notice language.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest
from test_notice_law import notice, section

from wizard.languages import CODES

SALON: dict[str, Any] = {
    "schema_version": 3,
    "language": "fi",
    "controller": {
        "name": "Parturi-Kampaamo Esimerkki Oy",
        "type": "company",
        "business_id": "1572860-0",
        "street_address": "Esimerkkikatu 1",
        "postal_code": "33100",
        "city": "Tampere",
        "country": "FI",
        "phone": "040 123 4567",
        "email": "info@parturi.example",
    },
    "privacy_contact": {"same_as_controller": True},
    "processing": {
        "name": "Asiakas- ja markkinointirekisteri",
        "data_subjects": ["asiakkaat", "uutiskirjeen tilaajat"],
        "includes_children": True,
        "online_service_for_children": False,
        "child_consent_by": "lapsen huoltaja, joka varaa ajan lapselle",
        "child_consent_check": "alle 15-vuotiaan ajan varaa aina huoltaja omalla nimellään",
    },
    "purposes": [
        {"id": "booking", "description": "Ajanvarausten hallinta", "basis": "contract", "contract": "ajanvaraus",
         "retention": {"period": "2 vuotta viimeisen käynnin jälkeen"}},
        {"id": "newsletter", "description": "Uutiskirjeen lähettäminen", "basis": "consent",
         "consent_how_asked": "tyhjä rasti ajanvarauslomakkeessa",
         "consent_withdrawal": "uutiskirjeen lopussa olevasta linkistä", "direct_marketing": True,
         "retention": {"period": "kunnes tilaaja peruu tilauksen"}},
    ],
    "personal_data": [
        {"name": "Yhteystiedot", "description": "nimi ja puhelinnumero", "purposes": ["booking", "newsletter"],
         "required": True, "required_because": "contract_precondition"},
    ],
    "special_categories": [
        {"category": "health", "description": "hiusväriallergiat", "condition": "explicit_consent",
         "condition_details": "kysymme suullisesti ennen värjäystä", "purposes": ["booking"]},
    ],
    "sources": {"from_data_subject": True},
    "provision": {"requirement": "mixed", "consequences": "Ilman yhteystietoja emme voi varata aikaa."},
    "shares_data": False,
    "transfers_outside_eea": False,
    "automated_decisions": {"used": False},
    "direct_marketing": {"channels": ["email"], "opt_out": "uutiskirjeen lopussa olevasta linkistä",
                         "audience": "consumers", "existing_customer_exception": False},
    "rights": {"how": "sähköpostilla osoitteeseen info@parturi.example tai kertomalla kassalla"},
    "notice": {"date": "2026-12-03", "announce_changes": ["website"]},
}

RIGHTS = {"fi": "Rekisteröidyn oikeudet", "en": "Your rights", "sv": "Dina rättigheter"}
CHILD_GROUND = {"fi": "lapsena tarjottu verkkopalvelua", "en": "online service offered to you as a child",
                "sv": "onlinetjänst erbjöds dig som barn"}


@pytest.fixture
def salon() -> dict[str, Any]:
    return copy.deepcopy(SALON)


@pytest.mark.parametrize("lang", CODES)
def test_the_erasure_ground_for_children_s_online_services_is_listed_only_for_such_a_service(salon: dict[str, Any], lang: str) -> None:
    assert CHILD_GROUND[lang] not in section(notice(salon, lang), RIGHTS[lang])  # children, but no online service for them

    salon["processing"]["online_service_for_children"] = True
    assert CHILD_GROUND[lang] in section(notice(salon, lang), RIGHTS[lang])

    salon["purposes"] = salon["purposes"][:1]  # the service asks no consent: Art. 17(1)(f) cannot apply
    salon["personal_data"][0]["purposes"] = ["booking"]
    del salon["direct_marketing"]
    assert CHILD_GROUND[lang] not in section(notice(salon, lang), RIGHTS[lang])


WITHDRAWAL = {"fi": "Suostumuksen peruuttaminen", "en": "Withdrawing your consent", "sv": "Återkalla ditt samtycke"}
ANY_TIME = {"fi": "voit peruuttaa suostumuksesi milloin tahansa", "en": "you can withdraw your consent at any time",
            "sv": "kan du när som helst återkalla samtycket"}
BY_CONTACTING = {
    "fi": "Voit peruuttaa nimenomaisen suostumuksesi ottamalla yhteyttä meihin (yhteystiedot kohdassa ”Yhteyshenkilö tietosuoja-asioissa”).",
    "en": 'You can withdraw your explicit consent by contacting us (contact details under "Contact person for privacy matters").',
    "sv": "Du kan återkalla ditt uttryckliga samtycke genom att kontakta oss (kontaktuppgifterna finns i avsnittet ”Kontaktperson i dataskyddsfrågor”).",
}
WITHDRAWN_WITH = {"fi": "Samalla peruutat nimenomaisen suostumuksesi", "en": "This also withdraws your explicit consent",
                  "sv": "Samtidigt återkallar du ditt uttryckliga samtycke"}


@pytest.mark.parametrize("lang", CODES)
def test_an_explicit_consent_no_answer_says_how_to_withdraw_points_to_the_privacy_contact(salon: dict[str, Any], lang: str) -> None:
    withdrawal = section(notice(salon, lang), WITHDRAWAL[lang])
    assert ANY_TIME[lang] in withdrawal
    assert BY_CONTACTING[lang] in withdrawal
    assert "info@parturi.example" not in withdrawal  # no procedure (an e-mail to this address) that no answer gave
    assert withdrawal.count("uutiskirjeen lopussa olevasta linkistä") == 1  # the newsletter's own way, as answered

    # Used for the newsletter too: the newsletter's link does not end its use for bookings, so it is not said to.
    salon["special_categories"][0]["purposes"] = ["newsletter", "booking"]
    withdrawal = section(notice(salon, lang), WITHDRAWAL[lang])
    assert WITHDRAWN_WITH[lang] not in withdrawal and BY_CONTACTING[lang] in withdrawal

    salon["special_categories"][0]["purposes"] = ["newsletter"]  # only for the newsletter: withdrawn with its consent
    withdrawal = section(notice(salon, lang), WITHDRAWAL[lang])
    assert WITHDRAWN_WITH[lang] in withdrawal and BY_CONTACTING[lang] not in withdrawal


BASIS_CELL = {
    "fi": "sopimus: ajanvaraus; terveyttä koskevat tiedot: nimenomainen suostumus",
    "en": "performance of a contract: ajanvaraus (in Finnish); data concerning health: your explicit consent",
    "sv": "fullgörande av ett avtal: ajanvaraus (på finska); uppgifter om hälsa: ditt uttryckliga samtycke",
}


@pytest.mark.parametrize("lang", CODES)
def test_the_table_gives_health_data_their_own_art_9_condition_beside_the_purpose_s_basis(salon: dict[str, Any], lang: str) -> None:
    from test_processing_table import table_of

    from wizard.check import check_data
    from wizard.render import build_notice

    report = check_data(salon)
    _, rows = table_of(dict(build_notice(report, lang, allow_mixed_language=True).sections)["processing_table"])
    assert rows[0][2] == BASIS_CELL[lang]
    assert rows[1][2] == {"fi": "suostumus", "en": "your consent", "sv": "ditt samtycke"}[lang]  # no health data for the newsletter


SENTENCES = {
    "fi": ["Näin varmistamme suostumuksen: alle 15-vuotiaan ajan varaa aina huoltaja omalla nimellään.",
           "Voit käyttää oikeuksiasi näin: sähköpostilla osoitteeseen info@parturi.example tai kertomalla kassalla.",
           "Näin vastustat suoramarkkinointia: uutiskirjeen lopussa olevasta linkistä."],
    # The answers are in Finnish: a notice in another language says so after each of them.
    "en": ["How we make sure of the consent: alle 15-vuotiaan ajan varaa aina huoltaja omalla nimellään (in Finnish).",
           "You can use your rights as follows: sähköpostilla osoitteeseen info@parturi.example tai kertomalla kassalla (in Finnish).",
           "How to object: uutiskirjeen lopussa olevasta linkistä (in Finnish)."],
    "sv": ["Så här försäkrar vi oss om samtycket: alle 15-vuotiaan ajan varaa aina huoltaja omalla nimellään (på finska).",
           "Du kan utöva dina rättigheter så här: sähköpostilla osoitteeseen info@parturi.example tai kertomalla kassalla (på finska).",
           "Så här invänder du: uutiskirjeen lopussa olevasta linkistä (på finska)."],
}


@pytest.mark.parametrize("lang", CODES)
def test_the_user_s_short_texts_end_the_clause_s_sentences_with_a_full_stop(salon: dict[str, Any], lang: str) -> None:
    text = notice(salon, lang)
    for sentence in SENTENCES[lang]:
        assert sentence in text
    assert "kassalla.." not in text and "nimellään.." not in text

    salon["processing"]["child_consent_check"] += "."  # a full stop typed by the user is not doubled
    salon["processing"]["child_consent_by"] = "huoltaja."
    text = notice(salon, lang)
    assert SENTENCES[lang][0].replace("nimellään", "nimellään.") in text or SENTENCES[lang][0] in text
    assert "nimellään.." not in text and "huoltaja.." not in text


def test_the_page_keeps_phone_numbers_and_addresses_whole_and_user_markup_literal() -> None:
    from wizard.formats.html import render_html

    html = render_html(
        "Soita 040 123 4567 tai +358 40 123 4567, kirjoita <span>info@parturi.example</span> "
        "tai [info@parturi.example](mailto:info@parturi.example). Postinumero 33100, vuodet 2018 2026.",
        "fi", "Testi",
    )
    assert '<span class="tel">040 123 4567</span>' in html and '<span class="tel">+358 40 123 4567</span>' in html
    assert '&lt;span&gt;<span class="email">info@parturi.example</span>&lt;/span&gt;' in html
    assert '<a href="mailto:info@parturi.example" class="email">info@parturi.example</a>' in html
    assert html.count('class="tel"') == 2  # a postal code or two years are not a phone number


PORTABILITY = {"fi": "**Oikeus siirtää tiedot järjestelmästä toiseen (20 artikla).**",
               "en": "**Right to data portability (Article 20 GDPR).**", "sv": "**Rätt till dataportabilitet (artikel 20).**"}
PORTABLE_HEALTH = {"fi": "- Nimenomaiseen suostumukseesi perustuva käsittely: terveyttä koskevat tiedot (hiusväriallergiat)",
                   "en": "- Processing based on your explicit consent: data concerning health (hiusväriallergiat (in Finnish))",
                   "sv": "- Behandling som grundar sig på ditt uttryckliga samtycke: uppgifter om hälsa (hiusväriallergiat (på finska))"}


@pytest.mark.parametrize("lang", CODES)
def test_data_on_explicit_consent_are_portable_whatever_the_purpose_s_basis(salon: dict[str, Any], lang: str) -> None:
    """Art. 20(1)(a): consent under Art. 6(1)(a) or 9(2)(a), or a contract. A customer card kept on legitimate
    interests with allergy notes on explicit consent: the notes are portable, the card is not."""
    salon["purposes"] = [{"id": "card", "description": "Asiakaskortti", "basis": "legitimate_interests",
                          "legitimate_interest": "muistaa aiemmat käsittelyt", "retention": {"period": "2 vuotta"}}]
    salon["personal_data"] = [{"name": "Asiakaskortti", "purposes": ["card"]}]
    salon["special_categories"][0]["purposes"] = ["card"]
    del salon["direct_marketing"]
    rights = section(notice(salon, lang), RIGHTS[lang])
    assert PORTABILITY[lang] in rights and PORTABLE_HEALTH[lang] in rights

    salon["special_categories"][0]["condition"] = "legal_claims"
    assert PORTABILITY[lang] not in section(notice(salon, lang), RIGHTS[lang])
