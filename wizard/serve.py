"""`seloste serve`: the chat in a web browser, through textual-serve, for workshops.

The server starts one chat process per browser tab (`seloste --served`). Each of those begins a new
interview in its own file, so tabs never share, or offer to resume, one another's answers; a tab closed before
its first answer leaves no file. The web server, textual-serve's with guards, and the command that starts it
are in `wizard.serve_web`, imported only when serving; this module is also what each tab's chat imports.
"""

from __future__ import annotations

import html
import ipaddress
import os
import shlex
import signal
import socket
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from wizard.i18n import N_, _
from wizard.languages import default_language

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


Address = ipaddress.IPv4Address | ipaddress.IPv6Address


def plain_address(address: Address) -> Address:
    """An IPv4 address written as IPv6 (::ffff:127.0.0.1) as the IPv4 address it is."""
    return getattr(address, "ipv4_mapped", None) or address


def listening_addresses(host: str) -> list[Address]:
    """The addresses the web server listens on for `host` (a name, or an address in any form the system
    accepts, such as 127.1); [] when it does not resolve."""
    try:
        infos = socket.getaddrinfo(host, None, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except (OSError, UnicodeError):
        return []
    return [plain_address(ipaddress.ip_address(info[4][0])) for info in infos]


def is_loopback(host: str) -> bool:
    """Whether only this machine can connect: every address `host` stands for is a loopback address."""
    addresses = listening_addresses(host)
    return bool(addresses) and all(address.is_loopback for address in addresses)


DEFAULT_PORTS = {"http": 80, "https": 443}


@dataclass(frozen=True)
class PublicAddress:
    """The address participants open when a reverse proxy stands in front of the server (`--public-url`): its
    name and port are trusted in a request's Host header, its origin in a websocket's Origin, and the page
    links to its websocket and files through it."""

    scheme: str  # http or https
    name: str  # lower case; an IPv6 address without brackets
    port: int

    @property
    def url(self) -> str:
        """The address, without a final slash, its port left out when it is the scheme's own."""
        name = f"[{self.name}]" if ":" in self.name else self.name
        port = "" if DEFAULT_PORTS[self.scheme] == self.port else f":{self.port}"
        return f"{self.scheme}://{name}{port}"


def public_address(text: str) -> PublicAddress:
    """`--public-url`'s value: http:// or https://, a name or address, maybe a port, nothing else. No path: the
    page's exports download from the root of its address, whatever path it was opened at. ValueError otherwise."""
    parts = urlsplit(text.strip())
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS or not parts.hostname or parts.username is not None or parts.password is not None:
        raise ValueError(text)
    if parts.path not in ("", "/") or parts.query or parts.fragment or text.strip().endswith(("?", "#")):
        raise ValueError(text)
    port = parts.port or DEFAULT_PORTS[scheme]  # .port raises ValueError for a port that is not a number
    return PublicAddress(scheme, parts.hostname.lower(), port)


def network_warning(host: str, lang: str) -> str | None:
    """What to tell the trainer when the interviews are reachable from other machines; None on loopback."""
    if is_loopback(host):
        return None
    return _(
        "Warning: serving on {host}: anyone who can reach this machine on that network can open the interview "
        "and see what is typed in it. Use this only on a network you trust, and stop the server with Ctrl+C "
        "after the workshop.",
        lang,
    ).format(host=host)


def is_every_address(host: str) -> bool:
    """0.0.0.0 or ::, which listen on all of the machine's addresses and are no address to open."""
    return any(address.is_unspecified for address in listening_addresses(host))


def browser_address(host: str, port: int) -> str:
    """The address to open in a browser on this machine."""
    shown = "localhost" if is_every_address(host) else host
    return f"http://[{shown}]:{port}/" if ":" in shown else f"http://{shown}:{port}/"


def where_to_open(
    host: str, port: int, lang: str, max_sessions: int, public: tuple[PublicAddress, ...] = ()
) -> str:
    """What the trainer is told once the server starts (instead of textual-serve's own English banner)."""
    lines = [
        _("Open {address} in a web browser. Each browser tab is a new interview; stop the server with Ctrl+C.",
          lang).format(address=browser_address(host, port)),
    ]
    lines += [
        _("Participants can also open {address} (--public-url), through the web server in front of this one.",
          lang).format(address=address.url + "/")
        for address in public
    ]
    lines += [
        _("At most {count} interviews at once (--max-sessions); a tab past that is asked to try again later.",
          lang).format(count=max_sessions),
    ]
    if is_every_address(host):
        lines.append(_("On the other machines, use this machine's network address in place of localhost.", lang))
    lines.append(where_saved(lang))
    return "\n".join(lines)


def where_saved(lang: str) -> str:
    """Where every tab's answers are kept: told when the server starts and again when it stops."""
    from wizard import storage

    return _("The participants' answers are saved in {folder}, one file per interview, named after the business.",
             lang).format(folder=storage.interviews_dir())


def stopped(lang: str) -> str:
    """What the trainer is told when the server stops (Ctrl+C)."""
    return _("The server has stopped.", lang) + " " + where_saved(lang)


def port_problem(host: str, port: int) -> OSError | None:
    """Why the server could not listen on host:port (taken, not allowed, no such address), or None."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except OSError as problem:
        return problem
    family, kind, proto, _canonical, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        # the same option the web server sets, so a port a recent server left in TIME_WAIT counts as free
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as problem:
            return problem
    return None


TAB_MEMORY = 50 * 2**20  # bytes: one tab's chat (benchmarks/serve_sessions.py measures it)
SESSIONS_WHEN_MEMORY_UNKNOWN = 20
# Where a container's memory limit is read: cgroup v2's folder, and cgroup v1's memory controller.
CGROUP_V2 = Path("/sys/fs/cgroup")
CGROUP_V1_MEMORY = Path("/sys/fs/cgroup/memory")


def default_max_sessions(cgroup_v2: Path = CGROUP_V2, cgroup_v1_memory: Path = CGROUP_V1_MEMORY) -> int:
    """As many tabs as the memory available now holds, at least one: the machine's available memory, or what
    the container's memory limit leaves, whichever is less (in a container, the machine's memory is not ours)."""
    available = [memory for memory in (machine_available_memory(), container_available_memory(
        cgroup_v2, cgroup_v1_memory)) if memory is not None]
    if not available:
        return SESSIONS_WHEN_MEMORY_UNKNOWN
    return max(1, min(available) // TAB_MEMORY)


def machine_available_memory() -> int | None:
    """Bytes the machine can give without swapping, or None when psutil cannot tell."""
    try:
        import psutil

        return int(psutil.virtual_memory().available)
    except (ImportError, NotImplementedError, OSError, RuntimeError):  # a system psutil cannot read
        return None


def container_available_memory(cgroup_v2: Path, cgroup_v1_memory: Path) -> int | None:
    """Bytes the cgroup's memory limit still leaves: the limit less what the container uses now, not counting
    file cache the kernel can drop (as `docker stats` counts). None when there is no limit ("max" in v2, a
    huge number in v1, which the machine's memory then undercuts) or nothing to read."""
    for limit_file, usage_file, cache_key in (
        (cgroup_v2 / "memory.max", cgroup_v2 / "memory.current", "inactive_file"),
        (cgroup_v1_memory / "memory.limit_in_bytes", cgroup_v1_memory / "memory.usage_in_bytes", "total_inactive_file"),
    ):
        limit = _read_count(limit_file)
        if limit is None:
            continue
        used = _read_count(usage_file) or 0
        cache = _read_stat(limit_file.parent / "memory.stat", cache_key) or 0
        return max(0, limit - max(0, used - cache))
    return None


def _read_count(path: Path) -> int | None:
    """The number of bytes in a cgroup file; None for "max", a missing file or anything else."""
    try:
        text = path.read_text(encoding="ascii").strip()
    except (OSError, UnicodeError):
        return None
    return int(text) if text.isdigit() else None


def _read_stat(path: Path, key: str) -> int | None:
    """One value of a cgroup memory.stat file ("key value" lines)."""
    try:
        lines = path.read_text(encoding="ascii").splitlines()
    except (OSError, UnicodeError):
        return None
    for line in lines:
        name, _space, value = line.partition(" ")
        if name == key and value.strip().isdigit():
            return int(value)
    return None


def chat_command(lang: str | None, trainer: bool = False, example: str | None = None) -> str:
    """The shell command textual-serve runs for each browser tab; `exec` so no shell stays between."""
    command = [sys.executable, "-m", "wizard"] + (["--lang", lang] if lang else [])
    command += (["--trainer"] if trainer else []) + (["--example", example] if example else [])
    return "exec " + shlex.join(command + ["--served"])


PAGE_TITLE = "seloste"
# The words of textual-serve's own page (its start button, and what a tab shows when its chat has ended), as
# they stand in its template, with ours in their place.
PAGE_WORDS = {
    ">Start</button>": N_("Start"),
    ">Session ended.</div>": N_("The interview has ended."),
    ">Restart</button>": N_("Start a new interview"),
}


# The page's terminal takes the keyboard as soon as it is there: without a click, keys would go nowhere.
PAGE_SCRIPT = """<script>
(function () {
  function terminalInput() { return document.querySelector("#terminal textarea"); }
  function focusTerminal() {
    var input = terminalInput();
    if (input && document.activeElement !== input) { input.focus({preventScroll: true}); }
    return Boolean(input);
  }
  var watcher = new MutationObserver(function () { if (focusTerminal()) { watcher.disconnect(); } });
  watcher.observe(document.documentElement, {childList: true, subtree: true});
  window.addEventListener("load", focusTerminal);
  window.addEventListener("focus", focusTerminal);
  document.addEventListener("keydown", focusTerminal, true);
})();
</script>
"""


def localized_page(page: str, lang: str) -> str:
    """textual-serve's page with a title, its language, its few words in the conversation language, and the
    keyboard in its terminal from the start."""
    page = page.replace("<html>", f'<html lang="{lang}">', 1)
    page = page.replace("</body>", PAGE_SCRIPT + "</body>", 1)
    # the page has no <title>: the browser tab would show the address
    page = page.replace("<head>", f"<head>\n    <title>{PAGE_TITLE}</title>", 1)
    for original, words in PAGE_WORDS.items():
        closing = original[original.index("</"):]
        page = page.replace(original, f">{html.escape(_(words, lang))}{closing}")
    return page


def run_served(lang: str | None, trainer: bool = False, example: str | None = None) -> int:
    """One browser tab's chat: always a new interview, in a file of its own (a demonstration of `example`,
    which its state file names, when one is given)."""
    from wizard import storage
    from wizard.tui import run_chat

    path = claim_new_path()
    # The server terminates a chat that does not end when its tab closes: it still tidies up on the way out.
    previous = signal.signal(signal.SIGTERM, _exit_on_terminate)
    try:
        state = storage.SessionState(conversation_lang=lang or default_language(), example=example)
        storage.autosave({}, path, state)
        return run_chat(str(path), lang, trainer=trainer)
    finally:  # a tab closed before the first answer leaves nothing behind
        storage.discard_if_unanswered(path)
        signal.signal(signal.SIGTERM, previous)


def _exit_on_terminate(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)


def claim_new_path() -> Path:
    """A fresh interview file, created exclusively: tabs opened in the same second get different files."""
    from wizard import storage

    while True:
        path = storage.new_path()
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        try:
            os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
        except FileExistsError:
            continue
        return path
