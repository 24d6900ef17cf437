"""The label check: which entities of the facts have no label, or several preferred ones."""

from __future__ import annotations

from kg.data.dataset import load_dataset
from kg.validation.labels import label_faults

HEAD = """\
@prefix ex: <http://ex.org/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
"""


def test_label_faults_count_distinct_literals_of_the_first_naming_predicate_in_the_facts(
    project,
):
    project.write("ontology/labels.ttl", HEAD + 'ex:f skos:prefLabel "F" .\n')
    project.write(
        "triples/a.ttl",
        HEAD
        + """
ex:a a ex:T .
ex:b a ex:T ; skos:prefLabel "B"@en, "Bee"@en .
ex:c a ex:T ; skos:prefLabel "C"@en, "Ce"@vi .
ex:d a ex:T ; rdfs:label "D", "Dee" .
ex:e a ex:T ; skos:prefLabel "E" ; rdfs:label "E1", "E2" .
ex:f a ex:T .
ex:g a ex:T ; skos:prefLabel "G" .
ex:h a ex:T ; skos:prefLabel "H1" .
ex:i skos:prefLabel "I", "I2" .
ex:j a ex:T ; skos:prefLabel ex:iri, "J" .
_:k a ex:T .
""",
    )
    project.write("triples/b.ttl", HEAD + 'ex:g skos:prefLabel "G" .\nex:h skos:prefLabel "H2" .\n')
    faults = label_faults(load_dataset(project.ontology, project.triples))
    ex = "http://ex.org/"
    assert {iri.removeprefix(ex): fault for iri, fault in faults.items() if ex in iri} == {
        "a": "none",  # no label at all
        "b": "several",  # two in English
        "d": "several",  # no skos:prefLabel, so rdfs:label is preferred, and has two
        "f": "none",  # labelled only in the ontology
        "h": "several",  # one in each file
    }
