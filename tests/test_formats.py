"""The notice's Markdown as an HTML page, e-mail text and a Word document: structure kept, user text literal."""

from __future__ import annotations

import io
import zipfile
from html.parser import HTMLParser

import docx
import pytest
from docx.oxml.ns import qn
from hypothesis import given, settings
from hypothesis import strategies as st

from wizard.formats import render_format
from wizard.formats.text import WIDTH
from wizard.notice import escape_markdown

HOSTILE = "Evil *Oy* <script>alert(1)</script>"
LONG_URL = "https://www.example.fi/tietosuoja/asiakasrekisteri/" + "hyvin-pitka-osoite-" * 4 + "loppu"


def notice_fi() -> str:
    name = escape_markdown(HOSTILE)
    assert name == r"Evil \*Oy\* \<script\>alert(1)\</script\>"
    return f"""# Tietosuojaseloste: {name}

Tässä selosteessa kerromme, miten käsittelemme henkilötietojasi ja mitä oikeuksia sinulla on.
Seloste perustuu EU:n yleisen tietosuoja-asetuksen (2016/679) 13 ja 14 artiklaan.

## Rekisterinpitäjä

- Nimi: {name}
- Sähköposti: [tietosuoja@example.fi](mailto:tietosuoja@example.fi)
- Verkkosivut: [https://www.example.fi/](https://www.example.fi/)

## Käsiteltävät henkilötiedot

Käsittelemme seuraavia tietoja; **pakolliset** tiedot on *merkitty*:

- Yhteystiedot: nimi, sähköpostiosoite, puhelinnumero, toimitusosoite ja laskutusosoite,
  joita tarvitsemme tilauksen toimittamiseen
  - säilytetään kuusi vuotta tilikauden päättymisestä kirjanpitolain mukaan
  - **pakollinen**
- Tilaushistoria

### Lisätietoja

Lue [tietosuojavaltuutetun ohjeet](https://tietosuoja.fi/rekisteroidyn-oikeudet) tai kirjoita
[meille](mailto:tietosuoja@example.fi). Kopio suojatoimista: {LONG_URL}

## Käsiteltävät henkilötiedot

Sama otsikko toisen kerran saa oman ankkurinsa.
"""


def notice_en() -> str:
    return f"""# Privacy notice: {escape_markdown(HOSTILE)}

This notice tells you how we handle your personal data.

## Controller

- Name: {escape_markdown(HOSTILE)}

## Your rights

- Access, rectification and erasure
"""


# --- HTML ----------------------------------------------------------------------------------------------------


