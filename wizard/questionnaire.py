"""The questionnaire: the interview's sections and questions as data (`questions/*.yaml`), validated here.

Each file is one section, numbered in the order of the conversation. A question names the answers field it
fills (`field: controller.name`; inside a record, relative to the item), its kind, its prompt and help, and
when it applies: a declarative condition on earlier answers, never code. Loading checks every field against
`wizard.answers.Answers`, every option against the field's own type, and every condition against fields that
earlier questions fill, so a typo in a question file fails at once with its file and line.

Texts are English gettext msgids; `wizard.questions_i18n` extracts them for the Finnish catalog.
"""

from __future__ import annotations

import re
import types
import typing
from dataclasses import dataclass
from enum import Enum
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError, model_validator
from pydantic.fields import FieldInfo

from wizard.answers import Answers
from wizard.fields import check_business_id, check_country, check_email, check_phone, check_website
from wizard.loader import Loaded, ReadProblem, parse
from wizard.messages import TEXTS
from wizard.resources import data_dir

Kind = Literal[
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
CHOICE_KINDS = frozenset({"single_choice", "multi_choice"})
REPEATING_KINDS = frozenset({"record", "list"})
TODAY = "today"  # the suggested default of a date question that means the day of the interview
COUNTRY_GROUPS = ("eea", "adequacy")
COMPUTED = ("retention_uncovered",)

_PATH = r"^/?[a-z_]+(\[\*\])?(\.[a-z_]+(\[\*\])?)*$"


class _Definition(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


# --- conditions ----------------------------------------------------------------------------------------


class FieldIs(_Definition):
    """A test on one answer. `field` is a dotted path; `[*]` looks at every item of a list (the test holds if
    any item passes; `contains` looks for a value among them). Inside a record a path is relative to the item;
    a leading `/` starts from the top of the answers."""

    field: str = Field(pattern=_PATH)
    equals: str | bool | None = None
    in_: tuple[str, ...] | None = Field(None, alias="in")
    contains: str | bool | None = None
    answered: bool | None = None  # the answer is there and is not "none" (null or an empty list)
    in_group: Literal["eea", "adequacy"] | None = None  # a country inside the EU/EEA, or with an adequacy decision

    @model_validator(mode="after")
    def _one_test(self) -> FieldIs:
        tests = self.model_fields_set - {"field"}
        if len(tests) != 1:
            raise ValueError(f"a condition on {self.field} needs exactly one of equals, in, contains, answered, in_group")
        return self

    @property
    def test(self) -> str:
        (name,) = self.model_fields_set - {"field"}
        return name


class AllOf(_Definition):
    all: tuple[Condition, ...] = Field(min_length=1)


class AnyOf(_Definition):
    any: tuple[Condition, ...] = Field(min_length=1)


class Not(_Definition):
    not_: Condition = Field(alias="not")


class Computed(_Definition):
    """A fact that joins answers, named here and computed in `wizard.engine`: `retention_uncovered` holds when
    some kind of data has no retention period of its own and not all of its purposes have one."""

    computed: Literal["retention_uncovered"]


Condition = Union[FieldIs, AllOf, AnyOf, Not, Computed]
for _model in (AllOf, AnyOf, Not):
    _model.model_rebuild()


def condition_fields(condition: Condition | None) -> list[str]:
    """The field paths a condition reads."""
    if condition is None or isinstance(condition, Computed):
        return []
    if isinstance(condition, FieldIs):
        return [condition.field]
    if isinstance(condition, Not):
        return condition_fields(condition.not_)
    parts = condition.all if isinstance(condition, AllOf) else condition.any
    return [path for part in parts for path in condition_fields(part)]


# --- questions -----------------------------------------------------------------------------------------


class Help(_Definition):
    """What "I'm not sure" opens: why we ask, the article behind it, and an example answer."""

    why: str
    article: str
    example: str


class Option(_Definition):
    value: str
    label: str
    hint: str | None = None
    when: Condition | None = None  # the option is offered only when this holds (e.g. dpf only for the US)


class OptionsFrom(_Definition):
    """Choices made from earlier answers: one option per item of a record list."""

    list: str = Field(pattern=_PATH)
    value: str
    label: str


class Reject(_Definition):
    """An answer that would make the answers contradict themselves, refused with a `wizard.messages` code."""

    when: Condition
    code: str


class Question(_Definition):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    kind: Kind
    field: str = Field(pattern=r"^[a-z_]+(\.[a-z_]+)*$")
    prompt: str
    help: Help
    note: str | None = None  # a comment for translators
    options: tuple[Option, ...] = ()
    options_from: OptionsFrom | None = None
    when: Condition | None = None
    optional: bool = False  # may be left empty: the answer is then "not given"
    default: str | bool | None = None  # suggested answer; `today` for a date
    default_from: str | None = None  # left empty, an id is made from this sibling's answer
    fields: tuple[Question, ...] = ()  # a record's small form
    ask_first: str | None = None  # a yes/no before the first item: the list may stay empty
    ask_another: str | None = None  # the yes/no after each item
    summary: tuple[str, ...] = ()  # a record's sub-questions that sum up an item in the transcript
    unique: str | None = None  # a message code: two items may not give the same answer
    reject: tuple[Reject, ...] = ()
    prune: bool = True  # false: an answer is kept when the question stops applying (still true, no longer needed)

    @property
    def repeating(self) -> bool:
        return self.kind in REPEATING_KINDS

    def sub(self, sub_id: str) -> Question:
        for question in self.fields:
            if question.id == sub_id:
                return question
        raise KeyError(sub_id)

    @model_validator(mode="after")
    def _shape(self) -> Question:
        problems = []
        if (self.kind in CHOICE_KINDS) != bool(self.options or self.options_from):
            problems.append("choice questions, and only they, need options or options_from")
        if (self.kind == "record") != bool(self.fields):
            problems.append("record questions, and only they, need fields")
        if self.repeating and not self.ask_another:
            problems.append("a record or list question needs ask_another")
        if not self.repeating and (self.ask_first or self.ask_another or self.summary):
            problems.append("ask_first, ask_another and summary belong to record and list questions")
        if any(question.repeating for question in self.fields):
            problems.append("a record cannot hold another record or list")
        if self.summary and not set(self.summary) <= {question.id for question in self.fields}:
            problems.append("summary names a sub-question the record does not have")
        if self.default == TODAY and self.kind != "date":
            problems.append("the default `today` is for date questions")
        if self.unique is not None and self.unique not in TEXTS:
            problems.append(f"unique: {self.unique} is not a message code")
        problems += [f"reject: {rule.code} is not a message code" for rule in self.reject if rule.code not in TEXTS]
        ids = [question.id for question in self.fields]
        problems += [f"sub-question id {i} is used twice" for i in sorted({i for i in ids if ids.count(i) > 1})]
        if problems:
            raise ValueError("; ".join(problems))
        return self


class Section(_Definition):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    title: str
    intro: str | None = None
    note: str | None = None
    questions: tuple[Question, ...] = Field(min_length=1)


Question.model_rebuild()


class QuestionnaireError(Exception):
    """The question files are wrong: a message per problem, each with its file and line where known."""


@dataclass(frozen=True)
class Questionnaire:
    sections: tuple[Section, ...]

    def __post_init__(self) -> None:
        problems = check_questionnaire(self)
        if problems:
            raise QuestionnaireError("\n".join(problems))

    def questions(self) -> list[tuple[Section, Question]]:
        return [(section, question) for section in self.sections for question in section.questions]

    def question(self, question_id: str) -> Question:
        return self._by_id[question_id][1]

    def section_of(self, question_id: str) -> Section:
        return self._by_id[question_id][0]

    @cached_property
    def _by_id(self) -> dict[str, tuple[Section, Question]]:
        return {question.id: (section, question) for section, question in self.questions()}


# --- the answers model, walked by field path ------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    """What a field path points at in the answers model."""

    path: tuple[str, ...]
    info: FieldInfo
    owner: type[BaseModel]

    @cached_property
    def annotation(self) -> Any:
        return self.info.annotation

    @cached_property
    def nullable(self) -> bool:
        return _unwrap_optional(self.annotation)[1]

    @cached_property
    def inner(self) -> Any:
        """The type without `| None` and without its validators."""
        return _bare(_unwrap_optional(self.annotation)[0])

    @cached_property
    def section_model(self) -> type[BaseModel] | None:
        inner = self.inner
        return inner if isinstance(inner, type) and issubclass(inner, BaseModel) else None

    @cached_property
    def item_type(self) -> Any:
        """The item type of a list field, else None."""
        inner = self.inner
        return _bare(typing.get_args(inner)[0]) if typing.get_origin(inner) is list else None

    @cached_property
    def item_model(self) -> type[BaseModel] | None:
        item = self.item_type
        return item if isinstance(item, type) and issubclass(item, BaseModel) else None

    @cached_property
    def required(self) -> bool:
        return self.info.is_required()

    def default(self) -> Any:
        """The model's default, as the answers file would hold it."""
        if self.info.is_required():
            return None
        value = self.info.get_default(call_default_factory=True)
        if isinstance(value, BaseModel):
            return value.model_dump(mode="json")
        if isinstance(value, Enum):
            return value.value
        return value

    def adapter(self) -> TypeAdapter[Any]:
        return _adapter(self.owner, self.path[-1])

    def item_adapter(self) -> TypeAdapter[Any]:
        """Checks and cleans one item of a list field with the item's own validators."""
        return TypeAdapter(typing.get_args(self.inner)[0])

    def validators(self) -> set[Any]:
        inner = _unwrap_optional(self.annotation)[0]
        metadata = [*self.info.metadata, *(typing.get_args(inner)[1:] if typing.get_origin(inner) is typing.Annotated else ())]
        return {getattr(item, "func", None) for item in metadata}


@lru_cache(maxsize=None)
def _adapter(owner: type[BaseModel], name: str) -> TypeAdapter[Any]:
    info = owner.model_fields[name]
    return TypeAdapter(typing.Annotated[info.annotation, *info.metadata] if info.metadata else info.annotation)


def _bare(annotation: Any) -> Any:
    """`Annotated[str, ...]` -> `str`."""
    return typing.get_args(annotation)[0] if typing.get_origin(annotation) is typing.Annotated else annotation


def _unwrap_optional(annotation: Any) -> tuple[Any, bool]:
    if typing.get_origin(annotation) in (Union, types.UnionType):
        args = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
        if len(args) == 1:
            return args[0], len(args) < len(typing.get_args(annotation))
    return annotation, False


@lru_cache(maxsize=None)
def split_path(path: str) -> tuple[str, ...]:
    """`purposes[*].basis` -> ("purposes", "*", "basis")."""
    return tuple(part for piece in path.lstrip("/").split(".") for part in piece.replace("[*]", ".*").split("."))


@lru_cache(maxsize=None)
def resolve(path: str | tuple[str, ...], model: type[BaseModel] = Answers) -> Target:
    """The field a path points at; `*` steps into the items of a list. Raises KeyError for a wrong path."""
    parts = split_path(path) if isinstance(path, str) else path
    names = [part for part in parts if part != "*"]
    if not names:
        raise KeyError(path)
    current: type[BaseModel] | None = model
    target: Target | None = None
    for index, part in enumerate(parts):
        if part == "*":
            if target is None or target.item_type is None:
                raise KeyError(path)
            current = target.item_model
            continue
        if current is None or part not in current.model_fields:
            raise KeyError(path)
        target = Target(tuple(p for p in parts[: index + 1] if p != "*"), current.model_fields[part], current)
        current = target.section_model
    assert target is not None
    return target


def _choice_type(target: Target, kind: str) -> Any:
    """The type each option value must be: the item type of a list, or the field's own."""
    return target.item_type if kind == "multi_choice" else target.inner


def _is_text(annotation: Any) -> bool:
    return annotation is str


_FORMAT_CHECKS = {
    "email": check_email,
    "phone": check_phone,
    "business_id": check_business_id,
    "website": check_website,
    "country": check_country,
}


def _kind_fits(question: Question, target: Target) -> str | None:
    """Why the question's kind cannot fill the field, or None."""
    kind = question.kind
    if kind in _FORMAT_CHECKS:
        return None if _FORMAT_CHECKS[kind] in target.validators() else f"{target.path[-1]} is not a {kind} field"
    if kind in ("text", "long_text", "postal_code"):
        return None if _is_text(target.inner) else f"{target.path[-1]} is not a text field"
    if kind == "date":
        from datetime import date

        return None if target.inner is date else f"{target.path[-1]} is not a date field"
    if kind == "yes_no":
        if target.inner is bool or (target.section_model is not None and target.nullable):
            return None
        return f"{target.path[-1]} is neither true/false nor an optional part of the file"
    if kind == "single_choice":
        return None if typing.get_origin(target.inner) is Literal or _is_enum(target.inner) else f"{target.path[-1]} has no fixed choices"
    if kind == "multi_choice":
        return None if target.item_type is not None and target.item_model is None else f"{target.path[-1]} is not a list of values"
    if kind == "record":
        return None if target.item_model is not None else f"{target.path[-1]} is not a list of records"
    if kind == "list":
        return None if target.item_type is str else f"{target.path[-1]} is not a list of texts"
    return f"unknown kind {kind}"


def _is_enum(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, Enum)


def check_questionnaire(questionnaire: Questionnaire) -> list[str]:
    """Every problem that would make the interview ask for something the answers file cannot hold."""
    problems: list[str] = []
    seen_ids: set[str] = set()
    filled: set[tuple[str, ...]] = set()
    section_ids = [section.id for section in questionnaire.sections]
    problems += [f"section id {i} is used twice" for i in sorted({i for i in section_ids if section_ids.count(i) > 1})]
    for _section, question in questionnaire.questions():
        where = f"question {question.id}"
        if question.id in seen_ids:
            problems.append(f"{where}: the id is used twice")
        seen_ids.add(question.id)
        problems += [f"{where}: {problem}" for problem in _check_question(question, Answers, filled, None, filled)]
        filled.add(split_path(question.field))
    return problems


def _check_question(
    question: Question,
    model: type[BaseModel],
    filled: set[tuple[str, ...]],
    record: Question | None,
    top_filled: set[tuple[str, ...]],
) -> list[str]:
    try:
        target = resolve(question.field, model)
    except KeyError:
        return [f"{question.field} is not a field of the answers"]
    problems = []
    if (why := _kind_fits(question, target)) is not None:
        problems.append(why)
    problems += _check_options(question, target)
    if question.optional and record is None and not (target.nullable or target.item_type is not None):
        problems.append(f"it is optional, but {question.field} cannot be left empty")
    if question.optional and record is not None and target.required:
        problems.append(f"it is optional, but {question.field} is required in each item")
    if question.ask_first and target.info.metadata and any(getattr(m, "min_length", 0) for m in target.info.metadata):
        problems.append(f"ask_first lets {question.field} stay empty, but the answers need at least one")
    if question.default is not None and question.default != TODAY and question.kind not in ("record", "list"):
        problems += _check_value(question, target, question.default, "default")
    if question.default_from is not None and (record is None or question.default_from not in {q.id for q in record.fields}):
        problems.append("default_from names no sub-question of its record")
    conditions = [question.when, *(option.when for option in question.options)]
    for path in (path for condition in conditions for path in condition_fields(condition)):
        problems += _check_condition_path(path, model, filled, record)
    for path in (path for rule in question.reject for path in condition_fields(rule.when)):
        if not _resolves(path, model, record):  # a rejection may look at answers given later, when one is edited
            problems.append(f"the rejection reads {path}, which is not a field")
    if question.options_from is not None:
        problems += _check_options_from(question.options_from, top_filled)
    if question.kind == "record" and target.item_model is not None:
        inner_filled: set[tuple[str, ...]] = set()
        for sub in question.fields:
            found = _check_question(sub, target.item_model, inner_filled, question, top_filled | {split_path(question.field)})
            problems += [f"{sub.id}: {problem}" for problem in found]
            inner_filled.add(split_path(sub.field))
    return problems


def _check_value(question: Question, target: Target, value: Any, what: str) -> list[str]:
    if question.kind == "yes_no":
        return [] if isinstance(value, bool) else [f"{what} {value!r} is not true/false"]
    annotation = _choice_type(target, question.kind) if question.kind in CHOICE_KINDS else target.inner
    try:
        TypeAdapter(annotation).validate_python(value)
    except ValidationError:
        return [f"{what} {value!r} is not a valid {target.path[-1]}"]
    return []


def _check_options(question: Question, target: Target) -> list[str]:
    if question.kind not in CHOICE_KINDS or not question.options:
        return []
    problems = []
    for option in question.options:
        problems += _check_value(question, target, option.value, "option")
    values = [option.value for option in question.options]
    problems += [f"option {v} is listed twice" for v in sorted({v for v in values if values.count(v) > 1})]
    return problems


def _resolves(path: str, model: type[BaseModel], record: Question | None) -> bool:
    try:
        resolve(path, Answers if path.startswith("/") or record is None else model)
    except KeyError:
        return False
    return True


def _check_condition_path(path: str, model: type[BaseModel], filled: set[tuple[str, ...]], record: Question | None) -> list[str]:
    absolute = path.startswith("/") or record is None
    if not _resolves(path, model, record):
        return [f"the condition reads {path}, which is not a field"]
    parts = tuple(part for part in split_path(path) if part != "*")
    if absolute and record is not None:
        return []  # a record may look at any answer before it; the order is checked at the top level
    if not any(parts[: len(done)] == done for done in filled):
        return [f"the condition reads {path}, which no earlier question fills"]
    return []


def _check_options_from(source: OptionsFrom, filled: set[tuple[str, ...]]) -> list[str]:
    try:
        target = resolve(source.list)
    except KeyError:
        return [f"options_from reads {source.list}, which is not a field"]
    if target.item_model is None or not {source.value, source.label} <= set(target.item_model.model_fields):
        return [f"options_from: {source.list} has no items with {source.value} and {source.label}"]
    if split_path(source.list) not in filled:
        return [f"options_from reads {source.list}, which no earlier question fills"]
    return []


# --- loading -------------------------------------------------------------------------------------------


def _validation_problems(error: ValidationError, loaded: Loaded, name: str) -> list[str]:
    out = []
    for problem in error.errors(include_url=False):
        line = loaded.line_of(tuple(problem["loc"]))
        where = f"{name} line {line}" if line else name
        out.append(f"{where}: {'.'.join(map(str, problem['loc']))}: {problem['msg']}")
    return out


def read_section(path: Path) -> Section:
    try:
        loaded = parse(path.read_text(encoding="utf-8"))
    except ReadProblem as problem:
        detail = problem.params.get("detail", problem.code)
        raise QuestionnaireError(f"{path.name} line {problem.line}: {detail}") from None
    try:
        return Section.model_validate(loaded.data)
    except ValidationError as error:
        raise QuestionnaireError("\n".join(_validation_problems(error, loaded, path.name))) from None


def question_files(folder: Path | None = None) -> list[Path]:
    return sorted((folder or data_dir("questions")).glob("*.yaml"))


@lru_cache(maxsize=4)
def _load(folder: Path) -> Questionnaire:
    files = question_files(folder)
    if not files:
        raise QuestionnaireError(f"no question files in {folder}")
    return Questionnaire(tuple(read_section(path) for path in files))


def load_questionnaire(folder: Path | None = None) -> Questionnaire:
    """The questionnaire from `questions/` (or `folder`); read once per folder."""
    return _load((folder or data_dir("questions")).resolve())


def slug(text: str, taken: set[str] | frozenset[str] = frozenset()) -> str:
    """A purpose id made from its description: `Tilausten käsittely` -> `tilausten_kasittely`."""
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    words = re.findall(r"[a-z0-9]+", ascii_text)
    base = "_".join(words)[:32].strip("_") or "purpose"
    if not base[0].isalpha():
        base = f"p_{base}"[:32]
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}_{number}", number + 1
    return candidate
