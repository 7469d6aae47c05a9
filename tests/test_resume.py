"""Continuing an unfinished interview: a list of them (the business, when, how far) on the first screen, named
after the business, never a demonstration offered as someone's own, and no language asked again."""

from __future__ import annotations

import io
import os
import time
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Footer, OptionList

from test_chat import keys_at_full_speed
from test_tui import language_asked, until

from wizard import storage
from wizard.engine import Interview
from wizard.languages import LANGUAGES
from wizard.plain import PlainChat
from wizard.session import Session, leaving_words, new, resumable
from wizard.tui.app import SelosteApp
from wizard.tui.screens.chat import ChatScreen
from wizard.tui.screens.dialogs import LanguageScreen


def interview_of(business: str, answers: int, lang: str = "fi", seconds_ago: int = 0, example: str | None = None) -> Session:
    """A new interview with `answers` answers given, the business's name the first of them."""
    session = new(lang, example=example)
    session.notice_lang = lang
    replies: list[Any] = [business, "company", "FI", "1572860-0", "Esimerkkikatu 1", "00100"]
    for reply in replies[:answers]:
        session.current()
        assert session.submit(reply) is None
        session.autosave()
    session.current()
    session.autosave()
    moment = time.time() - seconds_ago
    os.utime(session.path, (moment, moment))
    return session


def test_the_files_are_named_after_the_business_once_it_has_a_name() -> None:
    session = new("fi")
    assert session.path.name.startswith("interview-")
    session.current()
    assert session.submit("Kahvila Kanerva Oy") is None
    session.autosave()
    assert session.path == storage.interviews_dir() / "kahvila-kanerva-oy.yaml"
    assert storage.state_path(session.path).is_file()
    assert sorted(path.name for path in storage.interviews_dir().iterdir()) == ["kahvila-kanerva-oy.state.json", "kahvila-kanerva-oy.yaml"]
    other = interview_of("Kahvila Kanerva Oy", 1)
    assert other.path.name == "kahvila-kanerva-oy-2.yaml"


def test_every_unfinished_interview_is_offered_latest_first_but_no_demonstration_and_no_exported_one() -> None:
    interview_of("Kahvila Kanerva Oy", 3, seconds_ago=300)
    interview_of("Parturi Peilikuva", 1, lang="en", seconds_ago=100)
    done = interview_of("Valmis Oy", 2, seconds_ago=50)
    done.published_now()  # what the export does once its files are written
    interview_of("Teelehti", 2, example="webshop")  # someone showed the demonstration
    new("fi")  # opened and left before any answer

    offered = resumable("fi")

    assert [interview.label.split(" · ")[0] for interview in offered] == ["Parturi Peilikuva", "Kahvila Kanerva Oy"]
    assert [interview.lang for interview in offered] == ["en", "fi"]
    assert all(interview.label.endswith(" %") for interview in offered)


def test_leaving_the_chat_says_where_the_answers_are_and_how_to_go_on_in_the_conversation_language(tmp_path: Path) -> None:
    unfinished = interview_of("Kahvila Kanerva Oy", 2, lang="fi")
    said = leaving_words(unfinished, "fi")
    assert str(unfinished.path) in said and "ensimmäisellä näytöllä" in said  # offered on the first screen
    assert "Your answers" in leaving_words(unfinished, "en") and "Dina svar" in leaving_words(unfinished, "sv")

    given = Session(tmp_path / "kauppa.yaml", Interview.start(lang="en"), "en", "en")  # seloste --answers FILE
    given.current()
    assert given.submit("Kauppa Oy") is None
    given.autosave()
    said = leaving_words(given, "en")
    assert f"seloste --answers {given.path}" in said and "first screen" not in said

    demonstration = interview_of("Teelehti", 2, example="webshop")
    said = leaving_words(demonstration, "en")
    assert "demonstration" in said and "not offer it" in said and "Your answers" not in said

    assert "nothing was saved" in leaving_words(new("en"), "en")  # left before the first answer
    assert leaving_words(None, "en") == ""  # left at the first screen: the interviews it offers are as they were


