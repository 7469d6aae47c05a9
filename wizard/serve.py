"""`seloste serve`: the chat in a web browser, through textual-serve, for workshops.

The server starts one chat process per browser tab (`seloste --served`). Each of those begins a new
interview in its own file, so tabs never share, or offer to resume, one another's answers. textual-serve is
imported only when serving.
"""

from __future__ import annotations

import ipaddress
import os
import shlex
import socket
import sys
from pathlib import Path
from typing import TextIO

from wizard.i18n import default_language, translations

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
EXIT_OK, EXIT_UNUSABLE = 0, 2


def _(message: str, lang: str) -> str:
    return translations(lang).gettext(message)


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


def chat_command(lang: str | None) -> str:
    """The shell command textual-serve runs for each browser tab; `exec` so no shell stays between."""
    command = [sys.executable, "-m", "wizard"] + (["--lang", lang] if lang else []) + ["--served"]
    return "exec " + shlex.join(command)


def cmd_serve(host: str, port: int, lang: str | None, out: TextIO, err: TextIO) -> int:
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
    _server(chat_command(lang), host, port).serve()
    return EXIT_OK


def _server(command: str, host: str, port: int):  # -> textual_serve.server.Server
    from textual_serve.server import Server

    class BrowserAddressServer(Server):
        """Links the page to its websocket at the address the browser used, not the one bound to
        (0.0.0.0 means nothing to a participant's browser)."""

        async def handle_index(self, request):  # type: ignore[no-untyped-def]
            self.public_url = f"{request.scheme}://{request.host}"
            return await super().handle_index(request)

    return BrowserAddressServer(command, host=host, port=port, title="seloste")


def run_served(lang: str | None) -> int:
    """One browser tab's chat: always a new interview, in a file of its own."""
    from wizard import storage
    from wizard.tui import run_chat

    path = claim_new_path()
    storage.autosave({}, path, storage.SessionState(conversation_lang=lang or default_language()))
    return run_chat(str(path), lang)


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
