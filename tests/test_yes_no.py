"""A yes/no question in the chat: typed in its box and read on Enter in the conversation language, so that no
keystroke is taken for an answer and none is lost. At "add another?" a text that is neither yes nor no starts
the next item; elsewhere it is asked again, and the text stays in the box.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input, Static

from test_chat import BEFORE_PURPOSES, SIZES, answers_until, keys_at_full_speed, open_chat, saved, webshop
from test_tui import home, no_cursor_blink, until  # the chat tests' own folder and steady cursor

from wizard.kinds import as_bool, begins_with_yes_or_no
from wizard.tui.app import SelosteApp
from wizard.tui.screens.chat import ChatScreen
from wizard.tui.widgets.composer import Composer, RecordForm

BEFORE_DPO = ["controller", "privacy_contact"]  # the next question: "do you have a data protection officer?"


def one_purpose(folder: Path) -> Path:
    """Answers up to "add another purpose?" after the first one."""
    return answers_until(folder, BEFORE_PURPOSES, purposes=webshop()["purposes"][:1])


def yes_no_box(chat: ChatScreen) -> Input:
    return chat.query_one("#answer-yes-no-text", Input)


def hint(chat: ChatScreen) -> str:
    return str(chat.query_one("#answer-hint", Static).render())


async def type_and_enter(pilot: Any, box: Input, text: str) -> None:
    box.focus()
    box.value = text
    await pilot.press("enter")


@SIZES
async def test_a_sentence_typed_fast_at_add_another_is_the_next_item_s_first_answer(tmp_path: Path, size: tuple[int, int]) -> None:
    app = SelosteApp(one_purpose(tmp_path), "en")
    async with app.run_test(size=size) as pilot:
        chat = await open_chat(pilot)
        assert (chat.step.question.id, chat.step.mode) == ("purposes", "another")
        assert app.focused is yes_no_box(chat)
        # l, o, y: none of them answers on its own; the keys after Enter wait for the new item's form
        keys_at_full_speed(app, *"loyalty club members", "enter", *" and guests")
        await until(pilot, lambda: any(box.value.endswith("guests") for box in chat.query("#field-description")))
        description = chat.query_one("#field-description", Input)
        assert (chat.step.question.id, chat.step.item) == ("purposes", 1)
        assert description.value == "loyalty club members and guests", "every key typed is in the new purpose's first box"
        assert app.focused is description and description.cursor_position == len(description.value)
    assert len(saved(chat)["purposes"]) == 1, "not saved until the person saves the form"


@pytest.mark.parametrize(
    ("talk", "yes", "no"), [("fi", "kyllä", "ei"), ("en", "yes", "no"), ("sv", "ja", "nej")], ids=["fi", "en", "sv"]
)
async def test_yes_and_no_are_read_in_the_conversation_language(tmp_path: Path, talk: str, yes: str, no: str) -> None:
    app = SelosteApp(answers_until(tmp_path, BEFORE_DPO), talk)
    async with app.run_test(size=(80, 24)) as pilot:
        chat = await open_chat(pilot, talk)
        assert chat.step.question.id == "dpo"
        await type_and_enter(pilot, yes_no_box(chat), no)
        await until(pilot, lambda: chat.step.question.id == "joint_controllers")
        assert chat.step.mode == "first"
        await type_and_enter(pilot, yes_no_box(chat), yes.capitalize())
        await until(pilot, lambda: chat.step.mode == "answer" and chat.query(RecordForm))
        assert all(not box.value for box in chat.query_one(RecordForm).query(Input)), "a yes is not an item's text"
    assert saved(chat).get("dpo") is None


async def test_in_finnish_no_is_neither_yes_nor_no_and_is_asked_again(tmp_path: Path) -> None:
    """In Finnish "no" means "well" (even a reluctant yes): at "add another?" it neither ends the list nor
    becomes a purpose; the question is asked again in Finnish, "no" still in the box."""
    app = SelosteApp(one_purpose(tmp_path), "fi")
    async with app.run_test(size=(80, 24)) as pilot:
        chat = await open_chat(pilot, "fi")
        box = yes_no_box(chat)
        assert box.placeholder == "kyllä tai ei" and hint(chat) == "Tai kirjoita seuraava tähän: Enter lisää sen."
        await type_and_enter(pilot, box, "no")
        await until(pilot, lambda: "Kirjoita" in hint(chat))
        assert hint(chat) == "Kirjoita kyllä tai ei (k, e) suomeksi tai valitse painike."
        assert (chat.step.question.id, chat.step.mode) == ("purposes", "another") and box.value == "no"
        assert app.focused is box
        chat.query_one(Composer).set_hint("")
        await type_and_enter(pilot, box, "ei kiitos")  # begins with a no: an answer, never a purpose's name
        await until(pilot, lambda: "Kirjoita" in hint(chat))
        assert (chat.step.question.id, chat.step.mode) == ("purposes", "another") and box.value == "ei kiitos"
        await type_and_enter(pilot, box, "ei")
        await until(pilot, lambda: chat.step.question.id != "purposes")
    assert len(saved(chat)["purposes"]) == 1


async def test_a_yes_no_that_is_neither_is_asked_again_with_the_text_kept(tmp_path: Path) -> None:
    app = SelosteApp(answers_until(tmp_path, BEFORE_DPO), "en")
    async with app.run_test(size=(80, 24)) as pilot:
        chat = await open_chat(pilot)
        box = yes_no_box(chat)
        await pilot.press(*"maybe", "enter")
        await until(pilot, lambda: "Type" in hint(chat))
        assert hint(chat) == "Type yes or no (y, n) in English, or choose a button."
        assert chat.step.question.id == "dpo" and box.value == "maybe" and app.focused is box
        await pilot.press("backspace", "backspace", "backspace", "backspace", "backspace", "n", "o", "enter")
        await until(pilot, lambda: chat.step.question.id != "dpo")
    assert saved(chat).get("dpo") is None


@pytest.mark.parametrize(("talk", "said"), [("en", "Type yes or no (y, n) in English"), ("sv", "Skriv ja eller nej (j, n) på svenska")], ids=["en", "sv"])
async def test_a_yes_of_the_notice_s_language_is_refused_saying_which_words_are_read(tmp_path: Path, talk: str, said: str) -> None:
    """An English chat for a Swedish notice: "ja" is not read as a yes there, and the refusal says which words are."""
    app = SelosteApp(answers_until(tmp_path, BEFORE_DPO), talk)
    async with app.run_test(size=(80, 24)) as pilot:
        chat = await open_chat(pilot, "sv", talk="en" if talk == "en" else "sv")
        typed = "ja" if talk == "en" else "yes"
        await type_and_enter(pilot, yes_no_box(chat), typed)
        await until(pilot, lambda: said in hint(chat))
        assert chat.step.question.id == "dpo" and yes_no_box(chat).value == typed


@pytest.mark.parametrize("talk", ["fi", "en", "sv"])
async def test_add_another_s_box_at_120x40_with_the_preview_open_shows_its_whole_placeholder(tmp_path: Path, talk: str) -> None:
    app = SelosteApp(one_purpose(tmp_path), talk)
    async with app.run_test(size=(120, 40)) as pilot:
        chat = await open_chat(pilot, "en", talk=talk)
        assert chat.step.mode == "another"
        await pilot.press("f3")
        await until(pilot, lambda: chat.has_class("-preview"))
        await pilot.wait_for_scheduled_animations()
        box = yes_no_box(chat)
        yes, no = chat.yes_no_words()
        assert box.placeholder == f"{yes} {'or' if talk == 'en' else 'tai' if talk == 'fi' else 'eller'} {no}", "the words it reads, in the box"
        assert len(box.placeholder) < box.content_region.width, (box.placeholder, box.content_region.width)
        assert hint(chat), "the line under it says the next one can be typed there"


async def test_enter_in_the_empty_box_takes_the_suggested_button(tmp_path: Path) -> None:
    app = SelosteApp(answers_until(tmp_path, BEFORE_DPO), "en")
    async with app.run_test(size=(80, 24)) as pilot:
        chat = await open_chat(pilot)
        assert chat.step.question.id == "dpo" and chat.step.default is False  # suggested: No
        box = yes_no_box(chat)
        assert app.focused is box and box.value == "" and box.placeholder == "yes or no"
        assert chat.query_one("#answer-no").variant == "primary"
        await pilot.press("enter")
        await until(pilot, lambda: chat.step.question.id != "dpo")
        assert chat.step.question.id == "joint_controllers"


async def test_the_buttons_answer_by_tab_and_enter_and_yes_takes_the_text_in_the_box_along(tmp_path: Path) -> None:
    app = SelosteApp(one_purpose(tmp_path), "en")
    async with app.run_test(size=(80, 24)) as pilot:
        chat = await open_chat(pilot)
        yes_no_box(chat).value = "Events"
        await pilot.press("tab")
        assert app.focused is chat.query_one("#answer-yes")
        await pilot.press("enter")
        await until(pilot, lambda: chat.step.mode == "answer" and chat.query(RecordForm))
        assert chat.query_one("#field-description", Input).value == "Events"


async def test_shift_tab_from_the_box_selects_the_latest_answer_to_change_it(tmp_path: Path) -> None:
    from wizard.tui.widgets.bubbles import AnswerBubble

    app = SelosteApp(one_purpose(tmp_path), "en")
    async with app.run_test(size=(80, 24)) as pilot:
        chat = await open_chat(pilot)
        await pilot.press("shift+tab")
        assert app.focused is chat.query(AnswerBubble).last()


def test_a_typed_yes_or_no_is_read_with_the_conversation_language_s_words_only() -> None:
    assert [as_bool(word, "fi") for word in ("kyllä", "Kyllä.", "k", "joo", "kylla", "ei", "e", "no", "yes", "n")] == [
        True, True, True, True, True, False, False, None, None, None,
    ]
    assert [as_bool(word, "sv") for word in ("ja", "j", "nej", "n", "no", "yes")] == [True, True, False, False, None, None]
    assert [as_bool(word, "en") for word in ("yes", "y", "no", "n", "kyllä", "ja")] == [True, True, False, False, None, None]
    assert as_bool("true") is True and as_bool("off") is False and as_bool("ei") is False  # a file: any of them
    assert [begins_with_yes_or_no(text) for text in ("no thanks", "Ei, kiitos", "nej tack", "e-mail subscribers", "loyalty club")] == [
        True, True, True, False, False,
    ]


def test_add_another_at_80x24_in_finnish_asked_again(snap_compare: Any, tmp_path: Path) -> None:
    """The box beside the buttons, what was typed still in it, the question asked again under them."""

    async def run_before(pilot: Any) -> None:
        chat = await open_chat(pilot, "fi")
        await pilot.press("n", "o", "enter")
        await until(pilot, lambda: "Kirjoita" in hint(chat))
        chat.query_one("#transcript").styles.scrollbar_size_vertical = 0
        await pilot.pause()

    assert snap_compare(SelosteApp(one_purpose(tmp_path), "fi"), terminal_size=(80, 24), run_before=run_before)


@SIZES
async def test_typing_on_a_button_of_add_another_types_into_its_box(tmp_path: Path, size: tuple[int, int]) -> None:
    app = SelosteApp(one_purpose(tmp_path), "fi")
    async with app.run_test(size=size) as pilot:
        chat = await open_chat(pilot, "fi")
        box = yes_no_box(chat)
        box.value = "2 vuotta jäsenyyden päättymisestä"  # stray text, typed for the question before
        box.cursor_position = len(box.value)
        chat.query_one("#answer-yes").focus()  # a Tab typed for that question too
        await until(pilot, lambda: app.focused is chat.query_one("#answer-yes"))
        keys_at_full_speed(app, "ctrl+u", *"Pöytävaraukset", "enter", *" verkossa")
        await until(pilot, lambda: any(box.value.endswith("verkossa") for box in chat.query("#field-description")))
        description = chat.query_one("#field-description", Input)
        assert description.value == "Pöytävaraukset verkossa", "every key typed is in the new purpose's first box"
        assert app.focused is description
