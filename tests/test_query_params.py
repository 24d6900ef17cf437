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


# Issue 28, item 10: malformed IRIs, repeated names, escapes and numbers in --bind.


def test_a_malformed_iri_in_bind_is_a_usage_error_naming_the_parameter(project, runner):
    for value, says in (
        ("<http://x/a>b>", "'>' cannot occur inside <...>"),
        ("<http://x/a b>", "U+0020 cannot occur inside <...>"),
        ("<http://x/a", "an IRI is written <...>, closed by >"),
    ):
        result = query(runner, project, "SELECT ?v WHERE { ?v ?p ?o }", "--bind", f"v={value}")
        assert result.exit_code == 2, (value, result.output)
        assert result.stderr.startswith(f"kg: error: --bind v={value}: not an IRI: {says}")
        assert "internal error" not in result.stderr


def test_binding_the_same_name_twice_is_a_usage_error(project, runner):
    result = query(
        runner, project, "SELECT ?v WHERE { ?v ?p ?o }", "-b", "v=ex:alice", "-b", "v=ex:bob"
    )
    assert result.exit_code == 2
    assert "kg: error: --bind v=... is given 2 times: bind each variable once" in result.stderr
    assert "syntax error" not in result.stderr


def test_quotes_and_escapes_inside_a_bound_string_are_unescaped(project, runner):
    project.write(
        "triples/c.ttl",
        "@prefix ex: <http://ex.org/> .\n@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        'ex:q a ex:Person ; skos:prefLabel "Quote" ; skos:altLabel "say \\"hi\\"\\tnow" .\n',
    )
    result = query(
        runner,
        project,
        "SELECT ?e WHERE { ?e skos:altLabel ?l }",
        "-b",
        'l="say \\"hi\\"\\tnow"',
        "-f",
        "csv",
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == ["e", "http://ex.org/q"]
    bad = query(runner, project, "SELECT ?e WHERE { ?e ?p ?l }", "-b", 'l="a\\qb"')
    assert bad.exit_code == 2
    assert "\\q is no escape in a string" in bad.stderr


@pytest.mark.parametrize(
    ("value", "datatype"),
    [("42", "integer"), ("-2.5", "decimal"), (".5", "decimal"), ("1.5e3", "double")],
)
def test_a_number_binds_as_a_number(project, runner, value, datatype):
    result = query(
        runner, project, "SELECT (DATATYPE(?n) AS ?t) WHERE { }", "-b", f"n={value}", "-f", "csv"
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == ["t", f"http://www.w3.org/2001/XMLSchema#{datatype}"]
    assert "bound as a string" not in result.stderr


# Issue 28, item 11: SERVICE makes no request unless allowed.


@pytest.fixture
def endpoint():
    """A local SPARQL endpoint that answers one empty solution and counts requests."""
    import http.server
    import threading

    requests: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def _answer(self) -> None:
            requests.append(self.path)
            length = int(self.headers.get("Content-Length") or 0)
            self.rfile.read(length)
            body = b'{"head":{"vars":["x"]},"results":{"bindings":[{"x":{"type":"literal","value":"far"}}]}}'
            self.send_response(200)
            self.send_header("Content-Type", "application/sparql-results+json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_GET = do_POST = _answer

        def log_message(self, *args) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/sparql", requests
    finally:
        server.shutdown()
        server.server_close()


def test_a_federated_query_is_refused_and_sends_nothing(project, runner, endpoint):
    url, requests = endpoint
    text = f"SELECT ?x WHERE {{\n  SERVICE <{url}> {{ ?s ?p ?x }} }}"
    result = query(runner, project, text)
    assert result.exit_code == 2
    assert result.stderr == (
        f"kg: error: SERVICE at line 2, column 3 would send part of the query to <{url}>: "
        "kg query answers from the local graph and makes no requests of its own; "
        "pass --allow-service to run a federated query\n"
    )
    assert requests == []
    with pytest.raises(QueryError, match="pass --allow-service"):
        rows(load_dataset(project.ontology, project.triples), text)
    assert requests == []


def test_a_variable_or_term_named_service_is_no_federated_query(project, runner):
    result = query(runner, project, "SELECT ?service WHERE { ?service ?p ex:Person }", "-f", "csv")
    assert result.exit_code == 0, result.output
    assert "http://ex.org/alice" in result.stdout


def test_allow_service_asks_the_endpoint(project, runner, endpoint):
    url, requests = endpoint
    text = f"SELECT ?x WHERE {{ SERVICE <{url}> {{ ?s ?p ?x }} }}"
    result = query(runner, project, text, "--allow-service", "-f", "csv")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == ["x", "far"]
    assert len(requests) == 1


def test_allow_service_with_an_endpoint_down_exits_5(project, runner, endpoint):
    url, _requests = endpoint
    down = url.rsplit(":", 1)[0] + ":1/sparql"
    text = f"SELECT ?x WHERE {{ SERVICE <{down}> {{ ?s ?p ?x }} }}"
    result = query(runner, project, text, "--allow-service")
    assert result.exit_code == 5, result.output
    assert "a SERVICE endpoint of the query failed" in result.stderr
