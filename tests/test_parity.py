"""The Finnish and English clause libraries stay in step: the same clauses, labels and answer fields."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from jinja2 import meta

from wizard.notice import clauses, environment

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
LANGS = ("fi", "en")


def _clause_files(lang: str) -> set[str]:
    return {p.name for p in (TEMPLATES / lang).glob("*.md.j2")}


def test_both_languages_have_a_template_for_every_clause() -> None:
    wanted = {f"{clause.id}.md.j2" for clause in clauses()}
    for lang in LANGS:
        assert _clause_files(lang) == wanted, lang


def _keys(data: object, prefix: str = "") -> set[str]:
    if isinstance(data, dict):
        return {k for key, value in data.items() for k in ({prefix + key} | _keys(value, prefix + key + "."))}
    return set()


def test_labels_have_the_same_keys() -> None:
    fi, en = (yaml.safe_load((TEMPLATES / lang / "labels.yaml").read_text(encoding="utf-8")) for lang in LANGS)
    assert _keys(fi) == _keys(en)


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


@pytest.mark.parametrize("clause", [c.id for c in clauses()])
def test_both_languages_use_the_same_answer_fields(clause: str) -> None:
    fi, en = (_fields_used((TEMPLATES / lang / f"{clause}.md.j2").read_text(encoding="utf-8")) for lang in LANGS)
    assert fi[0] == en[0], f"{clause}: context variables differ: fi only {fi[0] - en[0]}, en only {en[0] - fi[0]}"
    assert fi[1] == en[1], f"{clause}: fields differ: fi only {fi[1] - en[1]}, en only {en[1] - fi[1]}"
