"""The chat and the plain mode speak in the words of their questions: what `seloste check` says with a field of
the answers file (purposes[2].basis, `shares_data: true`) they say with the question that asks for it."""

from __future__ import annotations

import io
import re
import string
from pathlib import Path
from typing import Any

import pytest
import yaml

from wizard.answers import Answers
from wizard.check import Diagnostic
from wizard.conversation import in_question_words
from wizard.diagnostics import TEXTS
from wizard.engine import Interview
from wizard.examples import example_text
from wizard.i18n import _
from wizard.languages import CODES, language
from wizard.plain import run_plain
from wizard.questionnaire import load_questionnaire
from wizard.session import Session

# What reads as the answers file's words rather than a question's: a snake_case name, a dotted path from a
# top-level part, a field set to a value (`required: true`), code-style quoting, or the word "field" itself.
TOP = "|".join(sorted(Answers.model_fields, key=len, reverse=True))
FILE_WORDS = re.compile(rf"\b[a-z]+_[a-z_]+\b|\b(?:{TOP})(?:\[\d+\])?\.[a-z_]|\b[a-z_]+: (?:true|false)\b|`|\b(?:field|kenttä\w*)\b")

# About the file itself, not about an answer: a chat never meets these (its own file is written by seloste).
ABOUT_THE_FILE = {code for code in TEXTS if code.startswith(("file_", "yaml_", "schema_", "too_many", "extra_forbidden"))} | {
    "no_stdin", "too_large", "utf16", "binary", "not_utf8", "empty", "not_mapping", "too_deep",
}  # fmt: skip


def sample_params(code: str) -> dict[str, Any]:
    """A value for every placeholder of the code's texts; the field as `seloste check` names it."""
    text = TEXTS[code]
    names = {name for part in (text.message, text.hint, text.article) for _lit, name, _spec, _conv in string.Formatter().parse(part) if name}
    return {name: "purposes[2].basis" if name == "field" else "Pilvi" for name in names}


@pytest.mark.parametrize("lang", CODES)
@pytest.mark.parametrize("code", sorted(set(TEXTS) - ABOUT_THE_FILE))
def test_every_finding_is_said_in_the_words_of_its_question(code: str, lang: str) -> None:
    basis = load_questionnaire().question("purposes").sub("basis")
    said = in_question_words(code, sample_params(code), basis, lang)
    text = " ".join(said.values())
    assert not FILE_WORDS.search(text), f"{code}: {text}"
    if "{field}" in TEXTS[code].message:
        assert "purposes" not in text


def webshop() -> dict[str, Any]:
    return yaml.safe_load(example_text("webshop"))


def test_a_contradiction_in_the_review_points_to_the_question_in_finnish(tmp_path: Path) -> None:
    answers = {**webshop(), "shares_data": False}
    session = Session(tmp_path / "a.yaml", Interview.start(answers=answers), "fi", "fi")
    (finding,) = [finding for finding in session.findings("fi") if finding.target == ("shares_data", None)]
    assert finding.message.startswith("Vastasit, ettei kukaan yrityksesi ulkopuolella saa tietoja")
    assert finding.hint.startswith("Muuta vastausta kysymykseen ”Saako joku yrityksesi ulkopuolinen tietoja")
    assert not FILE_WORDS.search(finding.message + finding.hint)


def test_a_finding_inside_a_form_names_the_form_s_box(tmp_path: Path) -> None:
    answers = webshop()
    processor = next(number for number, recipient in enumerate(answers["recipients"]) if recipient["role"] == "processor")
    answers["recipients"][processor]["processing_agreement"] = False
    session = Session(tmp_path / "a.yaml", Interview.start(answers=answers), "en", "en")
    (hint,) = [finding.hint for finding in session.findings("en") if finding.target == ("recipients", processor)]
    assert hint == "Change the answer to “Have you made a written data processing agreement with it? (Art. 28 agreement)”"


