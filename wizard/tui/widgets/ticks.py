"""A tick list whose every key lands, in order, and whose ticks show without colour."""

from __future__ import annotations

from rich.segment import Segment
from textual.strip import Strip
from textual.widgets import SelectionList
from textual.widgets._toggle_button import ToggleButton

from wizard.tui.inorder import KeysInOrder

UNTICKED = " "  # in place of Textual's X, which it draws for ticked and unticked alike (only the colour differs)


class TickList(KeysInOrder, SelectionList[str]):
    """Textual's `SelectionList` ticks the item highlighted when it reads the message Space posts, so typed fast,
    Space then ↓, the ↓ has moved the highlight by then and the tick lands on the next item (or, after another
    Space, none at all). Here Space ticks the highlighted item as the key is read, and every key acts in the
    order typed (`KeysInOrder`). A ticked item shows X in its box and an unticked one an empty box, so that the
    difference is seen without colour (a screen reader's text, a monochrome terminal)."""

    def action_select(self) -> None:
        highlighted = self.highlighted
        if highlighted is not None and not self.get_option_at_index(highlighted).disabled:
            self._toggle_highlighted_selection()

    def render_line(self, y: int) -> Strip:
        line = super().render_line(y)
        index = self.scroll_offset.y + y
        if index >= self.option_count or self.get_option_at_index(index).value in self._selected:
            return line
        segments = list(line)
        if len(segments) < 3 or segments[1].text != ToggleButton.BUTTON_INNER:
            return line  # not a line with a box (drawn otherwise by a later Textual): left as it is
        segments[1] = Segment(UNTICKED, segments[1].style)
        return Strip(segments, line.cell_length)
