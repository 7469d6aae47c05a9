"""`seloste import`: an existing notice's facts as an answers file, each value quoting where it was found; what
the notice does not say stays unanswered, and what it says wrongly is not carried over."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
import yaml

from test_audit import every_notice
from wizard.audit.importing import answers_yaml, import_notice
from wizard.audit.report import audit_bytes
from wizard.check import check_bytes
from wizard.cli import run
from wizard.rules import display_path

NOTICES = Path(__file__).resolve().parent / "fixtures" / "notices"


def seloste(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def imported_yaml(name: str) -> str:
    audit = audit_bytes((NOTICES / name).read_bytes(), name)
    return answers_yaml(import_notice(audit), name, "en")


OLD_FORM_CONTROLLER = {
    "name": "Vihervarvas Puutarhapalvelu Oy",
    "business_id": "2345678-0",
    "street_address": "Ruusukuja 3",
    "postal_code": "33100",
    "city": "Tampere",
    "email": "info@vihervarvas.fi",
    "phone": "040 765 4321",
}

# Each fixture's facts, exactly as its notice states them, and the gaps `seloste check` then lists.
EXPECTED: dict[str, tuple[dict[str, Any], set[str]]] = {
    "old_form_fi.txt": (
        {
            "schema_version": 3,
            "language": "fi",
            "controller": OLD_FORM_CONTROLLER,
            "privacy_contact": {"name": "Outi Virtanen", "email": "outi.virtanen@vihervarvas.fi", "phone": "040 765 4322"},
            "processing": {"name": "Asiakasrekisteri"},
            "purposes": [
                {"id": "henkilotietoja-kasitellaan-puutarhatoide", "description": "Henkilötietoja käsitellään puutarhatöiden tilausten toimittamiseen ja laskutukseen sekä uutiskirjeen lähettämiseen"},
                {"id": "tietoja-voidaan-kayttaa", "description": "Tietoja voidaan käyttää myös markkinointiin"},
            ],
            "personal_data": [{"name": n} for n in ("Etu- ja sukunimi", "Osoite", "Puhelinnumero", "Sähköpostiosoite", "Tilaushistoria")],
            "sources": {"from_data_subject": True, "from_other_sources": True},
            "shares_data": True,
            "recipients": [{"name": "tilitoimisto", "service": "Kirjanpidon hoitaa tilitoimisto."}],
            "security": {"measures": ["access_control", "locked_premises"]},
        },
        {"notice", "processing.data_subjects", "purposes[1].basis", "purposes[2].basis"},
    ),
    # The old form in Swedish: the same facts, as written in Swedish; the same mistakes left out.
    "old_form_sv.txt": (
        {
            "schema_version": 3,
            "language": "sv",
            "controller": {
                "name": "Skärgårdens Båtservice Ab",
                "business_id": "2345678-0",
                "street_address": "Hamngatan 7",
                "postal_code": "21600",
                "city": "Pargas",
                "email": "info@batservice.example",
                "phone": "040 765 4321",
            },
            "privacy_contact": {"name": "Mikaela Lindqvist", "email": "mikaela.lindqvist@batservice.example", "phone": "040 765 4322"},
            "processing": {"name": "Kundregister"},
            "purposes": [
                {"id": "personuppgifterna-behandlas-for", "description": "Personuppgifterna behandlas för att sköta beställningar av båtservice och faktureringen samt för att skicka ut nyhetsbrevet"},
                {"id": "uppgifterna-kan-ocksa", "description": "Uppgifterna kan också användas för marknadsföring"},
            ],
            "personal_data": [{"name": n} for n in ("För- och efternamn", "Adress", "Telefonnummer", "E-postadress", "Beställningshistorik")],
            "sources": {"from_data_subject": True, "from_other_sources": True},
            "shares_data": True,
            "recipients": [{"name": "bokföringsbyrå", "service": "Bokföringen sköts av en bokföringsbyrå."}],
            "security": {"measures": ["access_control", "locked_premises"]},
        },
        {"notice", "processing.data_subjects", "purposes[1].basis", "purposes[2].basis"},
    ),
    "free_form_fi.txt": (
        {
            "schema_version": 3,
            "language": "fi",
            "controller": {
                "name": "Liikuntakeskus Voimala Oy",
                "business_id": "3456788-1",
                "street_address": "Kuntokatu 12",
                "postal_code": "40100",
                "city": "Jyväskylä",
                "email": "asiakaspalvelu@voimala-liikunta.fi",
                "phone": "014 555 1200",
            },
            "privacy_contact": {"name": "Jussi Mäkelä", "email": "jussi.makela@voimala-liikunta.fi", "phone": "014 555 1201"},
            "purposes": [
                {"id": "jasenyyden-hoitaminen-ja", "description": "Jäsenyyden hoitaminen ja jäsenmaksujen laskutus", "basis": "contract"},
                {"id": "kirjanpito", "description": "Kirjanpito", "basis": "legal_obligation", "law": "kirjanpitolaki"},
                {"id": "uutiskirjeen-lahettaminen", "description": "Uutiskirjeen lähettäminen", "basis": "consent"},
                {"id": "kulunvalvonta-ja-tilojen", "description": "Kulunvalvonta ja tilojen turvallisuus", "basis": "legitimate_interests"},
                {"id": "voimme-esimerkiksi-lahettaa", "description": "Voimme esimerkiksi lähettää jäsenille tarjouksia yhteistyökumppaneiltamme"},
            ],
            "personal_data": [{"name": n} for n in ("nimi ja syntymäaika", "yhteystiedot", "jäsenyyden tiedot ja maksuhistoria", "kulkukortin käyttötiedot")],
            "sources": {"from_data_subject": True},
            "shares_data": True,
            "recipients": [
                {"name": "Kuntosoft Oy", "service": "Jäsenrekisteri on Kuntosoft Oy:n järjestelmässä, ja kirjanpidon hoitaa tilitoimisto Tase ja Tili Oy."},
                {"name": "Tase ja Tili Oy", "service": "Jäsenrekisteri on Kuntosoft Oy:n järjestelmässä, ja kirjanpidon hoitaa tilitoimisto Tase ja Tili Oy."},
            ],
            "transfers_outside_eea": False,
            "retention": {"period": "Jäsenen tiedot säilytetään kaksi vuotta jäsenyyden päättymisestä. Kirjanpitoaineisto säilytetään kirjanpitolain mukaan."},
        },
        {"notice", "processing", "purposes[5].basis"},
    ),
    "free_form_en.html": (
        {
            "schema_version": 3,
            "language": "en",
            "controller": {
                "name": "Crumb Bakery Café Oy",
                "business_id": "4567891-5",
                "street_address": "Leipurinkatu 5",
                "postal_code": "20500",
                "city": "Turku",
                "email": "hello@crumb-bakery.fi",
                "phone": "+358 2 555 3300",
            },
            "purposes": [
                {"id": "taking-and-delivering", "description": "Taking and delivering cake orders"},
                {"id": "our-loyalty-programme", "description": "Our loyalty programme"},
                {"id": "sending-offers-to", "description": "Sending offers to our loyalty customers"},
            ],
            "personal_data": [{"name": n} for n in ("Name", "phone number", "e-mail address", "order history", "loyalty points")],
        },
        {"notice", "processing", "purposes[1].basis", "purposes[2].basis", "purposes[3].basis"},
    ),
}


@pytest.mark.parametrize("name", EXPECTED)
def test_the_import_recovers_the_facts_exactly(name: str) -> None:
    assert yaml.safe_load(imported_yaml(name)) == EXPECTED[name][0]


@pytest.mark.parametrize("name", EXPECTED)
def test_check_reads_the_import_and_lists_only_the_expected_gaps(name: str) -> None:
    report = check_bytes(imported_yaml(name).encode())
    assert report.warnings == []
    assert {display_path(d.path) for d in report.errors} == EXPECTED[name][1]
    assert {d.code for d in report.errors} == {"missing"}


@pytest.mark.parametrize("name", EXPECTED)
def test_nothing_the_old_notice_has_wrong_is_carried_over(name: str) -> None:
    answers = "\n".join(line for line in imported_yaml(name).splitlines() if not line.lstrip().startswith("#"))
    for flaw in ("henkilötietola", "Personal Data Act", "Ratapihantie", "0052", "Privacy Shield", "kantelu", "asiakassuhde", "as long as necessary", "niin kauan kuin", "allekirjoit", "kerran vuodessa", "ellei",
                 "personuppgiftslag", "Bangårdsvägen", "kundförhållande", "så länge", "egenhändig", "en gång per år", "om det inte"):
        assert flaw.lower() not in answers.lower()


@pytest.mark.parametrize("name", EXPECTED)
def test_every_imported_value_quotes_where_it_came_from(name: str) -> None:
    lines = imported_yaml(name).splitlines()
    source = " ".join((NOTICES / name).read_text(encoding="utf-8").split())
    tops = [i for i, line in enumerate(lines) if line[:1].isalpha() and not line.startswith(("schema_version", "language"))]
    assert tops
    for start, end in zip(tops, [*tops[1:], len(lines)]):
        block = lines[start - 1 : end]  # with the comment above the key, if any
        quotes = [line.split("“")[-1].rstrip("”") for line in block if line.lstrip().startswith("# line ")]
        assert quotes, block
        for quoted in quotes:
            assert " ".join(quoted.rstrip("…").split()[:4]) in source, quoted


def test_the_file_lists_what_the_old_notice_lacks_and_what_it_has_wrong() -> None:
    text = imported_yaml("old_form_fi.txt")
    header = text.split("\nschema_version")[0]
    assert "# Not in the old notice, or not clearly (the chat asks for these):" in header
    assert "# - retention period or its criteria" in header
    assert "# - whether giving the data is required, and the consequences" in header
    assert "# Not carried over, because the old notice has it wrong:" in header
    assert "# - Relies on the Privacy Shield or old standard clauses" in header


def test_an_e_mail_address_written_with_at_is_not_guessed() -> None:
    notice = "Tietosuojaseloste\n\nRekisterinpitäjä\tEsimerkki Oy, Puistotie 1, 00100 Helsinki, info (at) esimerkki.fi\nRekisterin nimi\tAsiakasrekisteri\nTarkastusoikeus\tSinulla on oikeus tarkastaa tietosi.\n"
    imported = import_notice(audit_bytes(notice.encode(), "notice.txt"))
    assert "email" not in imported.data["controller"]
    assert "an e-mail address written with (at) or (a) instead of @: type it as it is" in imported.not_in_notice


def test_letters_a_pdf_joined_are_imported_as_letters() -> None:
    """A browser's PDF gives "fi" set as one glyph as one character, ﬁ, and text copied from it keeps it."""
    notice = "Tietosuojaseloste\n\nRekisterinpitäjä\tEsimerkki Oy, Puistotie 1, 00100 Helsinki, info@esimerkki.\ufb01, https://www.esimerkki.\ufb01\nRekisterin nimi\tAsiakasrekisteri\nTarkastusoikeus\tSinulla on oikeus tarkastaa tietosi.\n"
    imported = import_notice(audit_bytes(notice.encode(), "notice.txt"))
    assert imported.data["controller"]["email"] == "info@esimerkki.fi"
    assert imported.data["controller"]["website"] == "https://www.esimerkki.fi"


