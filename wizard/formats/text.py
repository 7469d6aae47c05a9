"""The notice as plain text for an e-mail: 72 columns, underlined headings, bullets with a hanging indent.

Words are never split, so a URL or an e-mail address stays whole and clickable; only a single word longer
than a line can make a line longer than 72 columns.
"""

from __future__ import annotations

import textwrap

from wizard.formats import display_url, link_says_its_target
from wizard.formats.blocks import Block, Box, Heading, ListBlock, ListItem, Paragraph, Span, Table, parse_blocks, plain_text

WIDTH = 72
UNDERLINE = {1: "=", 2: "-"}
INDENT = "  "


def render_text(markdown: str) -> str:
    return blocks_text(parse_blocks(markdown), indent="").rstrip() + "\n"


def blocks_text(
    blocks: list[Block] | tuple[Block, ...],
    indent: str,
    first_prefix: str | None = None,
    separator: str = "\n\n",
    width: int = WIDTH,
) -> str:
    """Blocks, each line after `indent` and at most `width` wide; the first line starts with `first_prefix`
    instead, if given."""
    parts = []
    for number, block in enumerate(blocks):
        prefix = first_prefix if number == 0 and first_prefix is not None else indent
        parts.append(block_text(block, prefix, indent, width))
    return separator.join(part for part in parts if part)


def block_text(block: Block, prefix: str, indent: str, width: int = WIDTH) -> str:
    if isinstance(block, Heading):
        return heading_text(block)
    if isinstance(block, Paragraph):
        return wrap(inline_text(block.spans), prefix, indent, width)
    if isinstance(block, Box):
        return box_text(block, indent, width)
    if isinstance(block, Table):
        rows = table_as_list(block).items  # each row a tight list of its own, a blank line between rows
        return "\n\n".join(list_text(ListBlock((row,)), prefix, indent, width) for row in rows)
    return list_text(block, prefix, indent, width)


def table_as_list(table: Table) -> ListBlock:
    """A table as e-mail can show it: a list item per row, its first cell the item's text and every other cell
    a line under it, after its column's heading ("Legal basis: consent")."""
    items = []
    for row in table.rows:
        lines = [
            ListItem((Paragraph((Span(plain_text(heading) + ": "), *cell)),))
            for heading, cell in zip(table.header[1:], row[1:])
        ]
        items.append(ListItem((Paragraph(row[0]), ListBlock(tuple(lines)))))
    return ListBlock(tuple(items))


def box_text(box: Box, indent: str, width: int = WIDTH) -> str:
    """A box drawn with + - |, its text wrapped inside; only a word longer than a line pushes the right side out."""
    inner = width - len(indent) - 4
    lines = blocks_text(box.blocks, indent="", width=inner).splitlines()
    rule = f"{indent}+{'-' * (inner + 2)}+"
    return "\n".join([rule, *(f"{indent}| {line.ljust(inner)} |" for line in lines), rule])


def heading_text(heading: Heading) -> str:
    lines = wrap(inline_text(heading.spans), "", "").splitlines()
    mark = UNDERLINE.get(heading.level)
    if mark is None or not lines:
        return "\n".join(lines)
    return "\n".join([*lines, mark * max(len(line) for line in lines)])


def list_text(block: ListBlock, prefix: str, indent: str, width: int = WIDTH) -> str:
    separator = "\n" if block.tight else "\n\n"
    items: list[str] = []
    for number, item in enumerate(block.items, start=block.start):
        marker = f"{number}. " if block.ordered else "- "
        # A nested list's first line shares the item's first line only when the item has no text of its own.
        item_prefix = (prefix if not items else indent) + marker
        hanging = indent + " " * len(marker)
        text = blocks_text(item.blocks, hanging, first_prefix=item_prefix, separator=separator, width=width)
        items.append(text or item_prefix.rstrip())
    return separator.join(items)


def wrap(text: str, first: str, rest: str, width: int = WIDTH) -> str:
    """Wrap each hard line of `text` to `width`, the first line after `first`, later lines after `rest`."""
    lines = []
    for number, line in enumerate(text.split("\n")):
        lines.append(
            textwrap.fill(
                line,
                width=width,
                initial_indent=first if number == 0 else rest,
                subsequent_indent=rest,
                break_long_words=False,
                break_on_hyphens=False,
            )
            or (first if number == 0 else rest).rstrip()
        )
    return "\n".join(lines)


def inline_text(spans: tuple[Span, ...]) -> str:
    """Inline spans as text: links as "text (url)", or the URL alone when the text is the URL or address."""
    pieces: list[str] = []
    index = 0
    while index < len(spans):
        href = spans[index].href
        end = index + 1
        while href is not None and end < len(spans) and spans[end].href == href:
            end += 1
        text = "".join(span.text for span in spans[index:end])
        if href is None:
            pieces.append(text)
        elif link_says_its_target(text, href):
            pieces.append(text)  # the words as written: a host name keeps the case the user gave it
        else:
            pieces.append(f"{text} ({display_url(href)})")
        index = end
    return "".join(pieces)
