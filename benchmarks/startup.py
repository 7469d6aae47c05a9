"""How fast the chat starts and how fast its preview follows the answers (a measurement, not a test).

    .venv/bin/python benchmarks/startup.py [--runs 7]

1. Start-up: the real `seloste` command is started in a pseudo-terminal (80x24) and timed until the
   language picker is on the screen (drawn before the interview's engine loads), then Enter is pressed at
   once and it is timed until the interview's first question (the notice's language) is on the screen:
   what a user waits before answering. A minimal Textual app is timed to its first screen the same way in
   the same run, turn about. All are cold processes; the ratios are what count, since the machine's speed
   cancels out (target for the picker <= 1.3).
2. Preview: the chat is opened headless (120x40, preview shown) on the webshop example without its groups
   of people, so every other part of the notice is there; groups are then answered one by one. Two times
   are taken from pressing Enter: until the preview's sections hold the new text (built in a worker
   thread, only changed sections redrawn), and until the screen has been painted with it (which also
   paints the next question). The painted time is the figure: what the user sees. Target <= 50 ms for a
   full notice.

The last line printed is the ratios and the painted median, so a script can read it.
"""

from __future__ import annotations

import argparse
import asyncio
import fcntl
import gc
import os
import pty
import select
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path
from typing import Any

from markers import first_question, language_picker

PYTHON = sys.executable
LANGUAGE_PICKER = language_picker("fi")  # drawn first (wizard/tui/screens/dialogs.py)
FIRST_QUESTION = first_question("fi")  # the interview's first question, in Finnish (SELOSTE_LANG=fi)
MINIMAL_MARKER = "Minimal app ready"
MINIMAL_APP = f"""
from textual.app import App
from textual.widgets import Footer, Static

class Minimal(App):
    def compose(self):
        yield Static({MINIMAL_MARKER!r})
        yield Footer()

Minimal().run()
"""


