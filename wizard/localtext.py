"""Free text in more than one language: one type for every translatable answer, and what a notice does with it.

A translatable field holds either a plain string, written in the file's `language:`, or a mapping by language
(`{fi: "...", en: "..."}`). A name that is a name (a company, a tool) is a `LocalName`: a plain one is the same
in every language, and a mapping gives it per language where it is a description rather than a name
("accounting firm"). The notice in a language takes each text in that language; a text with none is either
listed (the notice is refused) or, when mixed languages are allowed, shown as written and marked with its
language ("(in Finnish)"), never passed off as a translation. The languages are the registry's
(`wizard.languages`): a new one is data there, not code here.
"""

from __future__ import annotations

import re
import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, Discriminator, Field, Tag

from wizard.fieldpath import FieldPath
from wizard.fields import LongText, ShortText
from wizard.i18n import _
from wizard.languages import CODES, LANGUAGES, language

LanguageCode = Literal[CODES]  # type: ignore[valid-type]
DEFAULT_LANGUAGE = CODES[0]


class Translatable:
    """Marks a field's type as text given per language (the JSON Schema says so with `x-translatable`)."""

    def __init__(self, neutral: bool) -> None:
        self.neutral = neutral  # a plain string is a name, the same in every language

    def __repr__(self) -> str:
        return f"Translatable(neutral={self.neutral})"


# The two forms are told apart by the value's type, so a wrong value gets the one error of its own form, not one
# for each form; the form's tag in an error's location is dropped (`without_form`), so errors name the field.
PLAIN, BY_LANGUAGE = "(plain text)", "(by language)"


def _form(value: Any) -> str:
    return BY_LANGUAGE if isinstance(value, dict) else PLAIN


def without_form(loc: tuple[Any, ...]) -> tuple[Any, ...]:
    """A validation error's location without the tag saying which form of a translatable text it was in (and
    pydantic's `[key]` after a language that is not one: the language is the key, and the error says so)."""
    return tuple(part for part in loc if part not in (PLAIN, BY_LANGUAGE, "[key]"))


def _local(text: Any, neutral: bool) -> Any:
    by_language = Annotated[dict[LanguageCode, text], Field(min_length=1)]
    schema: dict[str, Any] = {"x-translatable": "name" if neutral else "text"}
    forms = Union[Annotated[text, Tag(PLAIN)], Annotated[by_language, Tag(BY_LANGUAGE)]]
    return Annotated[forms, Discriminator(_form), Translatable(neutral), Field(json_schema_extra=schema)]


LocalShortText = _local(ShortText, neutral=False)
LocalLongText = _local(LongText, neutral=False)
LocalName = _local(ShortText, neutral=True)

LocalValue = Union[str, dict[str, str]]


# --- which fields are translatable ------------------------------------------------------------------------


def _marker(annotation: Any) -> Translatable | None:
    """The Translatable marker in a field's type, through `| None` and `list[...]`."""
    origin = typing.get_origin(annotation)
    if origin is Annotated:
        found = next((item for item in typing.get_args(annotation)[1:] if isinstance(item, Translatable)), None)
        return found or _marker(typing.get_args(annotation)[0])
    if origin in (Union, types.UnionType):
        args = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
        return _marker(args[0]) if len(args) == 1 else None
    if origin is list:
        return _marker(typing.get_args(annotation)[0])
    return None


@lru_cache(maxsize=None)
def translatable_fields(model: type[BaseModel]) -> dict[str, Translatable]:
    """The fields of `model` that hold translatable text, with their marker."""
    found = {}
    for name, info in model.model_fields.items():
        annotation: Any = Annotated[info.annotation, *info.metadata] if info.metadata else info.annotation
        marker = _marker(annotation)
        if marker is not None:
            found[name] = marker
    return found


def _submodel(annotation: Any) -> type[BaseModel] | None:
    """The model a field holds (alone, in a list or optional), if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _submodel(arg)
        if found is not None:
            return found
    return None


def holds_written_text(raw: Any, model: type[BaseModel]) -> bool:
    """Whether the answers as a file holds them (`raw`, for `model`) have a text written in a language: a
    description, a period; not a name, which is the same in every language."""
    if isinstance(raw, list):
        return any(holds_written_text(item, model) for item in raw)
    if not isinstance(raw, dict):
        return False
    translatable = translatable_fields(model)
    for name, value in raw.items():
        info = model.model_fields.get(name)
        if info is None or value in (None, "", [], {}):
            continue
        if name in translatable:
            if not translatable[name].neutral:
                return True
        elif (inner := _submodel(info.annotation)) is not None and holds_written_text(value, inner):
            return True
    return False


@dataclass(frozen=True)
class Text:
    """One translatable value in the answers, where it is."""

    path: FieldPath
    value: LocalValue
    neutral: bool


def texts(model: BaseModel, path: FieldPath = ()) -> Iterator[Text]:
    """Every translatable value in `model` and the models under it, with its path, in the file's order."""
    translatable = translatable_fields(type(model))
    for name in type(model).model_fields:
        value = getattr(model, name)
        here = (*path, name)
        if value is None:
            continue
        if name in translatable:
            items = enumerate(value) if isinstance(value, list) else [(None, value)]
            for index, item in items:
                yield Text(here if index is None else (*here, index), item, translatable[name].neutral)
        elif isinstance(value, BaseModel):
            yield from texts(value, here)
        elif isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from texts(item, (*here, index))


# --- one language's text ------------------------------------------------------------------------------------


