"""One conversation's session: the interview, where its answers are saved, the two languages, and the export.

This is how the chat (`wizard.tui`) and the plain mode (`wizard.plain`) reach the engine (`wizard.engine`),
autosave (`wizard.storage`) and the notice pipeline. It imports no Textual, so it can be tested and timed on
its own.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wizard.conversation import in_question_words, refusal
from wizard.i18n import _
from wizard.languages import language

if TYPE_CHECKING:  # the engine loads in a worker while the first screen is drawn (`preload`)
    from wizard.check import Diagnostic, Report
    from wizard.engine import Interview, Rejection, Step
    from wizard.questionnaire import Question
    from wizard.storage import SessionState

DraftKey = tuple[str, int | None, str]  # a question asked: its id, the list item, the mode (`Step`)
TEXT_KINDS = ("text", "long_text", "email", "phone", "business_id", "postal_code", "country", "website", "date", "list")


def preload() -> None:
    """Import and read what the interview needs (run in a worker while the first screen is shown)."""
    from wizard import render, storage  # noqa: F401
    from wizard.engine import Interview  # noqa: F401
    from wizard.questionnaire import load_questionnaire

    load_questionnaire()


@dataclass
class Finding:
    severity: str
    message: str
    hint: str
    article: str
    target: tuple[str, int | None] | None  # the question (and item) to change, when one fills the field
    box: str | None = None  # the box of the question's form that holds the field (its id), when it has a form


@dataclass
class ReviewEntry:
    """One answer at the review: its question (and item), its prompt, the answer as words, and for a record's
    item its fields as (prompt, answer) lines. `count` is the length of the list an item belongs to (0: not a
    list's item), so the review knows it can be deleted and moved; `addable`: the answer is a list's (an item,
    or the No to its first), to which one more can be added."""

    target: tuple[str, int | None]
    prompt: str
    shown: str
    details: list[tuple[str, str]] = field(default_factory=list)
    count: int = 0
    addable: bool = False

    @property
    def item(self) -> int | None:
        return self.target[1] if self.count else None


@dataclass
class ReviewSection:
    title: str
    id: str
    entries: list[ReviewEntry]


# Besides the notice's formats, the export writes the texts for the point of collection (`seloste snippets`).
SNIPPETS = "snippets"


def export_choices() -> tuple[str, ...]:
    """What the export offers to write: the notice's formats (PDF with the pdf extra) and the snippets."""
    from wizard.formats import export_formats

    return (*export_formats(), SNIPPETS)


def export_plan(languages: list[str], formats: list[str], folder: Path, stem: str) -> list[tuple[str, str, Path]]:
    """(language, format, path) of each file to export, in the order given; the snippets are Markdown."""
    return [
        (lang, fmt, folder / (f"{stem}-{lang}-{SNIPPETS}.md" if fmt == SNIPPETS else f"{stem}-{lang}.{fmt}"))
        for lang in languages
        for fmt in formats
    ]


@dataclass
class ExportResult:
    written: list[Path] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    problem: str = ""
    # Per notice language, how many texts it shows as written in another language, marked with that language.
    untranslated: dict[str, int] = field(default_factory=dict)
    # (previous, new) version numbers when the answers changed since the last export and got a new version
    new_version: tuple[str, str] | None = None

    def notes(self, lang: str) -> list[str]:
        """Lines telling the user, in `lang`, of a new version number and of the notices that show texts
        untranslated; none when neither happened."""
        from wizard.localtext import in_language

        lines = []
        if self.new_version is not None:
            raised = _("The answers have changed since the notice was last exported (version {old}): this is version {new}, and its last section lists what changed.", lang)
            lines.append(raised.format(old=self.new_version[0], new=self.new_version[1]))
        note = _("The notice {language} shows {count} text(s) as written in another language, marked with that language.", lang)
        lines += [note.format(language=in_language(notice_lang, lang), count=count) for notice_lang, count in self.untranslated.items()]
        return lines


@dataclass(frozen=True)
class ImportedValue:
    """A value taken from an old notice, as the review shows it for the user to confirm."""

    field: str  # as `seloste check` names it: purposes[2].basis
    words: str  # the question (and the box of a form, the item's number) that asks for it
    shown: str  # the value as that answer is shown
    target: tuple[str, int | None] | None  # the question (and item) to change it at
    box: str | None = None  # the box of the question's form that holds it (its id), when it has a form


@dataclass(frozen=True)
class MissingTranslation:
    """A text with no version in a notice language, as the translation pass shows it."""

    path: tuple[Any, ...]
    language: str  # the notice language it lacks
    written_in: str  # the language of `text`
    text: str
    label: str  # the question that holds it, in the conversation language


class Session:
    def __init__(
        self, path: Path, interview: Interview, conversation_lang: str, notice_lang: str | None = None, example: str | None = None
    ) -> None:
        self.path = path
        self.interview = interview
        self.notice_lang = notice_lang
        self.conversation_lang = conversation_lang
        self.example = example  # a demonstration of this example business (its answers are suggested)
        self.imported_from: str | None = None  # the old notice the answers were imported from
        self.imported: list[str] = []  # the fields filled from it (display paths), for the review to confirm
        self.business = ""  # the business's name, once answered
        self.published = ""  # the answers (YAML) of the notice last exported, "" before the first export
        # What was typed into a question and not sent, by (question id, item, mode): put back when it is asked.
        self.drafts: dict[DraftKey, Any] = {}
        self.focus = ""  # the id of the box in focus when the chat was left, for the question asked first on resuming
        # The question asked when the chat was left with a draft in it (an answer being changed, from the review or
        # after going back): asked first on resuming, with the draft, instead of the next unanswered question.
        self.asking: DraftKey | None = None
        self._exported: dict[str, Any] | None = None  # the answers as last exported, while they stay so

    @property
    def conversation_lang(self) -> str:
        return self._conversation_lang

    @conversation_lang.setter
    def conversation_lang(self, lang: str) -> None:
        self._conversation_lang = lang
        self.interview.lang = lang  # the answers in the transcript are shown in it too

    def set_notice_language(self, lang: str) -> None:
        """The answer to the question the conversation asks before the interview's first."""
        self.notice_lang = lang
        # A new interview's texts are written in the notice's language; a file that has texts keeps its own
        # (the translations into the notice's language are asked for apart).
        self.interview.write_texts_in(lang)
        self.save_state()

    def written_in(self, lang: str) -> str | None:
        """How `lang` says "in Swedish" of the language the user's own texts go into the notice in, when that is not
        `lang` (the conversation language); None when it is. Each text is kept as written, in that language."""
        from wizard.localtext import in_language

        written = self.interview.text_language
        return in_language(written, lang) if written != lang else None

    def write_in_note(self, lang: str) -> str | None:
        """Said when the notice language is chosen: in which language to write, when it is not `lang`'s."""
        words = self.written_in(lang)
        if words is None:
            return None
        return _("Write your answers {in_language}: they go into the notice as you write them.", lang).format(in_language=words)

    def box_language(self, question: Question, record: Question | None, lang: str) -> str | None:
        """"in Swedish": the language to write a box's text in, when the box takes text in a language (not a name,
        not a choice) and that is not `lang`; else None."""
        from wizard.sheet import writes_in_a_language

        return self.written_in(lang) if writes_in_a_language(question, record) else None

    # --- answering: each change is saved before the chat shows it -------------------------------------------

    def submit(self, raw: Any) -> Rejection | None:
        """None when the answer is taken (the caller saves it: `autosave`); otherwise the engine's Rejection."""
        from wizard.engine import Rejection

        result = self.interview.submit(raw)
        return result if isinstance(result, Rejection) else None

    def back(self) -> None:
        self.interview.back()

    def edit(self, question_id: str, item: int | None = None) -> None:
        self.interview.edit(question_id, item)

    @property
    def place(self) -> tuple[str, int | None, str] | None:
        return self.interview.place

    def return_to(self, place: tuple[str, int | None, str] | None) -> None:
        self.interview.return_to(place)

    def problem_with(self, raw: str) -> str | None:
        """What the engine would say about a typed answer if it were sent now (None: nothing, or nothing yet).

        The same check as on Enter, so a postal code is judged against the country given earlier; an answer
        still empty is not yet wrong."""
        step = self.interview.current()
        text = raw.strip()
        if step is None or step.mode != "answer" or step.question.kind not in TEXT_KINDS or not text:
            return None
        rejection = self.interview.check(text)
        if rejection is None or rejection.message_code == "missing":
            return None
        return refusal(rejection, step, self.conversation_lang)["message"]

    def shown(self, step: Step) -> str:
        """The answer to `step` as the transcript shows it."""
        return self.interview.answer_text(step.question.id, step.item, step.mode)

    def dropped_text(self, lang: str) -> str:
        """What the last change removed, as a note for the transcript ("" when nothing)."""
        dropped = self.interview.dropped
        if not dropped:
            return ""
        lines = []
        for item in dropped:
            question = item.record or item.question
            prompt = _(question.prompt, lang)
            shown = self.interview.display(item.question, item.value, lang)
            lines.append(f"• {prompt}: {shown}")
        return _("These answers no longer apply and were removed:", lang) + "\n" + "\n".join(lines)

    # --- saving ---------------------------------------------------------------------------------------------

    def current(self) -> Step | None:
        """The step to ask now (None: everything is answered)."""
        return self.interview.current()

    @property
    def progress(self) -> int:
        """How far the interview is, per cent (`Interview.progress`): the chat's bar and the list to continue from."""
        return self.interview.progress

    def autosave(self, answers: dict[str, Any] | None = None) -> None:
        """Save the answers and the state (`answers`: the interview's, when the caller holds a copy of them
        already); an interview saved under an automatic name is named after the business once it has a name."""
        from wizard import storage

        answers = answers if answers is not None else self.interview.answers
        self.business = business_name(answers)
        self.path = storage.named_after(self.path, self.business)
        storage.autosave(answers, self.path, self.state(answers))

    def save_state(self) -> None:
        from wizard import storage

        storage.save_state(self.path, self.state())

    def state(self, answers: dict[str, Any] | None = None) -> SessionState:
        """The conversation's state beside the answers (`answers`: the interview's, when the caller has a copy)."""
        from wizard.storage import SessionState

        if self._exported is not None and self._exported != (answers if answers is not None else self.interview.answers):
            self._exported = None  # changed since the export: offered for continuing again
        return SessionState(
            conversation_lang=self.conversation_lang,
            notice_lang=self.notice_lang,
            finished=self.interview.complete,
            exported=self._exported is not None,
            example=self.example,
            imported_from=self.imported_from,
            imported=list(self.imported),
            business=self.business,
            progress=self.progress,
            published=self.published,
            drafts=[{"question": key[0], "item": key[1], "mode": key[2], "value": value} for key, value in self.drafts.items()],
            focus=self.focus,
            asking={"question": self.asking[0], "item": self.asking[1], "mode": self.asking[2]} if self.asking else {},
        )

    def imported_answers(self, lang: str) -> list[ImportedValue]:
        """The values still as they were imported from an old notice, for the user to confirm: each under the
        question (and form box) that asks for it, as that answer is shown, in `lang`."""
        from wizard import fieldpath
        from wizard.audit.importing import parse_shown_path, value_at

        shown = []
        for field_name in self.imported:
            as_text = value_at(self.interview.answers, field_name)
            if as_text is None:
                continue
            path = parse_shown_path(field_name)
            target = self.question_at(path)
            asking = self._asking(target, path)
            _found, value = fieldpath.value_at(self.interview.answers, path)
            if asking is not None and not isinstance(value, dict):  # a text given by language: each version, as written
                as_text = self.interview.display(asking, value, lang)
            words = self._words_of(path, lang) if target is not None else field_name
            shown.append(ImportedValue(field_name, words, as_text, target, self._box(target, asking)))
        return shown

    # --- review and export ----------------------------------------------------------------------------------

    def findings(self, lang: str) -> list[Finding]:
        """What `seloste check` says about the answers, in the words of the questions that hold each field."""
        report = self.interview.report()
        found = []
        for diagnostic in sorted([*report.diagnostics, *self._untranslated(report)], key=lambda d: d.severity != "error"):
            target = self.question_at(diagnostic.path)
            params = self._purposes_named(diagnostic.params, lang)
            asking = self._asking(target, diagnostic.path)
            text = in_question_words(diagnostic.code, params, asking, lang)
            found.append(Finding(diagnostic.severity, text["message"], text["hint"], text["article"], target, self._box(target, asking)))
        return found

    def _box(self, target: tuple[str, int | None] | None, asking: Question | None) -> str | None:
        """The id of the box of `target`'s form that `asking` is (None: the question is one box, not a form)."""
        if target is None or asking is None or asking is self.interview.questionnaire.question(target[0]):
            return None
        return asking.id

    def _purposes_named(self, params: dict[str, Any], lang: str) -> dict[str, Any]:
        """The check names a purpose by its id (`orders`); the conversation by its description, as the user wrote it."""
        from wizard.localtext import one_text

        described = {}
        for purpose in self.interview.items("purposes"):
            if isinstance(purpose, dict) and isinstance(purpose.get("id"), str) and purpose.get("description"):
                described[purpose["id"]] = one_text(purpose["description"], lang)
        return {key: described.get(value, value) if key in ("purpose", "id") and isinstance(value, str) else value for key, value in params.items()}

    def _untranslated(self, report: Report) -> list[Diagnostic]:
        """The texts the chosen notice language lacks, when the answers are written in another (`check` warns
        of them only for the languages the file itself is written for)."""
        return report.missing_in(self.notice_lang) if self.notice_lang is not None else []

    def _asking(self, target: tuple[str, int | None] | None, path: tuple[Any, ...]) -> Question | None:
        """The question that holds the field at `path`: a record's box where the field is one."""
        if target is None:
            return None
        from wizard.fieldpath import split_path

        question = self.interview.questionnaire.question(target[0])
        inside = ".".join(part for part in path[len(split_path(question.field)) :] if isinstance(part, str))
        for sub in question.fields:  # the longest field that holds it: retention.period before retention
            if inside == sub.field or inside.startswith(sub.field + "."):
                return sub
        return question

    # --- the translation pass: each text a notice language lacks, skippable; every translation saved at once ---

    def missing_translations(self, languages: list[str]) -> list[MissingTranslation]:
        """The texts with no version in each of `languages`, in the file's order, language by language. Asked
        again after a stop, only those still missing are listed."""
        import copy

        from wizard.check import check_data
        from wizard.localtext import original, untranslated

        answers = check_data(copy.deepcopy(self.interview.answers)).multilingual
        if answers is None:
            return []
        return [
            MissingTranslation(text.path, lang, *original(text.value, answers.language), self._words_of(text.path, self.conversation_lang))
            for lang in languages
            for text in untranslated(answers, lang)
        ]

    def translate(self, missing: MissingTranslation, text: str) -> str | None:
        """Save a translation; None when taken, else what is wrong with it, in the conversation language."""
        rejection = self.interview.translate(missing.path, missing.language, text)
        if rejection is not None:
            return rejection.describe(self.conversation_lang)["message"]
        self.autosave()
        return None

    def _words_of(self, path: tuple[Any, ...], lang: str) -> str:
        """The question (and the box of a form) that holds the field at `path`, and the item's number, in `lang`."""
        found = self.question_at(path)
        if found is None:
            return ".".join(map(str, path))
        question = self.interview.questionnaire.question(found[0])
        box = self._asking(found, path)
        words = _(question.prompt, lang) + (f" · {_(box.prompt, lang)}" if box is not None and box is not question else "")
        return words + (f" ({found[1] + 1})" if found[1] is not None else "")

    def question_at(self, path: tuple[Any, ...]) -> tuple[str, int | None] | None:
        """The question (and the item of a record or list) whose answer holds the field at `path`; for a part
        the answers lack as a whole (`notice`), the first question that asks for any of it."""
        from wizard.fieldpath import split_path

        names = tuple(part for part in path if isinstance(part, str))
        best: tuple[int, str, int | None] | None = None
        first_inside: str | None = None
        for _section, question in self.interview.questionnaire.questions():
            own = split_path(question.field)
            if names[: len(own)] != own:
                if first_inside is None and names and own[: len(names)] == names:
                    first_inside = question.id
                continue
            item = path[len(own)] if len(path) > len(own) and isinstance(path[len(own)], int) else None
            if best is None or len(own) > best[0]:
                best = (len(own), question.id, item if question.repeating else None)
        if best is None:
            return (first_inside, None) if first_inside is not None else None
        return best[1], best[2]

    def answers_by_section(self, lang: str) -> list[ReviewSection]:
        """Every answer by section in the conversation's order; a list's items one by one, a record's item
        (a purpose, a recipient) with each of its fields on a line of its own."""
        sections: dict[str, ReviewSection] = {}
        interview = self.interview
        for step, shown in interview.history:
            question = step.question
            title = _(step.section.title, lang)
            section = sections.setdefault(title, ReviewSection(title, step.section.id, []))
            entry = ReviewEntry((question.id, step.item), _(step.prompt, lang), shown, addable=question.repeating)
            if question.repeating and step.mode == "answer" and step.item is not None:
                entry.count = len(interview.items(question.id))
                entry.prompt = f"{entry.prompt} ({step.item + 1}/{entry.count})"
            if question.kind == "record" and step.mode == "answer" and isinstance(step.value, dict):
                entry.details = [
                    (_(sub.prompt, lang), interview.display(sub, step.value.get(sub.id), lang))
                    for sub in step.fields(step.value)
                    if step.value.get(sub.id) not in (None, "", []) and sub.default_from is None  # not the id
                ]
            section.entries.append(entry)
        return list(sections.values())

    # --- changing a list: one item deleted or moved ------------------------------------------------------------

    def remove_item(self, question_id: str, item: int) -> Rejection | None:
        """Delete one item of a list (a purpose, a recipient, ...) and save; what depended on it goes too
        (`dropped_text` says what). A Rejection when the list may not be left shorter."""
        from wizard.engine import Rejection

        result = self.interview.remove_item(question_id, item)
        if isinstance(result, Rejection):
            return result
        self.autosave()
        return None

    def add_item(self, question_id: str) -> None:
        """Ask for one more item of a list (a purpose after a No to "another?") next; saved once it is given."""
        self.interview.add_item(question_id)

    def move_item(self, question_id: str, item: int, to: int) -> None:
        """Move one item of a list to place `to` (0-based), and save."""
        self.interview.move_item(question_id, item, to)
        self.autosave()

    def file_stem(self) -> str:
        """The file name suggested for the exported notice (the language and format are added)."""
        return language(self.notice_lang or self.conversation_lang).file_stem

    def render(self, plan: list[tuple[str, str, Path]], allow_incomplete: bool) -> tuple[list[bytes], ExportResult]:
        """The content of each (language, format, path) of the plan, from the saved answers file, exactly as
        `seloste render` makes it; or an ExportResult saying what is missing or wrong (then no content)."""
        from wizard.check import Unreadable, check_bytes
        from wizard.formats import render_format
        from wizard.render import Incomplete, build_notice

        lang = self.conversation_lang
        self.autosave()
        try:
            report = check_bytes(self.path.read_bytes())
        except (OSError, Unreadable) as error:
            return [], ExportResult(problem=_("Cannot read the saved answers: {reason}", lang).format(reason=error))
        if report.answers is None:
            return [], ExportResult(problem=_("The answers have errors; the review lists them.", lang))
        result = ExportResult()
        previous = self._previous_version()
        if previous is not None:
            result.new_version = self._raise_version(previous, report, [code for code, _fmt, _path in plan])
            if result.new_version is not None:
                report = check_bytes(self.path.read_bytes())
                if report.answers is None:
                    return [], ExportResult(problem=_("The answers have errors; the review lists them.", lang))
        notices = {}
        for notice_lang in dict.fromkeys(notice_lang for notice_lang, _fmt, _path in plan):
            # A text the user chose not to translate is shown as written and marked, as `render
            # --allow-mixed-language` does, and the user is told.
            try:
                notices[notice_lang] = build_notice(
                    report, notice_lang, allow_incomplete=allow_incomplete, allow_mixed_language=True, previous=previous
                )
            except Incomplete as incomplete:
                return [], ExportResult(missing=[_(status.item.name, lang) for status in incomplete.statuses])
            if report.untranslated.get(notice_lang):
                result.untranslated[notice_lang] = len(report.untranslated[notice_lang])
        from wizard.formats.pdf import PdfUnavailable
        from wizard.snippets import render_snippets

        assert report.answers is not None  # checked above
        business = report.answers.controller.name
        try:
            contents = [
                render_snippets(report, notice_lang, allow_mixed_language=True).encode("utf-8")
                if fmt == SNIPPETS
                else render_format(notices[notice_lang].markdown, fmt, notice_lang, notices[notice_lang].title, business)
                for notice_lang, fmt, _path in plan
            ]
        except PdfUnavailable as unavailable:
            return [], ExportResult(problem=unavailable.message(lang))
        return contents, result

    def export(self, plan: list[tuple[str, str, Path]], replace: bool, allow_incomplete: bool) -> ExportResult:
        """Write each (language, format, path) from the saved answers file, exactly as `seloste render` would."""
        from wizard.atomic import write_atomically

        lang = self.conversation_lang
        contents, result = self.render(plan, allow_incomplete)
        if result.missing or result.problem:
            return result
        for (_notice_lang, _fmt, path), content in zip(plan, contents):
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                result.written.append(write_atomically(path, content, overwrite=replace))
            except FileExistsError:
                result.problem = _("{path} appeared meanwhile; nothing was replaced.", lang).format(path=path)
                return result
            except OSError as error:
                result.problem = _("Cannot write {path}: {reason}.", lang).format(path=path, reason=error.strerror or error)
                return result
        self.published_now()
        return result

    def _previous_version(self) -> dict[str, Any] | None:
        """The answers data of the notice last exported, or None (never exported, or its copy unreadable)."""
        from wizard.check import Unreadable, load

        if not self.published:
            return None
        try:
            return load(self.published.encode("utf-8"))[0].data
        except Unreadable:
            return None

    def _raise_version(self, previous: dict[str, Any], report: Report, langs: list[str]) -> tuple[str, str] | None:
        """A notice exported before, whose content has changed since, gets the next version number and today's
        date (unless its date is later already), saved in the answers: the old and the new number, or None."""
        from datetime import date

        from wizard.versions import next_version, previous_version, version_problem

        data = report.data or {}
        if not any(version_problem(previous, data, code) == "version" for code in dict.fromkeys(langs)):
            return None
        before = previous_version(previous, data, langs[0])
        today = date.today()
        later_date = report.answers is not None and report.answers.notice.date > max(before.date or today, today)
        version = next_version(before.version)
        self.interview.set_notice_version(version, None if later_date else today.isoformat())
        self.autosave()
        return before.version, version

    def published_now(self) -> None:
        """Keep the answers the exported notice was made from: the next export says what changed since, and
        the interview is not offered for continuing until they change."""
        from wizard.loader import dump

        self._exported = self.interview.answers
        self.published = dump(self._exported)
        self.save_state()


# --- starting a session -------------------------------------------------------------------------------------


def business_name(answers: dict[str, Any]) -> str:
    """The business's name in the answers ("" before it is given); a name given by language: the first one."""
    controller = answers.get("controller")
    name = controller.get("name") if isinstance(controller, dict) else None
    if isinstance(name, dict):
        name = next((text for text in name.values() if isinstance(text, str)), None)
    return name.strip() if isinstance(name, str) else ""


@dataclass(frozen=True)
class Resumable:
    """An unfinished interview as the list to continue from shows it."""

    path: Path
    label: str  # the business (or the file's name), when it was saved, how far it had got
    lang: str  # the conversation language it was in


def unfinished_path() -> Path | None:
    """The latest unfinished interview's file (see `resumable`), or None."""
    from wizard import storage

    return storage.unfinished()


def leaving_words(session: Session | None, lang: str) -> str:
    """What the chat says in the terminal once it has been left (Ctrl+Q, the terminal closed), in `lang`: where the
    answers are and how to go on with them. An interview the first screen will offer is continued from there; any
    other (a file given with --answers, one exported as it stands) with --answers; a demonstration is never
    offered as the user's own interview. Nothing ("") when no interview was opened (left at the first screen: the
    interviews it offered are as they were)."""
    from wizard import storage

    if session is None:
        return ""
    if not session.path.is_file():
        return _("Stopped before the interview began; nothing was saved.", lang)
    path = session.path
    offered = any(interview.path == path for interview in storage.unfinished_interviews())
    if not offered and not storage.has_answers(path):
        return _("Stopped before the interview began; nothing was saved.", lang)
    if session.example:
        words = _("This demonstration's answers are in {path}; seloste does not offer it among your own interviews. To continue it: seloste --answers {path}", lang)
        return words.format(path=path)
    lines = [_("Stopped. Your answers so far are saved in {path}", lang)]
    if offered:
        lines.append(_("To continue, run seloste: it offers the interview on its first screen. Or: seloste --answers {path}", lang))
    else:
        lines.append(_("To continue: seloste --answers {path}", lang))
    return "\n".join(line.format(path=path) for line in lines)


def resumable(lang: str) -> list[Resumable]:
    """The unfinished interviews to offer for continuing, the latest first, each described in its own conversation
    language (the list is shown before a language is chosen: a Finnish interview's date as Finns write it), or in
    `lang` when its language is not known."""
    from wizard import storage
    from wizard.display import shown_moment
    from wizard.languages import CODES

    interviews = storage.unfinished_interviews()
    if not interviews:
        return []
    found = []
    for interview in interviews:
        state = interview.state
        spoken = state.conversation_lang if state.conversation_lang in CODES else lang
        parts = [state.business or interview.path.stem, shown_moment(interview.saved, spoken)]
        if state.progress >= 0:
            parts.append(f"{state.progress} %")
        found.append(Resumable(interview.path, " · ".join(parts), state.conversation_lang))
    return found


def new(lang: str, example: str | None = None) -> Session:
    """A new interview; with `example` (the name of an example business) a demonstration whose questions
    suggest that business's answers."""
    from wizard import storage
    from wizard.engine import Interview

    interview = Interview.start(lang=lang, script=_script(example))
    session = Session(storage.new_path(), interview, lang, example=example if example else None)
    session.autosave()
    session.save_state()
    return session


def resume(path: Path, lang: str) -> Session:
    from wizard import storage
    from wizard.engine import Interview

    state = storage.load_state(path)
    interview = Interview.start(answers=storage.load(path), lang=lang, script=_script(state.example))
    return _with_import(Session(path, interview, lang, state.notice_lang, state.example), state)


def _with_import(session: Session, state: SessionState) -> Session:
    session.imported_from, session.imported = state.imported_from, [p for p in state.imported if isinstance(p, str)]
    session.published = state.published
    session.drafts = dict(_drafts(state.drafts))
    session.focus = state.focus
    session.asking = next((key for key, _value in _drafts([{**state.asking, "value": ""}])), None) if state.asking else None
    if state.exported:  # left as exported: it stays so until an answer changes
        session._exported = session.interview.answers
    return session


def _drafts(saved: list[Any]) -> Iterator[tuple[DraftKey, Any]]:
    """The drafts of a state file, leaving out any entry not of the shape `Session.state` writes."""
    for entry in saved:
        if not isinstance(entry, dict):
            continue
        question, item, mode, value = (entry.get(key) for key in ("question", "item", "mode", "value"))
        if isinstance(question, str) and (item is None or type(item) is int) and isinstance(mode, str) and isinstance(value, str | dict):
            yield (question, item, mode), value


def import_interview(notice: str, lang: str) -> Path | str:
    """A new interview filled from an old notice (`seloste --import`): the answers file as `seloste import`
    writes it, its comments quoting the notice, and the fields it filled kept in the state for the review; or
    why the notice cannot be used."""
    from wizard import storage
    from wizard.audit.importing import answers_yaml, import_notice, imported_paths
    from wizard.audit.reading import Unreadable
    from wizard.audit.report import audit_path

    try:
        imported = import_notice(audit_path(notice))
    except Unreadable as problem:
        return problem.message(lang)
    path = storage.new_path()
    storage.write_private(path, answers_yaml(imported, notice, lang))
    state = storage.SessionState(conversation_lang=lang, imported_from=notice, imported=imported_paths(imported))
    storage.save_state(path, state)
    return path


def _script(example: str | None) -> dict[str, Any] | None:
    """The answers a demonstration suggests: the example business's (None for an ordinary interview, or an
    example this version of seloste no longer has)."""
    from wizard.examples import EXAMPLES, example_answers

    return example_answers(example) if example in EXAMPLES else None


def open_file(path: Path, lang: str) -> Session | str:
    """The chat on an existing answers file, which it completes in place (it asks only what is missing);
    or why the file cannot be used."""
    from wizard import storage
    from wizard.check import Unreadable
    from wizard.engine import Interview

    if not path.is_file():
        return _("Cannot read {path}: {reason}.", lang).format(path=path, reason=_("there is no such file", lang))
    try:
        answers = storage.load(path)
    except Unreadable as problem:
        return f"{path}: {problem.diagnostic.describe(lang)['message']}"
    state = storage.load_state(path)
    interview = Interview.start(answers=answers, lang=lang, script=_script(state.example))
    return _with_import(Session(path, interview, lang, state.notice_lang, state.example), state)
