"""Keys that act in the order they were typed.

Textual hands a key to the widget in focus at once, but runs that widget's key bindings (↑ ↓ Enter of a list)
only when the key has bubbled back up to the app, by which time the keys typed after it have already been
handed to the widget: typed fast, Enter on a list then a letter, the letter is read first. A widget with this
mixin runs its own bindings as it reads each key, so every key acts in turn.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events

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
