"""An existing notice as blocks of text: headings, paragraphs and list items, each with where it was found.

Plain text and Markdown go through markdown-it (setext and `#` headings, lists, wrapped lines joined); the old
Finnish web form's layout (a heading, a tab, then the text, often with HTML tags in it) is read line by line;
HTML through the standard library's parser; Word through python-docx (heading styles, tables); PDF through
pypdf when it is installed (`pip install 'seloste[pdf]'`). A file that cannot be read raises `Unreadable`.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, replace
from html.parser import HTMLParser
from pathlib import Path

from wizard.audit.topics import looks_like_heading
from wizard.audit.words import pattern
from wizard.i18n import N_, _
from wizard.userfile import CannotOpen, read_at_most

MAX_TEXT_BYTES = 2 * 1024 * 1024
MAX_BINARY_BYTES = 25 * 1024 * 1024  # Word and PDF files carry images and fonts

UNREADABLE_TEXTS = {
    "missing": N_("There is no file {path}."),
    "directory": N_("{path} is a folder, not a notice."),
    "permission": N_("You do not have permission to read {path}."),
    "os_error": N_("{path} cannot be read: {detail}."),
    "too_large": N_("{path} is {size_kib} KiB; a notice is at most {limit_kib} KiB."),
    "empty": N_("{path} is empty."),
    "encoding": N_("{path} is not text in UTF-8, UTF-16 or Windows-1252 (first problem at byte {offset}). Save it as UTF-8 and try again."),
    "binary": N_("{path} is not a text file, a Word document (.docx), an HTML page or a PDF."),
    "docx": N_("{path} cannot be read as a Word document: {detail}. Save it again as .docx (Word 2007 or later)."),
    "old_word": N_("{path} is an old Word document (.doc). Save it as .docx and try again."),
    "pdf_missing": N_("Reading PDF files needs the optional pypdf library: pip install 'seloste[pdf]'. Or save the notice as text, HTML or .docx."),
    "pdf": N_("{path} cannot be read as a PDF: {detail}."),
    "no_text": N_("{path} holds no text (a scanned PDF or an image?). seloste reads notices whose text can be selected."),
}


class Unreadable(Exception):
    """The notice cannot be read at all (exit 2); `message(lang)` says why."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params

    def message(self, lang: str) -> str:
        return _(UNREADABLE_TEXTS[self.code], lang).format(**self.params)


@dataclass(frozen=True)
class Where:
    """Where a block was found: a line of a text file, a paragraph of a Word file, a row of a table, a page."""

    kind: str  # "line", "paragraph", "row" or "page"
    number: int
    table: int = 0  # with kind "row": which table

    def describe(self, lang: str) -> str:
        if self.kind == "row":
            return _("table {table}, row {row}", lang).format(table=self.table, row=self.number)
        if self.kind == "paragraph":
            return _("paragraph {number}", lang).format(number=self.number)
        if self.kind == "page":
            return _("page {number}", lang).format(number=self.number)
        return _("line {line}", lang).format(line=self.number)

    def as_json(self) -> dict[str, object]:
        data: dict[str, object] = {"kind": self.kind, "number": self.number}
        if self.kind == "row":
            data["table"] = self.table
        return data


@dataclass(frozen=True)
class Block:
    text: str
    where: Where
    heading: int = 0  # the heading's level (1 = top); 0 for text
    listed: bool = False  # an item of a list
    depth: int = 0  # how deep the item is in nested lists (1: a top-level item; 0: not known or not listed)
    line_starts: tuple[tuple[int, int], ...] = ()  # (offset in `text`, line) where each later source line begins

    def where_at(self, offset: int) -> Where:
        """Where the text at `offset` is: the line a sentence starts on, in a paragraph of several lines."""
        line = self.where.number
        for start, number in self.line_starts:
            if start > offset:
                break
            line = number
        return Where(self.where.kind, line, self.where.table)


def joined(pieces: list[tuple[int, str]]) -> tuple[str, tuple[tuple[int, int], ...]]:
    """The text of numbered source lines as one line, and where each source line begins in it."""
    text = ""
    starts: list[tuple[int, int]] = []
    for number, raw in pieces:
        piece = clean(raw)
        if not piece:
            continue
        if text:
            text += " "
        starts.append((len(text), number))
        text += piece
    return text, tuple(starts)


