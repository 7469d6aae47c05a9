"""The chat app: language first, then resume or start, then the interview, the review and the export.

The first screen needs nothing but Textual, so it shows at once; the questionnaire, the engine and the
catalogs load in a worker thread while the user picks a language.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import signal
import traceback
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from textual import events, work
from textual.app import App
from textual.binding import Binding
from textual.worker import Worker, WorkerCancelled

from wizard.conversation import Conversation, Lazy, label
from wizard.i18n import N_
from wizard.languages import LANGUAGES, default_language, next_language
from wizard.tui import collector
from wizard.tui.events import LanguageSwitched
from wizard.tui.failures import Failed
from wizard.tui.holding import holds_keys_after, moves_focus
from wizard.tui.screens.dialogs import LanguageScreen
from wizard.tui.styles import KeptStylesheet

if TYPE_CHECKING:
    from wizard.session import Resumable, Session
    from wizard.tui.screens.chat import ChatScreen

LOAD_AFTER = 0.3  # seconds after start
SWITCH_LANGUAGE = "f2"
# The terminal closed, the system shutting down: the chat is left as Ctrl+Q leaves it (POSIX only).
LEAVING_SIGNALS = tuple(getattr(signal, name) for name in ("SIGHUP", "SIGTERM") if hasattr(signal, name))
# Seconds that leaving (Ctrl+Q, SIGHUP, SIGTERM) waits, at most, for the next question to take the keys typed for it.
LEAVE_AT_MOST = 5.0
# Enter as it arrives when typed before the chat has set up the terminal (the terminal turns it into a newline,
# which Textual reads as Ctrl+J): typed as the chat starts, on a busy machine, the first question's Enter was lost.
NEWLINE = "ctrl+j"
HOLD_AT_MOST = 15.0  # seconds that keys typed after an answer wait for the next question, at most (a loaded machine may take seconds)


def _switch_label() -> str:
    """The switch goes to the next language in turn, and is labelled in that language ("In English")."""
    return cast(str, Lazy(lambda: next_language(Conversation.lang).in_native))  # as `wizard.conversation.label`


class SelosteApp(App[int]):
    """`seloste` with no arguments. `answers_file` opens an existing answers file and asks only what is missing;
    `example` starts a new interview that suggests that example business's answers (Enter steps through them);
    `trainer` shows a trainer card beside each question."""

    CSS_PATH = "app.tcss"
    TITLE = "seloste"
    ENABLE_COMMAND_PALETTE = False
    BINDINGS = [
        Binding(SWITCH_LANGUAGE, "switch_language", _switch_label(), id="switch-language"),
        Binding("ctrl+q", "quit", label(N_("Quit")), priority=True, id="quit"),
        Binding("ctrl+c", "quit", show=False, priority=True),
        Binding("ctrl+t", "toggle_theme", label(N_("Light/dark")), show=False, id="theme"),
    ]

    def __init__(
        self, answers_file: Path | None = None, lang: str | None = None, trainer: bool = False, example: str | None = None
    ) -> None:
        super().__init__()
        self.stylesheet = KeptStylesheet(variables=self.stylesheet._variables)  # parsed in an earlier run: read back
        self.answers_file = answers_file
        self.suggested_lang = lang
        self.trainer = trainer
        self.example = example
        self.session: Session | None = None  # once the interview starts
        self.unfinished: list[Resumable] = []  # the interviews offered for continuing on the first screen
        self.held_keys: list[events.Key | events.Paste] | None = None  # typed after an answer was sent (`on_event`)
        self.moving_focus: events.Key | None = None  # a Tab handed to the widget in focus, the keys after it held (`on_event`)
        self.opening = False  # a new interview's chat is shown and its engine still loading (`_open_new`)
        self.replaying = False  # the keys held are about to be read on a screen whose keys act as read (`_replay`)
        self.leaving = False  # Ctrl+Q (or the terminal closed) while keys were held: leaving once they are typed (`_leave`)
        self.left = False  # the drafts are saved and the app is exiting (`_leave_now` runs once)
        self._loader: Worker | None = None

    @property
    def lang(self) -> str:
        return Conversation.lang

    @property
    def fresh(self) -> bool:
        """A new interview, not a demonstration or a file given: the first screen offers the unfinished ones."""
        return self.example is None and self.answers_file is None

    def get_default_screen(self) -> LanguageScreen:
        """The first question is the app's first screen: nothing else is drawn before it. Below the languages
        are the offer to start from an old notice and, once found, the unfinished interviews to continue."""
        suggested = self.suggested_lang or default_language()
        Conversation.lang = suggested  # until the user chooses: the footer speaks the likely language
        return LanguageScreen(suggested, old_notice=self.fresh)

    def on_mount(self) -> None:
        loop = asyncio.get_running_loop()
        for signal_number in LEAVING_SIGNALS:
            with contextlib.suppress(NotImplementedError, RuntimeError):  # (a loop that cannot: the default stands)
                loop.add_signal_handler(signal_number, self._left_by_signal)
        # The unfinished interviews are looked for and the engine loads a moment after the first question is
        # drawn, so that they cannot delay it (a person takes longer than that to choose); after a quicker
        # choice, they wait until the chat's first question is drawn (`_open_new`).
        self.set_timer(LOAD_AFTER, self._after_a_moment)

    def on_unmount(self) -> None:
        loop = asyncio.get_running_loop()
        for signal_number in LEAVING_SIGNALS:
            with contextlib.suppress(NotImplementedError, RuntimeError):
                loop.remove_signal_handler(signal_number)

    async def action_quit(self) -> None:
        """Ctrl+Q: what is typed and not yet sent is saved with the interview (`ChatScreen.save_typed`)."""
        self._leave()

    def _left_by_signal(self) -> None:
        """The terminal closed (SIGHUP) or the system stops the chat (SIGTERM): left as by Ctrl+Q, once the keys the
        app has already been given are read (they are typed text to save too)."""
        self.call_later(self._leave)

    def _leave(self) -> None:
        """Leave, saving what is typed, every key typed before Ctrl+Q with it. The keys handed to the box in focus
        are read by it first (typed at full speed, the box has not read them yet). Keys typed after an answer was
        sent and still waiting for the next question are saved with that question: the chat takes the answer and
        shows the question first, the keys go into its box (`release_keys`), and then the chat is left. At most
        `LEAVE_AT_MOST` seconds either way."""
        self.set_timer(LEAVE_AT_MOST, self._leave_now)
        if self.held_keys and self.session is not None and not self.opening and not self.leaving:
            self.leaving = True
            return
        box = self.focused
        if box is not None:
            box.call_later(self._leave_now)  # after the keys it was handed
        else:
            self._leave_now()

    def _leave_now(self) -> None:
        if self.left:
            return  # (the timer, after the keys went into their box and the chat was left)
        self.left = True
        for screen in self.screen_stack:
            save_typed = getattr(screen, "save_typed", None)
            if save_typed is not None:
                with contextlib.suppress(OSError):  # the answers are saved already; a draft the disk refuses is lost
                    save_typed()
        self.exit()

    def leaving_words(self) -> str:
        """What to say in the terminal once the chat is left: where the answers are and how to go on (nothing when
        it ended with a message of its own, such as a file that cannot be used, or left at the first screen)."""
        if self.return_code or self.session is None:
            return ""
        from wizard.session import leaving_words

        return leaving_words(self.session, self.session.conversation_lang)

    @staticmethod
    def collect_garbage() -> None:
        """The cycle collector, off while the chat starts (`wizard.tui.run_chat`), runs again from now on; what was
        made until now lives as long as the chat and is set aside from it."""
        if not gc.isenabled() and not collector.paused():  # (not while an answer is taken: `wizard.tui.collector`)
            gc.freeze()
            gc.enable()

    def keep_styles(self) -> None:
        """The styles parsed in this run are kept for the next (`wizard.tui.styles`)."""
        if isinstance(self.stylesheet, KeptStylesheet):
            self.stylesheet.keep()

    def _after_a_moment(self) -> None:
        self.collect_garbage()  # the user takes a moment to choose: the chat is no longer starting
        if self.opening or self.session is not None:
            return
        if self.fresh:
            self._find_unfinished()
        self._start_loading()

    @work(thread=True, group="unfinished")
    def _find_unfinished(self) -> None:
        from wizard.session import resumable

        try:
            found = resumable(Conversation.lang)
        except Exception:  # noqa: BLE001 - the first screen goes on without the list rather than end with a traceback
            self.log.error(traceback.format_exc())
            return
        if found:
            self.call_from_thread(self._offer_unfinished, found)

    def _offer_unfinished(self, found: list[Resumable]) -> None:
        first = self.screen_stack[0] if self.screen_stack else None
        if isinstance(first, LanguageScreen) and not first.chosen:
            self.unfinished = found
            first.offer_unfinished([interview.label for interview in found])

    async def _engine_loaded(self) -> bool:
        """Wait for the engine, if it is loading; False if the loading was cancelled (the app is closing)."""
        if self._loader is not None:
            try:
                await self._loader.wait()
            except WorkerCancelled:
                return False
        return True

    def _start_loading(self) -> None:
        if self._loader is None:
            self._loader = self._load_engine()

    @work(thread=True, group="load", exit_on_error=False)  # (an error is said when the interview opens: `_open_session`)
    def _load_engine(self) -> None:
        """Everything the interview needs, loaded while the first question is on screen."""
        from wizard import session
        from wizard.i18n import translations

        session.preload()
        for language in LANGUAGES:
            translations(language.code)

    async def on_language_screen_chosen(self, event: LanguageScreen.Chosen) -> None:
        Conversation.lang = event.lang
        self.refresh_bindings()
        self._open_session()

    async def on_language_screen_resumed(self, event: LanguageScreen.Resumed) -> None:
        """An unfinished interview goes on in the language it was spoken in: nothing is asked again."""
        chosen = self.unfinished[event.number]
        Conversation.lang = chosen.lang
        self.refresh_bindings()
        self._open_session(chosen.path)

    async def on_language_screen_imported(self, event: LanguageScreen.Imported) -> None:
        """A new interview filled from an old notice, opened as `seloste --import` opens it."""
        self.answers_file = event.answers
        self._open_session()

    @work(exclusive=True, group="open")
    async def _open_session(self, resumed: Path | None = None) -> None:
        """Open the interview chosen on the first screen. An unexpected error is said there, and the user can
        choose again (a worker's error would end the app with a traceback)."""
        try:
            await self._open_chosen(resumed)
        except Exception as error:  # noqa: BLE001 - any error at all must reach the user as words
            self.log.error(traceback.format_exc())
            self._not_opened(error)

    def _not_opened(self, error: Exception) -> None:
        """Back to the first screen, which says what went wrong; its choices can be made again."""
        from wizard.i18n import _

        self.opening = False
        self.session = None
        while len(self.screen_stack) > 1 and not isinstance(self.screen, LanguageScreen):
            self.pop_screen()
        first = self.screen_stack[0] if self.screen_stack else None
        if isinstance(first, LanguageScreen):
            first.chosen = False
        self.release_keys()
        self.notify(_("Something went wrong: {error}", Conversation.lang).format(error=error or type(error).__name__), severity="error", timeout=15)

    async def _open_chosen(self, resumed: Path | None) -> None:
        from wizard.tui.screens.chat import ChatScreen

        if self.answers_file is None and resumed is None:
            await self._open_new(ChatScreen(None, trainer=self.trainer, example=self.example))
            return
        if not await self._engine_loaded():
            return
        from wizard import session

        opened = session.open_file(self.answers_file or resumed, Conversation.lang)  # type: ignore[arg-type]
        if isinstance(opened, str) and resumed is None:  # the file given cannot be used: say why, and leave
            self.exit(return_code=2, message=opened)
            return
        if isinstance(opened, str):  # damaged since it was saved: say so, and start afresh
            self.notify(opened, severity="error", timeout=15)
            opened = session.new(Conversation.lang)
        self.session = opened
        self.session.conversation_lang = Conversation.lang
        chat = ChatScreen(self.session, trainer=self.trainer, example=self.session.example)
        await self.push_screen(chat)  # over the first question, which stays below
        chat.call_after_refresh(self.collect_garbage)

    async def _open_new(self, chat: ChatScreen) -> None:
        """A new interview (a demonstration too): its first question, the notice's language, is the chat's own
        and needs no engine, so it is on the screen at once; the engine loads after it is drawn, and the keys
        typed meanwhile wait for it."""
        self.opening = True
        self.hold_keys()
        await self.push_screen(chat)  # over the first question, which stays below
        drawn = asyncio.Event()
        chat.call_after_refresh(drawn.set)
        await drawn.wait()
        self.collect_garbage()
        await chat.build_hidden_parts()
        self._start_loading()
        if not await self._engine_loaded():
            return
        from wizard import session

        self.session = session.new(Conversation.lang, example=self.example)
        chat.attach(self.session)
        self.opening = False
        self.release_keys()

    # --- keys typed ahead --------------------------------------------------------------------------------------

    async def on_event(self, event: events.Event) -> None:
        """Keys typed after a key that sends an answer (Enter in a box, on a list, on Save, Yes or No)
        or moves the focus (`wizard.tui.holding`) wait here, in order, until the next question or box is there
        (`release_keys`): a key must not land in the question just answered, or in the box just left. After Tab or
        Shift+Tab, that is once the key has come back up from the widget it was handed to and its binding has
        moved the focus (`focus_moved`)."""
        if isinstance(event, events.Key) and not event.is_forwarded and event.key == NEWLINE:
            event = events.Key("enter", "\r")  # (as readline takes it)
        if isinstance(event, events.Paste) and not event.is_forwarded and self.held_keys is not None:
            self.held_keys.append(event)  # a paste is typed text too: it waits in turn with the keys
            return
        if isinstance(event, events.Key) and event.is_forwarded and event is self.moving_focus:
            await super().on_event(event)  # back up from the widget: its binding moves the focus now
            self.focus_moved(event)
            return
        if isinstance(event, events.Key) and not event.is_forwarded:
            if self.held_keys is not None:
                if not await self._quits_at_once(event):
                    self.held_keys.append(event)
                return
            if getattr(self.screen, "KEYS_ACT_AS_READ", False):
                await self._act_as_read(event)
                return
            if self._holds_after(self.focused, event):
                await super().on_event(event)  # to the widget, which acts on it
                self.hold_keys()
                return
        await super().on_event(event)

    def _holds_after(self, widget: Any, key: events.Key) -> bool:
        """Whether the keys after `key`, about to be handed to `widget`, wait: a widget that says so releases them
        itself (`_holds_keys_after`); after any other key that moves the focus, they wait for it to come back
        up (`moving_focus`)."""
        self.moving_focus = None
        if self._holds_keys_after(widget, key):
            return True
        if moves_focus(key):
            self.moving_focus = key
            return True
        return False

    def focus_moved(self, key: events.Key) -> None:
        """`key` (Tab, Shift+Tab) has moved the focus: the keys typed after it go to the widget in focus now. (Called
        by a widget that handles such a key itself instead of passing it up.)"""
        if key is self.moving_focus:
            self.moving_focus = None
            self.release_keys()

    async def _quits_at_once(self, key: events.Key) -> bool:
        """Ctrl+Q (the app's own keys above every widget's) acts as typed, even while the keys before it wait; a
        screen's keys wait with them (the screen they were typed for may not be there yet)."""
        for binding in self._bindings.key_to_bindings.get(key.key, ()):
            if binding.priority and await self.run_action(binding.action, self):
                return True
        return False

    def _holds_keys_after(self, widget: Any, key: events.Key) -> bool:
        """Whether the keys typed after `key` wait (`wizard.tui.holding`): those after a key that sends an answer or
        moves the focus, those after the language switch on a screen that draws itself anew for it (they go to
        the box in focus once it is drawn again), and those after a key that brings another screen (`LEAVING_KEYS`)."""
        if key.key == SWITCH_LANGUAGE and getattr(self.screen, "REDRAWS_ON_SWITCH", False):
            return True
        if key.key in getattr(self.screen, "LEAVING_KEYS", ()):  # F5 to the review, Esc back: for the screen it brings
            return True
        return holds_keys_after(widget, key)

    def hold_keys(self) -> None:
        if self.held_keys is None:
            held = self.held_keys = []
            # Should no question come (nothing else released them), the keys go on after a while all the same.
            self.set_timer(HOLD_AT_MOST, lambda: self.release_keys() if self.held_keys is held else None)

    async def _act_as_read(self, key: events.Key) -> bool:
        """A key of a screen whose keys are all its widgets' bindings (the review): its binding acts as the key is
        read, before the next key is, so that each acts from where the keys before it left the focus (Textual runs
        a widget's binding only once the key has come back up from the widget, after the keys typed since have
        been handed to the widget then in focus). True if the keys after it wait (`wizard.tui.holding`)."""
        holds = self._holds_keys_after(self.focused, key)
        if not (await self._check_bindings(key.key, priority=True) or await self._check_bindings(key.key)):
            (self.focused or self.screen)._forward_event(key)
        if holds:
            self.hold_keys()
        return holds

    async def _replay(self) -> None:
        """The keys held, one by one as if typed now, on a screen whose keys act as read (`_act_as_read`)."""
        self.replaying = False
        while self.held_keys and getattr(self.screen, "KEYS_ACT_AS_READ", False):
            key = self.held_keys.pop(0)
            if isinstance(key, events.Key) and await self._act_as_read(key):
                return  # the rest wait again, for what that key does
            if isinstance(key, events.Paste):
                (self.focused or self.screen)._forward_event(key)
        self.release_keys()  # none left, or the screen gone: as to any screen

    def release_keys(self) -> None:
        """The keys held go, in the order typed, to the widget in focus now; those typed later follow them. A
        key among them that sends an answer or moves the focus holds the rest again."""
        if self.opening:
            return  # the chat is still opening: they wait for it (`_open_new`)
        if self.leaving:  # Ctrl+Q after them: typed into the box in focus now, then saved with it
            self._type_held_keys()
            self._leave_now()
            return
        if self.held_keys and getattr(self.screen, "KEYS_ACT_AS_READ", False):
            if not self.replaying:  # after the handler running now; the keys typed meanwhile wait behind them
                self.replaying = True
                self.call_later(self._replay)
            return
        keys, self.held_keys = self.held_keys or [], None
        while keys:
            key = keys.pop(0)
            target = self.focused or self.screen
            held = isinstance(key, events.Key) and self._holds_after(target, key)
            target._forward_event(key)
            if held:
                self.hold_keys()
                self.held_keys[:0] = keys  # type: ignore[index]  # before any typed since
                return

    def _type_held_keys(self) -> None:
        """The text of the keys held (letters, Backspace, pastes), typed at once into the box in focus, up to a key
        that would send or leave it (what follows it is for a question the chat is not going to ask now)."""
        from textual.widgets import Input

        keys, self.held_keys = self.held_keys or [], None
        box = self.focused
        if not isinstance(box, Input):
            return
        for key in keys:
            if isinstance(key, events.Paste):
                box._on_paste(key)  # (the chat's boxes join a paste's lines: `OneLinePaste`)
            elif key.is_printable and key.character:
                box.insert_text_at_cursor(key.character)
            elif key.key == "backspace":
                box.action_delete_left()
            else:
                return

    def action_switch_language(self) -> None:
        self.switch_language(next_language(Conversation.lang).code)

    def switch_language(self, lang: str) -> None:
        """Speak `lang` from now on: the footer, the screen's words and the saved state follow."""
        Conversation.lang = lang
        if self.session is not None:
            self.session.conversation_lang = Conversation.lang
            self.session.save_state()
        self.refresh_bindings()
        self.screen.post_message(LanguageSwitched(Conversation.lang))

    def on_failed(self, event: Failed) -> None:
        """An unexpected error that no screen says in its own way (the first screen, a dialog's): said in a note."""
        from wizard.i18n import _

        self.notify(_("Something went wrong: {error}", Conversation.lang).format(error=event.error or type(event.error).__name__), severity="error")

    def action_toggle_theme(self) -> None:
        self.theme = "textual-light" if self.theme == "textual-dark" else "textual-dark"
