"""What a heading of a notice is about, in any language seloste speaks, and whether a line of plain text is a heading.

Headings are recognised by their meaning, not their wording: the patterns match word stems, so that Finnish
inflection ("säilytysaika", "säilyttämisaika", "säilytämme") does not defeat them; the old web form's fixed
headings are only one way of saying each topic.
"""

from __future__ import annotations

import re

from wizard.audit.words import patterns

# What a heading is about: a topic for each pattern it matches (a heading may be about several topics), from the
# words of every language (templates/<language>/audit.yaml, `topics`). Checked in this order; the first topic
# matched is the section's main one.
TOPIC_PATTERNS: dict[str, str] = patterns("topics")
_COMPILED = {topic: re.compile(pattern, re.I) for topic, pattern in TOPIC_PATTERNS.items()}


def topics_of(heading: str) -> list[str]:
    """What a heading is about, most specific first; empty when it is about nothing a notice says."""
    return [topic for topic, pattern in _COMPILED.items() if pattern.search(heading)]


def looks_like_heading(line: str, alone: bool = False) -> bool:
    """Whether a line of plain text is a heading written without mark-up: short, no full stop at the end, no date
    in it, about a topic of a notice; numbered ("3. Säilytysaika"), or ending in a colon, or in capitals."""
    text = line.strip().strip("*").strip()
    if not text or len(text) > 90 or text.endswith((".", ",", ";")) or "@" in text:
        return False
    if re.search(r"\b\d{1,2}\.\s?\d{1,2}\.\s?\d{4}\b|\b\d{4}-\d{2}-\d{2}\b", text):  # "Uppdaterad 12.3.2021" gives a date
        return False
    numbered = bool(re.match(r"^(\d{1,2}[.)]?|[A-Z][.)])\s+\S", text))
    core = re.sub(r"^(\d{1,2}[.)]?|[A-Z][.)])\s+", "", text).rstrip(":")
    if not topics_of(core) or len(core.split()) > 9:
        return False
    if alone:  # a paragraph of one line: a heading only when marked as one somehow
        return numbered or text.endswith(":") or line.strip().startswith("**") or core.isupper()
    return True
