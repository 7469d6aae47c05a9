"""Every sentence `seloste check` can say, keyed by a stable code, in English with gettext for Finnish.

A message says what is wrong; its hint says how to fix it; `article` names the rule behind it. Parameters
are `{name}` fields filled from the diagnostic. Codes are stable: `--json` output and tests rely on them.
"""

from __future__ import annotations

from dataclasses import dataclass

from wizard.i18n import N_


@dataclass(frozen=True)
class Text:
    message: str
    hint: str = ""
    article: str = ""


TEXTS: dict[str, Text] = {
    # --- the file cannot be read (exit 2) ---
    "file_missing": Text(N_("There is no file {path}."), N_("Check the name, or create one with `seloste example NAME > {path}`.")),
    "file_is_directory": Text(N_("{path} is a folder, not an answers file."), N_("Give the path of a .yaml file.")),
    "file_permission": Text(N_("You do not have permission to read {path}."), N_("Check the file's permissions.")),
    "file_unreadable": Text(N_("{path} cannot be read: {detail}."), ""),
    "no_stdin": Text(N_("There is no standard input to read answers from."), N_("Give a file name instead of -.")),
    "too_large": Text(
        N_("The file is {size_kib} KiB; an answers file is at most {limit_kib} KiB."),
        N_("Check that this is the right file: a notice's answers take a few kilobytes."),
    ),
    "utf16": Text(N_("The file is saved as UTF-16; answers files are UTF-8."), N_("Save it again as UTF-8 in your editor.")),
    "binary": Text(N_("The file is not text (it contains NUL bytes)."), N_("Check that this is the right file: answers are a YAML text file.")),
    "not_utf8": Text(
        N_("The file is not valid UTF-8 text (first problem on line {line})."),
        N_("Save it again as UTF-8 in your editor (it may be Latin-1 / Windows-1252)."),
    ),
    "empty": Text(N_("The file is empty."), N_("Start from an example: `seloste example --list`.")),
    "not_mapping": Text(
        N_("The file holds {found}, but answers are a group of fields such as `controller:` and `purposes:`."),
        N_("Start from an example: `seloste example --list`."),
    ),
    "yaml_syntax": Text(N_("The file is not valid YAML: {detail}."), N_("Look at the line shown and the one before it: a missing colon, quote or indentation.")),
    "yaml_tab": Text(N_("A tab is used for indentation; YAML needs spaces."), N_("Replace the tabs with spaces (two per level).")),
    "yaml_many_documents": Text(N_("The file holds more than one YAML document (a second `---`)."), N_("Keep one set of answers per file.")),
    "yaml_duplicate_key": Text(
        N_("The field `{key}` appears twice at the same level; only one of them would count."),
        N_("Keep one and delete or merge the other."),
    ),
    "yaml_key_not_text": Text(N_("A field name must be text, not `{key}`."), N_("Check the line shown.")),
    "yaml_alias": Text(N_("The file uses a YAML alias (`*name`); answers files do not support them."), N_("Write the value out in full.")),
    "too_many_items": Text(
        N_("A list or group of fields in the file has more than {limit} items, far more than answers have."),
        N_("Check that this is the right file: a notice's answers take a few kilobytes."),
    ),
    "too_many_values": Text(
        N_("The file holds more than {limit} values; a notice's answers have a few thousand at most."),
        N_("Check that this is the right file: a notice's answers take a few kilobytes."),
    ),
    "too_deep": Text(N_("The file is nested too deeply to be answers."), N_("Check that this is the right file.")),
    "schema_newer": Text(
        N_("This file was written by a newer seloste (schema_version {version}); this one reads up to {supported}."),
        N_("Upgrade seloste (`pip install --upgrade seloste`) and try again."),
    ),
    "schema_bad": Text(N_("schema_version must be a whole number such as 2, not `{value}`."), N_("Set schema_version: 2, or remove the line.")),
    # --- field formats (pydantic) ---
    "missing": Text(N_("{field} is missing."), "{description}"),
    "extra_forbidden": Text(N_("Unknown field `{key}`."), N_("Did you mean `{suggestion}`?")),
    "extra_forbidden_nosuggestion": Text(N_("Unknown field `{key}`."), N_("Fields allowed here: {allowed}.")),
    "string_type": Text(N_("{field} should be text, not {found}."), "{description}"),
    "string_too_short": Text(N_("{field} is empty."), "{description}"),
    "string_too_long": Text(N_("{field} is too long: at most {max_length} characters."), N_("Shorten it, or move the details to a description field.")),
    "string_pattern_mismatch": Text(
        N_("`{value}` is not a usable id."),
        N_("Use lowercase letters, digits, _ and -, starting with a letter, e.g. `orders`."),
    ),
    "enum": Text(N_("`{value}` is not one of the choices for {field}."), N_("Choose one of: {expected}.")),
    "literal_error": Text(N_("`{value}` is not one of the choices for {field}."), N_("Choose one of: {expected}.")),
    "bool_parsing": Text(N_("{field} should be true or false, not `{value}`."), ""),
    "bool_type": Text(N_("{field} should be true or false, not {found}."), ""),
    "date_invalid": Text(N_("`{value}` is not a real date."), N_("Write the date as 2026-11-22 or 22.11.2026.")),
    "date_parsing": Text(N_("`{value}` is not a date."), N_("Write the date as 2026-11-22 or 22.11.2026.")),
    "date_from_datetime_parsing": Text(N_("`{value}` is not a date."), N_("Write the date as 2026-11-22 or 22.11.2026.")),
    "date_type": Text(N_("{field} should be a date, not {found}."), N_("Write the date as 2026-11-22 or 22.11.2026.")),
    "list_type": Text(N_("{field} should be a list (lines starting with `- `), not {found}."), "{description}"),
    "model_type": Text(N_("{field} should be a group of fields (indented `name: value` lines), not {found}."), "{description}"),
    "dict_type": Text(N_("{field} should be a group of fields (indented `name: value` lines), not {found}."), "{description}"),
    "model_attributes_type": Text(N_("{field} should be a group of fields (indented `name: value` lines), not {found}."), "{description}"),
    "too_short": Text(N_("{field} needs at least {min_length} item(s)."), "{description}"),
    "too_long": Text(N_("{field} has too many items: at most {max_length}."), ""),
    "int_parsing": Text(N_("{field} should be a whole number, not `{value}`."), ""),
    "business_id_format": Text(
        N_("`{value}` is not a Y-tunnus."),
        N_("A Y-tunnus is seven digits, a hyphen and a check digit, e.g. 1234567-1. Look it up at ytj.fi."),
    ),
    "business_id_checksum": Text(
        N_("The check digit of Y-tunnus `{value}` is wrong."),
        N_("Check the number against ytj.fi: a digit is probably mistyped."),
    ),
    "phone_format": Text(N_("`{value}` is not a phone number: {reason}."), N_("Write it like 040 123 4567 or +358 40 123 4567.")),
    "phone_invalid": Text(
        N_("`{value}` is not a valid phone number: {reason}."),
        N_("Write it like 040 123 4567 or +358 40 123 4567; foreign numbers need their country code."),
    ),
    "email_invalid": Text(N_("`{value}` is not an e-mail address: {reason}."), N_("Write it like name@example.fi.")),
    "website_invalid": Text(N_("`{value}` is not a web address."), N_("Write it like https://www.example.fi.")),
    "website_unknown_domain": Text(
        N_("`{value}` does not end in a real domain: “.{ending}” is not a domain ending in use."),
        N_("Check the end of the address (such as .fi or .com), e.g. https://www.example.fi."),
    ),
    "address_hidden_character": Text(
        N_("The address `{value}` holds a hidden character ({character}), such as a terminal control or a change of text direction."),
        N_("Type the address again by hand: one copied from elsewhere can carry characters that do not show."),
    ),
    "postal_code_fi": Text(N_("`{value}` is not a Finnish postal code."), N_("A Finnish postal code is five digits, e.g. 00100.")),
    "country_unknown": Text(N_("`{value}` is not a country seloste knows."), N_("Use the two-letter country code, e.g. FI, SE, US or GB.")),
    "retention_empty": Text(N_("{field} gives neither a period nor criteria."), N_("Add period (e.g. '3 years after the last order') or criteria.")),
    # Any other objection of the answers model: its own words (`detail`) are English only, kept for --json.
    "pydantic_other": Text(N_("{field} cannot be `{value}`."), "{description}"),
    # --- rules across fields: errors ---
    "business_id_required": Text(
        N_("The controller has no Y-tunnus."),
        N_("Add controller.business_id (look it up at ytj.fi); only a private person may leave it out (type: private_person)."),
        N_("GDPR Art. 13(1)(a)"),
    ),
    "privacy_contact_incomplete": Text(
        N_("The privacy contact has no {missing}."),
        N_("Give the contact's name and e-mail, or set same_as_controller: true."),
        N_("GDPR Art. 13(1)(a)"),
    ),
    "duplicate_purpose_id": Text(N_("Two purposes have the id `{id}`."), N_("Give each purpose its own id.")),
    "unknown_purpose": Text(N_("`{ref}` is not the id of any purpose."), N_("Use one of: {ids}.")),
    "basis_needs_interest": Text(
        N_("Purpose `{purpose}` relies on legitimate interests but does not say which interest."),
        N_("Add legitimate_interest: the specific interest in plain words, e.g. 'telling our existing customers about similar services'."),
        N_("GDPR Art. 6(1)(f), 13(1)(d)"),
    ),
    "basis_needs_law": Text(
        N_("Purpose `{purpose}` is a legal obligation but names no law."),
        N_("Add law: the act that requires it, e.g. 'kirjanpitolaki (1336/1997)'."),
        N_("GDPR Art. 6(1)(c), 6(3)"),
    ),
    "public_task_needs_law": Text(
        N_("Purpose `{purpose}` is a task in the public interest but names no law."),
        N_("Add law: the act that gives you the task."),
        N_("GDPR Art. 6(1)(e), 6(3)"),
    ),
    "consent_needs_withdrawal": Text(
        N_("Purpose `{purpose}` relies on consent but does not say how consent is withdrawn."),
        N_("Add consent_withdrawal, e.g. 'the unsubscribe link in every newsletter'; withdrawing must be as easy as giving consent."),
        N_("GDPR Art. 7(3), 13(2)(c)"),
    ),
    "translation_missing": Text(
        N_("{field} has no text in {language}, a language of this notice."),
        N_("Give it by language, e.g. `{{fi: ..., en: ...}}`; until then `seloste render` refuses the notice in that language, or with --allow-mixed-language shows the text as written, marked with its language."),
        N_("GDPR Art. 12(1)"),
    ),
    "text_in_other_language": Text(
        N_("{field} is given as {language} but reads as {guessed}."),
        N_("Put it under the language it is written in, or check the file's `language:`."),
    ),
    "retention_missing": Text(
        N_("Data category `{category}` has no retention period."),
        N_("Give it retention (a period or criteria), give each of its purposes one, or set the general retention rule."),
        N_("GDPR Art. 13(2)(a)"),
    ),
    "category_retention_overridden": Text(
        N_("Data category `{category}` has a retention period of its own, but every purpose it is used for has its own period, which applies to its data instead, so the notice shows the category's period nowhere."),
        N_("Remove the category's retention, or remove the retention of the purposes for which the category's period should apply."),
        N_("GDPR Art. 13(2)(a)"),
    ),
    "special_category_no_condition": Text(
        N_("Special category data `{description}` has no Art. 9(2) condition."),
        N_("Add condition: usually explicit_consent for a small business; health_or_social_care for care providers."),
        N_("GDPR Art. 9(2)"),
    ),
    "transfer_no_mechanism": Text(
        N_("Recipient `{recipient}` is in {country}, outside the EU/EEA, but no ground for the transfer is given."),
        N_("Add transfer.mechanism: dpf, adequacy, scc, bcr or derogation."),
        N_("GDPR Art. 44-49, 13(1)(f)"),
    ),
    "transfer_no_country": Text(
        N_("Recipient `{recipient}` has a transfer but no country."),
        N_("Add country: where the recipient processes the data, e.g. US."),
        N_("GDPR Art. 13(1)(f)"),
    ),
    "adequacy_not_available": Text(
        N_("{country} has no adequacy decision, so the transfer to `{recipient}` needs another ground."),
        N_("Use scc (standard contractual clauses 2021/914), bcr, or an Art. 49 derogation."),
        N_("GDPR Art. 45"),
    ),
    "adequacy_us": Text(
        N_("The United States has an adequacy decision only for companies certified under the EU-US Data Privacy Framework."),
        N_("Use mechanism dpf if `{recipient}` is certified (check the DPF List), otherwise scc."),
        N_("GDPR Art. 45"),
    ),
    "dpf_not_us": Text(
        N_("The EU-US Data Privacy Framework covers only companies in the United States, not {country}."),
        N_("Correct the country, or choose another mechanism."),
        N_("GDPR Art. 45"),
    ),
    "transfers_outside_named": Text(
        N_("A recipient you named handles the data outside the EU/EEA, so some data do leave it."),
        N_("Answer yes, or first change that recipient's country."),
        N_("GDPR Art. 13(1)(f)"),
    ),
    "derogation_missing": Text(
        N_("The transfer to `{recipient}` relies on a derogation but does not say which."),
        N_("Add derogation: e.g. explicit_consent or contract_with_the_person."),
        N_("GDPR Art. 49(1)"),
    ),
    "safeguards_copy_missing": Text(
        N_("The transfer to `{recipient}` relies on {mechanism} but does not say how a person gets a copy of the safeguards."),
        N_("Add safeguards_copy, e.g. 'ask us by e-mail and we send a copy' or a link."),
        N_("GDPR Art. 13(1)(f)"),
    ),
    "automated_decision_incomplete": Text(
        N_("Automated decisions are used, but this is not described: {missing}."),
        N_("Describe it in plain words: the person has a right to know."),
        N_("GDPR Art. 13(2)(f), 22"),
    ),
    "automated_decision_ground_missing": Text(
        N_("Automated decisions are used, but the file does not say what allows them."),
        N_("Add automated_decisions.ground: contract (necessary for a contract with the person), law (a law allows it) or explicit_consent; without one of these such decisions are not allowed."),
        N_("GDPR Art. 22(1)-(2)"),
    ),
    "automated_decision_law_missing": Text(
        N_("Automated decisions are said to be allowed by law, but no law is named."),
        N_("Add automated_decisions.law: the act that allows the decision and lays down safeguards."),
        N_("GDPR Art. 22(2)(b)"),
    ),
    "sources_unnamed": Text(
        N_("Data come from other sources, but none is named."),
        N_("List them under sources.other_sources: e.g. 'the customer's employer' or 'the Trade Register (PRH)'."),
        N_("GDPR Art. 14(2)(f)"),
    ),
    "sources_none": Text(
        N_("The file says the data come neither from the people themselves nor from anywhere else."),
        N_("Set sources.from_data_subject: true, or name the other sources."),
        N_("GDPR Art. 13, 14(2)(f)"),
    ),
    "provision_missing": Text(
        N_("The file does not say whether people must give their data, or what happens if they do not."),
        N_("Add provision: requirement (e.g. contract_precondition) and consequences."),
        N_("GDPR Art. 13(2)(e)"),
    ),
    "representative_in_eea": Text(
        N_("An EU representative is only for a controller outside the EU/EEA; this controller is in {country}."),
        N_("Remove eu_representative, or correct controller.country."),
        N_("GDPR Art. 27"),
    ),
    "direct_marketing_unexplained": Text(
        N_("Purpose `{purpose}` is direct marketing, but the file does not say how people opt out."),
        N_("Add direct_marketing: channels and opt_out."),
        N_("GDPR Art. 21(2)-(4)"),
    ),
    "direct_marketing_no_purpose": Text(
        N_("The file describes direct marketing but no purpose is marked as direct marketing."),
        N_("Add a purpose with direct_marketing: true and its basis (consent or legitimate_interests)."),
        N_("GDPR Art. 6(1), 13(1)(c)"),
    ),
    "unknown_joint_controller": Text(
        N_("`{name}` is not the name of any joint controller."),
        N_("Use a name as it is written under joint_controllers."),
        N_("GDPR Art. 26"),
    ),
    "required_because_optional": Text(
        N_("Data category `{category}` says why it must be given, but also that giving it is optional (required: false)."),
        N_("Remove required_because, or set required: true."),
        N_("GDPR Art. 13(2)(e)"),
    ),
    # --- rules across fields: warnings ---
    "consent_for_contract": Text(
        N_("Purpose `{purpose}` relies on consent, but it looks like something the contract needs."),
        N_("If the service cannot be given without it, the basis is contract: consent that cannot be refused is not freely given."),
        N_("GDPR Art. 6(1)(b), 7(4)"),
    ),
    "consent_for_required_data": Text(
        N_("Data category `{category}` must be given, yet it is used only for consent-based purposes."),
        N_("Consent must be free to refuse: either the data are optional, or the basis is something else (usually contract)."),
        N_("GDPR Art. 7(4)"),
    ),
    "vague_retention": Text(
        N_("{field} says only 'as long as necessary'."),
        N_("Give a period or the concrete criteria that decide it, e.g. '2 years after the customer's last order'."),
        N_("GDPR Art. 5(1)(e), 13(2)(a)"),
    ),
    "possible_special_category": Text(
        N_("{field} mentions `{word}`, which can reveal health, religion or other special category data."),
        N_("If it does, list it under special_categories with its Art. 9(2) condition (usually explicit_consent)."),
        N_("GDPR Art. 9"),
    ),
    "children": Text(
        N_("The data concern children."),
        N_("Write the notice so a child understands it; below 13, consent for online services must come from a guardian."),
        N_("GDPR Art. 8, 12(1); tietosuojalaki 5 §"),
    ),
    "us_transfer_unprotected": Text(
        N_("Recipient `{recipient}` in the United States is neither DPF-certified nor under standard contractual clauses."),
        N_("Check the recipient's DPF certification, or sign the 2021/914 clauses with it."),
        N_("GDPR Art. 45, 46"),
    ),
    "legacy_law": Text(
        N_("{field} cites the repealed Personal Data Act (henkilötietolaki 523/1999)."),
        N_("Refer to the GDPR and the Data Protection Act (tietosuojalaki 1050/2018) instead."),
        N_("tietosuojalaki 1050/2018"),
    ),
    "legacy_authority_address": Text(
        N_("{field} has the Data Protection Ombudsman's old address."),
        N_("seloste writes the current address itself: Lintulahdenkuja 4, 00530 Helsinki; leave it out of your answers."),
        N_("GDPR Art. 77"),
    ),
    "legacy_transfer_tool": Text(
        N_("{field} mentions `{word}`, which is no longer a valid ground for transfers."),
        N_("Privacy Shield was invalidated in 2020 and the old clauses expired in 2022; use dpf or scc (2021/914)."),
        N_("GDPR Art. 45, 46"),
    ),
    "vague_wording": Text(
        N_("{field} says `{word}`: a notice should state what is done, not what may be done."),
        N_("Write the purpose as a fact, e.g. 'We send the newsletter to subscribers', not 'data may be used for marketing'."),
        N_("GDPR Art. 12(1); WP260"),
    ),
    "representative_missing": Text(
        N_("The controller is outside the EU/EEA ({country}) and names no EU representative."),
        N_("Most controllers outside the EU that offer services to people in the EU must name one."),
        N_("GDPR Art. 27"),
    ),
    "ignored_basis_detail": Text(
        N_("Purpose `{purpose}` gives {detail_field}, but its basis is {basis}; the notice will not show it."),
        N_("Check the basis: a heading 'legitimate interest' over a contract is a common mistake of old notices."),
        N_("GDPR Art. 13(1)(c)"),
    ),
    "identity_formalities": Text(
        N_("rights.how asks for `{word}`."),
        N_("Requests must be made easy: free, answered within a month, with only proportionate identity checks."),
        N_("GDPR Art. 12(2), 12(6)"),
    ),
    "transfer_inside_eea": Text(
        N_("Recipient `{recipient}` is in {country}, inside the EU/EEA: no transfer ground is needed, and the notice will not show one."),
        N_("Remove transfer, or correct the country."),
        N_("GDPR Art. 44"),
    ),
    "recipient_no_country": Text(
        N_("Recipient `{recipient}` has no country."),
        N_("Add country (e.g. FI): without it the notice cannot say whether the data leave the EU/EEA."),
        N_("GDPR Art. 13(1)(f)"),
    ),
    "statutory_without_law": Text(
        N_("Data category `{category}` is said to be required by law, but none of its purposes is a legal obligation."),
        N_("Link it to the purpose with basis legal_obligation whose law obliges the person to give the data (e.g. the identification the Money Laundering Act requires), or choose another reason."),
        N_("GDPR Art. 6(1)(c), 13(2)(e)"),
    ),
    "statutory_only_bookkeeping": Text(
        N_("Data category `{category}` is said to be required by law, but its only law is the Accounting Act, which obliges you to record your sales and keep the records, not the person to give data."),
        N_("Leave required_because out for data you record yourselves, or name the law that obliges the person to give them."),
        N_("GDPR Art. 13(2)(e); kirjanpitolaki (1336/1997)"),
    ),
    "contractual_without_contract": Text(
        N_("Data category `{category}` is said to be required by your contract with the person, but none of its purposes rests on a contract with them."),
        N_("If the people who give it are not party to a contract with you (e.g. a client company's contact persons), use not_obliged and say in provision.consequences what happens without the data."),
        N_("GDPR Art. 6(1)(b), 13(2)(e)"),
    ),
    "precondition_without_contract": Text(
        N_("Data category `{category}` is said to be needed to make a contract with the person, but none of its purposes rests on a contract with them."),
        N_("Link it to the purpose with basis contract that it is needed for; if it serves only other purposes (e.g. fraud prevention on legitimate interests), use not_obliged and say in provision.consequences what happens without the data."),
        N_("GDPR Art. 6(1)(b), 13(2)(e)"),
    ),
    "required_reason_missing": Text(
        N_("Data category `{category}` must be given, but the file does not say why: by law, by contract, to make a contract, or with no obligation."),
        N_("Add required_because: statutory, contractual, contract_precondition or not_obliged."),
        N_("GDPR Art. 13(2)(e)"),
    ),
    "joint_purposes_missing": Text(
        N_("Joint controller `{name}` is not linked to any purpose: the notice cannot say which processing you decide on together."),
        N_("On each purpose you decide on with it, add joint_with: its name; the other purposes are yours alone."),
        N_("GDPR Art. 13(1)(c), 26"),
    ),
    "joint_controller_also_separate": Text(
        N_("`{name}` is both a joint controller and a recipient that is a separate controller."),
        N_("For the processing you decide on together it is a joint controller only: remove it from the recipients, or keep it there only for data it uses for purposes of its own, and say which."),
        N_("GDPR Art. 4(7), 26"),
    ),
    "automated_decision_purposes_missing": Text(
        N_("Automated decisions are used, but the file does not say which purposes they belong to."),
        N_("Add automated_decisions.purposes: the ids of the purposes the decisions are made for, e.g. the orders purpose for a credit check."),
        N_("GDPR Art. 13(1)(c), 13(2)(f)"),
    ),
    "child_consent_unanswered": Text(
        N_("The people include children and some purposes rest on consent, but the file does not say who consents for a child."),
        N_("Add processing.child_consent_by (e.g. the child's guardian); for an online service offered directly to children set online_service_for_children: true, and a child of {age} or over then consents alone."),
        N_("GDPR Art. 8; tietosuojalaki 5 §"),
    ),
    "child_consent_without_children": Text(
        N_("The file says how children consent, but not that the people include children."),
        N_("Set processing.includes_children: true, or remove the answers about children's consent."),
        N_("GDPR Art. 8"),
    ),
    "other_people_no_purpose": Text(
        N_("The file names `{who}` among the people whose data come from someone else, but not what their data are used for."),
        N_("Add purposes: the ids of the purposes their data serve; the notice gives each one's legal basis."),
        N_("GDPR Art. 14(1)(c)"),
    ),
    "purpose_without_data": Text(
        N_("No data category names purpose `{purpose}`, so the notice's table of the processing shows no data for it."),
        N_("Add the purpose's id to the purposes of each data category it uses, or remove the purpose if it uses no personal data."),
        N_("GDPR Art. 13(1)(c), 14(1)(d)"),
    ),
    "recipient_no_purpose": Text(
        N_("The file does not say for which purposes `{name}` gets the data, so the notice's table of the processing cannot name it."),
        N_("Add purposes: the ids of the purposes it gets data for."),
        N_("GDPR Art. 13(1)(e)"),
    ),
    "mixed_without_required": Text(
        N_("provision says some data are required and some optional, but no data category says which."),
        N_("Set required: true or false on the data categories."),
        N_("GDPR Art. 13(2)(e)"),
    ),
    "legitimate_interests_public_body": Text(
        N_("Purpose `{purpose}` relies on legitimate interests, which a public authority cannot use for its tasks."),
        N_("Use public_task or legal_obligation with the law behind it."),
        N_("GDPR Art. 6(1), last subparagraph"),
    ),
    # --- statements the notice makes only from an answer (issue 12) ---
    "shares_data_contradiction": Text(
        N_("shares_data says no one outside your business gets the data, but {count} recipient(s) are listed."),
        N_("Set shares_data: true, or remove the recipients if no one really gets the data."),
        N_("GDPR Art. 13(1)(e)"),
    ),
    "recipients_unnamed": Text(
        N_("shares_data says someone outside your business gets the data, but no recipient is listed."),
        N_("List each recipient under recipients: e.g. your accounting firm, IT or e-mail service, delivery company."),
        N_("GDPR Art. 13(1)(e)"),
    ),
    "recipients_unanswered": Text(
        N_("No recipient is listed, and the file does not say that no one else gets the data; the notice will say nothing about recipients."),
        N_("List the recipients (almost every business has an accounting firm or an IT service), or set shares_data: false if really no one gets the data."),
        N_("GDPR Art. 13(1)(e)"),
    ),
    "transfers_contradiction": Text(
        N_("transfers_outside_eea says no data leave the EU/EEA, but these recipients are outside it: {recipients}."),
        N_("Set transfers_outside_eea: true, or correct the recipients' countries."),
        N_("GDPR Art. 13(1)(f)"),
    ),
    "transfer_recipient_unnamed": Text(
        N_("transfers_outside_eea says some data leave the EU/EEA, but no recipient outside the EU/EEA is listed."),
        N_("Add the recipient that gets the data, with its country and the ground for the transfer."),
        N_("GDPR Art. 13(1)(f)"),
    ),
    "transfers_unanswered": Text(
        N_("The file does not say whether any data leave the EU/EEA; the notice will say nothing about transfers."),
        N_("Set transfers_outside_eea: false if no data go outside the EU/EEA (check where your cloud, e-mail and analytics services keep them)."),
        N_("GDPR Art. 13(1)(f)"),
    ),
    "processing_agreement_missing": Text(
        N_("Processor `{recipient}` is not marked as having a data processing agreement with you; the notice will not claim one."),
        N_("Make a written agreement with it (most providers offer one in their terms) and set processing_agreement: true."),
        N_("GDPR Art. 28(3)"),
    ),
    "processing_agreement_contradiction": Text(
        N_("security.measures says every processor has a data processing agreement, but `{recipient}` has none."),
        N_("Make the agreement and set processing_agreement: true, or remove processor_agreements from the security measures."),
        N_("GDPR Art. 28(3)"),
    ),
    "balancing_test_missing": Text(
        N_("Purpose `{purpose}` relies on legitimate interests, but the file does not say that the interest was weighed against the people's interests; the notice will not claim it."),
        N_("Weigh the interest against the people's interests and rights, write the assessment down, and set balancing_test: true."),
        N_("GDPR Art. 5(2), 6(1)(f)"),
    ),
    "changes_unannounced": Text(
        N_("The file does not say how people are told when the notice changes; the notice will promise nothing."),
        N_("Add notice.announce_changes: e.g. website, email. Significant changes must be brought to people's attention, not left for them to find."),
        N_("GDPR Art. 12(1), 13(3); WP260"),
    ),
    # --- Finnish law and plausibility (issue 12, §2) ---
    "electronic_marketing_needs_consent": Text(
        N_("Purpose `{purpose}` sends direct marketing by e-mail or text message without consent, and the file does not say that it goes only to businesses or only to existing customers."),
        N_("Ask for consent (basis: consent). If the marketing goes only to your customers under the conditions of 200 § 2 mom., set direct_marketing.existing_customer_exception: true; if only to people in their work role at businesses, set direct_marketing.audience: businesses."),
        N_("Act on Electronic Communications Services 917/2014, 200 §; GDPR Art. 6(1)"),
    ),
    "contract_for_non_party": Text(
        N_("Purpose `{purpose}` rests on a contract, but the contract is with `{word}`: the contact persons or participants it concerns are not party to it."),
        N_("For them the basis is usually legitimate interests (e.g. 'handling the assignment agreed with the client company'); keep contract for people who made the contract themselves."),
        N_("GDPR Art. 6(1)(b), 6(1)(f)"),
    ),
    "vendor_not_a_recipient": Text(
        N_("{field} names {vendor}, but it is not among the recipients: the notice would not tell people that {company} gets their data."),
        N_("Add {company} under recipients, with country: {country} and, outside the EU/EEA, the transfer mechanism (dpf if the company is on the Data Privacy Framework List)."),
        N_("GDPR Art. 13(1)(e)-(f)"),
    ),
    "vendor_country_missing": Text(
        N_("Recipient `{recipient}` is {vendor}, which processes data in {country}, but the recipient has no country."),
        N_("Set country: {country}; outside the EU/EEA also give the transfer mechanism (dpf if the company is on the Data Privacy Framework List)."),
        N_("GDPR Art. 13(1)(f), 44"),
    ),
    "cookie_lifetime_missing": Text(
        N_("The website uses {category} cookies, but the file does not say how long they are kept."),
        N_("Add cookies.lifetimes: the category and how long the cookies stay on the device, e.g. 13 months."),
        N_("Act on Electronic Communications Services 917/2014, 205 §; GDPR Art. 13(2)(a)"),
    ),
    "cookie_withdrawal_missing": Text(
        N_("The website uses cookies that need consent, but the file does not say how people refuse them or withdraw their consent."),
        N_("Add cookies.how_to_manage, e.g. the cookie banner and a link on every page to change the choice; browser settings alone are not enough."),
        N_("Act on Electronic Communications Services 917/2014, 205 §; GDPR Art. 7(3)"),
    ),
    "cookie_purpose_not_consent": Text(
        N_("The {category} cookies serve purpose `{purpose}`, which does not rest on consent, but cookies other than the strictly necessary need consent."),
        N_("Give purpose `{purpose}` the basis consent, with how consent is asked and withdrawn, or name the consent purpose these cookies serve."),
        N_("Act on Electronic Communications Services 917/2014, 205 §; GDPR Art. 6(1)(a)"),
    ),
    "cookie_purpose_missing": Text(
        N_("Cookies of the kind `{cookie_kind}` need consent, but no purpose is named for the data collected with them, so the notice cannot say what those data are used for or how long they are kept."),
        N_("Add purposes to these cookies in cookies.lifetimes: the ids of the purposes based on consent that the data collected with them serve."),
        N_("Act on Electronic Communications Services 917/2014, 205 §; GDPR Art. 13(1)(c), 13(2)(a)"),
    ),
    "vague_word": Text(
        N_("{field} says `{word}`, which leaves the reader guessing what exactly is meant."),
        N_("Say it exactly: list every item, name every recipient, give the period."),
        "{article}",
    ),
    "customer_relationship_basis": Text(
        N_("{field} gives `{word}` as the ground: the customer relationship was a basis under the repealed Personal Data Act, not under the GDPR."),
        N_("Name the GDPR basis: usually the contract with the customer, or a legitimate interest stated in plain words."),
        N_("GDPR Art. 6(1), 13(1)(c)"),
    ),
}


