"""The package's imports go one way, and only the UI imports Textual (the chat's UI library): `seloste check`
must start fast and work where Textual is not installed, and the plain mode must work without it.

The import graph is read from the source with `ast` (every import, also those inside functions, which run
later but still depend); the runtime tests run a fresh interpreter with a stand-in `textual` package first
on the path, so an import of it would succeed and show in `sys.modules` whether or not the real one is
installed.
"""

from __future__ import annotations

import ast
import graphlib
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "wizard"
WEBSHOP = PACKAGE / "examples" / "webshop.yaml"

# Who may import what: Textual only in the chat (`wizard.tui`), textual-serve there and in `seloste serve`'s server;
# the chat itself is started only by the entry points.
UI_LIBRARIES = {"textual": ("wizard.tui",), "textual_serve": ("wizard.tui", "wizard.serve_web")}
STARTS_THE_CHAT = ("wizard.__main__", "wizard.cli", "wizard.serve")


# --- the import graph, from the source ------------------------------------------------------------------------


def module_name(path: Path, root: Path) -> str:
    parts = path.relative_to(root.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path, name: str, modules: set[str]) -> tuple[set[str], set[str]]:
    """(what the module imports at any time, what it imports outside `if TYPE_CHECKING:`), as module names:
    the package's own modules, or the top-level name of another package."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    type_only = {
        id(node)
        for block in ast.walk(tree)
        if isinstance(block, ast.If) and "TYPE_CHECKING" in ast.unparse(block.test)
        for statement in block.body
        for node in ast.walk(statement)
    }
    every, at_run_time = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{anchor}.{base}" if base else anchor
            # `from wizard import session` imports the module wizard.session; `from wizard.x import name`, wizard.x
            targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base for alias in node.names]
        else:
            continue
        found = {target if target.split(".")[0] == PACKAGE.name else target.split(".")[0] for target in targets}
        found = {target for target in found if target.split(".")[0] != PACKAGE.name or target in modules}
        every |= found
        if id(node) not in type_only:
            at_run_time |= found
    return every, at_run_time


def import_graph(root: Path) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """Every module of the package at `root`: (all its imports, its imports outside TYPE_CHECKING)."""
    files = {module_name(path, root): path for path in sorted(root.rglob("*.py"))}
    every, at_run_time = {}, {}
    for name, path in files.items():
        every[name], at_run_time[name] = imports_of(path, name, set(files))
    return every, at_run_time


def import_circle(graph: dict[str, set[str]]) -> list[str] | None:
    """A circle of the package's own modules importing one another, or None.

    A module importing from its own package (`wizard.formats.html` from `wizard.formats`) is no step of a
    circle: Python has run the package's `__init__` before any of its modules, whatever they import, so
    that `__init__` may hand work to them inside a function (`render_format` -> `render_html`)."""
    own = {
        name: {target for target in targets if target in graph and not inside(name, (target,))}
        for name, targets in graph.items()
    }
    try:
        graphlib.TopologicalSorter(own).prepare()
    except graphlib.CycleError as circle:
        return list(circle.args[1])
    return None


def importers(graph: dict[str, set[str]], imported: str) -> set[str]:
    """The modules that import `imported` or anything below it."""
    return {name for name, targets in graph.items() if any(t == imported or t.startswith(imported + ".") for t in targets)}


def inside(name: str, packages: tuple[str, ...]) -> bool:
    return any(name == package or name.startswith(package + ".") for package in packages)


def test_the_package_has_no_import_circle() -> None:
    _every, at_run_time = import_graph(PACKAGE)

    assert import_circle(at_run_time) is None


@pytest.mark.parametrize("library", sorted(UI_LIBRARIES))
def test_only_the_ui_imports_textual(library: str) -> None:
    every, _at_run_time = import_graph(PACKAGE)

    assert {name for name in importers(every, library) if not inside(name, UI_LIBRARIES[library])} == set()


def test_the_chat_is_started_only_by_the_entry_points_so_the_plain_mode_needs_no_ui() -> None:
    every, _at_run_time = import_graph(PACKAGE)

    chat_importers = {name for name in importers(every, "wizard.tui") if not inside(name, ("wizard.tui",))}
    assert chat_importers <= set(STARTS_THE_CHAT)
    assert "wizard.plain" in every and not importers({"wizard.plain": every["wizard.plain"]}, "wizard.tui")


def test_the_graph_sees_circles_textual_and_every_kind_of_import(tmp_path: Path) -> None:
    """What the checks above rely on: a circle through a function-level or relative import is found, an import
    only for type checking is no circle, and `from package import module` counts as importing the module."""
    root = tmp_path / "wizard"
    (root / "tui").mkdir(parents=True)
    sources = {
        "__init__.py": "",
        "cli.py": "def run():\n    from wizard.commands import go\n    from wizard.tui import app\n",
        "commands.py": "from . import cli\nfrom typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from wizard.plain import Chat\n",
        "plain.py": "from wizard import commands\nimport textual.app\n",
        "tui/__init__.py": "def run():\n    from .app import App\n",
        "tui/app.py": "from textual.app import App\nfrom ..plain import Chat\nfrom wizard.tui import run\n",
    }
    for name, source in sources.items():
        (root / name).write_text(source)

    every, at_run_time = import_graph(root)

    assert sorted(set(import_circle(at_run_time))) == ["wizard.cli", "wizard.commands"]
    assert every["wizard.commands"] == {"wizard.cli", "typing", "wizard.plain"}
    assert at_run_time["wizard.commands"] == {"wizard.cli", "typing"}
    assert every["wizard.tui.app"] == {"textual", "wizard.plain", "wizard.tui"}
    assert every["wizard.tui"] == {"wizard.tui.app"}  # a package and its own module: no circle
    assert importers(every, "textual") == {"wizard.plain", "wizard.tui.app"}
    assert importers(every, "wizard.tui") == {"wizard.cli", "wizard.tui", "wizard.tui.app"}
    (root / "cli.py").write_text("")
    assert import_circle(import_graph(root)[1]) is None


# --- at run time ----------------------------------------------------------------------------------------------


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


@pytest.mark.parametrize("module", ["wizard.cli", "wizard.check", "wizard.answers", "wizard.plain", "wizard.session"])
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
