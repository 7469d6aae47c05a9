"""Autosave and resume: the interview is on disk after every answer, and never half-written.

An interview is kept as two files in `interviews/` of the user's data folder (`SELOSTE_HOME` if set, else
platformdirs' user data folder for "seloste"):

- `<name>.yaml`: the answers, a valid answers file as it stands, so `seloste check` and `seloste render`
  read it as is;
- `<name>.state.json`: the conversation's own state beside it: the conversation language, the notice
  language, how far the interview is, whether every question is answered (`finished`), whether the answers
  are still as last exported (`exported`: then it is no longer offered for continuing), and what was typed and
  not yet sent when it was left.

Both are written atomically (`wizard.atomic`), readable by the user only: answers hold names, e-mail
addresses and phone numbers. A crash or Ctrl+C leaves the previous version whole.
"""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from wizard.atomic import write_atomically
from wizard.languages import CODES, SOURCE_LANGUAGE
from wizard.loader import ReadProblem, RepeatedDump, load_bytes, read_path

HOME_VARIABLE = "SELOSTE_HOME"
INTERVIEWS = "interviews"
STATE_SUFFIX = ".state.json"
HEADER = (
    "# Answers saved by seloste's interview. Check them: seloste check FILE\n"
    f"# Write the notice: seloste render FILE --lang {CODES[0]} (or {', '.join(CODES[1:])})\n"
)


@dataclass
class SessionState:
    """What the conversation needs besides the answers."""

    conversation_lang: str = SOURCE_LANGUAGE
    notice_lang: str | None = None
    finished: bool = False  # every question that applies is answered
    exported: bool = False  # the answers are as the notice last exported was made from
    example: str | None = None  # a demonstration: the example business whose answers are suggested
    saved: str = ""  # when it was last saved, ISO 8601
    imported_from: str | None = None  # the old notice the interview started from (`seloste --import`)
    imported: list[str] = field(default_factory=list)  # the fields filled from it, as `seloste check` names them
    business: str = ""  # the business's name, once given: the list of interviews to continue shows it
    progress: int = -1  # how far the interview had got, per cent (-1: not known, a file of an older seloste)
    published: str = ""  # the answers (YAML) of the notice last exported: the next export tells what changed since
    # What was typed and not yet sent when the chat was left (Ctrl+Q, the terminal closed, going back): one entry a
    # question, {"question": id, "item": index or None, "mode": "answer"/"first"/"another", "value": text or a
    # form's values}, put back when the question is asked again; and the id of the box that had the focus.
    drafts: list[dict[str, Any]] = field(default_factory=list)
    focus: str = ""
    # The question asked when the chat was left, if what was typed in it is a change to its answer (the draft's
    # "question", "item", "mode"): asked again first on continuing, with what was typed; {} for none.
    asking: dict[str, Any] = field(default_factory=dict)


def default_dir() -> Path:
    """Where seloste keeps its interviews: `SELOSTE_HOME`, else the user data folder."""
    override = os.environ.get(HOME_VARIABLE)
    if override:
        return Path(override)
    import platformdirs

    return platformdirs.user_data_path("seloste")


def interviews_dir() -> Path:
    return default_dir() / INTERVIEWS


def state_path(path: Path) -> Path:
    """`x.yaml` -> `x.state.json`."""
    return path.with_name(path.stem + STATE_SUFFIX)


