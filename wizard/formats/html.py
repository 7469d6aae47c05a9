"""The notice as one standalone HTML page: a table of contents, print styles, light and dark colours.

The body is markdown-it's own rendering with raw HTML off, so every character of user text arrives escaped.
The page around it is `templates/page/notice.html.j2` with its CSS inlined: nothing is loaded from outside.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from wizard.formats import display_url, link_says_its_target, parser
from wizard.languages import language
from wizard.resources import bytecode_cache, data_dir

if TYPE_CHECKING:
    from jinja2 import Environment
    from markdown_it.token import Token

TOC_ID = "toc"
# The class of a fragment's outer element (`render --fragment`): its styles apply inside it only.
FRAGMENT_SCOPE = "seloste-notice"


@dataclass(frozen=True)
class TocEntry:
    anchor: str
    text: str


def render_html(markdown: str, lang: str, title: str, fragment: bool = False) -> str:
    """The standalone page; with `fragment`, the notice alone to paste into a website's page: one element of
    class FRAGMENT_SCOPE in the notice's language, with the page's styles scoped to it."""
    from markupsafe import Markup

    md = parser()
    tokens = md.parse(markdown)
    mark_links_for_print(tokens)
    keep_contacts_whole(tokens)
    mark_boxes(tokens)
    label_table_cells(tokens)
    # The table of contents follows the first layer (up to the thematic break) or, without one, the title's intro.
    layer_break = next((i for i, t in enumerate(tokens) if t.type == "hr" and t.level == 0), None)
    if layer_break is None:
        split = skip = next((i for i, t in enumerate(tokens) if t.type == "heading_open" and t.tag == "h2"), len(tokens))
    else:
        split, skip = layer_break, layer_break + 1
    taken = {TOC_ID, f"{TOC_ID}-heading"}
    first_layer = add_heading_ids(tokens[:split], taken) if layer_break is not None else []
    toc = add_heading_ids(tokens[skip:], taken)
    # The first layer, from its heading to the break, is a section of its own (set in columns on a wide screen).
    opening = next((i for i, t in enumerate(tokens[:split]) if t.type == "heading_open" and t.tag == "h2"), split)
    intro = md.renderer.render(tokens[:opening], md.options, {})
    layer = md.renderer.render(tokens[opening:split], md.options, {})
    body = md.renderer.render(tokens[skip:], md.options, {})
    return page_environment().get_template("fragment.html.j2" if fragment else "notice.html.j2").render(
        scope=FRAGMENT_SCOPE,
        css=Markup(scoped_css(page_css(), FRAGMENT_SCOPE)) if fragment else "",
        lang=lang,
        title=title,
        intro=Markup(intro),
        first_layer=Markup(layer),
        first_layer_id=first_layer[0].anchor if first_layer else "",
        body=Markup(body),
        toc=toc if len(toc) > 1 else [],
        toc_id=TOC_ID,
        toc_heading=language(lang).toc_heading,
    )


@lru_cache(maxsize=1)
def page_environment() -> Environment:
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    return Environment(
        loader=FileSystemLoader(str(data_dir("templates") / "page")),
        bytecode_cache=bytecode_cache(__file__),
        auto_reload=False,  # the page does not change while seloste runs: no stat() per render
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def page_css() -> str:
    return (data_dir("templates") / "page" / "notice.css").read_text(encoding="utf-8")


def scoped_css(css: str, scope: str) -> str:
    """The page's CSS for a fragment: every rule applies inside `.scope` only (`:root`, `html` and `body` are the
    fragment's element itself); page-wide at-rules (`@page`) are left out, `@media` keeps its rules scoped."""
    return _scoped_rules(re.sub(r"/\*.*?\*/", "", css, flags=re.S), scope)


def _scoped_rules(css: str, scope: str) -> str:
    rules, position = [], 0
    while (opening := css.find("{", position)) >= 0:
        prelude, depth, end = css[position:opening].strip(), 1, opening + 1
        while depth:
            depth += {"{": 1, "}": -1}.get(css[end], 0)
            end += 1
        inner = css[opening + 1 : end - 1]
        if prelude.startswith(("@media", "@supports")):
            rules.append(f"{prelude} {{\n{_scoped_rules(inner, scope)}}}\n")
        elif not prelude.startswith("@"):
            selectors = ", ".join(dict.fromkeys(_scoped_selector(selector.strip(), scope) for selector in prelude.split(",")))
            rules.append(f"{selectors} {{{inner}}}\n")
        position = end
    return "".join(rules)


def _scoped_selector(selector: str, scope: str) -> str:
    page = re.match(r"(:root|html|body)(?![\w-])", selector)
    return f".{scope}{selector[page.end():]}" if page else f".{scope} {selector}"


