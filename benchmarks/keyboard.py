"""How fast the chat answers the keyboard, with a real business's answers and with a hundred items (a measurement,
not a test).

    .venv/bin/python benchmarks/keyboard.py [--runs 5] [--items 100]

Everything is timed on the real `seloste` command in a pseudo-terminal (80x24), from the moment the keys are
written to it until the terminal has been sent what they change, against a minimal Textual app with one text box
started the same way in the same run, turn about:

1. key -> shown: one key typed into a text answer until the box shows it (median of many keys, each waited
   for). Target: <= 2x the minimal app's median.
2. paste -> shown: 33 characters pasted at once (bracketed paste, as terminals paste) and the same 33 typed
   in one burst (as `tmux send-keys` or a fast typist's keyboard buffer sends them), until the box shows
   them all. Target: <= 150 ms.
3. Enter -> next question painted: an answer sent with Enter until the next question's words are on the screen.
   Target: <= 250 ms with a hundred items.
4. review -> question: on a complete answers file the review opens by itself; its "What you use the data for"
   section is opened, an item chosen with Enter, and it is timed until that purpose's form is on the screen.
   Target: <= 200 ms. Each key on the way there waits until the screen (read as a terminal shows it, with
   pyte) has the focus where the key before put it, so a loaded machine only makes the run longer.

Each is measured on the webshop example and on a file with `--items` purposes, data categories and recipients
each (the webshop's, repeated). The last line sums up the figures against their targets.
"""

from __future__ import annotations

import argparse
import collections
import copy
import fcntl
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

import yaml

from markers import REPO, first_question, form_hint, language_picker, review_title, section_title

PYTHON = sys.executable
MINIMAL_MARKER = "Minimal app ready"
MINIMAL_APP = f"""
from textual.app import App
from textual.widgets import Footer, Input, Static

class Minimal(App):
    def compose(self):
        yield Static({MINIMAL_MARKER!r})
        yield Input()
        yield Footer()

Minimal().run()
"""
PASTE = "6 years from the end of the year 1"  # 33 characters, as in the report
ENTER, DOWN, PAGE_DOWN, PAGE_UP = b"\r", b"\x1b[B", b"\x1b[6~", b"\x1b[5~"
# Synchronized output: asked about, said to be supported, and a frame's start and end.
SYNC_QUERY, SYNC_SUPPORTED, SYNC_BEGIN, SYNC_END = b"\x1b[?2026$p", b"\x1b[?2026;2$y", b"\x1b[?2026h", b"\x1b[?2026l"


class Terminal:
    """A program in an 80x24 pseudo-terminal, what it has written since the last `mark`, and its screen as a
    terminal shows it (pyte), to wait for what is on it rather than for a while."""

    def __init__(self, command: list[str], env: dict[str, str]) -> None:
        import pyte

        self.master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        self.process = subprocess.Popen(command, stdin=slave, stdout=slave, stderr=slave, env=env, close_fds=True, start_new_session=True)
        os.close(slave)
        self.seen = b""
        self.screen = pyte.Screen(80, 24)
        self.stream = pyte.ByteStream(self.screen)
        self.synchronized = False  # the program asked whether the terminal draws a frame at once, and was told so
        self.drawing = False  # inside such a frame: the screen is half drawn

    def mark(self) -> None:
        self._drain(0.0)
        self.seen = b""

    def send(self, data: bytes) -> float:
        self.mark()
        started = time.perf_counter()
        os.write(self.master, data)
        return started

    def wait_for(self, text: str, timeout: float = 30.0) -> float:
        """Seconds since the epoch of `time.perf_counter` when `text` has been written (since the last mark)."""
        wanted = text.encode("utf-8")
        started = time.perf_counter()
        while wanted not in self.seen:
            if time.perf_counter() - started > timeout:
                raise RuntimeError(f"{text!r} was not shown within {timeout} s; the screen got {self.seen[-600:]!r}")
            self._drain(0.05)
        return time.perf_counter()

    def wait_until(self, condition: Any, what: str, timeout: float = 60.0) -> None:
        """Until `condition(self)` holds of the screen, a whole frame drawn: however long a loaded machine takes."""
        started = time.perf_counter()
        self._drain(0.0)
        while self.drawing or not condition(self):
            if time.perf_counter() - started > timeout:
                raise RuntimeError(f"{what}: not on the screen within {timeout} s:\n" + "\n".join(self.screen.display))
            self._drain(0.05)

    def _drain(self, wait: float) -> None:
        ready, _, _ = select.select([self.master], [], [], wait)
        while ready:
            try:
                data = os.read(self.master, 65536)
            except OSError:
                return
            self.seen += data
            self.stream.feed(data)
            if not self.synchronized and SYNC_QUERY in self.seen[-len(data) - len(SYNC_QUERY) :]:
                self.synchronized = True  # as terminals that draw a frame at once answer: Textual then marks them
                os.write(self.master, SYNC_SUPPORTED)
            begins, ends = data.rfind(SYNC_BEGIN), data.rfind(SYNC_END)
            self.drawing = begins > ends if begins != ends else self.drawing
            ready, _, _ = select.select([self.master], [], [], 0)

    def close(self) -> None:
        self.process.kill()
        self.process.wait()
        os.close(self.master)


