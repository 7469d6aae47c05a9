"""The chat, driven the way a person drives it: keys, clicks and what ends up on the screen and on disk.

A whole interview is answered through the chat's own widgets (each question in the form its kind asks for)
with the answers of an example business, and the export of the notice and of the texts for the point of
collection, in every language, must be byte for byte what `seloste render` and `seloste snippets` write from the
answers file the chat saved. Long answers are put into the text box and sent with Enter, because
every simulated key press costs time.
"""

from __future__ import annotations

import io
import os
import pty
import select
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from textual.pilot import Pilot
from textual.widgets import Button, Input, OptionList, Select, SelectionList, Static
from written import in_one_language

from wizard.cli import run
from wizard.examples import example_text
from wizard.fieldpath import split_path
from wizard.fieldtypes import resolve
from wizard.i18n import _
from wizard.languages import CODES, LANGUAGES, language, next_language
from wizard.loader import parse
from wizard.tui.app import SelosteApp
from wizard.tui.screens.chat import ChatScreen
from wizard.tui.screens.dialogs import ChoiceDialog, LanguageScreen
from wizard.session import SNIPPETS, export_plan
from wizard.tui.screens.export import ExportScreen
from wizard.tui.screens.review import ReviewScreen
from wizard.tui.screens.translations import TranslationScreen
from wizard.tui.widgets.bubbles import AnswerBubble, ReplyBubble
from wizard.tui.widgets.composer import Composer, RecordForm
from wizard.tui.widgets.preview import PreviewPanel, SectionView

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Autosaves go to a fresh folder per test; the working folder (the export's default) too."""
    folder = tmp_path / "home"
    monkeypatch.setenv("SELOSTE_HOME", str(folder))
    monkeypatch.setenv("SELOSTE_CACHE_DIR", "")
    monkeypatch.chdir(tmp_path)
    return folder


@pytest.fixture(autouse=True)
def no_cursor_blink(monkeypatch: pytest.MonkeyPatch) -> None:
    """A blinking cursor would make screenshots differ from run to run."""
    monkeypatch.setattr(Input, "_toggle_cursor", lambda self: None, raising=False)
    original = Input.__init__

    def steady(self: Input, *args: Any, **kwargs: Any) -> None:
        original(self, *args, **kwargs)
        self.cursor_blink = False

    monkeypatch.setattr(Input, "__init__", steady)


# --- driving the chat ----------------------------------------------------------------------------------------


async def until(pilot: Pilot, condition: Callable[[], Any], timeout: float = 30.0) -> None:
    """Let the chat work until `condition` holds; then until the handler that made it hold has finished (the
    chat sets its step before it shows the question's widgets, and a form its values before it mounts the boxes
    they call for). Never a fixed delay: a busy machine only makes this wait longer. Each poll lets the screen
    handle what is queued, then looks again 2 ms later (Pilot's idle wait sleeps 20 ms or more per look); once it
    holds, the idle wait lets what the handler started (a scroll, a refresh) finish."""
    started = time.monotonic()
    while not condition():
        assert time.monotonic() - started < timeout, "the chat did not get there in time"
        await pilot.pause(0.002)
    await pilot.pause()  # waits for every message already queued on the screen and for the app to look idle


def language_asked(app: SelosteApp) -> bool:
    """The first question is on screen, ready for an answer."""
    return isinstance(app.screen, LanguageScreen) and bool(app.screen.query("#language-choice"))


async def choose_languages(pilot: Pilot, conversation: str, notice: str) -> ChatScreen:
    """The first two questions: the conversation's language, then (in the chat) the notice's."""
    app = pilot.app
    await until(pilot, lambda: language_asked(app))
    choice = app.screen.query_one(OptionList)
    choice.highlighted = CODES.index(conversation)
    await pilot.press("enter")
    await until(pilot, lambda: isinstance(app.screen, ChatScreen))
    chat = app.screen
    await until(pilot, lambda: chat.query("#answer-choice"))
    options = chat.query_one("#answer-choice", OptionList)
    options.highlighted = CODES.index(notice)
    await pilot.press("enter")
    await until(pilot, lambda: chat.notice_lang == notice and chat.step is not None)
    return chat


def value_at(data: dict[str, Any], path: tuple[str, ...]) -> tuple[bool, Any]:
    node: Any = data
    for part in path:
        if not isinstance(node, dict) or part not in node:
            return False, None
        node = node[part]
    return True, node


def answer_for(step: Any, data: dict[str, Any]) -> Any:
    """What the business in `data` answers to `step`, in the form the step's widget takes. The chat has no box
    for a purpose's id (it makes one from the description): a choice of purposes names them by the ids the chat
    made, purpose by purpose, where `data` has its own."""
    question = step.question
    found, value = value_at(data, split_path(question.field))
    ids = made_ids(step, data)
    items = value if isinstance(value, list) else []
    if step.mode == "first":
        return bool(items)
    if step.mode == "another":
        return len(items) > step.item
    if question.kind == "yes_no":
        if resolve(question.field).section_model is not None:  # "do you have a DPO?": the part is there or not
            return found and value is not None
        return bool(value) if found else bool(step.default)
    if question.kind == "record":
        item = items[step.item]
        values = {sub.id: sub_answer(sub, item, ids) for sub in question.fields if sub.default_from is None}
        return {sub.id: values[sub.id] for sub in step.fields(values) if sub.default_from is None}
    if question.kind == "list":
        return items[step.item]
    if not found or value is None:
        return [] if question.kind == "multi_choice" else ""
    if question.kind == "multi_choice":
        return [ids.get(choice, choice) for choice in value] if is_purposes(question) else list(value)
    return value if isinstance(value, str) else str(value)


def made_ids(step: Any, data: dict[str, Any]) -> dict[str, str]:
    """Each purpose's id in `data`, and the one the chat made for that purpose."""
    made = step.interview.answers.get("purposes") or []
    given = data.get("purposes") or []
    return {mine["id"]: theirs["id"] for mine, theirs in zip(given, made) if isinstance(theirs, dict) and "id" in theirs}


def is_purposes(question: Any) -> bool:
    return question.options_from is not None and question.options_from.list == "purposes"


def sub_answer(sub: Any, item: dict[str, Any], ids: dict[str, str] | None = None) -> Any:
    found, value = value_at(item, split_path(sub.field))
    if sub.kind == "yes_no":
        if not found:
            return ""
        return "yes" if value is True or isinstance(value, dict) else "no"
    if sub.kind == "multi_choice":
        chosen = list(value) if found and value else []
        return [(ids or {}).get(choice, choice) for choice in chosen] if is_purposes(sub) else chosen
    return "" if not found or value is None else str(value)


async def answer(pilot: Pilot, chat: ChatScreen, raw: Any) -> None:
    """Give `raw` through the widget the current question shows, as a user would."""
    composer = chat.query_one(Composer)
    kind = composer.ask.kind
    if kind == "yes_no":  # typed in its box in the conversation language ("kyllä", "ei" in Finnish)
        box = composer.query_one("#answer-yes-no-text", Input)
        box.focus()
        box.value = chat.yes_no_words()[0 if raw else 1]
        await pilot.press("enter")
    elif kind == "single_choice":
        options = composer.query_one("#answer-choice", OptionList)
        options.focus()
        options.highlighted = [value for value, _label in composer.ask.options].index(raw)
        await pilot.press("enter")
    elif kind == "multi_choice":
        selection = composer.query_one("#answer-selection", SelectionList)
        selection.deselect_all()
        for value in raw:
            selection.select(value)
        composer.query_one("#answer-done", Button).focus()
        await pilot.press("enter")
    elif kind == "record":
        await fill_record(pilot, composer.query_one(RecordForm), raw)
    else:
        box = composer.query_one("#answer-text", Input)
        box.focus()
        box.value = raw
        await pilot.press("enter")


async def fill_record(pilot: Pilot, form: RecordForm, raw: dict[str, Any]) -> None:
    """Fill the form (`fill_in`) and save it."""
    await fill_in(pilot, form, raw)
    form.query_one("#record-save", Button).focus()
    await pilot.press("enter")


async def fill_in(pilot: Pilot, form: RecordForm, raw: dict[str, Any]) -> None:
    """Fill the form box by box, as a person would: a value may change which boxes the form shows (it then
    builds them anew), so each box is filled only once the form holds everything filled before it."""
    given: dict[str, Any] = {}
    for key, value in raw.items():
        await until(pilot, lambda: form_holds(form, given))
        box = form.query_one(f"#field-{key}")
        if isinstance(box, Select):
            box.value = value if value != "" else Select.NULL
        elif isinstance(box, SelectionList):
            box.deselect_all()
            for choice in value:
                box.select(choice)
        else:
            box.value = value
        given[key] = value
    await until(pilot, lambda: form_holds(form, given))


def form_holds(form: RecordForm, given: dict[str, Any]) -> bool:
    """The form is at rest with `given` in it: it shows the boxes its values call for, every one of them built
    (mounted), one row each, and the boxes hold what was given."""
    rows = [row for row in form.query(".record-row") if row.display]  # a box that does not apply now is hidden
    boxes = [form.query(f"#field-{item.key}") for item in form.shown]
    if len(rows) != len(form.shown) or any(len(found) != 1 for found in boxes):
        return False  # a box is being added, shown or hidden
    if not all(widget.is_mounted for widget in form.walk_children()):
        return False
    values = form.values()
    if form.ask.form is not None:
        called_for = [item.key for item in form.ask.form({**form.typed, **values})]
        if called_for != [item.key for item in form.shown]:
            return False  # the form has yet to hear of the last change
    return all(same_value(values.get(key), value) for key, value in given.items() if key in values)


def same_value(held: Any, given: Any) -> bool:
    if isinstance(given, list):
        return sorted(held or []) == sorted(given)
    return held == given


async def answer_everything(pilot: Pilot, chat: ChatScreen, data: dict[str, Any], limit: int = 400) -> None:
    """Answer each question the chat asks with the business's own answers, until it has nothing left to ask."""
    for _turn in range(limit):
        step = chat.step
        if step is None:
            return
        before = where(chat)
        replies = len(chat.query(ReplyBubble))
        await answer(pilot, chat, answer_for(step, data))
        await until(pilot, lambda: where(chat) != before or len(chat.query(ReplyBubble)) > replies)
        refused = [bubble for bubble in chat.query(ReplyBubble) if bubble.has_class("-error")]
        assert not refused, f"{before} was refused: {refused[-1].render()}"
    raise AssertionError("the interview did not end")


def where(chat: ChatScreen) -> tuple[str, int | None, str] | None:
    """Which question (item, mode) the chat is asking now; None when it has nothing left to ask."""
    step = chat.step
    return None if step is None else (step.question.id, step.item, step.mode)


def example(name: str, lang: str = "fi") -> dict[str, Any]:
    """An example business's answers as a person tells them in the chat: every text in `lang`."""
    return in_one_language(parse(example_text(name)).data, lang)


def rendered(answers: Path, lang: str, fmt: str, folder: Path) -> bytes:
    """What `seloste render ANSWERS --lang L --format F -o FILE --allow-mixed-language` writes: the chat's
    export shows a text left untranslated as written, marked with its language, as that does."""
    target = folder / f"render-{lang}.{fmt}"
    command = ["snippets"] if fmt == "snippets" else ["render", "--format", fmt]  # the snippets: `seloste snippets`
    argv = [command[0], str(answers), "--lang", lang, *command[1:], "-o", str(target), "--allow-mixed-language"]
    assert run(argv, stdout=io.StringIO(), stderr=io.StringIO()) == 0
    return target.read_bytes()


# --- a whole interview ---------------------------------------------------------------------------------------


# The notice's text and the texts for the point of collection, in every language. The other formats are the same
# Markdown converted (`wizard.formats.render_format`): tests/test_export_web.py holds the export of every format in
# every language to `seloste render` byte for byte, and tests/test_formats.py each format to its Markdown.
CHAT_FORMATS = ("md", SNIPPETS)


@pytest.mark.slow  # a whole interview key by key, twice: README's test command stays within four minutes
@pytest.mark.parametrize(("lang", "business"), [("fi", "salon"), ("en", "webshop")])
async def test_a_whole_interview_exports_what_seloste_render_writes(lang: str, business: str, tmp_path: Path) -> None:
    app = SelosteApp(None, lang)
    async with app.run_test(size=(100, 40)) as pilot:
        chat = await choose_languages(pilot, lang, lang)
        await answer_everything(pilot, chat, example(business, lang))
        await until(pilot, lambda: isinstance(app.screen, ReviewScreen))
        review = app.screen
        assert _("Review your answers", lang) in str(review.query_one("#status").render())
        await pilot.press("f9")
        await until(pilot, lambda: isinstance(app.screen, ExportScreen))
        export = app.screen
        export.query_one("#export-languages", SelectionList).select_all()
        formats = export.query_one("#export-formats", SelectionList)
        formats.deselect_all()
        for fmt in CHAT_FORMATS:
            formats.select(fmt)
        export.query_one("#export-folder", Input).value = str(tmp_path / "out")
        await pilot.click("#export-go")
        # The texts were typed in one language: the other notice's translations are asked for, and skipped here.
        await until(pilot, lambda: isinstance(app.screen, TranslationScreen))
        await pilot.press("escape")
        await until(pilot, lambda: str(export.query_one("#export-result").render()))
        shown = str(export.query_one("#export-result").render())
        saved = chat.session.path
    assert _("Done. The files are here:", lang) in shown
    stem = language(lang).file_stem
    written = sorted(path.name for path in (tmp_path / "out").iterdir())
    plan = export_plan(list(CODES), list(CHAT_FORMATS), tmp_path / "out", stem)
    assert written == sorted(path.name for _notice, _fmt, path in plan)
    for notice, fmt, path in plan:
        assert path.read_bytes() == rendered(saved, notice, fmt, tmp_path), (notice, fmt)
    for notice in CODES:
        assert str(tmp_path / "out" / f"{stem}-{notice}.md") in shown
    assert run(["check", str(saved)], stdout=io.StringIO()) == 0, "the saved answers have errors"
    assert yaml.safe_load(saved.read_text(encoding="utf-8"))["language"] == lang  # the texts were typed in it


async def answer_until(pilot: Pilot, chat: ChatScreen, data: dict[str, Any], question_id: str) -> None:
    """Answer as the business in `data` until the chat asks `question_id`."""
    for _turn in range(100):
        if chat.step is not None and chat.step.question.id == question_id and chat.step.mode == "answer":
            return
        before = where(chat)
        await answer(pilot, chat, answer_for(chat.step, data))
        await until(pilot, lambda: where(chat) != before)
    raise AssertionError(f"{question_id} was never asked")


def bubble_texts(chat: ChatScreen, kind: type) -> list[str]:
    return [str(bubble.render()) for bubble in chat.query(kind)]


# --- answering: wrong answers, help, going back --------------------------------------------------------------


async def test_a_wrong_answer_is_explained_politely_and_what_was_typed_stays() -> None:
    app = SelosteApp(None, "en")
    async with app.run_test(size=(80, 24)) as pilot:
        chat = await choose_languages(pilot, "en", "en")
        await answer_until(pilot, chat, example("webshop"), "controller_email")
        box = chat.query_one("#answer-text", Input)
        box.focus()
        box.value = "info(at)kauppa.example"
        await until(pilot, lambda: "info(at)kauppa.example" in str(chat.query_one("#answer-hint").render()))  # a warning while typing

        await pilot.press("enter")
        await until(pilot, lambda: chat.query(ReplyBubble))

        reply = chat.query(ReplyBubble).last()
        assert reply.has_class("-error")
        assert reply.border_title == "Let's fix this"
        assert "is not an e-mail address" in str(reply.render())
        assert chat.step.question.id == "controller_email"
        assert box.value == "info(at)kauppa.example"
        box.value = "info@kauppa.example"
        await pilot.press("enter")
        await until(pilot, lambda: chat.step.question.id != "controller_email")
        assert bubble_texts(chat, AnswerBubble)[-1] == "info@kauppa.example"


async def test_f1_a_question_mark_and_not_sure_explain_why_the_question_is_asked() -> None:
    app = SelosteApp(None, "en")
    async with app.run_test(size=(80, 24)) as pilot:
        chat = await choose_languages(pilot, "en", "en")
        question = chat.step.question
        await pilot.press("f1")
        await until(pilot, lambda: chat.query(ReplyBubble))
        shown = str(chat.query(ReplyBubble).last().render())
        assert question.help.why.split()[0] in shown and question.help.article in shown
        assert f"For example: {question.help.example}" in shown

        box = chat.query_one("#answer-text", Input)
        box.value = "?"
        await pilot.press("enter")
        await until(pilot, lambda: len(chat.query(ReplyBubble)) == 2)
        assert box.value == "" and chat.step.question is question, "'?' is a request for help, not an answer"

        await answer(pilot, chat, "Kauppa Oy")
        await until(pilot, lambda: chat.step.question.id == "controller_type")
        choices = chat.query_one("#answer-choice", OptionList)
        choices.highlighted = choices.option_count - 1  # the last option: I'm not sure
        await pilot.press("enter")
        await until(pilot, lambda: len(chat.query(ReplyBubble)) == 3)
        assert chat.query(ReplyBubble).last().border_title == "Why we ask"
        assert chat.step.question.id == "controller_type"


async def test_going_back_and_editing_keep_later_answers_unless_they_no_longer_apply(home: Path) -> None:
    app = SelosteApp(None, "en")
    async with app.run_test(size=(80, 24)) as pilot:
        chat = await choose_languages(pilot, "en", "en")
        await answer_until(pilot, chat, example("webshop"), "controller_street_address")
        business_id = example("webshop")["controller"]["business_id"]

        await pilot.press("f4")
        await until(pilot, lambda: chat.step.question.id == "controller_business_id")
        assert chat.query_one("#answer-text", Input).value == business_id, "going back shows the answer given"
        await answer(pilot, chat, "/back")
        await until(pilot, lambda: chat.step.question.id == "controller_country")

        name = next(bubble for bubble in chat.query(AnswerBubble) if bubble.question_id == "controller_name")
        transcript = chat.query_one("#transcript")
        transcript.scroll_to_widget(name, animate=False)  # scrolled up to it, as a user would
        await until(pilot, lambda: transcript.region.contains_region(name.region))  # where the click lands
        await pilot.click(name)
        await until(pilot, lambda: chat.step.question.id == "controller_name")
        await answer(pilot, chat, "Kauppa Kaksi Oy")
        await until(pilot, lambda: chat.step.question.id == "controller_street_address")
        assert "Kauppa Kaksi Oy" in bubble_texts(chat, AnswerBubble)
        assert business_id in bubble_texts(chat, AnswerBubble), "a later answer was lost"

        kind = next(bubble for bubble in chat.query(AnswerBubble) if bubble.question_id == "controller_type")
        kind.focus()
        await pilot.press("enter")
        await until(pilot, lambda: chat.step.question.id == "controller_type")
        await answer(pilot, chat, "private_person")  # a private person has no Y-tunnus
        await until(pilot, lambda: chat.step.question.id == "controller_street_address")
        removed = chat.query(ReplyBubble).last()
        assert removed.border_title == "Removed" and business_id in str(removed.render())
        saved = yaml.safe_load(chat.session.path.read_text(encoding="utf-8"))
    assert saved["controller"]["name"] == "Kauppa Kaksi Oy"
    assert saved["controller"]["type"] == "private_person" and "business_id" not in saved["controller"]


async def test_the_conversation_language_can_be_switched_at_any_time() -> None:
    app = SelosteApp(None, "en")
    async with app.run_test(size=(80, 24)) as pilot:
        chat = await choose_languages(pilot, "en", "en")
        box = chat.query_one("#answer-text", Input)
        box.value = "Kauppa"
        assert next_language("en").in_native in footer_text(app), "F2 is labelled in the language it goes to"
        for _turn in LANGUAGES:  # F2 goes through every language in turn, and back to the first
            going_to = next_language(chat.lang)
            await pilot.press("f2")
            await until(pilot, lambda: chat.lang == going_to.code and chat.query(AnswerBubble))
            assert next_language(going_to.code).in_native in footer_text(app)
            assert chat.query_one("#answer-text", Input).value == "Kauppa", "switching lost what was typed"
            if going_to.code == "fi":
                assert str(chat.query(AnswerBubble).first().render()) == "englanniksi"  # the notice's language, in Finnish
                assert "F1 Ohje" in footer_text(app)
        assert chat.lang == "en" and "F1 Help" in footer_text(app)


def footer_text(app: SelosteApp) -> str:
    return " ".join(f"{key.key_display.upper()} {key.description}" for key in app.screen.query("FooterKey"))


# --- never lose an answer -------------------------------------------------------------------------------------


def wait_for_output(master: int, wanted: str, timeout: float = 30.0) -> None:
    seen = b""
    started = time.monotonic()
    while wanted.encode() not in seen:
        assert time.monotonic() - started < timeout, f"{wanted!r} never appeared; last output: {seen[-300:]!r}"
        ready, _, _ = select.select([master], [], [], 0.1)
        if ready:
            seen += os.read(master, 65536)


async def test_a_killed_chat_resumes_with_every_answer_it_was_given(home: Path) -> None:
    master, slave = pty.openpty()
    env = {**os.environ, "TERM": "xterm-256color", "SELOSTE_LANG": "en", "COLUMNS": "100", "LINES": "30"}
    process = subprocess.Popen([sys.executable, "-m", "wizard"], stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True)
    os.close(slave)
    try:
        wait_for_output(master, "Which language")
        os.write(master, b"\r")  # English, suggested by SELOSTE_LANG
        wait_for_output(master, "In which language shall")
        os.write(master, b"\r")  # the notice in English
        wait_for_output(master, "official name")
        os.write(master, b"Kauppa Kolme Oy\r")
        wait_for_output(master, "What kind of")  # asked once the answer before it is saved
        assert any("Kauppa Kolme Oy" in path.read_text(encoding="utf-8") for path in (home / "interviews").glob("*.yaml"))
    finally:
        process.send_signal(signal.SIGKILL)  # no chance to save anything on the way out
        process.wait()
        os.close(master)

    app = SelosteApp(None, "en")
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: language_asked(app) and app.unfinished)  # listed a moment after it is drawn
        choice = app.screen.query_one(OptionList)
        assert str(choice.get_option_at_index(choice.option_count - 1).prompt).startswith("Kauppa Kolme Oy")
        choice.highlighted = choice.option_count - 1
        await pilot.press("enter")  # continue it, in the language it was spoken in
        await until(pilot, lambda: isinstance(app.screen, ChatScreen) and app.screen.step is not None)
        chat = app.screen
        assert chat.session.notice_lang == "en"
        assert "Kauppa Kolme Oy" in bubble_texts(chat, AnswerBubble)
        assert chat.step.question.id == "controller_type"


