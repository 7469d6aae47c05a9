"""Autosave and resume: answers are on disk after every answer, whole, private to the user, readable by
`seloste check` and `render`, and an unfinished interview is found again."""

from __future__ import annotations

import io
import json
import os
import stat
import time
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from wizard import storage
from wizard.check import Unreadable, check_bytes, load
from wizard.cli import run
from wizard.engine import Interview
from wizard.examples import example_text
from wizard.storage import SessionState


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test keeps its interviews in its own folder, never in the user's."""
    folder = tmp_path / "home"
    monkeypatch.setenv(storage.HOME_VARIABLE, str(folder))
    return folder


def webshop() -> dict[str, Any]:
    return load(example_text("webshop").encode())[0].data


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_interviews_are_kept_under_seloste_home(home: Path) -> None:
    assert storage.default_dir() == home
    assert storage.new_path().parent == home / "interviews"


def test_without_seloste_home_the_user_data_folder_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    import platformdirs

    monkeypatch.delenv(storage.HOME_VARIABLE)

    assert storage.default_dir() == platformdirs.user_data_path("seloste")


def test_an_autosaved_interview_is_an_answers_file_that_check_and_render_read(home: Path) -> None:
    path = storage.new_path()
    interview = Interview.start(answers=webshop())

    storage.autosave(interview.answers, path, SessionState(conversation_lang="fi", notice_lang="en"))

    assert not check_bytes(path.read_bytes()).errors
    assert check_bytes(path.read_bytes()).answers == check_bytes(example_text("webshop").encode()).answers
    out = io.StringIO()
    assert run(["render", str(path), "--lang", "fi"], stdout=out, stderr=io.StringIO()) == 0
    assert "Teelehti Verkkokauppa Oy" in out.getvalue()


def test_an_interview_saved_before_its_first_answer_reads_back_as_no_answers(home: Path) -> None:
    path = storage.new_path()
    storage.autosave({}, path)
    storage.autosave({"controller": {"name": "Acme Oy"}}, path)
    storage.autosave({}, path)  # the one answer taken back

    assert storage.load(path) == {}


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_saved_files_are_readable_by_the_user_only() -> None:
    path = storage.new_path()

    storage.autosave({"schema_version": 2}, path, SessionState())

    assert mode(path) == 0o600
    assert mode(storage.state_path(path)) == 0o600
    assert mode(path.parent) == 0o700


def test_a_failed_save_leaves_the_previous_answers_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    path = storage.new_path()
    storage.autosave({"schema_version": 2, "controller": {"name": "Ensimmäinen Oy"}}, path)

    def crash(*args: object) -> None:
        raise KeyboardInterrupt  # Ctrl+C in the middle of a save

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(KeyboardInterrupt):
        storage.autosave({"schema_version": 2, "controller": {"name": "Toinen Oy"}}, path)

    assert storage.load(path)["controller"]["name"] == "Ensimmäinen Oy"
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]  # no temporary file left behind


def test_load_upgrades_an_old_file_and_refuses_one_that_is_not_answers(tmp_path: Path) -> None:
    old = tmp_path / "old.yaml"
    old.write_text("schema_version: 1\ncontroller:\n  name: Vanha Oy\n  address: Katu 1, 00100 Helsinki\n", encoding="utf-8")
    broken = tmp_path / "broken.yaml"
    broken.write_text("controller: [unclosed\n", encoding="utf-8")

    assert storage.load(old)["controller"]["postal_code"] == "00100"
    with pytest.raises(Unreadable) as refused:
        storage.load(broken)
    assert refused.value.diagnostic.code == "yaml_syntax"
    with pytest.raises(Unreadable):
        storage.load(tmp_path / "missing.yaml")


def test_the_conversation_state_is_kept_beside_the_answers() -> None:
    path = storage.new_path()

    storage.autosave({"schema_version": 2}, path, SessionState(conversation_lang="fi", notice_lang="en"))

    state = storage.load_state(path)
    assert (state.conversation_lang, state.notice_lang, state.finished) == ("fi", "en", False)
    assert state.saved


def test_a_damaged_state_file_gives_the_defaults() -> None:
    path = storage.new_path()
    storage.autosave({"schema_version": 2}, path)
    storage.state_path(path).write_text('{"conversation_lang": 7, "finished": "yes"', encoding="utf-8")

    assert storage.load_state(path) == SessionState()
    storage.state_path(path).write_text('{"conversation_lang": 7, "notice_lang": "fi", "other": 1}', encoding="utf-8")
    assert storage.load_state(path) == SessionState(notice_lang="fi")


def test_no_unfinished_interview_in_an_empty_home() -> None:
    assert storage.unfinished() is None


ONE_ANSWER = {"schema_version": 3, "language": "fi", "controller": {"name": "Kauppa Oy"}}


def exported(path: Path) -> None:
    """As the export leaves it: the answers as the notice was made from them."""
    state = storage.load_state(path)
    state.exported = True
    storage.save_state(path, state)


