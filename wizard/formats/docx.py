"""The notice as a Word document: Word's own heading and list styles, real hyperlinks, the notice's language.

The language is set on the document's default run properties, so Word and LibreOffice check the spelling in
the notice's language. The file is the same bytes for the same notice: no creation time, fixed zip timestamps.
"""

from __future__ import annotations

import io
import zipfile
from itertools import groupby
from typing import TYPE_CHECKING, Any

from wizard.formats.blocks import Block, Heading, ListBlock, Paragraph as ParagraphBlock, Span, parse_blocks
from wizard.languages import language

if TYPE_CHECKING:
    from docx.document import Document
    from docx.text.paragraph import Paragraph
    from docx.text.run import Run

ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
MAX_LIST_LEVEL = 3  # the default template has "List Bullet" up to "List Bullet 3"
HYPERLINK_STYLE = "Hyperlink"


def render_docx(markdown: str, lang: str, title: str) -> bytes:
    import docx
    from docx.shared import Mm

    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)  # A4, not the template's US Letter
    set_properties(document, lang, title)
    add_hyperlink_style(document)
    body = Body(document)
    for block in parse_blocks(markdown):
        body.add_block(block)
    body.attach()
    out = io.BytesIO()
    document.save(out)
    return with_fixed_timestamps(out.getvalue())


def set_properties(document: Document, lang: str, title: str) -> None:
    from docx.oxml.ns import qn

    tag = language(lang).tag
    properties = document.core_properties
    properties.title = title if len(title) <= 255 else title[:254] + "…"  # Word's limit for a document property
    properties.language = tag
    properties.author = ""
    properties.comments = ""
    properties.last_modified_by = ""
    core = properties._element
    for name in ("dcterms:created", "dcterms:modified"):  # a date of generation would only make files differ
        for element in core.findall(qn(name)):
            core.remove(element)

    defaults = child(document.styles.element, "w:docDefaults", first=True)
    run_defaults = child(child(defaults, "w:rPrDefault", first=True), "w:rPr", first=True)
    child(run_defaults, "w:lang").set(qn("w:val"), tag)


def child(parent: Any, tag: str, first: bool = False) -> Any:
    """The element's child `tag`, added if missing (first, where the schema wants it first)."""
    from docx.oxml.ns import qn
    from docx.oxml.parser import OxmlElement

    found = parent.find(qn(tag))
    if found is None:
        found = OxmlElement(tag)
        if first:
            parent.insert(0, found)
        else:
            parent.append(found)
    return found


