"""`kg query` on a tiny project: inputs, formats, bindings, errors."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest
import rdflib

from kg.commands import main
from kg.data.current import current_dataset

SPARQL_NS = "{http://www.w3.org/2005/sparql-results#}"
PEOPLE = "SELECT ?p ?name WHERE { ?p a ex:Person ; skos:prefLabel ?name } ORDER BY ?name"


def run(runner, project, *args, input=None):
    return runner.invoke(main, ["query", *args, *project.args()], input=input)


def test_table_uses_prefixed_names_and_counts_rows(project, runner):
    result = run(runner, project, PEOPLE)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["p", "name"]
    assert lines[2].split() == ["ex:alice", "Alice"]
    assert lines[3].split() == ["ex:bob", "Bob"]
    assert lines[-1] == "2 rows"


def test_json_is_w3c_sparql_results(project, runner):
    result = run(runner, project, PEOPLE, "--format", "json")
    data = json.loads(result.stdout)
    assert data["head"]["vars"] == ["p", "name"]
    first = data["results"]["bindings"][0]
    assert first["p"] == {"type": "uri", "value": "http://ex.org/alice"}
    assert first["name"] == {"type": "literal", "value": "Alice"}


def test_xml_is_w3c_sparql_results(project, runner):
    result = run(runner, project, PEOPLE, "--format", "xml")
    root = ET.fromstring(result.stdout_bytes)
    assert root.tag == f"{SPARQL_NS}sparql"
    names = [v.get("name") for v in root.iter(f"{SPARQL_NS}variable")]
    assert names == ["p", "name"]
    uris = [u.text for u in root.iter(f"{SPARQL_NS}uri")]
    assert uris == ["http://ex.org/alice", "http://ex.org/bob"]


def test_csv_and_tsv_are_w3c(project, runner):
    rows = list(csv.reader(io.StringIO(run(runner, project, PEOPLE, "-f", "csv").stdout)))
    assert rows == [["p", "name"], ["http://ex.org/alice", "Alice"], ["http://ex.org/bob", "Bob"]]
    tsv = run(runner, project, PEOPLE, "-f", "tsv").stdout.splitlines()
    assert tsv[0] == "?p\t?name"
    assert tsv[1] == '<http://ex.org/alice>\t"Alice"'


def test_ask_prints_true_or_false(project, runner):
    assert run(runner, project, "ASK { ex:alice a ex:Person }").stdout == "true\n"
    assert run(runner, project, "ASK { ex:alice a ex:Agreement }").stdout == "false\n"
    data = json.loads(run(runner, project, "ASK { ex:alice a ex:Person }", "-f", "json").stdout)
    assert data["boolean"] is True


def test_construct_prints_turtle_or_other_rdf(project, runner):
    q = "CONSTRUCT { ?p a ex:Signer } WHERE { ?a ex:signatory ?p }"
    ttl = run(runner, project, q).stdout
    graph = rdflib.Graph().parse(data=ttl, format="turtle")
    assert set(graph) == {
        (
            rdflib.URIRef("http://ex.org/alice"),
            rdflib.RDF.type,
            rdflib.URIRef("http://ex.org/Signer"),
        )
    }
    assert "ex:alice" in ttl  # prefixes are used
    nt = run(runner, project, q, "-f", "nt").stdout
    assert (
        nt.strip()
        == "<http://ex.org/alice> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://ex.org/Signer> ."
    )
    jsonld = json.loads(run(runner, project, q, "-f", "jsonld").stdout)
    assert "http://ex.org/alice" in json.dumps(jsonld)


def test_graph_format_on_select_is_refused(project, runner):
    result = run(runner, project, PEOPLE, "-f", "nt")
    assert result.exit_code == 2
    assert "for CONSTRUCT and DESCRIBE" in result.stderr


def test_named_graphs_are_queryable_and_default_graph_is_the_union(project, runner):
    result = run(
        runner, project, "SELECT ?g WHERE { GRAPH ?g { ex:bob ?p ?o } } GROUP BY ?g", "-f", "csv"
    )
    assert result.stdout.splitlines() == ["g", "urn:kg:triples:b.ttl"]
    both = run(
        runner,
        project,
        "SELECT (COUNT(*) AS ?n) WHERE { ?a ex:signatory ?p . ?p skos:prefLabel ?l }",
        "-f",
        "csv",
    )
    assert both.stdout.splitlines()[1] == "1"  # a.ttl alone holds both; union keeps it


def test_query_from_file_and_stdin(project, runner):
    path = project.write("people.rq", PEOPLE)
    assert run(runner, project, str(path)).stdout.splitlines()[-1] == "2 rows"
    assert run(runner, project, "-", input=PEOPLE).stdout.splitlines()[-1] == "2 rows"


def test_bind_by_alias_iri_and_prefixed_name(project, runner):
    q = "SELECT ?name WHERE { ?who skos:prefLabel ?name }"
    by_alias = run(runner, project, q, "--bind", "who=alicia")
    assert by_alias.exit_code == 0, by_alias.output
    assert by_alias.stdout.splitlines()[2] == "Alice"
    assert "?who = <http://ex.org/alice> ('alicia')" in by_alias.stderr
    by_iri = run(runner, project, q, "-b", "who=<http://ex.org/bob>")
    assert by_iri.stdout.splitlines()[2] == "Bob"
    by_name = run(runner, project, q, "-b", "?who=ex:bob")
    assert by_name.stdout.splitlines()[2] == "Bob"


def test_bind_unknown_label_is_a_string_with_a_note(project, runner):
    result = run(runner, project, "SELECT ?x WHERE { ?x skos:prefLabel ?name }", "-b", "name=Alice")
    assert result.stdout.splitlines()[-1] == "0 rows"  # "Alice" names an entity: bound to its IRI
    result = run(
        runner, project, "SELECT ?x WHERE { ?x skos:prefLabel ?name }", "-b", 'name="Alice"'
    )
    assert result.stdout.splitlines()[2] == "ex:alice"
    result = run(
        runner, project, "SELECT ?x WHERE { ?x skos:prefLabel ?name }", "-b", "name=Nobody"
    )
    assert "no entity is labelled 'Nobody'" in result.stderr


def test_bind_ambiguous_label_is_an_error(project, runner):
    project.write(
        "triples/c.ttl",
        "@prefix ex: <http://ex.org/> .\n@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        'ex:carol a ex:Person ; skos:prefLabel "Carol" ; skos:altLabel "Alicia" .\n',
    )
    result = run(runner, project, "SELECT ?x WHERE { ?x a ?c }", "-b", "x=Alicia")
    assert result.exit_code == 2
    assert "names 2 entities" in result.stderr
    assert "<http://ex.org/alice>" in result.stderr and "<http://ex.org/carol>" in result.stderr


def test_query_answers_from_current_sources_after_an_edit(project, runner, monkeypatch):
    monkeypatch.chdir(project.root)
    assert runner.invoke(main, ["build"]).exit_code == 0
    _, reused = current_dataset(project.ontology, project.triples, project.out)
    assert reused
    project.write(
        "triples/b.ttl",
        "@prefix ex: <http://ex.org/> .\n@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        'ex:bob a ex:Person ; skos:prefLabel "Robert" .\n',
    )
    _, reused = current_dataset(project.ontology, project.triples, project.out)
    assert not reused
    result = runner.invoke(
        main, ["query", "SELECT ?n WHERE { ex:bob skos:prefLabel ?n }", "-f", "csv"]
    )
    assert result.stdout.splitlines() == ["n", "Robert"]


def test_update_is_refused(project, runner):
    result = run(runner, project, "PREFIX ex: <http://ex.org/>\nDELETE WHERE { ?s ?p ?o }")
    assert result.exit_code == 2
    assert "SPARQL UPDATE is refused" in result.stderr
    assert "triples/" in result.stderr


def test_syntax_error_shows_line_column_and_text(project, runner):
    result = run(runner, project, "SELECT ?x WHERE {\n  ?x a ?y .\n  FILTER(?x = }")
    assert result.exit_code == 2
    assert "SPARQL syntax error at line 3, column 16" in result.stderr
    assert "  FILTER(?x = }" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize("store", ["oxigraph", "memory"])
def test_unknown_prefix_is_named_with_close_ones(project, runner, store):
    result = run(runner, project, "SELECT ?x WHERE { ?x skso:prefLabel ?l }", "--store", store)
    assert result.exit_code == 2
    assert "unknown prefix 'skso:' at line 1, column 22" in result.stderr
    assert "did you mean skos:" in result.stderr


def test_unknown_saved_query_lists_close_names(project, runner):
    result = run(runner, project, "people-positons")
    assert result.exit_code == 2
    assert "no saved query named 'people-positons'" in result.stderr
    assert "did you mean people-positions?" in result.stderr


def test_list_shows_every_saved_query_with_its_question(runner):
    from kg.query.catalogue import load_catalogue

    result = runner.invoke(main, ["query", "--list"])
    assert result.exit_code == 0
    catalogue = load_catalogue()
    assert len(catalogue) >= 15
    for name, saved in catalogue.items():
        assert f"{name}" in result.stdout and saved.question in result.stdout


def test_missing_query_is_a_usage_error(project, runner):
    result = run(runner, project)
    assert result.exit_code == 2
    assert "give a QUERY" in result.output


def test_timeout_stops_a_runaway_query(project, runner):
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n1 ?o . ?q ?r ?s }"
    result = run(runner, project, slow, "--timeout", "0.2")
    assert result.exit_code == 4
    assert "stopped after 0.2 s" in result.stderr


def test_timeout_passes_errors_and_results_through(project, runner):
    assert run(runner, project, PEOPLE, "--timeout", "30").stdout.splitlines()[-1] == "2 rows"
    bad = run(runner, project, "SELECT ?x WHERE { ?x skso:l ?l }", "--timeout", "30")
    assert bad.exit_code == 2
    assert "unknown prefix 'skso:'" in bad.stderr


@pytest.mark.parametrize("value", ["0", "-1", "soon"])
def test_timeout_must_be_positive(project, runner, value):
    assert run(runner, project, PEOPLE, "--timeout", value).exit_code == 2


def test_bind_restricts_grouped_queries_on_unprojected_variables(project, runner):
    q = "SELECT ?name (COUNT(*) AS ?n) WHERE { ?who skos:prefLabel ?name ; ?p ?o } GROUP BY ?name"
    result = run(runner, project, q, "-b", "who=ex:bob", "-f", "csv")
    assert result.stdout.splitlines() == ["name,n", "Bob,2"]


def test_saved_query_lists_are_sorted_in_every_format(synthetic, runner):
    # issue 28, item 13: GROUP_CONCAT order is the engine's; kg sorts the items
    args = ["query", "organisations", *synthetic.args()]
    table = runner.invoke(main, args)
    as_json = runner.invoke(main, [*args, "-f", "json"])
    assert table.exit_code == 0 and as_json.exit_code == 0, table.output + as_json.output
    lists = [
        b["people"]["value"]
        for b in json.loads(as_json.stdout)["results"]["bindings"]
        if "people" in b
    ]
    assert any(", " in cell for cell in lists)
    for cell in lists:
        items = cell.split(", ")  # the synthetic graph's names hold no commas
        assert items == sorted(items, key=lambda i: (i.casefold(), i))
        assert "\x1f" not in cell
