"""Export in a browser tab (`seloste serve`): each file is downloaded by the participant's browser, byte for byte
what `seloste render` writes, and nothing is written into a folder on the machine that runs the server."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
import yaml
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, SelectionList

from wizard import storage
from wizard.cli import run
from wizard.examples import example_text
from wizard.languages import CODES
from wizard.tui.app import SelosteApp
from wizard.tui.screens.chat import ChatScreen
from wizard.tui.screens.dialogs import LanguageScreen
from wizard.tui.screens.export import ExportScreen, download_stem
from wizard.tui.screens.review import ReviewScreen

from test_tui import until

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
MIME_TYPES = {"md": "text/markdown", "html": "text/html", "txt": "text/plain", "docx": DOCX, "pdf": "application/pdf"}
MIME_TYPES["snippets"] = MIME_TYPES["md"]


@pytest.fixture
def server_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The server's working folder, the terminal export's default folder: it must stay empty."""
    folder = tmp_path / "server"
    folder.mkdir()
    monkeypatch.setenv("SELOSTE_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("SELOSTE_CACHE_DIR", "")
    monkeypatch.chdir(folder)
    return folder


@pytest.fixture
def downloads(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str, bytes]]:
    """The app believes it is served to a browser; each file it delivers is caught as (name, MIME type, bytes)."""
    caught: list[tuple[str, str, bytes]] = []

    def deliver_text(self: App, stream: Any, *, save_filename: str, mime_type: str, encoding: str, **_: Any) -> str:
        caught.append((save_filename, mime_type, stream.read().encode(encoding)))
        return save_filename

    def deliver_binary(self: App, stream: Any, *, save_filename: str, mime_type: str, **_: Any) -> str:
        caught.append((save_filename, mime_type, stream.read()))
        return save_filename

    monkeypatch.setattr(App, "is_web", property(lambda self: True))
    monkeypatch.setattr(App, "deliver_text", deliver_text)
    monkeypatch.setattr(App, "deliver_binary", deliver_binary)
    return caught




def asking_or_reviewing(app: App) -> bool:
    return isinstance(app.screen, ReviewScreen) or (isinstance(app.screen, ChatScreen) and app.screen.step is not None)


async def open_export(pilot: Pilot) -> ExportScreen:
    """Open an answers file in English with the notice in English, go to the review (F6 if the chat still asks
    something) and open the export with F9."""
    app = pilot.app
    await until(pilot, lambda: isinstance(app.screen, LanguageScreen) and app.screen.query(OptionList))
    await pilot.press("enter")
    await until(pilot, lambda: isinstance(app.screen, ChatScreen) and app.screen.query("#answer-choice"))
    await pilot.press("enter")
    await until(pilot, lambda: asking_or_reviewing(app))
    if isinstance(app.screen, ChatScreen):
        await pilot.press("f6")
        await until(pilot, lambda: isinstance(app.screen, ReviewScreen))
    await pilot.press("f9")
    await until(pilot, lambda: isinstance(app.screen, ExportScreen))
    return app.screen


def result_text(export: ExportScreen) -> str:
    return str(export.query_one("#export-result").render())


@pytest.fixture
def webshop(tmp_path: Path) -> Path:
    answers = tmp_path / "kauppa.yaml"
    answers.write_text(example_text("webshop"), encoding="utf-8")
    return answers


def rendered(answers: Path, lang: str, fmt: str, folder: Path, *options: str) -> bytes:
    """What `seloste render ANSWERS --lang L --format F [OPTIONS] -o FILE` writes."""
    target = folder / f"render-{lang}.{fmt}"
    command = ["snippets", "--allow-mixed-language"] if fmt == "snippets" else ["render", "--format", fmt]
    argv = [command[0], str(answers), "--lang", lang, *command[1:], *options, "-o", str(target)]
    assert run(argv, stdout=io.StringIO(), stderr=io.StringIO()) == 0
    return target.read_bytes()


async def test_in_a_browser_every_file_is_downloaded_as_seloste_render_writes_it(
    tmp_path: Path, webshop: Path, server_folder: Path, downloads: list[tuple[str, str, bytes]]
) -> None:
    answers = webshop
    app = SelosteApp(answers, "en")
    async with app.run_test(size=(100, 30)) as pilot:
        export = await open_export(pilot)
        assert not export.query("#export-folder"), "a folder on the server means nothing to a browser"
        assert "Your web browser downloads the files." in str(export.query_one("#export-downloads").render())
        export.query_one("#export-languages", SelectionList).select_all()
        export.query_one("#export-formats", SelectionList).select_all()
        await pilot.click("#export-go")
        await until(pilot, lambda: result_text(export))
        shown = result_text(export)

    from wizard.session import export_choices, export_plan

    formats = [fmt for fmt in ("html", "docx", "pdf", "md", "txt", "snippets") if fmt in export_choices()]  # PDF: the extra
    plan = export_plan(list(CODES), formats, Path(), "privacy-notice")
    names = [path.name for _lang, _fmt, path in plan]
    assert [(name, mime_type) for name, mime_type, _content in downloads] == [(path.name, MIME_TYPES[fmt]) for _lang, fmt, path in plan]
    assert "Done. Your web browser downloads these files:" in shown and all(name in shown for name in names)
    assert list(server_folder.iterdir()) == [], "nothing is written on the server"
    for (lang, fmt, path), (_name, _mime_type, content) in zip(plan, downloads):
        assert content == rendered(answers, lang, fmt, tmp_path), path.name
    assert storage.load_state(answers).exported, "an exported interview is no longer offered for resuming"


