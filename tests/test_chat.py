"""The chat as people really use it: its small forms, fast typing, changing an earlier answer, and never a
traceback. Each test opens the chat on an answers file that stops just before the question it is about, so
no test walks a whole interview.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from textual.pilot import Pilot
from textual.widgets import Input, OptionList

from wizard.examples import example_text
from wizard.loader import parse
from wizard.tui.app import SelosteApp
from wizard.tui.screens.chat import ChatScreen
from wizard.tui.screens.dialogs import LanguageScreen
from wizard.tui.widgets.bubbles import AnswerBubble, ReplyBubble
from wizard.tui.widgets.composer import Composer, RecordForm


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "home"
    monkeypatch.setenv("SELOSTE_HOME", str(folder))
    monkeypatch.setenv("SELOSTE_CACHE_DIR", "")
    monkeypatch.chdir(tmp_path)
    return folder


async def until(pilot: Pilot, condition: Callable[[], Any], timeout: float = 15.0) -> None:
    started = time.monotonic()
    while not condition():
        assert time.monotonic() - started < timeout, "the chat did not get there in time"
        await pilot.pause(0.02)


def webshop() -> dict[str, Any]:
    return parse(example_text("webshop")).data


def answers_until(folder: Path, parts: list[str], **extra: Any) -> Path:
    """An answers file with the webshop's answers to `parts` (and `extra`), nothing after them."""
    data = webshop()
    kept = {"schema_version": 2, **{part: data[part] for part in parts}, **extra}
    path = folder / "answers.yaml"
    path.write_text(yaml.safe_dump(kept, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


BEFORE_PURPOSES = ["controller", "privacy_contact", "processing"]


async def open_chat(pilot: Pilot, lang: str = "en") -> ChatScreen:
    """Past the language questions of a chat opened on an answers file (its notice language: `lang`)."""
    app = pilot.app
    await until(pilot, lambda: isinstance(app.screen, LanguageScreen) and bool(app.screen.query("#language-choice")))
    app.screen.query_one(OptionList).highlighted = ["fi", "en"].index(lang)
    await pilot.press("enter")
    await until(pilot, lambda: isinstance(app.screen, ChatScreen) and app.screen.query("#answer-choice"))
    chat = app.screen
    chat.query_one("#answer-choice", OptionList).highlighted = ["fi", "en"].index(lang)
    await pilot.press("enter")
    await until(pilot, lambda: chat.step is not None)
    return chat


def saved(chat: ChatScreen) -> dict[str, Any]:
    return yaml.safe_load(chat.session.path.read_text(encoding="utf-8"))


# --- no traceback ----------------------------------------------------------------------------------------------


async def test_changing_the_yes_that_opened_a_new_item_asks_it_again_and_keeps_the_form(tmp_path: Path) -> None:
    path = answers_until(tmp_path, BEFORE_PURPOSES, purposes=webshop()["purposes"][:1])
    app = SelosteApp(path, "en")
    async with app.run_test(size=(80, 24)) as pilot:
        chat = await open_chat(pilot)
        assert (chat.step.question.id, chat.step.mode) == ("purposes", "another")
        await pilot.press("y")
        await until(pilot, lambda: chat.query(RecordForm))
        chat.query_one("#field-description", Input).value = "Asiakaspalvelu"
        yes = chat.query(AnswerBubble).last()
        yes.focus()
        await pilot.press("enter")  # change the Yes
        await until(pilot, lambda: chat.step.mode == "another")
        assert app.is_running and app.return_code is None
        await pilot.press("y")  # yes again: the form comes back as it was left
        await until(pilot, lambda: chat.query(RecordForm))
        assert chat.query_one("#field-description", Input).value == "Asiakaspalvelu"
        yes = chat.query(AnswerBubble).last()
        yes.focus()
        await pilot.press("enter")
        await until(pilot, lambda: chat.step.mode == "another")
        await pilot.press("n")  # no more purposes after all
        await until(pilot, lambda: chat.step.question.id != "purposes")
    assert [purpose["id"] for purpose in saved(chat)["purposes"]] == ["orders"]


async def test_an_unexpected_error_is_shown_in_the_chat_and_the_answers_stay_saved(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = answers_until(tmp_path, ["controller"])
    app = SelosteApp(path, "en")
    async with app.run_test(size=(80, 24)) as pilot:
        chat = await open_chat(pilot)

        def broken(*_args: Any) -> None:
            raise RuntimeError("the disk caught fire")

        monkeypatch.setattr(chat.session, "edit", broken)
        bubble = next(bubble for bubble in chat.query(AnswerBubble) if bubble.question_id == "controller_name")
        bubble.focus()
        await pilot.press("enter")
        await until(pilot, lambda: any(reply.has_class("-error") for reply in chat.query(ReplyBubble)))
        shown = str(chat.query(ReplyBubble).last().render())
        assert "the disk caught fire" in shown and "saved" in shown
        assert app.is_running and app.return_code is None
        assert chat.query_one(Composer).ask is not None
    assert saved(chat)["controller"] == webshop()["controller"]
