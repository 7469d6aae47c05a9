"""The package type-checks: mypy, configured in pyproject.toml (`[tool.mypy]`), finds no error in `wizard`.

mypy's cache lives in the system's temporary folder, one per checkout, so a run after a small change checks
only what the change touches (a second or two) instead of the whole package and its libraries.
"""

from __future__ import annotations

import hashlib
import sys
import tempfile
from pathlib import Path

import pytest
from mypy import api

ROOT = Path(__file__).resolve().parent.parent


def _cache_dir() -> Path:
    checkout = hashlib.sha256(str(ROOT).encode()).hexdigest()[:12]
    return Path(tempfile.gettempdir()) / f"seloste-mypy-{checkout}"


def test_the_package_type_checks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # the configuration names the package relative to the checkout
    limit = sys.getrecursionlimit()
    try:
        report, errors, status = api.run(["--config-file", "pyproject.toml", "--cache-dir", str(_cache_dir())])
    finally:  # mypy raises it for good; a test after this one in the same process expects Python's own
        sys.setrecursionlimit(limit)
    assert status == 0, f"mypy found type errors:\n{report}{errors}"