def test_the_plain_mode_refuses_a_wrong_number_in_the_words_of_the_question(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SELOSTE_HOME", str(tmp_path))
    interview = Interview.start()
    name = interview.current()
    interview.submit("Kahvila Kanerva Oy")
    kind = interview.current()
    assert kind.question.kind == "single_choice", "the second question is the kind of business"
    out = io.StringIO()
    run_plain(None, "fi", io.StringIO("1\n1\nKahvila Kanerva Oy\n9\n"), out)
    refused = out.getvalue().split("> 9", 1)[1]
    assert "Valitse jokin tarjotuista vaihtoehdoista" in refused
    assert not FILE_WORDS.search(refused), refused
    assert name.question.field not in out.getvalue() and "sole_trader" not in out.getvalue()


NOTICE = Path(__file__).resolve().parent / "fixtures" / "notices" / "free_form_fi.txt"


@pytest.mark.parametrize(
    ("lang", "business_name", "no"),
    [
        ("en", "What is your business's official name? (controller)", "No"),
        ("fi", "Mikä on yrityksesi virallinen nimi? (rekisterinpitäjä)", "Ei"),
    ],
)
def test_the_plain_mode_lists_an_old_notice_s_values_under_their_questions(
    lang: str, business_name: str, no: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from wizard import session as sessions
    from wizard.plain import PlainChat

    monkeypatch.setenv("SELOSTE_HOME", str(tmp_path))
    made = sessions.import_interview(str(NOTICE), lang)
    assert isinstance(made, Path)
    session = sessions.open_file(made, lang)
    assert not isinstance(session, str)
    out = io.StringIO()
    yes = min(sorted(language(lang).yes_words), key=len)  # "k" in Finnish: the plain mode reads its own language's
    chat = PlainChat(io.StringIO(f"{yes}\n"), out, lang)
    chat.session = session
    assert chat.confirm_imported() is True
    listed = out.getvalue().split(f"({NOTICE}):", 1)[1]  # the file's own name is not an answer's
    assert not FILE_WORDS.search(listed), FILE_WORDS.findall(listed)
    assert f"1) {business_name}\n     Liikuntakeskus Voimala Oy\n" in listed
    transfers = _(load_questionnaire().question("transfers_outside_eea").prompt, lang)
    assert f"{transfers}\n     {no}\n" in listed  # a yes/no as a word, not `false`


@pytest.mark.parametrize(("lang", "kind"), [("en", "“Analytics”"), ("fi", "”Analytiikka”"), ("sv", "”Analys”")])
def test_a_kind_of_cookie_is_named_as_the_cookie_question_offers_it(lang: str, kind: str, tmp_path: Path) -> None:
    answers = webshop()
    answers["cookies"]["lifetimes"][0]["purposes"] = []
    session = Session(tmp_path / "a.yaml", Interview.start(answers=answers), lang, lang)
    (message,) = [finding.message for finding in session.findings(lang) if finding.target and finding.target[0] == "cookie_lifetimes"]
    assert message.startswith(kind) or f" {kind} " in message
    assert "analytics" not in message


ASKED_PARTS = sorted({question.field.split(".")[0] for _section, question in load_questionnaire().questions()})


@pytest.mark.parametrize("part", ASKED_PARTS)
def test_a_part_missing_as_a_whole_is_named_by_its_first_question(part: str, tmp_path: Path) -> None:
    """A file that lacks a whole part (`notice:`) is not told "this needs an answer: this answer"."""
    answers = webshop()
    answers.pop(part, None)
    session = Session(tmp_path / "a.yaml", Interview.start(answers=answers), "fi", "fi")
    for finding in session.findings("fi"):
        assert finding.target is not None, finding.message
        assert _("this answer", "fi") not in finding.message
        assert not FILE_WORDS.search(finding.message + finding.hint), finding.message


def test_the_missing_notice_part_names_its_first_question(tmp_path: Path) -> None:
    answers = webshop()
    del answers["notice"]
    session = Session(tmp_path / "a.yaml", Interview.start(answers=answers), "fi", "fi")
    (finding,) = [finding for finding in session.findings("fi") if finding.severity == "error"]
    first = _(load_questionnaire().question("notice_changes").prompt, "fi")
    assert finding.message == f"Tähän tarvitaan vastaus: ”{first}”"
    assert finding.target == ("notice_changes", None)


def test_a_finding_about_a_purpose_names_it_by_its_description_not_its_id(tmp_path: Path) -> None:
    answers = webshop()
    consent = next(purpose for purpose in answers["purposes"] if purpose["basis"] == "consent")
    del consent["consent_withdrawal"]
    session = Session(tmp_path / "a.yaml", Interview.start(answers=answers), "fi", "fi")
    (finding,) = [finding for finding in session.findings("fi") if finding.severity == "error"]
    description = consent["description"]["fi"] if isinstance(consent["description"], dict) else consent["description"]
    assert description in finding.message and consent["id"] not in finding.message


def test_a_purpose_no_data_category_uses_is_warned_of_by_check_and_in_the_review(tmp_path: Path) -> None:
    from wizard.check import check_data

    answers = webshop()
    for category in answers["personal_data"]:
        category["purposes"] = [ref for ref in category["purposes"] if ref != "analytics"]
    analytics = next(purpose for purpose in answers["purposes"] if purpose["id"] == "analytics")
    (warned,) = [d for d in check_data(answers).diagnostics if d.code == "purpose_without_data"]
    assert warned.severity == "warning" and warned.params["purpose"] == "analytics"
    session = Session(tmp_path / "a.yaml", Interview.start(answers=answers), "fi", "fi")
    (finding,) = [finding for finding in session.findings("fi") if analytics["description"]["fi"] in finding.message]
    assert finding.message.startswith("Mitään säilyttämääsi tietoa ei käytetä käyttötarkoitukseen")
    assert finding.target == ("personal_data", None) and finding.hint.startswith("Muuta vastausta kysymykseen ”Millaisia tietoja")
