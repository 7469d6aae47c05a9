"""The `seloste` command line: a thin face on the engine. It never imports Textual.

Exit codes (`wizard.console`): 0 done (warnings may be printed), 1 the answers have errors, 2 the input cannot
be used at all (missing, unreadable, not answers) or the command line is wrong.
"""

from __future__ import annotations

import argparse
import sys

from wizard import __version__
from wizard.console import (
    EXIT_INTERRUPTED,
    EXIT_INVALID,
    EXIT_OK,
    EXIT_UNUSABLE,
    print_diagnostics,
    read_checked,
    source_name,
)
from wizard.formats import FORMATS
from wizard.i18n import _
from wizard.languages import CODES, LANGUAGES, default_language
from wizard.terminal import json_text, terminal_stream, visible


def _any_language() -> str:
    """"Finnish or English": the notice languages, for the help text (in English, like all of it)."""
    names = [language.name for language in LANGUAGES]
    return " or ".join(filter(None, (", ".join(names[:-1]), names[-1])))

TYPE_CHECKING = False  # not typing's: importing typing would be a fifth of what `seloste --help` costs
if TYPE_CHECKING:
    from typing import Any, NoReturn, TextIO


class Parser(argparse.ArgumentParser):
    """argparse, whose messages repeat what was typed (`unrecognized arguments: ...`) with escapes written out."""

    def _print_message(self, message: str, file: Any = None) -> None:
        super()._print_message(visible(message, lines=True), file)


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="seloste",
        description=f"Writes a GDPR privacy notice (tietosuojaseloste) in {_any_language()} from a business's answers.",
        epilog="Exit codes: 0 ok, 1 the answers have errors, 2 the input cannot be used.",
    )
    parser.add_argument("--version", action="version", version=f"seloste {__version__}")
    parser.add_argument(
        "--lang",
        choices=CODES,
        default=None,
        help="language of seloste's own messages (default: from SELOSTE_LANG or the system locale)",
    )
    parser.add_argument(
        "--answers",
        metavar="FILE",
        help="with no command: open the chat on this answers file; it asks only what is still missing",
    )
    parser.add_argument(
        "--import",
        dest="import_notice",
        metavar="NOTICE",
        help="with no command: start the interview from an existing privacy notice; what it says is filled in (see `seloste import`) and only what it lacks is asked",
    )
    parser.add_argument(
        "--plain",
        action="store_true",
        help="with no command: the interview as a plain line-by-line conversation (screen readers, basic terminals, pipes)",
    )
    parser.add_argument(
        "--example",
        metavar="NAME",
        help="with no command: a demonstration interview that suggests an example business's answers (Enter steps through them; see `seloste example --list`)",
    )
    parser.add_argument(
        "--trainer",
        action="store_true",
        help="with no command: trainer mode for workshops: beside each question, the articles, a mistake old notices make there and a question for the room",
    )
    # the chat of one browser tab under `seloste serve`: always a new interview, no terminal needed
    parser.add_argument("--served", action="store_true", help=argparse.SUPPRESS)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = commands.add_parser("check", help="check an answers file: errors, warnings and how to fix them")
    check.add_argument("answers", metavar="ANSWERS", help="the answers file (YAML), or - for standard input")
    check.add_argument("--json", action="store_true", help="print the diagnostics as JSON for other programs")
    check.add_argument(
        "--lang",
        dest="notice_langs",
        action="append",
        choices=CODES,
        metavar="LANG",
        help=f"also warn of each text with no version in LANG ({', '.join(CODES)}), as `render --lang LANG` needs; may be repeated",
    )

    commands.add_parser("schema", help="print the JSON Schema of the answers file")

    render = commands.add_parser("render", help=f"write the privacy notice in {_any_language()}")
    _writes_from_answers(render, "the notice")
    render.add_argument("--format", choices=FORMATS, default="md", help="output format (default: md)")
    render.add_argument(
        "--fragment",
        action="store_true",
        help="with --format html: the notice alone, without <html> and <head>, its styles scoped to it, to paste into a website's page",
    )
    render.add_argument(
        "--previous",
        metavar="OLD_ANSWERS",
        help="the answers file of the notice's previous version: the changes section lists what changed since it",
    )
    render.add_argument(
        "--allow-incomplete",
        action="store_true",
        help="write the notice even when a required item is missing, marking each gap visibly",
    )
    render.add_argument(
        "--allow-mixed-language",
        action="store_true",
        help="write the notice even when a text has no version in its language, showing it as written, marked with its language",
    )

    snippets = commands.add_parser(
        "snippets", help="the texts to paste where data are collected: consent tick boxes, a form's note, a marketing footer, a cookie banner"
    )
    _writes_from_answers(snippets, "the texts")
    snippets.add_argument("--notice-url", metavar="URL", help="where the privacy notice is published: the texts link to it")
    snippets.add_argument(
        "--allow-mixed-language",
        action="store_true",
        help="write the texts even when a text has no version in their language, showing it as written, marked with its language",
    )

    coverage = commands.add_parser("coverage", help="the GDPR Art. 13/14 checklist: which clause covers each item")
    coverage.add_argument("answers", metavar="ANSWERS", help="the answers file (YAML), or - for standard input")
    coverage.add_argument("--lang", dest="notice_lang", choices=CODES, required=True, help="language of the report")

    audit = commands.add_parser(
        "audit", help="score an existing privacy notice against GDPR Art. 13/14 and the mistakes of old Finnish notices"
    )
    audit.add_argument("notice", metavar="NOTICE", help="the notice: text, Markdown, HTML, Word (.docx) or PDF")
    audit.add_argument("--lang", dest="report_lang", choices=CODES, help="language of the report (default: as seloste's own messages)")
    audit.add_argument("--json", action="store_true", help="print the findings as JSON for other programs")

    importing = commands.add_parser("import", help="turn an existing privacy notice into an answers file; the chat then asks only what is missing")
    importing.add_argument("notice", metavar="NOTICE", help="the notice: text, Markdown, HTML, Word (.docx) or PDF")
    importing.add_argument("-o", "--output", metavar="FILE", help="write the answers to FILE (default, or -: standard output)")
    importing.add_argument("--force", action="store_true", help="replace FILE if it exists")

    diff = commands.add_parser("diff", help="what changed between two answers files, or the notices they make")
    diff.add_argument("old", metavar="A", help="the earlier answers file (YAML), or - for standard input")
    diff.add_argument("new", metavar="B", help="the later answers file (YAML), or - for standard input")
    diff.add_argument("--json", action="store_true", help="print the changes as JSON for other programs")
    diff.add_argument("--notice", action="store_true", help="compare the two notices clause by clause instead (needs --lang)")
    diff.add_argument("--lang", dest="notice_lang", choices=CODES, help="with --notice: language of the notices")

    serve = commands.add_parser("serve", help="the chat in a web browser, one interview per browser tab (workshops)")
    serve.add_argument(
        "--host",
        default="127.0.0.1",
        help="address to listen on (default: 127.0.0.1, this machine only); another one lets other machines in",
    )
    serve.add_argument("--port", type=port_number, default=8000, help="port to listen on (default: 8000)")
    # own names: a subcommand's defaults would otherwise overwrite the same options given before `serve`
    serve.add_argument("--trainer", dest="serve_trainer", action="store_true", help="trainer cards in every tab's chat")
    serve.add_argument(
        "--example", dest="serve_example", metavar="NAME", help="every tab is a demonstration of this example business"
    )
    serve.add_argument(
        "--max-sessions",
        type=session_count,
        metavar="N",
        help="at most N interviews at once (default: as many as the available memory holds, about 50 MB each; in a container, within its memory limit)",
    )
    serve.add_argument(
        "--public-url",
        dest="public_urls",
        type=public_url,
        action="append",
        default=[],
        metavar="URL",
        help="the address participants open when a reverse proxy (nginx, Caddy...) stands in front of the server, e.g. https://kurssi.example: requests naming it are let in (any other name is refused) and the page reaches the server through it; the proxy must pass on the Host header and websockets; no path; may be repeated",
    )

    example = commands.add_parser("example", help="print an example answers file")
    example.add_argument("name", nargs="?", metavar="NAME", help="which example (see --list)")
    example.add_argument("--list", action="store_true", help="list the examples, one per line")
    return parser


