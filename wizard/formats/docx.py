"""The notice as a Word document: Word's own heading and list styles, real hyperlinks, the notice's language.

The language is set on the document's default run properties, so Word and LibreOffice check the spelling in
the notice's language. The file is the same bytes for the same notice: no creation time, fixed zip timestamps.

python-docx makes the document a notice is written into: its own template on A4, with the notice's language,
the Hyperlink style and placeholders for the title and the text (the "frame", one per language). The notice's
paragraphs are then written into the frame as WordprocessingML text, the very elements and bytes python-docx
would write for them (`tests/test_formats.py` compares the two), with a relationship for each link. Making
the frame takes longer than the rest of a render, so it is kept in `word/` of seloste's cache (see
`wizard.resources`), named after the SHA-256 of this module's source, the language's tag and the versions of
python-docx and lxml, which are everything it is made from: a change to any of them makes a new frame.
"""

from __future__ import annotations

import io
import os
import re
import zipfile
from dataclasses import dataclass, replace
from itertools import groupby
from typing import TYPE_CHECKING, Any

from wizard.formats.blocks import Block, Box, Heading, ListBlock, Paragraph as ParagraphBlock, Span, Table, parse_blocks
from wizard.languages import language

if TYPE_CHECKING:
    from docx.document import Document

ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
# A box's frame: a single line on every side of its paragraphs, which Word and LibreOffice draw as one frame.
BOX_BORDER = "<w:pBdr>" + "".join(
    f'<w:{side} w:val="single" w:sz="12" w:space="4" w:color="auto"/>' for side in ("top", "left", "bottom", "right")
) + "</w:pBdr>"
MAX_LIST_LEVEL = 3  # the default template has "List Bullet" up to "List Bullet 3"
HYPERLINK_STYLE = "Hyperlink"
HYPERLINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"

TABLE_STYLE = "Table Grid"
# The styles a notice's paragraphs, links and tables use: (name, kind), their ids looked up in the frame.
STYLES = (
    *((f"Heading {level}", "paragraph") for level in range(1, 10)),
    *((f"{kind}{suffix}", "paragraph") for kind in ("List Bullet", "List Number", "List Continue") for suffix in ("", " 2", " 3")),
    (HYPERLINK_STYLE, "character"),
    (TABLE_STYLE, "table"),
)
# The width of the text between the margins of the frame's A4 page, in EMU (python-docx's unit): a table's
# columns share it equally, as python-docx's `add_table` shares it.
A4_WIDTH_TWIPS, MARGIN_TWIPS, EMU_PER_TWIP = 11906, 1134, 635  # 210 mm, and 20 mm on the left and right
TEXT_WIDTH_EMU = (A4_WIDTH_TWIPS - 2 * MARGIN_TWIPS) * EMU_PER_TWIP
TABLE_TEXT_SIZE = 18  # half-points: 9 pt, so that five columns fit a portrait page
TABLE_PROPERTIES = (
    '<w:tblW w:type="auto" w:w="0"/><w:tblLook w:firstColumn="1" w:firstRow="1" w:lastColumn="0" w:lastRow="0" '
    'w:noHBand="0" w:noVBand="1" w:val="04A0"/>'
)
# The placeholders python-docx writes into the frame; `Frame.filled` puts the notice in their place.
TITLE_MARK = "SELOSTE-TITLE"
BODY_MARK = "SELOSTE-BODY"
BODY_MARK_XML = f"<w:p><w:r><w:t>{BODY_MARK}</w:t></w:r></w:p>"
DOCUMENT, CORE, RELATIONSHIPS = "word/document.xml", "docProps/core.xml", "word/_rels/document.xml.rels"
# Where each part is filled in: exactly once in each, or the frame is not one `make_frame` made.
PLACEHOLDERS = {DOCUMENT: BODY_MARK_XML, CORE: f">{TITLE_MARK}<", RELATIONSHIPS: "</Relationships>"}
STYLE_IDS = "seloste-style-ids.txt"  # in a cached frame only: each style's id, as "name<TAB>id" lines
_FRAME_LAYOUT = "2"  # raise when the way a frame is kept changes


def render_docx(markdown: str, lang: str, title: str) -> bytes:
    frame = Frame.for_language(lang)
    body = Body(frame)
    for block in parse_blocks(markdown):
        body.add_block(block)
    return frame.filled(body, title if len(title) <= 255 else title[:254] + "…")  # Word's limit for a property


