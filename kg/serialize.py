"""Deterministic serialisations of a dataset: N-Quads and merged Turtle.

Same store content, same bytes, whatever order it was loaded in: graphs are
written in IRI order (the default graph first), and each graph's lines in
byte order. Oxigraph writes each graph as N-Triples and Python only sorts
lines, so a million quads take about a second and little memory beyond the
store. Blank node labels are already stable (see :mod:`kg.parsing`).

Example:
    >>> import io
    >>> store = ox.Store()
    >>> for s, g in (("b", "urn:g2"), ("a", "urn:g2"), ("a", "urn:g1")):
    ...     store.add(ox.Quad(ox.NamedNode(f"http://e/{s}"), ox.NamedNode("http://e/p"),
    ...                       ox.Literal("x"), ox.NamedNode(g)))
    >>> out = io.BytesIO()
    >>> write_nquads(store, out)
    3
    >>> print(out.getvalue().decode(), end="")
    <http://e/a> <http://e/p> "x" <urn:g1> .
    <http://e/a> <http://e/p> "x" <urn:g2> .
    <http://e/b> <http://e/p> "x" <urn:g2> .
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from typing import BinaryIO

import pyoxigraph as ox

from kg.namespaces import PREFIXES

_END = b" .\n"


def _graphs(store: ox.Store) -> list[ox.NamedNode | ox.BlankNode | ox.DefaultGraph]:
    named = sorted(store.named_graphs(), key=str)
    return [ox.DefaultGraph(), *named]


def _sorted_lines(
    store: ox.Store, graph: ox.NamedNode | ox.BlankNode | ox.DefaultGraph
) -> list[bytes]:
    """The graph's triples as N-Triples lines without their final `` .``, sorted.

    N-Triples escapes line breaks inside literals, so `` .\\n`` only ends lines.
    """
    data = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=graph) or b""
    lines = data.split(_END)
    lines.pop()  # what follows the last line's end: nothing
    lines.sort()
    return lines


def write_nquads(store: ox.Store, out: BinaryIO) -> int:
    """Write every quad as N-Quads, graph by graph, each sorted; return the number written."""
    count = 0
    for graph in _graphs(store):
        lines = _sorted_lines(store, graph)
        if not lines:
            continue
        end = _END if isinstance(graph, ox.DefaultGraph) else f" {graph} .\n".encode()
        out.write(end.join(lines) + end)
        count += len(lines)
    return count


def write_turtle(store: ox.Store, out: BinaryIO, prefixes: dict[str, str] | None = None) -> int:
    """Write the union of all graphs as one Turtle document; return the triple count.

    A triple stated in several graphs is written once, where it first appears
    (graphs in IRI order); each graph's triples are sorted, so a subject's
    statements from one file stay together.
    """
    seen: set[bytes] = set()
    count = 0

    def triples() -> Iterator[ox.Triple]:
        nonlocal count
        for graph in _graphs(store):
            fresh = []
            for line in _sorted_lines(store, graph):
                digest = hashlib.blake2b(line, digest_size=16).digest()
                if digest not in seen:
                    seen.add(digest)
                    fresh.append(line)
            if fresh:
                count += len(fresh)
                for quad in ox.parse(_END.join(fresh) + _END, ox.RdfFormat.N_TRIPLES):
                    yield quad.triple

    ox.serialize(triples(), out, ox.RdfFormat.TURTLE, prefixes=prefixes or PREFIXES)
    return count