async def test_in_a_browser_an_incomplete_notice_is_not_downloaded_until_the_gaps_are_accepted(
    tmp_path: Path, server_folder: Path, downloads: list[tuple[str, str, bytes]]
) -> None:
    answers = tmp_path / "kauppa.yaml"  # the web shop without its legitimate interest: Art. 13(1)(d) is missing
    data = yaml.safe_load(example_text("webshop"))
    for purpose in data["purposes"]:
        purpose.pop("legitimate_interest", None)
    answers.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    app = SelosteApp(answers, "en")
    async with app.run_test(size=(100, 30)) as pilot:
        export = await open_export(pilot)
        await pilot.click("#export-go")
        await until(pilot, lambda: "incomplete" in result_text(export))
        assert downloads == [] and not storage.load_state(answers).exported

        await until(pilot, lambda: export.query("#export-anyway"))
        await pilot.click("#export-anyway")
        await until(pilot, lambda: "Done" in result_text(export))

    assert [name for name, _mime_type, _content in downloads] == ["privacy-notice-en.html"]
    assert downloads[0][2] == rendered(answers, "en", "html", tmp_path, "--allow-incomplete")
    assert list(server_folder.iterdir()) == []
    assert storage.load_state(answers).exported  # no longer offered for continuing, though not every answer is given


async def test_in_a_browser_the_typed_file_name_is_made_safe_for_a_download(
    tmp_path: Path, webshop: Path, server_folder: Path, downloads: list[tuple[str, str, bytes]]
) -> None:
    answers = webshop
    app = SelosteApp(answers, "en")
    async with app.run_test(size=(100, 30)) as pilot:
        export = await open_export(pilot)
        export.query_one("#export-stem", Input).value = 'Kahvila "Äijä"; seloste/2026'
        await pilot.click("#export-go")
        await until(pilot, lambda: "Done" in result_text(export))

    assert [name for name, _mime_type, _content in downloads] == ["Kahvila-Äijä-seloste-2026-en.html"]


@pytest.mark.parametrize(("typed", "safe"), [("privacy-notice", "privacy-notice"), ("my notice", "my-notice"),
                                             ("../../etc/passwd", "etc-passwd"), ("; ", "")])
def test_download_names_keep_letters_digits_dots_and_dashes(typed: str, safe: str) -> None:
    assert download_stem(typed) == safe


async def test_the_texts_a_notice_lacks_are_asked_for_before_the_export_and_saved_at_once(tmp_path: Path, server_folder: Path) -> None:
    from written import in_one_language

    from wizard.tui.screens.translations import TranslationScreen

    data = in_one_language(yaml.safe_load(example_text("webshop")), "fi")
    answers = tmp_path / "kauppa.yaml"
    answers.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    app = SelosteApp(answers, "en")
    async with app.run_test(size=(100, 30)) as pilot:
        export = await open_export(pilot)
        export.query_one("#export-folder", Input).value = str(tmp_path / "out")
        await pilot.click("#export-go")
        # The screen is pushed before its boxes are mounted: a loaded machine shows the gap.
        await until(pilot, lambda: isinstance(app.screen, TranslationScreen) and app.screen.query(".translation-original"))
        screen = app.screen
        assert "Written in Finnish: Verkkokaupan asiakas- ja markkinointirekisteri" in str(screen.query(".translation-original").first().render())
        screen.query_one("#translation-0", Input).value = "Online shop register"
        await pilot.press("enter")
        await until(pilot, lambda: screen.query_one("#translation-1", Input).has_focus)
        assert yaml.safe_load(answers.read_text(encoding="utf-8"))["processing"]["name"]["en"] == "Online shop register"
        await pilot.click("#translations-done")
        await until(pilot, lambda: "Done" in result_text(export))

    english = (tmp_path / "out" / "privacy-notice-en.html").read_text(encoding="utf-8")
    assert "Online shop register" in english and "verkkokaupan asiakkaat (in Finnish)" in english