def read_notice(path: str) -> list[Block]:
    """The blocks of the notice in `path`; raises `Unreadable` when there are none to read."""
    return parse_notice(_read_bytes(path), path)


def parse_notice(raw: bytes, path: str) -> list[Block]:
    """The blocks of a notice's bytes; `path` tells the format by its suffix (when the bytes do not) and names
    the file in messages."""
    if not raw.strip():
        raise Unreadable("empty", path=path)
    suffix = Path(path).suffix.lower()
    if raw.startswith(b"PK\x03\x04") or suffix == ".docx":
        blocks = _docx_blocks(raw, path)
    elif raw.startswith(b"%PDF") or suffix == ".pdf":
        blocks = _pdf_blocks(raw, path)
    elif raw.startswith(b"\xd0\xcf\x11\xe0"):
        raise Unreadable("old_word", path=path)
    else:
        text = decode(raw, path)
        if suffix in (".html", ".htm", ".xhtml") or re.match(r"\s*<(!doctype html|html|body|h\d|p|div)\b", text, re.I):
            blocks = html_blocks(text)
        elif _is_form_layout(text):
            blocks = form_blocks(text)
        else:
            blocks = markdown_blocks(text)
    if not any(block.text for block in blocks):
        raise Unreadable("no_text" if suffix == ".pdf" else "empty", path=path)
    return blocks