def keys_shown(terminal: Terminal, start: str, count: int) -> list[float]:
    """Type `count` keys one by one after `start` (already in the box), each timed until the box shows it."""
    times = []
    typed = start
    for index in range(count):
        key = "abcdefghij"[index % 10]
        typed += key
        sent = terminal.send(key.encode())
        times.append(terminal.wait_for(typed[-12:]) - sent)
    return times


def paste_shown(terminal: Terminal, start: str, bracketed: bool) -> float:
    data = PASTE.encode()
    sent = terminal.send(b"\x1b[200~" + data + b"\x1b[201~" if bracketed else data)
    return terminal.wait_for((start + PASTE)[-40:]) - sent


def erase(terminal: Terminal, count: int) -> None:
    terminal.send(b"\x7f" * count)
    time.sleep(0.3)


def measure_minimal(env: dict[str, str], keys: int) -> dict[str, Any]:
    terminal = Terminal([PYTHON, "-c", MINIMAL_APP], env)
    try:
        terminal.wait_for(MINIMAL_MARKER)
        time.sleep(0.5)
        key_times = keys_shown(terminal, "", keys)
        erase(terminal, keys)
        paste = paste_shown(terminal, "", True)
        erase(terminal, len(PASTE))
        burst = paste_shown(terminal, "", False)
        return {"key": key_times, "paste": paste, "burst": burst}
    finally:
        terminal.close()


def measure_seloste(env: dict[str, str], answers: Path, first_answer: str, next_prompt: str, keys: int) -> dict[str, Any]:
    """On a file whose first missing answer is a text: keys, pastes, then Enter with `first_answer`."""
    terminal = Terminal([PYTHON, "-m", "wizard", "--answers", str(answers)], env)
    try:
        past_languages(terminal)
        time.sleep(0.5)
        key_times = keys_shown(terminal, "", keys)
        erase(terminal, keys)
        paste = paste_shown(terminal, "", True)
        erase(terminal, len(PASTE))
        burst = paste_shown(terminal, "", False)
        erase(terminal, len(PASTE))
        terminal.send(first_answer.encode())
        terminal.wait_for(first_answer)
        time.sleep(0.3)
        sent = terminal.send(ENTER)
        enter = terminal.wait_for(next_prompt) - sent
        return {"key": key_times, "paste": paste, "burst": burst, "enter": enter}
    finally:
        terminal.close()


def measure_review(env: dict[str, str], answers: Path, section_title: str, sections_before: int, form_marker: str) -> float:
    """On a complete file the review opens: its section `section_title` (with `sections_before` folding sections
    before it, counting itself) is opened, and its second item chosen. Each key waits until the screen shows
    what the one before it did, so a loaded machine only makes the run longer."""
    terminal = Terminal([PYTHON, "-m", "wizard", "--answers", str(answers)], env)
    try:
        past_languages(terminal)
        terminal.wait_for(review_title("en"))
        terminal.wait_until(lambda t: any("Export the notice" in line for line in t.screen.display), "the review")
        # The Export button in focus, no line of the list, unless the check found something: then its first finding.
        review = Review(terminal, starts_on_finding=has_findings(answers))
        for _section in range(sections_before):  # PgDn from section title to section title
            review.press(PAGE_DOWN, moved_to_title)
        while (off := review.offset(section_title)) != 0:  # the count was off: the screen says where it is
            review.press(PAGE_DOWN if off > 0 else PAGE_UP, moved_to_title)
        opened = f"{FOLDS[1]} {section_title}"
        review.press(ENTER, lambda now, _before: (title_in(now) or "").startswith(opened) and review.opened())
        for _item in range(2):  # to its second item
            review.press(DOWN, lambda now, before: now != before and bool(now) and not on_title(now))
        sent = terminal.send(ENTER)
        return terminal.wait_for(form_marker) - sent
    finally:
        terminal.close()


FOLDS = "▶▼"  # the mark before a folded and an open section's title


def on_title(focus: str) -> bool:
    return focus[:1] != "" and focus[:1] in FOLDS


