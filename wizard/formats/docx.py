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
    styles = StyleIds(document)
    for block in parse_blocks(markdown):
        add_block(document, block, styles)
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


class StyleIds:
    """Adds paragraphs to a document, each style's id looked up by name once per document.

    python-docx looks a style name up afresh (an XPath query and a scan of every style) each time a paragraph
    or run is given a style by name; that was most of a render's time. The id set here is the one it would set.
    """

    def __init__(self, document: Document) -> None:
        self._styles = document.styles
        self._ids: dict[tuple[str, Any], str | None] = {}
        self._section_properties = document.element.body.sectPr

    def _id(self, name: str, kind: Any) -> str | None:
        if (name, kind) not in self._ids:
            self._ids[name, kind] = self._styles.get_style_id(name, kind)
        return self._ids[name, kind]

    def paragraph(self, document: Document, name: str | None = None) -> Paragraph:
        """A new paragraph at the end of the document, in the paragraph style `name` (None: Normal).

        Put straight before the body's closing section properties: `document.add_paragraph` looks for them
        among all the paragraphs so far each time, which makes a long notice quadratic."""
        from docx.enum.style import WD_STYLE_TYPE
        from docx.oxml.parser import OxmlElement
        from docx.text.paragraph import Paragraph

        element = OxmlElement("w:p")
        self._section_properties.addprevious(element)
        paragraph = Paragraph(element, document)
        if name is not None:
            paragraph._p.style = self._id(name, WD_STYLE_TYPE.PARAGRAPH)
        return paragraph

    def set_run_style(self, run: Any, name: str) -> None:
        from docx.enum.style import WD_STYLE_TYPE

        run._r.style = self._id(name, WD_STYLE_TYPE.CHARACTER)


def add_block(document: Document, block: Block, styles: StyleIds) -> None:
    if isinstance(block, Heading):
        add_spans(styles.paragraph(document, f"Heading {min(block.level, 9)}"), block.spans, styles)
    elif isinstance(block, ParagraphBlock):
        add_spans(styles.paragraph(document), block.spans, styles)
    else:
        add_list(document, block, 1, styles)


def add_list(document: Document, block: ListBlock, level: int, styles: StyleIds) -> None:
    suffix = "" if min(level, MAX_LIST_LEVEL) == 1 else f" {min(level, MAX_LIST_LEVEL)}"
    item_style = ("List Number" if block.ordered else "List Bullet") + suffix
    continued_style = "List Continue" + suffix
    for item in block.items:
        for number, inner in enumerate(item.blocks):
            if isinstance(inner, ListBlock):
                add_list(document, inner, level + 1, styles)
            else:  # a heading inside a list item is not a section: write it as the item's text
                style = item_style if number == 0 else continued_style
                add_spans(styles.paragraph(document, style), inner.spans, styles)


def add_spans(paragraph: Paragraph, spans: tuple[Span, ...], styles: StyleIds) -> None:
    for href, group in groupby(spans, key=lambda span: span.href):
        if href is None:
            for span in group:
                add_run(paragraph, span)
        else:
            add_hyperlink(paragraph, href, list(group), styles)


def add_run(paragraph: Paragraph, span: Span) -> Run:
    lines = span.text.split("\n")
    run = paragraph.add_run(lines[0])
    for line in lines[1:]:
        run.add_break()
        run.add_text(line)
    run.bold = span.bold or None
    run.italic = span.italic or None
    return run


def add_hyperlink(paragraph: Paragraph, href: str, spans: list[Span], styles: StyleIds) -> None:
    """A w:hyperlink to `href` holding the spans' runs: python-docx reads hyperlinks but cannot add one."""
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml.ns import qn
    from docx.oxml.parser import OxmlElement

    hyperlink = OxmlElement("w:hyperlink")
    hyperlink.set(qn("r:id"), paragraph.part.relate_to(href, RELATIONSHIP_TYPE.HYPERLINK, is_external=True))
    for span in spans:
        run = add_run(paragraph, span)
        styles.set_run_style(run, HYPERLINK_STYLE)
        hyperlink.append(run._r)  # moves the run from the paragraph into the link
    paragraph._p.append(hyperlink)


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
