"""No output of seloste carries a character a terminal would act on: escapes, C1 controls, DEL, bidi controls.

What the user wrote (a key, a value, a file name, a line piped to `--plain`) is shown with such characters
written out (`\\x1b`, `\\u202e`), and JSON escapes them (`\\u202e`) so a program still reads the exact text.
"""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from wizard.cli import run
from wizard.examples import example_text
from wizard.terminal import visible

# Every character that must not reach a terminal unannounced; newline and tab are the output's own layout.
UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff]")
# An unknown key and a value with an RLO, an LRI, DEL and the C1 CSI, which some terminals take as ESC [.
HOSTILE_KEY = "x\u202eevil\x7f\x9b"
HOSTILE_VALUE = "v\u2066al\x7f\x9b2J\x1b]52;c;ZXZpbA==\x07"
CLEAR_SCREEN = "\x1b[2J"


def seloste(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(["--lang", "en", *argv], stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def assert_safe(*outputs: str) -> None:
    for output in outputs:
        assert not UNSAFE.search(output), UNSAFE.findall(output)


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    """The web shop with an unknown key and value full of control characters (YAML escapes, so the file is valid)."""
    path = tmp_path / "hostile.yaml"
    path.write_text(example_text("webshop") + yaml.safe_dump({HOSTILE_KEY: HOSTILE_VALUE}), encoding="utf-8")
    return path


@pytest.fixture
def webshop(tmp_path: Path) -> Path:
    path = tmp_path / "webshop.yaml"
    path.write_text(example_text("webshop"), encoding="utf-8")
    return path


def test_check_shows_an_unknown_key_with_its_controls_written_out(hostile: Path) -> None:
    code, out, err = seloste("check", str(hostile))
    assert code == 1
    assert_safe(out, err)
    assert "Unknown field `x\\u202eevil\\x7f\\x9b`" in out


def test_check_json_escapes_controls_and_keeps_the_exact_key(hostile: Path) -> None:
    code, out, err = seloste("check", "--json", str(hostile))
    assert code == 1
    assert_safe(out, err)
    [item] = json.loads(out)["diagnostics"]
    assert item["path"] == [HOSTILE_KEY]


def test_diff_and_its_json_show_the_changed_key_and_value_safely(webshop: Path, hostile: Path) -> None:
    code, out, err = seloste("diff", str(webshop), str(hostile))
    assert code == 1
    assert_safe(out, err)
    assert "x\\u202eevil\\x7f\\x9b" in out

    code, out, err = seloste("diff", "--json", str(webshop), str(hostile))
    assert code == 1
    assert_safe(out, err)
    [section] = json.loads(out)["sections"]
    assert (section["section"], section["changes"][0]["new"]) == (HOSTILE_KEY, HOSTILE_VALUE)


@pytest.mark.parametrize(
    "argv",
    [
        ["check", "{file}"],
        ["check", "{missing}"],
        ["coverage", "{missing}", "--lang", "fi"],
        ["render", "{file}", "--lang", "fi", "-o", "{output}"],
        ["render", "{missing}", "--lang", "fi"],
        ["diff", "{file}", "{missing}"],
        ["diff", "{file}", "{file}"],
    ],
)
def test_a_file_name_with_an_escape_is_shown_written_out(tmp_path: Path, argv: list[str]) -> None:
    answers = tmp_path / f"{CLEAR_SCREEN}shop.yaml"
    answers.write_text(example_text("webshop"), encoding="utf-8")
    names = {"file": str(answers), "missing": str(tmp_path / f"no{CLEAR_SCREEN}.yaml"), "output": str(tmp_path / f"{CLEAR_SCREEN}.md")}
    _, out, err = seloste(*(part.format(**names) for part in argv))
    assert_safe(out, err)
    assert "\\x1b[2J" in out + err


def test_check_json_escapes_a_file_name_and_keeps_it_exact(tmp_path: Path) -> None:
    answers = tmp_path / f"{CLEAR_SCREEN}shop.yaml"
    answers.write_text(example_text("webshop"), encoding="utf-8")
    _, out, _ = seloste("check", "--json", str(answers))
    assert_safe(out)
    assert '\\u001b[2Jshop.yaml"' in out
    assert json.loads(out)["file"] == str(answers)


def test_a_file_name_that_is_not_utf8_is_shown_with_its_bytes_written_out(tmp_path: Path) -> None:
    missing = os.fsdecode(os.fsencode(tmp_path) + b"/\xff\x1b[2J.yaml")
    code, out, err = seloste("check", missing)
    assert code == 2
    assert_safe(out, err)
    assert "\\xff\\x1b[2J.yaml" in out


def test_a_wrong_command_line_is_echoed_safely(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["check", "a.yaml", f"{CLEAR_SCREEN}\u202e"]) == 2
    printed = capsys.readouterr()
    assert_safe(printed.out, printed.err)
    assert "\\x1b[2J\\u202e" in printed.err


def test_plain_echoes_piped_input_with_its_escapes_written_out(tmp_path: Path) -> None:
    env = {**os.environ, "SELOSTE_HOME": str(tmp_path)}
    typed = f"2\n2\n{CLEAR_SCREEN}Kahvila\u202eKanerva\x9b Oy\n"
    result = subprocess.run(
        [sys.executable, "-m", "wizard", "--plain"], input=typed, capture_output=True, text=True, env=env, timeout=120
    )
    assert_safe(result.stdout, result.stderr)
    assert "> \\x1b[2JKahvila\\u202eKanerva\\x9b Oy\n" in result.stdout
    saved: Any = yaml.safe_load(next((tmp_path / "interviews").glob("*.yaml")).read_text())
    assert saved["controller"]["name"] == "KahvilaKanerva Oy"  # the answer itself is cleaned as all free text is


def test_the_sanitiser_writes_out_controls_and_leaves_other_text_alone() -> None:
    assert visible("bad\x1b[2J\u202evalue\n") == "bad\\x1b[2J\\u202evalue\\n"
    assert visible("Äänekoski\tok\n", lines=True) == "Äänekoski\tok\n"
    assert visible("\udcff.yaml") == "\\xff.yaml"  # a file name's byte that is not UTF-8
