"""What the app tells its screens (the screens are imported by the app, so they cannot import it back)."""

from __future__ import annotations

from textual.message import Message


class LanguageSwitched(Message):
    """The conversation language changed: the screen redraws its words."""

    def __init__(self, lang: str) -> None:
        super().__init__()
        self.lang = lang