async def test_answers_file_opens_and_only_what_is_missing_is_asked(tmp_path: Path) -> None:
    data = example("webshop")
    del data["controller"]["email"]
    answers = tmp_path / "kauppa.yaml"
    answers.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    app = SelosteApp(answers, "fi")
    async with app.run_test(size=(80, 24)) as pilot:
        chat = await choose_languages(pilot, "fi", "fi")
        assert chat.step.question.id == "controller_email"
        await answer(pilot, chat, "myynti@kauppa.example")
        await until(pilot, lambda: isinstance(app.screen, ReviewScreen))
    assert yaml.safe_load(answers.read_text(encoding="utf-8"))["controller"]["email"] == "myynti@kauppa.example"
    assert run(["check", str(answers)], stdout=io.StringIO()) == 0


async def test_export_never_replaces_a_file_without_asking(tmp_path: Path) -> None:
    answers = tmp_path / "kauppa.yaml"
    answers.write_text(example_text("webshop"), encoding="utf-8")
    existing = tmp_path / "privacy-notice-en.html"
    existing.write_text("my own edits", encoding="utf-8")
    app = SelosteApp(answers, "en")
    async with app.run_test(size=(100, 30)) as pilot:
        await choose_languages_to_review(pilot)
        await pilot.press("f9")
        await until(pilot, lambda: isinstance(app.screen, ExportScreen))
        export = app.screen
        export.query_one("#export-folder", Input).value = str(tmp_path)
        await pilot.click("#export-go")
        await until(pilot, lambda: isinstance(app.screen, ChoiceDialog))
        assert str(existing) in str(app.screen.query_one("#dialog-detail").render())
        await pilot.click("#choice-keep")
        await until(pilot, lambda: "Nothing was written" in str(export.query_one("#export-result").render()))
        assert existing.read_text(encoding="utf-8") == "my own edits"

        await pilot.click("#export-go")
        await until(pilot, lambda: isinstance(app.screen, ChoiceDialog))
        await pilot.click("#choice-replace")
        await until(pilot, lambda: "Done" in str(export.query_one("#export-result").render()))
    assert existing.read_bytes() == rendered(answers, "en", "html", tmp_path)


