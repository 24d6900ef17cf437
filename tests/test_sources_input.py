"""Source files as editors and tools leave them: a byte-order mark, a dangling link,
a TriG or N-Quads file naming graphs it does not own (issue 28, items 2, 3, 6)."""

from __future__ import annotations

import os

import pytest

from kg.commands import main
from tests.conftest import FACTS, Project

BOM = b"\xef\xbb\xbf"


def test_a_byte_order_mark_is_accepted(project: Project, runner) -> None:
    project.write("triples/a.ttl", BOM + FACTS.encode())
    result = runner.invoke(main, ["validate", "--strict", *project.args()])
    assert result.exit_code == 0, result.output
    assert "valid: 3 files" in result.output


def test_a_byte_order_mark_keeps_the_lines_of_later_problems(project: Project, runner) -> None:
    project.write("triples/a.ttl", BOM + FACTS.replace('"Memorandum" ;', '"Memorandum"').encode())
    result = runner.invoke(main, ["validate", *project.args()])
    assert result.exit_code == 1
    assert "a.ttl:10:" in result.output
    assert "\ufeff" not in result.output


def test_a_dangling_symlink_among_the_sources_is_an_error_naming_it(
    project: Project, runner
) -> None:
    os.symlink("missing.ttl", project.triples / "link.ttl")
    result = runner.invoke(main, ["build", *project.args("--out", str(project.out))])
    assert result.exit_code == 1, result.output
    assert "link.ttl: cannot read the file: it is a symbolic link to missing.ttl" in result.output
    assert "nothing was written" in result.output
    assert not project.out.exists()


def test_a_symlink_to_a_file_is_a_source_shown_by_its_own_name(project: Project, runner) -> None:
    (project.triples / "b.ttl").rename(project.root / "real-b.ttl")
    os.symlink(project.root / "real-b.ttl", project.triples / "b.ttl")
    result = runner.invoke(main, ["validate", *project.args()])
    assert result.exit_code == 0, result.output
    assert "valid: 3 files" in result.output


@pytest.mark.parametrize(
    ("name", "text", "graph", "line"),
    [
        (
            "g.trig",
            '@prefix ex: <http://ex.org/> .\n\n<urn:kg:push:manifest> { ex:x ex:p "1" . }\n',
            "urn:kg:push:manifest",
            3,
        ),
        (
            "g.trig",
            '@prefix ex: <http://ex.org/> .\n<urn:kg:triples:a.ttl> { ex:x ex:p "1" . }\n',
            "urn:kg:triples:a.ttl",
            2,
        ),
        (
            "g.nq",
            '<http://ex.org/x> <http://ex.org/p> "0" .\n'
            '<http://ex.org/x> <http://ex.org/p> "1" <urn:kg:triples:b.ttl> .\n',
            "urn:kg:triples:b.ttl",
            2,
        ),
    ],
)
def test_a_file_cannot_write_into_another_files_graph_or_a_reserved_one(
    project: Project, runner, name: str, text: str, graph: str, line: int
) -> None:
    project.write(f"triples/{name}", text)
    result = runner.invoke(main, ["validate", *project.args()])
    assert result.exit_code == 1, result.output
    assert f"triples/{name}:{line}:" in result.output
    assert f"triples in <{graph}>" in result.output
    assert f"its own graph <urn:kg:triples:{name}>" in result.output


def test_a_trig_file_may_fill_its_own_graph_and_graphs_below_it(project: Project, runner) -> None:
    project.write(
        "triples/g.trig",
        "@prefix ex: <http://ex.org/> .\n@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        '<urn:kg:triples:g.trig> { ex:carl a ex:Person ; skos:prefLabel "Carl" . }\n'
        '<urn:kg:triples:g.trig#more> { ex:dora a ex:Person ; skos:prefLabel "Dora" . }\n'
        '<http://ex.org/elsewhere> { ex:eve a ex:Person ; skos:prefLabel "Eve" . }\n',
    )
    result = runner.invoke(main, ["validate", *project.args()])
    assert result.exit_code == 0, result.output


def test_two_files_cannot_fill_the_same_named_graph(project: Project, runner) -> None:
    for name, who in (("g.trig", "carl"), ("h.trig", "dora")):
        project.write(
            f"triples/{name}",
            "@prefix ex: <http://ex.org/> .\n@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
            f'<http://ex.org/shared> {{ ex:{who} a ex:Person ; skos:prefLabel "{who}" . }}\n',
        )
    result = runner.invoke(main, ["build", *project.args("--out", str(project.out))])
    assert result.exit_code == 1, result.output
    assert "h.trig:3:1: triples in <http://ex.org/shared>, which " in result.output
    assert "g.trig fills too: a named graph belongs to one file" in result.output
    assert "nothing was written" in result.output
    assert not project.out.exists()
