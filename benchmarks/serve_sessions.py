"""Memory per browser tab of `seloste serve` with many tabs open at once (a measurement, not a test).

    .venv/bin/python benchmarks/serve_sessions.py [--sessions 30] [--timeout 180] [--port PORT]

A workshop runs `seloste serve` on the trainer's laptop and every participant's browser tab gets its own
chat process. This script starts `seloste serve` on 127.0.0.1 (a free port, SELOSTE_HOME in a temporary
folder, so no real interview is touched) and opens tabs the way the browser page of textual-serve does:
it fetches the page, reads the websocket address from it, connects with the terminal's size in the
address, sends `resize` and `ping`, and types into the chat as `stdin` messages. Each tab chooses the
conversation language, accepts the suggested notice language, names a fictional business and accepts the
suggested legal form, so its process has loaded the engine and the questionnaire and drawn the interview.
A tab counts only once the chat has shown the question after those answers; one that fails is reported
and not counted.

1. Baseline: one tab alone, measured first. It also tells whether Enter alone answers the first screen.
2. N tabs (default 30) opened at the same time, measured once all are ready.
3. The server is stopped as Ctrl+C in its terminal stops it (SIGINT to it and its chats), tabs still
   open, as at the end of a workshop; no chat process may be left behind.

For each chat process (a child of the server) the resident set size (RSS) is read, and from
/proc/PID/smaps_rollup the proportional (PSS: shared pages divided among the processes sharing them) and
unique (USS: pages of this process alone) set sizes. USS is what one more tab costs; the PSS total is what
the server and its tabs take together. Printed: tabs connected, ready and alive, memory per tab (median
and max), the server's own, the total, how long the tabs took to become ready, and how the server stopped.
The last line is the ratio of the median memory per tab with N tabs to the baseline's: near 1 for USS
and RSS when the tabs do not interfere.

Linux only: the figures come from /proc. Elsewhere the script says so and exits.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

try:
    import aiohttp  # comes with textual-serve
except ImportError:  # main() says what to install
    aiohttp = None

HOST = "127.0.0.1"
TERMINAL = (120, 36)  # columns and rows, what a laptop's browser window fits at the page's default font
SERVER_START_TIMEOUT = 30.0
SETTLE = 2.0  # seconds between the last tab becoming ready and the measurement
STOP_TIMEOUT = 10.0  # for one chat to end after its tab closed
# (signal, name, seconds to wait): Ctrl+C first, as the trainer stops the server, which then waits for every
# tab's chat to end; harder only if it does not.
STOP_SIGNALS = (
    (signal.SIGINT, "Ctrl+C (SIGINT)", 60.0),
    (signal.SIGTERM, "SIGTERM", 10.0),
    (signal.SIGKILL, "SIGKILL", 10.0),
)
ENTER_PROBE_TIMEOUT = 5.0  # enough for one unloaded chat to act on a key
BUSINESS = "Kahvila Mittari Oy"  # fictional

# What the chat shows (in English: the server runs with SELOSTE_LANG=en), from wizard/tui/screens/dialogs.py,
# wizard/tui/screens/chat.py and questions/10_controller.yaml.
FIRST_SCREEN = "Which language shall we talk in?"
NOTICE_LANGUAGE = "In which language shall the privacy notice be written?"
ENTER, TAB = "\r", "\t"
# After the language: (keys a participant presses, what the chat asks next).
INTERVIEW_STEPS = [
    (ENTER, "What is your business's official name?"),  # the notice's language: the suggested one
    (BUSINESS + ENTER, "What kind of business is it?"),
    (ENTER, "In which country is your business registered?"),  # the legal form: the suggested company
]

ESCAPE_SEQUENCE = re.compile(r"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[@-Z\\-_])")
NOT_A_WORD_CHARACTER = re.compile(r"\W|_")


class BenchmarkError(Exception):
    """The environment cannot run the benchmark; the message says why."""


class SessionFailed(Exception):
    pass


# --- processes and their memory, from /proc ---


@dataclass
class Memory:
    """Kilobytes; pss and uss are None where smaps_rollup cannot be read."""

    rss: int
    pss: int | None
    uss: int | None


def read_memory(pid: int) -> Memory | None:
    """The memory of a running process, or None if it has gone."""
    try:
        fields = _kilobyte_fields(Path(f"/proc/{pid}/smaps_rollup").read_text())
        uss = fields["Private_Clean"] + fields["Private_Dirty"]
        return Memory(fields["Rss"], fields["Pss"], uss)
    except (PermissionError, KeyError):  # an older kernel, or not ours: status has RSS at least
        pass
    except (FileNotFoundError, ProcessLookupError):
        return None
    try:
        return Memory(_kilobyte_fields(Path(f"/proc/{pid}/status").read_text())["VmRSS"], None, None)
    except (FileNotFoundError, ProcessLookupError, KeyError):
        return None


def _kilobyte_fields(text: str) -> dict[str, int]:
    fields = {}
    for line in text.splitlines():
        name, _, value = line.partition(":")
        parts = value.split()
        if len(parts) == 2 and parts[1] == "kB":
            fields[name.strip()] = int(parts[0])
    return fields


def chat_processes(server_pid: int) -> list[int]:
    """The server's children that run a tab's chat (textual-serve `exec`s it, so they are direct children)."""
    children: list[int] = []
    for listing in Path(f"/proc/{server_pid}/task").glob("*/children"):
        try:
            children += [int(pid) for pid in listing.read_text().split()]
        except (FileNotFoundError, ProcessLookupError):
            continue
    return [pid for pid in children if "--served" in _command_line(pid)]


def chats_using_home(home: Path) -> list[int]:
    """Every chat process of this run, whoever its parent is now: those with our SELOSTE_HOME."""
    wanted = f"SELOSTE_HOME={home}".encode()
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or "--served" not in _command_line(int(entry.name)):
            continue
        try:
            if wanted in (entry / "environ").read_bytes().split(b"\0"):
                found.append(int(entry.name))
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
    return found


def _command_line(pid: int) -> list[str]:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().decode("utf-8", "replace").split("\0")
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        return []


@dataclass
class Snapshot:
    """The memory of the server and of each of its chat processes at one moment."""

    server: Memory
    chats: list[Memory]


def take_snapshot(server_pid: int) -> Snapshot:
    server = read_memory(server_pid)
    if server is None:
        raise BenchmarkError("the server stopped during the measurement")
    chats = [memory for pid in chat_processes(server_pid) if (memory := read_memory(pid)) is not None]
    return Snapshot(server, chats)


async def until_chat_count(server_pid: int, wanted: int, timeout: float) -> int:
    """Waits until the server has `wanted` chat processes; returns how many it has."""
    deadline = time.monotonic() + timeout
    while (count := len(chat_processes(server_pid))) != wanted and time.monotonic() < deadline:
        await asyncio.sleep(0.1)
    return count


# --- the server ---


@dataclass
class Server:
    process: subprocess.Popen
    port: int
    home: Path
    log: Path

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}/"

    def log_tail(self, lines: int = 15) -> str:
        try:
            return "\n".join(self.log.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
        except FileNotFoundError:
            return ""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def serve_command(port: int) -> list[str]:
    """`seloste serve`: the installed command beside this Python, else the same entry point through -m."""
    seloste = Path(sys.executable).with_name("seloste")
    command = [str(seloste)] if seloste.exists() else [sys.executable, "-m", "wizard"]
    # no cap from the machine's free memory: this measures that memory, however many tabs it is asked for
    return command + ["serve", "--host", HOST, "--port", str(port), "--max-sessions", "10000"]


def launch_server(port: int, home: Path) -> Server:
    env = {**os.environ, "SELOSTE_HOME": str(home), "SELOSTE_LANG": "en"}
    env.pop("TEXTUAL", None)  # no devtools or debug mode from the caller's shell
    log = home.parent / "server.log"
    with open(log, "wb") as output:
        # a session of its own: the terminal's Ctrl+C reaches only this script, which then stops the server
        # and its chats together (their process group), as Ctrl+C in the server's own terminal would
        process = subprocess.Popen(
            serve_command(port),
            stdin=subprocess.DEVNULL,
            stdout=output,
            stderr=subprocess.STDOUT,
            env=env,
            start_new_session=True,
        )
    return Server(process, port, home, log)


def wait_until_answering(server: Server) -> None:
    deadline = time.monotonic() + SERVER_START_TIMEOUT
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            status = server.process.returncode
            raise BenchmarkError(f"`seloste serve` exited with status {status}:\n{server.log_tail()}")
        try:
            with urllib.request.urlopen(server.url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
    raise BenchmarkError(
        f"`seloste serve` did not answer on {server.url} within {SERVER_START_TIMEOUT:.0f} s:\n{server.log_tail()}"
    )


@dataclass
class Stop:
    signal: str  # the signal that stopped the server
    seconds: float
    left_behind: list[int]  # chat processes still running after the server stopped


def stop_server(server: Server) -> Stop:
    """Stops the server as Ctrl+C in its terminal does, harder if it must; then finds the chats it left
    running (and kills them, so that none outlives the benchmark)."""
    started, how = time.monotonic(), "Ctrl+C (SIGINT)"
    for sent, name, patience in STOP_SIGNALS:
        if server.process.poll() is not None:
            break
        how = name
        try:
            os.killpg(server.process.pid, sent)  # as a terminal's Ctrl+C: the server and the chats it started
        except ProcessLookupError:
            pass
        try:
            server.process.wait(timeout=patience)
        except subprocess.TimeoutExpired:
            continue
    seconds_taken = time.monotonic() - started
    left = _chats_still_running(server.home, grace=5.0)
    for pid in left:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    return Stop(how, seconds_taken, left)


def _chats_still_running(home: Path, grace: float) -> list[int]:
    deadline = time.monotonic() + grace
    while (left := chats_using_home(home)) and time.monotonic() < deadline:
        time.sleep(0.1)
    return left


# --- browser tabs ---


def readable(output: bytes) -> str:
    """The letters and digits a terminal would show, lower case: escape sequences, spaces, punctuation and
    box drawing dropped, so that a phrase is found however the chat wraps or frames it."""
    text = ESCAPE_SEQUENCE.sub("", output.decode("utf-8", "replace"))
    return NOT_A_WORD_CHARACTER.sub("", text).lower()


@dataclass
class Tab:
    """One browser tab: its websocket and what its chat has shown since the last key press."""

    number: int
    websocket: aiohttp.ClientWebSocketResponse | None = None
    opened_at: float = 0.0
    first_screen: float | None = None  # seconds from opening to the first question
    ready: float | None = None  # seconds from opening to the interview's question after the answers
    failure: str | None = None
    shown: str = ""
    changed: asyncio.Event = field(default_factory=asyncio.Event)
    reader: asyncio.Task | None = None

    @property
    def alive(self) -> bool:
        return self.failure is None and self.websocket is not None and not self.websocket.closed


async def open_tab(http: aiohttp.ClientSession, websocket_url: str, number: int) -> Tab:
    """Connects as the page's script does: the terminal's size in the address, then resize and ping."""
    tab = Tab(number)
    tab.opened_at = time.monotonic()
    width, height = TERMINAL
    tab.websocket = await http.ws_connect(f"{websocket_url}?width={width}&height={height}")
    tab.reader = asyncio.create_task(_read_output(tab))
    await _send(tab, ["resize", {"width": width, "height": height}])
    await _send(tab, ["ping", str(int(time.time() * 1000))])
    return tab


async def _read_output(tab: Tab) -> None:
    """Collects what the chat draws (binary messages); text messages are the server's own (pong)."""
    async for message in tab.websocket:
        if message.type == aiohttp.WSMsgType.BINARY:
            tab.shown += readable(message.data)
            tab.changed.set()
    tab.changed.set()  # closed: wake whoever waits, so it sees