async def choose_languages_to_review(pilot: Pilot) -> None:
    """Open a complete answers file: both languages chosen, the chat goes straight to the review."""
    app = pilot.app
    await until(pilot, lambda: language_asked(app))
    await pilot.press("enter")
    await until(pilot, lambda: isinstance(app.screen, ChatScreen) and app.screen.query("#answer-choice"))
    await pilot.press("enter")
    await until(pilot, lambda: isinstance(app.screen, ReviewScreen))


async def test_the_review_lists_the_answers_and_the_check_s_warnings_and_jumps_to_edit(tmp_path: Path) -> None:
    data = example("webshop")
    data["controller"]["business_id"] = "1234567-8"  # a wrong check digit: an error the review must show
    answers = tmp_path / "kauppa.yaml"
    answers.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    app = SelosteApp(answers, "en")
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: language_asked(app))
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ChatScreen) and app.screen.query("#answer-choice"))
        await pilot.press("enter")
        chat = app.screen
        await until(pilot, lambda: chat.step is not None and chat.step.question.id == "controller_business_id")
        assert chat.query_one("#answer-text", Input).value == "1234567-8", "the wrong answer is shown for fixing"
        await answer(pilot, chat, data_business_id := "1572860-0")
        await until(pilot, lambda: isinstance(app.screen, ReviewScreen))
        review = app.screen
        rows = [row for row in review.query(".review-row")]
        assert any(data_business_id in str(row.render()) for row in rows)
        warnings = [row for row in rows if row.has_class("-warning")]
        for row in warnings:
            assert str(row.render()).startswith("warning: ")
        name = next(row for row in rows if row.target == ("controller_name", None))
        name.focus()
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ChatScreen) and app.screen.step.question.id == "controller_name")


