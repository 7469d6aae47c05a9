"""Where `seloste render -o` writes: only a regular file (or standard output), never in place of a device, a
pipe or a folder; and what a write that was killed halfway leaves behind is cleaned up by the next one.

No test writes to a device: a FIFO made in a temporary folder stands for a special file, and a character
device is simulated by answering `os.stat` for one path in a temporary folder.
"""

from __future__ import annotations

import fcntl
import io
import os
import stat
import tempfile
import time
from pathlib import Path

import pytest

from wizard.cli import run
from wizard.examples import example_text


def cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(["--lang", "en", *argv], stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def webshop(tmp_path: Path) -> Path:
    path = tmp_path / "webshop.yaml"
    path.write_text(example_text("webshop"), encoding="utf-8")
    return path


def render_to(webshop: Path, target: str, *options: str) -> tuple[int, str, str]:
    return cli("render", str(webshop), "--lang", "fi", "-o", target, *options)


def test_a_fifo_is_never_replaced_even_with_force(webshop: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    code, out, err = render_to(webshop, str(fifo), "--force")
    assert code == 2
    assert "not a regular file" in err and "-o -" in err
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert out == ""


def test_a_character_device_is_never_replaced(webshop: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    device = tmp_path / "null"
    device.write_text("stands for a device", encoding="utf-8")
    real_stat = os.stat

    def stat_as_device(path: object, *args: object, **kwargs: object) -> os.stat_result:
        result = real_stat(path, *args, **kwargs)  # type: ignore[arg-type]
        if os.fspath(path) == str(device):  # type: ignore[arg-type]
            return os.stat_result((stat.S_IFCHR | 0o666, *tuple(result)[1:]))
        return result

    monkeypatch.setattr(os, "stat", stat_as_device)
    code, _, err = render_to(webshop, str(device), "--force")
    assert code == 2
    assert "not a regular file" in err
    assert device.read_text(encoding="utf-8") == "stands for a device"


@pytest.mark.parametrize("target", ["-", "/dev/stdout"])
def test_standard_output_can_be_named_with_a_dash_or_dev_stdout(
    webshop: Path, target: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_file_write(*args: object, **kwargs: object) -> None:
        raise AssertionError("standard output must not be written as a file")

    monkeypatch.setattr(tempfile, "mkstemp", no_file_write)  # so a regression cannot touch /dev/stdout itself
    monkeypatch.setattr(os, "replace", no_file_write)
    code, out, err = render_to(webshop, target, "--force")
    assert code == 0, err
    assert out.startswith("# Tietosuojaseloste")


def test_a_name_with_a_trailing_slash_is_a_folder_and_is_refused(webshop: Path, tmp_path: Path) -> None:
    code, _, err = render_to(webshop, f"{tmp_path / 'newdir'}/")
    assert code == 2
    assert "folder" in err
    assert not (tmp_path / "newdir").exists()


@pytest.mark.parametrize("slash", ["", "/"])
def test_an_existing_folder_is_refused_with_a_message_even_with_force(webshop: Path, tmp_path: Path, slash: str) -> None:
    folder = tmp_path / "notices"
    folder.mkdir()
    code, _, err = render_to(webshop, f"{folder}{slash}", "--force")
    assert code == 2
    assert "folder" in err
    assert folder.is_dir() and list(folder.iterdir()) == []


def leftover(folder: Path, name: str, age_seconds: float) -> Path:
    """A temporary file as a write killed halfway leaves it, last touched `age_seconds` ago."""
    path = folder / name
    path.write_bytes(b"half a notice")
    then = time.time() - age_seconds
    os.utime(path, (then, then))
    return path


def test_the_next_write_removes_what_a_killed_write_left_behind(webshop: Path, tmp_path: Path) -> None:
    stale = leftover(tmp_path, ".seloste.md.k3x_9qzt.tmp", age_seconds=3600)
    fresh = leftover(tmp_path, ".seloste.md.a1b2c3d4.tmp", age_seconds=0)  # maybe another seloste writing right now
    others = [
        leftover(tmp_path, ".other.md.k3x_9qzt.tmp", age_seconds=3600),  # another file's
        leftover(tmp_path, ".seloste.md.mine.tmp", age_seconds=3600),  # not our pattern
        leftover(tmp_path, "seloste.md.k3x_9qzt.tmp", age_seconds=3600),
    ]
    code, _, err = render_to(webshop, str(tmp_path / "seloste.md"))
    assert code == 0, err
    assert not stale.exists()
    assert fresh.exists() and all(path.exists() for path in others)
    assert (tmp_path / "seloste.md").read_text(encoding="utf-8").startswith("# Tietosuojaseloste")


def test_a_leftover_that_a_live_process_holds_is_kept(webshop: Path, tmp_path: Path) -> None:
    held = leftover(tmp_path, ".seloste.md.h0ld1ng_.tmp", age_seconds=3600)
    with held.open("rb") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)  # as a writer holds its temporary file while it writes
        assert render_to(webshop, str(tmp_path / "seloste.md"))[0] == 0
        assert held.exists()
    assert render_to(webshop, str(tmp_path / "seloste.md"), "--force")[0] == 0
    assert not held.exists()