def _writes_from_answers(command: argparse.ArgumentParser, written: str) -> None:
    """The options of a command that writes `written` in one language from an answers file."""
    command.add_argument("answers", metavar="ANSWERS", help="the answers file (YAML), or - for standard input")
    command.add_argument("--lang", dest="notice_lang", choices=CODES, required=True, help=f"language of {written}")
    command.add_argument("-o", "--output", metavar="FILE", help="write to FILE (default, or -: standard output)")
    command.add_argument("--force", action="store_true", help="replace FILE if it exists")


def port_number(text: str) -> int:
    """A TCP port for `seloste serve --port`: 1-65535."""
    if not text.isdigit() or not 1 <= int(text) <= 65535:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number (1-65535)")
    return int(text)


def public_url(text: str) -> Any:
    """An address for `seloste serve --public-url`: http:// or https://, a name, maybe a port, no path."""
    from wizard.serve import public_address

    try:
        return public_address(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a web address such as https://kurssi.example (a name and maybe a port, no path)"
        ) from None


def session_count(text: str) -> int:
    """How many tabs `seloste serve --max-sessions` allows at once: 1 or more."""
    if not text.isdecimal() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of interviews (1 or more)")
    return int(text)


# Commands that read their input, print or write their result and end; the chat, the plain mode and `serve`
# stay, take their time from the user and keep Python's usual housekeeping.
ONE_SHOT_COMMANDS = frozenset({"check", "render", "snippets", "coverage", "audit", "import", "diff", "schema", "example"})


