"""`seloste render` and `seloste coverage` as a user runs them: files, refusals, gaps, exit codes."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from wizard.cli import run
from wizard.examples import EXAMPLES, example_text
from wizard.languages import CODES


def cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def webshop(tmp_path: Path) -> Path:
    path = tmp_path / "webshop.yaml"
    path.write_text(example_text("webshop"), encoding="utf-8")
    return path


@pytest.fixture
def without_interest(tmp_path: Path) -> Path:
    """The web shop with its legitimate interest deleted: Art. 13(1)(d) goes missing."""
    answers = yaml.safe_load(example_text("webshop"))
    for purpose in answers["purposes"]:
        purpose.pop("legitimate_interest", None)
    path = tmp_path / "gap.yaml"
    path.write_text(yaml.safe_dump(answers, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.mark.parametrize("name", EXAMPLES)
@pytest.mark.parametrize("lang", CODES)
def test_every_example_has_nothing_missing(tmp_path: Path, name: str, lang: str) -> None:
    path = tmp_path / f"{name}.yaml"
    path.write_text(example_text(name), encoding="utf-8")
    code, out, _ = cli("coverage", str(path), "--lang", lang)
    assert code == 0, out
    assert "MISSING" not in out and "PUUTTUU" not in out


def test_coverage_names_the_missing_item_and_why(without_interest: Path) -> None:
    code, out, _ = cli("coverage", str(without_interest), "--lang", "en")
    assert code == 1
    line = next(line for line in out.splitlines() if "MISSING" in line)
    assert "13(1)(d)" in line and "`fraud`" in line


def test_render_markdown_to_stdout(webshop: Path) -> None:
    code, out, _ = cli("render", str(webshop), "--lang", "fi", "--format", "md")
    assert code == 0
    assert out.startswith("# Tietosuojaseloste")
    assert "Teelehti Verkkokauppa Oy" in out


def test_render_writes_the_file_and_says_where(webshop: Path, tmp_path: Path) -> None:
    target = tmp_path / "seloste.html"
    code, out, _ = cli("render", str(webshop), "--lang", "en", "--format", "html", "-o", str(target))
    assert code == 0
    assert str(target) in out
    assert '<html lang="en"' in target.read_text(encoding="utf-8")


def test_render_never_overwrites_without_force(webshop: Path, tmp_path: Path) -> None:
    target = tmp_path / "seloste.md"
    target.write_text("my own edits", encoding="utf-8")
    code, _, err = cli("render", str(webshop), "--lang", "fi", "-o", str(target))
    assert code == 2
    assert "--force" in err
    assert target.read_text(encoding="utf-8") == "my own edits"
    code, _, _ = cli("render", str(webshop), "--lang", "fi", "-o", str(target), "--force")
    assert code == 0
    assert target.read_text(encoding="utf-8").startswith("# Tietosuojaseloste")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary file left


def test_render_refuses_an_incomplete_notice(without_interest: Path, tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    code, _, err = cli("render", str(without_interest), "--lang", "en", "-o", str(target))
    assert code == 1
    assert "13(1)(d)" in err and "--allow-incomplete" in err
    assert not target.exists()


@pytest.mark.parametrize(("lang", "marker"), [("fi", "PUUTTUU"), ("en", "MISSING")])
def test_allow_incomplete_marks_the_gap_visibly(without_interest: Path, lang: str, marker: str) -> None:
    code, out, _ = cli("render", str(without_interest), "--lang", lang, "--allow-incomplete")
    assert code == 0
    assert marker in out
    assert "None" not in out


def test_word_file_is_a_real_docx(webshop: Path, tmp_path: Path) -> None:
    target = tmp_path / "seloste.docx"
    code, _, _ = cli("render", str(webshop), "--lang", "fi", "--format", "docx", "-o", str(target))
    assert code == 0
    assert "word/document.xml" in zipfile.ZipFile(target).namelist()


def test_word_to_a_text_stream_is_refused(webshop: Path) -> None:
    code, _, err = cli("render", str(webshop), "--lang", "fi", "--format", "docx")
    assert code == 2
    assert "-o" in err


def test_the_seloste_process_hands_over_all_its_output_and_its_exit_code(webshop: Path, tmp_path: Path) -> None:
    """The process ends as soon as a command is done (cli.exit_at_once): nothing printed or written is lost."""
    seloste = [sys.executable, "-m", "wizard", "--lang", "en"]
    buffered = {name: value for name, value in os.environ.items() if name != "PYTHONUNBUFFERED"}  # as for a user
    printed = subprocess.run(
        [*seloste, "render", str(webshop), "--lang", "fi", "--format", "html"], capture_output=True, timeout=60, env=buffered
    )
    written = subprocess.run(
        [*seloste, "render", str(webshop), "--lang", "fi", "--format", "docx", "-o", str(tmp_path / "n.docx")],
        capture_output=True,
        timeout=60,
        env=buffered,
    )
    broken = tmp_path / "broken.yaml"
    broken.write_text(example_text("webshop").replace("business_id: ", "business_id: 12"), encoding="utf-8")
    refused = subprocess.run([*seloste, "check", str(broken)], capture_output=True, text=True, timeout=60, env=buffered)
    helped = subprocess.run([*seloste, "--help"], capture_output=True, text=True, timeout=60, env=buffered)

    assert (printed.returncode, printed.stdout) == (0, cli("render", str(webshop), "--lang", "fi", "--format", "html")[1].encode())
    assert written.returncode == 0 and zipfile.is_zipfile(tmp_path / "n.docx")
    assert written.stdout.decode().strip() == f"Wrote {tmp_path / 'n.docx'}"
    assert refused.returncode == 1 and "business_id" in refused.stdout and refused.stdout.endswith("\n")
    assert helped.returncode == 0 and helped.stdout.startswith("usage: seloste") and "Exit codes:" in helped.stdout


def test_render_of_invalid_answers_explains_and_exits_1(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(example_text("webshop").replace("postal_code: \"20100\"", "postal_code: \"201\""), encoding="utf-8")
    code, out, err = cli("render", str(path), "--lang", "fi")
    assert code == 1
    assert "postal" in (out + err)
    assert "Traceback" not in out + err


def test_render_of_a_missing_file_exits_2(tmp_path: Path) -> None:
    code, out, err = cli("render", str(tmp_path / "nope.yaml"), "--lang", "fi")
    assert code == 2
    assert "nope.yaml" in out + err


def test_render_into_a_missing_folder_exits_2(webshop: Path, tmp_path: Path) -> None:
    code, _, err = cli("render", str(webshop), "--lang", "fi", "-o", str(tmp_path / "no" / "such" / "x.md"))
    assert code == 2
    assert "x.md" in err


# --- link targets: every format keeps the address whole and prints nothing a terminal would run ------------

_UNSEEN = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def every_format(path: Path, tmp_path: Path) -> dict[str, str]:
    """The English notice in each format as text; for Word the document's XML and its link targets. The
    answers' texts are in Finnish: each is shown as written, marked so."""
    outputs = {}
    for fmt in ("md", "html", "txt"):
        code, out, err = cli("render", str(path), "--lang", "en", "--format", fmt, "--allow-mixed-language")
        assert code == 0, err
        outputs[fmt] = out
    target = tmp_path / "notice.docx"
    assert cli("render", str(path), "--lang", "en", "--format", "docx", "-o", str(target), "--force", "--allow-mixed-language")[0] == 0
    with zipfile.ZipFile(target) as word:
        outputs["docx"] = word.read("word/document.xml").decode() + word.read("word/_rels/document.xml.rels").decode()
    return outputs


