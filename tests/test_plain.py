"""`seloste --plain`: the interview as a line-by-line conversation, driven here through a pipe as a script would."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from written import in_one_language

from wizard.cli import run
from wizard.engine import Interview
from wizard.examples import example_text
from wizard.i18n import translations
from wizard.languages import language, next_language


def seloste(args: list[str], lines: list[str], home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SELOSTE_HOME": str(home)}
    return subprocess.run(
        [sys.executable, "-m", "wizard", *args], input="".join(line + "\n" for line in lines),
        capture_output=True, text=True, env=env, timeout=120,
    )


def yes_no_line(value: bool, talk: str) -> str:
    """Yes or no as a person types it in the conversation language `talk`: its one-letter word (k/e in Finnish)."""
    entry = language(talk)
    return min(sorted(entry.yes_words if value else entry.no_words), key=len)


def as_line(value: Any, talk: str = "en") -> str:
    if isinstance(value, bool):
        return yes_no_line(value, talk)
    if isinstance(value, list):
        return ",".join(map(str, value))
    return "" if value is None else str(value)


def answer_lines(example: str, lang: str = "fi", talk: str = "en") -> list[str]:
    """The lines a person types to give an example business's answers, in the order the interview asks, each
    text in `lang`, talking in `talk`."""
    known = Interview.start(answers={**yaml.safe_load(example_text(example)), "language": lang})
    facts = {(step.question.id, step.item, step.mode): step.value for step, _shown in known.history}
    counts: dict[str, int] = {}
    for question_id, item, mode in facts:
        if mode == "answer" and item is not None:
            counts[question_id] = max(counts.get(question_id, 0), item + 1)
    fresh, lines = Interview.start(), []
    while (step := fresh.current()) is not None:
        question = step.question
        if step.mode != "answer":
            more = step.item or 0 if step.mode == "another" else 0
            answer: Any = counts.get(question.id, 0) > more
            lines.append(as_line(answer, talk))
        elif question.kind == "record":
            form = facts[(question.id, step.item, "answer")]
            answer, shown = {}, set()
            while remaining := [sub for sub in step.fields(answer) if sub.id not in shown]:
                answer[remaining[0].id] = form.get(remaining[0].id)
                shown.add(remaining[0].id)
                lines.append(as_line(answer[remaining[0].id], talk))
        else:
            answer = facts[(question.id, step.item, "answer")]
            lines.append(as_line(answer, talk))
        assert fresh.submit(answer) is fresh, question.id
    return lines


def saved_answers(home: Path) -> Path:
    (saved,) = (home / "interviews").glob("*.yaml")
    return saved


@pytest.mark.parametrize(("example", "lang", "language_line"), [("webshop", "en", "2"), ("salon", "fi", "1")])
def test_a_scripted_interview_writes_the_notice_render_writes(
    example: str, lang: str, language_line: str, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    script = [language_line, language_line, *answer_lines(example, lang, talk=lang), yes_no_line(True, lang), "", "md,html", str(out)]

    result = seloste(["--plain"], script, tmp_path / "home")

    assert result.returncode == 0, result.stdout[-2000:] + result.stderr
    assert "Traceback" not in result.stderr and "\x1b" not in result.stdout
    stem = language(lang).file_stem
    saved = str(saved_answers(tmp_path / "home"))
    for fmt in ("md", "html"):
        rendered = tmp_path / f"render.{fmt}"  # `seloste render`, in this process: the plain mode ran in its own
        assert run(["render", saved, "--lang", lang, "--format", fmt, "-o", str(rendered)], stdout=io.StringIO(), stderr=io.StringIO()) == 0
        assert (out / f"{stem}-{lang}.{fmt}").read_bytes() == rendered.read_bytes()
    assert str(out / f"{stem}-{lang}.md") in result.stdout


def test_the_conversation_speaks_finnish_when_chosen(tmp_path: Path) -> None:
    result = seloste(["--plain"], ["1", "1"], tmp_path)

    assert "Mikä on yrityksesi virallinen nimi?" in result.stdout


def test_end_of_input_saves_the_answers_and_says_how_to_continue(tmp_path: Path) -> None:
    result = seloste(["--plain"], ["2", "2", "Kahvila Kanerva Oy"], tmp_path)

    saved = saved_answers(tmp_path)
    assert result.returncode == 1
    assert result.stderr == ""
    assert yaml.safe_load(saved.read_text())["controller"]["name"] == "Kahvila Kanerva Oy"
    assert f"Your answers so far are saved in {saved}" in result.stdout
    assert f"seloste --plain --answers {saved}" in result.stdout

    continued = seloste(["--plain", "--answers", str(saved)], ["2"], tmp_path)
    assert "What is your business's official name?" not in continued.stdout
    assert "What kind of business is it?" in continued.stdout


def test_question_mark_explains_the_question_and_asks_it_again(tmp_path: Path) -> None:
    result = seloste(["--plain"], ["2", "2", "?", "Kahvila Kanerva Oy"], tmp_path)

    after_help = result.stdout.split("> ?", 1)[1].split("> Kahvila Kanerva Oy", 1)[0]
    assert "Why we ask:" in after_help
    assert "GDPR Art. 13(1)(a)" in after_help
    assert "For example: Kahvila Kanerva Oy" in after_help
    assert yaml.safe_load(saved_answers(tmp_path).read_text())["controller"]["name"] == "Kahvila Kanerva Oy"


def test_lang_switches_the_conversation_language_mid_question(tmp_path: Path) -> None:
    result = seloste(["--plain"], ["2", "2", "/lang fi", "?"], tmp_path)

    after_switch = result.stdout.split("> /lang fi", 1)[1]
    assert "Keskustelun kieli: suomi" in after_switch
    assert "Miksi kysymme" in after_switch
    assert "Jatka komennolla: seloste --plain --answers" in after_switch


def test_lang_alone_goes_to_the_next_language(tmp_path: Path) -> None:
    result = seloste(["--plain"], ["2", "2", "/lang"], tmp_path)

    going_to = next_language("en")
    in_it = translations(going_to.code).gettext
    said = in_it("Conversation language: {language}").format(language=in_it(going_to.name))
    assert said in result.stdout.split("> /lang", 1)[1]


def test_ctrl_c_saves_the_answers_and_exits_without_a_traceback(tmp_path: Path) -> None:
    env = {**os.environ, "SELOSTE_HOME": str(tmp_path)}
    process = subprocess.Popen(
        [sys.executable, "-m", "wizard", "--plain"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, env=env,
    )
    assert process.stdin and process.stdout
    process.stdin.write(b"2\n2\nKahvila Kanerva Oy\n")
    process.stdin.flush()
    seen = b""
    while b"(2/" not in seen:  # the second question is asked: the first answer is saved
        chunk = os.read(process.stdout.fileno(), 4096)
        assert chunk, seen.decode()
        seen += chunk
    process.send_signal(signal.SIGINT)
    rest, errors = process.communicate(timeout=60)

    assert process.returncode == 1
    assert b"Traceback" not in errors
    assert f"seloste --plain --answers {saved_answers(tmp_path)}" in (seen + rest).decode()
    assert yaml.safe_load(saved_answers(tmp_path).read_text())["controller"]["name"] == "Kahvila Kanerva Oy"


def test_the_plain_mode_never_imports_textual(tmp_path: Path) -> None:
    stand_in = tmp_path / "site" / "textual"
    stand_in.mkdir(parents=True)
    (stand_in / "__init__.py").write_text("raise ImportError('the plain mode must not need Textual')\n")
    env = {**os.environ, "SELOSTE_HOME": str(tmp_path), "PYTHONPATH": str(stand_in.parent)}

    result = subprocess.run(
        [sys.executable, "-m", "wizard", "--plain"], input="2\n2\n?\n",
        capture_output=True, text=True, env=env, timeout=60,
    )

    assert result.returncode == 1, result.stderr
    assert "Why we ask:" in result.stdout


def test_back_returns_to_the_previous_question_with_its_answer_as_the_default(tmp_path: Path) -> None:
    result = seloste(["--plain"], ["2", "2", "Kahvila Kanerva Oy", "/back", "Kahvila Kaneli Oy"], tmp_path)

    assert "[Kahvila Kanerva Oy] > Kahvila Kaneli Oy" in result.stdout
    assert yaml.safe_load(saved_answers(tmp_path).read_text())["controller"]["name"] == "Kahvila Kaneli Oy"


def test_a_wrong_business_id_is_explained_and_asked_again(tmp_path: Path) -> None:
    lines = answer_lines("webshop")
    known = yaml.safe_load(example_text("webshop"))
    at = lines.index(known["controller"]["business_id"])
    script = ["2", "2", *lines[:at], "1234567-8", lines[at]]

    result = seloste(["--plain"], script, tmp_path)

    refused = result.stdout.split("> 1234567-8", 1)[1]
    assert "Let's fix this:" in refused.split("> ", 1)[0]
    saved = yaml.safe_load(saved_answers(tmp_path).read_text())
    assert saved["controller"]["business_id"] == known["controller"]["business_id"]


def test_a_script_does_not_pick_up_an_unfinished_interview(tmp_path: Path) -> None:
    seloste(["--plain"], ["2", "2", "Kahvila Kanerva Oy"], tmp_path)
    first = saved_answers(tmp_path)

    result = seloste(["--plain"], ["2", "2"], tmp_path)

    assert f"seloste --plain --answers {first}" in result.stdout
    assert len(list((tmp_path / "interviews").glob("*.yaml"))) == 2


def test_the_translations_a_notice_lacks_are_asked_in_one_skippable_pass_that_resumes(tmp_path: Path) -> None:
    data = in_one_language(yaml.safe_load(example_text("webshop")), "fi")
    data["processing"]["name"] = {"fi": data["processing"]["name"], "en": "Online shop register"}
    answers = tmp_path / "kauppa.yaml"
    answers.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    out = tmp_path / "out"
    start = ["2", "1", "y", "1,2"]  # English conversation, Finnish notice; export both languages

    first = seloste(["--plain", "--answers", str(answers)], [*start, "Orders and newsletter.", "", "/skip", "md", str(out)], tmp_path / "home")

    assert first.returncode == 0, first.stdout[-2000:] + first.stderr
    assert "(in Finnish) Verkkokaupan tilaukset" in first.stdout and "Translation in English:" in first.stdout
    saved = yaml.safe_load(answers.read_text(encoding="utf-8"))
    assert saved["processing"]["description"] == {"fi": data["processing"]["description"], "en": "Orders and newsletter."}
    assert saved["processing"]["data_subjects"][0] == "verkkokaupan asiakkaat"  # skipped: still Finnish alone
    english = (out / "tietosuojaseloste-en.md").read_text(encoding="utf-8")
    assert "Orders and newsletter." in english and "verkkokaupan asiakkaat (in Finnish)" in english
    assert "shows 46 text(s) as written in another language" in first.stdout

    again = seloste(["--plain", "--answers", str(answers)], [*start, "/skip", "md", str(tmp_path / "again")], tmp_path / "home")

    pass_starts = again.stdout.split("Translation in English:")[0]
    assert "46 text(s) have no version" in pass_starts and "Verkkokaupan tilaukset" not in pass_starts


def test_a_yes_or_no_is_read_in_the_conversation_language_and_finnish_no_is_asked_again(tmp_path: Path) -> None:
    known = yaml.safe_load(example_text("webshop"))
    answers = tmp_path / "answers.yaml"  # everything before "do you have a data protection officer?"
    answers.write_text(yaml.safe_dump({"schema_version": 3, "controller": known["controller"], "privacy_contact": known["privacy_contact"]}))

    result = seloste(["--plain", "--answers", str(answers)], ["1", "1", "no", "kyllä", "Tietosuojapalvelu Oy"], tmp_path / "home")

    assert "> no\nVastaa k tai e.\n" in result.stdout  # in Finnish "no" is "well", not a no
    assert yaml.safe_load(answers.read_text())["dpo"]["name"] == "Tietosuojapalvelu Oy"


def test_the_plain_mode_asks_for_the_texts_in_the_notice_s_language(tmp_path: Path) -> None:
    known = yaml.safe_load(example_text("webshop"))
    answers = tmp_path / "answers.yaml"  # everything before the register's name
    kept = {"schema_version": 3, "controller": known["controller"], "privacy_contact": known["privacy_contact"], "joint_controllers": []}
    answers.write_text(yaml.safe_dump(kept))
    result = seloste(["--plain", "--answers", str(answers)], ["2", "3", "n", "n"], tmp_path / "home")

    assert "Write your answers in Swedish: they go into the notice as you write them." in result.stdout
    assert "What should we call these data? (name of the register)\n(in Swedish)\n" in result.stdout
