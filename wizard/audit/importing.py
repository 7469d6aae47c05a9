"""`seloste import NOTICE`: what an existing notice says, as an answers file, every value with a comment quoting
where it came from.

Only what the notice states is taken, as it is written: a value the text does not give clearly (a legal basis
named once for all purposes, "kept as long as necessary", "not transferred unless necessary") stays unanswered
for the chat to ask, and what the audit finds wrong (the repealed act, the old authority address, "not disclosed
to anyone" beside service providers) is not carried over. The file is partial on purpose: `seloste check` lists
what is still missing, and `seloste --answers FILE` asks only that.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from wizard.audit.evidence import Quote, excerpt, matches, search
from wizard.audit.items import BASIS, CRITERIA, NEGATION, NO_DISCLOSURE, OTHER_SOURCES, OUTSIDE_EEA, PERIOD, Judgement
from wizard.audit.report import Audit, describe_quote
from wizard.audit.reading import Block
from wizard.audit.sections import Document, Section, split_sentences
from wizard.audit.words import pattern, patterns
from wizard.i18n import N_, _

# The words of every language (templates/<language>/audit.yaml), each a regular expression over word stems.
COMPANY = (
    rf"(?:[A-ZÄÖÅ][\w&.'-]*)(?:\s+(?:{pattern('company_and')}|[A-ZÄÖÅ][\w&.'-]*))*\s+(?:{pattern('company_forms')})\b\.?"
)
EMAIL = r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
PHONE = r"(?<![\d-])(?:\+358[\s-]?\d(?:[\s-]?\d){5,11}|0\d(?:[\s-]?\d){5,10})(?![\d-])"
POSTAL_CITY = r"\b(\d{5})\s+([A-ZÄÖÅ][A-Za-zäöåÄÖÅ-]+)"
BUSINESS_ID = r"\b\d{7}-\d\b"
WEBSITE = r"\bhttps?://[^\s,)]+|\bwww\.[^\s,)]+"
# A street and number, with a staircase, floor or flat: "Satamakatu 14 B", "Viestikatu 7 B 5.krs", "Kuja 3 as. 4".
STREET = (
    rf"\b[A-ZÄÖÅ][\wäöå-]*(?:{pattern('street_endings')})\s+\d+(?:\s?[A-Za-z]\b)?(?:\s+[A-Z]\s?\d*\b)?"
    rf"(?:\s+\d+\.?\s?(?:{pattern('floor')})\b\.?)?(?:\s+(?:{pattern('flat')})\.?\s?\d+)?"
)
UNREADABLE_EMAIL = r"[\w.+-]+\s*(?:\(at\)|\(a\)|\[at\]| at )\s*[\w-]+(?:\.[\w-]+)+"
# "Processed within the limits the law allows": a sentence under the purposes that gives none ...
# ... nor do a right of the people's or a definition, which old forms wrote there too.
NOT_A_PURPOSE = pattern("not_a_purpose")
FROM_PERSON = pattern("from_person_imported")

# The words of a stated basis, as the answers file names it.
BASES = patterns("bases")
SECURITY_MEASURES = patterns("security_measures")

# Recipients an old notice names by their trade rather than their name.
RECIPIENT_TRADES = rf"\b(?:{pattern('recipient_trades')})\b"

# A modern notice lists each purpose with its details as a nested list ("- Legal basis: contract"): the label of
# each detail, and the basis it belongs to (a contract's name only where the basis is a contract, and so on).
PURPOSE_DETAILS = {
    "contract": (pattern("purpose_details.contract"), "contract"),
    "law": (pattern("purpose_details.law"), "legal_obligation"),
    "legitimate_interest": (pattern("purpose_details.legitimate_interest"), "legitimate_interests"),
    "consent_how_asked": (pattern("purpose_details.consent_how_asked"), "consent"),
}
# Special categories (Art. 9) are asked for on their own, not as ordinary data categories.
SPECIAL_CATEGORIES = pattern("special_categories")
# An ordinary-looking category that may be special: a diet may reveal health or religion, an allergy is health.
MAYBE_SPECIAL = pattern("maybe_special")
MAYBE_SPECIAL_NOTE = N_(
    "a data category that may be special (Art. 9), such as a special diet or health details: say so when the chat "
    "asks about special categories"
)
BASIS_LABEL = pattern("basis_label")
LABELLED = re.compile(r"\s*(?P<label>[^:]{1,60}?)\s*:\s*(?P<value>\S.*?)\.?\s*")

VAGUE_IMPORTED = N_(
    "sentences with \"may\", \"for example\" or \"partners\" are imported as written: say what you actually do, and who gets the data"
)
NOT_IN_NOTICE = N_("Not in the old notice, or not clearly (the chat asks for these):")
NOT_CARRIED = N_("Not carried over, because the old notice has it wrong:")


@dataclass
class Imported:
    """Answers as nested data, the quote behind each value (by its path), and what could not be taken."""

    language: str
    data: dict[str, Any] = field(default_factory=dict)
    quotes: dict[tuple[str, ...], Quote] = field(default_factory=dict)
    not_in_notice: list[str] = field(default_factory=list)  # msgids of coverage items or of the notes below
    not_carried: list[str] = field(default_factory=list)  # titles of the old mistakes found

    def put(self, path: tuple[str, ...], value: Any, quote: Quote | None) -> None:
        target = self.data
        for key in path[:-1]:
            target = target.setdefault(key, {})
        target[path[-1]] = value
        if quote is not None:
            self.quotes[path] = quote


def notice_language(doc: Document) -> str:
    """The language whose short, frequent words (`wizard.languages`) the notice uses most; the first language on a tie."""
    from wizard.languages import LANGUAGES

    words = [word.strip(".,:;()”\"'") for word in " ".join(block.text for _, block in doc.blocks()).lower().split()]
    counts = Counter(words)
    return max(LANGUAGES, key=lambda language: sum(counts[word] for word in language.stop_words)).code


def import_notice(audit: Audit) -> Imported:
    doc = audit.document
    imported = Imported(notice_language(doc))
    imported.put(("schema_version",), 3, None)
    imported.put(("language",), imported.language, None)
    _controller(doc, imported)
    _privacy_contact(doc, imported)
    _processing(doc, imported)
    _purposes(doc, audit, imported)
    _personal_data(doc, imported)
    _sources(doc, audit, imported)
    _recipients(doc, audit, imported)
    _transfers(audit, imported)
    _retention(audit, imported)
    _security(doc, imported)
    imported.not_in_notice += [j.item.name for j in audit.judgements if j.state in ("missing", "vague")]
    # vague sentences are imported as written (they still say what is done), so they are not "not carried over"
    imported.not_carried = [found.mistake.title for found in audit.mistakes if found.mistake.code != "vague_language"]
    if any(found.mistake.code == "vague_language" for found in audit.mistakes):
        imported.not_in_notice.append(VAGUE_IMPORTED)
    return imported


def _section_blocks(doc: Document, *topics: str) -> list[tuple[Section, Quote]]:
    return [(s, Quote(excerpt(b.text), b.where, s.title)) for s in doc.about(*topics) for b in s.body]


NAME_LABEL = pattern("name_label")


def _labelled(blocks: list[tuple[Section, Quote]], label: str) -> tuple[str, Quote] | None:
    """The value of a "Label: value" line (a list of details in a modern notice)."""
    for _, quoted in blocks:
        match = re.fullmatch(rf"\s*(?:{label})\s*:\s*(?P<value>\S.*?)\.?\s*", quoted.text, re.I)
        if match:
            return match.group("value"), quoted
    return None


def _first(pattern: str, blocks: list[tuple[Section, Quote]]) -> tuple[str, Quote] | None:
    for _, quoted in blocks:
        match = re.search(pattern, quoted.text)
        if match:
            return match.group(0).strip(), quoted
    return None


def _valid(kind: str, value: str) -> bool:
    from wizard import fields

    check = {"business_id": fields.check_business_id, "phone": fields.check_phone, "email": fields.check_email}[kind]
    try:
        check(value)
    except (ValueError, TypeError, Exception):  # each checker raises its own kind of error
        return False
    return True


def _contact_values(blocks: list[tuple[Section, Quote]], imported: Imported, path: tuple[str, ...]) -> None:
    for key, pattern in (("email", EMAIL), ("phone", PHONE)):
        found = _first(pattern, blocks)
        if found and _valid(key, found[0]):
            imported.put((*path, key), found[0], found[1])
    if (*path, "email") not in imported.quotes and _first(UNREADABLE_EMAIL, blocks):
        imported.not_in_notice.append(N_("an e-mail address written with (at) or (a) instead of @: type it as it is"))


def _controller(doc: Document, imported: Imported) -> None:
    blocks = _section_blocks(doc, "controller")
    if not blocks:
        return
    first = blocks[0][1]
    labelled = _labelled(blocks, NAME_LABEL)
    if labelled:
        imported.put(("controller", "name"), labelled[0], labelled[1])
    company = re.match(r"\s*(" + COMPANY + ")", first.text)
    name = "" if labelled else company.group(1) if company else re.split(rf",|\(|\b(?:{pattern('business_id_label')})\b|" + STREET + "|" + PHONE + "|" + EMAIL, first.text, flags=re.I)[0]
    if name.strip():
        imported.put(("controller", "name"), name.strip().rstrip(","), first)
    found = _first(BUSINESS_ID, blocks)
    if found and _valid("business_id", found[0]):
        imported.put(("controller", "business_id"), found[0], found[1])
    street = _first(STREET, blocks)
    if street:
        imported.put(("controller", "street_address"), street[0].strip(" ,"), street[1])
    postal = next(((m, q) for _, q in blocks for m in [re.search(POSTAL_CITY, q.text)] if m), None)
    if postal:
        imported.put(("controller", "postal_code"), postal[0].group(1), postal[1])
        imported.put(("controller", "city"), postal[0].group(2), postal[1])
    _contact_values(blocks, imported, ("controller",))
    website = _first(WEBSITE, blocks)
    if website:
        imported.put(("controller", "website"), website[0].rstrip("."), website[1])


def _privacy_contact(doc: Document, imported: Imported) -> None:
    blocks = _section_blocks(doc, "contact")
    if not blocks:
        return
    first = blocks[0][1]
    labelled = _labelled(blocks, NAME_LABEL)
    if labelled:
        first = Quote(labelled[0], labelled[1].where, labelled[1].heading)
    name = re.split(r",|\(|" + STREET + "|" + PHONE + "|" + EMAIL + "|" + pattern("phone_label"), first.text, flags=re.I)[0].strip()
    if re.fullmatch(r"[A-ZÄÖÅ][\wäöå-]+(\s+[A-ZÄÖÅ][\wäöå-]+){1,3}", name):
        imported.put(("privacy_contact", "name"), name, first)
    _contact_values(blocks, imported, ("privacy_contact",))


def _processing(doc: Document, imported: Imported) -> None:
    named = _section_blocks(doc, "name")
    labelled = _labelled(named + _section_blocks(doc, "subjects"), pattern("processing_name_label"))
    if labelled:
        imported.put(("processing", "name"), labelled[0], labelled[1])
    elif named and len(named[0][1].text) <= 120:
        imported.put(("processing", "name"), named[0][1].text.rstrip("."), named[0][1])
    subjects = [Quote(excerpt(b.text), b.where, s.title) for s in doc.about("subjects") for b, _ in with_sub_items(s.body) if b.listed]
    if subjects:
        imported.put(("processing", "data_subjects"), [q.text.rstrip(".") for q in subjects], subjects[0])


def _purposes(doc: Document, audit: Audit, imported: Imported) -> None:
    # sentences the audit found wrong are not purposes to carry over (nor is "transferred to partners' servers")
    wrong = ("repealed_act", "relationship_basis", "transfer_if_necessary")
    flawed = {q.text for found in audit.mistakes if found.mistake.code in wrong for q in found.quotes}
    # one basis for all purposes is not carried over to the others; written beside a purpose ("Loyalty programme
    # (legal basis: contract)", or in the list nested in its item) it is that purpose's
    one_basis = {q.text for found in audit.mistakes if found.mistake.code == "one_basis_for_all" for q in found.quotes}
    # "Other recipients who use the data for their own purposes" is about recipients, not our purposes
    sections = [s for s in doc.about("purposes") if not {"legitimate_interests", "recipients"} & set(s.topics)]
    purposes: list[tuple[dict[str, Any], Quote]] = []
    details: dict[int, dict[str, tuple[str, Quote]]] = {}  # by the purpose's index: its details, each quoted
    for section in sections:
        for block, sub_items in with_sub_items(_after_introduction(section)):
            # a list nested in a purpose's item belongs to that purpose: what it covers, joined into its description,
            # or its details ("Legal basis: contract"); never a purpose of its own
            parts = _phrases(sub_items)
            before = len(purposes)
            for sentence in ([block.text] if block.listed else split_sentences(block.text)):
                stated = re.search(rf"\s*[(–-]\s*(?:{BASIS_LABEL})\s*:\s*(?P<basis>[^)]+)\)?\s*\.?$", sentence, re.I)
                description = sentence[: stated.start()] if stated else sentence
                introduces = sentence.endswith(":") and not parts
                if sentence in one_basis and not stated:
                    continue
                if sentence in flawed or _only_a_basis(description) or introduces or matches(NOT_A_PURPOSE, sentence):
                    continue
                description = description.strip().rstrip(".").rstrip(":").strip()
                purpose: dict[str, Any] = {"id": "", "description": description + (": " + ", ".join(parts) if parts else "")}
                if stated:
                    basis = next((name for name, words in BASES.items() if matches(words, stated.group("basis"))), None)
                    if basis:
                        purpose["basis"] = basis
                        law = re.search(r",\s*(\S.*)$", stated.group("basis"))
                        if basis == "legal_obligation" and law:
                            purpose["law"] = law.group(1).strip()
                quoted = Quote(excerpt(sentence), block.where_at(max(0, block.text.find(sentence))), section.title)
                purposes.append((purpose, quoted))
            if len(purposes) > before:
                for sub_item in sub_items:
                    details.setdefault(len(purposes) - 1, {}).update(_purpose_detail(sub_item, section))
    if not purposes:
        return
    _add_interests(doc, purposes, details)
    for index, found in details.items():
        _apply_details(purposes[index][0], found, imported, index)
    ids: set[str] = set()
    for index, (purpose, _) in enumerate(purposes):
        purpose["id"] = _slug(purpose["description"], ids)
    imported.data["purposes"] = [purpose for purpose, _ in purposes]
    for index, (_, quoted) in enumerate(purposes):
        imported.quotes[("purposes", str(index))] = quoted


def with_sub_items(blocks: list[Block]) -> list[tuple[Block, list[Block]]]:
    """Each block with the items of the lists nested under it: an item of a nested list belongs to the item (or
    the paragraph) above it and never stands alone."""
    grouped: list[tuple[Block, list[Block]]] = []
    for block in blocks:
        if block.listed and grouped and block.depth > max(1, grouped[-1][0].depth):
            grouped[-1][1].append(block)
        else:
            grouped.append((block, []))
    return grouped


def _phrases(sub_items: list[Block]) -> list[str]:
    """What the items of a nested list name ("home delivery", "collected orders"), without the details written as
    "Label: value" or as whole sentences, nor the items of lists nested in them."""
    depth = min((block.depth for block in sub_items), default=0)
    return [block.text.strip().rstrip(";,") for block in sub_items
            if block.depth == depth and ": " not in block.text and not block.text.rstrip().endswith((".", "!", "?", ":"))]


def _after_introduction(section: Section) -> list[Block]:
    """The section's text from its list on: the paragraphs before a list only introduce it ("We use the data
    only for the purposes below.")."""
    first_item = next((index for index, block in enumerate(section.body) if block.listed), 0)
    return section.body[first_item:]


