"""The benchmarks (`benchmarks/`) wait for words on the chat's screen: those words must be what the chat shows
where the benchmark waits for them, or a benchmark measures nothing (or hangs). Nothing here is timed."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from types import ModuleType

import pytest
from test_tui import until
from textual.pilot import Pilot

from wizard.tui.app import SelosteApp
from wizard.tui.screens.chat import ChatScreen
from wizard.tui.screens.dialogs import LanguageScreen
from wizard.tui.screens.review import ReviewScreen

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


@pytest.fixture
def benchmarks(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> dict[str, ModuleType]:
    monkeypatch.syspath_prepend(str(BENCHMARKS))
    monkeypatch.setenv("SELOSTE_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("SELOSTE_CACHE_DIR", "")
    import keyboard
    import startup

    return {"startup": startup, "keyboard": keyboard}


def screen_text(pilot: Pilot) -> str:
    """The screen as the terminal shows it, line by line."""
    return "\n".join(strip.text for strip in pilot.app.screen._compositor.render_strips())


async def shows(pilot: Pilot, text: str) -> None:
    await until(pilot, lambda: text in screen_text(pilot))


def test_the_startup_benchmark_sees_the_language_picker_and_then_the_first_question(benchmarks: dict[str, ModuleType]) -> None:
    """The real command in a terminal, as the benchmark starts it (it fails when a marker never shows)."""
    startup = benchmarks["startup"]
    env = {**os.environ, "TERM": "xterm-256color", "SELOSTE_LANG": "fi", "COLUMNS": "80", "LINES": "24"}
    times = startup.time_to_screen([sys.executable, "-m", "wizard"], [startup.LANGUAGE_PICKER, startup.FIRST_QUESTION], env)
    assert len(times) == 2


async def test_the_first_question_s_marker_is_not_on_the_language_picker(benchmarks: dict[str, ModuleType]) -> None:
    startup = benchmarks["startup"]
    app = SelosteApp(None, "fi")
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, LanguageScreen))
        await shows(pilot, startup.LANGUAGE_PICKER)
        assert startup.FIRST_QUESTION not in screen_text(pilot), "the benchmark would stop its clock at the picker"
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ChatScreen))
        await shows(pilot, startup.FIRST_QUESTION)


async def test_the_keyboard_benchmark_s_markers_are_on_the_screen_where_it_waits_for_them(
    benchmarks: dict[str, ModuleType], tmp_path: Path
) -> None:
    keyboard = benchmarks["keyboard"]
    partial, answer, next_prompt = keyboard.without_groups(keyboard.webshop())
    app = SelosteApp(keyboard.write(tmp_path, "partial", partial), "en")
    async with app.run_test(size=(80, 24)) as pilot:
        await past_languages(pilot, keyboard)
        await until(pilot, lambda: app.screen.query("#answer-text"))
        app.screen.query_one("#answer-text").value = answer  # type: ignore[attr-defined]
        await pilot.press("enter")
        await shows(pilot, next_prompt)

    complete = keyboard.write(tmp_path, "complete", keyboard.webshop())
    app = SelosteApp(complete, "en")
    async with app.run_test(size=(80, 24)) as pilot:
        await past_languages(pilot, keyboard)
        await until(pilot, lambda: isinstance(app.screen, ReviewScreen))
        await shows(pilot, keyboard.review_title("en"))
        await pilot.press(*["pagedown"] * keyboard.sections_to_purposes(complete))
        assert keyboard.PURPOSES in str(app.focused.render()), "PgDn did not reach the purposes' section"  # type: ignore[union-attr]
        await pilot.press("enter", "down", "down", "enter")
        await until(pilot, lambda: isinstance(app.screen, ChatScreen))
        await shows(pilot, keyboard.form_hint("en"))


async def past_languages(pilot: Pilot, keyboard: ModuleType) -> None:
    await shows(pilot, keyboard.language_picker("fi"))
    await pilot.press("enter")
    await until(pilot, lambda: isinstance(pilot.app.screen, ChatScreen))
    await shows(pilot, keyboard.first_question("en"))
    await pilot.press("enter")
