"""Export: the notice in the chosen languages and formats, into a folder; never replaces a file unasked.

The notice is built from the autosaved answers file by the same code as `seloste render`, so what the chat
writes is byte for byte what `seloste render ANSWERS --lang L --format F` writes. In a browser tab (`seloste
serve`) a folder on the server is of no use to the participant: each file is downloaded by the browser instead.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Input, Label, SelectionList, Static

from wizard.conversation import label
from wizard.i18n import N_, _
from wizard.languages import CODES, LANGUAGES
from wizard.session import export_choices, export_plan
from wizard.tui.inorder import TextBox
from wizard.tui.failures import Failed, opened_safely, reported
from wizard.tui.screens.dialogs import ChoiceDialog
from wizard.tui.widgets.keys import Keys
from wizard.tui.widgets.ticks import TickList

if TYPE_CHECKING:
    from wizard.session import ExportResult, Session

FORMAT_NAMES = {
    "html": "HTML",
    "docx": "Word (.docx)",
    "pdf": "PDF",
    "md": "Markdown",
    "txt": N_("plain text"),
    "snippets": N_("texts for the point of collection"),
}
# (MIME type, text encoding) of each format as a browser download; None: binary
DOWNLOAD_TYPES = {
    "html": ("text/html", "utf-8"),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", None),
    "md": ("text/markdown", "utf-8"),
    "txt": ("text/plain", "utf-8"),
    "pdf": ("application/pdf", None),
    "snippets": ("text/markdown", "utf-8"),
}


class ExportReport(Static):
    """What the export did: the files written (or why not), and the notes on them. It is brought into view once it
    is laid out at its height, as paths wrap in a small terminal: the whole of it, or from its first line when it
    is taller than the screen."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.wanted_in_view = False  # something to see was shown

    def bring_into_view(self) -> None:
        self.wanted_in_view = True
        self._into_view()

    def on_resize(self) -> None:
        self._into_view()

    def _into_view(self) -> None:
        if not self.wanted_in_view or not self.size.height:
            return
        scroll = self.screen.query_one("#export")
        scroll.scroll_to_widget(self, animate=False, immediate=True, top=self.size.height >= scroll.scrollable_content_region.height)


