"""The interview: which question comes next, checking each answer, going back, editing and resuming.

Pure Python: the chat's UI drives it and never the other way round, so it loads and runs without Textual.

The state is the answers mapping itself (what autosave writes), plus a little that lives only while the
program runs: where the user went back to, and which list is being added to. A question is answered when
its field is in the answers: a skipped optional question holds null, a "no" to an optional part holds null
(or an empty list). So an answers file read back, even one written by hand, says what is still missing.

Each answer is checked by the answers model itself (through `wizard.check.check_data`), so the chat and
`seloste check` say the same thing; rules across fields come from `report()` at the review.

A demonstration runs on a script: the answers of an example business. Every question is still asked in order,
and each step's suggested answer (`Step.default`) is the script's answer to it, so Enter steps through the
example. An answer that differs from the script is followed as always, and later questions still suggest the
script's answers where it has one.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ValidationError

from wizard.answers import SCHEMA_VERSION, Answers
from wizard.check import Report, check_data, describe
from wizard.i18n import N_, translations
from wizard.law import ADEQUATE_COUNTRIES, is_in_eea
from wizard.questionnaire import (
    TODAY,
    AllOf,
    AnyOf,
    Computed,
    Condition,
    FieldIs,
    Not,
    Option,
    Question,
    Questionnaire,
    Section,
    Target,
    condition_fields,
    load_questionnaire,
    resolve,
    slug,
    split_path,
)
from wizard.rules import display_path

YES = N_("Yes")
NO = N_("No")
NOT_GIVEN = N_("Not given")
NONE_GIVEN = N_("None")

Mode = Literal["answer", "first", "another"]
Path = tuple[str | int, ...]
_Key = tuple[str, int | None, str | None]  # (question id, item, sub-question id)


@dataclass(frozen=True)
class Rejection:
    """An answer that cannot be taken, and why, in the words `seloste check` uses."""

    message_code: str
    params: dict[str, Any] = field(default_factory=dict)
    field: str | None = None  # in a record's form: the id of the sub-question that is wrong

    def describe(self, lang: str = "en") -> dict[str, str]:
        """{"message", "hint", "article"} in `lang`."""
        return describe(self.message_code, self.params, lang)


@dataclass(frozen=True)
class Dropped:
    """An answer removed because an edit made it no longer apply (or no longer valid)."""

    question: Question
    value: Any
    item: int | None = None  # which item of a record, for a sub-question
    record: Question | None = None  # the record question a sub-question belongs to


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
        item = self.interview._loose_item(self.question, values if values is not None else self.value or {})
        context = self.interview._context(item=item, item_model=_item_model(self.question))
        return [sub for sub in self.question.fields if holds(sub.when, context)]

    def options(self, question: Question | None = None, values: dict[str, Any] | None = None) -> list[Option]:
        """The choices to offer for the question, or for one of a record's sub-questions given the form's values:
        options that depend on other answers (dpf only for the United States; the purposes given earlier)."""
        question = question or self.question
        if self.interview is None:
            return list(question.options)
        if question is self.question or self.question.kind != "record":
            return self.interview._options(question, self.interview._context())
        item = self.interview._loose_item(self.question, values if values is not None else self.value or {})
        return self.interview._options(question, self.interview._context(item=item, item_model=_item_model(self.question)))


class InterviewError(Exception):
    """The caller asked for something the interview cannot do now (a programming error, not a user's)."""


@dataclass
class _Context:
    root: dict[str, Any]
    item: dict[str, Any] | None = None
    item_model: type[BaseModel] | None = None


def _item_model(question: Question) -> type[BaseModel] | None:
    return resolve(question.field).item_model


# --- reading and writing nested answers ----------------------------------------------------------------


def _get(data: Any, path: Path) -> tuple[bool, Any]:
    node = data
    for part in path:
        if isinstance(part, int):
            if not isinstance(node, list) or not 0 <= part < len(node):
                return False, None
        elif not isinstance(node, dict) or part not in node:
            return False, None
        node = node[part]
    return True, node


def _set(data: dict[str, Any], path: Path, value: Any) -> None:
    node: Any = data
    for part in path[:-1]:
        if not isinstance(node.get(part), dict):
            node[part] = {}
        node = node[part]
    last = path[-1]
    if isinstance(last, int):
        raise InterviewError("a list item is set through its list")
    node[last] = value


def _set_item(data: dict[str, Any], list_path: Path, index: int, value: Any) -> None:
    found, items = _get(data, list_path)
    items = list(items) if found and isinstance(items, list) else []
    if index < len(items):
        items[index] = value
    else:
        items.append(value)
    _set(data, list_path, items)


def _delete(data: Any, path: Path, keep: set[Path]) -> None:
    """Remove the value at `path`; parents left empty are removed too unless a question fills them."""
    found, parent = _get(data, path[:-1])
    if not found or not isinstance(parent, dict) or path[-1] not in parent:
        return
    del parent[path[-1]]
    if not parent and len(path) > 1 and not isinstance(path[-2], int) and path[:-1] not in keep:
        _delete(data, path[:-1], keep)


def _lookup(data: Any, model: type[BaseModel], parts: tuple[str, ...]) -> Any:
    """The answer at a path, or what the answers model makes of it when it is left out."""
    node = data
    for index in range(len(parts)):
        part = parts[index]
        if isinstance(node, dict) and part in node:
            node = node[part]
        else:
            try:
                node = resolve(parts[: index + 1], model).default()
            except KeyError:
                return None
        if node is None:
            return None
    return node


def _values(context: _Context, path: str, defaults: bool = True) -> list[Any]:
    """The answers a condition looks at; with `defaults`, a field left out reads as the model's default."""
    absolute = path.startswith("/") or context.item is None
    data: Any = context.root if absolute else context.item
    model = Answers if absolute else context.item_model or Answers
    parts = split_path(path)
    if "*" not in parts:
        return [_lookup(data, model, parts) if defaults else _get(data, parts)[1]]
    nodes = [data]
    for part in parts:
        if part == "*":
            nodes = [item for node in nodes if isinstance(node, list) for item in node]
        else:
            nodes = [node[part] for node in nodes if isinstance(node, dict) and part in node]
    return nodes


def _answered(value: Any) -> bool:
    return value is not None and value != [] and value != ""


def holds(condition: Condition | None, context: _Context) -> bool:
    """Whether a declarative condition holds for the answers in `context`."""
    if condition is None:
        return True
    if isinstance(condition, AllOf):
        return all(holds(part, context) for part in condition.all)
    if isinstance(condition, AnyOf):
        return any(holds(part, context) for part in condition.any)
    if isinstance(condition, Not):
        return not holds(condition.not_, context)
    if isinstance(condition, Computed):
        return COMPUTED_FACTS[condition.computed](context.root)
    # "answered" asks whether someone answered, so a default the model would fill in does not count.
    return _test(condition, _values(context, condition.field, defaults=condition.test != "answered"))


def _test(condition: FieldIs, values: list[Any]) -> bool:
    test = condition.test
    if test == "answered":
        return any(_answered(value) for value in values) == condition.answered
    if test == "contains":
        flat = [v for value in values for v in (value if isinstance(value, list) else [value])]
        return condition.contains in flat
    if test == "equals":
        return any(value == condition.equals for value in values)
    if test == "in_":
        return any(value in (condition.in_ or ()) for value in values)
    group = ADEQUATE_COUNTRIES if condition.in_group == "adequacy" else None
    return any(isinstance(v, str) and (v in group if group is not None else is_in_eea(v)) for v in values)


def retention_uncovered(answers: dict[str, Any]) -> bool:
    """Some kind of data has no retention period, and not all of its purposes have one (the general rule is
    then needed: GDPR Art. 13(2)(a))."""
    purposes = answers.get("purposes")
    kept = {p.get("id") for p in purposes if isinstance(p, dict) and p.get("retention")} if isinstance(purposes, list) else set()
    categories = answers.get("personal_data")
    for category in categories if isinstance(categories, list) else []:
        if not isinstance(category, dict) or category.get("retention"):
            continue
        refs = category.get("purposes")
        if not (isinstance(refs, list) and refs and all(ref in kept for ref in refs)):
            return True
    return False


COMPUTED_FACTS = {"retention_uncovered": retention_uncovered}


# --- the interview -------------------------------------------------------------------------------------


_TRUE = {"yes", "y", "true", "kyllä", "k", "joo", "on", "1"}
_FALSE = {"no", "n", "false", "ei", "e", "off", "0"}


def _as_bool(raw: Any) -> bool | None:
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, str) and raw.strip().lower() in _TRUE | _FALSE:
        return raw.strip().lower() in _TRUE
    return None


