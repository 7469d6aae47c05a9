"""The Art. 13/14 checklist: for every item a notice must give, which clause gives it, or why it does not apply,
or that it is missing. This is the proof of completeness `seloste coverage` prints and `render` enforces.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from wizard.i18n import N_
from wizard.notice import Facts


@dataclass(frozen=True)
class Item:
    id: str
    art13: str | None  # the paragraph in Art. 13 (data from the person), if any
    art14: str | None  # the paragraph in Art. 14 (data from elsewhere), if any
    name: str
    applies: Callable[[Facts], bool]
    not_applicable: str  # why it does not apply, when it does not
    other_article: str | None = None  # for items outside Arts 13 and 14 (Art. 21(4), 26(2))


def _always(_: Facts) -> bool:
    return True


ITEMS: tuple[Item, ...] = (
    Item("controller", "13(1)(a)", "14(1)(a)", N_("controller's identity and contact details"), _always, ""),
    Item("representative", "13(1)(a)", "14(1)(a)", N_("EU representative"),
         lambda f: f.has_representative, N_("no EU representative: the controller is in the EU/EEA")),
    Item("dpo", "13(1)(b)", "14(1)(b)", N_("data protection officer's contact details"),
         lambda f: f.has_dpo, N_("no data protection officer is designated")),
    Item("joint_arrangement", None, None, N_("essence of the joint controllers' arrangement"),
         lambda f: f.has_joint_controllers, N_("no joint controllers"), other_article="26(2)"),
    Item("purposes_and_bases", "13(1)(c)", "14(1)(c)", N_("purposes and the legal basis of each"), _always, ""),
    Item("legitimate_interests", "13(1)(d)", "14(2)(b)", N_("legitimate interests pursued"),
         lambda f: f.uses_legitimate_interests, N_("no purpose relies on legitimate interests")),
    Item("data_categories", None, "14(1)(d)", N_("categories of personal data"),
         lambda f: f.from_other_sources, N_("all data come from the people themselves")),
    Item("recipients", "13(1)(e)", "14(1)(e)", N_("recipients or categories of recipients"),
         lambda f: f.has_recipients, N_("the answers name no recipient")),
    Item("transfers", "13(1)(f)", "14(1)(f)", N_("transfers outside the EU/EEA and their safeguards"),
         lambda f: f.has_transfers, N_("the answers name no recipient outside the EU/EEA")),
    Item("retention", "13(2)(a)", "14(2)(a)", N_("retention period or its criteria"), _always, ""),
    Item("rights", "13(2)(b)", "14(2)(c)", N_("rights of access, rectification, erasure, restriction, objection, portability"), _always, ""),
    Item("right_to_object", None, None, N_("right to object, stated separately"),
         lambda f: f.objection_applies or f.has_direct_marketing,
         N_("no purpose relies on legitimate interests, a public task or direct marketing"), other_article="21(4)"),
    Item("withdraw_consent", "13(2)(c)", "14(2)(d)", N_("right to withdraw consent"),
         lambda f: f.uses_consent, N_("no purpose relies on consent")),
    Item("complaint", "13(2)(d)", "14(2)(e)", N_("right to lodge a complaint with the supervisory authority"), _always, ""),
    Item("provision", "13(2)(e)", None, N_("whether giving the data is required, and the consequences"),
         lambda f: f.from_data_subject, N_("no data are collected from the people themselves")),
    Item("source", None, "14(2)(f)", N_("source of the data, and whether it is public"),
         lambda f: f.from_other_sources, N_("all data come from the people themselves")),
    Item("automated_decisions", "13(2)(f)", "14(2)(g)", N_("automated decision-making: logic, significance, consequences"),
         lambda f: f.has_automated_decisions, N_("no automated decisions (the notice says so)")),
)

ITEM_BY_ID = {item.id: item for item in ITEMS}

# Which item an error from `wizard.rules` leaves incomplete.
ERROR_ITEM = {
    "business_id_required": "controller",
    "privacy_contact_incomplete": "controller",
    "representative_in_eea": "representative",
    "duplicate_purpose_id": "purposes_and_bases",
    "unknown_purpose": "purposes_and_bases",
    "unknown_joint_controller": "joint_arrangement",
    "basis_needs_law": "purposes_and_bases",
    "public_task_needs_law": "purposes_and_bases",
    "special_category_no_condition": "purposes_and_bases",
    "basis_needs_interest": "legitimate_interests",
    "consent_needs_withdrawal": "withdraw_consent",
    "retention_missing": "retention",
    "transfer_no_mechanism": "transfers",
    "transfer_no_country": "transfers",
    "adequacy_not_available": "transfers",
    "adequacy_us": "transfers",
    "dpf_not_us": "transfers",
    "derogation_missing": "transfers",
    "safeguards_copy_missing": "transfers",
    "automated_decision_incomplete": "automated_decisions",
    "automated_decision_ground_missing": "automated_decisions",
    "automated_decision_law_missing": "automated_decisions",
    "shares_data_contradiction": "recipients",
    "recipients_unnamed": "recipients",
    "transfers_contradiction": "transfers",
    "transfer_recipient_unnamed": "transfers",
    "sources_unnamed": "source",
    "sources_none": "source",
    "provision_missing": "provision",
    "required_because_optional": "provision",
    "direct_marketing_unexplained": "right_to_object",
    "direct_marketing_no_purpose": "right_to_object",
}


@dataclass
class ItemStatus:
    item: Item
    state: str  # "covered", "not_applicable" or "missing"
    clauses: list[str] = field(default_factory=list)
    problems: list = field(default_factory=list)  # the diagnostics that leave it incomplete

    def articles(self, facts: Facts) -> str:
        """The article paragraphs this item answers, for the way these data are collected."""
        if self.item.other_article:
            return self.item.other_article
        parts = []
        if self.item.art13 and (facts.from_data_subject or not self.item.art14):
            parts.append(self.item.art13)
        if self.item.art14 and (facts.from_other_sources or not self.item.art13):
            parts.append(self.item.art14)
        return ", ".join(parts)


def assess(facts: Facts, rendered_clauses: Iterable[tuple[str, Iterable[str]]], errors: Iterable) -> list[ItemStatus]:
    """Each item's status, from the facts, the clauses rendered (id, items covered) and the rule errors."""
    covering: dict[str, list[str]] = {}
    for clause_id, covers in rendered_clauses:
        for item_id in covers:
            covering.setdefault(item_id, []).append(clause_id)
    problems: dict[str, list] = {}
    for diagnostic in errors:
        erring = ERROR_ITEM.get(diagnostic.code)
        if erring is not None:
            problems.setdefault(erring, []).append(diagnostic)
    statuses = []
    for item in ITEMS:
        found = problems.get(item.id, [])
        if not (item.applies(facts) or found):
            statuses.append(ItemStatus(item, "not_applicable"))
        elif found or not covering.get(item.id):
            statuses.append(ItemStatus(item, "missing", covering.get(item.id, []), found))
        else:
            statuses.append(ItemStatus(item, "covered", covering[item.id]))
    return statuses


def missing(statuses: Iterable[ItemStatus]) -> list[ItemStatus]:
    return [status for status in statuses if status.state == "missing"]