def _read_bytes(path: str) -> bytes:
    try:
        raw, _size = read_at_most(path, MAX_BINARY_BYTES + 1)
    except CannotOpen as problem:
        details = {"detail": problem.detail} if problem.kind == "os_error" else {}
        raise Unreadable(problem.kind, path=path, **details) from None
    binary = raw.startswith((b"PK\x03\x04", b"%PDF"))
    limit = MAX_BINARY_BYTES if binary else MAX_TEXT_BYTES
    if len(raw) > limit:
        raise Unreadable("too_large", path=path, size_kib=len(raw) // 1024, limit_kib=limit // 1024)
    return raw


def decode(raw: bytes, path: str) -> str:
    """Text from UTF-8 (with or without a BOM), UTF-16 with a BOM, or Windows-1252, which old Finnish pages
    were often saved in; anything with control characters is not text."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = raw.decode("utf-16")
        except UnicodeDecodeError as error:
            raise Unreadable("encoding", path=path, offset=error.start) from None
    else:
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            first_problem = error.start
            try:
                text = raw.decode("cp1252")
            except UnicodeDecodeError:
                raise Unreadable("encoding", path=path, offset=first_problem) from None
    if re.search(r"[\x00-\x08\x0e-\x1f]", text):
        raise Unreadable("binary", path=path)
    return text.replace("\r\n", "\n").replace("\r", "\n")


# --- the old web form: "Heading<TAB>text", continued on lines that start with a tab -----------------------

_FORM_LINE = re.compile(r"^([^\t\n]{2,160})\t(.*)$")


def _is_form_layout(text: str) -> bool:
    return sum(1 for line in text.split("\n") if _FORM_LINE.match(line)) >= 3


def form_blocks(text: str) -> list[Block]:
    blocks: list[Block] = []
    for number, line in enumerate(text.split("\n"), start=1):
        match = _FORM_LINE.match(line)
        where = Where("line", number)
        if match:
            blocks.append(Block(clean(match.group(1)), where, heading=1))
            content = match.group(2)
        else:
            content = line
        blocks.extend(Block(part, where, listed=listed) for part, listed in _fragment_parts(content))
    return blocks


def _fragment_parts(fragment: str) -> list[tuple[str, bool]]:
    """The paragraphs and list items of a piece of text that may hold HTML tags (the old form kept them)."""
    parser = _HtmlCollector()
    parser.feed(fragment)
    parser.close()
    parts = []
    for block in parser.blocks:
        for item in _inline_list_items(block.text):
            parts.append((item, block.listed or item != block.text))
    return [(text, listed) for text, listed in parts if text]


def _inline_list_items(text: str) -> list[str]:
    """"- Name- E-mail- Phone" (a list whose line breaks were lost) as its items; "etu- ja sukunimi" stays."""
    if not text.startswith("- "):
        return [text]
    # an item starts after "- ", unless the hyphen ends the first part of a compound: "etu- ja sukunimi"
    items = re.split(rf"(?:^|(?<=\S))- (?!(?:{pattern('compound_joiners')})\b)(?=[\wÄÖÅäöå])", text)
    return [item.strip() for item in items if item.strip()]


# --- Markdown and plain text ---------------------------------------------------------------------------


def markdown_blocks(text: str) -> list[Block]:
    from wizard.formats import parser

    blocks: list[Block] = []
    heading = 0
    lists: list[str] = []  # the kinds of the lists the text is in: "bullet" or "ordered"
    tokens = parser().parse(text)
    marked_up = any(token.type == "heading_open" for token in tokens)  # then no heading is written without it
    for token in tokens:
        if token.type in ("bullet_list_open", "ordered_list_open"):
            lists.append(token.type.split("_")[0])
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif token.type == "heading_open":
            heading = int(token.tag[1])
        elif token.type == "heading_close":
            heading = 0
        elif token.type == "inline" and token.map:
            line = token.map[0] + 1
            lines = _inline_lines(token)
            if heading:
                blocks.append(Block(clean(" ".join(lines)), Where("line", line), heading=heading))
            else:
                # plain-text notices number their headings ("1. Rekisterinpitäjä"): Markdown reads an ordered list
                kind = lists[-1] if lists else ""
                blocks.extend(_paragraph_blocks(lines, line, kind, len(lists), headings_unmarked=not marked_up))
    return blocks


def _inline_lines(token: object) -> list[str]:
    """The text of an inline token, one entry per source line; a link's address kept after its words."""
    lines = [""]
    link: str | None = None
    for child in getattr(token, "children", None) or []:
        if child.type in ("text", "code_inline"):
            lines[-1] += child.content
        elif child.type in ("softbreak", "hardbreak"):
            lines.append("")
        elif child.type == "link_open":
            link = str(child.attrs.get("href") or "")
            start = len(lines[-1])
        elif child.type == "link_close" and link:
            words = lines[-1][start:]
            address = link.removeprefix("mailto:")
            if address and address != words:
                lines[-1] += f" ({address})"
            link = None
    return [line.strip() for line in lines]


def _paragraph_blocks(lines: list[str], first_line: int, list_kind: str, depth: int, headings_unmarked: bool) -> list[Block]:
    """A paragraph; in plain text its first line is often a heading written without any mark-up (never in a text
    that marks its headings up)."""
    numbered = [(first_line + index, line) for index, line in enumerate(lines) if line]
    if not numbered:
        return []
    blocks = []
    listed = bool(list_kind)
    if headings_unmarked and list_kind != "bullet" and _heading_line([line for _, line in numbered], numbered=list_kind == "ordered"):
        blocks.append(Block(clean(_unnumbered(numbered[0][1])), Where("line", numbered[0][0]), heading=2))
        numbered = numbered[1:]
        listed = False
    if numbered:
        text, starts = joined(numbered)
        blocks.append(Block(text, Where("line", numbered[0][0]), listed=listed, depth=depth if listed else 0, line_starts=starts))
    return blocks


def _heading_line(lines: list[str], numbered: bool) -> bool:
    first = lines[0]
    marked = numbered or first.endswith(":") or first.startswith("**") or first.isupper()
    if len(lines) > 1:
        return looks_like_heading(first) and (marked or ": " not in first)
    return looks_like_heading(first) and (marked or (": " not in first and len(first.split()) <= 6))


def _unnumbered(line: str) -> str:
    return re.sub(r"^\s*(\d{1,2}[.)]?|[A-Z][.)])\s+", "", line).strip().strip("*").rstrip(":").strip()


# --- HTML --------------------------------------------------------------------------------------------------

_BLOCK_TAGS = {"p", "li", "td", "th", "dt", "dd", "div", "section", "article", "tr", "br", "blockquote", "caption",
               "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table", "body", "main", "header", "footer", "pre"}
_SKIPPED = {"script", "style", "head", "title", "noscript", "template", "svg", "nav"}  # nav: a table of contents


class _HtmlCollector(HTMLParser):
    """Blocks from HTML: a heading per <h1>-<h6>, a block per paragraph, list item or table cell; in a table
    row of two cells whose first cell is short, that cell is the heading of the other (the old form exported as a
    table); a table of more columns (seloste's table of the processing) is data, a block per cell."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self._pieces: list[list] = []  # [line, text] of the block being read, a piece per source line
        self._line = 1
        self._heading = 0
        self._listed = False
        self._lists = 0  # the lists open around the text being read
        self._skipping = 0
        self._row: list[Block] | None = None
        self._href = ""
        self._link_words = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self._skipping += 1
        elif tag in _BLOCK_TAGS:
            self._flush()
            self._line = self.getpos()[0]
            if tag[0] == "h" and tag[1:].isdigit():
                self._heading = int(tag[1])
            elif tag == "li":
                self._listed = True
            elif tag in ("ul", "ol"):
                self._lists += 1
            elif tag == "tr":
                self._row = []
        elif tag == "a" and not self._skipping:
            href = dict(attrs).get("href") or ""
            self._href = "" if href.startswith("#") else href
            self._link_words = ""

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self._skipping = max(0, self._skipping - 1)
        elif tag in _BLOCK_TAGS:
            self._flush()
            if tag[0] == "h" and tag[1:].isdigit():
                self._heading = 0
            elif tag == "li":
                self._listed = False
            elif tag in ("ul", "ol"):
                self._lists = max(0, self._lists - 1)
                self._listed = self._lists > 0  # back in the item that holds the nested list
            elif tag == "tr" and self._row is not None:
                self._end_row(self._row)
                self._row = None
        elif tag == "a" and self._href:
            address = self._href.removeprefix("mailto:")
            if address and address != self._link_words.strip() and self._pieces:
                self._pieces[-1][1] += f" ({address})"
            self._href = ""

    def handle_data(self, data: str) -> None:
        if self._skipping:
            return
        if self._href:
            self._link_words += data
        line = self.getpos()[0]
        for index, part in enumerate(data.split("\n")):
            if index == 0 and self._pieces and self._pieces[-1][0] == line:
                self._pieces[-1][1] += part
            else:
                self._pieces.append([line + index, part])

    def close(self) -> None:
        super().close()
        self._flush()

    def _flush(self) -> None:
        text, starts = joined([(line, part) for line, part in self._pieces])
        self._pieces = []
        if not text:
            return
        depth = self._lists if self._listed else 0
        block = Block(text, Where("line", starts[0][1]), heading=self._heading, listed=self._listed, depth=depth, line_starts=starts)
        if self._row is not None:
            self._row.append(block)
        else:
            self.blocks.append(block)

    def _end_row(self, cells: list[Block]) -> None:
        if len(cells) == 2 and not cells[0].heading and len(cells[0].text) <= 160:  # a wider table is data
            cells = [Block(cells[0].text, cells[0].where, heading=2), *cells[1:]]
        self.blocks.extend(cells)


def html_blocks(text: str) -> list[Block]:
    parser = _HtmlCollector()
    parser.feed(text)
    parser.close()
    return parser.blocks


# --- Word ---------------------------------------------------------------------------------------------------


def _docx_blocks(raw: bytes, path: str) -> list[Block]:
    from io import BytesIO

    try:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        document = docx.Document(BytesIO(raw))
        blocks: list[Block] = []
        paragraphs = tables = 0
        for item in document.iter_inner_content():
            if isinstance(item, Paragraph):
                paragraphs += 1
                blocks.extend(_docx_paragraph(item, Where("paragraph", paragraphs)))
            elif isinstance(item, Table):
                tables += 1
                blocks.extend(_docx_table(item, tables))
    except Unreadable:
        raise
    except Exception as error:  # python-docx raises many kinds on a damaged or foreign zip
        raise Unreadable("docx", path=path, detail=str(error) or type(error).__name__) from None
    return blocks


def _docx_paragraph(paragraph: object, where: Where) -> list[Block]:
    text = clean(getattr(paragraph, "text", ""))
    if not text:
        return []
    style = (getattr(getattr(paragraph, "style", None), "name", "") or "").lower()
    level = re.match(r"(heading|otsikko)\s*(\d)", style)
    if level or style in ("title", "otsikko"):
        return [Block(text, where, heading=int(level.group(2)) if level else 1)]
    listed = "list" in style or "luettelo" in style
    nested = re.search(r"(\d)\s*$", style) if listed else None  # "List Bullet 2" is an item of a nested list
    depth = int(nested.group(1)) if nested else int(listed)
    numbered = _numbering_level(paragraph)
    if numbered is not None:  # Word and LibreOffice number a list's items (bullets too) and give each its level
        listed, depth = True, numbered + 1
    runs = [run for run in getattr(paragraph, "runs", []) if run.text.strip()]
    if runs and all(run.bold for run in runs) and looks_like_heading(text, alone=True):
        return [Block(_unnumbered(text), where, heading=2)]
    return [Block(text, where, listed=listed, depth=depth)]


def _numbering_level(paragraph: object) -> int | None:
    """The level (0: the outermost) of a paragraph that is an item of a bulleted or numbered list in its own right
    (its w:numPr), whatever its style's name; None for any other paragraph."""
    properties = getattr(getattr(paragraph, "_p", None), "pPr", None)
    numbering = getattr(properties, "numPr", None)
    if numbering is None or numbering.numId is None or numbering.numId.val == 0:  # numId 0: numbering turned off
        return None
    return numbering.ilvl.val if numbering.ilvl is not None else 0


def _docx_table(table: object, number: int) -> list[Block]:
    blocks: list[Block] = []
    for row_number, row in enumerate(getattr(table, "rows", []), start=1):
        where = Where("row", row_number, number)
        cells: list[str] = []
        for cell in row.cells:
            text = "\n".join(p.text for p in cell.paragraphs)
            if text not in cells:  # merged cells repeat their text
                cells.append(text)
        if len(cells) == 2 and clean(cells[0]) and len(clean(cells[0])) <= 160:  # a heading, even over an empty cell
            blocks.append(Block(clean(cells[0]), where, heading=2))
            cells = cells[1:]
        for cell in cells:
            blocks.extend(Block(part, where, listed=listed) for part, listed in _text_parts(cell))
    return blocks


def _text_parts(text: str) -> list[tuple[str, bool]]:
    parts = []
    for line in text.split("\n"):
        listed = bool(re.match(r"\s*[-•*–]\s", line))
        parts.append((clean(re.sub(r"^\s*[-•*–]\s", "", line)), listed))
    return [(line, listed) for line, listed in parts if line]


# --- PDF ---------------------------------------------------------------------------------------------------


def _pdf_blocks(raw: bytes, path: str) -> list[Block]:
    from io import BytesIO

    try:
        from pypdf import PdfReader
    except ImportError:
        raise Unreadable("pdf_missing") from None
    try:
        reader = PdfReader(BytesIO(raw))
        pages = [_pdf_page_lines(page) for page in reader.pages]
    except Exception as error:  # pypdf's errors on a damaged file are of many kinds
        raise Unreadable("pdf", path=path, detail=str(error) or type(error).__name__) from None
    pages = _without_running_lines(pages)
    # The left edge of the text: where most lines start. A page may begin with a heading a list of contents gave
    # before: each page's headings are kept.
    starts = Counter(round(line.x) for lines in pages for line in lines if line.x is not None and line.text.strip())
    edge = starts.most_common(1)[0][0] if starts else None
    set_in = iter(_set_in([line for lines in pages for line in lines], edge))  # a list may go on over the page
    return _list_depths([placed for number, lines in enumerate(pages, start=1)
                         for placed in _pdf_page_blocks(lines, Where("page", number), [next(set_in) for _ in lines], edge)])


def _list_depths(placed: list[tuple[Block, float | None]]) -> list[Block]:
    """Each item of a list with how deep it is, from where its bullet stands: an item whose bullet is set in
    further than the item's before it is an item of a list nested in that one ("◦ Legal basis: contract" under
    "• Handling orders"), one as far in as an earlier item is at that item's depth. A list may go on over the page;
    any other text ends it."""
    blocks: list[Block] = []
    levels: list[float] = []  # where the bullets of the lists open around this item stand, outermost first
    for block, x in placed:
        if not block.listed or x is None:
            levels = [] if not block.listed else levels
            blocks.append(block)
            continue
        while levels and levels[-1] > x + 1:
            levels.pop()
        if not levels or x - levels[-1] > 1:
            levels.append(x)
        blocks.append(replace(block, depth=len(levels)))
    return blocks


def _without_running_lines(pages: list[list[_PdfLine]]) -> list[list[_PdfLine]]:
    """The pages without what is printed at the top or foot of most of them, at the same height ("Page 2 of 5", the
    business's name, a running title): the last section of a page has none of it as its text."""
    ends = [_end_lines(lines) for lines in pages]
    found: dict[str, dict[int, float | None]] = {}  # the pages a text ends, and its height there
    for number, (lines, page_ends) in enumerate(zip(pages, ends, strict=True)):
        for index in page_ends:
            found.setdefault(_running_key(lines[index].text), {})[number] = lines[index].y
    running = set()
    for key, heights in found.items():
        known = [y for y in heights.values() if y is not None]
        if len(heights) >= 2 and 2 * len(heights) >= len(pages) and (not known or max(known) - min(known) <= 2):
            running.add(key)
    return [[line for index, line in enumerate(lines) if not (index in page_ends and _running_key(line.text) in running)]
            for lines, page_ends in zip(pages, ends, strict=True)]


def _end_lines(lines: list[_PdfLine]) -> set[int]:
    """The places of the first two and the last two lines of a page that hold text."""
    placed = [index for index, line in enumerate(lines) if line.text.strip()]
    return set(placed[:2] + placed[-2:])


def _running_key(text: str) -> str:
    return re.sub(r"\d+", "#", clean(text)).casefold()


@dataclass(frozen=True)
class _PdfLine:
    """A line of a PDF page as pypdf extracts it, and where it starts when pypdf tells (it does not always)."""

    text: str
    y: float | None = None  # the baseline, in points from the bottom of the page
    x: float | None = None  # where the line starts, in points from the left of the page
    size: float = 0.0  # the size of its type, in points
    beside: bool = False  # another line of the page shares its baseline: a table's cell, or a column of text


def _pdf_page_lines(page: object) -> list[_PdfLine]:
    """The lines of a page, each with its baseline and type size. Both come from the text matrices pypdf
    passes to a visitor; when the visitor's pieces do not add up to the extracted text, the lines carry none."""
    pieces: list[tuple[str, float, float, float]] = []  # (text, x, baseline, size)

    def visit(text: str, cm: list[float], tm: list[float], _font: object, size: float) -> None:
        # the text matrix in the page's space (tm × cm): where the text starts and how tall its type is
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        scale = ((tm[2] * cm[0] + tm[3] * cm[2]) ** 2 + (tm[2] * cm[1] + tm[3] * cm[3]) ** 2) ** 0.5
        pieces.append((text, x, y, abs(size * scale)))

    text = page.extract_text(visitor_text=visit) or ""  # type: ignore[attr-defined]
    if "".join(piece[0] for piece in pieces) != text:
        return [_PdfLine(line) for line in text.split("\n")]
    lines: list[_PdfLine] = []
    current, x, y, size = "", None, None, 0.0
    for piece, piece_x, piece_y, piece_size in pieces:
        for index, part in enumerate(piece.split("\n")):
            if index:
                lines.append(_PdfLine(current, y, x, size))
                current, x, y, size = "", None, None, 0.0
            if y is None and part.strip():
                x, y, size = piece_x, piece_y, piece_size
            current += part
    lines.append(_PdfLine(current, y, x, size))
    # Lines pypdf gives apart although they stand on one baseline are side by side: the cells of a table's row.
    baselines = sorted(line.y for line in lines if line.y is not None and line.text.strip())
    return [_PdfLine(line.text, line.y, line.x, line.size, beside=_shared(line, baselines)) for line in lines]


def _set_in(lines: list[_PdfLine], edge: float | None) -> list[bool]:
    """For each line: whether it starts right of the text's left edge, just where the nearest line before or after
    it starts that is not set in further (an item of a list, whose own nested items may stand between)."""
    found = [False] * len(lines)
    placed = [(index, line.x) for index, line in enumerate(lines) if line.x is not None and line.text.strip()]
    if edge is None:
        return found
    for position, (index, x) in enumerate(placed):
        if x - edge <= 0.5 * lines[index].size:
            continue
        before = next((placed[other][1] for other in range(position - 1, -1, -1) if placed[other][1] <= x + 1), None)
        after = next((placed[other][1] for other in range(position + 1, len(placed)) if placed[other][1] <= x + 1), None)
        found[index] = any(other is not None and abs(other - x) <= 1 for other in (before, after))
    return found


def _shared(line: _PdfLine, baselines: list[float]) -> bool:
    if line.y is None or not line.text.strip():
        return False
    tolerance = max(0.5, 0.1 * line.size)
    return bisect_right(baselines, line.y + tolerance) - bisect_left(baselines, line.y - tolerance) > 1


_BULLET = re.compile(r"^\s*[\uf0b7•▪◦‣∙·*–-]\s+")


# How far in from the text's edge an item of a list whose bullet a browser draws may start: a few levels of a list,
# never as far as a centred heading.
DRAWN_LIST_INDENT = 100.0


def _pdf_page_blocks(lines: list[_PdfLine], where: Where, set_in: list[bool], edge: float | None = None) -> list[tuple[Block, float | None]]:
    """A page's lines as blocks: a line that ends in a space goes on in the next one (how pypdf marks a wrapped
    line); a bullet starts a list item; a line that starts above the one before starts a block (the next cell
    of a table's row, or the next column); a short line on its own about a topic of a notice is a heading, unless
    it stands beside other text (a table's cell: the header row of seloste's table of the processing, repeated on
    each page the table runs on, names topics too) or is `set_in` from the text's edge as far as the line before
    or after it (an item of a list whose bullets a browser draws rather than writes). Such an item, set in from the
    edge as an item before or after it is (or right after one, as its nested list's first item is), starts a list
    item of its own, however its first letter is written. Each block comes with where its first line starts, when
    pypdf tells."""
    paragraphs: list[tuple[str, bool, bool, float | None]] = []  # (text, listed, beside or set in, where it starts)
    current, listed, beside, start = "", False, False, None
    drawn_item = drawn_before = False  # the block being read, and the line before, is an item with a drawn bullet
    above: _PdfLine | None = None  # the line before, where known
    for index, line in enumerate(lines):
        bullet = _BULLET.match(line.text)
        goes_on = current.endswith((" ", ",", "-")) or bool(re.match(r"\s*[a-zäöå(]", line.text))
        # a list item's next line starts where its text does, right of its bullet, whatever its first letter
        in_item = listed and not drawn_item and start is not None and line.x is not None and line.x > start + 1
        goes_on = goes_on or in_item
        higher = line.y is not None and above is not None and above.y is not None and line.y - above.y > 0.5 * max(line.size, above.size)
        drawn = (not bullet and not in_item and edge is not None and line.x is not None and not line.beside and bool(line.text.strip())
                 and 0.5 * line.size < line.x - edge <= DRAWN_LIST_INDENT and (set_in[index] or drawn_before))
        if drawn:  # an item with a drawn bullet goes on only in a wrapped line where its text starts
            goes_on = drawn_item and start is not None and abs(line.x - start) <= 1 and current.endswith((" ", ",", "-"))  # type: ignore[operator]
        elif drawn_item and line.text.strip():
            goes_on = False
        if current and (bullet or higher or not goes_on):
            paragraphs.append((current, listed, beside, start))
            current, listed, beside, start, drawn_item = "", False, False, None, False
        if not current:
            beside, start = set_in[index], line.x
            if drawn:
                listed = drawn_item = True
        if line.text.strip():
            drawn_before = drawn
        text = line.text
        if bullet:
            text, listed = text[bullet.end():], True
        current = f"{current} {text}" if current and not current.endswith(" ") else current + text
        beside = beside or line.beside
        if line.y is not None and line.text.strip():
            above = line
    if current:
        paragraphs.append((current, listed, beside, start))
    blocks = []
    for paragraph, listed, beside, start in paragraphs:
        text_line = clean(paragraph)
        if not text_line:
            continue
        heading = not listed and not beside and ": " not in text_line and not text_line.endswith(":") and looks_like_heading(text_line)
        blocks.append((Block(_unnumbered(text_line) if heading else text_line, where, heading=2 if heading else 0, listed=listed), start))
    return blocks


# The letters a typeface joins (ﬁ, ﬂ, ﬀ...): a browser's PDF gives them as one character each, so that an address
# copied from it, "tietosuoja@yritys.ﬁ", is no address at all and a word such as "proﬁlointi" matches nothing.
_LIGATURES = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st"})


def clean(text: str) -> str:
    """One line of text: runs of white space (tabs, line breaks, no-break spaces) as one space, and joined
    letters as letters."""
    return re.sub(r"\s+", " ", text.replace("\u00ad", "").translate(_LIGATURES)).strip()
