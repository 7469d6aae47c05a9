"""`seloste --plain`: the chat's interview as a plain line-by-line conversation on standard input and output.

For screen readers, basic terminals and answers scripted from a pipe: no full-screen UI, no colours, no
cursor movement; every line printed is plain text. It drives the same engine, autosave and export as the
chat (`wizard.session`, which imports no Textual, and neither does this module).

A question is printed with its options numbered (answer with the number or the value itself) and its
suggested answer in brackets (an empty line takes it). `?` explains the question, `/back` goes back,
`/lang` switches the conversation language. With `--trainer` (or after `/trainer`) each question is preceded
by its trainer card whenever the card changes: the articles, a mistake old notices make there with a line
quoted from one, and a question to ask the room.

Starting: `--answers FILE` continues that file in place. Otherwise, in a terminal, the unfinished interviews
are numbered after the languages in the first question (one chosen goes on in its own language); from a pipe a new interview is always started (a script must not pick up someone's
half-done interview by accident), and the unfinished one is named so it can be continued with `--answers`.
`--example NAME` starts a new interview as a demonstration: every question suggests that example business's
answer, so Enter steps through the whole interview (an answers file given as well is not used).

Exit codes: 0 when the interview is complete (the notice exported, or export declined), 1 when input ended or
Ctrl+C came first (the answers so far are saved; the message says where and how to go on), 2 when the
`--answers` file cannot be used or there is no such example.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from wizard.console import EXIT_OK, EXIT_STOPPED, EXIT_UNUSABLE
from wizard.conversation import notice_language_name, notice_language_question, question_help, refusal, typed_command
from wizard.i18n import _
from wizard.languages import LANGUAGES, default_language, language, language_from_reply
from wizard.session import export_choices, export_plan, resumable

if TYPE_CHECKING:
    from wizard.engine import Step
    from wizard.kinds import Option, Rejection
    from wizard.questionnaire import Question
    from wizard.session import Resumable, Session


class EndOfInput(Exception):
    """Standard input ended (or Ctrl+C) before the interview was finished."""


class Back(Exception):
    """The user typed /back."""


SKIP_REST = ("/skip", "/ohita")  # in the translation pass: skip the texts still left

class PlainChat:
    def __init__(self, stdin: TextIO, stdout: TextIO, lang: str, trainer: bool = False) -> None:
        self.stdin = stdin
        self.out = stdout
        self.lang = lang
        self.trainer = trainer
        self.card_shown: str | None = None  # the trainer card printed last: a card is printed once per run of questions
        # Opened by `open_session` before anything asks; None until then (`stop` looks).
        self.session: Session = None  # type: ignore[assignment]
        self.section = ""
        self.pending: tuple[str, int | None, dict[str, Any], str | None] | None = None  # a form refused at one field: (question, item, values, field)

    # --- lines in and out ---

    def say(self, text: str = "") -> None:
        self.out.write(text + "\n")
        self.out.flush()

    def read(self, preset: str = "") -> str:
        self.out.write(f"[{preset}] > " if preset else "> ")
        self.out.flush()
        line = self.stdin.readline()
        if not line:
            raise EndOfInput
        if not self.stdin.isatty():  # answers from a pipe: echoed, so the transcript reads as a conversation
            self.out.write(line if line.endswith("\n") else line + "\n")
        return line.rstrip("\r\n").strip()

    def yes_no(self, prompt: str, default: bool | None = None) -> bool:
        """A yes/no of the conversation itself (not an answer): asked until it is one."""
        from wizard.display import NO, YES
        from wizard.kinds import as_bool

        while True:
            self.say(prompt + " " + _("(y/n)", self.lang))
            preset = "" if default is None else _(YES if default else NO, self.lang)
            line = self.read(preset)
            answer = default if not line else as_bool(line, self.lang)  # the conversation language's words only
            if answer is not None:
                return answer
            self.say(_("Please answer y or n.", self.lang))

    # --- the start ---

    def choose_conversation_language(self, unfinished: list[Resumable]) -> Resumable | None:
        """The first question: the language, in every language at once, each name in its own language; after
        the languages, the unfinished interviews, numbered on. An interview chosen goes on in its own language."""
        question = " · ".join(entry.which_language for entry in LANGUAGES)
        self.say(question + " " + "  ".join(f"{number}) {entry.native_name}" for number, entry in enumerate(LANGUAGES, 1)))
        if unfinished:
            self.say(" · ".join(entry.continue_interview for entry in LANGUAGES) + ":")
            for number, interview in enumerate(unfinished, len(LANGUAGES) + 1):
                self.say(f"  {number}) {interview.label}")
        while True:
            line = self.read(language(self.lang).native_name)
            if line.isdigit() and 0 < int(line) - len(LANGUAGES) <= len(unfinished):
                chosen = unfinished[int(line) - len(LANGUAGES) - 1]
                self.lang = chosen.lang
                return chosen
            picked = language_from_reply(line) if line else self.lang
            if picked:
                self.lang = picked
                return None
            self.say(", ".join(f"{number} = {entry.native_name}" for number, entry in enumerate(LANGUAGES, 1)))

    def open_session(
        self, answers_file: str | None, interactive: bool, example: str | None = None, resumed: Resumable | None = None
    ) -> int | None:
        """The session to work on; an exit code when the given file cannot be used."""
        from wizard import session as sessions

        if example is not None:
            self.session = sessions.new(self.lang, example=example)
            self.say_where_saved()
            demonstration = _(
                "A demonstration with the example business {name}: each question suggests its answer, "
                "and Enter accepts it.",
                self.lang,
            )
            self.say(demonstration.format(name=example))
            return None
        if answers_file or resumed is not None:
            opened = sessions.open_file(Path(answers_file) if answers_file else resumed.path, self.lang)  # type: ignore[union-attr]
            if isinstance(opened, str) and answers_file:
                self.say(opened)
                return EXIT_UNUSABLE
            if not isinstance(opened, str):
                self.session = opened
                return None
            self.say(opened)  # an unfinished interview damaged since: a new one instead
        waiting = sessions.unfinished_path()
        if waiting is not None and not interactive:
            note = _(
                "An unfinished interview is saved in {path}; to continue it: seloste --plain --answers {path}",
                self.lang,
            )
            self.say(note.format(path=waiting))
        if interactive and self.start_from_old_notice():
            return None
        self.session = sessions.new(self.lang)
        self.say_where_saved()
        return None

    def start_from_old_notice(self) -> bool:
        """"I have an old notice": its path, imported into a new interview that asks only what it lacks. False
        when the user has none (Enter)."""
        from wizard import session as sessions

        self.say(_("Do you have an old privacy notice to start from? Type the path of its file (text, HTML, Word or PDF), or press Enter to start from the beginning.", self.lang))
        while line := self.read():
            made = sessions.import_interview(str(Path(line).expanduser()), self.lang)
            if isinstance(made, Path):
                opened = sessions.open_file(made, self.lang)
                if not isinstance(opened, str):
                    self.session = opened
                    self.say(_("What the old notice says is filled in; the interview asks only what it lacks.", self.lang))
                    self.say_where_saved()
                    return True
                made = opened
            self.say(made)
        return False

    def say_where_saved(self) -> None:
        self.say(_("Your answers are saved in {path} after every answer.", self.lang).format(path=self.session.path))

    def choose_notice_language(self) -> None:
        lang = self.lang
        self.say()
        self.say(notice_language_question(lang))
        self.say("\n".join(f"  {number}) {notice_language_name(entry.code, lang)}" for number, entry in enumerate(LANGUAGES, 1)))
        while True:
            line = self.read(notice_language_name(lang, lang))
            try:
                if self.command(line, None):
                    lang = self.lang
                    continue
            except Back:
                self.say(_("This is the first question.", lang))
                continue
            chosen = language_from_reply(line) if line else lang
            if chosen:
                self.session.set_notice_language(chosen)
                note = self.session.write_in_note(lang)  # the user's own texts go into the notice as written
                if note:
                    self.say(note)
                return
            self.say(_("Answer {choices}.", lang).format(choices=_numbered_languages(lang)))

    # --- the interview ---

    def interview(self) -> None:
        """Ask until every question is answered."""
        engine = self.session.interview
        while (step := self.session.current()) is not None:
            try:
                is_form = step.mode == "answer" and step.question.kind == "record"
                raw = self.ask_record(step) if is_form else self.ask(step)
            except Back:
                if not engine.history:
                    self.session.notice_lang = None
                    self.session.save_state()
                    self.choose_notice_language()
                else:
                    self.session.back()
                continue
            rejection = self.session.submit(raw)
            if rejection is not None:
                self.refuse(rejection, step)
                if rejection.field is not None and step.mode == "answer" and step.question.kind == "record":
                    self.pending = (step.question.id, step.item, raw, rejection.field)
                continue
            self.session.autosave()
            dropped = self.session.dropped_text(self.lang)
            if dropped:
                self.say(dropped)

    def heading(self, step: Step) -> None:
        title = _(step.section.title, self.lang)
        if title != self.section:
            self.section = title
            self.say()
            self.say(f"== {title} ==")
        self.say()
        self.trainer_card(step.question.id)
        self.say(f"({step.position}/{step.total}) {_(step.prompt, self.lang)}")

    def trainer_card(self, question_id: str, again: bool = False) -> None:
        """The question's trainer card, in trainer mode, unless it was just printed for the previous question."""
        from wizard.trainer import CardsProblem, card_lines, load_cards

        if not self.trainer:
            return
        try:
            card = load_cards().for_question(question_id)
        except CardsProblem as problem:
            self.say(_("The trainer cards cannot be shown.", self.lang) + f" {problem}")
            self.trainer = False
            return
        if card is None or (card.id == self.card_shown and not again):
            return
        self.card_shown = card.id
        for line in _card_as_plain_lines(card_lines(card, self.lang, keys=False), self.lang):
            self.say(line)
        self.say()

    def ask(self, step: Step) -> Any:
        """One answer to a step that is not a record's form."""
        self.heading(step)
        question = step.question
        if step.mode != "answer":  # the yes/no before a list's first item or after each item
            from wizard.display import NO, YES

            preset = step.value if step.value is not None else step.default
            shown = "" if preset is None else _(YES if preset else NO, self.lang)
            while True:
                self.say(_("(y/n)", self.lang))
                line = self.read(shown)
                if self.command(line, question):
                    continue
                answer = self.yes_or_no(line, preset)
                if answer is not None:
                    return answer
        if question.kind == "list" and step.item:
            self.say(_("Item {number}", self.lang).format(number=step.item + 1))
        written_in = self.session.box_language(question, None, self.lang)
        if written_in:
            self.say(f"({written_in})")
        preset = step.value if step.value is not None else step.default
        return self.answer(step, question, step.options(), preset)

    def ask_record(self, step: Step) -> dict[str, Any]:
        """A record's item, field by field; the fields that apply follow the answers given so far."""
        self.heading(step)
        if step.item:
            self.say(_("Item {number}", self.lang).format(number=step.item + 1))
        presets = {**(step.default or {}), **(step.value or {})}
        values: dict[str, Any] = {}
        asked: set[str] = set()
        if self.pending and self.pending[:2] == (step.question.id, step.item):
            values = {key: value for key, value in self.pending[2].items() if key != self.pending[3]}
            asked = set(values)
        self.pending = None
        while True:
            remaining = [sub for sub in step.fields(values) if sub.id not in asked]
            if not remaining:
                return {sub.id: values.get(sub.id) for sub in step.fields(values)}
            sub = remaining[0]
            written_in = self.session.box_language(sub, step.question, self.lang)
            self.say(f"- {_(sub.prompt, self.lang)}" + (f" ({written_in})" if written_in else ""))
            values[sub.id] = self.answer(step, sub, step.options(sub, values), presets.get(sub.id))
            asked.add(sub.id)

    def answer(self, step: Step, question: Question, options: list[Option], preset: Any) -> Any:
        """The raw answer to a question (or a record's field), after any commands typed before it."""
        lang = self.lang
        for number, option in enumerate(options, 1):
            self.say(f"  {number}) {_(option.label, lang)}")
        if question.kind == "multi_choice":
            self.say(_("Choose one or more, separated by commas.", lang))
        elif question.kind == "yes_no":
            self.say(_("(y/n)", lang))
        shown = "" if preset in (None, "", []) else self.session.interview.display(question, preset)
        while True:
            line = self.read(shown)
            if self.command(line, question):
                continue
            if not line:
                return preset if preset is not None else ([] if question.kind == "multi_choice" else "")
            if question.kind == "yes_no":
                answer = self.yes_or_no(line, None)
                if answer is None:
                    continue
                return answer
            if question.kind == "multi_choice":
                return [_chosen(part.strip(), options) for part in line.split(",") if part.strip()]
            if question.kind == "single_choice":
                return _chosen(line, options)
            return line

    def yes_or_no(self, line: str, preset: Any) -> bool | None:
        """A yes/no typed, read with the conversation language's words only ("k", "kyllä", "ei" in Finnish: there
        "no" is not a no); an empty line takes the suggested answer. None, said why, for anything else."""
        from wizard.kinds import as_bool

        if not line and isinstance(preset, bool):
            return preset
        answer = as_bool(line, self.lang)
        if answer is None:
            self.say(_("Please answer y or n.", self.lang))
        return answer

    def command(self, line: str, question: Question | None) -> bool:
        """`?` (or /help), `/back`, `/trainer`, `/lang`: True when the line was one (and has been done).
        The chat's other commands (/review, /preview) are not there here: such a line is an answer."""
        command = typed_command(line)
        if command is None:
            return False
        if command.name == "help":
            self.explain(question)
            return True
        if command.name == "back":
            raise Back
        if command.name == "trainer":
            self.trainer = not self.trainer
            if self.trainer and question is not None:
                self.trainer_card(question.id, again=True)
            elif not self.trainer:
                self.say(_("Trainer cards off.", self.lang))
            return True
        if command.name == "lang":
            self.lang = command.language(self.lang)
            self.session.conversation_lang = self.lang
            self.session.save_state()
            self.say(_("Conversation language: {language}", self.lang).format(language=_(language(self.lang).name, self.lang)))
            if question is not None:
                self.say(_(question.prompt, self.lang))
            return True
        return False

    def explain(self, question: Question | None) -> None:
        lang = self.lang
        if question is None:
            self.say(_("Type the number of your answer.", lang))
        else:
            help_ = question_help(question, lang)
            self.say(_("Why we ask", lang) + ": " + help_.why)
            if help_.article:
                self.say(help_.article)
            if help_.example:
                self.say(help_.example)
        self.say(_("Commands: ? explains the question, /back goes back, /lang switches the language.", lang))

    def refuse(self, rejection: Rejection, step: Step) -> None:
        text = refusal(rejection, step, self.lang)
        self.say(_("Let's fix this", self.lang) + ": " + text["message"])
        if text.get("hint"):
            self.say("  -> " + text["hint"])
        if text.get("article"):
            self.say(f"  ({text['article']})")

    # --- review and export ---

    def review(self) -> bool:
        """The check's findings. True: ready to export; False: an answer is being changed (ask again)."""
        lang = self.lang
        self.say()
        self.say("== " + _("Everything is answered. Check the answers and export the notice.", lang) + " ==")
        if not self.confirm_imported():
            return False
        findings = self.session.findings(lang)
        labels = {"error": _("error", lang), "warning": _("warning", lang)}
        for finding in findings:
            article = f" ({finding.article})" if finding.article else ""
            self.say(f"{labels[finding.severity]}: {finding.message}{article}")
            if finding.hint:
                self.say("  -> " + finding.hint)
        errors = [finding for finding in findings if finding.severity == "error"]
        if not findings:
            self.say(_("No errors or warnings.", lang))
        if not errors:
            return True
        target = next((finding.target for finding in errors if finding.target), None)
        if target is None or not self.yes_no(_("Change the answer now?", lang), default=True):
            raise EndOfInput
        self.session.edit(*target)
        return False

    def confirm_imported(self) -> bool:
        """The values taken from an old notice, each for the user to confirm. False: one is being changed."""
        lang = self.lang
        imported = self.session.imported_answers(lang)
        if not imported:
            return True
        self.say(_("From your old notice ({file}):", lang).format(file=self.session.imported_from))
        for number, value in enumerate(imported, 1):
            self.say(f"  {number}) {value.words}\n     {value.shown}")
        if self.yes_no(_("Are these right?", lang), default=True):
            self.session.imported = []  # confirmed: the review does not ask again
            self.session.save_state()
            return True
        while True:
            self.say(_("Which one is wrong? Its number:", lang))
            line = self.read()
            if line.isdigit() and 0 < int(line) <= len(imported):
                break
        target = imported[int(line) - 1].target
        if target is None:
            return True
        self.session.edit(*target)
        return False

    def export(self) -> bool:
        """Ask what to write and write it. False when the user chose not to export."""
        lang = self.lang
        if not self.yes_no(_("Export the notice now?", lang), default=True):
            return False
        names = [(entry.code, _(entry.name, lang)) for entry in LANGUAGES]
        languages = self.pick(_("Languages", lang), names, self.session.notice_lang or lang)
        self.collect_translations(languages)
        formats = self.pick(_("Formats", lang), [(fmt, fmt) for fmt in export_choices()], "md")
        allow_incomplete = False
        while True:
            self.say(_("Folder", lang))
            folder = Path(self.read(".") or ".").expanduser()
            plan = export_plan(languages, formats, folder, self.session.file_stem())
            existing = [path for _code, _fmt, path in plan if path.exists()]
            replace = False
            if existing:
                self.say("\n".join(str(path) for path in existing))
                replace = self.yes_no(_("These files exist already. Replace them?", lang), default=False)
                if not replace:
                    self.say(_("Nothing was written. Choose another name or folder.", lang))
                    continue
            result = self.session.export(plan, replace, allow_incomplete)
            if result.missing:
                self.say(_("The notice would be incomplete. Still missing:", lang))
                self.say("\n".join(f"  - {name}" for name in result.missing))
                allow_incomplete = self.yes_no(_("Export anyway, with each gap marked?", lang), default=False)
                if not allow_incomplete:
                    raise EndOfInput
                continue
            if result.problem:
                self.say(result.problem)
                continue
            self.say(_("Done. The files are here:", lang))
            self.say("\n".join(f"  {path}" for path in result.written))
            for line in result.notes(lang):
                self.say(line)
            return True

    def collect_translations(self, languages: list[str]) -> None:
        """One pass over the texts the chosen notice languages lack: each shown with a line for its
        translation. An empty line skips one, /skip the rest; each translation is saved at once, so a pass
        left midway asks only what is still missing."""
        from wizard.localtext import in_language

        lang = self.lang
        missing = self.session.missing_translations(languages)
        if not missing:
            return
        self.say(_("{count} text(s) have no version in a language of the notice yet. Type each one's translation: an empty line skips it, /skip skips the rest (a notice shows a text left untranslated as written, marked with its language).", lang).format(count=len(missing)))
        for item in missing:
            self.say()
            self.say(item.label)
            self.say(f"  ({in_language(item.written_in, lang)}) {item.text}")
            while True:
                self.say(_("Translation {language}:", lang).format(language=in_language(item.language, lang)))
                line = self.read()
                if line.casefold() in SKIP_REST:
                    return
                problem = self.session.translate(item, line) if line else None
                if problem is None:
                    break
                self.say(problem)

    def pick(self, title: str, choices: list[tuple[str, str]], default: str) -> list[str]:
        """One or more of `choices` (value, label), by number or value, comma-separated."""
        while True:
            self.say(title)
            for number, (value, label) in enumerate(choices, 1):
                self.say(f"  {number}) {label}" + (f" ({value})" if label != value else ""))
            self.say(_("Choose one or more, separated by commas.", self.lang))
            line = self.read(default)
            wanted = [part.strip() for part in (line or default).split(",") if part.strip()]
            values = [value for value, _label in choices]
            picked = [values[int(w) - 1] if w.isdigit() and 0 < int(w) <= len(values) else w for w in wanted]
            if picked and all(value in values for value in picked):
                return list(dict.fromkeys(picked))
            self.say(_("Choose from: {choices}", self.lang).format(choices=", ".join(values)))

    def stopped(self) -> None:
        self.say()
        if self.session is None:
            self.say(_("Stopped before the interview began; nothing was saved.", self.lang))
            return
        self.session.autosave()
        self.say(_("Stopped. Your answers so far are saved in {path}", self.lang).format(path=self.session.path))
        self.say(_("To continue: seloste --plain --answers {path}", self.lang).format(path=self.session.path))