def test_each_unfinished_interview_shows_when_it_was_saved_as_its_own_language_writes_it() -> None:
    from datetime import datetime

    moment = datetime(2026, 12, 3, 18, 38).timestamp()
    for business, lang in (("Kahvila Kanerva Oy", "fi"), ("Parturi Peilikuva", "en"), ("Blomsterhandel Ros", "sv")):
        path = interview_of(business, 1, lang=lang).path
        os.utime(path, (moment, moment))

    for chosen in ("en", "fi"):  # the first screen's language until one is chosen: it does not matter
        shown = {interview.label.split(" · ")[0]: interview.label.split(" · ")[1] for interview in resumable(chosen)}
        assert shown == {"Kahvila Kanerva Oy": "3.12.2026 klo 18.38", "Parturi Peilikuva": "03/12/2026 at 18:38", "Blomsterhandel Ros": "3.12.2026 kl. 18.38"}


async def test_the_first_screen_lists_them_and_one_goes_on_in_its_own_language_without_asking_again() -> None:
    interview_of("Kahvila Kanerva Oy", 3, lang="fi", seconds_ago=300)
    interview_of("Parturi Peilikuva", 1, lang="en")
    app = SelosteApp(None, "en")
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, LanguageScreen) and app.screen.query("#language-choice"))
        choice = app.screen.query_one(OptionList)
        await until(pilot, lambda: len(app.unfinished) == 2)  # found once the question is on the screen
        shown = [str(choice.get_option_at_index(index).prompt) for index in range(choice.option_count)]
        assert shown[-2].startswith("Parturi Peilikuva") and shown[-1].startswith("Kahvila Kanerva Oy")
        choice.highlighted = choice.option_count - 1
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ChatScreen) and app.screen.step is not None)
        chat = app.screen
        assert chat.session.path.name == "kahvila-kanerva-oy.yaml"
        assert chat.lang == "fi" and chat.step.question.id == "controller_business_id"  # where it was left, in Finnish
        assert not any(isinstance(screen, LanguageScreen) for screen in app.screen_stack[1:])


def test_the_plain_mode_offers_them_after_the_languages_and_goes_on_in_its_own_language() -> None:
    interview_of("Kahvila Kanerva Oy", 3, lang="fi")
    out = io.StringIO()
    after_the_languages = len(LANGUAGES) + 1
    chat = PlainChat(io.StringIO(f"{after_the_languages}\n"), out, "en")
    chosen = chat.choose_conversation_language(resumable("en"))
    assert f"{after_the_languages}) Kahvila Kanerva Oy" in out.getvalue()
    assert chosen is not None and chat.lang == "fi"
    assert chat.open_session(None, True, resumed=chosen) is None
    assert chat.session.path == chosen.path and chat.session.interview.answers["controller"]["name"] == "Kahvila Kanerva Oy"


def test_a_demonstration_is_never_resumed_as_the_user_s_own() -> None:
    demonstration = interview_of("Teelehti", 2, example="webshop")
    assert storage.unfinished() is None and resumable("en") == []
    assert Interview.start(answers=storage.load(demonstration.path)).history  # it is kept, for the trainer


# --- what was typed and not sent is there again -------------------------------------------------------------------


def interview_at_purposes(folder: Path) -> Session:
    """An interview in English, answered up to its first purpose, as the interviews folder keeps it."""
    from test_chat import before_purposes

    session = new("en")
    session.set_notice_language("en")
    answers = storage.load(before_purposes(folder))
    storage.autosave(answers, session.path, session.state())
    return session


async def choose_the_latest(app: SelosteApp, pilot: Any) -> None:
    """On the first screen, the one unfinished interview listed (the last entry), chosen with Enter."""
    await until(pilot, lambda: isinstance(app.screen, LanguageScreen) and len(app.unfinished) == 1)
    choice = app.screen.query_one(OptionList)
    choice.highlighted = choice.option_count - 1
    await pilot.press("enter")