def test_the_command_writes_the_file_and_says_what_the_chat_will_ask(tmp_path: Path) -> None:
    target = tmp_path / "answers.yaml"
    code, out, err = seloste("--lang", "en", "import", str(NOTICES / "free_form_fi.txt"), "-o", str(target))
    assert code == 0 and err == ""
    assert yaml.safe_load(target.read_text(encoding="utf-8")) == EXPECTED["free_form_fi.txt"][0]
    assert f"Wrote {target}" in out
    assert "  - whether giving the data is required, and the consequences" in out
    assert f"Next: `seloste --answers {target}` asks only what is missing." in out
    again = seloste("import", str(NOTICES / "free_form_fi.txt"), "-o", str(target))
    assert again[0] == 2 and "--force" in again[2]
    assert seloste("import", str(NOTICES / "free_form_fi.txt"), "-o", str(target), "--force")[0] == 0


def test_the_command_prints_the_answers_without_a_file() -> None:
    code, out, err = seloste("--lang", "fi", "import", str(NOTICES / "free_form_en.html"))
    assert code == 0
    assert yaml.safe_load(out) == EXPECTED["free_form_en.html"][0]
    assert "Ei vanhassa selosteessa" in err


def test_a_file_that_is_not_a_notice_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "recipe.txt"
    path.write_text("Pullat\n\nSekoita jauhot ja sokeri.\n", encoding="utf-8")
    code, out, err = seloste("--lang", "en", "import", str(path))
    assert code == 2 and out == "" and "does not look like a privacy notice" in err


