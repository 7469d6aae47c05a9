"""Keys that act in the order they were typed.

Textual hands a key to the widget in focus at once, but runs that widget's key bindings (↑ ↓ Enter of a list)
only when the key has bubbled back up to the app, by which time the keys typed after it have already been
handed to the widget: typed fast, Enter on a list then a letter, the letter is read first. A widget with this
mixin runs its own bindings as it reads each key, so every key acts in turn.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events
from textual.widgets import Input

if TYPE_CHECKING:
    from textual.widget import Widget

    _Base = Widget
else:
    _Base = object


class KeysInOrder(_Base):
    """Mix in before the widget class: `class Choices(KeysInOrder, OptionList)`."""

    async def _on_key(self, event: events.Key) -> None:
        bindings = self._bindings.key_to_bindings.get(event.key, ())
        if bindings:
            event.stop()
            event.prevent_default()
            await self.run_action(bindings[0].action)


class TextBox(KeysInOrder, Input):
    """A text box whose editing keys (Ctrl+U, Backspace, ← →) act where they were typed: Textual's `Input` runs them
    only once the key has come back up to the app, so typed fast, Ctrl+U then a folder's path, it inserted the path
    and then cleared it."""
