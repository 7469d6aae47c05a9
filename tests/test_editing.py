"""Changing earlier answers in the chat: going back, the review's sections, deleting and moving a list's items,
and where the focus lands. Each test opens the chat on an answers file, so no test walks a whole interview.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Collapsible, Input, Select, SelectionList
from textual.widgets._collapsible import CollapsibleTitle

from test_chat import BEFORE_PURPOSES, SIZES, answers_until, open_chat, saved, webshop, whole_example
from test_tui import home, no_cursor_blink, until  # noqa: F401 - the chat tests' own folder and steady cursor

from wizard.tui.app import SelosteApp
from wizard.tui.screens.chat import ChatScreen
from wizard.tui.screens.dialogs import ChoiceDialog
from wizard.tui.screens.review import ReviewRow, ReviewScreen
from wizard.tui.widgets.composer import RecordForm

PURPOSE_IDS = [purpose["id"] for purpose in webshop()["purposes"]]


def in_english(text: Any) -> str:
    """A text of the webshop as the chat shows it: in the notice's language, English (`open_chat`)."""
    return text["en"] if isinstance(text, dict) else text


def unfolded(review: ReviewScreen) -> list[str]:
    return [(section.id or "").removeprefix("section-") for section in review.query(Collapsible) if not section.collapsed]


def row_of(review: ReviewScreen, target: tuple[str, int | None]) -> ReviewRow:
    return next(row for row in review.query(ReviewRow) if row.entry is not None and row.entry.target == target)


def after_findings(review: ReviewScreen) -> int:
    """Where PgDn starts in a review opened on no answer: the check's first finding (so the first PgDn goes to the
    section after the findings), or Export when there are none (so it goes to the first section)."""
    return 1 if review.query("#section-findings ReviewRow") else 0


async def open_section(pilot: Any, review: ReviewScreen, section: str) -> None:
    """PgDn from section to section until `section`'s title, then Enter unfolds it."""
    for _section in range(20):
        await pilot.press("pagedown")
        focused = pilot.app.focused
        if isinstance(focused, CollapsibleTitle) and focused.parent.id == f"section-{section}":
            break
    if section not in unfolded(review):
        await pilot.press("enter")
    assert section in unfolded(review)


async def open_review_at_the_end(pilot: Any) -> tuple[ChatScreen, ReviewScreen]:
    """A chat on a complete answers file: everything is answered, so the review opens."""
    chat = await open_chat(pilot)
    await until(pilot, lambda: isinstance(pilot.app.screen, ReviewScreen))
    return chat, pilot.app.screen


async def test_going_back_lands_in_the_box_with_the_answer_and_typing_adds_to_it(tmp_path: Path) -> None:
    path = answers_until(tmp_path, BEFORE_PURPOSES, purposes=webshop()["purposes"][:2])
    app = SelosteApp(path, "en")
    async with app.run_test(size=(80, 24)) as pilot:
        chat = await open_chat(pilot)
        assert chat.step.mode == "another"
        await pilot.press("f4")  # back to the second purpose's form
        await until(pilot, lambda: chat.step.mode == "answer" and chat.query(RecordForm))
        description = chat.query_one("#field-description", Input)
        assert app.focused is description, "the focus is in the form's first box, not on the transcript"
        await pilot.press("space", "x")
        assert description.value == in_english(webshop()["purposes"][1]["description"]) + " x", "the answer was kept and added to"

        await pilot.press("f4", "f4", "f4")  # back past the purposes, to the last text answer
        await until(pilot, lambda: chat.step.question.id == "data_subjects")
        box = chat.query_one("#answer-text", Input)
        assert app.focused is box
        await pilot.press("s")
        assert box.value == in_english(webshop()["processing"]["data_subjects"][-1]) + "s"


