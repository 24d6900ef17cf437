"""`kg build` and `kg validate` on tiny projects: outputs, exit codes, bad input."""

from __future__ import annotations

import json
import os

import pytest
import rdflib
from rdflib.compare import isomorphic

from kg.commands import main
from kg.data.dataset import load_dataset


def test_build_writes_dataset_with_one_named_graph_per_file(project, runner):
    result = runner.invoke(main, ["build", *project.args("--out", str(project.out))])
    assert result.exit_code == 0, result.output
    assert "files             3" in result.stdout
    assert "entities          3" in result.stdout
    ds = rdflib.Dataset()
    ds.parse(project.out / "dataset.nq", format="nquads")
    graphs = {str(g.identifier) for g in ds.graphs() if len(g)}
    assert graphs == {
        "urn:kg:ontology:onto.ttl",
        "urn:kg:triples:a.ttl",
        "urn:kg:triples:b.ttl",
    }
    bob = rdflib.URIRef("http://ex.org/bob")
    b_graph = ds.graph(rdflib.URIRef("urn:kg:triples:b.ttl"))
    assert (bob, rdflib.RDF.type, rdflib.URIRef("http://ex.org/Person")) in b_graph
    assert (bob, None, None) not in ds.graph(rdflib.URIRef("urn:kg:triples:a.ttl"))


def test_merged_turtle_equals_union_of_sources(project, runner):
    assert runner.invoke(main, ["build", *project.args("--out", str(project.out))]).exit_code == 0
    expected = rdflib.Graph()
    for path in [*project.ontology.glob("*.ttl"), *project.triples.glob("*.ttl")]:
        expected.parse(path)
    built = rdflib.Graph().parse(project.out / "graph.ttl")
    assert isomorphic(built, expected)
    text = (project.out / "graph.ttl").read_text()
    assert "@prefix ex: <http://ex.org/>" in text  # the sources' own prefixes are kept
    assert "ex:alice" in text


def test_builds_are_byte_identical(project, runner):
    # Blank nodes (in the shapes) would break this if labels were random.
    first, second = project.root / "out1", project.root / "out2"
    assert runner.invoke(main, ["build", *project.args("--out", str(first))]).exit_code == 0
    assert runner.invoke(main, ["build", *project.args("--out", str(second))]).exit_code == 0
    for name in ("dataset.nq", "graph.ttl", "manifest.json"):
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
    assert "_:" in (first / "dataset.nq").read_text()


def test_blank_node_labels_do_not_merge_across_files(project, runner):
    project.write("triples/c.ttl", '@prefix ex: <http://ex.org/> .\n_:x ex:p "from c" .\n')
    project.write("triples/d.ttl", '@prefix ex: <http://ex.org/> .\n_:x ex:p "from d" .\n')
    ds = load_dataset(project.ontology, project.triples)
    store = ds.store
    subjects = {q.subject.value for q in store if q.predicate.value == "http://ex.org/p"}
    assert len(subjects) == 2


def test_trig_keeps_its_named_graphs(project, runner):
    project.write(
        "triples/g.trig",
        "@prefix ex: <http://ex.org/> .\n@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        'ex:g1 { ex:carol a ex:Person ; skos:prefLabel "Carol" . }\n'
        'ex:dave a ex:Person ; skos:prefLabel "Dave" .\n',
    )
    result = runner.invoke(main, ["build", *project.args("--out", str(project.out))])
    assert result.exit_code == 0, result.output
    text = (project.out / "dataset.nq").read_text()
    assert (
        '<http://ex.org/carol> <http://www.w3.org/2004/02/skos/core#prefLabel> "Carol" '
        "<http://ex.org/g1> ." in text
    )
    assert '"Dave" <urn:kg:triples:g.trig> .' in text


def test_json_summary(project, runner):
    result = runner.invoke(main, ["build", "--json", *project.args("--out", str(project.out))])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["files"] == 3
    assert data["entities"] == 3
    assert data["classes"] == 2
    assert data["triples"] == len((project.out / "dataset.nq").read_text().splitlines())


def test_runs_from_a_subfolder_of_the_project(project, runner, monkeypatch):
    monkeypatch.chdir(project.triples)
    result = runner.invoke(main, ["build"])
    assert result.exit_code == 0, result.output
    assert (project.root / "out" / "dataset.nq").exists()
    assert not (project.root / "build").exists()  # pip install . owns build/


def test_no_project_found_is_a_usage_error(tmp_path, runner, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["build"])
    assert result.exit_code == 2
    assert "no folder with ontology/ and triples/" in result.stderr
    assert "--ontology DIR and --triples DIR" in result.stderr


