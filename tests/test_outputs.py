"""What kg writes: repeatable bytes, file modes that follow the umask, complete lines."""

from __future__ import annotations

import os

import pytest

from kg.commands import main

BLANK_FACTS = """\
@prefix ex: <http://ex.org/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .

ex:carol a ex:Person ; skos:prefLabel "Carol" ;
    skos:note [ rdfs:comment "Hanoi" ; rdfs:seeAlso [ rdfs:comment "Trang Tien" ] ] .
"""


@pytest.fixture
def blanks(project, monkeypatch):
    monkeypatch.chdir(project.root)
    project.write("triples/c.ttl", BLANK_FACTS)
    return project


@pytest.mark.parametrize("fmt", ["nq", "ttl", "jsonld"])
def test_rdf_exports_repeat_when_a_build_is_reused(blanks, runner, fmt):
    assert runner.invoke(main, ["build", "-q", *blanks.args()]).exit_code == 0
    outs = [blanks.root / f"e{i}.{fmt}" for i in (1, 2)]
    for out in outs:
        result = runner.invoke(main, ["export", "-f", fmt, "-o", str(out), *blanks.args()])
        assert result.exit_code == 0, result.output
    assert b"_:" in outs[0].read_bytes() or fmt != "nq"
    assert outs[0].read_bytes() == outs[1].read_bytes()
    # ... and the same bytes as an export from the sources themselves.
    built = (blanks.out / "dataset.nq").read_bytes()
    if fmt == "nq":
        assert outs[0].read_bytes() == built


def test_query_answers_name_blank_nodes_the_same_way_each_run(blanks, runner):
    assert runner.invoke(main, ["build", "-q", *blanks.args()]).exit_code == 0
    query = "SELECT ?a WHERE { ?x skos:note ?a }"
    answers = [runner.invoke(main, ["query", query, "-f", "csv", *blanks.args()]) for _ in range(2)]
    assert all(a.exit_code == 0 for a in answers), answers[0].output
    assert "_:" in answers[0].output
    assert answers[0].output == answers[1].output


@pytest.fixture
def umask_022():
    old = os.umask(0o022)
    yield
    os.umask(old)


@pytest.mark.parametrize(
    ("command", "written"),
    [
        (["export", "-f", "graphml", "-o", "g.graphml"], "g.graphml"),
        (["export", "-f", "gexf", "-o", "g.gexf"], "g.gexf"),
        (["export", "-f", "nq", "-o", "g.nq"], "g.nq"),
        (["export", "-f", "csv", "-o", "csv"], "csv/nodes.csv"),
        (["viz", "-o", "g.html"], "g.html"),
        (["build", "--out", "b"], "b/dataset.nq"),
    ],
)
def test_written_files_follow_the_umask(news, runner, monkeypatch, umask_022, command, written):
    monkeypatch.chdir(news.root)
    result = runner.invoke(main, [*command, *news.args()])
    assert result.exit_code == 0, result.output
    assert oct((news.root / written).stat().st_mode & 0o777) == oct(0o644)


def test_default_output_folder_is_out_and_an_old_build_folder_is_still_read(
    project, runner, monkeypatch
):
    monkeypatch.chdir(project.root)
    assert runner.invoke(main, ["build", "-q"]).exit_code == 0
    assert (project.root / "out" / "dataset.nq").is_file()
    # A project whose build kg wrote into build/ before: moved there by hand here.
    (project.root / "out").rename(project.root / "build")
    result = runner.invoke(main, ["stats", "--json"])
    assert result.exit_code == 0, result.output
    assert '"source": "build"' in result.stdout  # the old build was reused
    assert "reading the build in" in result.stderr and "run kg build to write out/" in result.stderr
    rebuilt = runner.invoke(main, ["build"])
    assert rebuilt.exit_code == 0
    assert "holds an older kg build" in rebuilt.stderr
    assert (project.root / "out" / "dataset.nq").is_file()
    again = runner.invoke(main, ["stats", "--json"])
    assert '"source": "build"' in again.stdout and "reading the build in" not in again.stderr


def test_a_build_folder_kg_did_not_write_is_ignored(project, runner, monkeypatch):
    monkeypatch.chdir(project.root)
    (project.root / "build" / "lib").mkdir(parents=True)  # as pip install . leaves it
    result = runner.invoke(main, ["stats", "--json"])
    assert result.exit_code == 0, result.output
    assert "reading the build" not in result.stderr
    assert '"source": "checked"' in result.stdout