def _purpose_detail(block: Block, section: Section) -> dict[str, tuple[str, Quote]]:
    """"Oikeusperuste: sopimus (…)" under a purpose, as {"basis": ("contract", quote)}; {} for anything else."""
    labelled = LABELLED.fullmatch(block.text)
    if not labelled:
        return {}
    label, value = labelled.group("label"), labelled.group("value")
    quoted = Quote(excerpt(block.text), block.where, section.title)
    if re.fullmatch(BASIS_LABEL, label, re.I):
        basis = next((name for name, words in BASES.items() if matches(words, value)), None)
        return {"basis": (basis, quoted)} if basis else {}
    return {key: (value, quoted) for key, (pattern, _) in PURPOSE_DETAILS.items() if re.fullmatch(pattern, label, re.I)}


def _add_interests(doc: Document, purposes: list[tuple[dict[str, Any], Quote]], details: dict[int, dict[str, tuple[str, Quote]]]) -> None:
    """A section of legitimate interests that lists each purpose again with its interest under it."""
    by_description = {purpose["description"]: index for index, (purpose, _) in enumerate(purposes)}
    for section in doc.about("legitimate_interests"):
        current: int | None = None
        for block in section.body:
            if block.listed and block.depth <= 1:
                current = by_description.get(block.text.strip().rstrip("."))
            elif block.depth >= 2 and current is not None:
                found = _purpose_detail(block, section)
                if "legitimate_interest" in found:
                    details.setdefault(current, {}).setdefault("legitimate_interest", found["legitimate_interest"])


