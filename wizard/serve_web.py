"""`seloste serve`'s web server: textual-serve's, with the guards a trainer's laptop needs, and the command.

- Only this server's own page reaches it. A request must name the server in its Host header: with the server's
  port, and as `localhost`, as the `--host` the trainer gave (unless that is 0.0.0.0 or ::), or as the very
  address the connection came in on (so a page fetched by some LAN address works, and a name that someone
  else's DNS points at this machine does not), or as the name of a `--public-url`, the address participants
  open through a reverse proxy (with its port, or none). A websocket whose Origin is not that same host and
  port (for a `--public-url`, its scheme, name and port) is refused, so another web page open in a browser
  cannot start chats; a client that sends no Origin is no web page. A refused name or Origin is told on
  standard error, once, with the `--public-url` that would let it in.
- At most `max_sessions` chats run at once; past that the page says so, in the conversation language.
- A tab's terminal is at most MAX_WIDTH x MAX_HEIGHT cells, however big a size it asks for.
- A tab's chat ends with its connection, whatever it is doing: asked to quit, then terminated, then killed.
- A connection that sends anything but the page's own messages is closed, with one line in the log.

Imported only when serving: it imports textual-serve and aiohttp.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import ipaddress
import json
import logging
import sys
from collections.abc import Awaitable, Callable
from typing import Any, TextIO, TypeVar, cast
from urllib.parse import urlsplit

from aiohttp import WebSocketError, WSCloseCode, WSMsgType, web
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int

from wizard.console import EXIT_OK, EXIT_UNUSABLE
from wizard.i18n import N_, _
from wizard.languages import default_language
from wizard.terminal import visible
from wizard.serve import (
    DEFAULT_PORTS,
    PAGE_TITLE,
    PublicAddress,
    public_address,
    chat_command,
    default_max_sessions,
    is_every_address,
    localized_page,
    network_warning,
    plain_address,
    port_problem,
    stopped,
    where_to_open,
)

log = logging.getLogger("seloste.serve")
T = TypeVar("T")

# Cells: more than any screen shows. The chat's memory grows with its terminal (30000 x 30000 took 4.7 GB).
MAX_WIDTH, MAX_HEIGHT = 500, 200
# Seconds a tab's chat has to end once its connection is gone: when asked (a chat still starting on a busy
# machine reads the request only once started), then on SIGTERM, then on SIGKILL.
QUIT_SECONDS, TERMINATE_SECONDS, KILL_SECONDS = 10.0, 5.0, 5.0
# Seconds that closing a connection may take, with a browser that neither reads nor answers.
CLOSE_SECONDS = 2.0
# Seconds that textual-serve's reader of an ended chat may take to pass on what the chat had written.
READER_SECONDS = 1.0

NOT_THIS_SERVER = N_(
    "This page opens only at an address of the computer that serves it: its IP address, localhost on that "
    "computer, the name the trainer gave with --host, or the address the trainer gave with --public-url."
)
# How many refused names and Origins the log tells of, so that a flood of requests cannot flood it too.
REFUSALS_TOLD = 20
FULL = N_("Every place for an interview on this server is taken. Try again in a moment, when someone has finished.")


class BadMessage(ValueError):
    """A websocket message that the chat page never sends."""


def screen_size(width: int, height: int) -> tuple[int, int]:
    """A terminal size a screen can show: at least one cell, at most MAX_WIDTH x MAX_HEIGHT."""
    return max(1, min(width, MAX_WIDTH)), max(1, min(height, MAX_HEIGHT))


def _is_count(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def read_message(text: str) -> list[Any]:
    """The page's message in `text`: ["stdin", bytes], ["resize", width, height] (clamped), ["ping", text],
    ["blur"] or ["focus"]; [] for a message of a kind that a newer page may send. BadMessage otherwise."""
    try:
        message = json.loads(text)
    except (ValueError, RecursionError):  # RecursionError: deeply nested brackets
        raise BadMessage("not JSON") from None
    match message:
        case ["stdin", str(keys)]:
            try:
                return ["stdin", keys.encode("utf-8")]
            except UnicodeEncodeError:  # a lone surrogate escaped in the JSON
                raise BadMessage("not text") from None
        case ["resize", {"width": width, "height": height}] if _is_count(width) and _is_count(height):
            return ["resize", *screen_size(width, height)]
        case ["ping", str(data)]:
            return ["ping", data]
        case ["blur"] | ["focus"]:
            return message
        case [str(kind), *_] if kind not in ("stdin", "resize", "ping", "blur", "focus"):
            return []
    raise BadMessage("not a message of the page")


def split_host(host: str, default_port: int | None = 80) -> tuple[str, int | None]:
    """The name (lower case, IPv6 without brackets) and port (`default_port` when not given) of a Host header or
    of an Origin's `host:port`. ValueError when it is not just that."""
    parts = urlsplit("//" + host)
    if not parts.hostname or parts.username is not None or parts.password is not None or parts.path:
        raise ValueError(host)
    return parts.hostname, parts.port or default_port  # .port raises ValueError for a port that is not a number


