"""The answer area under the transcript: a widget that fits the question being asked.

Text of any format goes in an `Input` that says what is wrong while you type; a choice in an `OptionList`;
several choices in a `SelectionList`; yes or no typed in a box or chosen on two buttons; a record (a processor: name, service,
country) in a small form. The composer knows nothing of the engine: the chat describes each question to it
as an `Ask`, already in the conversation language, and gets back `Answered` with the raw answer.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Self

from rich.cells import cell_len
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.validation import ValidationResult, Validator
from textual.widget import Widget
from textual.widgets import Button, Input, Label, OptionList, Select, SelectionList, Static
from textual.widgets._select import SelectCurrent, SelectOverlay
from textual.widgets.option_list import Option

from wizard.conversation import label
from wizard.i18n import N_
from wizard.tui import collector
from wizard.tui.failures import reported
from wizard.tui.holding import holds_keys_after
from wizard.tui.inorder import KeysInOrder
from wizard.tui.widgets.styling import StyledOnMount
from wizard.tui.widgets.ticks import TickList

NOT_SURE = "\x00not-sure"  # an option value no answer can have
FOCUS_KEYS = ("tab", "shift+tab")  # move between a form's boxes
PICKED = ("single_choice", "multi_choice", "yes_no")  # kinds whose suggested answer is shown chosen, not as a hint


OPENS_LIST = ("enter", "down", "up", "space")  # the keys that open a dropdown (Textual's `Select`)
CLOSES_LIST = ("enter", "escape")  # the keys that close an open dropdown's list, the focus back on the dropdown
LIST_ROWS = 12  # an open dropdown's list, at most (as Textual's)


class DropdownList(KeysInOrder, SelectOverlay):
    """A dropdown's open list, which never swallows a key. Keys typed fast after the one that opened it wait
    until it has the focus (`Dropdown.holds_keys_after`); Enter (a choice) and Esc close it at once, the focus
    back on the dropdown, and the keys typed after them go there (`holds_keys_after`): Tab, the next box's first
    letters go where the person meant them instead of into the closing list. Its Esc key is named in the
    conversation language (Textual's own label is English only)."""

    BINDINGS = [Binding("escape", "dismiss", label(N_("Close the list")))]

    def holds_keys_after(self, key: events.Key) -> bool:
        dropdown = self.parent  # (whose own rule is for the keys that open the list)
        return key.key in CLOSES_LIST or (dropdown is not None and holds_keys_after(dropdown.parent, key))

    def action_select(self) -> None:
        """Enter: the choice is made while the key is handled, not by a message read after the keys typed since."""
        dropdown = self.parent
        if self.highlighted is not None and isinstance(dropdown, Dropdown):
            dropdown.choose(self.highlighted)
        release_held_keys(self)

    def action_dismiss(self) -> None:
        """Esc: the list closes at once, nothing chosen."""
        if isinstance(self.parent, Dropdown):
            self.parent.close()
        release_held_keys(self)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()  # a click: chosen as Enter chooses
        event.prevent_default()
        if isinstance(self.parent, Dropdown):
            self.parent.choose(event.option_index)

    def focus(self, scroll_visible: bool = True) -> Self:
        """At once, and only while the list is open. (Textual's focus comes a moment after the list opens, and a
        list closed meanwhile by the keys typed since would take the focus back and swallow the keys after.)"""
        if isinstance(self.parent, Dropdown) and self.parent.expanded:
            self.screen.set_focus(self, scroll_visible=scroll_visible)
        return self

    def on_focus(self, _event: events.Focus) -> None:
        release_held_keys(self)  # those typed after the key that opened the list: for the list

    async def _on_key(self, event: events.Key) -> None:
        if self.screen.focused is self:  # (has_focus follows only once the blur is read, after these keys)
            return  # the list's own keys act now (`KeysInOrder`); then Textual's type to search
        # Typed after the choice, before the list had closed: for the box in focus now, as if typed there.
        event.stop()
        event.prevent_default()
        if await self.app._check_bindings(event.key):  # Tab, Shift+Tab, F-keys: from the focus now
            focus_moved = getattr(self.app, "focus_moved", None)
            if focus_moved is not None:
                focus_moved(event)  # (stopped here: the keys held after a Tab go on from the focus it moved)
            return
        focused = self.app.focused
        if focused is not None and focused is not self:
            focused.post_message(events.Key(event.key, event.character))


SEARCH_PAUSE = 0.7  # seconds between two letters typed on a closed dropdown that start a new search (as Textual's list)


class Dropdown(StyledOnMount, Select[str]):
    """A choice of a form, with a list that never swallows a key (`DropdownList`). Closed, it takes the first letters
    of a choice ("k" for Kyllä, "le" for Legitimate interests): that choice is made. Letters that start none of its
    choices are no choice but text typed in the wrong box (a sentence, after a Tab that landed here): they go into
    the form's next text box, the focus with them, the choice as it was, and the hint says that this is a list
    (`RecordForm.take_text`). Each key typed on it acts before the next is read (`holds_keys_after`)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.search = ""  # the letters typed on it so far, each starting its choice
        self.searched_at = 0.0  # when the last of them was typed (the key's own time, not when it was read)
        self.before_search: Any = Select.NULL  # the choice before them, back if they turn out to be text

    def compose(self) -> ComposeResult:
        yield SelectCurrent(self.prompt)
        yield DropdownList(type_to_search=self._type_to_search).data_bind(compact=Select.compact)

    def holds_keys_after(self, key: events.Key) -> bool:
        """The keys typed after the one that opens the list wait until the list has the focus (then go to it); those
        after a letter, until it has chosen or has gone into a text box."""
        if self._typed(key):
            return True
        return key.key in OPENS_LIST or holds_keys_after(self.parent, key)

    def _typed(self, key: events.Key) -> bool:
        """A key that types text on the closed dropdown: a letter, or a space after letters (which opens it else)."""
        if self.expanded or not key.is_printable or not key.character:
            return False
        return key.key != "space" or bool(self.search) and key.time - self.searched_at < SEARCH_PAUSE

    async def _on_key(self, event: events.Key) -> None:
        if not self._typed(event) or self.screen.focused is not self:
            await super()._on_key(event)
            return
        event.stop()
        event.prevent_default()
        if event.time - self.searched_at >= SEARCH_PAUSE:
            self.search = ""
        if not self.search:
            self.before_search = self.value
        typed = self.search + (event.character or "")
        self.searched_at = event.time
        wanted = typed.casefold()
        starting = [value for prompt, value in self._options if value is not Select.NULL and str(prompt).casefold().startswith(wanted)]
        if starting:
            self.search = typed
            if self.value != starting[0]:
                self.value = starting[0]
            release_held_keys(self)
            return
        self.search = ""
        if self.value != self.before_search:
            self.value = self.before_search
        form = next((node for node in self.ancestors if isinstance(node, RecordForm)), None)
        if form is None or not form.take_text(self, typed):
            release_held_keys(self)

    def choose(self, index: int) -> None:
        value = self._options[index][1]
        if value != self.value:
            self.value = value
        self.close()

    def close(self) -> None:
        self.screen.set_focus(self)  # now, not after the keys already typed
        self.expanded = False

    def _watch_expanded(self, expanded: bool) -> None:
        if expanded:
            self._place_list()
        super()._watch_expanded(expanded)

    def _place_list(self) -> None:
        """The open list stays between the chat's status line and the line under the answer: Textual's overlay only
        keeps inside the screen, so a dropdown low in a form (at 80x24) drew its list over the hint line and the
        footer, their first and last letters showing beside it. It opens below the dropdown when it fits there (or half
        of a long list does), else above it if there is more room there; as tall as the room it has (the rest scrolls)."""
        composer = next((node for node in self.ancestors if isinstance(node, Composer)), None)
        area = composer.parent if composer is not None else None
        if composer is None or not isinstance(area, Widget) or not self.region:
            return  # (not laid out yet: as Textual places it)
        overlay = self.query_one(DropdownList)
        bottom = composer.query_one("#answer-hint").region.y
        top = area.region.y
        below, above = bottom - self.region.bottom, self.region.y - top
        width = self.region.width
        wanted = min(LIST_ROWS, overlay.get_content_height(self.region.size, self.screen.size, width))
        if below >= min(wanted, LIST_ROWS // 2) or below >= above:  # below, as a dropdown opens, if it has room
            overlay.styles.max_height = max(1, min(LIST_ROWS, below))
            overlay.styles.offset = (0, 0)
        else:
            rows = min(wanted, above)
            overlay.styles.max_height = rows
            overlay.styles.offset = (0, -(rows + self.region.height))


@dataclass
class FormField:
    """One box of a record's form."""

    key: str
    label: str
    kind: str = "text"
    options: list[tuple[str, str]] = field(default_factory=list)
    value: Any = ""  # the value typed: text, or a choice's value
    optional: bool = False
    suggestion: Any = None  # the suggested answer: a choice is made with it; a text box shows it as a grey hint
    suggestion_shown: str = ""  # the suggested text as words (a date as the conversation language writes it)


@dataclass
class Ask:
    """What the composer shows for one question, with every word already translated."""

    kind: str
    options: list[tuple[str, str]] = field(default_factory=list)  # (value, label)
    value: Any = None
    fields: list[FormField] = field(default_factory=list)
    placeholder: str = ""
    hint: str = ""  # the line under the answer, until the user types or is told something else
    typed: str = ""  # a yes/no's text in its box, typed before and not sent (the value is the suggested button)
    suggestion: Any = None  # a text answer's suggestion, shown as the placeholder: Enter on an empty box sends it
    validate: Callable[[str], str | None] | None = None  # the problem with a typed answer, or None
    form: Callable[[dict[str, Any]], list[FormField]] | None = None  # a record's boxes for the values typed so far
    words: dict[str, str] = field(default_factory=dict)  # yes, no, not_sure, done, save
    not_sure: bool = True  # offer "I'm not sure" (which opens the help)
    ready: bool = False  # the value is a whole answer to accept (a demonstration): Enter on a form or list saves it


class Answered(Message):
    """An answer sent to the chat (`ChatScreen._answered`). Python's cycle collector waits from here until the
    chat has painted what follows it (`wizard.tui.collector`)."""

    def __init__(self, raw: Any, typed: str = "") -> None:
        super().__init__()
        collector.pause()
        self.raw = raw
        self.typed = typed  # a yes/no's button pressed: the text in its box (an "add another?" may start with it)


class NotSure(Message):
    """The user asked for help instead of answering."""


def release_held_keys(widget: Widget) -> None:
    """The keys the app held since an answer was sent go, in the order typed, to the widget in focus now. A
    widget on a screen not in sight (a question asked below the review) leaves them held until it is."""
    release = getattr(widget.app, "release_keys", None)
    if release is not None and widget.screen is widget.app.screen:
        release()


class _Check(Validator):
    def __init__(self, check: Callable[[str], str | None]) -> None:
        super().__init__()
        self.check = check

    def validate(self, value: str) -> ValidationResult:
        if not value.strip():
            return self.success()  # nothing typed yet is not an error
        problem = self.check(value)
        return self.failure(problem) if problem else self.success()


class LinesJoined(Message):
    """Text of several lines was pasted into a box and joined into one line (`OneLinePaste`)."""


class OneLinePaste(StyledOnMount, Input):
    """A box that keeps every line of a paste. Textual's `Input` keeps only the first line, silently; an answer
    here is one line (the notice writes it into a sentence, a list item or a row of its table, where a line
    break would split it), so the lines are joined with a space, and the composer says so (`LinesJoined`)."""

    def _on_paste(self, event: events.Paste) -> None:
        event.stop()
        event.prevent_default()  # not Textual's handler, which would paste the first line again
        lines = [line.strip() for line in event.text.splitlines() if line.strip()]
        if not lines:
            return
        text = " ".join(lines)
        if self.selection.is_empty:
            self.insert_text_at_cursor(text)
        else:
            self.replace(text, *self.selection)
        if len(lines) > 1:
            self.post_message(LinesJoined())


class HoldsKeysOnEnter(KeysInOrder):
    """An answer widget whose Enter sends the answer. Its keys act in the order typed (`KeysInOrder`), and the
    app holds the keys typed after its Enter until the next question is there (`SelosteApp.on_event`), so that,
    typed at full speed, "Acme Oy", Enter, "FI" answers two questions instead of one with "Acme OyFI"."""

    HOLDS_KEYS_ON_ENTER = True

    def _not_sent(self) -> None:
        """Enter sent no answer (help asked, nothing chosen): the keys held since come to this widget."""
        release_held_keys(self)


class AnswerInput(HoldsKeysOnEnter, OneLinePaste):
    """A text answer; its value stays when the answer is refused, so it can be corrected."""

    def __init__(self, **kwargs: Any) -> None:
        # An answer shown again (going back, changing it) is added to or corrected, not replaced by the first key.
        super().__init__(select_on_focus=False, **kwargs)


class YesNoInput(AnswerInput):
    """A yes/no's box. Nothing typed in it answers until Enter: then the chat reads the text with the conversation
    language's yes and no words, so that a whole sentence typed at full speed ("loyalty club members" at "add
    another?") is never taken, letter by letter, for a yes or a no. An empty box sends the suggested button's
    answer."""


EDITING_KEYS = ("backspace", "delete", "ctrl+u", "ctrl+w", "ctrl+k")  # they correct what is typed in a text box


class AnswerButton(StyledOnMount, Button):
    """A button of the answer area. Enter on one that sends the answer (Yes, No, Done, Save) holds the keys typed
    after it for the next question, as Enter in a text box does (`wizard.tui.holding`)."""

    def __init__(self, label: str = "", sends: bool = True, **kwargs: Any) -> None:
        super().__init__(label, **kwargs)
        self.sends = sends  # False: "I'm not sure", which opens the help

    def holds_keys_after(self, key: events.Key) -> bool:
        if key.key == "enter" and self.sends:
            return True
        if self._box_typed_into(key) is not None:  # what follows it goes into the box too, once it has the focus
            return True
        return holds_keys_after(self.parent, key)  # Tab on a form's Save: as in its boxes

    def _box_typed_into(self, key: events.Key) -> Input | None:
        """A yes/no's box, for a key that types or corrects text typed on one of its buttons (Yes, No, I'm not
        sure): a button reads no text, and the box beside it shows what is typed there. On a form's Save: the text
        box the focus came from (`RecordForm.text_box_before_save`)."""
        if not (key.is_printable or key.key in EDITING_KEYS) or self.parent is None:
            return None
        if self.id == "record-save" and isinstance(self.parent.parent, RecordForm):
            return self.parent.parent.text_box_before_save()
        if self.parent.id != "pane-yes-no":
            return None
        boxes = self.parent.query("#answer-yes-no-text").results(YesNoInput)
        return next(iter(boxes), None)

    async def _on_key(self, event: events.Key) -> None:
        """Typed on a yes/no's button (after a Tab, say), the text goes into its box, and the focus with it: the
        text there is what the buttons send along, and a key read by no widget would be lost. Typed on a form's
        Save, into the box the focus came from (`RecordForm.text_box_before_save`)."""
        box = self._box_typed_into(event)
        if box is None:
            return
        event.stop()
        event.prevent_default()
        form = self.parent.parent if self.id == "record-save" and self.parent is not None else None
        typed = form.separated(box, event.character) if isinstance(form, RecordForm) and event.character else event.character
        box.focus()
        if event.is_printable and typed:
            box.insert_text_at_cursor(typed)
        else:
            for binding in box._bindings.key_to_bindings.get(event.key, ())[:1]:
                await box.run_action(binding.action)
        self.app.call_later(release_held_keys, box)  # after the focus has moved to the box


class FormInput(KeysInOrder, OneLinePaste):
    """A text box of a record's form. Enter goes to the next box (or saves, in the last one): the keys typed after
    it wait until the focus is there (`RecordForm._next_or_save`), as after Tab (`RecordForm.holds_keys_after`).
    Its keys act in the order typed (`KeysInOrder`): typed fast, a correction (Backspace, ←, Ctrl+U) acts where
    it was typed, not after the letters that followed it."""

    def holds_keys_after(self, key: events.Key) -> bool:
        return key.key in ("enter", *FOCUS_KEYS)


class AnswerChoices(HoldsKeysOnEnter, OptionList):
    """A single choice; Enter sends it."""

    def action_select(self) -> None:
        option = self.highlighted_option
        if option is None or option.id == NOT_SURE:
            self._not_sent()
        super().action_select()


class Composer(Vertical):
    """Holds one pane per kind of answer; showing a question fills and shows its pane and hides the others.

    The panes stay mounted from question to question: building new widgets for every question would cost
    more than the answer it is for. The choice's pane is built first and the others once the chat is on the
    screen (`build_panes`): a new interview's first question is a choice, and shows sooner without them.
    """

    BINDINGS = [Binding("question_mark", "not_sure", show=False)]
    PANES = ("text", "choice", "multi", "yes-no", "finish", "record")

    def __init__(self, first: Ask | None = None, **kwargs: Any) -> None:
        """`first`: a choice to ask from the start, built with the composer rather than filled in after it is
        mounted (a new interview's first question shows one layout of the screen sooner); `shown_first` then
        does the rest of `show`."""
        super().__init__(**kwargs)
        self.ask: Ask | None = first
        self.long_hint = ""  # a text box's hint too long for it, shown under it instead (`fit_hint`)
        self.focus_place: tuple[str, int | None] | None = None  # where the focus goes back to (`keep_focus_place`)
        self.standing_hint = ""  # the question's own hint (`set_standing_hint`), back once a typing error is corrected

    def compose(self) -> ComposeResult:
        with Vertical(id="answer-area"):
            with Vertical(id="pane-choice", classes="pane"):
                if self.ask is not None and self.ask.kind == "single_choice":
                    options, highlighted = self._choices(self.ask)
                    chooser = AnswerChoices(*options, id="answer-choice")
                    chooser.highlighted = highlighted
                else:
                    chooser = AnswerChoices(id="answer-choice")
                yield chooser
        yield Static("", id="answer-hint")

    def pane(self, name: str) -> Widget | None:
        """The pane of `PANES` named `name`, if built (found by its id, without walking every widget of the form)."""
        return self.query_one_optional(f"#pane-{name}")

    async def build_panes(self) -> None:
        """The panes besides the choice's (hidden until a question of theirs is asked)."""
        if self.pane("text") is not None:
            return
        text = Vertical(AnswerInput(id="answer-text", valid_empty=True), id="pane-text", classes="pane")
        multi = Vertical(
            TickList(id="answer-selection"),
            Horizontal(
                AnswerButton(id="answer-done", variant="primary"),
                AnswerButton(sends=False, classes="answer-not-sure"),
                classes="answer-buttons",
            ),
            id="pane-multi",
            classes="pane",
        )
        yes_no = Horizontal(
            YesNoInput(id="answer-yes-no-text", valid_empty=True),
            AnswerButton(id="answer-yes"),
            AnswerButton(id="answer-no"),
            AnswerButton(sends=False, classes="answer-not-sure"),
            id="pane-yes-no",
            classes="pane answer-buttons",
        )
        finish = Horizontal(Button("", id="answer-finish", variant="primary"), id="pane-finish", classes="pane answer-buttons")
        panes = [text, multi, yes_no, finish, Vertical(id="pane-record", classes="pane")]
        for pane in panes:
            pane.display = False
        await self.query_one("#answer-area").mount_all(panes)

    # --- showing a question -------------------------------------------------------------------------------

    async def show(self, ask: Ask) -> None:
        self.ask = ask
        if ask.kind != "single_choice":
            await self.build_panes()
        for button in self.query(Button):  # a press of the last question's button must not swallow this one's
            button.remove_class("-active")
        pane = self._fill(ask)
        for name in self.PANES:
            widget = self.pane(name)
            if widget is not None:
                widget.display = name == pane
        if pane == "record":
            area = self.query_one("#pane-record")
            await area.remove_children()
            await area.mount(RecordForm(ask))
        self.shown_first()

    def shown_first(self) -> None:
        """The question filled in (by `show`, or from the start): its hint cleared, the focus in it and the keys
        typed ahead passed to it."""
        self.standing_hint = ""
        self.set_hint(self.ask.hint if self.ask is not None else "")
        self.long_hint = ""
        if self.ask is not None and self.ask.kind not in ("single_choice", "multi_choice", "record", "finish"):
            self.call_after_refresh(self.fit_hint)  # a text or yes/no box: its width is known once it is laid out
        if not self._focus_kept_place():
            self.focus_answer()
        self.pass_typed_ahead()

    def fit_hint(self) -> None:
        """A text box's grey hint (its example or suggestion) that is longer than the box, as a long Finnish
        example in a narrow terminal, is shown whole on the line under the box while the box is empty, instead
        of cut off in it."""
        ask = self.ask
        boxes = [box for box in self.query("#answer-text, #answer-yes-no-text").results(Input) if box.parent and box.parent.display]
        if ask is None or not boxes:
            return
        box = boxes[0]
        width = box.content_region.width
        if not width:
            return
        fits = cell_len(ask.placeholder) < width  # (the cursor takes a cell at its end)
        shown, self.long_hint = self.long_hint, "" if fits else ask.placeholder
        box.placeholder = ask.placeholder if fits else ""
        if not box.value and str(self.query_one("#answer-hint", Static).content) in ("", shown):  # not over a note
            self.set_hint(self.long_hint)

    def on_resize(self) -> None:
        if self.ask is not None:
            self.call_after_refresh(self.fit_hint)

    def keep_focus_place(self) -> None:
        """Remember the box in focus and its cursor, for the same question shown again next (drawn anew in another
        language): the focus goes back there instead of to the first box."""
        focused = self.screen.focused
        if focused is None or not focused.id or self not in focused.ancestors:
            self.focus_place = None
        elif isinstance(focused, Input):
            self.focus_place = (focused.id, focused.cursor_position)
        elif isinstance(focused, OptionList):
            self.focus_place = (focused.id, focused.highlighted)
        else:
            self.focus_place = (focused.id, None)

    def _focus_kept_place(self) -> bool:
        place, self.focus_place = self.focus_place, None
        if place is None:
            return False
        widget_id, at = place
        found = [widget for widget in self.query(f"#{widget_id}") if widget.focusable and widget.parent and widget.parent.display]
        if not found:
            return False
        widget = found[0]
        self.screen.set_focus(widget)
        self.call_after_refresh(self._in_sight, widget)  # a form's box far down (the one a finding is about): laid out first
        if at is not None and isinstance(widget, Input):
            widget.cursor_position = at
        elif at is not None and isinstance(widget, OptionList) and at < widget.option_count:
            widget.highlighted = at
        return True

    def _in_sight(self, widget: Widget) -> None:
        screen = self.screen
        if screen.focused is widget and not screen.can_view_entire(widget):
            screen.scroll_to_center(widget, animate=False, immediate=True, origin_visible=True)

    def pass_typed_ahead(self) -> None:
        """The keys typed since the answer was sent go to the question now in focus, in the order typed."""
        release_held_keys(self)

    def _fill(self, ask: Ask) -> str:
        """Put the question's choices, words and current answer in its pane; returns the pane's name."""
        words = ask.words
        for button in self.query(".answer-not-sure").results(Button):
            button.label = words.get("not_sure", "")
            button.display = ask.not_sure
        if ask.kind == "single_choice":
            chooser = self.query_one("#answer-choice", OptionList)
            chooser.clear_options()
            options, highlighted = self._choices(ask)
            chooser.add_options(options)
            chooser.highlighted = highlighted
            return "choice"
        if ask.kind == "multi_choice":
            chosen = set(ask.value or [])
            selection = self.query_one("#answer-selection", SelectionList)
            selection.clear_options()
            selection.add_options([(text, value, value in chosen) for value, text in ask.options])
            selection.highlighted = 0 if ask.options else None  # Space ticks the first one at once
            self.query_one("#answer-done", Button).label = words.get("done", "")
            return "multi"
        if ask.kind == "yes_no":
            yes, no = self.query_one("#answer-yes", Button), self.query_one("#answer-no", Button)
            yes.label, no.label = words.get("yes", ""), words.get("no", "")
            yes.variant = "primary" if ask.value is not False else "default"
            no.variant = "primary" if ask.value is False else "default"
            yes_no_box = self.query_one("#answer-yes-no-text", YesNoInput)
            yes_no_box.placeholder = ask.placeholder
            yes_no_box.value = ask.typed
            yes_no_box.cursor_position = len(yes_no_box.value)
            return "yes-no"
        if ask.kind == "finish":
            self.query_one("#answer-finish", Button).label = words.get("review", "")
            return "finish"
        if ask.kind == "record":
            return "record"
        box = self.query_one("#answer-text", AnswerInput)
        box.validators = [_Check(ask.validate)] if ask.validate else []
        box.placeholder = ask.placeholder
        box.value = "" if ask.value is None else str(ask.value)
        box.cursor_position = len(box.value)
        return "text"

    @staticmethod
    def _choices(ask: Ask) -> tuple[list[Option], int]:
        """A single choice's options, and the one highlighted (its answer, else the first)."""
        options = [Option(text, id=value) for value, text in ask.options]
        if ask.not_sure:
            options.append(Option(Text(ask.words.get("not_sure", ""), style="italic"), id=NOT_SURE))
        values = [value for value, _ in ask.options]
        return options, values.index(ask.value) if ask.value in values else 0

    def focus_answer(self) -> None:
        """The focus to where the answer is given, at once: a key read next must not reach the last question's."""
        accept = self._accepting_button()
        if accept is not None:
            self.screen.set_focus(accept)
            return
        shown = [name for name in self.PANES if (pane := self.pane(name)) is not None and pane.display]
        if not shown:
            return
        for widget in self.query_one(f"#pane-{shown[0]}").query("Input, Select, OptionList, SelectionList, Button"):
            if widget.focusable and widget.display:
                self.screen.set_focus(widget)
                return

    def focus_first(self) -> None:
        """The focus to the first widget of the answer shown (a yes/no's box, a tick list): Tab from its last one."""
        for pane in self.query(".pane"):
            if pane.display:
                for widget in pane.query("Input, Select, OptionList, SelectionList, Button"):
                    if widget.focusable and widget.display:
                        self.screen.set_focus(widget)
                        return

    def _accepting_button(self) -> Button | None:
        """The button that Enter should press at once: Done or Save when the ticks or the form already hold a
        whole answer (a demonstration steps through with Enter alone). (A yes/no's box takes the focus: Enter
        there with nothing typed sends the suggested button's answer.)"""
        ask = self.ask
        if ask is None:
            return None
        if ask.ready and ask.kind == "multi_choice":
            return self.query_one("#answer-done", Button)
        if ask.ready and ask.kind == "record":
            return self.query("#record-save").first(Button) if self.query("#record-save") else None
        return None

    def set_standing_hint(self, text: str) -> None:
        """A hint that stays under the question while it is answered (Esc's use there), not only until a key."""
        self.standing_hint = text
        self.set_hint(text)

    def set_hint(self, text: str, error: bool = False) -> None:
        hint = self.query_one("#answer-hint", Static)
        if (text, error) == (str(hint.content), hint.has_class("-error")):
            return  # unchanged, as on most keys typed: drawing it again would cost every key a new layout
        hint.update(Text(text))
        hint.set_class(error, "-error")

    def mark_field(self, key: str | None) -> None:
        for form in self.query(RecordForm):
            form.mark(key)

    def nothing_typed(self) -> bool:
        """No text in the boxes of the answer shown (a choice its suggestion made is nothing typed)."""
        for pane in self.query(".pane"):
            if pane.display:
                return all(not box.value.strip() for box in pane.query(Input))
        return True

    def typed(self) -> Any:
        """What the user has typed and not yet sent: the text box's text, or a form's values; None for nothing."""
        if (pane := self.pane("text")) is not None and pane.display:
            return self.query_one("#answer-text", AnswerInput).value or None
        if (pane := self.pane("yes-no")) is not None and pane.display:
            return self.query_one("#answer-yes-no-text", YesNoInput).value or None
        forms = self.query(RecordForm)
        if forms and self.query_one("#pane-record").display:
            values = forms.first().draft()
            return values if any(value not in ("", [], None) for value in values.values()) else None
        return None

    # --- answers ---------------------------------------------------------------------------------------------

    @on(Input.Changed, "#answer-text")
    def _typing(self, event: Input.Changed) -> None:
        result = event.validation_result
        if result is not None and not result.is_valid:
            self.set_hint(result.failure_descriptions[0], error=True)
        else:
            self.set_hint(self.long_hint if self.long_hint and not event.value else self.standing_hint)

    @on(Input.Changed, "#answer-yes-no-text")
    def _typing_yes_or_no(self, event: Input.Changed) -> None:
        if self.long_hint:
            self.set_hint(self.long_hint if not event.value else self.standing_hint)

    @on(Input.Submitted, "#answer-text")
    def _text_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.value.strip() == "?":
            event.input.value = ""
            self.action_not_sure()
            self.pass_typed_ahead()  # help is no answer: what was typed after it stays here
            return
        suggestion = self.ask.suggestion if self.ask is not None else None
        self.post_message(Answered(suggestion if not event.value.strip() and suggestion is not None else event.value))

    @on(Input.Submitted, "#answer-yes-no-text")
    def _yes_no_typed(self, event: Input.Submitted) -> None:
        """Enter in a yes/no's box: nothing typed is the suggested button's answer; `?` asks for help; any other
        text goes to the chat, which reads it in the conversation language (a yes, a no, an "add another?"'s
        next item, or neither: asked again, the text kept in the box)."""
        event.stop()
        text = event.value.strip()
        if text == "?":
            event.input.value = ""
            self.action_not_sure()
            self.pass_typed_ahead()
            return
        if not text:
            self.post_message(Answered(self.ask is None or self.ask.value is not False))
            return
        self.post_message(Answered(event.value))

    def _yes_no_box_text(self) -> str:
        return self.query_one("#answer-yes-no-text", YesNoInput).value

    @on(OptionList.OptionSelected, "#answer-choice")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id == NOT_SURE:
            self.action_not_sure()
        else:
            self.post_message(Answered(event.option.id))

    @on(Button.Pressed, "#answer-done")
    def _selection_done(self, event: Button.Pressed) -> None:
        event.stop()
        self.post_message(Answered(list(self.query_one("#answer-selection", SelectionList).selected)))

    @on(Button.Pressed, "#answer-finish")
    def _finish(self, event: Button.Pressed) -> None:
        event.stop()
        self.post_message(Answered(True))

    @on(Button.Pressed, "#answer-yes")
    def _yes(self, event: Button.Pressed) -> None:
        event.stop()
        self.post_message(Answered(True, self._yes_no_box_text()))

    @on(Button.Pressed, "#answer-no")
    def _no(self, event: Button.Pressed) -> None:
        event.stop()
        self.post_message(Answered(False, self._yes_no_box_text()))

    @on(Button.Pressed, ".answer-not-sure")
    def _not_sure_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_not_sure()

    def action_not_sure(self) -> None:
        self.post_message(NotSure())

    def on_lines_joined(self, event: LinesJoined) -> None:
        event.stop()
        if self.ask is not None:
            self.set_hint(self.ask.words.get("lines_joined", ""))


class RecordForm(Vertical):
    """One record (e.g. a processor) as a small form; Enter in the last box or Save sends it.

    Which boxes a record has can depend on what is typed in it (a transfer's ground only for a country outside
    the EU/EEA): `Ask.form` gives the boxes for the values so far, and the form follows as they change by
    showing, hiding or adding rows and by changing a list's choices. The boxes themselves are never rebuilt
    while the user types, so no keystroke can land in a box that is being replaced. The boxes scroll, with the
    focus, above a Save row that is always in sight.
    """

    # Tab waits until the boxes follow the value just given (a choice made an instant before can call for a new
    # box right after it), so that it lands in the box that now comes next; the keys typed after Tab or Shift+Tab
    # wait for the box it lands in (`holds_keys_after`). Both go round the form (`_focus_by`).
    BINDINGS = [Binding("tab", "next_box", show=False), Binding("shift+tab", "previous_box", show=False)]

    def __init__(self, ask: Ask) -> None:
        super().__init__(classes="record-form")
        self.ask = ask
        self.following = asyncio.Lock()  # one change of the boxes at a time
        # Every box's value, a hidden one's too: a box that a change hides (a transfer's ground when the country
        # becomes one in the EU) gets its text back when it shows again, also in a form built anew (`draft`).
        given = ask.value if isinstance(ask.value, dict) else {}
        self.typed: dict[str, Any] = {**given, **{item.key: item.value for item in ask.fields}}
        self.shown = ask.fields
        self.options = {item.key: item.options for item in ask.fields}
        self.followed: dict[str, Any] | None = None  # the values the boxes shown were last worked out for
        self.came_from: Widget | None = None  # the box in focus last, Save aside (`text_box_before_save`)
        self.text_taken_to: Widget | None = None  # the box text typed on a dropdown went to, the hint saying so (`take_text`)
        self.hints: dict[str, str] = {}  # a text box's grey hint, by its key (`fit_hints`)
        self.long: dict[str, bool] = {}  # whether it is too long for its box: then shown under it

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="record-fields"):
            for item in self.shown:
                yield self._row(item)
        with Horizontal(classes="record-save-row"):
            yield AnswerButton(self.ask.words.get("save", ""), id="record-save", variant="primary", compact=True)
            yield Static(self.ask.words.get("how_to_save", ""), classes="record-save-hint")

    def _row(self, item: FormField) -> Vertical:
        row = Vertical(Label(item.label, classes="record-label"), self._box(item), classes="record-row", id=f"row-{item.key}")
        hint = self.hints.get(item.key)
        if hint:  # shown under the box when it is too long for it (`fit_hints`)
            row.compose_add_child(Static(hint, id=f"hint-{item.key}", classes="record-hint"))
        return row

    def on_mount(self) -> None:
        self.call_after_refresh(self.fit_hints)

    def on_resize(self) -> None:
        self.call_after_refresh(self.fit_hints)

    def fit_hints(self) -> None:
        """A box's grey hint (a demonstration's suggestion) too long for the box is shown whole on a line under
        it while the box is empty, instead of cut off in it."""
        for key, hint in self.hints.items():
            boxes, lines = self.query(f"#field-{key}").results(Input), self.query(f"#hint-{key}")
            box = next(iter(boxes), None)
            width = box.content_region.width if box is not None else 0
            if box is None or not width or not lines:
                continue
            fits = cell_len(hint) < width  # (the cursor takes a cell at its end)
            self.long[key] = not fits
            box.placeholder = hint if fits else ""
            lines.first().display = not fits and not box.value

    def _box(self, item: FormField) -> Widget:
        box_id = f"field-{item.key}"
        value = self.typed.get(item.key, item.value)
        if value in (None, "", []) and item.suggestion is not None and item.kind in PICKED:
            value = item.suggestion
        if item.kind == "single_choice":
            options = [(text, value) for value, text in item.options]
            known = value in [option for option, _ in item.options]
            value = value if known else Select.NULL
            return Dropdown(options, value=value, id=box_id, allow_blank=True, compact=True, prompt=self.ask.words.get("choose", ""))
        if item.kind == "yes_no":
            words = self.ask.words
            current = {True: "yes", False: "no"}.get(value, value) if value in (True, False, "yes", "no") else Select.NULL
            options = [(words.get("yes", ""), "yes"), (words.get("no", ""), "no")]
            return Dropdown(options, value=current, id=box_id, allow_blank=True, compact=True, prompt=words.get("choose", ""))
        if item.kind == "multi_choice":
            chosen = set(value or []) if isinstance(value, list) else set()
            return TickList(*[(text, option, option in chosen) for option, text in item.options], id=box_id, compact=True)
        placeholder = self.ask.words.get("suggestion", "{suggestion}").format(suggestion=item.suggestion_shown) if item.suggestion_shown else ""
        self.hints[item.key] = placeholder
        text = "" if value is None else str(value)
        # What the box holds is an answer given (a suggestion is the grey hint): a key adds to it, not replaces it.
        return FormInput(value=text, id=box_id, classes="record-input", compact=True, placeholder=placeholder, select_on_focus=False)

    def values(self, suggested: bool = True) -> dict[str, Any]:
        """What the form holds now, for every box shown: text, a choice, yes/no, or a list of choices; an empty
        text box holds its suggestion (the grey hint), unless `suggested` is False (only what was typed)."""
        found: dict[str, Any] = {}
        for item in self.shown:
            widget = self.query_one(f"#field-{item.key}")
            if isinstance(widget, Select):
                value = widget.value
                found[item.key] = "" if value is Select.NULL else value
            elif isinstance(widget, SelectionList):
                found[item.key] = list(widget.selected)
            elif isinstance(widget, Input):
                empty = not widget.value.strip() and item.suggestion is not None and suggested
                found[item.key] = item.suggestion if empty else widget.value
        return found

    def draft(self) -> dict[str, Any]:
        """What is typed in the form, with what a box that is hidden now holds (`values` sends only the boxes
        shown): kept when the chat leaves the form unsent, it is all there when the form is built again."""
        shown = self.values(suggested=False)
        hidden = {key: value for key, value in self.typed.items() if key not in shown and value not in (None, "", [])}
        return {**hidden, **shown}

    def mark(self, key: str | None) -> None:
        """Point at the box an answer was refused for."""
        for row in self.query(".record-row"):
            row.remove_class("-invalid")
        if key is None:
            return
        for box in self.query(f"#field-{key}"):
            box.parent.add_class("-invalid")  # type: ignore[union-attr]
            box.focus()

    def holds_keys_after(self, key: events.Key) -> bool:
        return key.key in FOCUS_KEYS

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        if event.widget.id != "record-save":
            self.came_from = event.widget
        if self.text_taken_to is not None and event.widget is not self.text_taken_to:  # on from the text: no longer news
            self.text_taken_to = None
            composer = next((node for node in self.ancestors if isinstance(node, Composer)), None)
            hint = self.ask.words.get("list_not_text", "")
            if composer is not None and str(composer.query_one("#answer-hint", Static).content) == hint:
                composer.set_hint("")

    def _text_boxes(self) -> list[FormInput]:
        return [box for box in self._boxes() if isinstance(box, FormInput)]

    def text_box_before_save(self) -> FormInput | None:
        """Where text typed on Save goes: the box the focus came from, when it is a text box; else the last text box
        (the focus came from a list, or from outside the form)."""
        boxes = self._text_boxes()
        came_from = [box for box in boxes if box is self.came_from]
        return came_from[0] if came_from else (boxes[-1] if boxes else None)

    def separated(self, box: Input, text: str) -> str:
        """`text` typed elsewhere for `box`: after a space when the focus did not come from that box and the box ends
        with a word (what was typed is a sentence of its own, not the rest of that word)."""
        if self.came_from is box or not box.value or box.value[-1:].isspace() or text[:1].isspace():
            return text
        return " " + text

    def take_text(self, dropdown: Widget, text: str) -> bool:
        """Text typed on a closed dropdown that starts none of its choices: into the next text box (or the one before
        it, if none follows), at its end, the focus there and in sight, the hint saying that the dropdown is a list.
        False if the form has no text box (the text is then left, as Textual leaves it)."""
        boxes = self._boxes()
        place = boxes.index(dropdown) if dropdown in boxes else len(boxes)
        after = [box for box in boxes[place + 1 :] if isinstance(box, FormInput)]
        before = [box for box in boxes[:place] if isinstance(box, FormInput)]
        target = after[0] if after else (before[-1] if before else None)
        if target is None:
            return False
        text = self.separated(target, text)
        self.screen.set_focus(target)
        target.cursor_position = len(target.value)
        target.insert_text_at_cursor(text)
        composer = next((node for node in self.ancestors if isinstance(node, Composer)), None)
        if composer is not None:
            composer.set_hint(self.ask.words.get("list_not_text", ""))
            self.text_taken_to = target
        self._in_sight_then_release()
        return True

    async def action_next_box(self) -> None:
        await self._follow()
        self._focus_by(self.screen.focused, 1)
        self._in_sight_then_release()

    async def action_previous_box(self) -> None:
        await self._follow()
        self._focus_by(self.screen.focused, -1)
        self._in_sight_then_release()

    def _in_sight_then_release(self) -> None:
        """The box just given the focus is brought into sight once it is laid out, and the keys typed after the key
        that moved the focus there go to it once it is drawn. (A box that a value typed an instant before has just
        added or shown has no place on the screen yet when it takes the focus: Textual's own scroll to it missed
        it, and it stayed below the form's edge while the keys typed next went into it.)"""
        box = self.screen.focused

        def in_sight() -> None:
            screen = self.screen
            if box is not None and screen.focused is box and not screen.can_view_entire(box):
                screen.scroll_to_center(box, animate=False, immediate=True, origin_visible=True)
            self.call_after_refresh(release_held_keys, self)

        self.call_after_refresh(in_sight)

    @reported
    async def _follow(self) -> None:
        """Show the boxes that apply to the values typed so far, each with the choices it has for them."""
        async with self.following:
            await self._show_boxes()

    async def _show_boxes(self) -> None:
        values = self.values(suggested=False)
        self.typed.update(values)
        if self.ask.form is None or values == self.followed:
            return  # the boxes follow these values already (each box reports its first value as a change)
        self.followed = values
        wanted = self.ask.form({**self.typed, **self.values()})  # what a box applies to counts its suggestion
        fields = self.query_one(".record-fields", VerticalScroll)
        previous: Widget | None = None
        for item in wanted:
            rows = fields.query(f"#row-{item.key}")
            if rows:
                row = rows.first()
                row.display = True
                if item.options != self.options.get(item.key):
                    self._change_options(item)
            else:
                row = self._row(item)
                await fields.mount(row, after=previous) if previous is not None else await fields.mount(row, before=0)
            self.options[item.key] = item.options
            previous = row
        keys = {item.key for item in wanted}
        for row in fields.query(".record-row"):
            row.display = (row.id or "").removeprefix("row-") in keys
        self.shown = wanted

    def _change_options(self, item: FormField) -> None:
        box = self.query_one(f"#field-{item.key}")
        if isinstance(box, Select):
            chosen = box.value
            box.set_options([(text, value) for value, text in item.options])
            if chosen in [value for value, _text in item.options]:
                box.value = chosen
        elif isinstance(box, SelectionList):
            chosen = set(box.selected)
            at = box.highlighted or 0
            box.clear_options()
            box.add_options([(text, value, value in chosen) for value, text in item.options])
            box.highlighted = min(at, len(item.options) - 1) if item.options else None  # where it was, never none

    @on(Select.Changed)
    async def _choice_changed(self, event: Select.Changed) -> None:
        event.stop()
        await self._follow()

    @on(Input.Changed)
    async def _typed(self, event: Input.Changed) -> None:  # (on to the chat: its footer follows what is typed)
        key = (event.input.id or "").removeprefix("field-")
        if self.long.get(key):
            self.query_one(f"#hint-{key}").display = not event.value
        await self._follow()

    @on(SelectionList.SelectedChanged)
    async def _ticked(self, event: SelectionList.SelectedChanged) -> None:
        event.stop()
        await self._follow()

    @on(Input.Submitted)
    async def _next_or_save(self, event: Input.Submitted) -> None:
        event.stop()
        await self._follow()
        boxes = self._boxes()
        if event.input is boxes[-1]:
            self._save()  # the keys typed since wait for the next question (or the refusal)
        else:
            self._focus_by(event.input, 1)
            self._in_sight_then_release()  # those typed after Enter: into the next box, once it is in sight

    def _boxes(self) -> list[Widget]:
        """The boxes shown, in order (the screen's focus chain can lag a box mounted a moment ago)."""
        return [box for box in self.query("Input, Select, SelectionList") if box.parent and box.parent.display]

    def _focus_by(self, widget: Widget | None, by: int) -> None:
        """The focus to the box `by` places from the one `widget` is (or is in). The boxes and Save go round:
        Tab on Save goes to the first box and Shift+Tab there to Save, never into the transcript above (F5 or a
        click changes an earlier answer)."""
        stops: list[Widget] = [*self._boxes(), self.query_one("#record-save")]
        for index, stop in enumerate(stops):
            if widget is stop or (widget is not None and stop in widget.ancestors):
                self.screen.set_focus(stops[(index + by) % len(stops)])
                return
        self.screen.set_focus(stops[0])

    @on(Button.Pressed, "#record-save")
    def _save_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self._save()

    def _save(self) -> None:
        self.typed.update(self.values(suggested=False))
        self.post_message(Answered(self.values()))
