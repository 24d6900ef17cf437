"""Exports for any legal RDF literal: control characters in GEXF and GraphML,
formulas in CSV, and the TriG export (issue 28, items 7 and 21)."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET

import networkx as nx
import pyoxigraph as ox
import pytest

from kg.commands import main
from tests.conftest import Project

#: Every character an RDF literal may hold that XML 1.0 may not, and the three it may.
CONTROLS = [chr(c) for c in range(0x20)] + ["\x7f", "\ufffe", "\uffff"]


def _turtle_escape(text: str) -> str:
    return "".join(
        f"\\u{ord(c):04X}" if ord(c) < 0x20 or c in '"\\\x7f\ufffe\uffff' else c for c in text
    )


def _project_with_label(project: Project, label: str) -> None:
    project.write(
        "triples/c.ttl",
        "@prefix ex: <http://ex.org/> .\n@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        f'ex:carl a ex:Person ; skos:prefLabel "{_turtle_escape(label)}" ; ex:signatory ex:alice .\n',
    )


def _export(project: Project, runner, fmt: str, name: str):
    out = project.root / name
    result = runner.invoke(main, ["export", "-f", fmt, "-o", str(out), *project.args()])
    return result, out


@pytest.mark.parametrize("char", CONTROLS, ids=[f"U+{ord(c):04X}" for c in CONTROLS])
@pytest.mark.parametrize("fmt", ["gexf", "graphml"])
def test_every_control_character_gives_well_formed_xml(project, runner, fmt, char) -> None:
    label = f"Carl{char}Jr"
    _project_with_label(project, label)
    loaded = list(ox.parse((project.triples / "c.ttl").read_bytes(), ox.RdfFormat.TURTLE))
    assert label in {q.object.value for q in loaded}  # the label is a legal literal
    result, out = _export(project, runner, fmt, f"g.{fmt}")
    assert result.exit_code == 0, result.output
    ET.fromstring(out.read_bytes())  # well-formed, or this raises
    graph = nx.read_gexf(out) if fmt == "gexf" else nx.read_graphml(out)
    labels = {data.get("label") for _node, data in graph.nodes(data=True)}
    if char in "\t\n\r\x7f":  # XML holds these
        assert label in labels
    else:
        assert f"Carl\\u{ord(char):04X}Jr" in labels


def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised(project, runner) -> None:
    formulas = ['=HYPERLINK("http://evil","x")', "+1+2", "-3+4", "@SUM(A1:A9)"]
    for i, text in enumerate(formulas):
        project.write(
            f"triples/f{i}.ttl",
            "@prefix ex: <http://ex.org/> .\n@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
            f'ex:f{i} a ex:Person ; skos:prefLabel "{_turtle_escape(text)}" .\n'
            f"ex:mou ex:signatory ex:f{i} .\n",
        )
    result, out = _export(project, runner, "csv", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO((out / "nodes.csv").read_text(encoding="utf-8"))))
    labels = {row["id"]: row["label"] for row in rows}
    for i, text in enumerate(formulas):
        assert labels[f"http://ex.org/f{i}"] == "'" + text
    assert labels["http://ex.org/alice"] == "Alice"
    for row in rows:
        for cell in row.values():
            assert not cell.startswith(("=", "+", "-", "@")), row


def test_trig_export_keeps_every_named_graph(project, runner) -> None:
    result, out = _export(project, runner, "trig", "export.trig")
    assert result.exit_code == 0, result.output
    assert f"wrote {out}" in result.stderr
    data = out.read_bytes()
    quads = list(ox.parse(data, ox.RdfFormat.TRIG))
    store = ox.Store()
    store.extend(quads)
    graphs = sorted(g.value for g in store.named_graphs())
    assert graphs == ["urn:kg:ontology:onto.ttl", "urn:kg:triples:a.ttl", "urn:kg:triples:b.ttl"]
    nq, nq_out = _export(project, runner, "nq", "export.nq")
    assert nq.exit_code == 0
    assert sorted(map(str, quads)) == sorted(
        map(str, ox.parse(nq_out.read_bytes(), ox.RdfFormat.N_QUADS))
    )
    text = data.decode()
    assert text.count("<urn:kg:triples:a.ttl> {") == 1  # one block per graph
    assert "@prefix skos: <http://www.w3.org/2004/02/skos/core#> ." in text
    again, _ = _export(project, runner, "trig", "export.trig")
    assert again.exit_code == 0 and out.read_bytes() == data  # the same bytes again
