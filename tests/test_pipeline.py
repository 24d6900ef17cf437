"""Writing while loading: the same files as writing after loading, and no hang on failure."""

from __future__ import annotations

import threading
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.commands import main
from kg.data.sources import SourceFile
from kg.pipeline.build import LoadedGraphs, build
from kg.pipeline.serialize import Cancelled

TERMS = """\
@prefix ex: <http://ex.org/> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .

ex:knows a owl:ObjectProperty .
<http://own.example/terms/note> a owl:DatatypeProperty .
"""
# Loaded in path order (z.ttl first), written in graph IRI order (%C3%A9.ttl first).
ACCENTED = """\
@prefix ex: <http://ex.org/> .
@prefix own: <http://own.example/terms/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .

ex:carl a ex:Person ; skos:prefLabel "Carl" ; own:note "declared here only" .
ex:alice a ex:Person .
"""
LAST = """\
@prefix ex: <http://ex.org/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .

ex:dora a ex:Person ; skos:prefLabel "Dora" ; ex:knows [ skos:prefLabel "someone" ] .
ex:alice a ex:Person .
"""


def _sources(*names: str) -> list[SourceFile]:
    return [SourceFile(Path(n), n, "triples") for n in names]


def test_graphs_are_given_out_in_write_order_once_loaded():
    z, accented, a = _sources("z.ttl", "é.ttl", "a.ttl")
    feed = LoadedGraphs([z, accented, a])
    got: list[str] = []
    reader = threading.Thread(target=lambda: got.extend(g.value for g in feed))
    reader.start()
    feed.loaded(z, True)
    feed.loaded(a, True)
    reader.join(0.2)
    assert reader.is_alive() and got == []  # waits for é.ttl, which comes first
    feed.loaded(accented, True)
    reader.join(5)
    assert got == ["urn:kg:triples:%C3%A9.ttl", "urn:kg:triples:a.ttl", "urn:kg:triples:z.ttl"]


@pytest.mark.parametrize("failure", ["file failed", "loading ended"])
def test_a_graph_that_will_not_come_cancels_the_writing(failure):
    a, b = _sources("a.ttl", "b.ttl")
    feed = LoadedGraphs([a, b])
    feed.loaded(a, True)
    if failure == "file failed":
        feed.loaded(b, False)
    feed.end()
    graphs = iter(feed)
    assert next(graphs) == ox.NamedNode("urn:kg:triples:a.ttl")
    with pytest.raises(Cancelled):
        next(graphs)


def test_writing_while_loading_gives_the_files_writing_after_loading_gives(project, monkeypatch):
    project.write("ontology/terms.ttl", TERMS)
    project.write("triples/z.ttl", LAST)
    project.write("triples/é.ttl", ACCENTED)
    streamed = build(project.ontology, project.triples, project.root / "streamed")

    calls = []
    monkeypatch.setattr("kg.pipeline.build.known_before_loading", lambda sources: calls.append(1))
    after = build(project.ontology, project.triples, project.root / "after")
    assert calls, "the second build did not take the write-after-loading path"

    assert (streamed.triples, streamed.merged_triples) == (after.triples, after.merged_triples)
    for name in ("dataset.nq", "graph.ttl", "manifest.json"):
        assert (project.root / "streamed" / name).read_bytes() == (
            project.root / "after" / name
        ).read_bytes(), name
    turtle = (project.root / "streamed" / "graph.ttl").read_text()
    assert "@prefix own: <http://own.example/terms/>" in turtle and "own:note" in turtle
    # ex:alice is typed in three files: once in the merged Turtle, where it first comes.
    assert turtle.count("ex:alice a ex:Person") == 1
    assert turtle.index("ex:alice a ex:Person") < turtle.index("ex:carl")  # é.ttl's graph
    quads = list(ox.parse(path=str(project.root / "streamed" / "dataset.nq")))
    assert streamed.merged_triples == len({q.triple for q in quads}) < len(quads)
    graphs = [str(q.graph_name) for q in quads]
    assert graphs == sorted(graphs)


def test_a_broken_file_while_writing_fails_the_build_and_keeps_the_previous_one(project, runner):
    project.write("ontology/terms.ttl", TERMS)
    args = ["build", *project.args("--out", str(project.out))]
    assert runner.invoke(main, args).exit_code == 0
    before = project.snapshot()
    for n in range(30):  # the writer waits on the broken file's graph, in the middle
        project.write(f"triples/m{n:02d}.ttl", LAST.replace("dora", f"dora{n}"))
    project.write("triples/m15.ttl", "@prefix ex: <http://ex.org/> .\nex:a ex:b .\n")
    result = runner.invoke(main, args)
    assert result.exit_code == 1
    assert "triples/m15.ttl:2:" in result.stderr
    assert project.snapshot() == before
