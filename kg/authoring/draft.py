"""``kg draft``: a first Turtle draft of a new article's facts, for a person to review.

Offline and deterministic: rules and regular expressions over the text, and
the graph's own names (:class:`kg.authoring.lookup.EntityIndex`) for linking.

What the draft holds, each proposed fact under a ``# REVIEW:`` comment and with
the sentence it comes from as ``kg:evidence`` (verbatim, so ``kg validate``'s
provenance check passes):

* the article node (``schema:NewsArticle``, headline from the first line,
  ``kg:corpusFile``) with ``schema:mentions`` of every known entity found;
* entity linking: labels and aliases of known people, organisations and places
  found in the text, folded (case, diacritics), longest first; close spellings
  (a score of 90 or more) linked with the spelling proposed as an alias; a
  person's single name words ("Chinh", "Kishida") after a full mention;
* new entities: people with a title in front ("Deputy Minister X Y"),
  organisations ("Ministry of ...", "... Agency") and places ("in Osaka") the
  graph does not know, each with a suggested IRI, class and label; a weak
  match to a known entity is written as a comment, never merged;
* dates at the precision the text gives (``xsd:date``, ``gYearMonth``,
  ``gYear``, ``gMonthDay``; a month alone is a comment), as dated events;
* amounts of money (value and ISO currency, both sides of "61 billion yen
  (about 500 million USD)" linked as equivalent), percentages, counts and ranks
  as statistics, and target years ("by 2045") as targets.

Example:
    >>> index = EntityIndex.from_names({"https://kg.example.org/id/japan": ("Japan", [])})
    >>> index.entities["https://kg.example.org/id/japan"].classes = ["https://schema.org/Country"]
    >>> text = "Japan pledges aid\\nJapan will give 5 million USD by 2030."
    >>> ttl = draft_article(text, "corpus/005_x.txt", index)
    >>> "schema:mentions kgr:japan" in ttl and '"5000000"^^xsd:decimal' in ttl
    True
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import pairwise
from typing import TYPE_CHECKING

from kg.authoring.lookup import EntityIndex, _is_named_iri_classes, fold

if TYPE_CHECKING:
    from kg.data.dataset import KGDataset

KGR = "https://kg.example.org/id/"
SCHEMA = "https://schema.org/"
ORG = "http://www.w3.org/ns/org#"
KG = "https://kg.example.org/ontology#"

HEADER = """\
@prefix kg: <https://kg.example.org/ontology#> .
@prefix kgr: <https://kg.example.org/id/> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix schema: <https://schema.org/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""

MONTHS = {
    m: i
    for i, m in enumerate(
        (
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ),
        start=1,
    )
}
_MONTH = r"(January|February|March|April|May|June|July|August|September|October|November|December)"
_ABBREVIATIONS = ("Mr.", "Mrs.", "Ms.", "Dr.", "St.", "No.", "U.S.", "Jr.", "Sr.", "Prof.")

