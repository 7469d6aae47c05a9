"""The questionnaire as data: it covers the whole answers model, every question can be reached, every text has
its help, a wrong question file is refused with its file and line, and Babel finds every text to translate."""

from __future__ import annotations

import contextlib
import shlex
import types
import typing
from pathlib import Path
from typing import Any

import pytest
from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po
from pydantic import BaseModel

from wizard.answers import Answers
from wizard.check import check_data, load
from wizard.engine import Interview
from wizard.examples import example_text
from wizard.fieldpath import split_path
from wizard.fieldtypes import resolve
from wizard.questionnaire import QuestionnaireError, load_questionnaire, question_files
from wizard.questions_i18n import extract

REPO = Path(__file__).resolve().parents[1]
QUESTIONNAIRE = load_questionnaire()
# Filled by no question, on purpose: the file's layout version, and whether a website's cookies are used at all
# (the yes/no on `cookies` answers it: a website without cookies has no cookies part).
# The language of the texts follows the notice language chosen before the interview (wizard.session), and the
# notice's version is counted by seloste itself (each export of changed answers is a new one: wizard.versions).
NOT_ASKED = {("schema_version",), ("language",), ("cookies", "used"), ("notice", "version")}


def model_fields(model: type[BaseModel], prefix: tuple[str, ...] = ()) -> dict[tuple[str, ...], bool]:
    """Every answer the model can hold, as a path (list items as "*"), with whether it must be given."""
    found: dict[tuple[str, ...], bool] = {}
    for name, info in model.model_fields.items():
        path = (*prefix, name)
        inner = _without_none(info.annotation)
        found[path] = info.is_required()
        if _is_model(inner):
            found.update(model_fields(inner, path))
        elif typing.get_origin(inner) is list and _is_model(typing.get_args(inner)[0]):
            found.update(model_fields(typing.get_args(inner)[0], (*path, "*")))
    return found


def _without_none(annotation: Any) -> Any:
    args = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
    return args[0] if typing.get_origin(annotation) in (typing.Union, types.UnionType) and len(args) == 1 else annotation


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def filled_paths() -> set[tuple[str, ...]]:
    paths = set()
    for _, question in QUESTIONNAIRE.questions():
        own = split_path(question.field)
        paths.add(own)
        paths.update((*own, "*", *split_path(sub.field)) for sub in question.fields)
    return paths


def every_question() -> list[str]:
    ids = []
    for _, question in QUESTIONNAIRE.questions():
        ids.append(question.id)
        ids += [f"{question.id}.{sub.id}" for sub in question.fields]
    return ids


# --- coverage of the answers model ---------------------------------------------------------------------


def test_every_question_fills_a_real_field_of_the_answers() -> None:
    for _, question in QUESTIONNAIRE.questions():
        target = resolve(question.field)
        for sub in question.fields:
            resolve(sub.field, target.item_model)


def test_the_questions_cover_the_whole_answers_model() -> None:
    fields = model_fields(Answers)
    covered = filled_paths()

    def is_covered(path: tuple[str, ...]) -> bool:
        # A part of the file is covered when a question fills it or every answer inside it.
        inside = [other for other in fields if other[: len(path)] == path and other != path]
        return path in covered or (bool(inside) and all(other in NOT_ASKED or is_covered(other) for other in inside))

    missing = [".".join(path) for path in fields if path not in NOT_ASKED and not is_covered(path)]
    assert missing == []


def test_every_required_field_has_a_question() -> None:
    fields = model_fields(Answers)
    leaves = [path for path in fields if not any(other[: len(path)] == path and other != path for other in fields)]
    required = [path for path in leaves if fields[path] and path not in NOT_ASKED]

    assert ("purposes", "*", "basis") in required
    assert [".".join(path) for path in required if path not in filled_paths()] == []


def example(name: str) -> dict[str, Any]:
    return load(example_text(name).encode())[0].data