# --- the preview ------------------------------------------------------------------------------------------------


async def test_the_preview_shows_each_answer_in_the_notice_s_language() -> None:
    app = SelosteApp(None, "en")
    async with app.run_test(size=(120, 40)) as pilot:
        chat = await choose_languages(pilot, "en", "fi")
        await pilot.press("f3")
        await until(pilot, lambda: chat.query(SectionView))
        assert "PUUTTUU" in "".join(view.markdown for view in chat.query(SectionView)), "the gaps are marked"
        await answer(pilot, chat, "Kauppa Neljä Oy")
        await until(pilot, lambda: "Kauppa Neljä Oy" in "".join(view.markdown for view in chat.query(SectionView)))
        assert "Rekisterinpitäjä" in "".join(view.markdown for view in chat.query(SectionView))


# --- trainer mode ----------------------------------------------------------------------------------------------


def trainer_card_text(chat: ChatScreen) -> str | None:
    """What the trainer card says, or None when it is hidden."""
    panel = chat.query_one("#trainer")
    return None if panel.has_class("-hidden") else str(panel.query_one("#trainer-card", Static).render())


async def test_trainer_mode_shows_the_card_of_each_question_and_f7_or_slash_trainer_toggle_it() -> None:
    app = SelosteApp(None, "en", trainer=True)
    async with app.run_test(size=(120, 40)) as pilot:
        chat = await choose_languages(pilot, "en", "en")
        card = trainer_card_text(chat)
        assert card is not None and "Who is responsible" in card and "Ask the room" in card
        assert "henkilötietolain" in card and "In English:" in card  # the quoted "before" line and its rendering
        await answer_until(pilot, chat, example("webshop"), "controller_street_address")
        assert "How people reach you" in (trainer_card_text(chat) or "")
        await pilot.press("f7")
        await until(pilot, lambda: trainer_card_text(chat) is None)
        await answer(pilot, chat, "/trainer")
        await until(pilot, lambda: "How people reach you" in (trainer_card_text(chat) or ""))
        assert chat.query_one("#answer-text", Input).value == ""  # the command is not kept as an answer