def write_private(path: Path, text: str) -> None:
    """Replace `path` with `text` in one step, readable by the user only (in a folder only the user can open)."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    write_atomically(path, text.encode("utf-8"), private=True)


_ANSWERS_TEXT = RepeatedDump()  # one interview is saved again and again: only its changed parts are written anew


def autosave(answers: dict[str, Any], path: Path, state: SessionState | None = None) -> None:
    """Save the answers (and, when given, the conversation's state) after an answer."""
    write_private(Path(path), HEADER + _ANSWERS_TEXT(answers))
    if state is not None:
        save_state(path, state)


def save_state(path: Path, state: SessionState) -> None:
    state.saved = datetime.now().isoformat(timespec="seconds")
    write_private(state_path(Path(path)), json.dumps(asdict(state), ensure_ascii=False, indent=2) + "\n")


def load(path: Path) -> dict[str, Any]:
    """An answers file's contents, upgraded to the current layout.

    Raises `wizard.check.Unreadable` (with the diagnostic that says why) when it is not an answers file at all."""
    from wizard.check import load as load_bytes
    from wizard.check import unreadable

    try:
        raw = read_path(str(path))
    except ReadProblem as problem:
        raise unreadable(problem) from None
    loaded, _version = load_bytes(raw)
    return loaded.data


def load_state(path: Path) -> SessionState:
    """The state saved beside an answers file; a missing or damaged one gives the defaults."""
    try:
        saved = json.loads(state_path(Path(path)).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return SessionState()
    if not isinstance(saved, dict):
        return SessionState()
    kept: dict[str, Any] = {key: value for key, value in saved.items() if isinstance(value, _STATE_TYPES.get(key, ()))}
    if "exported" not in saved:  # an older seloste marked an interview finished only when it exported it
        kept["exported"] = kept.get("finished", False)
    return SessionState(**kept)


_STATE_TYPES: dict[str, tuple[type, ...]] = {
    "conversation_lang": (str,),
    "notice_lang": (str, type(None)),
    "finished": (bool,),
    "exported": (bool,),
    "example": (str, type(None)),
    "saved": (str,),
    "imported_from": (str, type(None)),
    "imported": (list,),
    "business": (str,),
    "progress": (int,),
    "published": (str,),
    "drafts": (list,),
    "focus": (str,),
    "asking": (dict,),
}


@dataclass(frozen=True)
class Unfinished:
    """An interview to offer for continuing."""

    path: Path
    state: SessionState
    saved: datetime


def unfinished_interviews() -> list[Unfinished]:
    """The interviews to offer for continuing, the most recently saved first: not exported as they stand (one
    complete but not exported, or changed since, or left while a change or a new item was being typed, is
    offered), not a demonstration (an example business's answers
    are never offered as someone's own), and with at least one answer (an interview left before it, such as a
    browser tab opened and closed, is not one)."""
    folder = interviews_dir()
    if not folder.is_dir():
        return []
    found = []
    for path in folder.glob("*.yaml"):
        if not path.is_file():
            continue
        state = load_state(path)
        if (state.exported and not state.asking) or state.example:  # (left typing a change: it is one, not exported)
            continue
        found.append(Unfinished(path, state, datetime.fromtimestamp(path.stat().st_mtime)))
    found.sort(key=lambda interview: interview.saved, reverse=True)
    return [interview for interview in found if interview.state.progress > 0 or interview.state.business or has_answers(interview.path)]


def unfinished() -> Path | None:
    """The most recently saved interview to offer for continuing (see `unfinished_interviews`), or None."""
    interviews = unfinished_interviews()
    return interviews[0].path if interviews else None


AUTOMATIC_NAME = "interview-"  # the name of an interview's files until the business has a name


def new_path(now: datetime | None = None, name: str = "") -> Path:
    """A fresh file name for an interview: after the business (kahvila-kanerva-oy.yaml, -2 and so on when
    taken), or before it has a name after the moment, e.g. interviews/interview-20261122-130501.yaml."""
    folder = interviews_dir()
    stem = _file_name(name) or AUTOMATIC_NAME + (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    path, number = folder / f"{stem}.yaml", 2
    while path.exists() or state_path(path).exists():
        path, number = folder / f"{stem}-{number}.yaml", number + 1
    return path


def _file_name(text: str) -> str:
    """A file name's stem from a business name: `Kahvila Kanerva Oy` -> `kahvila-kanerva-oy`."""
    import re
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return "-".join(re.findall(r"[a-z0-9]+", ascii_text))[:60].strip("-")


def named_after(path: Path, business: str) -> Path:
    """Where an interview saved under an automatic name goes once its business has a name (its files are
    renamed); any other file, e.g. one given with --answers, stays where it is."""
    path = Path(path)
    if not business or not path.name.startswith(AUTOMATIC_NAME) or path.parent != interviews_dir():
        return path
    if not _file_name(business):  # no letter or digit to name it by
        return path
    while True:  # the new name is claimed first: two interviews of one business never take the same file
        named = new_path(name=business)
        try:
            os.close(os.open(named, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
            break
        except FileExistsError:
            continue
    with contextlib.suppress(FileNotFoundError):
        state_path(path).rename(state_path(named))
    path.rename(named)
    return named


def has_answers(path: Path) -> bool:
    """Whether the interview holds at least one answer. A file that cannot be read may hold some, so it counts.
    The YAML is only read, not checked against the answers' model: the first screen asks this of each file."""
    try:
        data = load_bytes(read_path(str(path))).data
    except ReadProblem as problem:
        return problem.code != "empty"  # "empty": no YAML at all, e.g. a file just created
    return any(value not in (None, "", [], {}) for key, value in data.items() if key not in ("schema_version", "language"))


def discard_if_unanswered(path: Path) -> bool:
    """Remove an interview, and its state, that has no answer (nothing would be lost); True if it was removed."""
    path = Path(path)
    if not path.is_file() or has_answers(path):
        return False
    for leftover in (path, state_path(path)):
        with contextlib.suppress(FileNotFoundError):
            leftover.unlink()
    return True
