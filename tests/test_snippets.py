"""`seloste snippets`: the texts for the point of collection say what the notice says (every purpose they name is
in the notice with the same legal basis, every kind of cookie they ask consent for is one the notice asks
consent for), link to the notice only when its address is given, and spell as the notice does."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from strategies import answers_dicts
from test_language import allowed_words, unknown_english, unknown_finnish, unknown_swedish, words

from wizard.check import check_bytes, check_data
from wizard.cli import run
from wizard.examples import EXAMPLES, example_text
from wizard.languages import CODES
from wizard.localtext import localize
from wizard.notice import escape_markdown, labels
from wizard.render import build_notice
from wizard.snippets import render_snippets, snippets_of

BASIS_LINE = {"en": "Legal basis", "fi": "Oikeusperuste", "sv": "Rättslig grund"}  # the notice's line under a purpose
CONSENT_HEADING = {"en": "Consent tick boxes", "fi": "Suostumusruudut", "sv": "Kryssrutor för samtycke"}


def cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def notice_bases(notice: str, description: str, lang: str) -> set[str]:
    """The legal bases the notice's purposes section gives a purpose described as `description` (two purposes
    may be described alike)."""
    return set(re.findall(rf"^- (?:\*\*)?{re.escape(escape_markdown(description))}(?:\*\*)?\n  - {BASIS_LINE[lang]}: (.+?) \(", notice, re.M))


def assert_agrees_with_the_notice(report: Any, lang: str) -> None:
    notice = build_notice(report, lang, allow_incomplete=True).markdown
    text = render_snippets(report, lang)
    said = snippets_of(localize(report.multilingual, lang), None)
    names = labels(lang)["basis"]
    for purpose in said.form_purposes:
        basis = names[purpose.basis]["name"]
        assert f"{escape_markdown(purpose.description)} ({BASIS_LINE[lang].lower()}: {escape_markdown(basis)})" in text
        assert escape_markdown(basis) in notice_bases(notice, purpose.description, lang), purpose.description
    for purpose in said.consent_purposes:
        assert escape_markdown(purpose.description) in text
        assert escape_markdown(names["consent"]["name"]) in notice_bases(notice, purpose.description, lang)
    for category in said.consent_cookies:  # in the notice: "- Analytics cookies, ..." and its basis below it
        label = labels(lang)["cookie_category"][category]
        assert label in text
        entry = re.search(rf"^- (?:\*\*)?{re.escape(label[:1].upper() + label[1:])}(?:\*\*)?\n(.*)", notice, re.M)
        assert entry and names["consent"]["article"] in entry.group(1), category  # Art. 6(1)(a)
    if said.marketing_reason == "consent":
        marketing = [p for p in said.form_purposes if p.direct_marketing and p.basis == "consent"]
        assert marketing and all(escape_markdown(names["consent"]["name"]) in notice_bases(notice, p.description, lang) for p in marketing)


@pytest.mark.parametrize("lang", CODES)
@pytest.mark.parametrize("name", EXAMPLES)
def test_every_purpose_a_text_names_is_in_the_notice_with_the_same_basis(name: str, lang: str) -> None:
    assert_agrees_with_the_notice(check_bytes(example_text(name).encode()), lang)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=answers_dicts())
def test_the_texts_of_any_answers_agree_with_their_notice(data: dict[str, Any]) -> None:
    for lang in CODES:
        assert_agrees_with_the_notice(check_data({**data, "language": lang}), lang)


@pytest.mark.parametrize("lang", CODES)
def test_the_texts_link_to_the_notice_only_when_its_address_is_given(tmp_path: Path, lang: str) -> None:
    answers = tmp_path / "webshop.yaml"
    answers.write_text(example_text("webshop"), encoding="utf-8")
    code, without, _err = cli("snippets", str(answers), "--lang", lang)
    assert code == 0 and "](" not in without and "--notice-url" in without  # says what to add, links nowhere
    code, linked, _err = cli("snippets", str(answers), "--lang", lang, "--notice-url", "www.teelehti-kauppa.fi/tietosuoja")
    assert code == 0 and "--notice-url" not in linked
    assert linked.count("](https://www.teelehti-kauppa.fi/tietosuoja)") == 3  # under a form, in a footer, in a banner
    assert "## " in linked and CONSENT_HEADING[lang] in linked


def test_a_wrong_address_and_a_missing_file_are_refused_with_exit_2(tmp_path: Path) -> None:
    answers = tmp_path / "webshop.yaml"
    answers.write_text(example_text("webshop"), encoding="utf-8")
    code, out, err = cli("snippets", str(answers), "--lang", "en", "--notice-url", "not an address")
    assert (code, out) == (2, "") and "--notice-url" in err
    code, out, err = cli("snippets", str(tmp_path / "missing.yaml"), "--lang", "en")
    assert (code, out) == (2, "")


def test_a_business_without_consent_marketing_or_cookies_gets_only_the_form_s_text(tmp_path: Path) -> None:
    import yaml

    data = yaml.safe_load(example_text("consultancy"))
    assert not any(p["basis"] == "consent" for p in data["purposes"]) and "cookies" not in data
    text = render_snippets(check_data(data), "en")
    assert [line for line in text.splitlines() if line.startswith("## ")] == ["## Under a form"] + (
        ["## Footer of a marketing message"] if "direct_marketing" in data else []
    )


@pytest.mark.parametrize("name", EXAMPLES)
def test_the_texts_spell_correctly(name: str) -> None:
    report = check_bytes(example_text(name).encode())
    for lang, unknown in (("fi", unknown_finnish), ("en", unknown_english), ("sv", unknown_swedish)):
        allowed = allowed_words(lang, example_text(name))
        prose = re.sub(r"`[^`]*`", " ", render_snippets(report, lang))  # a command to type is no word to spell
        candidates = {w for w in words(prose) if w.casefold() not in allowed}
        assert [w for w in unknown(candidates) if w.casefold() not in allowed] == [], lang


def test_every_language_has_the_same_snippet_templates() -> None:
    folder = Path(__file__).resolve().parent.parent / "templates"
    found = {lang: sorted(p.name for p in (folder / lang / "snippets").glob("*.md.j2")) for lang in CODES}
    assert all(names == found[CODES[0]] and names for names in found.values()), found


def test_a_box_for_special_categories_asks_explicit_consent_and_names_them() -> None:
    import yaml

    data = yaml.safe_load(example_text("training"))
    diet = next(s for s in data["special_categories"] if s["condition"] == "explicit_consent")
    report = check_data(data)
    for lang, words_ in (("en", "I explicitly agree that"), ("fi", "Annan nimenomaisen suostumukseni")):
        boxes = [line for line in render_snippets(report, lang).splitlines() if line.startswith("- ☐")]
        explicit = [box for box in boxes if words_ in box]
        assert len(explicit) == 1 and escape_markdown(diet["description"][lang]) in explicit[0]
        assert len(boxes) == sum(1 for p in data["purposes"] if p["basis"] == "consent")