def _is_gate(question: Question, target: Target) -> bool:
    """A yes/no that decides whether an optional part (dpo, cookies, ...) is there at all."""
    return question.kind == "yes_no" and target.section_model is not None and target.nullable


def _field_path(question: Question) -> Path:
    return split_path(question.field)


class Interview:
    """The interview over one answers mapping. Operations change it in place and return it (or a Rejection)."""

    def __init__(
        self, questionnaire: Questionnaire, answers: dict[str, Any], lang: str = "en", script: dict[str, Any] | None = None
    ) -> None:
        self.questionnaire = questionnaire
        self.lang = lang  # the conversation language, for `history`'s display values
        self._answers = answers
        self._answers.setdefault("schema_version", SCHEMA_VERSION)
        self._order = questionnaire.questions()
        self._index = {question.id: index for index, (_, question) in enumerate(self._order)}
        self._keep = self._question_paths()
        self._cursor: tuple[str, int | None, Mode] | None = None
        self._adding: dict[str, Literal["item", "another"]] = {}
        self._dropped: list[Dropped] = []
        self._defaulted = self._implied_by_later_answers()
        self._errors = _error_paths(self._answers)  # of the answers as they stand, kept between answers
        self._invalid = self._invalid_answers()
        self._reopen_last_list()
        # The script read as an interview of its own, so its answers come out in the shape `Step.value` has.
        self._script = Interview(questionnaire, copy.deepcopy(script), lang) if script is not None else None

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
    def answers(self) -> dict[str, Any]:
        """The answers as an answers file holds them (keys in the model's order); a copy."""
        return _ordered(copy.deepcopy(self._answers), Answers)

    @property
    def dropped(self) -> list[Dropped]:
        """What the last operation removed because it no longer applies."""
        return list(self._dropped)

    @property
    def done(self) -> bool:
        return self.current() is None

    def report(self) -> Report:
        """The full check of the answers (errors and warnings), for the review."""
        return check_data(self.answers)

    def current(self) -> Step | None:
        """The question to ask now, or None when everything needed is answered."""
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

    def display(self, question: Question, value: Any, lang: str | None = None) -> str:
        """An answer as words in the conversation language: labels for choices, Yes/No, a record's summary."""
        gettext = translations(lang or self.lang).gettext
        if question.kind == "yes_no":
            if value is None:
                return gettext(NOT_GIVEN)
            return gettext(YES) if value is True or isinstance(value, dict) else gettext(NO)
        if value is None or value == "":
            return gettext(NOT_GIVEN)
        if question.kind == "record" and isinstance(value, list):  # a whole list, e.g. dropped
            return "; ".join(self.display(question, item, lang) for item in value)
        if question.kind == "record" and isinstance(value, dict):
            # A form's values are keyed by sub-question; an item as the file holds it, by field.
            form = value if set(value) <= {sub.id for sub in question.fields} else self._form_value(question, value)
            shown = question.summary or (question.fields[0].id,)
            parts = [self.display(question.sub(sub_id), form.get(sub_id), lang) for sub_id in shown if sub_id in form]
            return " · ".join(parts)
        if question.kind in ("single_choice", "multi_choice"):
            labels = {option.value: option.label for option in self._options(question, self._context(), every=True)}
            chosen = value if isinstance(value, list) else [value]
            return ", ".join(gettext(labels[v]) if v in labels else str(v) for v in chosen) or gettext(NONE_GIVEN)
        if isinstance(value, list):
            return ", ".join(map(str, value)) or gettext(NONE_GIVEN)
        if question.kind == "country":
            return _country_name(str(value), lang or self.lang)
        return str(value)

    # --- what the UI does ---

    def submit(self, raw: Any) -> Interview | Rejection:
        """Answer the current step: text for text kinds, a bool for yes/no, a value or list of values for
        choices, {sub-question id: value} for a record's item. Empty text takes the suggested default, or
        leaves an optional question unanswered."""
        step = self._require_step()
        if step.mode != "answer":
            answer = _as_bool(raw)
            if answer is None:
                return Rejection("bool_parsing", {"field": display_path(_field_path(step.question)), "value": str(raw)})
            return self.add_another(answer)
        question = step.question
        result = self._record_item(step, raw) if question.kind == "record" else self._single(step, raw)
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
        result = self._single(step, raw)
        return result if isinstance(result, Rejection) else None

    def add_another(self, yes: bool) -> Interview | Rejection:
        """At a yes/no about a list's items (or at a new item's form): add an item, or be done with the list."""
        step = self._require_step()
        question = step.question
        if not question.repeating:
            raise InterviewError(f"{question.id} is not a list")
        items = self._items(question)
        self._dropped = []
        if yes:
            self._adding[question.id] = "item"
        elif step.mode == "answer" and step.item is not None and step.item < len(items):
            raise InterviewError("this item is already in the list; use remove_item to delete it")
        elif len(items) < self._minimum(question):
            return self._too_few(question)
        else:
            self._adding.pop(question.id, None)
            if not self._present(question):
                self._commit_value(question, [])
        self._cursor = None
        return self

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

    def edit(self, question_id: str, item: int | None = None) -> Interview:
        """Jump to a question (for a record or list: one of its items) to change its answer."""
        question = self.questionnaire.question(question_id)
        if question not in self._applicable():
            raise InterviewError(f"{question_id} does not apply to these answers")
        if question.repeating:
            items = self._items(question)
            if not items:
                self._cursor = (question_id, None, "first" if question.ask_first else "answer")
            elif 0 <= (item or 0) < len(items):
                self._cursor = (question_id, item or 0, "answer")
            else:
                raise InterviewError(f"{question_id} has no item {item}")
        else:
            self._cursor = (question_id, None, "answer")
        self._dropped = []
        return self

    def add_item(self, question_id: str) -> Interview:
        """Start a new item at the end of a record or list question (e.g. one more purpose at the review)."""
        question = self.questionnaire.question(question_id)
        if not question.repeating or question not in self._applicable():
            raise InterviewError(f"{question_id} is not a list that applies")
        self._adding[question_id] = "item"
        self._cursor = None
        self._dropped = []
        return self

    def remove_item(self, question_id: str, item: int) -> Interview | Rejection:
        """Delete one item of a record or list; what depended on it is dropped and reported."""
        question = self.questionnaire.question(question_id)
        items = self._items(question)
        if not question.repeating or not 0 <= item < len(items):
            raise InterviewError(f"{question_id} has no item {item}")
        if len(items) - 1 < self._minimum(question):
            return self._too_few(question)
        before = copy.deepcopy(self._answers)
        removed = items.pop(item)
        _set(self._answers, _field_path(question), items)
        self._invalid = {key for key in self._invalid if key[0] != question_id}
        self._cursor = None
        self._dropped = [Dropped(question, removed, item)] + self._prune(before, skip=question_id)
        return self

    # --- steps ---

    def _require_step(self) -> Step:
        step = self.current()
        if step is None:
            raise InterviewError("the interview is complete: there is no question to answer")
        return step

    def _applicable(self) -> list[Question]:
        context = self._context()
        return [question for _, question in self._order if holds(question.when, context)]

    def _open(self, question: Question, applicable: list[Question]) -> Step | None:
        """The step this question still needs, or None when it is answered."""
        if not question.repeating:
            return None if self._is_answered(question) else self._step(question.id, None, "answer", applicable)
        state = self._adding.get(question.id)
        if not self._present(question) and question.id not in self._defaulted:
            if state == "item" or not question.ask_first:
                return self._step(question.id, 0, "answer", applicable)
            return self._step(question.id, None, "first", applicable)
        items = self._items(question)
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
        value = self._current_value(question, item, mode) if editing or self._has_invalid(question, item) else None
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

    def _current_value(self, question: Question, item: int | None, mode: Mode) -> Any:
        if mode == "first":
            return False if self._present(question) or question.id in self._defaulted else None
        found, value = _get(self._answers, _field_path(question))
        if not found and question.id in self._defaulted:
            value, found = self._implied(question), True
        if not found:
            return None
        if question.kind == "yes_no" and resolve(question.field).section_model is not None:
            return isinstance(value, dict)
        if question.repeating:
            if not isinstance(value, list) or item is None or item >= len(value):
                return None
            return self._form_value(question, value[item]) if question.kind == "record" else value[item]
        return value

    def _form_value(self, question: Question, item: Any) -> dict[str, Any]:
        if not isinstance(item, dict):
            return {}
        values = {}
        for sub in question.fields:
            found, value = _get(item, _field_path(sub))
            if found:
                values[sub.id] = value
        return values

    def _suggestion(self, question: Question, item: int | None, mode: Mode) -> Any:
        """A step's suggested answer: the script's, else the question's default (none for a yes/no about items)."""
        scripted = self._scripted(question, item, mode)
        if scripted is not None:
            return scripted
        return self._default(question) if mode == "answer" else None

    def _scripted(self, question: Question, item: int | None, mode: Mode) -> Any:
        """The script's answer to a step, or None when there is no script or it has none there."""
        script = self._script
        if script is None:
            return None
        if mode != "answer":
            if not script._present(question) and question.id not in script._defaulted:
                return None
            return len(script._items(question)) > (item or 0)
        value = script._current_value(question, item, mode)
        if value is None or question.kind == "yes_no":
            return value
        if question.kind == "record":
            model = _item_model(question)
            form = {sub: _normalize_if_valid(resolve(question.sub(sub).field, model), given) for sub, given in value.items()}
            return {**self._default(question), **form}
        return _normalize_if_valid(resolve(question.field), value, item=question.kind == "list")

    def _default(self, question: Question) -> Any:
        if question.kind == "record":
            return {sub.id: self._default(sub) for sub in question.fields if sub.default is not None}
        return date.today().isoformat() if question.default == TODAY else question.default

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
            if not self._present(question) and question.id not in self._defaulted:
                continue
            items = self._items(question)
            if not items:
                if question.ask_first:
                    slots.append((question.id, None, "first"))
                continue
            slots += [(question.id, i, "answer") for i, item in enumerate(items) if self._item_complete(question, i, item)]
        return slots

    # --- state of one question ---

    def _context(self, item: dict[str, Any] | None = None, item_model: type[BaseModel] | None = None) -> _Context:
        return _Context(self._answers, item, item_model)

    def _present(self, question: Question) -> bool:
        return _get(self._answers, _field_path(question))[0]

    def _items(self, question: Question) -> list[Any]:
        found, value = _get(self._answers, _field_path(question))
        return list(value) if found and isinstance(value, list) else []

    def _minimum(self, question: Question) -> int:
        return 0 if question.ask_first else 1

    def _too_few(self, question: Question) -> Rejection:
        target = resolve(question.field)
        params = {"field": display_path(target.path), "min_length": self._minimum(question), "description": target.info.description or ""}
        return Rejection("too_short", params)

    def _is_answered(self, question: Question) -> bool:
        if self._has_invalid(question, None):
            return False
        return self._present(question) or question.id in self._defaulted

    def _has_invalid(self, question: Question, item: int | None) -> bool:
        return any(key[0] == question.id and (item is None or key[1] == item) for key in self._invalid)

    def _item_complete(self, question: Question, index: int, item: Any) -> bool:
        if question.kind == "list":
            return (question.id, None, None) not in self._invalid
        if not isinstance(item, dict):
            return False
        context = self._context(item=item, item_model=_item_model(question))
        for sub in question.fields:
            if not holds(sub.when, context):
                continue
            if (question.id, index, sub.id) in self._invalid:
                return False
            if not _get(item, _field_path(sub))[0] and not self._may_be_absent(sub, resolve(sub.field, _item_model(question))):
                return False
        return True

    def _may_be_absent(self, question: Question, target: Target) -> bool:
        """Whether leaving the field out is itself an answer: "not given", "no", "none", or the model's default."""
        if question.optional or _is_gate(question, target) or (question.repeating and question.ask_first):
            return True
        return target.default() not in (None, [], {})

    def _implied(self, question: Question) -> Any:
        return _lookup(self._answers, Answers, split_path(question.field))

    def _implied_by_later_answers(self) -> set[str]:
        """Questions left out of a file whose later questions are answered: the file's author let the default stand."""
        present = [index for index, (_, question) in enumerate(self._order) if self._present(question)]
        last = max(present, default=0)
        applicable = self._applicable()
        implied = {
            question.id
            for _, question in self._order[:last]
            if question in applicable and not self._present(question) and self._may_be_absent(question, resolve(question.field))
        }
        # ...unless a question that must still be asked follows from it (no general retention period given, so
        # the criteria are needed): then the file is unfinished there, and it is asked first.
        by_field = {question.field: question.id for _, question in self._order}
        for question in applicable:
            if question.id in implied or self._present(question) or self._may_be_absent(question, resolve(question.field)):
                continue
            implied -= {by_field.get(path.lstrip("/")) for path in condition_fields(question.when)}
        return implied

    def _reopen_last_list(self) -> None:
        """Answers that stop at a list were saved while it was being filled: ask again whether there is another."""
        present = [question for _, question in self._order if self._present(question)]
        if present and present[-1].repeating and self._items(present[-1]):
            self._adding[present[-1].id] = "another"

    def _invalid_answers(self) -> set[_Key]:
        """Answers in the file that the answers model refuses: asked again, with the wrong value shown."""
        return {key for path in self._errors if (key := self._key_at(path, self._answers)) is not None}

    def _key_at(self, path: tuple[Any, ...], data: dict[str, Any]) -> _Key | None:
        """The question (and item, and sub-question) whose answer holds `path`: the most specific one, so
        `dpo.email` belongs to the e-mail question, not to the yes/no about having a DPO."""
        owners = [q for _, q in self._order if path[: len(_field_path(q))] == _field_path(q)]
        if not owners:
            return None
        question = max(owners, key=lambda q: len(_field_path(q)))
        own = _field_path(question)
        if question.kind != "record":
            return (question.id, None, None) if _get(data, own)[0] else None
        rest = path[len(own) :]
        if not rest or not isinstance(rest[0], int):
            return None
        for sub in question.fields:
            sub_path = _field_path(sub)
            if rest[1 : 1 + len(sub_path)] == sub_path and _get(data, (*own, rest[0], *sub_path))[0]:
                return (question.id, rest[0], sub.id)
        return None

    # --- answering ---

    def _single(self, step: Step, raw: Any) -> tuple[Path, Any] | Rejection:
        question = step.question
        target = resolve(question.field)
        path: Path = _field_path(question)
        if question.kind == "list":
            path = (*path, step.item or 0)
        converted = self._convert(question, target, raw, self._context(), list_item=question.kind == "list")
        if isinstance(converted, Rejection):
            return converted
        if _is_gate(question, target):
            current = _get(self._answers, path)[1]
            value = (current if isinstance(current, dict) else {}) if converted else None
            return path, value
        candidate = copy.deepcopy(self._answers)
        if question.kind == "list":
            _set_item(candidate, path[:-1], path[-1], converted)
        else:
            _set(candidate, path, converted)
        rejection = _first_problem(candidate, path)
        if rejection is not None:
            return rejection
        value = _normalize(target, converted, item=question.kind == "list")
        if question.kind == "list":
            _set_item(candidate, path[:-1], path[-1], value)
        else:
            _set(candidate, path, value)
        for rule in question.reject:
            if holds(rule.when, _Context(candidate)):
                return Rejection(rule.code, {})
        return path, value

    def _convert(
        self, question: Question, target: Target, raw: Any, context: _Context, list_item: bool = False
    ) -> Any:
        """A raw answer as the value the field holds (not yet normalised), None for "not given", or a Rejection."""
        where = display_path(target.path)
        if question.kind == "yes_no":
            if raw is None or raw == "":
                return self._empty(question, target, where)
            answer = _as_bool(raw)
            return Rejection("bool_parsing", {"field": where, "value": str(raw)}) if answer is None else answer
        if question.kind == "multi_choice":
            chosen = [raw] if isinstance(raw, str) else list(raw or [])
            if not chosen:
                return self._empty(question, target, where)
            return self._choices(question, context, chosen, where)
        if isinstance(raw, str):
            raw = raw.strip()
        if raw is None or raw == "":
            return self._empty(question, target, where, list_item=list_item)
        if question.kind == "single_choice":
            chosen = self._choices(question, context, [raw], where)
            return chosen if isinstance(chosen, Rejection) else chosen[0]
        return raw if isinstance(raw, str) else str(raw)

    def _empty(self, question: Question, target: Target, where: str, list_item: bool = False) -> Any:
        default = self._default(question)
        if default not in (None, ""):
            return default
        if question.optional and not list_item:
            return [] if target.item_type is not None else None
        return Rejection("missing", {"field": where, "description": target.info.description or ""})

    def _choices(self, question: Question, context: _Context, chosen: list[Any], where: str) -> list[Any] | Rejection:
        allowed = [option.value for option in self._options(question, context)]
        for value in chosen:
            if value not in allowed:
                return Rejection("literal_error", {"field": where, "value": str(value), "expected": ", ".join(allowed)})
        return list(dict.fromkeys(chosen))

    def _options(self, question: Question, context: _Context, every: bool = False) -> list[Option]:
        source = question.options_from
        if source is None:
            return [option for option in question.options if every or holds(option.when, context)]
        items = _values(_Context(context.root), source.list + "[*]")
        return [
            Option(value=str(item[source.value]), label=str(item.get(source.label) or item[source.value]))
            for item in items
            if isinstance(item, dict) and isinstance(item.get(source.value), str)
        ]

    def _record_item(self, step: Step, raw: Any) -> tuple[Path, Any] | Rejection:
        question = step.question
        if not isinstance(raw, dict):
            raise InterviewError(f"{question.id} takes a mapping of sub-question ids to answers")
        unknown = set(raw) - {sub.id for sub in question.fields}
        if unknown:
            raise InterviewError(f"{question.id} has no sub-questions {sorted(unknown)}")
        model = _item_model(question)
        assert model is not None
        list_path = _field_path(question)
        index = step.item if step.item is not None else len(self._items(question))
        item: dict[str, Any] = {}
        context = self._context(item=item, item_model=model)
        for sub in question.fields:
            if not holds(sub.when, context):
                continue
            target = resolve(sub.field, model)
            given = raw.get(sub.id)
            if sub.default_from is not None and (given is None or not str(given).strip()):
                given = self._derived_id(question, index, raw.get(sub.default_from))
            value = self._convert(sub, target, given, context)
            if isinstance(value, Rejection):
                return Rejection(value.message_code, _in_item(value.params, list_path, index, target), sub.id)
            if value is None or (value == [] and sub.optional):
                continue
            # Cleaned at once, so the sub-questions after it see e.g. `US` for "Yhdysvallat"; a value the model
            # refuses stays as typed, and the check below says what is wrong with it.
            _set(item, _field_path(sub), _normalize_if_valid(target, value))
        candidate = copy.deepcopy(self._answers)
        _set_item(candidate, list_path, index, item)
        rejection = _first_problem(candidate, (*list_path, index))
        if rejection is not None:
            return Rejection(rejection.message_code, rejection.params, self._sub_at(question, rejection, list_path, index))
        duplicate = self._duplicate(question, index, item)
        if duplicate is not None:
            return duplicate
        return (*list_path, index), item

    def _derived_id(self, question: Question, index: int, source: Any) -> str | None:
        if not isinstance(source, str) or not source.strip():
            return None
        id_sub = next(sub for sub in question.fields if sub.default_from is not None)
        taken = {
            item.get(id_sub.field) for i, item in enumerate(self._items(question)) if i != index and isinstance(item, dict)
        }
        return slug(source, {value for value in taken if isinstance(value, str)})

    def _duplicate(self, question: Question, index: int, item: dict[str, Any]) -> Rejection | None:
        for sub in question.fields:
            if sub.unique is None:
                continue
            found, value = _get(item, _field_path(sub))
            others = [_get(other, _field_path(sub)) for i, other in enumerate(self._items(question)) if i != index]
            if found and (True, value) in others:
                return Rejection(sub.unique, {"id": value, "value": value}, sub.id)
        return None

    def _sub_at(self, question: Question, rejection: Rejection, list_path: Path, index: int) -> str | None:
        shown = rejection.params.get("field", "")
        for sub in question.fields:
            own = display_path((*list_path, index, *_field_path(sub)))
            if shown == own or shown.startswith((own + ".", own + "[")):
                return sub.id
        return None

    def _loose_item(self, question: Question, values: dict[str, Any]) -> dict[str, Any]:
        """A form's values as an item, as far as they can be read: for conditions while the user types."""
        model = _item_model(question)
        assert model is not None
        item: dict[str, Any] = {}
        for sub in question.fields:
            raw = values.get(sub.id)
            if raw is None or raw == "" or raw == []:
                continue
            value = _as_bool(raw) if sub.kind == "yes_no" else raw
            _set(item, _field_path(sub), _normalize_if_valid(resolve(sub.field, model), value))
        return item

    # --- committing and pruning ---

    def _commit(self, step: Step, path: Path, value: Any) -> None:
        question = step.question
        before = copy.deepcopy(self._answers)
        if question.repeating:
            _set_item(self._answers, path[:-1], int(path[-1]), value)
            if question.kind == "record":
                self._rename_references(question, int(path[-1]), before)
            if step.item is not None and step.item >= len(self._items_in(before, question)) and self._cursor is None:
                self._adding[question.id] = "another"
            self._invalid = {key for key in self._invalid if not (key[0] == question.id and key[1] in (path[-1], None))}
        else:
            _set(self._answers, path, value)
            self._invalid.discard((question.id, None, None))
        self._defaulted.discard(question.id)
        self._cursor = None
        self._dropped = self._prune(before, just_answered=(question.id, step.item))

    def _commit_value(self, question: Question, value: Any) -> None:
        before = copy.deepcopy(self._answers)
        _set(self._answers, _field_path(question), value)
        self._defaulted.discard(question.id)
        self._dropped = self._prune(before)

    def _items_in(self, data: dict[str, Any], question: Question) -> list[Any]:
        found, value = _get(data, _field_path(question))
        return value if found and isinstance(value, list) else []

    def _rename_references(self, question: Question, index: int, before: dict[str, Any]) -> None:
        """A purpose's id changed: the data that pointed at the old id point at the new one."""
        old_items = self._items_in(before, question)
        if index >= len(old_items):
            return
        for _, other in self._order:
            for chooser in (other, *other.fields):
                source = chooser.options_from
                if source is None or split_path(source.list) != _field_path(question):
                    continue
                old_item, new_item = old_items[index], self._items(question)[index]
                old = old_item.get(source.value) if isinstance(old_item, dict) else None
                new = new_item.get(source.value) if isinstance(new_item, dict) else None
                if old is not None and old != new:
                    self._replace_choice(other, chooser, old, new)

    def _replace_choice(self, question: Question, chooser: Question, old: Any, new: Any) -> None:
        paths = [_field_path(question)] if chooser is question else [
            (*_field_path(question), i, *_field_path(chooser)) for i in range(len(self._items(question)))
        ]
        for path in paths:
            found, value = _get(self._answers, path)
            if found and isinstance(value, list) and old in value:
                _get(self._answers, path[:-1])[1][path[-1]] = [new if v == old else v for v in value]

    def _prune(self, before: dict[str, Any], skip: str | None = None, just_answered: tuple[str, int | None] | None = None) -> list[Dropped]:
        """Remove the answers an edit made inapplicable, not among the choices any more, or invalid."""
        applied_before = {q.id for _, q in self._order if holds(q.when, _Context(before))}
        dropped = self._prune_all(before, skip, just_answered)
        # A default the file implied holds only while its question kept applying: a question that comes back is asked.
        self._defaulted &= applied_before & {question.id for question in self._applicable()}
        return dropped

    def _prune_all(self, before: dict[str, Any], skip: str | None, just_answered: tuple[str, int | None] | None) -> list[Dropped]:
        dropped: list[Dropped] = []
        done: set[_Key] = set()
        errors_before = self._errors
        for _round in range(len(self._order) + 1):
            removed = self._prune_inapplicable(before, skip, done, dropped)
            removed |= self._prune_choices(before, skip, done, dropped)
            removed |= self._prune_invalid(before, errors_before, skip, just_answered, done, dropped)
            if not removed:
                break
        return dropped

    def _leaves(self, data: dict[str, Any]) -> list[tuple[_Key, Question, Question | None, Path]]:
        """Every answer in `data`: its key, its question, its record (for a sub-question) and its path."""
        leaves = []
        for _, question in self._order:
            own = _field_path(question)
            if not _get(data, own)[0]:
                continue
            leaves.append(((question.id, None, None), question, None, own))
            if question.kind == "record":
                for index, item in enumerate(self._items_in(data, question)):
                    for sub in question.fields:
                        if isinstance(item, dict) and _get(item, _field_path(sub))[0]:
                            leaves.append(((question.id, index, sub.id), sub, question, (*own, index, *_field_path(sub))))
        return leaves

    def _leaf_applies(self, data: dict[str, Any], question: Question, record: Question | None, key: _Key) -> bool:
        top = record or question
        if not holds(top.when, _Context(data)):
            return False
        if record is None:
            return True
        items = self._items_in(data, record)
        index = key[1]
        if index is None or index >= len(items) or not isinstance(items[index], dict):
            return False
        return holds(question.when, _Context(data, items[index], _item_model(record)))

    def _prune_inapplicable(self, before: dict[str, Any], skip: str | None, done: set[_Key], dropped: list[Dropped]) -> bool:
        removed = False
        for key, question, record, path in self._leaves(before):
            if key in done or key[0] == skip or not question.prune or (record and (record.id, None, None) in done):
                continue
            if self._leaf_applies(before, question, record, key) and not self._leaf_applies(self._answers, question, record, key):
                done.add(key)
                value = _get(before, path)[1]
                if _answered(value):  # a question skipped or answered "none" loses nothing worth a message
                    dropped.append(Dropped(question, value, key[1], record))
                _delete(self._answers, path, self._keep)
                removed = True
        return removed

    def _prune_choices(self, before: dict[str, Any], skip: str | None, done: set[_Key], dropped: list[Dropped]) -> bool:
        removed = False
        for key, question, record, path in self._leaves(self._answers):
            if key in done or key[0] == skip or question.kind not in ("single_choice", "multi_choice"):
                continue
            was, now = self._allowed(before, question, record, key), self._allowed(self._answers, question, record, key)
            value = _get(self._answers, path)[1]
            chosen = value if isinstance(value, list) else [value]
            lost = [v for v in chosen if v in was and v not in now]
            if not lost:
                continue
            done.add(key)
            dropped.append(Dropped(question, lost if isinstance(value, list) else value, key[1], record))
            kept = [v for v in chosen if v not in lost]
            if isinstance(value, list) and kept:
                _get(self._answers, path[:-1])[1][path[-1]] = kept
            else:
                _delete(self._answers, path, self._keep)
            removed = True
        return removed

    def _allowed(self, data: dict[str, Any], question: Question, record: Question | None, key: _Key) -> set[str]:
        if record is None:
            return {option.value for option in self._options(question, _Context(data))}
        items = self._items_in(data, record)
        item = items[key[1]] if key[1] is not None and key[1] < len(items) and isinstance(items[key[1]], dict) else {}
        return {option.value for option in self._options(question, _Context(data, item, _item_model(record)))}

    def _prune_invalid(
        self,
        before: dict[str, Any],
        errors_before: set[tuple[Any, ...]],
        skip: str | None,
        just_answered: tuple[str, int | None] | None,
        done: set[_Key],
        dropped: list[Dropped],
    ) -> bool:
        removed = False
        self._errors = _error_paths(self._answers)
        for path in sorted(self._errors - errors_before, key=len, reverse=True):
            key = self._key_at(path, self._answers)
            if key is None or key in done or key[0] == skip or (just_answered and key[:2] == just_answered):
                continue
            question = self.questionnaire.question(key[0])
            leaf_question = question.sub(key[2]) if key[2] is not None else question
            leaf_path = (*_field_path(question), key[1], *_field_path(leaf_question)) if key[2] is not None else _field_path(question)
            done.add(key)
            dropped.append(Dropped(leaf_question, _get(self._answers, leaf_path)[1], key[1], question if key[2] else None))
            _delete(self._answers, leaf_path, self._keep)
            removed = True
        return removed

    def _question_paths(self) -> set[Path]:
        """Optional parts a yes/no opens: emptied, they stay (an empty `dpo: {}` still means "yes, we have one")."""
        return {_field_path(q) for _, q in self._order if _is_gate(q, resolve(q.field))}


