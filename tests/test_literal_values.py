"""Ill-typed literals are errors with file:line saying what is wrong (issue 28, item 1)."""

from __future__ import annotations

import json

import pytest

from kg.commands import main
from kg.validation.literals import XSD, ill_typed
from tests.conftest import Project

HEAD = """\
@prefix ex: <http://ex.org/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
ex:carl a ex:Person ; skos:prefLabel "Carl" .
"""


PREFIXES = """\
@prefix ex: <http://ex.org/> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
"""


def _with(project: Project, *values: str) -> None:
    lines = "".join(f"ex:carl ex:value{i} {value} .\n" for i, value in enumerate(values))
    project.write("triples/c.ttl", HEAD + lines)
    declared = "".join(
        f'ex:value{i} a owl:DatatypeProperty ; rdfs:label "value {i}" .\n'
        for i in range(len(values))
    )
    project.write("ontology/values.ttl", PREFIXES + declared)


@pytest.mark.parametrize(
    ("value", "says"),
    [
        ('"abc"^^xsd:integer', "an xsd:integer is digits with an optional sign"),
        ('"2016-02-30"^^xsd:date', "February 2016 has 29 days, not 30"),
        ('"2015-13"^^xsd:gYear', "has the form of an xsd:gYearMonth, but 13 is no month"),
        ('"2015-05"^^xsd:gYear', '"2015-05" is an xsd:gYearMonth: give it that datatype'),
        ('"--02-30"^^xsd:gMonthDay', "February has 29 days, not 30"),
        ('"yes"^^xsd:boolean', "an xsd:boolean is true or false"),
        ('"1.5"^^xsd:integer', "a fraction is an xsd:decimal"),
        ('"300"^^xsd:byte', "an xsd:byte is at most 127"),
        ('"2020-01-01T25:00:00"^^xsd:dateTime', "25 is no hour"),
    ],
)
def test_an_ill_typed_literal_is_an_error_at_its_line(
    project: Project, runner, value: str, says: str
) -> None:
    _with(project, value)
    result = runner.invoke(main, ["validate", *project.args()])
    assert result.exit_code == 1, result.output
    assert f"c.ttl:5:19: {value} is no xsd:" in result.output
    assert says in result.output


def test_a_build_refuses_ill_typed_literals_and_writes_nothing(project: Project, runner) -> None:
    _with(project, '"abc"^^xsd:integer')
    result = runner.invoke(main, ["build", *project.args("--out", str(project.out))])
    assert result.exit_code == 1
    assert "nothing was written" in result.output
    assert not project.out.exists()


def test_well_typed_values_of_every_checked_datatype_pass(project: Project, runner) -> None:
    _with(
        project,
        "42",
        "-0.5",
        "1.5E6",
        '"2016-02-29"^^xsd:date',
        '"2000-02-29T24:00:00Z"^^xsd:dateTime',
        '"2015"^^xsd:gYear',
        '"-0044"^^xsd:gYear',
        '"2015-12"^^xsd:gYearMonth',
        '"--02-29"^^xsd:gMonthDay',
        '"true"^^xsd:boolean',
        '"P1Y2M3DT4H5M6.5S"^^xsd:duration',
        '"INF"^^xsd:double',
        '"255"^^xsd:unsignedByte',
        '"13:45:00+07:00"^^xsd:time',
    )
    result = runner.invoke(main, ["validate", *project.args()])
    assert result.exit_code == 0, result.output
    assert "ill-typed" not in result.output


def test_ill_typed_in_json_ld_is_found_by_parsing(project: Project, runner) -> None:
    doc = {
        "@id": "http://ex.org/dora",
        "@type": "http://ex.org/Person",
        "http://www.w3.org/2004/02/skos/core#prefLabel": "Dora",
        "http://ex.org/value0": {"@value": "1990-02-31", "@type": XSD + "date"},
    }
    _with(project, "1")
    project.write("triples/d.jsonld", json.dumps(doc))
    result = runner.invoke(main, ["validate", "--json", *project.args()])
    assert result.exit_code == 1
    problems = json.loads(result.output)["problems"]
    assert [(p["file"], p["group"], p["severity"]) for p in problems] == [
        (str(project.triples / "d.jsonld"), "ill-typed literal", "error")
    ]
    assert "February 1990 has 28 days, not 31" in problems[0]["message"]


def test_the_shape_does_not_repeat_the_fault_in_words_that_contradict_it(tmp_path, runner) -> None:
    project = Project(tmp_path / "p")
    project.write(
        "ontology/o.ttl",
        "@prefix ex: <http://ex.org/> .\n@prefix owl: <http://www.w3.org/2002/07/owl#> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
        "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
        'ex:Person a owl:Class ; rdfs:label "Person" .\n'
        'ex:value0 a owl:DatatypeProperty ; rdfs:label "year" .\n'
        "ex:S a sh:NodeShape ; sh:targetClass ex:Person ;\n"
        "  sh:property [ sh:path ex:value0 ; sh:datatype xsd:gYear ] .\n",
    )
    _with(project, '"2015-13"^^xsd:gYear')
    result = runner.invoke(main, ["validate", "--json", *project.args()])
    assert result.exit_code == 1
    problems = json.loads(result.output)["problems"]
    assert [p["check"] for p in problems] == ["literals"], json.dumps(problems)


@pytest.mark.parametrize(
    ("lexical", "datatype"),
    [("2016-02-29", "date"), ("1900-02-28", "date"), ("--12-31", "gMonthDay"), ("0", "boolean")],
)
def test_valid_values_have_no_fault(lexical: str, datatype: str) -> None:
    assert ill_typed(lexical, XSD + datatype) is None


@pytest.mark.parametrize(
    ("lexical", "datatype", "fault"),
    [
        ("1900-02-29", "date", "February 1900 has 28 days, not 29"),
        ("2016-00", "gYearMonth", "00 is no month (01 to 12)"),
        (" 5", "integer", "an xsd:integer has no spaces around it"),
        ("1e3", "decimal", "an xsd:decimal has no exponent"),
        ("PT", "duration", 'an xsd:duration is like "P1Y2M3DT4H5M6S"'),
        ("2016-01-01+15:00", "date", "+15:00 is no time zone"),
    ],
)
def test_faults_say_what_is_wrong(lexical: str, datatype: str, fault: str) -> None:
    assert (ill_typed(lexical, XSD + datatype) or "").startswith(fault)


@pytest.mark.parametrize(
    "value", ["'abc'^^xsd:integer", '"""abc"""^^xsd:integer', "'''abc'''^^xsd:integer"]
)
def test_every_quoting_of_a_typed_literal_is_checked(project: Project, runner, value) -> None:
    _with(project, value)
    result = runner.invoke(main, ["validate", *project.args()])
    assert result.exit_code == 1, result.output
    assert f"c.ttl:5:19: {value} is no xsd:integer value" in result.output