async def test_f5_opens_every_answer_by_section_at_the_latest_and_a_chosen_one_is_asked_with_the_focus_in_its_box(
    tmp_path: Path,
) -> None:
    path = answers_until(tmp_path, BEFORE_PURPOSES, purposes=webshop()["purposes"][:2])
    app = SelosteApp(path, "en")
    async with app.run_test(size=(80, 24)) as pilot:
        chat = await open_chat(pilot)
        await pilot.press("f5")
        await until(pilot, lambda: isinstance(app.screen, ReviewScreen))
        review = app.screen
        assert isinstance(app.focused, ReviewRow) and app.focused.entry.target == ("purposes", 1)
        assert unfolded(review) == ["purposes"], "only the section of the latest answer is open"
        shown = str(app.focused.render())
        assert "(2/2)" in shown and in_english(webshop()["purposes"][1]["contract"]) in shown, "an item is shown field by field"

        await pilot.press("pageup")  # the section before: its title
        assert isinstance(app.focused, CollapsibleTitle) and app.focused.parent.id == "section-processing"
        await pilot.press("enter", "down")  # open it and go to its first answer
        assert "processing" in unfolded(review)
        assert isinstance(app.focused, ReviewRow) and app.focused.entry.target == ("processing_name", None)
        await pilot.press("down")
        assert app.focused.entry.target == ("processing_description", None)
        await pilot.press("enter")
        await until(pilot, lambda: app.screen is chat and chat.step.question.id == "processing_description")
        await until(pilot, lambda: app.focused is chat.query_one("#answer-text", Input))
        assert chat.query_one("#answer-text", Input).value == in_english(webshop()["processing"]["description"])


async def test_a_purpose_is_deleted_at_the_review_and_the_data_it_was_for_are_asked_again(tmp_path: Path) -> None:
    app = SelosteApp(whole_example(tmp_path, "webshop"), "en")
    async with app.run_test(size=(80, 24)) as pilot:
        chat, review = await open_review_at_the_end(pilot)
        await open_section(pilot, review, "purposes")
        row_of(review, ("purposes", 1)).focus()
        await pilot.press("delete")
        await until(pilot, lambda: isinstance(app.screen, ChoiceDialog))
        await pilot.press("escape")  # not after all
        await until(pilot, lambda: app.screen is review)
        assert [purpose["id"] for purpose in saved(chat)["purposes"]] == PURPOSE_IDS

        await pilot.press("delete")
        await until(pilot, lambda: isinstance(app.screen, ChoiceDialog))
        assert app.focused is app.screen.query_one("#choice-keep"), "the safe choice is the one Enter takes"
        said = str(app.screen.query_one("#dialog-detail").render())
        assert said == str(row_of(review, ("purposes", 1)).render()), "the dialog says which purpose goes, field by field"
        await pilot.press("enter")  # keeps it
        await until(pilot, lambda: app.screen is review)
        assert [purpose["id"] for purpose in saved(chat)["purposes"]] == PURPOSE_IDS

        await pilot.press("delete")
        await until(pilot, lambda: isinstance(app.screen, ChoiceDialog))
        await pilot.press("shift+tab", "enter")  # to Delete, and delete
        await until(pilot, lambda: app.screen is review and review.query(".review-removed"))
        assert [purpose["id"] for purpose in saved(chat)["purposes"]] == [PURPOSE_IDS[0], *PURPOSE_IDS[2:]]
        removed = str(review.query_one(".review-removed").render())  # the data categories that were for it lose it
        assert "accounts" in removed and "What kind of data do you keep?" in removed
        assert isinstance(app.focused, ReviewRow) and app.focused.entry.target == ("purposes", 1), "the next purpose"

        await pilot.press("escape")  # the data kept only for that purpose now need one: the chat asks
        await until(pilot, lambda: app.screen is chat and chat.step is not None)
        assert (chat.step.question.id, chat.step.item) == ("personal_data", 2)
        assert isinstance(app.focused, Input) and app.focused.id == "field-name"


async def test_a_list_s_items_are_moved_with_ctrl_up_and_down_and_the_focus_follows(tmp_path: Path) -> None:
    app = SelosteApp(whole_example(tmp_path, "webshop"), "en")
    async with app.run_test(size=(80, 24)) as pilot:
        chat, review = await open_review_at_the_end(pilot)
        await open_section(pilot, review, "purposes")
        await pilot.press("down")
        assert app.focused.entry.target == ("purposes", 0)
        await pilot.press("ctrl+down", "ctrl+down")
        await until(pilot, lambda: saved(chat)["purposes"][2]["id"] == PURPOSE_IDS[0])
        assert [purpose["id"] for purpose in saved(chat)["purposes"]] == [*PURPOSE_IDS[1:3], PURPOSE_IDS[0], *PURPOSE_IDS[3:]]
        assert app.focused.entry.target == ("purposes", 2), "the focus moves with the item"
        await pilot.press("ctrl+up")
        await until(pilot, lambda: saved(chat)["purposes"][1]["id"] == PURPOSE_IDS[0])
        assert saved(chat)["personal_data"] == webshop()["personal_data"], "the data still point at their purposes"
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is chat)
        assert chat.step is None, "moving an item leaves nothing to ask"


