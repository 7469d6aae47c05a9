"""What the chat tells its user to do, in its own words: in which language to write the texts that go into the
notice as written, how a one-box list item is saved, where the focus is in the review, how to leave an item
added by mistake, and what a finding asks of the user.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets._collapsible import CollapsibleTitle
from textual.widgets._footer import FooterKey

from test_chat import answers_until, before_purposes, keys_at_full_speed, open_chat, saved, webshop, whole_example
from test_tui import home, no_cursor_blink, until  # the chat tests' own folder and steady cursor  # noqa: F401

from wizard.languages import CODES
from wizard.tui.app import SelosteApp
from wizard.tui.screens.review import ReviewRow, ReviewScreen
from wizard.tui.widgets.bubbles import ReplyBubble
from wizard.tui.widgets.composer import Composer, RecordForm

BEFORE_PROCESSING = ["controller", "privacy_contact"]


def replies(chat) -> list[str]:  # type: ignore[no-untyped-def]
    return [str(reply.render()) for reply in chat.query(ReplyBubble)]


# --- the texts go into the notice as written: the chat says in which language to write them ----------------------


async def test_an_english_chat_for_a_swedish_notice_asks_for_the_texts_in_swedish(tmp_path: Path) -> None:
    path = before_purposes(tmp_path)
    app = SelosteApp(path, "en")
    async with app.run_test(size=(120, 40)) as pilot:
        chat = await open_chat(pilot, "sv", talk="en")
        said = "Write your answers in Swedish: they go into the notice as you write them."
        assert any(said in reply for reply in replies(chat))
        await until(pilot, lambda: chat.query(RecordForm))
        form = chat.query_one(RecordForm)
        labels = {str(label.parent.id): str(label.render()) for label in form.query(Label) if label.has_class("record-label")}
        assert labels["row-description"].endswith("(in Swedish)"), "a text box says in which language to write"
        assert not labels["row-basis"].endswith("(in Swedish)"), "a choice is no text of the user's"
    assert chat.session.interview.text_language == "sv"


async def test_a_notice_language_changed_with_f4_before_any_text_changes_the_language_to_write_in() -> None:
    app = SelosteApp(None, "en")
    async with app.run_test(size=(80, 24)) as pilot:
        chat = await open_chat(pilot, "fi", talk="en")
        assert any("Write your answers in Finnish" in reply for reply in replies(chat))
        await pilot.press("f4")  # back from the first question: the notice's language is asked again
        await until(pilot, lambda: chat.notice_lang is None and chat.query("#answer-choice"))
        chat.query_one("#answer-choice", OptionList).highlighted = CODES.index("sv")
        await pilot.press("enter")
        await until(pilot, lambda: chat.notice_lang == "sv" and chat.step is not None)
        assert chat.session.interview.text_language == "sv"
        said = replies(chat)
        assert "Write your answers in Swedish" in said[-1] and not any("in Finnish" in reply for reply in said), said


async def test_a_single_text_box_says_in_which_language_to_write(tmp_path: Path) -> None:
    path = answers_until(tmp_path, BEFORE_PROCESSING, joint_controllers=[])
    app = SelosteApp(path, "fi")
    async with app.run_test(size=(80, 24)) as pilot:
        chat = await open_chat(pilot, "sv", talk="fi")
        await until(pilot, lambda: chat.step.question.id in ("dpo", "processing_name"))
        while chat.step.question.id != "processing_name":
            chat.query_one("#answer-yes-no-text", Input).value = "ei"
            question = chat.step.question.id
            chat.query_one("#answer-yes-no-text", Input).focus()
            await pilot.press("enter")
            await until(pilot, lambda: chat.step.question.id != question)
        box = chat.query_one("#answer-text", Input)
        assert box.placeholder.startswith("Ruotsiksi"), box.placeholder
        assert any("Kirjoita vastauksesi ruotsiksi" in reply for reply in replies(chat))


async def test_the_same_languages_say_nothing_about_it(tmp_path: Path) -> None:
    app = SelosteApp(before_purposes(tmp_path), "en")
    async with app.run_test(size=(120, 40)) as pilot:
        chat = await open_chat(pilot, "en")
        await until(pilot, lambda: chat.query(RecordForm))
        assert not any("Write your answers" in reply for reply in replies(chat))
        assert not [label for label in chat.query_one(RecordForm).query(Label) if "(in " in str(label.render())]


@pytest.mark.parametrize(("notice", "talk", "shown"), [("sv", "en", "In Swedish: e.g. kunder"), ("en", "fi", "Englanniksi: esim. customers")])
async def test_the_example_in_a_text_box_is_in_the_language_to_write_in_or_left_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, notice: str, talk: str, shown: str
) -> None:
    from wizard.i18n import translations

    processing = {key: value for key, value in webshop()["processing"].items() if key in ("name", "description")}
    app = SelosteApp(answers_until(tmp_path, BEFORE_PROCESSING, processing=processing), talk)
    async with app.run_test(size=(120, 40)) as pilot:
        chat = await open_chat(pilot, notice, talk=talk)
        assert chat.step.question.id == "data_subjects"
        assert chat.query_one("#answer-text", Input).placeholder == shown
        if notice != "en":  # a language with no example for it: none, rather than one in the chat's language
            monkeypatch.delitem(translations(notice).messages, "customers")
            assert chat.ask_for(chat.step).placeholder == "In Swedish"


# --- a hint longer than its box: shown whole under the box, never cut off in it -----------------------------------


def hint_shown(chat) -> str:  # type: ignore[no-untyped-def]
    return str(chat.query_one("#answer-hint").render())


@pytest.mark.parametrize("size", [(80, 24), (60, 20)], ids=["80x24", "60x20"])
async def test_a_long_finnish_example_is_shown_whole_under_a_narrow_box_while_it_is_empty(tmp_path: Path, size: tuple[int, int]) -> None:
    from rich.cells import cell_len

    processing = {"name": webshop()["processing"]["name"]}
    app = SelosteApp(answers_until(tmp_path, BEFORE_PROCESSING, processing=processing), "fi")
    async with app.run_test(size=size) as pilot:
        chat = await open_chat(pilot, "fi")
        assert chat.step.question.id == "processing_description"
        box = chat.query_one("#answer-text", Input)
        example = "esim. Pöytävaraukset, kanta-asiakaskorttimme ja kuukausittainen uutiskirje."
        await until(pilot, lambda: example in hint_shown(chat))  # too long for the box: whole, under it
        assert cell_len(box.placeholder) <= box.content_region.width, "nothing cut off in the box"
        keys_at_full_speed(app, *"Ajanvaraukset ja kanta-asiakkaat.")
        await until(pilot, lambda: box.value == "Ajanvaraukset ja kanta-asiakkaat.")
        assert example not in hint_shown(chat), "gone once typing starts, as a hint in the box would be"
        box.value = ""
        await until(pilot, lambda: example in hint_shown(chat))


async def test_at_60x20_the_hint_of_add_another_is_shown_whole_under_its_narrow_box(tmp_path: Path) -> None:
    from rich.cells import cell_len

    path = answers_until(tmp_path, ["controller", "privacy_contact", "processing"], purposes=webshop()["purposes"][:1])
    app = SelosteApp(path, "fi")
    async with app.run_test(size=(60, 20)) as pilot:
        chat = await open_chat(pilot, "fi")
        assert chat.step.mode == "another"
        box = chat.query_one("#answer-yes-no-text", Input)
        await until(pilot, lambda: "Tai kirjoita seuraava tähän: Enter lisää sen." in hint_shown(chat))
        assert box.placeholder == "kyllä tai ei" and cell_len(box.placeholder) < box.content_region.width


async def test_a_demonstration_s_long_suggestion_in_a_form_is_shown_whole_under_its_box_while_it_is_empty() -> None:
    from rich.cells import cell_len

    from test_tui import choose_languages

    app = SelosteApp(None, "fi", example="salon")
    async with app.run_test(size=(80, 24)) as pilot:
        chat = await choose_languages(pilot, "fi", "fi")
        while chat.step.question.id != "purposes" or chat.step.mode != "answer":  # Enter takes each suggestion
            asked = chat.query_one(Composer).ask
            await pilot.press("enter")
            await until(pilot, lambda: chat.query_one(Composer).ask is not asked)
        await until(pilot, lambda: chat.query(RecordForm))
        form = chat.query_one(RecordForm)
        box = form.query_one("#field-description", Input)
        suggestion = "Ehdotus: " + chat.step.default["description"]
        assert cell_len(suggestion) > box.content_region.width, "the salon's first purpose: longer than the box"
        hint = form.query_one("#hint-description", Static)
        await until(pilot, lambda: hint.display and str(hint.render()) == suggestion)  # whole, under its box
        assert cell_len(box.placeholder) < box.content_region.width, "nothing cut off in the box"
        box.focus()
        keys_at_full_speed(app, *"Ajanvaraukset ja asiakaskortit")
        await until(pilot, lambda: box.value == "Ajanvaraukset ja asiakaskortit")
        assert not hint.display, "gone once typing starts, as a hint in the box would be"
        box.value = ""
        await until(pilot, lambda: hint.display)


async def test_an_example_that_fits_its_box_stays_in_it(tmp_path: Path) -> None:
    processing = {"name": webshop()["processing"]["name"]}
    app = SelosteApp(answers_until(tmp_path, BEFORE_PROCESSING, processing=processing), "fi")
    async with app.run_test(size=(120, 40)) as pilot:
        chat = await open_chat(pilot, "fi")
        box = chat.query_one("#answer-text", Input)
        assert box.placeholder == "esim. Pöytävaraukset, kanta-asiakaskorttimme ja kuukausittainen uutiskirje."
        assert "esim." not in hint_shown(chat)


# --- "add another?" of a list whose item is one box: the text typed there is the whole item ----------------------


async def test_at_add_another_of_a_one_box_list_enter_saves_the_typed_item_and_asks_again(tmp_path: Path) -> None:
    processing = {**webshop()["processing"], "data_subjects": ["verkkokaupan asiakkaat"]}
    app = SelosteApp(answers_until(tmp_path, BEFORE_PROCESSING, processing=processing), "fi")
    async with app.run_test(size=(80, 24)) as pilot:
        chat = await open_chat(pilot, "fi")
        assert (chat.step.question.id, chat.step.mode) == ("data_subjects", "another")
        keys_at_full_speed(app, *"pöydän verkossa varanneet asiakkaat", "enter", *"ei", "enter")
        await until(pilot, lambda: chat.step is not None and chat.step.question.id != "data_subjects")
    assert saved(chat)["processing"]["data_subjects"] == ["verkkokaupan asiakkaat", "pöydän verkossa varanneet asiakkaat"]


# --- the review opens with the focus where its marker is --------------------------------------------------------


def webshop_with_a_warning(folder: Path, **changes: Any) -> Path:
    """The whole webshop, one recipient not saying for which purposes it gets the data: the check warns."""
    data = webshop()
    data["notice"]["date"] = "2026-11-22"
    del data["recipients"][0]["purposes"]
    data.update(changes)
    path = folder / "webshop.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


async def test_the_review_opens_on_the_check_s_first_finding_and_enter_opens_it(tmp_path: Path) -> None:
    app = SelosteApp(webshop_with_a_warning(tmp_path), "fi")
    async with app.run_test(size=(80, 24)) as pilot:
        chat = await open_chat(pilot, "fi")
        await until(pilot, lambda: isinstance(app.screen, ReviewScreen))
        review = app.screen
        first = review.query(f"#section-findings {ReviewRow.__name__}").first()
        assert app.focused is first, "the row that shows the focus marker has the focus, not Export"
        await pilot.press("pagedown")  # from the first finding on to the next section, not up to the check's title
        titles = list(review.query(CollapsibleTitle))
        assert app.focused is titles[1]
        assert first.styles.border_left[0] != "thick", "a warning not in focus has no bar like the focus's"
        await pilot.press("pageup", "down", "enter")  # back to the finding: Enter opens its question
        await until(pilot, lambda: app.screen is chat and chat.step is not None)
        assert (chat.step.question.id, chat.step.item) == ("recipients", 0)


async def test_without_findings_the_review_opens_on_export(tmp_path: Path) -> None:
    app = SelosteApp(whole_example(tmp_path, "webshop"), "en")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_chat(pilot, "en")
        await until(pilot, lambda: isinstance(app.screen, ReviewScreen))
        assert app.focused is app.screen.query_one("#review-export")


# --- the check's findings in the chat's words: what to do in the chat, never in the file ------------------------


async def test_the_review_s_findings_say_what_to_do_in_the_chat_not_in_the_file(tmp_path: Path) -> None:
    data = webshop()
    english = "We use the data to send the orders and to answer the questions of our customers."
    purposes = [{**data["purposes"][0], "description": english}, *data["purposes"][1:]]
    app = SelosteApp(webshop_with_a_warning(tmp_path, purposes=purposes, language="sv"), "en")
    async with app.run_test(size=(120, 40)) as pilot:
        await open_chat(pilot, "sv", talk="en")
        await until(pilot, lambda: isinstance(app.screen, ReviewScreen))
        shown = "\n".join(str(row.render()) for row in app.screen.query(f"#section-findings {ReviewRow.__name__}"))
    assert "file" not in shown and "language:" not in shown, shown
    assert "You did not say for which purposes “Transportföretag” gets the data" in shown, shown
    assert "should be written in Swedish, but it seems to be written in English" in shown, shown
    assert "write it in Swedish" in shown, shown
    assert "has no text in English" in shown and "The export asks for it in English" in shown, shown


# --- a new item opened by mistake: Esc while it is empty leaves it, as if the answer had been no -----------------


async def test_esc_in_a_new_empty_item_cancels_it_and_goes_on_as_after_a_no(tmp_path: Path) -> None:
    path = answers_until(tmp_path, ["controller", "privacy_contact", "processing"], purposes=webshop()["purposes"][:1])
    app = SelosteApp(path, "fi")
    async with app.run_test(size=(80, 24)) as pilot:
        chat = await open_chat(pilot, "fi")
        assert (chat.step.question.id, chat.step.mode) == ("purposes", "another")
        await pilot.press("k", "enter")  # yes by mistake
        await until(pilot, lambda: chat.step.mode == "answer" and chat.query(RecordForm))
        assert "Esc" in str(chat.query_one("#answer-hint").render())
        footer = " ".join(str(key.render()) for key in chat.query(FooterKey))
        assert "Peru tämä kohta" in footer, footer
        await pilot.press("escape")
        await until(pilot, lambda: chat.step is not None and chat.step.question.id != "purposes")
        assert not chat.query(RecordForm) or chat.step.question.id != "purposes"
    assert len(saved(chat)["purposes"]) == 1


async def test_esc_in_a_new_item_with_text_typed_keeps_it(tmp_path: Path) -> None:
    path = answers_until(tmp_path, ["controller", "privacy_contact", "processing"], purposes=webshop()["purposes"][:1])
    app = SelosteApp(path, "en")
    async with app.run_test(size=(80, 24)) as pilot:
        chat = await open_chat(pilot)
        await pilot.press("y", "enter")
        await until(pilot, lambda: chat.step.mode == "answer" and chat.query(RecordForm))
        chat.query_one("#field-description", Input).value = "Events"
        await pilot.press("escape")
        await pilot.pause()
        assert (chat.step.question.id, chat.step.item) == ("purposes", 1)
        assert chat.query_one("#field-description", Input).value == "Events"


def esc_in_the_footer(chat) -> str | None:  # type: ignore[no-untyped-def]
    """What the footer says Esc does, if it shows Esc at all (and all of its key is on the screen)."""
    for key in chat.query(FooterKey):
        region = key.region
        if key.key == "escape" and region.area and chat.screen.region.contains_region(region):
            return str(key.render())
    return None


def keys_in_sight(chat) -> set[str]:  # type: ignore[no-untyped-def]
    """The actions of the footer's keys that are whole on the screen."""
    return {key.action for key in chat.query(FooterKey) if key.region.area and chat.screen.region.contains_region(key.region)}


