"""The answers mapping read question by question: which questions apply, what each one's answer is, and
which answers a file left out on purpose (its author let the model's default stand).

Both the interview and a demonstration's script read their answers through it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal

from pydantic import BaseModel

from wizard.answers import Answers
from wizard.conditions import Scope, condition_fields, holds, lookup
from wizard.fieldpath import FieldPath, split_path, value_at
from wizard.fieldtypes import Target, resolve
from wizard.kinds import TEXT_KINDS, is_gate
from wizard.languages import CODES
from wizard.localtext import DEFAULT_LANGUAGE, one_text, translatable_fields
from wizard.questionnaire import Question, Questionnaire, Section

Mode = Literal["answer", "first", "another"]  # the question itself; the yes/no before a list's first item; after one
Key = tuple[str, int | None, str | None]  # (question id, item, sub-question id): one answer


def field_path(question: Question) -> FieldPath:
    return split_path(question.field)


def item_model(question: Question) -> type[BaseModel] | None:
    """The model of one item of a record question."""
    return resolve(question.field).item_model


def may_be_absent(question: Question, target: Target) -> bool:
    """Whether leaving the field out is itself an answer: "not given", "no", "none", or the model's default."""
    if question.optional or is_gate(question, target) or (question.repeating and question.ask_first):
        return True
    return target.default() not in (None, [], {})


def items_in(data: dict[str, Any], question: Question) -> list[Any]:
    """The items of a record or list question in `data` (the list itself, not a copy)."""
    found, value = value_at(data, field_path(question))
    return value if found and isinstance(value, list) else []


def form_value(question: Question, item: Any, text_language: str | None = None) -> dict[str, Any]:
    """A record's item as the file holds it, keyed by sub-question as its form is; with `text_language`, a
    text given by language is its text in that language, as its box shows it."""
    if not isinstance(item, dict):
        return {}
    values = {}
    for sub in question.fields:
        found, value = value_at(item, field_path(sub))
        if found:
            values[sub.id] = value if text_language is None else shown_text(sub, value, text_language)
    return values


def writes_in_a_language(question: Question, record: Question | None = None) -> bool:
    """The answer is text written in a language (a description, a period), which the file keeps as written in
    its `language:`; not a name, which is the same in every language. `record`: the form `question` is a box of."""
    if question.kind not in TEXT_KINDS:
        return False
    target = resolve(question.field, item_model(record)) if record is not None else resolve(question.field)
    marker = translatable_fields(target.owner).get(target.path[-1])
    return marker is not None and not marker.neutral


def shown_text(question: Question, value: Any, lang: str) -> Any:
    """A text question's value as the interview shows and edits it: a text given by language is its `lang`
    version (the one the file's plain texts are in), or the original where it has none yet. The other
    languages are kept when the answer written back is this same text, and dropped when it is another
    (`wizard.engine`)."""
    return one_text(value, lang) if question.kind in TEXT_KINDS else value


class AnswerSheet:
    """One answers mapping (changed in place by the interview) over the questionnaire's questions."""

    def __init__(
        self, questionnaire: Questionnaire, answers: dict[str, Any], text_language: Callable[[], str] | None = None
    ) -> None:
        self.questionnaire = questionnaire
        self.answers = answers
        self._text_language = text_language  # the language texts are shown in; by default the file's own
        self.order: list[tuple[Section, Question]] = questionnaire.questions()
        self.defaulted = self._implied_by_later_answers()

    def scope(self, item: dict[str, Any] | None = None, item_model: type[BaseModel] | None = None) -> Scope:
        return Scope(self.answers, item, item_model)

    def applicable(self) -> list[Question]:
        """The questions whose conditions hold for the answers, in the conversation's order."""
        scope = self.scope()
        return [question for _, question in self.order if holds(question.when, scope)]

    def present(self, question: Question) -> bool:
        return value_at(self.answers, field_path(question))[0]

    def items(self, question: Question) -> list[Any]:
        """The items of a record or list question; a copy of the list."""
        return list(items_in(self.answers, question))

    def value(self, question: Question, item: int | None, mode: Mode) -> Any:
        """A step's answer as `Step.value` holds it: a bool for a yes/no, a record's item as its form."""
        if mode == "first":
            return False if self.present(question) or question.id in self.defaulted else None
        found, value = value_at(self.answers, field_path(question))
        if not found and question.id in self.defaulted:
            value, found = lookup(self.answers, Answers, split_path(question.field)), True
        if not found:
            return None
        if question.kind == "yes_no" and resolve(question.field).section_model is not None:
            return isinstance(value, dict)
        lang = self.text_language
        if question.repeating:
            if not isinstance(value, list) or item is None or item >= len(value):
                return None
            return form_value(question, value[item], lang) if question.kind == "record" else shown_text(question, value[item], lang)
        return shown_text(question, value, lang)

    @property
    def text_language(self) -> str:
        """The language the interview shows and writes texts in: the file's `language:`."""
        if self._text_language is not None:
            return self._text_language()
        written_in = self.answers.get("language")
        return written_in if written_in in CODES else DEFAULT_LANGUAGE

    def key_at(self, path: FieldPath, data: dict[str, Any]) -> Key | None:
        """The question (and item, and sub-question) whose answer holds `path`: the most specific one, so
        `dpo.email` belongs to the e-mail question, not to the yes/no about having a DPO."""
        owners = [q for _, q in self.order if path[: len(field_path(q))] == field_path(q)]
        if not owners:
            return None
        question = max(owners, key=lambda q: len(field_path(q)))
        own = field_path(question)
        if question.kind != "record":
            return (question.id, None, None) if value_at(data, own)[0] else None
        rest = path[len(own) :]
        if not rest or not isinstance(rest[0], int):
            return None
        for sub in question.fields:
            sub_path = field_path(sub)
            if rest[1 : 1 + len(sub_path)] == sub_path and value_at(data, (*own, rest[0], *sub_path))[0]:
                return (question.id, rest[0], sub.id)
        return None

    def _implied_by_later_answers(self) -> set[str]:
        """Questions left out of a file whose later questions are answered: the file's author let the default stand."""
        present = [index for index, (_, question) in enumerate(self.order) if self.present(question)]
        last = max(present, default=0)
        applicable = self.applicable()
        implied = {
            question.id
            for _, question in self.order[:last]
            if question in applicable and not self.present(question) and may_be_absent(question, resolve(question.field))
        }
        # ...unless a question that must still be asked follows from it (no general retention period given, so
        # the criteria are needed): then the file is unfinished there, and it is asked first.
        by_field = {question.field: question.id for _, question in self.order}
        for question in applicable:
            if question.id in implied or self.present(question) or may_be_absent(question, resolve(question.field)):
                continue
            implied -= {by_field.get(path.lstrip("/")) for path in condition_fields(question.when)}
        return implied
