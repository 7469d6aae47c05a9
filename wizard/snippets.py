"""`seloste snippets`: the short texts a business pastes where it collects personal data, from the same answers
as its notice: a consent tick box per purpose that relies on consent, a paragraph under a form, the footer of a
marketing message and a cookie banner's text.

What each text says comes from `Snippets` (which purposes, which cookie kinds, why a marketing message is sent),
so a test can hold every text to the notice; the words are `templates/<lang>/snippets/point_of_collection.md.j2`,
rendered like a clause (same escaping, labels and filters). A link to the notice is written only when its address
is given (`--notice-url`); otherwise the texts say where the business must add it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TextIO

from wizard.law import LegalBasis

if TYPE_CHECKING:
    from argparse import Namespace

    from wizard.answers import Answers, Purpose
    from wizard.check import Report

TEMPLATE = "snippets/point_of_collection.md.j2"


@dataclass(frozen=True)
class Snippets:
    """What the texts for the point of collection say, before they are put in words."""

    consent_purposes: list[Purpose]  # a tick box each
    # Per consent purpose (id), the special categories of data (Art. 9) its consent is the explicit consent for
    explicit: dict[str, list[str]]
    form_purposes: list[Purpose]  # named, each with its basis, in the paragraph under a form
    marketing_reason: str | None  # why a marketing message is sent: "consent", "existing_customer", "businesses"
    consent_cookies: list[str]  # the cookie kinds the banner asks consent for
    necessary_cookies: bool
    notice_url: str | None


def snippets_of(answers: Answers, notice_url: str | None) -> Snippets:
    purposes = answers.purposes
    consent = [p for p in purposes if p.basis is LegalBasis.consent]
    categories = answers.cookies.categories if answers.cookies is not None and answers.cookies.used else []
    from wizard.law import Art9Condition

    explicit: dict[str, list[str]] = {}
    for special in answers.special_categories:
        if special.condition is Art9Condition.explicit_consent:
            for purpose in consent:
                if purpose.id in special.purposes:
                    explicit.setdefault(purpose.id, []).append(special.description)
    return Snippets(
        consent_purposes=consent,
        explicit=explicit,
        form_purposes=list(purposes),
        marketing_reason=_marketing_reason(answers),
        consent_cookies=[c for c in categories if c != "necessary"],
        necessary_cookies="necessary" in categories,
        notice_url=notice_url,
    )


def _marketing_reason(answers: Answers) -> str | None:
    """Why a person gets a marketing message, as the answers say it (None: no marketing, or no reason given)."""
    marketing = [p for p in answers.purposes if p.direct_marketing]
    if not marketing and answers.direct_marketing is None:
        return None
    if any(p.basis is LegalBasis.consent for p in marketing):
        return "consent"
    dm = answers.direct_marketing
    if dm is not None and dm.existing_customer_exception:
        return "existing_customer"
    if dm is not None and dm.audience == "businesses":
        return "businesses"
    return "other"


def render_snippets(report: Report, lang: str, notice_url: str | None = None, allow_mixed_language: bool = False) -> str:
    """The texts in `lang` as Markdown; raises `wizard.localtext.Untranslated` as the notice does."""
    from wizard.localtext import localize
    from wizard.notice import environment, shared_context, template_context, tidy

    assert report.multilingual is not None
    answers = localize(report.multilingual, lang, allow_mixed=allow_mixed_language)
    env = environment(lang)
    context = shared_context(env, {**template_context(answers, lang), "s": snippets_of(answers, notice_url)})
    template = env.get_template(TEMPLATE)
    return tidy(env.concat(template.root_render_func(template.new_context(context, shared=True))))


def cmd_snippets(args: Namespace, ui_lang: str, out: TextIO, err: TextIO, stdin: Any) -> int:
    from wizard.commands import STANDARD_OUTPUT, _checked, _to_file, _to_stdout, _write_untranslated
    from wizard.console import EXIT_INVALID, EXIT_UNUSABLE
    from pydantic import TypeAdapter, ValidationError

    from wizard.fields import Website
    from wizard.i18n import _
    from wizard.localtext import Untranslated
    from wizard.terminal import visible

    url = args.notice_url
    if url is not None:
        try:
            url = TypeAdapter(Website).validate_python(url)
        except ValidationError:
            message = _("--notice-url {value} is not a web address; give the address of the published notice, e.g. https://www.example.fi/privacy.", ui_lang)
            err.write(message.format(value=visible(url)) + "\n")
            return EXIT_UNUSABLE
    report, code = _checked(args.answers, ui_lang, err, stdin)
    if report is None:
        return code
    try:
        text = render_snippets(report, args.notice_lang, url, allow_mixed_language=args.allow_mixed_language)
    except Untranslated:
        message = _("{count} text(s) have no version {language}, so the texts would mix languages; seloste does not write them:", ui_lang)
        _write_untranslated(report, args.notice_lang, message, ui_lang, err)
        return EXIT_INVALID
    content = text.encode("utf-8")
    if args.output in STANDARD_OUTPUT:
        return _to_stdout(content, "md", ui_lang, out, err)
    return _to_file(args.output, content, "md", args.force, ui_lang, out, err)
