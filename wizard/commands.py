"""`seloste render` and `seloste coverage`: the notice and its Art. 13/14 checklist, from an answers file."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any, TextIO

from wizard.console import (
    EXIT_INVALID,
    EXIT_OK,
    EXIT_UNUSABLE,
    print_diagnostics,
    print_unusable,
    read_checked,
    source_name,
)
from wizard.i18n import _
from wizard.terminal import visible

if TYPE_CHECKING:
    from argparse import Namespace

    from wizard.check import Report
    from wizard.coverage import ItemStatus
    from wizard.notice import Facts

# `-o` values that mean standard output; /dev/stdout is never written as a file (that would replace the link).
STANDARD_OUTPUT = (None, "-", "/dev/stdout")


def _checked(source: str, ui_lang: str, err: TextIO, stdin: Any) -> tuple[Report | None, int]:
    """The check report of `source`, or None and the exit code after explaining why it cannot be used."""
    from wizard.check import Unreadable

    try:
        report = read_checked(source, stdin)
    except Unreadable as problem:
        return None, print_unusable(source, problem.diagnostic, ui_lang, err)
    if report.answers is None:
        print_diagnostics(source_name(source), report.diagnostics, EXIT_INVALID, report.from_version, ui_lang, err)
        return None, EXIT_INVALID
    return report, EXIT_OK


# --- coverage ---------------------------------------------------------------------------------------------


def cmd_coverage(source: str, lang: str, out: TextIO, err: TextIO, stdin: Any) -> int:
    from wizard.render import assess_report

    report, code = _checked(source, lang, err, stdin)
    if report is None:
        return code
    facts, statuses = assess_report(report)
    write_coverage(statuses, facts, lang, out)
    if report.untranslated.get(lang):
        message = _("{count} text(s) have no version {language}: `seloste render` refuses the notice until they have, or shows them as written, marked with their language, with --allow-mixed-language:", lang)
        _write_untranslated(report, lang, message, lang, out)
    return EXIT_INVALID if any(s.state == "missing" for s in statuses) else EXIT_OK


def write_coverage(statuses: list[ItemStatus], facts: Facts, lang: str, out: TextIO) -> None:
    from wizard.check import describe

    marks = {"covered": _("covered", lang), "not_applicable": _("not applicable", lang), "missing": _("MISSING", lang)}
    width = max(len(status.articles(facts)) for status in statuses)
    out.write(_("The first column is the GDPR article: 13(1)(a) is Article 13(1), point (a).", lang) + "\n")
    for status in statuses:
        article = status.articles(facts)
        name = _(status.item.name, lang)
        if status.state == "covered":
            detail = _("by {clauses}", lang).format(clauses=", ".join(status.clauses))
        elif status.state == "not_applicable":
            detail = _(status.item.not_applicable, lang)
        else:
            reasons = [describe(d.code, d.params, lang)["message"] for d in status.problems]
            detail = " ".join(reasons) or _("no clause gives it", lang)
        out.write(f"{article:<{width}}  {marks[status.state]:<14}  {name}: {detail}\n")
    count = sum(1 for s in statuses if s.state == "missing")
    summary = _("{count} item(s) missing.", lang).format(count=count) if count else _("Nothing missing.", lang)
    out.write(summary + "\n")


# --- render -----------------------------------------------------------------------------------------------


def cmd_render(args: Namespace, ui_lang: str, out: TextIO, err: TextIO, stdin: Any) -> int:
    from wizard.formats import render_format
    from wizard.notice import compute_facts
    from wizard.localtext import Untranslated
    from wizard.render import Incomplete, build_notice

    if args.fragment and args.format != "html":
        err.write(_("--fragment is a part of an HTML page: use it with --format html.", ui_lang) + "\n")
        return EXIT_UNUSABLE
    if args.previous == "-" and args.answers == "-":
        err.write(_("Only one of the two files can be standard input (-).", ui_lang) + "\n")
        return EXIT_UNUSABLE
    report, code = _checked(args.answers, ui_lang, err, stdin)
    if report is None:
        return code
    assert report.answers is not None  # `_checked` passes on only answers that validate
    lang = args.notice_lang
    previous = None
    if args.previous is not None:
        previous, code = _previous(args.previous, report, lang, ui_lang, err, stdin)
        if previous is None:
            return code
    try:
        notice = build_notice(
            report, lang, allow_incomplete=args.allow_incomplete, allow_mixed_language=args.allow_mixed_language, previous=previous
        )
    except Incomplete as incomplete:
        err.write(_("The notice would be incomplete; seloste does not write it:", ui_lang) + "\n")
        _write_gaps(incomplete.statuses, compute_facts(report.answers), ui_lang, err)
        err.write(_("Fix the answers (`seloste check` explains each), or add --allow-incomplete to mark the gaps in the notice.", ui_lang) + "\n")
        return EXIT_INVALID
    except Untranslated:
        message = _("{count} text(s) have no version {language}, so the notice would mix languages; seloste does not write it:", ui_lang)
        _write_untranslated(report, lang, message, ui_lang, err)
        err.write(_("Give each text by language, e.g. `{fi: ..., en: ...}`, or add --allow-mixed-language to show them as written, marked with their language.", ui_lang) + "\n")
        return EXIT_INVALID
    from wizard.formats.pdf import PdfUnavailable

    try:
        content = render_format(notice.markdown, args.format, args.notice_lang, notice.title, report.answers.controller.name, args.fragment)
    except PdfUnavailable as unavailable:
        err.write(unavailable.message(ui_lang) + "\n")
        return EXIT_UNUSABLE
    if report.warnings:
        err.write(_("{count} warning(s): `seloste check` explains them.", ui_lang).format(count=len(report.warnings)) + "\n")
    if args.output in STANDARD_OUTPUT:
        return _to_stdout(content, args.format, ui_lang, out, err)
    return _to_file(args.output, content, args.format, args.force, ui_lang, out, err)


def _previous(source: str, report: Report, lang: str, ui_lang: str, err: TextIO, stdin: Any) -> tuple[dict[str, Any] | None, int]:
    """The previous version's answers data (`render --previous`), or None and the exit code after saying why it
    cannot be used: unreadable (2), or the new answers' version or date do not follow it (1)."""
    from wizard.check import Unreadable
    from wizard.console import read_loaded
    from wizard.versions import next_version, previous_version, version_problem

    try:
        loaded, _version = read_loaded(source, stdin)
    except Unreadable as problem:
        return None, print_unusable(source, problem.diagnostic, ui_lang, err)
    wrong = version_problem(loaded.data, report.data or {}, lang)
    if wrong is None:
        return loaded.data, EXIT_OK
    old_version = previous_version(loaded.data, report.data or {}, lang).version
    if wrong == "version":
        message = _("The answers have changed since version {version} of {file}, but notice.version is still {version}: give this version a number of its own (e.g. {next}) and its date in notice.date.", ui_lang)
    else:
        message = _("notice.date is earlier than the date of version {version} in {file}: give this version its own date.", ui_lang)
    err.write(message.format(version=visible(old_version), next=visible(next_version(old_version)), file=source_name(source)) + "\n")
    return None, EXIT_INVALID


