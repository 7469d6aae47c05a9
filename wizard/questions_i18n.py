"""Babel extraction for the questionnaire: the conversation's texts in `questions/*.yaml` (and the trainer
cards in `questions/trainer/cards.yaml`), with their lines.

`pybabel extract -F pyproject.toml` calls `extract` for each question file (see `[tool.babel]`). It yields
section titles and intros, prompts, the yes/no prompts about list items, help texts (why, article, example)
and option labels and hints; a trainer card's title, articles, mistake and question for the room (its
quotation from an old notice stays in Finnish and is not extracted). A `note:` in a question or section
becomes a comment for translators on its own texts (not on the questions inside it). Field names, option
values and conditions are data, not words, and are left alone.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO, Any

import yaml

TRANSLATED = frozenset(
    {"title", "intro", "prompt", "ask_first", "ask_another", "why", "article", "example", "label", "hint", "mistake", "ask_the_room"}
)
NOT_WORDS = frozenset({"options_from", "when", "reject", "summary"})  # their `label:` names a field


def extract(fileobj: IO[bytes], keywords: Any, comment_tags: Any, options: Any) -> Iterator[tuple[int, None, str, list[str]]]:
    """Babel's extractor interface: (line, function name, message, translator comments) per text."""
    node = yaml.compose(fileobj.read().decode("utf-8"), Loader=yaml.SafeLoader)
    if node is not None:
        yield from _texts(node, [])


def _texts(node: yaml.Node, notes: list[str]) -> Iterator[tuple[int, None, str, list[str]]]:
    if isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _texts(item, notes)
        return
    if not isinstance(node, yaml.MappingNode):
        return
    pairs = [(key.value, value) for key, value in node.value if isinstance(key, yaml.ScalarNode)]
    note = next((value.value for key, value in pairs if key == "note" and isinstance(value, yaml.ScalarNode)), None)
    here = [*notes, note] if note else notes
    for key, value in pairs:
        if key in NOT_WORDS:
            continue
        if key in TRANSLATED and isinstance(value, yaml.ScalarNode) and value.value.strip():
            yield value.start_mark.line + 1, None, value.value, list(here)
        else:  # a note belongs to its own question, not to the questions of its section or record
            yield from _texts(value, notes if key in ("questions", "fields") else here)
