"""One old Finnish notice, restated as answers: the new Finnish notice keeps every fact and none of the flaws."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from wizard.check import check_bytes
from wizard.formats import render_format
from wizard.render import build_notice

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "seed_customer_register.yaml"


@pytest.fixture(scope="module")
def notice_text() -> str:
    notice = build_notice(check_bytes(FIXTURE.read_bytes()), "fi")
    return render_format(notice.markdown, "txt", "fi", notice.title).decode("utf-8")


def _flat(text: str) -> str:
    return " ".join(text.split())


FACTS = [
    "HR Mentor Oy",
    "Viestikatu 7 B 5.krs",
    "70600 Kuopio",
    "050 555 9127",
    "paivi.savolainen@hrmentor.fi",
    "Päivi Savolainen",
    "Asiakasrekisteri",
    "Henkilön etu- ja sukunimi",
    "Edustamansa yhteisö",
    "Sähköpostiosoite",
    "Postiosoite",
    "Puhelinnumero",
    "www-osoite",
    "IP-osoite",
    "Tiedot aiemmista tilauksista",
    "Laskutustiedot",
    "osoitteenpäivityspalveluja tarjoavat viranomaiset ja yritykset",
    "Taloushallinnon ulkoistuskumppani",
    "Luottotietoyhtiö",
    "Perintätoimisto",
    "Google LLC (Google Analytics)",
    "10 vuotta asiakkuuden päättymisestä",
    "kirjanpitolaki (1336/1997)",
]


@pytest.mark.parametrize("fact", FACTS)
def test_every_fact_of_the_old_notice_is_kept(notice_text: str, fact: str) -> None:
    assert fact in _flat(notice_text)


FLAWS = {
    "the repealed Personal Data Act": r"henkilötietola",
    "the authority's old address": r"Ratapihantie|0052[01]",
    "a handwritten signature demand": r"allekirjoit|omakätis",
    "vague modal wording": r"\b(voidaan|saatetaan|saattaa|mahdollisesti|tarvittaessa)\b",
    "the old generator's typos": r"riorganisaation|yorganisaation|luottihakemukseen|tietosuojasetuksen|muuta\?",
    "Privacy Shield": r"Privacy Shield",
    "a placeholder": r"\[täydennä\]|TODO|None|PUUTTUU",
}


@pytest.mark.parametrize("flaw", FLAWS)
def test_none_of_the_old_flaws_remains(notice_text: str, flaw: str) -> None:
    assert not re.search(FLAWS[flaw], notice_text, re.IGNORECASE), flaw


def test_what_the_old_notice_lacked_is_now_there(notice_text: str) -> None:
    text = _flat(notice_text)
    assert "Lintulahdenkuja 4, 00530 Helsinki" in text  # complaint right with the current address
    assert "6 artiklan 1 kohdan b alakohta" in text  # a legal basis per purpose, by article
    assert "6 artiklan 1 kohdan f alakohta" in text
    assert "kehittää palveluitamme asiakkaiden tilaushistorian perusteella" in text  # the interest itself
    assert "Yhdysvallat" in text  # the transfer is named with its country, not "if necessary"
