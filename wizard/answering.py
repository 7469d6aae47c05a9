"""Reading an answer: one question's, or a record's form (one purpose, one recipient, ...) as an item.

The question's kind reads the raw answer (`wizard.kinds`); the answers model then checks it where it would
stand, in the words of `seloste check`. A form's values are keyed by sub-question id; the item is keyed by
field as the answers file holds it. Which boxes show depends on what the form holds so far (a transfer's
safeguard only outside the EEA).
"""

from __future__ import annotations

import copy
from functools import partial
from typing import Any

from wizard.conditions import Scope, holds
from wizard.fieldpath import FieldPath, set_at, set_item, value_at
from wizard.fieldtypes import Target, resolve
from wizard.kinds import Rejection, as_bool, first_problem, is_gate, normalize, normalize_if_valid, offered_options
from wizard.questionnaire import Question, slug
from wizard.rules import display_path
from wizard.sheet import field_path, item_model, items_in


def loose_item(question: Question, values: dict[str, Any], answers: dict[str, Any] | None = None) -> dict[str, Any]:
    """A form's values as an item, as far as they can be read: for conditions while the user types. Only the
    boxes that apply count, in order, as in `read_item`: what is left in a box that a change hid (a transfer's
    ground, after the country was changed to one in the EU) decides nothing about the boxes after it."""
    model = item_model(question)
    assert model is not None
    item: dict[str, Any] = {}
    scope = Scope(answers or {}, item, model)
    for sub in question.fields:
        if not holds(sub.when, scope):  # a condition reads only the sub-questions before it
            continue
        raw = values.get(sub.id)
        if raw is None or raw == "" or raw == []:
            continue
        value = as_bool(raw) if sub.kind == "yes_no" else raw
        set_at(item, field_path(sub), normalize_if_valid(resolve(sub.field, model), value))
    return item


def item_scope(answers: dict[str, Any], question: Question, values: dict[str, Any]) -> Scope:
    """What the conditions inside a form read: the answers, and the item as typed so far."""
    return Scope(answers, loose_item(question, values, answers), item_model(question))


def read_answer(question: Question, raw: Any, answers: dict[str, Any], item: int | None) -> tuple[FieldPath, Any] | Rejection:
    """A raw answer to a question that is not a record (for a list: its item `item`), as the path and the
    cleaned value to put there, or why it cannot be taken."""
    target = resolve(question.field)
    path: FieldPath = field_path(question)
    if question.kind == "list":
        path = (*path, item or 0)
    scope = Scope(answers)
    parsed = question.behaviour.parse(question, target, raw, lambda: offered_options(question, scope), list_item=question.kind == "list")
    if isinstance(parsed, Rejection):
        return parsed
    if is_gate(question, target):
        current = value_at(answers, path)[1]
        return path, (current if isinstance(current, dict) else {}) if parsed else None
    candidate = copy_of_part(answers, str(path[0]))
    put(candidate, path, parsed)
    rejection = first_problem(candidate, path)
    if rejection is not None:
        return rejection
    value = normalize(target, parsed, item=question.kind == "list")
    put(candidate, path, value)
    for rule in question.reject:
        if holds(rule.when, Scope(candidate)):
            return Rejection(rule.code, {})
    return path, value


def copy_of_part(answers: dict[str, Any], part: str) -> dict[str, Any]:
    """The answers with a copy of the one part an answer goes into, to try the answer there: the other parts
    are shared, not copied (they are only read)."""
    candidate = dict(answers)
    if part in candidate:
        candidate[part] = copy.deepcopy(candidate[part])
    return candidate


def put(data: dict[str, Any], path: FieldPath, value: Any) -> None:
    """A list's item (the path ends in its index) or a field's value."""
    if isinstance(path[-1], int):
        set_item(data, path[:-1], path[-1], value)
    else:
        set_at(data, path, value)


def read_item(question: Question, raw: dict[str, Any], answers: dict[str, Any], index: int) -> tuple[FieldPath, Any] | Rejection:
    """The form's values as item `index` of the record list, checked by the answers model, or why not."""
    model = item_model(question)
    assert model is not None
    list_path = field_path(question)
    item: dict[str, Any] = {}
    scope = Scope(answers, item, model)
    for sub in question.fields:
        if not holds(sub.when, scope):
            continue
        target = resolve(sub.field, model)
        given = raw.get(sub.id)
        if sub.default_from is not None and (given is None or not str(given).strip()):
            given = _derived_id(question, answers, index, raw.get(sub.default_from))
        value = sub.behaviour.parse(sub, target, given, partial(offered_options, sub, scope))
        if isinstance(value, Rejection):
            return Rejection(value.message_code, _in_item(value.params, list_path, index, target), sub.id)
        if value is None or (value == [] and sub.optional):
            continue
        # Cleaned at once, so the sub-questions after it see e.g. `US` for "Yhdysvallat"; a value the model
        # refuses stays as typed, and the check below says what is wrong with it.
        set_at(item, field_path(sub), normalize_if_valid(target, value))
    candidate = copy_of_part(answers, str(list_path[0]))
    set_item(candidate, list_path, index, item)
    rejection = first_problem(candidate, (*list_path, index))
    if rejection is not None:
        return Rejection(rejection.message_code, rejection.params, _sub_at(question, rejection, list_path, index))
    duplicate = _duplicate(question, answers, index, item)
    if duplicate is not None:
        return duplicate
    return (*list_path, index), item


def _in_item(params: dict[str, Any], list_path: FieldPath, index: int, target: Target) -> dict[str, Any]:
    """A sub-question's message names the field inside its item, as `seloste check` would: purposes[2].basis."""
    return {**params, "field": display_path((*list_path, index, *target.path))}


def _derived_id(question: Question, answers: dict[str, Any], index: int, source: Any) -> str | None:
    if not isinstance(source, str) or not source.strip():
        return None
    id_sub = next(sub for sub in question.fields if sub.default_from is not None)
    taken = {
        item.get(id_sub.field) for i, item in enumerate(items_in(answers, question)) if i != index and isinstance(item, dict)
    }
    return slug(source, {value for value in taken if isinstance(value, str)})


def _duplicate(question: Question, answers: dict[str, Any], index: int, item: dict[str, Any]) -> Rejection | None:
    for sub in question.fields:
        if sub.unique is None:
            continue
        found, value = value_at(item, field_path(sub))
        others = [value_at(other, field_path(sub)) for i, other in enumerate(items_in(answers, question)) if i != index]
        if found and (True, value) in others:
            return Rejection(sub.unique, {"id": value, "value": value}, sub.id)
    return None


def _sub_at(question: Question, rejection: Rejection, list_path: FieldPath, index: int) -> str | None:
    shown = rejection.params.get("field", "")
    for sub in question.fields:
        own = display_path((*list_path, index, *field_path(sub)))
        if shown == own or shown.startswith((own + ".", own + "[")):
            return sub.id
    return None