async def resume_the_latest(app: SelosteApp, pilot: Any) -> ChatScreen:
    await choose_the_latest(app, pilot)
    await until(pilot, lambda: isinstance(app.screen, ChatScreen) and app.screen.step is not None)
    return app.screen


async def test_a_half_filled_form_left_with_ctrl_q_is_there_again_on_continuing(tmp_path: Path) -> None:
    from textual.widgets import Input, Select

    from wizard.tui.widgets.composer import RecordForm

    interview_at_purposes(tmp_path)
    app = SelosteApp(None, "en")
    async with app.run_test(size=(80, 24)) as pilot:
        chat = await resume_the_latest(app, pilot)
        assert chat.step.question.id == "purposes"
        form = chat.query_one(RecordForm)
        form.query_one("#field-description", Input).value = "Loyalty club"
        form.query_one("#field-basis", Select).value = "contract"
        await until(pilot, lambda: form.query("#field-contract"))
        contract = form.query_one("#field-contract", Input)
        contract.focus()
        contract.value = "Club rules"
        await pilot.press("ctrl+q")
        await until(pilot, lambda: not app.is_running)
    app = SelosteApp(None, "en")
    async with app.run_test(size=(80, 24)) as pilot:
        chat = await resume_the_latest(app, pilot)
        assert chat.step.question.id == "purposes"
        form = chat.query_one(RecordForm)
        await until(pilot, lambda: form.query("#field-contract"))
        values = form.values(suggested=False)
        assert (values["description"], values["basis"], values["contract"]) == ("Loyalty club", "contract", "Club rules")
        contract = form.query_one("#field-contract", Input)
        assert app.focused is contract and contract.cursor_position == len("Club rules")


async def test_an_answer_half_typed_when_the_terminal_closes_is_there_again_on_continuing() -> None:
    import signal

    from textual.widgets import Input

    interview_of("Kahvila Kanerva Oy", 4, lang="fi")  # at the street address
    app = SelosteApp(None, "fi")
    async with app.run_test(size=(80, 24)) as pilot:
        chat = await resume_the_latest(app, pilot)
        asked = chat.step.question.id
        await pilot.press(*"Kuja 3")
        os.kill(os.getpid(), signal.SIGHUP)  # as the terminal sends it when its window is closed
        await until(pilot, lambda: not app.is_running)
    app = SelosteApp(None, "fi")
    async with app.run_test(size=(80, 24)) as pilot:
        chat = await resume_the_latest(app, pilot)
        box = chat.query_one("#answer-text", Input)
        assert chat.step.question.id == asked and box.value == "Kuja 3" and box.has_focus
        assert box.cursor_position == len("Kuja 3")


def test_the_chat_left_with_ctrl_q_tells_the_terminal_where_the_answers_are(data_folder: Path) -> None:
    import pty
    import select
    import signal
    import subprocess
    import sys

    from test_tui import wait_for_output

    master, slave = pty.openpty()
    env = {**os.environ, "TERM": "xterm-256color", "SELOSTE_LANG": "fi", "COLUMNS": "100", "LINES": "30"}
    process = subprocess.Popen([sys.executable, "-m", "wizard"], stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True)
    os.close(slave)
    try:
        wait_for_output(master, "Millä kielellä keskustellaan")
        os.write(master, b"\r")  # Finnish, suggested by SELOSTE_LANG
        wait_for_output(master, "tietosuojaseloste kirjoitetaan")
        os.write(master, b"\r")  # the notice in Finnish
        wait_for_output(master, "virallinen nimi")
        os.write(master, b"Kauppa Kolme Oy\r")
        wait_for_output(master, "Onko kyseess")  # the next question: the name is saved
        os.write(master, b"\x11")  # Ctrl+Q
        assert process.wait(timeout=30) == 0
        said = b""
        while select.select([master], [], [], 1)[0]:
            try:
                said += os.read(master, 65536)
            except OSError:  # (all read: the terminal's other end is closed)
                break
        last = said.decode("utf-8", "replace").rsplit("\x1b", 1)[-1]  # after the chat left the screen it drew on
        path = data_folder / "interviews" / "kauppa-kolme-oy.yaml"
        assert f"tallennettu tiedostoon {path}" in last and "ensimmäisellä näytöllä" in last
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
            process.wait()
        os.close(master)


