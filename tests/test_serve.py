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
from wizard.serve import browser_address, chat_command, localized_page, network_warning, run_served, where_to_open

pytest.importorskip("textual_serve")
aiohttp = pytest.importorskip("aiohttp")

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
    home_with_unfinished_interview: tuple[Path, Path],
) -> None:
    home, seeded = home_with_unfinished_interview
    seeded_text = seeded.read_text(encoding="utf-8")
    port = free_port()
    server = seloste(home, "serve", "--port", str(port), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
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
    assert out.splitlines() == [where_to_open("127.0.0.1", port, "en")], "only our own line, not textual-serve's banner"
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


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "::1", "127.0.0.2"])
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
    assert address in where_to_open(host, 8000, "en")


def test_serving_every_address_says_how_other_machines_reach_it() -> None:
    assert "other machines" not in where_to_open("127.0.0.1", 8000, "en")
    assert "other machines" in where_to_open("0.0.0.0", 8000, "en")


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
