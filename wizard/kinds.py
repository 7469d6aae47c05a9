"""Question kinds: what each kind of question accepts, how it reads a raw answer, and what it suggests.

A question names its kind (`kind: email`); the kind decides which answers fields it can fill (checked when
the questionnaire loads), how a typed answer becomes the value the field holds, and the suggested answer.
A choice's options are data too: listed in the question, or made from the items of an earlier list.
"""

from __future__ import annotations

import functools
import typing
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any, Literal, cast

from pydantic import Field, TypeAdapter, ValidationError

from wizard.answers import Answers
from wizard.check import check_data, describe
from wizard.conditions import Condition, Definition, Scope, holds, values_at
from wizard.fieldpath import PATH_PATTERN, FieldPath
from wizard.fields import check_business_id, check_country, check_email, check_phone, check_website
from wizard.fieldtypes import Target
from wizard.languages import BY_CODE, LANGUAGES
from wizard.localtext import DEFAULT_LANGUAGE, one_text, without_form
from wizard.rules import display_path

if TYPE_CHECKING:
    from wizard.questionnaire import Question

KindName = Literal[
    "text",
    "long_text",
    "email",
    "phone",
    "business_id",
    "postal_code",
    "country",
    "website",
    "date",
    "single_choice",
    "multi_choice",
    "yes_no",
    "record",
    "list",
]
TODAY = "today"  # the suggested default of a date question that means the day of the interview


@dataclass(frozen=True)
class Rejection:
    """An answer that cannot be taken, and why, in the words `seloste check` uses."""

    message_code: str
    params: dict[str, Any] = field(default_factory=dict)
    field: str | None = None  # in a record's form: the id of the sub-question that is wrong

    def describe(self, lang: str = "en") -> dict[str, str]:
        """{"message", "hint", "article"} in `lang`."""
        return describe(self.message_code, self.params, lang)


class Option(Definition):
    value: str
    label: str
    hint: str | None = None
    when: Condition | None = None  # the option is offered only when this holds (e.g. dpf only for the US)


class OptionsFrom(Definition):
    """Choices made from earlier answers: one option per item of a record list."""

    list: str = Field(pattern=PATH_PATTERN)
    value: str
    label: str


# A yes or a no as an answers file or a program writes it (true/false, on/off, 1/0), or as typed in any language
# seloste speaks: what a file, a script or a form's yes/no list may hold.
_TRUE = frozenset({"true", "on", "1"}).union(*(language.yes_words for language in LANGUAGES))
_FALSE = frozenset({"false", "off", "0"}).union(*(language.no_words for language in LANGUAGES))


def as_bool(raw: Any, lang: str | None = None) -> bool | None:
    """A yes or no, or None when it is neither. With `lang` (the conversation language) it is read as a person
    typed it in that language, with its own words only ("kyllä", "k", "ei" in Finnish; a final . or ! is
    allowed): a word of another language is no answer there, for it may mean something else (in Finnish, "no" is
    "well", even a reluctant yes, never No), and the question is asked again. Without `lang`, any language's
    words and the file words above."""
    if isinstance(raw, bool):
        return raw
    if not isinstance(raw, str):
        return None
    word = raw.strip().casefold()
    if lang is not None:
        entry = BY_CODE.get(lang)
        word = word.rstrip(".!").strip()
        if entry is None:
            return None
        return True if word in entry.yes_words else False if word in entry.no_words else None
    return word in _TRUE if word in _TRUE | _FALSE else None


_SPOKEN = frozenset().union(*(language.yes_words | language.no_words for language in LANGUAGES))


def begins_with_yes_or_no(raw: str) -> bool:
    """Whether a text is, or begins with, a yes or a no of any language seloste speaks ("no thanks", "kyllä
    kiitos", "nej tack"): an answer to a yes/no, never an item's name, even when it is not read as one."""
    words = raw.replace(",", " ").split()
    return bool(words) and words[0].strip(".!?").casefold() in _SPOKEN


def offered_options(question: Question, scope: Scope, every: bool = False) -> list[Option]:
    """The choices a question offers for these answers: its options whose condition holds (all of them with
    `every`), or one per item of the list it takes its options from."""
    source = question.options_from
    if source is None:
        return [option for option in question.options if every or holds(option.when, scope)]
    items = values_at(Scope(scope.root), source.list + "[*]")
    lang = scope.root.get("language") or DEFAULT_LANGUAGE  # a label given by language: the file's own
    return [
        Option(value=str(item[source.value]), label=str(one_text(item.get(source.label), lang) or item[source.value]))
        for item in items
        if isinstance(item, dict) and isinstance(item.get(source.value), str)
    ]


