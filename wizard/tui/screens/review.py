"""Every answer by section, what `check` still says about them, and the export; also where answers are changed.

Each section folds (Enter on its title); a list's items (purposes, data categories, recipients, ...) are shown
one by one, a record's item field by field, and each item can be deleted or moved, and one more added (+: the
chat asks for it, even after a No to "add another?"). The list of what to do is
the session's (`Session.answers_by_section`, `remove_item`, `move_item`, `add_item`): this screen only shows it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple, cast

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Button, Collapsible, Static
from textual.widgets._collapsible import CollapsibleTitle

from wizard.conversation import label
from wizard.i18n import N_, _
from wizard.tui.events import LanguageSwitched
from wizard.tui.failures import Failed, opened_safely, reported
from wizard.tui.widgets.composer import release_held_keys
from wizard.tui.widgets.keys import Keys

if TYPE_CHECKING:
    from wizard.session import ReviewEntry, ReviewSection, Session

Target = tuple[str, int | None]
FINDINGS = "findings"  # the id of the check's section, beside the questionnaire's section ids
IMPORTED = "imported"  # the values taken from an old notice, to confirm
ADD_KEYS = ("plus", "insert")


class Change(NamedTuple):
    """What the review closes with to change an answer: its question, its item, and the box of the question's form
    that a finding (or a value from an old notice) is about, for the focus to land in (None: the first box)."""

    question_id: str
    item: int | None
    box: str | None = None


@dataclass(frozen=True)
class AddTo:
    """What the review closes with to add one more item to a list: the chat asks for it."""

    question_id: str


class ReviewRow(Static, can_focus=True):
    """One answer (or one finding of the check); Enter or a click goes back to its question. An item of a
    list can also be deleted (Delete) or moved (Ctrl+↑ / Ctrl+↓), and one more added to its list (+)."""

    # The footer shows + on a list's answer (one more item, also after a No); the key line at the top of the
    # review says what Enter, Delete and Ctrl+↑ / Ctrl+↓ do, so that at 80 columns the footer keeps Esc and F9.
    BINDINGS = [
        Binding("enter", "choose", label(N_("Change")), show=False),
        Binding(",".join(ADD_KEYS), "add", label(N_("Add one")), key_display="+"),
        Binding("delete", "delete", label(N_("Delete")), show=False),
        Binding("ctrl+up", "move(-1)", label(N_("Move up")), show=False),
        Binding("ctrl+down", "move(1)", label(N_("Move down")), show=False),
    ]

    def __init__(self, text: Text, target: Target | None, classes: str, entry: ReviewEntry | None = None, box: str | None = None) -> None:
        super().__init__(text, classes=f"review-row {classes}")
        self.target = target
        self.entry = entry
        self.box = box  # the box of the question's form the row is about (a finding's), where the focus goes

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        entry = self.entry
        if action == "add":
            return entry is not None and entry.addable
        if action == "delete":
            return entry is not None and entry.item is not None
        if action == "move":
            if entry is None or entry.item is None:
                return False
            return 0 <= entry.item + cast(int, parameters[0]) < entry.count
        return True

    def holds_keys_after(self, key: events.Key) -> bool:
        """Keys typed after Enter chose an answer, or + asked for one more item, wait for its question
        (`wizard.tui.holding`)."""
        if key.key in ADD_KEYS:
            return self.entry is not None and self.entry.addable
        return key.key == "enter" and self.target is not None

    def action_add(self) -> None:
        if self.entry is not None and self.entry.addable:
            cast(ReviewScreen, self.screen).add(self.entry.target[0])

    def action_choose(self) -> None:
        if self.target:
            cast(ReviewScreen, self.screen).choose(Change(*self.target, self.box))

    async def action_delete(self) -> None:
        if self.entry is not None:
            await cast(ReviewScreen, self.screen).delete(self.entry)

    async def action_move(self, by: int) -> None:
        if self.entry is not None:
            await cast(ReviewScreen, self.screen).move(self.entry, by)

    def on_click(self) -> None:
        self.action_choose()


class SectionTitle(CollapsibleTitle):
    """A section's title; Enter opens or closes the section at once (Textual's sends a message, read after the keys
    typed since: ↓ right after Enter would skip the answers just shown)."""

    def action_toggle_collapsible(self) -> None:
        if isinstance(self.parent, Section):
            self.parent.collapsed = not self.parent.collapsed


class Section(Collapsible):
    """A section of the review, whose answers show or hide as it opens or closes, not once the screen is styled
    again: the next key typed (↓ into its first answer) finds them there."""

    def __init__(self, *children: Widget, title: str, collapsed: bool, id: str, classes: str) -> None:
        super().__init__(*children, title=title, collapsed=collapsed, id=id, classes=classes)
        self._title = SectionTitle(label=title, collapsed_symbol="▶", expanded_symbol="▼", collapsed=collapsed)

    def _update_collapsed(self, collapsed: bool) -> None:
        super()._update_collapsed(collapsed)
        for contents in self.query_children(Collapsible.Contents):
            contents.display = not collapsed


class AnswerList(VerticalScroll, inherit_bindings=False):
    """The sections and their answers. It binds no key of its own: ↑ ↓ PgUp PgDn move the focus between answers
    and sections (`ReviewScreen`) rather than scroll, and the focus takes the list with it."""


class ReviewScreen(Screen["Change | AddTo | None"]):
    """Dismisses with the answer to change (`Change`), AddTo a list to add one more item to, or None to go back
    to the chat.

    `focus` (an answer's question and item) opens the review on that answer, its section unfolded: changing
    an earlier answer (F5) starts there. Otherwise the sections start folded, the check's findings open."""

    BINDINGS = [
        Binding("escape", "close", label(N_("Back")), id="close"),  # (to the chat, as its button says)
        Binding("f9", "export", label(N_("Export")), id="export"),
        # Read in turn with Enter and the other keys, each from the focus the keys before it left (a binding above
        # the widgets' would act as soon as the key arrives, before an Enter typed just before it).
        Binding("up", "neighbour(-1)", show=False),
        Binding("down", "neighbour(1)", show=False),
        Binding("pagedown", "section(1)", label(N_("Next section")), show=False),  # (in the key line)
        Binding("pageup", "section(-1)", label(N_("Previous section")), show=False),
    ]

    LEAVING_KEYS = ("escape",)  # the keys typed after Esc wait for the chat's question (`SelosteApp.on_event`)
    KEYS_ACT_AS_READ = True  # each key's binding acts before the next key is read (`SelosteApp._act_as_read`)
    REDRAWS_ON_SWITCH = True  # the keys typed after F2 wait for the rows drawn anew in the other language

    def __init__(self, session: Session, focus: Target | None = None) -> None:
        super().__init__()
        self.session = session
        self.focus_target = focus
        self.chosen: Change | AddTo | None = None
        self.unfolded: set[str] = set()  # the sections shown open, kept when the list is drawn again
        self.changed = False  # an item was deleted or moved: the chat draws its transcript again
        self.removed = ""  # what the last deletion took with it, shown at the top
        self.opened_in = session.conversation_lang  # switched since (F2): the chat draws its transcript again
        self.drawn_in = session.conversation_lang  # the language of the rows shown
        self.folds_kept = False  # drawn anew in another language: each section open or folded as it was

    @property
    def lang(self) -> str:
        return self.session.conversation_lang

    @opened_safely
    def compose(self) -> ComposeResult:
        lang = self.lang
        yield Static(Text(_("Review your answers", lang), style="bold"), id="status")
        yield Static(Text(self._keys(), style="dim"), id="review-keys")
        with AnswerList(id="review"):
            yield from self._contents()
        with Horizontal(classes="answer-buttons", id="review-buttons"):
            yield Button(_("Export the notice", lang), id="review-export", variant="primary")
            yield Button(_("Back to the chat", lang), id="review-close")
        yield Keys()

    def _keys(self) -> str:
        return _(
            "↑ ↓ move between answers, Enter changes one or opens a section, PgUp/PgDn jump by section; "
            "a list: + adds one more, Delete removes an item, Ctrl+↑ / Ctrl+↓ move it.",
            self.lang,
        )

    def _contents(self) -> list[Widget]:
        sections = self.session.answers_by_section(self.lang)
        if self.focus_target is not None:
            self.unfolded |= {section.id for section in sections if any(e.target == self.focus_target for e in section.entries)}
        widgets: list[Widget] = []
        if self.removed:
            widgets.append(Static(Text(self.removed), classes="review-removed"))
        widgets.append(self._findings())
        imported = self._imported()
        if imported is not None:
            widgets.append(imported)
        widgets += [self._section(section) for section in sections]
        return widgets

    def _section(self, section: ReviewSection) -> Collapsible:
        rows = [ReviewRow(self._entry_text(entry), entry.target, "-answer", entry) for entry in section.entries]
        title = Content(f"{section.title} ({len(section.entries)})")
        folded = section.id not in self.unfolded
        return Section(*rows, title=cast(str, title), collapsed=folded, id=f"section-{section.id}", classes="review-section")

    @staticmethod
    def _entry_text(entry: ReviewEntry) -> Text:
        text = Text.assemble((entry.prompt, "dim"), "\n")
        if not entry.details:
            text.append(entry.shown or "-")
        for index, (prompt, shown) in enumerate(entry.details):
            text.append(("\n" if index else "") + f"{prompt} ", style="dim")
            text.append(shown)
        return text

    def _findings(self) -> Widget:
        lang = self.lang
        findings = self.session.findings(lang)
        if not findings:
            return Static(Text(_("The check found nothing to fix.", lang)), classes="review-ok")
        errors = sum(1 for finding in findings if finding.severity == "error")
        summary = _("The check found {errors} error(s) and {warnings} warning(s):", lang)
        rows = []
        for finding in findings:
            mark = _("error", lang) if finding.severity == "error" else _("warning", lang)
            text = Text.assemble((f"{mark}: ", "bold"), finding.message)
            if finding.hint:
                text.append("\n" + finding.hint, style="italic")
            if finding.article:
                text.append(f" ({finding.article})", style="dim")
            rows.append(ReviewRow(text, finding.target, f"-{finding.severity}", box=finding.box))
        title = Content(summary.format(errors=errors, warnings=len(findings) - errors))
        folded = (self.focus_target is not None or self.folds_kept) and FINDINGS not in self.unfolded
        return Section(*rows, title=cast(str, title), collapsed=folded, id=f"section-{FINDINGS}", classes="review-section")

    def _imported(self) -> Widget | None:
        """The values taken from an old notice (`seloste --import`), for the user to confirm or change."""
        imported = self.session.imported_answers(self.lang)
        if not imported:
            return None
        title = _("From your old notice ({file}): check each; Enter changes it.", self.lang)
        rows = [
            ReviewRow(Text.assemble((value.words, "dim"), "\n", value.shown), value.target, "-imported", box=value.box) for value in imported
        ]
        folded = IMPORTED not in self.unfolded and (self.focus_target is not None or self.folds_kept)
        label = cast(str, Content(title.format(file=self.session.imported_from)))
        return Section(*rows, title=label, collapsed=folded, id=f"section-{IMPORTED}", classes="review-section")

    @opened_safely
    def on_mount(self) -> None:
        self._focus_target()
        release_held_keys(self)  # those typed while the review opened (after the answer saved, or F5): here, in turn

    def _focus_target(self) -> None:
        """The focus on the answer `focus_target`; without one, on the check's first finding when it found any (the
        row that looks first in line is the one Enter opens, and PgDn goes on from it), else on Export. At once, so
        that the keys typed meanwhile go there."""
        for row in self.query(ReviewRow):
            if row.entry is not None and row.entry.target == self.focus_target:
                self.set_focus(row, scroll_visible=False)
                row.scroll_visible(animate=False, top=True)
                return
        findings = self.query(f"#section-{FINDINGS} ReviewRow")
        if self.focus_target is None and findings:
            self.set_focus(findings.first(), scroll_visible=False)
            return
        self.set_focus(self.query_one("#review-export", Button))

    # --- folding and jumping ------------------------------------------------------------------------------

    @on(Collapsible.Toggled)
    def _toggled(self, event: Collapsible.Toggled) -> None:
        section = (event.collapsible.id or "").removeprefix("section-")
        if event.collapsible.collapsed:
            self.unfolded.discard(section)
        else:
            self.unfolded.add(section)

    def action_neighbour(self, by: int) -> None:
        """The answer (or section title, or button) before or after the one in focus."""
        widget = self.focus_next() if by > 0 else self.focus_previous()
        if widget is not None:  # once laid out: a section opened by the key before this one is not yet
            self.call_after_refresh(self._bring_into_view, widget)

    def _bring_into_view(self, widget: Widget) -> None:
        if widget is self.focused:  # (the last of the keys typed at once)
            widget.scroll_visible(animate=False)

    def action_section(self, by: int) -> None:
        """Focus the title of the next (or previous) section from the one in focus."""
        titles = list(self.query(CollapsibleTitle))
        if not titles:
            return
        focused = self.focused
        here = next((i for i, title in enumerate(titles) if focused is not None and title.parent is _section_of(focused)), None)
        if here is None:
            here = -1 if by > 0 else len(titles)
        target = titles[max(0, min(len(titles) - 1, here + by))]
        self.set_focus(target, scroll_visible=False)  # at once: the next key typed moves on from here
        target.scroll_visible(animate=False, top=True)

    # --- deleting and moving an item of a list ------------------------------------------------------------

    @reported
    async def delete(self, entry: ReviewEntry) -> None:
        from wizard.tui.screens.dialogs import ChoiceDialog

        if entry.item is None:
            return
        lang = self.lang
        question = _("Delete this answer? What depends on it is removed too.", lang)
        detail = self._entry_text(entry)  # what goes, as its row shows it: a purpose field by field
        choices = [("delete", _("Delete", lang)), ("keep", _("Keep it", lang))]
        self.app.push_screen(ChoiceDialog(question, choices, detail), lambda choice: self._deleted(entry, choice))

    @reported
    async def _deleted(self, entry: ReviewEntry, choice: str | None) -> None:
        if choice != "delete" or entry.item is None:
            return
        if self.session.remove_item(entry.target[0], entry.item) is not None:  # the list may not be empty
            self.notify(_("This is the only one, and one is needed: add another before deleting it.", self.lang), severity="warning")
            return
        self.changed = True
        self.removed = self.session.dropped_text(self.lang)
        after = min(entry.item, entry.count - 2)
        await self._redraw((entry.target[0], after) if after >= 0 else None)

    @reported
    async def move(self, entry: ReviewEntry, by: int) -> None:
        if entry.item is None or not 0 <= entry.item + by < entry.count:
            return
        self.session.move_item(entry.target[0], entry.item, entry.item + by)
        self.changed = True
        self.removed = ""
        await self._redraw((entry.target[0], entry.item + by))

    async def _redraw(self, focus: Target | None) -> None:
        self.focus_target = focus
        review = self.query_one("#review", AnswerList)
        await review.remove_children()
        await review.mount_all(self._contents())
        self._focus_target()

    # --- the other language (F2) ----------------------------------------------------------------------------

    @on(LanguageSwitched)
    @reported
    async def _language_switched(self, event: LanguageSwitched) -> None:
        event.stop()
        await self._draw_in_language()

    @on(events.ScreenResume)
    @reported
    async def _resumed(self, _event: events.ScreenResume) -> None:
        if self.drawn_in != self.lang:  # switched on a screen opened from here (the export)
            await self._draw_in_language()

    async def _draw_in_language(self) -> None:
        """F2: every row, title and button in the new language; each section open or folded as it was, the focus on
        the same row (or section title, or button) and the list scrolled where it was. The keys typed after F2
        waited for this (`REDRAWS_ON_SWITCH`): they act on the rows drawn anew."""
        lang = self.drawn_in = self.lang
        self.query_one("#status", Static).update(Text(_("Review your answers", lang), style="bold"))
        self.query_one("#review-keys", Static).update(Text(self._keys(), style="dim"))
        for button_id, words in (("review-export", _("Export the notice", lang)), ("review-close", _("Back to the chat", lang))):
            button = self.query_one(f"#{button_id}", Button)
            button.label = words
            button.refresh(layout=True)  # (as wide as its words in this language)
        if self.removed:
            self.removed = self.session.dropped_text(lang)
        place = _place_of(self.focused)
        review = self.query_one("#review", AnswerList)
        self.unfolded = {(section.id or "").removeprefix("section-") for section in review.query(Section) if not section.collapsed}
        self.folds_kept = True
        self.focus_target = None
        scrolled = review.scroll_y
        await review.remove_children()
        await review.mount_all(self._contents())
        widget = self._widget_at(place)
        if widget is not None:
            self.set_focus(widget, scroll_visible=False)
        review.scroll_to(y=scrolled, animate=False, immediate=True)
        self.call_after_refresh(self._bring_into_view, self.focused)  # (once laid out: a row may wrap anew)
        release_held_keys(self)

    def _widget_at(self, place: tuple[str, int | None] | None) -> Widget | None:
        """The section title (index None) or the row (its index in its section) at `place` (`_place_of`)."""
        if place is None:
            return None
        section, index = place
        sections = self.query(f"#{section}").results(Section)
        found = next(sections, None)
        if found is None:
            return None
        if index is None:
            return found.query_one(CollapsibleTitle)
        rows = list(found.query(ReviewRow))
        return rows[index] if index < len(rows) else found.query_one(CollapsibleTitle)

    def choose(self, target: Change | AddTo) -> None:
        """Change the answer `target` (or add to its list): the review closes with it, and the chat asks it."""
        if self.chosen is not None:
            return  # a click after Enter
        self.chosen = target
        self.dismiss(target)

    def add(self, question_id: str) -> None:
        """One more item of the list `question_id`: the chat asks for it."""
        self.choose(AddTo(question_id))

    @on(Failed)
    def _failed(self, event: Failed) -> None:
        event.stop()
        message = _("Something went wrong: {error}", self.lang).format(error=event.error or type(event.error).__name__)
        self.notify(message, severity="error")

    # --- leaving ------------------------------------------------------------------------------------------

    @on(Button.Pressed, "#review-export")
    def _export_pressed(self) -> None:
        self.action_export()

    @on(Button.Pressed, "#review-close")
    def _close_pressed(self) -> None:
        self.action_close()

    def action_close(self) -> None:
        self.dismiss(None)

    @reported
    def action_export(self) -> None:
        from wizard.tui.screens.export import ExportScreen

        self.app.push_screen(ExportScreen(self.session))


def _place_of(widget: Widget | None) -> tuple[str, int | None] | None:
    """Where `widget` is in the review's list, to find it again once the list is drawn anew: its section's id, and a
    row's index in that section (None: the section's title). None: not in the list (a button)."""
    section = _section_of(widget) if widget is not None else None
    if section is None or not section.id:
        return None
    if isinstance(widget, ReviewRow):
        return section.id, list(section.query(ReviewRow)).index(widget)
    return section.id, None


def _section_of(widget: Any) -> Widget | None:
    """The section (a Collapsible) a widget is in, if any."""
    node = widget
    while node is not None and not isinstance(node, Collapsible):
        node = node.parent
    return node
