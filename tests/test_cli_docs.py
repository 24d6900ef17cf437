"""`kg docs` on a tiny ontology."""

from __future__ import annotations

from kg.commands import main


def test_docs_lists_classes_properties_and_constraints(project, runner):
    result = runner.invoke(main, ["docs", *project.args()])
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert text.startswith("# Ontology reference")
    assert "2 classes, 2 properties." in text
    assert "### Agreement" in text
    assert "### signatory" in text
    # the shape on ex:Agreement is listed under it (no sh:message: nothing to quote)
    assert "Constraints" not in text


def test_docs_quotes_shape_messages_and_writes_a_file(project, runner):
    project.write(
        "ontology/shapes.ttl",
        "@prefix ex: <http://ex.org/> .\n@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
        "ex:PersonShape a sh:NodeShape ; sh:targetClass ex:Person ; sh:property [ sh:path ex:signedOn ;"
        ' sh:maxCount 0 ; sh:message "people are not signed" ] .\n',
    )
    out = project.root / "REFERENCE.md"
    result = runner.invoke(main, ["docs", "--out", str(out), *project.args()])
    assert result.exit_code == 0, result.output
    text = out.read_text()
    person = text.split("### Person", 1)[1].split("###", 1)[0]
    assert "- people are not signed" in person
    assert result.stdout == ""


def test_docs_on_broken_ontology_fails_with_location(project, runner):
    project.write("ontology/onto.ttl", "@prefix ex: <http://ex.org/> .\nex:A a .\n")
    result = runner.invoke(main, ["docs", *project.args()])
    assert result.exit_code == 1
    assert "ontology/onto.ttl:2:" in result.stderr
