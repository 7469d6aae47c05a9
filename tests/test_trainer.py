"""Trainer mode: every question has a card with its articles, an old notice's mistake quoted as a "before"
line, and a question for the room, in every language; the chat shows it beside the question and F7 or
/trainer toggles it."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pytest
import yaml

from wizard.i18n import translations
from wizard.languages import CODES, SOURCE_LANGUAGE, language
from wizard.questionnaire import load_questionnaire
from wizard.resources import data_dir
from wizard.trainer import CARDS_FILE, CardsProblem, card_lines, load_cards

QUESTION_IDS = tuple(question.id for _section, question in load_questionnaire().questions())
# what contact details look like: none may appear in a quotation from a real business's notice
CONTACT_DETAILS = {
    "e-mail": re.compile(r"@|\(at\)|\[at\]"),
    "web address": re.compile(r"https?://|www\.|\.(fi|com|eu|net)\b"),
    "phone number": re.compile(r"\+?\d[\d ]{6,}\d"),
    "business ID": re.compile(r"\b\d{7}-\d\b"),
    "business name": re.compile(r"\b(Oy|Oyj|Ab|Ky|Tmi|ry)\b"),
}


def test_every_question_of_the_interview_has_exactly_one_card() -> None:
    cards = load_cards()
    assert sorted(cards.by_question) == sorted(QUESTION_IDS)
    counted = [question_id for card in cards.cards for question_id in card.questions]
    assert len(counted) == len(set(counted))


def test_each_card_names_articles_a_mistake_a_quoted_line_and_a_question_for_the_room() -> None:
    for card in load_cards().cards:
        assert "Art." in card.article, card.id
        assert card.known_mistake is None or 1 <= card.known_mistake <= 18
        assert card.mistake.strip() and "?" in card.ask_the_room, card.id
        assert card.before.heading or card.before.text
        assert card.before.translation and all(text.strip() for text in card.before.translation.values())


def test_the_quoted_lines_are_template_wording_with_no_business_s_name_or_contact_details() -> None:
    for card in load_cards().cards:
        quoted = " ".join(part for part in (card.before.heading, card.before.text) if part)
        for what, pattern in CONTACT_DETAILS.items():
            assert not pattern.search(quoted), f"card {card.id} quotes what looks like a {what}: {quoted}"
        assert len(quoted) <= 160, f"card {card.id}: a quotation should be a short line"


@pytest.mark.parametrize("lang", CODES)
def test_a_card_reads_in_the_conversation_language_with_the_quotation_marked_and_kept_in_finnish(lang: str) -> None:
    card = load_cards().for_question("rights_how")
    assert card is not None
    lines = dict(card_lines(card, lang))
    in_lang = translations(lang).gettext
    for kind, text in (("title", card.title), ("mistake", card.mistake), ("ask", card.ask_the_room)):
        assert lines[kind] == in_lang(text)
        assert (lines[kind] == text) == (lang == SOURCE_LANGUAGE), f"{kind} is not in the conversation language"
    opening, closing = language(lang).quotes
    assert lines["quote"] == f"{opening}{card.before.text}{closing}"
    # our rendering only where the reader needs one: a conversation in a language it was translated into
    assert lines.get("translation") == (
        f"{language(lang).in_native}: {card.before.translation[lang]}" if lang in card.before.translation else None
    )
    if lang == "fi":
        assert lines["before"] == "Ennen: lainaus vanhasta selosteesta"
        assert "translation" not in lines
    if lang == "en":
        assert lines["quote"].startswith("“") and lines["translation"].startswith("In English: ")


def test_an_empty_heading_is_quoted_as_such() -> None:
    card = next(card for card in load_cards().cards if card.before.empty)
    quote = dict(card_lines(card, "en"))["quote"]
    assert quote.startswith(f"“{card.before.heading}”") and "nothing under it" in quote


def _cards_folder(tmp_path: Path, edit: callable) -> Path:  # type: ignore[valid-type]
    folder = tmp_path / "questions"
    (folder / CARDS_FILE).parent.mkdir(parents=True)
    data = yaml.safe_load((data_dir("questions") / CARDS_FILE).read_text(encoding="utf-8"))
    edit(data["cards"])
    (folder / CARDS_FILE).write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return folder


def test_a_question_without_a_card_is_caught_when_the_cards_load(tmp_path: Path) -> None:
    folder = _cards_folder(tmp_path, lambda cards: cards[0]["questions"].remove("controller_type"))
    with pytest.raises(CardsProblem, match="question controller_type has no card"):
        load_cards(folder, QUESTION_IDS)


def test_a_card_for_a_question_that_does_not_exist_or_twice_is_caught(tmp_path: Path) -> None:
    def edit(cards: list) -> None:
        cards[0]["questions"].append("controler_name")
        cards[1]["questions"].append("controller_name")

    with pytest.raises(CardsProblem) as caught:
        load_cards(_cards_folder(tmp_path, edit), QUESTION_IDS)
    assert "there is no question controler_name" in str(caught.value)
    assert "question controller_name is on two cards" in str(caught.value)


def test_a_translation_into_a_language_seloste_does_not_speak_is_caught(tmp_path: Path) -> None:
    folder = _cards_folder(tmp_path, lambda cards: cards[0]["before"]["translation"].update(xx="Henkilötiedot"))
    with pytest.raises(CardsProblem, match=r"translation.*no such language: xx"):
        load_cards(folder, QUESTION_IDS)


def test_a_broken_cards_file_says_which_file_and_why(tmp_path: Path) -> None:
    folder = _cards_folder(tmp_path, lambda cards: cards[2].pop("ask_the_room"))
    with pytest.raises(CardsProblem, match=r"cards\.yaml.*ask_the_room"):
        load_cards(folder, QUESTION_IDS)
    shutil.rmtree(folder)
    with pytest.raises(CardsProblem, match="cards.yaml"):
        load_cards(folder, QUESTION_IDS)


# --- the command line and the plain mode ------------------------------------------------------------------------


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SELOSTE_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


def seloste(*argv: str, stdin: str = "") -> tuple[int, str, str]:
    from wizard.cli import run

    out, err = io.StringIO(), io.StringIO()
    code = run(list(argv), stdout=out, stderr=err, stdin=io.StringIO(stdin))
    return code, out.getvalue(), err.getvalue()


def test_an_unknown_example_is_refused_with_the_list_of_examples(home: Path) -> None:
    code, _out, err = seloste("--lang", "en", "--example", "bakery")
    assert code == 2
    assert "There is no example called bakery" in err and "webshop" in err and "salon" in err
    assert not home.exists(), "nothing was started or saved"


def test_an_example_and_an_answers_file_together_are_refused(home: Path, tmp_path: Path) -> None:
    code, _out, err = seloste("--lang", "fi", "--example", "salon", "--answers", str(tmp_path / "a.yaml"))
    assert code == 2 and "--example" in err and "--answers" in err


@pytest.mark.parametrize(
    ("lang", "card", "next_card"),
    [
        ("1", "Kouluttajan kortti: Kuka vastaa tiedoista", "Miten teidät tavoittaa"),
        ("2", "Trainer card: Who is responsible", "How people reach you"),
    ],
)
def test_the_plain_mode_prints_each_card_once_before_its_questions(home: Path, lang: str, card: str, next_card: str) -> None:
    # the conversation language, the notice language, then Enter accepts the example's answers
    code, out, _err = seloste("--plain", "--trainer", "--example", "salon", stdin=lang + "\n\n" + "\n" * 5)
    assert code == 1  # input ended before the end: the answers are saved
    assert out.count(card) == 1, "one card for the four questions about who is responsible"
    assert out.index(card) < out.index("(1/") and next_card in out
    quoted = "”Henkilötietoja käsitellään henkilötietolain" if lang == "1" else "“Henkilötietoja käsitellään henkilötietolain"
    assert quoted in out
    assert ("In English:" in out) == (lang == "2")


def test_slash_trainer_turns_the_cards_on_and_off_in_the_plain_mode(home: Path) -> None:
    code, out, _err = seloste("--lang", "en", "--plain", "--example", "salon", stdin="2\n\n/trainer\n/trainer\n")
    assert code == 1
    assert out.count("-- Trainer card: Who is responsible --") == 1
    assert "Trainer cards off." in out