def _apply_details(purpose: dict[str, Any], found: dict[str, tuple[str, Quote]], imported: Imported, index: int) -> None:
    """The details that belong to the purpose's basis, each with its quote; a contract's name under consent is not."""
    if "basis" in found:
        purpose["basis"] = found["basis"][0]
    for key, (value, quoted) in found.items():
        if key != "basis" and PURPOSE_DETAILS[key][1] != purpose.get("basis"):
            continue
        if key != "basis":
            purpose[key] = value
        imported.quotes[("purposes", str(index), key)] = quoted


def _only_a_basis(sentence: str) -> bool:
    """"Käsittelyn perusteena on asiakassuhde." says nothing about a purpose."""
    return bool(re.match(rf"^\W*(?:{pattern('only_a_basis')})", sentence, re.I)) or (
        matches(BASIS, sentence) and len(sentence.split()) <= 2)


def _slug(text: str, taken: set[str]) -> str:
    import unicodedata

    plain = unicodedata.normalize("NFKD", text.lower()).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", plain)[:3] or ["purpose"]
    slug = "-".join(words)[:40].strip("-")
    candidate, number = slug, 2
    while candidate in taken:
        candidate, number = f"{slug}-{number}", number + 1
    taken.add(candidate)
    return candidate


def _personal_data(doc: Document, imported: Imported) -> None:
    categories: list[tuple[dict[str, str], Quote]] = []
    for section in doc.about("categories"):
        if matches(SPECIAL_CATEGORIES, section.title):
            continue
        for block, sub_items in with_sub_items(section.body):
            text, included = block.text, _phrases(sub_items)  # a nested list says what the category includes
            if text.endswith(":") and not included:
                continue
            quoted = Quote(excerpt(text), block.where, section.title)
            if block.listed or included:
                category = _category(text.rstrip(":").strip())
                if included:
                    category["description"] = ", ".join([category["description"], *included] if "description" in category else included)
                categories.append((category, quoted))
            else:
                parts = re.split(rf",\s*|\s+(?:{pattern('list_and')})\s+(?=[^,]*$)", text.rstrip("."), flags=re.I)
                categories += [(_category(part.strip()), quoted) for part in parts if part.strip()]
    if categories:
        imported.data["personal_data"] = [category for category, _ in categories]
        if any(matches(MAYBE_SPECIAL, " ".join(category.values())) for category, _ in categories):
            imported.not_in_notice.append(MAYBE_SPECIAL_NOTE)
        for index, (_, quoted) in enumerate(categories):
            imported.quotes[("personal_data", str(index))] = quoted


