"""Deterministic serialisations of a dataset: sorted N-Quads and merged Turtle.

Same store content, same bytes: quads are sorted by their N-Quads text, and
Turtle triples by subject, then ``rdf:type`` first, then predicate and object.
Blank node labels are already stable (see :mod:`kg.parsing`).
"""

from __future__ import annotations

from typing import BinaryIO

import pyoxigraph as ox

from kg.namespaces import PREFIXES

_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def write_nquads(store: ox.Store, out: BinaryIO) -> int:
    """Write every quad, sorted, as N-Quads; return the number written."""
    quads = sorted(store, key=str)
    ox.serialize(quads, out, ox.RdfFormat.N_QUADS)
    return len(quads)


def write_turtle(store: ox.Store, out: BinaryIO, prefixes: dict[str, str] | None = None) -> int:
    """Write the union of all graphs as one Turtle document; return the triple count.

    A triple stated in several graphs is written once.
    """
    triples = {quad.triple for quad in store}

    def key(t: ox.Triple) -> tuple[str, int, str, str]:
        return (str(t.subject), t.predicate.value != _RDF_TYPE, t.predicate.value, str(t.object))

    ordered = sorted(triples, key=key)
    ox.serialize(ordered, out, ox.RdfFormat.TURTLE, prefixes=prefixes or PREFIXES)
    return len(ordered)