async def _send(tab: Tab, envelope: list) -> None:
    await tab.websocket.send_json(envelope)


async def press(tab: Tab, keys: str) -> None:
    """Types `keys`; what was shown before no longer counts."""
    tab.shown = ""
    await _send(tab, ["stdin", keys])


async def wait_for(tab: Tab, phrase: str, timeout: float) -> bool:
    """True once the chat has shown `phrase` since the last key press; False after `timeout` seconds."""
    wanted = readable(phrase.encode("utf-8"))
    deadline = time.monotonic() + timeout
    while wanted not in tab.shown:
        if tab.websocket.closed:
            raise SessionFailed(f"the server closed the connection before the chat showed {phrase!r}")
        tab.changed.clear()
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return False
        try:
            await asyncio.wait_for(tab.changed.wait(), remaining)
        except asyncio.TimeoutError:
            pass
    return True


async def expect(tab: Tab, phrase: str, deadline: float) -> None:
    if not await wait_for(tab, phrase, deadline - time.monotonic()):
        allowed = deadline - tab.opened_at
        raise SessionFailed(f"the chat did not show {phrase!r} within {allowed:.0f} s of opening the tab")


async def into_interview(tab: Tab, language_keys: str, timeout: float) -> None:
    """From the first screen to the interview's fourth question, as a participant answers."""
    deadline = tab.opened_at + timeout
    await expect(tab, FIRST_SCREEN, deadline)
    tab.first_screen = time.monotonic() - tab.opened_at
    await _send(tab, ["focus"])  # the page's terminal gets the keyboard focus
    await press(tab, language_keys)
    await answer_the_questions(tab, deadline)