async def test_the_next_item_s_form_holds_none_of_the_last_item_s_answers(tmp_path: Path) -> None:
    path = answers_until(tmp_path, BEFORE_PURPOSES, purposes=webshop()["purposes"][:3])  # the last: bookkeeping, by law
    app = SelosteApp(path, "en")
    async with app.run_test(size=(80, 24)) as pilot:
        chat = await open_chat(pilot)
        await pilot.press("f4")  # the bookkeeping purpose's form, with its law
        await until(pilot, lambda: chat.step.mode == "answer" and chat.query(RecordForm))
        form = chat.query_one(RecordForm)
        await until(pilot, lambda: form.values().get("law") == in_english(webshop()["purposes"][2]["law"]))
        await pilot.press("f4")  # the purpose before it: a contract, no law
        await until(pilot, lambda: chat.step.item == 1 and chat.query_one(RecordForm).values().get("description") == in_english(webshop()["purposes"][1]["description"]))
        form = chat.query_one(RecordForm)
        assert "law" not in form.values()
        form.query_one("#field-basis", Select).value = "legal_obligation"  # the law's box comes back: empty
        await until(pilot, lambda: "law" in form.values())
        assert form.values()["law"] == ""
        assert form.values()["description"] == in_english(webshop()["purposes"][1]["description"])


async def test_keys_typed_after_enter_on_a_review_answer_go_into_its_question(tmp_path: Path) -> None:
    from test_chat import keys_at_full_speed

    path = answers_until(tmp_path, BEFORE_PURPOSES, purposes=webshop()["purposes"][:2])
    app = SelosteApp(path, "en")
    async with app.run_test(size=(80, 24)) as pilot:
        chat = await open_chat(pilot)
        await pilot.press("f5")
        await until(pilot, lambda: isinstance(app.screen, ReviewScreen) and isinstance(app.focused, ReviewRow))
        keys_at_full_speed(app, "enter", *" etc")  # at the latest answer: the second purpose
        await until(pilot, lambda: app.screen is chat and chat.query(RecordForm))
        description = chat.query_one(RecordForm).query_one("#field-description", Input)
        await until(pilot, lambda: description.value.endswith(" etc"))
        assert description.value == in_english(webshop()["purposes"][1]["description"]) + " etc"
        assert app.focused is description


async def test_keys_typed_after_saving_a_changed_answer_act_in_the_review_that_comes_back(tmp_path: Path) -> None:
    from test_chat import keys_at_full_speed

    app = SelosteApp(whole_example(tmp_path, "webshop"), "en")
    async with app.run_test(size=(80, 24)) as pilot:
        chat, review = await open_review_at_the_end(pilot)
        row_of(review, ("processing_name", None)).focus()
        await pilot.press("enter")
        await until(pilot, lambda: app.screen is chat and isinstance(app.focused, Input))
        app.focused.value = "Web shop"
        keys_at_full_speed(app, "enter", "pagedown", "pagedown")  # saved; the review comes back: its second section
        await until(pilot, lambda: isinstance(app.screen, ReviewScreen) and app.screen is not review)
        again = app.screen
        titles = list(again.query(CollapsibleTitle))
        await until(pilot, lambda: app.focused is titles[after_findings(again) + 1])
    assert saved(chat)["processing"]["name"] == "Web shop"


async def test_keys_typed_right_after_f5_and_f6_act_in_the_review_they_open(tmp_path: Path) -> None:
    from test_chat import keys_at_full_speed

    path = answers_until(tmp_path, BEFORE_PURPOSES, purposes=webshop()["purposes"][:2])
    app = SelosteApp(path, "en")
    async with app.run_test(size=(80, 24)) as pilot:
        chat = await open_chat(pilot)
        keys_at_full_speed(app, "f5", "pageup", "enter", "down", "down")  # the section before the latest answer's
        await until(pilot, lambda: isinstance(app.screen, ReviewScreen))
        review = app.screen
        await until(pilot, lambda: isinstance(app.focused, ReviewRow) and app.focused.entry.target == ("processing_description", None))
        assert unfolded(review) == ["processing", "purposes"]
        keys_at_full_speed(app, "escape", "f6", "pagedown", "pagedown")  # the review anew: its second section
        await until(pilot, lambda: app.screen is not review and isinstance(app.screen, ReviewScreen))
        titles = list(app.screen.query(CollapsibleTitle))
        await until(pilot, lambda: app.focused is titles[after_findings(app.screen) + 1])
        assert app.screen is not chat


