"""The footer of every screen: the keys that work there."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey


NARROW = 80  # below this width the footer is compact: no space around each key


class Keys(Footer):
    """Textual's footer, with each key made in its final style. Textual's own mounts a key compact and then makes
    it not compact, which styles it (and its two parts) three times over: a tenth of the time the chat takes to
    show its first question. In a terminal narrower than 80 columns it is compact, so that more keys fit."""

    def on_resize(self) -> None:
        narrow = self.app.size.width < NARROW
        if narrow != self.compact:
            self.compact = narrow
            self.refresh(recompose=True)

    def compose(self) -> ComposeResult:
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                widget.set_reactive(FooterKey.compact, self.compact)
                widget.set_class(self.compact, "-compact", update=False)
            yield widget
