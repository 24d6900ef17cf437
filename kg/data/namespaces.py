"""Namespaces: kg's own and the well-known vocabularies kg accepts without declaration.

Example:
    >>> str(KG.Event)
    'https://kg.example.org/ontology#Event'
    >>> PREFIXES["skos"]
    'http://www.w3.org/2004/02/skos/core#'
"""

from __future__ import annotations

from rdflib import Namespace
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

KG = Namespace("https://kg.example.org/ontology#")
"""kg's ontology: classes and properties not covered by a standard vocabulary."""

KGR = Namespace("https://kg.example.org/id/")
"""Resources of the shipped graph: people, organisations, events, articles."""

#: Prefixes bound in every output and pre-bound in queries, sorted by prefix.
PREFIXES: dict[str, str] = {
    "dcterms": str(DCTERMS),
    "foaf": str(FOAF),
    "kg": str(KG),
    "kgr": str(KGR),
    "org": str(ORG),
    "owl": str(OWL),
    "prov": str(PROV),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "schema": str(SDO),
    "sh": str(SH),
    "skos": str(SKOS),
    "time": str(TIME),
    "xsd": str(XSD),
}

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
