"""The block tree plain text and Word are written from: headings, paragraphs and lists of styled spans."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Union

from wizard.formats import parser

if TYPE_CHECKING:
    from markdown_it.token import Token


@dataclass(frozen=True)
class Span:
    """A piece of inline text with its look; a line break is a Span of "\\n"."""

    text: str
    bold: bool = False
    italic: bool = False
    href: str | None = None


@dataclass(frozen=True)
class Heading:
    level: int
    spans: tuple[Span, ...]


@dataclass(frozen=True)
class Paragraph:
    spans: tuple[Span, ...]


@dataclass(frozen=True)
class ListItem:
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class ListBlock:
    items: tuple[ListItem, ...]
    ordered: bool = False
    start: int = 1
    tight: bool = True


@dataclass(frozen=True)
class Box:
    """Blocks the reader must not miss, set apart in a frame (a block quote in the notice's Markdown)."""

    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Table:
    """A table: its header cells and its rows of cells, each cell one line of spans."""

    header: tuple[tuple[Span, ...], ...]
    rows: tuple[tuple[tuple[Span, ...], ...], ...]


Block = Union[Heading, Paragraph, ListBlock, Box, Table]


def parse_blocks(markdown: str) -> list[Block]:
    blocks, _ = _blocks(parser().parse(markdown), 0, closing=None)
    return blocks


def _blocks(tokens: list[Token], index: int, closing: str | None) -> tuple[list[Block], int]:
    """Blocks from tokens[index:] up to the token of type `closing`; returns them and the index after it."""
    blocks: list[Block] = []
    while index < len(tokens):
        token = tokens[index]
        if token.type == closing:
            return blocks, index + 1
        if token.type == "heading_open":
            blocks.append(Heading(int(token.tag[1:]), spans_of(tokens[index + 1])))
            index += 3
        elif token.type == "paragraph_open":
            blocks.append(Paragraph(spans_of(tokens[index + 1])))
            index += 3
        elif token.type in ("bullet_list_open", "ordered_list_open"):
            block, index = _list(tokens, index)
            blocks.append(block)
        elif token.type == "blockquote_open":
            inner, index = _blocks(tokens, index + 1, "blockquote_close")
            blocks.append(Box(tuple(inner)))
        elif token.type == "table_open":
            table, index = _table(tokens, index)
            blocks.append(table)
        elif token.type in ("code_block", "fence"):  # only a template's own indentation can make one: keep the text
            blocks.append(Paragraph((Span(" ".join(token.content.split())),)))
            index += 1
        else:  # hr, and html_block which the parser never emits with html off
            index += 1
    return blocks, index


def _list(tokens: list[Token], index: int) -> tuple[ListBlock, int]:
    opening = tokens[index]
    closing = opening.type.replace("_open", "_close")
    tight = index + 2 < len(tokens) and tokens[index + 2].hidden
    items: list[ListItem] = []
    index += 1
    while tokens[index].type != closing:
        inner, index = _blocks(tokens, index + 1, "list_item_close")
        items.append(ListItem(tuple(inner)))
    start = int(opening.attrGet("start") or 1)
    return ListBlock(tuple(items), ordered=opening.type == "ordered_list_open", start=start, tight=tight), index + 1


def _table(tokens: list[Token], index: int) -> tuple[Table, int]:
    """The table from its table_open at `index`; returns it and the index after its table_close."""
    header: list[tuple[Span, ...]] = []
    rows: list[list[tuple[Span, ...]]] = []
    in_head = False
    while tokens[index].type != "table_close":
        kind = tokens[index].type
        if kind in ("thead_open", "thead_close"):
            in_head = kind == "thead_open"
        elif kind == "tr_open" and not in_head:
            rows.append([])
        elif kind == "inline":
            (header if in_head else rows[-1]).append(spans_of(tokens[index]))
        index += 1
    return Table(tuple(header), tuple(tuple(row) for row in rows)), index + 1


def spans_of(inline: Token) -> tuple[Span, ...]:
    """An inline token's children as spans: escapes and entities already resolved to the characters they stand for."""
    spans: list[Span] = []
    style = Span("")
    for child in inline.children or []:
        kind = child.type
        if kind in ("text", "text_special", "code_inline"):
            spans.append(replace(style, text=child.content))
        elif kind == "softbreak":
            spans.append(replace(style, text=" "))
        elif kind == "hardbreak":
            spans.append(replace(style, text="\n"))
        elif kind in ("strong_open", "strong_close"):
            style = replace(style, bold=kind == "strong_open")
        elif kind in ("em_open", "em_close"):
            style = replace(style, italic=kind == "em_open")
        elif kind == "link_open":
            style = replace(style, href=str(child.attrGet("href")))
        elif kind == "link_close":
            style = replace(style, href=None)
        elif kind == "image":
            spans.append(replace(style, text=child.content))
    return tuple(span for span in spans if span.text)


def plain_text(spans: tuple[Span, ...]) -> str:
    return "".join(span.text for span in spans)
