"""`seloste serve`: the chat in a web browser, through textual-serve, for workshops.

The server starts one chat process per browser tab (`seloste --served`). Each of those begins a new
interview in its own file, so tabs never share, or offer to resume, one another's answers; a tab closed before
its first answer leaves no file. textual-serve is imported only when serving.
"""

from __future__ import annotations

import html
import ipaddress
import os
import shlex
import socket
import sys
from pathlib import Path
from typing import TextIO

from wizard.console import EXIT_OK, EXIT_UNUSABLE
from wizard.i18n import N_, _, default_language

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:  # a host name: it may well be reachable from elsewhere
        return False


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
    try:
        return ipaddress.ip_address(host).is_unspecified
    except ValueError:
        return False


def browser_address(host: str, port: int) -> str:
    """The address to open in a browser on this machine."""
    shown = "localhost" if is_every_address(host) else host
    return f"http://[{shown}]:{port}/" if ":" in shown else f"http://{shown}:{port}/"


def where_to_open(host: str, port: int, lang: str) -> str:
    """What the trainer is told once the server starts (instead of textual-serve's own English banner)."""
    lines = [
        _("Open {address} in a web browser. Each browser tab is a new interview; stop the server with Ctrl+C.",
          lang).format(address=browser_address(host, port))
    ]
    if is_every_address(host):
        lines.append(_("On the other machines, use this machine's network address in place of localhost.", lang))
    return "\n".join(lines)


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


def chat_command(lang: str | None, trainer: bool = False, example: str | None = None) -> str:
    """The shell command textual-serve runs for each browser tab; `exec` so no shell stays between."""
    command = [sys.executable, "-m", "wizard"] + (["--lang", lang] if lang else [])
    command += (["--trainer"] if trainer else []) + (["--example", example] if example else [])
    return "exec " + shlex.join(command + ["--served"])


def cmd_serve(
    host: str, port: int, lang: str | None, out: TextIO, err: TextIO, trainer: bool = False, example: str | None = None
) -> int:
    """Serve until Ctrl+C. `trainer` and `example` shape every tab's chat as `seloste --trainer --example` does."""
    messages_lang = lang or default_language()
    problem = port_problem(host, port)
    if problem is not None:
        message = _("Cannot serve on {host} port {port}: {reason}. Choose another port with --port.", messages_lang)
        err.write(message.format(host=host, port=port, reason=problem.strerror or problem) + "\n")
        return EXIT_UNUSABLE
    warning = network_warning(host, messages_lang)
    if warning:
        err.write(warning + "\n")
    err.flush()
    out.write(where_to_open(host, port, messages_lang) + "\n")
    out.flush()
    _server(chat_command(lang, trainer, example), host, port, messages_lang).serve()
    return EXIT_OK


PAGE_TITLE = "seloste"
# The words of textual-serve's own page (its start button, and what a tab shows when its chat has ended), as
# they stand in its template, with ours in their place.
PAGE_WORDS = {
    ">Start</button>": N_("Start"),
    ">Session ended.</div>": N_("The interview has ended."),
    ">Restart</button>": N_("Start a new interview"),
}


def localized_page(page: str, lang: str) -> str:
    """textual-serve's page with a title, its language, and its few words in the conversation language."""
    page = page.replace("<html>", f'<html lang="{lang}">', 1)
    # the page has no <title>: the browser tab would show the address
    page = page.replace("<head>", f"<head>\n    <title>{PAGE_TITLE}</title>", 1)
    for original, words in PAGE_WORDS.items():
        closing = original[original.index("</"):]
        page = page.replace(original, f">{html.escape(_(words, lang))}{closing}")
    return page


def _server(command: str, host: str, port: int, lang: str):  # -> textual_serve.server.Server
    import asyncio
    import logging

    from textual_serve.server import Server

    open_tabs: set[asyncio.Task] = set()  # the handlers of the browser tabs' websockets

    class SelosteServer(Server):
        """textual-serve's server, quiet but for problems (`cmd_serve` says where to open the chat), and
        linking the page to its websocket at the address the browser used, not the one bound to (0.0.0.0
        means nothing to a participant's browser)."""

        def initialize_logging(self) -> None:
            super().initialize_logging()
            logging.getLogger("aiohttp.access").setLevel(logging.WARNING)  # no line per request

        async def on_startup(self, app):  # type: ignore[no-untyped-def]
            """Instead of the banner, which shows the internal command and a bound address such as 0.0.0.0."""

        async def handle_websocket(self, request):  # type: ignore[no-untyped-def]
            tab = asyncio.current_task()
            open_tabs.add(tab)
            try:
                return await super().handle_websocket(request)
            finally:
                open_tabs.discard(tab)

        async def on_shutdown(self, app):  # type: ignore[no-untyped-def]
            """Close every tab's connection (which stops its chat) at once: aiohttp would otherwise wait for
            the open websockets, so a stop signal sent to the server alone took many seconds."""
            for tab in list(open_tabs):
                tab.cancel()

        async def handle_index(self, request):  # type: ignore[no-untyped-def]
            self.public_url = f"{request.scheme}://{request.host}"
            page = await super().handle_index(request)
            page.text = localized_page(page.text, lang)
            return page

    return SelosteServer(command, host=host, port=port, title=PAGE_TITLE)


def run_served(lang: str | None, trainer: bool = False, example: str | None = None) -> int:
    """One browser tab's chat: always a new interview, in a file of its own (a demonstration of `example`,
    which its state file names, when one is given)."""
    from wizard import storage
    from wizard.tui import run_chat

    path = claim_new_path()
    try:
        state = storage.SessionState(conversation_lang=lang or default_language(), example=example)
        storage.autosave({}, path, state)
        return run_chat(str(path), lang, trainer=trainer)
    finally:  # a tab closed before the first answer leaves nothing behind
        storage.discard_if_unanswered(path)


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