async def answer_the_questions(tab: Tab, deadline: float) -> None:
    await expect(tab, NOTICE_LANGUAGE, deadline)
    for keys, next_question in INTERVIEW_STEPS:
        await press(tab, keys)
        await expect(tab, next_question, deadline)
    tab.ready = time.monotonic() - tab.opened_at


async def open_and_drive(
    http: aiohttp.ClientSession, websocket_url: str, number: int, language_keys: str, timeout: float, tabs: list[Tab]
) -> Tab:
    """A tab driven into the interview, added to `tabs` as soon as it exists (so that it is closed whatever
    happens); a failure is recorded in the tab, never raised."""
    try:
        tab = await open_tab(http, websocket_url, number)
    except Exception as problem:  # noqa: BLE001 - any reason a tab could not open is reported alike
        tab = Tab(number, failure=f"could not connect: {problem}")
        tabs.append(tab)
        return tab
    tabs.append(tab)
    try:
        await into_interview(tab, language_keys, timeout)
    except SessionFailed as problem:
        tab.failure = str(problem)
    except Exception as problem:  # noqa: BLE001
        tab.failure = f"{type(problem).__name__}: {problem}"
    return tab


async def close_tabs(tabs: list[Tab]) -> None:
    await asyncio.gather(*(_close(tab) for tab in tabs), return_exceptions=True)


