"""Duplicate entities: two IRIs that name the same thing.

Two entities whose preferred labels or aliases are equal once folded (case,
diacritics and punctuation ignored: "Nguyên Thi Bich Ngoc" = "Nguyen Thi Bich
Ngoc") are an error when they share a class, and a warning when they do not
(a country and a topic may share a name). Names that are only near-equal (the
same words in another order, or the same rough sound: "Nguyen Hui Dung" /
"Nguyen Huy Dung") are a warning. Pairs linked by ``owl:sameAs`` (one entity
under two IRIs, on purpose) or ``owl:differentFrom`` (marked distinct) are not
reported.

Only entities of the named kinds are compared (:data:`kg.authoring.lookup.NAMED_ROOTS` and their
subclasses in the ontology: people, organisations, places, concepts such as
topics and roles); two amounts or statistics may well share a label. Found by
grouping folded names in dictionaries, never by comparing every pair.
"""

from __future__ import annotations

from itertools import combinations

from kg.authoring.lookup import EntityIndex, fold, named_classes, sound
from kg.data.dataset import KGDataset
from kg.data.namespaces import shorten
from kg.problems import Problem
from kg.validation.locate import find_term

#: Shortest folded name compared for near-equality (short names collide by chance).
NEAR_MIN_LENGTH = 8

_LINKED = (
    "SELECT DISTINCT ?a ?b WHERE { ?a owl:sameAs|owl:differentFrom ?b "
    "FILTER(isIRI(?a) && isIRI(?b)) }"
)


def linked_pairs(dataset: KGDataset) -> set[frozenset[str]]:
    """Pairs of IRIs stated the same (``owl:sameAs``) or distinct (``owl:differentFrom``)."""
    return {frozenset((row[0].value, row[1].value)) for row in dataset.query(_LINKED)}


def duplicate_pairs(index: EntityIndex) -> list[tuple[str, str, str, str, str]]:
    """``(kind, iri_a, iri_b, name_a, name_b)`` for each pair of entities with equal or
    near-equal names; ``kind`` is ``"equal"`` or ``"near"``. Sorted, each pair once."""
    names: dict[str, dict[str, str]] = {}  # folded name -> iri -> the name as written
    for iri, entity in index.entities.items():
        for name in entity.names:
            key = fold(name)
            if key:
                names.setdefault(key, {}).setdefault(iri, name)
    pairs: dict[tuple[str, str], tuple[str, str, str, str, str]] = {}
    for owners in names.values():
        for a, b in combinations(sorted(owners), 2):
            pairs[(a, b)] = ("equal", a, b, owners[a], owners[b])
    near: dict[str, dict[str, str]] = {}
    for key, owners in names.items():
        if len(key) < NEAR_MIN_LENGTH or any(c.isdigit() for c in key):
            continue
        for rough in {" ".join(sorted(key.split())), "~" + sound(key)}:
            bucket = near.setdefault(rough, {})
            for iri, written in owners.items():
                bucket.setdefault(iri, written)
    for owners in near.values():
        for a, b in combinations(sorted(owners), 2):
            if (a, b) not in pairs:
                pairs[(a, b)] = ("near", a, b, owners[a], owners[b])
    return [pairs[k] for k in sorted(pairs)]


def check_duplicates(dataset: KGDataset, index: EntityIndex | None = None) -> list[Problem]:
    """Report entities that share a name (error) or nearly do (warning)."""
    if index is None:
        index = EntityIndex.from_dataset(dataset, articles=False, classes=named_classes(dataset))
    found = duplicate_pairs(index)
    if not found:
        return []
    linked = linked_pairs(dataset)
    found = [p for p in found if frozenset(p[1:3]) not in linked]
    if not found:
        return []
    wanted = sorted({iri for p in found for iri in p[1:3]})
    listed = " ".join(f"<{iri}>" for iri in wanted)
    first = dataset.first_graphs(f"VALUES ?x {{ {listed} }} ?x a ?c", "x")
    # Each pair is reported at the less used entity: most likely the newcomer.
    uses = {
        row[0].value: int(row[1].value)
        for row in dataset.query(
            f"SELECT ?x (COUNT(*) AS ?n) WHERE {{ VALUES ?x {{ {listed} }} "
            "{ ?x ?p ?o } UNION { ?s ?p ?x } } GROUP BY ?x"
        )
    }
    problems = []
    for kind, a, b, name_a, name_b in found:
        if uses.get(b, 0) > uses.get(a, 0):
            a, b, name_a, name_b = b, a, name_b, name_a
        ea, eb = index.entities[a], index.entities[b]
        shared = set(ea.classes) & set(eb.classes)
        severity = "error" if kind == "equal" and shared else "warning"
        sa, sb = shorten(a, dataset.prefixes), shorten(b, dataset.prefixes)
        if kind == "equal":
            message = f"{sb} and {sa} have the same name: {name_b!r} / {name_a!r}"
        else:
            message = f"{sb} and {sa} have near-equal names: {name_b!r} / {name_a!r}"
        if kind == "equal" and not shared:
            message += " (different classes)"
        graph = first.get(b, "")
        source = dataset.source_of_graph(graph)
        where = find_term(source.path, b) if source else None
        problems.append(
            Problem(
                "duplicates",
                message,
                file=source.display if source else graph or None,
                line=where[0] if where else None,
                column=where[1] if where else None,
                subject=sb,
                hint=f"did you mean {sa} ({ea.label})? Use one IRI, or state "
                f"{sb} owl:sameAs {sa} (the same entity) or owl:differentFrom (distinct ones)",
                group="same name" if kind == "equal" else "near-equal names",
                severity=severity,
            )
        )
    return problems