async def test_the_trainer_card_follows_the_conversation_language() -> None:
    app = SelosteApp(None, "fi")
    async with app.run_test(size=(120, 40)) as pilot:
        chat = await choose_languages(pilot, "fi", "fi")
        assert trainer_card_text(chat) is None  # off unless asked for
        await pilot.press("f7")
        await until(pilot, lambda: trainer_card_text(chat) is not None)
        card = trainer_card_text(chat) or ""
        assert "Kysymys ryhmälle" in card and "In English" not in card
        await pilot.press("f2")
        await until(pilot, lambda: "Ask the room" in (trainer_card_text(chat) or ""))


async def test_in_a_narrow_terminal_the_preview_and_the_trainer_card_take_turns_above_the_chat() -> None:
    app = SelosteApp(None, "en", trainer=True)
    async with app.run_test(size=(80, 24)) as pilot:
        chat = await choose_languages(pilot, "en", "en")
        card, preview = chat.query_one("#trainer"), chat.query_one(PreviewPanel)
        await pilot.press("f3")
        await until(pilot, lambda: preview.display and not card.display)  # the preview covers the card
        await pilot.press("f3")
        await until(pilot, lambda: card.display and not preview.display)  # and the card comes back
        await pilot.press("f3")
        await until(pilot, lambda: preview.display and not card.display)
        await pilot.press("f7")
        await until(pilot, lambda: not chat.trainer)
        await pilot.press("f7")  # the card asked for again closes the preview
        await until(pilot, lambda: chat.trainer and card.display and preview.has_class("-hidden"))


