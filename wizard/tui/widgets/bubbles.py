"""The transcript's bubbles: seloste's questions and replies on the left, the user's answers on the right."""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Static

from wizard.conversation import label
from wizard.i18n import N_
from wizard.tui.inorder import KeysInOrder


class QuestionBubble(Static):
    """A question as asked: the section it belongs to above, the question itself below."""

    def __init__(self, section: str, prompt: str, *, question_id: str | None = None) -> None:
        super().__init__(Text(prompt), classes="bubble question")
        self.border_title = section
        self.question_id = question_id


class AnswerBubble(KeysInOrder, Static, can_focus=True):
    """An answer given; choosing it (Enter or a click) asks to change it. Its keys act as they are read, and the keys
    typed after ↑, ↓ or Enter wait until the focus has moved (to the next answer, or the question asked to change
    it): typed at full speed, Shift+Tab ↑ Enter changes the answer before the latest, not the latest."""

    BINDINGS = [
        Binding("enter", "edit", label(N_("Change this answer"))),
        # Above the transcript's scrolling: from answer to answer, past the last one to the answer box.
        Binding("up", "neighbour(-1)", show=False),
        Binding("down", "neighbour(1)", show=False),
    ]

    class EditRequested(Message):
        def __init__(self, question_id: str, item: int | None) -> None:
            super().__init__()
            self.question_id = question_id
            self.item = item

    def __init__(self, text: str, question_id: str, item: int | None = None) -> None:
        super().__init__(Text(text or "-"), classes="bubble answer")
        self.question_id = question_id
        self.item = item

    def holds_keys_after(self, key: events.Key) -> bool:
        return key.key in ("up", "down", "enter")

    def action_edit(self) -> None:
        self.post_message(self.EditRequested(self.question_id, self.item))  # (the question asked takes the keys held)

    def action_neighbour(self, by: int) -> None:
        from wizard.tui.widgets.composer import release_held_keys

        self.screen.focus_bubble(by)  # type: ignore[attr-defined]
        release_held_keys(self)  # to the answer (or the box) in focus now

    def on_click(self) -> None:
        self.action_edit()


class ReplyBubble(Static):
    """seloste's reply that is not a question: what was wrong with an answer, help, a notice of what changed."""

    def __init__(self, text: Text | str, kind: str, title: str = "") -> None:
        super().__init__(text if isinstance(text, Text) else Text(text), classes=f"bubble reply -{kind}")
        if title:
            self.border_title = title
