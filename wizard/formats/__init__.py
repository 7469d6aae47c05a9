"""The notice's Markdown in other formats: an HTML page, plain text for e-mail, a Word document.

Every format starts from the same parse by markdown-it (CommonMark with GFM tables, raw HTML off), so a value the notice
escaped stays literal text everywhere. Plain text and Word walk the small block tree of `blocks`; HTML
renders markdown-it's own tokens. This module stays light: `seloste --help` imports it for FORMATS.
"""

from __future__ import annotations

from functools import lru_cache

from wizard.languages import BY_CODE

TYPE_CHECKING = False  # not typing's: see wizard.cli
if TYPE_CHECKING:
    from markdown_it import MarkdownIt

FORMATS = ("md", "html", "txt", "docx", "pdf")
BINARY_FORMATS = ("docx", "pdf")


@lru_cache(maxsize=1)
def parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False}).enable("table")  # the table of the processing


def render_format(markdown: str, fmt: str, lang: str, title: str, business: str = "", fragment: bool = False) -> bytes:
    """The notice in `fmt` (one of FORMATS), in language `lang` (a code of `wizard.languages`), titled `title`;
    a PDF's footer names `business`; `fragment` makes HTML a part of a page rather than a page. A PDF without
    the `pdf` extra raises `wizard.formats.pdf.PdfUnavailable`."""
    if lang not in BY_CODE:
        raise ValueError(f"unknown notice language {lang!r}")
    if fmt == "md":
        return markdown.encode("utf-8")
    if fmt == "html":
        from wizard.formats.html import render_html

        return render_html(markdown, lang, title, fragment).encode("utf-8")
    if fmt == "txt":
        from wizard.formats.text import render_text

        return render_text(markdown).encode("utf-8")
    if fmt == "docx":
        from wizard.formats.docx import render_docx

        return render_docx(markdown, lang, title)
    if fmt == "pdf":
        from wizard.formats.pdf import render_pdf

        return render_pdf(markdown, lang, title, business)
    raise ValueError(f"unknown output format {fmt!r}: choose one of {', '.join(FORMATS)}")


def pdf_available() -> bool:
    """Whether the `pdf` extra (WeasyPrint) is installed, without importing it."""
    from importlib.util import find_spec

    return find_spec("weasyprint") is not None


def export_formats() -> tuple[str, ...]:
    """The formats the chat offers to export: PDF only with the `pdf` extra installed."""
    return tuple(fmt for fmt in FORMATS if fmt != "pdf" or pdf_available())


def display_url(href: str) -> str:
    """A link target as a reader should see it: percent-escapes and punycode decoded, mailto: dropped. A
    character that decodes to something unseen (a control, a bidi override, a space) stays percent-encoded, so
    the printed address is whole, one word, and never a command to the terminal that shows it."""
    from urllib.parse import quote

    from wizard.fields import is_hidden

    shown = parser().normalizeLinkText(href)
    if shown.startswith("mailto:"):  # a mailto: target writes an address's own % as %25, which stays encoded
        shown = shown.removeprefix("mailto:").replace("%25", "%")
    return "".join(quote(char, safe="") if is_hidden(char) or char.isspace() else char for char in shown)


def link_says_its_target(text: str, href: str) -> bool:
    """True when a link's text already shows where it goes, so printing the URL again would only repeat it."""

    def bare(url: str) -> str:
        return url.removeprefix("https://").removeprefix("http://").rstrip("/").lower()

    return bare(text.strip()) == bare(display_url(href))