def trusted_host(
    host_header: str | None, local_address: str | None, names: frozenset[str], port: int
) -> tuple[str, int] | None:
    """The name and port of a request's Host header when it names this server (see the module's docstring;
    `names` are the names to trust besides addresses), else None."""
    if host_header is None:
        return None
    try:
        name, host_port = split_host(host_header)
    except ValueError:
        return None
    if host_port != port:
        return None
    if name in names or (local_address is not None and _same_address(name, local_address)):
        return name, port
    return None


def public_host(host_header: str | None, public: tuple[PublicAddress, ...]) -> PublicAddress | None:
    """The `--public-url` a request's Host header names: its name, with its port or none (a reverse proxy may
    pass the name alone), else None."""
    if host_header is None:
        return None
    try:
        name, host_port = split_host(host_header, default_port=None)
    except ValueError:
        return None
    for address in public:
        if name == address.name and host_port in (None, address.port):
            return address
    return None


def public_origin(origin: str | None, address: PublicAddress) -> bool:
    """Whether a websocket's Origin is the page served at the `--public-url` `address`. No Origin: no web page."""
    if origin is None:
        return True
    parts = urlsplit(origin)
    if parts.scheme not in DEFAULT_PORTS or parts.path or parts.query or parts.fragment:
        return False
    try:
        return (parts.scheme, *split_host(parts.netloc, DEFAULT_PORTS[parts.scheme])) == (
            address.scheme, address.name, address.port)
    except ValueError:
        return False


def _same_address(name: str, local_address: str) -> bool:
    try:
        return plain_address(ipaddress.ip_address(name)) == plain_address(ipaddress.ip_address(local_address))
    except ValueError:  # a name, not an address
        return False


def same_origin(origin: str | None, host: tuple[str, int]) -> bool:
    """Whether a websocket's Origin is the page this server served at `host` (name, port). No Origin: not a
    web page (browsers always send one), so no other page's doing."""
    if origin is None:
        return True
    parts = urlsplit(origin)
    if parts.scheme != "http" or parts.path or parts.query or parts.fragment:
        return False
    try:
        return split_host(parts.netloc) == host
    except ValueError:
        return False


def names_to_trust(given_host: str) -> frozenset[str]:
    """Host names a request may use: localhost, and the --host given unless it means every address."""
    names = {"localhost"}
    if not is_every_address(given_host):
        names.add(given_host.lower().strip("[]"))
    return frozenset(names)


def url_host(name: str, port: int) -> str:
    return f"[{name}]:{port}" if ":" in name else f"{name}:{port}"


