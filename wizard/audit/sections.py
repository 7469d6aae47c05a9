"""A notice's blocks grouped under its headings (`wizard.audit.topics` says what each heading is about)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from wizard.audit.reading import Block, Where
from wizard.audit.topics import topics_of
from wizard.audit.words import pattern

@dataclass
class Section:
    heading: Block | None  # None: the text before the first heading
    topics: list[str]
    body: list[Block] = field(default_factory=list)
    level: int = 1

    @property
    def title(self) -> str:
        return self.heading.text if self.heading else ""

    @property
    def where(self) -> Where | None:
        return self.heading.where if self.heading else (self.body[0].where if self.body else None)

    def text(self) -> str:
        return " ".join(block.text for block in self.body)


@dataclass
class Document:
    sections: list[Section]

    def about(self, *topics: str) -> list[Section]:
        """The sections whose heading is about any of `topics`, and the subsections under them."""
        return [section for section in self.sections if set(section.topics) & set(topics)]

    def blocks(self) -> Iterator[tuple[Section, Block]]:
        for section in self.sections:
            for block in section.body:
                yield section, block

    def sentences(self, *topics: str) -> Iterator[tuple[Section, Block, str]]:
        """Every sentence of the body text (of the sections about `topics`, or of all when none are given)."""
        sections = self.about(*topics) if topics else self.sections
        for section in sections:
            for block in section.body:
                for sentence in split_sentences(block.text):
                    yield section, block, sentence


def group(blocks: list[Block]) -> Document:
    """Sections from blocks; a subsection inherits the topics of the heading above it when it has none."""
    sections = [Section(None, [])]
    parents: list[Section] = []
    for block in blocks:
        if block.heading:
            while parents and parents[-1].level >= block.heading:
                parents.pop()
            topics = topics_of(block.text)
            if not topics and parents:
                topics = list(parents[-1].topics)
            section = Section(block, topics, level=block.heading)
            sections.append(section)
            parents.append(section)
        else:
            sections[-1].body.append(block)
    if not sections[0].body:
        sections.pop(0)
    return Document(sections)


_ABBREVIATION = re.compile(rf"\b(?:{pattern('abbreviations')})\.$", re.I)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"”'(A-ZÄÖÅ0-9])")


def split_sentences(text: str) -> list[str]:
    # "esim. Postiosoite", "t.ex. Namn" and "mm. ikä" are not ends of sentences
    parts = _SENTENCE_END.split(text)
    sentences: list[str] = []
    for part in parts:
        if sentences and _ABBREVIATION.search(sentences[-1]):
            sentences[-1] += " " + part
        else:
            sentences.append(part)
    return [sentence.strip() for sentence in sentences if sentence.strip()]