def everything_business() -> dict[str, Any]:
    """The training company with every optional part a business can have."""
    data = example("training")
    data["purposes"] += [
        {"id": "first_aid", "description": "Ensiavun antaminen kurssilla", "basis": "vital_interests", "vital_interest": "kurssilainen"},
        {"id": "register", "description": "Koulutusrekisterin pitäminen", "basis": "public_task", "law": "laki 123/2020"},
        {"id": "news", "description": "Uutiskirje", "basis": "consent", "consent_withdrawal": "peruutuslinkki",
         "direct_marketing": True, "retention": {"criteria": "kunnes tilaus perutaan"}},
    ]
    data["personal_data"].append({"name": "Muistiinpanot", "purposes": ["first_aid"], "retention": {"criteria": "kurssin ajan"}})
    data["personal_data"].append({"name": "Ensiapukirjaukset", "purposes": ["first_aid"]})
    data["retention"] = {"period": None, "criteria": "kurssin päättymiseen asti"}
    data["criminal_data"] = {"description": "rikostaustaote", "law": "laki 504/2002"}
    data["direct_marketing"] = {"channels": ["email"], "opt_out": "peruutuslinkki", "audience": "both",
                                "existing_customer_exception": False}
    data["automated_decisions"] = {"used": True, "profiling": True, "logic": "pisteytys", "significance": "hyväksyntä",
                                   "consequences": "hylkäys", "ground": "law", "law": "laki 123/2020", "purposes": ["register"]}
    data["processing"].update(includes_children=True, online_service_for_children=True, child_consent_by="huoltaja",
                              child_consent_check="huoltaja vahvistaa ilmoittautumisen sähköpostilinkistä")
    data["other_people"] = [{"who": "hätäyhteyshenkilö", "data": "nimi ja puhelinnumero", "source": "osallistuja",
                             "purposes": ["first_aid"]}]
    data["recipients"] += [
        {"name": "Intialainen palvelu", "service": "tuki", "country": "IN", "processing_agreement": True,
         "transfer": {"mechanism": "derogation", "derogation": "explicit_consent"}},
        {"name": "Konsernin palvelu", "service": "tallennus", "country": "CN", "processing_agreement": True, "transfer": {"mechanism": "bcr", "safeguards_copy": "pyydä"}},
    ]
    data["cookies"] = {"categories": ["necessary"], "tools": ["Matomo"], "how_to_manage": "evästebanneri"}
    data["rights"]["email"] = "pyynnot@kajastus-kurssit.fi"
    return data


def business_abroad() -> dict[str, Any]:
    """A controller outside the EU with its representative in Finland."""
    data = example("consultancy")
    data["controller"].update(country="US", postal_code="10001", city="New York", street_address="5th Avenue 1")
    del data["controller"]["business_id"]
    data["eu_representative"] = {"name": "Edustaja Oy", "email": "edustaja@edustaja.example", "phone": "040 123 4567",
                                 "country": "FI", "street_address": "Katu 1", "postal_code": "00100", "city": "Helsinki"}
    return data


def test_every_question_and_sub_question_is_asked_of_some_business() -> None:
    asked: set[str] = set()
    for data in (everything_business(), business_abroad(), example("consultancy"), example("salon")):
        assert not check_data(data).errors
        interview = Interview.start(answers=data)
        assert interview.done
        for step, _ in interview.history:
            asked.add(step.question.id)
            asked.update(f"{step.question.id}.{sub.id}" for sub in step.fields())

    assert sorted(set(every_question()) - asked) == []


# --- texts ---------------------------------------------------------------------------------------------


def test_every_question_has_a_prompt_and_help_with_why_the_article_and_an_example() -> None:
    for _, question in QUESTIONNAIRE.questions():
        for asked in (question, *question.fields):
            texts = [asked.prompt, asked.help.why, asked.help.article, asked.help.example]
            assert all(text.strip() for text in texts), asked.id
            assert all(option.label.strip() for option in asked.options), asked.id
            assert "{" not in asked.prompt and "}" not in asked.prompt  # no placeholders a translation could break


def test_a_legal_term_comes_after_the_plain_words() -> None:
    for _, question in QUESTIONNAIRE.questions():
        for asked in (question, *question.fields):
            assert not asked.prompt.startswith("("), asked.id
            if "(" in asked.prompt:
                plain = asked.prompt[: asked.prompt.index("(")]
                assert len(plain.split()) >= 2, asked.id


def test_sections_are_in_the_order_of_their_files() -> None:
    names = [path.name for path in question_files()]

    assert names == sorted(names)
    assert [section.id for section in QUESTIONNAIRE.sections][:3] == ["controller", "contacts", "processing"]


# --- a wrong question file ------------------------------------------------------------------------------

