"""What the chat and the plain conversation both say and understand: the language spoken now (the user can
switch it at any moment) and text that follows it, the commands typed instead of an answer, the help on a
question, and the question the conversation asks itself: the notice's language.

Key bindings are declared once, at import, so their footer labels are lazy: they are looked up in the
language of the moment each time the footer draws them. No Textual here.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from wizard.i18n import N_, _
from wizard.languages import BY_CODE, SOURCE_LANGUAGE, language, next_language

if TYPE_CHECKING:
    from wizard.engine import Step
    from wizard.kinds import Rejection
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

NOTICE_LANGUAGE_QUESTION = N_("In which language shall the privacy notice be written? (You can export it in the other languages too later.)")


def notice_language_question(lang: str) -> str:
    return _(NOTICE_LANGUAGE_QUESTION, lang)


def notice_language_name(code: str, lang: str) -> str:
    """How the answer `code` to the notice-language question reads in `lang` ("in Finnish")."""
    return _(language(code).in_name, lang)


# --- a refused answer or a finding of the check, in the words of its question ---------------------------------

# `seloste check` names a field by its path in the answers file (purposes[2].basis) and says how to fix the file
# (set shares_data: true); the conversation names the question that asked for it instead. Where the check's
# sentence is about the path itself, the conversation has its own; elsewhere the question's words stand in for
# the path.
SPOKEN_REFUSALS = {
    "missing": N_("This needs an answer: {question}"),
    "string_too_short": N_("This needs an answer: {question}"),
    "literal_error": N_("Choose one of the options offered: {question}"),
    "enum": N_("Choose one of the options offered: {question}"),
    "bool_parsing": N_("Answer yes or no: {question}"),
    "bool_type": N_("Answer yes or no: {question}"),
    "too_short": N_("At least {min_length} needed: {question}"),
    "privacy_contact_incomplete": N_("This needs an answer: {question}"),
    "automated_decision_incomplete": N_("This needs an answer: {question}"),
}
SPOKEN_FINDINGS = {
    "shares_data_contradiction": N_("You answered that no one outside your business gets the data, but {count} recipient(s) are listed."),
    "recipients_unnamed": N_("You answered that someone outside your business gets the data, but no recipient is listed."),
    "transfers_contradiction": N_("You answered that no data leave the EU/EEA, but these recipients are outside it: {recipients}."),
    "transfer_recipient_unnamed": N_("You answered that some data leave the EU/EEA, but no recipient outside the EU/EEA is listed."),
    "processing_agreement_contradiction": N_(
        "The security measures say that every processor has a data processing agreement, but `{recipient}` has none."
    ),
    "identity_formalities": N_("How people make requests asks for `{word}`."),
    "ignored_basis_detail": N_("Purpose `{purpose}` answers a question its legal basis does not ask; the notice will not show it."),
    "safeguards_copy_missing": N_("The transfer to `{recipient}` does not say how a person gets a copy of the safeguards."),
    "purpose_without_data": N_("No kind of data you keep is used for purpose `{purpose}`, so the notice's table shows no data for it."),
    "required_because_optional": N_("Data category `{category}` says why it must be given, but also that giving it is optional."),
    "recipient_no_purpose": N_("You did not say for which purposes `{name}` gets the data, so the notice's table of the processing cannot name it."),
    "text_in_other_language": N_("The answer to {field} should be written {in_language}, but it seems to be written {guessed_in}."),
}
# What to do in the conversation, where the check's hint says what to write in the file and the conversation's
# usual "Change the answer to ..." would not say enough. `{question}` names the question.
SPOKEN_HINTS = {
    "text_in_other_language": N_("Change the answer and write it {in_language}: the notice shows it as you write it."),
    "translation_missing": N_("The export asks for it {in_language}; until then that notice shows the text as written, marked with its language."),
}
# The check's hints of these are in plain words (how to write a phone number, a vaguer word to avoid); every
# other hint says how to fix the file in its field names (set shares_data: true), and the conversation names the
# question to change instead. A new rule's hint is taken for one about the file until it is listed here.
PLAIN_HINTS = frozenset(
    {
        "address_hidden_character", "automated_decision_incomplete", "bool_parsing", "bool_type",
        "business_id_checksum", "business_id_format", "children", "consent_for_contract", "consent_for_required_data",
        "contract_for_non_party", "country_unknown", "customer_relationship_basis", "date_from_datetime_parsing",
        "date_invalid", "date_parsing", "date_type", "dpf_not_us", "duplicate_purpose_id", "email_invalid", "enum",
        "identity_formalities", "ignored_basis_detail", "int_parsing", "joint_controller_also_separate",
        "legacy_authority_address", "legacy_law", "literal_error", "missing", "other_people_no_purpose",
        "phone_format", "phone_invalid", "postal_code_fi", "representative_missing", "string_too_short",
        "string_type", "too_long", "too_short", "transfer_recipient_unnamed",
        "transfers_outside_named", "us_transfer_unprotected", "vague_retention", "vague_word", "vague_wording",
        "website_invalid", "website_unknown_domain",
    }
)  # fmt: skip
CHANGE_THE_ANSWER = N_("Change the answer to {question}")
_CODE = re.compile(r"`([^`]*)`")


def in_question_words(code: str, params: dict[str, Any], question: Question | None, lang: str) -> dict[str, str]:
    """{"message", "hint", "article"} of the check's `code` as the conversation says it: `question` (the question,
    or a form's box, that holds the field) named instead of the field, no fix in terms of the file, and no
    code-style quoting."""
    from wizard.check import describe

    opening, closing = language(lang).quotes
    asked = f"{opening}{_(question.prompt, lang)}{closing}" if question is not None else _("this answer", lang)
    # a language as the conversation says "in Swedish", for the sentences that tell in which language to write
    said_in = {key: _(BY_CODE[value].in_name, lang) if value in BY_CODE else str(value) for key, value in params.items() if key in ("language", "guessed")}
    params = {**params, **{"in_language" if key == "language" else f"{key}_in": words for key, words in said_in.items()}}
    if code in SPOKEN_REFUSALS:
        text = describe(code, {**params, "question": asked}, lang, message=SPOKEN_REFUSALS[code])
        text["hint"] = ""
    else:
        text = describe(code, {**params, "field": asked} if "field" in params else params, lang, SPOKEN_FINDINGS.get(code))
    if code in SPOKEN_HINTS:
        text["hint"] = describe(code, {**params, "question": asked}, lang, message=SPOKEN_HINTS[code])["message"]
    elif code not in PLAIN_HINTS:
        text["hint"] = _(CHANGE_THE_ANSWER, lang).format(question=asked) if question is not None else ""
    return {key: _CODE.sub(rf"{opening}\1{closing}", value) for key, value in text.items()}


def refusal(rejection: Rejection, step: Step, lang: str) -> dict[str, str]:
    """{"message", "hint", "article"} for an answer to `step` the interview refused, in the words of the question
    (or the form's box) it was for."""
    question = step.question.sub(rejection.field) if rejection.field and step.question.fields else step.question
    text = in_question_words(rejection.message_code, rejection.params, question, lang)
    if rejection.message_code not in PLAIN_HINTS:
        text["hint"] = ""  # the question is the one being asked
    return text
