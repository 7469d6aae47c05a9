"""Which keys the app holds the keys typed after, until what they do is done.

Textual hands each key to the widget in focus as the key arrives, but a key that sends an answer (Enter in a
text box, a yes/no's box included, on a list, on Save, Yes or No) or moves the focus (Tab, Shift+Tab) acts only
once the widget has read it (Tab's binding, the screen's, only once the key has come back up from the widget), and
typed at full speed the keys after it have arrived by then: they would land in the question just answered, or in
the box just left (Space on a tick list, then Tab and Enter: the Enter unticked the item instead of pressing Done).
The app (`SelosteApp.on_event`) asks, as each key arrives, whether it is such a key: the widget in focus or its
nearest container that says (`holds_keys_after(key)`), or a widget with `HOLDS_KEYS_ON_ENTER` for Enter; a key
that moves the focus is one on every screen (`moves_focus`). The keys after it wait until the next question or box
is in focus (`SelosteApp.release_keys`).
"""

from __future__ import annotations

from typing import Any

from textual import events


MOVES_FOCUS = ("tab", "shift+tab")


def moves_focus(key: events.Key) -> bool:
    """Whether `key` moves the focus (Textual's Tab and Shift+Tab, or a form's own): the keys after it wait until
    the focus has moved, wherever it is typed."""
    return key.key in MOVES_FOCUS


def holds_keys_after(widget: Any, key: events.Key) -> bool:
    """Whether the keys typed after `key`, read by `widget`, wait until what it does is done."""
    if widget is None:
        return False
    if key.key == "enter" and getattr(widget, "HOLDS_KEYS_ON_ENTER", False):
        return True
    for node in widget.ancestors_with_self:
        decides = getattr(node, "holds_keys_after", None)
        if decides is not None:
            return bool(decides(key))
    return False
