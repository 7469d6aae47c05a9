"""Reading an answers file: bytes to a mapping, with the line of every field, or a clear reason why not.

YAML 1.1 reads `00100` as the number 64 and `NO` (Norway) as false; in an answers file every scalar is text
unless it is literally true/false or empty, and pydantic turns text into numbers and dates where a field
wants one. Duplicate keys (the second would silently win) and aliases (which can expand without bound)
are refused, and so is a file with far more values than answers have, before reading all of it.

libyaml (PyYAML's C parser) reads the text where PyYAML has it; the nodes are composed here, in Python, so
that every check above and the line of every field are the same with either parser.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import yaml

from wizard.fieldpath import FieldPath
from wizard.i18n import N_
from wizard.userfile import CannotOpen, read_at_most

MAX_BYTES = 1024 * 1024
# Bounds on the work of reading a file under MAX_BYTES. Answers hold at most 100 items per list (the model's
# limit, with its own message) and a few thousand values in all.
MAX_COLLECTION_ITEMS = 1000  # items in one list, or fields in one group
MAX_NODES = 20_000  # keys, values and items in the whole file


class ReadProblem(Exception):
    """The file cannot be read as answers at all (exit 2). `code` keys a message in `wizard.diagnostics`."""

    def __init__(self, code: str, line: int | None = None, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.line = line
        self.params = params


_DROPPED_TAGS = {
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:bool",
}


# Explicit tags that keep a value what the loader would make of it anyway. Others (`!!int x`, `!!binary`,
# `!!timestamp`, `!custom`, `!!map` on a list) would turn text into numbers, bytes or errors deep inside PyYAML.
_ALLOWED_TAGS = {
    yaml.ScalarEvent: {None, "!", "tag:yaml.org,2002:str"},
    yaml.SequenceStartEvent: {None, "!", "tag:yaml.org,2002:seq"},
    yaml.MappingStartEvent: {None, "!", "tag:yaml.org,2002:map"},
}


def _line(event: yaml.Event) -> int | None:
    """The line an event starts on, counted from 1 (a parser always marks it)."""
    return event.start_mark.line + 1 if event.start_mark else None


class _AnswersComposer(yaml.composer.Composer, yaml.constructor.SafeConstructor, yaml.resolver.Resolver):
    """Nodes from a parser's events, refusing aliases, unknown tags, duplicate keys and unbounded work."""

    if TYPE_CHECKING:  # the parser's, which `_AnswersLoader` mixes in

        def peek_event(self) -> Any: ...

    def __init__(self) -> None:
        yaml.composer.Composer.__init__(self)
        yaml.constructor.SafeConstructor.__init__(self)
        yaml.resolver.Resolver.__init__(self)
        self.node_count = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            raise ReadProblem("yaml_alias", line=_line(event))
        tag = getattr(event, "tag", None)
        if tag is not None and tag not in _ALLOWED_TAGS.get(type(event), {None}):  # no tag is always allowed
            shown = tag.replace("tag:yaml.org,2002:", "!!")
            detail = f"the tag {shown} is not supported in answers files; write the value without it"
            raise ReadProblem("yaml_syntax", line=event.start_mark.line + 1, detail=detail)
        self._count(parent, index, event)
        return super().compose_node(parent, index)

    def _count(self, parent: Any, index: Any, event: Any) -> None:
        """Stop at a list or group of fields, or a whole file, far larger than any answers: a 1 MiB file of
        one long list would otherwise take tens of seconds and hundreds of megabytes to read."""
        self.node_count += 1
        if self.node_count > MAX_NODES:
            raise ReadProblem("too_many_values", line=event.start_mark.line + 1, limit=MAX_NODES)
        items = index if isinstance(index, int) else len(parent.value) if index is None and parent is not None else 0
        if items >= MAX_COLLECTION_ITEMS:
            raise ReadProblem("too_many_items", line=parent.start_mark.line + 1, limit=MAX_COLLECTION_ITEMS)

    def construct_mapping(self, node: Any, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            if not isinstance(key, str):
                raise ReadProblem("yaml_key_not_text", line=key_node.start_mark.line + 1, key=str(key))
            if key in seen:
                raise ReadProblem("yaml_duplicate_key", line=key_node.start_mark.line + 1, key=key)
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


class _PythonEvents(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser):
    """PyYAML's own scanner and parser, where it was built without libyaml."""

    def __init__(self, stream: str) -> None:
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)


