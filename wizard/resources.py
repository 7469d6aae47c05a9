"""Where the data folders (`questions/`, `templates/`, `locales/`) are at run time, and seloste's cache.

A wheel carries them as `wizard/_data/<name>`; an editable install or a source checkout has them at the
repository root beside `wizard/`. `SELOSTE_DATA_DIR` overrides both (tests use it). Every loader goes
through `data_dir`.

The cache keeps what is slow to make and can be made again (compiled templates and catalogs, the frame of a
Word notice), each entry keyed on everything it was made from. `SELOSTE_CACHE_DIR` moves it; an empty value
turns it off.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

_PACKAGE = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    override = os.environ.get("SELOSTE_DATA_DIR")
    if override:
        return Path(override) / name
    packaged = _PACKAGE / "_data" / name
    if packaged.is_dir():
        return packaged
    return _PACKAGE.parent / name


def package_file(*parts: str) -> Path:
    """A file that ships inside the package itself (examples, the committed schema)."""
    return _PACKAGE.joinpath(*parts)


def cache_dir(name: str) -> str | None:
    """The folder for cached `name` (it may not exist yet), or None when caching is turned off."""
    root = os.environ.get("SELOSTE_CACHE_DIR")
    if root is None:
        from platformdirs import user_cache_dir

        root = user_cache_dir("seloste")
    return os.path.join(root, name) if root else None


def store_cached(path: str, content: bytes) -> None:
    """Write a cache entry whole or not at all, so that a reader never sees half of one; a cache that cannot be
    written is skipped."""
    from wizard.atomic import write_atomically

    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        write_atomically(path, content)
    except OSError:
        pass


class _QuietBytecodeCache:
    """Jinja's file cache of compiled templates, which never fails a render: an unwritable cache is skipped."""

    def __new__(cls, folder: str) -> Any:
        from jinja2 import FileSystemBytecodeCache

        class Quiet(FileSystemBytecodeCache):
            def dump_bytecode(self, bucket: Any) -> None:
                try:
                    os.makedirs(self.directory, exist_ok=True)
                    super().dump_bytecode(bucket)
                except OSError:
                    pass

            def load_bytecode(self, bucket: Any) -> None:
                try:
                    super().load_bytecode(bucket)
                except (OSError, ValueError, EOFError):
                    bucket.reset()

        return Quiet(folder)


def bytecode_cache(configured_in: str) -> Any:
    """Compiled templates (the clauses, the HTML page) are kept between runs: a cold render would otherwise
    spend much of its time compiling them. `configured_in` is the module that sets up their Jinja environment.

    In `templates/<hash>/` of seloste's cache, the hash being the SHA-256 of that module's source: what Jinja
    compiles depends on the environment's options as well as on the template, and Jinja checks only each
    template's checksum (and its own version), so a change to either compiles the template afresh.
    """
    import hashlib

    folder = cache_dir("templates")
    if not folder:
        return None
    with open(configured_in, "rb") as source:
        options = hashlib.sha256(source.read()).hexdigest()[:16]
    return _QuietBytecodeCache(os.path.join(folder, options))


def read_yaml(path: Path) -> Any:
    """One of seloste's own data files, read by libyaml where PyYAML has it (several times faster)."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(path.read_text(encoding="utf-8"), Loader=loader)  # noqa: S506 - a safe loader
