"""The translation pass before an export: each text a chosen notice language lacks, shown as written (the
language named) with a box for its translation. Enter saves one (at once, so a pass left midway goes on where it
was) and goes on to the next box, the keys typed after it with it; Done takes what is typed and goes on to the
export, leaving the empty boxes untranslated; Esc skips the rest. The list scrolls with the box in focus."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Input, Static

from wizard.conversation import label
from wizard.i18n import N_, _
from wizard.localtext import in_language
from wizard.tui.failures import opened_safely, reported
from wizard.tui.inorder import TextBox
from wizard.tui.widgets.composer import release_held_keys
from wizard.tui.widgets.keys import Keys

if TYPE_CHECKING:
    from wizard.session import MissingTranslation, Session


class TranslationBox(TextBox):
    """A translation's box. The keys typed after its Enter wait until the next box has the focus
    (`wizard.tui.holding`), so that typed at full speed they go on into it."""

    def holds_keys_after(self, key: events.Key) -> bool:
        return key.key == "enter"


class TranslationScreen(Screen[None]):
    BINDINGS = [Binding("escape", "skip", label(N_("Skip")), id="skip")]

    def __init__(self, session: Session, missing: list[MissingTranslation]) -> None:
        super().__init__()
        self.session = session
        self.missing = missing
        self.saved: set[int] = set()

    @opened_safely
    def compose(self) -> ComposeResult:
        lang = self.session.conversation_lang
        heading = _("{count} text(s) have no version in a language of the notice yet. Type each one's translation: Enter saves it, an empty box is left as written (a notice shows it marked with its language).", lang)
        yield Static(heading.format(count=len(self.missing)), id="translations-heading")
        with VerticalScroll(id="translations"):
            for number, item in enumerate(self.missing):
                with Vertical(classes="translation"):
                    yield Static(Text(item.label), classes="translation-question")
                    written = _("Written {language}:", lang).format(language=in_language(item.written_in, lang))
                    yield Static(Text.assemble((written, "italic"), " ", item.text), classes="translation-original")
                    placeholder = _("Translation {language}:", lang).format(language=in_language(item.language, lang))
                    yield TranslationBox(id=f"translation-{number}", placeholder=placeholder, select_on_focus=False)
                    yield Static("", id=f"translation-problem-{number}", classes="translation-problem")
        yield Button(_("Done", lang), id="translations-done", variant="primary")
        yield Keys()

    @opened_safely
    def on_mount(self) -> None:
        self.query_one("#translation-0", Input).focus()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """The text to translate comes into sight with its box, not the box alone."""
        parent = event.widget.parent
        if isinstance(parent, Vertical) and parent.has_class("translation"):
            parent.scroll_visible(animate=False)

    def _save(self, number: int) -> bool:
        """Save box `number` if it holds a translation not saved yet; False when it is refused."""
        box = self.query_one(f"#translation-{number}", Input)
        problem_box = self.query_one(f"#translation-problem-{number}", Static)
        if number in self.saved or not box.value.strip():
            return True
        problem = self.session.translate(self.missing[number], box.value)
        problem_box.update(problem or "✓")
        problem_box.set_class(problem is not None, "-error")
        if problem is None:
            self.saved.add(number)
        return problem is None

    @on(Input.Submitted)
    @reported
    def _submitted(self, event: Input.Submitted) -> None:
        number = int((event.input.id or "").rsplit("-", 1)[-1])
        if self._save(number):
            following = number + 1
            target = f"#translation-{following}" if following < len(self.missing) else "#translations-done"
            self.set_focus(self.query_one(target))
        release_held_keys(event.input)  # those typed after Enter: into the box in focus now

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        """A saved translation typed over is saved again at its Enter (or at Done)."""
        number = int((event.input.id or "").rsplit("-", 1)[-1])
        self.saved.discard(number)

    @on(Button.Pressed, "#translations-done")
    @reported
    def _done(self) -> None:
        if all([self._save(number) for number in range(len(self.missing))]):
            self.dismiss(None)

    def action_skip(self) -> None:
        self.dismiss(None)