GOOD = """\
id: only
title: Only section
questions:
  - id: name
    field: controller.name
    kind: text
    prompt: What is your business's name?
    help: {why: Because., article: GDPR Art. 13(1)(a), example: Esimerkki Oy}
"""


def questionnaire_from(tmp_path: Path, text: str) -> None:
    (tmp_path / "10_only.yaml").write_text(text, encoding="utf-8")
    load_questionnaire(tmp_path)


def test_a_minimal_question_file_loads(tmp_path: Path) -> None:
    questionnaire_from(tmp_path, GOOD)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("field: controller.name", "field: controller.nmae"), "controller.nmae is not a field of the answers"),
        (("kind: text", "kind: email"), "name is not a email field"),
        (("kind: text", "kind: txt"), "10_only.yaml line 6"),
        (("prompt:", "promt:"), "10_only.yaml line 7"),
        (("    help:", "    when: {field: notice.date, answered: true}\n    help:"), "notice.date, which no earlier question fills"),
    ],
)
def test_a_wrong_question_file_is_refused_with_what_is_wrong(tmp_path: Path, change: tuple[str, str], message: str) -> None:
    with pytest.raises(QuestionnaireError) as refused:
        questionnaire_from(tmp_path, GOOD.replace(*change))

    assert message in str(refused.value)


def test_a_choice_must_be_one_the_answers_accept(tmp_path: Path) -> None:
    text = GOOD.replace("field: controller.name\n    kind: text", "field: controller.type\n    kind: single_choice")
    text += "    options:\n      - {value: company, label: A company}\n      - {value: oy, label: An Oy}\n"

    with pytest.raises(QuestionnaireError, match="option 'oy' is not a valid type"):
        questionnaire_from(tmp_path, text)


# --- extraction for translators -------------------------------------------------------------------------


def extracted(path: Path) -> list[tuple[int, None, str, list[str]]]:
    with path.open("rb") as handle:
        return list(extract(handle, {}, [], {}))


def test_every_text_of_the_questionnaire_is_extracted_on_its_own_line() -> None:
    messages: dict[str, list[int]] = {}
    for path in question_files():
        lines = path.read_text(encoding="utf-8").splitlines()
        for line, _, message, _ in extracted(path):
            messages.setdefault(message, []).append(line)
            written = lines[line - 1]
            assert message.split()[0] in written or written.rstrip().endswith((">-", ">", "|")), (path.name, line, message)

    for section in QUESTIONNAIRE.sections:
        assert section.title in messages
        for question in section.questions:
            for asked in (question, *question.fields):
                texts = [asked.prompt, asked.help.why, asked.help.article, asked.help.example]
                texts += [text for option in asked.options for text in (option.label, option.hint) if text]
                texts += [text for text in (asked.ask_first, asked.ask_another) if text]
                assert not [text for text in texts if text not in messages], asked.id


def test_field_names_and_option_values_are_not_extracted() -> None:
    messages = {message for path in question_files() for _, _, message, _ in extracted(path)}

    assert "legitimate_interests" not in messages  # an option value
    assert "description" not in messages  # the label field of options_from
    assert "controller.name" not in messages


def test_a_note_in_a_question_reaches_its_translators_and_no_other_question() -> None:
    comments = {message: notes for path in question_files() for _, _, message, notes in extracted(path)}

    assert comments["What is your business's official name? (controller)"] == ["The legal term in brackets: rekisterinpitäjä."]
    assert comments["What kind of business is it? (legal form)"] == []


def test_the_documented_extraction_command_finds_the_questions(tmp_path: Path) -> None:
    output = tmp_path / "messages.pot"
    command = 'extract -F pyproject.toml --project=seloste --copyright-holder="seloste contributors" -o OUT .'
    argv = shlex.split(command)
    argv[argv.index("-o") + 1] = str(output)
    with contextlib.chdir(REPO):
        CommandLineInterface().run(["pybabel", "--quiet", *argv])
    with output.open("rb") as handle:
        catalog = read_po(handle)

    prompt = catalog.get("What is your business ID? (Y-tunnus)")
    assert prompt is not None
    assert [path for path, _ in prompt.locations] == ["questions/10_controller.yaml"]
    assert catalog.get("Yes") is not None  # the interview's own words, from wizard/display.py
