"""Broken answers files through the real command line: each gets its exit code (2: cannot be used at all,
1: answers with errors) and a message that names the problem, and never a traceback.

The files are in tests/fixtures/broken/; the one too large to commit is made here.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from wizard.cli import run
from wizard.loader import MAX_BYTES

BROKEN = Path(__file__).parent / "fixtures" / "broken"

# file -> (exit code, part of the message that names the problem)
EXPECTED: dict[str, tuple[int, str]] = {
    # not YAML, or not text at all
    "unclosed_bracket.yaml": (2, "(while parsing a flow sequence that starts on line 20)"),
    "unclosed_quote.yaml": (2, "(while scanning a quoted scalar that starts on line 4)"),
    "bad_indentation.yaml": (2, "not valid YAML: mapping values are not allowed"),  # "here" or "in this context"
    "tab_indentation.yaml": (2, "A tab is used for indentation"),
    "raw_escape_character.yaml": (2, "unacceptable character #x001b"),
    "duplicate_key.yaml": (2, "The field `email` appears twice"),
    "alias.yaml": (2, "uses a YAML alias"),
    "custom_tag.yaml": (2, "the tag !!python/object/apply:os.system is not supported"),
    "int_tag.yaml": (2, "the tag !!int is not supported"),
    "list_key.yaml": (2, "A field name must be text, not `['city', 'town']`"),
    "two_documents.yaml": (2, "more than one YAML document"),
    "deeply_nested.yaml": (2, "nested too deeply"),
    "binary_garbage.bin": (2, "The file is not text"),
    "utf16.yaml": (2, "saved as UTF-16"),
    "utf16_without_bom.yaml": (2, "saved as UTF-16"),
    "latin1.yaml": (2, "not valid UTF-8 text (first problem on line 26)"),
    # YAML, but not answers
    "empty.yaml": (2, "The file is empty"),
    "only_comments.yaml": (2, "The file is empty"),
    "utf8_bom_only.yaml": (2, "The file is empty"),
    "list_at_top_level.yaml": (2, "The file holds a list"),
    "text_at_top_level.yaml": (2, "The file holds text"),
    "newer_schema_version.yaml": (2, "written by a newer seloste (schema_version 4)"),
    "schema_version_not_a_number.yaml": (2, "a whole number such as 2, not `kaksi`"),
    # answers with errors
    "missing_notice.yaml": (1, "notice is missing"),
    "controller_null.yaml": (1, "controller should be a group of fields (indented `name: value` lines), not nothing"),
    "purposes_as_mapping.yaml": (1, "purposes should be a list (lines starting with `- `), not a group of fields"),
    "data_subjects_as_text.yaml": (1, "processing.data_subjects should be a list"),
    "bool_as_kylla.yaml": (1, "personal_data[1].required should be true or false, not `kyllä`"),
    "unknown_field.yaml": (1, "Unknown field `favourite_colour`"),
    "unknown_field_typo.yaml": (1, "Did you mean `email`?"),
    "key_with_escape.yaml": (1, "Unknown field `cit\\x1b[2Jy`"),
    "wrong_choice_of_basis.yaml": (1, "`asiakassuhde` is not one of the choices for purposes[1].basis"),
    "purpose_id_with_spaces.yaml": (1, "`my orders` is not a usable id"),
    "phone_with_letters.yaml": (1, "`040 abc 1234` is not a phone number"),
    "website_broken.yaml": (1, "`htp:/x` is not a web address"),
    "wrong_check_digit.yaml": (1, "The check digit of Y-tunnus `1572860-1` is wrong"),
    "too_many_data_subjects.yaml": (1, "processing.data_subjects has too many items: at most 100"),
}

# Unusual but fine: a byte order mark alone is no problem, nor are Windows line ends.
ACCEPTED = ("utf8_bom_valid.yaml", "crlf_valid.yaml")


def check(argv: list[str], stdin: io.BytesIO | None = None) -> tuple[int, str]:
    out = io.StringIO()
    code = run(["--lang", "en", "check", *argv], stdout=out, stderr=out, stdin=stdin)
    return code, out.getvalue()


@pytest.mark.parametrize(("name", "exit_code", "message"), [(name, *expected) for name, expected in EXPECTED.items()])
def test_broken_file_gets_its_exit_code_and_a_message_naming_the_problem(name: str, exit_code: int, message: str) -> None:
    code, output = check([str(BROKEN / name)])

    assert (code, message in output) == (exit_code, True), output
    assert "Traceback" not in output
    assert "\x1b" not in output  # nothing from the file reaches the terminal as an escape


@pytest.mark.parametrize("name", ACCEPTED)
def test_byte_order_mark_and_windows_line_ends_are_accepted(name: str) -> None:
    assert check([str(BROKEN / name)]) == (0, f"{BROKEN / name}: valid, 0 warning(s)\n")


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_json_report_of_a_broken_file_says_whether_it_was_readable(name: str) -> None:
    exit_code, message = EXPECTED[name]

    code, output = check(["--json", str(BROKEN / name)])
    report = json.loads(output)

    assert code == exit_code
    assert (report["valid"], report["readable"]) == (False, exit_code == 1)
    assert any(message in item["message"] + " " + item["hint"] for item in report["diagnostics"])


def test_every_fixture_has_an_expectation() -> None:
    assert sorted(path.name for path in BROKEN.iterdir()) == sorted([*EXPECTED, *ACCEPTED])
    assert len(EXPECTED) >= 20


def huge_answers() -> bytes:
    """Answers padded with comments to just over the size limit: the size alone is the problem."""
    text = (BROKEN / "crlf_valid.yaml").read_bytes()
    padding = b"# " + b"x" * (MAX_BYTES + 1024 - len(text) - 3) + b"\n"
    return text + padding  # 1025 KiB exactly


def test_a_huge_file_is_refused_with_its_size(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    path.write_bytes(huge_answers())

    code, output = check([str(path)])

    assert code == 2
    assert "The file is 1025 KiB; an answers file is at most 1024 KiB." in output


def test_a_huge_input_on_stdin_is_refused_with_its_size() -> None:
    code, output = check(["-"], stdin=io.BytesIO(huge_answers()))

    assert code == 2
    assert "The file is 1025 KiB; an answers file is at most 1024 KiB." in output


def test_check_reads_standard_input_for_a_dash() -> None:
    code, output = check(["-"], stdin=io.BytesIO((BROKEN / "crlf_valid.yaml").read_bytes()))

    assert (code, output) == (0, "<stdin>: valid, 0 warning(s)\n")


def test_a_broken_file_on_stdin_is_named_stdin() -> None:
    code, output = check(["-"], stdin=io.BytesIO((BROKEN / "duplicate_key.yaml").read_bytes()))

    assert code == 2
    assert output.startswith("<stdin>: cannot be read as answers")
    assert "The field `email` appears twice" in output


def test_empty_standard_input_is_an_empty_file() -> None:
    assert check(["-"], stdin=io.BytesIO(b""))[0] == 2


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda tmp: tmp / "nowhere.yaml", "There is no file"),
        (lambda tmp: tmp, "is a folder, not an answers file"),
    ],
)
def test_a_path_that_is_not_a_file_exits_2(tmp_path: Path, make, message: str) -> None:
    code, output = check([str(make(tmp_path))])

    assert (code, message in output) == (2, True)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_an_unreadable_file_exits_2(tmp_path: Path) -> None:
    path = tmp_path / "secret.yaml"
    path.write_text("a: 1\n")
    path.chmod(0)

    code, output = check([str(path)])

    assert (code, "do not have permission" in output) == (2, True)


def test_python_m_wizard_on_a_broken_file_prints_no_traceback() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "wizard", "--lang", "en", "check", str(BROKEN / "raw_escape_character.yaml")],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )

    assert result.returncode == 2
    assert "unacceptable character #x001b" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr
