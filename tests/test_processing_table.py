"""The table of the processing (issue 14, §2): one row per purpose, built from the links in the answers.

Each row gives the data linked to the purpose, its legal basis with the interest, the law or the contract,
the retention period that applies to each of those data for that purpose (the purpose's own, else the
category's, else the general rule) and the recipients linked to it; the retention section below gives the
very same periods.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from markdown_it import MarkdownIt
from strategies import answers_dicts
from test_first_layer import country_name
from test_properties import flat, markdown_text, notice_of

from wizard.answers import Answers, Purpose, Retention
from wizard.check import check_bytes
from wizard.examples import EXAMPLES, example_text
from wizard.formats import render_format
from wizard.languages import CODES
from wizard.law import is_in_eea
from wizard.notice import labels
from wizard.render import build_notice

GFM = MarkdownIt("commonmark", {"html": False}).enable("table")
# The words the templates write in a cell, by language.
WORDS = {
    "fi": {"nobody": "ei muille", "criteria": "säilytysajan peruste", "recipients": "Vastaanottajat", "and": " ja "},
    "en": {"nobody": "no one else", "criteria": "how we decide", "recipients": "Who else gets them", "and": " and "},
    "sv": {"nobody": "ingen annan", "criteria": "så här bestämmer vi lagringstiden", "recipients": "Mottagare", "and": " och "},
}


def table_of(markdown: str) -> tuple[list[str], list[list[str]]]:
    """The header and the rows of the first table in `markdown`, each cell as a reader sees its text."""
    tokens = GFM.parse(markdown)
    header: list[str] = []
    rows: list[list[str]] = []
    in_table = in_head = False
    for token in tokens:
        if token.type in ("table_open", "table_close"):
            in_table = token.type == "table_open"
        elif token.type in ("thead_open", "thead_close"):
            in_head = token.type == "thead_open"
        elif token.type == "tr_open" and in_table and not in_head:
            rows.append([])
        elif token.type == "inline" and in_table:
            text = flat("".join(c.content for c in token.children or [] if c.type in ("text", "text_special")))
            (header if in_head else rows[-1]).append(text)
    return header, rows


def rule_text(rule: Retention, lang: str) -> str:
    text = flat(rule.period or rule.criteria or "")
    return f"{text} ({WORDS[lang]['criteria']}: {flat(rule.criteria)})" if rule.period and rule.criteria else text


def expected_retention(answers: Answers, purpose: Purpose, lang: str) -> str:
    """One period for all the purpose's data, or each category's name before its own period."""
    categories = [c for c in answers.personal_data if purpose.id in c.purposes]
    rules: list[tuple[str | None, str]] = []
    for category in categories or [None]:
        rule = purpose.retention or (category.retention if category else None) or answers.retention
        if rule is not None:
            rules.append((flat(category.name) if category else None, rule_text(rule, lang)))
    if len(rules) == max(len(categories), 1) and len({text for _, text in rules}) == 1:
        return rules[0][1]
    return "; ".join(f"{name}: {text}" for name, text in rules if name is not None) or "–"


def expected_data(answers: Answers, purpose: Purpose, lang: str) -> str:
    names = [flat(c.name) for c in answers.personal_data if purpose.id in c.purposes]
    special = [labels(lang)["special_category"][s.category] for s in answers.special_categories if purpose.id in s.purposes]
    names += list(dict.fromkeys(special))
    names += [f"{flat(o.who)}: {flat(o.data)}" for o in answers.other_people if purpose.id in o.purposes]
    return "; ".join(names) or "–"


def expected_recipients(answers: Answers, purpose: Purpose, lang: str) -> str:
    names = [
        flat(r.name) + (f" ({country_name(r.country, lang)})" if r.country and not is_in_eea(r.country) else "")
        for r in answers.recipients
        if purpose.id in r.purposes
    ]
    return "; ".join(names) or WORDS[lang]["nobody"]


@pytest.mark.parametrize("lang", CODES)
@given(data=answers_dicts())
def test_each_purpose_is_a_row_with_its_own_data_retention_and_recipients(lang: str, data: dict[str, Any]) -> None:
    answers, notice = notice_of(data, lang)
    header, rows = table_of(dict(notice.sections)["processing_table"])
    stated = answers.recipients or answers.shares_data is False
    with_recipients = bool(stated) and all(r.purposes for r in answers.recipients)
    assert (WORDS[lang]["recipients"] in header) == with_recipients
    # The sentence before the table lists its columns, the last one after an "and", with or without recipients.
    introduction = dict(notice.sections)["processing_table"].split("\n\n")[1].split(". ")[0]
    assert introduction.count(WORDS[lang]["and"]) == 1, introduction
    assert [row[0] for row in rows] == [flat(p.description) for p in answers.purposes]
    for purpose, row in zip(answers.purposes, rows):
        assert row[1] == expected_data(answers, purpose, lang)
        assert flat(labels(lang)["basis"][purpose.basis]["name"]) in row[2]
        # Special-category data stand beside their own Art. 9(2) condition, not the purpose's Art. 6 basis alone.
        basis_cell = row[2].split("; ", 1)[1] if "; " in row[2] else ""
        for item in answers.special_categories:
            if purpose.id in item.purposes and item.condition is not None:
                assert labels(lang)["special_category"][item.category] in basis_cell, row
                assert labels(lang)["art9_condition"][item.condition]["short"] in basis_cell, row
        assert row[3] == expected_retention(answers, purpose, lang)
        if with_recipients:
            assert row[4] == expected_recipients(answers, purpose, lang)
    # The retention section gives the same periods, purpose by purpose.
    retention = flat(markdown_text(dict(notice.sections)["retention"]))
    for purpose, row in zip(answers.purposes, rows):
        if row[3] != "–":
            assert flat(purpose.description) in retention


@pytest.mark.parametrize("lang", CODES)
@pytest.mark.parametrize("name", EXAMPLES)
def test_every_example_names_each_recipient_beside_its_purposes(name: str, lang: str) -> None:
    notice = build_notice(check_bytes(example_text(name).encode("utf-8")), lang)
    header, rows = table_of(dict(notice.sections)["processing_table"])
    assert len(header) == 5 and all(len(row) == 5 for row in rows)
    text = render_format(notice.markdown, "txt", lang, notice.title).decode("utf-8")
    assert f"{header[4]}: " in text and f"| {header[0]}" not in text  # a list in plain text, not a table


@pytest.mark.parametrize("lang", CODES)
def test_each_data_category_stands_as_a_label_before_its_own_period(lang: str, answers: dict[str, Any]) -> None:
    """Category names are the user's own headings ("Name and contact details", "Google Analytics data"): joined
    with "and" inside a sentence their capitals would read wrong and an "and" inside a name would blur where one
    name ends. Where a purpose keeps its data for different periods, each category is a label of its own."""
    answers["personal_data"] += [
        {"name": "Asiointikieli", "purposes": ["orders"], "required": False},
        {"name": "Ostotiedot", "purposes": ["orders"], "required": False, "retention": {"period": "6 vuotta"}},
    ]
    general = answers["retention"]["period"]
    _, notice = notice_of(answers, lang)
    _, rows = table_of(dict(notice.sections)["processing_table"])
    assert rows[0][3] == f"Nimi ja yhteystiedot: {general}; Asiointikieli: {general}; Ostotiedot: 6 vuotta"
    retention = dict(notice.sections)["retention"]
    for line in (f"  - Nimi ja yhteystiedot: {general}", f"  - Asiointikieli: {general}", "  - Ostotiedot: 6 vuotta"):
        assert line in retention.splitlines()
    assert "yhteystiedot" + WORDS[lang]["and"] + "Asiointikieli" not in retention
