"""Deterministic serialisations of a dataset: N-Quads and merged Turtle.

Same store content, same bytes, whatever order it was loaded in: graphs are
written in IRI order (the default graph first), and each graph's lines in
byte order. Oxigraph writes each graph as N-Triples and Python only sorts
lines, so a million quads take about a second and little memory beyond the
store. Blank node labels are already stable (see :mod:`kg.data.parsing`).

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

from collections.abc import Callable, Iterable, Iterator
from typing import BinaryIO, TypeAlias

import pyoxigraph as ox

from kg.data.namespaces import PREFIXES

_END = b" .\n"

Graph: TypeAlias = ox.NamedNode | ox.BlankNode | ox.DefaultGraph


def graph_order(graph: Graph) -> str:
    """The sort key of graphs in the files written: the default graph, then by IRI.

    Example:
        >>> graph_order(ox.DefaultGraph()) < graph_order(ox.NamedNode("urn:a"))
        True
    """
    return "" if isinstance(graph, ox.DefaultGraph) else str(graph)


def _graphs(store: ox.Store) -> list[Graph]:
    named = sorted(store.named_graphs(), key=graph_order)
    return [ox.DefaultGraph(), *named]


def _sorted_lines(store: ox.Store, graph: Graph) -> list[bytes]:
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
    graphs: Iterable[Graph] | None = None,
) -> tuple[int, int]:
    """Write :func:`write_nquads` and :func:`write_turtle` in one pass over the store.

    Each graph is dumped and sorted once for both files. ``graphs`` gives the
    graphs to write, in the order of :func:`graph_order` (all of the store's
    when None); it may be a generator that waits for each graph to be loaded,
    so writing overlaps loading. ``should_stop`` is asked before each graph;
    when it says so, :class:`Cancelled` is raised. Returns the number of quads
    and of distinct triples written.
    """
    first = FirstSeen(store)
    counts = [0, 0]

    def triples() -> Iterator[ox.Triple]:
        for graph in _graphs(store) if graphs is None else graphs:
            if should_stop is not None and should_stop():
                raise Cancelled
            lines = _sorted_lines(store, graph)
            if not lines:
                continue
            if nquads is not None:
                counts[0] += _write_graph(nquads, graph, lines)
            fresh = first.fresh(graph, lines)
            if fresh:
                counts[1] += len(fresh)
                for quad in ox.parse(_END.join(fresh) + _END, ox.RdfFormat.N_TRIPLES):
                    yield quad.triple

    ox.serialize(triples(), turtle, ox.RdfFormat.TURTLE, prefixes=prefixes or PREFIXES)
    return counts[0], counts[1]


class FirstSeen:
    """Which lines of each graph, taken in write order, no earlier graph holds.

    A set of line hashes proves most lines new at a few bytes each; a line whose
    hash was seen before is looked up in the store, so a hash collision
    never drops a triple.
    """

    def __init__(self, store: ox.Store, key: Callable[[bytes], int] = hash) -> None:
        self._store = store
        self._key = key
        self._hashes: set[int] = set()
        self._done: set[Graph] = set()

    def fresh(self, graph: Graph, lines: list[bytes]) -> list[bytes]:
        hashes = set(map(self._key, lines))
        clashes = hashes & self._hashes
        self._hashes |= hashes
        fresh = lines
        if clashes:
            candidates = [line for line in lines if self._key(line) in clashes]
            seen = self._written_before(candidates)
            fresh = [line for line in lines if line not in seen]
        self._done.add(graph)
        return fresh

    def _written_before(self, lines: list[bytes]) -> set[bytes]:
        """Those of ``lines`` that a graph already written holds (parsed in one go)."""
        parsed = ox.parse(_END.join(lines) + _END, ox.RdfFormat.N_TRIPLES)
        done = self._done
        return {
            line
            for line, quad in zip(lines, parsed, strict=True)
            if any(
                other.graph_name in done
                for other in self._store.quads_for_pattern(
                    quad.subject, quad.predicate, quad.object
                )
            )
        }


def _sorted_graphs(store: ox.Store) -> Iterator[tuple[Graph, list[bytes]]]:
    for graph in _graphs(store):
        lines = _sorted_lines(store, graph)
        if lines:
            yield graph, lines


def _write_graph(out: BinaryIO, graph: Graph, lines: list[bytes]) -> int:
    end = _END if isinstance(graph, ox.DefaultGraph) else f" {graph} .\n".encode()
    out.write(end.join(lines) + end)
    return len(lines)
