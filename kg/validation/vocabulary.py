"""Vocabulary lint: every class and predicate used in the facts must be known.

A term is known when ``ontology/`` declares it (as a class, property or
datatype) or when it belongs to a well-known vocabulary (:data:`WELL_KNOWN`)
whose published term list contains it. Anything else, typically a typo such as
``kg:signatry``, is an error naming the file, the line, the term and the
nearest known terms.
"""

from __future__ import annotations

import difflib
from functools import lru_cache

from rdflib.namespace import (
    DCTERMS,
    FOAF,
    ORG,
    OWL,
    PROV,
    RDF,
    RDFS,
    SDO,
    SH,
    SKOS,
    TIME,
    XSD,
    DefinedNamespace,
)

from kg.data.dataset import KGDataset
from kg.data.namespaces import PREFIXES, shorten
from kg.problems import Problem
from kg.validation.locate import find_term, local_name

#: Vocabularies whose terms may be used without being declared in ``ontology/``.
#: Each maps to rdflib's closed term list, so a typo such as ``skos:prefLable``
#: is still caught.
WELL_KNOWN: dict[str, type[DefinedNamespace]] = {
    "dcterms": DCTERMS,
    "foaf": FOAF,
    "org": ORG,
    "owl": OWL,
    "prov": PROV,
    "rdf": RDF,
    "rdfs": RDFS,
    "schema": SDO,
    "sh": SH,
    "skos": SKOS,
    "time": TIME,
    "xsd": XSD,
}


def vocabulary_terms(vocabulary: type[DefinedNamespace]) -> frozenset[str]:
    """Return the full IRIs of every term rdflib knows in a well-known vocabulary.

    Example:
        >>> "http://www.w3.org/2004/02/skos/core#prefLabel" in vocabulary_terms(SKOS)
        True
        >>> "http://www.w3.org/2004/02/skos/core#prefLable" in vocabulary_terms(SKOS)
        False
    """
    base = str(vocabulary._NS)
    names = set(getattr(vocabulary, "__annotations__", {})) | set(
        getattr(vocabulary, "_extras", [])
    )
    return frozenset(base + name for name in names if not name.startswith("_"))


#: Types that declare a term when ``ontology/`` gives them to it.
DECLARING_TYPES = (
    "http://www.w3.org/2002/07/owl#Class",
    "http://www.w3.org/2000/01/rdf-schema#Class",
    "http://www.w3.org/2000/01/rdf-schema#Datatype",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#Property",
    "http://www.w3.org/2002/07/owl#ObjectProperty",
    "http://www.w3.org/2002/07/owl#DatatypeProperty",
    "http://www.w3.org/2002/07/owl#AnnotationProperty",
    "http://www.w3.org/2002/07/owl#FunctionalProperty",
    "http://www.w3.org/2002/07/owl#TransitiveProperty",
    "http://www.w3.org/2002/07/owl#SymmetricProperty",
)


@lru_cache(maxsize=1)
def _well_known() -> dict[str, frozenset[str]]:
    return {str(ns._NS): vocabulary_terms(ns) for ns in WELL_KNOWN.values()}


def declared_terms(dataset: KGDataset) -> set[str]:
    """IRIs that the ontology graphs declare as classes, properties or datatypes."""
    graphs = dataset.graphs("ontology")
    if not graphs:
        return set()
    types = " ".join(f"<{t}>" for t in DECLARING_TYPES)
    rows = dataset.query(
        "SELECT DISTINCT ?t WHERE { { VALUES ?k { " + types + " } ?t a ?k } "
        "UNION { ?t rdfs:subClassOf|rdfs:subPropertyOf ?x } FILTER isIRI(?t) }",
        graphs,
    )
    return {row["t"].value for row in rows}


#: A class or predicate ``?term`` used by a statement.
_USE = "{ ?s ?term ?o } UNION { ?s a ?term FILTER isIRI(?term) }"


def used_terms(dataset: KGDataset) -> set[str]:
    """Classes and predicates used in the facts."""
    rows = dataset.query(f"SELECT DISTINCT ?term WHERE {{ {dataset.in_facts(_USE)} }}")
    return {row[0].value for row in rows}


def check_vocabulary(dataset: KGDataset) -> list[Problem]:
    """Report every class or predicate in the facts that is neither declared nor well known."""
    declared = declared_terms(dataset)
    known = _well_known()
    unknown: dict[str, str | None] = {}  # each term with the well-known vocabulary it is in
    for term in used_terms(dataset) - declared:
        vocabulary = next((base for base in known if term.startswith(base)), None)
        if vocabulary is None or term not in known[vocabulary]:
            unknown[term] = vocabulary
    if not unknown:
        return []
    # Where each is first used is looked up only for the unknown terms.
    listed = " ".join(f"<{term}>" for term in unknown)
    first = dataset.first_graphs(f"VALUES ?term {{ {listed} }} {_USE}", "term")
    problems = []
    for term, graph in sorted(first.items(), key=lambda kv: (kv[1], kv[0])):
        vocabulary = unknown[term]
        candidates = set(declared)
        if vocabulary is not None:
            candidates |= known[vocabulary]
            prefix = next((p for p, base in PREFIXES.items() if base == vocabulary), vocabulary)
            where = f"the {prefix} vocabulary has no term {local_name(term)!r}"
        else:
            where = "it is not declared in the ontology"
        close = _nearest(term, candidates)
        source = dataset.source_of_graph(graph)
        line = column = None
        if source is not None:
            found = find_term(source.path, term)
            if found:
                line, column = found
        hint = (
            "did you mean " + " or ".join(shorten(c, dataset.prefixes) for c in close) + "?"
            if close
            else "declare it in the ontology or use a declared term"
        )
        problems.append(
            Problem(
                "vocabulary",
                f"unknown term {shorten(term, dataset.prefixes)}: {where}",
                file=source.display if source else graph,
                line=line,
                column=column,
                subject=shorten(term, dataset.prefixes),
                hint=hint,
                group="unknown term",
            )
        )
    return problems


def _nearest(term: str, candidates: set[str], n: int = 3) -> list[str]:
    """The candidates whose local names are closest to the term's local name.

    Classes are suggested for a class and properties for a property, told apart
    by the usual spelling (``Class``, ``property``).

    Example:
        >>> _nearest("http://x/signatry", {"http://x/signatory", "http://x/Seminar"})
        ['http://x/signatory']
    """
    wanted_upper = local_name(term)[:1].isupper()
    same_kind = {c for c in candidates if local_name(c)[:1].isupper() == wanted_upper}
    by_name: dict[str, list[str]] = {}
    for c in same_kind or candidates:
        by_name.setdefault(local_name(c).lower(), []).append(c)
    names = difflib.get_close_matches(local_name(term).lower(), list(by_name), n=n, cutoff=0.6)
    same_base = term[: len(term) - len(local_name(term))]
    result: list[str] = []
    for name in names:
        # Prefer a candidate in the same namespace as the misspelt term.
        result.extend(sorted(by_name[name], key=lambda c: (not c.startswith(same_base), c)))
    return result[:n]