def webshop_session(tmp_path: Path) -> Session:
    from test_versions import webshop

    path = storage.interviews_dir() / "verkkokauppa.yaml"
    session = Session(path, Interview.start(answers=webshop(), lang="fi"), "fi", "fi")
    session.autosave()
    return session


def test_an_exported_interview_changed_afterwards_is_finished_and_offered_at_100_percent(tmp_path: Path) -> None:
    session = webshop_session(tmp_path)
    plan = [("fi", "md", tmp_path / "seloste-fi.md")]
    assert session.export(plan, replace=False, allow_incomplete=False).written
    assert resumable("fi") == []

    session.edit("controller_name")  # F4 on the first answer: changed, and saved as the chat saves
    assert session.current().question.id == "controller_name"
    assert session.submit("Verkkokauppa Uusi Oy") is None
    session.autosave()

    state = storage.load_state(session.path)
    assert (state.finished, state.progress, state.exported) == (True, 100, False)
    (offered,) = resumable("fi")
    assert offered.label.startswith("Verkkokauppa Uusi Oy · ") and offered.label.endswith(" · 100 %")


def test_an_answer_changed_back_to_what_was_exported_leaves_it_exported(tmp_path: Path) -> None:
    session = webshop_session(tmp_path)
    assert session.export([("fi", "md", tmp_path / "seloste-fi.md")], replace=False, allow_incomplete=False).written
    name = session.interview.answers["controller"]["name"]
    session.edit("controller_name")
    assert session.submit(name) is None
    session.autosave()

    assert storage.load_state(session.path).exported and resumable("fi") == []


def shown_lines(widget: Any) -> str:
    """The text the widget draws now, line by line (what scrolled out of it is not there)."""
    return "\n".join(widget.render_line(y).text for y in range(widget.size.height))


async def test_at_80x24_a_long_list_fits_the_screen_and_scrolls_to_the_highlighted_interview() -> None:
    names = ["Kahvila Kanerva Oy", "Parturi-kampaamo Peilikuva ja Kumppanit Oy", "Autokorjaamo Mäkinen Ky", "Tiina Virtanen",
             "Lankakauppa Villasukka", "Huoltoliike Hyvä Huolto Oy", "Kirjanpitotoimisto Tase", "Valokuvaamo Välähdys"]  # fmt: skip
    for number, name in enumerate(names):
        interview_of(name, 2, seconds_ago=100 * number)
    app = SelosteApp(None, "fi")
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: language_asked(app) and len(app.unfinished) == len(names))
        choice = app.screen.query_one(OptionList)
        footer_top = app.screen.query_one(Footer).region.y
        await until(pilot, lambda: choice.region.bottom <= footer_top)  # its bottom border above the footer
        await pilot.press("up")  # from the first language round to the last entry
        await until(pilot, lambda: choice.highlighted == choice.option_count - 1)
        await until(pilot, lambda: "Valokuvaamo Välähdys" in shown_lines(choice) and shown_lines(choice).rstrip().endswith("%"))
        assert choice.region.bottom <= footer_top


async def test_at_80x24_an_unfinished_interview_shows_its_name_time_and_progress_without_scrolling() -> None:
    interview_of("Kahvila Kanerva Oy", 2)
    app = SelosteApp(None, "fi")
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: language_asked(app) and len(app.unfinished) == 1)
        choice = app.screen.query_one(OptionList)
        await until(pilot, lambda: "Kahvila Kanerva Oy" in shown_lines(choice))
        entry = next(line for line in shown_lines(choice).splitlines() if "Kahvila Kanerva Oy" in line)
        assert entry.rstrip(" ▎▇█▊").endswith("%"), entry  # when and how far on the same line, no scrolling
        assert choice.max_scroll_y == 0


