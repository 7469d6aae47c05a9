"""An answer as words in the conversation language: labels for choices, Yes/No, a record's summary."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from wizard.i18n import N_, _, translations
from wizard.kinds import CHOICE_KINDS, Option
from wizard.localtext import one_text
from wizard.questionnaire import Question
from wizard.sheet import form_value

YES = N_("Yes")
NO = N_("No")
NOT_GIVEN = N_("Not given")
NONE_GIVEN = N_("None")


def display_answer(question: Question, value: Any, lang: str, options: Callable[[Question], list[Option]]) -> str:
    """`value` as words in `lang`; `options` gives every option a choice may have had, for its label."""
    gettext = translations(lang).gettext
    if question.kind == "yes_no":
        if value is None:
            return gettext(NOT_GIVEN)
        return gettext(YES) if value is True or isinstance(value, dict) else gettext(NO)
    if value is None or value == "":
        return gettext(NOT_GIVEN)
    if question.kind == "record" and isinstance(value, list):  # a whole list, e.g. dropped
        return "; ".join(display_answer(question, item, lang, options) for item in value)
    if question.kind == "record" and isinstance(value, dict):
        # A form's values are keyed by sub-question; an item as the file holds it, by field.
        form = value if set(value) <= {sub.id for sub in question.fields} else form_value(question, value)
        shown = question.summary or (question.fields[0].id,)
        parts = [display_answer(question.sub(sub_id), form.get(sub_id), lang, options) for sub_id in shown if sub_id in form]
        return " · ".join(parts)
    if question.kind in CHOICE_KINDS:
        labels = {option.value: option.label for option in options(question)}
        chosen = value if isinstance(value, list) else [value]
        return ", ".join(gettext(labels[v]) if v in labels else str(v) for v in chosen) or gettext(NONE_GIVEN)
    if isinstance(value, list):
        return ", ".join(_text(item, lang) for item in value) or gettext(NONE_GIVEN)
    if question.kind == "country":
        return country_name(str(value), lang)
    if question.kind == "date":
        return shown_date(value, lang)
    return _text(value, lang)


def _text(value: Any, lang: str) -> str:
    """A text as words: one given by language in `lang` where it has that version, else as written."""
    return str(one_text(value, lang))


def shown_moment(moment: datetime, lang: str) -> str:
    """A date and time as people write them in `lang`: 3.12.2026 klo 18.38, 3.12.2026 kl. 18.38, 03/12/2026 at 18:38."""
    from babel.dates import format_date, format_time

    from wizard.languages import language

    locale = language(lang).babel_locale
    words = _("{date} at {time}", lang)  # (the time of day, as a list of saved interviews shows it)
    return words.format(date=format_date(moment, "short", locale=locale), time=format_time(moment, "short", locale=locale))


def shown_date(value: Any, lang: str) -> str:
    """A date as people write it in `lang` (2.12.2026, 02/12/2026), which is also how they may type it; anything
    that is not a date, as it is."""
    from datetime import date

    from babel.dates import format_date

    from wizard.languages import language

    try:
        day = value if isinstance(value, date) else date.fromisoformat(str(value))
    except ValueError:
        return str(value)
    return format_date(day, "short", locale=language(lang).babel_locale)


def country_name(code: str, lang: str) -> str:
    from babel import Locale

    return Locale.parse(lang).territories.get(code, code)
