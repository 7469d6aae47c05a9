"""The chat as people really use it: its small forms, fast typing, changing an earlier answer, and never a
traceback. Each test opens the chat on an answers file that stops just before the question it is about, so
no test walks a whole interview.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Select, SelectionList

from test_tui import fill_in, fill_record, form_holds, home, no_cursor_blink, until  # the chat tests' own folder and steady cursor

from wizard.examples import example_text
from wizard.languages import CODES
from wizard.loader import parse
from wizard.tui.app import SelosteApp
from wizard.tui.screens.chat import ChatScreen
from wizard.tui.screens.dialogs import LanguageScreen
from wizard.tui.widgets.bubbles import AnswerBubble, ReplyBubble
from wizard.tui.widgets.composer import Composer, DropdownList, RecordForm


def webshop() -> dict[str, Any]:
    return parse(example_text("webshop")).data


def answers_until(folder: Path, parts: list[str], **extra: Any) -> Path:
    """An answers file with the webshop's answers to `parts` (and `extra`), nothing after them."""
    data = webshop()
    kept = {"schema_version": 3, **{part: data[part] for part in parts}, **extra}
    path = folder / "answers.yaml"
    path.write_text(yaml.safe_dump(kept, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


BEFORE_PURPOSES = ["controller", "privacy_contact", "processing"]


async def open_chat(pilot: Pilot, lang: str = "en", talk: str | None = None) -> ChatScreen:
    """Past the language questions of a chat opened on an answers file: the notice in `lang`, the conversation
    in `talk` (by default `lang` too)."""
    app = pilot.app
    await until(pilot, lambda: isinstance(app.screen, LanguageScreen) and bool(app.screen.query("#language-choice")))
    app.screen.query_one(OptionList).highlighted = CODES.index(talk or lang)
    await pilot.press("enter")
    await until(pilot, lambda: isinstance(app.screen, ChatScreen) and app.screen.query("#answer-choice"))
    chat = app.screen
    chat.query_one("#answer-choice", OptionList).highlighted = CODES.index(lang)
    await pilot.press("enter")
    await until(pilot, lambda: chat.notice_lang == lang and (chat.step is not None or app.screen is not chat))
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
        await pilot.press("y", "enter")
        await until(pilot, lambda: chat.query(RecordForm))
        chat.query_one("#field-description", Input).value = "Asiakaspalvelu"
        yes = chat.query(AnswerBubble).last()
        yes.focus()
        await pilot.press("enter")  # change the Yes
        await until(pilot, lambda: chat.step.mode == "another")
        assert app.is_running and app.return_code is None
        await pilot.press("y", "enter")  # yes again: the form comes back as it was left
        await until(pilot, lambda: chat.query(RecordForm))
        assert chat.query_one("#field-description", Input).value == "Asiakaspalvelu"
        yes = chat.query(AnswerBubble).last()
        yes.focus()
        await pilot.press("enter")
        await until(pilot, lambda: chat.step.mode == "another")
        await pilot.press("n", "enter")  # no more purposes after all
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


async def test_an_unexpected_error_as_the_review_opens_is_shown_in_the_chat_which_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from wizard.session import Session
    from wizard.tui.screens.review import ReviewScreen

    path = answers_until(tmp_path, ["controller"])
    app = SelosteApp(path, "en")
    async with app.run_test(size=(80, 24)) as pilot:
        chat = await open_chat(pilot)
        asked = chat.step.question.id

        def broken(*_args: Any) -> None:
            raise AttributeError("'NoneType' object has no attribute 'severity'")

        findings = Session.findings
        monkeypatch.setattr(Session, "findings", broken)
        await pilot.press("f5")
        await until(pilot, lambda: any(reply.has_class("-error") for reply in chat.query(ReplyBubble)))
        shown = str(chat.query(ReplyBubble).last().render())
        assert "severity" in shown and "saved" in shown
        assert app.is_running and app.return_code is None
        assert app.screen is chat and not any(isinstance(screen, ReviewScreen) for screen in app.screen_stack)
        assert chat.step.question.id == asked and chat.query_one(Composer).ask is not None

        monkeypatch.setattr(Session, "findings", findings)  # the review opens again once the error is gone
        await pilot.press("f5")
        await until(pilot, lambda: isinstance(app.screen, ReviewScreen))


async def test_an_unexpected_error_as_the_interview_opens_is_said_on_the_first_screen_which_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from wizard import session

    path = answers_until(tmp_path, ["controller"])
    app = SelosteApp(path, "en")
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, LanguageScreen) and bool(app.screen.query("#language-choice")))
        first = app.screen

        def broken(*_args: Any) -> None:
            raise RuntimeError("the disk caught fire")

        opening = session.open_file
        monkeypatch.setattr(session, "open_file", broken)
        await pilot.press("enter")
        await until(pilot, lambda: any("the disk caught fire" in str(note.message) for note in app._notifications))
        assert app.is_running and app.return_code is None and app.screen is first and not first.chosen

        monkeypatch.setattr(session, "open_file", opening)  # chosen again, once the error is gone, it opens
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ChatScreen) and app.screen.query("#answer-choice"))  # its first question


# --- no keystroke lost --------------------------------------------------------------------------------------


SIZES = pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])


def before_purposes(folder: Path) -> Path:
    processing = {**webshop()["processing"], "includes_children": False}
    return answers_until(folder, ["controller", "privacy_contact"], processing=processing)


def before_recipients(folder: Path) -> Path:
    parts = ["controller", "privacy_contact", "processing", "purposes", "personal_data", "sources", "provision"]
    return answers_until(folder, [*parts, "shares_data", "direct_marketing"])


async def type_into(pilot: Pilot, form: RecordForm, key: str, text: str) -> None:
    """Type `text` into a box of the form at full speed, one key after another as a keyboard sends them."""
    await until(pilot, lambda: form_holds(form, {}))  # the box is there, if what was typed before calls for it
    form.query_one(f"#field-{key}").focus()
    await pilot.press(*[{" ": "space"}.get(char, char) for char in text])


@SIZES
async def test_fast_typing_into_a_purpose_s_boxes_loses_no_keystroke(tmp_path: Path, size: tuple[int, int]) -> None:
    app = SelosteApp(before_purposes(tmp_path), "en")
    async with app.run_test(size=size) as pilot:
        chat = await open_chat(pilot)
        assert chat.step.question.id == "purposes"
        form = chat.query_one(RecordForm)
        await type_into(pilot, form, "description", "Customer service")
        await type_into(pilot, form, "retention_period", "2 years after the last visit")  # hides the criteria box
        await until(pilot, lambda: form_holds(form, {}))
        assert form.values()["description"] == "Customer service"
        assert form.values()["retention_period"] == "2 years after the last visit"
        assert "retention_criteria" not in form.values()


