"""The clause libraries of every language stay in step: the same clauses, labels and answer fields."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from jinja2 import meta

from wizard.languages import CODES, SOURCE_LANGUAGE
from wizard.notice import clauses, environment

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
OTHERS = [code for code in CODES if code != SOURCE_LANGUAGE]  # each compared with the source language's


def _clause_files(lang: str) -> set[str]:
    return {p.name for p in (TEMPLATES / lang).glob("*.md.j2")}


def test_every_language_has_a_template_for_every_clause() -> None:
    wanted = {f"{clause.id}.md.j2" for clause in clauses()}
    for lang in CODES:
        assert _clause_files(lang) == wanted, lang


def _keys(data: object, prefix: str = "") -> set[str]:
    if isinstance(data, dict):
        return {k for key, value in data.items() for k in ({prefix + key} | _keys(value, prefix + key + "."))}
    return set()


def _labels(lang: str) -> object:
    return yaml.safe_load((TEMPLATES / lang / "labels.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("lang", OTHERS)
def test_labels_have_the_same_keys(lang: str) -> None:
    assert _keys(_labels(lang)) == _keys(_labels(SOURCE_LANGUAGE))


@pytest.mark.parametrize("lang", OTHERS)
def test_the_words_an_old_notice_is_read_by_have_the_same_keys(lang: str) -> None:
    """`seloste audit` and `seloste import` read a notice in any language by its words (wizard/audit/words.py)."""
    def words(code: str) -> object:
        return yaml.safe_load((TEMPLATES / code / "audit.yaml").read_text(encoding="utf-8"))

    assert _keys(words(lang)) == _keys(words(SOURCE_LANGUAGE))
    for key in _keys(words(lang)):
        entry: object = words(lang)
        for part in key.split("."):
            entry = entry[part]  # type: ignore[index]
        if isinstance(entry, str) and entry:
            re.compile(entry)  # each a valid regular expression


def _fields_used(source: str) -> tuple[set[str], set[str]]:
    """Context variables a template reads, and every attribute name it reads from them.

    Names the template sets itself (`{% set %}`, even inside an `{% if %}`) and Jinja's `loop` helpers are
    the template's own business, not fields of the answers.
    """
    code = re.sub(r"\{#.*?#\}", "", source, flags=re.S)
    assigned = set(re.findall(r"\{%-?\s*set\s+([a-z_][a-z0-9_]*)", code))
    variables = meta.find_undeclared_variables(environment("en").parse(code)) - assigned
    attributes = set(re.findall(r"\.([a-z_][a-z0-9_]*)\b(?!\()", re.sub(r"\bloop\.\w+", "", code)))
    return variables, attributes


@pytest.mark.parametrize("lang", OTHERS)
@pytest.mark.parametrize("clause", [c.id for c in clauses()])
def test_every_language_uses_the_same_answer_fields(clause: str, lang: str) -> None:
    mine, source = (_fields_used((TEMPLATES / code / f"{clause}.md.j2").read_text(encoding="utf-8")) for code in (lang, SOURCE_LANGUAGE))
    only = f"{lang} only {{}}, {SOURCE_LANGUAGE} only {{}}"
    assert mine[0] == source[0], f"{clause}: context variables differ: " + only.format(mine[0] - source[0], source[0] - mine[0])
    assert mine[1] == source[1], f"{clause}: fields differ: " + only.format(mine[1] - source[1], source[1] - mine[1])
