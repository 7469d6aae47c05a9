"""A demonstration's script: the answers of an example business, offered step by step as suggestions.

Every question is still asked in order; each step suggests the script's answer to it, in the shape
`Step.value` has when editing, so Enter steps through the example.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from wizard.fieldtypes import resolve
from wizard.kinds import normalize_if_valid
from wizard.questionnaire import Question, Questionnaire
from wizard.sheet import AnswerSheet, Mode, item_model


class Script:
    def __init__(self, questionnaire: Questionnaire, answers: dict[str, Any], text_language: Callable[[], str]) -> None:
        # Read as answers of their own, so the script's answers come out in the shape `Step.value` has, each
        # text in the language the interview writes its texts in (`text_language`).
        self.answers = copy.deepcopy(answers)
        self._sheet = AnswerSheet(questionnaire, self.answers, text_language)

    def answer(self, question: Question, item: int | None, mode: Mode) -> Any:
        """The script's answer to a step, or None where it has none. At the yes/no before a list's first item
        and after each item: whether the script has (more) items."""
        sheet = self._sheet
        if mode != "answer":
            if not sheet.present(question) and question.id not in sheet.defaulted:
                return None
            return len(sheet.items(question)) > (item or 0)
        value = sheet.value(question, item, mode)
        if value is None or question.kind == "yes_no":
            return value
        if question.kind == "record":
            model = item_model(question)
            form = {sub: normalize_if_valid(resolve(question.sub(sub).field, model), given) for sub, given in value.items()}
            return {**question.behaviour.default(question), **form}
        return normalize_if_valid(resolve(question.field), value, item=question.kind == "list")