def _write_untranslated(report: Report, lang: str, message: str, ui_lang: str, out: TextIO) -> None:
    """`message` with the count and the language, then `line 23: processing.name` for each text with no `lang`
    version."""
    from wizard.localtext import in_language
    from wizard.rules import display_path

    missing = report.untranslated.get(lang, [])
    out.write(message.format(count=len(missing), language=in_language(lang, ui_lang)) + "\n")
    for path, line in missing:
        where = _("line {line}", ui_lang).format(line=line) + ": " if line else ""
        out.write(f"  {where}{visible(display_path(path))}\n")


def _write_gaps(statuses: list[ItemStatus], facts: Facts, lang: str, err: TextIO) -> None:
    from wizard.check import describe

    for status in statuses:
        reasons = " ".join(describe(d.code, d.params, lang)["message"] for d in status.problems)
        err.write(f"  {status.articles(facts)}  {_(status.item.name, lang)}" + (f": {reasons}" if reasons else "") + "\n")


def _to_stdout(content: bytes, fmt: str, lang: str, out: TextIO, err: TextIO) -> int:
    binary = getattr(out, "buffer", None)
    if fmt == "docx" and (binary is None or out.isatty()):
        err.write(_("A Word file is binary: give -o FILE to write it.", lang) + "\n")
        return EXIT_UNUSABLE
    if fmt == "pdf" and (binary is None or out.isatty()):
        err.write(_("A PDF is binary: give -o FILE to write it.", lang) + "\n")
        return EXIT_UNUSABLE
    if binary is not None:
        out.flush()
        binary.write(content)
        binary.flush()
    else:
        out.write(content.decode("utf-8"))
    return EXIT_OK


def _to_file(path: str, content: bytes, fmt: str, force: bool, lang: str, out: TextIO, err: TextIO) -> int:
    from wizard.atomic import NotRegularFile, write_atomically

    try:
        written = write_atomically(path, content, overwrite=force)
    except FileExistsError:
        err.write(_("{path} exists already; add --force to replace it.", lang).format(path=path) + "\n")
        return EXIT_UNUSABLE
    except NotRegularFile:
        message = _("{path} is not a regular file but a device, a named pipe or a socket; seloste writes only regular files. To print the notice, use -o - (standard output).", lang)
        err.write(message.format(path=path) + "\n")
        return EXIT_UNUSABLE
    except IsADirectoryError:
        example = os.path.join(path.rstrip("/" + os.sep) or ".", f"seloste.{fmt}")
        message = _("{path} is a folder; give -o the name of a file, e.g. {example}.", lang)
        err.write(message.format(path=path, example=example) + "\n")
        return EXIT_UNUSABLE
    except OSError as error:
        err.write(_("Cannot write {path}: {reason}.", lang).format(path=path, reason=error.strerror or error) + "\n")
        return EXIT_UNUSABLE
    out.write(_("Wrote {path}", lang).format(path=written) + "\n")
    return EXIT_OK