class Page(HTMLParser):
    """What a browser would build from the page: elements, ids, links, visible text."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.starts: list[tuple[str, dict[str, str | None]]] = []
        self.open: list[str] = []
        self.text_in: dict[str, list[str]] = {}
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.starts.append((tag, dict(attrs)))
        if tag not in {"meta", "br", "hr"}:
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.open:
            del self.open[len(self.open) - 1 - self.open[::-1].index(tag) :]

    def handle_data(self, data: str) -> None:
        for tag in set(self.open):
            self.text_in.setdefault(tag, []).append(data)

    def tags(self, name: str) -> list[dict[str, str | None]]:
        return [attrs for tag, attrs in self.starts if tag == name]

    def text(self, tag: str) -> str:
        return " ".join("".join(self.text_in.get(tag, [])).split())

    def ids(self) -> list[str]:
        return [str(attrs["id"]) for _, attrs in self.starts if "id" in attrs]


def html_page(markdown: str, lang: str = "fi", title: str = "Tietosuojaseloste") -> tuple[str, Page]:
    html = render_format(markdown, "html", lang, title).decode("utf-8")
    return html, Page(html)


def test_html_is_a_standalone_page_in_the_notice_language() -> None:
    html, page = html_page(notice_fi(), "fi")
    assert html.lower().startswith("<!doctype html>")
    assert page.tags("html") == [{"lang": "fi"}]
    assert {"charset": "utf-8"} in page.tags("meta")
    assert any(meta.get("name") == "viewport" for meta in page.tags("meta"))
    assert not page.tags("script") and not page.tags("link") and not page.tags("img")
    assert "url(" not in html and "@import" not in html and "@font-face" not in html


def test_html_title_is_escaped() -> None:
    html, page = html_page(notice_en(), "en", title=f"Privacy notice: {HOSTILE}")
    assert page.text("title") == f"Privacy notice: {HOSTILE}"
    assert "<script>" not in html


def test_html_shows_user_text_literally_and_creates_no_element_from_it() -> None:
    html, page = html_page(notice_fi())
    assert not page.tags("script")
    assert f"Tietosuojaseloste: {HOSTILE}" == page.text("h1")
    assert f"Nimi: {HOSTILE}" in page.text("li")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_raw_html_in_the_markdown_is_shown_as_text() -> None:
    _, page = html_page("## Osio\n\n<b onclick='x()'>lihava</b>\n\n<div>lohko</div>\n")
    assert not page.tags("b") and not page.tags("div")
    assert "<b onclick='x()'>lihava</b>" in page.text("main")


def test_html_contents_link_to_every_section_with_unique_clean_ids() -> None:
    _, page = html_page(notice_fi(), "fi")
    nav_links = [str(a["href"]) for a in page.tags("a") if str(a["href"]).startswith("#")]
    ids = page.ids()
    assert len(ids) == len(set(ids))
    assert nav_links == ["#rekisterinpitaja", "#kasiteltavat-henkilotiedot", "#kasiteltavat-henkilotiedot-2"]
    assert all(link[1:] in ids for link in nav_links)
    assert "Sisällys" in page.text("nav")
    assert "Lisätietoja" not in page.text("nav")  # only `##` sections are listed


def test_html_contents_heading_follows_the_language() -> None:
    _, page = html_page(notice_en(), "en")
    assert page.text("nav").startswith("Contents")
    assert "Sisällys" not in page.text("main")


def test_html_printed_links_show_their_target_only_when_the_text_does_not() -> None:
    _, page = html_page(notice_fi())
    printed = {str(a["href"]): a.get("data-print") for a in page.tags("a") if not str(a["href"]).startswith("#")}
    assert printed["https://tietosuoja.fi/rekisteroidyn-oikeudet"] == "https://tietosuoja.fi/rekisteroidyn-oikeudet"
    assert printed["https://www.example.fi/"] is None
    # `meille` -> the address alone, without "mailto:"
    assert [a.get("data-print") for a in page.tags("a") if a["href"] == "mailto:tietosuoja@example.fi"] == [
        None,
        "tietosuoja@example.fi",
    ]


def test_html_has_print_and_dark_styles_of_its_own() -> None:
    html, _ = html_page(notice_fi())
    assert "@media print" in html
    assert "prefers-color-scheme: dark" in html
    assert "break-after: avoid" in html


# --- plain text ----------------------------------------------------------------------------------------------


def text_of(markdown: str) -> str:
    return render_format(markdown, "txt", "fi", "Tietosuojaseloste").decode("utf-8")


def test_text_has_no_markdown_left() -> None:
    text = text_of(notice_fi())
    for markup in ("\\", "**", "](", "# ", "*merkitty*"):
        assert markup not in text
    assert f"Nimi: {HOSTILE}" in text
    assert "pakolliset tiedot on merkitty" in text


def test_text_lines_fit_an_email_except_an_unbreakable_url() -> None:
    lines = text_of(notice_fi()).splitlines()
    assert [line for line in lines if len(line) > WIDTH] == [LONG_URL]


def test_text_headings_are_underlined() -> None:
    lines = text_of(notice_fi()).splitlines()
    title = f"Tietosuojaseloste: {HOSTILE}"
    assert lines[:2] == [title, "=" * len(title)]
    section = lines.index("Rekisterinpitäjä")
    assert lines[section + 1] == "-" * len("Rekisterinpitäjä")


def test_text_bullets_hang_and_nest() -> None:
    text = text_of(notice_fi())
    assert (
        "- Yhteystiedot: nimi, sähköpostiosoite, puhelinnumero, toimitusosoite ja\n"
        "  laskutusosoite, joita tarvitsemme tilauksen toimittamiseen\n"
        "  - säilytetään kuusi vuotta tilikauden päättymisestä kirjanpitolain\n"
        "    mukaan\n"
        "  - pakollinen\n"
        "- Tilaushistoria\n"
    ) in text


def test_text_links_show_their_target_once() -> None:
    text = " ".join(text_of(notice_fi()).split())
    assert "Sähköposti: tietosuoja@example.fi" in text
    assert "Verkkosivut: https://www.example.fi/ " in text
    assert "tietosuojavaltuutetun ohjeet (https://tietosuoja.fi/rekisteroidyn-oikeudet)" in text
    assert "kirjoita meille (tietosuoja@example.fi)." in text
    assert "mailto:" not in text


# --- Word ----------------------------------------------------------------------------------------------------


def word(markdown: str, lang: str = "fi", title: str = "Tietosuojaseloste") -> docx.document.Document:
    return docx.Document(io.BytesIO(render_format(markdown, "docx", lang, title)))


def test_docx_uses_word_heading_and_list_styles() -> None:
    paragraphs = [(p.style.name, p.text) for p in word(notice_fi()).paragraphs]
    assert paragraphs[0] == ("Heading 1", f"Tietosuojaseloste: {HOSTILE}")
    assert ("Heading 2", "Rekisterinpitäjä") in paragraphs
    assert ("Heading 3", "Lisätietoja") in paragraphs
    assert ("List Bullet", f"Nimi: {HOSTILE}") in paragraphs
    assert ("List Bullet", "Tilaushistoria") in paragraphs
    nested = "säilytetään kuusi vuotta tilikauden päättymisestä kirjanpitolain mukaan"
    assert ("List Bullet 2", nested) in paragraphs
    assert not [text for _, text in paragraphs if "\\" in text or "**" in text or "](" in text]


def test_docx_keeps_bold_italic_and_real_hyperlinks() -> None:
    paragraphs = word(notice_fi()).paragraphs
    styled = next(p for p in paragraphs if p.text.startswith("Käsittelemme"))
    assert [r.text for r in styled.runs if r.bold] == ["pakolliset"]
    assert [r.text for r in styled.runs if r.italic] == ["merkitty"]
    links = [(link.text, link.address) for p in paragraphs for link in p.hyperlinks]
    assert ("tietosuojavaltuutetun ohjeet", "https://tietosuoja.fi/rekisteroidyn-oikeudet") in links
    assert ("tietosuoja@example.fi", "mailto:tietosuoja@example.fi") in links


@pytest.mark.parametrize(("lang", "tag"), [("fi", "fi-FI"), ("en", "en-GB")])
def test_docx_title_and_spelling_language(lang: str, tag: str) -> None:
    document = word(notice_en(), lang, title=f"Notice: {HOSTILE}")
    assert document.core_properties.title == f"Notice: {HOSTILE}"
    assert document.core_properties.language == tag
    run_defaults = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    assert run_defaults.find(qn("w:lang")).get(qn("w:val")) == tag


def test_docx_is_the_same_file_for_the_same_notice() -> None:
    first = render_format(notice_fi(), "docx", "fi", "Tietosuojaseloste")
    assert first == render_format(notice_fi(), "docx", "fi", "Tietosuojaseloste")
    assert {info.date_time for info in zipfile.ZipFile(io.BytesIO(first)).infolist()} == {(1980, 1, 1, 0, 0, 0)}
    properties = docx.Document(io.BytesIO(first)).core_properties
    assert properties.created is None and properties.modified is None and properties.author == ""


# Everything a notice's Word file is made of: every heading level, nested and numbered lists, a heading in a
# list item, a paragraph after a list item, bold, italic, a tab, quotes, a line break, the same link twice, a
# link around bold text, an empty link text, markup characters, leading and trailing spaces.
EVERY_WORD_ELEMENT = """# Otsikko *kursiivi* ja **lihava** & <muu>

