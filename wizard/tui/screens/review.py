"""The end of the interview: every answer by section, what `check` still says about them, then the export."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Static

from wizard.conversation import label
from wizard.i18n import N_, _

if TYPE_CHECKING:
    from wizard.session import Session


class ReviewRow(Static, can_focus=True):
    """One answer (or one finding of the check); Enter or a click goes back to its question."""

    BINDINGS = [Binding("enter", "choose", label(N_("Change")))]

    def __init__(self, text: Text, target: tuple[str, int | None] | None, classes: str) -> None:
        super().__init__(text, classes=f"review-row {classes}")
        self.target = target

    def action_choose(self) -> None:
        if self.target:
            self.screen.dismiss(self.target)

    def on_click(self) -> None:
        self.action_choose()


class ReviewScreen(Screen[tuple[str, int | None] | None]):
    """Dismisses with (question id, item) of an answer to change, or None to go back to the chat."""

    BINDINGS = [
        Binding("escape", "close", label(N_("Back to the chat")), id="close"),
        Binding("f9", "export", label(N_("Export")), id="export"),
        Binding("up", "focus_previous", show=False),
        Binding("down", "focus_next", show=False),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session

    @property
    def lang(self) -> str:
        return self.session.conversation_lang

    def compose(self) -> ComposeResult:
        lang = self.lang
        yield Static(Text(_("Review your answers", lang), style="bold"), id="status")
        with VerticalScroll(id="review"):
            yield from self._findings()
            yield from self._imported()
            for section, rows in self.session.answers_by_section(lang):
                yield Static(Text(section, style="bold"), classes="review-section")
                for target, prompt, shown in rows:
                    text = Text.assemble((prompt, "dim"), "\n", shown or "-")
                    yield ReviewRow(text, target, "-answer")
        with Horizontal(classes="answer-buttons", id="review-buttons"):
            yield Button(_("Export the notice", lang), id="review-export", variant="primary")
            yield Button(_("Back to the chat", lang), id="review-close")
        yield Footer()

    def _findings(self) -> ComposeResult:
        lang = self.lang
        findings = self.session.findings(lang)
        if not findings:
            yield Static(Text(_("The check found nothing to fix.", lang)), classes="review-ok")
            return
        errors = sum(1 for finding in findings if finding.severity == "error")
        summary = _("The check found {errors} error(s) and {warnings} warning(s):", lang)
        yield Static(Text(summary.format(errors=errors, warnings=len(findings) - errors), style="bold"))
        for finding in findings:
            mark = _("error", lang) if finding.severity == "error" else _("warning", lang)
            text = Text.assemble((f"{mark}: ", "bold"), finding.message)
            if finding.hint:
                text.append("\n" + finding.hint, style="italic")
            if finding.article:
                text.append(f" ({finding.article})", style="dim")
            yield ReviewRow(text, finding.target, f"-{finding.severity}")

    def _imported(self) -> ComposeResult:
        """The values taken from an old notice (`seloste --import`), for the user to confirm or change."""
        from wizard.audit.importing import parse_shown_path

        imported = self.session.imported_answers()
        if not imported:
            return
        title = _("From your old notice ({file}): check each; Enter changes it.", self.lang)
        yield Static(Text(title.format(file=self.session.imported_from), style="bold"), classes="review-section")
        for field_name, value in imported:
            target = self.session.question_at(parse_shown_path(field_name))
            yield ReviewRow(Text.assemble((field_name, "dim"), "\n", value), target, "-imported")

    def on_mount(self) -> None:
        self.query_one("#review-export", Button).focus()

    @on(Button.Pressed, "#review-export")
    def _export_pressed(self) -> None:
        self.action_export()

    @on(Button.Pressed, "#review-close")
    def _close_pressed(self) -> None:
        self.action_close()

    def action_close(self) -> None:
        self.dismiss(None)

    def action_export(self) -> None:
        from wizard.tui.screens.export import ExportScreen

        self.app.push_screen(ExportScreen(self.session))
