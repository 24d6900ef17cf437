"""Messages people read: missing files, text that is no query, long queries, invalid data, output ends."""

from __future__ import annotations

import pytest

from kg.commands import main


def run(runner, project, *args):
    return runner.invoke(main, ["query", *args, *project.args()])


@pytest.mark.parametrize("name", ["missing.rq", "queries/missing.rq", "./my queries/x.rq"])
def test_a_query_file_that_does_not_exist_says_so(project, runner, name):
    result = run(runner, project, name)
    assert result.exit_code == 2
    assert f"no such file: {name}" in result.stderr
    assert "syntax error" not in result.stderr


def test_text_that_is_no_query_names_the_query_forms(project, runner):
    result = run(runner, project, "SELEC ?x WHERE { ?x ?p ?o }")
    assert result.exit_code == 2
    assert "SELECT, ASK, CONSTRUCT or DESCRIBE" in result.stderr
    assert "not 'SELEC'" in result.stderr
    assert "line 1, column 1" in result.stderr
    after_prefix = run(runner, project, "PREFIX ex: <http://ex.org/>\n  SELEC ?x { ?x ?p ?o }")
    assert "line 2, column 3" in after_prefix.stderr and "not 'SELEC'" in after_prefix.stderr


def test_an_inline_query_longer_than_a_file_name_runs(project, runner):
    query = (
        "SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a ?type . "
        + " ".join(f"OPTIONAL {{ ?x skos:prefLabel ?l{i} }}" for i in range(8))
        + " }"
    )
    assert len(query) > 300 and "\n" not in query
    result = run(runner, project, query, "-f", "csv")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == "n"


SELECT = "SELECT ?s WHERE { ?s a ex:Person }"


@pytest.mark.parametrize(
    ("query", "fmt"),
    [(SELECT, f) for f in ("json", "xml", "csv", "tsv")]
    + [("ASK { ?s ?p ?o }", f) for f in ("json", "xml")],
)
def test_result_formats_end_with_a_newline(project, runner, fmt, query):
    result = run(runner, project, query, "-f", fmt)
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes.endswith(b"\n")


@pytest.mark.parametrize(
    ("command", "said"),
    [
        (["validate"], None),
        (["query", "ASK {}"], None),
        (["stats"], None),
        (["build"], "nothing was written"),
        (["export", "-f", "nq", "-o", "x.nq"], "nothing was written"),
    ],
)
def test_nothing_was_written_only_where_a_write_was_refused(project, runner, command, said):
    project.write("triples/bad.ttl", "@prefix ex: <http://ex.org/> .\nex:x ex:p ")
    result = runner.invoke(main, [*command, *project.args()])
    assert result.exit_code == 1, result.output
    assert "invalid: 1 error(s)" in result.stderr
    if said:
        assert said in result.stderr
    else:
        assert "nothing was" not in result.stderr


WIDE = (
    'SELECT ?p ?a ?b ?c WHERE { ?p a ex:Person . BIND(CONCAT("first ", STR(?p), " and more text") '
    'AS ?a) BIND(CONCAT("second ", STR(?p), " and more text") AS ?b) '
    'BIND(CONCAT("third ", STR(?p), " and more text") AS ?c) }'
)


def test_tables_fit_the_terminal_width(project, runner):
    wide = runner.invoke(main, ["query", WIDE, *project.args()])
    assert max(len(line) for line in wide.stdout.splitlines()) > 100  # piped: not fitted
    fitted = runner.invoke(main, ["query", WIDE, *project.args()], env={"COLUMNS": "70"})
    assert fitted.exit_code == 0, fitted.output
    lines = fitted.stdout.splitlines()
    assert max(len(line) for line in lines) <= 70
    assert lines[0].split() == ["p", "a", "b", "c"] and lines[-1] == "2 rows"
    assert "…" in lines[2]


NUMBERS = (
    'SELECT ?n ?y WHERE { VALUES (?n ?y) { (1234567 "2024"^^xsd:gYear) (12.5 "1999"^^xsd:gYear) } }'
)


def test_thousands_separators_in_tables_only(project, runner):
    table = runner.invoke(main, ["query", NUMBERS, *project.args()]).stdout.splitlines()
    assert table[2].split() == ["1,234,567", "2024"]
    assert table[3].split() == ["12.5", "1999"]
    for fmt in ("csv", "tsv", "json"):
        out = runner.invoke(main, ["query", NUMBERS, "-f", fmt, *project.args()]).stdout
        assert "1234567" in out and "1,234,567" not in out, fmt
