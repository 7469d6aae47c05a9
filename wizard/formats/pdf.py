"""The notice as a PDF: the HTML page (`wizard.formats.html`) laid out on A4 by WeasyPrint, the `pdf` extra.

The PDF is tagged (PDF/UA-1: headings, lists and paragraphs are structure a screen reader follows, the
document's language and title are set) and each page's footer has the business's name and the page number.
WeasyPrint needs Pango from the system (Debian: `libpango-1.0-0 libpangoft2-1.0-0`); without the extra or
the library, `PdfUnavailable` says which is missing.
"""

from __future__ import annotations

from wizard.formats.html import TOC_ID, render_html
from wizard.i18n import _
from wizard.notice import labels


class PdfUnavailable(Exception):
    """WeasyPrint cannot be used: `reason` is "extra" (not installed) or "system" (Pango is missing)."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(reason)
        self.reason = reason
        self.detail = detail

    def message(self, lang: str) -> str:
        """Why no PDF can be made, and what to install, in `lang`."""
        if self.reason == "system":
            text = _("A PDF needs the Pango library of the system, which is missing ({detail}). On Debian and Ubuntu: apt-get install libpango-1.0-0 libpangoft2-1.0-0", lang)
        else:
            text = _("A PDF needs the pdf extra of seloste: pip install 'seloste[pdf]'. The other formats need nothing more.", lang)
        return text.format(detail=self.detail)


def render_pdf(markdown: str, lang: str, title: str, business: str) -> bytes:
    try:
        import weasyprint
    except ImportError as missing:
        raise PdfUnavailable("extra", str(missing)) from None
    except OSError as missing:  # WeasyPrint loads Pango when imported
        raise PdfUnavailable("system", str(missing)) from None
    page = weasyprint.HTML(string=render_html(markdown, lang, title))
    footer = weasyprint.CSS(string=page_css(lang, business))
    return bytes(page.write_pdf(stylesheets=[footer], pdf_variant="pdf/ua-1", pdf_tags=True))


def page_css(lang: str, business: str) -> str:
    """A4 pages whose footer gives the business's name on the left and "Page 2 of 5" on the right. The page's
    table of contents is left out: on paper its links lead nowhere, and the PDF's bookmarks (from the headings)
    are the contents a PDF reader shows. Words are not hyphenated, and a list's bullets are inside its items
    (hanging as before), so that text copied or extracted from the PDF comes whole and in reading order."""
    before, between = labels(lang)["pdf_page"]
    # A stylesheet given to WeasyPrint is the user's, below the page's own: `!important` lets it win.
    return f"""#{TOC_ID} {{ display: none !important; }}
body {{ hyphens: manual !important; }}
ul, ol {{ list-style-position: inside !important; padding-left: 0.3em !important; }}
li {{ padding-left: 1.2em !important; text-indent: -1.2em !important; }}
ol > li {{ padding-left: 1.6em !important; text-indent: -1.6em !important; }}
@page {{
  size: A4;
  margin: 2cm 2cm 2.4cm;
  @bottom-left {{ content: {css_string(business)}; font: 9pt sans-serif; color: #444; }}
  @bottom-right {{ content: {css_string(before)} " " counter(page) " " {css_string(between)} " " counter(pages); font: 9pt sans-serif; color: #444; }}
}}
"""


def css_string(text: str) -> str:
    """`text` as a CSS string literal: quotes, backslashes and anything unprintable escaped as code points."""
    escaped = "".join(ch if ch.isprintable() and ch not in '"\\' else f"\\{ord(ch):x} " for ch in text)
    return f'"{escaped}"'
