"""Each Art. 13/14 item of `wizard.coverage` judged in an existing notice: found (with the quote that gives it),
vague (given, but not specifically enough), missing, or not applicable (and why).

An old notice does not say which facts hold (is there a DPO? data from other sources?), so an item that
applies only to some businesses applies when the notice itself speaks of it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from wizard.audit.evidence import Quote, heading_quote, matches, quote, search
from wizard.audit.sections import Document, Section
from wizard.audit.words import pattern, patterns
from wizard.coverage import ITEMS, Item
from wizard.i18n import N_

# The words of every language (templates/<language>/audit.yaml), each a regular expression over word stems.
NEGATION = pattern("negation")
BASIS_KINDS = patterns("bases")  # the bases of Art. 6(1), as notices name them
BASIS = "|".join(BASIS_KINDS.values())
BASIS_STATEMENT = pattern("basis_statement")
LEGITIMATE_INTEREST = pattern("legitimate_interest")
PERIOD = pattern("period")
CRITERIA = pattern("criteria")
VAGUE_RETENTION = pattern("vague_retention")
VAGUE_WORDS = pattern("vague_words")
PLACEHOLDER = rf"^\s*([-–—.…?]+|n/?a|xxx+|\[[^\]]*\]|{pattern('placeholder')})\s*$"
OTHER_SOURCES = pattern("other_sources")
OUTSIDE_EEA = pattern("outside_eea")
TRANSFER_TOOL = pattern("transfer_tool")
TRANSFER_EXCEPTION = pattern("transfer_exception")
PROVISION = pattern("provision")
RIGHTS = patterns("rights")
RIGHT_NAMES = {
    "access": N_("access"),
    "rectification": N_("rectification"),
    "erasure": N_("erasure"),
    "restriction": N_("restriction"),
    "objection": N_("objection"),
    "portability": N_("portability"),
}
RIGHTS_CONTEXT = pattern("rights_context")
# Advertising aimed at the person (targeted ads, direct mail, a newsletter) is direct marketing (Art. 21(2)-(3)),
# whatever the notice calls it; "mainon", "mainok", "mainos" cover mainonta, mainonnan, suoramainoksiin...
DIRECT_MARKETING = pattern("direct_marketing")
NO_DISCLOSURE = pattern("no_disclosure")
CONSENT = pattern("consent_word")


@dataclass
class Judgement:
    item: Item
    state: str  # "found", "vague", "missing" or "not_applicable"
    quotes: list[Quote] = field(default_factory=list)
    note: str = ""  # why vague, missing or not applicable (a msgid; `params` fill it)
    params: dict[str, list[str]] = field(default_factory=dict)  # msgids, each translated, joined by commas


@dataclass(frozen=True)
class Context:
    """What the notice as a whole says that decides which items apply."""

    art13: bool
    art14: bool


def context_of(doc: Document) -> Context:
    other = search(doc, OTHER_SOURCES, "sources", unless=NEGATION)
    from_person = pattern("from_person")
    not_from_person = [q for q in search(doc, from_person, "sources") if matches(NEGATION, q.text)]
    return Context(art13=not not_from_person, art14=bool(other))


def articles(item: Item, context: Context) -> str:
    if item.other_article:
        return item.other_article
    parts = []
    if item.art13 and (context.art13 or not item.art14):
        parts.append(item.art13)
    if item.art14 and (context.art14 or not item.art13):
        parts.append(item.art14)
    return ", ".join(parts)


Judge = Callable[[Document, Context], tuple[str, list[Quote], str, dict[str, list[str]]]]


def _found(quotes: list[Quote]) -> tuple[str, list[Quote], str, dict[str, list[str]]]:
    return "found", quotes[:2], "", {}


def _vague(quotes: list[Quote], note: str, **params: list[str]) -> tuple[str, list[Quote], str, dict[str, list[str]]]:
    return "vague", quotes[:2], note, params


def _missing(note: str, quotes: list[Quote] | None = None, **params: list[str]) -> tuple[str, list[Quote], str, dict[str, list[str]]]:
    return "missing", (quotes or [])[:2], note, params


def _not_applicable(note: str) -> tuple[str, list[Quote], str, dict[str, list[str]]]:
    return "not_applicable", [], note, {}


CONTACT_DETAIL = r"@|\(at\)|\+?\d[\d ]{6,}\d|\b\d{5}\b|\b\d{7}-\d\b"


def controller(doc: Document, _: Context) -> tuple[str, list[Quote], str, dict[str, list[str]]]:
    for section in doc.about("controller", "contact"):
        details = search_in(section, CONTACT_DETAIL)
        if details:
            return _found(details)
    return _missing(N_("no section names the controller with its contact details"))


def search_in(section: Section, pattern: str) -> list[Quote]:
    return search(Document([section]), pattern)


def _only_if_mentioned(topic: str, pattern: str, note: str) -> Judge:
    """An item that applies only to some controllers: applies when the notice speaks of it."""

    def judge(doc: Document, _: Context) -> tuple[str, list[Quote], str, dict[str, list[str]]]:
        mentions = [heading_quote(s) for s in doc.about(topic) if s.body] + search(doc, pattern, unless=NEGATION)
        if not mentions:
            return _not_applicable(note)
        details = [q for q in mentions if matches(CONTACT_DETAIL, q.text)] or [
            quote(s, b.where, b.text) for s in doc.about(topic) for b in s.body if matches(CONTACT_DETAIL, b.text)
        ]
        return _found(details) if details else _vague(mentions, N_("mentioned, but without contact details"))

    return judge


def purposes_and_bases(doc: Document, _: Context) -> tuple[str, list[Quote], str, dict[str, list[str]]]:
    purposes = [s for s in doc.about("purposes") if s.body]
    if not purposes:
        return _missing(N_("no section says what the data are used for"))
    bases = basis_statements(doc)
    if not bases:
        first = purposes[0]
        return _missing(N_("purposes are given, but no legal basis (Art. 6(1))"), [quote(first, first.body[0].where, first.body[0].text)])
    if single_basis(doc):
        return _vague(bases, N_("one legal basis is given for all purposes, not one for each"))
    return _found(bases)


def single_basis(doc: Document) -> list[Quote]:
    """The statements of a notice that gives one legal basis for all its purposes (none when it gives one for each):
    a single statement, or the same basis said again under other headings and never beside a purpose."""
    from wizard.audit.topics import topics_of

    bases = basis_statements(doc)
    if not bases or purpose_count(doc) < 2:
        return []
    if len(bases) == 1:
        return bases
    beside_purposes = [q for q in bases if {"purposes"} == set(topics_of(q.heading)) & {"purposes", "legitimate_interests", "consent"}]
    kinds = {kind for q in bases for kind, pattern in BASIS_KINDS.items() if matches(pattern, q.text)}
    return bases if not beside_purposes and len(kinds) <= 1 else []


def bases_unknown(doc: Document) -> bool:
    """Whether the notice leaves the basis of its purposes unknown: it has purposes but names no basis, or one
    basis for all of them (then the reader cannot tell which purposes rest on consent or legitimate interests)."""
    if not any(s.body for s in doc.about("purposes")):
        return False
    return not basis_statements(doc) or bool(single_basis(doc))


def basis_statements(doc: Document) -> list[Quote]:
    """Sentences that give a legal basis: in a section about purposes or bases, a basis named as the basis."""
    stated = [q for q in search(doc, BASIS, "purposes", "legitimate_interests")
              if matches(BASIS_STATEMENT, q.text) or matches(BASIS_STATEMENT, q.heading)]
    stated += [q for q in search(doc, BASIS, "consent", "legitimate_interests") if q not in stated and not matches(NEGATION, q.text)]
    return [q for q in stated if not matches(pattern("each_purpose_its_basis"), q.text)]


def purpose_count(doc: Document) -> int:
    """How many purposes the notice lists: its list items about purposes, or else its sentences about them (not
    "Other recipients who use the data for their own purposes")."""
    sections = [s for s in doc.about("purposes") if not {"legitimate_interests", "recipients"} & set(s.topics)]
    # a purpose's own details ("You can withdraw your consent...") are items of a list under it, not purposes
    listed = [b for s in sections for b in s.body if b.listed and b.depth <= 1 and not matches(BASIS_STATEMENT, b.text)]
    if listed:
        return len(listed)
    return sum(1 for s, _, sentence in doc.sentences("purposes") if s in sections and not matches(BASIS_STATEMENT, sentence))


def legitimate_interests(doc: Document, _: Context) -> tuple[str, list[Quote], str, dict[str, list[str]]]:
    relied_on = [q for q in search(doc, LEGITIMATE_INTEREST, unless=NEGATION) if not _contract_in_disguise(q.text)]
    sections = [s for s in doc.about("legitimate_interests") if s.body and not _contract_in_disguise(s.text())]
    if not relied_on and not sections:
        if bases_unknown(doc):
            return _missing(N_("the notice gives no legal basis for each purpose, so it cannot say whether it relies on "
                               "legitimate interests: name each purpose's basis, and the interest where it is legitimate interests"))
        return _not_applicable(N_("the notice relies on no legitimate interest"))
    stated = [quote(s, b.where, b.text) for s in sections for b in s.body if len(b.text.split()) >= 4]
    stated += [q for q in relied_on if _names_interest(q.text)]
    if stated:
        return _found(stated)
    return _vague(relied_on or [heading_quote(sections[0])], N_("legitimate interest is named, but not what the interest is"))


def _contract_in_disguise(text: str) -> bool:
    return matches(pattern("not_an_interest"), text) and not matches(pattern("interest_is_named"), text)


def _names_interest(sentence: str) -> bool:
    """"Our legitimate interest is to prevent fraud" names one; "based on our legitimate interest" does not."""
    match = next(iter(re.finditer(LEGITIMATE_INTEREST, sentence, re.I)), None)
    if match is None:
        return False
    after = sentence[match.end():]
    return bool(re.match(rf"\w*\s*(:|{pattern('interest_named_by')})\s*\S+(\s+\S+){{2,}}", after, re.I))


def data_categories(doc: Document, context: Context) -> tuple[str, list[Quote], str, dict[str, list[str]]]:
    if not context.art14:
        return _not_applicable(N_("the notice names no source other than the people themselves"))
    sections = [s for s in doc.about("categories") if s.body]
    if not sections:
        return _missing(N_("no section lists the categories of personal data"))
    return _found([quote(s, b.where, b.text) for s in sections for b in s.body[:1]])


def recipients(doc: Document, _: Context) -> tuple[str, list[Quote], str, dict[str, list[str]]]:
    sections = [s for s in doc.about("recipients") if s.body]
    stated = [quote(s, b.where, b.text) for s in sections for b in s.body[:1]]
    stated += search(doc, NO_DISCLOSURE)
    among_recipients = {vendor["name"] for vendor, _ in named_services(doc, "recipients")}
    unlisted = [(vendor, quoted) for vendor, quoted in named_services(doc) if vendor["name"] not in among_recipients]
    if unlisted:  # a tool that gets the data is a recipient (Art. 4(9)), named or not
        return _vague([quoted for _, quoted in unlisted], N_("these services get the data but are not named among the recipients: {services}"),
                      services=[vendor["name"] for vendor, _ in unlisted])
    if not stated:  # as in `seloste coverage`: an item only when there are recipients
        return _not_applicable(N_("the notice names no recipient (if anyone outside the business gets the data, it must say who)"))
    vague = search(doc, VAGUE_WORDS, "recipients")
    if vague:
        return _vague(vague, N_("recipients are not named or specifically described"))
    return _found(stated)


def named_services(doc: Document, *topics: str) -> list[tuple[dict[str, Any], Quote]]:
    """The known third-party services (templates/vendors.yaml) the notice names (in sections about `topics`, or
    anywhere), each with where it is first named."""
    from wizard.rules import vendor_pattern, vendors

    found = []
    for vendor in vendors()["vendors"]:
        hits = search(doc, vendor_pattern([vendor["name"], *vendor["words"]]).pattern, *topics)
        if hits:
            found.append((vendor, hits[0]))
    return found


def services_outside_eea(doc: Document) -> tuple[list[Quote], list[str]]:
    """Where the notice names a known service based outside the EU/EEA, and which ("Google Analytics (US)")."""
    from wizard.law import is_in_eea

    outside = [(vendor, quoted) for vendor, quoted in named_services(doc) if not is_in_eea(vendor["country"])]
    return [quoted for _, quoted in outside], [f"{vendor['name']} ({vendor['country']})" for vendor, _ in outside]


def transfers(doc: Document, _: Context) -> tuple[str, list[Quote], str, dict[str, list[str]]]:
    mentions = search(doc, OUTSIDE_EEA) + [q for s in doc.about("transfers") if s.body for q in [quote(s, s.body[0].where, s.body[0].text)]]
    named, services = services_outside_eea(doc)
    if services and not search(doc, TRANSFER_TOOL):  # the service's country gets the data, said or not
        return _vague(named, N_("services based outside the EU/EEA are named, but no transfer there and its ground: {services}"),
                      services=services)
    if not mentions:
        return _not_applicable(N_("the notice mentions no transfer outside the EU/EEA"))
    loose = [q for q in mentions if matches(TRANSFER_EXCEPTION, q.text) and not matches(TRANSFER_TOOL, q.text)]
    if loose:
        return _vague(loose, N_("says when data might be transferred, not whether they are, where to and on which ground"))
    tools = [q for q in mentions if matches(TRANSFER_TOOL, q.text)] + search(doc, TRANSFER_TOOL, "transfers")
    if tools:
        return _found(tools)
    if any(matches(NEGATION, q.text) for q in mentions):
        return _not_applicable(N_("the notice says that no data leave the EU/EEA"))
    return _vague(mentions, N_("a transfer is mentioned without its ground (adequacy decision, standard clauses, ...)"))


def retention(doc: Document, _: Context) -> tuple[str, list[Quote], str, dict[str, list[str]]]:
    sentences = search(doc, r".", "retention") + search(
        doc, pattern("retention_words"), "purposes", "categories", "recipients", "rights", "cookies")
    if not sentences:
        return _missing(N_("the notice does not say how long the data are kept"))
    concrete = [q for q in sentences if matches(PERIOD, q.text) or matches(CRITERIA, q.text)]
    if concrete:
        return _found(concrete)
    vague = [q for q in sentences if matches(VAGUE_RETENTION, q.text)]
    if vague:
        return _vague(vague, N_("no period and no concrete criteria: \"as long as necessary\" is not enough"))
    in_section = search(doc, r".", "retention")
    if in_section:
        return _vague(in_section, N_("the section on retention gives no period and no concrete criteria"))
    # e.g. only "deleted at the person's request" among the disclosures: no period at all
    return _missing(N_("the notice gives no retention period and no criteria for it"), sentences)


def rights(doc: Document, _: Context) -> tuple[str, list[Quote], str, dict[str, list[str]]]:
    found: dict[str, list[Quote]] = {}
    for name, pattern in RIGHTS.items():
        hits = [q for q in search(doc, pattern) if matches(RIGHTS_CONTEXT, q.text) or q.heading and matches(RIGHTS_CONTEXT, q.heading)]
        hits += [heading_quote(s) for s in doc.sections if s.heading and matches(pattern, s.title) and matches(RIGHTS_CONTEXT, s.title)]
        if hits:
            found[name] = hits
    if not found:
        return _missing(N_("the notice names none of the rights"))
    absent = [name for name in RIGHTS if name not in found]
    quotes = [hits[0] for hits in found.values()]
    if absent:
        return _vague(quotes, N_("not named: {rights}"), rights=[RIGHT_NAMES[name] for name in absent])
    return _found(quotes)


def right_to_object(doc: Document, _: Context) -> tuple[str, list[Quote], str, dict[str, list[str]]]:
    reasons = search(doc, LEGITIMATE_INTEREST, "purposes", "legitimate_interests", unless=NEGATION) + search(
        doc, DIRECT_MARKETING, "purposes", "marketing", unless=NEGATION)
    if not reasons:
        return _not_applicable(N_("the notice relies on no legitimate interest and does no direct marketing"))
    headed = [s for s in doc.about("objection") if s.heading and s.body]
    separate = [heading_quote(s) for s in headed if matches(RIGHTS["objection"], s.text())]
    if separate:
        return _found(separate)
    if headed:  # old forms put the access or erasure text under a heading "Vastustamisoikeus"
        return _vague([heading_quote(s) for s in headed],
                      N_("a heading names the right to object, but the text under it does not say what the right is"))
    mentioned = search(doc, RIGHTS["objection"], unless=r"^$")
    if mentioned:
        return _vague(mentioned, N_("the right to object is not stated separately, as Art. 21(4) requires"))
    return _missing(N_("the notice does not mention the right to object"), reasons)


def withdraw_consent(doc: Document, _: Context) -> tuple[str, list[Quote], str, dict[str, list[str]]]:
    consent = [q for q in basis_statements(doc) if matches(CONSENT, q.text) and not matches(NEGATION, q.text)]
    consent += [heading_quote(s) for s in doc.about("consent")
                if s.body and matches(CONSENT, s.text()) and not matches(NEGATION + "|" + PLACEHOLDER, s.text())]
    if not consent:
        if bases_unknown(doc):
            return _missing(N_("the notice gives no legal basis for each purpose, so it cannot say whether it relies on "
                               "consent: name each purpose's basis, and how consent is withdrawn where it is consent"))
        return _not_applicable(N_("the notice relies on no consent"))
    withdrawal = search(doc, pattern("withdrawal"))
    if withdrawal:
        return _found(withdrawal)
    return _missing(N_("consent is a basis, but the notice does not say it can be withdrawn, or how"), consent)


def complaint(doc: Document, _: Context) -> tuple[str, list[Quote], str, dict[str, list[str]]]:
    hits = search(doc, pattern("complaint_word"), unless=None)
    authority = [q for q in hits if matches(pattern("authority"), q.text + " " + q.heading)]
    if authority:
        return _found(authority)
    return _missing(N_("the notice does not say that a complaint can be made to the supervisory authority"))


def provision(doc: Document, context: Context) -> tuple[str, list[Quote], str, dict[str, list[str]]]:
    if not context.art13:
        return _not_applicable(N_("the notice says no data come from the people themselves"))
    hits = search(doc, PROVISION)
    if hits:
        return _found(hits)
    asked = [heading_quote(s) for s in doc.about("provision") if s.heading]
    if asked:
        return _missing(N_("a heading asks it, but the text does not say whether giving the data is required"), asked)
    return _missing(N_("the notice does not say whether giving the data is required, and what follows if not"))


def source(doc: Document, context: Context) -> tuple[str, list[Quote], str, dict[str, list[str]]]:
    if not context.art14:
        return _not_applicable(N_("the notice names no source other than the people themselves"))
    named = search(doc, OTHER_SOURCES, "sources", unless=NEGATION)
    vague = [q for q in named if matches(VAGUE_WORDS, q.text)]
    if vague:  # "may also be obtained from subcontractors": the reader cannot tell which sources there are
        return _vague(vague, N_("sources are described loosely, not named"))
    return _found(named)


def automated_decisions(doc: Document, _: Context) -> tuple[str, list[Quote], str, dict[str, list[str]]]:
    mentions = search(doc, pattern("automated"), unless=NEGATION)
    mentions = [q for q in mentions if not matches(pattern("automated_only_named"), q.text)]
    if not mentions:
        return _not_applicable(N_("the notice mentions no automated decisions"))
    explained = [q for q in mentions if matches(pattern("automated_explained"), q.text)]
    if explained:
        return _found(explained)
    return _vague(mentions, N_("automated decisions are mentioned without their logic, significance and consequences"))


JUDGES: dict[str, Judge] = {
    "controller": controller,
    "representative": _only_if_mentioned("representative", pattern("representative"), N_("the notice names no EU representative (needed only for a controller outside the EU/EEA)")),
    "dpo": _only_if_mentioned("dpo", pattern("topics.dpo"), N_("the notice names no data protection officer (needed only when one is designated)")),
    "joint_arrangement": _only_if_mentioned("joint", pattern("topics.joint"), N_("the notice names no joint controller")),
    "purposes_and_bases": purposes_and_bases,
    "legitimate_interests": legitimate_interests,
    "data_categories": data_categories,
    "recipients": recipients,
    "transfers": transfers,
    "retention": retention,
    "rights": rights,
    "right_to_object": right_to_object,
    "withdraw_consent": withdraw_consent,
    "complaint": complaint,
    "provision": provision,
    "source": source,
    "automated_decisions": automated_decisions,
}


def judge_items(doc: Document, context: Context) -> list[Judgement]:
    judgements = []
    for item in ITEMS:
        state, quotes, note, params = JUDGES[item.id](doc, context)
        judgements.append(Judgement(item, state, quotes, note, params))
    return judgements
