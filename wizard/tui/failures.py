"""An unexpected error in the chat is reported in the chat, not by ending it with a traceback.

The answers are saved after each one is taken, so nothing is lost; the chat says what went wrong and goes on
from the question it was at.
"""

from __future__ import annotations

import functools
import inspect
import traceback
from collections.abc import Callable
from typing import Any

from textual.message import Message


class Failed(Message):
    """Something the chat did raised an error it did not expect; the screen shows it."""

    def __init__(self, error: Exception, details: str) -> None:
        super().__init__()
        self.error = error
        self.details = details


def reported(handler: Callable[..., Any]) -> Callable[..., Any]:
    """Wrap a widget's handler or action: an exception becomes a `Failed` message from that widget."""

    @functools.wraps(handler)
    async def run(self: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            result = handler(self, *args, **kwargs)
            return await result if inspect.isawaitable(result) else result
        except Exception as error:  # noqa: BLE001 - any error at all must reach the user as words
            self.log.error(traceback.format_exc())
            self.post_message(Failed(error, traceback.format_exc()))
            return None

    return run
