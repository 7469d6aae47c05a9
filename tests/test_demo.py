"""Demonstrations: an interview whose questions suggest an example business's answers, so a trainer steps
through the whole interview with Enter, or types another answer and the interview follows it."""

from __future__ import annotations

import copy
import io
from pathlib import Path
from typing import Any

import pytest

from wizard.check import check_data
from wizard.cli import run
from wizard.console import EXIT_OK, EXIT_UNUSABLE
from wizard.engine import Interview, Rejection, Step
from wizard.examples import EXAMPLES, example_answers, example_text
from wizard.plain import run_plain
from wizard.session import TEXT_KINDS
from wizard.session import new as new_session
from wizard.storage import load

# --- helpers ---------------------------------------------------------------------------------------------


def enter(step: Step) -> Any:
    """What pressing Enter sends: the suggested answer, as the chat and the plain mode fill it in."""
    suggested = step.value if step.value is not None else step.default
    question = step.question
    if step.mode != "answer":
        return suggested
    if question.kind == "record":
        return {sub.id: suggested.get(sub.id) for sub in step.fields(suggested)}
    if suggested is None:
        return [] if question.kind == "multi_choice" else ""
    return str(suggested) if question.kind in TEXT_KINDS else suggested


def press_enter(interview: Interview, until: str | None = None, limit: int = 400) -> int:
    """Press Enter at every step (until the question `until`); returns how many steps were answered."""
    steps = 0
    while (step := interview.current()) is not None and step.question.id != until:
        assert steps < limit, f"the interview does not end: {step.question.id}"
        if step.mode != "answer":
            assert isinstance(step.default, bool), (step.question.id, step.mode, step.default)
        result = interview.submit(enter(step))
        assert not isinstance(result, Rejection), (step.question.id, step.item, step.default, result.describe())
        steps += 1
    return steps


def press_until(interview: Interview, question_id: str) -> Step:
    """Press Enter until `question_id` is asked; its step."""
    press_enter(interview, until=question_id)
    step = interview.current()
    assert step is not None and step.question.id == question_id
    return step


def steps_to_tell(answers: dict[str, Any]) -> int:
    """How many steps the interview takes to give these answers: one per answered slot, the yes/no after
    each item of a list, and the yes/no before the first item of a list that may be empty but is not."""
    slots = [step for step, _shown in Interview.start(answers=answers).history]
    items = [step for step in slots if step.mode == "answer" and step.question.repeating]
    opened = {step.question.id for step in items if step.question.ask_first}
    return len(slots) + len(items) + len(opened)


def same_business(ours: dict[str, Any], theirs: dict[str, Any]) -> None:
    """The same answers as the answers model reads them (text cleaned, defaults filled in), with no errors."""
    mine, reference = check_data(ours), check_data(theirs)
    assert [d.code for d in mine.errors] == []
    assert mine.answers is not None and mine.answers == reference.answers


# --- the engine --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_pressing_enter_at_every_question_gives_the_example_business(name: str) -> None:
    # The notice's language is chosen before the interview: the one the example's texts are written in.
    interview = Interview.start(answers={"language": example_answers(name)["language"]}, script=example_answers(name))

    steps = press_enter(interview)

    same_business(interview.answers, example_answers(name))
    assert steps == steps_to_tell(example_answers(name))


def test_each_suggestion_has_the_shape_of_an_answer_being_edited() -> None:
    interview = Interview.start(script=example_answers("salon"))

    assert interview.current().default == "Kampaamo Kiharakulma"
    step = press_until(interview, "purposes")
    assert step.default["id"] == "booking" and step.default["basis"] == "contract"
    step = press_until(interview, "special_categories")
    assert (step.mode, step.default) == ("first", True)
    step = press_until(interview, "notice_date")
    assert step.default == "2026-11-22"


def test_a_different_name_is_kept_and_the_later_questions_still_suggest_the_example() -> None:
    salon = example_answers("salon")
    interview = Interview.start(script=salon)

    assert interview.submit("Parturi Peilikuva") is interview
    assert (interview.current().question.id, interview.current().default) == ("controller_type", "sole_trader")
    press_enter(interview)

    renamed = copy.deepcopy(salon)
    renamed["controller"]["name"] = "Parturi Peilikuva"
    same_business(interview.answers, renamed)