def _category(text: str) -> dict[str, str]:
    """"Nimi ja yhteystiedot: nimi, osoite ja puhelinnumero" is a category's name and what it includes."""
    labelled = LABELLED.fullmatch(text)
    if labelled and len(labelled.group("label").split()) <= 6:
        return {"name": labelled.group("label"), "description": labelled.group("value")}
    return {"name": text}


def _sources(doc: Document, audit: Audit, imported: Imported) -> None:
    sentences = search(doc, r".", "sources")
    if not sentences:
        return
    from_person = [q for q in sentences if matches(FROM_PERSON, q.text) and not matches(NEGATION, q.text)]
    other = [q for q in sentences if matches(OTHER_SOURCES, q.text) and not matches(NEGATION, q.text)]
    if from_person:
        imported.put(("sources", "from_data_subject"), True, from_person[0])
    if other:
        imported.put(("sources", "from_other_sources"), True, other[0])
        imported.not_in_notice.append(N_("the other sources, each named"))


def _recipients(doc: Document, audit: Audit, imported: Imported) -> None:
    if any(found.mistake.code == "no_disclosure_with_processors" for found in audit.mistakes):
        denial = None  # "not disclosed to anyone" is wrong here: not carried over
    else:
        denial = next(iter(search(doc, NO_DISCLOSURE, "recipients")), None)
    own = imported.data.get("controller", {}).get("name")
    recipients: list[tuple[dict[str, str], Quote]] = []
    for section in doc.about("recipients"):
        for block, sub_items in with_sub_items(section.body):
            named = _recipients_named(block, section, own, recipients)
            if named:  # a list nested in a recipient's item says what it does or who helps it: its own words, joined
                parts = [item.text.strip().rstrip(".;,") for item in sub_items]
                for recipient in named:
                    if parts:
                        recipient["service"] = recipient["service"].rstrip(":.") + ": " + "; ".join(parts)
            else:  # an item that only introduces the list nested in it ("Service providers:"): the items are the recipients
                for item in sub_items:
                    _recipients_named(item, section, own, recipients)
    if recipients:
        imported.put(("shares_data",), True, recipients[0][1])
        imported.data["recipients"] = [recipient for recipient, _ in recipients]
        for index, (_, quoted) in enumerate(recipients):
            imported.quotes[("recipients", str(index))] = quoted
        imported.not_in_notice.append(N_("whether each recipient is a processor or a controller, and where it is"))
    elif denial is not None:
        imported.put(("shares_data",), False, denial)