class ExportScreen(Screen[None]):
    BINDINGS = [Binding("escape", "close", label(N_("Back")), id="close")]

    def __init__(self, session: Session, folder: Path | None = None) -> None:
        super().__init__()
        self.session = session
        self.folder = folder or Path.cwd()
        self._translations_asked = False  # the translation pass comes once, before the first export

    @property
    def lang(self) -> str:
        return self.session.conversation_lang

    @property
    def in_browser(self) -> bool:
        """Served to a web browser: the files are downloads there, not files in a folder here."""
        return self.app.is_web

    @opened_safely
    def compose(self) -> ComposeResult:
        lang = self.lang
        notice_lang = self.session.notice_lang or lang
        yield Static(Text(_("Export the notice", lang), style="bold"), id="status")
        with VerticalScroll(id="export"):
            with Horizontal(id="export-choices"):
                with Vertical(classes="export-column"):
                    yield Label(_("Languages", lang))
                    yield TickList(
                        *[(_(entry.name, lang), entry.code, entry.code == notice_lang) for entry in LANGUAGES],
                        id="export-languages",
                    )
                with Vertical(classes="export-column"):
                    yield Label(_("Formats", lang))
                    yield TickList(
                        *[(_(name, lang), fmt, fmt == "html") for fmt, name in FORMAT_NAMES.items() if fmt in export_choices()],
                        id="export-formats",
                    )
            if self.in_browser:
                yield Static(_("Your web browser downloads the files.", lang), id="export-downloads")
            else:
                yield Label(_("Folder", lang))
                yield TextBox(str(self.folder), id="export-folder")
            yield Label(_("File name (the language and format are added)", lang))
            yield TextBox(self.session.file_stem(), id="export-stem")
            with Horizontal(classes="answer-buttons"):
                yield Button(_("Export", lang), id="export-go", variant="primary")
                yield Button(_("Back", lang), id="export-close")
            yield ExportReport("", id="export-result")
        yield Keys()

    @opened_safely
    def on_mount(self) -> None:
        self.query_one("#export-languages").focus()

    def action_close(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#export-close")
    def _close(self) -> None:
        self.action_close()

    @on(Button.Pressed, "#export-go")
    def _go(self) -> None:
        self.export()

    def planned(self) -> list[tuple[str, str, Path]]:
        """(language, format, path) of every file the current choices would write."""
        languages = self.query_one("#export-languages", SelectionList).selected
        formats = self.query_one("#export-formats", SelectionList).selected
        fallback = self.session.file_stem()
        stem = self.query_one("#export-stem", Input).value.strip() or fallback
        if self.in_browser:
            folder, stem = Path(), download_stem(stem) or fallback
        else:
            folder = Path(self.query_one("#export-folder", Input).value.strip() or ".").expanduser()
        chosen_languages = [lang for lang in CODES if lang in languages]  # in a fixed order, not the order clicked
        chosen_formats = [fmt for fmt in FORMAT_NAMES if fmt in formats]
        return export_plan(chosen_languages, chosen_formats, folder, stem)

    @work(exclusive=True, group="export")
    @reported
    async def export(self, allow_incomplete: bool = False) -> None:
        lang = self.lang
        plan = self.planned()
        if not plan:
            self.show(Text(_("Choose at least one language and one format.", lang)), error=True)
            return
        await self._collect_translations(plan)
        if self.in_browser:
            result = download(self.app, self.session, plan, allow_incomplete)
        else:
            replace = await self._replace_existing(plan)
            if replace is None:
                self.show(Text(_("Nothing was written. Choose another name or folder.", lang)))
                return
            result = self.session.export(plan, replace=replace, allow_incomplete=allow_incomplete)
        if result.missing:
            text = Text(_("The notice would be incomplete. Still missing:", lang) + "\n", style="bold")
            for item in result.missing:
                text.append(f"• {item}\n")
            text.append(_("Go back to answer them, or export anyway with each gap marked.", lang))
            self.show(text, error=True)
            await self._offer_incomplete()
            return
        if result.problem:
            self.show(Text(result.problem), error=True)
            return
        if self.in_browser:
            text = Text(_("Done. Your web browser downloads these files:", lang) + "\n", style="bold")
        else:
            text = Text(_("Done. The files are here:", lang) + "\n", style="bold")
        for path in result.written:
            text.append(f"{path}\n")
        for line in result.notes(lang):
            text.append(f"{line}\n")
        self.show(text)

    async def _collect_translations(self, plan: list[tuple[str, str, Path]]) -> None:
        """Once per export screen: the texts the chosen languages lack, asked for before anything is written."""
        from wizard.tui.screens.translations import TranslationScreen

        if self._translations_asked:
            return
        self._translations_asked = True
        missing = self.session.missing_translations(list(dict.fromkeys(code for code, _fmt, _path in plan)))
        if missing:
            await self.app.push_screen_wait(TranslationScreen(self.session, missing))

    async def _replace_existing(self, plan: list[tuple[str, str, Path]]) -> bool | None:
        """Whether files already in the folder may be replaced: False when there are none, None when the
        user keeps them."""
        existing = [path for _lang, _fmt, path in plan if path.exists()]
        if not existing:
            return False
        lang = self.lang
        choice = await self.app.push_screen_wait(
            ChoiceDialog(
                _("These files exist already. Replace them?", lang),
                [("replace", _("Replace", lang)), ("keep", _("Keep them", lang))],
                "\n".join(str(path) for path in existing),
            )
        )
        return True if choice == "replace" else None

    async def _offer_incomplete(self) -> None:
        buttons = self.query_one(".answer-buttons", Horizontal)
        if not self.query("#export-anyway"):
            await buttons.mount(Button(_("Export with gaps marked", self.lang), id="export-anyway", variant="warning"))

    @on(Button.Pressed, "#export-anyway")
    def _anyway(self) -> None:
        self.export(allow_incomplete=True)

    @on(Failed)
    def _failed(self, event: Failed) -> None:
        """An unexpected error while exporting (or in the translation pass): said here, and nothing else is lost."""
        event.stop()
        self.show(Text(_("Something went wrong: {error}", self.lang).format(error=event.error or type(event.error).__name__)), error=True)

    def show(self, text: Text, error: bool = False) -> None:
        result = self.query_one("#export-result", ExportReport)
        result.update(text)
        result.set_class(error, "-error")
        result.bring_into_view()


# --- in a browser tab: downloads instead of files --------------------------------------------------------------


def download_stem(stem: str) -> str:
    """The typed file name, safe in a download's header: no spaces, quotes, semicolons or folders ("" if
    nothing is left)."""
    return re.sub(r"[^\w.-]+", "-", stem).strip("-.")


def download(app: App[Any], session: Session, plan: list[tuple[str, str, Path]], allow_incomplete: bool) -> ExportResult:
    """Hand each planned file to the browser as a download; the result (a session ExportResult) names them."""
    contents, result = session.render(plan, allow_incomplete)
    if result.missing or result.problem:
        return result
    for (_lang, fmt, path), content in zip(plan, contents):
        mime_type, encoding = DOWNLOAD_TYPES[fmt]
        if encoding:
            text = io.StringIO(content.decode(encoding))
            app.deliver_text(text, save_filename=path.name, mime_type=mime_type, encoding=encoding)
        else:
            app.deliver_binary(io.BytesIO(content), save_filename=path.name, mime_type=mime_type)
        result.written.append(Path(path.name))
    session.published_now()
    return result