def text_in(value: LocalValue, lang: str, written_in: str, neutral: bool = False) -> str | None:
    """The text in `lang`, or None when it has none."""
    if isinstance(value, dict):
        return value.get(lang)
    return value if neutral or lang == written_in else None


def original(value: LocalValue, written_in: str) -> tuple[str, str]:
    """(language, text) of the text as written: the file's language first, else the first one given."""
    if isinstance(value, dict):
        lang = written_in if written_in in value else next(code for code in CODES if code in value)
        return lang, value[lang]
    return written_in, value


def one_text(value: Any, lang: str) -> Any:
    """A value as one text to show: a text given by language in `lang`, else as first written; anything
    else as it is."""
    if isinstance(value, dict) and value:
        return text_in(value, lang, lang) or original(value, lang)[1]
    return value


def untranslated(answers: Any, lang: str) -> list[Text]:
    """The texts that have nothing in `lang`."""
    return [text for text in texts(answers) if text_in(text.value, lang, answers.language, text.neutral) is None]


def notice_languages(answers: Any) -> list[str]:
    """The languages the answers are written for: the file's own and every one a text is given in."""
    given = {answers.language} | {lang for text in texts(answers) if isinstance(text.value, dict) for lang in text.value}
    return [code for code in CODES if code in given]


def in_language(source: str, lang: str) -> str:
    """How `lang` says "in `source`": "in Finnish", "englanniksi"."""
    return _(language(source).in_name, lang)


def marked(value: LocalValue, lang: str, written_in: str) -> str:
    """A text with no `lang` version, as the `lang` notice shows it: the original, marked with its language."""
    source, text = original(value, written_in)
    return f"{text} ({in_language(source, lang)})"


class Untranslated(Exception):
    """Texts have no version in the notice's language; `texts` lists them."""

    def __init__(self, lang: str, missing: list[Text]) -> None:
        super().__init__(lang, [text.path for text in missing])
        self.lang = lang
        self.texts = missing


def localize(answers: Any, lang: str, allow_mixed: bool = False, mark: bool = True) -> Any:
    """A copy of the answers with every translatable value a plain string in `lang`. A text with no `lang`
    version raises Untranslated, or with `allow_mixed` is its original, marked with its language unless
    `mark` is false (for reading the texts as written, not for a notice)."""
    if not allow_mixed:
        missing = untranslated(answers, lang)
        if missing:
            raise Untranslated(lang, missing)
    return _localized(answers, lang, answers.language, mark)


def as_written(answers: Any) -> Any:
    """The answers with each text as written (in the file's language where it has one): what the rules read."""
    return localize(answers, answers.language, allow_mixed=True, mark=False)


def _localized(model: BaseModel, lang: str, written_in: str, mark: bool) -> BaseModel:
    translatable = translatable_fields(type(model))
    values: dict[str, Any] = {}
    for name in type(model).model_fields:
        value = getattr(model, name)
        if value is None:
            pass
        elif name in translatable:
            neutral = translatable[name].neutral
            if isinstance(value, list):
                value = [_one(item, lang, written_in, neutral, mark) for item in value]
            else:
                value = _one(value, lang, written_in, neutral, mark)
        elif isinstance(value, BaseModel):
            value = _localized(value, lang, written_in, mark)
        elif isinstance(value, list):
            value = [_localized(item, lang, written_in, mark) if isinstance(item, BaseModel) else item for item in value]
        values[name] = value
    return type(model).model_construct(_fields_set=model.model_fields_set, **values)


def _one(value: LocalValue, lang: str, written_in: str, neutral: bool, mark: bool) -> str:
    if isinstance(value, str) and type(value) is not str:  # markup seloste made (a gap marker), in no language
        return value
    text = text_in(value, lang, written_in, neutral)
    if text is not None:
        return text
    return marked(value, lang, written_in) if mark else original(value, written_in)[1]


def with_translations(text: str, lang: str, candidates: list[Any]) -> LocalValue:
    """A text just written in `lang`, with the other languages it had, as long as it says the same: the first
    candidate (the value it replaces, then e.g. a demonstration's answer) whose text as shown in `lang`
    (`one_text`) is this very text gives its whole mapping. A text that differs from all of them stands alone:
    a translation of the text it replaces may say what the new one no longer does, so it is asked for again."""
    for candidate in candidates:
        if isinstance(candidate, dict) and one_text(candidate, lang) == text:
            return dict(candidate)
    return text


# --- a cheap guard: a text filed under the wrong language ---------------------------------------------------

_WORD = re.compile(r"[^\W\d_]+")


def guess_language(text: str) -> str | None:
    """The language a text is plainly written in, by the registry's stop words; None when it is not plain:
    at least two of one language's and none of any other's."""
    words = [word.casefold() for word in _WORD.findall(text)]
    counts = {entry.code: sum(word in entry.stop_words for word in words) for entry in LANGUAGES}
    best = max(counts, key=lambda code: counts[code])
    if counts[best] >= 2 and all(count == 0 for code, count in counts.items() if code != best):
        return best
    return None


def misfiled(answers: Any) -> Iterator[tuple[FieldPath, str, str]]:
    """(path, filed under, plainly in) for each text given under one language and plainly in another."""
    for text in texts(answers):
        if text.neutral and not isinstance(text.value, dict):
            continue
        pairs = text.value.items() if isinstance(text.value, dict) else [(answers.language, text.value)]
        for lang, value in pairs:
            guessed = guess_language(value)
            if guessed is not None and guessed != lang:
                path = (*text.path, lang) if isinstance(text.value, dict) else text.path
                yield path, lang, guessed
