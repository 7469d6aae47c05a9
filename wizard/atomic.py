"""Writing a file so that a reader never sees half of it: autosaved answers, exported and rendered notices.

Only a regular file is ever written: a device, a named pipe or a socket at the target is refused, since
putting a file in its place would break whatever uses it; a folder, or a name that ends in `/`, is refused
too. A write killed halfway leaves its hidden temporary file (`.NAME.xxxxxxxx.tmp`) beside the target; the
next write of the same target removes such leftovers once they are old and no live write holds them.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import tempfile
import time
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: no advisory locks, so a leftover's age alone says it is stale
    fcntl = None  # type: ignore[assignment]

# A temporary file younger than this may belong to a write under way elsewhere (a write takes milliseconds).
STALE_AFTER_SECONDS = 60


class NotRegularFile(OSError):
    """The target is a device, a named pipe or a socket."""

    def __init__(self, path: str) -> None:
        super().__init__(errno.EINVAL, "not a regular file", path)


def write_atomically(path: str | os.PathLike[str], content: bytes, *, overwrite: bool = True, private: bool = False) -> Path:
    """Write `content` through a temporary file in the same folder, flushed to disk, then put in place in one
    step: a crash or Ctrl+C leaves the previous version whole. The written file's full path is returned. A
    symbolic link stays a link: the file it points to is written.

    Without `overwrite`, an existing file is never replaced, even one that appears while we write
    (FileExistsError). `private` files (answers hold names, e-mail addresses and phone numbers) are readable by
    the user only. What is not a regular file raises NotRegularFile, a folder IsADirectoryError.
    """
    path = regular_file_target(path)
    folder = path.parent
    if not overwrite and path.exists():
        raise FileExistsError(path)
    remove_stale_temporaries(folder, path.name)
    descriptor, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    try:
        _hold(descriptor)
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
    return path


def regular_file_target(path: str | os.PathLike[str]) -> Path:
    """The full path of the file to write for `path`, or an error when what is there is not a regular file."""
    written = os.fspath(path)
    if written.endswith(os.sep) or (os.altsep and written.endswith(os.altsep)):  # Path("new/") would drop the /
        raise IsADirectoryError(errno.EISDIR, "a folder name", written)
    target = Path(os.path.realpath(Path(written).expanduser()))
    try:
        mode = os.stat(target).st_mode
    except FileNotFoundError:
        return target
    if stat.S_ISDIR(mode):
        raise IsADirectoryError(errno.EISDIR, "a folder", written)
    if not stat.S_ISREG(mode):
        raise NotRegularFile(written)
    return target


def remove_stale_temporaries(folder: Path, name: str) -> None:
    """Remove what writes of `name` killed halfway left in `folder`: our own pattern only, old, held by no one."""
    ours = re.compile(rf"\.{re.escape(name)}\.[a-z0-9_]{{8}}\.tmp")  # tempfile's eight random characters
    now = time.time()
    with contextlib.suppress(OSError), os.scandir(folder) as entries:
        for entry in entries:
            if not ours.fullmatch(entry.name):
                continue
            with contextlib.suppress(OSError):  # gone meanwhile, or not ours to remove
                leftover = entry.stat(follow_symlinks=False)
                if stat.S_ISREG(leftover.st_mode) and now - leftover.st_mtime >= STALE_AFTER_SECONDS and not _held(entry.path):
                    os.unlink(entry.path)


def _hold(descriptor: int) -> None:
    """Lock our temporary file while it is written, so another write's clean-up leaves it alone."""
    if fcntl is not None:
        with contextlib.suppress(OSError):  # some file systems have no locks; the age check still protects it
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)


def _held(path: str) -> bool:
    """True when a live process holds the lock of the temporary file at `path`."""
    if fcntl is None:
        return False
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return True
    finally:
        os.close(descriptor)  # which also lets go of the lock we took
    return False


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (not possible on every system, and harmless to skip there)."""
    with contextlib.suppress(OSError, AttributeError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