def test_no_progress_or_colour_when_piped(project, runner):
    result = runner.invoke(main, ["build", *project.args("--out", str(project.out))])
    assert result.exit_code == 0
    assert "\x1b[" not in result.output
    assert "parsing" not in result.output


def test_validate_valid_project(project, runner):
    result = runner.invoke(main, ["validate", *project.args()])
    assert result.exit_code == 0, result.output
    assert "valid: 3 files" in result.stdout
    assert "syntax, vocabulary, shacl, labels" in result.stdout
    assert not project.out.exists()  # validate writes nothing


# --- bad input: each gets an exit code, a specific message, and build/ untouched ---

BAD_INPUTS = {
    "malformed turtle": (
        "triples/a.ttl",
        '@prefix ex: <http://ex.org/> .\nex:a ex:b "ok" .\nex:a ex:b "unterminated .\n',
        1,
        ["triples/a.ttl:3:", 'line 3: ex:a ex:b "unterminated .'],
    ),
    "undeclared predicate typo": (
        "triples/a.ttl",
        "@prefix ex: <http://ex.org/> .\n@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        'ex:m a ex:Agreement ; skos:prefLabel "M" ;\n    ex:signatry ex:alice .\n',
        1,
        ["triples/a.ttl:4:5", "unknown term ex:signatry", "did you mean ex:signatory?"],
    ),
    "well-known vocabulary typo": (
        "triples/a.ttl",
        "@prefix ex: <http://ex.org/> .\n@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        'ex:alice a ex:Person ; skos:prefLabel "A" ; skos:altLable "B" .\n',
        1,
        ["skos vocabulary has no term 'altLable'", "did you mean skos:altLabel?"],
    ),
    "wrong datatype for a shape": (
        "triples/a.ttl",
        (
            "@prefix ex: <http://ex.org/> .\n"
            "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
            "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
            'ex:alice a ex:Person ; skos:prefLabel "Alice" .\n'
            'ex:mou a ex:Agreement ; skos:prefLabel "Memorandum" ; ex:signatory ex:alice ;\n'
            '    ex:signedOn "May 2023"^^xsd:date .\n'
        ),
        1,
        [
            # the literals check says what is wrong with the value (the shape's
            # "is not a valid xsd:date" is dropped: one fault, one message)
            'triples/a.ttl:6:17: "May 2023"^^xsd:date is no xsd:date value: an xsd:date is '
            'written like "2016-02-29" (year-month-day)',
        ],
    ),
    "entity without a label": (
        "triples/b.ttl",
        "@prefix ex: <http://ex.org/> .\nex:bob a ex:Person .\n",
        1,
        ["triples/b.ttl:2:1", "ex:bob has no label"],
    ),
    "two preferred labels": (
        "triples/b.ttl",
        "@prefix ex: <http://ex.org/> .\n@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        'ex:bob a ex:Person ; skos:prefLabel "Bob", "Robert" .\n',
        1,
        ["ex:bob has 2 preferred labels", "'Bob', 'Robert'", "make the others skos:altLabel"],
    ),
    "empty file": ("triples/empty.ttl", "  \n", 1, ["triples/empty.ttl", "the file is empty"]),
    "file that is not UTF-8": (
        "triples/latin1.ttl",
        '@prefix ex: <http://ex.org/> .\nex:a ex:b "Nguy\xean" .\n'.encode("latin-1"),
        1,
        ["triples/latin1.ttl:2:16", "not UTF-8", "byte 0xea"],
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_fails_cleanly_and_keeps_previous_build(project, runner, monkeypatch, case):
    monkeypatch.chdir(project.root)
    assert runner.invoke(main, ["build"]).exit_code == 0
    before = project.snapshot()
    mtimes = {p.name: p.stat().st_mtime_ns for p in project.out.iterdir()}
    relpath, content, code, expected = BAD_INPUTS[case]
    project.write(relpath, content)

    result = runner.invoke(main, ["build"])

    assert result.exit_code == code, result.output
    for fragment in expected:
        assert fragment in result.stderr, (fragment, result.stderr)
    assert "Traceback" not in result.output
    assert "nothing was written" in result.stderr
    assert project.snapshot() == before
    assert {p.name: p.stat().st_mtime_ns for p in project.out.iterdir()} == mtimes
    assert not list(project.root.glob(".build.tmp-*"))
    # validate reports the same and exits the same way
    checked = runner.invoke(main, ["validate"])
    assert checked.exit_code == code
    assert expected[0] in checked.stderr


def test_missing_folder_is_a_usage_error(project, runner):
    result = runner.invoke(
        main, ["build", "--ontology", str(project.root / "nope"), "--triples", str(project.triples)]
    )
    assert result.exit_code == 2
    assert "ontology folder not found" in result.stderr
    assert str(project.root / "nope") in result.stderr


def test_out_that_is_a_file_is_a_usage_error(project, runner):
    target = project.write("build", "precious")
    result = runner.invoke(main, ["build", *project.args("--out", str(target))])
    assert result.exit_code == 2
    assert "--out must be a folder" in result.stderr
    assert target.read_text() == "precious"


def test_failure_while_writing_leaves_previous_build(project, runner, monkeypatch):
    assert runner.invoke(main, ["build", *project.args("--out", str(project.out))]).exit_code == 0
    before = project.snapshot()

    def broken(store, nquads, turtle, prefixes=None, should_stop=None, graphs=None):
        turtle.write(b"partial")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("kg.pipeline.build.write_both", broken)
    result = runner.invoke(main, ["build", *project.args("--out", str(project.out))])
    assert result.exit_code == 3
    assert "No space left on device" in result.stderr
    assert "Traceback" not in result.output
    assert project.snapshot() == before


def test_several_broken_files_are_all_reported(project, runner):
    project.write("triples/a.ttl", "@prefix ex: <http://ex.org/> .\nex:a ex:b .\n")
    project.write("triples/b.ttl", "@prefix ex: <http://ex.org/>\n")
    result = runner.invoke(main, ["validate", *project.args()])
    assert result.exit_code == 1
    assert "triples/a.ttl:2:" in result.stderr
    assert "triples/b.ttl:" in result.stderr
    assert "Syntax: 2 problem(s)" in result.stderr


def test_validate_json_lists_problems(project, runner):
    project.write("triples/b.ttl", "@prefix ex: <http://ex.org/> .\nex:bob a ex:Person .\n")
    result = runner.invoke(main, ["validate", "--json", *project.args()])
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["valid"] is False
    assert report["error_count"] == 1
    (problem,) = report["problems"]
    assert problem["check"] == "labels"
    assert problem["line"] == 2
    assert problem["file"].endswith(os.path.join("triples", "b.ttl"))


def test_unknown_option_is_a_usage_error(runner):
    result = runner.invoke(main, ["build", "--frobnicate"])
    assert result.exit_code == 2
    assert "No such option" in result.output


def test_every_command_has_help(runner):
    for name, command in main.commands.items():
        assert command.help and len(command.help.strip()) > 20, name
        result = runner.invoke(main, [name, "--help"])
        assert result.exit_code == 0, name
        assert "Usage: main " + name in result.output or f"Usage: kg {name}" in result.output
        for param in command.params:
            if isinstance(param, __import__("click").Option):
                assert param.help, f"{name} {param.opts} has no help"


def test_dataset_is_an_rdflib_dataset_with_one_graph_per_file(project):
    ds = load_dataset(project.ontology, project.triples).rdflib()
    assert isinstance(ds, rdflib.Dataset)
    names = {str(g.identifier) for g in ds.graphs() if len(g)}
    assert names == {"urn:kg:ontology:onto.ttl", "urn:kg:triples:a.ttl", "urn:kg:triples:b.ttl"}
    b = ds.graph(rdflib.URIRef("urn:kg:triples:b.ttl"))
    assert len(b) == 2
    result = ds.query(
        "SELECT ?g WHERE { GRAPH ?g { ?p <http://www.w3.org/2004/02/skos/core#prefLabel> 'Bob' } }"
    )
    assert [str(r.g) for r in result] == ["urn:kg:triples:b.ttl"]


def test_both_shacl_engines_report_a_wrong_datatype(project, runner):
    project.write(
        "triples/a.ttl",
        "@prefix ex: <http://ex.org/> .\n@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
        'ex:alice a ex:Person ; skos:prefLabel "Alice" .\n'
        'ex:mou a ex:Agreement ; skos:prefLabel "M" ; ex:signatory ex:alice ; ex:signedOn "soon" .\n',
        # a plain string: an ill-typed "soon"^^xsd:date is the literals check's to report
    )
    outputs = []
    for engine in ("sparql", "pyshacl"):
        result = runner.invoke(main, ["validate", "--shacl-engine", engine, *project.args()])
        assert result.exit_code == 1
        outputs.append(result.stderr)
    assert outputs[0] == outputs[1]
    assert "'soon' is not a valid xsd:date" in outputs[0]