def test_the_latest_unfinished_interview_is_offered_and_an_exported_one_is_not() -> None:
    older = storage.new_path()
    storage.autosave(ONE_ANSWER, older, SessionState())
    newer = older.with_name("interview-2.yaml")
    storage.autosave(ONE_ANSWER, newer, SessionState())
    done = older.with_name("interview-3.yaml")
    storage.autosave(ONE_ANSWER, done, SessionState())
    exported(done)
    past = time.time() - 60
    os.utime(older, (past, past))

    assert storage.unfinished() == newer
    exported(newer)
    assert storage.unfinished() == older
    exported(older)
    assert storage.unfinished() is None


def saved_at(path: Path, answers: dict[str, Any], seconds_ago: int) -> Path:
    storage.autosave(answers, path, SessionState())
    moment = time.time() - seconds_ago
    os.utime(path, (moment, moment))
    return path


def test_an_interview_left_before_its_first_answer_is_not_offered_for_resuming() -> None:
    folder = storage.interviews_dir()
    answered = saved_at(folder / "interview-1.yaml", ONE_ANSWER, seconds_ago=300)
    saved_at(folder / "interview-2.yaml", {"schema_version": 2}, seconds_ago=200)  # a new chat, nothing answered
    saved_at(folder / "interview-3.yaml", {}, seconds_ago=100)  # a browser tab opened and closed
    (folder / "interview-4.yaml").touch()  # a tab's file, claimed but not yet saved

    assert storage.unfinished() == answered
    exported(answered)
    assert storage.unfinished() is None


def test_a_damaged_interview_is_not_taken_for_an_empty_one() -> None:
    damaged = saved_at(storage.interviews_dir() / "interview-1.yaml", ONE_ANSWER, seconds_ago=0)
    damaged.write_text("controller: [name: Kauppa Oy\n", encoding="utf-8")

    assert storage.has_answers(damaged)
    assert not storage.discard_if_unanswered(damaged)
    assert damaged.exists()


def test_only_an_interview_with_no_answer_is_discarded() -> None:
    folder = storage.interviews_dir()
    empty = saved_at(folder / "interview-1.yaml", {}, seconds_ago=0)
    answered = saved_at(folder / "interview-2.yaml", ONE_ANSWER, seconds_ago=0)

    assert storage.discard_if_unanswered(empty)
    assert not storage.discard_if_unanswered(answered)

    assert sorted(path.name for path in folder.iterdir()) == ["interview-2.state.json", "interview-2.yaml"]
    assert storage.load(answered) == ONE_ANSWER


def test_new_interviews_never_reuse_a_name() -> None:
    moment = datetime(2026, 11, 22, 13, 5, 1)
    first = storage.new_path(now=moment)
    storage.autosave({"schema_version": 2}, first)

    second = storage.new_path(now=moment)

    assert first.name == "interview-20261122-130501.yaml"
    assert second.name == "interview-20261122-130501-2.yaml"


def test_an_interview_left_midway_is_found_and_continues_where_it_stopped() -> None:
    interview = Interview.start(lang="fi")
    path = storage.new_path()
    for raw in ("Teelehti Verkkokauppa Oy", "", "FI", "1618033-3"):
        interview.submit(raw)
        storage.autosave(interview.answers, path, SessionState(conversation_lang="fi"))
    waiting = interview.current().question.id
    del interview  # the terminal is closed

    found = storage.unfinished()
    resumed = Interview.start(answers=storage.load(found), lang=storage.load_state(found).conversation_lang)

    assert found == path
    assert resumed.current().question.id == waiting == "controller_street_address"
    assert resumed.answers["controller"] == {"name": "Teelehti Verkkokauppa Oy", "type": "company", "country": "FI",
                                              "business_id": "1618033-3"}
    assert json.loads(storage.state_path(path).read_text(encoding="utf-8"))["conversation_lang"] == "fi"


@pytest.mark.parametrize("name", ["webshop", "consultancy", "salon", "training", "yarnshop"])
def test_answers_saved_again_after_a_change_are_written_as_a_whole_save_writes_them(name: str) -> None:
    """The autosave makes only the changed parts' text anew: the file must still be what `dump` writes."""
    from wizard.loader import RepeatedDump, dump

    data = load(example_text(name).encode())[0].data
    saving = RepeatedDump()
    assert saving(data) == dump(data)
    changes = [
        lambda d: d["controller"].update(name="Uusi Nimi Oy"),
        lambda d: d["purposes"].append(dict(d["purposes"][0], id="another")),
        lambda d: d.update(controller=dict(reversed(list(d["controller"].items())))),  # the same values, another order
        lambda d: d["purposes"][0].update(marketing=1),  # 1 == True, but the file says 1
        lambda d: d["purposes"][0].update(marketing=True),
        lambda d: d.pop("purposes"),
    ]
    for change in changes:
        change(data)
        assert saving(data) == dump(data)


def test_an_interview_an_older_seloste_marked_finished_stays_exported() -> None:
    path = saved_at(storage.interviews_dir() / "interview-1.yaml", ONE_ANSWER, seconds_ago=0)
    storage.state_path(path).write_text('{"conversation_lang": "fi", "finished": true}', encoding="utf-8")

    assert storage.load_state(path).exported
    assert storage.unfinished() is None