#: Currencies by the words and signs that name them.
CURRENCIES = {
    "usd": "USD",
    "us$": "USD",
    "$": "USD",
    "us dollars": "USD",
    "us dollar": "USD",
    "dollars": "USD",
    "dollar": "USD",
    "yen": "JPY",
    "jpy": "JPY",
    "¥": "JPY",
    "vnd": "VND",
    "dong": "VND",
    "eur": "EUR",
    "euro": "EUR",
    "euros": "EUR",
    "€": "EUR",
    "yuan": "CNY",
    "cny": "CNY",
}
MULTIPLIERS = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
_NUMBER = r"(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_SCALE = r"(?:\s*(thousand|million|billion|trillion))?"
_QUALIFIER = r"(?:(about|around|approximately|nearly|almost|over|more than|less than|some|roughly|up to)\s+)?"
_AMOUNT = re.compile(
    _QUALIFIER
    + r"(?:(US\$|\$|¥|€|USD|JPY|VND|EUR)\s?"
    + _NUMBER
    + _SCALE
    + r"|"
    + _NUMBER
    + _SCALE
    + r"\s*(USD|US dollars?|dollars?|yen|JPY|VND|dong|EUR|euros?|yuan|CNY))\b",
    re.IGNORECASE,
)
_PERCENT = re.compile(_QUALIFIER + r"(\d+(?:\.\d+)?)\s?(?:%|per ?cent)", re.IGNORECASE)
#: Words that are not part of a counted noun phrase ("20 of the projects").
_FUNCTION_WORDS = frozenset({
    "of", "the", "a", "an", "and", "or", "in", "on", "at", "to", "for", "by", "with", "from",
    "as", "than", "that", "which", "who", "whom", "is", "are", "was", "were", "be", "been",
    "will", "would", "can", "could", "has", "have", "had", "its", "their", "his", "her", "our",
    "this", "these", "those", "per", "each", "every", "about", "over", "under", "into",
})  # fmt: skip
_TRAILING_FUNCTION_WORDS = re.compile(r"(?:\s+(?:" + "|".join(sorted(_FUNCTION_WORDS)) + r"))+$")
#: Plural nouns without an ``s``.
_IRREGULAR_PLURALS = ("people", "children", "staff", "personnel", "women", "men")
#: "22 cooperation documents", "more than 70,000 information technology students",
#: "2-2.5 million workers": a number (or a range), up to three words describing
#: the thing counted, and a plural noun (not "business", "status" or "basis").
_COUNT = re.compile(
    _QUALIFIER
    + r"(?<![\w.,$-])"
    + _NUMBER
    + r"(?:(?:\s?[-–]\s?|\s+to\s+)"
    + _NUMBER
    + r")?"
    + _SCALE
    + r"((?:\s+(?:[a-z]+(?:-[a-z]+)*|[A-Z]{2,4}s?)){0,3}?)"
    + r"\s+((?:[a-z]+-)*(?:[a-z]+[a-hj-rtv-z]s|"
    + "|".join(_IRREGULAR_PLURALS)
    + r"))\b"
)
_ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
}
_ORDINAL = r"(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th))"
_RANK = re.compile(
    _ORDINAL + r"[ -](largest|biggest)\s+([a-z]+(?:\s[a-z]+)?)",
    re.IGNORECASE,
)
#: "the biggest ODA provider", "Japan's largest partner": first, unless "one of the largest".
_TOP = re.compile(
    r"(?<!one of )\b(?:the|its|their|[’']s)\s+(largest|biggest)\s+"
    r"((?:[a-z]+|[A-Z]{2,5}|\([^)]{1,40}\))(?:\s+(?:[a-z]+|[A-Z]{2,5}|\([^)]{1,40}\))){0,3})",
)
#: "Vietnam ranks first with 39 projects", "ranked third in the region".
_RANKS = re.compile(r"\b(?:rank(?:s|ed)?|placed|came)\s+" + _ORDINAL + r"\b", re.IGNORECASE)
_NOT_COUNTED = {"years", "months", "days", "weeks", "hours", "minutes", "times", "decades"}
_TARGET = re.compile(r"\b(?:by|until|to|in)\s+((?:19|20)\d\d)((?:\s*(?:,|and)\s*(?:19|20)\d\d)*)\b")
_DATES = [
    # (pattern, kind) tried in order; matched spans are not matched again
    (re.compile(_MONTH + r"\s+(\d{1,2}),?\s+((?:19|20)\d\d)\b"), "mdy"),
    (re.compile(r"\b(\d{1,2})\s+" + _MONTH + r",?\s+((?:19|20)\d\d)\b"), "dmy"),
    (re.compile(r"\b((?:19|20)\d\d)-(\d\d)-(\d\d)\b"), "iso"),
    (re.compile(_MONTH + r",?\s+((?:19|20)\d\d)\b"), "my"),
    (re.compile(_MONTH + r"\s+(\d{1,2})(?:st|nd|rd|th)?\b(?!,?\s*\d)"), "md"),
    (re.compile(r"\b(\d{1,2})\s+" + _MONTH + r"\b"), "dm"),
    (re.compile(r"\b(?i:in|since|from|of|during|until)\s+" + _MONTH + r"\b(?!\s+\d)"), "m"),
    (
        re.compile(r"\b(?i:in|since|from|of|during|until|after|before|year)\s+((?:19|20)\d\d)\b"),
        "y",
    ),
]
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
_NAMED_KINDS = (
    SCHEMA + "Person",
    SCHEMA + "Organization",
    SCHEMA + "Place",
    SCHEMA + "Country",
    SCHEMA + "City",
    SCHEMA + "Continent",
    ORG + "Organization",
)
_TITLE_WORDS = {
    "prime", "minister", "deputy", "vice", "president", "ambassador", "mr", "mrs", "ms", "dr",
    "photo", "the", "chairman", "director", "general", "secretary", "governor", "his", "her",
}  # fmt: skip
_STOP_SINGLE = {
    "the", "a", "an", "and", "of", "in", "on", "for", "to", "he", "she", "it", "they", "we",
    "mr", "mrs", "ms", "pm", "photo", "minister", "prime", "deputy", "vice", "president",
}  # fmt: skip


@dataclass(frozen=True)
class Sentence:
    """A sentence of the article, exactly as written (a substring of the text)."""

    text: str
    number: int


def split_sentences(text: str) -> list[Sentence]:
    """The article's sentences, each a verbatim substring of one of its lines.

    Example:
        >>> [s.text for s in split_sentences("Mr. Ito came here. He left again!\\nThe next line")]
        ['Mr. Ito came here.', 'He left again!', 'The next line']
    """
    out: list[Sentence] = []
    for line in text.splitlines():
        start = 0
        for match in re.finditer(r"[.!?][\"”’)]*\s+(?=[A-Z\"“(•])", line):
            end = match.start() + 1
            chunk = line[start:end]
            if any(chunk.endswith(a) for a in _ABBREVIATIONS):
                continue
            end = match.end() - len(match.group(0)) + len(match.group(0).rstrip())
            _add(out, line[start:end])
            start = match.end()
        _add(out, line[start:])
    return out