Rivi\tsarkain ja "lainaus" 'yksi' [linkki **lihava** osa](https://example.fi/a?b=1&c="2") ja <https://x.fi>  
seuraava rivi\\

#### Neljäs

###### Kuudes [sama](https://s.fi/) ja [sama](https://s.fi/) ja [](https://tyhja.fi)

3. kolme
4. # otsikko listassa

   jatko *k* **l** ***m***
   - sisä [s](mailto:a@b.fi)
     - syvä
       - syvin

- a & b < c > d

> **Laatikko.** Oikeus vastustaa.
>
> Toinen kappale [linkki](https://v.fi/)

| Tarkoitus | Tiedot *a* | Peruste |
| --- | --- | --- |
| Tilaukset | nimi; [osoite](https://o.fi/) | sopimus \\| tilaus |
| **Kirjanpito** | – | laki |
"""


def word_made_by_python_docx(markdown: str, lang: str, title: str) -> bytes:
    """The notice made with python-docx's own calls, a paragraph and a run at a time (how seloste once made it)."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml.parser import OxmlElement
    from docx.shared import Mm

    from dataclasses import replace

    from docx.shared import Pt

    from wizard.formats.blocks import Box, Heading, ListBlock, Paragraph, Table, parse_blocks
    from wizard.formats.docx import HYPERLINK_STYLE, add_hyperlink_style, set_properties, style_title

    document = docx.Document()
    document.sections[0].page_width, document.sections[0].page_height = Mm(210), Mm(297)
    document.sections[0].left_margin = document.sections[0].right_margin = Mm(20)
    set_properties(document, lang, title)
    add_hyperlink_style(document)
    style_title(document)

    def paragraph(spans, style=None, keep_with_next=False, made=None, size=None):  # type: ignore[no-untyped-def]
        made = made if made is not None else document.add_paragraph(style=style)
        if keep_with_next:
            made.paragraph_format.keep_with_next = True
        for span in spans:
            first, *others = span.text.split("\n")
            run = made.add_run(first)
            for line in others:
                run.add_break()
                run.add_text(line)
            run.bold, run.italic = span.bold or None, span.italic or None
            if size is not None:
                run.font.size = size
            if span.href is not None:
                run._r.style = document.styles.get_style_id(HYPERLINK_STYLE, WD_STYLE_TYPE.CHARACTER)
                previous = run._r.getprevious()
                rid = made.part.relate_to(span.href, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
                if previous is not None and previous.tag == qn("w:hyperlink") and previous.get(qn("r:id")) == rid:
                    previous.append(run._r)
                else:
                    link = OxmlElement("w:hyperlink")
                    link.set(qn("r:id"), rid)
                    run._r.addprevious(link)
                    link.append(run._r)

    def items(block, level):  # type: ignore[no-untyped-def]
        suffix = "" if min(level, 3) == 1 else f" {min(level, 3)}"
        for item in block.items:
            for number, inner in enumerate(item.blocks):
                if isinstance(inner, ListBlock):
                    items(inner, level + 1)
                else:
                    kind = ("List Number" if block.ordered else "List Bullet") if number == 0 else "List Continue"
                    paragraph(inner.spans, kind + suffix, keep_with_next=number == 0 and len(item.blocks) > 1)

    def framed(spans):  # type: ignore[no-untyped-def]
        paragraph(spans)
        borders = OxmlElement("w:pBdr")
        for side in ("top", "left", "bottom", "right"):
            line = OxmlElement(f"w:{side}")
            for name, value in (("val", "single"), ("sz", "12"), ("space", "4"), ("color", "auto")):
                line.set(qn(f"w:{name}"), value)
            borders.append(line)
        document.paragraphs[-1]._p.get_or_add_pPr().append(borders)

    for block in parse_blocks(markdown):
        if isinstance(block, Heading):
            paragraph(block.spans, f"Heading {block.level}")
        elif isinstance(block, Paragraph):
            paragraph(block.spans)
        elif isinstance(block, Box):
            for inner in block.blocks:
                framed(inner.spans)
        elif isinstance(block, Table):
            table = document.add_table(rows=1 + len(block.rows), cols=len(block.header), style="Table Grid")
            header_row = OxmlElement("w:trPr")
            header_row.append(OxmlElement("w:tblHeader"))
            table.rows[0]._tr.insert(0, header_row)
            bold_header = tuple(tuple(replace(span, bold=True) for span in cell) for cell in block.header)
            for row, cells in zip(table.rows, (bold_header, *block.rows)):
                for cell, spans in zip(row.cells, cells):
                    paragraph(spans, made=cell.paragraphs[0], size=Pt(9))
        else:
            items(block, 1)
    saved, out = io.BytesIO(), io.BytesIO()
    document.save(saved)
    with zipfile.ZipFile(saved) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            info = zipfile.ZipInfo(member.filename, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type, info.external_attr = zipfile.ZIP_DEFLATED, member.external_attr
            target.writestr(info, source.read(member))
    return out.getvalue()


@pytest.mark.parametrize(("markdown", "lang", "title"), [(EVERY_WORD_ELEMENT, "fi", "Seloste & <muu>"), (notice_en(), "en", "T" * 300)])
def test_docx_is_the_very_file_python_docx_makes(markdown: str, lang: str, title: str) -> None:
    made = render_format(markdown, "docx", lang, title)

    assert made == word_made_by_python_docx(markdown, lang, title[:254] + "…" if len(title) > 255 else title)


BOXED = """# Seloste

## Lyhyesti

Tärkein ensin.

> **Voit vastustaa.** Voit vastustaa oikeutettuun etuumme perustuvaa käsittelyä milloin tahansa, jos sinulla on siihen omaan tilanteeseesi liittyvä syy.
>
> **Suoramarkkinointi.** Peruutuslinkki https://www.example.fi/hyvin/pitka/osoite/joka/ei/mahdu/laatikon/sisalle/mitenkaan

---

## Rekisterinpitäjä

- Nimi: Oy

## Oikeutesi

Pääsy tietoihin.
"""


def test_html_box_is_a_note_and_the_contents_follow_the_first_layer() -> None:
    html, page = html_page(BOXED)
    assert '<div class="box" role="note">' in html and "<blockquote" not in html and "<hr" not in html
    first_layer, contents, details = html.index('id="lyhyesti"'), html.index('<nav id="toc"'), html.index('id="rekisterinpitaja"')
    assert first_layer < html.index('class="box"') < contents < details
    assert [link["href"] for link in page.tags("a") if link["href"].startswith("#")] == ["#rekisterinpitaja", "#oikeutesi"]


def test_text_box_is_framed_and_fits_an_email_except_an_unbreakable_url() -> None:
    text = render_format(BOXED, "txt", "fi", "Seloste").decode("utf-8")
    lines = text.splitlines()
    top = lines.index("+" + "-" * (WIDTH - 2) + "+")
    bottom = lines.index(lines[top], top + 1)
    inside = lines[top + 1 : bottom]
    assert inside[0].startswith("| Voit vastustaa. Voit vastustaa") and "|" == inside[2][0] == inside[2][-1]
    assert all(line.startswith("| ") and line.endswith(" |") for line in inside)
    assert all(len(line) == WIDTH for line in inside if "https://" not in line)


TABLE = """## Yhdellä silmäyksellä

| Käyttötarkoitus | Henkilötiedot | Säilytysaika |
| --- | --- | --- |
| Tilaukset | Nimi ja yhteystiedot; Tilaustiedot | 3 vuotta viimeisestä tilauksesta |
| Kirjanpito | Tilaustiedot | 6 vuotta sen vuoden lopusta, jona tilikausi päättyi, kirjanpitolain mukaan ja vielä hieman pidempään |
"""


def test_html_table_cells_carry_their_column_heading_for_narrow_screens() -> None:
    html, page = html_page(TABLE)
    assert '<td data-label="Henkilötiedot">Nimi ja yhteystiedot; Tilaustiedot</td>' in html
    assert [cell["data-label"] for cell in page.tags("td")] == ["Käyttötarkoitus", "Henkilötiedot", "Säilytysaika"] * 2
    assert "@media (max-width: 40rem)" in html and "attr(data-label)" in html


def test_text_table_is_a_list_with_each_cell_after_its_heading() -> None:
    text = render_format(TABLE, "txt", "fi", "Seloste").decode("utf-8")
    assert text.split("\n\n", 1)[1] == (
        "- Tilaukset\n"
        "  - Henkilötiedot: Nimi ja yhteystiedot; Tilaustiedot\n"
        "  - Säilytysaika: 3 vuotta viimeisestä tilauksesta\n"
        "\n"
        "- Kirjanpito\n"
        "  - Henkilötiedot: Tilaustiedot\n"
        "  - Säilytysaika: 6 vuotta sen vuoden lopusta, jona tilikausi päättyi,\n"
        "    kirjanpitolain mukaan ja vielä hieman pidempään\n"
    )


def test_docx_table_is_a_word_table_with_a_repeated_bold_header() -> None:
    document = word(TABLE)
    [table] = document.tables
    assert table.style.name == "Table Grid"
    assert [[cell.text for cell in row.cells] for row in table.rows] == [
        ["Käyttötarkoitus", "Henkilötiedot", "Säilytysaika"],
        ["Tilaukset", "Nimi ja yhteystiedot; Tilaustiedot", "3 vuotta viimeisestä tilauksesta"],
        ["Kirjanpito", "Tilaustiedot", "6 vuotta sen vuoden lopusta, jona tilikausi päättyi, kirjanpitolain mukaan ja vielä hieman pidempään"],
    ]
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert all(run.bold for cell in table.rows[0].cells for run in cell.paragraphs[0].runs)
    section = document.sections[0]
    rounding = len(table.columns) * 635  # a twip per column, as python-docx rounds each
    assert sum(column.width for column in table.columns) <= section.page_width - section.left_margin - section.right_margin + rounding


def test_docx_box_paragraphs_are_framed() -> None:
    document = word(BOXED, "fi")
    framed = [p.text for p in document.paragraphs if p._p.pPr is not None and p._p.pPr.find(qn("w:pBdr")) is not None]
    assert framed[0].startswith("Voit vastustaa.") and framed[1].startswith("Suoramarkkinointi.") and len(framed) == 2


# --- the entry point -----------------------------------------------------------------------------------------


def test_markdown_format_is_the_markdown_itself() -> None:
    assert render_format(notice_fi(), "md", "fi", "x") == notice_fi().encode("utf-8")


@pytest.mark.parametrize(("fmt", "lang"), [("rtf", "fi"), ("html", "xx")])
def test_unknown_format_or_language_is_refused(fmt: str, lang: str) -> None:
    with pytest.raises(ValueError, match="unknown"):
        render_format(notice_fi(), fmt, lang, "x")


# --- any user text stays text --------------------------------------------------------------------------------

# Markdown's own punctuation, often, among any characters a user can type (control characters are removed from
# answers before they reach the notice).
USER_TEXT = st.text(
    st.one_of(
        st.sampled_from(list("*_`[]()<>!#&;-+=.:)19 \\|~\"'x\n")),
        st.characters(blacklist_categories=("Cc", "Cs")),
    ),
)


def as_paragraph_html(value: str) -> Page:
    return Page(render_format(escape_markdown(value), "html", "en", "x").decode("utf-8"))


@settings(max_examples=300, deadline=None)
@given(USER_TEXT)
def test_escaped_user_text_is_shown_as_typed_and_makes_no_tag(value: str) -> None:
    page = as_paragraph_html(value)
    page_frame = {"html", "head", "meta", "title", "style", "body", "main"}
    assert {tag for tag, _ in page.starts if tag not in page_frame} <= {"p"}
    assert page.text("main") == " ".join(value.split())


@settings(max_examples=300, deadline=None)
@given(USER_TEXT)
def test_escaped_user_text_is_plain_text_as_typed(value: str) -> None:
    shown = render_format(escape_markdown(value), "txt", "en", "x").decode("utf-8")
    assert " ".join(shown.split()) == " ".join(value.split())


@pytest.mark.parametrize("value", [":_0_:", "(_huom_)", "__init__"])
def test_underscores_next_to_punctuation_stay_literal(value: str) -> None:
    page = as_paragraph_html(value)
    assert not page.tags("em") and not page.tags("strong")
    assert page.text("main") == value


def test_docx_title_stands_out_and_an_item_s_lead_line_keeps_with_its_details() -> None:
    from wizard.check import check_data
    from wizard.examples import example_answers
    from wizard.render import build_notice

    markdown = build_notice(check_data(example_answers("salon")), "en").markdown
    document = word(markdown, "en", "Privacy notice")
    title = document.paragraphs[0]
    assert title.style.name == "Heading 1" and title.style.font.size.pt > document.styles["Heading 2"].font.size.pt + 6
    leads = [p for p in document.paragraphs if p.style.name == "List Bullet" and p.paragraph_format.keep_with_next]
    assert leads  # the purposes, each followed by its basis
    assert all(p.paragraph_format.keep_with_next is None for p in document.paragraphs if p.style.name == "List Bullet 2")
    assert all(p.style.paragraph_format.keep_with_next for p in document.paragraphs if p.style.name.startswith("Heading"))
