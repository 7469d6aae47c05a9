"""The notices spell-check clean: Finnish with Voikko, English with Hunspell (en_GB, the spelling of the
GDPR's English text), Swedish with Hunspell (sv_FI, Swedish as written in Finland). Only the answers' names (the business, people, addresses, companies) and the authority's
data are not checked: every text the answers give in a language is checked in that language's notice, so a
Finnish word left in the English notice fails. A few words the dictionaries lack are listed in
tests/fixtures/words-<lang>.txt, each reviewed.

On CI the checkers must be there (.ci/run installs them); elsewhere the test is skipped without them.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest

from wizard.check import check_bytes
from wizard.examples import EXAMPLES, example_text
from wizard.formats import render_format
from wizard.languages import CODES
from wizard.render import build_notice
from wizard.rules import texts
from wizard import localtext

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
ON_CI = os.environ.get("CI") == "true"

_WORD = re.compile(r"[^\W\d_]+(?:[-:'’][^\W\d_]+)*")


def _unavailable(reason: str) -> None:
    if ON_CI:
        pytest.fail(f"{reason}: .ci/run must install it")
    pytest.skip(reason)


def words(text: str) -> set[str]:
    text = re.sub(r"\S+@\S+|https?://\S+|\S+\.(fi|com|eu)\b\S*", " ", text)
    return set(_WORD.findall(text))


def allowed_words(lang: str, answers_text: str) -> set[str]:
    listed = [w for w in (FIXTURES / f"words-{lang}.txt").read_text(encoding="utf-8").splitlines() if w and not w.startswith("#")]
    authority = (ROOT / "templates" / "authority.yaml").read_text(encoding="utf-8")
    return {w.casefold() for w in names_in(answers_text) | words(authority) | set(listed)}


def names_in(answers_text: str) -> set[str]:
    """The words of the answers' names (the business, people, addresses, a recipient named as a company): the
    only words of the answers not checked. Texts written in a language are checked in the notice of it, so a
    Finnish word left in the English notice is caught."""
    answers = check_bytes(answers_text.encode("utf-8")).multilingual
    translated = {text.path for text in localtext.texts(answers) if not text.neutral or isinstance(text.value, dict)}
    return {word for path, value in texts(answers) if path[: len(path)] not in translated and not _under(path, translated) for word in words(value)}


def _under(path: tuple[Any, ...], translated: set[tuple[Any, ...]]) -> bool:
    return any(path[: len(prefix)] == prefix for prefix in translated)


def notice_text(name: str, lang: str) -> str:
    notice = build_notice(check_bytes(example_text(name).encode("utf-8")), lang)
    return render_format(notice.markdown, "txt", lang, notice.title).decode("utf-8")


@lru_cache(maxsize=1)
def voikko():
    try:
        import libvoikko

        return libvoikko.Voikko("fi")
    except Exception as error:  # the binding or the Finnish dictionary is missing
        _unavailable(f"Voikko is not available ({error})")


def unknown_finnish(candidates: set[str]) -> list[str]:
    checker = voikko()
    unknown = []
    for word in sorted(candidates):
        parts = word.split("-")
        if not (checker.spell(word) or all(checker.spell(part) for part in parts if part)):
            unknown.append(word)
    return unknown


def unknown_to_hunspell(dictionary: str, candidates: set[str]) -> list[str]:
    if shutil.which("hunspell") is None or not Path(f"/usr/share/hunspell/{dictionary}.dic").exists():
        _unavailable(f"hunspell with the {dictionary} dictionary is not installed")
    result = subprocess.run(
        ["hunspell", "-d", dictionary, "-l"], input="\n".join(sorted(candidates)), capture_output=True, text=True, check=True
    )
    return sorted(set(result.stdout.split()))


def unknown_english(candidates: set[str]) -> list[str]:
    return unknown_to_hunspell("en_GB", candidates)


def unknown_swedish(candidates: set[str]) -> list[str]:
    return unknown_to_hunspell("sv_FI", candidates)


@pytest.mark.parametrize("name", EXAMPLES)
def test_finnish_notice_spells_correctly(name: str) -> None:
    allowed = allowed_words("fi", example_text(name))
    candidates = {w for w in words(notice_text(name, "fi")) if w.casefold() not in allowed}
    assert unknown_finnish(candidates) == []


@pytest.mark.parametrize("name", EXAMPLES)
def test_english_notice_spells_correctly(name: str) -> None:
    allowed = allowed_words("en", example_text(name))
    candidates = {w for w in words(notice_text(name, "en")) if w.casefold() not in allowed}
    assert [w for w in unknown_english(candidates) if w.casefold() not in allowed] == []


@pytest.mark.parametrize("name", EXAMPLES)
def test_swedish_notice_spells_correctly(name: str) -> None:
    allowed = allowed_words("sv", example_text(name))
    candidates = {w for w in words(notice_text(name, "sv")) if w.casefold() not in allowed}
    assert [w for w in unknown_swedish(candidates) if w.casefold() not in allowed] == []


# --- readability: short sentences, and none of the wordings a legal and language review struck out -----------------

# Words in a sentence the notice itself writes (sentences with the business's own text are the business's own).
LONGEST_SENTENCE = {"fi": 32, "en": 38, "sv": 38}
BANNED = {
    "fi": [
        "kuten profilointiin",  # the regulation says "profilointi mukaan luettuna"
        "kieltää suoramarkkinoin",  # the repealed Personal Data Act's word; the GDPR's is "vastustaa"
        "Oikeus kieltää",
        "Iso-Britannia",  # the EU's Finnish texts say "Yhdistynyt kuningaskunta"
        "nimenomaisesti julkistanut",  # Art. 9(2)(e) says "ilmeisesti saattanut julkisiksi"
        "henkilökohtaiseen erityiseen tilanteeseesi",
        "lapset ymmärtävät",
    ],
    "en": [
        "member state",  # "Member State", as the GDPR writes it
        "from you yourself",
        "affect you similarly significantly",
        "is bound by a data processing agreement",
        "understood by them too",
        "for information about this assessment",
    ],
    "sv": [
        "personuppgiftslagen",  # the repealed Personal Data Act (523/1999): rights rest on the GDPR and dataskyddslagen
        "Storbritannien",  # the EU's Swedish texts say "Förenade kungariket"
        "Datainspektionen",  # Sweden's old authority (now IMY), or Åland's: never Finland's
        "registerbeskrivning",  # the old Personal Data Act's document; the GDPR's duty is to inform
    ],
}


def own_sentences(name: str, lang: str) -> list[str]:
    """The sentences of an example's notice that contain none of the business's own text."""
    report = check_bytes(example_text(name).encode("utf-8"))
    assert report.answers is not None
    written = [value for text in localtext.texts(report.multilingual) for value in (text.value.values() if isinstance(text.value, dict) else [text.value])]
    user_texts = [" ".join(text.split()) for text in [*written, *(text for _, text in texts(report.answers))] if len(text) > 3]
    sentences = []
    for line in build_notice(report, lang).markdown.splitlines():
        if line.startswith("|"):  # a row of the table of the processing: cells, not sentences
            continue
        line = re.sub(r"[*\\]|^\s*(?:-|#+)\s*", "", line)
        for sentence in re.split(r"(?<=[.!?])\s+(?=[A-ZÄÖÅ\"”(])", line):
            if sentence and not any(text in sentence for text in user_texts):
                sentences.append(sentence)
    return sentences


@pytest.mark.parametrize("lang", CODES)
@pytest.mark.parametrize("name", EXAMPLES)
def test_the_notice_s_own_sentences_are_short(name: str, lang: str) -> None:
    too_long = [s for s in own_sentences(name, lang) if len(s.split()) > LONGEST_SENTENCE[lang]]
    assert too_long == []


@pytest.mark.parametrize("lang", CODES)
@pytest.mark.parametrize("name", EXAMPLES)
def test_the_notice_uses_none_of_the_struck_out_wordings(name: str, lang: str) -> None:
    text = notice_text(name, lang)
    flat = " ".join(text.split())
    found = [phrase for phrase in BANNED[lang] if phrase in flat]  # case matters: "Member State" is right
    assert found == []


@pytest.mark.parametrize("name", EXAMPLES)
def test_the_regulations_term_for_compelling_grounds_stands_only_in_brackets_after_the_plain_words(name: str) -> None:
    """Art. 21(1) says "huomattavan tärkeä ja perusteltu syy": the notice says "erittäin painava syy" and gives the
    regulation's words in brackets after the plain one, as it does for other legal terms, before the noun they share
    ("erittäin painava (huomattavan tärkeä ja perusteltu) syy, joka ..."), so no "syy (... syy)" and the clause
    after it belongs to the noun."""
    flat = " ".join(notice_text(name, "fi").split())
    plain = re.findall(r"erittäin painava(?:a)? \(huomattavan tärkeä(?:ä)? ja perusteltu(?:a)?\) sy(?:y|ytä)\b", flat)
    assert plain and len(plain) == flat.count("huomattavan tärkeä")


def test_the_checker_catches_the_old_generators_typos() -> None:
    """The test would fail on the misspellings found in old notices."""
    assert unknown_finnish({"luottihakemukseen", "tietosuojasetuksen", "riorganisaation", "asiakasrekisteri"}) == [
        "luottihakemukseen",
        "riorganisaation",
        "tietosuojasetuksen",
    ]