# Why a library refused a value (`reason` of a diagnostic), in seloste's words: the libraries say it in English
# only. Keyed by a stable code that `wizard.fields` finds from the library's exception and its reason.
REASONS: dict[str, str] = {
    "email_no_at": N_("it has no @"),
    "email_many_at": N_("it has more than one @"),
    "email_odd_at": N_("its @ is not the ordinary @ sign"),
    "email_nothing_before_at": N_("there is nothing before the @"),
    "email_nothing_after_at": N_("there is nothing after the @"),
    "email_domain_no_dot": N_("the part after the @ has no dot (as in example.fi)"),
    "email_domain_ending": N_("the part after the @ does not end in a domain ending such as .fi or .com"),
    "email_unknown_ending": N_("“.{ending}” is not a domain ending in use, such as .fi or .com"),
    "email_reserved": N_("the part after the @ is a reserved name that cannot receive e-mail"),
    "email_ip_address": N_("the part after the @ must be a domain name, not an IP address"),
    "email_two_dots": N_("it has two dots in a row"),
    "email_dot_place": N_("a dot cannot be first, last or next to the @"),
    "email_hyphen_place": N_("a hyphen cannot be next to the @ or a dot, or last"),
    "email_space": N_("it has a space"),
    "email_characters": N_("it has characters an e-mail address cannot have: {characters}"),
    "email_name_included": N_("give the address alone, without a name or < >"),
    "email_quoted": N_("quotation marks cannot be used in it"),
    "email_too_long": N_("it is too long"),
    "email_form": N_("it does not have the form of one"),
    "phone_letters": N_("it has letters"),
    "phone_not_number": N_("it does not read as a number"),
    "phone_country_code": N_("the country code is unknown"),
    "phone_too_short": N_("it is too short"),
    "phone_too_long": N_("it is too long"),
    "phone_length": N_("it has the wrong number of digits"),
    "phone_prefix": N_("no number in use looks like this (check the area code or the operator's prefix, and the digits)"),
}
