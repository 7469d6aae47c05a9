"""Golden files: the rendered notice of every example, in every language, as Markdown, HTML and plain text.

They are the product: review a change to them by reading it. After an intended change, refresh them with
`SELOSTE_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_golden.py` and read the diff before committing.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from wizard.check import check_bytes
from wizard.examples import EXAMPLES, example_text
from wizard.formats import render_format
from wizard.languages import CODES
from wizard.render import build_notice

GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE = os.environ.get("SELOSTE_UPDATE_GOLDEN") == "1"


@pytest.mark.parametrize("fmt", ["md", "html", "txt"])
@pytest.mark.parametrize("lang", CODES)
@pytest.mark.parametrize("name", EXAMPLES)
def test_rendered_example_matches_golden_file(name: str, lang: str, fmt: str) -> None:
    notice = build_notice(check_bytes(example_text(name).encode("utf-8")), lang)
    rendered = render_format(notice.markdown, fmt, lang, notice.title).decode("utf-8")
    golden = GOLDEN / f"{name}.{lang}.{fmt}"
    if UPDATE:
        golden.write_text(rendered, encoding="utf-8")
    assert golden.exists(), f"no golden file {golden.name}: run with SELOSTE_UPDATE_GOLDEN=1 and review it"
    assert rendered == golden.read_text(encoding="utf-8"), (
        f"{golden.name} differs from the rendered notice; if the change is intended, refresh with "
        "SELOSTE_UPDATE_GOLDEN=1 and review the diff"
    )