def test_a_right_or_a_definition_under_the_purposes_is_not_taken_for_a_purpose() -> None:
    notice = (
        "Tietosuojaseloste\n\n"
        "Rekisterinpitäjä\tEsimerkki Oy, Puistotie 1, 00100 Helsinki, info@esimerkki.fi\n"
        "Henkilötietojen käsittelyn tarkoitus\tTietoja käytetään tilausten toimittamiseen. "
        "Luettelolla tarkoitetaan tässä osallistujaluetteloa. Asiakkaalla on oikeus kieltää tietojen julkaiseminen.\n"
        "Tarkastusoikeus\tSinulla on oikeus tarkastaa tietosi.\n"
    )
    imported = import_notice(audit_bytes(notice.encode(), "notice.txt"))
    assert [p["description"] for p in imported.data["purposes"]] == ["Tietoja käytetään tilausten toimittamiseen"]


# --- a modern notice: each purpose with its details in a nested list ---------------------------------------------


def _rendered(name: str, lang: str, fmt: str) -> tuple[Any, bytes]:
    from wizard.check import check_bytes as check_answers
    from wizard.examples import example_text
    from wizard.formats import render_format
    from wizard.render import build_notice, localize

    report = check_answers(example_text(name).encode())
    notice = build_notice(report, lang)
    assert report.multilingual is not None
    return localize(report.multilingual, lang), render_format(notice.markdown, fmt, lang, notice.title)


