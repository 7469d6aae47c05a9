"""Python's cycle collector, paused while the chat takes an answer and paints what follows it.

Taking an answer, drawing the next question and building the preview make tens of thousands of objects, most of
them gone again before the screen is painted. With the collector on, it walked the young ones some thirty times
an answer and, every third or fourth answer, every object the chat holds (some hundred thousand: 20 to 100 ms,
the slowest answers). Paused from the Enter until the screen shows the answer and its preview, it walks once,
afterwards, what is still there, while the person reads the next question. Only a collector that is on is
paused: while the chat starts it is off (`wizard.tui.run_chat`) until `SelosteApp.collect_garbage` turns it on.
"""

from __future__ import annotations

import gc

# Seconds the collector stays paused at most, should the paint it waits for never come (a preview that failed).
PAUSED_AT_MOST = 1.0

_paused = False


def pause() -> None:
    """Pause the collector, if it is on."""
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume() -> None:
    """Turn the collector on again, if `pause` turned it off."""
    global _paused
    if _paused:
        _paused = False
        gc.enable()


def paused() -> bool:
    return _paused
