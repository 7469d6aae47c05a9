"""`seloste audit`: an existing notice scored against Arts 13/14 and the known mistakes of old Finnish notices.

The fixtures in `fixtures/notices/` are notices of fictional businesses: two in the old web form's layout (its
Finnish and its Swedish version) and two free-form ones (Finnish plain text, English HTML), each with planted
mistakes and gaps. The same notices as
Word documents are built here. seloste's own notices, in every language and format, must score full marks.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings

from strategies import answers_dicts
from wizard.audit.reading import Unreadable, parse_notice
from wizard.audit.report import Audit, audit_bytes
from wizard.check import check_bytes, check_data
from wizard.cli import run
from wizard.examples import EXAMPLES, example_text
from wizard.formats import FORMATS, render_format
from wizard.languages import CODES
from wizard.render import build_notice

NOTICES = Path(__file__).resolve().parent / "fixtures" / "notices"


def seloste(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def states(audit: Audit) -> dict[str, str]:
    return {j.item.id: j.state for j in audit.judgements}


def mistake_codes(audit: Audit) -> set[str]:
    return {found.mistake.code for found in audit.mistakes}


NOT_APPLICABLE_TO_SMALL_FIRMS = {"representative": "not_applicable", "dpo": "not_applicable", "joint_arrangement": "not_applicable"}

# What a lawyer reading each fixture would list: every item's state and every old mistake planted in it.
# The old form in Finnish (a rekisteriseloste).
OLD_FORM_FI: tuple[dict[str, str], set[str]] = (
    {
        **NOT_APPLICABLE_TO_SMALL_FIRMS,
        "controller": "found",
        "purposes_and_bases": "vague",  # one basis, under the wrong heading, for three purposes
        "legitimate_interests": "missing",  # one basis for all: whether an interest is relied on is unknown
        "data_categories": "found",  # address updates come from another source: Art. 14
        "recipients": "found",
        "transfers": "vague",
        "retention": "vague",
        "rights": "vague",
        "right_to_object": "missing",
        "withdraw_consent": "missing",  # likewise for consent
        "complaint": "found",
        "provision": "missing",
        "source": "found",
        "automated_decisions": "not_applicable",
    },
    {
        "repealed_act", "old_authority_address", "one_basis_for_all", "interest_is_contract", "relationship_basis",
        "empty_section", "transfer_if_necessary", "privacy_shield", "signed_request", "once_a_year",
        "complaint_word", "child_age_16", "no_disclosure_with_processors", "vague_language",
    },
)

EXPECTED: dict[str, tuple[dict[str, str], set[str]]] = {
    "old_form_fi.txt": OLD_FORM_FI,
    # The same old form in its Swedish version (a registerbeskrivning), with the same mistakes written in Swedish:
    # "kantelu" is a mistake of Finnish wording only.
    "old_form_sv.txt": (OLD_FORM_FI[0], OLD_FORM_FI[1] - {"complaint_word"}),
    "free_form_fi.txt": (
        {
            **NOT_APPLICABLE_TO_SMALL_FIRMS,
            "controller": "found",
            "purposes_and_bases": "found",
            "legitimate_interests": "vague",  # "oikeutettu etu" with no interest named
            "data_categories": "not_applicable",
            "recipients": "found",
            "transfers": "not_applicable",  # "Emme siirrä tietoja EU:n tai ETA:n ulkopuolelle."
            "retention": "found",
            "rights": "vague",
            "right_to_object": "missing",
            "withdraw_consent": "found",
            "complaint": "found",
            "provision": "missing",
            "source": "not_applicable",
            "automated_decisions": "not_applicable",
        },
        {"signed_request", "vague_language"},
    ),
    "free_form_en.html": (
        {
            **NOT_APPLICABLE_TO_SMALL_FIRMS,
            "controller": "found",
            "purposes_and_bases": "vague",
            "legitimate_interests": "found",
            "data_categories": "not_applicable",
            "recipients": "vague",
            "transfers": "vague",
            "retention": "vague",
            "rights": "vague",
            "right_to_object": "vague",  # only inside the list of rights, not separately
            "withdraw_consent": "missing",  # one basis for all: whether consent is relied on is unknown
            "complaint": "found",
            "provision": "missing",
            "source": "not_applicable",
            "automated_decisions": "not_applicable",
        },
        {"repealed_act", "old_authority_address", "one_basis_for_all", "privacy_shield", "once_a_year", "vague_language"},
    ),
}


def audit_fixture(name: str) -> Audit:
    return audit_bytes((NOTICES / name).read_bytes(), name)


@pytest.mark.parametrize("name", EXPECTED)
def test_the_audit_finds_every_gap_and_planted_mistake_and_nothing_else(name: str) -> None:
    audit = audit_fixture(name)
    expected_states, expected_mistakes = EXPECTED[name]
    assert states(audit) == expected_states
    assert mistake_codes(audit) == expected_mistakes


@pytest.mark.parametrize("name", EXPECTED)
def test_every_finding_quotes_the_notice_where_it_was_found(name: str) -> None:
    raw = (NOTICES / name).read_bytes().decode("utf-8")
    lines = raw.split("\n")
    audit = audit_fixture(name)
    quoted = [q for j in audit.judgements if j.state in ("found", "vague") for q in j.quotes]
    quoted += [q for found in audit.mistakes for q in found.quotes]
    assert all(j.quotes for j in audit.judgements if j.state in ("found", "vague"))
    for quote in quoted:
        assert quote.where.kind == "line"
        source_line = lines[quote.where.number - 1]
        # the quote's first words are on the line it names (HTML tags and line breaks aside)
        assert " ".join(quote.text.lstrip("…").split()[:3]).rstrip(".,:") in " ".join(source_line.split()), (quote, source_line)


def test_the_old_form_names_the_repealed_act_with_its_sentence() -> None:
    audit = audit_fixture("old_form_fi.txt")
    [repealed] = [found for found in audit.mistakes if found.mistake.code == "repealed_act"]
    assert [(q.text, q.where.number, q.heading) for q in repealed.quotes] == [
        ("Henkilötietoja käsitellään henkilötietolain (523/1999) sallimissa rajoissa.", 7, "Henkilötietojen käsittelyn tarkoitus")
    ]


def test_rights_not_named_are_listed() -> None:
    [rights] = [j for j in audit_fixture("free_form_fi.txt").judgements if j.item.id == "rights"]
    assert rights.params == {"rights": ["restriction", "objection", "portability"]}


def test_finnish_inflection_does_not_hide_a_heading() -> None:
    text = "Tietosuojaseloste\n\n1. Rekisterinpitäjän yhteystiedot\nEsimerkki Oy, info@esimerkki.fi\n\n2. Säilyttämisajat\nTietoja säilytetään kolme vuotta asiakkuuden päättymisestä.\n\n3. Rekisteröidyn oikeuksista\nSinulla on oikeus tarkastaa tietosi.\n"
    audit = audit_bytes(text.encode(), "notice.txt")
    assert [s.topics[0] for s in audit.document.sections if s.heading] == ["controller", "retention", "rights"]
    assert states(audit)["retention"] == "found"


SHORT_NOTICE = (
    "Tietosuojaseloste\n\n1. Rekisterinpitäjä\nEsimerkki Oy, Esimerkkikatu 1, 00100 Helsinki, info@esimerkki.fi\n\n"
    "2. Käsittelyn tarkoitus\n{purpose}\n\n"
    "3. Säilytysaika\nTietoja säilytetään kolme vuotta asiakkuuden päättymisestä.\n\n"
    "4. Rekisteröidyn oikeudet\nSinulla on oikeus tarkastaa tietosi ja pyytää niiden korjaamista.\n\n{more}"
)


@pytest.mark.parametrize(
    "purpose",
    [
        "Tietoja käytetään mainonnan kohdistamiseen.",  # targeted advertising
        "Osoitteita käytetään postitustarroihin suoramainoksia varten.",  # direct mail
        "Lähetämme asiakkaille uutiskirjeen ja markkinointiviestejä.",
        "We use your data for targeted advertising on our website.",
    ],
)
def test_advertising_aimed_at_a_person_is_direct_marketing_so_the_right_to_object_applies(purpose: str) -> None:
    text = SHORT_NOTICE.format(purpose=purpose, more="")
    assert states(audit_bytes(text.encode(), "notice.txt"))["right_to_object"] == "missing"


def test_a_heading_of_its_own_for_objecting_to_advertising_states_the_right_separately() -> None:
    text = SHORT_NOTICE.format(
        purpose="Tietoja käytetään mainonnan kohdistamiseen.",
        more="5. Vastustamisoikeus\nVoit milloin tahansa vastustaa tietojesi käyttöä mainontaan.\n",
    )
    assert states(audit_bytes(text.encode(), "notice.txt"))["right_to_object"] == "found"


def test_a_heading_about_objecting_over_some_other_right_is_vague() -> None:
    text = SHORT_NOTICE.format(
        purpose="Tietoja käytetään mainonnan kohdistamiseen.",
        more="5. Vastustamisoikeus\nSinulla on oikeus pyytää tietojesi oikaisemista tai poistamista.\n",
    )
    assert states(audit_bytes(text.encode(), "notice.txt"))["right_to_object"] == "vague"


def test_a_us_service_named_in_the_notice_is_a_recipient_and_a_transfer_it_must_state() -> None:
    text = SHORT_NOTICE.format(
        purpose="Keräämme sivuston käyttötilastoja Google Analytics -palveluun sivuston kehittämiseksi.",
        more="5. Tietojen luovutukset\nTietoja ei luovuteta kolmansille osapuolille.\n",
    )
    audit = audit_bytes(text.encode(), "notice.txt")
    judged = {j.item.id: j for j in audit.judgements}
    assert (judged["recipients"].state, judged["recipients"].params) == ("vague", {"services": ["Google Analytics"]})
    assert (judged["transfers"].state, judged["transfers"].params) == ("vague", {"services": ["Google Analytics (US)"]})


def test_a_template_field_left_unfilled_is_an_old_mistake() -> None:
    text = SHORT_NOTICE.format(purpose="Uutiskirjeen voi perua sähköpostitse (s-postiosoite).", more="")
    [found] = [f for f in audit_bytes(text.encode(), "notice.txt").mistakes if f.mistake.code == "placeholder_left"]
    assert [q.text for q in found.quotes] == ["Uutiskirjeen voi perua sähköpostitse (s-postiosoite)."]


def test_deleting_on_request_is_no_retention_period() -> None:
    text = SHORT_NOTICE.replace("3. Säilytysaika\nTietoja säilytetään kolme vuotta asiakkuuden päättymisestä.\n\n", "").format(
        purpose="Asiakassuhteen hoitaminen. Tiedot poistetaan asiakkaan pyynnöstä.", more="")
    assert states(audit_bytes(text.encode(), "notice.txt"))["retention"] == "missing"


# --- Word documents ------------------------------------------------------------------------------------------


def old_form_as_word_table(name: str = "old_form_fi.txt") -> bytes:
    """The old form's notice as many received it: a Word table, a heading and its text on each row."""
    import docx

    from wizard.audit.reading import _fragment_parts

    lines = (NOTICES / name).read_text(encoding="utf-8").split("\n")
    document = docx.Document()
    document.add_paragraph(lines[0])
    rows: list[tuple[str, list[str]]] = []
    for line in lines[2:]:
        heading, _, content = line.partition("\t")
        texts = [text for text, _ in _fragment_parts(content)]
        if heading:
            rows.append((heading, texts))
        elif rows:
            rows[-1][1].extend(texts)
    table = document.add_table(rows=0, cols=2)
    for heading, texts in rows:
        cells = table.add_row().cells
        cells[0].text = heading
        cells[1].text = "\n".join(f"- {t}" if len(t.split()) <= 3 else t for t in texts)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def html_as_word_headings(name: str) -> bytes:
    """A free-form notice as a Word document with heading styles and list paragraphs."""
    import docx

    from wizard.audit.reading import html_blocks

    document = docx.Document()
    for block in html_blocks((NOTICES / name).read_text(encoding="utf-8")):
        if block.heading:
            document.add_heading(block.text, level=block.heading)
        else:
            document.add_paragraph(block.text, style="List Bullet" if block.listed else None)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("source", "make"),
    [
        ("old_form_fi.txt", old_form_as_word_table),
        ("old_form_sv.txt", lambda: old_form_as_word_table("old_form_sv.txt")),
        ("free_form_en.html", lambda: html_as_word_headings("free_form_en.html")),
    ],
)
def test_a_word_document_gets_the_same_verdict_as_its_text(source: str, make: Any) -> None:
    audit = audit_bytes(make(), "notice.docx")
    expected_states, expected_mistakes = EXPECTED[source]
    assert states(audit) == expected_states
    assert mistake_codes(audit) == expected_mistakes
    assert {q.where.kind for j in audit.judgements for q in j.quotes} <= {"row", "paragraph"}