@pytest.mark.parametrize(("name", "lang", "fmt"), every_notice(["md", "html", "docx", "pdf"]))
def test_a_notice_that_lists_each_purpose_with_its_basis_is_imported_purpose_by_purpose(name: str, lang: str, fmt: str) -> None:
    if fmt == "pdf":
        pytest.importorskip("pypdf")
    answers, notice = _rendered(name, lang, fmt)  # the answers as the notice in `lang` shows them
    imported = import_notice(audit_bytes(notice, f"notice.{fmt}")).data
    assert [(p["description"], p.get("basis")) for p in imported["purposes"]] == [
        (p.description, p.basis.value) for p in answers.purposes
    ]
    assert [c["name"] for c in imported["personal_data"]] == [c.name for c in answers.personal_data]
    assert imported["processing"]["name"] == answers.processing.name


def test_a_purpose_s_details_are_taken_only_where_they_belong_to_its_basis() -> None:
    notice = (
        "# Tietosuojaseloste\n\n## Rekisterinpitäjä\n\nEsimerkki Oy, info@esimerkki.fi\n\n"
        "## Käsittelyn tarkoitukset\n\nKäytämme tietoja vain näihin tarkoituksiin.\n\n"
        "- **Kirjanpito**\n  - Oikeusperuste: lakisääteinen velvoite\n  - Laki, joka velvoittaa meitä: kirjanpitolaki (1336/1997)\n"
        "- **Uutiskirje**\n  - Oikeusperuste: suostumus\n  - Sopimus: tilausehdot\n\n"
        "## Säilytysaika\n\nSäilytämme tiedot kuusi vuotta.\n\n## Oikeutesi\n\nSinulla on oikeus tarkastaa tietosi.\n"
    )
    purposes = import_notice(audit_bytes(notice.encode(), "notice.md")).data["purposes"]
    assert [{k: v for k, v in p.items() if k != "id"} for p in purposes] == [
        {"description": "Kirjanpito", "basis": "legal_obligation", "law": "kirjanpitolaki (1336/1997)"},
        {"description": "Uutiskirje", "basis": "consent"},  # a contract named under consent is not its contract
    ]