# What a demonstration's Enter is shown on: each kind of answer widget, and the yes/no before and after items.
DEMONSTRATED = {"text", "single_choice", "multi_choice", "yes_no", "record", "list", "first", "another"}


def widget_kind(step: Any) -> str:
    """Which of DEMONSTRATED a step is asked with."""
    if step.mode != "answer":
        return step.mode
    kind = step.question.kind
    return kind if kind in DEMONSTRATED else "text"


@pytest.mark.long
async def test_a_demonstration_accepts_each_suggestion_with_enter_alone_on_every_kind_of_question(home: Path) -> None:
    """`seloste --example salon`: each question suggests the example's answer, and Enter accepts it, on every
    kind of question (text, choices, ticks, yes/no, a form, a list item, "add another?"): the chat's answers are
    those of the engine given each suggestion. That Enter alone goes on to the end and gives the example
    business is shown on the engine and in the plain mode (tests/test_demo.py)."""
    from test_demo import enter

    from wizard.engine import Interview, Rejection
    from wizard.examples import example_answers

    app = SelosteApp(None, "fi", example="salon")
    async with app.run_test(size=(120, 40)) as pilot:
        chat = await choose_languages(pilot, "fi", "fi")
        assert "esimerkkiyrityksellä salon" in " ".join(bubble_texts(chat, ReplyBubble))
        shown_on: set[str] = set()
        presses = 0
        while chat.step is not None and shown_on != DEMONSTRATED:
            assert presses < 100, f"never asked with {DEMONSTRATED - shown_on}"
            shown_on.add(widget_kind(chat.step))
            before, composer = where(chat), chat.query_one(Composer)
            shown = composer.ask
            await pilot.press("enter")
            presses += 1
            await until(pilot, lambda: composer.ask is not shown or chat.query(".reply.-error"))
            assert not chat.query(".reply.-error"), f"{before}: {bubble_texts(chat, ReplyBubble)[-1]}"
        answers = chat.session.interview.answers
    engine = Interview.start(answers={"language": "fi"}, script=example_answers("salon"))  # the notice language chosen
    for _press in range(presses):
        assert not isinstance(engine.submit(enter(engine.current())), Rejection)
    assert answers == engine.answers