Offered = Callable[[], list[Option]]  # the options a choice offers now, asked for only by choices


class QuestionKind:
    """How one kind of question fills its field. The base reads text."""

    takes_options = False  # the answer is one or more of the question's options
    repeating = False  # the answer is a list, asked item by item

    def fits(self, target: Target) -> str | None:
        """Why this kind cannot fill the field, or None."""
        return None if target.inner is str else f"{target.path[-1]} is not a text field"

    def check_value(self, target: Target, value: Any, what: str) -> list[str]:
        """Why a value in the question file (a default, an option) cannot be an answer to this field."""
        try:
            TypeAdapter(self.value_type(target)).validate_python(value)
        except ValidationError:
            return [f"{what} {value!r} is not a valid {target.path[-1]}"]
        return []

    def value_type(self, target: Target) -> Any:
        return target.inner

    def default(self, question: Question) -> Any:
        """The suggested answer."""
        return question.default

    def parse(self, question: Question, target: Target, raw: Any, offered: Offered, list_item: bool = False) -> Any:
        """A raw answer as the value the field holds (not yet cleaned by the model), None for "not given", or a
        Rejection. Empty text takes the suggested answer, or leaves an optional question unanswered."""
        if isinstance(raw, str):
            raw = raw.strip()
        if raw is None or raw == "":
            return self.empty(question, target, list_item)
        return self.read(question, target, raw, offered)

    def read(self, question: Question, target: Target, raw: Any, offered: Offered) -> Any:
        return raw if isinstance(raw, str) else str(raw)

    def empty(self, question: Question, target: Target, list_item: bool = False) -> Any:
        default = self.default(question)
        if default not in (None, ""):
            return default
        if question.optional and not list_item:
            return [] if target.item_type is not None else None
        return Rejection("missing", {"field": display_path(target.path), "description": target.info.description or ""})


class FormattedText(QuestionKind):
    """Text the field's own checker cleans and checks: an e-mail address, a phone number, a country, ..."""

    def __init__(self, name: str, checker: Callable[..., Any]) -> None:
        self.name = name
        self.checker = checker

    def fits(self, target: Target) -> str | None:
        return None if self.checker in target.validators() else f"{target.path[-1]} is not a {self.name} field"


class DateKind(QuestionKind):
    def fits(self, target: Target) -> str | None:
        return None if target.inner is date else f"{target.path[-1]} is not a date field"

    def default(self, question: Question) -> Any:
        return date.today().isoformat() if question.default == TODAY else question.default


class YesNo(QuestionKind):
    """True or false, or whether an optional part of the file (a DPO, cookies, ...) is there at all."""

    def fits(self, target: Target) -> str | None:
        if target.inner is bool or opens_part(target):
            return None
        return f"{target.path[-1]} is neither true/false nor an optional part of the file"

    def check_value(self, target: Target, value: Any, what: str) -> list[str]:
        return [] if isinstance(value, bool) else [f"{what} {value!r} is not true/false"]

    def parse(self, question: Question, target: Target, raw: Any, offered: Offered, list_item: bool = False) -> Any:
        if raw is None or raw == "":
            return self.empty(question, target)
        answer = as_bool(raw)
        return Rejection("bool_parsing", {"field": display_path(target.path), "value": str(raw)}) if answer is None else answer


class SingleChoice(QuestionKind):
    takes_options = True

    def fits(self, target: Target) -> str | None:
        fixed = typing.get_origin(target.inner) is Literal or (isinstance(target.inner, type) and issubclass(target.inner, Enum))
        return None if fixed else f"{target.path[-1]} has no fixed choices"

    def read(self, question: Question, target: Target, raw: Any, offered: Offered) -> Any:
        chosen = _choices(target, offered, [raw])
        return chosen if isinstance(chosen, Rejection) else chosen[0]


class MultiChoice(QuestionKind):
    takes_options = True

    def fits(self, target: Target) -> str | None:
        return None if target.item_type is not None and target.item_model is None else f"{target.path[-1]} is not a list of values"

    def value_type(self, target: Target) -> Any:
        return target.item_type

    def parse(self, question: Question, target: Target, raw: Any, offered: Offered, list_item: bool = False) -> Any:
        chosen = [raw] if isinstance(raw, str) else list(raw or [])
        if not chosen:
            return self.empty(question, target)
        return _choices(target, offered, chosen)


