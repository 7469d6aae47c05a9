"""A new version of a notice: `render --previous` and the chat's export list what changed since the previous one,
and the version number follows the answers (never the same number for different content)."""

from __future__ import annotations

import copy
import io
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from wizard.cli import run
from wizard.examples import example_text
from wizard.versions import next_version


def cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def webshop() -> dict[str, Any]:
    return yaml.safe_load(example_text("webshop"))


def changed(data: dict[str, Any]) -> dict[str, Any]:
    """The web shop a year on: a new purpose, one recipient fewer, a purpose reworded in English only."""
    new = copy.deepcopy(data)
    new["notice"].update(version="1.1", date="2027-03-01")
    returns = {**copy.deepcopy(new["purposes"][0]), "id": "returns", "description": {"fi": "Palautusten käsittely", "en": "Handling returns"}}
    new["purposes"].append(returns)
    new["personal_data"][0]["purposes"].append("returns")
    new["recipients"] = new["recipients"][1:]
    new["purposes"][1]["description"]["en"] += " and refunds"
    return new


def write(folder: Path, name: str, data: dict[str, Any]) -> Path:
    path = folder / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def changes_section(markdown: str) -> str:
    return markdown[markdown.rindex("\n## ") :]


def test_the_changes_section_lists_what_changed_since_the_previous_version_and_its_date(tmp_path: Path) -> None:
    old = webshop()
    new = changed(old)
    removed = old["recipients"][0]["name"]
    old_path, new_path = write(tmp_path, "old.yaml", old), write(tmp_path, "new.yaml", new)

    code, english, _err = cli("render", str(new_path), "--lang", "en", "--previous", str(old_path))
    assert code == 0
    section = changes_section(english)
    assert "These parts have changed since version 1.0 of 22 November 2026:" in section
    assert "- The purposes and their legal bases: added “Handling returns”; changed “" in section
    assert f"- Who else gets the data: removed “{removed['en']}”" in section
    assert "(version 1.1)" in section

    code, finnish, _err = cli("render", str(new_path), "--lang", "fi", "--previous", str(old_path))
    section = changes_section(finnish)
    assert "Nämä kohdat ovat muuttuneet edellisestä versiosta 1.0 (päiväys 22. marraskuuta 2026):" in section
    # the purpose reworded only in English is the same in the Finnish notice
    assert "- Käsittelyn tarkoitukset ja oikeusperusteet: lisätty ”Palautusten käsittely”\n" in section
    assert f"- Keille tietoja luovutetaan: poistettu ”{removed['fi']}”" in section


def test_without_previous_version_the_changes_section_lists_nothing(tmp_path: Path) -> None:
    path = write(tmp_path, "new.yaml", changed(webshop()))
    _code, markdown, _err = cli("render", str(path), "--lang", "en")
    assert "have changed since" not in markdown and "Only the date" not in markdown


def test_a_new_date_and_number_alone_say_that_nothing_else_changed(tmp_path: Path) -> None:
    old = webshop()
    new = copy.deepcopy(old)
    new["notice"].update(version="2", date="2027-01-10")
    code, markdown, _err = cli("render", str(write(tmp_path, "n.yaml", new)), "--lang", "en", "--previous", str(write(tmp_path, "o.yaml", old)))
    assert code == 0
    assert "Only the date and the version have changed since version 1.0 of 22 November 2026." in markdown


@pytest.mark.parametrize(
    ("edit", "says"),
    [
        ({"version": "1.0"}, "notice.version is still 1.0: give this version a number of its own (e.g. 1.1)"),
        ({"date": "2026-01-01"}, "notice.date is earlier than the date of version 1.0 in"),
    ],
)
def test_a_version_that_does_not_follow_the_previous_one_is_refused(tmp_path: Path, edit: dict[str, str], says: str) -> None:
    old = webshop()
    new = changed(old)
    new["notice"].update(edit)
    code, out, err = cli("render", str(write(tmp_path, "new.yaml", new)), "--lang", "en", "--previous", str(write(tmp_path, "old.yaml", old)))
    assert (code, out) == (1, "")
    assert says in err


def test_an_unreadable_previous_version_is_refused_with_exit_2(tmp_path: Path) -> None:
    new = write(tmp_path, "new.yaml", webshop())
    code, out, err = cli("render", str(new), "--lang", "en", "--previous", str(tmp_path / "nowhere.yaml"))
    assert (code, out) == (2, "") and "nowhere.yaml" in err
    code, _out, err = cli("render", "-", "--lang", "en", "--previous", "-")
    assert code == 2 and "standard input" in err


@pytest.mark.parametrize(("version", "after"), [("1.0", "1.1"), ("4", "5"), ("v3", "v4"), ("2026/1", "2026/2"), ("first", "first.2")])
def test_the_next_version_raises_the_last_number(version: str, after: str) -> None:
    assert next_version(version) == after


def test_exporting_changed_answers_again_makes_a_new_version_that_lists_the_changes(tmp_path: Path) -> None:
    from wizard.engine import Interview
    from wizard.session import Session

    data = webshop()
    session = Session(tmp_path / "webshop.yaml", Interview.start(answers=data, lang="en"), "en", "en")
    plan = [("en", "md", tmp_path / "notice-en.md")]
    first = session.export(plan, replace=False, allow_incomplete=False)
    assert first.written and first.new_version is None

    again = session.export(plan, replace=True, allow_incomplete=False)  # nothing changed: the same version
    assert again.new_version is None and "have changed since" not in plan[0][2].read_text(encoding="utf-8")

    assert session.remove_item("recipients", 0) is None
    result = session.export(plan, replace=True, allow_incomplete=False)
    assert result.new_version == ("1.0", "1.1")
    assert any("this is version 1.1" in line for line in result.notes("en"))
    saved = yaml.safe_load((tmp_path / "webshop.yaml").read_text(encoding="utf-8"))["notice"]
    assert (saved["version"], saved["date"]) == ("1.1", date.today().isoformat())
    notice = plan[0][2].read_text(encoding="utf-8")
    assert "changed since version 1.0 of 22 November 2026" in notice and "- Who else gets the data: removed “" in notice
