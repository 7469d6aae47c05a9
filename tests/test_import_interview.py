"""Finishing a notice from an old one: `seloste --import NOTICE` (and "I have an old notice" at the plain mode's
start) fills the interview from it, asks only what it lacks, and the review lists what was imported to confirm."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input, OptionList, Static

from wizard import session as sessions
from wizard import storage
from wizard.cli import run
from wizard.languages import CODES
from wizard.plain import PlainChat

NOTICES = Path(__file__).resolve().parent / "fixtures" / "notices"
GYM = str(NOTICES / "free_form_fi.txt")


@pytest.fixture(autouse=True)
def own_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SELOSTE_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


def imported_session() -> sessions.Session:
    made = sessions.import_interview(GYM, "en")
    assert isinstance(made, Path)
    opened = sessions.open_file(made, "en")
    assert not isinstance(opened, str)
    return opened


def test_the_import_starts_an_interview_that_asks_only_what_the_notice_lacks() -> None:
    session = imported_session()
    step = session.interview.current()
    assert step is not None
    asked = step.question.field
    assert not asked.startswith(("controller.", "privacy_contact."))  # the notice gave them
    assert session.interview.answers["controller"]["name"] == "Liikuntakeskus Voimala Oy"
    assert "controller.name" in session.imported and "retention.period" in session.imported
    assert not any(path.endswith(".id") for path in session.imported)


def test_the_state_remembers_the_import_across_saves() -> None:
    session = imported_session()
    session.save_state()
    again = sessions.open_file(session.path, "en")
    assert not isinstance(again, str)
    assert again.imported_from == GYM
    assert again.imported == session.imported


def plain(lines: str, session: sessions.Session | None = None) -> tuple[PlainChat, io.StringIO]:
    out = io.StringIO()
    chat = PlainChat(io.StringIO(lines), out, "en")
    if session is not None:
        chat.session = session
    return chat, out


def test_the_review_lists_the_imported_values_and_a_yes_confirms_them() -> None:
    session = imported_session()
    chat, out = plain("y\n", session)
    assert chat.confirm_imported() is True
    said = out.getvalue()
    assert f"From your old notice ({GYM}):" in said
    assert "What is your business's official name? (controller)\n     Liikuntakeskus Voimala Oy" in said
    assert "On what grounds do you use the data for it? (legal basis) (2)\n     A law requires it" in said  # a form's box, an item
    assert storage.load_state(session.path).imported == []  # confirmed once, not asked again


def test_a_wrong_imported_value_is_asked_again() -> None:
    session = imported_session()
    chat, out = plain("n\nx\n1\n", session)
    assert chat.confirm_imported() is False
    assert "Which one is wrong? Its number:" in out.getvalue()
    step = session.interview.current()
    assert step is not None and step.question.field.startswith("controller")


def test_the_plain_start_offers_an_old_notice_and_imports_it() -> None:
    chat, out = plain(f"{NOTICES / 'missing.txt'}\n{GYM}\n")
    assert chat.open_session(None, interactive=True) is None
    said = out.getvalue()
    assert "Do you have an old privacy notice to start from?" in said
    assert "There is no file" in said  # a wrong path is explained, and the question asked again
    assert "the interview asks only what it lacks" in said
    assert chat.session.imported_from == GYM


def test_enter_at_the_offer_starts_from_the_beginning() -> None:
    chat, _ = plain("\n")
    chat.open_session(None, interactive=True)
    assert chat.session.imported == [] and chat.session.interview.answers.get("controller") is None


def test_plain_import_from_the_command_line_skips_what_the_notice_gave(own_home: Path) -> None:
    out, err = io.StringIO(), io.StringIO()
    code = run(["--lang", "en", "--plain", "--import", GYM], stdout=out, stderr=err, stdin=io.StringIO("2\n1\n"))
    assert code == 1  # input ended before the interview did; the answers are saved
    assert "the interview asks only what it lacks" in err.getvalue()
    transcript = out.getvalue()
    assert "What should we call these data? (name of the register)" in transcript  # the notice named none
    assert "What is your business's official name?" not in transcript
    [saved] = (own_home / "interviews").glob("*.yaml")
    assert "Liikuntakeskus Voimala Oy" in saved.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--import", GYM, "--answers", "x.yaml"], "cannot be combined"),
        (["--import", str(NOTICES / "none.txt"), "--plain"], "There is no file"),
    ],
)
def test_an_import_that_cannot_start_exits_2(argv: list[str], message: str) -> None:
    err = io.StringIO()
    assert run(["--lang", "en", *argv], stdout=io.StringIO(), stderr=err, stdin=io.StringIO("")) == 2
    assert message in err.getvalue()


async def test_the_chat_review_lists_the_imported_values_and_enter_changes_one(tmp_path: Path) -> None:
    import yaml

    from textual.widgets import Collapsible

    from test_tui import choose_languages_to_review, until
    from wizard.examples import example_text
    from wizard.tui.app import SelosteApp
    from wizard.tui.screens.chat import ChatScreen

    answers = tmp_path / "kauppa.yaml"
    answers.write_text(example_text("webshop"), encoding="utf-8")
    name = yaml.safe_load(example_text("webshop"))["controller"]["name"]
    state = storage.SessionState(imported_from="vanha-seloste.txt", imported=["controller.name", "processing.name"])
    storage.save_state(answers, state)
    app = SelosteApp(answers, "en")
    async with app.run_test(size=(100, 30)) as pilot:
        await choose_languages_to_review(pilot)
        review = app.screen
        titles = [str(section.title) for section in review.query(Collapsible)]  # each section folds under its title
        assert "From your old notice (vanha-seloste.txt): check each; Enter changes it." in titles
        imported = list(review.query(".-imported"))
        assert [str(row.render()).split("\n") for row in imported][0] == ["What is your business's official name? (controller)", name]
        assert len(imported) == 2
        assert str(imported[1].render()).split("\n")[1].startswith("fi: ")  # a text given by language: each shown
        imported[0].focus()
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ChatScreen) and app.screen.step.question.id == "controller_name")


async def open_old_notice_dialog(pilot: Any) -> Input:
    """"I have an old notice" on the chat's first screen: the box for the notice's path."""
    from test_tui import language_asked, until
    from wizard.tui.screens.dialogs import OLD_NOTICE, OldNoticeDialog

    app = pilot.app
    await until(pilot, lambda: language_asked(app))
    choice = app.screen.query_one("#language-choice", OptionList)
    choice.highlighted = choice.get_option_index(OLD_NOTICE)
    await pilot.press("enter")
    await until(pilot, lambda: isinstance(app.screen, OldNoticeDialog) and app.focused is app.screen.query_one(Input))
    return app.screen.query_one(Input)


async def test_the_chat_first_screen_imports_an_old_notice_and_asks_what_it_lacks() -> None:
    from test_tui import until
    from wizard.tui.app import SelosteApp
    from wizard.tui.screens.chat import ChatScreen

    app = SelosteApp(None, "en")
    async with app.run_test(size=(100, 30)) as pilot:
        box = await open_old_notice_dialog(pilot)
        box.value = GYM
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ChatScreen) and app.screen.query("#answer-choice"))
        chat = app.screen
        chat.query_one("#answer-choice", OptionList).highlighted = CODES.index("fi")  # the notice's language, asked first
        await pilot.press("enter")
        await until(pilot, lambda: chat.notice_lang == "fi" and chat.step is not None)
        assert chat.session.imported_from == GYM and "controller.name" in chat.session.imported
        assert chat.step.question.field == "processing.name"  # the notice named no register


async def test_a_bad_path_in_the_chat_is_explained_in_the_same_box_and_esc_goes_back(tmp_path: Path, own_home: Path) -> None:
    from test_tui import language_asked, until
    from wizard.tui.app import SelosteApp

    not_a_notice = tmp_path / "kuva.png"
    not_a_notice.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    app = SelosteApp(None, "en")
    async with app.run_test(size=(100, 30)) as pilot:
        box = await open_old_notice_dialog(pilot)
        problem = app.screen.query_one("#old-notice-problem", Static)
        for wrong, message in [(str(NOTICES / "none.txt"), "There is no file"), (str(not_a_notice), "is not text")]:
            box.value = wrong
            await pilot.press("enter")
            await until(pilot, lambda: str(problem.render()) and wrong in str(problem.render()))
            assert message in str(problem.render()) and box.value == wrong  # what was typed stays, to correct
        await pilot.press("escape")
        await until(pilot, lambda: language_asked(app) and app.focused is app.screen.query_one("#language-choice"))
        assert not list(own_home.glob("**/*.yaml"))  # no interview was started


async def test_the_old_notice_box_speaks_the_language_switched_to_and_keeps_what_was_typed() -> None:
    from wizard.i18n import _
    from wizard.languages import next_language
    from wizard.tui.app import SelosteApp

    app = SelosteApp(None, "en")
    async with app.run_test(size=(100, 30)) as pilot:
        box = await open_old_notice_dialog(pilot)
        question = app.screen.query_one("#dialog-question", Static)
        assert str(question.render()).startswith("The path of your old privacy notice's file")
        box.value = "~/vanha"
        await pilot.press("f2")  # to the next language of the registry
        switched_to = next_language("en").code
        assert app.lang == switched_to
        translated = _("The path of your old privacy notice's file (text, HTML, Word or PDF). Esc goes back.", switched_to)
        assert not translated.startswith("The path") and str(question.render()) == translated
        assert box.value == "~/vanha" and app.focused is box
