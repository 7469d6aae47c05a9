"""`seloste serve` in a real browser (Debian's Chromium, headless, driven by Playwright): the page gives its
terminal the keyboard without a click, so a participant who opens the page and types answers the questions.
All traffic stays on 127.0.0.1."""

from __future__ import annotations

import subprocess
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from chromium import launch, skip_without_chromium
from test_serve import STARTUP_SECONDS, free_port, seloste, wait_for_page
from wizard import storage

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("browser")]


skip_without_chromium("playwright")


def wait_until(page: Any, condition: Callable[[], Any], what: str) -> None:
    """Poll `condition` while the browser goes on (Playwright reads its events while it waits)."""
    deadline = time.monotonic() + STARTUP_SECONDS
    while not condition():
        assert time.monotonic() < deadline, f"{what} did not happen within {STARTUP_SECONDS} s"
        page.wait_for_timeout(50)


def saved_name(home: Path) -> str | None:
    """The business name in the tab's interview, once saved."""
    for path in (home / storage.INTERVIEWS).glob("*.yaml"):
        name = (storage.load(path).get("controller") or {}).get("name")
        if name:
            return str(name)
    return None


def test_keys_typed_on_the_page_without_a_click_answer_the_questions(tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    port = free_port()
    server = seloste(tmp_path, "serve", "--port", str(port), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        wait_for_page(f"http://127.0.0.1:{port}/", server)
        with sync_playwright() as playwright:
            browser = launch(playwright)
            try:
                page = browser.new_page(viewport={"width": 1000, "height": 700})
                drawn: list[bytes] = []  # what the chat has sent the page's terminal
                page.on("websocket", lambda socket: socket.on("framereceived", lambda frame: drawn.append(frame if isinstance(frame, bytes) else frame.encode())))
                page.goto(f"http://127.0.0.1:{port}/")
                wait_until(page, lambda: b"Which language shall we talk in?" in b"".join(drawn), "the first question")
                assert page.evaluate("document.activeElement === document.querySelector('#terminal textarea')")
                # No click anywhere: English to talk in, the notice in English, then the business's name.
                page.keyboard.press("Enter")
                page.keyboard.press("Enter")
                page.keyboard.type("Acme Oy")
                page.keyboard.press("Enter")
                wait_until(page, lambda: saved_name(tmp_path) == "Acme Oy", "the business's name saved")
            finally:
                browser.close()
    finally:
        server.terminate()
        server.wait(timeout=STARTUP_SECONDS)