try:  # libyaml's scanner and parser, in C: the pure-Python ones take ~30 s for a 1 MiB flow list
    from yaml._yaml import CParser as _EventParser
except ImportError:
    _EventParser = _PythonEvents  # type: ignore[misc,assignment]


class _AnswersLoader(_AnswersComposer, _EventParser):  # the composer's methods first: they check each node
    def __init__(self, stream: str) -> None:
        _EventParser.__init__(self, stream)
        _AnswersComposer.__init__(self)


_AnswersComposer.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag not in _DROPPED_TAGS]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_AnswersComposer.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


@dataclass
class Loaded:
    data: dict[str, Any]
    lines: dict[FieldPath, int] = field(default_factory=dict)

    def line_of(self, path: FieldPath) -> int | None:
        """The line of the deepest part of `path` the file has (a missing field points at its parent)."""
        for end in range(len(path), -1, -1):
            line = self.lines.get(tuple(path[:end]))
            if line is not None:
                return line
        return None


def too_large(size: int) -> ReadProblem:
    # Rounded up: a file a few bytes over the limit must not read as "1024 KiB; at most 1024 KiB".
    return ReadProblem("too_large", size_kib=-(-size // 1024), limit_kib=MAX_BYTES // 1024)


def _looks_like_utf16(raw: bytes) -> bool:
    """UTF-16 saved without a byte order mark: YAML is mostly ASCII, so every other byte is NUL."""
    half = len(raw) // 2
    return half >= 4 and max(raw[0::2].count(0), raw[1::2].count(0)) > 0.6 * half


def decode(raw: bytes) -> str:
    if len(raw) > MAX_BYTES:
        raise too_large(len(raw))
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or _looks_like_utf16(raw):
        raise ReadProblem("utf16")
    if b"\x00" in raw:
        raise ReadProblem("binary")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise ReadProblem("not_utf8", line=line) from None


def _line_map(node: Any, path: FieldPath, lines: dict[FieldPath, int]) -> None:
    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                child = (*path, key_node.value)
                lines[child] = key_node.start_mark.line + 1
                _line_map(value_node, child, lines)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _line_map(item, (*path, index), lines)


def _character_at(text: str, mark: Any) -> str:
    if mark is None:
        return ""
    lines = text.split("\n", mark.line + 1)
    return lines[mark.line][mark.column : mark.column + 1] if mark.line < len(lines) else ""


def _yaml_problem(error: yaml.YAMLError, text: str) -> ReadProblem:
    mark = getattr(error, "problem_mark", None)
    line = mark.line + 1 if mark is not None else None
    problem = getattr(error, "problem", None) or str(error)
    if "'\\t'" in problem or "tab character" in problem or _character_at(text, mark) == "\t":
        return ReadProblem("yaml_tab", line=line)
    if "maximum nesting depth" in problem:  # libyaml's own limit, before Python's recursion limit
        return ReadProblem("too_deep")
    if "expected a single document" in str(error) or "but found another document" in str(error):
        return ReadProblem("yaml_many_documents", line=line)
    context, context_mark = getattr(error, "context", None), getattr(error, "context_mark", None)
    if context and context_mark is not None and context_mark.line + 1 != line:
        # An unclosed quote or bracket is found only at the end of the file; where it opened is the clue.
        problem = f"{problem} ({context} that starts on line {context_mark.line + 1})"
    return ReadProblem("yaml_syntax", line=line, detail=problem)


def _reader_problem(error: yaml.reader.ReaderError, text: str) -> ReadProblem:
    """A character YAML does not allow in a file at all, such as a raw terminal escape."""
    line = text.count("\n", 0, error.position) + 1
    detail = f"unacceptable character #x{error.character:04x}: {error.reason}"
    return ReadProblem("yaml_syntax", line=line, detail=detail)


def parse(text: str) -> Loaded:
    """YAML text to a mapping and its line map."""
    unprintable = yaml.reader.Reader.NON_PRINTABLE.search(text)
    if unprintable:  # PyYAML's own check and words, whichever parser reads the text
        character = unprintable.group()
        error = yaml.reader.ReaderError("<unicode string>", unprintable.start(), ord(character), "unicode", "special characters are not allowed")
        raise _reader_problem(error, text)
    loader = _AnswersLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise ReadProblem("empty")
        data = loader.construct_document(node)
    except yaml.YAMLError as error:
        raise _yaml_problem(error, text) from None
    except RecursionError:
        raise ReadProblem("too_deep") from None
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        raise ReadProblem("not_mapping", line=node.start_mark.line + 1, found=type_name(data))
    lines: dict[FieldPath, int] = {}
    _line_map(node, (), lines)
    return Loaded(data=data, lines=lines)


def load_bytes(raw: bytes) -> Loaded:
    return parse(decode(raw))


def read_path(path: str, stdin: Any = None) -> bytes:
    """The bytes of `path`, or of standard input for `-`; at most MAX_BYTES + 1 are read."""
    import sys

    if path == "-":
        stream = stdin if stdin is not None else getattr(sys.stdin, "buffer", None)
        if stream is None:
            raise ReadProblem("no_stdin")
        raw = stream.read(MAX_BYTES + 1)
        if len(raw) > MAX_BYTES:
            raise too_large(len(raw) + _count_rest(stream))
        return raw
    try:
        raw, size = read_at_most(path, MAX_BYTES + 1)
    except CannotOpen as problem:
        details: dict[str, Any] = {"detail": problem.detail} if problem.kind == "os_error" else {}
        raise ReadProblem(_OPEN_PROBLEMS[problem.kind], path=path, **details) from None
    if len(raw) > MAX_BYTES:
        raise too_large(size)
    return raw


_OPEN_PROBLEMS = {"missing": "file_missing", "directory": "file_is_directory", "permission": "file_permission", "os_error": "file_unreadable"}


def _count_rest(stream: Any, most: int = 256 * MAX_BYTES) -> int:
    """How many bytes are left in a stream, to say how large the input was; stops counting at `most`."""
    count = 0
    while count < most and (chunk := stream.read(64 * 1024)):
        count += len(chunk)
    return count


def type_name(value: Any) -> str:
    """How a YAML value looks to a person who wrote it (translated where it is shown)."""
    if value is None:
        return N_("nothing")
    if isinstance(value, bool):
        return N_("true/false")
    if isinstance(value, (int, float)):
        return N_("a number")
    if isinstance(value, str):
        return N_("text")
    if isinstance(value, list):
        return N_("a list")
    if isinstance(value, dict):
        return N_("a group of fields")
    return type(value).__name__


# libyaml's emitter where PyYAML was built with it: the same text, several times faster (the chat saves after
# every answer, and a hundred purposes make a long file).
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def dump(data: dict[str, Any]) -> str:
    """Answers as YAML a person can read and edit: keys in model order, Unicode kept as is."""
    return yaml.dump(data, Dumper=_DUMPER, allow_unicode=True, sort_keys=False, width=100, default_flow_style=False)


class RepeatedDump:
    """`dump` of answers written again and again with small changes (the chat saves after every answer): the
    text of each top-level part (`controller`, `purposes`, ...) is kept and made again only when that part
    changed. PyYAML's representer is pure Python: a hundred purposes took most of an answer's time.

    The text is the same as `dump`'s: a top-level mapping in block style is its parts' texts one after another.
    A part is the same when its marshalled bytes are (types, values and key order: True is not 1 there, unlike
    ==); a part marshal cannot write is always made again."""

    def __init__(self) -> None:
        self._parts: dict[str, tuple[bytes | None, str]] = {}

    def __call__(self, data: dict[str, Any]) -> str:
        import marshal

        if not data:  # no parts to join: the empty mapping's own text, `{}`, not an empty file
            self._parts = {}
            return dump(data)

        parts: dict[str, tuple[bytes | None, str]] = {}
        for key, value in data.items():
            try:
                fingerprint: bytes | None = marshal.dumps(value)
            except ValueError:  # a type marshal does not know
                fingerprint = None
            kept = self._parts.get(key)
            if fingerprint is None or kept is None or kept[0] != fingerprint:
                kept = (fingerprint, dump({key: value}))
            parts[key] = kept
        self._parts = parts
        return "".join(text for _fingerprint, text in parts.values())
