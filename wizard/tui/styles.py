"""The chat's styles, parsed once and kept in seloste's cache.

Textual parses its CSS (the chat's `app.tcss` and each widget's own) anew in every process, which took about a
tenth of the time before the chat's first question is shown. The parsed rules are kept in `styles/` of seloste's
cache (see `wizard.resources`), in a file named after the Textual installed and the Python that wrote it; each rule
set in it under the CSS text it was parsed from, where that text came from and the values of the theme's variables, so
an edited style sheet, another theme or another Textual is parsed afresh, never read stale. A missing, damaged or
unwritable cache is only parsed again.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from typing import Any

from textual.css.stylesheet import Stylesheet

_LAYOUT = "1"  # raise when what is kept here changes


def _cache_file() -> str | None:
    from wizard.resources import cache_dir

    folder = cache_dir("styles")
    textual = _installed_textual()
    if folder is None or textual is None:
        return None
    name = f"{textual}-{sys.implementation.cache_tag}-{pickle.HIGHEST_PROTOCOL}-{_LAYOUT}"
    return os.path.join(folder, hashlib.md5(name.encode(), usedforsecurity=False).hexdigest() + ".pickle")


def _installed_textual() -> str | None:
    """The Textual installed, told apart by where it is and when its parser's files were written (an upgrade
    writes them anew), so that each installation keeps its own file and an upgrade starts a new one. Its version
    number is not asked for: `textual.__version__` loads Python's package metadata, which took some 12 ms of a
    start-up of about 200."""
    import textual.css.stylesheet

    stamps = []
    for module in (textual, textual.css.stylesheet):
        try:
            found = os.stat(module.__file__ or "")
        except OSError:
            return None
        stamps.append(f"{module.__file__}:{found.st_size}:{found.st_mtime_ns}")
    return "|".join(stamps)


class KeptStylesheet(Stylesheet):
    """A style sheet whose parsed rules come from the cache when they were parsed in an earlier run."""

    def __init__(self, *, variables: dict[str, str] | None = None) -> None:
        super().__init__(variables=variables)
        self._kept_file = _cache_file()
        self._kept: dict[tuple[Any, ...], Any] = {}
        self._used: dict[tuple[Any, ...], Any] = {}  # what this run parsed or read: what is written back
        self._kept_changed = False
        if self._kept_file is not None:
            try:
                with open(self._kept_file, "rb") as handle:
                    kept = pickle.load(handle)
                if isinstance(kept, dict):
                    self._kept = kept
            except Exception:  # noqa: BLE001 - not there yet, or damaged: parsed again and written anew
                self._kept = {}

    def _parse_rules(
        self, css: str, read_from: Any, is_default_rules: bool = False, tie_breaker: int = 0, scope: str = ""
    ) -> list[Any]:
        key = (css, read_from, is_default_rules, tie_breaker, scope)
        if key in self._parse_cache:
            return self._parse_cache[key]
        kept_key = (*key, tuple(sorted(self._variables.items())))
        rules = self._kept.get(kept_key)
        if rules is None:
            rules = super()._parse_rules(css, read_from, is_default_rules, tie_breaker, scope)
            self._kept_changed = True
        else:
            self._parse_cache[key] = rules
        self._used[kept_key] = rules
        return rules

    def keep(self) -> None:
        """Write the rules this run used to the cache, with those kept from earlier runs, if any were parsed (the
        rules of a style sheet as it was before it was edited are left out, so the file does not grow)."""
        if self._kept_file is None or not self._kept_changed:
            return
        from wizard.resources import store_cached

        try:
            used = {(key[1], key[5]) for key in self._used}  # where the CSS came from, the theme
            kept = {key: rules for key, rules in self._kept.items() if (key[1], key[5]) not in used}
            content = pickle.dumps({**kept, **self._used}, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception:  # noqa: BLE001 - a rule Python cannot keep: parsed again next time
            return
        store_cached(self._kept_file, content)
        self._kept_changed = False