def test_an_old_form_s_run_together_list_its_own_customers_as_a_source_and_a_diet_that_may_be_special() -> None:
    notice = (
        "Asiakasrekisteri - tietosuojaseloste\n\n"
        "Rekisterinpitäjä\tEsimerkki Oy Esimerkkikatu 1 00100 Helsinki info@esimerkki.fi\n"
        "Rekisterin nimi\tAsiakasrekisteri\n"
        "Henkilötietojen käsittelyn tarkoitus\tAsiakassuhteen hoitaminen ja tilausten käsittely.\n"
        "Rekisterin tietosisältö\tHenkilörekisteri sisältää seuraavia tietoja: <ul>- Etu- ja sukunimi- Puhelinnumero"
        "- www-osoite- Erityisruokavalio</ul>\n"
        "Säännönmukaiset tietolähteet\tTietoja saadaan asiakkaan tekemistä tilauksista.\n"
        "Henkilötietojen säilyttämisaika\tKolme vuotta asiakkuuden päättymisestä.\n"
        "Rekisterin suojauksen periaatteet\t<p>Ainoastaan määrätyillä työntekijöillä on oikeus käyttää asiakasrekisteriä "
        "ja ylläpitää sen tietoja, ja jokainen heistä on perehdytetty rekisterin käyttöön, tietojen oikeaan käsittelyyn "
        "ja niihin ohjeisiin, joita asiakastietojen käsittelyssä on kaikissa tilanteissa noudatettava huolellisesti. "
        "Kullakin käyttäjällä on oma käyttäjätunnus ja salasana.</p>\n"
    )
    imported = import_notice(audit_bytes(notice.encode(), "notice.txt"))
    assert imported.data["security"] == {"measures": ["access_control"]}  # named at the end of a long paragraph
    assert [c["name"] for c in imported.data["personal_data"]] == ["Etu- ja sukunimi", "Puhelinnumero", "www-osoite", "Erityisruokavalio"]
    assert imported.data["sources"] == {"from_data_subject": True}
    assert any("may be special (Art. 9)" in note for note in imported.not_in_notice)


# --- lists nested in a purpose's, a data category's or a recipient's item -------------------------------------------

