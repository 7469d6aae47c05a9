"""Small screens that ask one thing: the conversation language, resume or start over, replace files or not."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Footer, OptionList, Static
from textual.widgets.option_list import Option

from wizard.languages import CODES, LANGUAGES
from wizard.tui.inorder import KeysInOrder

# The first question is asked before a language is chosen, so it is written in all of them at once; the
# language names are each in their own language, as language pickers everywhere show them.
LANGUAGE_QUESTION = " · ".join(language.which_language for language in LANGUAGES)


# Heads the unfinished interviews on the first screen, which is asked before a language is chosen.
CONTINUE_HEADING = " · ".join(language.continue_interview for language in LANGUAGES)
RESUME = "resume:"  # an option id: RESUME + the number of the interview in the list


class LanguageList(KeysInOrder, OptionList):
    """The first question's choices; Enter chooses as it is read (`KeysInOrder`), and the keys typed after it
    wait for the chat's first question (`SelosteApp.on_event`)."""

    HOLDS_KEYS_ON_ENTER = True

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

    AUTO_FOCUS = "#language-choice"

    def __init__(self, suggested: str, unfinished: list[str] | None = None) -> None:
        super().__init__()
        self.suggested = suggested
        self.unfinished = unfinished or []  # each interview's label: business, when saved, how far
        self.chosen = False

    def compose(self) -> ComposeResult:
        with Vertical(id="language-box"):
            yield Static("seloste", id="language-title")
            yield Static(Text(LANGUAGE_QUESTION), id="language-question", classes="bubble question")
            options: list[Option | None] = [Option(language.picker_name, id=language.code) for language in LANGUAGES]
            if self.unfinished:
                options += [None, Option(Text(CONTINUE_HEADING, style="bold"), disabled=True)]
                options += [Option(Text(label), id=f"{RESUME}{number}") for number, label in enumerate(self.unfinished)]
            choice = LanguageList(*options, id="language-choice")
            choice.highlighted = CODES.index(self.suggested)
            yield choice
        yield Footer()

    def on_mount(self) -> None:
        # Focused now, not after the first frame as `focus()` and AUTO_FOCUS do: a key pressed the moment the
        # question shows would otherwise reach no widget. (AUTO_FOCUS is also skipped while the app has no focus,
        # which is how a browser tab under `seloste serve` starts.)
        self.set_focus(self.query_one("#language-choice", OptionList))

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
        else:
            self.post_message(self.Chosen(chosen))


class ChoiceDialog(ModalScreen[str]):
    """A question with a few buttons; dismisses with the id of the button pressed (Escape: the last one)."""

    BINDINGS = [Binding("escape", "cancel", show=False)]

    def __init__(self, question: str, choices: list[tuple[str, str]], detail: str = "") -> None:
        super().__init__()
        self.question = question
        self.choices = choices
        self.detail = detail

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="dialog"):
            yield Static(Text(self.question), id="dialog-question")
            if self.detail:
                yield Static(Text(self.detail), id="dialog-detail")
            with Horizontal(classes="answer-buttons"):
                for index, (key, text) in enumerate(self.choices):
                    yield Button(text, id=f"choice-{key}", variant="primary" if index == 0 else "default")

    def on_mount(self) -> None:
        self.query(Button).first().focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss((event.button.id or "").removeprefix("choice-"))

    def action_cancel(self) -> None:
        self.dismiss(self.choices[-1][0])