class Chat(AppService):
    """One tab's chat process, which never outlives its tab."""

    async def stop(self) -> None:
        """End the chat (asked, then SIGTERM, then SIGKILL), then textual-serve's own stop: cancel the tab's
        downloads and wait for the reader of the chat's output."""
        process = chat_process(self)
        if process is not None and process.returncode is None:
            await self.send_meta({"type": "quit"})  # as when the page is closed: it ends itself, tidily
            if not await _ended(process, QUIT_SECONDS):
                _send(process.terminate)  # the chat tidies up on SIGTERM too (wizard.serve.run_served)
                if not await _ended(process, TERMINATE_SECONDS):
                    _send(process.kill)
                    await _ended(process, KILL_SECONDS)
        try:
            await asyncio.wait_for(super().stop(), READER_SECONDS)
        except TimeoutError:  # the reader was stuck writing to a browser that no longer reads; it is cancelled
            pass


_MISSING = object()


def chat_process(chat: AppService) -> asyncio.subprocess.Process | None:
    """The process of a tab's chat once started, None before: the one place seloste reaches inside textual-serve.

    textual-serve 1.1.3 gives no public way to the process it starts (`AppService.start` keeps it in the private
    `_process`), and its own `stop` only asks the chat to quit, so a chat that does not answer would outlive its
    tab. Should a release of textual-serve rename or drop `_process`, this raises at once (and
    tests/test_serve.py fails) instead of letting chats run on unnoticed."""
    process = getattr(chat, "_process", _MISSING)
    if process is _MISSING:
        raise RuntimeError("textual-serve's AppService no longer keeps its process in _process: "
                           "seloste serve cannot end the chats of closed tabs (see wizard.serve_web.chat_process)")
    if process is not None and not isinstance(process, asyncio.subprocess.Process):
        raise RuntimeError(f"textual-serve's AppService._process is a {type(process).__name__}, not a process "
                           "(see wizard.serve_web.chat_process)")
    return process


async def _ended(process: asyncio.subprocess.Process, seconds: float) -> bool:
    """Whether the process ends within `seconds`. Its wait() also waits for its output to be read to the end,
    so the return code, set when it exits, decides."""
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(process.wait(), seconds)
    return process.returncode is not None


def _send(signal: Callable[[], None]) -> None:
    with contextlib.suppress(ProcessLookupError):  # it has just ended
        signal()


Send = Callable[[T], Awaitable[Any]]


def while_open(websocket: web.WebSocketResponse, send: Send[T]) -> Send[T]:
    """`send`, dropping what comes once the connection has closed: textual-serve's reader of the chat's output
    would stop at the first failed send, and the chat, unable to write any more, would never end."""

    async def send_while_open(data: T) -> None:
        if not websocket.closed:
            with contextlib.suppress(ConnectionError):
                await send(data)

    return send_while_open


async def relay(websocket: web.WebSocketResponse, chat: Chat) -> None:
    """Pass the page's messages to the chat until the connection closes; BadMessage on anything else."""
    async for message in websocket:
        if message.type is WSMsgType.ERROR:
            if isinstance(message.data, WebSocketError):  # a broken frame; aiohttp has closed the connection
                raise BadMessage("not a websocket frame")
            return
        if message.type is not WSMsgType.TEXT:
            raise BadMessage("not text")
        match read_message(message.data):
            case ["stdin", keys]:
                await chat.send_bytes(keys)
            case ["resize", width, height]:
                await chat.set_terminal_size(width, height)
            case ["ping", data]:
                await while_open(websocket, websocket.send_json)(["pong", data])
            case ["blur"]:
                await chat.blur()
            case ["focus"]:
                await chat.focus()


