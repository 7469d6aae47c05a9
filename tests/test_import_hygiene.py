"""The command line and the checking engine never import Textual (the chat's UI library): `seloste check`
must start fast and work where Textual is not installed.

Each test runs a fresh interpreter with a stand-in `textual` package first on the path, so an import of it
would succeed and show in `sys.modules` whether or not the real one is installed.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

WEBSHOP = Path(__file__).resolve().parents[1] / "wizard" / "examples" / "webshop.yaml"


def textual_modules_after(code: str, tmp_path: Path) -> list[str]:
    stand_in = tmp_path / "site" / "textual"
    stand_in.mkdir(parents=True)
    (stand_in / "__init__.py").write_text("")
    script = textwrap.dedent(
        f"""
        import json, sys
        sys.path.insert(0, {str(stand_in.parent)!r})
        {code}
        print(json.dumps(sorted(name for name in sys.modules if name == "textual" or name.startswith("textual."))))
        """
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_the_stand_in_is_seen_when_something_imports_textual(tmp_path: Path) -> None:
    assert textual_modules_after("import textual", tmp_path) == ["textual"]


@pytest.mark.parametrize("module", ["wizard.cli", "wizard.check", "wizard.answers"])
def test_importing_the_engine_does_not_import_textual(module: str, tmp_path: Path) -> None:
    assert textual_modules_after(f"import {module}", tmp_path) == []


def test_the_interview_engine_and_the_renderer_load_and_run_without_textual(tmp_path: Path) -> None:
    code = (
        "from wizard.engine import Interview; from wizard import render, storage, questionnaire, questions_i18n; "
        "Interview.start().submit('Esimerkki Oy')"
    )
    assert textual_modules_after(code, tmp_path) == []


def test_running_check_does_not_import_textual(tmp_path: Path) -> None:
    code = f"import io; from wizard.cli import run; assert run(['check', {str(WEBSHOP)!r}], stdout=io.StringIO()) == 0"

    assert textual_modules_after(code, tmp_path) == []