@SIZES
async def test_a_purpose_s_form_has_no_short_name_box_and_a_description_changed_keeps_the_data_linked_to_it(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    data = webshop()
    parts = {part: data[part] for part in ("purposes", "direct_marketing", "personal_data")}
    app = SelosteApp(answers_until(tmp_path, BEFORE_PURPOSES, **parts), "fi")
    async with app.run_test(size=size) as pilot:
        chat = await open_chat(pilot, "fi")
        await chat.edit("purposes", 0)
        await until(pilot, lambda: chat.query(RecordForm) and chat.step.item == 0)
        form = chat.query_one(RecordForm)
        await until(pilot, lambda: form_holds(form, {}))
        assert not form.query("#field-id")  # the purpose is named by its description; its id is made from it
        description = form.query_one("#field-description", Input)
        description.focus()
        description.value = ""
        await pilot.press(*[{" ": "space"}.get(char, char) for char in "Verkkokaupan tilaukset"])
        await until(pilot, lambda: description.value == "Verkkokaupan tilaukset")
        form.query_one("#record-save").focus()
        await pilot.press("enter")
        await until(pilot, lambda: saved(chat)["purposes"][0]["description"] == "Verkkokaupan tilaukset")
    after = saved(chat)
    assert [purpose["id"] for purpose in after["purposes"]] == [purpose["id"] for purpose in data["purposes"]]
    assert [category["purposes"] for category in after["personal_data"]] == [category["purposes"] for category in data["personal_data"]]


@SIZES
async def test_fast_typing_a_recipient_s_country_loses_no_keystroke(tmp_path: Path, size: tuple[int, int]) -> None:
    app = SelosteApp(before_recipients(tmp_path), "fi")
    async with app.run_test(size=size) as pilot:
        chat = await open_chat(pilot, "fi")
        assert chat.step.question.id == "recipients"
        form = chat.query_one(RecordForm)
        await type_into(pilot, form, "name", "Pilvi Oy")
        await type_into(pilot, form, "country", "Yhdysvallat")  # outside the EEA: the transfer's boxes appear
        await until(pilot, lambda: "transfer_mechanism" in form.values())
        await type_into(pilot, form, "service", "tallentaa varmuuskopiot")
        await until(pilot, lambda: form_holds(form, {}))
        values = form.values()
    assert (values["name"], values["country"], values["service"]) == ("Pilvi Oy", "Yhdysvallat", "tallentaa varmuuskopiot")


@SIZES
async def test_a_box_that_appears_and_takes_the_focus_is_in_sight_before_the_keys_typed_after_tab_reach_it(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    app = SelosteApp(before_recipients(tmp_path), "en")
    async with app.run_test(size=size) as pilot:
        chat = await open_chat(pilot)
        form = chat.query_one(RecordForm)
        await fill_in(pilot, form, {"name": "Kassakungen AB", "service": "till system"})
        country = form.query_one("#field-country", Input)
        country.focus()
        await until(pilot, lambda: app.focused is country)
        keys_at_full_speed(app, *"United States", "tab")  # outside the EEA: the transfer's ground, a new box, is next
        await until(pilot, lambda: app.focused is not country and app.held_keys is None)
        ground = form.query_one("#field-transfer_mechanism", Select)
        assert app.focused is ground and shown_whole(ground)
        ground.value = "scc"  # the copy of the safeguards: another new box, after it
        await until(pilot, lambda: form_holds(form, {"transfer_mechanism": "scc"}))
        copy = form.query_one("#field-transfer_safeguards_copy", Input)
        in_sight: list[bool] = []
        app.watch(copy, "value", lambda value: in_sight.append(shown_whole(copy)) if value else None, init=False)
        keys_at_full_speed(app, "tab", *"ask us")
        await until(pilot, lambda: copy.value == "ask us")
        assert app.focused is copy and shown_whole(copy)
        assert in_sight and all(in_sight), "a key reached the box before it was on the screen"


# --- forms that fit: each scrolls to the box in focus, with the way to save in sight (SVG snapshots) -----------


FORMS = [
    ("webshop", "purposes"),
    ("webshop", "personal_data"),
    ("webshop", "recipients"),
    ("training", "joint_controllers"),
    ("training", "special_categories"),
    ("training", "other_sources"),
]


def whole_example(folder: Path, name: str) -> Path:
    data = parse(example_text(name)).data
    data["notice"]["date"] = "2026-11-22"
    path = folder / f"{name}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def at_the_last_box_of(question_id: str) -> Callable[[Pilot], Any]:
    """Open the first item of a record question from a complete example and move to its last box with Tab."""

    async def run_before(pilot: Pilot) -> None:
        chat = await open_chat(pilot, "fi")
        await until(pilot, lambda: pilot.app.screen is not chat)  # everything is answered: the review opens
        pilot.app.pop_screen()
        await chat.edit(question_id, 0)
        await until(pilot, lambda: chat.query(RecordForm))
        form = chat.query_one(RecordForm)
        for _box in range(len(form.shown) - 1):
            await pilot.press("tab")
        await pilot.wait_for_scheduled_animations()  # the form scrolls to the box in focus
        # The picture is of the form: the transcript's scroll bar, whose thumb moves by a fraction of a row
        # as its bubbles settle, is left out.
        chat.query_one("#transcript").styles.scrollbar_size_vertical = 0
        await pilot.pause()

    return run_before


@pytest.mark.parametrize(("business", "question_id"), FORMS, ids=[question for _business, question in FORMS])
def test_a_form_at_80x24_scrolls_to_the_box_in_focus_and_shows_how_to_save(
    snap_compare: Any, tmp_path: Path, business: str, question_id: str
) -> None:
    app = SelosteApp(whole_example(tmp_path, business), "fi")
    assert snap_compare(app, terminal_size=(80, 24), run_before=at_the_last_box_of(question_id))


# --- the same choices as the plain mode -------------------------------------------------------------------------


async def test_a_us_recipient_s_form_offers_the_dpf_once_the_country_is_typed(tmp_path: Path) -> None:
    app = SelosteApp(before_recipients(tmp_path), "en")
    async with app.run_test(size=(80, 24)) as pilot:
        chat = await open_chat(pilot)
        form = chat.query_one(RecordForm)
        country = form.query_one("#field-country", Input)
        for typed in ("U", "United", "United States"):  # the boxes follow each key; the choices follow the country
            country.value = typed
            await until(pilot, lambda: form_holds(form, {"country": typed}))
        await until(pilot, lambda: "transfer_mechanism" in form.values())
        offered = [value for _label, value in form.query_one("#field-transfer_mechanism", Select)._options]
        plain = [option.value for option in chat.step.options(chat.step.question.sub("transfer_mechanism"), {"country": "US"})]
    assert "dpf" in offered and offered[1:] == plain


def typing(text: str) -> list[str]:
    """The keys that type `text`."""
    return [{" ": "space"}.get(char, char) for char in text]


@SIZES
async def test_a_correction_typed_fast_in_a_form_s_box_acts_where_it_was_typed(tmp_path: Path, size: tuple[int, int]) -> None:
    app = SelosteApp(before_recipients(tmp_path), "fi")
    async with app.run_test(size=size) as pilot:
        chat = await open_chat(pilot, "fi")
        form = chat.query_one(RecordForm)
        await until(pilot, lambda: form_holds(form, {}))
        name, country = form.query_one("#field-name", Input), form.query_one("#field-country", Input)
        name.focus()
        keys_at_full_speed(app, *"Postti", "backspace", "backspace", *"i Oy", "left", "left", "left", " ", "P")
        await until(pilot, lambda: name.value == "Posti P Oy")
        country.focus()
        keys_at_full_speed(app, *"Yhdysvallar", "backspace", "t", "ctrl+u", *"Ruotsi")  # a typo, then another country
        await until(pilot, lambda: form_holds(form, {"country": "Ruotsi"}))
        assert name.value == "Posti P Oy"


@SIZES
async def test_a_box_hidden_by_a_change_of_the_country_shows_nothing_it_depended_on_and_comes_back_as_typed(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    app = SelosteApp(before_recipients(tmp_path), "fi")
    async with app.run_test(size=size) as pilot:
        chat = await open_chat(pilot, "fi")
        form = chat.query_one(RecordForm)
        await fill_in(pilot, form, {"name": "Kirjekyyhky Mail Inc.", "service": "lähettää uutiskirjeen", "processing_agreement": "yes"})
        country = form.query_one("#field-country", Input)
        country.focus()  # filled from the bottom up: the country first, no purpose ticked
        await pilot.press(*typing("Yhdysvallat"))
        await fill_in(pilot, form, {"transfer_mechanism": "scc"})
        form.query_one("#field-transfer_safeguards_copy", Input).focus()
        await pilot.press(*typing("pyydä sähköpostilla"))
        country.focus()
        country.value = ""
        await pilot.press(*typing("Ruotsi"))  # in the EU: no transfer, so neither its ground nor the copy of it
        await until(pilot, lambda: form_holds(form, {"country": "Ruotsi"}))
        assert "transfer_mechanism" not in form.values() and "transfer_safeguards_copy" not in form.values()
        country.value = ""
        await pilot.press(*typing("Yhdysvallat"))  # and back: the ground and the copy as they were
        await until(pilot, lambda: form_holds(form, {"country": "Yhdysvallat"}))
        assert form.values()["transfer_mechanism"] == "scc"
        assert form.values()["transfer_safeguards_copy"] == "pyydä sähköpostilla"
        form.query_one("#record-save").focus()
        await pilot.press("enter")
        await until(pilot, lambda: saved(chat).get("recipients"))
    (recipient,) = saved(chat)["recipients"]
    assert recipient["country"] == "US" and recipient["transfer"] == {"mechanism": "scc", "safeguards_copy": "pyydä sähköpostilla"}


async def test_f2_while_a_saved_recipient_is_changed_keeps_what_was_typed_and_a_hidden_box_s_text(tmp_path: Path) -> None:
    app = SelosteApp(whole_example(tmp_path, "webshop"), "fi")
    async with app.run_test(size=(80, 24)) as pilot:
        chat = await open_chat(pilot, "fi")
        await until(pilot, lambda: app.screen is not chat)  # everything is answered: the review opens
        app.pop_screen()
        await chat.edit("recipients", 4)  # the newsletter service in the United States, on the DPF
        await until(pilot, lambda: chat.query(RecordForm) and chat.step.item == 4)
        form = chat.query_one(RecordForm)
        await fill_in(pilot, form, {"transfer_mechanism": "scc"})
        form.query_one("#field-transfer_safeguards_copy", Input).focus()
        await pilot.press(*typing("pyydä sähköpostilla"))
        await fill_in(pilot, form, {"transfer_mechanism": "dpf"})  # the copy's box hides
        name = form.query_one("#field-name", Input)
        name.focus()
        name.value = ""
        await pilot.press(*typing("Kirjekyyhky Oy"), "f2")
        await until(pilot, lambda: chat.lang == "en" and chat.query(RecordForm) and chat.query_one(RecordForm) is not form)
        form = chat.query_one(RecordForm)
        await until(pilot, lambda: form_holds(form, {}))
        assert form.values()["name"] == "Kirjekyyhky Oy" and form.values()["transfer_mechanism"] == "dpf"
        await fill_in(pilot, form, {"transfer_mechanism": "scc"})
        assert form.values()["transfer_safeguards_copy"] == "pyydä sähköpostilla"


# --- the words of the questions, not the answers file's -----------------------------------------------------


async def test_a_refused_form_names_the_question_in_finnish_not_a_field_path(tmp_path: Path) -> None:
    app = SelosteApp(before_purposes(tmp_path), "fi")
    async with app.run_test(size=(80, 24)) as pilot:
        chat = await open_chat(pilot, "fi")
        form = chat.query_one(RecordForm)
        form.query_one("#field-description", Input).value = "Asiakaspalvelu"
        await until(pilot, lambda: form_holds(form, {"description": "Asiakaspalvelu"}))
        shown = " ".join(str(widget.render()) for widget in form.query("Select, Static, Label, Button"))
        form.query_one("#record-save").focus()
        await pilot.press("enter")
        await until(pilot, lambda: chat.query(ReplyBubble))
        reply = str(chat.query(ReplyBubble).last().render())
        form.query_one("#field-basis", Select).focus()
        await pilot.press("enter")  # the list opens: the footer says how to close it, in Finnish
        await until(pilot, lambda: form.query_one("#field-basis", Select).expanded)

        def footer_text() -> str:
            return " ".join(f"{key.key_display} {key.description}" for key in chat.query("FooterKey"))

        await until(pilot, lambda: "Sulje lista" in footer_text() or "Dismiss" in footer_text())  # the list's keys
        footer = footer_text()
    assert "Sulje lista" in footer and "Dismiss" not in footer
    assert "Tähän tarvitaan vastaus: ”Millä perusteella käytät tietoja tähän?" in reply
    for internal in ("purposes", "basis", "`", "Select", "missing"):
        assert internal not in reply and internal not in shown, internal


# --- one rule for suggestions: a grey hint that Enter accepts, dates as the conversation language writes them -----


def before_the_notice_date(folder: Path) -> Path:
    data = webshop()
    data["notice"] = {"announce_changes": data["notice"]["announce_changes"]}
    path = folder / "answers.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


async def test_a_suggestion_is_a_hint_that_enter_accepts_and_typing_replaces_it(tmp_path: Path) -> None:
    from datetime import date

    app = SelosteApp(before_the_notice_date(tmp_path), "fi")
    async with app.run_test(size=(80, 24)) as pilot:
        chat = await open_chat(pilot, "fi")
        assert chat.step.question.id == "notice_date"
        box = chat.query_one("#answer-text", Input)
        today = date.today()
        assert box.value == "" and f"{today.day}.{today.month}.{today.year}" in box.placeholder  # as Finnish writes it
        await pilot.press(*"24.12.2026", "enter")  # typed the way it is shown
        await until(pilot, lambda: chat.step is None or chat.step.question.id != "notice_date")
    notice = saved(chat)["notice"]
    assert notice["date"] == "2026-12-24" and "version" not in notice  # no question asks for the version


async def test_enter_on_an_empty_box_takes_the_suggestion_shown_in_english(tmp_path: Path) -> None:
    from datetime import date

    app = SelosteApp(before_the_notice_date(tmp_path), "en")
    async with app.run_test(size=(80, 24)) as pilot:
        chat = await open_chat(pilot, "en")
        box = chat.query_one("#answer-text", Input)
        assert date.today().strftime("%d/%m/%Y") in box.placeholder
        await pilot.press("enter")
        await until(pilot, lambda: chat.step is None or chat.step.question.id != "notice_date")
        answers = [str(bubble.render()) for bubble in chat.query(AnswerBubble)][-1:]
    assert saved(chat)["notice"]["date"] == date.today().isoformat()
    assert answers == [date.today().strftime("%d/%m/%Y")]  # the transcript writes the date the same way


async def test_a_form_s_suggested_text_is_a_hint_and_saving_the_empty_box_takes_it(tmp_path: Path) -> None:
    app = SelosteApp(before_recipients(tmp_path), "en")
    async with app.run_test(size=(80, 24)) as pilot:
        chat = await open_chat(pilot)
        form = chat.query_one(RecordForm)
        country = form.query_one("#field-country", Input)
        assert country.value == "" and "Finland" in country.placeholder
        assert form.values(suggested=False)["country"] == "" and form.values()["country"] == "FI"


# --- tick lists and dropdowns: Space works at once, no key is lost while a list closes ----------------------------


def keys_at_full_speed(app: SelosteApp, *names: str) -> None:
    """Keys as a terminal delivers them when typed faster than the chat reads them: all queued at once."""
    from textual import events

    for name in names:
        if name == " ":
            app.post_message(events.Key("space", " "))
        else:
            app.post_message(events.Key(name, name if len(name) == 1 else None))


async def test_a_tick_list_opens_with_its_first_item_ready_for_space(tmp_path: Path) -> None:
    path = answers_until(tmp_path, BEFORE_PURPOSES, purposes=webshop()["purposes"])
    app = SelosteApp(path, "en")
    async with app.run_test(size=(80, 24)) as pilot:
        chat = await open_chat(pilot)
        await pilot.press("n", "enter")  # no more purposes: the marketing channels, ticked in a list of their own
        await until(pilot, lambda: chat.step.question.id == "direct_marketing_channels")
        ticks = chat.query_one("#answer-selection", SelectionList)
        ticks.focus()
        await pilot.press("space")
        await until(pilot, lambda: ticks.selected)
        assert ticks.selected == [ticks.get_option_at_index(0).value]


@SIZES
async def test_tab_then_enter_in_one_burst_after_a_tick_presses_done_and_keeps_the_tick(tmp_path: Path, size: tuple[int, int]) -> None:
    path = answers_until(tmp_path, BEFORE_PURPOSES, purposes=webshop()["purposes"])
    app = SelosteApp(path, "en")
    async with app.run_test(size=size) as pilot:
        chat = await open_chat(pilot)
        await pilot.press("n", "enter")  # no more purposes: the marketing channels, ticked in a list of their own
        await until(pilot, lambda: chat.step.question.id == "direct_marketing_channels")
        ticks = chat.query_one("#answer-selection", SelectionList)
        await until(pilot, lambda: app.focused is ticks)
        first = ticks.get_option_at_index(0).value
        keys_at_full_speed(app, " ")
        await until(pilot, lambda: ticks.selected == [first])
        keys_at_full_speed(app, "tab", "enter")  # to Done, and press it: the Enter is Done's, not the list's
        await until(pilot, lambda: chat.step.question.id != "direct_marketing_channels")
    assert saved(chat)["direct_marketing"]["channels"] == [first]


async def test_a_tick_list_in_a_form_ticks_item_one_then_down_ticks_item_two(tmp_path: Path) -> None:
    data = webshop()
    path = answers_until(tmp_path, BEFORE_PURPOSES, purposes=data["purposes"], direct_marketing=data["direct_marketing"])
    app = SelosteApp(path, "en")
    async with app.run_test(size=(80, 24)) as pilot:
        chat = await open_chat(pilot)
        assert chat.step.question.id == "personal_data"
        form = chat.query_one(RecordForm)
        form.query_one("#field-description", Input).focus()
        await pilot.press("tab")  # into the list of purposes
        ticks = form.query_one("#field-purposes", SelectionList)
        await until(pilot, lambda: ticks.has_focus)
        await pilot.press("space", "down", "space")
        await until(pilot, lambda: len(ticks.selected) == 2)
        first, second = (ticks.get_option_at_index(index).value for index in (0, 1))
    assert ticks.selected == [first, second]


@SIZES
async def test_keys_typed_while_a_dropdown_closes_go_to_the_next_box(tmp_path: Path, size: tuple[int, int]) -> None:
    app = SelosteApp(before_purposes(tmp_path), "en")
    async with app.run_test(size=size) as pilot:
        chat = await open_chat(pilot)
        form = chat.query_one(RecordForm)
        basis = form.query_one("#field-basis", Select)
        basis.focus()
        await pilot.press("enter")
        await until(pilot, lambda: basis.expanded)
        keys_at_full_speed(app, "down", "enter", "tab", *"the order")  # contract, then its box appears next
        await until(pilot, lambda: form.query("#field-contract") and form.query_one("#field-contract", Input).value == "the order")
        assert basis.value == "contract" and not basis.expanded
        assert app.focused is form.query_one("#field-contract", Input)


@SIZES
async def test_keys_typed_in_one_burst_through_a_dropdown_as_it_opens_each_go_where_they_were_meant(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    app = SelosteApp(before_purposes(tmp_path), "en")
    async with app.run_test(size=size) as pilot:
        chat = await open_chat(pilot)
        form = chat.query_one(RecordForm)
        basis = form.query_one("#field-basis", Select)
        basis.focus()
        await until(pilot, lambda: app.focused is basis)
        # Open the closed list, choose its second line (contract), on to the contract's box and type there;
        # back to the dropdown, open it with ↓, look for "law" in it, close it with Esc (the contract stays),
        # and add to the contract's box: all sent at once, as a terminal sends keys typed faster than it reads them.
        burst = ["enter", "down", "enter", "tab", *"the order", "shift+tab", "down", *"law", "escape", "tab", "!"]
        keys_at_full_speed(app, *burst)
        await until(pilot, lambda: form.query("#field-contract") and form.query_one("#field-contract", Input).value == "the order!")
        assert basis.value == "contract" and not basis.expanded
        contract = form.query_one("#field-contract", Input)
        assert app.focused is contract
        # Textual focuses an opening list a moment later; on a loaded machine, after the keys have closed it again:
        # the closed list must not take the focus back (the keys typed next would go into it).
        basis.query_one(DropdownList).focus()
        await pilot.pause()
        assert app.focused is contract


@SIZES
async def test_a_dropdown_low_in_a_form_opens_its_list_clear_of_the_hint_line_and_the_footer(tmp_path: Path, size: tuple[int, int]) -> None:
    from textual.containers import VerticalScroll

    from wizard.tui.widgets.keys import Keys

    app = SelosteApp(before_purposes(tmp_path), "fi")
    async with app.run_test(size=size) as pilot:
        chat = await open_chat(pilot, "fi")
        form = chat.query_one(RecordForm)
        form.query_one("#field-basis", Select).value = "contract"  # (a box more: the form scrolls)
        fields = form.query_one(".record-fields", VerticalScroll)
        hint_line, footer = chat.query_one("#answer-hint").region, chat.query_one(Keys).region
        for dropdown in form.query(Select):
            dropdown.focus()
            await pilot.wait_for_scheduled_animations()
            fields.scroll_to(y=fields.scroll_y + dropdown.region.bottom - fields.region.bottom, animate=False, immediate=True)
            await pilot.pause()  # as low in the form as it can be
            await pilot.press("enter")
            await until(pilot, lambda: dropdown.expanded)
            await pilot.pause()
            shown = dropdown.query_one(DropdownList).region
            assert shown.height >= min(3, dropdown.query_one(DropdownList).option_count), (dropdown.id, shown)
            assert not shown.overlaps(hint_line) and not shown.overlaps(footer), (dropdown.id, shown, hint_line, footer)
            assert not shown.overlaps(dropdown.region), "the dropdown itself stays in sight"
            await pilot.press("escape")
            await until(pilot, lambda: not dropdown.expanded)


# --- a library's reason for refusing an answer, in the conversation language --------------------------------


async def test_a_wrong_e_mail_address_is_explained_in_finnish_while_typed_and_when_sent(tmp_path: Path) -> None:
    keys = ("name", "type", "business_id", "street_address", "postal_code", "city", "country", "phone")
    controller = {key: webshop()["controller"][key] for key in keys}
    app = SelosteApp(answers_until(tmp_path, [], controller=controller), "fi")
    async with app.run_test(size=(80, 24)) as pilot:
        chat = await open_chat(pilot, "fi")
        assert chat.step.question.id == "controller_email"
        box = chat.query_one("#answer-text", Input)
        box.value = "asiakaspalvelu(at)teelehti.fi"
        hint = chat.query_one("#answer-hint")
        await until(pilot, lambda: "siitä puuttuu @-merkki" in str(hint.render()))
        await pilot.press("enter")
        await until(pilot, lambda: any(reply.has_class("-error") for reply in chat.query(ReplyBubble)))
        said = str(chat.query(ReplyBubble).last().render())
    assert "ei ole sähköpostiosoite: siitä puuttuu @-merkki." in said
    assert "@-sign" not in said and "email" not in said.lower()


# --- Tab and Shift+Tab: round a form, not into the transcript ------------------------------------------------


@SIZES
async def test_tab_and_shift_tab_go_round_a_form_s_boxes_and_save_never_into_the_transcript(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    app = SelosteApp(before_purposes(tmp_path), "en")
    async with app.run_test(size=size) as pilot:
        chat = await open_chat(pilot)
        form = chat.query_one(RecordForm)
        first, save = form.query_one("#field-description", Input), form.query_one("#record-save")
        assert chat.query(AnswerBubble) and app.focused is first
        await pilot.press("shift+tab")  # from the first box: round to Save, in sight
        await until(pilot, lambda: app.focused is save)
        assert save.region.area and chat.screen.region.contains_region(save.region)
        await pilot.press("tab")  # from Save: round to the first box, scrolled back into sight
        await until(pilot, lambda: app.focused is first)
        await pilot.wait_for_scheduled_animations()
        scroller = form.query_one(".record-fields")
        assert scroller.scrollable_content_region.contains_region(first.region)
        keys_at_full_speed(app, "shift+tab", "tab", *"Orders")  # round and back, and typed at once: all there
        await until(pilot, lambda: first.value == "Orders" and app.focused is first)
        basis = form.query_one("#field-basis", Select)
        basis.focus()
        await pilot.press("enter")  # the list open: Shift+Tab goes to the box before the dropdown
        await until(pilot, lambda: basis.expanded)
        await pilot.press("shift+tab")
        await until(pilot, lambda: app.focused is first and not basis.expanded)


async def test_shift_tab_from_a_text_answer_selects_the_last_answer_to_change_it(tmp_path: Path) -> None:
    controller = {key: webshop()["controller"][key] for key in ("name", "type", "country", "business_id")}
    app = SelosteApp(answers_until(tmp_path, [], controller=controller), "en")
    async with app.run_test(size=(80, 24)) as pilot:
        chat = await open_chat(pilot)
        assert chat.step.question.id == "controller_street_address"
        await pilot.press("shift+tab")  # onto the latest answer (the notice's language, given as the chat opened)
        await until(pilot, lambda: app.focused is chat.query(AnswerBubble).last())
        await pilot.press("up", "enter")  # the answer before it: the business ID, asked again
        await until(pilot, lambda: chat.step is not None and chat.step.question.id == "controller_business_id")
        assert app.focused is chat.query_one("#answer-text", Input)


# --- the start: no key lost -------------------------------------------------------------------------------------


async def test_keys_typed_at_once_on_the_first_screen_answer_the_questions_that_follow(tmp_path: Path) -> None:
    app = SelosteApp(None, "fi")
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, LanguageScreen))
        keys_at_full_speed(app, "enter", "down", "enter")  # Finnish; then, while the chat opens, the notice in English
        await until(pilot, lambda: isinstance(app.screen, ChatScreen) and app.screen.notice_lang is not None)
        chat = app.screen
        await until(pilot, lambda: chat.step is not None)
        assert (chat.lang, chat.session.notice_lang) == ("fi", "en")
        assert chat.step.question.id == "controller_name"


async def test_enter_typed_as_the_chat_starts_chooses_the_language_and_the_keys_after_it_answer_the_next(tmp_path: Path) -> None:
    app = SelosteApp(None, "fi")
    async with app.run_test(size=(80, 24)) as pilot:
        # Typed before the chat has set up the terminal, Enter arrives as a newline (Ctrl+J).
        keys_at_full_speed(app, "ctrl+j")
        await until(pilot, lambda: isinstance(app.screen, ChatScreen) and not app.opening)
        chat = app.screen
        keys_at_full_speed(app, "enter", *"Parturi-Kampaamo Saksikas Oy", "enter")  # the notice in Finnish, the name
        await until(pilot, lambda: chat.step is not None and chat.step.question.id != "controller_name")
        assert (chat.lang, chat.session.notice_lang) == ("fi", "fi")
    assert saved(chat)["controller"]["name"] == "Parturi-Kampaamo Saksikas Oy"


# --- small terminals: the question and its answer box stay in sight; the footer keeps the keys that matter ---------


def shown_whole(widget: Any) -> bool:
    """The widget is drawn, and all of it is inside the screen and inside every container that scrolls it."""
    region = widget.region
    if not region.area:
        return False
    for ancestor in widget.ancestors_with_self:
        if hasattr(ancestor, "region") and ancestor is not widget and ancestor.region.area:
            clip = ancestor.scrollable_content_region if ancestor.is_scrollable else ancestor.region
            if not clip.contains_region(region):
                return False
    return widget.screen.region.contains_region(region)


async def test_at_80x24_with_the_preview_open_the_question_and_the_form_stay_in_sight(tmp_path: Path) -> None:
    from wizard.tui.widgets.bubbles import QuestionBubble

    app = SelosteApp(before_purposes(tmp_path), "fi")
    async with app.run_test(size=(80, 24)) as pilot:
        chat = await open_chat(pilot, "fi")
        await pilot.press("f3")
        await until(pilot, lambda: chat.has_class("-preview"))
        await pilot.wait_for_scheduled_animations()
        form = chat.query_one(RecordForm)
        assert shown_whole(chat.query(QuestionBubble).last())
        assert shown_whole(form.query_one("#field-description", Input)) and app.focused is form.query_one("#field-description")
        assert shown_whole(form.query_one("#record-save"))


async def test_at_60x20_the_footer_keeps_help_back_quit_and_the_language(tmp_path: Path) -> None:
    app = SelosteApp(before_purposes(tmp_path), "fi")
    async with app.run_test(size=(60, 20)) as pilot:
        chat = await open_chat(pilot, "fi")
        await until(pilot, lambda: chat.query("FooterKey"))
        shown = {key.action for key in chat.query("FooterKey") if shown_whole(key)}
        from wizard.tui.widgets.bubbles import QuestionBubble

        assert shown_whole(chat.query(QuestionBubble).last()) and shown_whole(chat.query_one(RecordForm).query_one("#record-save"))
    assert {"help", "back", "quit", "app.quit", "switch_language"} & shown >= {"help", "back", "switch_language"}
    assert "quit" in shown or "app.quit" in shown


def test_80x24_with_the_preview_open_keeps_the_form_in_sight(snap_compare: Any, tmp_path: Path) -> None:
    async def run_before(pilot: Pilot) -> None:
        chat = await open_chat(pilot, "fi")
        await pilot.press("f3")
        await until(pilot, lambda: chat.query("SectionView"))
        await pilot.wait_for_scheduled_animations()
        chat.query_one("#transcript").styles.scrollbar_size_vertical = 0
        await pilot.pause()

    processing = {**webshop()["processing"], "includes_children": False}
    notice = {**webshop()["notice"], "date": "2026-11-22"}  # the preview shows it: not the day of the run
    path = answers_until(tmp_path, ["controller", "privacy_contact"], processing=processing, notice=notice)
    assert snap_compare(SelosteApp(path, "fi"), terminal_size=(80, 24), run_before=run_before)


async def test_an_answer_typed_ahead_after_enter_goes_to_the_next_question_not_into_the_last(tmp_path: Path) -> None:
    controller = {key: webshop()["controller"][key] for key in ("name", "type", "country", "business_id")}
    app = SelosteApp(answers_until(tmp_path, [], controller=controller), "en")
    async with app.run_test(size=(80, 24)) as pilot:
        chat = await open_chat(pilot)
        assert chat.step.question.id == "controller_street_address"
        keys_at_full_speed(app, *"Kauppakatu 1", "enter", *"00100", "enter")
        await until(pilot, lambda: chat.step.question.id not in ("controller_street_address", "controller_postal_code"))
    assert saved(chat)["controller"]["street_address"] == "Kauppakatu 1"
    assert saved(chat)["controller"]["postal_code"] == "00100"


@SIZES
async def test_keys_typed_after_enter_on_yes_go_to_the_new_item_s_form(tmp_path: Path, size: tuple[int, int]) -> None:
    path = answers_until(tmp_path, BEFORE_PURPOSES, purposes=webshop()["purposes"][:1])
    app = SelosteApp(path, "en")
    async with app.run_test(size=size) as pilot:
        chat = await open_chat(pilot)
        assert chat.step.mode == "another" and app.focused is chat.query_one("#answer-yes-no-text")
        keys_at_full_speed(app, "enter", *"Newsletter")  # the empty box: the suggested Yes
        await until(pilot, lambda: chat.query(RecordForm))
        form = chat.query_one(RecordForm)
        await until(pilot, lambda: form.values(suggested=False)["description"] == "Newsletter")
        assert (chat.step.question.id, chat.step.mode, chat.step.item) == ("purposes", "answer", 1)


@SIZES
async def test_keys_typed_after_save_go_to_the_next_question(tmp_path: Path, size: tuple[int, int]) -> None:
    purpose = webshop()["purposes"][0]
    app = SelosteApp(before_purposes(tmp_path), "en")
    async with app.run_test(size=size) as pilot:
        chat = await open_chat(pilot)
        form = chat.query_one(RecordForm)
        await fill_in(pilot, form, {"description": purpose["description"]["en"], "basis": "contract"})
        await fill_in(pilot, form, {"contract": purpose["contract"]["en"]})
        await until(pilot, lambda: form_holds(form, {}))
        form.query_one("#record-save").focus()
        # Saved; "add another?" answered by what is typed in its box, which is the second purpose's description.
        keys_at_full_speed(app, "enter", *"loyalty club members", "enter", *" and guests")
        await until(pilot, lambda: chat.step.item == 1 and chat.query(RecordForm) and chat.query_one(RecordForm) is not form)
        second = chat.query_one(RecordForm)
        await until(pilot, lambda: second.values(suggested=False)["description"] == "loyalty club members and guests")
    assert saved(chat)["purposes"][0]["contract"] == purpose["contract"]["en"]


@SIZES
async def test_keys_typed_after_enter_in_a_form_s_box_go_to_the_next_box(tmp_path: Path, size: tuple[int, int]) -> None:
    app = SelosteApp(before_purposes(tmp_path), "en")
    async with app.run_test(size=size) as pilot:
        chat = await open_chat(pilot)
        form = chat.query_one(RecordForm)
        await fill_in(pilot, form, {"description": "Orders", "basis": "contract"})  # a contract's two boxes
        form.query_one("#field-contract").focus()
        keys_at_full_speed(app, *"the order", "enter", *"a quote")
        await until(pilot, lambda: form.values(suggested=False)["pre_contract_steps"] == "a quote")
        assert form.values(suggested=False)["contract"] == "the order"


@SIZES
async def test_ticks_sent_in_one_burst_in_a_form_s_list_all_land(tmp_path: Path, size: tuple[int, int]) -> None:
    data = webshop()
    path = answers_until(tmp_path, BEFORE_PURPOSES, purposes=data["purposes"], direct_marketing=data["direct_marketing"])
    app = SelosteApp(path, "fi")
    async with app.run_test(size=size) as pilot:
        chat = await open_chat(pilot, "fi")
        assert chat.step.question.id == "personal_data"
        form = chat.query_one(RecordForm)
        form.query_one("#field-description", Input).focus()
        keys_at_full_speed(app, "tab", " ", "down", " ", "down", " ", "tab")
        ticks = form.query_one("#field-purposes", SelectionList)
        await until(pilot, lambda: app.focused is not ticks and len(ticks.selected) == 3)
        wanted = [ticks.get_option_at_index(index).value for index in range(3)]
        assert ticks.selected == wanted
        # Ticked and unticked differ without colour, as a screen reader or a monochrome terminal shows them.
        boxes = [ticks.render_line(line).text[:3] for line in range(ticks.option_count)]
        assert boxes == ["▐X▌"] * 3 + ["▐ ▌"] * (ticks.option_count - 3)


# --- a paste of several lines keeps every line ---------------------------------------------------------------------


@SIZES
async def test_a_paste_right_after_enter_goes_to_the_next_question_in_turn_with_the_keys(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    from textual import events

    controller = {key: webshop()["controller"][key] for key in ("name", "type", "country", "business_id")}
    app = SelosteApp(answers_until(tmp_path, [], controller=controller), "en")
    async with app.run_test(size=size) as pilot:
        chat = await open_chat(pilot)
        assert chat.step.question.id == "controller_street_address"
        keys_at_full_speed(app, *"Kauppakatu 1", "enter")
        app.post_message(events.Paste("001"))  # as a terminal sends a bracketed paste, before the next question shows
        keys_at_full_speed(app, *"00", "enter")
        await until(pilot, lambda: chat.step.question.id not in ("controller_street_address", "controller_postal_code"))
    assert saved(chat)["controller"]["street_address"] == "Kauppakatu 1"
    assert saved(chat)["controller"]["postal_code"] == "00100"



async def test_two_pasted_lines_are_kept_in_a_text_answer_and_in_a_form_s_box(tmp_path: Path) -> None:
    from textual import events

    pasted = "First line: the café's customers.\nSecond line: the newsletter.\n"
    app = SelosteApp(before_purposes(tmp_path), "en")
    async with app.run_test(size=(80, 24)) as pilot:
        chat = await open_chat(pilot)
        form = chat.query_one(RecordForm)
        description = form.query_one("#field-description", Input)
        description.focus()
        app.post_message(events.Paste(pasted))  # as a terminal sends a bracketed paste
        await until(pilot, lambda: description.value)
        assert description.value == "First line: the café's customers. Second line: the newsletter."
        assert "joined into one line" in str(chat.query_one("#answer-hint").render())
    app = SelosteApp(answers_until(tmp_path, []), "en")
    async with app.run_test(size=(80, 24)) as pilot:
        chat = await open_chat(pilot)
        assert chat.step.question.id == "controller_name"
        box = chat.query_one("#answer-text", Input)
        await until(pilot, lambda: box.has_focus)
        box.value = "Café "
        box.cursor_position = len(box.value)
        app.post_message(events.Paste("Aurora\r\nHelsinki"))
        await until(pilot, lambda: box.value != "Café ")
        assert box.value == "Café Aurora Helsinki"
        assert "joined into one line" in str(chat.query_one("#answer-hint").render())


# --- the language switch keeps the focus where it was ------------------------------------------------------------


@SIZES
async def test_f2_in_a_form_keeps_the_focus_and_the_cursor_in_the_box_typed_in(tmp_path: Path, size: tuple[int, int]) -> None:
    app = SelosteApp(before_purposes(tmp_path), "en")
    async with app.run_test(size=size) as pilot:
        chat = await open_chat(pilot)
        form = chat.query_one(RecordForm)
        form.query_one("#field-retention_period", Input).value = "2 years"
        description = form.query_one("#field-description", Input)
        description.focus()
        description.value = "Loyalty club"
        description.cursor_position = len("Loyalty")
        keys_at_full_speed(app, "f2", "f2", ",")  # to Swedish, to Finnish, and on typing where the cursor was
        await until(pilot, lambda: chat.lang == "fi" and chat.query(RecordForm) and chat.query_one(RecordForm) is not form)
        form = chat.query_one(RecordForm)
        description = form.query_one("#field-description", Input)
        await until(pilot, lambda: description.value == "Loyalty, club")
        assert app.focused is description and description.cursor_position == len("Loyalty,")
        assert form.query_one("#field-retention_period", Input).value == "2 years"
# --- the export screen at 80x24: where the files went, and what they show in another language, in sight ------------


async def test_after_an_export_at_80x24_the_paths_and_the_note_on_other_languages_are_in_sight(tmp_path: Path) -> None:
    from textual.widgets import SelectionList

    from wizard.tui.screens.export import ExportScreen
    from wizard.tui.screens.review import ReviewScreen
    from wizard.tui.screens.translations import TranslationScreen

    from written import in_one_language

    data = in_one_language(parse(example_text("webshop")).data, "fi")  # texts in Finnish only
    path = tmp_path / "kauppa.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    app = SelosteApp(path, "fi")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_chat(pilot, "fi")
        await until(pilot, lambda: isinstance(app.screen, ReviewScreen))
        await pilot.press("f9")
        await until(pilot, lambda: isinstance(app.screen, ExportScreen))
        export = app.screen
        languages = export.query_one("#export-languages", SelectionList)
        languages.deselect_all()
        languages.select("fi")
        languages.select("sv")
        export.query_one("#export-folder", Input).value = str(tmp_path / "out")
        export.query_one("#export-go").focus()
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, TranslationScreen))
        await pilot.press("escape")  # the Swedish texts left as written
        result = export.query_one("#export-result")
        await until(pilot, lambda: "Valmis" in str(result.render()))
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()
        shown = str(result.render())
        assert str(tmp_path / "out" / "tietosuojaseloste-sv.html") in shown and "ruotsiksi" in shown
        assert shown_whole(result), "the paths and the note are below the edge"


@SIZES
async def test_keys_typed_after_tab_on_the_export_screen_go_to_the_box_tab_moved_to(tmp_path: Path, size: tuple[int, int]) -> None:
    from wizard.tui.screens.export import ExportScreen
    from wizard.tui.screens.review import ReviewScreen

    app = SelosteApp(whole_example(tmp_path, "webshop"), "en")
    async with app.run_test(size=size) as pilot:
        await open_chat(pilot)
        await until(pilot, lambda: isinstance(app.screen, ReviewScreen))
        await pilot.press("f9")
        await until(pilot, lambda: isinstance(app.screen, ExportScreen))
        export = app.screen
        formats = export.query_one("#export-formats", SelectionList)
        formats.focus()
        await until(pilot, lambda: app.focused is formats)
        folder = tmp_path / "out"
        keys_at_full_speed(app, "tab", "ctrl+u", *str(folder), "tab", "ctrl+u", *"kahvila-kanerva", "tab", "enter")
        result = export.query_one("#export-result")
        await until(pilot, lambda: "Done" in str(result.render()))
        assert export.query_one("#export-folder", Input).value == str(folder)
    assert (folder / "kahvila-kanerva-en.html").is_file()


# --- the translation pass before an export: each text as written, a box that shows what is typed ------------------


def in_finnish_only(folder: Path) -> Path:
    from written import in_one_language

    data = in_one_language(parse(example_text("webshop")).data, "fi")
    data["notice"]["date"] = "2026-11-22"
    path = folder / "kauppa.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


async def at_the_translations(pilot: Pilot, languages: tuple[str, ...] = ("sv",)) -> Any:
    """From a complete interview in Finnish, the export in `languages`: the translation pass it asks first."""
    from wizard.tui.screens.export import ExportScreen
    from wizard.tui.screens.review import ReviewScreen
    from wizard.tui.screens.translations import TranslationScreen

    app = pilot.app
    await open_chat(pilot, "fi")
    await until(pilot, lambda: isinstance(app.screen, ReviewScreen))
    await pilot.press("f9")
    await until(pilot, lambda: isinstance(app.screen, ExportScreen))
    export = app.screen
    chosen = export.query_one("#export-languages", SelectionList)
    chosen.deselect_all()
    for code in languages:
        chosen.select(code)
    export.query_one("#export-go").focus()
    await pilot.press("enter")
    await until(pilot, lambda: isinstance(app.screen, TranslationScreen) and app.focused is not None)
    await pilot.wait_for_scheduled_animations()
    return export


@SIZES
async def test_each_text_to_translate_shows_as_written_with_a_box_that_shows_what_is_typed(tmp_path: Path, size: tuple[int, int]) -> None:
    from wizard.fieldpath import value_at

    app = SelosteApp(in_finnish_only(tmp_path), "fi")
    async with app.run_test(size=size) as pilot:
        await at_the_translations(pilot)
        screen = app.screen
        missing = screen.missing
        assert len(missing) > 5
        for number, item in enumerate(missing):  # every one with its text, the language it is written in named
            shown = str(screen.query(".translation-original")[number].render())
            assert item.text and item.text in shown and "suomeksi" in shown, number
        first = screen.query_one("#translation-0", Input)
        assert app.focused is first and shown_whole(first) and shown_whole(screen.query(".translation-original")[0])
        keys_at_full_speed(app, *"Kaféets kund- och lojalitetsregister", "enter", *"Kunder", "enter", *"Tre")
        third, third_original = screen.query_one("#translation-2", Input), screen.query(".translation-original")[2]
        # the scroll to the box in focus comes after a refresh: wait for it, a loaded machine only makes it later
        await until(pilot, lambda: third.value == "Tre" and shown_whole(third) and shown_whole(third_original))
        assert first.value == "Kaféets kund- och lojalitetsregister"
        assert app.focused is third
        answers = chat_answers(app)
    assert value_at(answers, missing[0].path)[1]["sv"] == "Kaféets kund- och lojalitetsregister"
    assert value_at(answers, missing[1].path)[1]["sv"] == "Kunder"


def chat_answers(app: SelosteApp) -> dict[str, Any]:
    return yaml.safe_load(app.session.path.read_text(encoding="utf-8"))


def test_the_translation_pass_at_80x24(snap_compare: Any, tmp_path: Path) -> None:
    async def run_before(pilot: Pilot) -> None:
        await at_the_translations(pilot)
        await pilot.press(*"Kunder", "enter", *"Nyhetsbrev")
        await until(pilot, lambda: pilot.app.screen.query_one("#translation-1", Input).value == "Nyhetsbrev")
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()

    assert snap_compare(SelosteApp(in_finnish_only(tmp_path), "fi"), terminal_size=(80, 24), run_before=run_before)


# --- one more item after a No to "add another?": + at the review ----------------------------------------------------


async def test_plus_at_the_review_adds_one_more_item_to_a_list_after_its_no(tmp_path: Path) -> None:
    from wizard.tui.screens.review import ReviewRow, ReviewScreen

    app = SelosteApp(in_finnish_only(tmp_path), "fi")
    async with app.run_test(size=(80, 24)) as pilot:
        chat = await open_chat(pilot, "fi")
        await until(pilot, lambda: isinstance(app.screen, ReviewScreen))
        review = app.screen
        groups = saved(chat)["processing"]["data_subjects"]
        row = next(row for row in review.query(ReviewRow) if row.target == ("data_subjects", len(groups) - 1))
        row.focus()
        await until(pilot, lambda: any(key.action == "add" for key in review.query("FooterKey")))  # the key is shown
        footer = " ".join(f"{key.key_display} {key.description}" for key in review.query("FooterKey"))
        assert "+ Lisää uusi" in footer
        keys_at_full_speed(app, "plus", *"kanta-asiakkaat", "enter")  # typed on at once: into the new group's box
        await until(pilot, lambda: app.screen is chat and chat.step is not None and chat.step.mode == "another")
        keys_at_full_speed(app, "e", "enter")
        await until(pilot, lambda: isinstance(app.screen, ReviewScreen) and app.screen is not review)
    assert saved(chat)["processing"]["data_subjects"] == [*groups, "kanta-asiakkaat"]


# --- what the transcript shows of an answer -----------------------------------------------------------------


async def test_a_yes_typed_before_a_list_s_first_item_is_shown_as_yes_in_the_conversation_language(tmp_path: Path) -> None:
    parts = [*BEFORE_PURPOSES, "purposes", "personal_data", "direct_marketing"]
    app = SelosteApp(answers_until(tmp_path, parts), "fi")
    async with app.run_test(size=(80, 24)) as pilot:
        chat = await open_chat(pilot, "fi")
        assert (chat.step.question.id, chat.step.mode) == ("personal_data", "another")
        chat.query_one("#answer-yes-no-text", Input).value = "ei"
        await pilot.press("enter")
        await until(pilot, lambda: chat.step.question.id == "special_categories")
        assert chat.step.mode == "first"  # "Do you keep any sensitive data?", before the list's first item
        chat.query_one("#answer-yes-no-text", Input).value = "kyllä"
        await pilot.press("enter")
        await until(pilot, lambda: chat.step.mode == "answer" and chat.query(RecordForm))
        shown = [str(bubble.render()) for bubble in chat.query(AnswerBubble)]
    assert shown[-2:] == ["Ei", "Kyllä"]


# --- the question being asked stays in sight; changing an earlier answer can be given up ---------------------------


def at_another_group(folder: Path) -> Path:
    """Just after the first group of people: "Is there another group of people?" is asked."""
    processing = {"name": webshop()["processing"]["name"], "data_subjects": ["asiakkaat"]}
    return answers_until(folder, ["controller", "privacy_contact"], processing=processing)


async def test_tab_goes_round_the_answer_area_and_a_new_question_comes_into_sight_after_scrolling_up(tmp_path: Path) -> None:
    from wizard.tui.widgets.bubbles import QuestionBubble

    app = SelosteApp(at_another_group(tmp_path), "fi")
    async with app.run_test(size=(80, 24)) as pilot:
        chat = await open_chat(pilot, "fi")
        assert (chat.step.question.id, chat.step.mode) == ("data_subjects", "another")
        box = chat.query_one("#answer-yes-no-text", Input)
        keys_at_full_speed(app, *"työntekijät", "tab", "tab", "tab")  # the box, Yes, No, and round to the box
        await until(pilot, lambda: box.value == "työntekijät" and app.focused is box)
        await pilot.wait_for_scheduled_animations()
        assert shown_whole(chat.query(QuestionBubble).last())
        transcript = chat.query_one("#transcript")
        transcript.scroll_home(animate=False)  # the wheel: up to the first answers
        await pilot.pause()
        await pilot.press("enter")  # a yes, with "työntekijät" as the next group: saved at once, asked again
        await until(pilot, lambda: len(chat.query(AnswerBubble)) > 3 and chat.step.mode == "another")
        await pilot.wait_for_scheduled_animations()
        assert str(chat.query(QuestionBubble).last().render()) == "Onko vielä muita ihmisryhmiä?"
        assert shown_whole(chat.query(QuestionBubble).last())
        bubble = chat.query(AnswerBubble).first()
        bubble.focus()  # Shift+Tab and ↑ up the transcript: scrolled to the first answer
        await pilot.wait_for_scheduled_animations()
        await pilot.press("escape")  # back to the answer: the conversation's end in sight again
        await until(pilot, lambda: app.focused is box)
        await pilot.wait_for_scheduled_animations()
        assert shown_whole(chat.query(QuestionBubble).last())


async def test_esc_gives_up_changing_an_earlier_answer_and_goes_back_with_what_was_typed(tmp_path: Path) -> None:
    from wizard.tui.widgets.bubbles import QuestionBubble

    app = SelosteApp(at_another_group(tmp_path), "fi")
    async with app.run_test(size=(80, 24)) as pilot:
        chat = await open_chat(pilot, "fi")
        box = chat.query_one("#answer-yes-no-text", Input)
        box.value = "työntekijät"
        language = next(bubble for bubble in chat.query(AnswerBubble) if bubble.question_id == "notice-language")
        language.focus()
        await pilot.press("enter")  # change the notice's language: its question and its list, in sight
        await until(pilot, lambda: chat.step is None and app.focused is chat.query_one("#answer-choice"))
        await pilot.wait_for_scheduled_animations()
        asked = chat.query(QuestionBubble).last()
        assert "Millä kielellä tietosuojaseloste" in str(asked.render()) and shown_whole(asked)
        assert "Esc" in str(chat.query_one("#answer-hint").render())
        await pilot.press("escape")  # given up: back at "another group?", the language as it was
        await until(pilot, lambda: chat.step is not None and chat.step.mode == "another")
        await pilot.wait_for_scheduled_animations()
        assert chat.notice_lang == "fi" and box.value == "työntekijät" and app.focused is box
        assert str(chat.query(QuestionBubble).last().render()) == "Onko vielä muita ihmisryhmiä?"
        assert shown_whole(chat.query(QuestionBubble).last())
        group = next(bubble for bubble in chat.query(AnswerBubble) if bubble.question_id == "data_subjects")
        group.focus()
        await pilot.press("enter")  # change the first group; typed into, then given up
        await until(pilot, lambda: chat.step.mode == "answer" and app.focused is chat.query_one("#answer-text"))
        await pilot.press("x", "escape")
        await until(pilot, lambda: chat.step.mode == "another" and app.focused is box)
        assert box.value == "työntekijät"
    assert saved(chat)["processing"]["data_subjects"] == ["asiakkaat"]


# --- text typed on a form's Save or on a closed dropdown is kept in a text box -------------------------------------


@SIZES
async def test_text_typed_on_a_form_s_save_goes_into_the_box_the_focus_came_from(tmp_path: Path, size: tuple[int, int]) -> None:
    app = SelosteApp(before_purposes(tmp_path), "en")
    async with app.run_test(size=size) as pilot:
        chat = await open_chat(pilot)
        form = chat.query_one(RecordForm)
        first = form.query_one("#field-description", Input)
        await until(pilot, lambda: app.focused is first)
        # basis, marketing, retention period, its criteria, Save; then a word, all at once
        keys_at_full_speed(app, "tab", "tab", "tab", "tab", "tab", *"kunde")
        criteria = form.query_one("#field-retention_criteria", Input)
        await until(pilot, lambda: criteria.value == "kunde")
        assert app.focused is criteria
        keys_at_full_speed(app, "tab", *" och gäster", "backspace")  # Save again: a correction goes there too
        await until(pilot, lambda: criteria.value == "kunde och gäste")
        assert app.focused is criteria and form.query_one("#field-description", Input).value == ""


@SIZES
async def test_a_sentence_typed_on_a_closed_dropdown_goes_into_the_next_text_box_and_a_letter_still_chooses(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    app = SelosteApp(before_purposes(tmp_path), "en")
    async with app.run_test(size=size) as pilot:
        chat = await open_chat(pilot)
        form = chat.query_one(RecordForm)
        marketing = form.query_one("#field-direct_marketing", Select)
        marketing.focus()
        await until(pilot, lambda: app.focused is marketing)
        keys_at_full_speed(app, *"via the link in every newsletter")
        period = form.query_one("#field-retention_period", Input)
        await until(pilot, lambda: period.value == "via the link in every newsletter")
        assert app.focused is period and marketing.value == "no" and not marketing.expanded
        assert "Enter" in str(chat.query_one("#answer-hint").render())
        marketing.focus()
        await until(pilot, lambda: app.focused is marketing)
        await pilot.press("y")  # the first letter of Yes: chosen, as a list chooses by its letters
        await until(pilot, lambda: marketing.value == "yes")
        assert app.focused is marketing and period.value == "via the link in every newsletter"
        assert str(chat.query_one("#answer-hint").render()) == ""  # the note on the list, said once: gone as the focus moves on


async def test_shift_tab_up_and_enter_typed_at_once_change_the_answer_before_the_latest(tmp_path: Path) -> None:
    controller = {key: webshop()["controller"][key] for key in ("name", "type", "country", "business_id")}
    app = SelosteApp(answers_until(tmp_path, [], controller=controller), "en")
    async with app.run_test(size=(80, 24)) as pilot:
        chat = await open_chat(pilot)
        assert chat.step.question.id == "controller_street_address"
        keys_at_full_speed(app, "shift+tab", "up", "enter", *"9")  # the latest answer is the notice's language
        await until(pilot, lambda: chat.step is not None and chat.step.question.id == "controller_business_id")
        box = chat.query_one("#answer-text", Input)
        await until(pilot, lambda: box.value.endswith("9"))
        assert app.focused is box and box.value == webshop()["controller"]["business_id"] + "9"
