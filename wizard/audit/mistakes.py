"""The known mistakes of old Finnish privacy notices (the 2018-2021 web forms, copied templates), in whichever of
seloste's languages they are written, each with what it looks like (its words: templates/<language>/audit.yaml), why
it is wrong and the article or act behind it. Every one found is quoted."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from wizard.audit.evidence import Quote, heading_quote, matches, quote, search
from wizard.audit.items import LEGITIMATE_INTEREST, NEGATION, PLACEHOLDER, VAGUE_WORDS, single_basis
from wizard.audit.sections import Document, Section
from wizard.audit.words import pattern
from wizard.i18n import N_

PROCESSOR_HINTS = pattern("processor_hints")


@dataclass(frozen=True)
class Mistake:
    code: str
    title: str  # msgid
    why: str  # msgid: why it is wrong and what to write instead
    article: str
    find: Callable[[Document], list[Quote]]


def _sentences(pattern: str, *topics: str, unless: str | None = None) -> Callable[[Document], list[Quote]]:
    return lambda doc: search(doc, pattern, *topics, unless=unless)


def empty_sections(doc: Document) -> list[Quote]:
    """Headings with nothing under them (not even a subheading), or only a placeholder such as "–". A heading
    that heads another section with text is a line of a table of contents (a web page printed or saved as PDF
    keeps its list of contents), not an empty section; a heading empty wherever it stands is quoted once."""
    empty: dict[str, Section] = {}  # the last empty section of each title: the section itself, after its contents line
    filled: set[str] = set()
    for index, section in enumerate(doc.sections):
        if section.heading is None:
            continue
        following = doc.sections[index + 1] if index + 1 < len(doc.sections) else None
        has_subsection = following is not None and following.level > section.level
        text = section.text()
        if (not text and not has_subsection) or (text and matches(PLACEHOLDER, text)):
            empty[_title_key(section.title)] = section
        else:
            filled.add(_title_key(section.title))
    quoted = {id(section) for key, section in empty.items() if key not in filled}
    return [heading_quote(section) for section in doc.sections if id(section) in quoted]


def _title_key(title: str) -> str:
    """A heading's words, numbered or not: "3. Your rights" in a list of contents heads the section "Your rights"."""
    return re.sub(r"^\s*(\d{1,2}[.)]?|[A-Z][.)])\s+", "", title).strip().rstrip(":").casefold()


# A form's field left as it was: "sähköpostitse (s-postiosoite)", "muuta?" (an e-mail address or a link read from
# a page follows its words in brackets too, but has an @ or a dot: never matched here).
INLINE_PLACEHOLDER = pattern("inline_placeholder")


def one_basis_for_all(doc: Document) -> list[Quote]:
    return single_basis(doc)[:2]


def interest_is_contract(doc: Document) -> list[Quote]:
    """"Legitimate interest: contract": the interest heading or sentence names another basis, or none at all."""
    found = []
    for section in doc.about("legitimate_interests"):
        text = section.text()
        if text and len(text.split()) <= 25 and matches(pattern("not_an_interest_or_relationship"), text):
            found.append(quote(section, section.body[0].where, section.body[0].text))
    found += search(doc, rf"({LEGITIMATE_INTEREST})\W+(\w+\W+){{0,6}}({pattern('contract_or_relationship')})", unless=NEGATION)
    return found


def no_disclosure_but_processors(doc: Document) -> list[Quote]:
    """"Not disclosed to anyone" while the notice itself speaks of service providers or partners."""
    denials = search(doc, pattern("no_disclosure_to_anyone"))
    if not denials:
        return []
    helpers = search(doc, PROCESSOR_HINTS)
    return denials[:2] if any(h not in denials for h in helpers) else []


def vague_language(doc: Document) -> list[Quote]:
    return search(doc, VAGUE_WORDS, "purposes", "recipients", "sources")[:5]


def hetil_basis(doc: Document) -> list[Quote]:
    return search(doc, pattern("relationship_basis"), "purposes", "legitimate_interests")