def test_no_recipients_where_the_example_has_some_drops_them_and_the_rest_follows_the_example() -> None:
    webshop = example_answers("webshop")
    interview = Interview.start(script=webshop)
    step = press_until(interview, "shares_data")
    assert step.default is True

    assert interview.submit(False) is interview
    assert press_until(interview, "security_measures").default == webshop["security"]["measures"]
    press_enter(interview)

    assert "recipients" not in interview.answers and "transfers_outside_eea" not in interview.answers
    without_recipients = {key: value for key, value in webshop.items() if key not in ("recipients", "transfers_outside_eea")}
    same_business(interview.answers, {**without_recipients, "shares_data": False})


def test_one_more_item_than_the_example_has_is_asked_without_a_suggestion_and_then_the_example_goes_on() -> None:
    salon = example_answers("salon")
    interview = Interview.start(script=salon)
    step = press_until(interview, "data_subjects")
    assert step.default == salon["processing"]["data_subjects"][0]["fi"]  # in the language the texts are written in
    interview.submit(step.default)
    assert (interview.current().mode, interview.current().default) == ("another", False)

    assert interview.submit(True) is interview
    assert (interview.current().item, interview.current().default) == (1, None)
    assert interview.submit("kampaamon lahjakorttien ostajat") is interview
    assert interview.current().default is False
    press_enter(interview)

    extended = copy.deepcopy(salon)
    extended["processing"]["data_subjects"].append("kampaamon lahjakorttien ostajat")
    same_business(interview.answers, extended)


def test_a_suggestion_taken_keeps_the_example_s_text_in_every_language_and_a_typed_one_is_in_the_file_s() -> None:
    salon = example_answers("salon")
    interview = Interview.start(script=salon)
    step = press_until(interview, "data_subjects")
    interview.submit(step.default)
    interview.submit(True)
    interview.submit("kampaamon lahjakorttien ostajat")

    assert interview.answers["processing"]["data_subjects"] == [
        {"fi": "kampaamon asiakkaat", "en": "the salon's customers", "sv": "salongens kunder"},  # the whole text: nothing to ask
        "kampaamon lahjakorttien ostajat",  # the user's own, in the file's language
    ]


def test_a_demonstration_whose_texts_are_in_english_suggests_the_example_s_english() -> None:
    interview = Interview.start(answers={"language": "en"}, script=example_answers("salon"))

    step = press_until(interview, "data_subjects")

    assert step.default == "the salon's customers"


def test_a_suggestion_is_written_the_way_the_answers_file_keeps_it() -> None:
    script = {"schema_version": 3, "controller": {"name": "Parturi Peilikuva", "type": "company", "country": "Sweden"}}

    assert press_until(Interview.start(script=script), "controller_country").default == "SE"


def test_where_the_script_is_silent_the_usual_suggestion_stays() -> None:
    interview = Interview.start(script={"schema_version": 3, "controller": {"name": "Parturi Peilikuva"}})

    assert interview.current().default == "Parturi Peilikuva"
    interview.submit("Parturi Peilikuva")
    interview.submit("")  # the type, as usually suggested
    assert (interview.current().question.id, interview.current().default) == ("controller_country", "FI")


@pytest.mark.parametrize(
    ("name", "subjects_told", "question_id", "mode", "scripted"),
    [
        ("salon", None, "joint_controllers", "first", False),  # no organisation decides with the salon
        ("consultancy", 1, "data_subjects", "another", True),  # three groups of people: two more to come
        ("consultancy", 3, "data_subjects", "another", False),
    ],
)
def test_the_yes_or_no_about_items_suggests_what_the_script_has_and_nothing_without_one(
    name: str, subjects_told: int | None, question_id: str, mode: str, scripted: bool
) -> None:
    example = example_answers(name)
    told = {"schema_version": 3, "controller": example["controller"], "privacy_contact": example["privacy_contact"]}
    if subjects_told is not None:
        processing = example["processing"]
        told["processing"] = {**processing, "data_subjects": processing["data_subjects"][:subjects_told]}

    for script, suggested in ((None, None), (example, scripted)):
        interview = Interview.start(answers=told, script=script)
        step = interview.current()
        if step.question.id != question_id:
            step = press_until(interview, question_id)
        assert (step.mode, step.default) == (mode, suggested)


