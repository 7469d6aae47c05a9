"""The live preview's text: the notice as it stands after each answer, split into its sections.

Complete answers give exactly what `seloste render --allow-incomplete` writes. Answers still being gathered
do not validate yet (the controller's e-mail, the purposes, ... are required), so every required part not yet
answered is shown as the notice's own gap marker ([PUUTTUU] / [MISSING]) instead. No Textual here: the chat
runs this in a worker thread, off the path of typing.
"""

from __future__ import annotations

import copy
import enum
import typing
from dataclasses import dataclass
from datetime import date
from typing import Any

from pydantic import BaseModel, ValidationError

from wizard.answers import Answers
from wizard.check import Report
from wizard.fieldtypes import bare_type, type_at
from wizard.notice import Md, applicable_clauses, compute_facts, environment, labels, render_clause, shared_context
from wizard.notice import template_context
from wizard.localtext import as_written, localize, without_form
from wizard.render import build_notice

MAX_FILL_ROUNDS = 16
# Formatted fields refuse the gap text; these validate, and the preview shows the gap marker in their place.
_FORMATTED_STAND_INS = ("00100", "missing@example.com", "https://example.com", "+358401234567")


@dataclass(frozen=True)
class NoticeSection:
    """One section of the notice (a heading and what follows it) as Markdown."""

    key: str
    markdown: str


def preview_sections(answers: dict[str, Any], lang: str) -> list[NoticeSection]:
    """The notice for `answers` in `lang`, section by section, gaps marked.

    Valid answers give the notice `seloste render --allow-incomplete` writes, from the same validated answers
    (`wizard.check.check_data`'s), without the check's rules and translation findings, which a notice does not
    show (they took more than half of each preview's time)."""
    data = copy.deepcopy(answers)  # the gaps are filled in this copy
    try:
        by_language = Answers.model_validate(data)
    except ValidationError as invalid:
        partial = _with_gaps_marked(data, lang, invalid)
        if partial is None:
            return []
        return split_sections("\n".join(_render_partial(localize(partial, lang, allow_mixed=True), lang)))
    report = Report(as_written(by_language), [], by_language=by_language)
    notice = build_notice(report, lang, allow_incomplete=True, allow_mixed_language=True)
    return split_sections(notice.markdown)


def split_sections(markdown: str) -> list[NoticeSection]:
    """Cut at each heading of level 1 or 2, so a changed answer re-renders only its own section."""
    sections: list[list[str]] = []
    for line in markdown.splitlines():
        if not sections or line.startswith(("# ", "## ")):
            sections.append([])
        sections[-1].append(line)
    return [NoticeSection(f"{index}:{lines[0]}", "\n".join(lines).strip() + "\n") for index, lines in enumerate(sections)]


# --- answers still incomplete ---------------------------------------------------------------------------------


def _render_partial(answers: Answers, lang: str) -> list[str]:
    """Each applicable clause; one that cannot be written yet shows only the gap marker."""
    facts = compute_facts(answers)
    context = shared_context(environment(lang, True), template_context(answers, lang, facts))
    parts = []
    for clause in applicable_clauses(facts):
        try:
            parts.append(render_clause(clause, context, lang, incomplete=True))
        except Exception:  # a template met a value still unanswered: mark the gap, keep the rest of the notice
            parts.append(f"**\\[{labels(lang)['gap']}\\]**\n")
    return parts


def _with_gaps_marked(data: dict[str, Any], lang: str, error: ValidationError) -> Answers | None:
    """Valid answers in which every unanswered required part holds a stand-in, then the gap marker. `data` (a
    copy, filled in place) failed validation with `error`."""
    gap_text = f"[{labels(lang)['gap']}]"
    later: dict[tuple, Any] = {}
    for _ in range(MAX_FILL_ROUNDS - 1):
        if not _fill(data, error, gap_text, later):
            return None
        try:
            model = Answers.model_validate(data)
        except ValidationError as again:
            error = again
            continue
        for loc, value in sorted(later.items(), key=lambda item: -len(item[0])):  # items before their lists
            _assign(model, loc, value)
        return model
    return None


def _fill(data: dict[str, Any], error: ValidationError, gap_text: str, later: dict[tuple, Any]) -> bool:
    """Put a stand-in where each required part is missing; False when an error is of another kind."""
    filled = False
    for problem in error.errors():
        loc = without_form(tuple(problem["loc"]))
        if problem["type"] == "missing":
            stand_in, shown = _stand_in(type_at(loc), loc, gap_text)
            _put(data, loc, stand_in)
            if shown is not _KEEP:
                later[loc] = shown
            filled = True
        elif loc in later or _get(data, loc) == gap_text:  # a formatted field refused the stand-in
            tried = later.setdefault(loc, Md(f"**\\{gap_text[:-1]}\\]**"))
            index = _FORMATTED_STAND_INS.index(_get(data, loc)) + 1 if _get(data, loc) in _FORMATTED_STAND_INS else 0
            if index >= len(_FORMATTED_STAND_INS):
                return False
            _put(data, loc, _FORMATTED_STAND_INS[index])
            later[loc] = tried
            filled = True
        elif problem["type"] == "too_short":
            items = _get(data, loc)
            if items is _ABSENT:  # a list left out stands for its default, an empty one (marketing's channels)
                items = []
                _put(data, loc, items)
            if not isinstance(items, list):
                continue
            item_type = typing.get_args(type_at(loc))
            stand_in, _ = _stand_in(item_type[0] if item_type else str, loc, gap_text)
            items.append(stand_in)
            later[loc] = []  # shown empty: an invented item would read as a fact
            filled = True
    return filled


_KEEP = object()


def _stand_in(annotation: Any, loc: tuple, gap_text: str) -> tuple[Any, Any]:
    """A value that validates, and what the preview shows instead (_KEEP: the value itself)."""
    kind = bare_type(annotation)
    if isinstance(kind, type) and issubclass(kind, BaseModel):
        return {}, _KEEP
    if typing.get_origin(kind) is list:
        return [], _KEEP
    if kind is bool:
        return False, _KEEP
    if kind is date:
        return date.today().isoformat(), _KEEP
    if typing.get_origin(kind) is typing.Literal:
        return typing.get_args(kind)[0], None
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        return next(iter(kind)).value, None
    if loc and loc[-1] == "id":
        return "gap", _KEEP
    return gap_text, _KEEP


_ABSENT = object()  # `_get` of a part the answers leave out


def _get(data: Any, loc: tuple) -> Any:
    for step in loc:
        try:
            data = data[step]
        except (KeyError, IndexError, TypeError):
            return _ABSENT
    return data


def _put(data: Any, loc: tuple, value: Any) -> None:
    for step in loc[:-1]:
        data = data[step]
    data[loc[-1]] = value


def _assign(model: Any, loc: tuple, value: Any) -> None:
    for step in loc[:-1]:
        model = model[step] if isinstance(step, int) else getattr(model, step)
    if isinstance(loc[-1], int):
        model[loc[-1]] = value
    else:
        object.__setattr__(model, loc[-1], value)
