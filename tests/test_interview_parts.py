"""The pieces the interview is made of, each on its own: field paths, the walk over the answers model,
conditions, question kinds reading an answer, and what an edit takes with it (pruning, renamed references)."""

from __future__ import annotations

import copy
import typing
from datetime import date
from typing import Any

import pytest

from wizard.answers import Purpose
from wizard.check import load
from wizard.conditions import AllOf, AnyOf, Computed, FieldIs, Not, Scope, holds
from wizard.examples import example_text
from wizard.fieldpath import delete_at, set_at, set_item, split_path, value_at
from wizard.fieldtypes import model_at, resolve, type_at
from wizard.kinds import CHOICE_KINDS, KINDS, TODAY, KindName, Option, Rejection, as_bool, offered_options
from wizard.pruning import Pruner
from wizard.questionnaire import load_questionnaire
from wizard.sheet import AnswerSheet


def salon() -> dict[str, Any]:
    return load(example_text("salon").encode())[0].data


# --- field paths -------------------------------------------------------------------------------------------


def test_a_written_path_splits_into_names_and_every_item() -> None:
    assert split_path("purposes[*].basis") == ("purposes", "*", "basis")
    assert split_path("/controller.country") == ("controller", "country")


def test_a_value_is_found_only_where_every_step_exists() -> None:
    data = {"purposes": [{"id": "orders"}], "dpo": None}
    assert value_at(data, ("purposes", 0, "id")) == (True, "orders")
    assert value_at(data, ("dpo",)) == (True, None)  # answered "no": there, and null
    assert value_at(data, ("purposes", 1, "id")) == (False, None)
    assert value_at(data, ("purposes", "id")) == (False, None)
    assert value_at(data, ("controller", "name")) == (False, None)


def test_setting_a_value_makes_the_parts_on_the_way_and_an_item_goes_through_its_list() -> None:
    data: dict[str, Any] = {}
    set_at(data, ("controller", "name"), "Parturi")
    assert data == {"controller": {"name": "Parturi"}}
    set_item(data, ("sources", "other"), 0, "a")
    set_item(data, ("sources", "other"), 5, "b")  # past the end: appended
    set_item(data, ("sources", "other"), 0, "c")
    assert data["sources"]["other"] == ["c", "b"]
    with pytest.raises(TypeError):
        set_at(data, ("sources", "other", 0), "d")


def test_deleting_the_last_answer_of_a_part_removes_the_part_unless_it_is_kept() -> None:
    data = {"dpo": {"email": "a@b.fi"}, "controller": {"name": "X"}}
    delete_at(data, ("controller", "name"))
    delete_at(data, ("dpo", "email"), keep={("dpo",)})
    assert data == {"dpo": {}}  # an empty `dpo: {}` still says "yes, we have one"
    delete_at(data, ("nothing", "here"))
    assert data == {"dpo": {}}


# --- the answers model walked by path ---------------------------------------------------------------------------


def test_a_path_resolves_to_its_field_in_the_answers_model() -> None:
    assert resolve("purposes").item_model is Purpose
    assert resolve("purposes[*].id").path == ("purposes", "id")
    dpo = resolve("dpo")
    assert dpo.nullable and dpo.section_model is not None
    assert resolve("controller.country").default() == "FI"
    with pytest.raises(KeyError):
        resolve("purposes.nonsense")


def test_a_located_value_names_its_model_and_type() -> None:
    assert model_at(("purposes", 2)) is Purpose
    assert model_at(("no_such_part",)) is None
    assert type_at(("controller", "name")) is str
    assert type_at(("purposes", 0, "id")) is str
    assert typing.get_origin(type_at(("purposes",))) is list
    assert type_at(("controller", "no_such_field")) is str  # the preview fills unknown places with text


# --- conditions ----------------------------------------------------------------------------------------------


def test_a_left_out_answer_reads_as_the_models_default_but_does_not_count_as_answered() -> None:
    scope = Scope({"controller": {"name": "X"}})
    assert holds(FieldIs(field="controller.country", equals="FI"), scope)
    assert holds(FieldIs(field="controller.country", answered=False), scope)
    assert holds(FieldIs.model_validate({"field": "controller.country", "in_group": "eea"}), scope)


