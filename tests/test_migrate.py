"""Files in the older layouts 1 and 2 are upgraded when read (wizard/migrate.py), checked as the current layout,
and their problems still point at lines of the file the user has."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from wizard.answers import SCHEMA_VERSION
from wizard.check import check_bytes
from wizard.cli import run
from wizard.loader import parse
from wizard.migrate import migrate
from wizard.rules import display_path

LAYOUT_1 = Path(__file__).parent / "fixtures" / "layout1" / "shop.yaml"


def layout_1_text() -> str:
    return LAYOUT_1.read_text(encoding="utf-8")


def line_of(text: str, fragment: str) -> int:
    [number] = [n for n, line in enumerate(text.splitlines(), 1) if fragment in line]
    return number


def test_a_layout_1_file_is_upgraded_and_valid() -> None:
    report = check_bytes(LAYOUT_1.read_bytes())

    # Layout 1 had no answers for these statements: the upgraded file is valid, and the notice stays silent on them;
    # nor did it link its data to its purposes, which is warned of.
    unanswered = {"recipients_unanswered", "transfers_unanswered", "changes_unannounced", "purpose_without_data"}
    assert [d for d in report.diagnostics if d.code not in unanswered] == []
    assert report.from_version == 1
    answers = report.answers
    assert answers is not None
    assert (answers.controller.street_address, answers.controller.postal_code, answers.controller.city) == (
        "Kauppakatu 3",
        "40100",
        "Jyväskylä",
    )
    assert (answers.privacy_contact.name, answers.privacy_contact.email) == ("Matti Esimerkki", "matti@vanhapuoti.example")
    assert [(p.id, p.description, p.basis.value) for p in answers.purposes] == [
        ("purpose-1", "Tilausten toimittaminen", "contract"),
        ("purpose-2", "Laskutus ja saatavien perintä", "contract"),
    ]
    assert answers.notice.date == date(2019, 3, 1)
    assert answers.schema_version == SCHEMA_VERSION


def test_check_notes_the_older_layout() -> None:
    out = io.StringIO()

    code = run(["--lang", "en", "check", str(LAYOUT_1)], stdout=out)

    assert code == 0
    assert "Note: the file uses the older layout 1; it was read as layout 3." in out.getvalue()


def test_check_json_tells_which_layout_was_read() -> None:
    out = io.StringIO()

    run(["--lang", "en", "check", "--json", str(LAYOUT_1)], stdout=out)

    assert json.loads(out.getvalue())["schema_version_read"] == 1


def test_a_current_file_gets_no_note() -> None:
    out = io.StringIO()
    current = layout_1_text().replace("schema_version: 1", "schema_version: 3")
    run(["--lang", "en", "check", "-"], stdout=out, stdin=io.BytesIO(current.encode("utf-8")))

    assert "older layout" not in out.getvalue()


@pytest.mark.parametrize(
    ("written", "parts"),
    [
        ("Kauppakatu 3, 40100 Jyväskylä", ("Kauppakatu 3", "40100", "Jyväskylä")),
        ("Kauppakatu 3 40100 Jyväskylä", ("Kauppakatu 3", "40100", "Jyväskylä")),
        ("  Pitkä katu 12 B 4,  00100  Helsinki ", ("Pitkä katu 12 B 4", "00100", "Helsinki")),
    ],
)
def test_a_one_line_address_is_split(written: str, parts: tuple[str, str, str]) -> None:
    data, version = migrate({"schema_version": "1", "controller": {"address": written}})

    controller = data["controller"]
    assert version == 1
    assert (controller["street_address"], controller["postal_code"], controller["city"]) == parts
    assert "address" not in controller


def test_an_address_that_cannot_be_split_keeps_the_users_text() -> None:
    text = layout_1_text().replace("Kauppakatu 3, 40100 Jyväskylä", "Kauppakatu 3, Jyväskylä")

    data, _ = migrate(parse(text).data)
    report = check_bytes(text.encode("utf-8"))

    assert data["controller"]["street_address"] == "Kauppakatu 3, Jyväskylä"
    address_line = line_of(text, "address:")
    assert {(d.code, display_path(d.path), d.line) for d in report.errors} == {
        ("missing", "controller.postal_code", address_line),
        ("missing", "controller.city", address_line),
    }


def test_the_one_basis_may_be_written_as_its_letter() -> None:
    text = layout_1_text().replace("legal_basis: contract", "legal_basis: b")

    answers = check_bytes(text.encode("utf-8")).answers

    assert answers is not None and {p.basis.value for p in answers.purposes} == {"contract"}


def test_a_problem_of_an_upgraded_purpose_points_at_its_line_in_the_file() -> None:
    text = layout_1_text().replace("legal_basis: contract", "legal_basis: legitimate_interests")

    report = check_bytes(text.encode("utf-8"))

    found = {(d.code, display_path(d.path), d.line) for d in report.errors}
    assert found == {
        ("basis_needs_interest", "purposes[1].legitimate_interest", line_of(text, "- Tilausten toimittaminen")),
        ("basis_needs_interest", "purposes[2].legitimate_interest", line_of(text, "- Laskutus")),
    }


def test_problems_in_renamed_fields_point_at_their_lines() -> None:
    text = layout_1_text().replace("matti@vanhapuoti.example", "matti(at)vanhapuoti.example").replace("1.3.2019", "31.2.2019")

    report = check_bytes(text.encode("utf-8"))

    assert {(d.code, display_path(d.path), d.line) for d in report.errors} == {
        ("email_invalid", "privacy_contact.email", line_of(text, "matti(at)")),
        ("date_invalid", "notice.date", line_of(text, "notice_date:")),
    }


def test_notice_date_joins_a_notice_version_given_beside_it() -> None:
    data, _ = migrate({"schema_version": "1", "notice_date": "1.3.2019", "notice": {"version": "2.1"}})

    assert data["notice"] == {"date": "1.3.2019", "version": "2.1"}


@pytest.mark.parametrize("data", [{"schema_version": "3", "purposes": [{"id": "x"}]}, {"purposes": [{"id": "x"}]}])
def test_current_layout_passes_through_unchanged(data: dict[str, Any]) -> None:
    upgraded, version = migrate(data)

    assert version == SCHEMA_VERSION
    assert upgraded["purposes"] == data["purposes"]


# --- layout 2 -> 3: texts may be given by language, and the file says which language its plain texts are in ---


def layout_2_text(example: str = "webshop") -> str:
    """An example as a layout 2 file: no `language:`, every text a plain string in Finnish."""
    import yaml
    from written import in_one_language

    from wizard.examples import example_text

    data = in_one_language(yaml.safe_load(example_text(example)), "fi")
    del data["language"]
    data["schema_version"] = 2
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def test_a_layout_2_file_is_read_as_written_in_finnish_when_its_texts_are() -> None:
    text = layout_2_text()

    report = check_bytes(text.encode("utf-8"))

    assert report.from_version == 2 and report.answers is not None and report.errors == []
    assert report.answers.language == "fi" and report.answers.schema_version == SCHEMA_VERSION


def test_a_layout_2_file_in_english_is_read_as_english() -> None:
    data = {
        "schema_version": "2",
        "processing": {"name": "Customer register", "data_subjects": ["customers"]},
        "purposes": [{"id": "orders", "description": "Delivering the orders that our customers make with us"}],
        "provision": {"consequences": "Without the address we cannot deliver the order to you."},
    }

    migrated, version = migrate(data)

    assert (version, migrated["language"], migrated["schema_version"]) == (2, "en", 3)
    assert migrated["processing"] == data["processing"]  # the texts themselves are not touched


def test_a_layout_2_file_with_no_plain_language_is_read_as_the_default_one() -> None:
    migrated, _ = migrate({"schema_version": 2, "processing": {"name": "Asiakasrekisteri"}})

    assert migrated["language"] == "fi"


def test_a_problem_in_a_layout_2_file_points_at_its_line() -> None:
    text = layout_2_text().replace("basis: contract", "basis: asiakassuhde", 1)

    report = check_bytes(text.encode("utf-8"))

    assert [(d.code, d.line) for d in report.errors] == [("enum", line_of(text, "basis: asiakassuhde"))]