def add_heading_ids(tokens: list[Token], taken: set[str]) -> list[TocEntry]:
    """Give every heading an id not in `taken` (and take it); return the `##` headings, the table of contents."""
    toc = []
    for opening, inline in zip(tokens, tokens[1:]):
        if opening.type != "heading_open":
            continue
        text = heading_text(inline)
        anchor = unique(slug(text), taken)
        opening.attrSet("id", anchor)
        if opening.tag == "h2":
            toc.append(TocEntry(anchor, text))
    return toc


def heading_text(inline: Token) -> str:
    return "".join(c.content for c in inline.children or [] if c.type in ("text", "text_special", "code_inline"))


def slug(text: str) -> str:
    """ASCII letters, digits and hyphens: "Käsiteltävät henkilötiedot" -> "kasiteltavat-henkilotiedot"."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    ascii_text = "".join(c for c in decomposed if not unicodedata.combining(c)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-") or "section"


def unique(candidate: str, taken: set[str]) -> str:
    anchor, number = candidate, 2
    while anchor in taken:
        anchor, number = f"{candidate}-{number}", number + 1
    taken.add(anchor)
    return anchor


def mark_boxes(tokens: list[Token]) -> None:
    """A block quote in a notice is a box the reader must not miss (the right to object): a note, not a quotation."""
    for token in tokens:
        if token.type in ("blockquote_open", "blockquote_close"):
            token.tag = "div"
            if token.nesting == 1:
                token.attrSet("class", "box")
                token.attrSet("role", "note")


def label_table_cells(tokens: list[Token]) -> None:
    """Each data cell of a table carries its column's heading (`data-label`): on a narrow screen the table
    turns into one block per row, and each cell shows its heading before it."""
    headings: list[str] = []
    column = 0
    for index, token in enumerate(tokens):
        if token.type == "thead_open":
            headings = []
        elif token.type == "th_open":
            headings.append(heading_text(tokens[index + 1]))
        elif token.type == "tr_open":
            column = 0
        elif token.type == "td_open":
            if column < len(headings):
                token.attrSet("data-label", headings[column])
            column += 1


# A phone number as the notice writes it or a user types it ("040 123 4567", "+358 40 123 4567"), and an e-mail
# address: a reader copies or dials them, so a line never breaks inside one.
_PHONE = r"(?<![\w+])(?:\+|0)\d{1,4}(?:[ \u00a0]\d{2,4}){1,4}(?!\w)"
_EMAIL = r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
_CONTACT = re.compile(f"(?P<tel>{_PHONE})|(?P<email>{_EMAIL})")


def keep_contacts_whole(tokens: list[Token]) -> None:
    """Phone numbers and e-mail addresses in the text in a `<span>` of their own, and `mailto:` links marked, so
    that the page's styles keep each on one line (an address longer than the line still wraps inside it)."""
    from markdown_it.token import Token

    for token in tokens:
        if not token.children:
            continue
        children: list[Token] = []
        in_mail_link = False
        for child in token.children:
            if child.type == "link_open" and str(child.attrGet("href") or "").startswith("mailto:"):
                child.attrJoin("class", "email")
                in_mail_link = True
            elif child.type == "link_close":
                in_mail_link = False
            if child.type != "text" or in_mail_link or not _CONTACT.search(child.content):
                children.append(child)
                continue
            position = 0
            for match in _CONTACT.finditer(child.content):
                kind = "tel" if match.group("tel") else "email"
                if match.start() > position:
                    children.append(_text(Token, child.content[position : match.start()]))
                children.append(_html(Token, f'<span class="{kind}">'))
                children.append(_text(Token, match.group()))
                children.append(_html(Token, "</span>"))
                position = match.end()
            if position < len(child.content):
                children.append(_text(Token, child.content[position:]))
        token.children = children


def _text(token_class: type[Token], content: str) -> Token:
    token = token_class("text", "", 0)
    token.content = content
    return token


def _html(token_class: type[Token], markup: str) -> Token:
    """Markup of the page's own, never user text (that stays in text tokens, escaped when rendered)."""
    token = token_class("html_inline", "", 0)
    token.content = markup
    return token


def mark_links_for_print(tokens: list[Token]) -> None:
    """`data-print` on links whose text does not show where they go: printed, the page adds it after the text."""
    for token in tokens:
        children = token.children or []
        for index, child in enumerate(children):
            if child.type != "link_open":
                continue
            closing = next(i for i in range(index + 1, len(children)) if children[i].type == "link_close")
            text = "".join(c.content for c in children[index + 1 : closing])
            href = str(child.attrGet("href"))
            if not href.startswith("#") and not link_says_its_target(text, href):
                child.attrSet("data-print", display_url(href))
