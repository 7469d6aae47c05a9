"""README.md tells the truth: its set-up commands are what CI runs, and the commands it documents exist."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from wizard.cli import build_parser
from wizard.examples import EXAMPLES

REPO = Path(__file__).resolve().parents[1]
README = (REPO / "README.md").read_text(encoding="utf-8")


def section(title: str) -> str:
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", README, re.MULTILINE | re.DOTALL)
    assert match, f"README has no section '## {title}'"
    return match.group(1)


def shell_blocks(text: str) -> list[str]:
    return [block.strip() for block in re.findall(r"^```sh\n(.*?)^```", text, re.MULTILINE | re.DOTALL)]


def ci_commands() -> list[str]:
    command = ["bash", REPO / ".ci" / "run", "--print-commands"]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout.splitlines()


def test_ci_runs_exactly_the_set_up_commands_of_the_readme() -> None:
    commands = ci_commands()
    assert len(commands) == 2
    assert shell_blocks(section("Set-up on a fresh machine")) == commands


def test_examples_named_in_the_readme_exist() -> None:
    named = set(re.findall(r"seloste example ([a-z][a-z0-9_-]*)", README))
    assert named
    assert named <= set(EXAMPLES)


def test_the_commands_table_matches_the_command_line() -> None:
    documented = set(re.findall(r"^\| `seloste ([a-z]+)\b", section("Commands"), re.MULTILINE))
    subcommands = next(action for action in build_parser()._actions if action.dest == "command")
    assert documented == set(subcommands.choices)
