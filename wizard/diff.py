"""`seloste diff A B`: what changed between two answers files, or between the two notices they make.

Answers are compared as data in the current layout (an old-layout file is upgraded first), so a file with
errors, half-finished, can be compared too; the comparison itself is `wizard.comparison`.
"""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass
from typing import Any, TextIO

from wizard.console import (
    EXIT_INVALID,
    EXIT_OK,
    EXIT_UNUSABLE,
    print_diagnostics,
    print_unusable,
    read_loaded,
    source_name,
)
from wizard.comparison import Change, compare
from wizard.i18n import _
from wizard.rules import display_path
from wizard.terminal import json_text, visible


@dataclass(frozen=True)
class Side:
    """One file read for comparing: its name, current-layout data and the layout it was written in."""

    name: str
    data: dict[str, Any]
    version: int


# --- reading -----------------------------------------------------------------------------------------------


def read_side(source: str, ui_lang: str, err: TextIO, stdin: Any) -> Side | None:
    """The file as current-layout data, or None after explaining on `err` why it cannot be read."""
    from wizard.check import Unreadable

    try:
        loaded, version = read_loaded(source, stdin)
    except Unreadable as problem:
        print_unusable(source, problem.diagnostic, ui_lang, err)
        return None
    return Side(source_name(source), loaded.data, version)


def cmd_diff(args: Any, ui_lang: str, out: TextIO, err: TextIO, stdin: Any) -> int:
    if args.notice and args.notice_lang is None:
        err.write(_("--notice needs the language of the notices: add --lang fi or --lang en.", ui_lang) + "\n")
        return EXIT_UNUSABLE
    if args.old == "-" and args.new == "-":
        err.write(_("Only one of the two files can be standard input (-).", ui_lang) + "\n")
        return EXIT_UNUSABLE
    old, new = read_side(args.old, ui_lang, err, stdin), read_side(args.new, ui_lang, err, stdin)
    if old is None or new is None:
        return EXIT_UNUSABLE
    if args.notice:
        return _notice_diff(old, new, args, ui_lang, out, err)
    sections = compare(old.data, new.data)
    if args.json:
        _write_json(old, new, sections, out)
    else:
        write_answers_diff(old, new, sections, ui_lang, out)
    return EXIT_INVALID if sections else EXIT_OK


# --- answers output ------------------------------------------------------------------------------------------


def shown(value: Any) -> str:
    """A value on one line: text in quotes, records and lists as compact JSON, escapes made visible."""
    return visible(json.dumps(value, ensure_ascii=False, separators=(", ", ": ")))


def write_answers_diff(old: Side, new: Side, sections: dict[str, list[Change]], lang: str, out: TextIO) -> None:
    _write_layout_notes((old, new), lang, out)
    if not sections:
        out.write(_("{old} and {new}: the answers are the same.", lang).format(old=old.name, new=new.name) + "\n")
        return
    labels = {"added": _("added", lang), "removed": _("removed", lang), "changed": _("changed", lang)}
    width = max(len(label) for label in labels.values())
    out.write(f"--- {old.name}\n+++ {new.name}\n")
    for section, changes in sections.items():
        out.write(f"\n{visible(section)}\n")
        for change in changes:
            if change.kind == "added":
                value = shown(change.new)
            elif change.kind == "removed":
                value = shown(change.old)
            else:
                value = f"{shown(change.old)} -> {shown(change.new)}"
            out.write(f"  {labels[change.kind]:<{width}}  {display_path(change.path)}: {value}\n")
    count = sum(len(changes) for changes in sections.values())
    out.write("\n" + _("{count} change(s) in {sections} section(s).", lang).format(count=count, sections=len(sections)) + "\n")


def _write_layout_notes(sides: tuple[Side, ...], lang: str, out: TextIO) -> None:
    from wizard.answers import SCHEMA_VERSION

    for side in sides:
        if side.version < SCHEMA_VERSION:
            note = _("Note: {file} uses the older layout {old}; it was compared as layout {new}.", lang)
            out.write(note.format(file=side.name, old=side.version, new=SCHEMA_VERSION) + "\n")


