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


def read_yaml(path: Path) -> Any:
    """One of seloste's own data files, read by libyaml where PyYAML has it (several times faster)."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(path.read_text(encoding="utf-8"), Loader=loader)  # noqa: S506 - a safe loader