def run(
    argv: list[str],
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
    stdin: Any = None,
    *,
    whole_process: bool = False,
) -> int:
    """Run the command line `argv`; the exit code. With `whole_process` (the `seloste` process itself, not a
    caller in the same process) a one-shot command ends the process when it is done: see `exit_at_once`."""
    stdout = terminal_stream(stdout or sys.stdout)
    stderr = terminal_stream(stderr or sys.stderr)
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:  # argparse has printed its message; --help and --version exit 0
        if whole_process:
            exit_at_once(int(exit_.code or 0))
        return int(exit_.code or 0)
    if whole_process and args.command in ONE_SHOT_COMMANDS:
        import gc

        # The command makes few reference cycles and the process ends at once: a collection would only walk
        # every object the libraries made at import, again and again (a tenth of a render's time).
        gc.disable()
        exit_at_once(dispatch(args, parser, stdout, stderr, stdin))
    return dispatch(args, parser, stdout, stderr, stdin)


def exit_at_once(code: int) -> NoReturn:
    """End the process with `code` once the output is flushed and the exit handlers have run, without the
    interpreter's teardown: freeing, one by one, the objects of every library imported takes as long as
    validating the answers. Nothing of seloste's waits for the teardown (files are written and closed before
    a command returns). Should flushing fail (a reader that left, as in `seloste schema | head`), Python exits
    as usual and says so as it always has."""
    import atexit
    import os

    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        sys.exit(code)
    atexit._run_exitfuncs()
    os._exit(code)


def dispatch(args: argparse.Namespace, parser: argparse.ArgumentParser, stdout: TextIO, stderr: TextIO, stdin: Any) -> int:
    """Run the command `args` names; the exit code."""
    lang = args.lang or default_language()
    try:
        if args.command == "check":
            return cmd_check(args.answers, args.json, lang, stdout, stdin, args.notice_langs or [])
        if args.command == "render":
            from wizard.commands import cmd_render

            return cmd_render(args, lang, stdout, stderr, stdin)
        if args.command == "snippets":
            from wizard.snippets import cmd_snippets

            return cmd_snippets(args, lang, stdout, stderr, stdin)
        if args.command == "coverage":
            from wizard.commands import cmd_coverage

            return cmd_coverage(args.answers, args.notice_lang, stdout, stderr, stdin)
        if args.command == "audit":
            from wizard.audit.report import cmd_audit

            return cmd_audit(args.notice, args.report_lang or lang, args.json, stdout, stderr)
        if args.command == "import":
            from wizard.audit.importing import cmd_import

            return cmd_import(args.notice, args.output, args.force, lang, stdout, stderr)
        if args.command == "diff":
            from wizard.diff import cmd_diff

            return cmd_diff(args, lang, stdout, stderr, stdin)
        if args.command == "serve":
            from wizard.serve_web import cmd_serve

            args.trainer, args.example = args.trainer or args.serve_trainer, args.example or args.serve_example
            problem = interview_options_problem(args, lang)
            if problem:
                stderr.write(problem + "\n")
                return EXIT_UNUSABLE
            return cmd_serve(
                args.host, args.port, args.lang, stdout, stderr, args.trainer, args.example, args.max_sessions,
                tuple(args.public_urls),
            )
        if args.command == "schema":
            return cmd_schema(stdout)
        if args.command == "example":
            return cmd_example(args.name, args.list, lang, stdout, stderr)
        if args.served:
            from wizard.serve import run_served

            return run_served(args.lang, args.trainer, args.example)
        problem = interview_options_problem(args, lang)
        if problem:
            stderr.write(problem + "\n")
            return EXIT_UNUSABLE
        if args.import_notice is not None:
            from wizard.session import import_interview

            made = import_interview(args.import_notice, lang)
            if isinstance(made, str):
                stderr.write(visible(made) + "\n")
                return EXIT_UNUSABLE
            stderr.write(_("The old notice's answers are in {path}; the interview asks only what it lacks.", lang).format(path=made) + "\n")
            args.answers = str(made)
        if args.plain:
            from wizard.plain import run_plain

            return run_plain(args.answers, args.lang, stdin, stdout, example=args.example, trainer=args.trainer)
        return start_chat(args, parser, stdout, stderr)
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # e.g. `seloste schema | head`: the reader left, nothing to report
        return EXIT_OK


