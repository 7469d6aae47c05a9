"""The built wheel works on its own: installed in a fresh venv and run from a folder far from the repository."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
import venv
import zipfile
from pathlib import Path

import pytest

from wizard.cli import build_parser
from wizard.examples import EXAMPLES
from wizard.languages import CODES, SOURCE_LANGUAGE

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("packaging")]  # one worker builds the wheel and its venv

REPO = Path(__file__).resolve().parents[1]


def run(args: list[str | Path], cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run a command that must succeed; on failure the assertion shows its output."""
    result = subprocess.run(
        args, cwd=cwd, env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, f"{args} exited {result.returncode}\n{result.stdout}\n{result.stderr}"
    return result


def user_env() -> dict[str, str]:
    """The environment of a user who installed the wheel: no source-tree overrides, English by default."""
    env = {k: v for k, v in os.environ.items() if k not in {"SELOSTE_DATA_DIR", "PYTHONPATH", "VIRTUAL_ENV"}}
    env["SELOSTE_LANG"] = "en"
    return env


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    run([sys.executable, "-m", "pip", "wheel", ".", "--no-deps", "--quiet", "-w", out], cwd=REPO)
    (built,) = out.glob("seloste-*.whl")
    return built


@pytest.fixture(scope="module")
def venv_bin(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv holding the wheel and its dependencies from the index, and nothing of the repository."""
    env_dir = tmp_path_factory.mktemp("venv")
    venv.create(env_dir, symlinks=os.name != "nt", with_pip=False)
    python = env_dir / "bin" / "python"
    # This test's own pip installs into the new venv: the same result as the venv's pip, without bootstrapping one.
    # --no-compile skips byte-compiling every dependency (most of the install time); imports compile what they use.
    run([sys.executable, "-m", "pip", "--python", python, "install", "--quiet", "--no-compile", wheel], cwd=env_dir)
    return env_dir / "bin"


@pytest.fixture
def elsewhere(tmp_path: Path) -> Path:
    """A working folder that is not the repository, so nothing can be imported or read from the source tree."""
    assert REPO not in tmp_path.parents
    return tmp_path


def seloste(venv_bin: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run([venv_bin / "seloste", *args], cwd=cwd, env=user_env())


def test_wheel_ships_the_catalogs_the_examples_and_the_schema(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "wizard/_data/locales/fi/LC_MESSAGES/messages.po" in names
    assert {f"wizard/examples/{name}.yaml" for name in EXAMPLES} <= names
    assert "wizard/answers.schema.json" in names
    assert not [name for name in names if name.startswith("tests/")]


def test_wheel_ships_every_data_file(wheel: Path) -> None:
    """Every file of the data folders (locales, templates) lands where `wizard.resources.data_dir` looks."""
    build = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["hatch"]["build"]
    data_folders = build["targets"]["wheel"]["force-include"]
    names = set(zipfile.ZipFile(wheel).namelist())
    for source, target in data_folders.items():
        files = [path for path in (REPO / source).rglob("*") if path.is_file() and "__pycache__" not in path.parts]
        assert files, f"{source}/ is empty"
        shipped_as = {path: f"{target}/{path.relative_to(REPO / source).as_posix()}" for path in files}
        assert [str(path.relative_to(REPO)) for path, name in shipped_as.items() if name not in names] == []


def test_installed_package_is_imported_from_the_venv(venv_bin: Path, elsewhere: Path) -> None:
    found = run([venv_bin / "python", "-c", "import wizard; print(wizard.__file__)"], cwd=elsewhere, env=user_env())
    assert Path(found.stdout.strip()).is_relative_to(venv_bin.parent)


def test_help_lists_the_commands(venv_bin: Path, elsewhere: Path) -> None:
    shown = set(re.findall(r"^ {4}([a-z]+) ", seloste(venv_bin, elsewhere, "--help").stdout, re.MULTILINE))
    subcommands = next(action for action in build_parser()._actions if action.dest == "command")
    assert shown == set(subcommands.choices)


def test_python_m_wizard_is_the_same_command(venv_bin: Path, elsewhere: Path) -> None:
    via_module = run([venv_bin / "python", "-m", "wizard", "--help"], cwd=elsewhere, env=user_env())
    assert via_module.stdout == seloste(venv_bin, elsewhere, "--help").stdout


def test_example_list_names_every_example(venv_bin: Path, elsewhere: Path) -> None:
    listed = seloste(venv_bin, elsewhere, "example", "--list").stdout.splitlines()
    assert [line.split()[0] for line in listed] == list(EXAMPLES)


@pytest.mark.parametrize("name", list(EXAMPLES))
def test_example_piped_into_check_is_valid(venv_bin: Path, elsewhere: Path, name: str) -> None:
    env = user_env()
    example = subprocess.Popen([venv_bin / "seloste", "example", name], cwd=elsewhere, env=env, stdout=subprocess.PIPE)
    assert example.stdout is not None
    checked = subprocess.run(
        [venv_bin / "seloste", "check", "-"],
        cwd=elsewhere, env=env, stdin=example.stdout, capture_output=True, text=True, timeout=120,
    )
    example.stdout.close()
    assert example.wait(timeout=120) == 0
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stdout.startswith("<stdin>: valid, ")


def test_finnish_messages_come_from_the_installed_catalog(venv_bin: Path, elsewhere: Path) -> None:
    def check_empty_input(lang: str) -> subprocess.CompletedProcess[str]:
        command = [venv_bin / "seloste", "--lang", lang, "check", "-"]
        return subprocess.run(
            command, cwd=elsewhere, env=user_env(), input="", capture_output=True, text=True, timeout=120
        )

    by_lang = {lang: check_empty_input(lang) for lang in CODES}
    assert all(done.returncode == 2 for done in by_lang.values())
    assert "The file is empty." in by_lang[SOURCE_LANGUAGE].stdout
    for lang in CODES:
        assert lang == SOURCE_LANGUAGE or by_lang[lang].stdout != by_lang[SOURCE_LANGUAGE].stdout, lang


@pytest.mark.parametrize(("lang", "notice_format"), [("fi", "md"), ("en", "html"), ("fi", "docx")])
def test_notice_renders_from_the_installed_templates(
    venv_bin: Path, elsewhere: Path, lang: str, notice_format: str
) -> None:
    answers = elsewhere / "answers.yaml"
    answers.write_text(seloste(venv_bin, elsewhere, "example", "webshop").stdout, encoding="utf-8")
    notice = elsewhere / f"notice.{notice_format}"
    seloste(venv_bin, elsewhere, "render", "--lang", lang, "--format", notice_format, "-o", notice.name, answers.name)
    if notice_format == "docx":
        assert "word/document.xml" in zipfile.ZipFile(notice).namelist()
    else:
        opening = {"md": "# ", "html": "<!doctype html>"}[notice_format]
        assert notice.read_text(encoding="utf-8").lower().startswith(opening)
