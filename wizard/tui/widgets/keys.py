"""The footer of every screen: the keys that work there."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey


class Keys(Footer):
    """Textual's footer, with each key made in its final style. Textual's own mounts a key compact and then makes
    it not compact, which styles it (and its two parts) three times over: a tenth of the time the chat takes to
    show its first question."""

    def compose(self) -> ComposeResult:
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                widget.set_reactive(FooterKey.compact, self.compact)
                widget.set_class(self.compact, "-compact", update=False)
            yield widget
