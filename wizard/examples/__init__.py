"""Realistic example businesses, each a valid answers file shipped with the package.

They are fictional: names, Y-tunnus and contact details are made up (the Y-tunnus check digits are right,
so they pass validation). Trainers hand them out; tests check that every one is valid.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from typing import Any

from wizard.i18n import N_


@dataclass(frozen=True)
class Example:
    title: str


EXAMPLES: dict[str, Example] = {
    "webshop": Example(N_("Web shop with a consent-based newsletter sent through a US e-mail service (DPF)")),
    "consultancy": Example(N_("B2B consultancy: customer register, accounting firm, credit information, debt collection")),
    "training": Example(N_("Training company: course participants, special diets (health data, Art. 9), participant lists")),
    "salon": Example(N_("Local hair salon: online booking and SMS reminders")),
    "yarnshop": Example(N_("Yarn shop in Vaasa serving customers in Swedish and Finnish: customer club, newsletter, camera surveillance")),
}


def example_text(name: str) -> str:
    return resources.files("wizard.examples").joinpath(f"{name}.yaml").read_text(encoding="utf-8")


def example_answers(name: str) -> dict[str, Any]:
    """An example business's answers, read the way `seloste check` reads an answers file. KeyError: no such example."""
    from wizard.check import load  # the answers model is not needed just to print an example

    if name not in EXAMPLES:
        raise KeyError(name)
    loaded, _version = load(example_text(name).encode("utf-8"))
    return loaded.data