def time_to_screen(
    command: list[str], markers: list[str], env: dict[str, str], timeout: float = 30.0, linger: float = 0.0
) -> list[float]:
    """Seconds from starting `command` in an 80x24 pseudo-terminal until each of `markers` is written to it;
    Enter is pressed as soon as each marker but the last is seen. The program is stopped at once, or `linger`
    seconds later."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    started = time.perf_counter()
    process = subprocess.Popen(command, stdin=slave, stdout=slave, stderr=slave, env=env, close_fds=True, start_new_session=True)
    os.close(slave)
    seen = b""
    times: list[float] = []
    try:
        while time.perf_counter() - started < timeout:
            ready, _, _ = select.select([master], [], [], 0.05)
            if ready:
                try:
                    seen += os.read(master, 65536)
                except OSError:
                    break
                wanted = markers[len(times)].encode("utf-8")
                if wanted in seen:
                    times.append(time.perf_counter() - started)
                    if len(times) == len(markers):
                        time.sleep(linger)
                        return times
                    seen = b""
                    os.write(master, b"\r")
        raise RuntimeError(f"{command} did not show {markers[len(times)]!r} within {timeout} s; it wrote {seen[-400:]!r}")
    finally:
        process.kill()
        process.wait()
        os.close(master)


def measure_startup(runs: int) -> tuple[float, float, float]:
    """Medians: seloste to its language picker, seloste to its first question, the minimal app to its screen."""
    home = tempfile.mkdtemp(prefix="seloste-bench-")
    env = {**os.environ, "TERM": "xterm-256color", "SELOSTE_HOME": home, "SELOSTE_LANG": "fi", "COLUMNS": "80", "LINES": "24"}
    env.pop("TEXTUAL", None)
    seloste = [PYTHON, "-m", "wizard"]
    minimal = [PYTHON, "-c", MINIMAL_APP]
    # one unmeasured start of each, so that both find their files in the page cache, and seloste what it keeps in
    # its own cache (the parsed styles, kept once the chat has built what its first question does not show): the
    # start of someone who has used it before
    time_to_screen(minimal, [MINIMAL_MARKER], env)
    time_to_screen(seloste, [LANGUAGE_PICKER, FIRST_QUESTION], env, linger=2.0)
    picker, question, bare = [], [], []
    for _ in range(runs):
        bare += time_to_screen(minimal, [MINIMAL_MARKER], env)
        to_picker, to_question = time_to_screen(seloste, [LANGUAGE_PICKER, FIRST_QUESTION], env)
        picker.append(to_picker)
        question.append(to_question)
    shutil.rmtree(home, ignore_errors=True)
    return statistics.median(picker), statistics.median(question), statistics.median(bare)


async def measure_preview(runs: int) -> tuple[list[float], list[float]]:
    """Seconds from submitting an answer to the preview holding it, and to the screen being painted with it,
    with the whole webshop notice in view.

    The chat is opened on the webshop example without its groups of people, so it asks for them one by one
    ("add another?" after each); every other part of the notice is there, so each preview is a full notice.
    """
    import yaml

    from wizard.examples import example_text
    from wizard.tui.app import SelosteApp
    from wizard.tui.widgets.composer import Answered
    from wizard.tui.widgets.preview import PreviewPanel

    folder = Path(tempfile.mkdtemp(prefix="seloste-bench-"))
    os.environ["SELOSTE_HOME"] = str(folder / "home")
    data = yaml.safe_load(example_text("webshop"))
    del data["processing"]["data_subjects"]
    answers = folder / "webshop.yaml"
    answers.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    submitted: dict[str, float] = {}
    shown: list[float] = []
    updated: list[float] = []
    seen: list[object] = []  # kept alive, so that no later message can have the same id

    def hook(message: object) -> None:
        """Called as each widget a message bubbles through receives it: only its first arrival counts."""
        if not isinstance(message, (Answered, PreviewPanel.Updated)) or any(message is old for old in seen):
            return
        seen.append(message)
        if isinstance(message, Answered) and isinstance(message.raw, str):
            submitted["at"] = time.perf_counter()
        elif isinstance(message, PreviewPanel.Updated) and "at" in submitted:
            started = submitted.pop("at")
            shown.append(time.perf_counter() - started)
            updated.append(message.shown_at - started)

    # As `wizard.tui.run_chat` runs the chat: the cycle collector off while it starts, until its first question
    # is drawn (`SelosteApp.collect_garbage`), which sets aside what was made until then.
    gc.disable()
    try:
        await _answer_groups(SelosteApp(answers, "en"), hook, shown, runs)
    finally:
        gc.enable()
    shutil.rmtree(folder, ignore_errors=True)
    return updated[1:], shown[1:]  # the first answer also compiles the templates: not what a user waits for later


async def _answer_groups(app: Any, hook: object, shown: list[float], runs: int) -> None:
    """Open the chat with its preview, then answer `runs` groups of people, each once the last is shown."""
    from wizard.tui.screens.chat import ChatScreen
    from wizard.tui.widgets.preview import SectionView

    async with app.run_test(size=(120, 40), message_hook=hook) as pilot:
        await _until(pilot, lambda: app.screen.query("#language-choice"))
        await pilot.press("enter")  # the conversation language
        await _until(pilot, lambda: isinstance(app.screen, ChatScreen))
        chat = app.screen
        await _until(pilot, lambda: chat.query("#answer-choice"))
        await pilot.press("enter")  # the notice's language
        await _until(pilot, lambda: chat.query("#answer-text"))
        await chat.action_toggle_preview()
        await _until(pilot, lambda: chat.query(SectionView))
        for run in range(runs):
            group = f"benchmark group {run}"
            before = len(shown)
            chat.query_one("#answer-text").value = group  # type: ignore[attr-defined]
            await pilot.press("enter")
            await _until(pilot, lambda: len(shown) > before)
            assert group in "".join(view.markdown for view in chat.query(SectionView)), "the preview missed the answer"
            await _until(pilot, lambda: chat.step is not None and chat.step.mode == "another")
            chat.query_one("#answer-yes").press()  # type: ignore[attr-defined]  # add another
            await _until(pilot, lambda: chat.step is not None and chat.step.mode == "answer")


async def _until(pilot: object, condition: object, timeout: float = 20.0) -> None:
    started = time.perf_counter()
    while not condition():  # type: ignore[operator]
        if time.perf_counter() - started > timeout:
            raise TimeoutError("the chat did not get there in time")
        await pilot.pause(0.01)  # type: ignore[attr-defined]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    picker, question, bare = measure_startup(args.runs)
    print(
        f"start -> language picker: seloste {picker * 1000:.0f} ms; -> first question (Enter pressed at once) "
        f"{question * 1000:.0f} ms; minimal Textual app {bare * 1000:.0f} ms (medians of {args.runs})"
    )
    updated, painted = asyncio.run(measure_preview(max(args.runs, 9)))
    held, drawn = statistics.median(updated), statistics.median(painted)
    print(f"answer -> preview holds it: median {held * 1000:.0f} ms, slowest {max(updated) * 1000:.0f} ms ({len(updated)} answers)")
    print(f"answer -> screen painted with it (the next question too): median {drawn * 1000:.0f} ms, slowest {max(painted) * 1000:.0f} ms")
    print(
        f"picker ratio {picker / bare:.2f} (target <= 1.3), first question ratio {question / bare:.2f}; "
        f"answer -> preview painted median {drawn * 1000:.0f} ms (target <= 50)"
    )


if __name__ == "__main__":
    main()