# --- the plain mode ----------------------------------------------------------------------------------------


def demonstrate(lines: list[str], example: str, lang: str = "en") -> tuple[int, str]:
    """`seloste --plain --example NAME` with these lines typed, then Enter for as long as it asks."""
    stdin = io.StringIO("".join(line + "\n" for line in lines) + "\n" * 2000)
    stdout = io.StringIO()
    code = run_plain(None, lang, stdin, stdout, example=example)
    return code, stdout.getvalue()


@pytest.fixture
def folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh data folder for the interviews (`home`), and the working folder (`work`), where Enter at
    "Folder" exports."""
    monkeypatch.setenv("SELOSTE_HOME", str(tmp_path / "home"))
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    return tmp_path


@pytest.mark.parametrize(
    ("lang", "language_line", "stem"), [("fi", "1", "tietosuojaseloste"), ("en", "2", "privacy-notice")]
)
def test_enter_alone_demonstrates_the_salon_and_exports_the_notice_render_writes(
    folders: Path, lang: str, language_line: str, stem: str
) -> None:
    code, transcript = demonstrate([language_line, language_line], "salon", lang)

    assert code == EXIT_OK, transcript[-3000:]
    assert "Let's fix this" not in transcript and "Korjataan tämä" not in transcript  # nothing was refused
    assert "[Kampaamo Kiharakulma] > " in transcript
    example_file = folders / "salon.yaml"
    example_file.write_text(example_text("salon"), encoding="utf-8")
    rendered = io.StringIO()
    render = ["render", str(example_file), "--lang", lang, "--format", "md"]
    assert run(render, stdout=rendered, stderr=io.StringIO()) == 0
    assert (folders / "work" / f"{stem}-{lang}.md").read_text(encoding="utf-8") == rendered.getvalue()


def test_the_demonstration_says_what_it_is_and_offers_no_unfinished_interview(folders: Path) -> None:
    new_session("en")  # someone's unfinished interview

    code, transcript = demonstrate(["2", "2"], "webshop")

    assert code == EXIT_OK
    opening = transcript.split("(1/", 1)[0]
    assert "A demonstration with the example business webshop" in opening
    assert "unfinished" not in opening and "--answers" not in opening


def test_a_typed_answer_replaces_the_suggestion_and_enter_gives_the_rest(folders: Path) -> None:
    code, transcript = demonstrate(["2", "2", "Parturi Peilikuva"], "salon")

    assert code == EXIT_OK, transcript[-3000:]
    (saved,) = (folders / "home" / "interviews").glob("*.yaml")
    renamed = example_answers("salon")
    renamed["controller"]["name"] = "Parturi Peilikuva"
    renamed["language"] = "en"  # the notice language chosen: the example's texts are suggested in English
    same_business(load(saved), renamed)


def test_an_unknown_example_is_refused_before_anything_is_asked_or_saved(folders: Path) -> None:
    code, transcript = demonstrate([], "bakery")

    assert code == EXIT_UNUSABLE
    assert transcript == f"There is no example called bakery. The examples are: {', '.join(EXAMPLES)}.\n"
    assert not (folders / "home").exists()


def test_a_demonstration_stopped_midway_goes_on_suggesting_the_example_when_resumed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from wizard.session import open_file, resumable

    monkeypatch.setenv("SELOSTE_HOME", str(tmp_path))
    demonstration = new_session("en", example="webshop")
    press_until(demonstration.interview, "controller_email")
    demonstration.autosave()

    assert resumable("en") == []  # never offered to someone as their own interview
    resumed = open_file(demonstration.path, "en")  # as `seloste --answers FILE` opens it
    assert not isinstance(resumed, str)
    assert resumed.example == "webshop"
    step = resumed.interview.current()
    assert step.question.id == "controller_email" and step.scripted
    assert step.default == example_answers("webshop")["controller"]["email"]
    press_enter(resumed.interview)
    same_business(resumed.interview.answers, example_answers("webshop"))