class SelosteServer(Server):
    """textual-serve's server with the guards above; quiet but for problems, which it tells on standard error
    in one line each (`cmd_serve` says where to open the chat)."""

    def __init__(
        self, command: str, host: str, port: int, lang: str, max_sessions: int, public: tuple[PublicAddress, ...] = ()
    ) -> None:
        super().__init__(command, host=host, port=port, title=PAGE_TITLE)
        self.lang = lang
        self.max_sessions = max_sessions
        self.names = names_to_trust(host)
        self.public = public
        self.refusals_told: set[str] = set()
        self.open_tabs: set[asyncio.Task[Any]] = set()  # the handlers of the browser tabs' websockets

    def initialize_logging(self) -> None:
        # textual-serve's handler wraps lines and prints tracebacks with their local variables
        logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stderr, force=True)
        logging.getLogger("aiohttp.access").setLevel(logging.WARNING)  # no line per request

    async def on_startup(self, app: web.Application) -> None:
        """Instead of the banner, which shows the internal command and a bound address such as 0.0.0.0."""

    async def on_shutdown(self, app: web.Application) -> None:
        """Close every tab's connection (which stops its chat) at once: aiohttp would otherwise wait for the open
        websockets, so a stop signal sent to the server alone took many seconds."""
        for tab in list(self.open_tabs):
            tab.cancel()

    def page(self, status: int, words: str) -> web.Response:
        """A page of a few words in the conversation language."""
        text = html.escape(_(words, self.lang))
        again = html.escape(_("Try again", self.lang))
        body = (f'<!DOCTYPE html>\n<html lang="{self.lang}">\n<head><meta charset="utf-8"><title>{PAGE_TITLE}</title>'
                f'</head>\n<body>\n<p>{text}</p>\n<p><a href="/">{again}</a></p>\n</body>\n</html>\n')
        return web.Response(status=status, text=body, content_type="text/html")

    def checked_host(self, request: web.Request) -> tuple[str, int] | PublicAddress | None:
        """The name and port by which the request reached this server, or the --public-url it came through;
        None (and a line on standard error) for any other Host."""
        sockname = request.transport.get_extra_info("sockname") if request.transport else None
        host_header = request.headers.get("Host")
        host = (trusted_host(host_header, sockname[0] if sockname else None, self.names, self.port)
                or public_host(host_header, self.public))
        if host is None and host_header is not None:
            self.tell_refusal(host_header, _(
                "Refused a request for {address}: this server answers only at its own addresses.", self.lang), _(
                "If the participants open it at that name, through a web server in front of this one, start it "
                "with --public-url {url}", self.lang), "" if "/" in host_header else "https://" + host_header)
        return host

    def tell_refusal(self, refused: str, why: str, hint: str, url: str) -> None:
        """Tell the trainer why a request was refused (once for each refused name or Origin), and the
        --public-url that would let it in when `url` is an address that could be one."""
        shown = visible(refused[:200])
        if shown in self.refusals_told or len(self.refusals_told) >= REFUSALS_TOLD:
            return
        self.refusals_told.add(shown)
        try:
            hint = " " + hint.format(url=public_address(url).url)
        except ValueError:  # such as an Origin of null, or a Host that is no name
            hint = ""
        log.warning(visible(why.format(address=shown) + hint))  # the hint's name comes from the request too

    def refusal(self, request: web.Request) -> web.Response | None:
        if self.checked_host(request) is None:
            return self.page(403, NOT_THIS_SERVER)
        return None

    def from_own_page(self, request: web.Request, host: tuple[str, int] | PublicAddress) -> bool:
        """Whether a websocket comes from the page this server served at `host`, by its Origin."""
        origin = request.headers.get("Origin")
        if public_origin(origin, host) if isinstance(host, PublicAddress) else same_origin(origin, host):
            return True
        assert origin is not None
        self.tell_refusal(origin, _(
            "Refused a chat for a page at {address}: only this server's own page may open one.", self.lang), _(
            "If that is the address the participants open, start the server with --public-url {url}", self.lang),
            origin)
        return False

    def is_full(self) -> bool:
        return len(self.open_tabs) >= self.max_sessions

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        host = self.checked_host(request)
        if host is None:
            return self.page(403, NOT_THIS_SERVER)
        if self.is_full():
            return self.page(503, FULL)
        # The page links to its websocket at the address the browser used (0.0.0.0 means nothing to a browser),
        # rebuilt from the checked name, or through the --public-url it came by (wss: when that is https:).
        # textual-serve reads it before its first await, so tabs cannot mix it up.
        self.public_url = host.url if isinstance(host, PublicAddress) else f"http://{url_host(*host)}"
        page = await super().handle_index(request)
        page = cast(web.Response, page)  # the rendered template
        assert page.text is not None
        page.text = localized_page(page.text, self.lang)
        return page

    async def handle_download(self, request: web.Request) -> web.StreamResponse:
        return self.refusal(request) or await super().handle_download(request)

    async def handle_websocket(self, request: web.Request) -> web.StreamResponse:  # type: ignore[override]
        host = self.checked_host(request)
        if host is None or not self.from_own_page(request, host):
            return self.page(403, NOT_THIS_SERVER)
        if self.is_full():
            return self.page(503, FULL)
        tab = asyncio.current_task()
        assert tab is not None
        self.open_tabs.add(tab)  # before any await: two tabs at once cannot both take the last place
        try:
            return await self.run_tab(request)
        finally:
            self.open_tabs.discard(tab)

    async def run_tab(self, request: web.Request) -> web.WebSocketResponse:
        websocket = web.WebSocketResponse(heartbeat=15)
        await websocket.prepare(request)  # a request that is no websocket is answered 400 here
        chat = Chat(self.command, write_bytes=while_open(websocket, websocket.send_bytes),
                    write_str=while_open(websocket, websocket.send_str), close=websocket.close,  # type: ignore[arg-type]  # its bool is unused
                    download_manager=self.download_manager, debug=self.debug)
        close_code = WSCloseCode.OK
        try:
            width = to_int(request.query.get("width", "80"), 80)
            height = to_int(request.query.get("height", "24"), 24)
            await chat.start(*screen_size(width, height))
            await relay(websocket, chat)
        except BadMessage:
            log.warning(_("Closed the connection of a browser at {address}: it sent something that is not a "
                          "message of the chat page.", self.lang).format(address=request.remote))
            close_code = WSCloseCode.UNSUPPORTED_DATA
        except OSError as problem:  # no process could be started: out of memory or of processes
            log.error(_("Could not start a chat for a browser tab: {reason}", self.lang).format(
                reason=problem.strerror or problem))
            close_code = WSCloseCode.INTERNAL_ERROR
        except asyncio.CancelledError:  # the server is stopping
            close_code = WSCloseCode.GOING_AWAY
        finally:  # the connection first, with the reason; then the chat, which never outlives it
            with contextlib.suppress(TimeoutError):  # a browser that does not read: aiohttp drops the connection
                await asyncio.wait_for(websocket.close(code=close_code), CLOSE_SECONDS)
            await chat.stop()
        return websocket