def _add(out: list[Sentence], chunk: str) -> None:
    chunk = chunk.strip().lstrip("•").strip()
    if len(chunk) >= 10 and re.search(r"[A-Za-z]", chunk):
        out.append(Sentence(chunk, len(out) + 1))


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


@dataclass
class Fact:
    """A proposed node: its Turtle lines, the review note above them."""

    review: str
    lines: list[str]


def slug(text: str) -> str:
    """An IRI-safe lower-case name.

    Example:
        >>> slug("Nguyễn Thị Bích Ngọc, Deputy Minister")
        'nguyen-thi-bich-ngoc-deputy-minister'
    """
    return "-".join(fold(text).split())[:60].strip("-") or "x"


def literal(text: str) -> str:
    """A Turtle string literal.

    Example:
        >>> literal('He said "yes"')
        '"He said \\\\"yes\\\\""'
    """
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def _decimal(value: Decimal) -> str:
    """The canonical ``xsd:decimal`` lexical form of a value.

    Example:
        >>> _decimal(Decimal("61000000000.0")), _decimal(Decimal("21.60"))
        ('61000000000', '21.6')
    """
    text = format(value.normalize(), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def _number(text: str, scale: str | None) -> Decimal:
    value = Decimal(text.replace(",", ""))
    return value * MULTIPLIERS.get((scale or "").lower(), 1)


class Drafter:
    """Drafts one article against an entity index."""

    def __init__(
        self,
        text: str,
        corpus_file: str,
        index: EntityIndex,
        article: str,
        positions: dict[str, list[tuple[str, str]]] | None = None,
    ) -> None:
        self.positions = positions or {}
        self.text = text
        self.corpus_file = corpus_file
        self.index = index
        self.article = article
        self.sentences = split_sentences(text)
        self.links: list[Link] = []
        self.new: list[NewEntity] = []
        self.facts: list[Fact] = []
        self.comments: list[str] = []
        self.used_iris: set[str] = set(index.entities)
        self.counter = 0
        # names of the named kinds, folded, with their entities
        self.names: dict[str, set[str]] = {}
        for iri, entity in index.entities.items():
            if not _is_named(entity.classes):
                continue
            for name in entity.names:
                key = fold(name)
                if key and not (len(key.split()) == 1 and key in _STOP_SINGLE):
                    self.names.setdefault(key, set()).add(iri)
        for iri, entity in index.entities.items():
            if not _is_named(entity.classes):
                continue
            # "Ministry of X (Japan)" is also written "Ministry of X", and "Minister of X"
            # names its ministry.
            for name in entity.names:
                bare = re.sub(r"\s*\([^)]*\)$", "", name)
                if bare != name or bare.startswith("Ministry of "):
                    for form in {bare, bare.replace("Ministry of ", "Minister of ", 1)}:
                        key = fold(form)
                        if len(key.split()) > 1:
                            self.names.setdefault(key, set()).add(iri)
        for iri, entity in index.entities.items():
            if _is_named(entity.classes):
                for form in _derived_names(entity.label):
                    self.names.setdefault(fold(form), set()).add(iri)
        # the same names with plural words made singular ("Communications")
        for key, owners in list(self.names.items()):
            if len(key.split()) > 2:
                self.names.setdefault(_singular(key), set()).update(owners)
        self.longest = max((len(k.split()) for k in self.names), default=1)
        self.short: dict[str, str] = {}  # one name word -> person, after a full mention
        self._pending: dict[str, tuple[int, int]] = {}  # "X and Y nouns": Y noun, where

    def new_iri(self, kind: str) -> str:
        self.counter += 1
        return f"{KGR}{self.article}-{kind}-{self.counter}"

    def run(self) -> str:
        taken: dict[int, list[tuple[int, int]]] = {}
        for sentence in self.sentences:
            spans = self.link(sentence)
            taken[sentence.number] = spans
        self.two_sides()
        for sentence in self.sentences:
            self.candidates(sentence)
        for sentence in self.sentences:
            self.numbers(sentence)
        return self.render()

    # ---------------------------------------------------------------- linking

    def link(self, sentence: Sentence) -> list[tuple[int, int]]:
        tokens = [(m.start(), m.end()) for m in re.finditer(r"\w+(?:[’'-]\w+)*", sentence.text)]
        spans: list[tuple[int, int]] = []
        i = 0
        while i < len(tokens):
            found = None
            for n in range(min(self.longest, len(tokens) - i), 0, -1):
                start, end = tokens[i][0], tokens[i + n - 1][1]
                written = sentence.text[start:end]
                key = fold(written)
                owners = self.names.get(key)
                if owners is None and n > 2:
                    owners = self.names.get(_singular(key))
                if owners and len(owners) == 1 and (n > 1 or written[:1].isupper()):
                    found = (n, next(iter(owners)), written, "name")
                    break
                if n == 1 and written[:1].isupper() and key in self.short:
                    found = (1, self.short[key], written, "short")
            if found is None and i < len(tokens):
                word = sentence.text[tokens[i][0] : tokens[i][1]]
                for key, (at, number) in list(self._pending.items()):
                    owners = self.names.get(key)
                    if at == i and number == sentence.number and owners and len(owners) == 1:
                        found = (1, next(iter(owners)), f"{word} ({key.split()[-1]})", "name")
                        del self._pending[key]
            if found is None:
                found = self._coordinated(sentence, tokens, i)
            if found is None:
                found = self._variant(sentence, tokens, i)
            if found is None:
                i += 1
                continue
            n, iri, written, how = found[:4]
            score = found[4] if len(found) > 4 else 100.0
            link = Link(iri, written, sentence, how, score)
            # "Prime Minister Pham Minh Chinh": the title names the person, not the
            # government; a known position with that role is noted for the reviewer.
            before = fold(sentence.text[max(0, tokens[i][0] - 40) : tokens[i][0]])
            for role, organisation in self.positions.get(iri, []):
                if before.endswith(fold(role)) and organisation in self.index.entities:
                    link.role = (role, organisation)
                    break
            self.links.append(link)
            spans.append((tokens[i][0], tokens[i + n - 1][1]))
            self._remember(iri)
            i += n
        return spans

    def two_sides(self) -> None:
        """ "The two sides agreed", "both governments": the governments of the article's
        two countries, when two countries clearly lead its mentions and the graph has
        a "Government of <country>" for each."""
        counts: dict[str, int] = {}
        for link in self.links:
            if SCHEMA + "Country" in self.index.entities[link.iri].classes:
                counts[link.iri] = counts.get(link.iri, 0) + 1
        ranked = sorted(counts.items(), key=lambda kv: -kv[1])  # stable: first mention first
        if len(ranked) < 2 or (len(ranked) > 2 and ranked[2][1] >= ranked[1][1]):
            return
        governments: dict[str, str] = {}
        for iri, entity in self.index.entities.items():
            found = re.fullmatch(r"Government of (.+)", entity.label)
            if found:
                governments.setdefault(fold(found.group(1)), iri)
        pair = [governments.get(fold(self.index.entities[c].label)) for c, _n in ranked[:2]]
        if None in pair:
            return
        for sentence in self.sentences:
            match = _TWO_SIDES.search(sentence.text)
            if match:
                for iri in pair:
                    self.links.append(Link(str(iri), match.group(0), sentence, "sides"))

    def _variant(self, sentence: Sentence, tokens: list[tuple[int, int]], i: int):
        """A run of two to four capitalised words (only spaces between) close to a
        known name: a score of 90 or more, as many words, the same first letter."""
        text = sentence.text
        n = 0
        while i + n < len(tokens) and n < 4:
            start, end = tokens[i + n]
            word = text[start:end]
            if not word[:1].isupper() or fold(word) in _TITLE_WORDS or word.lower() in MONTHS:
                break
            if n and text[tokens[i + n - 1][1] : start] != " ":
                break
            n += 1
        if n < 2:
            return None
        for size in range(n, 1, -1):
            written = text[tokens[i][0] : tokens[i + size - 1][1]]
            for match in self.index.find(written, limit=3, cutoff=85):
                if not _is_named(match.entity.classes) or match.score < 90:
                    continue
                name = fold(match.matched).split()
                if len(name) != size or name[0][:1] != fold(written)[:1]:
                    continue
                return (size, match.iri, written, "variant", match.score)
        return None

    def _coordinated(self, sentence: Sentence, tokens: list[tuple[int, int]], i: int):
        """ "Japanese and Vietnamese enterprises": the first of two adjectives sharing
        a noun, when adjective and noun together name an entity."""
        words = [sentence.text[a:b] for a, b in tokens[i : i + 4]]
        if len(words) < 4 or words[1] != "and":
            return None
        owners = self.names.get(fold(f"{words[0]} {words[3]}"))
        if owners and len(owners) == 1 and words[0][:1].isupper():
            # the second adjective's entity is found when the scan reaches it
            self._pending[fold(f"{words[2]} {words[3]}")] = (i + 2, sentence.number)
            return (1, next(iter(owners)), f"{words[0]} ({words[3]})", "name")
        return None

    def _remember(self, iri: str) -> None:
        entity = self.index.entities.get(iri)
        if entity is None or SCHEMA + "Person" not in entity.classes:
            return
        for name in entity.names:
            for word in fold(name).split():
                if len(word) >= 3 and word not in _STOP_SINGLE:
                    owner = self.short.get(word)
                    self.short[word] = iri if owner in (None, iri) else ""

    # ------------------------------------------------------- new entity candidates

    def candidates(self, sentence: Sentence) -> None:
        text = sentence.text
        for match in _PERSON.finditer(text):
            self._candidate(SCHEMA + "Person", _trim_name(match.group(1)), sentence)
        for pattern, kind in ((_ORG, ORG + "Organization"), (_FACILITY, SCHEMA + "Place")):
            for match in pattern.finditer(text):
                name = re.sub(r"^(?:The|the)\s+", "", match.group(1).strip(" ,"))
                self._candidate(kind, self._own_part(name), sentence)
        for match in _PLACE.finditer(text):
            name = match.group(1)
            if name.split()[0].lower() in MONTHS or name.split()[0].lower() in _STOP_SINGLE:
                continue
            if _is_demonym(name):
                continue  # "in Vietnamese": a people or language, not a place
            self._candidate(SCHEMA + "Place", name, sentence)

    def _own_part(self, name: str) -> str:
        """The name without a known name and "and" in front: "Japan and Asian
        Development Bank" is Japan and the bank. A leading known name with a
        possessive is dropped too ("Vietnam's Ministry of ...")."""
        words = name.split()
        for at, word in enumerate(words):
            if word in ("and", "&") and fold(" ".join(words[:at])) in self.names:
                return " ".join(words[at + 1 :])
        return name

    def _candidate(self, kind: str, name: str, sentence: Sentence) -> None:
        key = fold(name)
        if len(key) < 4 or key in self.names:
            return
        if kind == SCHEMA + "Person" and any(
            link.sentence == sentence and fold(link.written) in key for link in self.links
        ):
            return  # part of the name is a known person: the same one, spelt otherwise
        if any(fold(c.label) == key for c in self.new):
            return
        weak = [
            m.iri
            for m in self.index.find(name, limit=3, cutoff=75)
            if _is_named(m.entity.classes) and m.score < 90
        ]
        words = len(key.split())
        strong = [
            m
            for m in self.index.find(name, limit=3, cutoff=90)
            if _is_named(m.entity.classes) and len(fold(m.matched).split()) == words
        ]

        if strong:
            return
        iri = f"{KGR}{slug(name)}"
        while iri in self.used_iris:
            iri += "-new"
        self.used_iris.add(iri)
        self.new.append(NewEntity(kind, name, sentence, iri, weak))

    # ------------------------------------------------------------------ figures

    def numbers(self, sentence: Sentence) -> None:
        text = sentence.text
        used: list[tuple[int, int]] = []

        def free(start: int, end: int) -> bool:
            return all(end <= a or start >= b for a, b in used)

        first_fact = len(self.facts)
        amounts: list[tuple[int, int, str]] = []
        for match in _AMOUNT.finditer(text):
            qualifier = match.group(1)
            if match.group(2):
                sign, number, scale, word = match.group(2), match.group(3), match.group(4), None
            else:
                sign, number, scale, word = None, match.group(5), match.group(6), match.group(7)
            currency = CURRENCIES.get((sign or word or "").lower().strip())
            if currency is None:
                continue
            value = _number(number, scale)
            written = match.group(0)
            iri = self.new_iri("amount")
            amounts.append((match.start(), match.end(), iri))
            used.append((match.start(), match.end()))
            lines = [
                f"<{iri}> a schema:MonetaryAmount ;",
                f"    skos:prefLabel {literal(written)} ;",
                f'    schema:value "{_decimal(value)}"^^xsd:decimal ; schema:currency "{currency}" ;',
            ]
            if qualifier:
                lines.append("    kg:approximate true ;")
            lines.append(f"    kg:evidence {literal(text)} .")
            self.facts.append(Fact(f"an amount of money: {written!r}", lines))
        # "61 billion yen (about 500 million USD)": the two are one amount
        for (_s1, e1, a), (s2, _e2, b) in pairwise(amounts):
            between = text[e1:s2]
            if re.fullmatch(r"\s*[(\[]\s*(?:or\s+)?", between):
                self.facts.append(
                    Fact(
                        "the same amount in two currencies",
                        [
                            f"<{a}> kg:equivalentAmount <{b}> .",
                            f"<{b}> kg:equivalentAmount <{a}> .",
                        ],
                    )
                )
        for match in _PERCENT.finditer(text):
            if not free(match.start(), match.end()):
                continue
            used.append((match.start(), match.end()))
            self._statistic(
                sentence, match.group(0), Decimal(match.group(2)), "percent", match.group(1)
            )
        for pattern in (_RANK, _RANKS, _TOP):
            for match in pattern.finditer(text):
                if not free(match.start(), match.end()):
                    continue
                word = match.group(1).lower()
                rank = 1 if pattern is _TOP else _ORDINALS.get(word) or int(re.sub(r"\D", "", word))
                used.append((match.start(), match.end()))
                written = _TRAILING_FUNCTION_WORDS.sub("", match.group(0))
                self._statistic(sentence, written, Decimal(rank), "rank", None)
        since = self.dates(sentence, used)
        for match in _counts(text):
            if not free(match.start(), match.end()):
                continue
            value = _number(match.group(2), match.group(4))
            upper = _number(match.group(3), match.group(4)) if match.group(3) else None
            if not match.group(4) and not upper and _is_year(match.group(2)):
                continue
            if upper is not None and upper <= value:
                continue  # "2023-2025 plans", "10-5 votes": not a range of a count
            used.append((match.start(), match.end()))
            self._statistic(sentence, match.group(0), value, match.group(6), match.group(1), upper)
        figures = [f for f in self.facts[first_fact:] if f.lines[0].endswith("a kg:Statistic ;")]
        for written, year, compared in since:
            self._since(sentence, written, year, compared, figures, amounts)

    def _statistic(
        self,
        sentence: Sentence,
        written: str,
        value: Decimal,
        unit: str,
        qualifier: str | None,
        upper: Decimal | None = None,
    ) -> Fact:
        iri = self.new_iri("stat")
        lines = [
            f"<{iri}> a kg:Statistic ;",
            f"    skos:prefLabel {literal(_short(sentence.text) + ': ' + written)} ;",
            f"    kg:measure {literal(_short(sentence.text, 120))} ;",
            f"    kg:value {_turtle_number(value)} ;"
            + (f" kg:upperValue {_turtle_number(upper)} ;" if upper is not None else "")
            + f" kg:unit {literal(unit)} ;",
        ]
        if qualifier:
            lines.append(f"    kg:qualifier {literal(qualifier.lower())} ;")
        lines.append(f"    kg:evidence {literal(sentence.text)} .")
        fact = Fact(f"a figure ({unit}): {written!r}; name what it measures", lines)
        self.facts.append(fact)
        return fact

    def _since(
        self,
        sentence: Sentence,
        written: str,
        year: str,
        compared: bool,
        figures: list[Fact],
        amounts: list[tuple[int, int, str]],
    ) -> None:
        """ "since 1992": the first year of a figure of the sentence (``kg:sinceYear``),
        not an event; "for the first time since 2017" only compares: a comment."""
        text = sentence.text
        if compared or not (figures or amounts):
            self.comments.append(
                f'# REVIEW: a reference year, {written!r} ("{year}"^^xsd:gYear), not an event, '
                f"in: {_short(text, 150)}"
            )
            return
        since = f'    kg:sinceYear "{year}"^^xsd:gYear ;'
        if amounts:
            # a cumulative amount: the statistic it is the amount of
            iri = self.new_iri("stat")
            self.facts.append(
                Fact(
                    f"a cumulative figure {written!r}: name what it measures",
                    [
                        f"<{iri}> a kg:Statistic ;",
                        f"    skos:prefLabel {literal(_short(text) + ' (' + written + ')')} ;",
                        f"    kg:measure {literal(_short(text, 120))} ;",
                        "    kg:amount " + ", ".join(f"<{a}>" for _s, _e, a in amounts) + " ;",
                        since,
                        f"    kg:evidence {literal(text)} .",
                    ],
                )
            )
            return
        figures[0].lines.insert(-1, since)

    def dates(self, sentence: Sentence, used: list[tuple[int, int]]) -> list[tuple[str, str, bool]]:
        """Propose the sentence's dates (events) and target years; return its
        reference years ("since 1992": written, year, whether only compared with)."""
        text = sentence.text
        since: list[tuple[str, str, bool]] = []
        taken: list[tuple[int, int]] = []
        for match in _TARGET.finditer(text):
            if not match.group(0).lower().startswith("by"):
                continue
            years = [match.group(1), *re.findall(r"(?:19|20)\d\d", match.group(2) or "")]
            taken.append((match.start(), match.end()))
            for year in years:
                iri = self.new_iri("target")
                self.facts.append(
                    Fact(
                        f"a target year: {match.group(0)!r}; say what is to be reached",
                        [
                            f"<{iri}> a kg:Target ;",
                            f"    skos:prefLabel {literal(_short(text) + ' (by ' + year + ')')} ;",
                            f"    kg:measure {literal(_short(text, 120))} ;",
                            f'    kg:targetYear "{year}"^^xsd:gYear ;',
                            f"    kg:evidence {literal(text)} .",
                        ],
                    )
                )
        for pattern, kind in _DATES:
            for match in pattern.finditer(text):
                span = (match.start(), match.end())
                if any(not (span[1] <= a or span[0] >= b) for a, b in taken + used):
                    continue
                value, datatype = _date_value(match, kind)
                taken.append(span)
                written = match.group(0)
                if datatype == "gYear" and written.lower().startswith("since"):
                    compared = bool(re.search(r"\bfirst\b[^.;]{0,30}$", text[: match.start()]))
                    since.append((written, value, compared))
                    continue
                if datatype == "gMonth":
                    self.comments.append(
                        f'# REVIEW: a month without a year, {written!r} ("{value}"^^xsd:gMonth), in: '
                        f"{_short(text, 150)}"
                    )
                    continue
                iri = self.new_iri("event")
                self.facts.append(
                    Fact(
                        f"a date ({datatype}): {written!r}; make it the date of the event or "
                        "agreement it dates, or delete",
                        [
                            f"<{iri}> a schema:Event ;",
                            f"    skos:prefLabel {literal(_short(text) + ' (' + written + ')')} ;",
                            f'    schema:startDate "{value}"^^xsd:{datatype} ;',
                            f"    kg:dateText {literal(written)} ;",
                            f"    kg:evidence {literal(text)} .",
                        ],
                    )
                )
        used.extend(taken)
        return since

    # ------------------------------------------------------------------ output

    def render(self) -> str:
        out = [
            f"# DRAFT written by `kg draft` from {self.corpus_file}: every fact below is a",
            "# proposal. Review each one (# REVIEW: comments), complete or delete it, then",
            "# run `kg validate`.",
            "",
            HEADER,
        ]
        headline = next((s.strip() for s in self.text.splitlines() if s.strip()), self.article)
        mentioned = sorted({link.iri for link in self.links} | {n.iri for n in self.new})
        number = re.sub(r"\D", "", self.article) or self.article
        out.append(
            "# ------------------------------------------------------------------ the article"
        )
        out.append("")
        out.append("# REVIEW: the article; schema:mentions lists the entities found in the text.")
        out.append(f"{_short_iri(KGR + self.article)} a schema:NewsArticle ;")
        out.append(
            f"    skos:prefLabel {literal('Article ' + number + ': ' + _short(headline, 100))} ;"
        )
        out.append(f"    schema:headline {literal(headline)} ;")
        out.append(f"    kg:corpusFile {literal(self.corpus_file)}" + (" ;" if mentioned else " ."))
        if mentioned:
            shown = ", ".join(_short_iri(i) for i in mentioned)
            out.append(f"    schema:mentions {shown} .")
        out.append("")
        out.append(
            "# ------------------------------------------------------------------ known entities"
        )
        out.append("")
        by_iri: dict[str, list[Link]] = {}
        for link in self.links:
            by_iri.setdefault(link.iri, []).append(link)
        for iri in sorted(by_iri):
            links = by_iri[iri]
            entity = self.index.entities[iri]
            first = links[0]
            out.append(
                f"# REVIEW: {_short_iri(iri)} ({entity.label}) as {first.written!r} in: "
                f"{_short(first.sentence.text, 150)}"
            )
            if all(link.how == "sides" for link in links):
                out.append(
                    "# REVIEW: read as one of the governments of the article's two countries"
                )
            titled = next((link.role for link in links if link.role), None)
            if titled:
                out.append(
                    f"# REVIEW: titled {titled[0]!r}, a known position at "
                    f"{_short_iri(titled[1])}; the title alone mentions no organisation"
                )
            variants = sorted(
                {
                    link.written
                    for link in links
                    if link.how == "variant" and fold(link.written) not in map(fold, entity.names)
                }
            )
            for variant in variants:
                out.append(
                    f"# REVIEW: {variant!r} is not yet a name of {_short_iri(iri)}: "
                    "a spelling of the same entity? (else delete the line below)"
                )
                out.append(f"{_short_iri(iri)} skos:altLabel {literal(variant)} .")
        out.append("")
        if self.new:
            out.append(
                "# ------------------------------------------------------------------ new entities"
            )
            out.append("")
        for new in self.new:
            kind = {
                SCHEMA + "Person": "schema:Person",
                ORG + "Organization": "org:Organization",
                SCHEMA + "Place": "schema:Place",
            }[new.kind]
            out.append(
                f"# REVIEW: a new {kind.split(':')[1].lower()}? {new.label!r}; check the IRI, "
                "class and label, or delete."
            )
            if new.weak:
                out.append(
                    "# REVIEW: or is it a known entity? "
                    + ", ".join(
                        f"{_short_iri(i)} ({self.index.entities[i].label})" for i in new.weak
                    )
                )
            out.append(f"{_short_iri(new.iri)} a {kind} ;")
            out.append(f"    skos:prefLabel {literal(new.label)} ;")
            out.append(f"    kg:evidence {literal(new.sentence.text)} .")
            out.append("")
        if self.facts or self.comments:
            out.append(
                "# ------------------------------------------------------------------ dates and figures"
            )
            out.append("")
        out.extend(self.comments)
        if self.comments:
            out.append("")
        for fact in self.facts:
            out.append(f"# REVIEW: {fact.review}")
            out.extend(_short_iris(line) for line in fact.lines)
            out.append("")
        return "\n".join(out).rstrip("\n") + "\n"


def _is_named(classes: list[str]) -> bool:
    return _is_named_iri_classes(classes)


#: "The two sides", "both governments": the parties of talks between two countries.
_TWO_SIDES = re.compile(r"\b(?:[Tt]he two|[Bb]oth) (?:sides|governments)\b")
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


def _singular(key: str) -> str:
    """A folded name with its long words' plural ``s`` dropped.

    Example:
        >>> _singular("ministry of information and communications")
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


def _short(text: str, size: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= size else text[: size - 3].rstrip() + "..."


def _short_iri(iri: str) -> str:
    local = iri[len(KGR) :] if iri.startswith(KGR) else ""
    if local and re.fullmatch(r"[\w][\w.-]*[\w-]|\w", local):
        return f"kgr:{local}"
    return f"<{iri}>"


def _short_iris(line: str) -> str:
    return re.sub(r"<(" + re.escape(KGR) + r"[^>]*)>", lambda m: _short_iri(m.group(1)), line)


def _counts(text: str) -> list[re.Match[str]]:
    """The counts of a sentence (:data:`_COUNT`): the noun and the words describing it
    are no function words, and the noun is not a span of time.

    Example:
        >>> [m.group(0) for m in _counts("It signed 22 cooperation documents in 10 years.")]
        ['22 cooperation documents']
        >>> [m.group(0) for m in _counts("Some 20 of the projects, nearly 450,000 people")]
        ['nearly 450,000 people']
    """
    found: list[re.Match[str]] = []
    pos = 0
    while (match := _COUNT.search(text, pos)) is not None:
        words = (match.group(5) or "").split()
        noun = match.group(6)
        if (
            any(w.lower() in _FUNCTION_WORDS for w in words)
            or noun in _FUNCTION_WORDS
            or noun.split("-")[-1] in _NOT_COUNTED
        ):
            pos = match.start() + 1
            continue
        found.append(match)
        pos = match.end()
    return found


def _is_year(number: str) -> bool:
    return "," not in number and "." not in number and 1900 <= int(number) <= 2100


def _turtle_number(value: Decimal) -> str:
    """A number as Turtle: an integer as written, else a canonical ``xsd:decimal``.

    Example:
        >>> _turtle_number(Decimal("2000000")), _turtle_number(Decimal("67.5"))
        ('2000000', '"67.5"^^xsd:decimal')
    """
    number = _decimal(value)
    return f'"{number}"^^xsd:decimal' if "." in number else number


def _date_value(match: re.Match[str], kind: str) -> tuple[str, str]:
    """The lexical value and XSD datatype of a date found by one of :data:`_DATES`."""
    g = match.groups()
    if kind == "mdy":
        return f"{g[2]}-{MONTHS[g[0].lower()]:02d}-{int(g[1]):02d}", "date"
    if kind == "dmy":
        return f"{g[2]}-{MONTHS[g[1].lower()]:02d}-{int(g[0]):02d}", "date"
    if kind == "iso":
        return f"{g[0]}-{g[1]}-{g[2]}", "date"
    if kind == "my":
        return f"{g[1]}-{MONTHS[g[0].lower()]:02d}", "gYearMonth"
    if kind == "md":
        return f"--{MONTHS[g[0].lower()]:02d}-{int(g[1]):02d}", "gMonthDay"
    if kind == "dm":
        return f"--{MONTHS[g[1].lower()]:02d}-{int(g[0]):02d}", "gMonthDay"
    if kind == "m":
        return f"--{MONTHS[g[0].lower()]:02d}", "gMonth"
    return g[0], "gYear"


def article_id(file_name: str) -> str:
    """The article's IRI local name from its file name: ``005_<id>.txt`` gives ``article-005``.

    Example:
        >>> article_id("005_9f2c1e.txt"), article_id("Osaka visit.txt")
        ('article-005', 'article-osaka-visit')
    """
    stem = file_name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    number = re.match(r"(\d+)_", stem)
    return f"article-{number.group(1)}" if number else f"article-{slug(stem)}"


def known_positions(dataset: KGDataset) -> dict[str, list[tuple[str, str]]]:
    """Each person's known positions as ``(role label, organisation IRI)``, sorted."""
    rows = dataset.query(
        "SELECT DISTINCT ?p ?role ?o WHERE { ?m org:member ?p ; org:organization ?o ; "
        "org:role/skos:prefLabel ?role }"
    )
    found: dict[str, list[tuple[str, str]]] = {}
    for row in rows:
        found.setdefault(row[0].value, []).append((row[1].value, row[2].value))
    return {person: sorted(set(items)) for person, items in found.items()}


def draft_article(
    text: str,
    corpus_file: str,
    index: EntityIndex,
    article: str | None = None,
    positions: dict[str, list[tuple[str, str]]] | None = None,
) -> str:
    """The draft Turtle of an article's text (see the module's description).

    ``positions`` (from :func:`known_positions`): a role written before a known
    person's name ("Prime Minister ...") that is one of the person's known
    positions is noted in the person's review comment; the title links only the
    person, never the organisation.
    """
    drafter = Drafter(text, corpus_file, index, article or article_id(corpus_file), positions)
    return drafter.run()
