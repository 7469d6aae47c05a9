"""Properties of the notice over many generated answers files (tests/strategies.py).

Whatever a business answers, as long as `seloste check` finds no error: the notice in Finnish and in English
gives every applicable GDPR item, has no empty section and nothing left over from a template, states the
business's own facts as typed, and renders as Markdown, an HTML page, plain text and a Word document in which
no user text has become markup or a link.

The number of examples comes from the hypothesis profile in tests/conftest.py; run
`pytest tests/test_properties.py --hypothesis-profile=thorough` for a deeper search.
"""

from __future__ import annotations

import copy
import io
import re
import zipfile
from html.parser import HTMLParser
from typing import Any

import docx
import pytest
from docx.opc.constants import RELATIONSHIP_TYPE
from hypothesis import given, settings
from markdown_it import MarkdownIt
from strategies import NOTICE_LEAKS, answers_dicts

from wizard.answers import Answers, Retention
from wizard.check import Report, check_bytes, check_data
from wizard.coverage import missing
from wizard.formats import render_format
from wizard.languages import CODES
from wizard.law import LegalBasis, is_in_eea
from wizard.loader import dump
from wizard.localtext import texts
from wizard.notice import transfers_of
from wizard.render import Notice, assess_report, build_notice

LANGUAGES = CODES

# Every element the HTML page's own layout and the Markdown of a notice make; anything else came from user text.
PAGE_TAGS = frozenset(
    "html head meta title style body main nav section h1 h2 h3 h4 p ul ol li a strong em div table thead tbody tr th td span".split()
)
SAFE_LINK_PREFIXES = ("#", "mailto:", "https://", "http://", "tel:")
COMMONMARK = MarkdownIt("commonmark", {"html": False})


def errors_of(report: Report) -> list[tuple[str, str, Any]]:
    return [(d.code, ".".join(map(str, d.path)), d.params.get("value")) for d in report.errors]


def valid_report(data: dict[str, Any]) -> Report:
    report = check_data(data)
    assert report.answers is not None and not report.errors, errors_of(report)
    return report


def flat(text: str) -> str:
    """Text with every run of whitespace made one space: how a wrapped or reflowed line compares."""
    return " ".join(text.split())


# The free text each basis states in the notice; a detail given under another basis is left out (a warning).
BASIS_DETAILS = {
    LegalBasis.contract: ("contract",),
    LegalBasis.legal_obligation: ("law",),
    LegalBasis.public_task: ("law",),
    LegalBasis.legitimate_interests: ("legitimate_interest",),
    LegalBasis.consent: ("consent_how_asked", "consent_withdrawal"),
    LegalBasis.vital_interests: ("vital_interest",),
}


def retention_texts(retention: Retention | None) -> list[str | None]:
    return [retention.period, retention.criteria] if retention else []


def key_facts(answers: Answers) -> list[str]:
    """Everything a reader must find in the notice exactly as the business typed it."""
    a = answers
    facts: list[str | None] = [a.controller.name, a.controller.street_address, a.controller.city]
    if not a.privacy_contact.same_as_controller:
        facts.append(a.privacy_contact.name)
    facts += [a.processing.name, a.processing.description, *a.processing.data_subjects]
    for purpose in a.purposes:
        facts += [purpose.description, *retention_texts(purpose.retention)]
        facts += [getattr(purpose, detail) for detail in BASIS_DETAILS[purpose.basis]]
    for category in a.personal_data:
        facts += [category.name, category.description]
        if any(rule is category.retention for rule in retention_rules_applied(a)):
            facts += retention_texts(category.retention)
    facts += [item.description for item in a.special_categories]
    if a.criminal_data:
        facts += [a.criminal_data.description, a.criminal_data.law]
    facts += [text for source in a.sources.other_sources for text in (source.name, source.description)]
    if a.provision and a.sources.from_data_subject:
        facts.append(a.provision.consequences)
    for recipient in a.recipients:
        facts += [recipient.name, recipient.service]
    facts += [r.transfer.safeguards_copy for r in transfers_of(a) if r.transfer]
    if any(rule is a.retention for rule in retention_rules_applied(a)):
        facts += retention_texts(a.retention)
    facts += [text for joint in a.joint_controllers for text in (joint.name, joint.contact, joint.arrangement)]
    if a.automated_decisions.used:
        facts += [a.automated_decisions.logic, a.automated_decisions.significance, a.automated_decisions.consequences]
    if a.cookies and a.cookies.used:
        facts += [*a.cookies.tools, a.cookies.how_to_manage]
    if a.direct_marketing:
        facts.append(a.direct_marketing.opt_out)
    if a.security:
        facts.append(a.security.description)
    facts.append(a.rights.how)
    # Each paragraph of a text on its own: a paragraph the notice shows as a sentence gets its full stop.
    return [flat(block) for fact in facts if fact is not None for block in re.split(r"\n\s*\n", fact) if flat(block)]