def test_every_item_of_a_list_is_looked_at_and_one_that_passes_is_enough() -> None:
    scope = Scope({"purposes": [{"basis": "contract"}, {"basis": "consent", "direct_marketing": True}]})
    assert holds(FieldIs(field="purposes[*].basis", equals="consent"), scope)
    assert holds(FieldIs(field="purposes[*].direct_marketing", contains=True), scope)
    assert not holds(FieldIs.model_validate({"field": "purposes[*].basis", "in": ["public_task"]}), scope)


def test_inside_a_form_a_path_reads_the_item_and_a_leading_slash_the_whole_answers() -> None:
    scope = Scope({"controller": {"country": "SE"}}, item={"country": "US"}, item_model=None)
    assert holds(FieldIs(field="country", equals="US"), scope)
    assert holds(FieldIs(field="/controller.country", equals="SE"), scope)
    assert not holds(FieldIs.model_validate({"field": "country", "in_group": "adequacy"}), scope)


def test_conditions_combine() -> None:
    yes, no = FieldIs(field="dpo", answered=True), FieldIs(field="dpo", answered=False)
    scope = Scope({"dpo": {"email": "a@b.fi"}})
    assert holds(AllOf.model_validate({"all": [yes, Not.model_validate({"not": no})]}), scope)
    assert holds(AnyOf.model_validate({"any": [no, yes]}), scope)
    assert not holds(AllOf.model_validate({"all": [yes, no]}), scope)
    assert holds(None, scope)


def test_the_general_retention_rule_is_needed_only_for_data_whose_purposes_lack_a_period() -> None:
    covered = {"purposes": [{"id": "a", "retention": {"period": "1 year"}}], "personal_data": [{"purposes": ["a"]}]}
    uncovered = copy.deepcopy(covered)
    uncovered["personal_data"].append({"purposes": ["a", "b"]})
    rule = Computed(computed="retention_uncovered")
    assert not holds(rule, Scope(covered))
    assert holds(rule, Scope(uncovered))


def test_a_condition_needs_exactly_one_test() -> None:
    with pytest.raises(ValueError):
        FieldIs.model_validate({"field": "dpo", "answered": True, "equals": "x"})


# --- question kinds ------------------------------------------------------------------------------------------


def test_every_kind_a_question_file_may_name_has_its_reading() -> None:
    assert set(KINDS) == set(typing.get_args(KindName))
    assert CHOICE_KINDS == {"single_choice", "multi_choice"}
    assert {name for name, kind in KINDS.items() if kind.repeating} == {"record", "list"}


@pytest.mark.parametrize(("typed", "meant"), [("kyllä", True), (" K ", True), ("yes", True), ("ei", False), ("n", False), (False, False)])
def test_yes_and_no_are_understood_in_either_language(typed: Any, meant: bool) -> None:
    assert as_bool(typed) is meant


def test_a_yes_no_that_is_neither_is_refused() -> None:
    question = load_questionnaire().question("privacy_contact_same")
    read = question.behaviour.parse(question, resolve(question.field), "maybe", list)
    assert isinstance(read, Rejection) and read.message_code == "bool_parsing"
    assert read.params["value"] == "maybe"


def test_text_is_trimmed_and_empty_text_takes_the_suggestion_or_is_missing() -> None:
    questionnaire = load_questionnaire()
    name = questionnaire.question("processing_name")
    target = resolve(name.field)
    assert name.behaviour.parse(name, target, "  Asiakasrekisteri ", list) == "Asiakasrekisteri"
    empty = name.behaviour.parse(name, target, "   ", list)
    assert isinstance(empty, Rejection) and empty.message_code == "missing"
    assert empty.params["field"] == "processing.name"
    country = questionnaire.question("controller_country")
    assert country.behaviour.parse(country, resolve(country.field), "", list) == "FI"


