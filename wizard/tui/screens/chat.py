"""The interview: the transcript above, the answer area below, the live preview beside (or above) them."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

from rich.cells import cell_len
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Input, Static
from textual.widgets._footer import FooterKey

from wizard.conversation import Conversation, label, refusal, notice_language_name, notice_language_question, question_help, typed_command
from wizard.i18n import N_, _, translated
from wizard.languages import CODES
from wizard.tui import collector
from wizard.tui.events import LanguageSwitched
from wizard.tui.failures import Failed, reported
from wizard.tui.widgets.bubbles import AnswerBubble, QuestionBubble, ReplyBubble
from wizard.tui.widgets.composer import PICKED, Answered, Ask, Composer, FormField, NotSure
from wizard.tui.widgets.keys import Keys

if TYPE_CHECKING:
    from textual.timer import Timer
    from textual.widget import AwaitMount, Widget

    from wizard.engine import Step
    from wizard.kinds import Rejection
    from wizard.session import Session
    from wizard.tui.app import SelosteApp

NOTICE_LANGUAGE = "notice-language"  # the one question the chat asks itself, not the questionnaire
NARROW = 100  # below this width the preview sits above the conversation instead of beside it
SHORT = 24  # below this height a form's boxes get less room, so the question stays in sight
SHOWN_HISTORY = 12  # answers shown when the transcript is drawn anew (after resuming, going back, editing)
KEPT_BUBBLES = 60  # the oldest bubbles leave the transcript beyond this many
DISCARD_AFTER = 1.0  # seconds: a closed review is taken apart once the chat has drawn what follows it


class ChatFooter(Keys):
    """The keys. In a terminal narrower than 80 columns it is compact and leaves out the keys the chat can do
    without there (the preview, changing an earlier answer: they still work), so Help, Back, Quit and the
    language switch stay in sight. Those keys are left out at any width where the keys would not all fit, and
    then, if they still do not, the key that cancels a new item (the line above the keys says what Esc does)."""

    LEFT_OUT_WHEN_NARROW = frozenset({"toggle_preview", "edit_answers"})
    LEFT_OUT_NEXT = frozenset({"cancel_item"})
    NARROW = 80

    def __init__(self) -> None:
        super().__init__()
        self.narrow = False
        self.width = 0  # the terminal's width the keys were chosen for

    def compose(self) -> ComposeResult:
        widgets = list(super().compose())
        self.width = room = self.app.size.width
        first = self.LEFT_OUT_WHEN_NARROW if self.narrow else frozenset()
        for left_out in (first, self.LEFT_OUT_WHEN_NARROW, self.LEFT_OUT_WHEN_NARROW | self.LEFT_OUT_NEXT):
            kept = [widget for widget in widgets if not (isinstance(widget, FooterKey) and widget.action in left_out)]
            if sum(self._width(widget) for widget in kept) <= room:
                break
        yield from kept

    def _width(self, widget: Widget) -> int:
        """The columns a key takes: its key and label, with the space around them (Textual's footer styles)."""
        if not isinstance(widget, FooterKey):
            return 0
        return cell_len(str(widget.key_display)) + cell_len(str(widget.description)) + (2 if self.compact else 3)

    def on_resize(self) -> None:
        narrow = self.app.size.width < self.NARROW
        if narrow != self.narrow or self.app.size.width != self.width:
            self.narrow = narrow
            self.compact = narrow
            self.refresh(recompose=True)


class ChatScreen(Screen):
    BINDINGS = [
        Binding("f1", "help", label(N_("Help")), id="help"),
        Binding("f3", "toggle_preview", label(N_("Preview")), id="preview"),
        Binding("f4", "back", label(N_("Back")), id="back"),
        Binding("f5", "edit_answers", label(N_("Edit")), id="edit"),
        Binding("f6", "review", label(N_("Review")), id="review", show=False),
        Binding("f7", "toggle_trainer", label(N_("Trainer cards")), id="trainer", show=False),
        Binding("escape", "cancel_item", label(N_("Cancel this item")), id="cancel-item"),  # (only in a new, empty item)
        Binding("escape", "escape", show=False),
        Binding("tab", "next_stop", show=False),
    ]

    AUTO_FOCUS = None  # the first question's widget takes the focus when it is shown
    REDRAWS_ON_SWITCH = True  # the keys typed after F2 wait for the redrawn question (`SelosteApp.on_event`)
    LEAVING_KEYS = ("f5", "f6")  # the keys typed after them wait for the review (`ReviewScreen.on_mount`)

    def __init__(self, session: Session | None, trainer: bool = False, example: str | None = None) -> None:
        """`session` None: a new interview, whose first question (the notice's language) is shown while the
        engine loads; the app gives the session when it is there (`attach`), and holds the keys until then."""
        super().__init__()
        self._session = session
        self.attached = asyncio.Event()
        if session is not None:
            self.attached.set()
        self.trainer = trainer  # trainer mode: a card for the trainer beside each question
        self.example = example  # a demonstration: the example business whose answers are suggested
        self.step: Step | None = None  # the engine's step being asked; None for the notice language or at the end
        self.preview_revision = 0  # the preview's version that holds the answers as they are (`request_preview`)
        self.preview_painted = 0  # the newest version of the preview on the screen
        self.answers_sent = 0  # answers (and choices) sent so far
        self.taking = False  # the last of them is being taken
        self.collector_limit: Timer | None = None  # `_pause_collector`
        self.transcript_mounts: list[AwaitMount] = []  # bubbles put in the transcript, still mounting
        # What was typed into a question left unanswered (going back, changing another answer, switching the
        # language, quitting), by (question id, item, mode): it is there again when the question comes back. The
        # session's own, so that it is saved with the interview (`save_typed`, and with every answer).
        self.drafts: dict[tuple[str, int | None, str], Any] = session.drafts if session is not None else {}
        # The question whose draft comes back as typed even over its saved answer: the one being changed when
        # the language was switched (the same form, in the other language).
        self.switched_at: tuple[str, int | None, str] | None = None
        self.shown_before = False  # `_on_screen_resume`
        self.esc_cancels = False  # the footer offers Esc to cancel a new item (`_esc_follows_typing`)
        # An earlier answer being changed (chosen from its bubble or at the review): where the interview was before,
        # the notice's language then and the transcript's last bubble then, for Esc to go back there (`_give_up_change`).
        self.returning: tuple[tuple[str, int | None, str] | None, str | None, Widget | None] | None = None
        # Sized for the terminal from the start: set once mounted, the classes would style every widget again.
        self._fit(self.app.size.width, self.app.size.height, update=False)

    @property
    def session(self) -> Session:
        assert self._session is not None, "asked before the session was attached"
        return self._session

    def attach(self, session: Session) -> None:
        self._session = session
        session.drafts.update(self.drafts)
        self.drafts = session.drafts
        self.attached.set()

    async def build_hidden_parts(self) -> None:
        """What the first question does not show, built once it is drawn: the answer area's panes for the
        questions after it (`Composer.build_panes`), the trainer's and the preview's panels."""
        await self.query_one(Composer).build_panes()
        await self._side_panels()
        cast("SelosteApp", self.app).keep_styles()  # their styles too are parsed by now: kept for the next run

    async def _side_panels(self) -> None:
        """The trainer's and the preview's panels (hidden until asked for), if they are not there yet."""
        from wizard.tui.widgets.preview import PreviewPanel
        from wizard.tui.widgets.trainer import TrainerPanel

        body = self.query_one("#body")
        if not self.query(TrainerPanel):
            await body.mount(TrainerPanel(id="trainer", classes="-hidden"), after="#conversation")
        if not self.query(PreviewPanel):
            await body.mount(PreviewPanel(id="preview", classes="-hidden"), after="#trainer")

    @property
    def lang(self) -> str:
        return self._session.conversation_lang if self._session is not None else Conversation.lang

    @property
    def notice_lang(self) -> str | None:
        return self._session.notice_lang if self._session is not None else None

    def compose(self) -> ComposeResult:
        yield Static("", id="status")
        with Horizontal(id="body"):
            with Vertical(id="conversation"):
                # A new interview's first question, the notice's language, needs no engine: it is built with the
                # screen, not mounted into it afterwards, so the screen is laid out once before it shows.
                new = self._session is None
                with VerticalScroll(id="transcript", can_focus=False):
                    if new:
                        yield from self._heading()
                        yield self._notice_language_bubble()
                yield Composer(self._notice_language_ask() if new else None, id="composer")
            if self.trainer:  # shown from the first question; otherwise built after it (`build_hidden_parts`)
                from wizard.tui.widgets.trainer import TrainerPanel

                yield TrainerPanel(id="trainer")
        yield ChatFooter()

    def _on_screen_resume(self, event: events.ScreenResume) -> None:
        """Shown for the first time, each widget was styled as it was mounted, a moment ago: Textual's own
        handler (which runs after this one) need not style them all again before the first question shows."""
        if not self.shown_before:
            self.shown_before = True
            event.refresh_styles = False

    async def on_mount(self) -> None:
        if self._session is not None:  # (a new interview's are built by the app once its first question is drawn)
            self.call_after_refresh(self.build_hidden_parts)
        transcript = self.query_one("#transcript")
        self.call_after_refresh(transcript.anchor)
        if self._session is not None and self.session.focus:  # resumed: the box in focus when the chat was left
            self.query_one(Composer).focus_place = (self.session.focus, None)  # (its cursor at the end of its text)
            self.session.focus = ""
        if self._session is not None and self.session.asking is not None:
            self._ask_again(self.session.asking)
        if self._session is None:  # its first question was built with the screen (`compose`)
            self.step = None
            self.query_one(Composer).shown_first()
            self.show_progress()
            self.show_trainer_card()
            return
        await self.redraw()

    def _ask_again(self, key: tuple[str, int | None, str]) -> None:
        """Resumed: the chat was left while an answer was being changed (from the review, or after going back), or
        a new item of a list was being filled in, with something typed and not sent: that question (the new item's
        form) is asked first, with what was typed, not the next unanswered one, "add another?" or the review, where
        it would be out of sight, or the saved answer shown when it is opened."""
        from wizard.engine import InterviewError

        self.session.asking = None
        step = self.session.current()
        if key not in self.drafts or (step is not None and self._key(step) == key):
            return
        try:
            if key[2] == "answer" and key[1] is not None and key[1] == len(self.session.interview.items(key[0])):
                self.session.add_item(key[0])  # a new item (+ at the review, or a yes to "add another?"): its form
            else:
                self.session.edit(key[0], key[1])
        except InterviewError:  # (the answers file was changed since: it is no longer there to ask)
            return
        step = self.session.current()
        if step is not None and self._key(step) == key:
            self.switched_at = key  # its draft in its box, over the saved answer (`ask_for`)

    def on_resize(self) -> None:
        self._fit(self.size.width, self.size.height)

    def _fit(self, width: int, height: int, update: bool = True) -> None:
        self.set_class(width < NARROW, "-narrow", update=update)
        self.set_class(height < SHORT, "-short", update=update)

    # --- the transcript ----------------------------------------------------------------------------------------

    async def redraw(self, review: bool = True) -> None:
        """The whole transcript from the answers so far, then the question to ask now (with `review`, the review
        when everything is answered)."""
        transcript = self.query_one("#transcript", VerticalScroll)
        await transcript.remove_children()
        bubbles: list[Widget] = self._heading()
        if self._session is None:  # a new interview: nothing answered yet, its first question needs no engine
            await transcript.mount_all(bubbles)
            await self.ask_next(review)
            return
        history = self.session.interview.history
        if len(history) > SHOWN_HISTORY:  # the review lists them all; a long transcript only slows the screen
            earlier = len(history) - SHOWN_HISTORY
            note = _("{count} earlier answers are not shown here: F6 lists them all.", self.lang).format(count=earlier)
            bubbles.append(Static(Text(note), classes="earlier"))
            history = history[earlier:]
        elif self.session.notice_lang:
            bubbles.append(self._notice_language_bubble())
            bubbles.append(AnswerBubble(notice_language_name(self.session.notice_lang, self.lang), NOTICE_LANGUAGE))
            write_in = self.session.write_in_note(self.lang)
            if write_in:
                bubbles.append(ReplyBubble(write_in, "info"))
        for step, shown in history:
            bubbles.append(self._question_bubble(step))
            bubbles.append(AnswerBubble(shown, step.question.id, step.item))
        await transcript.mount_all(bubbles)
        await self.ask_next(review)

    def _heading(self) -> list[Widget]:
        """What heads the transcript: in a demonstration, what it is, so that it stays while it goes on."""
        if not self.example:
            return []
        text = _(
            "A demonstration with the example business {name}: each question suggests its answer, and Enter accepts it.",
            self.lang,
        )
        return [ReplyBubble(text.format(name=self.example), "info")]

    def _notice_language_bubble(self) -> QuestionBubble:
        return QuestionBubble(_("The notice", self.lang), notice_language_question(self.lang))

    def _notice_language_ask(self) -> Ask:
        options = [(code, notice_language_name(code, self.lang)) for code in CODES]
        return Ask("single_choice", options=options, value=self.lang, words=self.words(), not_sure=False)

    def _question_bubble(self, step: Step) -> QuestionBubble:
        prompt = _(step.prompt, self.lang)
        if step.question.kind == "record" and step.mode == "answer" and step.item:
            prompt = f"{prompt} ({step.item + 1})"
        return QuestionBubble(_(step.section.title, self.lang), prompt)

    async def say(self, text: Text | str, kind: str, title: str = "") -> None:
        await self.add_to_transcript(ReplyBubble(text, kind, title))

    async def add_to_transcript(self, bubble: Widget, wait: bool = True) -> None:
        """`bubble` at the end of the transcript. `wait` False: put there at once, and mounted with what follows
        (`settle_transcript`): an answer's bubble and the next question's are painted with the question's box, in
        one layout of the screen instead of one for each."""
        transcript = self.query_one("#transcript", VerticalScroll)
        self.transcript_mounts.append(transcript.mount(bubble))
        transcript.anchor()  # what the chat says comes into sight, even after the transcript was scrolled up
        if wait:
            await self.settle_transcript()

    async def settle_transcript(self) -> None:
        """The bubbles put in the transcript are mounted; the oldest beyond KEPT_BUBBLES leave."""
        mounts, self.transcript_mounts = self.transcript_mounts, []
        transcript = self.query_one("#transcript", VerticalScroll)
        extra = len(transcript.children) - KEPT_BUBBLES
        removed = transcript.remove_children(list(transcript.children)[:extra]) if extra > 0 else None
        for mounted in mounts:
            await mounted
        if removed is not None:
            await removed

    async def ask_next(self, review: bool = True, asked: bool = False) -> None:
        """The question to ask now, below the transcript; `asked`: its bubble is there already."""
        composer = self.query_one(Composer)
        if not self.notice_lang:
            self.step = None
            await self.add_to_transcript(self._notice_language_bubble())
            await composer.show(self._notice_language_ask())
            if self.returning is not None:
                composer.set_standing_hint(_("Esc keeps the answer as it was and goes back to where you were.", self.lang))
            self.show_progress()
            self.show_trainer_card()
            return
        self.step = self.session.current()
        self.show_progress()
        self.show_trainer_card()
        if self.step is None:
            if review:  # first: the keys typed since the last answer wait for the review, not the button below it
                await self.action_review()
            await self.say(_("Everything is answered. Check the answers and export the notice.", self.lang), "info")
            await composer.show(Ask("finish", words=self.words(), not_sure=False))
            return
        ask = self.ask_for(self.step)
        if not asked:
            await self.add_to_transcript(self._question_bubble(self.step), wait=False)
        if ask.kind == "record":  # a form is mounted (not only filled in): it is laid out below the settled transcript
            await self.settle_transcript()
        await composer.show(ask)
        await self.settle_transcript()
        self.esc_cancels = self._cancels_item()
        self.refresh_bindings()  # Esc's key in the footer: only in a new item
        if self._new_item(self.step):
            composer.set_hint(_("Added by mistake? Esc cancels this item while it is empty.", self.lang))
        elif self.returning is not None:
            composer.set_standing_hint(_("Esc keeps the answer as it was and goes back to where you were.", self.lang))

    def ask_for(self, step: Step) -> Ask:
        """The composer's description of a step, in the conversation language. A suggested answer is never put
        into a text box as if typed: it is a grey hint there, and Enter on the empty box takes it."""
        lang = self.lang
        question = step.question
        words = self.words()
        draft = self.drafts.get(self._key(step))
        retyped, self.switched_at = draft is not None and self.switched_at == self._key(step), None
        if step.mode != "answer" or question.kind == "yes_no":  # (the yes/no before a list's first item or after each)
            in_box = draft if isinstance(draft, str) else ""  # what was typed in its box, not sent
            suggested = step.value if step.value is not None else step.default
            yes, no = self.yes_no_words()
            # The box's placeholder stays short (a narrow box beside the buttons, the preview open); at "add another?"
            # the line under it says that the next one can be typed there too.
            another = _("Or type the next one here: Enter adds it.", lang) if step.mode == "another" else ""
            return Ask(
                "yes_no", value=suggested, typed=in_box, placeholder=_("{yes} or {no}", lang).format(yes=yes, no=no), hint=another,
                words=words, not_sure=step.mode != "another",
            )
        value = draft if retyped or step.value is None else step.value
        ready = step.value is None and step.scripted and draft is None
        if question.kind == "record":
            form = self._form(step)
            return Ask("record", value=value, fields=form(value or {}), form=form, words=words, ready=ready)
        options = [(option.value, _(option.label, lang)) for option in step.options()]
        if question.kind in PICKED:
            return Ask(question.kind, options, value if value is not None else step.default, words=words, ready=ready)
        suggestion = step.default if value is None and step.default not in (None, "") else None
        written_in = self.session.box_language(question, None, lang)
        example: str | None = question.help.example
        if example:  # in the language the text is written in ("In Swedish: e.g. kunder"); none if it has none there
            example = translated(example, self.session.interview.text_language) if written_in else _(example, lang)
        if suggestion is not None:
            placeholder = _("{suggestion} (Enter accepts it)", lang).format(suggestion=self.session.interview.display(question, suggestion))
        elif example:
            placeholder = _("e.g. {example}", lang).format(example=example)
        else:
            placeholder = ""
        if written_in:  # "In Swedish: e.g. …": the text goes into the notice as typed
            placeholder = f"{written_in[:1].upper()}{written_in[1:]}: {placeholder}" if placeholder else written_in[:1].upper() + written_in[1:]
        typed = self.session.interview.display(question, value) if value is not None and question.kind == "date" else value
        return Ask(
            question.kind, options, typed, placeholder=placeholder, suggestion=suggestion, validate=self.session.problem_with, words=words
        )

    @staticmethod
    def _key(step: Step) -> tuple[str, int | None, str]:
        return (step.question.id, step.item, step.mode)

    def keep_draft(self) -> None:
        """Remember what is typed for the question being asked, before the chat leaves it unanswered."""
        if self.step is None:
            return
        typed = self.query_one(Composer).typed()
        if typed:
            self.drafts[self._key(self.step)] = typed
        else:  # emptied: the question comes back empty
            self.drafts.pop(self._key(self.step), None)

    def save_typed(self) -> None:
        """The chat is left (Ctrl+Q, the terminal closed): what is typed and not sent is saved with the interview,
        with the box it was typed in, and is there again when the interview is continued."""
        if self._session is None:
            return
        self.keep_draft()
        composer = self.query_one(Composer)
        composer.keep_focus_place()
        place, composer.focus_place = composer.focus_place, None
        self.session.focus = place[0] if place is not None and self.step is not None else ""
        asked = self._key(self.step) if self.step is not None else None
        self.session.asking = asked if asked in self.drafts else None  # asked again first, with it (`_ask_again`)
        self.session.save_state()

    def _form(self, step: Step) -> Callable[[dict[str, Any]], list[FormField]]:
        """A record's boxes for the values in its form. What a new item suggests (a question's default, or in a
        demonstration the example's answer) is the choice made in a list, and a grey hint in a text box.
        An item's id (a purpose's short name, `Question.default_from`) has no box: the user names the item by
        its description, and the engine makes the id from it once and keeps it."""
        lang = self.lang
        interview = self.session.interview
        suggested: dict[str, Any] = {key: value for key, value in (step.default or {}).items() if value not in (None, "", [])}
        languages = {sub.id: self.session.box_language(sub, step.question, lang) for sub in step.question.fields}

        def boxes(values: dict[str, Any]) -> list[FormField]:
            fields = []
            given = {**suggested, **{key: value for key, value in values.items() if value not in (None, "", [])}}
            for sub in step.fields(given):
                if sub.default_from is not None:
                    continue
                options = [(option.value, _(option.label, lang)) for option in step.options(sub, given)]
                suggestion = suggested.get(sub.id)
                shown = interview.display(sub, suggestion) if sub.kind not in PICKED and suggestion not in (None, "") else ""
                value = values.get(sub.id)
                prompt = _(sub.prompt, lang)
                written_in = languages.get(sub.id)
                if written_in:  # the text goes into the notice as typed: in which language to type it
                    prompt = f"{prompt} ({written_in})"
                fields.append(FormField(sub.id, prompt, sub.kind, options, value, sub.optional, suggestion, shown))
            return fields

        return boxes

    def yes_no_words(self) -> tuple[str, str]:
        """Yes and no as typed in the conversation language ("kyllä", "ei"): what its yes/no box reads."""
        return _("Yes", self.lang).casefold(), _("No", self.lang).casefold()

    def words(self) -> dict[str, str]:
        lang = self.lang
        return {
            "yes": _("Yes", lang),
            "no": _("No", lang),
            "not_sure": _("I'm not sure", lang),
            "done": _("Done", lang),
            "save": _("Save", lang),
            "review": _("Review and export", lang),
            "choose": _("Choose", lang),
            "how_to_save": _("Tab moves to the next box; Enter in the last box saves.", lang),
            "list_not_text": _("A list: open it with Enter or ↓. Your text is in the box with the cursor.", lang),
            "suggestion": _("Suggested: {suggestion}", lang),
            "lines_joined": _("The pasted lines were joined into one line.", lang),
        }

    def show_progress(self) -> None:
        status = self.query_one("#status", Static)
        step = self.step
        progress = self.session.progress if self.notice_lang else 0
        if not self.notice_lang:
            title = _("The notice", self.lang)
        elif step is None:
            title = _("All answered", self.lang)
        else:
            title = _(step.section.title, self.lang)
        width = 20
        filled = round(width * progress / 100)
        bar = "━" * filled + "─" * (width - filled)
        counter = f"{progress} %" if self.notice_lang else ""
        status.update(Text.assemble(("seloste", "bold"), "  ", (title, "bold"), f"  {bar}  ", counter))

    # --- answering ---------------------------------------------------------------------------------------------

    @on(Answered)
    async def _answered(self, event: Answered) -> None:
        event.stop()
        await self.attached.wait()  # a click on the first question while the engine loads: taken once it is there
        composer = self.query_one(Composer)
        asked = composer.ask
        self._pause_collector()
        self.answers_sent += 1
        self.taking = True
        try:
            await self._take(event.raw, event.typed)
        finally:  # refused, or nothing new asked: what was typed meanwhile goes on in the same place
            self.taking = False
            if composer.ask is asked:
                composer.pass_typed_ahead()
            if self.preview_painted >= self.preview_revision:  # else once the preview is painted too
                self.call_after_refresh(self._resume_collector, self.answers_sent)

    def _pause_collector(self) -> None:
        """Python's cycle collector waits from an answer (paused as it is sent: `Answered`) until the screen is
        painted with what follows it (the next question and the preview): `wizard.tui.collector`."""
        collector.pause()
        if collector.paused() and self.collector_limit is None:
            self.collector_limit = self.set_timer(collector.PAUSED_AT_MOST, self._resume_collector)

    def _resume_collector(self, answer: int | None = None) -> None:
        """On again (`answer`: once that answer is painted, unless another answer has been sent since)."""
        if answer is not None and (answer != self.answers_sent or self.taking):
            return
        if self.collector_limit is not None:
            self.collector_limit.stop()
            self.collector_limit = None
        collector.resume()

    def on_unmount(self) -> None:
        self._resume_collector()

    def on_preview_panel_updated(self, event: Any) -> None:  # (PreviewPanel.Updated: the preview is imported later)
        self.preview_painted = max(self.preview_painted, event.revision)
        if not self.taking and self.preview_painted >= self.preview_revision:
            self._resume_collector()

    @reported
    async def _take(self, raw: Any, typed: str = "") -> None:
        if isinstance(raw, str) and raw.strip().startswith("/") and await self._command(raw):
            return
        if not self.session.notice_lang:
            if raw not in CODES:  # only the options answer it
                return
            self.session.set_notice_language(raw)
            self.returning = None  # (changed from its bubble: the change is made)
            await self._record_answer(notice_language_name(raw, self.lang), NOTICE_LANGUAGE, None)
            note = self.session.write_in_note(self.lang)  # the user's own texts go into the notice as written
            if note:
                await self.say(note, "info")
            self.request_preview()
            await self.ask_next()
            return
        if self.step is None:
            await self.action_review()
            return
        step = self.step
        next_item = ""  # an "add another?" answered with text: the next item's first answer
        if step.mode != "answer" or step.question.kind == "yes_no":
            read = self._yes_or_no(step, raw, typed)
            if read is None:
                await self._ask_yes_or_no_again()
                return
            raw, next_item = read
        editing = step.value is not None and step.mode == "answer"
        rejection = self.session.submit(raw)
        if rejection is not None:
            await self._refused(rejection)
            return
        self.returning = None  # answered: the change is made
        self.drafts.pop(self._key(step), None)
        whole_item = bool(next_item) and self._one_box_item()  # the text typed is the whole item: saved at once
        if next_item and not whole_item:
            self._start_next_item_with(step, next_item)
        answers = self.session.interview.answers  # one copy for both: a hundred purposes make copies dear
        self.request_preview(answers)  # first, so the preview is built while the answer is written to disk
        self.session.autosave(answers)
        dropped = self.session.dropped_text(self.lang)
        if editing or dropped:  # an earlier answer changed: the transcript is redrawn to show the answers as they are
            await self.redraw()
        else:
            # A yes/no about a list's items ("add another?", or the one before its first item) is shown as given:
            # the list holds no answer of its own for it ("" until the item is saved).
            shown = self.session.shown(step) if step.mode == "answer" else (_("Yes", self.lang) if raw else _("No", self.lang))
            await self._record_answer(shown, step.question.id, step.item, wait=whole_item)
            if whole_item:
                await self._save_item(next_item)
            else:
                await self.ask_next()
        if dropped:
            await self.say(dropped, "info", _("Removed", self.lang))

    def _yes_or_no(self, step: Step, raw: Any, typed: str) -> tuple[bool, str] | None:
        """A yes/no's answer, and the text that starts the next item ("" for none); None when the text typed in
        its box is neither. Text is read with the conversation language's yes and no words only (`as_bool`): in
        Finnish "no" means "well", not No. At "add another?" any other text is a yes and the next item's first
        answer (typed at full speed, a new item's name must not be lost), unless it begins with a yes or a no of
        any language ("no thanks", "ei kiitos"; "no", "ja", "y" in Finnish), which is asked again rather than
        guessed. A button sends a bool, and at "add another?" Yes keeps the text in the box for the next item too."""
        from wizard.kinds import as_bool, begins_with_yes_or_no  # (loaded with the engine, after the first question)

        if isinstance(raw, bool):
            text = typed.strip()
            carried = raw and step.mode == "another" and bool(text) and not begins_with_yes_or_no(text)
            return raw, text if carried else ""
        answer = as_bool(raw, self.lang)
        if answer is not None:
            return answer, ""
        if step.mode == "another" and isinstance(raw, str) and raw.strip() and not begins_with_yes_or_no(raw):
            return True, raw.strip()
        return None

    async def _ask_yes_or_no_again(self) -> None:
        """Text that is neither yes nor no: asked again in the conversation language, the text kept in its box. It says
        which words it reads, and in which language: a yes of the notice's language ("ja" in an English chat for a
        Swedish notice) is not one."""
        from wizard.languages import language

        yes, no = self.yes_no_words()
        spoken = language(self.lang)
        short_yes, short_no = (min(words, key=lambda word: (len(word), word)) for words in (spoken.yes_words, spoken.no_words))
        words = _("Type {yes} or {no} ({y}, {n}) {in_language}, or choose a button.", self.lang)
        in_language = notice_language_name(self.lang, self.lang)
        composer = self.query_one(Composer)
        composer.set_hint(words.format(yes=yes, no=no, y=short_yes, n=short_no, in_language=in_language), error=True)
        composer.focus_answer()

    def _one_box_item(self) -> bool:
        """The item just added (after a yes at "add another?") is one text box: a list's item, or a form of one box."""
        upcoming = self.session.current()
        if upcoming is None or upcoming.mode != "answer":
            return False
        if upcoming.question.kind != "record":
            return upcoming.question.kind not in PICKED
        boxes = [sub for sub in upcoming.fields({}) if sub.default_from is None]
        return len(boxes) == 1 and boxes[0].kind not in PICKED

    async def _save_item(self, text: str) -> None:
        """The text typed at "add another?" of a list whose item is one box ("Is there another group of people?"):
        it is the whole item, saved at once, and "add another?" is asked again. Refused, it waits in the item's box."""
        step = self.session.current()
        assert step is not None
        self.step = step
        await self.add_to_transcript(self._question_bubble(step))
        boxes = [sub for sub in step.fields({}) if sub.default_from is None] if step.question.kind == "record" else []
        raw: Any = {boxes[0].id: text} if boxes else text
        rejection = self.session.submit(raw)
        if rejection is not None:
            self.drafts[self._key(step)] = raw
            self.query_one(Composer).focus_place = (f"field-{boxes[0].id}" if boxes else "answer-text", len(text))
            await self.query_one(Composer).show(self.ask_for(step))
            await self._refused(rejection)
            return
        answers = self.session.interview.answers
        self.request_preview(answers)
        self.session.autosave(answers)
        await self._record_answer(self.session.shown(step), step.question.id, step.item)
        await self.ask_next()

    def _start_next_item_with(self, step: Step, text: str) -> None:
        """The text typed at "add another?" goes into the next item's first text box (a purpose's description),
        the focus there and the cursor after it, so the person sees it and goes on typing or corrects it."""
        upcoming = self.session.current()
        if upcoming is None or upcoming.question.id != step.question.id or upcoming.mode != "answer":
            return
        key = self._key(upcoming)
        if upcoming.question.kind == "record":
            draft = self.drafts.get(key)
            values = dict(draft) if isinstance(draft, dict) else {}
            first = next((sub for sub in upcoming.fields(values) if sub.kind not in PICKED), None)
            if first is None:
                return
            self.drafts[key] = {**values, first.id: text}
            box = f"field-{first.id}"
        else:
            self.drafts[key] = text
            box = "answer-text"
        self.query_one(Composer).focus_place = (box, len(text))

    async def _record_answer(self, shown: str, question_id: str, item: int | None, wait: bool = True) -> None:
        await self.add_to_transcript(AnswerBubble(shown, question_id, item), wait)

    async def _refused(self, rejection: Rejection) -> None:
        assert self.step is not None  # a refusal answers the question being asked
        text = refusal(rejection, self.step, self.lang)
        reply = Text(text["message"])
        if text.get("hint"):
            reply.append("\n" + text["hint"], style="italic")
        if text.get("article"):
            reply.append(f"\n({text['article']})", style="dim")
        await self.say(reply, "error", _("Let's fix this", self.lang))
        composer = self.query_one(Composer)
        composer.set_hint(text["message"], error=True)
        composer.mark_field(rejection.field)
        if rejection.field is None:
            composer.focus_answer()

    async def _command(self, line: str) -> bool:
        """Typed commands (`wizard.conversation.COMMANDS`): /back, /help, /review, /preview, /trainer, /lang [CODE].
        False: not a command."""
        command = typed_command(line)
        if command is None:
            return False
        if command.name == "back":
            await self.action_back()
        elif command.name == "help":
            await self.action_help()
        elif command.name == "review":
            await self.action_review()
        elif command.name == "preview":
            await self.action_toggle_preview()
        elif command.name == "trainer":
            await self.action_toggle_trainer()
        elif command.name == "lang" and command.language(self.lang) != self.lang:
            cast("SelosteApp", self.app).switch_language(command.language(self.lang))
        for box in self.query_one(Composer).query("#answer-text, #answer-yes-no-text"):
            box.value = ""  # type: ignore[attr-defined]
        return True

    @on(NotSure)
    @reported
    async def _not_sure(self) -> None:
        await self.action_help()

    @reported
    async def action_help(self) -> None:
        if self.step is None:
            await self.say(self._general_help(), "help", _("Help", self.lang))
        else:
            await self.say(self._help_text(self.step), "help", _("Why we ask", self.lang))
        self.query_one(Composer).focus_answer()

    def _help_text(self, step: Step) -> Text:
        lang = self.lang
        help_ = question_help(step.question, lang)
        text = Text(help_.why)
        if help_.article:
            text.append("\n" + help_.article, style="dim")
        if help_.example:
            text.append("\n" + help_.example, style="italic")
        text.append("\n\n" + _("F4 goes back, F5 changes an earlier answer, F3 shows the notice.", lang), style="dim")
        return text

    def _general_help(self) -> Text:
        return Text(
            _(
                "Answer in your own words and press Enter. F1 explains the question, F4 goes back, F5 lets you "
                "change any earlier answer (or click it), F3 shows the notice as it grows. Every answer is saved "
                "at once: you can stop with Ctrl+Q and continue later. F7 shows a trainer card beside each "
                "question, for workshops.",
                self.lang,
            )
        )

    @reported
    async def action_back(self) -> None:
        if not self.notice_lang:
            return
        self.keep_draft()
        self.returning = None  # going back by F4 is a move of its own: Esc does not undo it
        if not self.session.interview.history:
            self.session.notice_lang = None  # back from the first question: to the notice's language
        else:
            self.session.back()
        await self.redraw()

    def action_focus_answer(self) -> None:
        self.query_one(Composer).focus_answer()

    @reported
    async def action_escape(self) -> None:
        """Esc: while an earlier answer is being changed, with the focus where it is answered, the change is given
        up (`_give_up_change`); otherwise the focus goes back to where the answer is given."""
        composer = self.query_one(Composer)
        focused = self.focused
        if self.returning is not None and focused is not None and composer in focused.ancestors:
            await self._give_up_change()
            return
        composer.focus_answer()

    async def _give_up_change(self) -> None:
        """Back to the question the user was at before choosing an earlier answer to change, the answer unchanged,
        with what was typed there (kept as it was left, like what was typed in the answer given up)."""
        assert self.returning is not None
        place, notice_lang, last = self.returning
        self.returning = None
        self.keep_draft()
        if notice_lang is not None and not self.session.notice_lang:
            self.session.notice_lang = notice_lang  # (the notice's language was being changed)
        self.session.return_to(place)
        transcript = self.query_one("#transcript")
        if last is not None and last.parent is transcript:  # the transcript as it was: its last question is asked again
            children = list(transcript.children)
            await transcript.remove_children(children[children.index(last) + 1 :])
            transcript.anchor()
            await self.ask_next(review=False, asked=True)
        else:
            await self.ask_next(review=False)

    def action_next_stop(self) -> None:
        """Tab: on to the next widget; from the answer area's last one round to its first, never into the transcript
        (Shift+Tab goes back to the latest answer, to change it; a form's boxes go round of their own)."""
        composer = self.query_one(Composer)
        was_answering = self.focused is not None and composer in self.focused.ancestors
        self.focus_next()
        if was_answering and (self.focused is None or composer not in self.focused.ancestors):
            composer.focus_first()

    @on(events.DescendantFocus)
    def _follow_focus(self, event: events.DescendantFocus) -> None:
        """The focus back in the answer area (Esc, Tab, ↓ past the last answer, a click): the transcript follows the
        conversation again, at its end, with the question being asked in sight."""
        composer = self.query(Composer)
        if composer and composer.first() in event.widget.ancestors:
            self.query_one("#transcript").anchor()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "cancel_item":  # Esc, and its key in the footer, only in a new item that nothing is typed in yet;
            return self._cancels_item()  # otherwise Esc is its other key (the focus to the answer), not shown
        return True

    def _cancels_item(self) -> bool:
        return self._new_item(self.step) and self.query_one(Composer).nothing_typed()

    @on(Input.Changed)
    def _esc_follows_typing(self, _event: Input.Changed) -> None:
        """The footer offers to cancel a new item while Esc cancels it: while nothing is typed in it. Its keys are
        looked at again only when that changes, not at every key typed."""
        cancels = self._cancels_item()
        if cancels != self.esc_cancels:
            self.esc_cancels = cancels
            self.refresh_bindings()

    def _new_item(self, step: Step | None) -> bool:
        """`step` is an item of a list that a yes ("add another?", or the yes before the first) has just opened,
        not saved yet: one that can be left with Esc, as if the answer had been no."""
        if step is None or step.mode != "answer" or not step.question.repeating or step.value is not None:
            return False
        count = len(self.session.interview.items(step.question.id))
        return (step.item or 0) == count and (count > 0 or bool(step.question.ask_first))

    @reported
    async def action_cancel_item(self) -> None:
        """Esc in a new item nothing is typed in yet (a yes given by mistake): the item goes, and the interview goes
        on as if "add another?" had been answered no. With something typed, Esc only brings the focus back."""
        step = self.step
        composer = self.query_one(Composer)
        if step is None or not self._new_item(step) or not composer.nothing_typed():
            composer.focus_answer()
            return
        self.drafts.pop(self._key(step), None)
        self.session.edit(step.question.id, len(self.session.interview.items(step.question.id)))  # its yes/no
        rejection = self.session.submit(False)
        if rejection is not None:  # (a list that needs more items: the item is asked again)
            await self.ask_next()
            await self._refused(rejection)
            return
        answers = self.session.interview.answers
        self.request_preview(answers)
        self.session.autosave(answers)
        await self.redraw()

    @reported
    def action_edit_answers(self) -> None:
        """Every answer so far, by section, at the latest one: the review, where any of them is chosen."""
        history = self.session.interview.history
        latest = (history[-1][0].question.id, history[-1][0].item) if history else None
        self.open_review(latest)

    @on(AnswerBubble.EditRequested)
    @reported
    async def _edit(self, event: AnswerBubble.EditRequested) -> None:
        await self.edit(event.question_id, event.item)

    async def edit(self, question_id: str, item: int | None = None, box: str | None = None, redraw: bool = False) -> None:
        """Ask the answer to `question_id` (`item`) again to change it; `box`: the focus in that box of its form (the one a
        finding of the review is about), not in the first; `redraw`: below the transcript drawn anew (in the language
        switched to at the review). Esc goes back to where the interview was (`returning`)."""
        self.keep_draft()
        if self.returning is None:
            last = self.query_one("#transcript").children
            self.returning = (self.session.place, self.session.notice_lang, last[-1] if last else None)
        if question_id == NOTICE_LANGUAGE:
            self.session.notice_lang = None
        else:
            self.session.edit(question_id, item)
        if box is not None:
            self.query_one(Composer).focus_place = (f"field-{box}", None)  # (shown or not: else the first box)
        # The question is asked below the transcript as it stands: drawing the transcript anew would make the
        # user wait for it, and it is drawn anew anyway once the changed answer is taken.
        await (self.redraw() if redraw else self.ask_next())

    def focus_bubble(self, by: int) -> None:
        """↑ / ↓ on an answer in the transcript: the answer before or after it; past the last, the answer box."""
        bubbles = list(self.query(AnswerBubble))
        focused = self.focused
        if focused not in bubbles:
            return
        place = bubbles.index(focused) + by
        if place >= len(bubbles):
            self.action_focus_answer()
        elif place >= 0:
            self.set_focus(bubbles[place], scroll_visible=False)  # now: the keys typed after ↑ go to it
            bubbles[place].scroll_visible(animate=False)

    # --- preview, review, language ------------------------------------------------------------------------------

    @reported
    async def action_toggle_preview(self) -> None:
        await self._toggle_preview()

    async def _toggle_preview(self) -> None:
        from wizard.tui.widgets.preview import PreviewPanel

        await self._side_panels()
        preview = self.query_one(PreviewPanel)
        preview.toggle_class("-hidden")
        showing = not preview.has_class("-hidden")
        self.set_class(showing, "-preview")
        if showing:
            self.request_preview()
        self.query_one(Composer).focus_answer()

    @reported
    async def action_toggle_trainer(self) -> None:
        await self._side_panels()
        self.trainer = not self.trainer
        if self.trainer and self.has_class("-narrow") and self.has_class("-preview"):
            await self._toggle_preview()  # a narrow terminal has room above the chat for one of them
        self.query_one("#trainer").set_class(not self.trainer, "-hidden")
        self.show_trainer_card()
        self.query_one(Composer).focus_answer()

    def show_trainer_card(self) -> None:
        """The card of the question being asked, when trainer mode is on."""
        if not self.trainer:
            return
        from wizard.tui.widgets.trainer import TrainerPanel

        question_id = self.step.question.id if self.step is not None else None
        for panel in self.query(TrainerPanel):  # not there yet when trainer mode is turned on: it shows the card then
            panel.show_card(question_id, self.lang)

    def request_preview(self, answers: dict[str, Any] | None = None) -> None:
        from wizard.tui.widgets.preview import PreviewPanel

        preview = self.query_one_optional("#preview", PreviewPanel)  # (by its id: no walk through the transcript)
        notice_lang = self.notice_lang
        if preview is None or preview.has_class("-hidden") or not notice_lang:
            return
        answers = answers if answers is not None else self.session.interview.answers
        self.preview_revision = preview.request(answers, notice_lang)

    @reported
    def action_review(self) -> None:
        self.open_review()

    def open_review(self, focus: tuple[str, int | None] | None = None) -> None:
        from wizard.tui.screens.review import ReviewScreen

        review = ReviewScreen(self.session, focus)
        self.keep_draft()
        # Installed, a screen is not taken apart as it closes: its rows (a hundred purposes, say) go a moment after
        # the question chosen there is on the screen, instead of before it.
        self.app.install_screen(review, f"review-{id(review)}")
        self.app.push_screen(review, lambda target: self._back_from_review(target, review))

    @reported
    async def _back_from_review(self, target: Any, review: Screen) -> None:
        from wizard.tui.screens.review import AddTo

        switched = getattr(review, "opened_in", self.lang) != self.lang  # F2 there: the transcript in the new language
        if isinstance(target, AddTo):  # one more item of a list: its question, the keys typed after + into it
            self.keep_draft()
            self.returning = None
            self.session.add_item(target.question_id)
            await (self.redraw() if switched else self.ask_next())
        elif target:
            # the keys typed after the Enter that chose it go into it (into the box it names)
            await self.edit(target.question_id, target.item, target.box, redraw=switched)
        elif getattr(review, "changed", False):  # an item was deleted or moved there: the transcript follows
            self.request_preview()
            await self.redraw(review=False)
        elif switched:  # the question being asked, drawn anew: what was typed in it and the focus as they were
            self.switched_at = self._key(self.step) if self.step is not None else None
            self.query_one(Composer).keep_focus_place()
            await self.redraw(review=False)
        else:
            self.query_one(Composer).focus_answer()
            self.query_one(Composer).pass_typed_ahead()  # those typed after Esc: into the question, in turn
        self.set_timer(DISCARD_AFTER, lambda: self._discard(review))

    async def _discard(self, screen: Screen) -> None:
        if screen.is_attached and screen not in self.app.screen_stack:
            self.app.uninstall_screen(screen)
            await screen.remove()

    @on(LanguageSwitched)
    @reported
    async def _language_switched(self) -> None:
        self.keep_draft()
        self.switched_at = self._key(self.step) if self.step is not None else None
        self.query_one(Composer).keep_focus_place()  # the same box, the cursor where it was
        await self.redraw()
        self.request_preview()

    @on(Failed)
    async def _failed(self, event: Failed) -> None:
        """Say what went wrong and go on from the question being asked: every answer taken is already saved."""
        event.stop()
        lang = self.lang
        try:
            self.session.autosave()
            state = _("Your answers are saved.", lang)
        except Exception as error:  # noqa: BLE001 - the disk may be what failed
            state = _("Your answers could not be saved: {reason}", lang).format(reason=error)
        text = Text(_("Something went wrong: {error}", lang).format(error=event.error or type(event.error).__name__))
        text.append("\n" + state)
        try:
            await self.redraw()
        except Exception as again:  # noqa: BLE001 - the transcript cannot be drawn: at least the question is asked
            text.append("\n" + str(again or type(again).__name__))
            await self.ask_next()
        finally:
            await self.say(text, "error", _("Sorry", lang))
