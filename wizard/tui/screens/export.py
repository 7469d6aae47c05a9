"""Export: the notice in the chosen languages and formats, into a folder; never replaces a file unasked.

The notice is built from the autosaved answers file by the same code as `seloste render`, so what the chat
writes is byte for byte what `seloste render ANSWERS --lang L --format F` writes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Input, Label, SelectionList, Static

from wizard.i18n import N_
from wizard.tui.screens.dialogs import ChoiceDialog
from wizard.tui.text import _, label

FORMAT_NAMES = {"html": "HTML", "docx": "Word (.docx)", "md": "Markdown", "txt": N_("plain text")}


def default_stem(lang: str) -> str:
    return {"fi": "tietosuojaseloste", "en": "privacy-notice"}[lang]


class ExportScreen(Screen[None]):
    BINDINGS = [Binding("escape", "close", label(N_("Back")), id="close")]

    def __init__(self, session: Any, folder: Path | None = None) -> None:
        super().__init__()
        self.session = session
        self.folder = folder or Path.cwd()

    @property
    def lang(self) -> str:
        return self.session.conversation_lang

    def compose(self) -> ComposeResult:
        lang = self.lang
        notice_lang = self.session.notice_lang or lang
        yield Static(Text(_("Export the notice", lang), style="bold"), id="status")
        with VerticalScroll(id="export"):
            with Horizontal(id="export-choices"):
                with Vertical(classes="export-column"):
                    yield Label(_("Languages", lang))
                    yield SelectionList[str](
                        (_("Finnish", lang), "fi", notice_lang == "fi"),
                        (_("English", lang), "en", notice_lang == "en"),
                        id="export-languages",
                    )
                with Vertical(classes="export-column"):
                    yield Label(_("Formats", lang))
                    yield SelectionList[str](
                        *[(_(name, lang), fmt, fmt == "html") for fmt, name in FORMAT_NAMES.items()],
                        id="export-formats",
                    )
            yield Label(_("Folder", lang))
            yield Input(str(self.folder), id="export-folder")
            yield Label(_("File name (the language and format are added)", lang))
            yield Input(default_stem(notice_lang), id="export-stem")
            with Horizontal(classes="answer-buttons"):
                yield Button(_("Export", lang), id="export-go", variant="primary")
                yield Button(_("Back", lang), id="export-close")
            yield Static("", id="export-result")
        yield Footer()

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
        folder = Path(self.query_one("#export-folder", Input).value.strip() or ".").expanduser()
        stem = self.query_one("#export-stem", Input).value.strip() or default_stem(self.session.notice_lang or self.lang)
        return [
            (lang, fmt, folder / f"{stem}-{lang}.{fmt}")
            for lang in ("fi", "en")
            if lang in languages
            for fmt in FORMAT_NAMES
            if fmt in formats
        ]

    @work(exclusive=True, group="export")
    async def export(self, allow_incomplete: bool = False) -> None:
        lang = self.lang
        plan = self.planned()
        if not plan:
            self.show(Text(_("Choose at least one language and one format.", lang)), error=True)
            return
        existing = [path for _lang, _fmt, path in plan if path.exists()]
        replace = False
        if existing:
            names = "\n".join(str(path) for path in existing)
            choice = await self.app.push_screen_wait(
                ChoiceDialog(
                    _("These files exist already. Replace them?", lang),
                    [("replace", _("Replace", lang)), ("keep", _("Keep them", lang))],
                    names,
                )
            )
            if choice != "replace":
                self.show(Text(_("Nothing was written. Choose another name or folder.", lang)))
                return
            replace = True
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
        text = Text(_("Done. The files are here:", lang) + "\n", style="bold")
        for path in result.written:
            text.append(f"{path}\n")
        self.show(text)

    async def _offer_incomplete(self) -> None:
        buttons = self.query_one(".answer-buttons", Horizontal)
        if not self.query("#export-anyway"):
            await buttons.mount(Button(_("Export with gaps marked", self.lang), id="export-anyway", variant="warning"))

    @on(Button.Pressed, "#export-anyway")
    def _anyway(self) -> None:
        self.export(allow_incomplete=True)

    def show(self, text: Text, error: bool = False) -> None:
        result = self.query_one("#export-result", Static)
        result.update(text)
        result.set_class(error, "-error")
        self.query_one("#export").scroll_end(animate=False)