def _recipients_named(block: Block, section: Section, own: str | None, recipients: list[tuple[dict[str, str], Quote]]) -> list[dict[str, str]]:
    """The recipients a block names (by company form, or by trade), each added to `recipients` once with the sentence
    that names it as what it does."""
    named = []
    for sentence in split_sentences(block.text):
        match = re.search(COMPANY + "|(?i:" + RECIPIENT_TRADES + ")", sentence)
        if not match:
            continue
        quoted = Quote(excerpt(sentence, match), block.where_at(max(0, block.text.find(sentence))), section.title)
        companies = [m.group(0) for m in re.finditer(COMPANY, sentence)]
        trades = [m.group(0) for m in re.finditer(RECIPIENT_TRADES, sentence, re.I) if not any(m.group(0) in c for c in companies)]
        for found in companies or trades:
            name = found.strip()
            name = name if name.endswith(("Inc.", "Ltd.")) else name.rstrip(".")
            if name != own and all(name != r["name"] for r, _ in recipients):
                recipient = {"name": name, "service": quoted.text}
                recipients.append((recipient, quoted))
                named.append(recipient)
    return named


def _transfers(audit: Audit, imported: Imported) -> None:
    judgement = _judgement(audit, "transfers")
    if judgement.state == "not_applicable" and judgement.note.startswith("the notice says that no data leave"):
        quoted = search(audit.document, OUTSIDE_EEA)
        imported.put(("transfers_outside_eea",), False, quoted[0] if quoted else None)


