"""The one sanitiser for what reaches a terminal: a value, a key or a file name shown to the user, every line
the command line prints (through `TerminalOutput`), and JSON for other programs.
"""

from __future__ import annotations

import re

TYPE_CHECKING = False  # not typing's: `seloste --help` imports this module (see wizard.cli)
if TYPE_CHECKING:
    from typing import Any, TextIO

# What a terminal acts on, or what changes how the text around it reads: control characters (C0, DEL, C1;
# every escape sequence starts with one), line and paragraph separators, the bidirectional controls, and lone
# surrogates (the bytes of a file name that are not UTF-8, as Python reads them).
_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff]")
_UNSAFE_IN_LINES = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff]")


def _written_out(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # a byte of a file name that is not UTF-8
        return f"\\x{code - 0xDC00:02x}"
    return match.group().encode("unicode_escape").decode("ascii")


def visible(value: Any, *, lines: bool = False) -> Any:
    """Text to show the user (a wrong value, an unknown key, a file name): control characters, escapes and bidi
    controls are written out as `\\x1b` or `\\u202e` codes, so a terminal does not run them and the user sees
    what is there. With `lines`, newlines and tabs are kept as the layout of a whole message."""
    if not isinstance(value, str):
        return value
    return (_UNSAFE_IN_LINES if lines else _UNSAFE).sub(_written_out, value)


def json_text(data: Any) -> str:
    """`data` as indented JSON for other programs: the same characters escaped as `\\u202e`, so the text a
    program reads back is exactly the original and a terminal showing it runs nothing."""
    import json

    text = json.dumps(data, ensure_ascii=False, indent=2)  # its own newlines are layout; a string's are \\n
    return _UNSAFE_IN_LINES.sub(lambda match: f"\\u{ord(match.group()):04x}", text) + "\n"


class TerminalOutput:
    """A text stream whose every write goes through `visible`: the command line wraps standard output and
    error in it once, so nothing any command prints can carry a control character."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        return self.stream.write(visible(text, lines=True))

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:  # flush, isatty, buffer (a notice's bytes), encoding ...
        return getattr(self.stream, name)


def terminal_stream(stream: TextIO) -> TextIO:
    """`stream` behind a TerminalOutput, which stands in for the text stream it wraps."""
    return TerminalOutput(stream)  # type: ignore[return-value]  # a TextIO by what it forwards (__getattr__)
