"""seloste's cache never serves a stale result: a compiled catalog is keyed on the catalog's own bytes, and a
damaged or missing cache entry is made again."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from wizard.i18n import translations

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def own_catalog(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the data folders to edit, and an empty cache; the translations are read afresh."""
    data = tmp_path / "data"
    for name in ("locales", "templates", "questions"):
        shutil.copytree(REPO / name, data / name)
    monkeypatch.setenv("SELOSTE_DATA_DIR", str(data))
    monkeypatch.setenv("SELOSTE_CACHE_DIR", str(tmp_path / "cache"))
    translations.cache_clear()
    yield data / "locales" / "fi" / "LC_MESSAGES" / "messages.po"
    translations.cache_clear()


def test_an_edited_catalog_is_shown_at_once_never_a_stale_compiled_one(own_catalog: Path, tmp_path: Path) -> None:
    assert translations("fi").gettext("error") == "virhe"
    assert list((tmp_path / "cache" / "catalogs").glob("fi-*.mo"))
    text = own_catalog.read_text(encoding="utf-8")
    own_catalog.write_text(text.replace('msgid "error"\nmsgstr "virhe"', 'msgid "error"\nmsgstr "VIRHE"'), encoding="utf-8")
    translations.cache_clear()
    assert translations("fi").gettext("error") == "VIRHE"


def test_a_damaged_cached_catalog_is_compiled_again(own_catalog: Path, tmp_path: Path) -> None:
    translations("fi")
    (compiled,) = (tmp_path / "cache" / "catalogs").glob("fi-*.mo")
    compiled.write_bytes(b"\x00not a catalog")
    translations.cache_clear()
    assert translations("fi").gettext("error") == "virhe"
    assert compiled.read_bytes().startswith(b"\xde\x12\x04\x95")  # a .mo again


def test_without_a_cache_the_catalog_is_compiled_in_memory(own_catalog: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SELOSTE_CACHE_DIR", "")
    assert translations("fi").gettext("error") == "virhe"
    assert not (tmp_path / "cache").exists()
