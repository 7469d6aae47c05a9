"""What the chat and the plain conversation both say and understand: the language spoken now (the user can
switch it at any moment) and text that follows it, the commands typed instead of an answer, the help on a
question, and the question the conversation asks itself: the notice's language.

Key bindings are declared once, at import, so their footer labels are lazy: they are looked up in the
language of the moment each time the footer draws them. No Textual here.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, cast

from wizard.i18n import N_, _
from wizard.languages import BY_CODE, SOURCE_LANGUAGE, language, next_language

if TYPE_CHECKING:
    from wizard.questionnaire import Question


class Conversation:
    """The language the chat speaks now; one chat runs per process."""

    lang: str = SOURCE_LANGUAGE


class Lazy:
    """Text looked up each time it is used: a footer label drawn after a language switch shows the new one."""

    def __init__(self, text: Callable[[], str]) -> None:
        self._text = text

    def __str__(self) -> str:
        return self._text()

    def __add__(self, other: str) -> str:
        return self._text() + other

    def __radd__(self, other: str) -> str:
        return other + self._text()

    def __len__(self) -> int:
        return len(self._text())

    def __bool__(self) -> bool:
        return bool(self._text())

    def __eq__(self, other: object) -> bool:
        return self._text() == str(other)

    def __hash__(self) -> int:
        return hash(self._text())

    def __format__(self, spec: str) -> str:
        return format(self._text(), spec)

    def __getattr__(self, name: str) -> Any:  # str methods (upper, split, ...)
        return getattr(self._text(), name)


def label(message: str) -> str:
    """A footer label that follows the conversation language (`message` is marked with N_ by the caller).
    Typed as the str it stands in for, which is what Textual's Binding takes."""
    return cast(str, Lazy(lambda: _(message, Conversation.lang)))


# --- typed instead of an answer -------------------------------------------------------------------------------

# Each command and the words that give it after a slash (/back, /takaisin); `?` alone asks for help too.
COMMANDS: dict[str, tuple[str, ...]] = {
    "back": ("back", "takaisin"),
    "help": ("help", "ohje", "apua"),
    "review": ("review", "yhteenveto"),
    "preview": ("preview", "esikatselu"),
    "trainer": ("trainer", "kouluttaja"),
    "lang": ("lang", "kieli"),
}


@dataclass(frozen=True)
class Command:
    name: str  # a key of COMMANDS
    argument: str = ""

    def language(self, current: str) -> str:
        """The language `/lang` asks for: the one named (`/lang fi`), else the next one in turn."""
        named = self.argument.lower()
        if named in BY_CODE:
            return named
        return next_language(current).code


def typed_command(line: str) -> Command | None:
    """The command a typed line gives, or None when the line is an answer."""
    text = line.strip()
    if text == "?":
        return Command("help")
    if not text.startswith("/"):
        return None
    word, _sep, argument = text[1:].partition(" ")
    for name, words in COMMANDS.items():
        if word.lower() in words:
            return Command(name, argument.strip())
    return None


# --- help on a question -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class QuestionHelp:
    """Why a question is asked, in the conversation language; `article` and `example` may be ""."""

    why: str
    article: str
    example: str


def question_help(question: Question, lang: str) -> QuestionHelp:
    help_ = question.help
    article = _(help_.article, lang) if help_.article else ""
    example = _("For example: {example}", lang).format(example=_(help_.example, lang)) if help_.example else ""
    return QuestionHelp(_(help_.why, lang), article, example)


# --- the notice's language: asked before the interview's first question ---------------------------------------

NOTICE_LANGUAGE_QUESTION = N_("In which language shall the privacy notice be written? (You can export it in both later.)")


def notice_language_question(lang: str) -> str:
    return _(NOTICE_LANGUAGE_QUESTION, lang)


def notice_language_name(code: str, lang: str) -> str:
    """How the answer `code` to the notice-language question reads in `lang` ("in Finnish")."""
    return _(language(code).in_name, lang)


# --- a refused answer, in the words of its question ---------------------------------------------------------

# `seloste check` names a field by its path in the answers file (purposes[2].basis); the conversation names it
# by the question that asked for it. Where the check's sentence is about the path itself, the conversation has
# its own; elsewhere the question's words stand in for the path.
SPOKEN_REFUSALS = {
    "missing": N_("This needs an answer: {question}"),
    "string_too_short": N_("This needs an answer: {question}"),
    "literal_error": N_("Choose one of the options offered: {question}"),
    "bool_parsing": N_("Answer yes or no: {question}"),
    "bool_type": N_("Answer yes or no: {question}"),
    "too_short": N_("At least {min_length} needed: {question}"),
}
_CODE = re.compile(r"`([^`]*)`")


def refusal(rejection: Any, step: Any, lang: str) -> dict[str, str]:
    """{"message", "hint", "article"} for an answer to `step` the interview refused, naming the question (or the
    form's box) it was for instead of a field of the answers file, and with no code-style quoting."""
    question = step.question.sub(rejection.field) if rejection.field and step.question.fields else step.question
    opening, closing = language(lang).quotes
    asked = _(question.prompt, lang)
    spoken = SPOKEN_REFUSALS.get(rejection.message_code)
    text = rejection.describe(lang)
    if spoken is not None:
        params = {**rejection.params, "question": f"{opening}{asked}{closing}"}
        text = {"message": _(spoken, lang).format_map(params), "hint": "", "article": text["article"]}
    elif "field" in rejection.params:
        text = replace(rejection, params={**rejection.params, "field": f"{opening}{asked}{closing}"}).describe(lang)
    return {key: _CODE.sub(rf"{opening}\1{closing}", value) for key, value in text.items()}
