"""What a finding quotes: a sentence of the notice, where it is and under which heading; and the searches that
find such sentences. Every pattern is a regular expression over word stems, matched without regard to case.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from wizard.audit.reading import Where
from wizard.audit.sections import Document, Section

QUOTE_MAX = 220


@dataclass(frozen=True)
class Quote:
    text: str
    where: Where
    heading: str

    def as_json(self) -> dict[str, object]:
        return {"text": self.text, "where": self.where.as_json(), "heading": self.heading or None}


def excerpt(sentence: str, match: re.Match[str] | None = None) -> str:
    """The sentence, or the part of a long one around the match, marked with an ellipsis where it was cut."""
    if len(sentence) <= QUOTE_MAX:
        return sentence
    centre = (match.start() + match.end()) // 2 if match else 0
    start = max(0, min(centre - QUOTE_MAX // 2, len(sentence) - QUOTE_MAX))
    start = sentence.rfind(" ", 0, start) + 1 if start else 0
    end = sentence.find(" ", start + QUOTE_MAX)
    end = len(sentence) if end < 0 else end
    return ("…" if start else "") + sentence[start:end].strip() + ("…" if end < len(sentence) else "")


def quote(section: Section, where: Where, sentence: str, match: re.Match[str] | None = None) -> Quote:
    return Quote(excerpt(sentence, match), where, section.title)


def heading_quote(section: Section) -> Quote:
    assert section.heading is not None
    return Quote(section.heading.text, section.heading.where, "")


def search(doc: Document, pattern: str, *topics: str, unless: str | None = None) -> list[Quote]:
    """Each sentence (of the sections about `topics`, or anywhere) that matches `pattern` and not `unless`."""
    found = []
    compiled = re.compile(pattern, re.I)
    excluded = re.compile(unless, re.I) if unless else None
    for section, block, sentence in doc.sentences(*topics):
        match = compiled.search(sentence)
        if match and not (excluded and excluded.search(sentence)):
            found.append(quote(section, block.where_at(max(0, block.text.find(sentence))), sentence, match))
    return unique(found)


def unique(quotes: list[Quote]) -> list[Quote]:
    """The quotes in order, each once."""
    return list(dict.fromkeys(quotes))


def matches(pattern: str, text: str) -> bool:
    return re.search(pattern, text, re.I) is not None
