"""Small screens that ask one thing: the conversation language, an old notice's file, resume or start over,
replace files or not."""

from __future__ import annotations

import asyncio
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Input, OptionList, Static
from textual.widgets.option_list import Option

from wizard.languages import CODES, LANGUAGES
from wizard.tui.failures import opened_safely, reported
from wizard.tui.inorder import KeysInOrder, TextBox
from wizard.tui.widgets.keys import Keys

# The first question is asked before a language is chosen, so it is written in all of them at once; the
# language names are each in their own language, as language pickers everywhere show them.
LANGUAGE_QUESTION = " · ".join(language.which_language for language in LANGUAGES)


# Heads the unfinished interviews on the first screen, which is asked before a language is chosen.
CONTINUE_HEADING = " · ".join(language.continue_interview for language in LANGUAGES)
RESUME = "resume:"  # an option id: RESUME + the number of the interview in the list
# Starts a new interview from an old notice's file, as `seloste --import` does.
OLD_NOTICE_ENTRY = " · ".join(language.old_notice for language in LANGUAGES)
OLD_NOTICE = "old-notice"  # its option id


class LanguageList(KeysInOrder, OptionList):
    """The first question's choices; Enter chooses as it is read (`KeysInOrder`), and the keys typed after it
    wait for the chat's first question (`SelosteApp.on_event`)."""

    HOLDS_KEYS_ON_ENTER = True
    max_height_room = 0  # the rows the screen leaves it (`LanguageScreen._fit_choices`)

    def action_select(self) -> None:
        option = self.highlighted_option
        if option is not None and isinstance(self.screen, LanguageScreen):
            self.screen.choose(option.id)


class LanguageScreen(Screen):
    """The first question: the language of the conversation (the notice's language is asked later); below the
    languages, the unfinished interviews to continue, each in the language it was spoken in."""

    class Chosen(Message):
        def __init__(self, lang: str) -> None:
            super().__init__()
            self.lang = lang

    class Resumed(Message):
        def __init__(self, number: int) -> None:
            super().__init__()
            self.number = number  # in the list given to the screen

    class Imported(Message):
        def __init__(self, answers: Path) -> None:
            super().__init__()
            self.answers = answers  # the new interview's answers file, filled from the old notice

    AUTO_FOCUS = "#language-choice"

    def __init__(self, suggested: str, unfinished: list[str] | None = None, old_notice: bool = False) -> None:
        super().__init__()
        self.suggested = suggested
        self.unfinished = unfinished or []  # each interview's label: business, when saved, how far
        self.old_notice = old_notice  # offer to start from an old notice
        self.chosen = False

    def compose(self) -> ComposeResult:
        with Vertical(id="language-box"):
            yield Static("seloste", id="language-title")
            yield Static(Text(LANGUAGE_QUESTION), id="language-question", classes="bubble question")
            options: list[Option | None] = [Option(language.picker_name, id=language.code) for language in LANGUAGES]
            if self.old_notice:
                options += [None, Option(Text(OLD_NOTICE_ENTRY), id=OLD_NOTICE)]
            options += self._unfinished_options()
            choice = LanguageList(*options, id="language-choice")
            choice.highlighted = CODES.index(self.suggested)
            yield choice
        yield Keys()

    def _unfinished_options(self) -> list[Option | None]:
        if not self.unfinished:
            return []
        options: list[Option | None] = [None, Option(Text(CONTINUE_HEADING, style="bold"), disabled=True)]
        return options + [Option(Text(label), id=f"{RESUME}{number}") for number, label in enumerate(self.unfinished)]

    def offer_unfinished(self, unfinished: list[str]) -> None:
        """The unfinished interviews, found once the question is on the screen, added below the languages."""
        if self.unfinished:
            return
        self.unfinished = unfinished
        self.query_one("#language-choice", OptionList).add_options(self._unfinished_options())
        self.call_after_refresh(self._fit_choices)

    def on_mount(self) -> None:
        # Focused now, not after the first frame as `focus()` and AUTO_FOCUS do: a key pressed the moment the
        # question shows would otherwise reach no widget. (AUTO_FOCUS is also skipped while the app has no focus,
        # which is how a browser tab under `seloste serve` starts.)
        self.set_focus(self.query_one("#language-choice", OptionList))

    def on_resize(self) -> None:
        self.call_after_refresh(self._fit_choices)

    def _fit_choices(self) -> None:
        """The choices end above the screen's bottom edge, however many interviews are listed: past that they
        scroll, with the highlighted one in sight. (CSS cannot say "the room the question leaves".)"""
        box = self.query_one("#language-box")
        choice = self.query_one("#language-choice", LanguageList)
        above = choice.region.y - self.query_one("#language-title").region.y
        room = max(3, box.content_region.height - above)
        if choice.max_height_room != room:
            choice.max_height_room = room
            choice.styles.max_height = room
            self.call_after_refresh(choice.scroll_to_highlight)

    @on(OptionList.OptionSelected, "#language-choice")
    def _clicked(self, event: OptionList.OptionSelected) -> None:
        self.choose(event.option.id)

    def choose(self, option_id: str | None) -> None:
        if self.chosen:
            return  # a click after Enter
        self.chosen = True
        chosen = option_id or self.suggested
        if chosen.startswith(RESUME):
            self.post_message(self.Resumed(int(chosen.removeprefix(RESUME))))
        elif chosen == OLD_NOTICE:
            self.app.push_screen(OldNoticeDialog(), self._imported)
        else:
            self.post_message(self.Chosen(chosen))


    def _imported(self, answers: Path | None) -> None:
        if answers is None:  # Esc: back to the choices
            self.chosen = False
        else:
            self.post_message(self.Imported(answers))


