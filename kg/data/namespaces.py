"""Namespaces: kg's own and the well-known vocabularies kg accepts without declaration.

Example:
    >>> KG + "Event"
    'https://kg.example.org/ontology#Event'
    >>> PREFIXES["skos"]
    'http://www.w3.org/2004/02/skos/core#'
"""

from __future__ import annotations

PREFIXES: dict[str, str] = {
    "dcterms": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "kg": "https://kg.example.org/ontology#",
    "kgr": "https://kg.example.org/id/",
    "org": "http://www.w3.org/ns/org#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "prov": "http://www.w3.org/ns/prov#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "schema": "https://schema.org/",
    "sh": "http://www.w3.org/ns/shacl#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "time": "http://www.w3.org/2006/time#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
"""Prefixes bound in every output and pre-bound in queries, sorted by prefix."""

KG = PREFIXES["kg"]
"""kg's ontology: classes and properties not covered by a standard vocabulary."""

KGR = PREFIXES["kgr"]
"""Resources of the shipped graph: people, organisations, events, articles."""


def shorten(iri: str, prefixes: dict[str, str] | None = None) -> str:
    """Write an IRI as a prefixed name when a prefix fits, else as ``<iri>``.

    Example:
        >>> shorten("http://www.w3.org/2000/01/rdf-schema#label")
        'rdfs:label'
        >>> shorten("http://other.example/x")
        '<http://other.example/x>'
    """
    best = ""
    best_prefix = ""
    for prefix, base in (prefixes or PREFIXES).items():
        if iri.startswith(base) and len(base) > len(best):
            local = iri[len(base) :]
            if local and all(c.isalnum() or c in "_-." for c in local):
                best, best_prefix = base, prefix
    if best:
        return f"{best_prefix}:{iri[len(best) :]}"
    return f"<{iri}>"
