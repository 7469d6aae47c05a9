"""The first layer (WP260 rev.01 §§ 35-38): the essentials at the top of every notice, true for the answers.

It names exactly the things a reader would not expect that the answers say (a transfer outside the EU/EEA and
to where, automated decisions, profiling, special categories, data from other sources, direct marketing) and
nothing else; the right to object and the marketing opt-out stand in a box of their own when they apply.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from babel import Locale
from hypothesis import given
from markdown_it import MarkdownIt
from strategies import answers_dicts
from test_properties import flat, markdown_text, notice_of

from wizard.answers import Answers
from wizard.check import check_bytes
from wizard.examples import EXAMPLES, example_text
from wizard.formats import render_format
from wizard.languages import CODES, language
from wizard.law import LegalBasis, is_in_eea
from wizard.localtext import localize
from wizard.notice import labels
from wizard.render import build_notice

COMMONMARK = MarkdownIt("commonmark", {"html": False})
WORD = re.compile(r"[^\W\d_]+")

# The bold lead of each unexpected item, and of each part of the box, as each language's template writes it.
LEADS = {
    "fi": {
        "Siirrot EU:n ja ETA:n ulkopuolelle:": "transfers",
        "Automaattiset päätökset:": "automated_decisions",
        "Profilointi:": "profiling",
        "Erityiset henkilötietoryhmät:": "special_categories",
        "Muualta saadut tiedot:": "other_sources",
        "Suoramarkkinointi:": "direct_marketing",
        "Voit vastustaa käsittelyä.": "box_objection",
        "Voit vastustaa suoramarkkinointia.": "box_marketing",
    },
    "en": {
        "Transfers outside the EU/EEA:": "transfers",
        "Automated decisions:": "automated_decisions",
        "Profiling:": "profiling",
        "Special categories of data:": "special_categories",
        "Data from other sources:": "other_sources",
        "Direct marketing:": "direct_marketing",
        "You can object.": "box_objection",
        "You can refuse direct marketing.": "box_marketing",
    },
    "sv": {
        "Överföringar utanför EU/EES:": "transfers",
        "Automatiserade beslut:": "automated_decisions",
        "Profilering:": "profiling",
        "Särskilda kategorier av personuppgifter:": "special_categories",
        "Uppgifter från andra källor:": "other_sources",
        "Direktmarknadsföring:": "direct_marketing",
        "Du kan invända mot behandlingen.": "box_objection",
        "Du kan invända mot direktmarknadsföring.": "box_marketing",
    },
}
# The lead of the list of unexpected items, there only when one applies.
NOTE = {"fi": "Huomaa.", "en": "Please note.", "sv": "Observera särskilt:"}
# The fixed leads every first layer has, in its order.
ALWAYS = {
    "fi": ["Kuka käsittelee tietojasi?", "Mihin käytämme tietojasi?", "Oikeutesi."],
    "en": ["Who we are.", "What we use your data for.", "Your rights."],
    "sv": ["Vem behandlar dina uppgifter?", "Vad använder vi dina uppgifter till?", "Dina rättigheter."],
}


def unexpected_items(answers: Answers) -> set[str]:
    """What the answers say that a reader would not expect, worked out from the answers alone."""
    items = set()
    if any(r.country is not None and not is_in_eea(r.country) for r in answers.recipients):
        items.add("transfers")
    if answers.automated_decisions.used:
        items.add("automated_decisions")
    if answers.automated_decisions.other_profiling:
        items.add("profiling")
    if answers.special_categories:
        items.add("special_categories")
    if answers.sources.from_other_sources or answers.sources.other_sources or answers.other_people:
        items.add("other_sources")
    if answers.direct_marketing is not None or any(p.direct_marketing for p in answers.purposes):
        items |= {"direct_marketing", "box_marketing"}
    grounds = (LegalBasis.legitimate_interests, LegalBasis.public_task)
    if any(p.basis in grounds and not p.direct_marketing for p in answers.purposes):
        items.add("box_objection")
    return items


def first_layer(notice: Any) -> str:
    return dict(notice.sections)["in_brief"]


def leads(markdown: str) -> list[tuple[str, bool, str]]:
    """Each bold lead of the first layer: its text, whether it is in the box, and the text of its block."""
    found = []
    boxed = False
    tokens = COMMONMARK.parse(markdown)
    for token in tokens:
        if token.type in ("blockquote_open", "blockquote_close"):
            boxed = token.type == "blockquote_open"
        children = [c for c in token.children or [] if c.type != "text" or c.content]
        if token.type != "inline" or not children or children[0].type != "strong_open":
            continue
        lead = "".join(c.content for c in children[1 : [c.type for c in children].index("strong_close")])
        found.append((lead, boxed, flat("".join(c.content for c in children if c.type in ("text", "text_special")))))
    return found


def country_name(code: str, lang: str) -> str:
    own = labels(lang).get("country_name", {})
    return own.get(code) or Locale.parse(language(lang).babel_locale).territories[code]


@pytest.mark.parametrize("lang", CODES)
@given(data=answers_dicts())
def test_first_layer_names_exactly_the_unexpected_items_that_apply(lang: str, data: dict[str, Any]) -> None:
    answers, notice = notice_of(data, lang)
    found = leads(first_layer(notice))
    named = [LEADS[lang][lead] for lead, _, _ in found if lead in LEADS[lang]]
    assert sorted(named) == sorted(unexpected_items(answers)), first_layer(notice)
    assert [lead for lead, _, _ in found if lead not in LEADS[lang] and lead != NOTE[lang]] == ALWAYS[lang]
    assert (NOTE[lang] in [lead for lead, _, _ in found]) == bool(set(named) - {"box_objection", "box_marketing"})
    # The box holds the right to object and the marketing opt-out, and nothing else.
    assert {LEADS[lang].get(lead) for lead, boxed, _ in found if boxed} <= {"box_objection", "box_marketing"}
    assert all(boxed for lead, boxed, _ in found if LEADS[lang].get(lead, "").startswith("box_"))
    if "transfers" in named:
        text = next(text for lead, _, text in found if LEADS[lang].get(lead) == "transfers")
        abroad = {r.country for r in answers.recipients if r.country is not None and not is_in_eea(r.country)}
        assert all(country_name(code, lang) in text for code in abroad), text
    if answers.direct_marketing is not None:
        box = next(text for lead, _, text in found if LEADS[lang].get(lead) == "box_marketing")
        assert flat(answers.direct_marketing.opt_out) in box


@pytest.mark.parametrize("lang", CODES)
@pytest.mark.parametrize("name", EXAMPLES)
def test_first_layer_opens_the_notice_before_the_details(name: str, lang: str) -> None:
    notice = build_notice(check_bytes(example_text(name).encode("utf-8")), lang)
    assert [clause for clause, _ in notice.sections[:2]] == ["title", "in_brief"]
    opening, _, details = notice.markdown.partition("\n---\n")
    assert first_layer(notice) in opening and "\n## " in details


@pytest.mark.parametrize("lang", CODES)
@pytest.mark.parametrize("name", EXAMPLES)
def test_first_layer_is_short(name: str, lang: str) -> None:
    """About 150-200 words of our own; the purposes and the way to refuse marketing are the business's words."""
    report = check_bytes(example_text(name).encode("utf-8"))
    notice = build_notice(report, lang)
    text = flat(markdown_text(first_layer(notice)))
    answers = localize(report.multilingual, lang)
    for own in [p.description for p in answers.purposes] + ([answers.direct_marketing.opt_out] if answers.direct_marketing else []):
        text = text.replace(flat(own), "")
    words = WORD.findall(re.sub(r"\S+@\S+|https?://\S+", " ", text))  # an address is not words to read
    assert 100 <= len(words) <= 200, text
