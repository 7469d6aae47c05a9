"""Conditions: when a question, an option or a rejection applies, as data, and whether it holds.

A question file writes a condition on earlier answers (`field: dpo, answered: true`), never code. Inside a
record a path is relative to the item being filled; a leading `/` starts from the top of the answers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, model_validator

from wizard.answers import Answers
from wizard.fieldpath import PATH_PATTERN, split_path, value_at
from wizard.fieldtypes import resolve
from wizard.law import ADEQUATE_COUNTRIES, is_in_eea


class Definition(BaseModel):
    """A piece of a question file: unknown keys are refused, and it does not change once read."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class FieldIs(Definition):
    """A test on one answer. `field` is a dotted path; `[*]` looks at every item of a list (the test holds if
    any item passes; `contains` looks for a value among them). Inside a record a path is relative to the item;
    a leading `/` starts from the top of the answers."""

    field: str = Field(pattern=PATH_PATTERN)
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


class AllOf(Definition):
    all: tuple[Condition, ...] = Field(min_length=1)


class AnyOf(Definition):
    any: tuple[Condition, ...] = Field(min_length=1)


class Not(Definition):
    not_: Condition = Field(alias="not")


class Computed(Definition):
    """A fact that joins answers, computed below: `retention_uncovered` holds when some kind of data has no
    retention period of its own and not all of its purposes have one."""

    computed: Literal["retention_uncovered", "recipient_outside_eea"]


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


# --- whether a condition holds ------------------------------------------------------------------------------


@dataclass
class Scope:
    """The answers a condition reads: the whole mapping, and inside a record's form the item being filled."""

    root: dict[str, Any]
    item: dict[str, Any] | None = None
    item_model: type[BaseModel] | None = None


def lookup(data: Any, model: type[BaseModel], parts: tuple[str, ...]) -> Any:
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


def values_at(scope: Scope, path: str, defaults: bool = True) -> list[Any]:
    """The answers a path reads (one per item where it has `[*]`); with `defaults`, a field left out reads as
    the model's default."""
    absolute = path.startswith("/") or scope.item is None
    data: Any = scope.root if absolute else scope.item
    model = Answers if absolute else scope.item_model or Answers
    parts = split_path(path)
    if "*" not in parts:
        return [lookup(data, model, parts) if defaults else value_at(data, parts)[1]]
    nodes = [data]
    for part in parts:
        if part == "*":
            nodes = [item for node in nodes if isinstance(node, list) for item in node]
        else:
            nodes = [node[part] for node in nodes if isinstance(node, dict) and part in node]
    return nodes


def is_answered(value: Any) -> bool:
    """Someone gave an answer: not skipped (null), not "none" (an empty list), not empty text."""
    return value is not None and value != [] and value != ""


def holds(condition: Condition | None, scope: Scope) -> bool:
    """Whether a condition holds for the answers in `scope`; no condition always holds."""
    if condition is None:
        return True
    if isinstance(condition, AllOf):
        return all(holds(part, scope) for part in condition.all)
    if isinstance(condition, AnyOf):
        return any(holds(part, scope) for part in condition.any)
    if isinstance(condition, Not):
        return not holds(condition.not_, scope)
    if isinstance(condition, Computed):
        return COMPUTED_FACTS[condition.computed](scope.root)
    # "answered" asks whether someone answered, so a default the model would fill in does not count.
    return _passes(condition, values_at(scope, condition.field, defaults=condition.test != "answered"))


def _passes(condition: FieldIs, values: list[Any]) -> bool:
    test = condition.test
    if test == "answered":
        return any(is_answered(value) for value in values) == condition.answered
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


def recipient_outside_eea(answers: dict[str, Any]) -> bool:
    """A recipient handles the data in a country outside the EU/EEA: some data do leave it (GDPR Art. 44)."""
    recipients = answers.get("recipients")
    return isinstance(recipients, list) and any(
        isinstance(recipient, dict) and isinstance(recipient.get("country"), str) and not is_in_eea(recipient["country"])
        for recipient in recipients
    )


COMPUTED_FACTS: dict[str, Callable[[dict[str, Any]], bool]] = {
    "retention_uncovered": retention_uncovered,
    "recipient_outside_eea": recipient_outside_eea,
}
