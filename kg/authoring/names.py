"""Names in an article: the table of the graph's known names as the news writes
them (labels, aliases, derived forms such as "Japanese government"), and
candidate names of new people, organisations, places and facilities.

Example:
    >>> candidate_names("Deputy Minister Tran Van Son visited Osaka.", {})
    [('https://schema.org/Person', 'Tran Van Son'), ('https://schema.org/Place', 'Osaka')]
"""

from __future__ import annotations

import re
from collections.abc import Container
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kg.authoring.figures import MONTHS
from kg.authoring.lookup import _is_named_iri_classes, fold
from kg.data.namespaces import PREFIXES

if TYPE_CHECKING:
    from kg.authoring.lookup import EntityIndex
    from kg.authoring.sentences import Sentence

_TITLES = (
    r"(?:Deputy Prime Minister|Prime Minister|Deputy Minister|Vice Minister|Minister|"
    r"Deputy Ambassador|Ambassador|President|Vice President|Chairman|Chairwoman|Chair|"
    r"Director General|Director|Governor|Secretary General|General Secretary|Secretary|"
    r"Mayor|Professor|Prof\.|Dr\.|Mr\.|Mrs\.|Ms\.|Madam)"
)
_NAME = r"((?:[A-Z][\w’'-]+)(?:\s+[A-Z][\w’'-]+){1,3})"
_PERSON = re.compile(r"\b" + _TITLES + r"(?:\s+of\s+[A-Z][\w ,]+?)?\s+" + _NAME)
_ORG_HEADS = (
    r"(?:Agency|Bank|Corporation|Association|Organization|Organisation|Council|Institute|"
    r"University|Embassy|Group|Company|Fund|Federation|Chamber of Commerce(?: and Industry)?|"
    r"Committee|Commission|Authority|Office|Union|Forces?|Army|Navy|Party|Hospital|Alliance)"
)
#: Facilities, proposed as places: "Nghi Son Refinery and Petrochemical Complex".
_FACILITY_HEADS = r"(?:Complex|Refinery|Plant|Airport|Seaport|Port|Industrial Park|Factory)"
#: Capitalised words, "and" or "&" between two of them ("Trade and Industry").
_CAPS = r"[A-Z][\w&’'-]+(?:\s+(?:and|&)\s+[A-Z][\w&’'-]+|\s+[A-Z][\w&’'-]+){0,5}"
_ORG = re.compile(
    r"\b((?:Ministry|Department) of [A-Z][\w]+(?:(?:,| and| of|,? and)? [A-Z][\w]+){0,5}"
    r"|" + _CAPS + r"\s+" + _ORG_HEADS + r"(?:\s+(?:of|for)(?:\s+[A-Z][\w]+)+)?)\b"
)
_FACILITY = re.compile(r"\b(" + _CAPS + r"\s+" + _FACILITY_HEADS + r")\b")
_PLACE = re.compile(
    r"\b(?:in|at|to|from|visit(?:ed|ing)?)\s+([A-Z][a-z]{2,}(?:\s+[A-Z][a-z]{2,})?)\b"
)
#: Words of titles and captions: a close spelling of a name never spans one.
TITLE_WORDS = {
    "prime", "minister", "deputy", "vice", "president", "ambassador", "mr", "mrs", "ms", "dr",
    "photo", "the", "chairman", "director", "general", "secretary", "governor", "his", "her",
}  # fmt: skip
#: Single words that are never a name on their own.
STOP_SINGLE = {
    "the", "a", "an", "and", "of", "in", "on", "for", "to", "he", "she", "it", "they", "we",
    "mr", "mrs", "ms", "pm", "photo", "minister", "prime", "deputy", "vice", "president",
}  # fmt: skip


@dataclass
class Link:
    """A known entity found in the text: how it was written and where."""

    iri: str
    written: str
    sentence: Sentence
    how: str  # "name", "variant" (close spelling), "short" (one name word)
    score: float = 100.0
    role: tuple[str, str] | None = None  # a known position written before the name


@dataclass
class NewEntity:
    """A candidate entity the graph does not have."""

    kind: str  # class IRI
    label: str
    sentence: Sentence
    iri: str = ""
    weak: list[str] = field(default_factory=list)  # known entities it may be


#: "The two sides", "both governments": the parties of talks between two countries.
TWO_SIDES = re.compile(r"\b(?:[Tt]he two|[Bb]oth) (?:sides|governments)\b")
#: Country names and the adjectives the news uses for them.
DEMONYMS = {
    "vietnam": "vietnamese",
    "japan": "japanese",
    "china": "chinese",
    "korea": "korean",
    "india": "indian",
    "france": "french",
    "germany": "german",
    "thailand": "thai",
    "laos": "lao",
    "cambodia": "cambodian",
    "singapore": "singaporean",
    "indonesia": "indonesian",
    "philippines": "philippine",
    "malaysia": "malaysian",
    "australia": "australian",
    "united states": "american",
}
#: Collective nouns the news uses interchangeably ("Japanese businesses", "... firms").
COLLECTIVES = ("businesses", "companies", "enterprises", "firms")


def _derived_names(label: str) -> set[str]:
    """Other ways the news writes a name: "Government of Japan" as "Japanese
    government" or "Japan's government"; "Japanese businesses" as "... companies".

    Example:
        >>> sorted(_derived_names("Government of Japan"))[:3]
        ['Japan Government', "Japan's Government", 'Japanese Government']
        >>> "Prime Minister of Japan" in _derived_names("Government of Japan")
        False
        >>> "Japanese firms" in _derived_names("Japanese businesses")
        True
    """
    forms: set[str] = set()
    government = re.fullmatch(r"Government of (.+)", label)
    if government:
        country = government.group(1)
        # a country's government, and its head of government's title
        # (not its head's title: "Prime Minister of Japan" is a person, not the government)
        forms |= {f"{country} Government", f"{country}'s Government"}
        demonym = DEMONYMS.get(country.lower())
        if demonym:
            forms.add(f"{demonym.capitalize()} Government")
    words = label.split()
    if len(words) == 2 and words[1].lower() in COLLECTIVES:
        forms |= {f"{words[0]} {noun}" for noun in COLLECTIVES}
    return forms - {label}