def _retention(audit: Audit, imported: Imported) -> None:
    judgement = _judgement(audit, "retention")
    if judgement.state != "found":
        return
    concrete = [q for q in judgement.quotes if matches(PERIOD, q.text) or matches(CRITERIA, q.text)]
    text = " ".join(q.text for q in concrete)
    if concrete and len(text) <= 300:
        imported.put(("retention", "period"), text, concrete[0])


def _security(doc: Document, imported: Imported) -> None:
    # each sentence, whole: a block's quote is cut short, and a measure is often named at the end of a paragraph
    sentences = search(doc, r".", "security")[:40]
    measures = [(name, quoted) for name, words in SECURITY_MEASURES.items() for quoted in sentences if matches(words, quoted.text)]
    seen: dict[str, Quote] = {}
    for name, quoted in measures:
        seen.setdefault(name, quoted)
    if seen:
        imported.put(("security", "measures"), list(seen), next(iter(seen.values())))


def _judgement(audit: Audit, item_id: str) -> Judgement:
    return next(j for j in audit.judgements if j.item.id == item_id)


def imported_paths(imported: Imported) -> list[str]:
    """Every value imported, by the name `seloste check` gives its field (`purposes[2].description`)."""
    from wizard.rules import display_path

    paths: list[str] = []

    def walk(value: Any, path: tuple[str | int, ...]) -> None:
        if isinstance(value, dict):
            for key, inner in value.items():
                walk(inner, (*path, key))
        elif isinstance(value, list) and value and all(isinstance(item, dict) for item in value):
            for index, item in enumerate(value):
                walk(item, (*path, index))
        elif path[0] not in ("schema_version", "language") and path[-1] != "id":  # an id is not the notice's words
            paths.append(display_path(path))

    walk(imported.data, ())
    return paths


