"""Looking entities up by name: case-, diacritic- and typo-tolerant.

Every entity of the facts (an IRI with an ``rdf:type``) is indexed under its
preferred label, its other labels and aliases (``skos:altLabel`` and the other
naming predicates) and its IRI's local name. A name is *folded* before it is
compared (:func:`fold`): transliterated to ASCII, lower-cased, punctuation
made spaces. Candidates are scored 0-100 by rapidfuzz on the folded names and
on a rough sound key (:func:`sound`) that makes the spellings of Vietnamese
names in English news ("Fam Min Chin", "Pham Minh Chinh") meet.

Used by ``kg find``, ``kg draft``, ``kg query --bind`` and the duplicate and
dangling-reference checks of ``kg validate``. Depends only on :mod:`kg.data`.

Example:
    >>> fold("Nguyễn Thị Bích Ngọc")
    'nguyen thi bich ngoc'
    >>> index = EntityIndex.from_names({"http://x/pmc": ("Pham Minh Chinh", ["PM Chinh"])})
    >>> [(m.iri, m.score) for m in index.find("Fam Min Chin")]
    [('http://x/pmc', 95.0)]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from anyascii import anyascii
from rapidfuzz import fuzz, process

from kg.data.labels import LABEL_PREDICATES
from kg.data.namespaces import PREFIXES

if TYPE_CHECKING:
    from kg.data.dataset import KGDataset

#: Predicates whose values are names of an entity: the label predicates and aliases.
NAME_PREDICATES: tuple[str, ...] = (
    *LABEL_PREDICATES,
    PREFIXES["skos"] + "altLabel",
    PREFIXES["skos"] + "hiddenLabel",
)

#: Classes whose members are named things (with their subclasses): a name should say which.
NAMED_ROOTS: tuple[str, ...] = (
    "https://schema.org/Person",
    "https://schema.org/Organization",
    "https://schema.org/Place",
    "http://www.w3.org/ns/org#Organization",
    "http://www.w3.org/2004/02/skos/core#Concept",
    "http://xmlns.com/foaf/0.1/Person",
    "http://xmlns.com/foaf/0.1/Organization",
)

_NON_WORD = re.compile(r"[^0-9a-z]+")


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """A name folded for comparison: ASCII, lower case, words separated by one space.

    Example:
        >>> fold("  Nguyên Thi-Bich  NGOC ")
        'nguyen thi bich ngoc'
        >>> fold("Ministry of Economy, Trade and Industry (Japan)")
        'ministry of economy trade and industry japan'
    """
    return _NON_WORD.sub(" ", anyascii(text).casefold()).strip()


def sound(folded: str) -> str:
    """A rough sound key of a folded name: ``ph`` as ``f``, ``y`` as ``i``, no ``h``, no double letters.

    Example:
        >>> sound("pham minh chinh") == sound("fam min chin")
        True
        >>> sound("nguyen huy dung") == sound("nguyen hui dung")
        True
    """
    key = folded.replace("ph", "f").replace("y", "i").replace("h", "")
    return re.sub(r"(.)\1+", r"\1", key)


def similarity(a: str, b: str) -> float:
    """How alike two folded names are, 0-100: the better of whole-name similarity and
    shared words, the latter less for each word one name has beyond the other.

    Example:
        >>> similarity("kishida", "kishida fumio")
        95.0
        >>> similarity("kishida", "kishida fumio prime minister of japan") < 80
        True
    """
    whole = max(fuzz.ratio(a, b), fuzz.token_sort_ratio(a, b))
    extra = abs(len(a.split()) - len(b.split()))
    shared = fuzz.token_set_ratio(a, b) * 0.95**extra
    return round(max(whole, shared), 1)


def local_name(iri: str) -> str:
    """The part of an IRI after its last ``#`` or ``/``.

    Example:
        >>> local_name("https://kg.example.org/id/pham-minh-chinh")
        'pham-minh-chinh'
    """
    return re.split(r"[#/]", iri)[-1]


@dataclass
class Entity:
    """An entity of the graph and the names it goes by."""

    iri: str
    label: str
    aliases: list[str] = field(default_factory=list)
    classes: list[str] = field(default_factory=list)
    articles: list[str] = field(default_factory=list)

    @property
    def names(self) -> list[str]:
        """The preferred label, then the aliases."""
        return [self.label, *self.aliases]


@dataclass(frozen=True)
class Match:
    """An entity found for a name, with its score (0-100) and the name that matched."""

    iri: str
    score: float
    matched: str
    entity: Entity


class EntityIndex:
    """The entities of a graph by folded name, for fuzzy look-up."""

    def __init__(self, entities: dict[str, Entity]) -> None:
        self.entities = entities
        self._by_folded: dict[str, set[str]] | None = None
        self._choices: list[str] = []
        self._sounds: list[str] = []
        self._owners: list[list[tuple[str, str]]] = []

    @property
    def by_folded(self) -> dict[str, set[str]]:
        """IRIs by folded name (labels, aliases, IRI local names); built on first use."""
        if self._by_folded is None:
            self._build()
        assert self._by_folded is not None
        return self._by_folded

    def _build(self) -> None:
        self._by_folded = {}
        slot: dict[str, int] = {}
        for iri in sorted(self.entities):
            entity = self.entities[iri]
            written = [*entity.names, local_name(iri).replace("-", " ").replace("_", " ")]
            for name in written:
                key = fold(name)
                if not key:
                    continue
                self._by_folded.setdefault(key, set()).add(iri)
                if key not in slot:
                    slot[key] = len(self._choices)
                    self._choices.append(key)
                    self._sounds.append(sound(key))
                    self._owners.append([])
                self._owners[slot[key]].append((iri, name))

    @classmethod
    def from_names(cls, names: dict[str, tuple[str, list[str]]]) -> EntityIndex:
        """An index of ``{iri: (label, aliases)}`` (for tests and small uses)."""
        return cls(
            {iri: Entity(iri, label, list(aliases)) for iri, (label, aliases) in names.items()}
        )

    @classmethod
    def from_dataset(
        cls, dataset: KGDataset, articles: bool = True, classes: set[str] | None = None
    ) -> EntityIndex:
        """Index every typed IRI of the facts that has a label (of ``classes`` only, when given).

        Two queries over the facts (typed IRIs, and names), each returning
        distinct rows; the articles that ``schema:mentions`` each entity are
        added when ``articles`` is true.
        """
        entities: dict[str, Entity] = {}
        if not dataset.graphs("triples"):
            return cls(entities)
        wanted = (
            f"VALUES ?c {{ {' '.join(f'<{c}>' for c in sorted(classes))} }} " if classes else ""
        )
        typed: dict[str, list[str]] = {}
        rows = dataset.query(
            "SELECT DISTINCT ?e ?c WHERE { "
            + dataset.in_facts(f"{wanted}?e a ?c FILTER(isIRI(?e) && isIRI(?c))")
            + " }"
        )
        for row in rows:
            typed.setdefault(row[0].value, []).append(row[1].value)
        if classes is not None and not classes:
            typed = {}
        preds = " ".join(f"<{p}>" for p in NAME_PREDICATES)
        # Only the names of the wanted entities are read (at a million triples
        # most labels are of events and statements, not of named things).
        of_class = f"{wanted}GRAPH ?h {{ ?e a ?c }} " if classes else ""
        rows = dataset.query(
            f"SELECT DISTINCT ?e ?p ?l WHERE {{ {of_class}"
            + dataset.in_facts(
                f"VALUES ?p {{ {preds} }} ?e ?p ?l FILTER(isIRI(?e) && isLiteral(?l))"
            )
            + " }"
        )
        rank = {p: i for i, p in enumerate(NAME_PREDICATES)}
        found: dict[str, list[tuple[int, int, str]]] = {}
        for row in rows:
            iri = row[0].value
            if iri not in typed:
                continue
            lit = row[2]
            lang = lit.language or ""
            lang_rank = 0 if lang in ("", "en") or lang.startswith("en-") else 1
            found.setdefault(iri, []).append((rank[row[1].value], lang_rank, lit.value))
        for iri, names in found.items():
            names.sort()
            label = names[0][2]
            aliases = sorted({n for _r, _l, n in names[1:] if n != label})
            entities[iri] = Entity(iri, label, aliases, sorted(typed[iri]))
        if articles:
            rows = dataset.query(
                "SELECT DISTINCT ?e ?a WHERE { "
                + dataset.in_facts("?a a schema:NewsArticle ; schema:mentions ?e")
                + " }"
            )
            for row in rows:
                entity = entities.get(row[0].value)
                if entity is not None:
                    entity.articles.append(row[1].value)
            for entity in entities.values():
                entity.articles.sort()
        return cls(entities)

    def exact(self, name: str) -> list[str]:
        """IRIs with a name equal to ``name`` after folding, sorted."""
        return sorted(self.by_folded.get(fold(name), ()))

    def find(self, name: str, limit: int = 5, cutoff: float = 70.0) -> list[Match]:
        """The entities best matching ``name``, best first (ties by label and IRI).

        A full IRI or its local name matches its entity with score 100; a name
        equal after folding scores 100; others score by rapidfuzz's WRatio on
        the folded names, or on their sound keys (at most 95).
        """
        if name in self.entities:
            entity = self.entities[name]
            return [Match(name, 100.0, name, entity)]
        query = fold(name)
        if not query:
            return []
        if self._by_folded is None:
            self._build()
        best: dict[str, tuple[float, str]] = {}

        def offer(index: int, score: float) -> None:
            for iri, written in self._owners[index]:
                if score > best.get(iri, (-1.0, ""))[0]:
                    best[iri] = (score, written)

        for choices, wanted, ceiling in (
            (self._choices, query, 99.0),
            (self._sounds, sound(query), 95.0),
        ):
            # WRatio (in C) picks the few plausible names, :func:`similarity` ranks them.
            for choice, _rough, index in process.extract(
                wanted, choices, scorer=fuzz.WRatio, limit=limit * 10, score_cutoff=cutoff
            ):
                if self._choices[index] == query:
                    offer(index, 100.0)
                    continue
                score = similarity(wanted, choice)
                if score >= cutoff:
                    offer(index, min(score, ceiling))
        ranked = sorted(best.items(), key=lambda kv: (-kv[1][0], self.entities[kv[0]].label, kv[0]))
        return [
            Match(iri, round(score, 1), written, self.entities[iri])
            for iri, (score, written) in ranked[:limit]
        ]


def named_classes(dataset: KGDataset) -> set[str]:
    """:data:`NAMED_ROOTS` and every class the ontology makes a subclass of one."""
    roots = " ".join(f"<{r}>" for r in NAMED_ROOTS)
    rows = dataset.query(
        f"SELECT DISTINCT ?c WHERE {{ VALUES ?root {{ {roots} }} ?c rdfs:subClassOf* ?root }}",
        dataset.graphs("ontology"),
    )
    return set(NAMED_ROOTS) | {row[0].value for row in rows}


#: kg's and the standard vocabularies' classes of named things, as written in the
#: files (without the ontology at hand): people, organisations, places.
NAMED_CLASS_NAMES: frozenset[str] = frozenset(
    {
        "https://schema.org/Person",
        "https://schema.org/Organization",
        "https://schema.org/Place",
        "https://schema.org/Country",
        "https://schema.org/City",
        "https://schema.org/Continent",
        "http://www.w3.org/ns/org#Organization",
        "http://www.w3.org/ns/org#OrganizationalUnit",
        *(
            "https://kg.example.org/ontology#" + name
            for name in (
                "Government",
                "Ministry",
                "GovernmentAgency",
                "Company",
                "PoliticalParty",
                "InternationalOrganization",
                "WorkingGroup",
                "MediaOrganization",
            )
        ),
    }
)


def _is_named_iri_classes(classes: list[str]) -> bool:
    """True when one of ``classes`` is a class of named things (:data:`NAMED_CLASS_NAMES`).

    Example:
        >>> _is_named_iri_classes(["https://kg.example.org/ontology#Ministry"])
        True
    """
    return any(c in NAMED_CLASS_NAMES for c in classes)
