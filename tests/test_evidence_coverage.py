"""Evidence coverage in ``kg stats``: statements with a quoted sentence, of those the shapes ask one of."""

from __future__ import annotations

import json

from kg.analysis.census import evidence_coverage
from kg.commands import main
from kg.data.dataset import load_dataset

SHAPES = """\
@prefix ex: <http://ex.org/> .
@prefix kg: <https://kg.example.org/ontology#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix sh: <http://www.w3.org/ns/shacl#> .

ex:Claim a owl:Class ; rdfs:label "Claim" .
ex:Promise a owl:Class ; rdfs:subClassOf ex:Claim ; rdfs:label "Promise" .
ex:Thing a owl:Class ; rdfs:label "Thing" .
kg:evidence a owl:DatatypeProperty ; rdfs:label "evidence" .
ex:ClaimShape a sh:NodeShape ; sh:targetClass ex:Claim ;
    sh:property [ sh:path kg:evidence ; sh:minCount 1 ; sh:severity sh:Warning ] .
"""

FACTS = """\
@prefix ex: <http://ex.org/> .
@prefix kg: <https://kg.example.org/ontology#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .

ex:c1 a ex:Claim ; skos:prefLabel "Claim one" ; kg:evidence "A sentence that says so." .
ex:c2 a ex:Claim ; skos:prefLabel "Claim two" .
ex:p1 a ex:Promise ; skos:prefLabel "Promise one" .
ex:t1 a ex:Thing ; skos:prefLabel "A thing" .
"""


def _project(project):
    project.write("ontology/shapes.ttl", SHAPES)
    project.write("triples/claims.ttl", FACTS)
    return project


def test_coverage_counts_the_shapes_classes_and_their_subclasses(project):
    dataset = load_dataset(_project(project).ontology, project.triples)
    found = evidence_coverage(dataset)
    assert found["classes"] == ["ex:Claim", "ex:Promise"]
    assert (found["statements"], found["with_evidence"]) == (3, 1)
    assert found["without"] == ["ex:c2", "ex:p1"]


def test_kg_stats_reports_the_coverage(project, runner):
    _project(project)
    result = runner.invoke(main, ["stats", *project.args()])
    assert result.exit_code == 0, result.output
    assert "evidence: 1 of 3 statements quote a supporting sentence (33%)" in result.stdout
    full = runner.invoke(main, ["stats", "--full", *project.args()])
    assert "statements without a supporting sentence (the first 2): 2" in full.stdout
    data = json.loads(runner.invoke(main, ["stats", "--json", *project.args()]).stdout)
    assert data["rdf"]["evidence"]["statements"] == 3
