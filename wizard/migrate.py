"""Upgrade answers files written in an older layout to the current `schema_version`.

Each step takes the raw mapping of one version and returns the next; they run before validation, so an
old file is checked, rendered and saved as the current layout. A file from a newer seloste is refused
with a message, never guessed at.

Version 1 was the first draft layout: one legal basis for the whole register, purposes as plain sentences,
the controller's address on one line, `contact_person` and `notice_date`. Version 2 states a basis per
purpose (GDPR Art. 13(1)(c)) and splits the address so that the postal code can be checked. Version 3 lets
free text be given per language and says which language the plain texts are in (`language:`); a version 2
file's texts are all in one language, so it gets the one they are plainly written in (the first language of
the registry when in doubt).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from typing import Any

from wizard.answers import SCHEMA_VERSION
from wizard.fieldpath import FieldPath


class NewerVersionError(Exception):
    def __init__(self, version: int) -> None:
        super().__init__(version)
        self.version = version


class BadVersionError(Exception):
    def __init__(self, value: Any) -> None:
        super().__init__(value)
        self.value = value


_ADDRESS_V1 = re.compile(r"^(?P<street>.+?),?\s+(?P<postal>\d{5})\s+(?P<city>.+)$")


def _v1_to_v2(data: dict[str, Any]) -> dict[str, Any]:
    data = dict(data)
    controller = data.get("controller")
    if isinstance(controller, dict) and isinstance(controller.get("address"), str):
        controller = dict(controller)
        address = controller.pop("address")
        match = _ADDRESS_V1.match(address.strip())
        if match:
            controller.update(street_address=match["street"], postal_code=match["postal"], city=match["city"])
        else:  # keep what the user wrote where they will see it; validation asks for the missing parts
            controller["street_address"] = address
        data["controller"] = controller
    if "contact_person" in data:
        data["privacy_contact"] = data.pop("contact_person")
    if "notice_date" in data:
        data["notice"] = {"date": data.pop("notice_date"), **(data.get("notice") or {})}
    basis = data.pop("legal_basis", None)
    purposes = data.get("purposes")
    if isinstance(purposes, list):
        data["purposes"] = [
            {"id": f"purpose-{number}", "description": item, **({"basis": basis} if basis else {})}
            if isinstance(item, str)
            else item
            for number, item in enumerate(purposes, start=1)
        ]
    data["schema_version"] = 2
    return data


def _v1_lines_to_v2(lines: dict[FieldPath, int]) -> dict[FieldPath, int]:
    """Where each v1 line went, so that a diagnostic on the upgraded data still names a line of the file."""
    moved: dict[FieldPath, int] = {}
    for path, line in lines.items():
        head, rest = (path[0], path[1:]) if path else (None, ())
        if path == ("controller", "address"):
            for part in ("street_address", "postal_code", "city"):
                moved[("controller", part)] = line
        elif head == "contact_person":
            moved[("privacy_contact", *rest)] = line
        elif head == "notice_date":
            moved[("notice",)] = moved[("notice", "date")] = line
        elif head == "legal_basis":
            purposes = sorted(p[1] for p in lines if len(p) == 2 and p[0] == "purposes")
            for index in purposes:
                moved.setdefault(("purposes", index, "basis"), line)
        elif head == "purposes" and len(path) == 2:
            moved[path] = moved[(*path, "id")] = moved[(*path, "description")] = line
        else:
            moved[path] = line
    return moved


def _v2_to_v3(data: dict[str, Any]) -> dict[str, Any]:
    data = dict(data)
    data.setdefault("language", _written_in(data))
    data["schema_version"] = 3
    return data


def _written_in(data: Any) -> str:
    """The language most of a file's texts are plainly written in; the default one when none is plain."""
    from wizard.localtext import DEFAULT_LANGUAGE, guess_language

    votes = Counter(guess for guess in map(guess_language, _strings(data)) if guess is not None)
    ranked = votes.most_common(2) + [(DEFAULT_LANGUAGE, 0), (DEFAULT_LANGUAGE, 0)]
    (first, count), (_second, runner_up) = ranked[0], ranked[1]
    return first if count > runner_up else DEFAULT_LANGUAGE


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for item in value.values() for text in _strings(item)]
    if isinstance(value, list):
        return [text for item in value for text in _strings(item)]
    return []


MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _v1_to_v2, 2: _v2_to_v3}
# Version 3 moves no field: each line stays where it was.
LINE_MIGRATIONS: dict[int, Callable[[dict[FieldPath, int]], dict[FieldPath, int]]] = {1: _v1_lines_to_v2, 2: dict}


def file_version(data: dict[str, Any]) -> int:
    """The file's `schema_version`; a file without one is taken to be current (hand-written)."""
    version = data.get("schema_version", SCHEMA_VERSION)
    if isinstance(version, str) and version.strip().isdigit():
        if len(version.strip()) > 6:  # no seloste will get there; int() would refuse thousands of digits anyway
            raise BadVersionError(version)
        version = int(version)
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise BadVersionError(version)
    if version > SCHEMA_VERSION:
        raise NewerVersionError(version)
    return version


def migrate(data: dict[str, Any]) -> tuple[dict[str, Any], int]:
    """Return the data in the current layout and the version the file had."""
    original = file_version(data)
    version = original
    while version < SCHEMA_VERSION:
        data = MIGRATIONS[version](data)
        version += 1
    if "schema_version" in data:  # read as text by the loader; the model wants the number
        data = {**data, "schema_version": SCHEMA_VERSION}
    return data, original


def migrate_lines(lines: dict[FieldPath, int], version: int) -> dict[FieldPath, int]:
    """The file's line map moved along with its data from `version` to the current layout."""
    while version < SCHEMA_VERSION:
        lines = LINE_MIGRATIONS[version](lines)
        version += 1
    return lines
