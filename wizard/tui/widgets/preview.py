"""The live preview: the notice in its own language, one widget per section.

Building the notice runs in a thread of its own, so typing never waits for it; only the sections whose text
changed are drawn again (a whole-notice redraw takes far longer than one section).
"""

from __future__ import annotations

import queue
import threading
import time
from typing import Any

from textual.app import App
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Static


class SectionView(Static):
    def __init__(self, markdown: str) -> None:
        super().__init__(_rendered(markdown), classes="preview-section")
        self.markdown = markdown

    def show(self, markdown: str) -> None:
        if markdown != self.markdown:
            self.markdown = markdown
            self.update(_rendered(markdown))


def _rendered(markdown: str) -> Any:
    # Imported on the first preview, not with the chat (Markdown brings its parser, a good part of a start-up).
    from rich.markdown import Markdown

    return Markdown(markdown)


class PreviewPanel(VerticalScroll, can_focus=True):
    """Shows `wizard.preview.preview_sections` of the answers; `Updated` says when a new version is drawn."""

    class Updated(Message):
        """A new version is on screen: `changed` sections were drawn again; `shown_at` is when the sections took
        the new text (time.perf_counter), before the screen was next painted."""

        def __init__(self, revision: int, changed: int, shown_at: float) -> None:
            super().__init__()
            self.revision = revision
            self.changed = changed
            self.shown_at = shown_at

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._revision = 0
        self._requests: queue.SimpleQueue[tuple[int, dict, str] | None] = queue.SimpleQueue()
        self._builder: threading.Thread | None = None

    def request(self, answers: dict, lang: str) -> int:
        """Rebuild for these answers in the background; returns the revision that will show them."""
        self._revision += 1
        if self._builder is None:  # one thread for the panel's life: it starts building at once, every time
            self._builder = threading.Thread(target=self._build_loop, args=(self.app,), name="preview", daemon=True)
            self._builder.start()
        self._requests.put((self._revision, answers, lang))
        return self._revision

    def on_unmount(self) -> None:
        self._requests.put(None)

    def _build_loop(self, app: App[Any]) -> None:
        from wizard.preview import preview_sections

        while (request := self._requests.get()) is not None:
            while not self._requests.empty():  # answers given meanwhile: only the newest is worth building
                newer = self._requests.get()
                if newer is None:
                    return
                request = newer
            revision, answers, lang = request
            try:
                sections = preview_sections(answers, lang)
            except Exception as error:  # the preview must never take the interview down with it
                app.call_from_thread(app.log.error, f"preview failed: {error!r}")
                continue
            if revision == self._revision:
                try:
                    app.call_from_thread(self._show, revision, [section.markdown for section in sections])
                except RuntimeError:  # the app has closed meanwhile
                    return

    def _show(self, revision: int, sections: list[str]) -> None:
        if revision != self._revision:
            return
        shown_at = time.perf_counter()
        views = [view for view in self.children if isinstance(view, SectionView)]
        changed = [view for view, markdown in zip(views, sections) if view.markdown != markdown]
        for view, markdown in zip(views, sections):
            view.show(markdown)
        for view in views[len(sections) :]:
            view.remove()
        new = [SectionView(markdown) for markdown in sections[len(views) :]]
        if new:
            self.mount_all(new)
        if changed and views:  # show where the last answer landed
            self.call_after_refresh(self.scroll_to_widget, changed[0], animate=False, top=True)
        self.call_after_refresh(self.post_message, self.Updated(revision, len(changed) + len(new), shown_at))