# What the nested lists below say, as the answers must have it: a sub-item belongs to the item above it.
NESTED_PURPOSES = [
    {"description": "Tilausten toimittaminen: kukkien kotiinkuljetus, noutotilaukset myymälästä", "basis": "contract"},
    {"description": "Kirjanpito"},
]
NESTED_CATEGORIES = [
    {"name": "Yhteystiedot", "description": "nimi, puhelinnumero"},
    {"name": "Tilaustiedot"},
]
NESTED_RECIPIENTS = [
    {"name": "Tilitoimisto Saldo Oy", "service": "Tilitoimisto Saldo Oy: kirjanpito; käyttää ohjelmistoa Numerot Oy"},
    {"name": "Kuljetus Nopsa Oy", "service": "Kuljetus Nopsa Oy"},
]
# The notice, as (depth, text): 0 a heading, -1 a paragraph, 1 an item of a list, 2 an item of the list nested in it.
NESTED_NOTICE: list[tuple[int, str]] = [
    (0, "Rekisterinpitäjä"),
    (-1, "Kukkakauppa Orvokki Oy, Kauppakatu 3, 33100 Tampere, info@orvokki.example"),
    (0, "Henkilötietojen käsittelyn tarkoitukset"),
    (-1, "Käsittelemme tietoja seuraaviin tarkoituksiin:"),
    (1, "Tilausten toimittaminen:"),
    (2, "kukkien kotiinkuljetus"),
    (2, "noutotilaukset myymälästä"),
    (2, "Oikeusperuste: sopimus"),
    (1, "Kirjanpito"),
    (0, "Rekisterin tietosisältö"),
    (1, "Yhteystiedot"),
    (2, "nimi"),
    (2, "puhelinnumero"),
    (1, "Tilaustiedot"),
    (0, "Tietojen luovutukset"),
    (1, "Tilitoimisto Saldo Oy"),
    (2, "kirjanpito"),
    (2, "käyttää ohjelmistoa Numerot Oy"),
    (1, "Kuljetus Nopsa Oy"),
    (0, "Säilytysaika"),
    (-1, "Säilytämme tilaustiedot kuusi vuotta tilikauden päättymisestä."),
    (0, "Rekisteröidyn oikeudet"),
    (-1, "Sinulla on oikeus tarkastaa tietosi ja pyytää niiden korjaamista."),
]


def _nested_pdf(drawn: bool = False) -> bytes:
    """The notice as LibreOffice prints a Word list: each item's bullet written before its text, a nested item's set
    in further (a PDF has no lists: only where each line stands tells which item is whose); or as a browser prints a
    web page's list (`drawn`): the bullets drawn, not written, each item's text set in from the text's edge, a
    nested item's further."""
    from test_audit import Run, pdf_of

    runs: list[Run] = []
    y = 800.0
    for depth, text in NESTED_NOTICE:
        size = 13.0 if depth == 0 else 11.0
        if drawn:
            runs.append((90.0 + 18 * max(depth, 0), y, size, depth == 0, [text]))
        else:
            runs.append((90.0 + 18 * max(depth - 1, 0), y, size, depth == 0, [text if depth <= 0 else "\u2022 " + text]))
        y -= 24 if depth == 0 else 16
    return pdf_of([runs])


