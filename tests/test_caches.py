"""seloste's cache never serves a stale result: a compiled catalog is keyed on the catalog's own bytes, the frame
of a Word notice on everything it is made from, and a damaged or missing cache entry is made again."""

from __future__ import annotations

import marshal
import shutil
import zipfile
from typing import Any
from pathlib import Path

import pytest

from wizard.formats import render_format
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
    assert list((tmp_path / "cache" / "catalogs").glob("fi-*.catalog"))
    text = own_catalog.read_text(encoding="utf-8")
    own_catalog.write_text(text.replace('msgid "error"\nmsgstr "virhe"', 'msgid "error"\nmsgstr "VIRHE"'), encoding="utf-8")
    translations.cache_clear()
    assert translations("fi").gettext("error") == "VIRHE"


def test_a_damaged_cached_catalog_is_compiled_again(own_catalog: Path, tmp_path: Path) -> None:
    translations("fi")
    (compiled,) = (tmp_path / "cache" / "catalogs").glob("fi-*.catalog")
    compiled.write_bytes(b"\x00not a catalog")
    translations.cache_clear()
    assert translations("fi").gettext("error") == "virhe"
    assert marshal.loads(compiled.read_bytes())["error"] == "virhe"  # a catalog again


def test_without_a_cache_the_catalog_is_compiled_in_memory(own_catalog: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SELOSTE_CACHE_DIR", "")
    assert translations("fi").gettext("error") == "virhe"
    assert not (tmp_path / "cache").exists()


# --- the frame of a Word notice ------------------------------------------------------------------------------

WORD_NOTICE = "# Seloste\n\nKirjoita [meille](mailto:tietosuoja@example.fi).\n\n- **yksi**\n- kaksi\n"


@pytest.fixture
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SELOSTE_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache" / "word"


def test_a_word_notice_from_the_kept_frame_is_the_file_made_without_one(own_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = render_format(WORD_NOTICE, "docx", "fi", "Seloste")  # makes the frame and keeps it
    (frame,) = own_cache.glob("fi-*.docx")
    from_frame = render_format(WORD_NOTICE, "docx", "fi", "Seloste")
    monkeypatch.setenv("SELOSTE_CACHE_DIR", "")

    assert first == from_frame == render_format(WORD_NOTICE, "docx", "fi", "Seloste")
    assert frame.stat().st_size > 0 and b"Kirjoita" not in frame.read_bytes()


def test_a_frame_is_kept_per_language_and_python_docx_version(own_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.metadata

    render_format(WORD_NOTICE, "docx", "fi", "Seloste")
    render_format(WORD_NOTICE, "docx", "en", "Notice")
    real_version = importlib.metadata.version
    monkeypatch.setattr(importlib.metadata, "version", lambda name: "99.0" if name == "python-docx" else real_version(name))
    render_format(WORD_NOTICE, "docx", "fi", "Seloste")

    assert len(list(own_cache.glob("fi-*.docx"))) == 2 and len(list(own_cache.glob("en-*.docx"))) == 1


@pytest.mark.parametrize("damage", ["empty", "not a zip", "not a frame", "no place for the text"])
def test_a_damaged_frame_is_made_again(own_cache: Path, damage: str) -> None:
    good = render_format(WORD_NOTICE, "docx", "fi", "Seloste")
    (frame,) = own_cache.glob("fi-*.docx")
    with zipfile.ZipFile(frame) as kept:
        members = {name: kept.read(name) for name in kept.namelist()}
    if damage in ("empty", "not a zip"):
        frame.write_bytes(b"" if damage == "empty" else b"PK\x03\x04 not a zip")
    else:
        with zipfile.ZipFile(frame, "w") as broken:
            for name, data in members.items():
                if damage == "no place for the text" or name != "word/document.xml":
                    broken.writestr(name, data.replace(b"SELOSTE-BODY", b"x"))

    assert render_format(WORD_NOTICE, "docx", "fi", "Seloste") == good
    with zipfile.ZipFile(frame) as kept_again:
        assert {name: kept_again.read(name) for name in kept_again.namelist()} == members


# --- compiled templates --------------------------------------------------------------------------------------


def test_compiled_templates_are_kept_apart_for_each_version_of_the_code_that_sets_them_up(
    own_cache: Path, tmp_path: Path
) -> None:
    """Jinja checks only a template's own checksum, but what it compiles also depends on the environment's
    options: a change to the module that sets them up must not be served the old compiled code."""
    import wizard.notice
    from wizard.check import check_bytes
    from wizard.examples import example_text
    from wizard.render import build_notice
    from wizard.resources import bytecode_cache

    from wizard.formats.html import page_environment

    wizard.notice.environment.cache_clear()
    page_environment.cache_clear()
    notice = build_notice(check_bytes(example_text("salon").encode("utf-8")), "en")
    render_format(notice.markdown, "html", "en", notice.title)
    wizard.notice.environment.cache_clear()
    page_environment.cache_clear()
    edited = tmp_path / "notice.py"
    edited.write_bytes(Path(wizard.notice.__file__).read_bytes() + b"\n# trim_blocks changed here\n")

    kept = {folder.name: len(list(folder.glob("*.cache"))) for folder in (own_cache.parent / "templates").iterdir()}
    assert len(kept) == 2 and all(kept.values())  # the clauses' folder and the HTML page's
    assert Path(bytecode_cache(str(edited)).directory).name not in kept


# --- the chat's parsed styles --------------------------------------------------------------------------------


def _stylesheet(css: str) -> Any:
    from wizard.tui.app import SelosteApp
    from wizard.tui.styles import KeptStylesheet

    stylesheet = KeptStylesheet(variables=SelosteApp().stylesheet._variables)
    stylesheet.add_source(css, read_from=(str(REPO / "wizard" / "tui" / "app.tcss"), ""))
    return stylesheet


def test_the_chats_styles_read_back_from_the_cache_are_the_ones_parsed_and_an_edited_sheet_is_parsed_afresh(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from textual.css.stylesheet import Stylesheet

    monkeypatch.setenv("SELOSTE_CACHE_DIR", str(tmp_path / "cache"))
    css = (REPO / "wizard" / "tui" / "app.tcss").read_text(encoding="utf-8")
    first = _stylesheet(css)
    parsed = [rule.css for rule in first.rules]
    first.keep()
    assert list((tmp_path / "cache" / "styles").glob("*.pickle"))

    parse = Stylesheet._parse_rules
    monkeypatch.setattr(Stylesheet, "_parse_rules", lambda *args, **kwargs: pytest.fail("parsed again"))
    assert [rule.css for rule in _stylesheet(css).rules] == parsed  # read back, not parsed

    monkeypatch.setattr(Stylesheet, "_parse_rules", parse)
    edited = css.replace("Screen {", "Screen {\n    color: red;", 1)
    assert edited != css
    assert [rule.css for rule in _stylesheet(edited).rules] != parsed


def test_damaged_kept_styles_are_parsed_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SELOSTE_CACHE_DIR", str(tmp_path / "cache"))
    css = (REPO / "wizard" / "tui" / "app.tcss").read_text(encoding="utf-8")
    first = _stylesheet(css)
    parsed = [rule.css for rule in first.rules]
    first.keep()
    (kept,) = (tmp_path / "cache" / "styles").glob("*.pickle")
    kept.write_bytes(b"\x80\x05not styles")
    again = _stylesheet(css)
    assert [rule.css for rule in again.rules] == parsed
    again.keep()
    assert kept.read_bytes() != b"\x80\x05not styles"


def test_each_installed_textual_keeps_its_own_styles_and_an_upgrade_starts_afresh(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rules parsed by one Textual are never read back by another: the file is named after the Textual installed
    (where it is, when its parser's files were written)."""
    import os

    import textual.css.stylesheet

    from wizard.tui.styles import _cache_file

    monkeypatch.setenv("SELOSTE_CACHE_DIR", str(tmp_path / "cache"))
    installed = tmp_path / "textual" / "css" / "stylesheet.py"
    installed.parent.mkdir(parents=True)
    shutil.copy(textual.css.stylesheet.__file__, installed)
    monkeypatch.setattr(textual.css.stylesheet, "__file__", str(installed))
    first = _cache_file()
    assert first is not None and first == _cache_file()

    os.utime(installed, ns=(10**18, 10**18))  # the same file, written again by an upgrade
    assert _cache_file() not in (first, None)

    moved = tmp_path / "elsewhere" / "stylesheet.py"  # another installation (another virtual environment)
    moved.parent.mkdir()
    shutil.copy2(installed, moved)
    monkeypatch.setattr(textual.css.stylesheet, "__file__", str(moved))
    assert _cache_file() not in (first, None)


def test_reading_the_kept_styles_does_not_load_the_package_metadata(tmp_path: Path) -> None:
    """Asking Textual its version loads Python's package metadata, some 12 ms of the chat's start: the styles'
    file is found without it."""
    import os
    import subprocess
    import sys

    probe = (
        "import sys\n"
        "from wizard.tui.styles import KeptStylesheet\n"
        "assert KeptStylesheet()._kept_file is not None\n"
        "print('importlib.metadata' in sys.modules)\n"
    )
    env = {**os.environ, "SELOSTE_CACHE_DIR": str(tmp_path / "cache")}
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, cwd=REPO, check=True)
    assert done.stdout.strip() == "False"
