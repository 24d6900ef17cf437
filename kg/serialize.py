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

from collections.abc import Callable, Iterator
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
    for graph, lines in _sorted_graphs(store):
        count += _write_graph(out, graph, lines)
    return count


def write_turtle(store: ox.Store, out: BinaryIO, prefixes: dict[str, str] | None = None) -> int:
    """Write the union of all graphs as one Turtle document; return the triple count.

    A triple stated in several graphs is written once, where it first appears
    (graphs in IRI order); each graph's triples are sorted, so a subject's
    statements from one file stay together.
    """
    return write_both(store, None, out, prefixes)[1]


class Cancelled(Exception):
    """Writing stopped because the caller asked it to (see ``should_stop``)."""


def write_both(
    store: ox.Store,
    nquads: BinaryIO | None,
    turtle: BinaryIO,
    prefixes: dict[str, str] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> tuple[int, int]:
    """Write :func:`write_nquads` and :func:`write_turtle` in one pass over the store.

    Each graph is dumped and sorted once for both files. Only the triples that
    are in more than one graph (found by one query) are remembered to write
    them once, so memory stays near the store's own. ``should_stop`` is asked
    before each graph; when it says so, :class:`Cancelled` is raised.
    Returns the number of quads and of distinct triples written.
    """
    shared = _shared_lines(store)
    written: set[bytes] = set()
    counts = [0, 0]

    def triples() -> Iterator[ox.Triple]:
        for graph, lines in _sorted_graphs(store):
            if should_stop is not None and should_stop():
                raise Cancelled
            if nquads is not None:
                counts[0] += _write_graph(nquads, graph, lines)
            fresh = lines
            if shared:
                fresh = [line for line in lines if line not in shared or line not in written]
                written.update(line for line in fresh if line in shared)
            if fresh:
                counts[1] += len(fresh)
                for quad in ox.parse(_END.join(fresh) + _END, ox.RdfFormat.N_TRIPLES):
                    yield quad.triple

    ox.serialize(triples(), turtle, ox.RdfFormat.TURTLE, prefixes=prefixes or PREFIXES)
    return counts[0], counts[1]


def _shared_lines(store: ox.Store) -> set[bytes]:
    """The N-Triples lines (as :func:`_sorted_lines` gives them) of triples in several graphs."""
    shared = ox.Store()
    rows = store.query(
        "SELECT DISTINCT ?s ?p ?o WHERE { "
        "{ GRAPH ?a { ?s ?p ?o } GRAPH ?b { ?s ?p ?o } FILTER(!sameTerm(?a, ?b)) } "
        "UNION { ?s ?p ?o GRAPH ?b { ?s ?p ?o } } }"
    )
    shared.bulk_extend(ox.Quad(s, p, o) for s, p, o in rows)
    return set(_sorted_lines(shared, ox.DefaultGraph()))


def _sorted_graphs(
    store: ox.Store,
) -> Iterator[tuple[ox.NamedNode | ox.BlankNode | ox.DefaultGraph, list[bytes]]]:
    for graph in _graphs(store):
        lines = _sorted_lines(store, graph)
        if lines:
            yield graph, lines


def _write_graph(
    out: BinaryIO, graph: ox.NamedNode | ox.BlankNode | ox.DefaultGraph, lines: list[bytes]
) -> int:
    end = _END if isinstance(graph, ox.DefaultGraph) else f" {graph} .\n".encode()
    out.write(end.join(lines) + end)
    return len(lines)