def retention_rules_applied(answers: Answers) -> list[Retention]:
    """The retention rule that applies to each data category for each of its purposes: the purpose's own, else
    the category's, else the general one; for a category with no purpose or a purpose with no category, its
    own rule or the general one. A rule no data fall under is not shown."""
    purposes = {p.id: p for p in answers.purposes}
    applied: list[Retention | None] = []
    for category in answers.personal_data:
        linked = [purposes[ref] for ref in category.purposes if ref in purposes]
        applied += [p.retention or category.retention or answers.retention for p in linked]
        if not linked:
            applied.append(category.retention or answers.retention)
    for purpose in answers.purposes:
        if not any(purpose.id in c.purposes for c in answers.personal_data):
            applied.append(purpose.retention or answers.retention)
    return [rule for rule in applied if rule is not None]


def missing_facts(answers: Answers, shown: str) -> list[str]:
    """The facts not shown as typed; a text that stands as a sentence of its own may begin with a capital."""
    shown = flat(shown)
    return [fact for fact in key_facts(answers) if fact not in shown and fact[:1].upper() + fact[1:] not in shown]


def inline_text(inline: Any) -> str:
    """What a reader sees of one block's text: escapes and entities resolved, markup gone."""
    parts = []
    for child in inline.children or []:
        if child.type in ("text", "text_special", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return "".join(parts)


def markdown_text(markdown: str) -> str:
    return "\n".join(inline_text(token) for token in COMMONMARK.parse(markdown) if token.type == "inline")


def first_heading(markdown: str) -> str:
    tokens = COMMONMARK.parse(markdown)
    opening = next(index for index, token in enumerate(tokens) if token.type == "heading_open")
    return flat(inline_text(tokens[opening + 1]))


def empty_headings(markdown: str) -> list[str]:
    """Headings with no text, or followed straight by another heading or by the end of the notice."""
    tokens = [t for t in COMMONMARK.parse(markdown) if t.level == 0 or t.type == "inline"]
    found = []
    for index, token in enumerate(tokens):
        if token.type != "heading_open":
            continue
        text = tokens[index + 1].content.strip()
        following = tokens[index + 3] if index + 3 < len(tokens) else None
        if not text or following is None or following.type == "heading_open":
            found.append(f"{token.markup} {text}")
    return found


class Page(HTMLParser):
    """Every start tag with its attributes, and the text a reader sees inside <main>."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.starts: list[tuple[str, dict[str, str | None]]] = []
        self.main_text: list[str] = []
        self._in_main = False
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.starts.append((tag, dict(attrs)))
        self._in_main = self._in_main or tag == "main"

    def handle_endtag(self, tag: str) -> None:
        if tag == "main":
            self._in_main = False

    def handle_data(self, data: str) -> None:
        if self._in_main:
            self.main_text.append(data)


def notice_of(data: dict[str, Any], lang: str) -> tuple[Answers, Notice]:
    """The notice in `lang` of answers whose texts were typed in `lang`."""
    report = valid_report({**data, "language": lang})
    assert report.answers is not None
    return report.answers, build_notice(report, lang)


def in_every_language(data: dict[str, Any]) -> dict[str, Any]:
    """`data` with each translatable text given by language, as a word that names its language and place."""
    data = copy.deepcopy(data)
    for number, text in enumerate(texts(valid_report(data).multilingual)):
        *parents, last = text.path
        holder: Any = data
        for part in parents:
            holder = holder[part]
        holder[last] = {lang: f"{lang}word{number}x" for lang in LANGUAGES}
    return data


# --- the strategy itself --------------------------------------------------------------------------------------


# Twice the examples of the other property tests, each of which checks its own examples with `check` too.
@settings(max_examples=2 * settings.default.max_examples)
@given(answers_dicts())
def test_generated_answers_pass_check_with_no_errors_also_as_a_yaml_file(data: dict[str, Any]) -> None:
    valid_report(data)
    from_file = check_bytes(dump(data).encode("utf-8"))
    assert from_file.answers is not None and not from_file.errors, errors_of(from_file)


# --- the notice's Markdown ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
@given(data=answers_dicts())
def test_notice_gives_every_applicable_item_and_nothing_is_left_over(lang: str, data: dict[str, Any]) -> None:
    report = valid_report(data)
    _, statuses = assess_report(report)
    assert not missing(statuses), [(s.item.id, s.clauses) for s in missing(statuses)]

    markdown = build_notice(valid_report({**data, "language": lang}), lang).markdown

    assert [leak for leak in NOTICE_LEAKS if leak in markdown] == [], markdown
    assert empty_headings(markdown) == [], markdown


@given(data=answers_dicts())
def test_no_text_of_one_language_lands_in_another_language_s_notice(data: dict[str, Any]) -> None:
    report = valid_report(in_every_language(data))

    for lang in LANGUAGES:
        markdown = build_notice(report, lang).markdown
        others = [other for other in LANGUAGES if other != lang]
        assert not re.search(rf"\b({'|'.join(others)})word\d+x", markdown), markdown
        assert f"{lang}word0x" in markdown  # the processing's own name, in the notice's title


@pytest.mark.parametrize("lang", LANGUAGES)
@given(data=answers_dicts())
def test_notice_states_the_business_facts_as_typed(lang: str, data: dict[str, Any]) -> None:
    answers, notice = notice_of(data, lang)
    assert missing_facts(answers, markdown_text(notice.markdown)) == [], notice.markdown


@pytest.mark.parametrize("lang", LANGUAGES)
@given(data=answers_dicts())
def test_title_names_the_processing_as_typed_and_is_plain_text(lang: str, data: dict[str, Any]) -> None:
    answers, notice = notice_of(data, lang)
    heading = first_heading(notice.markdown)
    assert flat(answers.processing.name) in heading
    assert notice.title == heading  # the HTML <title> and the Word title show it as it is, not as Markdown


# --- sentences -------------------------------------------------------------------------------------------------

GFM = MarkdownIt("commonmark", {"html": False}).enable("table")
# Lines of a label and a value, not sentences: the title's and the processing's name.
LABEL_LINES = {
    "fi": ("Rekisterinpitäjä: ", "Päiväys: ", "Käsittelyn nimi: "),
    "en": ("Date: ", "Name of the processing: "),
    "sv": ("Personuppgiftsansvarig: ", "Datum: ", "Behandlingens namn: "),
}
SENTENCE_END = re.compile(r"[.!?…:][\"'”’»)\]]*$")


def unfinished_paragraphs(markdown: str, lang: str) -> list[str]:
    """Paragraphs that do not read as sentences: a lowercase first letter, or no full stop (or ! ? …) at the
    end. A paragraph that leads into a list may end with its opening words; a label line is not a sentence."""
    tokens = GFM.parse(markdown)
    found = []
    for index, token in enumerate(tokens):
        if token.type != "paragraph_open" or token.hidden:  # hidden: a list item's own text
            continue
        text = flat(inline_text(tokens[index + 1]))
        following = next((t for t in tokens[index + 3 :] if t.type != "paragraph_close"), None)
        if following is not None and following.type in ("bullet_list_open", "ordered_list_open"):
            continue
        if text.startswith(LABEL_LINES[lang]):
            continue
        if text[:1] != text[:1].upper() or not SENTENCE_END.search(text):  # "º" has no capital: it may begin one
            found.append(text)
    return found


@pytest.mark.parametrize("lang", LANGUAGES)
@given(data=answers_dicts())
def test_every_paragraph_reads_as_a_sentence_with_the_user_s_words_as_typed(lang: str, data: dict[str, Any]) -> None:
    """The user's texts end paragraphs or stand as paragraphs: a capital first letter and a final full stop
    are added where missing; the words stay as typed (test_notice_states_the_business_facts_as_typed)."""
    _, notice = notice_of(data, lang)
    assert unfinished_paragraphs(notice.markdown, lang) == []


# --- every output format ----------------------------------------------------------------------------------------


def check_html_page(html: str, answers: Answers) -> None:
    page = Page(html)
    tags = {tag for tag, _ in page.starts}
    assert tags <= PAGE_TAGS, f"elements from user text: {sorted(tags - PAGE_TAGS)}"
    for tag, attrs in page.starts:
        assert not [name for name in attrs if name.startswith("on")], (tag, attrs)
        if tag == "a":
            assert (attrs.get("href") or "").startswith(SAFE_LINK_PREFIXES), attrs
        if tag == "span":  # the page's own: a phone number or an e-mail address kept on one line
            assert attrs in ({"class": "tel"}, {"class": "email"}), attrs
    assert missing_facts(answers, "".join(page.main_text)) == []


def check_word_document(document_bytes: bytes, answers: Answers, title: str) -> None:
    assert zipfile.ZipFile(io.BytesIO(document_bytes)).testzip() is None
    document = docx.Document(io.BytesIO(document_bytes))
    assert document.core_properties.title == (title if len(title) <= 255 else title[:254] + "…")  # Word's limit
    links = [rel.target_ref for rel in document.part.rels.values() if rel.reltype == RELATIONSHIP_TYPE.HYPERLINK]
    assert all(link.startswith(SAFE_LINK_PREFIXES[1:]) for link in links), links
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    assert missing_facts(answers, text) == []


@pytest.mark.parametrize("lang", LANGUAGES)
@given(data=answers_dicts())
def test_notice_renders_as_markdown_html_and_text_with_user_text_kept_literal(lang: str, data: dict[str, Any]) -> None:
    answers, notice = notice_of(data, lang)
    rendered = {fmt: render_format(notice.markdown, fmt, lang, notice.title) for fmt in ("md", "html", "txt")}

    assert rendered["md"].decode("utf-8") == notice.markdown
    check_html_page(rendered["html"].decode("utf-8"), answers)
    assert missing_facts(answers, rendered["txt"].decode("utf-8")) == []


# A Word document takes ten times as long as the other formats to write, so it gets a third of the examples.
@settings(max_examples=max(10, settings.default.max_examples // 3))
@pytest.mark.parametrize("lang", LANGUAGES)
@given(data=answers_dicts())
def test_notice_renders_as_a_word_document_with_user_text_kept_literal(lang: str, data: dict[str, Any]) -> None:
    answers, notice = notice_of(data, lang)
    document = render_format(notice.markdown, "docx", lang, notice.title)
    check_word_document(document, answers, first_heading(notice.markdown))


# --- no statement without the answer behind it (issue 12, §1) -----------------------------------------------

# Each claim a notice may make, per language, by a phrase only that claim uses.
CLAIMS = {
    "processing_agreements": {"fi": "Olemme tehneet jokaisen kanssa tietojenkäsittelysopimuksen", "en": "We have a data processing agreement with each of them", "sv": "Vi har ingått ett personuppgiftsbiträdesavtal med var och en av dem"},
    "balancing_test": {"fi": "Olemme punninneet", "en": "We have weighed", "sv": "Vi har vägt"},
    "child_friendly": {"fi": "lapset ymmärtävät", "en": "to be understood by them", "sv": "så att barn förstår"},
    "no_recipients": {"fi": "Emme luovuta tietojasi muille", "en": "We do not give your personal data to anyone else", "sv": "Vi lämnar inte ut dina uppgifter till andra"},
    "no_recipients_joint": {"fi": "Muille emme luovuta tietojasi", "en": "We do not give them to anyone else", "sv": "Vi lämnar inte ut dem till andra"},
    "law_exception": {"fi": "paitsi jos laki velvoittaa meidät siihen", "en": "except where the law requires us to", "sv": "utom när lagen förpliktar oss till det"},
    "no_transfers": {"fi": "Emme siirrä henkilötietojasi", "en": "We do not transfer your personal data", "sv": "Vi överför inte dina personuppgifter"},
    "changes_announced": {"fi": "kerromme siitä näin", "en": "we tell you about it through", "sv": "meddelar vi det så här"},
    "in_advance": {"fi": "etukäteen", "en": "in advance", "sv": "i förväg"},
    "existing_customers": {"fi": "omista samankaltaisista tuotteistamme", "en": "our own similar products", "sv": "våra egna liknande produkter"},
    "business_marketing": {"fi": "vain yritysten ja yhteisöjen yhteyshenkilöille", "en": "only to contact persons at companies", "sv": "endast till kontaktpersoner vid företag"},
    # Art. 17(1)(f): a ground for erasure only for consent given to an online service offered directly to children.
    "child_online_erasure": {"fi": "lapsena tarjottu verkkopalvelua", "en": "online service offered to you as a child", "sv": "onlinetjänst erbjöds dig som barn"},
}


def claims_made(markdown: str, lang: str) -> set[str]:
    text = flat(markdown_text(markdown))
    return {claim for claim, phrases in CLAIMS.items() if phrases[lang] in text}


def claims_answered(answers: Answers) -> set[str]:
    """The claims the answers allow, and with them the ones the notice must then make."""
    processors = [r for r in answers.recipients if r.role == "processor"]
    allowed = set()
    if processors and all(r.processing_agreement for r in processors):
        allowed.add("processing_agreements")
    if any(p.balancing_test for p in answers.purposes if p.basis is LegalBasis.legitimate_interests):
        allowed.add("balancing_test")
    if answers.shares_data is False and not answers.recipients:
        allowed |= {"no_recipients_joint" if answers.joint_controllers else "no_recipients", "law_exception"}
    if not transfers_of(answers) and (
        answers.transfers_outside_eea is False or ("no_recipients" in allowed or "no_recipients_joint" in allowed)
        and is_in_eea(answers.controller.country)
    ):
        allowed.add("no_transfers")
    if answers.notice.announce_changes:
        allowed.add("changes_announced")
    if (answers.processing.includes_children and answers.processing.online_service_for_children
            and any(p.basis is LegalBasis.consent for p in answers.purposes)):
        allowed.add("child_online_erasure")
    marketing = answers.direct_marketing
    if marketing is not None and {"email", "sms"} & set(marketing.channels):
        if marketing.existing_customer_exception:
            allowed.add("existing_customers")
        elif marketing.audience == "businesses":
            allowed.add("business_marketing")
    return allowed


@pytest.mark.parametrize("lang", LANGUAGES)
@given(data=answers_dicts())
def test_the_notice_claims_exactly_what_the_answers_say(lang: str, data: dict[str, Any]) -> None:
    answers, notice = notice_of(data, lang)
    assert claims_made(notice.markdown, lang) == claims_answered(answers), notice.markdown
