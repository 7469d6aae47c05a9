"""`seloste diff A B`: the changes between two answers files, section by section, or between their notices."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from wizard.cli import run
from wizard.examples import example_text

Answers = dict[str, Any]
LAYOUT1_SHOP = Path(__file__).parent / "fixtures" / "layout1" / "shop.yaml"


def seloste(*argv: str, lang: str = "en", stdin: bytes | None = None) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(["--lang", lang, *argv], stdout=out, stderr=err, stdin=io.BytesIO(stdin) if stdin is not None else None)
    return code, out.getvalue(), err.getvalue()


def webshop() -> Answers:
    return yaml.safe_load(example_text("webshop"))


@pytest.fixture
def original(tmp_path: Path) -> Path:
    path = tmp_path / "last-year.yaml"
    path.write_text(example_text("webshop"), encoding="utf-8")
    return path


@pytest.fixture
def edited(tmp_path: Path) -> Callable[[Callable[[Answers], None]], Path]:
    """The webshop example with one edit applied, written as a new file."""

    def write(edit: Callable[[Answers], None]) -> Path:
        answers = webshop()
        edit(answers)
        path = tmp_path / "this-year.yaml"
        path.write_text(yaml.safe_dump(answers, allow_unicode=True, sort_keys=False), encoding="utf-8")
        return path

    return write


def change_lines(output: str) -> list[str]:
    """The change lines of the text output, without their indentation."""
    return [line.strip() for line in output.splitlines() if line.startswith("  ")]


def test_the_same_answers_exit_0_even_when_formatted_differently(original: Path, edited: Any) -> None:
    rewritten = edited(lambda answers: None)  # comments dropped, quoting changed: the answers are the same
    code, out, _err = seloste("diff", str(original), str(rewritten))
    assert code == 0
    assert out == f"{original} and {rewritten}: the answers are the same.\n"


def test_a_changed_value_is_shown_old_to_new_under_its_section(original: Path, edited: Any) -> None:
    def longer_retention(answers: Answers) -> None:
        answers["personal_data"][0]["retention"]["period"]["fi"] = "5 vuotta viimeisestä tilauksesta"

    code, out, _err = seloste("diff", str(original), str(edited(longer_retention)))
    assert code == 1
    assert "\npersonal_data\n" in out
    assert change_lines(out) == [
        'changed  personal_data[1].retention.period.fi: "3 vuotta viimeisestä tilauksesta tai, jos sinulla on asiakastili, kunnes tili poistetaan, sen mukaan kumpi on myöhemmin" -> "5 vuotta viimeisestä tilauksesta"'
    ]
    assert out.endswith("1 change(s) in 1 section(s).\n")


def test_an_added_and_a_removed_purpose_are_named_by_position(original: Path, edited: Any) -> None:
    def replace_fraud_with_surveys(answers: Answers) -> None:
        answers["purposes"].remove(next(p for p in answers["purposes"] if p["id"] == "fraud"))
        answers["purposes"].insert(0, {"id": "surveys", "description": "Asiakaskyselyt", "basis": "consent"})

    code, out, _err = seloste("diff", str(original), str(edited(replace_fraud_with_surveys)))
    assert code == 1
    lines = change_lines(out)
    assert lines[0].startswith('removed  purposes[5]: {"id": "fraud", ')
    assert lines[1] == 'added    purposes[1]: {"id": "surveys", "description": "Asiakaskyselyt", "basis": "consent"}'
    # The other purposes moved down one place but did not change.
    assert len(lines) == 2


def test_reordered_recipients_are_not_a_change(original: Path, edited: Any) -> None:
    code, out, _err = seloste("diff", str(original), str(edited(lambda answers: answers["recipients"].reverse())))
    assert code == 0
    assert "the answers are the same" in out


def test_a_renamed_recipient_is_removed_and_added(original: Path, edited: Any) -> None:
    def rename_accountant(answers: Answers) -> None:
        answers["recipients"][3]["name"] = "Tilitoimisto Numerot Oy"

    code, out, _err = seloste("diff", str(original), str(edited(rename_accountant)))
    assert code == 1
    assert change_lines(out) == [
        'removed  recipients[4]: {"name": {"fi": "Tilitoimisto", "en": "Accounting firm", "sv": "Bokföringsbyrå"}, '
        '"role": "processor", "processing_agreement": true, "service": {"fi": "hoitaa kirjanpidon", "en": "keeps the books", '
        '"sv": "sköter bokföringen"}, "purposes": ["bookkeeping"], "country": "FI"}',
        'added    recipients[4]: {"name": "Tilitoimisto Numerot Oy", "role": "processor", "processing_agreement": true, '
        '"service": {"fi": "hoitaa kirjanpidon", "en": "keeps the books", "sv": "sköter bokföringen"}, "purposes": ["bookkeeping"], '
        '"country": "FI"}',
    ]


def test_a_translation_given_to_a_plain_text_is_the_translation_added(original: Path, edited: Any) -> None:
    def plain_then_translated(answers: Answers) -> None:
        answers["processing"]["name"] = answers["processing"]["name"]["fi"]

    plain = edited(plain_then_translated)

    code, out, _err = seloste("diff", str(plain), str(original))
    assert code == 1
    assert change_lines(out) == [
        'added    processing.name.en: "Online shop customer and marketing register"',
        'added    processing.name.sv: "Webbutikens kund- och marknadsföringsregister"',
    ]


def test_a_file_with_errors_is_still_compared(original: Path, edited: Any) -> None:
    def half_finished(answers: Answers) -> None:
        answers["controller"]["business_id"] = "1618033-4"  # wrong check digit
        del answers["notice"]

    code, out, _err = seloste("diff", str(original), str(edited(half_finished)))
    assert code == 1
    assert 'changed  controller.business_id: "1618033-3" -> "1618033-4"' in change_lines(out)
    assert any(line.startswith("removed  notice: {") for line in change_lines(out))


def test_an_old_layout_file_is_compared_as_the_current_layout(tmp_path: Path) -> None:
    current = tmp_path / "current.yaml"
    current.write_text(LAYOUT1_SHOP.read_text(encoding="utf-8")
                       .replace("schema_version: 1", "schema_version: 2")
                       .replace("address: Kauppakatu 3, 40100 Jyväskylä", "street_address: Kauppakatu 3\n  postal_code: '40100'\n  city: Jyväskylä")
                       .replace("contact_person:", "privacy_contact:")
                       .replace("legal_basis: contract\n", "")
                       .replace("  - Tilausten toimittaminen\n  - Laskutus ja saatavien perintä\n",
                                "  - {id: purpose-1, description: Tilausten toimittaminen, basis: contract}\n"
                                "  - {id: purpose-2, description: Laskutus ja saatavien perintä, basis: legal_obligation}\n")
                       .replace("notice_date: 1.3.2019", "notice:\n  date: 1.3.2019"), encoding="utf-8")
    code, out, _err = seloste("diff", str(LAYOUT1_SHOP), str(current))
    assert code == 1
    assert out.startswith(f"Note: {LAYOUT1_SHOP} uses the older layout 1; it was compared as layout 3.\n")
    assert change_lines(out) == ['changed  purposes[2].basis: "contract" -> "legal_obligation"']


@pytest.mark.parametrize("which", ["A", "B"])
def test_an_unreadable_file_exits_2_and_says_why(original: Path, tmp_path: Path, which: str) -> None:
    missing = tmp_path / "nowhere.yaml"
    files = [str(missing), str(original)] if which == "A" else [str(original), str(missing)]
    code, out, err = seloste("diff", *files)
    assert code == 2
    assert out == ""
    assert f"{missing}: cannot be read as answers" in err
    assert f"There is no file {missing}." in err


def test_json_lists_each_change_with_its_field_path_and_values(original: Path, edited: Any) -> None:
    def edit(answers: Answers) -> None:
        answers["controller"]["phone"] = "040 712 9999"
        answers["purposes"][1]["basis"] = "consent"
        answers["processing"]["data_subjects"].append("yhteistyökumppanit")

    code, out, _err = seloste("diff", "--json", str(original), str(edited(edit)))
    assert code == 1
    result = json.loads(out)
    assert result["same"] is False
    assert result["old"] == {"file": str(original), "schema_version_read": 3}
    assert [section["section"] for section in result["sections"]] == ["controller", "processing", "purposes"]
    changes = {change["field"]: change for section in result["sections"] for change in section["changes"]}
    assert changes["controller.phone"] == {
        "change": "changed", "field": "controller.phone", "path": ["controller", "phone"], "old": "040 712 3456", "new": "040 712 9999"
    }
    assert changes["purposes[2].basis"]["path"] == ["purposes", 1, "basis"]
    assert changes["processing.data_subjects[4]"] == {
        "change": "added", "field": "processing.data_subjects[4]", "path": ["processing", "data_subjects", 3], "new": "yhteistyökumppanit"
    }


def test_json_of_the_same_file_says_same(original: Path) -> None:
    code, out, _err = seloste("diff", "--json", str(original), str(original))
    assert code == 0
    assert json.loads(out)["same"] is True
    assert json.loads(out)["sections"] == []


def test_finnish_output(original: Path, edited: Any) -> None:
    def edit(answers: Answers) -> None:
        answers["controller"]["phone"] = "040 712 9999"
        del answers["cookies"]

    code, out, _err = seloste("diff", str(original), str(edited(edit)), lang="fi")
    assert code == 1
    assert 'muutettu   controller.phone: "040 712 3456" -> "040 712 9999"' in change_lines(out)
    assert any(line.startswith("poistettu  cookies: {") for line in change_lines(out))
    assert out.endswith("Muutoksia 2, 2 osassa.\n")
    same_code, same, _err = seloste("diff", str(original), str(original), lang="fi")
    assert same_code == 0
    assert same == f"{original} ja {original}: vastaukset ovat samat.\n"


def test_notice_diff_shows_the_changed_retention_only(original: Path, edited: Any) -> None:
    def longer_retention(answers: Answers) -> None:
        answers["personal_data"][0]["retention"]["period"] = "5 vuotta viimeisestä tilauksesta"

    code, out, _err = seloste("diff", "--notice", "--lang", "fi", str(original), str(edited(longer_retention)))
    assert code == 1
    # The table of the processing and the retention section give the same periods: both change, nothing else.
    assert "\nprocessing_table (changed)\n" in out and "\nretention (changed)\n" in out
    assert "  -  - Nimi ja yhteystiedot: 3 vuotta viimeisestä tilauksesta tai, jos sinulla on asiakastili, kunnes tili poistetaan, sen mukaan kumpi on myöhemmin\n" in out
    assert "  +  - Nimi ja yhteystiedot: 5 vuotta viimeisestä tilauksesta\n" in out
    assert out.endswith("2 clause(s) changed.\n")


def test_notice_diff_in_english_as_json(original: Path, edited: Any) -> None:
    def longer_retention(answers: Answers) -> None:
        answers["personal_data"][0]["retention"]["period"]["en"] = "5 years after the last order"

    code, out, _err = seloste("diff", "--notice", "--lang", "en", "--json", str(original), str(edited(longer_retention)))
    assert code == 1
    result = json.loads(out)
    assert result["lang"] == "en"
    assert [(clause["clause"], clause["change"]) for clause in result["clauses"]] == [("processing_table", "changed"), ("retention", "changed")]
    diff = result["clauses"][1]["diff"]
    assert diff[0].startswith("@@ ")
    # The name and contact details serve two purposes that keep them for this period: both lines change.
    assert [line for line in diff if line.startswith(("+", "-"))] == [
        "-  - Name and contact details: 3 years after the last order or, if you have a customer account, until the account is deleted, whichever is later",
        "+  - Name and contact details: 5 years after the last order",
    ] * 2


def test_one_file_can_come_from_standard_input(original: Path) -> None:
    code, out, _err = seloste("diff", str(original), "-", stdin=original.read_bytes())
    assert code == 0
    assert out == f"{original} and <stdin>: the answers are the same.\n"


def test_both_files_from_standard_input_is_refused(original: Path) -> None:
    code, _out, err = seloste("diff", "-", "-", stdin=original.read_bytes())
    assert code == 2
    assert "Only one of the two files can be standard input" in err


def test_notice_diff_of_the_same_answers_exits_0(original: Path, edited: Any) -> None:
    code, out, _err = seloste("diff", "--notice", "--lang", "en", str(original), str(edited(lambda answers: None)))
    assert code == 0
    assert "the notices are the same" in out


def test_notice_diff_of_answers_with_errors_explains_and_exits_2(original: Path, edited: Any) -> None:
    broken = edited(lambda answers: answers["purposes"][0].update(basis="maybe"))
    code, out, err = seloste("diff", "--notice", "--lang", "en", str(original), str(broken))
    assert code == 2
    assert out == ""
    assert "purposes[1].basis" in err
    assert "has errors, so it makes no notice to compare" in err


def test_notice_diff_needs_the_notice_language(original: Path) -> None:
    code, _out, err = seloste("diff", "--notice", str(original), str(original))
    assert code == 2
    assert "--lang fi or --lang en" in err