@SIZES
async def test_keys_typed_in_one_burst_at_the_review_act_in_turn(tmp_path: Path, size: tuple[int, int]) -> None:
    from test_chat import keys_at_full_speed

    app = SelosteApp(whole_example(tmp_path, "webshop"), "en")
    async with app.run_test(size=size) as pilot:
        chat, review = await open_review_at_the_end(pilot)
        second = list(review.query(CollapsibleTitle))[1].parent
        assert second.id == "section-contacts"
        asked = list(second.query(ReviewRow))[1].target
        # The second section's title, open it, its second answer, change it: typed faster than the review draws.
        keys_at_full_speed(app, "pagedown", "pagedown", "enter", "down", "down", "enter", *" etc")
        await until(pilot, lambda: app.screen is chat and chat.step is not None and isinstance(app.focused, Input))
        assert (chat.step.question.id, chat.step.item) == asked == ("privacy_contact_name", None)
        await until(pilot, lambda: app.focused.value.endswith(" etc"))
        assert app.focused.value == webshop()["privacy_contact"]["name"] + " etc"


def keys_in_sight(review: ReviewScreen) -> list[str]:
    """The footer's keys shown whole on the screen, as "key label"."""
    width = review.app.size.width
    keys = review.query("FooterKey")
    return [f"{key.key_display} {key.description}" for key in keys if key.region.width and key.region.right <= width]


@pytest.mark.parametrize("size", [(60, 20), (80, 24), (120, 40)], ids=["60x20", "80x24", "120x40"])
async def test_on_a_list_s_item_the_review_shows_every_key_it_needs_in_finnish(tmp_path: Path, size: tuple[int, int]) -> None:
    app = SelosteApp(whole_example(tmp_path, "webshop"), "fi")
    async with app.run_test(size=size) as pilot:
        chat = await open_chat(pilot, "fi")
        await until(pilot, lambda: isinstance(app.screen, ReviewScreen))
        review = app.screen
        await open_section(pilot, review, "purposes")
        row_of(review, ("purposes", 1)).focus()  # an item that moves up and down, deletes, and adds one more
        await until(pilot, lambda: any(key.action == "add" for key in review.query("FooterKey")))
        shown = keys_in_sight(review)
        assert {"+ Lisää uusi", "esc Takaisin", "f9 Vie", "^q Lopeta"} <= set(shown), shown
        line = str(review.query_one("#review-keys").render())  # the keys of the list: in the key line above it
        assert all(key in line for key in ("Enter", "PgUp/PgDn", "Delete", "Ctrl+↑ / Ctrl+↓", "↑ ↓"))
        lines = review.query_one("#review-keys").region
        assert lines.height and lines.bottom <= size[1]


def test_the_review_at_80x24_on_a_purpose_in_finnish(snap_compare: Any, tmp_path: Path) -> None:
    async def run_before(pilot: Any) -> None:
        app = pilot.app
        await open_chat(pilot, "fi")
        await until(pilot, lambda: isinstance(app.screen, ReviewScreen))
        review = app.screen
        await open_section(pilot, review, "purposes")
        await pilot.press("down", "down")  # the second purpose: its footer has + and the list's keys are above
        await until(pilot, lambda: any(key.action == "add" for key in review.query("FooterKey")))
        await pilot.wait_for_scheduled_animations()

    assert snap_compare(SelosteApp(whole_example(tmp_path, "webshop"), "fi"), terminal_size=(80, 24), run_before=run_before)


@pytest.mark.parametrize(("size", "lang"), [((80, 24), "fi"), ((120, 40), "en")], ids=["80x24-fi", "120x40-en"])
async def test_a_finding_opens_its_question_with_the_focus_in_the_box_it_is_about(tmp_path: Path, size: tuple[int, int], lang: str) -> None:
    from test_chat import keys_at_full_speed, shown_whole
    from test_chat_words import webshop_with_a_warning

    app = SelosteApp(webshop_with_a_warning(tmp_path), lang)  # a recipient that does not say for which purposes
    async with app.run_test(size=size) as pilot:
        chat = await open_chat(pilot, lang)
        await until(pilot, lambda: isinstance(app.screen, ReviewScreen))
        finding = app.screen.query("#section-findings ReviewRow").first()
        assert app.focused is finding
        keys_at_full_speed(app, "enter", " ")  # typed on at once: the first purpose ticked in the box the finding names
        await until(pilot, lambda: app.screen is chat and chat.query(RecordForm))
        ticks = chat.query_one(RecordForm).query_one("#field-purposes", SelectionList)
        await until(pilot, lambda: app.focused is not None and app.focused.parent is not finding.parent)
        assert app.focused is ticks, "not the form's first box (the recipient's name)"
        await until(pilot, lambda: ticks.selected)
        assert ticks.selected == [ticks.get_option_at_index(0).value]
        await until(pilot, lambda: shown_whole(ticks))


