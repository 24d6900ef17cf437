"""Validation messages: one message per fault, the offending triple's line, numbers shown as numbers."""

from __future__ import annotations

import shutil

import pytest

from kg.commands import main
from tests.conftest import REPO, Project

PREFIXES = """\
@prefix kg: <https://kg.example.org/ontology#> .
@prefix kgr: <https://kg.example.org/id/> .
@prefix schema: <https://schema.org/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
"""


@pytest.fixture
def shipped(tmp_path) -> Project:
    """A project with kg's own ontology and shapes, and no facts yet."""
    p = Project.__new__(Project)
    p.root = tmp_path / "proj"
    p.ontology, p.triples, p.out = p.root / "ontology", p.root / "triples", p.root / "out"
    shutil.copytree(REPO / "ontology", p.ontology)
    p.triples.mkdir(parents=True)
    return p


def validate(runner, project):
    return runner.invoke(main, ["validate", *project.args()])


def test_an_integer_amount_is_valid_like_an_integer_statistic(shipped, runner):
    shipped.write(
        "triples/a.ttl",
        PREFIXES + 'kgr:amt a schema:MonetaryAmount ; skos:prefLabel "50 billion" ;\n'
        '    schema:value 50000000000 ; schema:currency "USD" ;\n'
        '    kg:evidence "It lends 50 billion USD." .\n',
    )
    result = validate(runner, shipped)
    assert result.exit_code == 0, result.output


def test_values_are_shown_as_written_numbers_unquoted(shipped, runner):
    shipped.write(
        "triples/a.ttl",
        PREFIXES + 'kgr:amt a schema:MonetaryAmount ; skos:prefLabel "39" ;\n'
        '    schema:value "39" ;\n    schema:currency 840 .\n',
    )
    result = validate(runner, shipped)
    assert result.exit_code == 1
    assert "a number (xsd:decimal or xsd:integer), never a string (value: '39')" in result.stderr
    assert "(value: 840 (xsd:integer))" in result.stderr
    assert "'840'" not in result.stderr


def test_a_shacl_error_points_at_the_offending_triple(shipped, runner):
    shipped.write(
        "triples/a.ttl",
        PREFIXES + "\nkgr:amt a schema:MonetaryAmount ;\n"
        '    skos:prefLabel "Amount" ;\n'
        "    kg:approximate true ;\n"
        '    schema:value "39" ;\n'
        '    schema:currency "USD" .\n',
    )
    result = validate(runner, shipped)
    assert "triples/a.ttl:9:5: 'Amount' (kgr:amt): schema:value:" in result.stderr


def test_two_preferred_labels_are_one_problem_with_one_message(shipped, runner):
    shipped.write(
        "triples/a.ttl",
        PREFIXES + 'kgr:amt a schema:MonetaryAmount ; skos:prefLabel "A", "B" ;\n'
        '    schema:value 5 ; schema:currency "USD" ; kg:evidence "It lends 5 USD." .\n',
    )
    result = validate(runner, shipped)
    assert result.exit_code == 1
    assert "invalid: 1 error(s)" in result.stderr
    assert "has 2 preferred labels (skos:prefLabel): 'A', 'B'" in result.stderr
    assert "needs exactly one skos:prefLabel" not in result.stderr


def test_a_missing_semicolon_is_reported_where_it_is_missing(project, runner):
    project.write(
        "triples/c.ttl",
        "@prefix ex: <http://ex.org/> .\n@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n\n"
        'ex:carl a ex:Person\n    skos:prefLabel "Carl" .\n',
    )
    result = validate(runner, project)
    assert result.exit_code == 1
    assert "triples/c.ttl:4:20: missing ';' or '.' at the end of this line" in result.stderr