def test_a_web_address_ending_in_a_backslash_is_one_whole_link_in_every_format(
    answers: dict[str, Any], write_answers: Callable[..., Path], tmp_path: Path
) -> None:
    answers["controller"]["website"] = "https://x.fi/\\"
    outputs = every_format(write_answers(answers), tmp_path)
    assert "[https://x.fi/\\\\](https://x.fi/%5C)" in outputs["md"]
    assert '<a href="https://x.fi/%5C">https://x.fi/\\</a>' in outputs["html"]
    assert "Website: https://x.fi/\\\n" in outputs["txt"]
    assert 'Target="https://x.fi/%5C"' in outputs["docx"]


@pytest.mark.parametrize(
    ("contact", "shown"),
    [
        ("https://x.fi/%1b%5b2J%1b]52;c;ZXZpbA==%07", "(https://x.fi/%1B[2J%1B]52;c;ZXZpbA==%07)"),
        ("https://xn--xy-g4t.fi/", "https://xn--xy-g4t.fi/ (https://x%E2%80%AEy.fi/)"),
        ("https://x.fi/%e2%80%ae%c2%9b", "Contact: https://x.fi/%e2%80%ae%c2%9b"),  # as written: still no hidden character
        ("a%1b%5b2J@x.fi", "Contact: a%1b%5b2J@x.fi"),  # the address's own %, not an escape
    ],
)
def test_a_link_made_from_free_text_prints_no_hidden_character_in_any_format(
    answers: dict[str, Any], write_answers: Callable[..., Path], tmp_path: Path, contact: str, shown: str
) -> None:
    answers["joint_controllers"] = [{"name": "Kumppani Oy", "contact": contact, "arrangement": "We share the register."}]
    outputs = every_format(write_answers(answers), tmp_path)
    for fmt, output in outputs.items():
        assert not _UNSEEN.search(output), (fmt, _UNSEEN.findall(output))
    assert shown in " ".join(outputs["txt"].split())


def test_a_fragment_is_the_notice_alone_with_its_styles_scoped_to_it(webshop: Path) -> None:
    import re

    code, fragment, _err = cli("render", str(webshop), "--lang", "en", "--format", "html", "--fragment")
    _code, page, _err = cli("render", str(webshop), "--lang", "en", "--format", "html")
    assert code == 0
    assert fragment.startswith('<div class="seloste-notice" lang="en">') and fragment.rstrip().endswith("</div>")
    assert not re.search(r"<(html|head|body|main|title|meta)\b", fragment)
    css = fragment[fragment.index("<style>") + 7 : fragment.index("</style>")]
    selectors = [s.strip() for rule in re.findall(r"([^{}]+)\{[^{}]*\}", css) for s in rule.split(",")]
    assert selectors and all(s.startswith(".seloste-notice") for s in selectors), selectors
    assert "@page" not in css
    # the notice itself is the page's, word for word
    body = page[page.index("<main>") + 6 : page.index("</main>")]
    assert body.strip() in fragment


def test_a_fragment_of_another_format_is_refused(webshop: Path) -> None:
    code, out, err = cli("render", str(webshop), "--lang", "en", "--format", "md", "--fragment")
    assert (code, out) == (2, "") and "--format html" in err
