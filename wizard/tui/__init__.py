"""The chat in the terminal (`seloste` with no command). Importing this package imports no Textual."""

from __future__ import annotations

from pathlib import Path


def run_chat(answers_file: str | None, lang: str | None, trainer: bool = False, example: str | None = None) -> int:
    """Run the chat until the user leaves; the exit code is the app's (0 unless the file could not be used)."""
    from wizard.tui.app import SelosteApp

    app = SelosteApp(Path(answers_file) if answers_file else None, lang, trainer=trainer, example=example)
    app.run()
    return app.return_code or 0