class OldNoticeDialog(ModalScreen["Path | None"]):
    """The path of an old notice's file, imported as `seloste --import` does (`wizard.session.import_interview`);
    dismisses with the new interview's answers file, or None (Escape). A path that cannot be used is explained
    below the box, which keeps what was typed."""

    # A modal screen hides the app's keys, so the language switch is bound here too.
    BINDINGS = [Binding("escape", "cancel", show=False), Binding("f2", "app.switch_language", show=False)]

    @opened_safely
    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="dialog"):
            yield Static(Text(self._prompt()), id="dialog-question")
            yield TextBox(id="old-notice-path")
            yield Static(id="old-notice-problem", classes="error")

    @staticmethod
    def _prompt() -> str:
        from wizard.conversation import Conversation
        from wizard.i18n import _

        return _("The path of your old privacy notice's file (text, HTML, Word or PDF). Esc goes back.", Conversation.lang)

    def on_language_switched(self) -> None:
        """F2: the prompt in the language now spoken (what was typed stays)."""
        self.query_one("#dialog-question", Static).update(Text(self._prompt()))

    def on_mount(self) -> None:
        self.query_one(Input).focus()
        self.app.release_keys()  # type: ignore[attr-defined]  # those typed after Enter chose this: the path's start

    @on(Input.Submitted)
    @reported
    async def _submitted(self, event: Input.Submitted) -> None:
        from wizard.conversation import Conversation
        from wizard.session import import_interview

        if not event.value.strip():
            return
        notice = str(Path(event.value.strip()).expanduser())
        made = await asyncio.to_thread(import_interview, notice, Conversation.lang)
        if isinstance(made, Path):
            self.dismiss(made)
        else:
            self.query_one("#old-notice-problem", Static).update(Text(made))

    def action_cancel(self) -> None:
        self.dismiss(None)


class ChoiceDialog(ModalScreen[str]):
    """A question with a few buttons; dismisses with the id of the button pressed. The last choice is the safe one
    (keep, do nothing): the focus starts on it, so that Enter takes it, and Escape does too. The first is the one
    that changes something, marked as such."""

    BINDINGS = [Binding("escape", "cancel", show=False)]

    def __init__(self, question: str, choices: list[tuple[str, str]], detail: str | Text = "") -> None:
        super().__init__()
        self.question = question
        self.choices = choices
        self.detail = detail

    @opened_safely
    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="dialog"):
            yield Static(Text(self.question), id="dialog-question")
            if self.detail:  # (a long one scrolls: the buttons stay in sight)
                with VerticalScroll(id="dialog-detail-box", can_focus=False):
                    yield Static(Text(self.detail) if isinstance(self.detail, str) else self.detail, id="dialog-detail")
            with Horizontal(classes="answer-buttons"):
                for index, (key, text) in enumerate(self.choices):
                    yield Button(text, id=f"choice-{key}", variant="error" if index == 0 else "default")

    def on_mount(self) -> None:
        self.query(Button).last().focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss((event.button.id or "").removeprefix("choice-"))

    def action_cancel(self) -> None:
        self.dismiss(self.choices[-1][0])