# --- what the screens look like (SVG snapshots; `pytest --snapshot-update` after checking a change by eye) ---


def complete_answers(folder: Path) -> Path:
    """The webshop's answers with a fixed notice date, so that no screenshot depends on the day."""
    data = example("webshop")
    data["notice"]["date"] = "2026-11-22"
    path = folder / "kauppa.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


async def at_first_question(pilot: Pilot) -> None:
    await choose_languages(pilot, "fi", "fi")
    await pilot.pause()


async def after_a_wrong_e_mail(pilot: Pilot) -> None:
    chat = await choose_languages(pilot, "en", "en")
    await answer_until(pilot, chat, example("webshop"), "controller_email")
    await answer(pilot, chat, "info(at)kauppa.example")
    await until(pilot, lambda: chat.query(ReplyBubble))
    await pilot.pause()


async def with_help_open(pilot: Pilot) -> None:
    chat = await choose_languages(pilot, "fi", "fi")
    await pilot.press("f1")
    await until(pilot, lambda: chat.query(ReplyBubble))
    await pilot.pause()


async def with_the_preview(pilot: Pilot) -> None:
    await choose_languages_to_review(pilot)
    app = pilot.app
    app.pop_screen()
    chat = app.screen
    await pilot.press("f3")
    await until(pilot, lambda: len(chat.query(SectionView)) > 5)
    chat.query_one(PreviewPanel).scroll_home(animate=False)
    await pilot.pause()


