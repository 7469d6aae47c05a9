"""The interview: which question comes next, going back, editing and resuming.

Pure Python: the chat's UI drives it and never the other way round, so it loads and runs without Textual.

The state is the answers mapping itself (what autosave writes), plus a little that lives only while the
program runs: where the user went back to, and which list is being added to. A question is answered when
its field is in the answers: a skipped optional question holds null, a "no" to an optional part holds null
(or an empty list). So an answers file read back, even one written by hand, says what is still missing.

Each answer is read by its question's kind (`wizard.kinds`; a record's form by `wizard.forms`) and checked by
the answers model itself (through `wizard.check.check_data`), so the chat and `seloste check` say the same
thing; rules across fields come from `report()` at the review. What an edit takes with it is `wizard.pruning`'s.

A demonstration runs on a script (`wizard.script`): the answers of an example business. Every question is
still asked in order, and each step's suggested answer (`Step.default`) is the script's answer to it, so Enter
steps through the example. An answer that differs from the script is followed as always, and later questions
still suggest the script's answers where it has one.
"""

from __future__ import annotations

import copy
import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel

from wizard.answering import item_scope, read_answer, read_item
from wizard.answers import SCHEMA_VERSION, Answers
from wizard.check import Report, check_data
from wizard.conditions import Scope, holds
from wizard.display import NO, display_answer
from wizard.fieldpath import FieldPath, copied, set_at, set_item, value_at
from wizard.fieldtypes import resolve
from wizard.i18n import translations
from wizard.kinds import TEXT_KINDS, Option, Rejection, as_bool, first_problem, offered_options
from wizard.localtext import holds_written_text, with_translations
from wizard.pruning import Dropped, JustAnswered, Pruner
from wizard.questionnaire import Question, Questionnaire, Section, load_questionnaire
from wizard.rules import display_path
from wizard.script import Script
from wizard.sheet import AnswerSheet, Key, Mode, field_path, item_model, items_in, may_be_absent

Slot = tuple[str, int | None, Mode]  # a step's place: (question id, item, mode)


@dataclass(frozen=True, eq=False)
class Step:
    """One thing to ask. In mode `answer` the question itself (for a record: one item's form); in mode `first`
    the yes/no before the first item of an optional list; in mode `another` the yes/no after an item."""

    question: Question
    section: Section
    position: int  # 1-based, among the questions that apply now
    total: int
    value: Any = None  # the current answer, when editing (a record: {sub-question id: value})
    item: int | None = None  # for a record or list: which item (0-based)
    mode: Mode = "answer"
    default: Any = None  # the suggested answer (a record: {sub-question id: value}; about items: a bool or None)
    scripted: bool = False  # in a demonstration: the suggestion is the script's whole answer, ready to accept
    interview: Interview | None = field(default=None, repr=False)

    @property
    def another(self) -> bool:
        return self.mode == "another"

    @property
    def prompt(self) -> str:
        """The English text to show (a gettext msgid): the question, or its yes/no about items."""
        if self.mode == "first":
            return self.question.ask_first or self.question.prompt
        if self.mode == "another":
            return self.question.ask_another or self.question.prompt
        return self.question.prompt

    def fields(self, values: dict[str, Any] | None = None) -> list[Question]:
        """A record's sub-questions that apply to the form's values as typed so far."""
        if self.question.kind != "record" or self.interview is None:
            return []
        return self.interview.form_fields(self.question, self._form(values))

    def options(self, question: Question | None = None, values: dict[str, Any] | None = None) -> list[Option]:
        """The choices to offer for the question, or for one of a record's sub-questions given the form's values:
        options that depend on other answers (dpf only for the United States; the purposes given earlier)."""
        question = question or self.question
        if self.interview is None:
            return list(question.options)
        if question is self.question or self.question.kind != "record":
            return self.interview.options(question)
        return self.interview.options(question, self.question, self._form(values))

    def _form(self, values: dict[str, Any] | None) -> dict[str, Any]:
        return values if values is not None else self.value or {}


def _changes(operation: Callable[..., Any]) -> Callable[..., Any]:
    """An operation that changes the interview: the step to ask, worked out once per state, is worked out anew."""

    @functools.wraps(operation)
    def changing(self: Interview, *args: Any, **kwargs: Any) -> Any:
        self._current = self._standing = None
        try:
            return operation(self, *args, **kwargs)
        finally:
            self._current = self._standing = None

    return changing


