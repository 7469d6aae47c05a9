"""Exit codes, and reading an answers file named on the command line and saying what is wrong with it: shared
by the commands (`cli`, `commands`, `diff`), `seloste serve` and the plain conversation (`plain`).

Exit codes: 0 done (warnings may be printed); 1 the answers have errors, or the plain conversation stopped
before the interview was finished; 2 the input cannot be used at all (missing, unreadable, not answers) or the
command line is wrong; 130 Ctrl+C.
"""

from __future__ import annotations

from wizard.i18n import _

TYPE_CHECKING = False  # not typing's: `seloste --help` imports this module, and typing costs it a fifth
if TYPE_CHECKING:
    from typing import Any, TextIO

    from wizard.check import Diagnostic, Report
    from wizard.loader import Loaded

EXIT_OK, EXIT_INVALID, EXIT_UNUSABLE = 0, 1, 2
EXIT_STOPPED = 1  # the plain conversation: input ended before the interview did (the answers are saved)
EXIT_INTERRUPTED = 130  # Ctrl+C, as a shell reports SIGINT


def source_name(source: str) -> str:
    """How a file given on the command line is named in messages (`-` is standard input)."""
    return "<stdin>" if source == "-" else source


def read_checked(source: str, stdin: Any = None) -> Report:
    """The check report of the answers file `source` (`-`: standard input).

    Raises `wizard.check.Unreadable`, whose diagnostic says why, when it cannot be read as answers at all."""
    from wizard.check import check_bytes

    return check_bytes(_read(source, stdin))


def read_loaded(source: str, stdin: Any = None) -> tuple[Loaded, int]:
    """The answers file `source` as current-layout data, and the layout it was written in, without checking
    it (so a file with errors can be compared). Raises `Unreadable` as `read_checked` does."""
    from wizard.check import load

    return load(_read(source, stdin))


def _read(source: str, stdin: Any) -> bytes:
    from wizard.check import unreadable
    from wizard.loader import ReadProblem, read_path

    try:
        return read_path(source, stdin)
    except ReadProblem as problem:
        raise unreadable(problem) from None


def print_diagnostics(name: str, diagnostics: list[Diagnostic], code: int, version: int | None, lang: str, out: TextIO) -> None:
    """A file's diagnostics for people: a summary line, then each problem with where it is and how to fix it."""
    from wizard.answers import SCHEMA_VERSION
    from wizard.rules import display_path

    errors = sum(1 for d in diagnostics if d.severity == "error")
    warnings = len(diagnostics) - errors
    if code == EXIT_UNUSABLE:
        out.write(_("{file}: cannot be read as answers", lang).format(file=name) + "\n")
    elif errors:
        out.write(_("{file}: {errors} error(s), {warnings} warning(s)", lang).format(file=name, errors=errors, warnings=warnings) + "\n")
    else:
        out.write(_("{file}: valid, {warnings} warning(s)", lang).format(file=name, warnings=warnings) + "\n")
    if version is not None and version < SCHEMA_VERSION:
        note = _("Note: the file uses the older layout {old}; it was read as layout {new}.", lang)
        out.write(note.format(old=version, new=SCHEMA_VERSION) + "\n")
    labels = {"error": _("error", lang), "warning": _("warning", lang)}
    for d in diagnostics:
        text = d.describe(lang)
        where = [labels[d.severity]]
        if d.line:
            where.append(_("line {line}", lang).format(line=d.line))
        field = display_path(d.path)
        if field:
            where.append(field)
        out.write("\n" + " | ".join(where) + (f"  ({text['article']})" if text["article"] else "") + "\n")
        out.write(f"  {text['message']}\n")
        if text["hint"]:
            out.write(f"  -> {text['hint']}\n")


def print_unusable(source: str, diagnostic: Diagnostic, lang: str, err: TextIO) -> int:
    """Why the file `source` cannot be used at all; the exit code that says so."""
    print_diagnostics(source_name(source), [diagnostic], EXIT_UNUSABLE, None, lang, err)
    return EXIT_UNUSABLE
