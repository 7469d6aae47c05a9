"""The box the keys go to is unmistakable: in a form, a bar in the accent colour beside the box in focus and its
label in that colour; at the review, the whole row of the answer in focus. The bar contrasts with the page by
at least 3:1 (WCAG's contrast for a focus indicator) in the dark theme and in the light one."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.color import Color
from textual.widgets import Select

from test_chat import before_purposes, open_chat, whole_example
from test_tui import home, no_cursor_blink, until  # noqa: F401  (the chat tests' own folder and steady cursor)

from wizard.tui.app import SelosteApp
from wizard.tui.screens.review import ReviewRow, ReviewScreen
from wizard.tui.widgets.composer import RecordForm

THEMES = pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])


def contrast(one: Color, other: Color) -> float:
    """WCAG 2 contrast ratio of two colours."""

    def luminance(colour: Color) -> float:
        def channel(value: int) -> float:
            c = value / 255
            return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

        return 0.2126 * channel(colour.r) + 0.7152 * channel(colour.g) + 0.0722 * channel(colour.b)

    lighter, darker = sorted((luminance(one), luminance(other)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


@THEMES
async def test_the_box_in_focus_in_a_form_has_a_bar_that_stands_out_from_the_page(tmp_path: Path, theme: str) -> None:
    app = SelosteApp(before_purposes(tmp_path), "fi")
    async with app.run_test(size=(80, 24)) as pilot:
        app.theme = theme
        chat = await open_chat(pilot, "fi")
        form = chat.query_one(RecordForm)
        form.query_one("#field-basis", Select).focus()
        await until(pilot, lambda: form.query_one("#row-basis").has_pseudo_class("focus-within"))
        page = app.screen.styles.background
        bar_kind, bar = form.query_one("#row-basis").styles.border_left
        assert bar_kind == "thick" and contrast(bar, page) >= 3
        label = form.query_one("#row-basis .record-label").styles.color
        assert contrast(label, page) >= 3 and label == bar
        others = [row for row in form.query(".record-row") if row.id != "row-basis" and row.display]
        assert others and all(row.styles.border_left[0] == "blank" for row in others)  # the same width: nothing moves
        box = form.query_one("#field-basis SelectCurrent").styles.background
        assert box != form.query_one("#field-description").styles.background  # and the box's own background


@THEMES
async def test_the_review_marks_the_whole_row_in_focus(tmp_path: Path, theme: str) -> None:
    app = SelosteApp(whole_example(tmp_path, "webshop"), "fi")
    async with app.run_test(size=(80, 24)) as pilot:
        app.theme = theme
        await open_chat(pilot, "fi")
        await until(pilot, lambda: isinstance(app.screen, ReviewScreen))  # everything is answered: the review opens
        review = app.screen
        await pilot.press("pagedown", "enter", "down")  # the first section, unfolded, and its first answer
        await until(pilot, lambda: isinstance(review.focused, ReviewRow))
        row = review.focused
        page = review.styles.background
        bar_kind, bar = row.styles.border_left
        assert bar_kind == "thick" and contrast(bar, page) >= 3
        assert row.styles.background != review.query(ReviewRow)[1].styles.background
        assert row.region.width == row.parent.content_region.width  # across the whole row, not one cell
