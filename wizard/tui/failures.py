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


def opened_safely(build: Callable[..., Any]) -> Callable[..., Any]:
    """Wrap a screen's `compose` (a generator) or `on_mount`: an exception while the screen is built closes it again,
    and the screen it was opened from says what went wrong (the chat: in the chat, the answers saved) — the
    screen's own handlers are wrapped by `reported`, but what builds it runs before there is anything to report in."""

    if inspect.isgeneratorfunction(build):

        @functools.wraps(build)
        def compose(self: Any, *args: Any, **kwargs: Any) -> Any:
            try:
                yield from build(self, *args, **kwargs)
            except Exception as error:  # noqa: BLE001 - any error at all must reach the user as words
                _could_not_open(self, error)

        return compose

    @functools.wraps(build)
    async def mount(self: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            result = build(self, *args, **kwargs)
            return await result if inspect.isawaitable(result) else result
        except Exception as error:  # noqa: BLE001
            _could_not_open(self, error)
            return None

    return mount


def _could_not_open(screen: Any, error: Exception) -> None:
    details = traceback.format_exc()
    screen.log.error(details)
    screen.app.call_later(_close, screen, Failed(error, details))


def _close(screen: Any, failed: Failed) -> None:
    """Close `screen` (as Esc would: whatever opened it goes on as after a No), and tell the screen below why."""
    stack = screen.app.screen_stack
    if screen not in stack or stack.index(screen) == 0:
        screen.app.post_message(failed)  # (the first screen: the app says it)
        return
    below = stack[stack.index(screen) - 1]
    if screen.is_current:
        screen.dismiss(None)
    below.post_message(failed)
