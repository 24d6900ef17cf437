"""An OWL 2 RL reasoner (owlrl) over the ontology and the shipped facts finds nothing wrong.

Why: the shapes and queries read each node's asserted class, while a reasoner (or any
tool that applies ``rdfs:domain`` and ``rdfs:range``, such as HermiT or Jena) also gives
a node every class its properties imply. ``kg:launchedBy`` once had the domain
``kg:Initiative`` and was used on two ``kg:Project`` nodes, so a reasoner concluded that
the national data portal is an initiative. These tests fail on such a graph:

1. *No gained class*: every class a node has after reasoning over ontology + facts
   already follows from its asserted classes (reasoning over ontology + its
   ``rdf:type`` triples alone). A class gained only from how a node is used means a
   property is used outside its domain or range: the data or the ontology is wrong.
2. *Consistent*: the ontology declares the kinds of node disjoint
   (``owl:AllDisjointClasses``); owlrl reports a node of two disjoint kinds as an
   inconsistency (``owlrl`` error messages in the closure).
3. *Shapes still hold*: the facts plus every class the reasoner gives a node conform
   to ``ontology/shapes.ttl`` (pyshacl), so no inferred class brings a shape whose
   constraints the node violates.

Each check is shown to fail on a small broken copy, so none passes vacuously.
"""

from __future__ import annotations

from pathlib import Path

import owlrl
import pytest
from rdflib import OWL, RDF, RDFS, Graph, URIRef

REPO = Path(__file__).resolve().parents[1]
ERRORS = URIRef("http://www.daml.org/2002/03/agents/agent-ont#ErrorMessage")
KG = "https://kg.example.org/ontology#"
KGR = "https://kg.example.org/id/"


def ontology() -> Graph:
    graph = Graph()
    graph.parse(REPO / "ontology" / "kg.ttl")
    return graph


def facts(extra: str = "") -> Graph:
    graph = Graph()
    for path in sorted((REPO / "triples").rglob("*.ttl")):
        graph.parse(path)
    if extra:
        graph.parse(data=extra, format="turtle")
    return graph


def closure(*graphs: Graph) -> Graph:
    merged = Graph()
    for graph in graphs:
        merged += graph
    # improved_datatypes=False: owlrl would otherwise swap rdflib's literal parsers for the
    # whole process (and not restore them exactly), changing what later pyshacl runs accept
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics, improved_datatypes=False).expand(merged)
    return merged


def ontology_classes(onto: Graph) -> set[URIRef]:
    """Classes the ontology names: declared, or a super-class, domain or range."""
    found = {c for c in onto.subjects(RDF.type, OWL.Class) if isinstance(c, URIRef)}
    for prop in (RDFS.subClassOf, RDFS.domain, RDFS.range):
        found |= {c for c in onto.objects(None, prop) if isinstance(c, URIRef)}
    return {c for c in found if not str(c).startswith("http://www.w3.org/2001/XMLSchema#")} - {
        RDFS.Literal,
        RDFS.Resource,
        OWL.Thing,
    }


def gained_classes(onto: Graph, data: Graph) -> dict[str, set[str]]:
    """Per node of the facts: classes of the ontology that reasoning over everything
    gives it and reasoning over its asserted classes alone does not."""
    classes = ontology_classes(onto)
    typed = Graph()
    for triple in data.triples((None, RDF.type, None)):
        typed.add(triple)
    expected = closure(onto, typed)
    full = closure(onto, data)
    nodes = {s for s in data.subjects() if isinstance(s, URIRef) and str(s).startswith(KGR)}
    gained: dict[str, set[str]] = {}
    for node in nodes:
        extra = (
            set(full.objects(node, RDF.type)) - set(expected.objects(node, RDF.type))
        ) & classes
        if extra:
            gained[str(node)] = {str(c) for c in extra}
    return gained


def inconsistencies(onto: Graph, data: Graph) -> list[str]:
    full = closure(onto, data)
    return sorted(
        str(m)
        for e in full.subjects(RDF.type, ERRORS)
        for m in full.objects(e, None)
        if m != ERRORS
    )


@pytest.fixture(scope="module")
def onto() -> Graph:
    return ontology()


@pytest.fixture(scope="module")
def data() -> Graph:
    return facts()


def test_reasoning_gives_no_node_a_class_its_asserted_classes_do_not_imply(onto, data):
    assert gained_classes(onto, data) == {}


def test_the_check_fails_on_a_property_used_outside_its_domain(onto):
    # kg:signatory has the domain kg:Agreement: used on a project, it makes it an agreement
    broken = facts(
        "@prefix kg: <https://kg.example.org/ontology#> . @prefix kgr: <https://kg.example.org/id/> .\n"
        "kgr:national-data-portal kg:signatory kgr:pham-minh-chinh .\n"
    )
    assert gained_classes(onto, broken) == {
        KGR + "national-data-portal": {
            KG + "Agreement",
            "https://schema.org/CreativeWork",
            "http://www.w3.org/ns/prov#Entity",
        }
    }


def test_the_old_launched_by_domain_is_caught(data):
    # the ontology as it was: kg:launchedBy's domain kg:Initiative, used on two kg:Project nodes
    old = ontology()
    launched_by = URIRef(KG + "launchedBy")
    old.remove((launched_by, RDFS.domain, None))
    old.add((launched_by, RDFS.domain, URIRef(KG + "Initiative")))
    gained = gained_classes(old, data)
    assert set(gained) == {KGR + "national-data-portal", KGR + "key-economic-sector-database"}
    assert all(KG + "Initiative" in classes for classes in gained.values())
    assert inconsistencies(old, data)  # an initiative and a project: disjoint kinds


def test_the_ontology_and_facts_are_consistent(onto, data):
    assert inconsistencies(onto, data) == []


def test_a_node_of_two_disjoint_kinds_is_an_inconsistency(onto):
    broken = facts(
        "@prefix kg: <https://kg.example.org/ontology#> . @prefix kgr: <https://kg.example.org/id/> .\n"
        "kgr:cptpp a kg:Initiative .\n"
    )
    assert any("cptpp" in message for message in inconsistencies(onto, broken))


def test_facts_with_every_inferred_class_conform_to_the_shapes(onto, data):
    from pyshacl import validate

    shapes = Graph().parse(REPO / "ontology" / "shapes.ttl")
    full = closure(onto, data)
    classes = ontology_classes(onto)
    enriched = Graph()
    enriched += onto
    enriched += data
    for node, _, cls in full.triples((None, RDF.type, None)):
        if cls in classes and isinstance(node, URIRef) and str(node).startswith(KGR):
            enriched.add((node, RDF.type, cls))
    conforms, _, text = validate(enriched, shacl_graph=shapes, inference="none")
    assert conforms, text