class InterviewError(Exception):
    """The caller asked for something the interview cannot do now (a programming error, not a user's)."""


class Interview:
    """The interview over one answers mapping. Operations change it in place and return it (or a Rejection)."""

    def __init__(
        self, questionnaire: Questionnaire, answers: dict[str, Any], lang: str = "en", script: dict[str, Any] | None = None
    ) -> None:
        self.questionnaire = questionnaire
        self.lang = lang  # the conversation language, for `history`'s display values
        answers.setdefault("schema_version", SCHEMA_VERSION)
        self._answers = answers
        self._sheet = AnswerSheet(questionnaire, answers)
        self._pruner = Pruner(self._sheet)
        self._index = {question.id: index for index, (_, question) in enumerate(self._sheet.order)}
        self._cursor: Slot | None = None
        self._adding: dict[str, Literal["item", "another"]] = {}
        # The lists added to again after the user said they had no more (one more purpose at the review): passed,
        # as far as the progress goes, while their new item is asked.
        self._reopened: set[str] = set()
        self._dropped: list[Dropped] = []
        self._current: tuple[Step | None] | None = None  # current(), until an operation changes the interview
        self._standing: int | None = None  # progress, likewise
        # Answers in the file that the answers model refuses: asked again, with the wrong value shown.
        self._invalid: set[Key] = {
            key for path in self._pruner.errors if (key := self._sheet.key_at(path, answers)) is not None
        }
        self._reopen_last_list()
        self._script = Script(questionnaire, script, lambda: self._sheet.text_language) if script is not None else None

    @classmethod
    def start(
        cls,
        questionnaire: Questionnaire | None = None,
        answers: dict[str, Any] | None = None,
        lang: str = "en",
        script: dict[str, Any] | None = None,
    ) -> Interview:
        """A new interview, or one that continues from answers (possibly partial): only what is missing is asked.

        `script` (an answers mapping, schema 2, as an answers file holds it) makes it a demonstration: each step's
        `default` is the script's answer to that step, in the shape `Step.value` has when editing (text as text,
        dates as ISO text, a choice's value or list of values, a bool for yes/no, {sub-question id: value} for a
        record's item at `step.item`, the text at `step.item` for a list). At the yes/no before a list's first
        item and after each item it is whether the script has (more) items. Where the script has no answer for a
        step, the question's usual default stays.
        """
        return cls(questionnaire or load_questionnaire(), copy.deepcopy(answers) if answers else {}, lang, script)

    # --- what the UI reads ---

    @property
    def demonstration(self) -> bool:
        """Whether the steps suggest a script's answers (an example business's)."""
        return self._script is not None

    @property
    def text_language(self) -> str:
        """The language the answers' texts are written in (the file's `language:`)."""
        return self._sheet.text_language

    @property
    def answers(self) -> dict[str, Any]:
        """The answers as an answers file holds them (keys in the model's order); a copy."""
        return _ordered(copied(self._answers), Answers)

    @property
    def dropped(self) -> list[Dropped]:
        """What the last operation removed because it no longer applies."""
        return list(self._dropped)

    @property
    def done(self) -> bool:
        return self.current() is None

    @property
    def complete(self) -> bool:
        """Whether every question that applies holds its answer (and no list is being added to), wherever the
        user went back to."""
        return self.progress == 100 and not self._reopened.intersection(self._adding)

    @property
    def progress(self) -> int:
        """How far the interview is, per cent: the share of the questionnaire before the first question still
        without its answer (one that does not apply counts as passed). It follows the answers, not where the
        user went back to: answering moves it on, changing an answer keeps it (unless the change opens a
        question), and a list counts as one question however many items it gets, passed once the user says it
        has no more (what its items open comes after it); one more item added after that (`add_item`) keeps it
        passed. 100 when every question that applies holds its answer."""
        if self._standing is None:
            self._standing = self._find_progress()
        return self._standing

    def _find_progress(self) -> int:
        for question in self._applicable():
            if (question.id in self._adding and question.id not in self._reopened) or not self._settled(question):
                return min(99, round(100 * self._index[question.id] / len(self._index)))
        return 100

    def items(self, question_id: str) -> list[Any]:
        """The items of a record or list question as the answers hold them (a copy of the list)."""
        return self._sheet.items(self.questionnaire.question(question_id))

    def report(self) -> Report:
        """The full check of the answers (errors and warnings), for the review."""
        return check_data(self.answers)

    def current(self) -> Step | None:
        """The question to ask now, or None when everything needed is answered."""
        if self._current is None:  # asked for on every key typed (`check`): worked out once per state
            self._current = (self._find_current(),)
        return self._current[0]

    def _find_current(self) -> Step | None:
        applicable = self._applicable()
        if self._cursor is not None:
            question_id, item, mode = self._cursor
            return self._step(question_id, item, mode, applicable, editing=True)
        for question in applicable:
            step = self._open(question, applicable)
            if step is not None:
                return step
        return None

    @property
    def history(self) -> list[tuple[Step, str]]:
        """The answered questions in the conversation's order, each with its answer as words."""
        applicable = self._applicable()
        entries = []
        for question_id, item, mode in self._answered_slots(applicable):
            step = self._step(question_id, item, mode, applicable, editing=True)
            shown = self.display(step.question, step.value) if mode == "answer" else translations(self.lang).gettext(NO)
            entries.append((step, shown))
        return entries

    def answer_text(self, question_id: str, item: int | None, mode: Mode) -> str:
        """The answer to one step as `history` shows it, without going through the whole history."""
        question = self.questionnaire.question(question_id)
        value = self._sheet.value(question, item, mode)
        if mode != "answer":  # the yes/no before a list's first item: a No is the empty list ("" while it is filled)
            return translations(self.lang).gettext(NO) if value is False else ""
        return self.display(question, value)

    def display(self, question: Question, value: Any, lang: str | None = None) -> str:
        """An answer as words in the conversation language: labels for choices, Yes/No, a record's summary."""
        scope = self._sheet.scope()
        return display_answer(question, value, lang or self.lang, lambda asked: offered_options(asked, scope, every=True))

    def options(self, question: Question, record: Question | None = None, values: dict[str, Any] | None = None) -> list[Option]:
        """The choices a question offers now; for a sub-question of `record`, given its form's `values`."""
        if record is None:
            return offered_options(question, self._sheet.scope())
        return offered_options(question, item_scope(self._answers, record, values or {}))

    def form_fields(self, record: Question, values: dict[str, Any]) -> list[Question]:
        """The sub-questions of a record's form that apply to its `values` as typed so far."""
        scope = item_scope(self._answers, record, values)
        return [sub for sub in record.fields if holds(sub.when, scope)]

    # --- what the UI does ---

    @_changes
    def submit(self, raw: Any) -> Interview | Rejection:
        """Answer the current step: text for text kinds, a bool for yes/no, a value or list of values for
        choices, {sub-question id: value} for a record's item. Empty text takes the suggested default, or
        leaves an optional question unanswered."""
        step = self._require_step()
        if step.mode != "answer":
            answer = as_bool(raw)
            if answer is None:
                return Rejection("bool_parsing", {"field": display_path(field_path(step.question)), "value": str(raw)})
            return self.add_another(answer)
        question = step.question
        result = self._record_item(step, raw) if question.kind == "record" else read_answer(question, raw, self._answers, step.item)
        if isinstance(result, Rejection):
            return result
        path, value = result
        self._commit(step, path, value)
        return self

    def check(self, raw: Any) -> Rejection | None:
        """What `submit` would object to in this answer, without taking it: the chat says so while it is typed.
        For one answer only, not a record's form or a yes/no about a list's items."""
        step = self._require_step()
        if step.mode != "answer" or step.question.kind == "record":
            raise InterviewError("check takes one answer, not a form or a yes/no about items")
        result = read_answer(step.question, raw, self._answers, step.item)
        return result if isinstance(result, Rejection) else None

    @_changes
    def add_another(self, yes: bool) -> Interview | Rejection:
        """At a yes/no about a list's items (or at a new item's form): add an item, or be done with the list."""
        step = self._require_step()
        question = step.question
        if not question.repeating:
            raise InterviewError(f"{question.id} is not a list")
        items = self._sheet.items(question)
        self._dropped = []
        if yes:
            self._adding[question.id] = "item"
        elif step.mode == "answer" and step.item is not None and step.item < len(items):
            raise InterviewError("this item is already in the list; use remove_item to delete it")
        elif len(items) < self._minimum(question):
            return self._too_few(question)
        else:
            self._adding.pop(question.id, None)
            self._reopened.discard(question.id)
            if not self._sheet.present(question):
                self._commit_value(question, [])
        self._cursor = None
        return self

    @_changes
    def back(self) -> Interview:
        """The previous answered question becomes current, its answer kept as step.value."""
        applicable = self._applicable()
        slots = self._answered_slots(applicable)
        if self._cursor is not None:
            earlier = [slot for slot in slots if self._order_key(slot) < self._order_key(self._cursor)]
        else:
            frontier = self.current()
            if frontier is None:
                earlier = slots
            else:
                here = (frontier.question.id, frontier.item, frontier.mode)
                earlier = [slot for slot in slots if self._order_key(slot) < self._order_key(here)]
        if earlier:
            self._cursor = earlier[-1]
        self._dropped = []
        return self

    @_changes
    def edit(self, question_id: str, item: int | None = None) -> Interview:
        """Jump to a question (for a record or list: one of its items) to change its answer. The item after
        the last is the yes/no about adding one more."""
        question = self.questionnaire.question(question_id)
        if question not in self._applicable():
            raise InterviewError(f"{question_id} does not apply to these answers")
        if question.repeating:
            items = self._sheet.items(question)
            if not items:
                self._cursor = (question_id, None, "first" if question.ask_first else "answer")
            elif 0 <= (item or 0) < len(items):
                self._cursor = (question_id, item or 0, "answer")
            elif item == len(items):  # the yes/no about one more item: its answer opened a form not saved yet
                self._cursor = (question_id, item, "another")
            else:
                raise InterviewError(f"{question_id} has no item {item}")
        else:
            self._cursor = (question_id, None, "answer")
        self._dropped = []
        return self

    @property
    def place(self) -> Slot | None:
        """Where the interview is: the step being changed (after `back` or `edit`), or None at the next question
        to answer. `return_to` comes back to it."""
        return self._cursor

    @_changes
    def return_to(self, place: Slot | None) -> Interview:
        """Back to a `place` the interview was at, nothing answered meanwhile (a change of an earlier answer
        given up); to the next question to answer if that step no longer applies."""
        if place is not None and self.questionnaire.question(place[0]) not in self._applicable():
            place = None
        self._cursor = place
        self._dropped = []
        return self

    @_changes
    def add_item(self, question_id: str) -> Interview:
        """Start a new item at the end of a record or list question (e.g. one more purpose at the review)."""
        question = self.questionnaire.question(question_id)
        if not question.repeating or question not in self._applicable():
            raise InterviewError(f"{question_id} is not a list that applies")
        if question_id not in self._adding:  # the user had said it has no more: the progress stays past it
            self._reopened.add(question_id)
        self._adding[question_id] = "item"
        self._cursor = None
        self._dropped = []
        return self

    @_changes
    def remove_item(self, question_id: str, item: int) -> Interview | Rejection:
        """Delete one item of a record or list; what depended on it is dropped and reported."""
        question = self.questionnaire.question(question_id)
        items = self._sheet.items(question)
        if not question.repeating or not 0 <= item < len(items):
            raise InterviewError(f"{question_id} has no item {item}")
        if len(items) - 1 < self._minimum(question):
            return self._too_few(question)
        before = copied(self._answers)
        removed = items.pop(item)
        set_at(self._answers, field_path(question), items)
        order = list(range(len(items) + 1))
        del order[item]
        self._renumber(question_id, order)
        self._cursor = None
        self._dropped = [Dropped(question, removed, item)] + self._prune(before, skip=question_id)
        return self

    @_changes
    def move_item(self, question_id: str, item: int, to: int) -> Interview:
        """Move one item of a record or list to place `to` (0-based) among the others. Nothing depends on an
        item's place (data point at a purpose by its id), so nothing is dropped."""
        question = self.questionnaire.question(question_id)
        items = self._sheet.items(question)
        if not question.repeating or not 0 <= item < len(items) or not 0 <= to < len(items):
            raise InterviewError(f"{question_id} has no item {item} to move to place {to}")
        order = list(range(len(items)))
        order.insert(to, order.pop(item))
        set_at(self._answers, field_path(question), [items[old] for old in order])
        self._renumber(question_id, order)
        self._cursor = None
        self._dropped = []
        return self

    def _renumber(self, question_id: str, order: list[int]) -> None:
        """The items of a list now stand in `order` (old indices; one missing: removed): the wrong answers still
        to ask again follow their items."""
        place = {old: new for new, old in enumerate(order)}
        self._invalid = {
            (key[0], place[key[1]], key[2]) if key[0] == question_id and key[1] is not None else key
            for key in self._invalid
            if key[0] != question_id or key[1] is None or key[1] in place
        }

    # --- steps ---

    def _require_step(self) -> Step:
        step = self.current()
        if step is None:
            raise InterviewError("the interview is complete: there is no question to answer")
        return step

    def _applicable(self) -> list[Question]:
        return self._sheet.applicable()

    def _open(self, question: Question, applicable: list[Question]) -> Step | None:
        """The step this question still needs, or None when it is answered."""
        if not question.repeating:
            return None if self._is_answered(question) else self._step(question.id, None, "answer", applicable)
        state = self._adding.get(question.id)
        if not self._sheet.present(question) and question.id not in self._sheet.defaulted:
            if state == "item" or not question.ask_first:
                return self._step(question.id, 0, "answer", applicable)
            return self._step(question.id, None, "first", applicable)
        items = self._sheet.items(question)
        for index, item in enumerate(items):
            if not self._item_complete(question, index, item):
                return self._step(question.id, index, "answer", applicable, editing=True)
        if state == "item" or len(items) < self._minimum(question):
            return self._step(question.id, len(items), "answer", applicable)
        if state == "another":
            return self._step(question.id, len(items), "another", applicable)
        return None

    def _step(
        self, question_id: str, item: int | None, mode: Mode, applicable: list[Question], editing: bool = False
    ) -> Step:
        question = self.questionnaire.question(question_id)
        numbered = [q.id for q in applicable]
        position = numbered.index(question_id) + 1 if question_id in numbered else len(numbered)
        value = self._sheet.value(question, item, mode) if editing or self._has_invalid(question, item) else None
        return Step(
            question=question,
            section=self.questionnaire.section_of(question_id),
            position=position,
            total=len(numbered),
            value=value,
            item=item,
            mode=mode,
            default=self._suggestion(question, item, mode),
            scripted=self._scripted(question, item, mode) is not None,
            interview=self,
        )

    def _suggestion(self, question: Question, item: int | None, mode: Mode) -> Any:
        """A step's suggested answer: the script's, else the question's default (none for a yes/no about items)."""
        scripted = self._scripted(question, item, mode)
        if scripted is not None:
            return scripted
        return question.behaviour.default(question) if mode == "answer" else None

    def _scripted(self, question: Question, item: int | None, mode: Mode) -> Any:
        return self._script.answer(question, item, mode) if self._script is not None else None

    def _order_key(self, slot: tuple[str, int | None, Mode]) -> tuple[int, int]:
        question_id, item, mode = slot
        return self._index[question_id], -1 if mode == "first" or item is None else item

    def _answered_slots(self, applicable: list[Question]) -> list[tuple[str, int | None, Mode]]:
        slots: list[tuple[str, int | None, Mode]] = []
        for question in applicable:
            if not question.repeating:
                if self._is_answered(question):
                    slots.append((question.id, None, "answer"))
                continue
            if not self._sheet.present(question) and question.id not in self._sheet.defaulted:
                continue
            items = self._sheet.items(question)
            if not items:
                if question.ask_first:
                    slots.append((question.id, None, "first"))
                continue
            slots += [(question.id, i, "answer") for i, item in enumerate(items) if self._item_complete(question, i, item)]
        return slots

    # --- state of one question ---

    def _minimum(self, question: Question) -> int:
        return 0 if question.ask_first else 1

    def _too_few(self, question: Question) -> Rejection:
        target = resolve(question.field)
        params = {"field": display_path(target.path), "min_length": self._minimum(question), "description": target.info.description or ""}
        return Rejection("too_short", params)

    def _is_answered(self, question: Question) -> bool:
        if self._has_invalid(question, None):
            return False
        return self._sheet.present(question) or question.id in self._sheet.defaulted

    def _settled(self, question: Question) -> bool:
        """Whether a question holds its whole answer: a list every item complete, and as many as it needs."""
        if not question.repeating:
            return self._is_answered(question)
        if not self._sheet.present(question) and question.id not in self._sheet.defaulted:
            return False
        items = self._sheet.items(question)
        complete = all(self._item_complete(question, index, item) for index, item in enumerate(items))
        return complete and len(items) >= self._minimum(question)

    def _has_invalid(self, question: Question, item: int | None) -> bool:
        return any(key[0] == question.id and (item is None or key[1] == item) for key in self._invalid)

    def _item_complete(self, question: Question, index: int, item: Any) -> bool:
        if question.kind == "list":
            return (question.id, None, None) not in self._invalid
        if not isinstance(item, dict):
            return False
        scope = self._sheet.scope(item, item_model(question))
        for sub in question.fields:
            if not holds(sub.when, scope):
                continue
            if (question.id, index, sub.id) in self._invalid:
                return False
            if not value_at(item, field_path(sub))[0] and not may_be_absent(sub, resolve(sub.field, item_model(question))):
                return False
        return True

    def _reopen_last_list(self) -> None:
        """Answers that stop at a list were saved while it was being filled: ask again whether there is another."""
        present = [question for _, question in self._sheet.order if self._sheet.present(question)]
        if present and present[-1].repeating and self._sheet.items(present[-1]):
            self._adding[present[-1].id] = "another"

    def _record_item(self, step: Step, raw: Any) -> tuple[FieldPath, Any] | Rejection:
        question = step.question
        if not isinstance(raw, dict):
            raise InterviewError(f"{question.id} takes a mapping of sub-question ids to answers")
        unknown = set(raw) - {sub.id for sub in question.fields}
        if unknown:
            raise InterviewError(f"{question.id} has no sub-questions {sorted(unknown)}")
        index = step.item if step.item is not None else len(self._sheet.items(question))
        kept = self._kept_ids(question, index, step, raw)
        read = read_item(question, {**raw, **kept}, self._answers, index)
        if isinstance(read, Rejection) and read.field in kept:  # a kept id the answers refuse (written by hand, as
            # `Tilaukset!`): the form cannot show it to be corrected, so one is made from the description instead
            read = read_item(question, {**raw, **{key: value for key, value in kept.items() if key != read.field}}, self._answers, index)
        return read

    def _kept_ids(self, question: Question, index: int, step: Step, raw: dict[str, Any]) -> dict[str, str]:
        """An item's id (`Question.default_from`) left out of the form or left empty: the item's own when it is
        being changed (the data linked to it stay linked, however its description changes), else a
        demonstration's, unless another item has it. Neither: `read_item` makes one from the description."""
        items = self._sheet.items(question)
        kept = {}
        for sub in question.fields:
            if sub.default_from is None or raw.get(sub.id) not in (None, ""):
                continue
            taken = {value_at(item, field_path(sub))[1] for number, item in enumerate(items) if number != index and isinstance(item, dict)}
            own = value_at(items[index], field_path(sub))[1] if index < len(items) and isinstance(items[index], dict) else None
            scripted = step.default.get(sub.id) if step.scripted and isinstance(step.default, dict) else None
            for value in (own, scripted):
                if isinstance(value, str) and value and value not in taken:
                    kept[sub.id] = value
                    break
        return kept

    # --- committing ---

    def _commit(self, step: Step, path: FieldPath, value: Any) -> None:
        question = step.question
        before = copied(self._answers)
        value = self._with_translations(question, path, value)
        if question.repeating:
            set_item(self._answers, path[:-1], int(path[-1]), value)
            if question.kind == "record":
                self._pruner.rename_references(question, int(path[-1]), before)
            if step.item is not None and step.item >= len(items_in(before, question)) and self._cursor is None:
                self._adding[question.id] = "another"
            self._invalid = {key for key in self._invalid if not (key[0] == question.id and key[1] in (path[-1], None))}
        else:
            set_at(self._answers, path, value)
            self._invalid.discard((question.id, None, None))
        self._sheet.defaulted.discard(question.id)
        self._cursor = None
        self._dropped = self._prune(before, just_answered=(question.id, step.item))

    @_changes
    def write_texts_in(self, lang: str) -> None:
        """The language the answers' texts are written in: `lang` (the notice's), until a text has been written
        in the language the answers name (then they keep it, and the translations are asked for apart). So a
        notice language changed before any text is written changes the language to write in with it."""
        if "language" not in self._answers or not holds_written_text(self._answers, Answers):
            self._answers["language"] = lang

    @_changes
    def set_notice_version(self, version: str, day: str | None) -> None:
        """The notice's version number (and, when given, its date as YYYY-MM-DD), as seloste counts them for a
        new version of an exported notice; no question asks for the version."""
        notice = self._answers.setdefault("notice", {})
        notice["version"] = version
        if day is not None:
            notice["date"] = day

    @_changes
    def translate(self, path: FieldPath, lang: str, text: str) -> Rejection | None:
        """Give the text at `path` its version in `lang` beside the text as written; None when it is taken,
        else why not (the answers model's objection, e.g. too long)."""
        found, value = value_at(self._answers, path)
        if not found or not isinstance(value, (str, dict)):
            raise InterviewError(f"no text at {display_path(path)}")
        written = dict(value) if isinstance(value, dict) else {self._sheet.text_language: value}
        translated = {**written, lang: text.strip()}
        candidate = copied(self._answers)
        _replace(candidate, path, translated)
        rejection = first_problem(candidate, path)
        if rejection is not None:
            return rejection
        _replace(self._answers, path, translated)
        return None

    def _with_translations(self, question: Question, path: FieldPath, value: Any) -> Any:
        """The answer with the other languages of each text it writes back unchanged: those the file had
        there, or the demonstration's whole text by language when its suggestion was taken. A changed text
        loses them (`with_translations`)."""
        lang = self._sheet.text_language
        sources = [self._answers, *([self._script.answers] if self._script is not None else [])]
        if question.kind in TEXT_KINDS and isinstance(value, str):
            return with_translations(value, lang, [value_at(source, path)[1] for source in sources])
        if question.kind != "record" or not isinstance(value, dict):
            return value
        value = copy.deepcopy(value)
        for sub in question.fields:
            sub_path = field_path(sub)
            found, text = value_at(value, sub_path)
            if found and sub.kind in TEXT_KINDS and isinstance(text, str):
                set_at(value, sub_path, with_translations(text, lang, [value_at(source, (*path, *sub_path))[1] for source in sources]))
        return value

    def _commit_value(self, question: Question, value: Any) -> None:
        before = copied(self._answers)
        set_at(self._answers, field_path(question), value)
        self._sheet.defaulted.discard(question.id)
        self._dropped = self._prune(before)

    def _prune(self, before: dict[str, Any], skip: str | None = None, just_answered: JustAnswered | None = None) -> list[Dropped]:
        """Remove the answers an edit made inapplicable, not among the choices any more, or invalid."""
        applied_before = {q.id for _, q in self._sheet.order if holds(q.when, Scope(before))}
        dropped = self._pruner.prune(before, skip, just_answered)
        # A default the file implied holds only while its question kept applying: a question that comes back is asked.
        self._sheet.defaulted &= applied_before & {question.id for question in self._applicable()}
        return dropped


def _replace(data: dict[str, Any], path: FieldPath, value: Any) -> None:
    """Replace the value at `path`, which is there (a field or a list's item)."""
    _found, parent = value_at(data, path[:-1])
    parent[path[-1]] = value


def _ordered(value: Any, model: type[BaseModel] | None) -> Any:
    """Keys in the answers model's order, so a saved file reads like the examples."""
    if isinstance(value, list):
        return [_ordered(item, model) for item in value]
    if not isinstance(value, dict) or model is None:
        return value
    fields = list(model.model_fields)
    known = sorted((key for key in value if key in model.model_fields), key=fields.index)
    ordered = {}
    for key in known:
        target = resolve((key,), model)
        ordered[key] = _ordered(value[key], target.section_model or target.item_model)
    ordered.update({key: value[key] for key in value if key not in model.model_fields})
    return ordered


__all__ = ["Dropped", "Interview", "InterviewError", "Rejection", "Step"]