# --- seloste's own notices: full marks --------------------------------------------------------------------------


# The audit reads notices in every language seloste writes (its headings and phrases: templates/<language>/audit.yaml).
AUDITED = list(CODES)


def every_notice(formats: list[str] | tuple[str, ...]) -> list[Any]:
    """Each example notice in each language and format, as (name, lang, fmt). Making and reading a PDF takes a second
    or more: the PDFs of one example in one language are read with the quick tests, the others with the slow ones
    (`pytest -m slow`, which CI runs too)."""
    quick = (next(iter(EXAMPLES)), "fi")
    return [
        pytest.param(name, lang, fmt, id=f"{name}-{lang}-{fmt}", marks=pytest.mark.slow if fmt == "pdf" and (name, lang) != quick else ())
        for name in EXAMPLES
        for lang in AUDITED
        for fmt in formats
    ]


@pytest.fixture(scope="module")
def rendered() -> dict[tuple[str, str], Any]:
    return {(name, lang): build_notice(check_bytes(example_text(name).encode()), lang) for name in EXAMPLES for lang in AUDITED}


@pytest.mark.parametrize(("name", "lang", "fmt"), every_notice(FORMATS))
def test_seloste_notices_score_full_marks_with_the_same_items_as_coverage(rendered: dict, name: str, lang: str, fmt: str) -> None:
    notice = rendered[(name, lang)]
    audit = audit_bytes(render_format(notice.markdown, fmt, lang, notice.title), f"notice.{fmt}")
    assert [(j.item.id, j.note, j.quotes) for j in audit.judgements if j.state in ("missing", "vague")] == []
    assert [(f.mistake.code, f.quotes) for f in audit.mistakes] == []
    covered = {status.item.id for status in notice.statuses if status.state == "covered"}
    assert {j.item.id for j in audit.applicable} == covered


