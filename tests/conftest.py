"""Fixtures: tiny projects under tmp_path; the synthetic one reuses kg's ontology, never the shipped facts."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

ONTOLOGY = """\
@prefix ex: <http://ex.org/> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

ex:Person a owl:Class ; rdfs:label "Person" .
ex:Agreement a owl:Class ; rdfs:label "Agreement" .
ex:signatory a owl:ObjectProperty ; rdfs:label "signatory" .
ex:signedOn a owl:DatatypeProperty ; rdfs:label "signed on" .

ex:AgreementShape a sh:NodeShape ;
    sh:targetClass ex:Agreement ;
    sh:property [ sh:path ex:signedOn ; sh:datatype xsd:date ; sh:maxCount 1 ] ;
    sh:property [ sh:path ex:signatory ; sh:minCount 1 ; sh:class ex:Person ] .
"""

FACTS = """\
@prefix ex: <http://ex.org/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

ex:alice a ex:Person ;
    skos:prefLabel "Alice" ;
    skos:altLabel "Alicia" .

ex:mou a ex:Agreement ;
    skos:prefLabel "Memorandum" ;
    ex:signatory ex:alice ;
    ex:signedOn "2023-05-01"^^xsd:date .
"""

MORE_FACTS = """\
@prefix ex: <http://ex.org/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .

ex:bob a ex:Person ; skos:prefLabel "Bob" .
"""


class Project:
    """A throw-away kg project: ontology/, triples/ and out/ under one folder."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.ontology = root / "ontology"
        self.triples = root / "triples"
        self.out = root / "out"
        self.ontology.mkdir(parents=True)
        self.triples.mkdir()

    def write(self, relpath: str, text: str | bytes) -> Path:
        path = self.root / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    def args(self, *extra: str) -> list[str]:
        return [
            "--ontology",
            str(self.ontology),
            "--triples",
            str(self.triples),
            *extra,
        ]

    def snapshot(self) -> dict[str, bytes]:
        """The bytes of every file in out/, to prove a failed build left them alone."""
        if not self.out.exists():
            return {}
        return {p.name: p.read_bytes() for p in sorted(self.out.iterdir())}


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """A valid two-file project with one shape."""
    p = Project(tmp_path / "proj")
    p.write("ontology/onto.ttl", ONTOLOGY)
    p.write("triples/a.ttl", FACTS)
    p.write("triples/b.ttl", MORE_FACTS)
    return p


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


NEWS_ONTOLOGY = """\
@prefix ex: <http://ex.org/> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix schema: <https://schema.org/> .

ex:Minister a owl:Class ; rdfs:subClassOf schema:Person ; rdfs:label "Minister" .
ex:Summit a owl:Class ; rdfs:subClassOf schema:Event ; rdfs:label "Summit" .
ex:attended a owl:ObjectProperty ; rdfs:label "attended" .
ex:knows a owl:ObjectProperty ; rdfs:label "knows" .
ex:hostedBy a owl:ObjectProperty ; rdfs:label "hosted by" .
ex:year a owl:DatatypeProperty ; rdfs:label "year" .
<https://kg.example.org/ontology#corpusFile> a owl:DatatypeProperty ; rdfs:label "corpus file" .
"""

NEWS_ARTICLE = """\
@prefix ex: <http://ex.org/> .
@prefix kg: <https://kg.example.org/ontology#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix schema: <https://schema.org/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

ex:article a schema:NewsArticle ; skos:prefLabel "The article" ; kg:corpusFile "corpus/a.txt" ;
    schema:mentions ex:ann, ex:ben, ex:cid, ex:summit .
ex:ann a ex:Minister ; skos:prefLabel "Ann" ; skos:altLabel "Anne" ; ex:attended ex:summit ; ex:knows ex:ben .
ex:ben a schema:Person ; skos:prefLabel "Ben" ; ex:attended ex:summit .
ex:cid a schema:Person ; skos:prefLabel "Cid" ; ex:attended ex:summit ; ex:knows ex:ben .
ex:summit a ex:Summit ; skos:prefLabel "Summit" ; ex:year "2024"^^xsd:gYear ; ex:hostedBy ex:ann .
ex:annie a schema:Person ; skos:prefLabel "Annie" ; owl:sameAs ex:ann .
"""


@pytest.fixture
def news(tmp_path: Path) -> Project:
    """A one-article project: three people, a summit, an alias and an owl:sameAs."""
    p = Project(tmp_path / "news")
    p.write("ontology/onto.ttl", NEWS_ONTOLOGY)
    p.write("triples/a.ttl", NEWS_ARTICLE)
    p.write("corpus/a.txt", "Ann, Ben and Cid attended the summit Ann hosted in 2024.\n")
    return p


REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """A small generated project (about 3,000 triples, three articles) on kg's own ontology,
    so that every saved query has answers."""
    from kg.bench.generate import generate

    root = tmp_path_factory.mktemp("synthetic") / "project"
    generate(root, 3000, REPO / "ontology", seed=1)
    p = Project.__new__(Project)
    p.root, p.ontology, p.triples, p.out = root, root / "ontology", root / "triples", root / "out"
    return p


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def oxigraph_server() -> Iterator[str]:
    """A real Oxigraph SPARQL server (PyPI ``oxigraph``, in memory) on 127.0.0.1; its base URL."""
    import shutil
    import subprocess
    import sys
    import time
    import urllib.request

    binary = shutil.which("oxigraph", path=str(Path(sys.executable).parent)) or shutil.which(
        "oxigraph"
    )
    assert binary, "the oxigraph server is part of the test extras: pip install '.[test]'"
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [binary, "serve", "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                urllib.request.urlopen(f"{base}/query?query=ASK%7B%7D", timeout=1).read()
                break
            except OSError:
                assert server.poll() is None, "oxigraph serve exited at start"
                assert time.monotonic() < deadline, "oxigraph serve did not start in 20 s"
                time.sleep(0.1)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)