def test_an_optional_question_left_empty_is_not_given_but_a_list_item_may_not_be_empty() -> None:
    phone = load_questionnaire().question("controller_phone")
    assert phone.optional
    target = resolve(phone.field)
    assert phone.behaviour.parse(phone, target, "", list) is None
    refused = phone.behaviour.parse(phone, target, "", list, list_item=True)
    assert isinstance(refused, Rejection) and refused.message_code == "missing"


def test_choices_are_taken_from_what_is_offered_once_each() -> None:
    channels = load_questionnaire().question("direct_marketing_channels")
    target = resolve(channels.field)
    offered = [Option(value="email", label="E-mail"), Option(value="sms", label="SMS")]
    parse = channels.behaviour.parse
    assert parse(channels, target, "sms", lambda: offered) == ["sms"]
    assert parse(channels, target, ["email", "sms", "email"], lambda: offered) == ["email", "sms"]
    refused = parse(channels, target, ["fax"], lambda: offered)
    assert isinstance(refused, Rejection) and refused.message_code == "literal_error"
    assert refused.params["expected"] == "email, sms"


def test_a_date_question_suggests_the_day_of_the_interview() -> None:
    dated = next(q for _, q in load_questionnaire().questions() if q.kind == "date" and q.default == TODAY)
    assert dated.behaviour.default(dated) == date.today().isoformat()


def test_a_record_suggests_its_sub_questions_defaults() -> None:
    purposes = load_questionnaire().question("purposes")
    suggested = purposes.behaviour.default(purposes)
    assert suggested == {sub.id: sub.default for sub in purposes.fields if sub.default is not None}


def test_a_kind_refuses_a_field_it_cannot_fill() -> None:
    assert KINDS["email"].fits(resolve("controller.name")) == "name is not a email field"
    assert KINDS["email"].fits(resolve("controller.email")) is None
    assert KINDS["yes_no"].fits(resolve("dpo")) is None  # an optional part: there or not
    assert KINDS["record"].fits(resolve("controller.name")) is not None


def test_options_made_from_an_earlier_list_follow_its_items() -> None:
    data_purposes = load_questionnaire().question("personal_data").sub("purposes")
    answers = {"purposes": [{"id": "orders", "description": "Orders"}, {"id": "news"}, {"description": "no id yet"}]}
    offered = offered_options(data_purposes, Scope(answers))
    assert [(option.value, option.label) for option in offered] == [("orders", "Orders"), ("news", "news")]


# --- what an edit takes with it -----------------------------------------------------------------------------


def test_an_answer_that_stops_applying_is_removed_and_reported() -> None:
    answers = salon()
    answers["dpo"] = {"name": "Tietosuojavastaava", "email": "dpo@example.fi"}
    sheet = AnswerSheet(load_questionnaire(), answers)
    pruner = Pruner(sheet)
    before = copy.deepcopy(answers)
    answers["dpo"] = None  # "no DPO after all"
    dropped = pruner.prune(before)
    assert answers["dpo"] is None
    assert {(d.question.id, d.value) for d in dropped} == {("dpo_name", "Tietosuojavastaava"), ("dpo_email", "dpo@example.fi")}


def test_a_choice_no_longer_offered_is_taken_out_of_a_list_of_choices() -> None:
    answers = salon()
    sheet = AnswerSheet(load_questionnaire(), answers)
    pruner = Pruner(sheet)
    before = copy.deepcopy(answers)
    answers["purposes"] = [p for p in answers["purposes"] if p["id"] != "offers"]
    dropped = pruner.prune(before)
    assert answers["personal_data"][0]["purposes"] == ["booking", "customer_card"]
    assert any(d.question.id == "purposes" and d.record is not None and d.value == ["offers"] for d in dropped)


def test_a_renamed_purpose_is_followed_by_the_data_that_point_at_it() -> None:
    answers = salon()
    questionnaire = load_questionnaire()
    pruner = Pruner(AnswerSheet(questionnaire, answers))
    before = copy.deepcopy(answers)
    answers["purposes"][0]["id"] = "appointments"
    pruner.rename_references(questionnaire.question("purposes"), 0, before)
    linked = [category["purposes"] for category in answers["personal_data"]]
    assert ["appointments", "customer_card", "offers"] in linked and ["appointments"] in linked
    assert not any("booking" in purposes for purposes in linked)