def title_in(focus: str) -> str | None:
    """The section title among the lines in focus; None for none, or for two (a frame between the two)."""
    titles = [line for line in focus.split("\n") if on_title(line)]
    return titles[0] if len(titles) == 1 else None


def moved_to_title(now: str, before: str) -> bool:
    return title_in(now) is not None and title_in(now) != title_in(before)


class Review:
    """The review's list as the terminal shows it. The line in focus (a section's title, or the lines of an
    answer) is drawn on a background of its own: not the screen's, seen at the left edge of each line, nor the
    one of an open section's answers, learnt when one is seen open."""

    def __init__(self, terminal: Terminal, starts_on_finding: bool = False) -> None:
        self.terminal = terminal
        lines = self.lines()
        backgrounds = {background for _text, background in lines}  # nothing in the list has the focus
        if starts_on_finding:  # but the check's first finding, right below the first title: its background is the focus's
            first = next(index for index, (text, _background) in enumerate(lines) if on_title(text))
            backgrounds.discard(lines[first + 1][1])
        self.unfocused = {None, *backgrounds}

    def lines(self) -> list[tuple[str, Any]]:
        """The list's lines (below the screen's title, above the buttons), each with the background of most of its
        text when that is not the screen's (None)."""
        screen = self.terminal.screen
        found = []
        for y in range(1, screen.lines - 1):
            line = [screen.buffer[y][x] for x in range(screen.columns)]
            text = "".join(char.data for char in line)
            if "▔" in text:  # the buttons' top edge
                break
            backgrounds = collections.Counter(char.bg for char in line if char.data.strip())
            background = backgrounds.most_common(1)[0][0] if backgrounds else line[0].bg
            found.append((text.strip(), background if background != line[0].bg else None))
        return found

    def focus(self) -> str:
        """The text of the lines in focus, "" when none is."""
        return "\n".join(text for text, background in self.lines() if background is not None and background not in self.unfocused)

    def opened(self) -> bool:
        """The section in focus shows its answers: their background is learnt as not the focus's."""
        lines = self.lines()
        at = next((index for index, (_text, background) in enumerate(lines) if background not in self.unfocused), None)
        below = lines[at + 1] if at is not None and at + 1 < len(lines) else None
        if below is None or below[1] in (None, lines[at][1]):
            return False
        self.unfocused.add(below[1])
        return True

    def offset(self, title: str) -> int:
        """How many sections below the one in focus the section `title` is (negative: above it)."""
        titles = [text[2:] for text, _background in self.lines() if on_title(text)]
        wanted = next(index for index, text in enumerate(titles) if text.startswith(title))
        here = next((index for index, text in enumerate(titles) if (title_in(self.focus()) or "")[2:] == text), -1)
        return wanted - here

    def press(self, key: bytes, done: Any) -> None:
        """Send `key`, and wait until the line in focus shows it acted: `done(now, before)`."""
        before = self.focus()
        self.terminal.send(key)
        self.terminal.wait_until(lambda _t: done(self.focus(), before), f"the focus after {key!r} (was {before!r})")


def past_languages(terminal: Terminal) -> None:
    terminal.wait_for(language_picker("fi"))  # the first of the languages
    time.sleep(0.3)
    terminal.send(ENTER)  # English (SELOSTE_LANG)
    terminal.wait_for(first_question("en"))
    time.sleep(0.3)
    terminal.send(ENTER)  # the notice in English


# --- the answers files ----------------------------------------------------------------------------------------


def webshop() -> dict[str, Any]:
    from wizard.examples import example_text
    from wizard.loader import parse

    data = parse(example_text("webshop")).data
    data["notice"]["date"] = "2026-11-22"
    return data


def numbered(text: Any, index: int) -> Any:
    """A text (plain, or by language) with the item's number after it."""
    if isinstance(text, dict):
        return {lang: f"{value} ({index + 1})" for lang, value in text.items()}
    return f"{text} ({index + 1})"


def with_items(count: int) -> dict[str, Any]:
    """The webshop with `count` purposes, data categories and recipients (its own, repeated and numbered)."""
    data = webshop()
    purposes = []
    for index in range(count):
        purpose = copy.deepcopy(data["purposes"][index % len(data["purposes"])])
        purpose["id"] = f"{purpose['id']}_{index}"
        purpose["description"] = numbered(purpose["description"], index)
        purposes.append(purpose)
    categories = []
    for index in range(count):
        category = copy.deepcopy(data["personal_data"][index % len(data["personal_data"])])
        category["name"] = numbered(category["name"], index)
        category["purposes"] = [purposes[(index + step) % count]["id"] for step in range(3)]
        category.setdefault("retention", {"period": "3 vuotta"})
        categories.append(category)
    recipients = []
    for index in range(count):
        recipient = copy.deepcopy(data["recipients"][index % len(data["recipients"])])
        recipient["name"] = numbered(recipient["name"], index)
        recipients.append(recipient)
    data["purposes"], data["personal_data"], data["recipients"] = purposes, categories, recipients
    return data