def cmd_serve(
    host: str,
    port: int,
    lang: str | None,
    out: TextIO,
    err: TextIO,
    trainer: bool = False,
    example: str | None = None,
    max_sessions: int | None = None,
    public: tuple[PublicAddress, ...] = (),
) -> int:
    """Serve until Ctrl+C. `trainer` and `example` shape every tab's chat as `seloste --trainer --example` does;
    at most `max_sessions` chats run at once (by default as many as the available memory, or a container's memory
    limit, holds). `public` are the addresses participants open through a reverse proxy (--public-url)."""
    messages_lang = lang or default_language()
    max_sessions = max_sessions or default_max_sessions()
    problem = port_problem(host, port)
    if problem is not None:
        message = _("Cannot serve on {host} port {port}: {reason}. Choose another port with --port.", messages_lang)
        err.write(message.format(host=host, port=port, reason=problem.strerror or problem) + "\n")
        return EXIT_UNUSABLE
    warning = network_warning(host, messages_lang)
    if warning:
        err.write(warning + "\n")
    err.flush()
    out.write(where_to_open(host, port, messages_lang, max_sessions, public) + "\n")
    out.flush()
    SelosteServer(chat_command(lang, trainer, example), host, port, messages_lang, max_sessions, public).serve()
    out.write(stopped(messages_lang) + "\n")  # after Ctrl+C
    out.flush()
    return EXIT_OK