# --- the frame: python-docx's document for a language, without the notice -------------------------------------


@dataclass(frozen=True)
class Frame:
    """The zip members of an empty notice in one language, in order, with the ids of the styles it has."""

    members: tuple[tuple[zipfile.ZipInfo, bytes], ...]
    style_ids: dict[str, str | None]

    @classmethod
    def for_language(cls, lang: str) -> Frame:
        """The frame from seloste's cache, or made now (and kept) when it is not there or cannot be read."""
        path = _cached_frame(lang)
        if path is not None:
            try:
                with open(path, "rb") as stream:
                    return cls.from_zip(stream.read())
            except (OSError, ValueError, StopIteration, zipfile.BadZipFile):
                pass  # not made yet, or damaged: make it again
        package = make_frame(lang)
        if path is not None:
            from wizard.resources import store_cached

            store_cached(path, package)
        return cls.from_zip(package)

    @classmethod
    def from_zip(cls, package: bytes) -> Frame:
        """The frame `make_frame` made; ValueError, StopIteration or BadZipFile for anything else."""
        with zipfile.ZipFile(io.BytesIO(package)) as source:
            members = tuple((info, source.read(info)) for info in source.infolist())
        named = {info.filename: data.decode("utf-8") for info, data in members if info.filename in PLACEHOLDERS}
        if any(named.get(name, "").count(placeholder) != 1 for name, placeholder in PLACEHOLDERS.items()):
            raise ValueError("not the frame of a notice")
        named[STYLE_IDS] = next(data for info, data in members if info.filename == STYLE_IDS).decode("utf-8")
        style_ids: dict[str, str | None] = {}
        for line in named[STYLE_IDS].splitlines():
            name, _, style_id = line.partition("\t")
            style_ids[name] = style_id or None
        return cls(tuple(member for member in members if member[0].filename != STYLE_IDS), style_ids)

    def filled(self, body: Body, title: str) -> bytes:
        """The notice: the frame with `body` and `title` in the placeholders' places, dated 1980-01-01."""
        filling = {
            DOCUMENT: body.xml(),
            CORE: f">{_escape_text(title)}<",
            RELATIONSHIPS: body.relationships_xml() + "</Relationships>",
        }
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for member, data in self.members:
                name = member.filename
                if name in filling:
                    data = data.decode("utf-8").replace(PLACEHOLDERS[name], filling[name]).encode("utf-8")
                target.writestr(_dated(member), data)
        return out.getvalue()

    def relationship_ids(self) -> set[str]:
        """The ids the document's relationships have already."""
        xml = next(data for info, data in self.members if info.filename == RELATIONSHIPS).decode("utf-8")
        return set(re.findall(r' Id="([^"]*)"', xml))


def _dated(member: zipfile.ZipInfo) -> zipfile.ZipInfo:
    """A member like `member`, dated 1980-01-01, so equal documents are equal files."""
    info = zipfile.ZipInfo(member.filename, date_time=ZIP_EPOCH)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = member.external_attr
    return info


def _cached_frame(lang: str) -> str | None:
    """Where the frame of `lang` is kept: its name changes with everything the frame is made from."""
    import hashlib
    from importlib.metadata import version

    from wizard.resources import cache_dir

    folder = cache_dir("word")
    if folder is None:
        return None
    with open(__file__, "rb") as source:
        made_by = [source.read(), language(lang).tag.encode(), version("python-docx").encode(), version("lxml").encode()]
    key = hashlib.sha256(b"\0".join([*made_by, _FRAME_LAYOUT.encode()])).hexdigest()
    return os.path.join(folder, f"{lang}-{key[:40]}.docx")


def make_frame(lang: str) -> bytes:
    """python-docx's document for a notice in `lang`, with placeholders for the title and the text, and the ids
    of the styles a notice uses as one more member."""
    import docx
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import Mm

    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)  # A4, not the template's US Letter
    section.left_margin = section.right_margin = Mm(20)  # room for the table of the processing
    set_properties(document, lang, TITLE_MARK)
    add_hyperlink_style(document)
    style_title(document)
    document.add_paragraph(BODY_MARK)
    lines = []
    for name, kind_name in STYLES:
        kind = {"paragraph": WD_STYLE_TYPE.PARAGRAPH, "character": WD_STYLE_TYPE.CHARACTER, "table": WD_STYLE_TYPE.TABLE}[kind_name]
        if name in document.styles:
            lines.append(f"{name}\t{document.styles.get_style_id(name, kind) or ''}")
    saved = io.BytesIO()
    document.save(saved)
    out = io.BytesIO()
    with zipfile.ZipFile(saved) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            target.writestr(_dated(member), source.read(member))
        target.writestr(_dated(zipfile.ZipInfo(STYLE_IDS)), "\n".join(lines).encode("utf-8"))
    return out.getvalue()


