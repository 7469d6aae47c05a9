"""What an edit takes with it: answers to questions that no longer apply, choices no longer offered, values
the answers model now refuses; and a purpose's new id followed by the data that pointed at the old one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from wizard.conditions import Scope, holds, is_answered
from wizard.fieldpath import FieldPath, delete_at, split_path, value_at
from wizard.fieldtypes import resolve
from wizard.kinds import CHOICE_KINDS, error_paths, is_gate, offered_options
from wizard.questionnaire import Question
from wizard.sheet import AnswerSheet, Key, field_path, item_model, items_in

JustAnswered = tuple[str, int | None]  # (question id, item): kept even if the model now refuses it


@dataclass(frozen=True)
class Dropped:
    """An answer removed because an edit made it no longer apply (or no longer valid)."""

    question: Question
    value: Any
    item: int | None = None  # which item of a record, for a sub-question
    record: Question | None = None  # the record question a sub-question belongs to


class Pruner:
    """Keeps the sheet's answers consistent after each change, and says what it removed."""

    def __init__(self, sheet: AnswerSheet) -> None:
        self.sheet = sheet
        # Optional parts a yes/no opens: emptied, they stay (an empty `dpo: {}` still means "yes, we have one").
        self.keep = {field_path(q) for _, q in sheet.order if is_gate(q, resolve(q.field))}
        self.errors = error_paths(sheet.answers)  # of the answers as they stand, kept between answers

    @property
    def answers(self) -> dict[str, Any]:
        return self.sheet.answers

    def prune(self, before: dict[str, Any], skip: str | None = None, just_answered: JustAnswered | None = None) -> list[Dropped]:
        """Remove the answers the change from `before` made inapplicable, not among the choices any more, or
        invalid; `skip` a question whose change is reported already."""
        dropped: list[Dropped] = []
        done: set[Key] = set()
        errors_before = self.errors
        for _round in range(len(self.sheet.order) + 1):
            # Worked out once per round (a round may remove what the options or conditions read), by the mapping's
            # id: `before` and the answers stay the same objects through one `prune`.
            self._offered: dict[tuple[int, str], set[str]] = {}
            self._applies: dict[tuple[int, str], bool] = {}
            removed = self._prune_inapplicable(before, skip, done, dropped)
            removed |= self._prune_choices(before, skip, done, dropped)
            removed |= self._prune_invalid(errors_before, skip, just_answered, done, dropped)
            if not removed:
                break
        return dropped

    def rename_references(self, question: Question, index: int, before: dict[str, Any]) -> None:
        """A purpose's id changed: the data that pointed at the old id point at the new one."""
        old_items = items_in(before, question)
        if index >= len(old_items):
            return
        for _, other in self.sheet.order:
            for chooser in (other, *other.fields):
                source = chooser.options_from
                if source is None or split_path(source.list) != field_path(question):
                    continue
                old_item, new_item = old_items[index], self.sheet.items(question)[index]
                old = old_item.get(source.value) if isinstance(old_item, dict) else None
                new = new_item.get(source.value) if isinstance(new_item, dict) else None
                if old is not None and old != new:
                    self._replace_choice(other, chooser, old, new)

    def _replace_choice(self, question: Question, chooser: Question, old: Any, new: Any) -> None:
        paths = [field_path(question)] if chooser is question else [
            (*field_path(question), i, *field_path(chooser)) for i in range(len(self.sheet.items(question)))
        ]
        for path in paths:
            found, value = value_at(self.answers, path)
            if found and isinstance(value, list) and old in value:
                value_at(self.answers, path[:-1])[1][path[-1]] = [new if v == old else v for v in value]

    def _leaves(self, data: dict[str, Any]) -> list[tuple[Key, Question, Question | None, FieldPath]]:
        """Every answer in `data`: its key, its question, its record (for a sub-question) and its path."""
        leaves: list[tuple[Key, Question, Question | None, FieldPath]] = []
        for _, question in self.sheet.order:
            own = field_path(question)
            if not value_at(data, own)[0]:
                continue
            leaves.append(((question.id, None, None), question, None, own))
            if question.kind == "record":
                for index, item in enumerate(items_in(data, question)):
                    for sub in question.fields:
                        if isinstance(item, dict) and value_at(item, field_path(sub))[0]:
                            leaves.append(((question.id, index, sub.id), sub, question, (*own, index, *field_path(sub))))
        return leaves

    def _leaf_applies(self, data: dict[str, Any], question: Question, record: Question | None, key: Key) -> bool:
        top = record or question
        memo = (id(data), top.id)  # asked for each of a list's items: the list's own condition once per round
        if memo not in self._applies:
            self._applies[memo] = holds(top.when, Scope(data))
        if not self._applies[memo]:
            return False
        if record is None:
            return True
        items = items_in(data, record)
        index = key[1]
        if index is None or index >= len(items) or not isinstance(items[index], dict):
            return False
        return holds(question.when, Scope(data, items[index], item_model(record)))

    def _prune_inapplicable(self, before: dict[str, Any], skip: str | None, done: set[Key], dropped: list[Dropped]) -> bool:
        removed = False
        for key, question, record, path in self._leaves(before):
            if key in done or key[0] == skip or not question.prune or (record and (record.id, None, None) in done):
                continue
            if self._leaf_applies(before, question, record, key) and not self._leaf_applies(self.answers, question, record, key):
                done.add(key)
                value = value_at(before, path)[1]
                if is_answered(value):  # a question skipped or answered "none" loses nothing worth a message
                    dropped.append(Dropped(question, value, key[1], record))
                delete_at(self.answers, path, self.keep)
                self._applies = {memo: holds for memo, holds in self._applies.items() if memo[0] != id(self.answers)}
                removed = True
        return removed

    def _prune_choices(self, before: dict[str, Any], skip: str | None, done: set[Key], dropped: list[Dropped]) -> bool:
        removed = False
        for key, question, record, path in self._leaves(self.answers):
            if key in done or key[0] == skip or question.kind not in CHOICE_KINDS:
                continue
            was, now = self._allowed(before, question, record, key), self._allowed(self.answers, question, record, key)
            value = value_at(self.answers, path)[1]
            chosen = value if isinstance(value, list) else [value]
            lost = [v for v in chosen if v in was and v not in now]
            if not lost:
                continue
            done.add(key)
            dropped.append(Dropped(question, lost if isinstance(value, list) else value, key[1], record))
            kept = [v for v in chosen if v not in lost]
            if isinstance(value, list) and kept:
                value_at(self.answers, path[:-1])[1][path[-1]] = kept
            else:
                delete_at(self.answers, path, self.keep)
            removed = True
        return removed

    def _allowed(self, data: dict[str, Any], question: Question, record: Question | None, key: Key) -> set[str]:
        if question.options_from is not None:
            # The same for every item (the purposes a data category may name): worked out once, not once per
            # item, which made an answer's cost grow with the square of the items.
            memo = (id(data), question.id)
            if memo not in self._offered:
                self._offered[memo] = {option.value for option in offered_options(question, Scope(data))}
            return self._offered[memo]
        if record is None:
            return {option.value for option in offered_options(question, Scope(data))}
        items = items_in(data, record)
        item = items[key[1]] if key[1] is not None and key[1] < len(items) and isinstance(items[key[1]], dict) else {}
        return {option.value for option in offered_options(question, Scope(data, item, item_model(record)))}

    def _prune_invalid(
        self,
        errors_before: set[FieldPath],
        skip: str | None,
        just_answered: JustAnswered | None,
        done: set[Key],
        dropped: list[Dropped],
    ) -> bool:
        removed = False
        self.errors = error_paths(self.answers)
        for path in sorted(self.errors - errors_before, key=len, reverse=True):
            key = self.sheet.key_at(path, self.answers)
            if key is None or key in done or key[0] == skip or (just_answered and key[:2] == just_answered):
                continue
            question = self.sheet.questionnaire.question(key[0])
            leaf_question, leaf_path = question, field_path(question)
            if key[1] is not None and key[2] is not None:  # a sub-question of a record's item
                leaf_question = question.sub(key[2])
                leaf_path = (*leaf_path, key[1], *field_path(leaf_question))
            done.add(key)
            dropped.append(Dropped(leaf_question, value_at(self.answers, leaf_path)[1], key[1], question if key[2] else None))
            delete_at(self.answers, leaf_path, self.keep)
            removed = True
        return removed
