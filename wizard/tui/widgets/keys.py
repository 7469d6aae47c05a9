"""The footer of every screen: the keys that work there."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

if TYPE_CHECKING:
    from textual.screen import Screen


NARROW = 80  # below this width the footer is compact: no space around each key


class Keys(Footer):
    """Textual's footer, with each key made in its final style. Textual's own mounts a key compact and then makes
    it not compact, which styles it (and its two parts) three times over: a tenth of the time the chat takes to
    show its first question. In a terminal narrower than 80 columns it is compact, so that more keys fit.

    Textual builds its keys anew whenever the screen's bindings may have changed, as after every move of the
    focus, even when it would show the same keys: here they are built anew only when what it shows changes (a key,
    its label in the language spoken now, whether it works)."""

    shown: Any = None  # what the keys built show (`_showing`)

    def on_resize(self) -> None:
        narrow = self.app.size.width < NARROW
        if narrow != self.compact:
            self.compact = narrow
            self.refresh(recompose=True)

    def bindings_changed(self, screen: Screen) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen:
            self.call_after_refresh(self._recompose_if_changed)

    async def _recompose_if_changed(self) -> None:
        if self.is_attached and self._showing() != self.shown:
            await self.recompose()

    def _showing(self) -> Any:
        """What the keys would show now: each shown binding's key, label, action and whether it works."""
        if not self._bindings_ready:
            return None
        app = self.app
        return self.compact, [
            (binding.key, app.get_key_display(binding), str(binding.description), binding.action, binding.group, enabled, tooltip)
            for (_node, binding, enabled, tooltip) in self.screen.active_bindings.values()
            if binding.show
        ]

    def compose(self) -> ComposeResult:
        self.shown = self._showing()
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                widget.set_reactive(FooterKey.compact, self.compact)
                widget.set_class(self.compact, "-compact", update=False)
            yield widget
