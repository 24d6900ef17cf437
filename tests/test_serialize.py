"""N-Quads and merged Turtle writing: each triple once, graphs sorted, stoppable."""

from __future__ import annotations

import io

import pyoxigraph as ox
import pytest

from kg.pipeline.serialize import Cancelled, FirstSeen, write_both, write_nquads, write_turtle

EX = "http://ex.org/"


def _store() -> ox.Store:
    store = ox.Store()
    shared = (ox.NamedNode(EX + "a"), ox.NamedNode(EX + "p"), ox.Literal("shared"))
    for graph in (ox.NamedNode("urn:g2"), ox.NamedNode("urn:g1"), ox.DefaultGraph()):
        store.add(ox.Quad(*shared, graph))
    store.add(ox.Quad(ox.NamedNode(EX + "b"), ox.NamedNode(EX + "p"), ox.Literal("own"),
                      ox.NamedNode("urn:g2")))  # fmt: skip
    return store


def test_a_triple_in_several_graphs_is_one_turtle_triple_and_every_quad_is_kept():
    nquads, turtle = io.BytesIO(), io.BytesIO()
    assert write_both(_store(), nquads, turtle, {"ex": EX}) == (4, 2)
    assert nquads.getvalue().decode().splitlines() == [
        '<http://ex.org/a> <http://ex.org/p> "shared" .',
        '<http://ex.org/a> <http://ex.org/p> "shared" <urn:g1> .',
        '<http://ex.org/a> <http://ex.org/p> "shared" <urn:g2> .',
        '<http://ex.org/b> <http://ex.org/p> "own" <urn:g2> .',
    ]
    text = turtle.getvalue().decode()
    assert text.count('"shared"') == 1 and text.count('"own"') == 1
    parsed = {(t.subject.value, t.object.value) for t in ox.parse(text, ox.RdfFormat.TURTLE)}
    assert parsed == {(EX + "a", "shared"), (EX + "b", "own")}


def test_the_one_pass_writer_gives_the_same_bytes_as_the_separate_ones():
    nquads, turtle = io.BytesIO(), io.BytesIO()
    write_both(_store(), nquads, turtle)
    alone_nq, alone_ttl = io.BytesIO(), io.BytesIO()
    assert write_nquads(_store(), alone_nq) == 4
    assert write_turtle(_store(), alone_ttl) == 2
    assert (nquads.getvalue(), turtle.getvalue()) == (alone_nq.getvalue(), alone_ttl.getvalue())


def test_writing_stops_when_asked():
    asked = []

    def stop() -> bool:
        asked.append(True)
        return len(asked) > 1  # after the first graph

    nquads = io.BytesIO()
    with pytest.raises(Cancelled):
        write_both(_store(), nquads, io.BytesIO(), should_stop=stop)
    assert nquads.getvalue().decode().count("\n") == 1  # the default graph only


def test_lines_whose_hashes_clash_are_checked_in_the_store():
    store = _store()
    first = FirstSeen(store, key=lambda line: 0)  # every line clashes with every other
    lines = {g: [line.rsplit(b" .\n", 1)[0] for line in _dump(store, g)] for g in _GRAPHS}
    fresh = [line for g in _GRAPHS for line in first.fresh(g, lines[g])]
    assert fresh == [
        b'<http://ex.org/a> <http://ex.org/p> "shared"',
        b'<http://ex.org/b> <http://ex.org/p> "own"',
    ]


_GRAPHS = [ox.DefaultGraph(), ox.NamedNode("urn:g1"), ox.NamedNode("urn:g2")]


def _dump(store: ox.Store, graph: ox.NamedNode | ox.DefaultGraph) -> list[bytes]:
    data = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=graph) or b""
    return sorted(data.splitlines(keepends=True))