async def test_keys_typed_after_enter_then_ctrl_q_are_saved_in_the_next_question_s_box() -> None:
    from textual import events
    from textual.widgets import Input

    interview_of("Kahvila Kanerva Oy", 4, lang="fi")  # at the street address
    app = SelosteApp(None, "fi")
    async with app.run_test(size=(80, 24)) as pilot:
        chat = await resume_the_latest(app, pilot)
        assert chat.step.question.id == "controller_street_address"
        chat.query_one("#answer-text", Input).value = "Kuja 3"
        keys_at_full_speed(app, "enter", *"001", "ctrl+q")  # at once, before the next question shows
        app.post_message(events.Paste("00"))  # and the rest pasted as the chat closes: nothing typed is lost
        await until(pilot, lambda: not app.is_running)
    app = SelosteApp(None, "fi")
    async with app.run_test(size=(80, 24)) as pilot:
        chat = await resume_the_latest(app, pilot)
        box = chat.query_one("#answer-text", Input)
        assert chat.step.question.id == "controller_postal_code", "the address was taken"
        assert box.value == "00100" and box.has_focus


@pytest.mark.parametrize("leaving", ["ctrl+q", "SIGHUP"])
async def test_an_answer_typed_at_full_speed_then_ctrl_q_or_the_terminal_closed_is_kept_whole(leaving: str) -> None:
    import signal

    from textual.widgets import Input

    interview_of("Kahvila Kanerva Oy", 4, lang="fi")  # at the street address
    app = SelosteApp(None, "fi")
    async with app.run_test(size=(80, 24)) as pilot:
        await resume_the_latest(app, pilot)
        keys_at_full_speed(app, *"Kuja 3")  # at once: the box has not read them when the chat is left
        if leaving == "SIGHUP":
            os.kill(os.getpid(), signal.SIGHUP)
        else:
            keys_at_full_speed(app, "ctrl+q")
        await until(pilot, lambda: not app.is_running)
    app = SelosteApp(None, "fi")
    async with app.run_test(size=(80, 24)) as pilot:
        chat = await resume_the_latest(app, pilot)
        assert chat.query_one("#answer-text", Input).value == "Kuja 3"


@pytest.mark.parametrize(
    ("burst", "kept"),
    [(["backspace"] * 5 + list("world and more words"), "Hello world and more words"), (["ctrl+u", *"Every member"], "Every member")],
    ids=["backspace", "ctrl+u"],
)
async def test_corrections_typed_at_full_speed_then_ctrl_q_are_saved_as_the_box_shows_them(burst: list[str], kept: str) -> None:
    from textual.widgets import Input

    interview_of("Kahvila Kanerva Oy", 4, lang="fi")  # at the street address
    app = SelosteApp(None, "fi")
    async with app.run_test(size=(80, 24)) as pilot:
        chat = await resume_the_latest(app, pilot)
        box = chat.query_one("#answer-text", Input)
        box.insert_text_at_cursor("Hello there")
        keys_at_full_speed(app, *burst, "ctrl+q")  # at once: the box has read none of them when Ctrl+Q comes
        await until(pilot, lambda: not app.is_running)
    app = SelosteApp(None, "fi")
    async with app.run_test(size=(80, 24)) as pilot:
        chat = await resume_the_latest(app, pilot)
        assert chat.query_one("#answer-text", Input).value == kept


