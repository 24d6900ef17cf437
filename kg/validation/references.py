"""Dangling references: an IRI of the project's own namespace that nothing defines.

An IRI in one of :data:`ENTITY_NAMESPACES` (``kgr:``) that is used in the facts,
as subject or object, but never given an ``rdf:type`` anywhere is almost always
a typo (``kgr:topic-supply-chian``) or an entity someone forgot to define: the
edge would silently vanish from stats and pages. Each is an error naming the
file and line of its first use and the nearest entities by IRI and by label.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from kg.authoring.lookup import EntityIndex, local_name
from kg.data.dataset import KGDataset
from kg.data.namespaces import KGR, shorten
from kg.problems import Problem
from kg.validation.locate import find_term

#: Namespaces whose IRIs are the project's own entities and must be defined.
ENTITY_NAMESPACES: tuple[str, ...] = (KGR,)
#: Undefined IRIs reported one by one per file; the rest are named in one more problem.
PER_FILE = 20


def _untyped(position: str) -> str:
    """Each distinct IRI in ``position`` of any quad that no quad types, in any graph.

    The union of all graphs is scanned once; each distinct IRI is then looked up
    in the ``rdf:type`` index (an ``OPTIONAL`` probe, faster on Oxigraph than
    ``NOT EXISTS``, ``MINUS`` or a set difference in Python over every subject).
    """
    pattern = "?x ?p ?o" if position == "subject" else "?s ?p ?x FILTER isIRI(?x)"
    return (
        f"SELECT ?x WHERE {{ {{ SELECT DISTINCT ?x WHERE {{ {pattern} }} }} "
        "OPTIONAL { ?x a ?c } FILTER(!BOUND(?c)) }"
    )


def dangling(dataset: KGDataset) -> dict[str, str]:
    """Each used-but-never-typed IRI of the entity namespaces, with the first graph using it.

    Two scans of the store (IRIs untyped as subject, as object), run side by
    side (Oxigraph answers without the GIL), give the few untyped IRIs of all
    graphs; those of the entity namespaces that a graph of the facts uses are
    kept, with the first such graph.
    """
    if not dataset.graphs("triples"):
        return {}
    with ThreadPoolExecutor(max_workers=2) as pool:
        found = pool.map(
            lambda q: {row[0].value for row in dataset.query(q)},
            [_untyped("subject"), _untyped("object")],
        )
        untyped = set().union(*found)
    missing = {iri for iri in untyped if iri.startswith(ENTITY_NAMESPACES)}
    if not missing:
        return {}
    listed = " ".join(f"<{iri}>" for iri in sorted(missing))
    return dataset.first_graphs(
        f"VALUES ?x {{ {listed} }} {{ ?x ?p ?o }} UNION {{ ?s ?p ?x }}", "x"
    )


def check_references(dataset: KGDataset, index: EntityIndex | None = None) -> list[Problem]:
    """Report every dangling reference, with did-you-mean by IRI and label.

    The first :data:`PER_FILE` of a file are reported one by one; the others
    are named in one more problem (a did-you-mean search each would take
    minutes when a file's whole namespace is misspelt).
    """
    found = dangling(dataset)
    if not found:
        return []
    index = index if index is not None else EntityIndex.from_dataset(dataset, articles=False)
    sources = {g: dataset.source_of_graph(g) for g in set(found.values())}
    problems = []
    listed: dict[str, int] = {}
    beyond: dict[str, list[str]] = {}
    for iri, graph in sorted(found.items(), key=lambda kv: (kv[1], kv[0])):
        source = sources[graph]
        file = source.display if source else graph
        short = shorten(iri, dataset.prefixes)
        if listed.get(file, 0) >= PER_FILE:
            beyond.setdefault(file, []).append(short)
            continue
        listed[file] = listed.get(file, 0) + 1
        name = local_name(iri).replace("-", " ").replace("_", " ")
        close = [m.iri for m in index.find(name, limit=3, cutoff=75)]
        where = find_term(source.path, iri) if source else None
        if close:
            hint = (
                "did you mean "
                + " or ".join(
                    f"{shorten(c, dataset.prefixes)} ({index.entities[c].label})" for c in close
                )
                + "?"
            )
        else:
            hint = f"define it (give {short} a type and a skos:prefLabel) or fix the IRI"
        problems.append(
            Problem(
                "references",
                f"{short} is used but never defined (no rdf:type anywhere)",
                file=file,
                line=where[0] if where else None,
                column=where[1] if where else None,
                subject=short,
                hint=hint,
                group="undefined entity",
            )
        )
    for file, rest in beyond.items():
        shown = ", ".join(rest[:PER_FILE]) + (", ..." if len(rest) > PER_FILE else "")
        problems.append(
            Problem(
                "references",
                f"{len(rest)} more IRIs are used but never defined in this file: {shown}",
                file=file,
                hint="define them (a type and a skos:prefLabel each) or fix the IRIs",
                group="undefined entity",
            )
        )
    return problems
