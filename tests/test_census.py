"""The RDF census on tiny graphs: what each count covers (facts, ontology, every graph)."""

from __future__ import annotations

from kg.analysis.census import UNSUPPORTED_SHOWN, evidence_coverage, rdf_census
from kg.data.dataset import load_dataset

ONTOLOGY = """\
@prefix ex: <http://ex.org/> .
@prefix kg: <https://kg.example.org/ontology#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix sh: <http://www.w3.org/ns/shacl#> .
ex:Person a owl:Class ; rdfs:label "Person"@en .
ex:Claim a owl:Class ; rdfs:label "Claim" .
ex:ClaimShape a sh:NodeShape ; sh:targetClass ex:Claim ;
    sh:property [ sh:path kg:evidence ; sh:minCount 1 ] .
"""

FACTS = """\
@prefix ex: <http://ex.org/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
ex:ann a ex:Person ; skos:prefLabel "Ann"@en ; ex:born "1970"^^xsd:gYear ; ex:knows ex:bob .
ex:bob a ex:Person ; ex:age 42 .
"""


def test_counts_cover_the_facts_and_every_graph(project):
    project.write("ontology/onto.ttl", ONTOLOGY)
    (project.triples / "a.ttl").unlink()
    (project.triples / "b.ttl").unlink()
    project.write("triples/people.ttl", FACTS)
    census = rdf_census(load_dataset(project.ontology, project.triples))
    by_file = {g["file"]: g["triples"] for g in census["graphs"]}
    assert by_file == {"ontology/onto.ttl": 9, "triples/people.ttl": 6}
    assert census["triples"] == 15 and census["fact_triples"] == 6
    assert census["classes"] == [{"class": "ex:Person", "count": 2}]
    predicates = {p["predicate"]: p["count"] for p in census["predicates"]}
    assert predicates == {
        "rdf:type": 2,
        "skos:prefLabel": 1,
        "ex:born": 1,
        "ex:knows": 1,
        "ex:age": 1,
    }
    # literals of the facts only: the ontology's "Person"@en and "Claim" are not counted
    assert census["literals_by_datatype"] == [
        {"datatype": "rdf:langString", "count": 1},
        {"datatype": "xsd:gYear", "count": 1},
        {"datatype": "xsd:integer", "count": 1},
    ]
    assert census["entities_without_label"] == ["ex:bob"]


def test_statements_without_evidence_are_all_counted_and_the_first_named(project):
    project.write("ontology/onto.ttl", ONTOLOGY)
    claims = "".join(f'ex:c{i:02d} a ex:Claim ; skos:prefLabel "Claim {i}" .\n' for i in range(25))
    project.write(
        "triples/claims.ttl",
        "@prefix ex: <http://ex.org/> .\n@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        "@prefix kg: <https://kg.example.org/ontology#> .\n"
        + claims
        + 'ex:ok a ex:Claim ; skos:prefLabel "Fine" ; kg:evidence "It says so." .\n',
    )
    found = evidence_coverage(load_dataset(project.ontology, project.triples))
    assert (found["statements"], found["with_evidence"]) == (26, 1)
    assert found["without"] == [f"ex:c{i:02d}" for i in range(UNSUPPORTED_SHOWN)]


def test_the_census_is_kept_beside_a_current_build_and_read_back(project, runner, monkeypatch):
    import json

    import kg.analysis.stats as stats_module
    from kg.commands import main

    monkeypatch.chdir(project.root)
    assert runner.invoke(main, ["build", "-q"]).exit_code == 0
    first = runner.invoke(main, ["stats", "--json"])
    assert first.exit_code == 0, first.output
    saved = json.loads((project.out / "census.json").read_text(encoding="utf-8"))
    assert saved["census"] == json.loads(first.stdout)["rdf"]

    def no_scan(_dataset):
        raise AssertionError("the census was computed again")

    monkeypatch.setattr(stats_module, "rdf_census", no_scan)
    second = runner.invoke(main, ["stats", "--json"])
    assert second.exit_code == 0, second.output
    assert second.stdout == first.stdout

    # a new build (the sources changed) has a new manifest: the census is computed again
    project.write(
        "triples/c.ttl",
        "@prefix ex: <http://ex.org/> .\n@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        'ex:carol a ex:Person ; skos:prefLabel "Carol" .\n',
    )
    assert runner.invoke(main, ["build", "-q"]).exit_code == 0
    third = runner.invoke(main, ["stats", "--json"])
    assert third.exit_code == 3 and "the census was computed again" in third.stderr
    monkeypatch.undo()
    monkeypatch.chdir(project.root)
    fourth = runner.invoke(main, ["stats", "--json"])
    assert fourth.exit_code == 0, fourth.output
    assert (
        json.loads(fourth.stdout)["rdf"]["triples"]
        == json.loads(first.stdout)["rdf"]["triples"] + 2
    )