def parse_shown_path(shown_path: str) -> tuple[str | int, ...]:
    """`purposes[2].basis` -> ("purposes", 1, "basis"): the path `display_path` showed, back."""
    path: list[str | int] = []
    for key, index in re.findall(r"([^.\[\]]+)(?:\[(\d+)\])?", shown_path):
        path.append(key)
        if index:
            path.append(int(index) - 1)
    return tuple(path)


def value_at(answers: dict[str, Any], shown_path: str) -> str | None:
    """The value of a field named as `seloste check` names it, as text; None when it is no longer there."""
    value: Any = answers
    for key, index in re.findall(r"([^.\[\]]+)(?:\[(\d+)\])?", shown_path):
        value = value.get(key) if isinstance(value, dict) else None
        if index and isinstance(value, list):
            value = value[int(index) - 1] if int(index) <= len(value) else None
        if value is None:
            return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    if isinstance(value, dict):  # a text given by language, {fi: ..., en: ...}
        texts = [f"{lang}: {text}" for lang, text in value.items() if isinstance(text, str)]
        return " · ".join(texts) if texts and len(texts) == len(value) else None
    return str(value)


# --- the answers file --------------------------------------------------------------------------------------------


def answers_yaml(imported: Imported, source: str, lang: str) -> str:
    """The imported answers as YAML, a comment quoting the notice above each value, what is missing on top."""
    lines = [_comment(_("Imported by `seloste import` from {file}. Every value below quotes where it was found.", lang).format(file=source))]
    lines += _listing(NOT_IN_NOTICE, imported.not_in_notice, lang) + _listing(NOT_CARRIED, imported.not_carried, lang)
    lines.append("")
    lines += _mapping(imported.data, (), imported, 0, lang)
    return "\n".join(lines) + "\n"


