"""`seloste check` output for people and for programs, `seloste schema`, and the command line's exit codes."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from wizard.check import check_bytes
from wizard.cli import run
from wizard.examples import EXAMPLES, example_text
from wizard.resources import package_file

COMMITTED_SCHEMA = package_file("answers.schema.json")
Answers = dict[str, Any]
WriteAnswers = Callable[[Answers], Path]


def seloste(*argv: str, stdin: bytes | None = None) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(["--lang", "en", *argv], stdout=out, stderr=err, stdin=io.BytesIO(stdin) if stdin is not None else None)
    return code, out.getvalue(), err.getvalue()


def with_errors_and_warnings(answers: Answers) -> Answers:
    """Two errors and two warnings, on different lines."""
    answers["controller"]["business_id"] = "1572860-1"
    answers["purposes"][0]["basis"] = "legitimate_interests"
    answers["purposes"][0]["legitimate_interest"] = "Tietoja voidaan käyttää markkinointiin"
    answers["retention"]["period"] = "niin kauan kuin on tarpeen"
    return answers


def with_rule_findings(answers: Answers) -> Answers:
    """Valid formats, so the rules run: an error and two warnings."""
    answers["purposes"][0].update(basis="legitimate_interests", contract=None, balancing_test=True)
    answers["retention"]["period"] = "niin kauan kuin on tarpeen"
    answers["processing"]["includes_children"] = True
    return answers


# --- text and JSON say the same -----------------------------------------------------------------------------

_HEADING = re.compile(r"^(error|warning)(?: \| line (\d+))?(?: \| (\S+))?(?:  \((.+)\))?$")


def text_diagnostics(output: str) -> list[dict[str, Any]]:
    """The diagnostics of the text output: heading, message and hint lines per item."""
    items: list[dict[str, Any]] = []
    for block in output.split("\n\n")[1:]:
        heading, message, *rest = block.splitlines()
        match = _HEADING.match(heading)
        assert match, heading
        severity, line, field, article = match.groups()
        hint = rest[0].removeprefix("  -> ") if rest else ""
        items.append(
            {
                "severity": severity,
                "line": int(line) if line else None,
                "field": field or "",
                "article": article or "",
                "message": message.strip(),
                "hint": hint,
            }
        )
    return items


@pytest.mark.parametrize("make", [with_errors_and_warnings, with_rule_findings])
def test_json_gives_the_same_diagnostics_as_the_text(answers: Answers, write_answers: WriteAnswers, make: Callable[[Answers], Answers]) -> None:
    path = write_answers(make(answers))

    text_code, text, _ = seloste("check", str(path))
    json_code, printed, _ = seloste("check", "--json", str(path))
    report = json.loads(printed)

    assert text_code == json_code == 1
    keys = ("severity", "line", "field", "article", "message", "hint")
    assert [{key: item[key] for key in keys} for item in report["diagnostics"]] == text_diagnostics(text)
    assert (report["errors"], report["warnings"]) == (
        sum(d["severity"] == "error" for d in report["diagnostics"]),
        sum(d["severity"] == "warning" for d in report["diagnostics"]),
    )
    assert text.splitlines()[0] == f"{path}: {report['errors']} error(s), {report['warnings']} warning(s)"


def test_json_items_carry_code_field_path_line_message_and_hint(answers: Answers, write_answers: WriteAnswers) -> None:
    path = write_answers(with_rule_findings(answers))

    report = json.loads(seloste("check", "--json", str(path))[1])

    assert report["file"] == str(path)
    assert (report["valid"], report["readable"], report["schema_version_read"]) == (False, True, 3)
    by_code = {item["code"]: item for item in report["diagnostics"]}
    assert set(by_code) == {"basis_needs_interest", "vague_retention", "children"}
    interest = by_code["basis_needs_interest"]
    assert interest["severity"] == "error"
    assert interest["field"] == "purposes[1].legitimate_interest"
    assert interest["path"] == ["purposes", 0, "legitimate_interest"]
    assert interest["line"] == path.read_text().splitlines().index("- id: orders") + 1
    assert "relies on legitimate interests" in interest["message"]
    assert interest["hint"].startswith("Add legitimate_interest")
    assert interest["article"] == "GDPR Art. 6(1)(f), 13(1)(d)"


def test_json_codes_are_the_checks_own(answers: Answers, write_answers: WriteAnswers) -> None:
    path = write_answers(with_errors_and_warnings(answers))

    report = json.loads(seloste("check", "--json", str(path))[1])

    expected = check_bytes(path.read_bytes())
    assert sorted(item["code"] for item in report["diagnostics"]) == sorted(d.code for d in expected.diagnostics)


def test_valid_answers_exit_0_in_text_and_json(answers: Answers, write_answers: WriteAnswers) -> None:
    path = write_answers(answers)

    assert seloste("check", str(path))[:2] == (0, f"{path}: valid, 0 warning(s)\n")
    code, printed, _ = seloste("check", "--json", str(path))
    assert code == 0
    assert json.loads(printed) | {"file": ""} == {
        "file": "",
        "valid": True,
        "readable": True,
        "schema_version_read": 3,
        "errors": 0,
        "warnings": 0,
        "diagnostics": [],
    }


def test_warnings_alone_exit_0(answers: Answers, write_answers: WriteAnswers) -> None:
    answers["processing"]["includes_children"] = True

    code, output, _ = seloste("check", str(write_answers(answers)))

    assert code == 0
    assert ": valid, 1 warning(s)" in output.splitlines()[0]
    assert "warning | line" in output


def test_errors_come_before_warnings_and_each_kind_in_file_order(answers: Answers, write_answers: WriteAnswers) -> None:
    answers["processing"]["includes_children"] = True
    answers["rights"] = {"how": "omakätisesti allekirjoitettu pyyntö"}
    answers["purposes"][0]["basis"] = "consent"  # needs consent_withdrawal (error) and looks like a contract (warning)
    answers["purposes"][0].pop("contract")

    items = text_diagnostics(seloste("check", str(write_answers(answers)))[1])

    severities = [item["severity"] for item in items]
    assert severities == sorted(severities)  # "error" < "warning"
    warning_lines = [item["line"] for item in items if item["severity"] == "warning"]
    assert warning_lines == sorted(warning_lines)


def test_stdin_can_be_checked_as_json(answers: Answers, write_answers: WriteAnswers) -> None:
    code, printed, _ = seloste("check", "--json", "-", stdin=write_answers(answers).read_bytes())

    assert code == 0
    assert json.loads(printed)["file"] == "<stdin>"


def test_messages_follow_the_chosen_language(answers: Answers, write_answers: WriteAnswers) -> None:
    path = write_answers(with_rule_findings(answers))
    out = io.StringIO()

    run(["--lang", "fi", "check", "--json", str(path)], stdout=out)
    finnish = json.loads(out.getvalue())["diagnostics"]
    english = json.loads(seloste("check", "--json", str(path))[1])["diagnostics"]

    assert [item["code"] for item in finnish] == [item["code"] for item in english]
    assert [item["message"] for item in finnish] != [item["message"] for item in english]


# --- seloste schema -----------------------------------------------------------------------------------------


def printed_schema() -> str:
    code, printed, _ = seloste("schema")
    assert code == 0
    return printed


def test_schema_command_prints_the_committed_schema() -> None:
    assert printed_schema() == COMMITTED_SCHEMA.read_text(encoding="utf-8"), (
        "wizard/answers.schema.json is out of date; refresh it with: .venv/bin/seloste schema > wizard/answers.schema.json"
    )


def test_schema_is_a_valid_json_schema_2020_12() -> None:
    schema = json.loads(printed_schema())

    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


def schema_validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(json.loads(COMMITTED_SCHEMA.read_text(encoding="utf-8")))


def example_as_json(name: str) -> Answers:
    """An example as the JSON the schema describes.

    The schema is pydantic's description of the model, and the loader hands over text wherever YAML has a
    scalar (`schema_version: 2` arrives as "2", which the schema's integer refuses); pydantic turns that text
    into numbers, dates, codes and enums. So the examples are validated as the model dumps them: the same
    answers in the canonical JSON form an editor completing from the schema would write.
    """
    report = check_bytes(example_text(name).encode("utf-8"))
    assert report.answers is not None, report.errors
    return report.answers.model_dump(mode="json", exclude_none=True)


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_every_example_validates_against_the_schema(name: str) -> None:
    errors = [f"{'/'.join(map(str, error.absolute_path))}: {error.message}" for error in schema_validator().iter_errors(example_as_json(name))]

    assert errors == []


@pytest.mark.parametrize(
    ("break_it", "where"),
    [
        (lambda data: data["controller"].pop("email"), "controller"),
        (lambda data: data["controller"].update(emial="x@example.fi"), "controller"),
        (lambda data: data["purposes"][0].update(basis="asiakassuhde"), "purposes/0/basis"),
        (lambda data: data.update(schema_version=4), "schema_version"),
    ],
)
def test_schema_refuses_what_check_refuses(break_it: Callable[[Answers], Any], where: str) -> None:
    data = example_as_json("webshop")
    break_it(data)

    assert where in {"/".join(map(str, error.absolute_path)) for error in schema_validator().iter_errors(data)}


# --- the command line itself --------------------------------------------------------------------------------


def test_no_command_prints_help_and_exits_0() -> None:
    code, output, _ = seloste()

    assert code == 0
    assert "usage: seloste" in output


@pytest.mark.parametrize("argv", [["nosuch"], ["check"], ["check", "a.yaml", "b.yaml"], ["--lang", "xx", "check", "a.yaml"]])
def test_a_wrong_command_line_exits_2_with_usage(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    code = run(argv, stdout=io.StringIO(), stderr=io.StringIO())

    assert code == 2
    assert "usage: seloste" in capsys.readouterr().err  # argparse writes to the process's stderr


def test_version_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["--version"]) == 0
    assert capsys.readouterr().out.startswith("seloste ")