def _card_as_plain_lines(lines: Iterable[tuple[str, str]], lang: str) -> list[str]:
    """A trainer card as plain lines: its title framed, each heading joined to the text it introduces."""
    printed: list[str] = []
    heading = ""
    for kind, text in lines:
        if kind == "title":
            printed.append(f"-- {_('Trainer card', lang)}: {text} --")
        elif kind in ("heading", "before"):
            heading = text
        else:
            printed.append(f"{heading}: {text}" if heading else text)
            heading = ""
    return printed


def _numbered_languages(lang: str) -> str:
    """"1 (Finnish) or 2 (English)", in `lang`."""
    from babel.lists import format_list

    choices = [f"{number} ({_(entry.name, lang)})" for number, entry in enumerate(LANGUAGES, 1)]
    return format_list(choices, style="or", locale=language(lang).babel_locale)


def _chosen(text: str, options: list[Option]) -> str:
    """An option's value from its number, value or label; anything else as typed (the engine says what is wrong)."""
    if text.isdigit() and 0 < int(text) <= len(options):
        return options[int(text) - 1].value
    for option in options:
        if text.lower() in (option.value.lower(), option.label.lower()):
            return option.value
    return text


def run_plain(
    answers_file: str | None,
    lang: str | None,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
    example: str | None = None,
    trainer: bool = False,
) -> int:
    """The plain conversation; `example` names an example business to demonstrate (see the module's doc)."""
    from wizard.examples import EXAMPLES

    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    chat = PlainChat(stdin, stdout, lang or default_language(), trainer)
    if example is not None and example not in EXAMPLES:
        unknown = _("There is no example called {name}. The examples are: {names}.", chat.lang)
        chat.say(unknown.format(name=example, names=", ".join(EXAMPLES)))
        return EXIT_UNUSABLE
    try:
        # In a terminal the unfinished interviews are offered; a script starts a new one (see the module's doc).
        offered = [] if answers_file or example is not None or not stdin.isatty() else resumable(chat.lang)
        resumed = chat.choose_conversation_language(offered)
        code = chat.open_session(answers_file, stdin.isatty(), example, resumed)
        if code is not None:
            return code
        if not chat.session.notice_lang:
            chat.choose_notice_language()
        while True:
            chat.interview()
            if chat.review():
                break
        chat.export()
        return EXIT_OK
    except (EndOfInput, KeyboardInterrupt):
        chat.stopped()
        return EXIT_STOPPED
