"""`kg stats` and `kg export` on a one-article project."""

from __future__ import annotations

import csv
import io
import json

import networkx as nx
import pyoxigraph as ox

from kg.analysis.export import flat, gexf_rules
from kg.analysis.projection import project
from kg.commands import main
from kg.data.dataset import load_dataset

EX = "http://ex.org/"


def test_stats_json_schema(news, runner):
    result = runner.invoke(main, ["stats", "--json", "--top", "3", *news.args()])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["schema"] == "kg-stats/1"
    assert set(data) == {"schema", "rdf", "validation", "projection", "graph", "measures"}
    rdf = data["rdf"]
    assert set(rdf) == {
        "triples",
        "fact_triples",
        "graphs",
        "classes",
        "predicates",
        "literals_by_datatype",
        "entities_without_label",
        "evidence",
        "ontology",
    }
    assert {
        "graph": "urn:kg:triples:a.ttl",
        "file": "triples/a.ttl",
        "triples": rdf["fact_triples"],
    } in rdf["graphs"]
    assert {"class": "schema:Person", "count": 3} in rdf["classes"]
    assert {"datatype": "xsd:gYear", "count": 1} in rdf["literals_by_datatype"]
    assert data["validation"] == {"valid": True, "errors": 0, "source": "checked"}
    assert data["projection"]["nodes"] == 4 and data["projection"]["edges"] == 6
    assert set(data["graph"]) == {
        "density",
        "components",
        "diameter",
        "degree_distribution",
        "communities",
    }
    assert set(data["measures"]) == {
        "degree",
        "in_degree",
        "out_degree",
        "pagerank",
        "betweenness",
        "closeness",
        "eigenvector",
    }
    for measure in data["measures"].values():
        assert set(measure) == {"method", "notes", "top"}
        assert len(measure["top"]) == 3
        assert set(measure["top"][0]) == {"id", "label", "class", "value"}
    top_degree = data["measures"]["degree"]["top"][0]
    assert (top_degree["label"], top_degree["value"]) == ("Summit", 4.0)  # 3 attended + hostedBy


def test_stats_measure_selection_and_projection_options(news, runner):
    result = runner.invoke(
        main,
        [
            "stats",
            "--json",
            "--measure",
            "pagerank",
            "--undirected",
            "--collapse-events",
            *news.args(),
        ],
    )
    data = json.loads(result.stdout)
    assert list(data["measures"]) == ["pagerank"]
    assert data["projection"]["rules"]["directed"] is False
    assert data["projection"]["rules"]["collapse_events"] is True
    assert data["projection"]["nodes"] == 3


def test_stats_text_output(news, runner):
    result = runner.invoke(main, ["stats", "--top", "2", *news.args()])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "validation: valid" in out
    assert "projection: 4 nodes, 6 edges (directed)" in out
    assert "top by betweenness (exact):" in out
    degree = out.split("top by degree (exact):\n", 1)[1]
    assert degree.splitlines()[:2] == [
        "    1. 4          Summit (ex:Summit)",
        "    2. 3          Ann (ex:Minister)",
    ]


def test_stats_reports_invalid_sources(news, runner):
    news.write("triples/b.ttl", "@prefix ex: <http://ex.org/> .\nex:zed a ex:Minister .\n")
    data = json.loads(runner.invoke(main, ["stats", "--json", *news.args()]).stdout)
    assert data["validation"] == {"valid": False, "errors": 1, "source": "checked"}
    assert data["rdf"]["entities_without_label"] == ["ex:zed"]


def test_unknown_measure_is_a_usage_error(news, runner):
    result = runner.invoke(main, ["stats", "--measure", "fame", *news.args()])
    assert result.exit_code == 2