@pytest.mark.parametrize("size", [(80, 24), (60, 20)], ids=["80x24", "60x20"])
async def test_the_footer_offers_to_cancel_a_new_item_only_while_esc_cancels_it(tmp_path: Path, size: tuple[int, int]) -> None:
    path = answers_until(tmp_path, ["controller", "privacy_contact", "processing"], purposes=webshop()["purposes"][:1])
    app = SelosteApp(path, "fi")
    wide = size[0] >= 80  # at 60 columns the key would push out the language switch: the line above it says it
    async with app.run_test(size=size) as pilot:
        chat = await open_chat(pilot, "fi")
        await pilot.press("k", "enter")
        await until(pilot, lambda: chat.step.mode == "answer" and chat.query(RecordForm))
        assert "Esc peruu tämän kohdan" in str(chat.query_one("#answer-hint").render())
        await until(pilot, lambda: ("cancel_item" in keys_in_sight(chat)) == wide)
        assert {"help", "back", "quit", "switch_language"} <= keys_in_sight(chat), "Esc's key pushes none of these out"
        if wide:
            assert "Peru tämä kohta" in esc_in_the_footer(chat)
        box = chat.query_one("#field-description", Input)
        keys_at_full_speed(app, *"Tapahtumat")
        await until(pilot, lambda: box.value == "Tapahtumat")
        await until(pilot, lambda: esc_in_the_footer(chat) is None)  # Esc would not cancel it now: not offered
        await pilot.press("escape")
        await until(pilot, lambda: app.focused is box)
        assert (chat.step.question.id, chat.step.item) == ("purposes", 1) and box.value == "Tapahtumat"

        box.value = ""  # emptied again: Esc cancels it, and the footer says so
        await until(pilot, lambda: ("cancel_item" in keys_in_sight(chat)) == wide)
        if wide:
            assert "Peru tämä kohta" in esc_in_the_footer(chat)
        await pilot.press("escape")
        await until(pilot, lambda: chat.step is not None and chat.step.question.id != "purposes")
    assert len(saved(chat)["purposes"]) == 1


async def test_the_footer_offers_to_cancel_a_new_one_box_item_only_while_it_is_empty(tmp_path: Path) -> None:
    processing = {key: value for key, value in webshop()["processing"].items() if key != "includes_children"}
    app = SelosteApp(answers_until(tmp_path, BEFORE_PROCESSING, processing=processing), "en")
    async with app.run_test(size=(80, 24)) as pilot:
        chat = await open_chat(pilot)
        assert (chat.step.question.id, chat.step.mode) == ("data_subjects", "another")
        await pilot.press("y", "enter")
        await until(pilot, lambda: chat.step.mode == "answer" and chat.query("#answer-text"))
        await until(pilot, lambda: esc_in_the_footer(chat) is not None)
        box = chat.query_one("#answer-text", Input)
        keys_at_full_speed(app, *"Suppliers")
        await until(pilot, lambda: box.value == "Suppliers")
        await until(pilot, lambda: esc_in_the_footer(chat) is None)
        await pilot.press("escape")
        await until(pilot, lambda: app.focused is box)
        assert (chat.step.question.id, chat.step.mode) == ("data_subjects", "answer") and box.value == "Suppliers"
