"""The trainer card beside the conversation: the current question's articles, the mistake old notices make
there with a quoted "before" line, and a question to ask the room (`wizard.trainer` has the cards)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from wizard.i18n import _

if TYPE_CHECKING:
    from wizard.trainer import Card

STYLES = {
    "label": "dim bold",
    "title": "bold",
    "article": "dim",
    "heading": "bold underline",
    "before": "bold",
    "quote": "italic",
    "translation": "dim italic",
    "keys": "dim",
}
STARTS_A_PART = ("heading", "before", "keys")  # a blank line before these


def card_text(lines: list[tuple[str, str]]) -> Text:
    text = Text()
    for kind, line in lines:
        if text and kind in STARTS_A_PART:
            text.append("\n")
        text.append(line + "\n", style=STYLES.get(kind, ""))
    text.rstrip()
    return text


class TrainerPanel(VerticalScroll, can_focus=False):
    """Shows the card of the question being asked; hidden unless trainer mode is on."""

    def compose(self) -> ComposeResult:
        yield Static("", id="trainer-card")

    def show_card(self, question_id: str | None, lang: str) -> None:
        from wizard.trainer import CardsProblem, load_cards

        try:
            card = load_cards().for_question(question_id) if question_id else None
        except CardsProblem as problem:  # a damaged installation: say so where the card would be
            lines: list[tuple[str, Any]] = [("title", _("The trainer cards cannot be shown.", lang)), ("mistake", str(problem))]
        else:
            lines = self._lines(card, lang)
        lines.insert(0, ("label", _("Trainer card", lang).upper()))
        self.query_one("#trainer-card", Static).update(card_text(lines))
        self.scroll_home(animate=False)

    @staticmethod
    def _lines(card: Card | None, lang: str) -> list[tuple[str, Any]]:
        from wizard.trainer import card_lines

        if card is None:
            return [
                ("title", _("Trainer mode", lang)),
                ("mistake", _("Each question's card appears here: the articles behind it, a mistake old notices make there, and a question to ask the room.", lang)),
                ("keys", _("F7 hides the trainer cards.", lang)),
            ]
        return list(card_lines(card, lang))
