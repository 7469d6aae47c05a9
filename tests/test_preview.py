"""The live preview after an answer: it ends up showing the answers as they are, and what it costs between the
Enter and the painted screen is only what the answer changed. Nothing here is timed (`benchmarks/startup.py`
measures the time); these tests check the work done."""

from __future__ import annotations

import gc
from pathlib import Path
from typing import Any

import pytest
import yaml
from test_chat import open_chat, webshop
from test_tui import home, no_cursor_blink, until  # the chat tests' own folder and steady cursor
from textual.message import Message
from textual.pilot import Pilot

from wizard import check
from wizard.check import check_data
from wizard.examples import example_text
from wizard.preview import preview_sections, split_sections
from wizard.render import build_notice
from wizard.tui import collector
from wizard.tui.app import SelosteApp
from wizard.tui.screens.chat import ChatScreen
from wizard.tui.widgets.composer import Answered
from wizard.tui.widgets.preview import PreviewPanel, SectionView

__all__ = ["home", "no_cursor_blink"]


def without_groups(folder: Path) -> Path:
    """The webshop's answers but its groups of people: the chat asks for them one by one, and every other part of
    the notice is there (what `benchmarks/startup.py` measures)."""
    data = webshop()
    del data["processing"]["data_subjects"]
    path = folder / "answers.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def preview_text(chat: ChatScreen) -> str:
    return "".join(view.markdown for view in chat.query(SectionView))


# --- the preview's text ----------------------------------------------------------------------------------------


def current_webshop() -> dict[str, Any]:
    """The webshop's answers in the current layout (what the chat holds)."""
    loaded, _version = check.load(example_text("webshop").encode("utf-8"))
    return loaded.data


@pytest.mark.parametrize("lang", ["fi", "en", "sv"])
def test_complete_answers_preview_as_the_notice_seloste_render_writes(lang: str) -> None:
    data = current_webshop()
    written = build_notice(check_data(data), lang, allow_incomplete=True, allow_mixed_language=True)
    assert preview_sections(data, lang) == split_sections(written.markdown)


def test_the_preview_is_built_without_the_check_s_findings(monkeypatch: pytest.MonkeyPatch) -> None:
    """The notice shows none of the check's warnings (rules, texts missing a language, texts in another
    language): the preview, built after every answer, does not look for them (they were more than half of its
    work)."""

    def not_needed(*args: Any) -> Any:
        raise AssertionError("the preview looked for the check's findings")

    for name in ("run_rules", "language_rules", "untranslated", "misfiled"):
        monkeypatch.setattr(check, name, not_needed)
    data = current_webshop()
    assert data["controller"]["name"] in "".join(section.markdown for section in preview_sections(data, "en"))
    unfinished = {key: value for key, value in data.items() if key in ("schema_version", "language", "controller")}
    assert "\\[MISSING\\]" in "".join(section.markdown for section in preview_sections(unfinished, "en"))


async def with_the_preview(pilot: Pilot) -> ChatScreen:
    chat = await open_chat(pilot)
    await pilot.press("f3")
    await until(pilot, lambda: chat.query(SectionView))
    return chat


async def test_the_cycle_collector_waits_until_the_answer_and_its_preview_are_painted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every few answers Python's cycle collector walked every object of the chat (tens of milliseconds) in the
    middle of taking an answer: it waits from the Enter until the screen shows the answer and its preview, and is
    on again as soon as they are painted (not only once its time limit is up)."""
    monkeypatch.setattr(collector, "PAUSED_AT_MOST", 600.0)
    collections: list[int] = []
    window: list[Message] = []  # an answer sent, not yet painted with its preview
    watching: list[bool] = []

    def counted(phase: str, info: dict[str, Any]) -> None:
        if phase == "start" and window:
            collections.append(info["generation"])

    def hook(message: Message) -> None:
        if isinstance(message, Answered) and watching:
            window.append(message)
        elif isinstance(message, PreviewPanel.Updated):
            window.clear()  # painted

    gc.callbacks.append(counted)
    try:
        app = SelosteApp(without_groups(tmp_path), "en")
        async with app.run_test(size=(120, 40), message_hook=hook) as pilot:
            chat = await with_the_preview(pilot)
            assert gc.isenabled()
            watching.append(True)
            for group in ("Customers", "Newsletter subscribers"):
                chat.query_one("#answer-text").value = group  # type: ignore[attr-defined]
                await pilot.press("enter")
                await until(pilot, lambda: not window and group in preview_text(chat))
                await until(pilot, gc.isenabled)
                await until(pilot, lambda: chat.step is not None and chat.step.mode == "another")
                watching.clear()
                chat.query_one("#answer-yes").press()  # type: ignore[attr-defined]
                await until(pilot, lambda: chat.step is not None and chat.step.mode == "answer")
                watching.append(True)
            watching.clear()
            await pilot.press("f3")  # the preview hidden: the answer alone is painted, and the collector is on again
            await until(pilot, lambda: chat.query_one(PreviewPanel).has_class("-hidden"))
            chat.query_one("#answer-text").value = "Job applicants"  # type: ignore[attr-defined]
            await pilot.press("enter")
            await until(pilot, lambda: chat.step is not None and chat.step.mode == "another")
            await until(pilot, gc.isenabled)
    finally:
        gc.callbacks.remove(counted)
        gc.enable()
    assert collections == []


@pytest.mark.parametrize("lang", ["fi", "en", "sv"])
def test_marketing_answered_before_its_channels_is_previewed_not_left_stale(lang: str) -> None:
    """Direct marketing whose channels are not chosen yet (a list the answers leave out) is previewed with the
    rest of the notice; the preview failed on it and kept showing the notice as it was before."""
    data = current_webshop()
    del data["direct_marketing"]["channels"]
    shown = "".join(section.markdown for section in preview_sections(data, lang))
    assert data["controller"]["name"] in shown
    assert data["direct_marketing"]["opt_out"][lang] in shown
