"""Autosave and resume: the interview is on disk after every answer, and never half-written.

An interview is kept as two files in `interviews/` of the user's data folder (`SELOSTE_HOME` if set, else
platformdirs' user data folder for "seloste"):

- `<name>.yaml`: the answers, a valid answers file as it stands, so `seloste check` and `seloste render`
  read it as is;
- `<name>.state.json`: the conversation's own state beside it: the conversation language, the notice
  language, and whether the interview was finished.

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
from wizard.loader import ReadProblem, dump, read_path

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
    finished: bool = False
    example: str | None = None  # a demonstration: the example business whose answers are suggested
    saved: str = ""  # when it was last saved, ISO 8601
    imported_from: str | None = None  # the old notice the interview started from (`seloste --import`)
    imported: list[str] = field(default_factory=list)  # the fields filled from it, as `seloste check` names them


def default_dir() -> Path:
    """Where seloste keeps its interviews: `SELOSTE_HOME`, else the user data folder."""
    override = os.environ.get(HOME_VARIABLE)
    if override:
        return Path(override)
    import platformdirs

    return platformdirs.user_data_path("seloste")


def interviews_dir() -> Path:
    return default_dir() / INTERVIEWS


def new_path(now: datetime | None = None) -> Path:
    """A fresh file name for a new interview, e.g. interviews/interview-20261122-130501.yaml."""
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    folder = interviews_dir()
    path, number = folder / f"interview-{stamp}.yaml", 2
    while path.exists() or state_path(path).exists():
        path, number = folder / f"interview-{stamp}-{number}.yaml", number + 1
    return path


def state_path(path: Path) -> Path:
    """`x.yaml` -> `x.state.json`."""
    return path.with_name(path.stem + STATE_SUFFIX)


def write_private(path: Path, text: str) -> None:
    """Replace `path` with `text` in one step, readable by the user only (in a folder only the user can open)."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    write_atomically(path, text.encode("utf-8"), private=True)


def autosave(answers: dict[str, Any], path: Path, state: SessionState | None = None) -> None:
    """Save the answers (and, when given, the conversation's state) after an answer."""
    write_private(Path(path), HEADER + dump(answers))
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
    return SessionState(**kept)


_STATE_TYPES: dict[str, tuple[type, ...]] = {
    "conversation_lang": (str,),
    "notice_lang": (str, type(None)),
    "finished": (bool,),
    "example": (str, type(None)),
    "saved": (str,),
    "imported_from": (str, type(None)),
    "imported": (list,),
}


def finish(path: Path) -> None:
    """Mark an interview as finished, so it is no longer offered for resuming."""
    state = load_state(path)
    state.finished = True
    save_state(path, state)


def unfinished() -> Path | None:
    """The most recently saved interview that was not finished and has an answer, to offer for resuming; None
    if there is none. An interview left before its first answer (a browser tab opened and closed) is not one."""
    folder = interviews_dir()
    if not folder.is_dir():
        return None
    candidates = [path for path in folder.glob("*.yaml") if path.is_file() and not load_state(path).finished]
    newest_first = sorted(candidates, key=lambda path: path.stat().st_mtime_ns, reverse=True)
    return next((path for path in newest_first if has_answers(path)), None)


def has_answers(path: Path) -> bool:
    """Whether the interview holds at least one answer. A file that cannot be read may hold some, so it counts."""
    from wizard.check import Unreadable

    try:
        data = load(path)
    except Unreadable as problem:
        return problem.diagnostic.code != "empty"  # "empty": no YAML at all, e.g. a file just created
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
