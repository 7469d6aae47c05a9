"""What the notice says in law, clause by clause: transfers, special categories and the right to object
(issue 12, §3). Each test changes the valid answers of tests/conftest.py in one way and reads the notice."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from wizard.check import check_bytes
from wizard.render import build_notice

Answers = dict[str, Any]


def notice(data: Answers, lang: str) -> str:
    report = check_bytes(yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode("utf-8"))
    assert report.errors == [], [d.code for d in report.errors]
    return " ".join(build_notice(report, lang, allow_mixed_language=True).markdown.split())  # Finnish answers, any notice


def section(markdown: str, heading: str) -> str:
    start = markdown.index(f"## {heading}")
    end = markdown.find(" ## ", start + 3)
    return markdown[start : end if end != -1 else None]


def transfer_to(data: Answers, country: str, **transfer: Any) -> None:
    data["shares_data"] = True
    data["recipients"] = [
        {"name": "Pilvi Inc.", "service": "tallentaa tiedot", "processing_agreement": True, "country": country, "transfer": transfer}
    ]


NO_ADEQUACY = {"fi": "Euroopan komissio ei ole tehnyt vastaanottajan maasta", "en": "has made no adequacy decision for the recipient's country"}
US_NOT_DPF = {"fi": "eikä tämä siirto perustu siihen", "en": "and this transfer does not rely on it"}
RISKS = {"fi": "Siirron riskit:", "en": "The risks of this transfer:"}


@pytest.mark.parametrize("lang", ["fi", "en"])
@pytest.mark.parametrize(
    "mechanism",
    [{"mechanism": "scc", "safeguards_copy": "pyydä kopio"}, {"mechanism": "bcr", "safeguards_copy": "pyydä kopio"},
     {"mechanism": "derogation", "derogation": "contract_with_the_person"}],
)
def test_a_transfer_without_adequacy_says_that_no_adequacy_decision_covers_it(answers: Answers, lang: str, mechanism: dict) -> None:
    transfer_to(answers, "IN", **mechanism)
    assert NO_ADEQUACY[lang] in notice(answers, lang)

    transfer_to(answers, "US", **mechanism)
    text = notice(answers, lang)
    assert US_NOT_DPF[lang] in text and NO_ADEQUACY[lang] not in text


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_an_adequacy_or_dpf_transfer_does_not_say_there_is_no_adequacy(answers: Answers, lang: str) -> None:
    transfer_to(answers, "JP", mechanism="adequacy")
    text = notice(answers, lang)
    assert NO_ADEQUACY[lang] not in text and US_NOT_DPF[lang] not in text


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_a_dpf_transfer_cites_the_decision_and_points_to_the_dpf_list(answers: Answers, lang: str) -> None:
    transfer_to(answers, "US", mechanism="dpf")
    text = notice(answers, lang)
    assert "(EU) 2023/1795" in text
    assert "https://www.dataprivacyframework.gov/list" in text


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_the_explicit_consent_derogation_states_the_risks(answers: Answers, lang: str) -> None:
    transfer_to(answers, "IN", mechanism="derogation", derogation="explicit_consent")
    assert RISKS[lang] in notice(answers, lang)

    transfer_to(answers, "IN", mechanism="derogation", derogation="contract_with_the_person")
    assert RISKS[lang] not in notice(answers, lang)


def special(data: Answers, condition: str) -> None:
    data["special_categories"] = [{"category": "health", "description": "allergiat", "condition": condition, "purposes": ["orders"]}]


def test_art_9_2_e_has_the_words_of_the_finnish_regulation(answers: Answers) -> None:
    special(answers, "made_public_by_the_person")
    text = notice(answers, "fi")
    assert "ilmeisesti saattanut julkisiksi" in text and "nimenomaisesti" not in section(text, "Erityiset henkilötietoryhmät")


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("fi", ["ennaltaehkäisevä terveydenhuolto tai työterveyshuolto", "työkyvyn arviointi", "lääketieteellinen diagnoosi", "tai hoito"]),
        ("en", ["preventive or occupational medicine", "working capacity", "medical diagnosis", "care or treatment"]),
    ],
)
def test_art_9_2_h_has_its_full_scope(answers: Answers, lang: str, words: list[str]) -> None:
    special(answers, "health_or_social_care")
    text = notice(answers, lang)
    assert [w for w in words if w not in text] == []


OBJECTION = {"fi": "Oikeus vastustaa käsittelyä", "en": "Your right to object"}


def legitimate_interest(data: Answers, **fields: Any) -> None:
    data["purposes"].append(
        {"id": "fraud", "description": "Petosten estäminen", "basis": "legitimate_interests",
         "legitimate_interest": "estää petokset", "balancing_test": True, **fields}
    )


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_the_right_to_object_has_its_own_section_for_legitimate_interests(answers: Answers, lang: str) -> None:
    assert f"## {OBJECTION[lang]}" not in notice(answers, lang)

    legitimate_interest(answers)
    text = notice(answers, lang)
    own = section(text, OBJECTION[lang])
    assert "Petosten estäminen" in own and "21" in own
    rights = section(text, {"fi": "Rekisteröidyn oikeudet", "en": "Your rights"}[lang])
    assert "Petosten estäminen" not in rights  # the rights section only points to it


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_direct_marketing_on_legitimate_interests_has_only_its_own_objection_section(answers: Answers, lang: str) -> None:
    legitimate_interest(answers, direct_marketing=True)
    answers["direct_marketing"] = {"channels": ["post"], "opt_out": "soita meille"}
    text = notice(answers, lang)
    assert f"## {OBJECTION[lang]}" not in text
    assert {"fi": "## Oikeus vastustaa suoramarkkinointia", "en": "## Direct marketing and your right to object"}[lang] in text


# --- the model says what businesses otherwise put in free text (issue 12, §2) ---------------------------------


@pytest.mark.parametrize(("lang", "heading"), [("fi", "### Yksityishenkilöt"), ("en", "### Private individuals")])
def test_people_who_are_not_a_company_are_recipients_of_their_own_kind(answers: Answers, lang: str, heading: str) -> None:
    answers["shares_data"] = True
    answers["recipients"] = [{"name": "Kurssin muut osallistujat", "role": "people", "service": "saavat osallistujalistan", "country": "FI"}]
    text = notice(answers, lang)
    assert heading in text and "Kurssin muut osallistujat" in section(text, {"fi": "Tietojen vastaanottajat ja luovutukset", "en": "Who receives the data"}[lang])
    assert {"fi": "Muut rekisterinpitäjät", "en": "controllers in their own right"}[lang] not in text


@pytest.mark.parametrize(
    ("lang", "stops"), [("fi", "lopetamme myös siihen liittyvän profiloinnin"), ("en", "we also stop the profiling related to it")]
)
def test_profiling_without_an_automated_decision_is_told_with_the_right_to_object(answers: Answers, lang: str, stops: str) -> None:
    assert stops not in notice(answers, lang)

    answers["automated_decisions"] = {"used": False, "other_profiling": "ryhmittelemme asiakkaat ostosten mukaan"}
    text = notice(answers, lang)
    assert "ryhmittelemme asiakkaat ostosten mukaan" in text and stops in text



# --- why data must be given, joint controllers, the adequacy decision named (issue 12, legal review) ------


@pytest.mark.parametrize(
    ("lang", "reason"), [("fi", "Nimi ja yhteystiedot: laki edellyttää, että annat nämä tiedot (kirjanpitolaki (1336/1997))"),
                         ("en", "the law requires you to give them (kirjanpitolaki (1336/1997)")]  # the law as written, marked "(in Finnish)"
)
def test_data_required_by_law_say_so_with_the_law(answers: Answers, lang: str, reason: str) -> None:
    answers["purposes"].append({"id": "bookkeeping", "description": "Kirjanpito", "basis": "legal_obligation", "law": "kirjanpitolaki (1336/1997)"})
    answers["personal_data"][0].update(purposes=["orders", "bookkeeping"])
    assert reason not in notice(answers, lang)

    answers["personal_data"][0].update(required_because="statutory")
    assert reason in notice(answers, lang)


@pytest.mark.parametrize(
    ("lang", "not_party", "contract"),
    [("fi", "sinulla ei ole lakiin tai sopimukseen perustuvaa velvollisuutta", "sopimuksemme edellyttää"),
     ("en", "no law or contract obliges you", "our contract with you requires")],
)
def test_people_not_obliged_to_give_their_data_are_not_told_a_contract_requires_it(
    answers: Answers, lang: str, not_party: str, contract: str
) -> None:
    answers["provision"] = {"requirement": "mixed", "consequences": "Asiakasyritys nimeää toisen yhteyshenkilön."}
    answers["personal_data"][0].update(required_because="not_obliged")
    text = notice(answers, lang)
    assert not_party in text and contract.lower() not in text.lower()


@pytest.mark.parametrize(("lang", "label"), [("fi", "Sopimuksen tekemistä edeltävät toimenpiteet"), ("en", "Steps we take at your request before a contract")])
def test_steps_before_a_contract_are_the_contract_basis_s_detail(answers: Answers, lang: str, label: str) -> None:
    assert label not in notice(answers, lang)
    answers["purposes"][0]["pre_contract_steps"] = "tarjous, jota pyydät"
    text = notice(answers, lang)
    assert f"{label}" in text and "tarjous, jota pyydät" in section(text, {"fi": "Käsittelyn tarkoitukset", "en": "Purposes and legal bases"}[lang])


@pytest.mark.parametrize(("lang", "alone"), [("fi", "Muusta käsittelystä päätämme yksin."), ("en", "for the rest we decide alone")])
def test_a_joint_controller_is_joint_only_for_the_purposes_named(answers: Answers, lang: str, alone: str) -> None:
    answers["purposes"].append({"id": "seminar", "description": "Seminaarin järjestäminen yhdessä yhdistyksen kanssa", "basis": "contract",
                                "joint_with": ["Yhdistys ry"]})
    answers["joint_controllers"] = [{"name": "Yhdistys ry", "contact": "yhdistys@example.fi", "arrangement": "Me hoidamme ilmoittautumiset."}]
    text = section(notice(answers, lang), {"fi": "Yhteisrekisterinpitäjät", "en": "Joint controllers"}[lang])
    assert alone in text
    assert "Seminaarin järjestäminen yhdessä yhdistyksen kanssa" in text and "Tilausten toimittaminen" not in text


@pytest.mark.parametrize(("lang", "named"), [("fi", "Euroopan komission päätös Yhdistyneen kuningaskunnan tietosuojan riittävyydestä"),
                                             ("en", "the European Commission's adequacy decision for the United Kingdom")])
def test_the_uk_adequacy_decision_is_named(answers: Answers, lang: str, named: str) -> None:
    transfer_to(answers, "GB", mechanism="adequacy")
    text = notice(answers, lang)
    assert named in text and "27" in text.split(named)[1][:300]


@pytest.mark.parametrize(("lang", "both", "only_13"), [("fi", "13 ja 14 artiklaan", "13 artiklaan"), ("en", "Articles 13 and 14", "Article 13 of")])
def test_article_14_is_cited_only_when_data_come_from_elsewhere(answers: Answers, lang: str, both: str, only_13: str) -> None:
    text = notice(answers, lang)
    assert only_13 in text and both not in text
    answers["sources"] = {"from_data_subject": True, "from_other_sources": True, "other_sources": [{"name": "Kaupparekisteri", "public": True}]}
    assert both in notice(answers, lang)


@pytest.mark.parametrize(("lang", "ground", "stop"), [
    ("fi", "Mikä sallii päätöksen: nimenomainen suostumuksesi (tietosuoja-asetuksen 22 artiklan 2 kohdan c alakohta)", "22 artiklan 3 kohta"),
    ("en", "What allows these decisions: your explicit consent (Article 22(2)(c) GDPR)", "Article 22(3) GDPR"),
])
def test_an_automated_decision_names_its_ground_and_purposes(answers: Answers, lang: str, ground: str, stop: str) -> None:
    answers["automated_decisions"] = {"used": True, "logic": "pisteytys", "significance": "laskulla maksaminen", "consequences": "kortti",
                                      "ground": "explicit_consent", "purposes": ["orders"]}
    text = notice(answers, lang)
    assert ground in text and "Tilausten toimittaminen ja laskuttaminen" in text and stop in text

    answers["automated_decisions"].update(ground="law", law="laki X (1/2020)")
    text = notice(answers, lang)
    assert "laki X (1/2020)" in text and stop not in text  # the law, not Art. 22(3), gives the safeguards


@pytest.mark.parametrize(("lang", "age", "guardian"), [
    ("fi", "Suomen tietosuojalain mukaan 13 vuotta täyttänyt lapsi antaa suostumuksen itse (tietosuoja-asetuksen 8 artiklan 1 kohta "
           "ja tietosuojalaki (1050/2018) 5 §).", "Nuoremman lapsen puolesta suostumuksen antaa tai sen hyväksyy huoltaja."),
    ("en", "under the Finnish Data Protection Act a child aged 13 or over gives consent themselves (Article 8(1) GDPR and section 5 "
           "of the Finnish Data Protection Act, 1050/2018).", "For a younger child, huoltaja"),
])
def test_children_get_the_age_by_finnish_law_and_who_consents_only_from_the_answers(answers: Answers, lang: str, age: str,
                                                                                     guardian: str) -> None:
    answers["processing"]["includes_children"] = True
    text = notice(answers, lang)
    assert "13" not in section(text, {"fi": "Käsittely ja rekisteröidyt", "en": "Name of the processing"}[lang])

    answers["processing"]["online_service_for_children"] = True  # the law's age stands even before who consents is said
    text = notice(answers, lang)
    assert age in text and guardian not in text

    answers["processing"]["child_consent_by"] = "huoltaja"
    text = notice(answers, lang)
    assert age in text and guardian in text


@pytest.mark.parametrize(("lang", "heading"), [("fi", "Muilta saadut tiedot muista henkilöistä"), ("en", "Data we get about other people from someone else")])
def test_people_whose_data_come_from_someone_else_get_their_own_source_and_basis(answers: Answers, lang: str, heading: str) -> None:
    assert heading not in notice(answers, lang)
    answers["other_people"] = [{"who": "perheenjäsen, jolle asiakas tilaa", "data": "nimi ja osoite", "source": "tilaava asiakas",
                                "purposes": ["orders"]}]
    text = notice(answers, lang)
    part = section(text, heading)
    assert "tilaava asiakas" in part and {"fi": "sopimus (tietosuoja-asetuksen 6 artiklan 1 kohdan b alakohta)",
                                          "en": "Article 6(1)(b) GDPR"}[lang] in part
    assert {"fi": "13 ja 14 artiklaan", "en": "Articles 13 and 14"}[lang] in text


# --- the lawyer's review of the examples (issue 12) ---------------------------------------------------------


def test_objection_and_erasure_say_the_plain_words_with_the_regulations_term_in_brackets(answers: Answers) -> None:
    legitimate_interest(answers)
    text = notice(answers, "fi")
    objection = section(text, OBJECTION["fi"])
    assert "erittäin painava (huomattavan tärkeä ja perusteltu) syy, joka menee etujesi" in objection
    assert "esimerkiksi oikeudenkäyntiä varten (oikeusvaateen laatimiseen, esittämiseen tai puolustamiseen)" in objection
    assert "eikä meillä ole erittäin painavaa (huomattavan tärkeää ja perusteltua) syytä jatkaa sitä" in text


@pytest.mark.parametrize(
    ("lang", "says"),
    [("fi", "mihin tarkoituksiin niitä käytetään, keille ne luovutetaan, kuinka kauan niitä säilytetään ja mistä ne on saatu"),
     ("en", "the purposes we use them for, to whom we disclose them, how long we keep them and where we got them")],
)
def test_the_access_right_says_the_same_in_both_languages(answers: Answers, lang: str, says: str) -> None:
    assert says in notice(answers, lang)


@pytest.mark.parametrize(
    ("lang", "says"),
    [("fi", "Jos sinulla on kysyttävää tietosuojasta tai haluat käyttää oikeuksiasi"),
     ("en", "If you have questions about privacy or want to use your rights")],
)
@pytest.mark.parametrize("own_contact", [False, True])
def test_the_contact_section_says_the_same_in_both_languages(answers: Answers, lang: str, says: str, own_contact: bool) -> None:
    if own_contact:
        answers["privacy_contact"] = {"name": "Maija Esimerkki", "email": "maija@esimerkkipaja.example"}
    assert says in notice(answers, lang)


@pytest.mark.parametrize(
    ("lang", "says"),
    [("fi", "Hän neuvoo meitä tietosuoja-asioissa ja valvoo, että noudatamme tietosuojasääntöjä."),
     ("en", "The data protection officer advises us on data protection and monitors our compliance")],
)
def test_the_dpo_section_says_the_same_in_both_languages(answers: Answers, lang: str, says: str) -> None:
    answers["dpo"] = {"email": "tsv@esimerkkipaja.example"}
    assert says in notice(answers, lang)


@pytest.mark.parametrize(("lang", "locked", "paper"), [("fi", "Toimitilat ovat lukittuja", "paperi"), ("en", "Our premises are locked", "paper")])
def test_locked_premises_claim_no_paper_records(answers: Answers, lang: str, locked: str, paper: str) -> None:
    answers["security"] = {"measures": ["access_control", "locked_premises"]}
    text = notice(answers, lang)
    assert locked in text and paper not in text.lower()


@pytest.mark.parametrize(
    ("lang", "also"),
    [("fi", "Samalla peruutat nimenomaisen suostumuksesi näiden tietojen käsittelyyn: terveyttä koskevat tiedot."),
     ("en", "This also withdraws your explicit consent to the processing of these data: data concerning health.")],
)
def test_an_explicit_consent_given_with_a_purposes_consent_is_withdrawn_there_once(answers: Answers, lang: str, also: str) -> None:
    answers["purposes"].append({"id": "diets", "description": "Ruokavaliot", "basis": "consent", "consent_how_asked": "rasti",
                                "consent_withdrawal": "sähköpostilla"})
    answers["personal_data"].append({"name": "Ruokavalio", "purposes": ["diets"], "required": False})
    answers["special_categories"] = [{"category": "health", "description": "allergiat", "condition": "explicit_consent",
                                      "condition_details": "rasti", "purposes": ["diets"]}]
    text = notice(answers, lang)
    withdrawal = section(text, {"fi": "Suostumuksen peruuttaminen", "en": "Withdrawing your consent"}[lang])
    assert also in withdrawal and withdrawal.count("sähköpostilla") == 1 and "allergiat" not in withdrawal

    answers["special_categories"][0]["purposes"] = ["orders"]  # given for a contract purpose: withdrawn on its own
    withdrawal = section(notice(answers, lang), {"fi": "Suostumuksen peruuttaminen", "en": "Withdrawing your consent"}[lang])
    assert also not in withdrawal and "allergiat" in withdrawal


@pytest.mark.parametrize(
    ("lang", "points"),
    [("fi", "Käyttötarkoitus: Kävijätilastot (katso kohta ”Käsittelyn tarkoitukset ja oikeusperusteet”)"),
     ("en", '(see "Purposes and legal bases" above)')],
)
def test_consent_cookies_point_to_the_purpose_they_serve_with_its_retention(answers: Answers, lang: str, points: str) -> None:
    answers["controller"]["website"] = "https://www.esimerkkipaja.fi"
    answers["purposes"].append({"id": "stats", "description": "Kävijätilastot", "basis": "consent", "consent_how_asked": "evästebanneri",
                                "consent_withdrawal": "evästeasetukset", "retention": {"period": "13 kuukautta käynnistä"}})
    answers["personal_data"].append({"name": "Käyttötiedot", "purposes": ["stats"], "required": False})
    answers["cookies"] = {"categories": ["necessary", "analytics"], "lifetimes": [{"category": "analytics", "lifetime": "13 kuukautta"}],
                          "how_to_manage": "evästebanneri"}
    cookie_section = {"fi": "Evästeet", "en": "Cookies"}[lang]
    assert points not in section(notice(answers, lang), cookie_section)

    answers["cookies"]["lifetimes"][0]["purposes"] = ["stats"]
    text = section(notice(answers, lang), cookie_section)
    assert points in text and "13 kuukautta käynnistä" in text


@pytest.mark.parametrize(("lang", "channel"), [("fi", "yhteyshenkilöllemme sähköpostilla: [maija@esimerkkipaja.example]"),
                                               ("en", "by e-mail to our contact person: [maija@esimerkkipaja.example]")])
def test_every_e_mail_address_given_for_requests_is_a_channel_for_them(answers: Answers, lang: str, channel: str) -> None:
    answers["privacy_contact"] = {"name": "Maija Esimerkki", "email": "maija@esimerkkipaja.example"}
    assert channel not in notice(answers, lang)

    answers["rights"] = {"email": "tietosuoja@esimerkkipaja.example"}
    text = notice(answers, lang)
    assert channel in text and "tietosuoja@esimerkkipaja.example" in text