#: Languages and peoples that are written like places ("in Vietnamese").
_LANGUAGES = {"english", "french", "spanish", "german", "russian", "arabic", "portuguese"}


def _is_demonym(name: str) -> bool:
    """True for a people's or language's name: an adjective of :data:`DEMONYMS`, a
    language, or a word ending in ``-ese`` ("Vietnamese", "Burmese").

    Example:
        >>> _is_demonym("Vietnamese"), _is_demonym("Thai"), _is_demonym("Osaka")
        (True, True, False)
    """
    key = fold(name)
    return key in DEMONYMS.values() or key in _LANGUAGES or key.endswith("ese")


def singular(key: str) -> str:
    """A folded name with its long words' plural ``s`` dropped.

    Example:
        >>> singular("ministry of information and communications")
        'ministry of information and communication'
    """
    return " ".join(
        w[:-1] if len(w) > 4 and w.endswith("s") and not w.endswith("ss") else w
        for w in key.split()
    )


def _trim_name(name: str) -> str:
    words = name.split()
    while words and words[-1].lower() in {"said", "and", "the", "of"}:
        words.pop()
    return " ".join(words)


def is_named(classes: list[str]) -> bool:
    """True for an entity of a named kind (a person, organisation, place...).

    Example:
        >>> is_named(["https://schema.org/Person"]), is_named(["https://schema.org/Event"])
        (True, False)
    """
    return _is_named_iri_classes(classes)


def known_names(index: EntityIndex) -> dict[str, set[str]]:
    """The graph's names of named entities, folded, each with the entities it names.

    Besides labels and aliases (single stop words left out): "Ministry of X (Japan)"
    also as "Ministry of X", a ministry also as its "Minister of X", the
    :func:`_derived_names` of labels, and long names with plural words made
    singular (:func:`singular`).

    Example:
        >>> from kg.authoring.lookup import EntityIndex
        >>> index = EntityIndex.from_names({"https://kg.example.org/id/g": ("Government of Japan", [])})
        >>> index.entities["https://kg.example.org/id/g"].classes = ["https://schema.org/Organization"]
        >>> sorted(known_names(index))
        ['government of japan', 'japan government', 'japan s government', 'japanese government']
    """
    names: dict[str, set[str]] = {}
    for iri, entity in index.entities.items():
        if not is_named(entity.classes):
            continue
        for name in entity.names:
            key = fold(name)
            if key and not (len(key.split()) == 1 and key in STOP_SINGLE):
                names.setdefault(key, set()).add(iri)
    for iri, entity in index.entities.items():
        if not is_named(entity.classes):
            continue
        # "Ministry of X (Japan)" is also written "Ministry of X", and "Minister of X"
        # names its ministry.
        for name in entity.names:
            bare = re.sub(r"\s*\([^)]*\)$", "", name)
            if bare != name or bare.startswith("Ministry of "):
                for form in {bare, bare.replace("Ministry of ", "Minister of ", 1)}:
                    key = fold(form)
                    if len(key.split()) > 1:
                        names.setdefault(key, set()).add(iri)
    for iri, entity in index.entities.items():
        if is_named(entity.classes):
            for form in _derived_names(entity.label):
                names.setdefault(fold(form), set()).add(iri)
    # the same names with plural words made singular ("Communications")
    for key, owners in list(names.items()):
        if len(key.split()) > 2:
            names.setdefault(singular(key), set()).update(owners)
    return names


def candidate_names(text: str, known: Container[str]) -> list[tuple[str, str]]:
    """The names of possible new entities in a sentence's text, as ``(class IRI,
    name)`` in the order proposed: people with a title in front, organisations,
    facilities (as places), places after "in", "at", "to"...; ``known`` (folded
    names, :func:`known_names`) strips a known name joined by "and" in front.

    Example:
        >>> candidate_names("Japan and Asian Development Bank met in Vietnamese.", {"japan"})
        [('http://www.w3.org/ns/org#Organization', 'Asian Development Bank')]
    """
    found: list[tuple[str, str]] = []
    for match in _PERSON.finditer(text):
        found.append((PREFIXES["schema"] + "Person", _trim_name(match.group(1))))
    for pattern, kind in (
        (_ORG, PREFIXES["org"] + "Organization"),
        (_FACILITY, PREFIXES["schema"] + "Place"),
    ):
        for match in pattern.finditer(text):
            name = re.sub(r"^(?:The|the)\s+", "", match.group(1).strip(" ,"))
            found.append((kind, _own_part(name, known)))
    for match in _PLACE.finditer(text):
        name = match.group(1)
        if name.split()[0].lower() in MONTHS or name.split()[0].lower() in STOP_SINGLE:
            continue
        if _is_demonym(name):
            continue  # "in Vietnamese": a people or language, not a place
        found.append((PREFIXES["schema"] + "Place", name))
    return found


def _own_part(name: str, known: Container[str]) -> str:
    """The name without a known name and "and" in front: "Japan and Asian
    Development Bank" is Japan and the bank. A leading known name with a
    possessive is dropped too ("Vietnam's Ministry of ...")."""
    words = name.split()
    for at, word in enumerate(words):
        if word in ("and", "&") and fold(" ".join(words[:at])) in known:
            return " ".join(words[at + 1 :])
    return name
