"""`seloste audit NOTICE`: an existing notice scored item by item against Arts 13 and 14, then the old mistakes
found in it, each with its quote; for people, or as JSON.

Exit codes (`wizard.console`): 0 every applicable item is given specifically and no old mistake is found;
1 something is missing, vague or wrong; 2 the file cannot be read, or is not a privacy notice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TextIO

from wizard.audit.evidence import Quote
from wizard.audit.items import Context, Judgement, articles, context_of, judge_items
from wizard.audit.mistakes import Found, find_mistakes
from wizard.audit.reading import Block, Unreadable, parse_notice, read_notice
from wizard.audit.sections import Document, group
from wizard.audit.words import pattern
from wizard.console import EXIT_INVALID, EXIT_OK, EXIT_UNUSABLE
from wizard.i18n import N_, _
from wizard.terminal import json_text, visible

NOT_A_NOTICE = N_("{path} does not look like a privacy notice: it names none of the things a notice gives (controller, purposes, rights, ...).")
PRIVACY_WORDS = pattern("privacy_words")


@dataclass
class Audit:
    document: Document
    context: Context
    judgements: list[Judgement]
    mistakes: list[Found]

    @property
    def applicable(self) -> list[Judgement]:
        return [j for j in self.judgements if j.state != "not_applicable"]

    @property
    def found(self) -> list[Judgement]:
        return [j for j in self.judgements if j.state == "found"]

    @property
    def clean(self) -> bool:
        return len(self.found) == len(self.applicable) and not self.mistakes


def audit_document(doc: Document) -> Audit:
    context = context_of(doc)
    return Audit(doc, context, judge_items(doc, context), find_mistakes(doc))


def audit_path(path: str) -> Audit:
    """The audit of the notice in `path`; raises `Unreadable` when it cannot be read or is not a notice."""
    return audit_blocks(read_notice(path), path)


def audit_bytes(raw: bytes, name: str) -> Audit:
    """The audit of a notice's bytes; `name` is its file name (its suffix tells the format)."""
    return audit_blocks(parse_notice(raw, name), name)


def audit_blocks(blocks: list[Block], path: str) -> Audit:
    doc = group(blocks)
    audit = audit_document(doc)
    given = [j for j in audit.judgements if j.state in ("found", "vague")]
    text = " ".join(block.text for _, block in doc.blocks()) + " ".join(s.title for s in doc.sections)
    if len(given) < 2 or not re.search(PRIVACY_WORDS, text, re.I):
        raise NotANotice(path)
    return audit


class NotANotice(Unreadable):
    def __init__(self, path: str) -> None:
        super().__init__("not_notice", path=path)

    def message(self, lang: str) -> str:
        return _(NOT_A_NOTICE, lang).format(**self.params)


STATE_LABELS = {
    "found": N_("found"),
    "vague": N_("VAGUE"),
    "missing": N_("MISSING"),
    "not_applicable": N_("not applicable"),
}


def cmd_audit(path: str, lang: str, as_json: bool, out: TextIO, err: TextIO) -> int:
    try:
        audit = audit_path(path)
    except Unreadable as problem:
        if as_json:
            out.write(json_text({"file": path, "readable": False, "message": problem.message(lang)}))
        else:
            err.write(visible(problem.message(lang)) + "\n")
        return EXIT_UNUSABLE
    if as_json:
        out.write(json_text(audit_json(audit, path, lang)))
    else:
        write_audit(audit, path, lang, out)
    return EXIT_OK if audit.clean else EXIT_INVALID


def score_line(audit: Audit, lang: str) -> str:
    return _("{found} of {applicable} applicable items given, {mistakes} old mistake(s)", lang).format(
        found=len(audit.found), applicable=len(audit.applicable), mistakes=len(audit.mistakes))


def write_audit(audit: Audit, path: str, lang: str, out: TextIO) -> None:
    out.write(visible(f"{path}: {score_line(audit, lang)}") + "\n\n")
    out.write(_("Articles 13 and 14, item by item:", lang) + "\n")
    width = max(len(articles(j.item, audit.context)) for j in audit.judgements)
    for judgement in audit.judgements:
        label = _(STATE_LABELS[judgement.state], lang)
        line = f"{articles(judgement.item, audit.context):<{width}}  {label:<14}  {_(judgement.item.name, lang)}"
        if judgement.note:
            line += ": " + note_text(judgement, lang)
        out.write(visible(line) + "\n")
        for quoted in judgement.quotes:
            out.write(visible(" " * (width + 2) + describe_quote(quoted, lang)) + "\n")
    out.write("\n")
    if audit.mistakes:
        out.write(_("Mistakes of old notices:", lang) + "\n")
        for found in audit.mistakes:
            mistake = found.mistake
            out.write("\n" + visible(f"- {_(mistake.title, lang)} ({article_label(mistake.article, lang)})") + "\n")
            for quoted in found.quotes:
                out.write(visible("  " + describe_quote(quoted, lang)) + "\n")
            out.write(visible("  -> " + _(mistake.why, lang)) + "\n")
    else:
        out.write(_("No mistake of old notices found.", lang) + "\n")
    out.write("\n" + score_line(audit, lang) + "\n")


def note_text(judgement: Judgement, lang: str) -> str:
    params = {key: ", ".join(_(value, lang) for value in values) for key, values in judgement.params.items()}
    return _(judgement.note, lang).format(**params)


def article_label(article: str, lang: str) -> str:
    """"Art. 13(1)(f)" for the GDPR's articles; a national act as it is named."""
    return _("Art. {article}", lang).format(article=article) if article[0].isdigit() else article


def describe_quote(quoted: Quote, lang: str) -> str:
    where = quoted.where.describe(lang)
    if quoted.heading:
        where = _("{where}, under \u201c{heading}\u201d", lang).format(where=where, heading=quoted.heading)
    return f"{where}: \u201c{quoted.text}\u201d"


def audit_json(audit: Audit, path: str, lang: str) -> dict[str, object]:
    return {
        "file": path,
        "readable": True,
        "complete": audit.clean,
        "score": {"found": len(audit.found), "applicable": len(audit.applicable), "mistakes": len(audit.mistakes)},
        "items": [
            {
                "id": j.item.id,
                "articles": articles(j.item, audit.context),
                "name": _(j.item.name, lang),
                "state": j.state,
                "note": note_text(j, lang) if j.note else None,
                "quotes": [q.as_json() for q in j.quotes],
            }
            for j in audit.judgements
        ],
        "mistakes": [
            {
                "code": found.mistake.code,
                "title": _(found.mistake.title, lang),
                "why": _(found.mistake.why, lang),
                "article": found.mistake.article,
                "quotes": [q.as_json() for q in found.quotes],
            }
            for found in audit.mistakes
        ],
    }
