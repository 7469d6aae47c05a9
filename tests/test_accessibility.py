"""Every example's HTML notice in a real browser (Debian's Chromium, headless, driven by Playwright): axe-core
finds no WCAG 2.1 A or AA violation at a desktop's and a phone's width, in light and dark colours; a phone
never scrolls sideways; and the top of the notice, up to its table of contents, is on the first screen of a
1280×900 desktop. The same for the fragment (`render --fragment`) inside a bare page."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from chromium import launch, skip_without_chromium
from wizard.check import check_bytes
from wizard.examples import EXAMPLES, example_text
from wizard.formats import render_format
from wizard.languages import CODES
from wizard.render import build_notice

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("browser")]

WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}, "resultTypes": ["violations"]}
DESKTOP, PHONE = {"width": 1280, "height": 900}, {"width": 390, "height": 844}

skip_without_chromium("playwright", "axe_playwright_python")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = launch(playwright)
        yield launched
        launched.close()


def html_of(name: str, lang: str, fragment: bool = False) -> str:
    notice = build_notice(check_bytes(example_text(name).encode()), lang)
    page = render_format(notice.markdown, "html", lang, notice.title, fragment=fragment).decode("utf-8")
    if not fragment:
        return page
    # A website's own page around the fragment, as a business would paste it.
    return f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{notice.title}</title></head><body><main>{page}</main></body></html>'


def violations(page: Any) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options=WCAG_21_AA)
    return [f"{v['id']}: {node['target']}" for v in results.response["violations"] for node in v["nodes"]]


def test_the_check_finds_what_it_should(browser: Any) -> None:
    page = browser.new_page(viewport=PHONE)
    try:
        page.set_content('<!doctype html><html><body><p style="color:#bbb">faint</p><div style="width:900px">wide</div></body></html>')
        found = {violation.split(":")[0] for violation in violations(page)}
        assert {"html-has-lang", "color-contrast", "document-title"} <= found
        assert page.evaluate(SIDEWAYS) > 0
    finally:
        page.close()


SIDEWAYS = "document.documentElement.scrollWidth - window.innerWidth"


@pytest.mark.parametrize("fragment", [False, True], ids=["page", "fragment"])
@pytest.mark.parametrize("lang", CODES)
@pytest.mark.parametrize("name", EXAMPLES)
def test_the_notice_passes_axe_and_fits_a_phone_and_a_desktop_s_first_screen(browser: Any, name: str, lang: str, fragment: bool) -> None:
    html = html_of(name, lang, fragment)
    # The fragment is the page's own body and styles: one look on a phone shows it keeps them inside a website.
    looks = ((PHONE, "light"),) if fragment else ((DESKTOP, "light"), (PHONE, "light"), (PHONE, "dark"))
    for viewport, scheme in looks:
        page = browser.new_page(viewport=viewport, color_scheme=scheme)
        try:
            page.set_content(html, wait_until="load")
            assert violations(page) == [], (viewport, scheme)
            if viewport is PHONE:
                overflow = page.evaluate(SIDEWAYS)
                assert overflow <= 0, f"{overflow}px of sideways scrolling on a phone"
            elif not fragment:
                # The top of the notice (its title and first layer, all that comes before the contents) on the
                # first screen.
                bottom = page.evaluate(
                    """() => {
                        const main = document.querySelector('main');
                        const end = document.getElementById('toc') || main.querySelector('h2');
                        let bottom = 0;
                        for (const element of main.children) {
                            if (element === end) break;
                            // what it shows: its contents, not the padding below them
                            const contents = document.createRange();
                            contents.selectNodeContents(element);
                            bottom = Math.max(bottom, contents.getBoundingClientRect().bottom);
                        }
                        return bottom;
                    }"""
                )
                assert 0 < bottom <= DESKTOP["height"], f"the top of the notice ends at {bottom}px"
        finally:
            page.close()


# Where each table sticks out of the text column, and each phone number or e-mail address split over two lines.
LAYOUT = r"""() => {
    const main = document.querySelector('main');
    const box = main.getBoundingClientRect();
    const outside = [...main.querySelectorAll(':scope > table')]
        .map(t => t.getBoundingClientRect())
        .filter(r => r.left < box.left - 0.5 || r.right > box.right + 0.5)
        .map(r => `${Math.round(r.left)}-${Math.round(r.right)} beside ${Math.round(box.left)}-${Math.round(box.right)}`);
    const split = [];
    const contact = /(?:\+|\b0)\d{1,4}(?:[ \u00a0]\d{2,4}){1,4}(?!\w)|[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;
    const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
    for (let node; (node = walker.nextNode());) {
        for (const match of node.data.matchAll(contact)) {
            const range = document.createRange();
            range.setStart(node, match.index);
            range.setEnd(node, match.index + match[0].length);
            const parts = [...range.getClientRects()].filter(r => r.width > 0);
            const lines = new Set(parts.map(r => Math.round(r.top)));
            // an address wider than its whole line may wrap inside: nothing else can keep it on the screen
            const line = node.parentElement.closest('li, p, td, div').getBoundingClientRect().width;
            const width = parts.reduce((sum, r) => sum + r.width, 0);
            if (lines.size > 1 && width < line) split.push(match[0]);
        }
    }
    return {outside, split};
}"""
NARROW_DESKTOP = {"width": 1000, "height": 900}


@pytest.mark.parametrize("viewport", [NARROW_DESKTOP, PHONE], ids=["1000px", "phone"])
@pytest.mark.parametrize("name", EXAMPLES)
def test_tables_stay_in_the_text_column_and_no_phone_number_or_address_breaks(browser: Any, name: str, viewport: dict) -> None:
    """At a 1000 px window the table of the processing was up to 380 px wider than the text and scrolled the
    page sideways, and "040 123 4567" broke after "123"; long cells now wrap inside the column."""
    page = browser.new_page(viewport=viewport)
    try:
        page.set_content(html_of(name, "fi"), wait_until="load")
        assert page.evaluate(LAYOUT) == {"outside": [], "split": []}
        assert page.evaluate(SIDEWAYS) <= 0
    finally:
        page.close()
