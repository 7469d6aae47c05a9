"""`seloste render --format pdf`: a tagged PDF in the notice's language, with the business and page numbers in
each page's footer; without the `pdf` extra, a clear message and exit 2."""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

import pytest

from wizard.cli import run
from wizard.examples import example_answers, example_text


def cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def weasyprint_usable() -> bool:
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError):
        return False
    return True


needs_weasyprint = pytest.mark.skipif(
    not weasyprint_usable() and os.environ.get("CI") != "true",
    reason="the pdf extra (WeasyPrint and the system's Pango) is not installed; CI installs it",
)


def structure(node: object, found: list[str]) -> list[str]:
    """The structure types of a tagged PDF's structure tree, in order."""
    node = node.get_object() if hasattr(node, "get_object") else node
    if isinstance(node, dict):
        if "/S" in node:
            found.append(str(node["/S"]))
        kids = node.get("/K")
        for kid in kids if isinstance(kids, list) else [kids] if kids is not None else []:
            structure(kid, found)
    return found


@needs_weasyprint
@pytest.mark.parametrize(("lang", "page_word"), [("fi", "Sivu 1 / "), ("en", "Page 1 of ")])
def test_a_pdf_is_tagged_in_its_language_with_the_business_and_page_numbers_in_the_footer(tmp_path: Path, lang: str, page_word: str) -> None:
    from pypdf import PdfReader

    answers = tmp_path / "salon.yaml"
    answers.write_text(example_text("salon"), encoding="utf-8")
    target = tmp_path / f"notice-{lang}.pdf"
    code, _out, err = cli("render", str(answers), "--lang", lang, "--format", "pdf", "-o", str(target))
    assert code == 0, err

    reader = PdfReader(target)
    root = reader.trailer["/Root"]
    assert root["/Lang"] == lang and root["/MarkInfo"]["/Marked"]
    tags = structure(root["/StructTreeRoot"], [])
    assert tags.count("/H1") == 1 and tags.count("/H2") > 10 and "/L" in tags and "/Link" in tags
    business = example_answers("salon")["controller"]["name"]
    assert str(reader.metadata.title).startswith("Tietosuojaseloste" if lang == "fi" else "Privacy notice")
    first, last = reader.pages[0].extract_text(), reader.pages[-1].extract_text()
    assert business in first and page_word in first
    assert f"{len(reader.pages)} {'/' if lang == 'fi' else 'of'} {len(reader.pages)}" in last


def test_without_the_pdf_extra_a_pdf_is_refused_with_what_to_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # as if it were not installed
    answers = tmp_path / "salon.yaml"
    answers.write_text(example_text("salon"), encoding="utf-8")
    code, out, err = cli("render", str(answers), "--lang", "en", "--format", "pdf", "-o", str(tmp_path / "n.pdf"))
    assert (code, out) == (2, "")
    assert "pip install 'seloste[pdf]'" in err
    assert not (tmp_path / "n.pdf").exists()