@settings(max_examples=max(10, settings.default.max_examples // 2))
@given(data=answers_dicts())
def test_the_audit_of_any_notice_seloste_renders_finds_nothing_missing(data: dict[str, Any]) -> None:
    for lang in AUDITED:
        notice = build_notice(check_data({**data, "language": lang}), lang)  # the texts written in the notice's language
        audit = audit_bytes(notice.markdown.encode(), "notice.md")
        assert [(j.item.id, j.note) for j in audit.judgements if j.state == "missing"] == [], notice.markdown


# --- the command -----------------------------------------------------------------------------------------------


def test_the_command_prints_each_item_the_mistakes_and_the_score_and_exits_1() -> None:
    code, out, err = seloste("audit", str(NOTICES / "old_form_fi.txt"), "--lang", "en")
    assert code == 1 and err == ""
    assert out.splitlines()[-1] == "5 of 13 applicable items given, 14 old mistake(s)"
    assert "14(2)(f)            found           source of the data, and whether it is public" in out
    assert 'line 20, under “Valitusoikeus”: “Rekisteröidyllä on oikeus tehdä kantelu tietosuojavaltuutetulle' in out
    assert "- Cites the repealed Personal Data Act (henkilötietolaki 523/1999) (tietosuojalaki 1050/2018)" in out


def test_the_report_speaks_finnish() -> None:
    code, out, _ = seloste("audit", str(NOTICES / "free_form_fi.txt"), "--lang", "fi")
    assert code == 1
    assert out.splitlines()[-1] == "6/10 sovellettavasta kohdasta annettu, 2 vanhan selosteen virhettä"
    assert "PUUTTUU" in out and "rivi 40" in out and "mainitsematta: käsittelyn rajoittaminen, vastustaminen, siirto järjestelmästä toiseen" in out


@pytest.mark.parametrize(
    ("lang", "score", "said"),
    [
        ("sv", "5 av 13 tillämpliga punkter angivna, 13 typiska fel i gamla beskrivningar", "rad 14, under rubriken ”Överföring av uppgifter utanför EU eller EES”"),
        ("fi", "5/13 sovellettavasta kohdasta annettu, 13 vanhan selosteen virhettä", "rivi 14, kohdassa ”Överföring av uppgifter utanför EU eller EES”"),
        ("en", "5 of 13 applicable items given, 13 old mistake(s)", "line 14, under “Överföring av uppgifter utanför EU eller EES”"),
    ],
)
def test_a_swedish_notice_is_read_as_a_finnish_one_and_reported_in_the_user_s_language(lang: str, score: str, said: str) -> None:
    code, out, err = seloste("audit", str(NOTICES / "old_form_sv.txt"), "--lang", lang)
    assert code == 1 and err == ""
    assert out.splitlines()[-1] == score
    assert said in out
    assert "Uppgifterna överförs inte utanför EU eller EES, om det inte är tekniskt nödvändigt." in out


def test_json_output_carries_every_item_quote_and_mistake() -> None:
    code, out, _ = seloste("audit", str(NOTICES / "free_form_en.html"), "--json")
    assert code == 1
    data = json.loads(out)
    assert data["score"] == {"found": 3, "applicable": 11, "mistakes": 6}
    assert data["complete"] is False
    assert {item["id"]: item["state"] for item in data["items"]} == EXPECTED["free_form_en.html"][0]
    retention = next(item for item in data["items"] if item["id"] == "retention")
    assert retention["state"] == "vague"
    assert retention["quotes"] == [
        {"text": "We keep your data as long as necessary.", "where": {"kind": "line", "number": 33}, "heading": "How long we keep your data"}
    ]
    assert {m["code"] for m in data["mistakes"]} == EXPECTED["free_form_en.html"][1]


def test_a_complete_notice_exits_0(tmp_path: Path) -> None:
    notice = build_notice(check_bytes(example_text("salon").encode()), "fi")
    path = tmp_path / "seloste.html"
    path.write_bytes(render_format(notice.markdown, "html", "fi", notice.title))
    code, out, _ = seloste("audit", str(path), "--lang", "en")
    assert code == 0, out
    assert "No mistake of old notices found." in out


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", b"", "is empty"),
        ("blank.md", b"  \n\n", "is empty"),
        ("nul.txt", b"Tietosuojaseloste\x00\x01", "is not a text file"),
        ("broken.txt", b"Tietosuojaseloste \x81\x8d", "is not text in UTF-8"),
        ("recipe.txt", "Pullat\n\nSekoita jauhot ja sokeri. Paista 200 asteessa.\n".encode(), "does not look like a privacy notice"),
        ("broken.docx", b"PK\x03\x04 not really a zip", "cannot be read as a Word document"),
        ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "old Word document (.doc)"),
    ],
)
def test_a_file_that_is_not_a_readable_notice_exits_2_with_a_reason(tmp_path: Path, name: str, content: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    code, out, err = seloste("audit", str(path))
    assert code == 2 and out == ""
    assert message in err and "Traceback" not in err


def test_a_missing_file_and_a_folder_exit_2(tmp_path: Path) -> None:
    assert seloste("audit", str(tmp_path / "none.txt"))[0] == 2
    code, _, err = seloste("audit", str(tmp_path), "--lang", "fi")
    assert code == 2 and "on kansio" in err


def test_json_says_why_a_file_cannot_be_read(tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    path.write_bytes(b"")
    code, out, _ = seloste("audit", str(path), "--json")
    assert code == 2
    assert json.loads(out) == {"file": str(path), "readable": False, "message": f"{path} is empty."}


def test_a_windows_1252_notice_is_read() -> None:
    text = (NOTICES / "free_form_fi.txt").read_text(encoding="utf-8")
    audit = audit_bytes(text.encode("cp1252"), "notice.txt")
    assert states(audit) == EXPECTED["free_form_fi.txt"][0]


def test_a_pdf_gets_the_same_verdict_as_its_html() -> None:
    """The English fixture as Word made it into a PDF (LibreOffice); pypdf is in the test extra."""
    pytest.importorskip("pypdf")
    audit = audit_fixture("free_form_en.pdf")
    expected_states, expected_mistakes = EXPECTED["free_form_en.html"]
    assert states(audit) == expected_states
    assert mistake_codes(audit) == expected_mistakes
    assert {q.where.describe("en") for j in audit.judgements for q in j.quotes} == {"page 1"}


# A text run of a PDF page: where its first line starts (points from the bottom left), its size, whether it is
# bold, and its lines, each set one line height below the one before (a table cell wraps into several).
Run = tuple[float, float, float, bool, list[str]]


def pdf_of(pages: list[list[Run]]) -> bytes:
    """A PDF that sets each run where it says, in the standard Helvetica (no font file, so the same on every
    machine), each run in its own text object, in the order given: the order a browser or WeasyPrint prints a
    table in, cell by cell."""

    def literal(text: str) -> str:
        return "(" + text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")"

    objects = ["<< /Type /Catalog /Pages 2 0 R >>", "", "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
               "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>"]
    kids = []
    for runs in pages:
        stream = "".join(f"BT /F{2 if bold else 1} {size} Tf {size * 1.2} TL {x} {y} Td " + " T* ".join(f"{literal(line)} Tj" for line in lines) + " ET\n"
                         for x, y, size, bold, lines in runs)
        objects.append(f"<< /Length {len(stream)} >>\nstream\n{stream}endstream")
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents {len(objects)} 0 R >>")
        kids.append(f"{len(objects)} 0 R")
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(kids)} >>"
    out = b"%PDF-1.7\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("cp1252")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode() + b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    return out + f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()


# seloste's table of the processing: where each column starts, and its header row, cells wrapped as on A4.
COLUMNS = (60, 160, 250, 340, 460)
TABLE_HEADER = [["Purpose"], ["Personal", "data"], ["Legal basis"], ["How long we keep", "the data"], ["Who else", "gets them"]]


def table_row(y: float, cells: list[list[str]], bold: bool = False) -> list[Run]:
    return [(x, y, 9, bold, lines) for x, lines in zip(COLUMNS, cells, strict=True)]


def test_a_pdf_table_running_over_two_pages_is_read_as_the_text_of_its_section_not_as_headings() -> None:
    """A browser's "Save as PDF" and seloste's own PDF print a table cell by cell, and repeat its header row at the top
    of the next page. Its cells are no headings, so no empty section is found; a heading with nothing under it still is."""
    pytest.importorskip("pypdf")
    page_1: list[Run] = [
        (60, 780, 18, True, ["Privacy notice of Example Shop Oy"]),
        (60, 740, 14, True, ["Your data at a glance"]),
        (60, 715, 11, False, ["For each purpose, the table shows the personal data we use for it."]),
        *table_row(680, TABLE_HEADER, bold=True),
        *table_row(650, [["Handling", "orders"], ["Name and", "contact details"], ["performance of", "a contract"], ["6 years from the end", "of the financial year"], ["Carrier"]]),
        *table_row(615, [["Bookkeeping"], ["Order details"], ["legal obligation:", "Accounting Act"], ["6 years"], ["Accounting firm"]]),
        (60, 40, 8, False, ["Page 1 of 2"]),
    ]
    page_2: list[Run] = [
        *table_row(780, TABLE_HEADER, bold=True),
        *table_row(750, [["Sending the", "newsletter"], ["E-mail address"], ["your consent"], ["until you", "unsubscribe"], ["no one else"]]),
        (60, 700, 14, True, ["Controller"]),
        (60, 680, 11, False, ["We are Example Shop Oy, Satamakatu 1, 20100 Turku, tietosuoja@example.fi."]),
        (60, 650, 14, True, ["Transfers outside the EU/EEA"]),
        (60, 620, 14, True, ["Your rights"]),
        (60, 600, 11, False, ["You can ask to see your data and to have them corrected or deleted."]),
        (60, 40, 8, False, ["Page 2 of 2"]),
    ]
    pdf = pdf_of([page_1, page_2])
    headings = [block.text for block in parse_notice(pdf, "notice.pdf") if block.heading]
    assert headings == ["Controller", "Transfers outside the EU/EEA", "Your rights"]  # "Your data at a glance" names no topic
    audit = audit_bytes(pdf, "notice.pdf")
    assert [(found.mistake.code, [quote.text for quote in found.quotes]) for found in audit.mistakes if found.mistake.code == "empty_section"] == [
        ("empty_section", ["Transfers outside the EU/EEA"])
    ]


def test_a_web_page_saved_as_pdf_with_its_list_of_contents_has_no_empty_section_but_its_own() -> None:
    """A browser prints a page's list of contents: each line names a section, with nothing under it, and a section
    may begin a page; a heading with nothing under it anywhere is still an empty section, quoted once."""
    pytest.importorskip("pypdf")
    contents = ["Controller", "Transfers outside the EU/EEA", "Your rights", "How long we keep the data"]
    page_1: list[Run] = [
        (60, 780, 18, True, ["Privacy notice of Example Shop Oy"]),
        (60, 750, 12, True, ["Contents"]),
        *[run for number, title in enumerate(contents, start=1) for run in [(62, 730 - 18 * number, 11, False, [f"{number}."]), (78, 730 - 18 * number, 11, False, [title])]],
        (60, 600, 14, True, ["Controller"]),
        (60, 580, 11, False, ["We are Example Shop Oy, Satamakatu 1, 20100 Turku, tietosuoja@example.fi."]),
        (60, 550, 14, True, ["Transfers outside the EU/EEA"]),
        (60, 520, 14, True, ["Your rights"]),
        (60, 500, 11, False, ["You can ask to see your data and to have them corrected or deleted."]),
        (60, 40, 8, False, ["Page 1 of 2"]),
    ]
    page_2: list[Run] = [
        (60, 780, 14, True, ["How long we keep the data"]),
        (60, 760, 11, False, ["We keep the order details for 6 years from the end of the financial year."]),
        (60, 40, 8, False, ["Page 2 of 2"]),
    ]
    audit = audit_bytes(pdf_of([page_1, page_2]), "notice.pdf")
    assert [(quote.text, quote.where.describe("en")) for found in audit.mistakes if found.mistake.code == "empty_section" for quote in found.quotes] == [
        ("Transfers outside the EU/EEA", "page 1")
    ]
    retention = next(j for j in audit.judgements if j.item.id == "retention")
    assert retention.state == "found"
    assert [(quote.heading, quote.where.describe("en")) for quote in retention.quotes] == [("How long we keep the data", "page 2")]


def test_a_heading_at_the_foot_of_a_pdf_page_with_nothing_under_it_is_an_empty_section() -> None:
    """What is printed at the foot of every page (the business's name, "Page 1 of 2") is no text of the section above."""
    pytest.importorskip("pypdf")

    def footer(number: int) -> list[Run]:
        return [(60, 40, 8, False, ["Example Shop Oy"]), (480, 40, 8, False, [f"Page {number} of 2"])]

    page_1: list[Run] = [
        (60, 780, 14, True, ["Controller"]),
        (60, 760, 11, False, ["We are Example Shop Oy, Satamakatu 1, 20100 Turku, tietosuoja@example.fi."]),
        (60, 100, 14, True, ["Transfers outside the EU/EEA"]),
        *footer(1),
    ]
    page_2: list[Run] = [
        (60, 780, 14, True, ["Your rights"]),
        (60, 760, 11, False, ["You can ask to see your data and to have them corrected or deleted."]),
        (60, 730, 14, True, ["Changes to this notice"]),
        *footer(2),
    ]
    audit = audit_bytes(pdf_of([page_1, page_2]), "notice.pdf")
    assert [(quote.text, quote.where.describe("en")) for found in audit.mistakes if found.mistake.code == "empty_section" for quote in found.quotes] == [
        ("Transfers outside the EU/EEA", "page 1"), ("Changes to this notice", "page 2")
    ]


def test_a_pdf_list_whose_bullets_are_drawn_is_no_heading_but_a_heading_set_in_alone_is() -> None:
    """A browser draws a list's bullets (no text for them) and sets its items in from the text's edge, one under
    the other, each item's own list further in, the list going on over the page; an item about a topic ("keeping
    the records") is still no heading. A centred heading stands alone."""
    pytest.importorskip("pypdf")
    page_1: list[Run] = [
        (60, 780, 14, True, ["Purposes of the processing"]),
        (60, 760, 11, False, ["We use your data for these purposes:"]),
        (78, 742, 11, False, ["Bookkeeping and keeping the accounting records"]),
        (96, 726, 11, False, ["Legal basis: compliance with a legal obligation"]),
    ]
    page_2: list[Run] = [
        (78, 780, 11, False, ["Sending the newsletter"]),
        (96, 764, 11, False, ["Legal basis: your consent"]),
        (60, 730, 14, True, ["How long we keep the data"]),
        (60, 710, 11, False, ["We keep the order details for 6 years from the end of the financial year."]),
        (250, 680, 14, True, ["Your rights"]),
        (60, 660, 11, False, ["You can ask to see your data and to have them corrected or deleted."]),
    ]
    blocks = parse_notice(pdf_of([page_1, page_2]), "notice.pdf")
    assert [block.text for block in blocks if block.heading] == ["Purposes of the processing", "How long we keep the data", "Your rights"]


def test_a_pdf_line_that_gives_the_notice_s_date_is_no_heading() -> None:
    """Word or LibreOffice prints "Updated 12.3.2021" under the title as a line of its own: it names a topic (the date)
    but gives it, so it is no heading with nothing under it."""
    pytest.importorskip("pypdf")
    page: list[Run] = [
        (60, 780, 16, True, ["Dataskyddsbeskrivning för kundregistret"]),
        (60, 760, 11, False, ["Uppdaterad 12.3.2021"]),
        (60, 730, 13, True, ["Personuppgiftsansvarig"]),
        (60, 710, 11, False, ["Kaffestugan Solrosen Ab, Strandgatan 12, 65100 Vasa, info@solrosen.example"]),
        (60, 680, 13, True, ["Den registrerades rättigheter"]),
        (60, 660, 11, False, ["Du har rätt att granska dina uppgifter och kräva rättelse av felaktiga uppgifter."]),
    ]
    pdf = pdf_of([page])
    assert [block.text for block in parse_notice(pdf, "notice.pdf") if block.heading] == ["Personuppgiftsansvarig", "Den registrerades rättigheter"]
    assert "empty_section" not in mistake_codes(audit_bytes(pdf, "notice.pdf"))


def test_a_plain_text_notice_s_list_of_contents_is_no_empty_section() -> None:
    notice = (
        "Tietosuojaseloste\n\nSisällys\n1. Rekisterinpitäjä\n2. Tietojen säilytysaika\n3. Rekisteröidyn oikeudet\n\n"
        "1. Rekisterinpitäjä\nEsimerkki Oy, Puistotie 1, 00100 Helsinki, info@esimerkki.fi\n\n"
        "2. Tietojen säilytysaika\nSäilytämme tilaustiedot kuusi vuotta tilikauden päättymisestä.\n\n"
        "3. Rekisteröidyn oikeudet\nSinulla on oikeus tarkastaa tietosi ja pyytää niiden korjaamista tai poistamista.\n"
    )
    assert "empty_section" not in mistake_codes(audit_bytes(notice.encode(), "notice.txt"))


def test_a_pdf_without_the_pdf_extra_says_how_to_get_it(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "pypdf", None)
    with pytest.raises(Unreadable) as problem:
        audit_bytes(b"%PDF-1.7\n", "notice.pdf")
    assert "pip install 'seloste[pdf]'" in problem.value.message("en")