def _nested_docx(numbered: bool) -> bytes:
    """The notice as Word writes it: each item a paragraph of the style "List Paragraph" numbered at its level (the
    level is the paragraph's own w:numPr, not its style's name), or of the styles "List Bullet" and "List Bullet 2"."""
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    for depth, text in NESTED_NOTICE:
        if depth == 0:
            document.add_heading(text, 2)
        elif depth < 0:
            document.add_paragraph(text)
        elif not numbered:
            document.add_paragraph(text, style="List Bullet" if depth == 1 else "List Bullet 2")
        else:
            paragraph = document.add_paragraph(text)
            paragraph._p.get_or_add_pPr().append(parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{depth - 1}"/><w:numId w:val="1"/></w:numPr>'))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _nested_html() -> bytes:
    html, open_items = ["<html><body>"], 0
    for index, (depth, text) in enumerate(NESTED_NOTICE):
        if depth <= 0:
            html.append(f"<h2>{text}</h2>" if depth == 0 else f"<p>{text}</p>")
            continue
        following = NESTED_NOTICE[index + 1][0] if index + 1 < len(NESTED_NOTICE) else 0
        while open_items < depth:
            html.append("<ul>")
            open_items += 1
        html.append(f"<li>{text}" + ("" if following > depth else "</li>"))
        while open_items > max(following, 0):
            html.append("</ul>" + ("</li>" if open_items > 1 else ""))
            open_items -= 1
    return "\n".join([*html, "</body></html>"]).encode()


@pytest.mark.parametrize(
    ("name", "make"),
    [
        ("notice.pdf", _nested_pdf),
        ("notice.pdf", lambda: _nested_pdf(drawn=True)),
        ("notice.docx", lambda: _nested_docx(numbered=True)),
        ("notice.docx", lambda: _nested_docx(numbered=False)),
        ("notice.html", _nested_html),
    ],
    ids=["pdf", "pdf-bullets-drawn", "word-numbered", "word-list-styles", "html"],
)
def test_a_list_nested_in_an_item_belongs_to_that_item_and_is_no_purpose_category_or_recipient_of_its_own(name: str, make: Any) -> None:
    if name.endswith(".pdf"):
        pytest.importorskip("pypdf")
    imported = import_notice(audit_bytes(make(), name)).data
    assert [{k: v for k, v in p.items() if k != "id"} for p in imported["purposes"]] == NESTED_PURPOSES
    assert imported["personal_data"] == NESTED_CATEGORIES
    assert imported["recipients"] == NESTED_RECIPIENTS


def test_a_swedish_notice_s_purposes_categories_and_recipients_with_their_nested_lists() -> None:
    """The only basis a notice gives, written beside one purpose, is that purpose's and no other's (the audit finds one
    basis for all); the purpose is still one."""
    notice = (
        "# Dataskyddsbeskrivning för kundregistret\n\n## Personuppgiftsansvarig\n\n"
        "Kaffestugan Solrosen Ab, FO-nummer 2345678-0, Strandgatan 12, 65100 Vasa, tfn 040 123 4567, info@solrosen.example\n\n"
        "## Ändamålet med behandlingen av personuppgifter\n\nVi behandlar personuppgifter för följande ändamål:\n\n"
        "- Stamkundsprogrammet (rättslig grund: avtal)\n  - insamling av stämplar\n  - stamkundsförmåner\n"
        "- Bordsbokningar\n- Nyhetsbrev till stamkunderna\n\n"
        "## Registrets datainnehåll\n\n- Kontaktuppgifter\n  - namn\n  - telefonnummer\n- Köphistorik\n\n"
        "## Regelmässigt utlämnande av uppgifter\n\n- Kassasystem Kvitto Oy\n  - driver kassasystemet\n- Bokföringsbyrå Balans Ab\n\n"
        "## Lagringstid\n\nUppgifterna sparas i två år efter kundens senaste besök.\n\n"
        "## Den registrerades rättigheter\n\nDu har rätt att granska dina uppgifter.\n"
    )
    audit = audit_bytes(notice.encode(), "notice.md")
    assert "one_basis_for_all" in {found.mistake.code for found in audit.mistakes}
    imported = import_notice(audit).data
    assert imported["language"] == "sv"
    assert [{k: v for k, v in p.items() if k != "id"} for p in imported["purposes"]] == [
        {"description": "Stamkundsprogrammet: insamling av stämplar, stamkundsförmåner", "basis": "contract"},
        {"description": "Bordsbokningar"},
        {"description": "Nyhetsbrev till stamkunderna"},
    ]
    assert imported["personal_data"] == [{"name": "Kontaktuppgifter", "description": "namn, telefonnummer"}, {"name": "Köphistorik"}]
    assert imported["recipients"] == [
        {"name": "Kassasystem Kvitto Oy", "service": "Kassasystem Kvitto Oy: driver kassasystemet"},
        {"name": "Bokföringsbyrå Balans Ab", "service": "Bokföringsbyrå Balans Ab"},
    ]
    assert imported["retention"] == {"period": "Uppgifterna sparas i två år efter kundens senaste besök."}