def add_hyperlink_style(document: Document) -> None:
    """Word's built-in "Hyperlink" character style, which the default template lacks."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import RGBColor

    if HYPERLINK_STYLE in [style.name for style in document.styles]:
        return
    style = document.styles.add_style(HYPERLINK_STYLE, WD_STYLE_TYPE.CHARACTER, builtin=True)
    style.font.color.rgb = RGBColor(0x05, 0x63, 0xC1)
    style.font.underline = True
    style.unhide_when_used = True


class Body:
    """The notice's paragraphs, written as WordprocessingML text and parsed into the document at once.

    The elements are the ones python-docx's `add_paragraph`, `add_run`, `bold` and `style` would make, in the
    same order; building them one python-docx call at a time took longer than everything else in a render
    (each call looks its place up among the element's children, a style by name among all styles, and a new
    paragraph's place among all the paragraphs so far)."""

    def __init__(self, document: Document) -> None:
        self._document = document
        self._ids: dict[tuple[str, Any], str | None] = {}
        self._xml: list[str] = []

    def _style_id(self, name: str, kind: Any) -> str | None:
        if (name, kind) not in self._ids:
            self._ids[name, kind] = self._document.styles.get_style_id(name, kind)
        return self._ids[name, kind]

    def add_block(self, block: Block) -> None:
        if isinstance(block, Heading):
            self._paragraph(block.spans, f"Heading {min(block.level, 9)}")
        elif isinstance(block, ParagraphBlock):
            self._paragraph(block.spans)
        else:
            self._list(block, 1)

    def _list(self, block: ListBlock, level: int) -> None:
        suffix = "" if min(level, MAX_LIST_LEVEL) == 1 else f" {min(level, MAX_LIST_LEVEL)}"
        item_style = ("List Number" if block.ordered else "List Bullet") + suffix
        continued_style = "List Continue" + suffix
        for item in block.items:
            for number, inner in enumerate(item.blocks):
                if isinstance(inner, ListBlock):
                    self._list(inner, level + 1)
                else:  # a heading inside a list item is not a section: write it as the item's text
                    self._paragraph(inner.spans, item_style if number == 0 else continued_style)

    def _paragraph(self, spans: tuple[Span, ...], style: str | None = None) -> None:
        """A paragraph in the paragraph style `style` (None: Normal)."""
        from docx.enum.style import WD_STYLE_TYPE
        from docx.opc.constants import RELATIONSHIP_TYPE

        xml = self._xml
        xml.append("<w:p>")
        if style is not None:
            style_id = self._style_id(style, WD_STYLE_TYPE.PARAGRAPH)
            xml.append("<w:pPr/>" if style_id is None else f'<w:pPr><w:pStyle w:val="{_escape(style_id)}"/></w:pPr>')
        for href, group in groupby(spans, key=lambda span: span.href):
            if href is None:
                for span in group:
                    self._run(span)
            else:  # python-docx reads hyperlinks but cannot add one
                relationship = self._document.part.relate_to(href, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
                xml.append(f'<w:hyperlink r:id="{_escape(relationship)}">')
                link_style = self._style_id(HYPERLINK_STYLE, WD_STYLE_TYPE.CHARACTER)
                for span in group:
                    self._run(span, link_style or "")
                xml.append("</w:hyperlink>")
        xml.append("</w:p>")

    def _run(self, span: Span, style: str | None = None) -> None:
        """A run of `span`, its line breaks as breaks; `style` a character style id ("": set, but none)."""
        xml = self._xml
        xml.append("<w:r>")
        properties = ("" if not style else f'<w:rStyle w:val="{_escape(style)}"/>') + ("<w:b/>" if span.bold else "") + (
            "<w:i/>" if span.italic else ""
        )
        xml.append(f"<w:rPr>{properties}</w:rPr>")
        first, *others = span.text.split("\n")
        xml.append(_run_content(first))
        for line in others:
            xml.append("<w:br/>" + _text(line))
        xml.append("</w:r>")

    def attach(self) -> None:
        """Put the paragraphs written so far at the end of the document's body, before its section settings."""
        from docx.oxml.ns import nsdecls, qn
        from docx.oxml.parser import parse_xml

        written = parse_xml(f"<w:body {nsdecls('w', 'r')}>{''.join(self._xml)}</w:body>")
        for text in written.iter(qn("w:t")):  # an empty line's text stays an empty text, as add_t makes it
            if text.text is None:
                text.text = ""
        section_properties = self._document.element.body.sectPr
        for paragraph in list(written):
            section_properties.addprevious(paragraph)
        self._xml.clear()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;").replace("\r", "&#13;")


def _text(text: str) -> str:
    """A w:t of `text`, keeping its spaces where it starts or ends with one (as python-docx's `add_t`)."""
    preserve = ' xml:space="preserve"' if len(text.strip()) < len(text) else ""
    return f"<w:t{preserve}>{_escape(text)}</w:t>"


def _run_content(text: str) -> str:
    """What python-docx's `Run.text = text` puts in a run: a tab as w:tab, a carriage return as w:br, the rest
    as w:t; nothing for no text."""
    parts, pending = [], []
    for char in text:
        if char in "\t\r\n":
            if pending:
                parts.append(_text("".join(pending)))
                pending.clear()
            parts.append("<w:tab/>" if char == "\t" else "<w:br/>")
        else:
            pending.append(char)
    if pending:
        parts.append(_text("".join(pending)))
    return "".join(parts)


def with_fixed_timestamps(package: bytes) -> bytes:
    """The same zip with every member dated 1980-01-01, so equal documents are equal files."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            info = zipfile.ZipInfo(member.filename, date_time=ZIP_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = member.external_attr
            target.writestr(info, source.read(member.filename))
    return out.getvalue()