async def at_the_review(pilot: Pilot) -> None:
    await choose_languages_to_review(pilot)
    await pilot.pause()


SCREEN_SIZES = {"80x24": (80, 24), "120x40": (120, 40)}


@pytest.mark.parametrize("size", SCREEN_SIZES.values(), ids=SCREEN_SIZES.keys())
class TestScreens:
    def test_first_question(self, snap_compare: Any, size: tuple[int, int]) -> None:
        assert snap_compare(SelosteApp(None, "fi"), terminal_size=size, run_before=at_first_question)

    def test_validation_error(self, snap_compare: Any, size: tuple[int, int]) -> None:
        assert snap_compare(SelosteApp(None, "en"), terminal_size=size, run_before=after_a_wrong_e_mail)

    def test_help(self, snap_compare: Any, size: tuple[int, int]) -> None:
        assert snap_compare(SelosteApp(None, "fi"), terminal_size=size, run_before=with_help_open)

    def test_preview(self, snap_compare: Any, size: tuple[int, int], tmp_path: Path) -> None:
        assert snap_compare(SelosteApp(complete_answers(tmp_path), "en"), terminal_size=size, run_before=with_the_preview)

    def test_review(self, snap_compare: Any, size: tuple[int, int], tmp_path: Path) -> None:
        assert snap_compare(SelosteApp(complete_answers(tmp_path), "fi"), terminal_size=size, run_before=at_the_review)

    def test_trainer_card(self, snap_compare: Any, size: tuple[int, int]) -> None:
        assert snap_compare(SelosteApp(None, "fi", trainer=True), terminal_size=size, run_before=at_first_question)


def test_every_snapshot_is_one_a_screen_test_takes() -> None:
    """A snapshot left behind by a renamed or removed test is caught here: syrupy itself catches it only when
    the tests run in one process, not in parallel."""
    kept = {path.name for path in (Path(__file__).parent / "__snapshots__" / "test_tui").iterdir()}
    screens = [name for name in vars(TestScreens) if name.startswith("test_")]
    assert kept == {f"TestScreens.{name}[{size}].svg" for name in screens for size in SCREEN_SIZES}


def test_the_command_line_and_the_chat_s_logic_load_no_textual() -> None:
    """`seloste check` must start fast: Textual is imported only when the chat itself starts."""
    code = (
        "import io, sys\n"
        "import wizard.tui, wizard.session, wizard.preview, wizard.conversation\n"
        "from wizard.cli import run\n"
        "assert run([], stdout=io.StringIO(), stderr=io.StringIO()) == 0\n"  # no terminal: the commands are listed
        "print(sorted(name for name in sys.modules if name.split('.')[0] == 'textual'))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True, stdin=subprocess.DEVNULL)
    assert result.stdout.strip() == "[]"


async def test_an_answers_file_that_cannot_be_read_is_explained_and_the_chat_exits_2(tmp_path: Path) -> None:
    app = SelosteApp(tmp_path / "puuttuu.yaml", "fi")
    async with app.run_test() as pilot:
        await until(pilot, lambda: language_asked(app))
        await pilot.press("enter")
        await until(pilot, lambda: app.return_code is not None)
    assert app.return_code == 2
