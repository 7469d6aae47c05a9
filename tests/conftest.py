"""Shared test set-up: hypothesis profiles, and a small answers mapping that is valid with no warnings, for
tests to change one thing in.

`pytest --hypothesis-profile=thorough` searches far more generated examples than the quick default.
"""

from __future__ import annotations

import copy
import hashlib
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, settings
from hypothesis.configuration import set_hypothesis_home_dir

REPO = Path(__file__).resolve().parents[1]

# hypothesis keeps its examples (a failing one is tried first next time) and caches in a folder of the system's
# temporary folder, one per checkout, never in the checkout it runs in.
set_hypothesis_home_dir(Path(tempfile.gettempdir()) / f"seloste-hypothesis-{hashlib.sha256(bytes(REPO)).hexdigest()[:12]}")

# Rendering a whole notice per example is slow for hypothesis's taste; the time limit is the test run's own.
_RELAXED = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow]}
settings.register_profile("default", max_examples=30, **_RELAXED)
settings.register_profile("thorough", max_examples=1000, **_RELAXED)
settings.load_profile("default")



def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests marked `long` start first: one started last would keep its worker busy while the others idle."""
    items.sort(key=lambda item: item.get_closest_marker("long") is None)


@pytest.fixture(scope="session", autouse=True)
def cache_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """seloste's cache (compiled templates and catalogs) is a folder of this test run (of each worker, when the
    tests run in parallel), not the user's, for the commands run in-process and in child processes alike."""
    folder = tmp_path_factory.mktemp("cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SELOSTE_CACHE_DIR", str(folder))
        yield folder


@pytest.fixture(autouse=True)
def data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Interviews are saved in a folder of each test's own, never in the user's data folder: no test sees an
    unfinished interview another test left, whichever ran before it or beside it. A test may set its own."""
    folder = tmp_path / "home"
    monkeypatch.setenv("SELOSTE_HOME", str(folder))
    return folder


# A fictional business. Its YAML dump is a valid answers file; `check_data` takes the mapping as it is.
_VALID_ANSWERS: dict[str, Any] = {
    "schema_version": 3,
    "controller": {
        "name": "Esimerkkipaja Oy",
        "business_id": "1572860-0",
        "street_address": "Esimerkkikatu 1",
        "postal_code": "00100",
        "city": "Helsinki",
        "email": "info@esimerkkipaja.example",
    },
    "processing": {"name": "Asiakasrekisteri", "data_subjects": ["asiakkaat"]},
    "purposes": [
        {
            "id": "orders",
            "description": "Tilausten toimittaminen ja laskuttaminen",
            "basis": "contract",
            "contract": "asiakkaan tilaus",
        }
    ],
    "personal_data": [{"name": "Nimi ja yhteystiedot", "purposes": ["orders"], "required": True}],
    "provision": {"requirement": "contract_precondition", "consequences": "Ilman yhteystietoja emme voi toimittaa tilausta."},
    "shares_data": False,
    "retention": {"period": "3 vuotta viimeisestä tilauksesta"},
    "notice": {"date": "2026-11-22", "announce_changes": ["website"]},
}


@pytest.fixture
def answers() -> dict[str, Any]:
    """A fresh copy of valid answers (no errors, no warnings) for one test to change."""
    return copy.deepcopy(_VALID_ANSWERS)


@pytest.fixture
def write_answers(tmp_path: Path) -> Callable[[dict[str, Any]], Path]:
    """Writes answers as a YAML file the way a person would keep them, and returns its path."""

    def write(data: dict[str, Any], name: str = "answers.yaml") -> Path:
        path = tmp_path / name
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        return path

    return write