def interview_options_problem(args: argparse.Namespace, lang: str) -> str | None:
    """What is wrong with the options that shape the interview (None: nothing)."""
    from wizard.examples import EXAMPLES

    if args.import_notice is not None and (args.answers is not None or args.example is not None):
        return _("--import starts a new interview from an old notice; it cannot be combined with --answers or --example.", lang)
    if args.example is not None and args.answers is not None:
        return _("--example starts a new demonstration interview and --answers continues a file: choose one.", lang)
    if args.example is not None and args.example not in EXAMPLES:
        return _("There is no example called {name}. The examples are: {names}.", lang).format(name=args.example, names=", ".join(EXAMPLES))
    return None


def start_chat(args: argparse.Namespace, parser: argparse.ArgumentParser, out: TextIO, err: TextIO) -> int:
    """`seloste` with no command: the chat interview (Textual is imported only here). It needs a terminal;
    without one (a pipe, a script) the commands are listed instead."""
    if not (sys.stdin.isatty() and out.isatty()):
        parser.print_help(out)
        message = _("The chat needs a terminal. Without one, use the commands: `seloste --help` lists them.", args.lang or default_language())
        err.write(message + "\n")
        return EXIT_OK
    from wizard.tui import run_chat

    return run_chat(args.answers, args.lang, trainer=args.trainer, example=args.example, tell=out)


# --- check -----------------------------------------------------------------------------------------------


def cmd_check(source: str, as_json: bool, lang: str, out: TextIO, stdin: Any, notice_langs: list[str] | None = None) -> int:
    from wizard.check import Unreadable

    name = source_name(source)
    try:
        report = read_checked(source, stdin)
    except Unreadable as problem:
        diagnostics, version, code = [problem.diagnostic], None, EXIT_UNUSABLE
    else:
        missing = [d for notice_lang in dict.fromkeys(notice_langs or []) for d in report.missing_in(notice_lang)]
        diagnostics, version = report.diagnostics + missing, report.from_version
        code = EXIT_INVALID if report.errors else EXIT_OK
    diagnostics = sorted(diagnostics, key=lambda d: (d.severity != "error", d.line or 0))
    if as_json:
        _print_json(name, diagnostics, code, version, lang, out)
    else:
        print_diagnostics(name, diagnostics, code, version, lang, out)
    return code


def _print_json(name: str, diagnostics: list, code: int, version: int | None, lang: str, out: TextIO) -> None:
    from wizard.rules import display_path

    items = [
        {
            "severity": d.severity,
            "code": d.code,
            "field": display_path(d.path),
            "path": list(d.path),
            "line": d.line,
            **d.describe(lang),
        }
        for d in diagnostics
    ]
    result = {
        "file": name,
        "valid": code == EXIT_OK,
        "readable": code != EXIT_UNUSABLE,
        "schema_version_read": version,
        "errors": sum(1 for d in diagnostics if d.severity == "error"),
        "warnings": sum(1 for d in diagnostics if d.severity == "warning"),
        "diagnostics": items,
    }
    out.write(json_text(result))


# --- schema and examples ------------------------------------------------------------------------------


def cmd_schema(out: TextIO) -> int:
    from wizard.schema import schema_text

    out.write(schema_text())
    return EXIT_OK


def cmd_example(name: str | None, list_only: bool, lang: str, out: TextIO, err: TextIO) -> int:
    from wizard.examples import EXAMPLES, example_text

    if list_only or name is None:
        width = max(len(key) for key in EXAMPLES)
        for key, example in EXAMPLES.items():
            out.write(f"{key:<{width}}  {_(example.title, lang)}\n")
        return EXIT_OK
    if name not in EXAMPLES:
        err.write(_("There is no example called {name}. The examples are: {names}.", lang).format(name=name, names=", ".join(EXAMPLES)) + "\n")
        return EXIT_UNUSABLE
    out.write(example_text(name))
    return EXIT_OK
