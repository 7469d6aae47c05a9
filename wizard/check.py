"""Checking an answers file: read, upgrade, validate, apply the rules, and describe every finding.

This is what `seloste check` runs and what `render` and the chat call before they trust answers.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from pydantic import ValidationError

from wizard.answers import SCHEMA_VERSION, Answers
from wizard.diagnostics import REASONS, TEXTS
from wizard.fieldpath import FieldPath
from wizard.fieldtypes import model_at
from wizard.i18n import N_, translations
from wizard.languages import CODES, language
from wizard.localtext import as_written, misfiled, notice_languages, untranslated, without_form
from wizard.loader import Loaded, ReadProblem, load_bytes, type_name
from wizard.migrate import BadVersionError, NewerVersionError, migrate, migrate_lines
from wizard.resources import data_dir, read_yaml
from wizard.rules import Finding, display_path, run_rules
from wizard.terminal import visible


@dataclass(frozen=True)
class Diagnostic:
    severity: str  # "error" or "warning"
    code: str
    path: FieldPath
    params: dict[str, Any] = field(default_factory=dict)
    line: int | None = None

    def describe(self, lang: str = "en") -> dict[str, str]:
        """The message, hint and article in `lang`."""
        return describe(self.code, self.params, lang)


@dataclass
class Report:
    answers: Answers | None  # each translatable text as written (see `wizard.localtext.as_written`)
    diagnostics: list[Diagnostic]
    from_version: int = SCHEMA_VERSION
    by_language: Answers | None = None  # the texts as the file gives them, plain or by language
    # Per language of the registry, the texts with no version in it: (path, line), in the file's order.
    untranslated: dict[str, list[tuple[FieldPath, int | None]]] = field(default_factory=dict)
    data: dict[str, Any] | None = None  # the file's data in the current layout, as written (what `diff` compares)

    @property
    def multilingual(self) -> Answers | None:
        """The answers with every text as the file gives it: what a notice in one language is made from."""
        return self.by_language if self.by_language is not None else self.answers

    def missing_in(self, lang: str) -> list[Diagnostic]:
        """A warning for each text with no version in `lang`, unless the diagnostics already have them (the
        file is written in `lang`): what a notice in `lang` would lack."""
        from wizard.rules import display_path

        if any(d.code == "translation_missing" and d.params.get("language") == lang for d in self.diagnostics):
            return []
        return [
            Diagnostic("warning", "translation_missing", path, {"field": display_path(path), "language": lang}, line)
            for path, line in self.untranslated.get(lang, [])
        ]

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "warning"]


class Unreadable(Exception):
    """The bytes are not an answers file at all; carries the one diagnostic saying why."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.code)
        self.diagnostic = diagnostic


def describe(code: str, params: dict[str, Any], lang: str = "en", message: str | None = None) -> dict[str, str]:
    """The message, hint and article of `code` in `lang`; `message` (a msgid) says it in other words."""
    text = TEXTS[code]
    gettext = translations(lang).gettext
    # Values come from the file (a wrong choice, an unknown key): a terminal must not run their escapes.
    values = _SafeFormat({key: visible(_translated(key, value, gettext)) for key, value in params.items()})
    if params.get("reason") in REASONS:  # a library's reason, in seloste's words
        values["reason"] = gettext(REASONS[params["reason"]]).format_map(values)
    return {
        "message": gettext(message or text.message).format_map(values),
        "hint": gettext(text.hint).format_map(values) if text.hint else "",
        "article": gettext(text.article).format_map(values) if text.article else "",
    }


# Parameters that are seloste's own words (a field's description, the kind of value found), not the user's.
_TRANSLATED_PARAMS = {"found", "description", "article"}
_LANGUAGE_PARAMS = {"language", "guessed"}  # a language's code, shown as its name
THE_FILE = N_("the file")


def _translated(key: str, value: Any, gettext: Any) -> Any:
    if key in _TRANSLATED_PARAMS and isinstance(value, str) and value:
        return gettext(value)
    if key in _LANGUAGE_PARAMS and value in CODES:
        return gettext(language(value).name)
    if key == "field" and value == THE_FILE:
        return gettext(THE_FILE)
    if key == "cookie_kind" and isinstance(value, str):
        return gettext(_cookie_kind_label(value))
    return value


def _cookie_kind_label(kind: str) -> str:
    """A kind of cookie (`analytics`) as the question about cookies offers it (its option's label, "Analytics")."""
    return _cookie_kind_labels().get(kind, kind)


@lru_cache(maxsize=1)
def _cookie_kind_labels() -> dict[str, str]:
    # Read from the questions' files themselves: the questionnaire module imports this one.
    for path in sorted(data_dir("questions").glob("*.yaml")):
        for question in read_yaml(path).get("questions", []):
            if question.get("field") == "cookies.lifetimes":
                kinds = next(box for box in question.get("fields", []) if box.get("field") == "category")
                return {option["value"]: option["label"] for option in kinds.get("options", [])}
    return {}