def _listing(title: str, entries: list[str], lang: str) -> list[str]:
    if not entries:
        return []
    return ["#", _comment(_(title, lang))] + [_comment(f"  - {_(entry, lang)}") for entry in dict.fromkeys(entries)]


def _comment(text: str, indent: int = 0) -> str:
    return " " * indent + "# " + " ".join(text.split())


def _quote_comment(quoted: Quote | None, indent: int, lang: str) -> list[str]:
    if quoted is None:
        return []
    return [_comment(describe_quote(quoted, lang), indent)]


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return json.dumps(str(value), ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def _mapping(data: dict[str, Any], path: tuple[str, ...], imported: Imported, indent: int, lang: str) -> list[str]:
    lines: list[str] = []
    shown: Quote | None = None
    for key, value in data.items():
        here = (*path, key)
        quoted = imported.quotes.get(here)
        if quoted is not None and quoted != shown:
            lines += _quote_comment(quoted, indent, lang)
            shown = quoted
        pad = " " * indent
        if isinstance(value, dict):
            lines.append(f"{pad}{key}:")
            lines += _mapping(value, here, imported, indent + 2, lang)
        elif isinstance(value, list):
            lines.append(f"{pad}{key}:")
            shown = quoted  # the items quote their own sentences, unless the list's quote says it all
            for index, item in enumerate(value):
                item_quote = imported.quotes.get((*here, str(index)))
                if item_quote is not None and item_quote != shown:
                    lines += _quote_comment(item_quote, indent + 2, lang)
                    shown = item_quote
                if isinstance(item, dict):
                    inner = _mapping(item, (*here, str(index)), imported, indent + 4, lang)
                    lines.append(f"{pad}  - {inner[0].lstrip()}")
                    lines += inner[1:]
                else:
                    lines.append(f"{pad}  - {_scalar(item)}")
        else:
            lines.append(f"{pad}{key}: {_scalar(value)}")
    return lines


# --- the command ------------------------------------------------------------------------------------------------


def cmd_import(path: str, output: str | None, force: bool, lang: str, out: Any, err: Any) -> int:
    """`seloste import NOTICE [-o FILE]`: the answers file, and what the chat will still ask."""
    from wizard.audit.reading import Unreadable
    from wizard.audit.report import audit_path
    from wizard.commands import STANDARD_OUTPUT, _to_file
    from wizard.console import EXIT_OK, EXIT_UNUSABLE
    from wizard.terminal import visible

    try:
        audit = audit_path(path)
    except Unreadable as problem:
        err.write(visible(problem.message(lang)) + "\n")
        return EXIT_UNUSABLE
    imported = import_notice(audit)
    text = answers_yaml(imported, path, lang)
    if output in STANDARD_OUTPUT:
        out.write(text)
        report = err
    else:
        code = _to_file(output, text.encode("utf-8"), "yaml", force, lang, out, err)
        if code != EXIT_OK:
            return code
        report = out
    for title, entries in ((NOT_IN_NOTICE, imported.not_in_notice), (NOT_CARRIED, imported.not_carried)):
        if entries:
            report.write(_(title, lang) + "\n" + "".join(f"  - {_(entry, lang)}\n" for entry in dict.fromkeys(entries)))
    if output not in STANDARD_OUTPUT:
        report.write(_("Next: `seloste --answers {file}` asks only what is missing.", lang).format(file=output) + "\n")
    return EXIT_OK