def _write_json(old: Side, new: Side, sections: dict[str, list[Change]], out: TextIO) -> None:
    result = {
        "old": {"file": old.name, "schema_version_read": old.version},
        "new": {"file": new.name, "schema_version_read": new.version},
        "same": not sections,
        "sections": [
            {"section": section, "changes": [_change_json(change) for change in changes]} for section, changes in sections.items()
        ],
    }
    out.write(json_text(result))


def _change_json(change: Change) -> dict[str, Any]:
    item: dict[str, Any] = {"change": change.kind, "field": display_path(change.path), "path": list(change.path)}
    if change.kind != "added":
        item["old"] = change.old
    if change.kind != "removed":
        item["new"] = change.new
    return item


# --- notices -------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ClauseChange:
    clause: str
    kind: str  # "added", "removed" or "changed"
    lines: list[str]


def clause_markdown(data: dict[str, Any], lang: str) -> list[tuple[str, str]] | None:
    """(clause id, Markdown) of the notice the data make, gaps marked; None when the answers have errors."""
    from wizard.check import check_data
    from wizard.render import build_notice

    report = check_data(data)
    if report.answers is None:
        return None
    return build_notice(report, lang, allow_incomplete=True, allow_mixed_language=True).sections


def compare_notices(old: list[tuple[str, str]], new: list[tuple[str, str]]) -> list[ClauseChange]:
    """Clause by clause, in the notice's order; each changed clause with its unified-diff lines."""
    old_ids, new_ids = [clause for clause, _text in old], [clause for clause, _text in new]
    changes: list[ClauseChange] = []
    matcher = difflib.SequenceMatcher(a=old_ids, b=new_ids, autojunk=False)
    for tag, a_start, a_end, b_start, b_end in matcher.get_opcodes():
        if tag == "equal":
            for (clause, before), (_clause, after) in zip(old[a_start:a_end], new[b_start:b_end]):
                if before != after:
                    lines = list(difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm=""))[2:]
                    changes.append(ClauseChange(clause, "changed", lines))
            continue
        changes += [ClauseChange(clause, "removed", ["-" + line for line in text.splitlines()]) for clause, text in old[a_start:a_end]]
        changes += [ClauseChange(clause, "added", ["+" + line for line in text.splitlines()]) for clause, text in new[b_start:b_end]]
    return changes


def _notice_diff(old: Side, new: Side, args: Any, ui_lang: str, out: TextIO, err: TextIO) -> int:
    notices = []
    for side in (old, new):
        clauses = clause_markdown(side.data, args.notice_lang)
        if clauses is None:
            from wizard.check import check_data

            report = check_data(side.data)
            print_diagnostics(side.name, report.diagnostics, EXIT_INVALID, side.version, ui_lang, err)
            err.write(_("{file} has errors, so it makes no notice to compare; `seloste diff` without --notice compares its answers.", ui_lang).format(file=side.name) + "\n")
            return EXIT_UNUSABLE
        notices.append(clauses)
    changes = compare_notices(*notices)
    if args.json:
        result = {
            "old": {"file": old.name, "schema_version_read": old.version},
            "new": {"file": new.name, "schema_version_read": new.version},
            "lang": args.notice_lang,
            "same": not changes,
            "clauses": [{"clause": c.clause, "change": c.kind, "diff": c.lines} for c in changes],
        }
        out.write(json_text(result))
    else:
        _write_notice_diff(old, new, changes, ui_lang, out)
    return EXIT_INVALID if changes else EXIT_OK


def _write_notice_diff(old: Side, new: Side, changes: list[ClauseChange], lang: str, out: TextIO) -> None:
    _write_layout_notes((old, new), lang, out)
    if not changes:
        out.write(_("{old} and {new}: the notices are the same.", lang).format(old=old.name, new=new.name) + "\n")
        return
    labels = {"added": _("added", lang), "removed": _("removed", lang), "changed": _("changed", lang)}
    out.write(f"--- {old.name}\n+++ {new.name}\n")
    for change in changes:
        out.write(f"\n{change.clause} ({labels[change.kind]})\n")
        out.writelines(f"  {visible(line)}\n" for line in change.lines)
    out.write("\n" + _("{count} clause(s) changed.", lang).format(count=len(changes)) + "\n")
