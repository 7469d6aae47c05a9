"""Reading a file the user named on the command line: at most so many bytes, and why it cannot be opened as a
kind each caller turns into its own message (an answers file and an old notice are explained differently)."""

from __future__ import annotations


class CannotOpen(Exception):
    """`kind` is "missing", "directory", "permission" or "os_error" (then `detail` is the system's words)."""

    def __init__(self, kind: str, detail: str = "") -> None:
        super().__init__(kind)
        self.kind = kind
        self.detail = detail


def read_at_most(path: str, most: int) -> tuple[bytes, int]:
    """Up to `most` bytes of `path`, and the file's size (to say how large a file that is too large is)."""
    import os

    try:
        with open(path, "rb") as handle:
            raw = handle.read(most)
            return raw, max(os.fstat(handle.fileno()).st_size, len(raw))
    except FileNotFoundError:
        raise CannotOpen("missing") from None
    except IsADirectoryError:
        raise CannotOpen("directory") from None
    except PermissionError:
        raise CannotOpen("permission") from None
    except OSError as error:
        raise CannotOpen("os_error", error.strerror or str(error)) from None