async def test_the_header_keeps_the_whole_interview_s_progress_while_one_more_item_is_added_at_the_review(tmp_path: Path) -> None:
    app = SelosteApp(whole_example(tmp_path, "webshop"), "en")
    async with app.run_test(size=(80, 24)) as pilot:
        chat, review = await open_review_at_the_end(pilot)

        def header() -> str:
            return str(chat.query_one("#status").render())

        assert header().endswith("100 %")
        groups = saved(chat)["processing"]["data_subjects"]
        await open_section(pilot, review, "processing")
        row_of(review, ("data_subjects", len(groups) - 1)).focus()
        await pilot.press("plus")  # one more group of people: an early question of the interview
        await until(pilot, lambda: app.screen is chat and chat.step is not None and chat.step.question.id == "data_subjects")
        assert header().endswith("100 %"), header()
        chat.query_one("#answer-text", Input).value = "members"
        await pilot.press("enter")
        await until(pilot, lambda: chat.step is not None and chat.step.mode == "another")
        assert header().endswith("100 %"), header()
        await pilot.press("n", "enter")
        await until(pilot, lambda: isinstance(app.screen, ReviewScreen) and app.screen is not review)
        assert header().endswith("100 %"), header()
    assert saved(chat)["processing"]["data_subjects"] == [*groups, "members"]


@pytest.mark.parametrize(("size", "lang"), [((80, 24), "fi"), ((120, 40), "en")], ids=["80x24-fi", "120x40-en"])
async def test_f2_at_the_review_shows_its_rows_in_the_new_language_the_focus_where_it_was(tmp_path: Path, size: tuple[int, int], lang: str) -> None:
    from test_chat import keys_at_full_speed

    from wizard.i18n import _
    from wizard.languages import next_language
    from wizard.tui.widgets.bubbles import ReplyBubble

    def prompt(review: ReviewScreen, target: tuple[str, int | None], lang: str) -> str:
        entries = [entry for section in review.session.answers_by_section(lang) for entry in section.entries]
        return next(entry.prompt for entry in entries if entry.target == target)

    app = SelosteApp(whole_example(tmp_path, "webshop"), lang)
    async with app.run_test(size=size) as pilot:
        chat = await open_chat(pilot, lang)
        await until(pilot, lambda: isinstance(app.screen, ReviewScreen))
        review = app.screen
        await open_section(pilot, review, "contacts")
        await pilot.press("down", "down")
        second = app.focused.entry.target
        third = list(review.query("#section-contacts ReviewRow"))[2].entry.target
        switched = next_language(lang).code
        keys_at_full_speed(app, "f2", "down")  # typed on at once: from the row in focus, in the rows drawn anew
        await until(pilot, lambda: review.session.conversation_lang == switched and isinstance(app.focused, ReviewRow) and app.focused.entry.target == third)
        assert prompt(review, third, switched) in str(app.focused.render())
        assert prompt(review, second, switched) in str(row_of(review, second).render())
        assert prompt(review, second, lang) not in str(row_of(review, second).render())
        assert str(review.query_one("#status").render()) == _("Review your answers", switched)
        for button, words in (("#review-export", "Export the notice"), ("#review-close", "Back to the chat")):
            shown = review.query_one(button)
            assert str(shown.label) == _(words, switched) and shown.content_region.width >= len(_(words, switched)), "its whole words"
        assert unfolded(review) == ["contacts"], "the sections open and folded as they were"

        await pilot.press("up", "up", "up")  # its section's title
        title = app.focused
        assert isinstance(title, CollapsibleTitle) and title.parent.id == "section-contacts"
        again = next_language(switched).code
        await pilot.press("f2")
        await until(pilot, lambda: review.session.conversation_lang == again and isinstance(app.focused, CollapsibleTitle))
        assert app.focused.parent.id == "section-contacts"
        heading = next(section.title for section in review.session.answers_by_section(again) if section.id == "contacts")
        assert heading in str(app.focused.render())

        await pilot.press("escape")  # the chat below speaks the new language too
        await until(pilot, lambda: app.screen is chat)
        await until(pilot, lambda: chat.query(ReplyBubble))
        shown = " ".join(str(bubble.render()) for bubble in chat.query(ReplyBubble))
        assert _("Everything is answered. Check the answers and export the notice.", again) in shown
