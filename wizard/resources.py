"""Where the data folders (`questions/`, `templates/`, `locales/`) are at run time.

A wheel carries them as `wizard/_data/<name>`; an editable install or a source checkout has them at the
repository root beside `wizard/`. `SELOSTE_DATA_DIR` overrides both (tests use it). Every loader goes
through `data_dir`.
"""

from __future__ import annotations

import os
from pathlib import Path

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
