"""Trainer cards: what a workshop trainer shows beside each question (`seloste --trainer`, F7 in the chat).

The cards are data (`questions/trainer/cards.yaml`): for a group of questions, the articles behind them, a
mistake old Finnish notices make there with a "before" line quoted from one, and a question to ask the room.
Loading checks that every question of the interview has exactly one card, so a new question cannot go
without one. Texts are English gettext msgids; the quotation stays in Finnish, with our rendering of it
(`translation: {en: ...}`) shown to a conversation in a language it was translated into. No Textual here:
the chat and the plain mode both format `card_lines`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from wizard.i18n import N_, translations
from wizard.languages import BY_CODE, language
from wizard.loader import ReadProblem, parse
from wizard.resources import data_dir

CARDS_FILE = Path("trainer") / "cards.yaml"
KNOWN_MISTAKES = 18  # the numbered list of mistakes of old notices that the cards refer to

LineKind = Literal["title", "article", "heading", "mistake", "before", "quote", "translation", "ask", "keys"]


class _Data(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Before(_Data):
    """A line of an old notice, word for word: its heading, the text under it, or both."""

    heading: str | None = None
    text: str | None = None
    empty: bool = False  # the heading had nothing under it
    translation: dict[str, str] = Field(min_length=1)  # language code -> our rendering of the quotation

    @field_validator("translation")
    @classmethod
    def _known_languages(cls, translation: dict[str, str]) -> dict[str, str]:
        unknown = sorted(set(translation) - set(BY_CODE))
        if unknown:
            raise ValueError(f"no such language: {', '.join(unknown)} (the languages are {', '.join(BY_CODE)})")
        return translation

    @model_validator(mode="after")
    def _something_quoted(self) -> Before:
        if not (self.heading or self.text):
            raise ValueError("a 'before' quotation needs a heading, a text or both")
        if self.empty and (self.text or not self.heading):
            raise ValueError("empty: true means a heading with no text under it")
        return self


class Card(_Data):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    questions: tuple[str, ...] = Field(min_length=1)
    title: str
    article: str
    known_mistake: int | None = Field(ge=1, le=KNOWN_MISTAKES)
    mistake: str
    before: Before
    ask_the_room: str


class _CardsFile(_Data):
    cards: tuple[Card, ...] = Field(min_length=1)


class CardsProblem(Exception):
    """The cards file is broken: the message says where and why (a packaging or editing mistake)."""


@dataclass(frozen=True)
class TrainerCards:
    cards: tuple[Card, ...]
    by_question: dict[str, Card]

    def for_question(self, question_id: str) -> Card | None:
        return self.by_question.get(question_id)


@lru_cache(maxsize=4)
def load_cards(folder: Path | None = None, question_ids: tuple[str, ...] | None = None) -> TrainerCards:
    """The cards of `folder` (default: the questions folder), checked against the questionnaire's questions."""
    path = (folder or data_dir("questions")) / CARDS_FILE
    try:
        loaded = parse(path.read_text(encoding="utf-8"))
        cards = _CardsFile.model_validate(loaded.data).cards
    except ValidationError as problem:
        found = "; ".join(f"{'.'.join(map(str, error['loc']))}: {error['msg']}" for error in problem.errors())
        raise CardsProblem(f"{path}: {found}") from None
    except (OSError, UnicodeDecodeError, ReadProblem) as problem:
        raise CardsProblem(f"{path}: {problem}") from None
    if question_ids is None:
        from wizard.questionnaire import load_questionnaire

        question_ids = tuple(question.id for _section, question in load_questionnaire().questions())
    return TrainerCards(cards, _index(cards, question_ids, path))


def _index(cards: tuple[Card, ...], question_ids: tuple[str, ...], path: Path) -> dict[str, Card]:
    by_question: dict[str, Card] = {}
    problems = []
    for card in cards:
        for question_id in card.questions:
            if question_id not in question_ids:
                problems.append(f"card {card.id}: there is no question {question_id}")
            elif question_id in by_question:
                problems.append(f"question {question_id} is on two cards: {by_question[question_id].id} and {card.id}")
            by_question[question_id] = card
    problems += [f"question {question_id} has no card" for question_id in question_ids if question_id not in by_question]
    if len({card.id for card in cards}) != len(cards):
        problems.append("two cards have the same id")
    if problems:
        raise CardsProblem(f"{path}: " + "; ".join(problems))
    return by_question


# --- what a card says, in the conversation language -----------------------------------------------------------

TRAINER_CARD = N_("Trainer card")
OLD_NOTICES = N_("What old notices get wrong here")
BEFORE = N_("Before: quoted from an old notice")
EMPTY_HEADING = N_("(a heading with nothing under it)")
ASK_THE_ROOM = N_("Ask the room")
HIDE_KEYS = N_("F7 hides the trainer cards.")


def card_lines(card: Card, lang: str, keys: bool = True) -> list[tuple[LineKind, str]]:
    """The card as (kind, text) lines: the chat styles them by kind, the plain mode prints them as they are."""
    gettext = translations(lang).gettext
    opening, closing = language(lang).quotes
    lines: list[tuple[LineKind, str]] = [
        ("title", gettext(card.title)),
        ("article", gettext(card.article)),
        ("heading", gettext(OLD_NOTICES)),
        ("mistake", gettext(card.mistake)),
        ("before", gettext(BEFORE)),
    ]
    quoted = [part for part in (card.before.heading, card.before.text) if part]
    quote = f"{opening}{' – '.join(quoted)}{closing}"
    if card.before.empty:
        quote = f"{quote} {gettext(EMPTY_HEADING)}"
    lines.append(("quote", quote))
    if lang in card.before.translation:
        lines.append(("translation", f"{language(lang).in_native}: {card.before.translation[lang]}"))
    lines += [("heading", gettext(ASK_THE_ROOM)), ("ask", gettext(card.ask_the_room))]
    if keys:
        lines.append(("keys", gettext(HIDE_KEYS)))
    return lines
