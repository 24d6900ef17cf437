"""The SPARQL SHACL engine reports exactly what pyshacl reports."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kg.data.dataset import load_dataset
from kg.validation.shacl import pyshacl_results, shacl_results, shapes_graph
from kg.validation.shacl_sparql import sparql_results, supported

REPO = Path(__file__).resolve().parents[1]

BROKEN = """\
@prefix kg: <https://kg.example.org/ontology#> .
@prefix kgr: <https://kg.example.org/id/> .
@prefix schema: <https://schema.org/> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

kgr:e1 a kg:Meeting ; skos:prefLabel "E1", "E1 again" ; schema:startDate "May 2023"^^xsd:date ; kg:chair kgr:t1 .
kgr:e2 a kg:Seminar .
kgr:e3 a kg:Review ; skos:prefLabel "E3" ; kg:undated false ; schema:location kgr:t1 .
kgr:a1 a kg:MemorandumOfUnderstanding ; skos:prefLabel "A1" ; kg:signatory kgr:t1 ; kg:documentCount "3" ; kg:signingDate "2021"^^xsd:gYear, "2022"^^xsd:gYear .
kgr:a2 a kg:LoanAgreement ; skos:prefLabel "A2" .
kgr:m1 a schema:MonetaryAmount ; skos:prefLabel "M" ; schema:value "12"^^xsd:integer ; schema:currency "usd" ; kg:approximate "yes"^^xsd:boolean .
kgr:s1 a kg:Statistic ; skos:prefLabel "S" ; kg:value "30" ; kg:referenceYear "20x0"^^xsd:gYear .
kgr:s2 a kg:Statistic ; skos:prefLabel "S2" ; kg:measure "m" .
kgr:t1 a kg:Topic ; skos:prefLabel "T"@en ; skos:altLabel kgr:e1 ; kg:evidence "short" .
kgr:x1 a org:Membership ; skos:prefLabel "X" ; org:member kgr:t1 .
kgr:v1 a kg:Visit ; skos:prefLabel "V" ; kg:undated true .
kgr:i1 a kg:Initiative ; skos:prefLabel "I" ; kg:launchDate "2003-01-01T00:00:00"^^xsd:dateTime .
kgr:g1 a kg:Target ; skos:prefLabel "G" ; kg:targetYear "2030-01-01"^^xsd:date ; kg:upperValue "a lot" .
kgr:n1 kg:inferredDate "2020-01-01" .
kgr:a3 a kg:LoanAgreement ; skos:prefLabel "A3" ; kg:party kgr:o1, kgr:w1 .
kgr:o1 a kg:Ministry ; skos:prefLabel "O" .
kgr:w1 a kg:WorkingGroup ; skos:prefLabel "W" .
kgr:e4 a kg:Seminar ; skos:prefLabel "E4" ; kg:undated true ; schema:superEvent kgr:e3, kgr:t1 .
kgr:art a schema:NewsArticle ; skos:prefLabel "Art" ; schema:headline "H", "H2" ; kg:corpusFile "elsewhere/x.txt" .
"""


def key(result) -> tuple[str, str, str, str]:
    value = result.value.n3() if result.value is not None else ""
    return (str(result.focus), str(result.path or ""), result.component, value)


@pytest.fixture
def broken(tmp_path):
    shutil.copytree(REPO / "ontology", tmp_path / "ontology")
    (tmp_path / "triples").mkdir()
    (tmp_path / "triples" / "broken.ttl").write_text(BROKEN, encoding="utf-8")
    return load_dataset(tmp_path / "ontology", tmp_path / "triples")


def test_the_shipped_shapes_are_within_the_sparql_subset(broken):
    assert supported(shapes_graph(broken))


def test_both_engines_report_the_same_violations(broken):
    shapes = shapes_graph(broken)
    by_sparql = set(map(key, sparql_results(broken, shapes)))
    by_pyshacl = set(map(key, pyshacl_results(broken, shapes)))
    assert by_pyshacl - by_sparql == set()
    # The one known difference: rdflib does not check the lexical form of xsd:gYear,
    # so pyshacl accepts "20x0"; SHACL says an ill-formed literal fails sh:datatype.
    assert by_sparql - by_pyshacl == {
        (
            "https://kg.example.org/id/s1",
            "https://kg.example.org/ontology#referenceYear",
            "Datatype",
            '"20x0"^^<http://www.w3.org/2001/XMLSchema#gYear>',
        ),
    }
    components = {k[2] for k in by_sparql}
    assert components >= {"MinCount", "MaxCount", "Datatype", "Class", "Pattern", "MinLength", "Or"}
    assert len(by_sparql) >= 30


def test_both_engines_agree_on_the_small_fixture(project):
    project.write(
        "triples/a.ttl",
        "@prefix ex: <http://ex.org/> .\n@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        '@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\nex:mou a ex:Agreement ; skos:prefLabel "M" ;'
        ' ex:signedOn "soon"^^xsd:date, "2020-01-01"^^xsd:date ; ex:signatory ex:mou .\n',
    )
    dataset = load_dataset(project.ontology, project.triples)
    shapes = shapes_graph(dataset)
    assert sorted(map(key, sparql_results(dataset, shapes))) == sorted(
        map(key, pyshacl_results(dataset, shapes))
    )


def test_both_engines_agree_on_counts_other_than_one(project):
    # counts of 1 are checked without grouping; other counts by GROUP BY ... HAVING
    project.write(
        "ontology/counts.ttl",
        "@prefix ex: <http://ex.org/> .\n@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
        "ex:Pair a sh:NodeShape ; sh:targetClass ex:Person ;\n"
        "  sh:property [ sh:path ex:friend ; sh:minCount 2 ; sh:maxCount 2 ] ;\n"
        "  sh:property [ sh:path ex:boss ; sh:minCount 1 ; sh:maxCount 1 ] .\n",
    )
    project.write(
        "triples/b.ttl",
        "@prefix ex: <http://ex.org/> .\n@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        'ex:ann a ex:Person ; skos:prefLabel "Ann" ; ex:friend ex:bob ; ex:boss ex:bob, ex:cy .\n'
        'ex:bob a ex:Person ; skos:prefLabel "Bob" ; ex:friend ex:ann, ex:cy, ex:bob ; ex:boss ex:cy .\n'
        'ex:cy a ex:Person ; skos:prefLabel "Cy" ; ex:friend ex:ann, ex:bob .\n',
    )
    dataset = load_dataset(project.ontology, project.triples)
    shapes = shapes_graph(dataset)
    found = sorted(map(key, sparql_results(dataset, shapes)))
    assert found == sorted(map(key, pyshacl_results(dataset, shapes)))
    counts = [(k[0].rsplit("/", 1)[1], k[1].rsplit("/", 1)[1], k[2]) for k in found]
    assert sorted(counts) == [
        ("alice", "boss", "MinCount"),
        ("alice", "friend", "MinCount"),
        ("ann", "boss", "MaxCount"),
        ("ann", "friend", "MinCount"),
        ("bob", "friend", "MaxCount"),
        ("cy", "boss", "MinCount"),
    ]


def test_auto_engine_falls_back_to_pyshacl_beyond_the_subset(project):
    project.write(
        "ontology/extra.ttl",
        "@prefix ex: <http://ex.org/> .\n@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
        "ex:S a sh:NodeShape ; sh:targetClass ex:Person ; sh:property [ sh:path ex:signedOn ; sh:lessThan ex:x ] .\n",
    )
    dataset = load_dataset(project.ontology, project.triples)
    _results, _shapes, used = shacl_results(dataset, "auto")
    assert used == "pyshacl"
    _results, _shapes, used = shacl_results(
        load_dataset(project.ontology.parent / "ontology", project.triples), "pyshacl"
    )
    assert used == "pyshacl"
