"""Styling a widget once, as it is mounted."""

from __future__ import annotations


class StyledOnMount:
    """A widget that is not styled while it is being built. Textual styles a widget (and everything in it) anew
    each time one of its classes changes, and widgets change theirs as they are built: a text box marks itself
    valid, a button its variant, a dropdown whether it holds a value. Until the widget is mounted that styling is
    thrown away, since mounting styles it with the classes it has then: a form of ten boxes was styled some
    twenty times over before it was shown."""

    def update_node_styles(self, animate: bool = True) -> None:
        if self.is_attached:  # type: ignore[attr-defined]
            super().update_node_styles(animate)  # type: ignore[misc]