def test_graphml_and_gexf_read_back_identically(news, runner):
    expected = flat(project(load_dataset(news.ontology, news.triples)))
    for fmt, read in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        out = news.root / f"g.{fmt}"
        result = runner.invoke(main, ["export", "-f", fmt, "-o", str(out), *news.args()])
        assert result.exit_code == 0, result.output
        back = read(out)
        assert sorted(back.nodes) == sorted(expected.nodes)
        for node, data in expected.nodes(data=True):
            got = {k: v for k, v in back.nodes[node].items() if k not in ("id",)}
            if fmt == "gexf":
                got.pop("label", None)
                data = {k: v for k, v in data.items() if k != "label"}
            assert got == data, (fmt, node)
        assert sorted(back.edges) == sorted(expected.edges)
        for s, o, data in expected.edges(data=True):
            got = dict(back.edges[s, o])
            got.pop("id", None)
            if fmt == "gexf":
                got.pop("label", None)
                data = {k: v for k, v in data.items() if k != "label"}
            assert got == data, (fmt, s, o)
        if fmt == "graphml":
            rules = json.loads(back.graph["kg_rules"])
        else:
            rules = gexf_rules(out.read_bytes())
        assert rules == json.loads(expected.graph["kg_rules"]), fmt
        assert rules["directed"] is True and rules["exclude_predicates"] == [
            "schema:mentions",
            "kg:equivalentAmount",
        ]


def test_exports_are_deterministic(news, runner):
    for fmt in ("graphml", "gexf", "jsonld", "nq", "ttl"):
        outs = [news.root / f"{i}.{fmt}" for i in (1, 2)]
        for out in outs:
            assert (
                runner.invoke(main, ["export", "-f", fmt, "-o", str(out), *news.args()]).exit_code
                == 0
            )
        assert outs[0].read_bytes() == outs[1].read_bytes(), fmt


def test_csv_export_has_nodes_edges_and_rules(news, runner):
    out = news.root / "csv"
    result = runner.invoke(main, ["export", "-f", "csv", "-o", str(out), *news.args()])
    assert result.exit_code == 0, result.output
    nodes = list(csv.DictReader(io.StringIO((out / "nodes.csv").read_text())))
    ann = next(r for r in nodes if r["id"] == EX + "ann")
    assert (ann["label"], ann["class"], ann["aliases"]) == ("Ann", "ex:Minister", "Anne; Annie")
    edges = list(csv.DictReader(io.StringIO((out / "edges.csv").read_text())))
    assert {
        "source": EX + "ann",
        "target": EX + "summit",
        "predicates": "ex:attended",
        "label": "attended",
        "articles": "corpus/a.txt",
        "weight": "1",
        "via": "",
    } in edges
    assert json.loads((out / "rules.json").read_text())["exclude_predicates"] == [
        "schema:mentions",
        "kg:equivalentAmount",
    ]


def test_rdf_exports_keep_named_graphs(news, runner):
    out = news.root / "x.jsonld"
    assert (
        runner.invoke(main, ["export", "-f", "jsonld", "-o", str(out), *news.args()]).exit_code == 0
    )
    quads = list(ox.parse(path=str(out), format=ox.RdfFormat.JSON_LD))
    assert {q.graph_name.value for q in quads} == {
        "urn:kg:ontology:onto.ttl",
        "urn:kg:triples:a.ttl",
    }
    ttl = news.root / "x.ttl"
    assert runner.invoke(main, ["export", "-f", "ttl", "-o", str(ttl), *news.args()]).exit_code == 0
    assert len(list(ox.parse(path=str(ttl), format=ox.RdfFormat.TURTLE))) == len(quads)


def test_stats_repeat_across_processes_with_different_hash_seeds(news):
    import os
    import random
    import subprocess
    import sys

    rng = random.Random(0)
    lines = [
        "@prefix ex: <http://ex.org/> .",
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .",
    ]
    for i in range(80):
        lines.append(f'ex:p{i} a ex:Minister ; skos:prefLabel "P{i}" .')
        for j in rng.sample(range(80), 3):
            if j != i:
                lines.append(f"ex:p{i} ex:knows ex:p{j} .")
    news.write("triples/many.ttl", "\n".join(lines) + "\n")
    outputs = []
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-m", "kg", "stats", "--json", *news.args()],
            capture_output=True,
            text=True,
            env=env,
            check=True,
        )
        outputs.append(json.loads(done.stdout))
    assert outputs[0] == outputs[1] == outputs[2]
    assert outputs[0]["graph"]["communities"]["count"] > 2