def _choices(target: Target, offered: Offered, chosen: list[Any]) -> list[Any] | Rejection:
    allowed = [option.value for option in offered()]
    for value in chosen:
        if value not in allowed:
            params = {"field": display_path(target.path), "value": str(value), "expected": ", ".join(allowed)}
            return Rejection("literal_error", params)
    return list(dict.fromkeys(chosen))


class RecordKind(QuestionKind):
    """A list of small forms (a purpose, a recipient): `wizard.forms` reads each item's form."""

    repeating = True

    def fits(self, target: Target) -> str | None:
        return None if target.item_model is not None else f"{target.path[-1]} is not a list of records"

    def default(self, question: Question) -> dict[str, Any]:
        return {sub.id: sub.behaviour.default(sub) for sub in question.fields if sub.default is not None}


class TextList(QuestionKind):
    """A list of texts, asked one item at a time."""

    repeating = True

    def fits(self, target: Target) -> str | None:
        return None if target.item_type is str else f"{target.path[-1]} is not a list of texts"


KINDS: dict[str, QuestionKind] = {
    "text": QuestionKind(),
    "long_text": QuestionKind(),
    "postal_code": QuestionKind(),
    "email": FormattedText("email", check_email),
    "phone": FormattedText("phone", check_phone),
    "business_id": FormattedText("business_id", check_business_id),
    "website": FormattedText("website", check_website),
    "country": FormattedText("country", check_country),
    "date": DateKind(),
    "single_choice": SingleChoice(),
    "multi_choice": MultiChoice(),
    "yes_no": YesNo(),
    "record": RecordKind(),
    "list": TextList(),
}
CHOICE_KINDS = frozenset(name for name, kind in KINDS.items() if kind.takes_options)
# The kinds that write free text, which a translatable field may hold by language.
TEXT_KINDS = frozenset({"text", "long_text", "list"})


def opens_part(target: Target) -> bool:
    """The field is an optional part of the file (dpo, cookies, ...), which a yes/no opens or leaves out."""
    return target.section_model is not None and target.nullable


def is_gate(question: Question, target: Target) -> bool:
    """A yes/no that decides whether an optional part (dpo, cookies, ...) is there at all."""
    return question.kind == "yes_no" and opens_part(target)


# --- what the answers model makes of a value ------------------------------------------------------------------


def normalize(target: Target, value: Any, item: bool = False) -> Any:
    """The value as the answers model cleans it (a country name to its code, a date to 2026-11-22, ...)."""
    if value is None or isinstance(value, dict):
        return value
    adapter = target.item_adapter() if item else target.adapter()
    return adapter.dump_python(adapter.validate_python(value), mode="json")


def normalize_if_valid(target: Target, value: Any, item: bool = False) -> Any:
    """`normalize`, or the value as it is when the model refuses it (the check says why, later)."""
    try:
        return normalize(target, value, item)
    except ValidationError:
        return value


def error_paths(data: dict[str, Any], missing: bool = False) -> set[FieldPath]:
    """Where the answers model finds a wrong value (and, with `missing`, a value left out)."""
    try:
        Answers.model_validate(data)
    except ValidationError as invalid:
        return {without_form(tuple(e["loc"])) for e in invalid.errors(include_url=False) if missing or e["type"] != "missing"}
    return set()


def part_error_paths(data: dict[str, Any], part: str) -> set[FieldPath]:
    """Where the answers model finds a wrong or missing value in one part of the answers (`controller`,
    `purposes`, ...): the same as `error_paths(data, missing=True)` inside that part, since the model has no
    rule across its parts, but at the cost of that part alone (it is asked on every key typed)."""
    if part not in Answers.model_fields or part not in data:
        return {error for error in error_paths(data, missing=True) if error[:1] == (part,)}
    try:
        _part_adapter(part).validate_python(data[part])
    except ValidationError as invalid:
        return {(part, *e["loc"]) for e in invalid.errors(include_url=False)}
    return set()


@functools.cache
def _part_adapter(part: str) -> TypeAdapter[Any]:
    info = Answers.model_fields[part]
    return TypeAdapter(cast(Any, Annotated[info.annotation, info]))  # the field's type with its constraints


def first_problem(candidate: dict[str, Any], path: FieldPath) -> Rejection | None:
    """The answers model's objection to the value at `path` (or inside it), if it has one. Rules across
    fields are for the review."""
    if not any(error[: len(path)] == path for error in part_error_paths(candidate, str(path[0]))):
        return None
    report = check_data(candidate)  # the same objection in the words of `seloste check`
    for diagnostic in report.diagnostics:
        if diagnostic.path[: len(path)] == path:
            return Rejection(diagnostic.code, diagnostic.params)
    return None