class _SafeFormat(dict):
    """str.format_map that leaves unknown fields visible instead of raising."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def unreadable(problem: ReadProblem) -> Unreadable:
    params = {"line": problem.line, **problem.params} if problem.line is not None else problem.params
    return Unreadable(Diagnostic("error", problem.code, (), params, problem.line))


def load(raw: bytes) -> tuple[Loaded, int]:
    """Bytes to current-layout data; raises Unreadable when the file cannot be answers at all."""
    try:
        loaded = load_bytes(raw)
    except ReadProblem as problem:
        raise unreadable(problem) from None
    try:
        data, version = migrate(loaded.data)
    except NewerVersionError as newer:
        line = loaded.lines.get(("schema_version",))
        raise Unreadable(Diagnostic("error", "schema_newer", ("schema_version",), {"version": newer.version, "supported": SCHEMA_VERSION}, line)) from None
    except BadVersionError as bad:
        line = loaded.lines.get(("schema_version",))
        params = {"value": _short(bad.value)}
        raise Unreadable(Diagnostic("error", "schema_bad", ("schema_version",), params, line)) from None
    return Loaded(data, migrate_lines(loaded.lines, version)), version


def check_data(data: dict[str, Any], loaded: Loaded | None = None, version: int = SCHEMA_VERSION) -> Report:
    """Validate already-parsed data (current layout) and apply the rules."""
    lines = loaded or Loaded(data)
    try:
        answers = Answers.model_validate(data)
    except ValidationError as invalid:
        diagnostics = [_from_pydantic(error, lines) for error in invalid.errors(include_url=False)]
        return Report(None, diagnostics, version, data=data)
    # The rules read each text as written, in the file's language; which languages a text has is checked apart.
    written = as_written(answers)
    missing = {lang: [(text.path, lines.line_of(text.path)) for text in untranslated(answers, lang)] for lang in CODES}
    findings = [_from_finding(finding, lines) for finding in [*run_rules(written), *language_rules(answers)]]
    return Report(written, findings, version, by_language=answers, untranslated=missing, data=data)


def language_rules(answers: Answers) -> list[Finding]:
    """A warning for each text with no version in a language the file is written for (its own and every one
    a text is given in), and for each text plainly in a language other than the one it is filed under."""
    findings = [
        Finding("warning", "translation_missing", text.path, {"field": display_path(text.path), "language": lang})
        for lang in notice_languages(answers)
        for text in untranslated(answers, lang)
    ]
    findings += [
        Finding("warning", "text_in_other_language", path, {"field": display_path(path), "language": filed, "guessed": guessed})
        for path, filed, guessed in misfiled(answers)
    ]
    return findings


def check_bytes(raw: bytes) -> Report:
    """Check the bytes of an answers file; raises Unreadable (exit 2) when it cannot be read at all."""
    loaded, version = load(raw)
    return check_data(loaded.data, loaded, version)


def _from_finding(finding: Finding, lines: Loaded) -> Diagnostic:
    return Diagnostic(finding.severity, finding.code, finding.path, finding.params, lines.line_of(finding.path))


# --- pydantic errors to diagnostics ---------------------------------------------------------------------


def _from_pydantic(error: Any, lines: Loaded) -> Diagnostic:
    path: FieldPath = without_form(tuple(error["loc"]))
    kind = error["type"]
    ctx = error.get("ctx") or {}
    value = error.get("input")
    params: dict[str, Any] = {
        "field": display_path(path) or THE_FILE,
        "found": type_name(value),
        "value": _short(value),
        "description": _description(path),
        **{k: v for k, v in ctx.items() if isinstance(v, (str, int, float))},
    }
    if kind == "extra_forbidden":
        key = str(path[-1])
        allowed = _allowed_fields(path[:-1])
        close = _close_match(key, tuple(allowed))
        params.update(key=key, suggestion=close[0] if close else "", allowed=", ".join(allowed))
        kind = "extra_forbidden" if close else "extra_forbidden_nosuggestion"
    elif kind in ("enum", "literal_error"):
        # pydantic writes "'a', 'b' or 'c'" in English; a plain comma list reads in any language.
        params["expected"] = str(ctx.get("expected", "")).replace("'", "").replace(" or ", ", ")
    elif kind in ("too_short", "too_long") and isinstance(value, str):
        kind = "string_" + kind  # a length limit on cleaned text is reported by pydantic as one on a sequence
    elif kind.startswith("date_") and kind not in TEXTS:  # e.g. a time of day after the date
        kind = "date_parsing"
    elif kind.startswith("int_") and kind not in TEXTS:  # e.g. a number too big to read
        kind = "int_parsing"
    elif kind not in TEXTS:
        params["detail"] = error.get("msg", kind)
        kind = "pydantic_other"
    return Diagnostic("error", kind, path, params, lines.line_of(path))


@lru_cache(maxsize=1024)
def _close_match(key: str, allowed: tuple[str, ...]) -> list[str]:
    return difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)


def _short(value: Any) -> str:
    text = value if isinstance(value, str) else repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _allowed_fields(path: FieldPath) -> list[str]:
    model = model_at(path)
    return list(model.model_fields) if model else []


def _description(path: FieldPath) -> str:
    names = [part for part in path if isinstance(part, str)]
    if not names:
        return ""
    model = model_at(path[: max(i for i, part in enumerate(path) if isinstance(part, str))])
    info = model.model_fields.get(names[-1]) if model else None
    return (info.description or "") if info else ""
