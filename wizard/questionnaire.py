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
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

from pydantic import BaseModel, Field, ValidationError, model_validator

from wizard.answers import Answers
from wizard.conditions import Condition, Definition, condition_fields
from wizard.diagnostics import TEXTS
from wizard.fieldpath import split_path
from wizard.fieldtypes import Target, resolve
from wizard.kinds import KINDS, TODAY, KindName, Option, OptionsFrom, QuestionKind
from wizard.loader import Loaded, ReadProblem, parse
from wizard.resources import data_dir

# --- questions -----------------------------------------------------------------------------------------


class Help(Definition):
    """What "I'm not sure" opens: why we ask, the article behind it, and an example answer."""

    why: str
    article: str
    example: str


class Reject(Definition):
    """An answer that would make the answers contradict themselves, refused with a `wizard.diagnostics` code."""

    when: Condition
    code: str


class Question(Definition):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    kind: KindName
    field: str = Field(pattern=r"^[a-z_]+(\.[a-z_]+)*$")
    prompt: str
    help: Help
    note: str | None = None  # a comment for translators
    options: tuple[Option, ...] = ()
    options_from: OptionsFrom | None = None
    when: Condition | None = None
    optional: bool = False  # may be left empty: the answer is then "not given"
    default: str | bool | None = None  # suggested answer; `today` for a date
    # Left empty, an id is made from this sibling's answer. The user names the item by that answer (a purpose by
    # its description): the review and the chat's findings do not show the id, which links the file's parts.
    default_from: str | None = None
    fields: tuple[Question, ...] = ()  # a record's small form
    ask_first: str | None = None  # a yes/no before the first item: the list may stay empty
    ask_another: str | None = None  # the yes/no after each item
    summary: tuple[str, ...] = ()  # a record's sub-questions that sum up an item in the transcript
    unique: str | None = None  # a message code: two items may not give the same answer
    reject: tuple[Reject, ...] = ()
    prune: bool = True  # false: an answer is kept when the question stops applying (still true, no longer needed)

    @property
    def behaviour(self) -> QuestionKind:
        """What its kind does: which fields it can fill, how it reads an answer, what it suggests."""
        return KINDS[self.kind]

    @property
    def repeating(self) -> bool:
        return self.behaviour.repeating

    def sub(self, sub_id: str) -> Question:
        for question in self.fields:
            if question.id == sub_id:
                return question
        raise KeyError(sub_id)

    @model_validator(mode="after")
    def _shape(self) -> Question:
        problems = []
        if self.behaviour.takes_options != bool(self.options or self.options_from):
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


class Section(Definition):
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
    if (why := question.behaviour.fits(target)) is not None:
        problems.append(why)
    problems += _check_options(question, target)
    if question.optional and record is None and not (target.nullable or target.item_type is not None):
        problems.append(f"it is optional, but {question.field} cannot be left empty")
    if question.optional and record is not None and target.required:
        problems.append(f"it is optional, but {question.field} is required in each item")
    if question.ask_first and target.info.metadata and any(getattr(m, "min_length", 0) for m in target.info.metadata):
        problems.append(f"ask_first lets {question.field} stay empty, but the answers need at least one")
    if question.default is not None and question.default != TODAY and question.kind not in ("record", "list"):
        problems += question.behaviour.check_value(target, question.default, "default")
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


def _check_options(question: Question, target: Target) -> list[str]:
    if not question.behaviour.takes_options or not question.options:
        return []
    problems = []
    for option in question.options:
        problems += question.behaviour.check_value(target, option.value, "option")
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
    base = words[0][:32] if words else "purpose"
    for word in words[1:]:  # whole words only, up to 32 characters
        if len(base) + 1 + len(word) > 32:
            break
        base = f"{base}_{word}"
    if not base[0].isalpha():
        base = f"p_{base}"[:32]
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}_{number}", number + 1
    return candidate