async def _close(tab: Tab) -> None:
    if tab.websocket is not None and not tab.websocket.closed:
        await tab.websocket.close()
    if tab.reader is not None:
        tab.reader.cancel()
        await asyncio.gather(tab.reader, return_exceptions=True)


# --- the two measurements ---


@dataclass
class Round:
    """One measurement: the tabs opened together and the memory once they were ready."""

    tabs: list[Tab]
    snapshot: Snapshot

    @property
    def ready(self) -> list[Tab]:
        return [tab for tab in self.tabs if tab.ready is not None and tab.failure is None]


@dataclass
class Results:
    baseline: Round
    crowd: Round
    lone_enter_works: bool
    alive_at_measurement: int
    stop: Stop  # Ctrl+C with the tabs still open, as at the end of a workshop


async def websocket_address(http: aiohttp.ClientSession, server: Server) -> str:
    """What the page tells the browser to connect to (data-session-websocket-url)."""
    async with http.get(server.url) as response:
        page = await response.text()
    found = re.search(r'data-session-websocket-url="([^"]+)"', page)
    if found is None:
        raise BenchmarkError("the page of `seloste serve` names no websocket: has textual-serve's page changed?")
    return found.group(1)


async def run_rounds(server: Server, sessions: int, timeout: float) -> Results:
    server_pid = server.process.pid
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0)) as http:
        address = await websocket_address(http, server)
        baseline, lone_enter_works = await measure_one_tab(http, address, server_pid, timeout)
        tabs: list[Tab] = []
        try:
            crowd, alive = await measure_crowd(http, address, server_pid, sessions, timeout, tabs)
            # in a thread, so that the tabs keep reading and answer the server's closing of their websockets
            stop = await asyncio.to_thread(stop_server, server)
        finally:
            await close_tabs(tabs)
    return Results(baseline, crowd, lone_enter_works, alive, stop)


