"""The chat in the terminal (`seloste` with no command). Importing this package imports no Textual."""

from __future__ import annotations

import contextlib
import gc
from pathlib import Path
from typing import TextIO


def run_chat(
    answers_file: str | None, lang: str | None, trainer: bool = False, example: str | None = None, tell: TextIO | None = None
) -> int:
    """Run the chat until the user leaves; the exit code is the app's (0 unless the file could not be used). Once
    it is left, `tell` (the terminal) is told where the answers are and how to go on."""
    # Loading Textual and the chat makes some sixty thousand objects that live as long as the process, and next
    # to no garbage: loaded without the cycle collector, and set aside from it afterwards, they are not walked
    # again and again (which took some 60 ms before the first question). The collector stays off until the
    # chat's first question is drawn (`SelosteApp.collect_garbage`): until then it only walked the new screens.
    gc.disable()
    try:
        from wizard.tui.app import SelosteApp

        app = SelosteApp(Path(answers_file) if answers_file else None, lang, trainer=trainer, example=example)
        app.run()
        app.keep_styles()  # those of the screens and forms shown after the first question too
    finally:
        gc.enable()
    words = app.leaving_words() if tell is not None else ""
    if words:
        with contextlib.suppress(OSError, ValueError):  # the terminal closed: nobody to tell
            tell.write(words + "\n")  # type: ignore[union-attr]
            tell.flush()  # type: ignore[union-attr]
    return app.return_code or 0
