"""The browser of the slow tests: Debian's Chromium, headless, driven by Playwright (in the test extra)."""

from __future__ import annotations

import importlib.util
import os
import shutil
from typing import Any

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def skip_without_chromium(*modules: str) -> None:
    """Skip the calling test module when Chromium or one of `modules` is not installed, except on CI (.ci/run
    installs them), where the tests then fail for want of them."""
    missing = [module for module in modules if importlib.util.find_spec(module) is None]
    if not CHROMIUM:
        missing.append("Chromium (Debian: apt-get install chromium)")
    if missing and os.environ.get("CI") != "true":
        pytest.skip(f"not installed: {', '.join(missing)}; the test extra has the Python ones", allow_module_level=True)


def launch(playwright: Any) -> Any:
    """Chromium without its sandbox, which cannot start as root (CI); the pages are seloste's own."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
