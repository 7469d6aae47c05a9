"""The notice pipeline: checked answers -> applicable clauses -> coverage -> Markdown (-> other formats).

A notice with an applicable Art. 13/14 item missing is refused unless the caller allows it; then every gap is
marked visibly in the text, where the missing part belongs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from wizard.check import Report, describe
from wizard.coverage import ItemStatus, assess, missing
from wizard.localtext import localize
from wizard.notice import (
    Facts,
    RenderedClause,
    applicable_clauses,
    compute_facts,
    escape_markdown,
    labels,
    render_clauses,
)


@dataclass
class Notice:
    lang: str
    markdown: str
    statuses: list[ItemStatus]
    facts: Facts
    title: str
    sections: list[tuple[str, str]]  # (clause id, its Markdown with any gap note), in the notice's order


class Incomplete(Exception):
    """Applicable items are missing; `statuses` says which and why."""

    def __init__(self, statuses: list[ItemStatus]) -> None:
        super().__init__([status.item.id for status in statuses])
        self.statuses = statuses


def assess_report(report: Report) -> tuple[Facts, list[ItemStatus]]:
    if report.answers is None:
        raise ValueError("answers that fail validation have no coverage")
    facts = compute_facts(report.answers)
    rendered = [(clause.id, clause.covers) for clause in applicable_clauses(facts)]
    return facts, assess(facts, rendered, report.errors)


def build_notice(
    report: Report,
    lang: str,
    allow_incomplete: bool = False,
    allow_mixed_language: bool = False,
    previous: dict[str, Any] | None = None,
) -> Notice:
    """The notice in `lang`. Raises Incomplete when an item GDPR requires is missing, and Untranslated when a
    text has no `lang` version; when allowed, each gap is marked, and such a text is shown as written and
    marked with its language ("(in Finnish)"). `previous` is the answers data of the previous version: the
    changes section then lists what changed since it."""
    facts, statuses = assess_report(report)
    gaps = missing(statuses)
    if gaps and not allow_incomplete:
        raise Incomplete(gaps)
    assert report.multilingual is not None
    answers = localize(report.multilingual, lang, allow_mixed=allow_mixed_language)
    since = None
    if previous is not None:
        from wizard.versions import previous_version

        since = previous_version(previous, report.data or {}, lang)
    parts = render_clauses(answers, lang, incomplete=bool(gaps), facts=facts, previous=since)
    sections = [(part.clause.id, text) for part, text in zip(parts, _with_gap_notes(parts, gaps, lang))]
    markdown = join_layers(sections, {part.clause.id for part in parts if part.clause.first_layer})
    title = plain_title(parts[0].markdown) if parts else answers.processing.name
    return Notice(lang, markdown, statuses, facts, title, sections)


# Ends the first layer (the title and the essentials): the HTML page puts its table of contents there.
LAYER_BREAK = "---\n"


def join_layers(sections: list[tuple[str, str]], first_layer: set[str]) -> str:
    """The notice's Markdown: the first layer's sections, a thematic break, then the details."""
    opening = [text for clause_id, text in sections if clause_id in first_layer]
    details = [text for clause_id, text in sections if clause_id not in first_layer]
    return "\n".join([*opening, LAYER_BREAK, *details] if opening and details else opening + details)


def plain_title(markdown: str) -> str:
    """The notice's `#` heading as plain text: CommonMark backslash escapes undone (for <title>, Word's title)."""
    heading = markdown.splitlines()[0].lstrip("#").strip()
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", heading)


def _with_gap_notes(parts: list[RenderedClause], gaps: list[ItemStatus], lang: str) -> list[str]:
    """Each clause's Markdown, with a visible note after the clause that should have given a missing item."""
    notes: dict[str, list[str]] = {}
    for status in gaps:
        home = next((p.clause.id for p in parts if status.item.id in p.clause.covers), parts[0].clause.id)
        notes.setdefault(home, []).append(_gap_note(status, lang))
    return [part.markdown + "".join(notes.get(part.clause.id, [])) for part in parts]


def _gap_note(status: ItemStatus, lang: str) -> str:
    text = labels(lang)
    reasons = " ".join(describe(d.code, d.params, lang)["message"] for d in status.problems)
    label = f"**{escape_markdown(text['gap'])}: {escape_markdown(text['item'][status.item.id])}**"
    return f"\n{label}" + (f" {escape_markdown(reasons)}" if reasons else "") + "\n"
