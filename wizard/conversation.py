"""What the chat and the plain conversation share: the language spoken now, which the user can switch at
any moment, and text that follows it.

Key bindings are declared once, at import, so their footer labels are lazy: they are looked up in the
language of the moment each time the footer draws them. No Textual here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from wizard.i18n import _


class Conversation:
    """The language the chat speaks now; one chat runs per process."""

    lang: str = "en"


class Lazy:
    """Text looked up each time it is used: a footer label drawn after a language switch shows the new one."""

    def __init__(self, text: Callable[[], str]) -> None:
        self._text = text

    def __str__(self) -> str:
        return self._text()

    def __add__(self, other: str) -> str:
        return self._text() + other

    def __radd__(self, other: str) -> str:
        return other + self._text()

    def __len__(self) -> int:
        return len(self._text())

    def __bool__(self) -> bool:
        return bool(self._text())

    def __eq__(self, other: object) -> bool:
        return self._text() == str(other)

    def __hash__(self) -> int:
        return hash(self._text())

    def __format__(self, spec: str) -> str:
        return format(self._text(), spec)

    def __getattr__(self, name: str) -> Any:  # str methods (upper, split, ...)
        return getattr(self._text(), name)


def label(message: str) -> Lazy:
    """A footer label that follows the conversation language (`message` is marked with N_ by the caller)."""
    return Lazy(lambda: _(message, Conversation.lang))
