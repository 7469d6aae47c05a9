"""What a heading of a notice is about, in Finnish or English, and whether a line of plain text is a heading.

Headings are recognised by their meaning, not their wording: the patterns match word stems, so that Finnish
inflection ("säilytysaika", "säilyttämisaika", "säilytämme") does not defeat them; the old web form's fixed
headings are only one way of saying each topic.
"""

from __future__ import annotations

import re

# What a heading is about: a topic for each pattern it matches (a heading may be about several topics).
# Checked in this order; the first topic matched is the section's main one.
TOPIC_PATTERNS: dict[str, str] = {
    "contact": r"yhteys ?henkilö|yhteydenot|contact (person|us)|privacy contact|ota yhteyttä",
    "dpo": r"tietosuojavastaava|data protection officer",
    "representative": r"\bedustaja|\brepresentative",
    "joint": r"yhteisrekisterinpitäj|joint controller",
    "controller": r"rekisterinpitäjä|\bcontroller\b|who we are|keitä olemme",
    "subjects": r"rekisteröityjen ryhm|rekisteröidyt\b|keitä (rekisteri|tiedot|seloste) koske|henkilöryhm|whose (personal )?data|data subjects|people concerned",
    "name": r"rekisterin nimi|käsittelyn nimi|name of the (register|processing)|\bregister name",
    "legitimate_interests": r"oikeutet\w* (etu|edu|etuj)|legitimate interest",
    "provision": r"pakollis|vapaaehtois|lakisääteinen tai sopimukseen perustuva vaatimus|do you have to|must you|obligat\w* to provide|is (giving|providing) (the )?data",
    "purposes": r"tarkoitu|käyttötarko|mihin (käytämme|käytetään)|(how|what) we use|use your (personal )?data for|oikeusperuste|käsittelyperuste|käsittelyn peruste|purpose|legal bas[ie]s|lawful bas[ie]s|why we",
    "categories": r"tietosisältö|henkilötietoryhm|käsiteltävät (henkilö)?tiedot|mitä (henkilö)?tietoja|tietoryhm|categor\w* of (personal )?data|(personal )?data (we|that we) (process|collect)|what (personal )?data|data content|personal data processed",
    "sources": r"tietolähte|\blähteet|mistä (tiedot|saamme)|\bsources?\b|where (we get|the data come)",
    "recipients": r"luovut|vastaanottaj|recipient|disclos|sharing|who (gets|receives)|käsittelijät|\bprocessors\b",
    "transfers": r"\b(eu|eta|eea|euroopan)\S*( \S+)?( \S+)? ulkopuol|outside the (eu|eea|european)|kolmansiin maihin|third countr|\btransfers?\b|\bsiirrot\b|tietojen siirto\b",
    "retention": r"säilyt|retention|how long|storage period|\bkeep",
    "security": r"suojau|suojaamme|suojaaminen|tietoturv|security|how we protect",
    "cookies": r"eväste|cookie",
    "marketing": r"suoramarkkin|markkinoin|mainon|mainos|\bmarketing|advertis",
    "objection": r"vastustamis|vastustaa|right to object|objection|kielto-oikeu|oikeus kieltää",
    "withdraw": r"suostumuksen peruut|peruuttaa suostumu|withdraw",
    "complaint": r"valitu|kantelu|valvontaviranomai|tietosuojavaltuutet|complaint|supervisory authority",
    "automated": r"automaat|automatis|profilo|automated|profiling",
    "rights": r"oikeu(det|tesi|ksien|ksista|ksiasi)|tarkastusoikeu|oikeus (tarkast|saada|vaatia|tietojen|siirtää|käsittelyn)|rajoittamisoikeu|\brights?\b|right of access|rectification|erasure|portability",
    "consent": r"^(suostumus|consent)$",
    "changes": r"muutokset|muuttaminen|changes to this",
    "date": r"laatimispäivä|päiväys|päivitetty|last updated|^date$|^versio",
}
_COMPILED = {topic: re.compile(pattern, re.I) for topic, pattern in TOPIC_PATTERNS.items()}


def topics_of(heading: str) -> list[str]:
    """What a heading is about, most specific first; empty when it is about nothing a notice says."""
    return [topic for topic, pattern in _COMPILED.items() if pattern.search(heading)]


def looks_like_heading(line: str, alone: bool = False) -> bool:
    """Whether a line of plain text is a heading written without mark-up: short, no full stop at the end,
    about a topic of a notice; numbered ("3. Säilytysaika"), or ending in a colon, or in capitals."""
    text = line.strip().strip("*").strip()
    if not text or len(text) > 90 or text.endswith((".", ",", ";")) or "@" in text:
        return False
    numbered = bool(re.match(r"^(\d{1,2}[.)]?|[A-Z][.)])\s+\S", text))
    core = re.sub(r"^(\d{1,2}[.)]?|[A-Z][.)])\s+", "", text).rstrip(":")
    if not topics_of(core) or len(core.split()) > 9:
        return False
    if alone:  # a paragraph of one line: a heading only when marked as one somehow
        return numbered or text.endswith(":") or line.strip().startswith("**") or core.isupper()
    return True