async def measure_crowd(
    http: aiohttp.ClientSession, address: str, server_pid: int, sessions: int, timeout: float, tabs: list[Tab]
) -> tuple[Round, int]:
    """`sessions` tabs opened at once and driven into the interview; the memory once they are all ready, and
    how many were alive then."""
    numbers = range(1, sessions + 1)
    await asyncio.gather(*(open_and_drive(http, address, number, TAB + ENTER, timeout, tabs) for number in numbers))
    await close_tabs([tab for tab in tabs if tab.failure is not None])  # their chats must not be measured
    await until_chat_count(server_pid, sum(tab.alive for tab in tabs), STOP_TIMEOUT)
    await asyncio.sleep(SETTLE)
    alive = sum(tab.alive for tab in tabs)  # a chat that ended meanwhile has closed its tab
    return Round(sorted(tabs, key=lambda tab: tab.number), take_snapshot(server_pid)), alive


async def measure_one_tab(
    http: aiohttp.ClientSession, address: str, server_pid: int, timeout: float
) -> tuple[Round, bool]:
    """The baseline: one tab alone. It also finds out whether the first screen acts on Enter alone, as a
    participant would first try (it does not while its list lacks the focus); otherwise Tab, Enter."""
    try:
        tab = await open_tab(http, address, 0)
    except Exception as problem:  # noqa: BLE001 - refused, reset, a bad handshake: the server is unusable
        raise BenchmarkError(f"could not open a tab on {address}: {problem}") from None
    try:
        deadline = tab.opened_at + timeout
        await expect(tab, FIRST_SCREEN, deadline)
        tab.first_screen = time.monotonic() - tab.opened_at
        await _send(tab, ["focus"])
        await press(tab, ENTER)  # what a participant tries first
        lone_enter_works = await wait_for(tab, NOTICE_LANGUAGE, ENTER_PROBE_TIMEOUT)
        if not lone_enter_works:
            await press(tab, TAB + ENTER)
        await answer_the_questions(tab, deadline)
        await asyncio.sleep(SETTLE)
        snapshot = take_snapshot(server_pid)
    except SessionFailed as problem:
        raise BenchmarkError(f"a single tab did not reach the interview: {problem}") from None
    finally:
        await close_tabs([tab])
    if await until_chat_count(server_pid, 0, STOP_TIMEOUT) != 0:
        raise BenchmarkError("the single tab's chat did not end after its tab was closed")
    return Round([tab], snapshot), lone_enter_works


# --- the report ---


def mib(kilobytes: float | None) -> str:
    return "n/a" if kilobytes is None else f"{kilobytes / 1024:.1f}"


def spread(values: list[float | None], unit: str = " MiB", scale=mib) -> str:
    known = [value for value in values if value is not None]
    if not known:
        return "n/a"
    return f"median {scale(statistics.median(known))}{unit}, max {scale(max(known))}{unit}"


def seconds(value: float) -> str:
    return f"{value:.1f}"


def memory_line(label: str, chats: list[Memory]) -> str:
    return (
        f"{label}: RSS {spread([m.rss for m in chats])}; PSS {spread([m.pss for m in chats])}; "
        f"USS {spread([m.uss for m in chats])}"
    )


def total(snapshot: Snapshot, kind: str) -> str:
    """The server's and the chats' `kind` added up; n/a if one of them is unknown."""
    values = [getattr(m, kind) for m in [snapshot.server, *snapshot.chats]]
    return "n/a" if None in values else mib(sum(values))


def ratio(crowd: list[Memory], baseline: list[Memory], kind: str) -> str:
    ours = [getattr(m, kind) for m in crowd if getattr(m, kind) is not None]
    alone = [getattr(m, kind) for m in baseline if getattr(m, kind) is not None]
    if not ours or not alone:
        return "n/a"
    return f"{statistics.median(ours) / statistics.median(alone):.2f}"