def without_groups(data: dict[str, Any]) -> tuple[dict[str, Any], str, str]:
    """The answers without their groups of people (a list of texts, asked first of what is missing), the answer
    to give, and the words of the question that follows it."""
    from wizard.engine import Interview
    from wizard.i18n import _

    data = copy.deepcopy(data)
    del data["processing"]["data_subjects"]
    answer = "verkkokaupan asiakkaat"
    interview = Interview.start(answers=data)
    interview.submit(answer)
    step = interview.current()
    assert step is not None
    return data, answer, " ".join(_(step.prompt, "en").split()[:4])


PURPOSES = section_title("purposes", "en")


def _session(answers: Path) -> Any:
    from wizard.session import open_file

    session = open_file(answers, "en")
    assert not isinstance(session, str), session
    session.notice_lang = "en"
    return session


def has_findings(answers: Path) -> bool:
    """Whether the check finds anything in `answers`: the review then opens on its first finding."""
    return bool(_session(answers).findings("en"))


def sections_to_purposes(answers: Path) -> int:
    """How many times PgDn goes from where the review opens (Export, or the check's first finding, inside its
    section) to the purposes' section of the chat opened on `answers` (in English, the notice in English): each
    folding section up to it, as the review lists them."""
    session = _session(answers)
    folding = [bool(session.findings("en")), bool(session.imported_answers("en"))]
    sections = [section.id for section in session.answers_by_section("en")]
    return sum(folding) + sections.index("purposes") + 1 - folding[0]


def write(folder: Path, name: str, data: dict[str, Any]) -> Path:
    path = folder / f"{name}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--items", type=int, default=100)
    parser.add_argument("--keys", type=int, default=15)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="seloste-bench-"))
    env = {**os.environ, "TERM": "xterm-256color", "SELOSTE_LANG": "en", "COLUMNS": "80", "LINES": "24"}
    env.pop("TEXTUAL", None)
    files = {"webshop": webshop(), f"{args.items} items": with_items(args.items)}
    minimal: list[dict[str, Any]] = []
    results: dict[str, list[dict[str, Any]]] = {name: [] for name in files}
    reviews: dict[str, list[float]] = {name: [] for name in files}
    for run in range(args.runs):
        minimal.append(measure_minimal(env, args.keys))
        for number, (name, data) in enumerate(files.items()):
            # Each run on files of its own: the chat saves its languages beside the file, and would not ask again.
            partial, answer, prompt = without_groups(data)
            env["SELOSTE_HOME"] = str(folder / f"home-{run}-{number}")
            results[name].append(measure_seloste(env, write(folder, f"partial-{run}-{number}", partial), answer, prompt, args.keys))
            complete = write(folder, f"complete-{run}-{number}", data)
            reviews[name].append(measure_review(env, complete, PURPOSES, sections_to_purposes(complete), form_hint("en")))
    shutil.rmtree(folder, ignore_errors=True)

    def ms(seconds: float) -> str:
        return f"{seconds * 1000:.0f} ms"

    base_key = statistics.median(t for result in minimal for t in result["key"])
    base_paste = statistics.median(result["paste"] for result in minimal)
    base_burst = statistics.median(result["burst"] for result in minimal)
    print(f"minimal Textual app: key -> shown {ms(base_key)}, paste {ms(base_paste)}, 33 keys at once {ms(base_burst)}")
    summary = []
    for name in files:
        key = statistics.median(t for result in results[name] for t in result["key"])
        paste = statistics.median(result["paste"] for result in results[name])
        burst = statistics.median(result["burst"] for result in results[name])
        enter = statistics.median(result["enter"] for result in results[name])
        review = statistics.median(reviews[name])
        print(
            f"{name}: key -> shown {ms(key)} ({key / base_key:.2f}x the minimal app), paste {ms(paste)}, "
            f"33 keys at once {ms(burst)}, Enter -> next question painted {ms(enter)}, review -> question {ms(review)}"
        )
        summary.append(
            f"{name}: key {key / base_key:.2f}x (<= 2), paste {ms(max(paste, burst))} (<= 150), "
            f"Enter {ms(enter)} (<= 250), review {ms(review)} (<= 200)"
        )
    print("; ".join(summary))


if __name__ == "__main__":
    main()
