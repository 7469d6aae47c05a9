"""Writing a file so that a reader never sees half of it: autosaved answers, exported and rendered notices."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def write_atomically(path: Path, content: bytes, *, overwrite: bool = True, private: bool = False) -> Path:
    """Write `content` through a temporary file in the same folder, flushed to disk, then put in place in one
    step: a crash or Ctrl+C leaves the previous version whole. The written file's full path is returned.

    Without `overwrite`, an existing file is never replaced, even one that appears while we write
    (FileExistsError). `private` files (answers hold names, e-mail addresses and phone numbers) are readable by
    the user only.
    """
    path = Path(path).expanduser()
    folder = path.parent if str(path.parent) else Path(".")
    if not overwrite and path.exists():
        raise FileExistsError(path)
    descriptor, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(content)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o600 if private else 0o644)
        if overwrite:
            os.replace(temporary, path)
        else:
            os.link(temporary, path)  # fails if the file appeared meanwhile: never clobber
            os.unlink(temporary)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
    _sync_folder(folder)
    return path.resolve()


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (not possible on every system, and harmless to skip there)."""
    with contextlib.suppress(OSError, AttributeError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
