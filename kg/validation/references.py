"""Dangling references: an IRI of the project's own namespace that nothing defines.

An IRI in one of :data:`ENTITY_NAMESPACES` (``kgr:``) that is used in the facts,
as subject or object, but never given an ``rdf:type`` anywhere is almost always
a typo (``kgr:topic-supply-chian``) or an entity someone forgot to define: the
edge would silently vanish from stats and pages. Each is an error naming the
file and line of its first use and the nearest entities by IRI and by label.
"""

from __future__ import annotations

from kg.authoring.lookup import EntityIndex, local_name
from kg.data.dataset import KGDataset
from kg.data.namespaces import KGR, shorten
from kg.problems import Problem
from kg.validation.locate import find_term

#: Namespaces whose IRIs are the project's own entities and must be defined.
ENTITY_NAMESPACES: tuple[str, ...] = (KGR,)


def dangling(dataset: KGDataset) -> dict[str, str]:
    """Each used-but-never-typed IRI of the entity namespaces, with the first graph using it.

    Set queries (IRIs used as subject, as object, IRIs typed) and a difference
    in Python: no per-IRI ``NOT EXISTS`` (which is twice as slow on Oxigraph).
    """
    if not dataset.graphs("triples"):
        return {}
    starts = " || ".join(f'STRSTARTS(STR(?x), "{ns}")' for ns in ENTITY_NAMESPACES)
    queries = [
        "SELECT DISTINCT ?x WHERE { " + dataset.in_facts(f"?x ?p ?o FILTER({starts})") + " }",
        "SELECT DISTINCT ?x WHERE { "
        + dataset.in_facts(f"?s ?p ?x FILTER(isIRI(?x) && ({starts}))")
        + " }",
        f"SELECT DISTINCT ?x WHERE {{ ?x a ?c FILTER(isIRI(?x) && ({starts})) }}",
    ]
    subjects, objects, typed = ({row[0].value for row in dataset.query(q)} for q in queries)
    used = subjects | objects
    missing = used - typed
    if not missing:
        return {}
    listed = " ".join(f"<{iri}>" for iri in sorted(missing))
    return dataset.first_graphs(
        f"VALUES ?x {{ {listed} }} {{ ?x ?p ?o }} UNION {{ ?s ?p ?x }}", "x"
    )


def check_references(dataset: KGDataset, index: EntityIndex | None = None) -> list[Problem]:
    """Report every dangling reference, with did-you-mean by IRI and label."""
    found = dangling(dataset)
    if not found:
        return []
    index = index if index is not None else EntityIndex.from_dataset(dataset, articles=False)
    problems = []
    for iri, graph in sorted(found.items(), key=lambda kv: (kv[1], kv[0])):
        name = local_name(iri).replace("-", " ").replace("_", " ")
        close = [m.iri for m in index.find(name, limit=3, cutoff=75)]
        source = dataset.source_of_graph(graph)
        where = find_term(source.path, iri) if source else None
        short = shorten(iri, dataset.prefixes)
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
                file=source.display if source else graph,
                line=where[0] if where else None,
                column=where[1] if where else None,
                subject=short,
                hint=hint,
                group="undefined entity",
            )
        )
    return problems