MISTAKES: tuple[Mistake, ...] = (
    Mistake("repealed_act", N_("Cites the repealed Personal Data Act (henkilötietolaki 523/1999)"),
            N_("The Act was repealed when the Data Protection Act (tietosuojalaki 1050/2018) came into force on 1 January 2019. Refer to the GDPR (2016/679) and, where needed, the Data Protection Act."),
            "tietosuojalaki 1050/2018", _sentences(pattern("repealed_act"))),
    Mistake("old_authority_address", N_("Gives the Data Protection Ombudsman's old contact details"),
            N_("The Office moved from Ratapihantie 9 (00520/00521 Helsinki) to Lintulahdenkuja 4, 00530 Helsinki; its postal address is PL 800, 00531 Helsinki, and it has no fax. Its e-mail is tietosuoja@om.fi, written out."),
            "13(2)(d)", _sentences(pattern("old_authority_address"), unless=rf"^(?!.*({pattern('authority_context')})).*$")),
    Mistake("one_basis_for_all", N_("One legal basis for every purpose"),
            N_("Each purpose needs its own legal basis from Art. 6(1) (contract, legal obligation, consent, legitimate interests...), stated beside it; marketing and statistics rarely share the basis of delivering an order."),
            "13(1)(c)", one_basis_for_all),
    Mistake("interest_is_contract", N_("\"Legitimate interest\" that is really a contract or a legal obligation"),
            N_("Legitimate interests (Art. 6(1)(f)) is a basis of its own, with the interest named. Processing needed for a contract has the basis contract (b), and bookkeeping the basis legal obligation (c)."),
            "6(1), 13(1)(d)", interest_is_contract),
    Mistake("relationship_basis", N_("A customer relationship given as the basis (the old Personal Data Act's \"asiallinen yhteys\")"),
            N_("Under the GDPR a customer or membership relationship is not a legal basis by itself: name the Art. 6(1) basis of each purpose, usually contract (b) or legitimate interests (f) with the interest stated."),
            "6(1), 13(1)(c)", hetil_basis),
    Mistake("empty_section", N_("An empty section, or only a placeholder under a heading"),
            N_("A heading with nothing under it gives none of the information. If something does not apply, say so in a sentence (e.g. \"We do not transfer data outside the EU/EEA\"); otherwise remove the heading."),
            "12(1)", empty_sections),
    Mistake("placeholder_left", N_("A template's placeholder left in the text"),
            N_("A field of the template was never filled in, so the reader gets no real address, name or list: write the real detail, or remove the sentence."),
            "12(1)", _sentences(INLINE_PLACEHOLDER)),
    Mistake("transfer_if_necessary", N_("\"Not transferred outside the EU, unless necessary\""),
            N_("The notice must say whether data are transferred, to which countries and recipients, on which ground (adequacy decision, standard contractual clauses 2021/914, ...) and how to get a copy of the safeguards."),
            "13(1)(f)", _sentences(pattern("transfer_if_necessary"))),
    Mistake("privacy_shield", N_("Relies on the Privacy Shield or old standard clauses"),
            N_("The Court of Justice invalidated the EU-US Privacy Shield on 16 July 2020 (C-311/18), and the old standard contractual clauses (2001/497, 2004/915, 2010/87) could not be used after 27 December 2022. Use the EU-US Data Privacy Framework (2023/1795) for a certified US recipient, or the clauses of 2021/914."),
            "13(1)(f), 46", _sentences(pattern("privacy_shield"))),
    Mistake("signed_request", N_("Demands a handwritten signature or a visit in person for a request"),
            N_("The controller must make requests easy (Art. 12(2)): any written or electronic request with the person's name and contact details will do, and identity may be checked only as far as needed (Art. 12(6))."),
            "12(2), 12(6)", _sentences(pattern("signed_request"), unless=rf"^(?!.*({pattern('request_context')})).*$")),
    Mistake("once_a_year", N_("Free access only once a year"),
            N_("Exercising the rights is free of charge (Art. 12(5)); only a manifestly unfounded or excessive request may cost a reasonable fee. The old act's \"once a year free\" rule no longer applies."),
            "12(5), 15(3)", _sentences(pattern("once_a_year"))),
    Mistake("complaint_word", N_("Calls the complaint \"kantelu\""),
            N_("The GDPR's right is to lodge a complaint (valitus) with the supervisory authority; \"kantelu\" is the word for an administrative complaint about an authority."),
            "77", _sentences(pattern("complaint_as_kantelu"))),
    Mistake("child_age_16", N_("Gives 16 as the age of a child's own consent in Finland"),
            N_("In Finland a child can consent to information society services from the age of 13 (tietosuojalaki 1050/2018, 5 §); below that a parent or guardian consents."),
            "8", _sentences(pattern("child_age_16"))),
    Mistake("no_disclosure_with_processors", N_("\"Not disclosed to third parties\" while service providers get the data"),
            N_("Service providers that process the data for the controller (webshop platform, accounting firm, e-mail service, cloud) are recipients too (Art. 4(9)): name them or their specific categories."),
            "13(1)(e)", no_disclosure_but_processors),
    Mistake("vague_language", N_("Vague words where facts are needed (\"may\", \"for example\", \"partners\")"),
            N_("Purposes, recipients and sources must be stated as they are, not as what might happen: the transparency guidelines (WP260) ask to avoid \"may\", \"might\", \"some\" and \"possible\"."),
            "12(1), 13(1)(c), 13(1)(e)", vague_language),
)


@dataclass
class Found:
    mistake: Mistake
    quotes: list[Quote]


def find_mistakes(doc: Document) -> list[Found]:
    found = []
    for mistake in MISTAKES:
        quotes = mistake.find(doc)
        if quotes:
            found.append(Found(mistake, quotes))
    return found

