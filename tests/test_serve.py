"""`seloste serve`: the chat in a browser for a workshop. All traffic here stays on 127.0.0.1."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest

from wizard import storage
from wizard.serve import browser_address, chat_command, localized_page, network_warning, run_served, stopped, where_to_open

pytest.importorskip("textual_serve")
aiohttp = pytest.importorskip("aiohttp")
psutil = pytest.importorskip("psutil")

STARTUP_SECONDS = 20
SEEDED_ANSWERS = {"controller": {"name": "Esimerkki Oy"}}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def seloste(home: Path, *args: str, **popen: object) -> subprocess.Popen:
    env = {**os.environ, "SELOSTE_HOME": str(home)}
    return subprocess.Popen([sys.executable, "-m", "wizard", "--lang", "en", *args], env=env, text=True, **popen)


def wait_for_page(url: str, server: subprocess.Popen) -> tuple[int, str]:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        assert server.poll() is None, "the server stopped before serving"
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.status, response.read().decode("utf-8")
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.2)
    pytest.fail(f"{url} did not answer within {STARTUP_SECONDS} s")


def children(pid: int) -> list[int]:
    listed = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True).stdout
    return [int(line) for line in listed.split()]


def is_running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


async def with_tabs_open(port: int, count: int, home: Path, check: Callable[[], None]) -> None:
    """Connect `count` browser tabs, wait until each has its chat process and interview file, and run `check`
    while they are still open (a tab's chat ends when its tab closes)."""
    folder = home / storage.INTERVIEWS
    async with aiohttp.ClientSession() as client:
        tabs = [await client.ws_connect(f"http://127.0.0.1:{port}/ws?width=100&height=30") for _ in range(count)]
        for tab in tabs:  # each tab's chat draws its first screen
            message = await asyncio.wait_for(tab.receive(), STARTUP_SECONDS)
            assert message.type in (aiohttp.WSMsgType.TEXT, aiohttp.WSMsgType.BINARY)
        deadline = time.monotonic() + STARTUP_SECONDS
        while len(list(folder.glob("*.state.json"))) < count + 1 and time.monotonic() < deadline:
            await asyncio.sleep(0.2)
        check()


@pytest.fixture
def home_with_unfinished_interview(tmp_path: Path) -> tuple[Path, Path]:
    seeded = tmp_path / storage.INTERVIEWS / "interview-20260101-090000.yaml"
    storage.autosave(SEEDED_ANSWERS, seeded, storage.SessionState())
    return tmp_path, seeded


def test_serves_the_chat_page_gives_each_tab_a_new_interview_and_leaves_nothing_behind(
    home_with_unfinished_interview: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    home, seeded = home_with_unfinished_interview
    monkeypatch.setenv("SELOSTE_HOME", str(home))  # the server's
    seeded_text = seeded.read_text(encoding="utf-8")
    port = free_port()
    server = seloste(home, "serve", "--port", str(port), "--max-sessions", "5", stdout=subprocess.PIPE,
                     stderr=subprocess.PIPE)
    tabs: list[int] = []
    try:
        status, page = wait_for_page(f"http://127.0.0.1:{port}/", server)
        assert status == 200
        assert "textual.js" in page and f"ws://127.0.0.1:{port}/ws" in page
        assert "<title>seloste</title>" in page and '<html lang="en">' in page


        def each_tab_has_its_own_chat_and_interview() -> None:
            tabs.extend(children(server.pid))
            assert len(tabs) == 2, "one chat process per browser tab"
            new_interviews = sorted(set((home / storage.INTERVIEWS).glob("*.yaml")) - {seeded})
            assert len(new_interviews) == 2, "each tab starts its own interview instead of resuming the unfinished one"
            assert [storage.load(path) for path in new_interviews] == [{}, {}]

        asyncio.run(with_tabs_open(port, 2, home, each_tab_has_its_own_chat_and_interview))
    finally:
        server.send_signal(signal.SIGINT)
        out, errors = server.communicate(timeout=STARTUP_SECONDS)

    assert server.returncode == 0, errors
    assert "Warning" not in errors  # 127.0.0.1: nothing to warn about
    started, stopping = where_to_open("127.0.0.1", port, "en", 5), stopped("en")
    assert out == f"{started}\n{stopping}\n", "only our own lines, not textual-serve's banner"
    assert f"answers are saved in {home / storage.INTERVIEWS}" in stopping  # Ctrl+C says where they are
    deadline = time.monotonic() + 10
    while any(is_running(pid) for pid in tabs) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [pid for pid in tabs if is_running(pid)]

    remaining = sorted(path.name for path in (home / storage.INTERVIEWS).iterdir())
    assert remaining == [storage.state_path(seeded).name, seeded.name], "the tabs, closed unanswered, left no interview"
    assert seeded.read_text(encoding="utf-8") == seeded_text


async def read_until_closed(tab: aiohttp.ClientWebSocketResponse) -> None:
    """As a browser does: it keeps reading, and so answers the server's closing of the connection."""
    async for _message in tab:
        pass


async def stop_with_a_tab_open(server: subprocess.Popen, port: int) -> float:
    """Seconds the server takes to stop on SIGINT (sent to it alone, as a service manager does) while a
    browser tab is still connected and reading."""
    async with aiohttp.ClientSession() as client:
        tab = await client.ws_connect(f"http://127.0.0.1:{port}/ws?width=100&height=30")
        await asyncio.wait_for(tab.receive(), STARTUP_SECONDS)
        reader = asyncio.create_task(read_until_closed(tab))
        started = time.monotonic()
        server.send_signal(signal.SIGINT)
        while server.poll() is None and time.monotonic() - started < 60:
            await asyncio.sleep(0.1)
        reader.cancel()
        return time.monotonic() - started


def test_the_server_stops_promptly_while_tabs_are_still_open(tmp_path: Path) -> None:
    port = free_port()
    server = seloste(tmp_path, "serve", "--port", str(port), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        wait_for_page(f"http://127.0.0.1:{port}/", server)
        seconds = asyncio.run(stop_with_a_tab_open(server, port))
    finally:
        if server.poll() is None:
            server.kill()
        server.wait(timeout=STARTUP_SECONDS)
    # it closes the tabs' connections itself instead of waiting for them (which took over 20 s)
    assert seconds < 8, f"the server took {seconds:.1f} s to stop"
    assert server.returncode == 0


def test_a_taken_port_is_refused_with_a_message(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        server = seloste(tmp_path, "serve", "--port", str(port), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        _out, errors = server.communicate(timeout=STARTUP_SECONDS)

    assert server.returncode == 2
    assert f"Cannot serve on 127.0.0.1 port {port}" in errors
    assert "--port" in errors
    assert "Traceback" not in errors


def test_a_port_outside_the_range_is_a_command_line_error(tmp_path: Path) -> None:
    server = seloste(tmp_path, "serve", "--port", "70000", stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _out, errors = server.communicate(timeout=STARTUP_SECONDS)

    assert server.returncode == 2
    assert "not a port number" in errors


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "::1", "127.0.0.2", "127.1", "::ffff:127.0.0.1"])
def test_no_warning_when_only_this_machine_can_connect(host: str) -> None:
    assert network_warning(host, "en") is None


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.20", "::", "workshop-laptop.local"])
def test_serving_other_machines_warns_that_anyone_on_the_network_can_open_it(host: str) -> None:
    warning = network_warning(host, "en")

    assert warning is not None and host in warning
    assert "anyone" in warning and "network" in warning


def test_the_warning_is_translated_into_finnish() -> None:
    warning = network_warning("0.0.0.0", "fi")

    assert warning is not None and "0.0.0.0" in warning
    assert warning != network_warning("0.0.0.0", "en")


# --- what the trainer is told ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("host", "address"), [("127.0.0.1", "http://127.0.0.1:8000/"), ("::1", "http://[::1]:8000/"),
                                               ("0.0.0.0", "http://localhost:8000/"), ("::", "http://localhost:8000/"),
                                               ("workshop-laptop.local", "http://workshop-laptop.local:8000/")])
def test_the_address_to_open_is_one_a_browser_can_open(host: str, address: str) -> None:
    assert browser_address(host, 8000) == address
    assert address in where_to_open(host, 8000, "en", 20)


def test_serving_every_address_says_how_other_machines_reach_it() -> None:
    assert "other machines" not in where_to_open("127.0.0.1", 8000, "en", 20)
    assert "other machines" in where_to_open("0.0.0.0", 8000, "en", 20)


# --- one tab's chat ------------------------------------------------------------------------------------------------


@pytest.fixture
def served_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(storage.HOME_VARIABLE, str(tmp_path))
    return tmp_path / storage.INTERVIEWS


def chat_that(monkeypatch: pytest.MonkeyPatch, action: object) -> list[bool]:
    """Stand in for the chat of one tab: `action(answers_file)` is what the participant does before leaving.
    Returns, as the chats run, whether each was started in trainer mode."""
    import wizard.tui

    trainer_modes: list[bool] = []

    def run_chat(answers_file: str, lang: str | None, trainer: bool = False) -> int:
        action(Path(answers_file))  # type: ignore[operator]
        trainer_modes.append(trainer)
        return 0

    monkeypatch.setattr(wizard.tui, "run_chat", run_chat)
    return trainer_modes


def test_a_tab_closed_before_the_first_answer_leaves_no_interview(
    served_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[Path] = []
    chat_that(monkeypatch, seen.append)

    assert run_served("en") == 0

    assert seen and seen[0].parent == served_home
    assert list(served_home.iterdir()) == []


def test_a_tab_with_an_answer_keeps_its_interview(served_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    chat_that(monkeypatch, lambda path: storage.autosave(SEEDED_ANSWERS, path, storage.SessionState()))

    assert run_served("en") == 0

    [kept] = served_home.glob("*.yaml")
    assert storage.load(kept) == SEEDED_ANSWERS
    assert storage.unfinished() == kept


def test_a_chat_stopped_by_ctrl_c_before_the_first_answer_leaves_no_interview(
    served_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(path: Path) -> None:
        raise KeyboardInterrupt

    chat_that(monkeypatch, interrupted)

    with pytest.raises(KeyboardInterrupt):
        run_served("en")

    assert list(served_home.iterdir()) == []


def test_every_tab_can_be_a_demonstration_with_trainer_cards(served_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from wizard.session import open_file

    opened = []
    trainer_modes = chat_that(monkeypatch, lambda path: opened.append(open_file(path, "en")))

    assert run_served("en", trainer=True, example="salon") == 0

    [session] = opened
    assert session.example == "salon" and session.interview.demonstration
    assert session.interview.current().default == "Kampaamo Kiharakulma"  # the example's name, suggested
    assert trainer_modes == [True]


def test_the_tabs_chat_command_carries_trainer_mode_and_the_example() -> None:
    command = chat_command("fi", trainer=True, example="salon")
    assert command.endswith("--lang fi --trainer --example salon --served")
    assert chat_command(None).endswith("-m wizard --served")


def test_serving_an_example_that_does_not_exist_is_refused_before_the_server_starts(tmp_path: Path) -> None:
    server = seloste(tmp_path, "serve", "--example", "bakery", stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, errors = server.communicate(timeout=STARTUP_SECONDS)
    assert server.returncode == 2 and "There is no example called bakery" in errors and out == ""


def test_the_page_speaks_the_conversation_language() -> None:
    import textual_serve

    template = (Path(textual_serve.__file__).parent / "templates" / "app_index.html").read_text(encoding="utf-8")
    page = localized_page(template, "fi")
    assert '<html lang="fi">' in page and "<title>seloste</title>" in page
    assert ">Aloita</button>" in page and ">Aloita uusi haastattelu</button>" in page and "Haastattelu on päättynyt." in page
    assert "Session ended" not in page and ">Restart<" not in page and ">Start<" not in page


def test_the_page_gives_its_terminal_the_keyboard_without_a_click() -> None:
    import textual_serve

    template = (Path(textual_serve.__file__).parent / "templates" / "app_index.html").read_text(encoding="utf-8")
    page = localized_page(template, "en")
    script = page[page.index("<script>\n(function"): page.index("</body>")]
    assert 'querySelector("#terminal textarea")' in script and ".focus(" in script  # xterm's keyboard input
    assert 'addEventListener("load"' in script and "MutationObserver" in script  # as soon as the terminal is made


# --- a trainer's laptop: only the server's own page, a few tabs, small terminals, tabs that end ---------------


def test_a_terminal_bigger_than_any_screen_is_made_one() -> None:
    from wizard.serve_web import MAX_HEIGHT, MAX_WIDTH, read_message, screen_size

    assert read_message('["resize", {"width": 30000, "height": 30000}]') == ["resize", MAX_WIDTH, MAX_HEIGHT]
    assert read_message('["resize", {"width": 120, "height": 40}]') == ["resize", 120, 40]
    assert screen_size(30000, -5) == (MAX_WIDTH, 1)
    assert (MAX_WIDTH, MAX_HEIGHT) == (500, 200)


def test_the_pages_own_messages_are_read() -> None:
    from wizard.serve_web import read_message

    assert read_message('["stdin", "é\\r"]') == ["stdin", "é\r".encode()]
    assert read_message('["ping", "1700000000000"]') == ["ping", "1700000000000"]
    assert read_message('["blur"]') == ["blur"] and read_message('["focus"]') == ["focus"]
    assert read_message('["a-later-kind", 1]') == [], "a kind a newer page may send is let pass"


@pytest.mark.parametrize(
    "text",
    ["nope", "[]", "{}", "[" * 100_000, '["resize", {"width": "x", "height": 1}]', '["resize", {"width": 1}]',
     '["stdin", 5]', '["stdin", "\\ud800"]', "5", "[5]", '["ping", {}]', '["resize", {"width": true, "height": 1}]'],
    ids=["text", "empty list", "object", "deep nesting", "width not a number", "no height", "stdin not text",
         "lone surrogate", "number", "kind not text", "ping not text", "width true"],
)
def test_anything_else_is_a_bad_message(text: str) -> None:
    from wizard.serve_web import BadMessage, read_message

    with pytest.raises(BadMessage):
        read_message(text)


LAN = frozenset({"localhost"})  # the names to trust with --host 0.0.0.0


@pytest.mark.parametrize(
    ("host_header", "local_address", "names"),
    [("127.0.0.1:8000", "127.0.0.1", LAN), ("localhost:8000", "127.0.0.1", LAN), ("[::1]:8000", "::1", LAN),
     ("192.168.1.20:8000", "192.168.1.20", LAN), ("192.168.1.20:8000", "::ffff:192.168.1.20", LAN),
     ("Workshop-Laptop.local:8000", "192.168.1.20", frozenset({"localhost", "workshop-laptop.local"}))],
)
def test_a_request_naming_this_server_is_trusted(host_header: str, local_address: str, names: frozenset[str]) -> None:
    from wizard.serve_web import trusted_host

    assert trusted_host(host_header, local_address, names, 8000) is not None


@pytest.mark.parametrize(
    ("host_header", "local_address"),
    [("evil.example:8000", "127.0.0.1"), ("evil.example:8000", "192.168.1.20"), ("192.168.1.21:8000", "192.168.1.20"),
     ("127.0.0.1:8001", "127.0.0.1"), ("127.0.0.1", "127.0.0.1"), ("0.0.0.0:8000", "127.0.0.1"),
     ("evil@127.0.0.1:8000", "127.0.0.1"), ("127.0.0.1:8000/x", "127.0.0.1"), ("127.0.0.1:port", "127.0.0.1"),
     (None, "127.0.0.1"), ("127.0.0.1:8000", None)],
    ids=["a name pointed at loopback", "a name pointed at the LAN address", "another address", "another port",
         "no port", "every address", "user part", "path", "port not a number", "no Host", "no connection"],
)
def test_a_request_naming_anything_else_is_refused(host_header: str | None, local_address: str | None) -> None:
    from wizard.serve_web import trusted_host

    assert trusted_host(host_header, local_address, LAN, 8000) is None


@pytest.mark.parametrize(
    ("origin", "same"),
    [(None, True), ("http://127.0.0.1:8000", True), ("http://127.0.0.1:8001", False), ("https://127.0.0.1:8000", False),
     ("http://evil.example", False), ("null", False), ("http://127.0.0.1:8000/page", False), ("", False)],
)
def test_a_websocket_is_opened_only_by_the_servers_own_page(origin: str | None, same: bool) -> None:
    from wizard.serve_web import same_origin

    assert same_origin(origin, ("127.0.0.1", 8000)) is same


def machine_with(monkeypatch: pytest.MonkeyPatch, available: int) -> None:
    """psutil reports `available` bytes of the machine's memory as available."""
    monkeypatch.setattr(psutil, "virtual_memory", lambda: type("Memory", (), {"available": available})())


def cgroups(tmp_path: Path, v2: dict[str, str] | None = None, v1: dict[str, str] | None = None) -> tuple[Path, Path]:
    """Folders standing in for /sys/fs/cgroup (v2) and /sys/fs/cgroup/memory (v1), with these files."""
    v2_folder, v1_folder = tmp_path / "cgroup", tmp_path / "cgroup-v1-memory"
    for folder, files in ((v2_folder, v2 or {}), (v1_folder, v1 or {})):
        folder.mkdir()
        for name, text in files.items():
            (folder / name).write_text(text)
    return v2_folder, v1_folder


def test_the_default_number_of_interviews_follows_the_available_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from wizard.serve import SESSIONS_WHEN_MEMORY_UNKNOWN, TAB_MEMORY, default_max_sessions

    no_container = cgroups(tmp_path)
    machine_with(monkeypatch, 8 * 2**30)
    assert default_max_sessions(*no_container) == 8 * 2**30 // TAB_MEMORY == 163
    machine_with(monkeypatch, 10 * 2**20)
    assert default_max_sessions(*no_container) == 1

    def unreadable() -> None:
        raise OSError("no /proc")

    monkeypatch.setattr(psutil, "virtual_memory", unreadable)
    assert default_max_sessions(*no_container) == SESSIONS_WHEN_MEMORY_UNKNOWN


MiB = 2**20


@pytest.mark.parametrize(
    ("v2", "v1", "sessions"),
    [
        # cgroup v2, 1 GiB limit, 212 MiB in use of which 12 MiB is cache the kernel can drop: 824 MiB left
        ({"memory.max": f"{1024 * MiB}\n", "memory.current": f"{212 * MiB}\n",
          "memory.stat": f"anon {200 * MiB}\ninactive_file {12 * MiB}\n"}, {}, 824 // 50),
        ({"memory.max": f"{512 * MiB}\n"}, {}, 512 // 50),  # nothing else to read: the limit
        ({"memory.max": "max\n", "memory.current": f"{212 * MiB}\n"}, {}, 8 * 1024 // 50),  # no limit
        # cgroup v1, 768 MiB limit, 100 MiB in use: 668 MiB left
        ({}, {"memory.limit_in_bytes": f"{768 * MiB}\n", "memory.usage_in_bytes": f"{100 * MiB}\n",
              "memory.stat": "cache 0\ntotal_inactive_file 0\n"}, 668 // 50),
        ({}, {"memory.limit_in_bytes": "9223372036854771712\n"}, 8 * 1024 // 50),  # v1's "no limit"
        ({"memory.max": f"{100 * MiB}\n", "memory.current": f"{200 * MiB}\n"}, {}, 1),  # over its limit: still one
        ({"memory.max": "garbage\n"}, {}, 8 * 1024 // 50),
    ],
    ids=["v2 limit less usage", "v2 limit only", "v2 max", "v1 limit less usage", "v1 no limit", "v2 over",
         "v2 garbage"],
)
def test_in_a_container_the_default_number_of_interviews_follows_its_memory_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, v2: dict[str, str], v1: dict[str, str], sessions: int
) -> None:
    """A container with a memory limit sees the machine's memory in psutil: 163 tabs where 16 fit would get
    the chats killed by the kernel in the middle of a workshop."""
    from wizard.serve import default_max_sessions

    machine_with(monkeypatch, 8 * 2**30)
    assert default_max_sessions(*cgroups(tmp_path, v2, v1)) == sessions


def test_a_container_limit_is_used_even_when_the_machines_memory_is_unknown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from wizard.serve import default_max_sessions

    def unreadable() -> None:
        raise OSError("no /proc")

    monkeypatch.setattr(psutil, "virtual_memory", unreadable)
    assert default_max_sessions(*cgroups(tmp_path, {"memory.max": f"{300 * MiB}\n"})) == 6


def test_max_sessions_must_be_a_positive_number(capsys: pytest.CaptureFixture[str]) -> None:
    from wizard.cli import run

    assert run(["serve", "--max-sessions", "0"]) == 2
    assert "not a number of interviews" in capsys.readouterr().err


def test_a_chat_terminated_before_the_first_answer_leaves_no_interview(
    served_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = signal.getsignal(signal.SIGTERM)
    chat_that(monkeypatch, lambda path: os.kill(os.getpid(), signal.SIGTERM))

    with pytest.raises(SystemExit):
        run_served("en")

    assert list(served_home.iterdir()) == []
    assert signal.getsignal(signal.SIGTERM) == before


async def test_a_chat_that_answers_nothing_is_still_ended(monkeypatch: pytest.MonkeyPatch) -> None:
    """A chat that neither quits when asked nor on SIGTERM (here: one that ignores both) is killed."""
    from textual_serve.download_manager import DownloadManager

    import wizard.serve_web
    from wizard.serve_web import Chat, chat_process

    for name in ("QUIT_SECONDS", "TERMINATE_SECONDS"):
        monkeypatch.setattr(wizard.serve_web, name, 0.3)
    stubborn = "import signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); time.sleep(60)"

    async def nowhere(data: object) -> None:
        pass

    chat = Chat(f"exec {sys.executable} -c \"{stubborn}\"", write_bytes=nowhere, write_str=nowhere, close=nowhere,
                download_manager=DownloadManager())
    await chat.start(80, 24)
    process = chat_process(chat)
    assert process is not None
    started = time.monotonic()
    await asyncio.wait_for(chat.stop(), STARTUP_SECONDS)

    assert process.returncode == -signal.SIGKILL
    assert time.monotonic() - started < 5


async def test_the_chats_process_is_reached_where_textual_serve_keeps_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """textual-serve has no public way to a tab's chat process, which seloste must be able to end: the one
    private access fails loudly, here, if a release of textual-serve moves it."""
    from textual_serve.download_manager import DownloadManager

    import wizard.serve_web
    from wizard.serve_web import Chat, chat_process

    monkeypatch.setattr(wizard.serve_web, "QUIT_SECONDS", 0.3)  # this sleeper does not read the request to quit

    async def nowhere(data: object) -> None:
        pass

    chat = Chat(f"exec {sys.executable} -c \"import time; time.sleep(60)\"", write_bytes=nowhere, write_str=nowhere,
                close=nowhere, download_manager=DownloadManager())
    assert chat_process(chat) is None, "no process before the chat starts"
    await chat.start(80, 24)
    process = chat_process(chat)
    assert isinstance(process, asyncio.subprocess.Process)
    assert psutil.Process(process.pid).ppid() == os.getpid() and process.returncode is None
    await asyncio.wait_for(chat.stop(), STARTUP_SECONDS)
    assert process.returncode is not None, "stopping the chat ended its process"


def test_a_textual_serve_that_no_longer_keeps_the_process_there_is_an_error_not_a_chat_left_running() -> None:
    from textual_serve.download_manager import DownloadManager

    from wizard.serve_web import Chat, chat_process

    async def nowhere(data: object) -> None:
        pass

    chat = Chat("true", write_bytes=nowhere, write_str=nowhere, close=nowhere, download_manager=DownloadManager())
    del chat._process  # as if textual-serve had renamed it
    with pytest.raises(RuntimeError, match="no longer keeps its process"):
        chat_process(chat)
    chat._process = "a process by another name"  # type: ignore[assignment]
    with pytest.raises(RuntimeError, match="not a process"):
        chat_process(chat)


def start_server(home: Path, *args: str) -> tuple[subprocess.Popen, int]:
    """`seloste serve` with `args` (`--lang` before `serve`) on a free loopback port, once it answers."""
    port = free_port()
    args = args if "serve" in args else ("serve", *args)
    server = seloste(home, *args, "--port", str(port), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    wait_for_page(f"http://127.0.0.1:{port}/", server)
    return server, port


def stop(server: subprocess.Popen) -> tuple[str, str]:
    server.send_signal(signal.SIGINT)
    return server.communicate(timeout=STARTUP_SECONDS)


def until(condition: Callable[[], bool], what: str, seconds: float = STARTUP_SECONDS) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"not within {seconds} s: {what}"
        time.sleep(0.1)


def status_of(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def chats(server: subprocess.Popen) -> list[psutil.Process]:
    return psutil.Process(server.pid).children()


async def refused(client: aiohttp.ClientSession, url: str, headers: dict[str, str]) -> int:
    with pytest.raises(aiohttp.WSServerHandshakeError) as refusal:
        await client.ws_connect(url, headers=headers)
    return refusal.value.status


def test_pages_of_other_sites_cannot_open_chats(tmp_path: Path) -> None:
    server, port = start_server(tmp_path)
    own = f"127.0.0.1:{port}"

    async def visit() -> None:
        async with aiohttp.ClientSession() as client:
            ws = f"http://{own}/ws?width=80&height=24"
            assert await refused(client, ws, {"Origin": "http://evil.example"}) == 403
            assert await refused(client, ws, {"Origin": "null"}) == 403
            assert await refused(client, ws, {"Origin": f"http://127.0.0.1:{port + 1}"}) == 403
            # a foreign name that resolves to this machine (DNS rebinding): its page is refused too
            rebound = {"Host": f"evil.example:{port}", "Origin": f"http://evil.example:{port}"}
            assert await refused(client, ws, rebound) == 403
            async with client.get(f"http://{own}/", headers={"Host": f"evil.example:{port}"}) as page:
                assert page.status == 403 and "evil.example" not in await page.text()
            assert chats(server) == [], "no refused connection started a chat"

            async with client.get(f"http://{own}/", headers={"Host": f"localhost:{port}"}) as page:
                assert page.status == 200 and f'"ws://localhost:{port}/ws"' in await page.text()
            own_page = {"Host": f"localhost:{port}", "Origin": f"http://localhost:{port}"}
            tab = await client.ws_connect(ws, headers=own_page)
            await asyncio.wait_for(tab.receive(), STARTUP_SECONDS)
            await tab.close()

    try:
        asyncio.run(visit())
    finally:
        out, errors = stop(server)
    assert server.returncode == 0
    # the trainer is told of each refusal once, with the option that would let a real address in
    assert errors.splitlines() == [
        "Refused a chat for a page at http://evil.example: only this server's own page may open one. If that is the "
        "address the participants open, start the server with --public-url http://evil.example",
        "Refused a chat for a page at null: only this server's own page may open one.",
        f"Refused a chat for a page at http://127.0.0.1:{port + 1}: only this server's own page may open one. If that "
        f"is the address the participants open, start the server with --public-url http://127.0.0.1:{port + 1}",
        f"Refused a request for evil.example:{port}: this server answers only at its own addresses. If the "
        "participants open it at that name, through a web server in front of this one, start it with --public-url "
        f"https://evil.example:{port}",
    ]


def test_behind_a_reverse_proxy_the_public_address_given_is_let_in_and_others_are_still_refused(
    tmp_path: Path,
) -> None:
    """A reverse proxy (nginx with `proxy_set_header Host $host`, Caddy) passes on the browser's Host and Origin:
    the page must be served for the public name, link to its websocket through it (wss: for https:), and let
    the chat start; an unknown name is still refused, and the trainer told which option lets a name in."""
    server, port = start_server(tmp_path, "serve", "--public-url", "https://kurssi.example/")
    own = f"127.0.0.1:{port}"

    async def visit() -> None:
        async with aiohttp.ClientSession() as client:
            for host in ("kurssi.example", "kurssi.example:443", "Kurssi.Example"):
                async with client.get(f"http://{own}/", headers={"Host": host}) as page:
                    text = await page.text()
                    assert page.status == 200, host
                    assert '"wss://kurssi.example/ws"' in text and "https://kurssi.example/static/js/textual.js" in text
            for host in ("kurssi.example:8443", "other.example"):
                async with client.get(f"http://{own}/", headers={"Host": host}) as page:
                    assert page.status == 403 and "--public-url" in await page.text(), host
            ws = f"http://{own}/ws?width=80&height=24"
            # the page at http:// (not the https:// given) is not this server's own
            assert await refused(client, ws, {"Host": "kurssi.example", "Origin": "http://kurssi.example"}) == 403
            assert await refused(client, ws, {"Host": "kurssi.example", "Origin": "https://evil.example"}) == 403
            assert chats(server) == [], "no refused connection started a chat"
            tab = await client.ws_connect(ws, headers={"Host": "kurssi.example", "Origin": "https://kurssi.example"})
            await asyncio.wait_for(tab.receive(), STARTUP_SECONDS)
            assert len(chats(server)) == 1
            await tab.close()

    try:
        asyncio.run(visit())
    finally:
        out, errors = stop(server)
    assert server.returncode == 0
    assert "Participants can also open https://kurssi.example/ (--public-url)" in out
    assert errors.splitlines() == [
        "Refused a request for kurssi.example:8443: this server answers only at its own addresses. If the "
        "participants open it at that name, through a web server in front of this one, start it with --public-url "
        "https://kurssi.example:8443",
        "Refused a request for other.example: this server answers only at its own addresses. If the participants "
        "open it at that name, through a web server in front of this one, start it with --public-url "
        "https://other.example",
        "Refused a chat for a page at http://kurssi.example: only this server's own page may open one. If that is "
        "the address the participants open, start the server with --public-url http://kurssi.example",
        "Refused a chat for a page at https://evil.example: only this server's own page may open one. If that is "
        "the address the participants open, start the server with --public-url https://evil.example",
    ]


@pytest.mark.parametrize(
    ("text", "url"),
    [("https://kurssi.example", "https://kurssi.example"), ("https://Kurssi.Example:443/", "https://kurssi.example"),
     ("http://kurssi.example:8080/", "http://kurssi.example:8080"),
     ("https://[2001:db8::1]:8443", "https://[2001:db8::1]:8443")],
)
def test_a_public_url_is_an_address_a_browser_opens(text: str, url: str) -> None:
    from wizard.serve import public_address

    assert public_address(text).url == url


@pytest.mark.parametrize(
    "text", ["kurssi.example", "ftp://kurssi.example", "https://", "https://user@kurssi.example",
             "https://kurssi.example?x=1", "https://kurssi.example#top", "https://kurssi.example:port",
             "https://kurssi.example/seloste"],
)
def test_anything_else_is_no_public_url(text: str, capsys: pytest.CaptureFixture[str]) -> None:
    from wizard.cli import run

    assert run(["serve", "--public-url", text]) == 2
    assert "is not a web address such as https://kurssi.example" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("host_header", "origin", "trusted"),
    [("kurssi.example", "https://kurssi.example", True), ("kurssi.example:443", "https://kurssi.example:443", True),
     ("KURSSI.example", None, True), ("kurssi.example:80", None, False), ("kurssi.example.evil", None, False),
     ("kurssi.example", "http://kurssi.example", False), ("kurssi.example", "https://kurssi.example:8443", False),
     ("kurssi.example", "https://kurssi.example/x", False), ("kurssi.example", "null", False)],
)
def test_only_the_public_address_and_its_own_page_are_trusted(
    host_header: str, origin: str | None, trusted: bool
) -> None:
    from wizard.serve import public_address
    from wizard.serve_web import public_host, public_origin

    address = public_address("https://kurssi.example")
    found = public_host(host_header, (address,))
    assert (found is not None and public_origin(origin, found)) is trusted


async def test_a_refused_name_is_told_once_written_out_and_the_log_cannot_be_flooded(
    caplog: pytest.LogCaptureFixture,
) -> None:
    from aiohttp.test_utils import make_mocked_request

    from wizard.serve_web import REFUSALS_TOLD, SelosteServer

    server = SelosteServer("true", "127.0.0.1", 8000, "en", 1)
    for host in ["evil.example", "evil.example", "x\u202eevil"] + [f"n{number}.example" for number in range(50)]:
        assert server.checked_host(make_mocked_request("GET", "/", headers={"Host": host})) is None
    lines = [record.getMessage() for record in caplog.records]
    assert len(lines) == REFUSALS_TOLD
    assert lines[0].startswith("Refused a request for evil.example:") and lines[0].endswith("https://evil.example")
    assert "\u202e" not in lines[1] and "x\\u202eevil" in lines[1]


def test_a_huge_terminal_is_clamped_and_a_closed_tab_ends_its_chat(tmp_path: Path) -> None:
    server, port = start_server(tmp_path)

    async def open_and_close() -> psutil.Process:
        async with aiohttp.ClientSession() as client:
            tab = await client.ws_connect(f"http://127.0.0.1:{port}/ws?width=30000&height=30000")
            await asyncio.wait_for(tab.receive(), STARTUP_SECONDS)
            [chat] = chats(server)
            environment = chat.environ()
            assert (environment["COLUMNS"], environment["ROWS"]) == ("500", "200")
            await tab.close()
            return chat

    try:
        chat = asyncio.run(open_and_close())
        until(lambda: not chat.is_running(), "the closed tab's chat ends")
    finally:
        stop(server)
    assert list((tmp_path / storage.INTERVIEWS).iterdir()) == []


def test_the_number_of_interviews_at_once_is_capped_and_a_full_server_says_so(tmp_path: Path) -> None:
    server, port = start_server(tmp_path, "--lang", "fi", "serve", "--max-sessions", "1")

    async def fill() -> None:
        async with aiohttp.ClientSession() as client:
            url = f"http://127.0.0.1:{port}"
            tab = await client.ws_connect(f"{url}/ws?width=80&height=24")
            await asyncio.wait_for(tab.receive(), STARTUP_SECONDS)
            async with client.get(f"{url}/") as page:
                text = await page.text()
            assert page.status == 503 and '<html lang="fi">' in text and "haastattelupaikat ovat käytössä" in text
            assert await refused(client, f"{url}/ws?width=80&height=24", {}) == 503
            assert len(chats(server)) == 1
            await tab.close()

    try:
        asyncio.run(fill())
        until(lambda: status_of(f"http://127.0.0.1:{port}/") == 200, "a place again once the tab has closed")
    finally:
        stop(server)


def test_a_browser_sending_garbage_is_closed_with_one_line_in_the_log(tmp_path: Path) -> None:
    server, port = start_server(tmp_path)

    async def send_garbage() -> list[int | None]:
        codes = []
        async with aiohttp.ClientSession() as client:
            for garbage in ("[" * 100_000, "{}"):
                tab = await client.ws_connect(f"http://127.0.0.1:{port}/ws?width=80&height=24")
                await tab.send_str(garbage)
                async for _message in tab:  # until the server closes the connection
                    pass
                codes.append(tab.close_code)
        return codes

    try:
        codes = asyncio.run(send_garbage())
        until(lambda: chats(server) == [], "the closed tabs' chats end")
    finally:
        out, errors = stop(server)
    assert codes == [aiohttp.WSCloseCode.UNSUPPORTED_DATA] * 2
    assert errors.splitlines() == ["Closed the connection of a browser at 127.0.0.1: it sent something that is not a "
                                   "message of the chat page."] * 2
    assert server.returncode == 0