def _country_name(code: str, lang: str) -> str:
    from babel import Locale

    return Locale.parse(lang).territories.get(code, code)


def _in_item(params: dict[str, Any], list_path: Path, index: int, target: Target) -> dict[str, Any]:
    """A sub-question's message names the field inside its item, as `seloste check` would: purposes[2].basis."""
    return {**params, "field": display_path((*list_path, index, *target.path))}


def _first_problem(candidate: dict[str, Any], path: Path) -> Rejection | None:
    """The answers model's objection to the value at `path` (or inside it), if it has one. Rules across
    fields are for the review."""
    if not any(error[: len(path)] == path for error in _error_paths(candidate, missing=True)):
        return None
    report = check_data(candidate)  # the same objection in the words of `seloste check`
    for diagnostic in report.diagnostics:
        if diagnostic.path[: len(path)] == path:
            return Rejection(diagnostic.code, diagnostic.params)
    return None


def _error_paths(data: dict[str, Any], missing: bool = False) -> set[tuple[Any, ...]]:
    """Where the answers model finds a wrong value (and, with `missing`, a value left out)."""
    try:
        Answers.model_validate(data)
    except ValidationError as invalid:
        return {tuple(e["loc"]) for e in invalid.errors(include_url=False) if missing or e["type"] != "missing"}
    return set()


def _normalize(target: Target, value: Any, item: bool = False) -> Any:
    """The value as the answers model cleans it (a country name to its code, a date to 2026-11-22, ...)."""
    if value is None or isinstance(value, dict):
        return value
    adapter = target.item_adapter() if item else target.adapter()
    return adapter.dump_python(adapter.validate_python(value), mode="json")


def _normalize_if_valid(target: Target, value: Any, item: bool = False) -> Any:
    try:
        return _normalize(target, value, item)
    except ValidationError:
        return value


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


__all__ = ["Dropped", "Interview", "InterviewError", "Rejection", "Step", "holds", "retention_uncovered"]
