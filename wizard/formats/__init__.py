"""The notice's Markdown in other formats: an HTML page, plain text for e-mail, a Word document.

Every format starts from the same parse by markdown-it (CommonMark, raw HTML off), so a value the notice
escaped stays literal text everywhere. Plain text and Word walk the small block tree built here; HTML
renders markdown-it's own tokens.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Union

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

FORMATS = ("md", "html", "txt", "docx")
LANGUAGE_TAGS = {"fi": "fi-FI", "en": "en-GB"}


@lru_cache(maxsize=1)
def parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False})


def render_format(markdown: str, fmt: str, lang: str, title: str) -> bytes:
    """The notice in `fmt` (one of FORMATS), in language `lang` ("fi" or "en"), titled `title`."""
    if lang not in LANGUAGE_TAGS:
        raise ValueError(f"unknown notice language {lang!r}")
    if fmt == "md":
        return markdown.encode("utf-8")
    if fmt == "html":
        from wizard.formats.html import render_html

        return render_html(markdown, lang, title).encode("utf-8")
    if fmt == "txt":
        from wizard.formats.text import render_text

        return render_text(markdown).encode("utf-8")
    if fmt == "docx":
        from wizard.formats.docx import render_docx

        return render_docx(markdown, lang, title)
    raise ValueError(f"unknown output format {fmt!r}: choose one of {', '.join(FORMATS)}")


# --- the block tree plain text and Word are written from ---------------------------------------------------


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


Block = Union[Heading, Paragraph, ListBlock]


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
            blocks.extend(inner)
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


def display_url(href: str) -> str:
    """A link target as a reader should see it: percent-escapes and punycode decoded, mailto: dropped."""
    shown = parser().normalizeLinkText(href)
    return shown.removeprefix("mailto:")


def link_says_its_target(text: str, href: str) -> bool:
    """True when a link's text already shows where it goes, so printing the URL again would only repeat it."""

    def bare(url: str) -> str:
        return url.removeprefix("https://").removeprefix("http://").rstrip("/").lower()

    return bare(text.strip()) == bare(display_url(href))