def report(results: Results, sessions: int, server: Server) -> list[str]:
    baseline, crowd = results.baseline, results.crowd
    return [
        f"seloste serve on {HOST}:{server.port}, terminal {TERMINAL[0]}x{TERMINAL[1]}; "
        "memory from /proc (PSS and USS from smaps_rollup)",
        first_screen_line(results.lone_enter_works),
        baseline_line(baseline),
        f"{sessions} tabs at once: connected {sum(tab.websocket is not None for tab in crowd.tabs)}, "
        f"reached the interview {len(crowd.ready)}, alive when measured {results.alive_at_measurement}, "
        f"chat processes {len(crowd.snapshot.chats)}",
        *[f"  tab {tab.number} failed: {tab.failure}" for tab in crowd.tabs if tab.failure is not None],
        memory_line("memory per tab", crowd.snapshot.chats),
        f"server: RSS {mib(crowd.snapshot.server.rss)} MiB, PSS {mib(crowd.snapshot.server.pss)} MiB",
        f"total, server and {len(crowd.snapshot.chats)} chats: PSS {total(crowd.snapshot, 'pss')} MiB "
        f"(the sum of RSS, {total(crowd.snapshot, 'rss')} MiB, counts shared pages once per process)",
        f"time to the first screen: {spread([tab.first_screen for tab in crowd.tabs], ' s', seconds)}; "
        f"to the interview after 4 answers: {spread([tab.ready for tab in crowd.ready], ' s', seconds)}",
        stop_line(results.stop, results.alive_at_measurement),
        f"memory per tab, {sessions} tabs / 1 tab (medians): {ratios(crowd.snapshot.chats, baseline.snapshot.chats)}",
    ]


def first_screen_line(lone_enter_works: bool) -> str:
    if lone_enter_works:
        return "first screen: Enter alone chose the language"
    return "first screen: Enter alone did nothing (the language list had no focus); tabs press Tab, then Enter"


def baseline_line(baseline: Round) -> str:
    chat, server = baseline.snapshot.chats[0], baseline.snapshot.server
    return (
        f"1 tab alone: first screen in {seconds(baseline.tabs[0].first_screen or 0)} s; chat RSS {mib(chat.rss)} MiB, "
        f"PSS {mib(chat.pss)} MiB, USS {mib(chat.uss)} MiB; server RSS {mib(server.rss)} MiB"
    )


def stop_line(stop: Stop, open_tabs: int) -> str:
    left = (
        f"chat processes left behind: {len(stop.left_behind)} (killed: {', '.join(map(str, stop.left_behind))})"
        if stop.left_behind
        else "no chat process left behind"
    )
    return f"stopped with {stop.signal} in {seconds(stop.seconds)} s, {open_tabs} tabs open; {left}"


def ratios(crowd: list[Memory], baseline: list[Memory]) -> str:
    """USS and RSS show interference; PSS falls by design as more chats share the same libraries."""
    return (
        f"USS {ratio(crowd, baseline, 'uss')}, RSS {ratio(crowd, baseline, 'rss')}, "
        f"PSS {ratio(crowd, baseline, 'pss')} (PSS shares the libraries' pages among more chats)"
    )


# --- the run ---


def parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=30, help="tabs open at the same time (default 30)")
    parser.add_argument("--timeout", type=float, default=180.0, help="seconds each tab may take to reach the interview")
    parser.add_argument("--port", type=int, default=0, help="port for the server (default: a free one)")
    args = parser.parse_args()
    if args.sessions < 1 or args.timeout <= 0 or not 0 <= args.port <= 65535:
        parser.error("--sessions must be at least 1, --timeout positive, --port 0-65535")
    return args


def check_environment() -> None:
    import importlib.util

    for module in ("aiohttp", "textual_serve"):
        if importlib.util.find_spec(module) is None:
            raise BenchmarkError(f"{module} is not installed: `.venv/bin/pip install -e '.[test]'` installs it")


def main() -> int:
    args = parse_arguments()
    if not sys.platform.startswith("linux"):
        print("This benchmark reads memory from /proc, so it runs on Linux only.")
        return 0
    folder = Path(tempfile.mkdtemp(prefix="seloste-serve-bench-"))
    server = None
    try:
        check_environment()
        server = launch_server(args.port or free_port(), folder / "home")
        wait_until_answering(server)
        results = asyncio.run(run_rounds(server, args.sessions, args.timeout))
        print("\n".join(report(results, args.sessions, server)))
        all_ready = len(results.crowd.ready) == args.sessions == results.alive_at_measurement
        return 0 if all_ready and not results.stop.left_behind else 1
    except BenchmarkError as problem:
        print(f"serve_sessions: {problem}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("serve_sessions: interrupted; the server and its chats are being stopped", file=sys.stderr)
        return 130
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl+C must not leave the server running
        if server is not None and server.process.poll() is None:
            left_behind = stop_server(server).left_behind
            if left_behind:
                print(f"serve_sessions: chat processes left behind and killed: {left_behind}", file=sys.stderr)
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