async def test_a_change_to_an_answer_left_half_typed_is_asked_again_with_it_on_continuing(tmp_path: Path) -> None:
    from textual.widgets import Input

    from test_editing import row_of
    from wizard.tui.screens.review import ReviewScreen
    from wizard.tui.widgets.composer import RecordForm

    webshop_session(tmp_path)  # every question answered: continuing it opens the review
    app = SelosteApp(None, "fi")
    async with app.run_test(size=(80, 24)) as pilot:
        await choose_the_latest(app, pilot)  # a finished interview: it continues at its review
        await until(pilot, lambda: isinstance(app.screen, ReviewScreen))
        chat = app.screen_stack[-2]
        row_of(app.screen, ("purposes", 1)).focus()
        await pilot.press("enter")  # the second purpose, to change its description
        await until(pilot, lambda: app.screen is chat and chat.query(RecordForm))
        description = chat.query_one(RecordForm).query_one("#field-description", Input)
        await until(pilot, lambda: app.focused is description)
        old = description.value
        keys_at_full_speed(app, "ctrl+u", *"Uutiskirje ja kampanjat", "ctrl+q")  # at once, half a description and Ctrl+Q
        await until(pilot, lambda: not app.is_running)
    app = SelosteApp(None, "fi")
    async with app.run_test(size=(80, 24)) as pilot:
        chat = await resume_the_latest(app, pilot)
        assert (chat.step.question.id, chat.step.item) == ("purposes", 1), "the question being changed, not the review"
        description = chat.query_one(RecordForm).query_one("#field-description", Input)
        assert description.value == "Uutiskirje ja kampanjat" != old
        assert app.focused is description and description.cursor_position == len(description.value)


async def a_new_item_left_half_typed(tmp_path: Path, question_id: str, typed: str, exported: bool) -> tuple[int, str]:
    """The webshop's finished interview continued, (exported first, with `exported`), `+` at the review on the list
    `question_id`, `typed` at full speed into the new item's first box, then Ctrl+Q: the new item and its box."""
    from textual.widgets import Input

    from test_editing import row_of
    from wizard.tui.screens.review import ReviewScreen
    from wizard.tui.widgets.composer import RecordForm

    count = len(webshop_session(tmp_path).interview.items(question_id))
    app = SelosteApp(None, "fi")
    async with app.run_test(size=(80, 24)) as pilot:
        await choose_the_latest(app, pilot)  # a finished interview: it continues at its review
        await until(pilot, lambda: isinstance(app.screen, ReviewScreen))
        chat = app.screen_stack[-2]
        if exported:
            chat.session.published_now()  # what the export does once its files are written
            assert resumable("fi") == []
        row_of(app.screen, (question_id, 0)).focus()
        await pilot.press("plus")
        await until(pilot, lambda: app.screen is chat and chat.query(RecordForm) and isinstance(app.focused, Input))
        assert (chat.step.question.id, chat.step.item) == (question_id, count)
        box = app.focused.id
        keys_at_full_speed(app, *typed, "ctrl+q")  # at once, as typed at full speed, then Ctrl+Q
        await until(pilot, lambda: not app.is_running)
    return count, box


@pytest.mark.parametrize("exported", [False, True], ids=["before-export", "after-export"])
async def test_a_new_item_added_at_the_review_and_left_half_typed_opens_with_it_on_continuing(tmp_path: Path, exported: bool) -> None:
    from textual.widgets import Input

    from wizard.tui.widgets.composer import RecordForm

    question_id, typed = ("recipients", "Verkkokauppa Oy Ab, maksunvälittäjä") if exported else ("purposes", "Kanta-asiakasetu")
    item, box = await a_new_item_left_half_typed(tmp_path, question_id, typed, exported)
    state = storage.load_state(storage.interviews_dir() / "verkkokauppa.yaml")
    assert state.exported == exported and state.asking == {"question": question_id, "item": item, "mode": "answer"}
    app = SelosteApp(None, "fi")
    async with app.run_test(size=(80, 24)) as pilot:
        chat = await resume_the_latest(app, pilot)  # offered, though exported: a change was being typed
        assert (chat.step.question.id, chat.step.item, chat.step.mode) == (question_id, item, "answer"), "the new item, not 'add another?'"
        field = chat.query_one(RecordForm).query_one(f"#{box}", Input)
        assert field.value == typed
        await until(pilot, lambda: app.focused is field)
        assert field.cursor_position == len(typed)