def set_properties(document: Document, lang: str, title: str) -> None:
    from docx.oxml.ns import qn

    tag = language(lang).tag
    properties = document.core_properties
    properties.title = title
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


def style_title(document: Document) -> None:
    """The notice's title (its only "Heading 1", still a heading for the navigation pane and screen readers) in
    large type with room below it, so it stands out from the sections' headings."""
    from docx.shared import Pt

    title = document.styles["Heading 1"]
    title.font.size = Pt(22)
    title.paragraph_format.space_after = Pt(12)


def add_hyperlink_style(document: Document) -> None:
    """Word's built-in "Hyperlink" character style, which the default template lacks."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import RGBColor

    if HYPERLINK_STYLE in document.styles:
        return
    style = document.styles.add_style(HYPERLINK_STYLE, WD_STYLE_TYPE.CHARACTER, builtin=True)
    style.font.color.rgb = RGBColor(0x05, 0x63, 0xC1)
    style.font.underline = True
    style.unhide_when_used = True


# --- the notice's paragraphs -------------------------------------------------------------------------------


class Body:
    """The notice's paragraphs as WordprocessingML text, and the relationships of its links.

    The elements and their bytes are the ones python-docx's `add_paragraph`, `add_run`, `bold`, `style` and
    `relate_to` write, in the same order; building them one python-docx call at a time took longer than
    everything else in a render (each call looks its place up among the element's children, a style by name
    among all styles, and a new paragraph's place among all the paragraphs so far)."""

    def __init__(self, frame: Frame) -> None:
        self._style_ids = frame.style_ids
        self._taken_ids = frame.relationship_ids()
        self._links: dict[str, str] = {}  # target -> relationship id, one for each target as python-docx does
        self._xml: list[str] = []

    def add_block(self, block: Block, boxed: bool = False) -> None:
        if isinstance(block, Heading):
            self._paragraph(block.spans, f"Heading {min(block.level, 9)}")
        elif isinstance(block, ParagraphBlock):
            self._paragraph(block.spans, boxed=boxed)
        elif isinstance(block, Box):
            for inner in block.blocks:
                self.add_block(inner, boxed=True)
        elif isinstance(block, Table):
            self._table(block)
        else:
            self._list(block, 1)

    def xml(self) -> str:
        return "".join(self._xml)

    def relationships_xml(self) -> str:
        return "".join(
            f'<Relationship Id="{_escape_attribute(rid)}" Type="{HYPERLINK}" Target="{_escape_attribute(target)}" TargetMode="External"/>'
            for target, rid in self._links.items()
        )

    def _table(self, table: Table) -> None:
        """A Word table in the "Table Grid" style, as python-docx's `add_table` makes it, its header row bold and
        repeated at the top of every page the table runs onto."""
        xml = self._xml
        columns = len(table.header)
        width = round((TEXT_WIDTH_EMU // columns) / EMU_PER_TWIP)
        style_id = self._style_ids.get(TABLE_STYLE)
        style = f'<w:tblStyle w:val="{_escape_attribute(style_id)}"/>' if style_id else ""
        xml.append(f"<w:tbl><w:tblPr>{style}{TABLE_PROPERTIES}</w:tblPr><w:tblGrid>")
        xml.append(f'<w:gridCol w:w="{width}"/>' * columns + "</w:tblGrid>")
        header = tuple(tuple(replace(span, bold=True) for span in cell) for cell in table.header)
        for number, row in enumerate((header, *table.rows)):
            xml.append("<w:tr><w:trPr><w:tblHeader/></w:trPr>" if number == 0 else "<w:tr>")
            for cell in row:
                xml.append(f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{width}"/></w:tcPr>')
                self._paragraph(cell, size=TABLE_TEXT_SIZE)
                xml.append("</w:tc>")
            xml.append("</w:tr>")
        xml.append("</w:tbl>")

    def _list(self, block: ListBlock, level: int) -> None:
        suffix = "" if min(level, MAX_LIST_LEVEL) == 1 else f" {min(level, MAX_LIST_LEVEL)}"
        item_style = ("List Number" if block.ordered else "List Bullet") + suffix
        continued_style = "List Continue" + suffix
        for item in block.items:
            for number, inner in enumerate(item.blocks):
                if isinstance(inner, ListBlock):
                    self._list(inner, level + 1)
                elif not isinstance(inner, (ParagraphBlock, Heading)):  # a box or a table inside an item: as it is
                    self.add_block(inner)
                else:  # a heading inside a list item is not a section: write it as the item's text
                    # An item's lead line stays on the page of what follows it in the item (its details).
                    leads = number == 0 and len(item.blocks) > 1
                    self._paragraph(inner.spans, item_style if number == 0 else continued_style, keep_with_next=leads)

    def _paragraph(
        self,
        spans: tuple[Span, ...],
        style: str | None = None,
        keep_with_next: bool = False,
        boxed: bool = False,
        size: int | None = None,
    ) -> None:
        """A paragraph in the paragraph style `style` (None: Normal), kept on the page of the next one if asked,
        framed as part of a box if `boxed`, its text `size` half-points high if given."""
        xml = self._xml
        xml.append("<w:p>")
        if boxed:
            xml.append(f"<w:pPr>{BOX_BORDER}</w:pPr>")
        elif style is not None:
            style_id = self._style_ids[style]
            keep = "<w:keepNext/>" if keep_with_next else ""
            if style_id is None:
                xml.append(f"<w:pPr>{keep}</w:pPr>" if keep else "<w:pPr/>")
            else:
                xml.append(f'<w:pPr><w:pStyle w:val="{_escape_attribute(style_id)}"/>{keep}</w:pPr>')
        for href, group in groupby(spans, key=lambda span: span.href):
            if href is None:
                for span in group:
                    self._run(span, size=size)
            else:
                xml.append(f'<w:hyperlink r:id="{_escape_attribute(self._link(href))}">')
                for span in group:
                    self._run(span, self._style_ids[HYPERLINK_STYLE], size)
                xml.append("</w:hyperlink>")
        xml.append("</w:p>")

    def _link(self, target: str) -> str:
        """The relationship id of a link to `target`: the first free rId<n>, as python-docx numbers them."""
        if target not in self._links:
            number = 1
            while f"rId{number}" in self._taken_ids:
                number += 1
            self._links[target] = f"rId{number}"
            self._taken_ids.add(f"rId{number}")
        return self._links[target]

    def _run(self, span: Span, style: str | None = None, size: int | None = None) -> None:
        """A run of `span`, its line breaks as breaks, in the character style with the id `style`, `size`
        half-points high if given."""
        properties = (
            (f'<w:rStyle w:val="{_escape_attribute(style)}"/>' if style else "")
            + ("<w:b/>" if span.bold else "")
            + ("<w:i/>" if span.italic else "")
            + (f'<w:sz w:val="{size}"/>' if size else "")
        )
        first, *others = span.text.split("\n")
        self._xml.append(f"<w:r><w:rPr>{properties}</w:rPr>" if properties else "<w:r><w:rPr/>")
        self._xml.append(_run_content(first))
        for line in others:
            self._xml.append("<w:br/>" + _text(line))
        self._xml.append("</w:r>")


def _escape_text(text: str) -> str:
    """Text as lxml writes it in an element."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


def _escape_attribute(text: str) -> str:
    """Text as lxml writes it in an attribute."""
    return _escape_text(text).replace('"', "&quot;").replace("\t", "&#9;").replace("\n", "&#10;")


def _text(text: str) -> str:
    """A w:t of `text`, keeping its spaces where it starts or ends with one (as python-docx's `add_t`)."""
    preserve = ' xml:space="preserve"' if len(text.strip()) < len(text) else ""
    return f"<w:t{preserve}>{_escape_text(text)}</w:t>"


def _run_content(text: str) -> str:
    """What python-docx's `Run.text = text` puts in a run: a tab as w:tab, a carriage return or a newline as
    w:br, each stretch of other characters as one w:t; nothing for no text."""
    if "\t" not in text and "\r" not in text and "\n" not in text:
        return _text(text) if text else ""
    return "".join(
        "<w:tab/>" if piece == "\t" else "<w:br/>" if piece in ("\r", "\n") else _text(piece)
        for piece in re.split(r"([\t\r\n])", text)
        if piece
    )
