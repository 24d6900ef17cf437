"""Saved queries' parameters are enforced: required ones must be bound, bound
variables must exist, and an entity parameter must name an entity of the graph."""

from __future__ import annotations

import pytest

from kg.commands import main
from kg.data.dataset import load_dataset
from kg.errors import QueryError
from kg.query.catalogue import load_catalogue
from kg.query.request import rows


def query(runner, project, *args):
    return runner.invoke(main, ["query", *args, *project.args()])


def test_saved_query_without_its_required_parameter_is_an_error(project, runner):
    result = query(runner, project, "about")
    assert result.exit_code == 2
    assert "saved query 'about' needs ?entity" in result.stderr
    assert "kg query about --bind entity=NAME" in result.stderr


def test_binding_a_variable_the_query_does_not_have_lists_its_variables(project, runner):
    result = query(runner, project, "about", "--bind", "ent=Alice")
    assert result.exit_code == 2
    assert "the query has no variable ?ent" in result.stderr
    assert "?entity" in result.stderr.split("its variables:")[1]
    adhoc = query(runner, project, "SELECT ?x WHERE { ?x ?p ?o }", "-b", "y=Alice")
    assert adhoc.exit_code == 2
    assert "its variables: ?o, ?p, ?x" in adhoc.stderr


def test_unknown_entity_name_is_an_error_with_did_you_mean(project, runner):
    result = query(runner, project, "about", "--bind", "entity=Alise")
    assert result.exit_code == 2
    assert "no entity is named 'Alise'" in result.stderr
    assert "did you mean 'Alice' (ex:alice)?" in result.stderr


def test_iri_that_is_not_in_the_graph_is_an_error(project, runner):
    for value in ("ex:nobody", "<http://ex.org/nobody>"):
        result = query(runner, project, "about", "--bind", f"entity={value}")
        assert result.exit_code == 2, value
        assert "<http://ex.org/nobody> is not in the graph" in result.stderr


def test_known_entity_binds_and_optional_parameter_may_be_left_unbound(project, runner):
    result = query(runner, project, "about", "--bind", "entity=alicia", "-f", "csv")
    assert result.exit_code == 0, result.output
    assert "Memorandum" in result.stdout
    unbound = query(runner, project, "aliases", "-f", "csv")
    assert unbound.exit_code == 0, unbound.output
    assert unbound.stdout.splitlines()[1].startswith("Alice,Alicia")
    listing = query(runner, project, "--list")
    assert "(--bind entity?=...)" in listing.stdout.split("aliases", 1)[1].splitlines()[0]


def test_catalogue_declares_required_and_optional_parameters():
    catalogue = load_catalogue()
    assert catalogue["about"].required == ("entity",)
    assert catalogue["aliases"].required == () and catalogue["aliases"].params == ("entity",)


def test_ad_hoc_unknown_text_is_a_string_with_a_suggestion(project, runner):
    result = query(
        runner, project, "SELECT ?x WHERE { ?x skos:prefLabel ?name }", "-b", "name=Alise"
    )
    assert result.exit_code == 0
    assert "no entity is labelled 'Alise'" in result.stderr
    assert "did you mean 'Alice' (ex:alice)?" in result.stderr


def test_rows_enforces_parameters_too(project):
    dataset = load_dataset(project.ontology, project.triples)
    with pytest.raises(QueryError, match="needs \\?entity"):
        rows(dataset, "about")
    assert rows(dataset, "aliases", entity="Alice")[0]["alias"] == "Alicia"


NO_EVIDENCE = """\
@prefix kg: <https://kg.example.org/ontology#> .
@prefix kgr: <https://kg.example.org/id/> .
@prefix schema: <https://schema.org/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

kgr:art a schema:NewsArticle ; skos:prefLabel "Art" ; kg:corpusFile "corpus/art.txt" .
kgr:m a schema:MonetaryAmount ; skos:prefLabel "5 million USD" ; schema:value 5000000 ;
    schema:currency "USD" .
kgr:s a kg:Statistic ; skos:prefLabel "Share: 40%" ; kg:value 40 ; kg:unit "percent" .
kgr:t a kg:Target ; skos:prefLabel "Net zero by 2050" ; kg:targetYear "2050"^^xsd:gYear .
"""


@pytest.mark.parametrize(
    ("name", "label"),
    [("amounts", "5 million USD"), ("statistics", "Share: 40%"), ("targets", "Net zero by 2050")],
)
def test_saved_queries_list_items_without_evidence_with_their_article(project, runner, name, label):
    project.write("triples/noevidence.ttl", NO_EVIDENCE)
    result = query(runner, project, name, "-f", "csv")
    assert result.exit_code == 0, result.output
    [row] = [line for line in result.stdout.splitlines() if label in line]
    assert row.endswith("corpus/art.txt")
