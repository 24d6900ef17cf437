"""`kg viz`: one deterministic self-contained file, subgraph options, errors."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

from kg.commands import main
from kg.pages.page import NotebookPage

EX = "http://ex.org/"


def payload(path) -> dict:
    text = path.read_text(encoding="utf-8")
    block = re.search(r'<script id="kg-data" type="application/json">(.*?)</script>', text, re.S)
    return json.loads(block.group(1))


def viz(runner, project, out, *args):
    result = runner.invoke(main, ["viz", "-o", str(out), *args, *project.args()])
    assert result.exit_code == 0, result.output
    return payload(out)


def node_ids(data) -> list[str]:
    return sorted(n["id"] for n in data["nodes"])


def test_page_is_one_file_and_byte_identical_each_time(news, runner, monkeypatch, tmp_path):
    work = tmp_path / "cwd"
    work.mkdir()
    monkeypatch.chdir(work)
    outs = [news.root / "out" / f"{i}.html" for i in (1, 2)]
    for out in outs:
        viz(runner, news, out)
    assert outs[0].read_bytes() == outs[1].read_bytes()
    assert sorted(p.name for p in outs[0].parent.iterdir()) == ["1.html", "2.html"]
    assert list(work.iterdir()) == []  # nothing written into the working folder
    text = outs[0].read_text()
    assert not re.search(r'(src|href)\s*=\s*["\']?(https?:)?//', text)
    assert "vis.Network" in text  # vis-network is inlined


def test_nodes_carry_group_shape_size_and_details(news, runner):
    data = viz(runner, news, news.root / "p.html", "--size-by", "degree")
    assert data["sizeBy"] == "degree"
    summit = next(n for n in data["nodes"] if n["id"] == EX + "summit")
    ann = next(n for n in data["nodes"] if n["id"] == EX + "ann")
    # groups come from the ontology's hierarchy: ex:Minister is a schema:Person
    assert (summit["group"], ann["group"]) == ("events", "people")
    assert data["classes"]["ex:Minister"] == {
        "name": "Minister",
        "group": "people",
        "shape": "square",
    }
    assert data["classes"]["schema:Person"]["shape"] == "dot"
    assert summit["size"] > ann["size"]  # degree 4 against 3
    assert summit["info"]["facts"] == [["year", "2024"]]
    assert ann["info"]["aliases"] == ["Anne", "Annie"]
    assert data["articles"] == [{"file": "corpus/a.txt", "headline": "The article"}]
    assert ann["info"]["src"] == [[0, []]]
    edge = next(e for e in data["edges"] if e["from"] == EX + "ann" and e["to"] == EX + "summit")
    assert edge["label"] == "attended"


def test_group_colours_are_the_same_on_every_page(news, runner):
    whole = viz(runner, news, news.root / "a.html")
    near = viz(runner, news, news.root / "b.html", "--around", "Cid", "--depth", "0")
    assert whole["groups"] == near["groups"]
    colours = [g["colour"] for g in whole["groups"]]
    assert len(set(colours)) == len(colours) == 11


def test_evidence_sentences_and_headlines_reach_the_page():
    from pathlib import Path

    from kg.data.dataset import load_dataset
    from kg.pages.page import PageOptions, build_page

    repo = Path(__file__).resolve().parent.parent
    page = build_page(
        load_dataset(repo / "ontology", repo / "triples"), options=PageOptions(article="001")
    )
    block = re.search(r'<script id="kg-data" type="application/json">(.*?)</script>', page, re.S)
    data = json.loads(block.group(1))
    headlines = [a["headline"] for a in data["articles"]]
    assert "Japan, Vietnam to cooperate on avoiding supply chain disruptions" in headlines
    assert not [h for h in headlines if h.startswith("corpus/")]
    mou = next(n for n in data["nodes"] if n["label"].startswith("MoU on cooperation"))
    quotes = [q for _article, sentences in mou["info"]["src"] for q in sentences]
    assert any("signed a memorandum of understanding" in q for q in quotes)
    chinh = next(n for n in data["nodes"] if n["label"] == "Pham Minh Chinh")
    # a person has no evidence of their own: the article's sentences that name them
    names = ["Pham Minh Chinh", *chinh["info"]["aliases"]]
    quotes = [q for _article, sentences in chinh["info"]["src"] for q in sentences]
    assert all(any(name in q for name in names) for q in quotes)
    assert chinh["info"]["src"][0][1]


def test_around_an_entity_by_alias_and_depth(news, runner):
    near = viz(runner, news, news.root / "a.html", "--around", "Anne", "--depth", "1")
    assert node_ids(near) == [EX + "ann", EX + "ben", EX + "summit"]
    assert "around Anne (depth 1)" in near["title"]
    zero = viz(runner, news, news.root / "b.html", "--around", "ex:cid", "--depth", "0")
    assert node_ids(zero) == [EX + "cid"]


def test_article_top_and_query_subgraphs(news, runner):
    news.write(
        "triples/b.ttl",
        "@prefix ex: <http://ex.org/> .\n@prefix kg: <https://kg.example.org/ontology#> .\n"
        "@prefix schema: <https://schema.org/> .\n@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        'ex:b a schema:NewsArticle ; skos:prefLabel "Second" ; kg:corpusFile "corpus/b.txt" .\n'
        'ex:dee a schema:Person ; skos:prefLabel "Dee" ; ex:knows ex:ann .\n',
    )
    second = viz(runner, news, news.root / "c.html", "--article", "b.txt")
    assert node_ids(second) == [EX + "ann", EX + "dee"]
    assert [(e["from"], e["to"]) for e in second["edges"]] == [(EX + "dee", EX + "ann")]
    top = viz(runner, news, news.root / "d.html", "--top", "2", "--size-by", "degree")
    assert node_ids(top) == [EX + "ann", EX + "summit"]
    rq = news.write("q.rq", "CONSTRUCT { ?s ex:knows ?o } WHERE { ?s ex:knows ?o }")
    known = viz(runner, news, news.root / "e.html", "--query", str(rq))
    assert node_ids(known) == [EX + "ann", EX + "ben", EX + "cid", EX + "dee"]
    assert len(known["edges"]) == 3
    select = news.write(
        "s.rq", "SELECT ?s ?p ?o WHERE { ?s ex:attended ?o BIND(ex:attended AS ?p) }"
    )
    attended = viz(runner, news, news.root / "f.html", "--query", str(select))
    assert len(attended["edges"]) == 3


def test_unknown_entity_and_article_are_usage_errors(news, runner):
    result = runner.invoke(
        main, ["viz", "--around", "Anna", "-o", str(news.root / "x.html"), *news.args()]
    )
    assert result.exit_code == 2
    assert "no entity in the graph is called 'Anna'; did you mean 'Ann' or 'Anne'" in result.stderr
    result = runner.invoke(
        main, ["viz", "--article", "zzz", "-o", str(news.root / "x.html"), *news.args()]
    )
    assert result.exit_code == 2
    assert "no article matches 'zzz'; articles: corpus/a.txt" in result.stderr
    assert not (news.root / "x.html").exists()


def test_query_that_is_not_a_graph_is_refused(news, runner):
    rq = news.write("ask.rq", "ASK { ?s ?p ?o }")
    result = runner.invoke(
        main, ["viz", "--query", str(rq), "-o", str(news.root / "x.html"), *news.args()]
    )
    assert result.exit_code == 2
    assert "use a CONSTRUCT or a SELECT of ?s ?p ?o" in result.stderr


def test_labels_are_escaped_in_the_page_source(news, runner):
    news.write(
        "triples/p.ttl",
        "@prefix ex: <http://ex.org/> .\n@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        'ex:m a ex:Minister ; skos:prefLabel "</script><script>alert(1)</script> & \\u2028" .\n',
    )
    out = news.root / "p.html"
    viz(runner, news, out)
    text = out.read_text()
    assert "<script>alert(1)" not in text

    class Scripts(HTMLParser):
        def __init__(self):
            super().__init__()
            self.starts = []

        def handle_starttag(self, tag, attrs):
            if tag == "script":
                self.starts.append(dict(attrs))

    parser = Scripts()
    parser.feed(text)
    # the inlined vis-network, the data, and kg's own script: no label opened another
    assert parser.starts == [{}, {"id": "kg-data", "type": "application/json"}, {}]
    assert next(n for n in payload(out)["nodes"] if n["id"] == EX + "m")["label"].startswith(
        "</script><script>"
    )


def test_notebook_embedding_is_an_iframe_with_srcdoc():
    shown = NotebookPage('<p title="a">&</p>', height=300)._repr_html_()
    assert shown.startswith('<iframe srcdoc="&lt;p title=&quot;a&quot;&gt;&amp;&lt;/p&gt;"')
    assert "height:300px" in shown


def test_large_components_are_laid_out_repeatably():
    import networkx as nx

    from kg.pages.layout import LARGE_COMPONENT
    from kg.pages.page import render_page

    base = nx.barabasi_albert_graph(LARGE_COMPONENT + 100, 2, seed=1)
    graph = nx.Graph()
    for n in base:
        graph.add_node(f"n{n}", label=f"N{n}", aliases=[], articles=[], **{"class": "ex:C"})
    graph.add_edges_from((f"n{a}", f"n{b}", {"label": "r", "weight": 1}) for a, b in base.edges)
    first = render_page(graph, {}, "big")
    assert first == render_page(graph, {}, "big")
    xs = {
        n["x"]
        for n in json.loads(
            re.search(r'type="application/json">(.*?)</script>', first, re.S).group(1)
        )["nodes"]
    }
    assert len(xs) > LARGE_COMPONENT  # spread out, not stacked


def test_query_by_saved_name_selects_the_entities_its_rows_name(synthetic, runner):
    from kg.query.catalogue import load_catalogue

    assert "people-positions" in load_catalogue()
    out = synthetic.root / "positions.html"
    data = viz(runner, synthetic, out, "--query", "people-positions")
    classes = {n["cls"] for n in data["nodes"]}
    assert data["nodes"] and "schema:Person" in classes
    assert "query people-positions" in data["title"]


def test_query_whose_rows_name_no_entity_says_so(news, runner):
    rq = news.write("n.rq", 'SELECT ?x WHERE { BIND("nobody" AS ?x) }')
    result = runner.invoke(
        main, ["viz", "--query", str(rq), "-o", str(news.root / "x.html"), *news.args()]
    )
    assert result.exit_code == 2
    assert "its rows name no entity of the graph (columns: ?x)" in result.stderr


def test_page_is_conforming_html_without_forbidden_code_points(news, runner):
    import html5lib

    news.write(
        "triples/odd.ttl",
        "@prefix ex: <http://ex.org/> .\n@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        'ex:odd a ex:Minister ; skos:prefLabel "Odd \\u0085 </p> & <div>" .\n',
    )
    out = news.root / "conform.html"
    viz(runner, news, out)
    text = out.read_text(encoding="utf-8")
    assert "\u0085" not in text  # vis-network's script carries one; the label another
    html5lib.HTMLParser(strict=True).parse(text)  # raises ParseError on any error
    assert next(n for n in payload(out)["nodes"] if n["id"] == EX + "odd")["label"] == (
        "Odd \u0085 </p> & <div>"
    )


def test_page_is_the_same_across_processes_with_different_hash_seeds(tmp_path):
    import os
    import subprocess
    import sys
    from pathlib import Path

    repo = Path(__file__).resolve().parent.parent
    pages = []
    for seed in ("1", "3"):  # 3 laid communities out differently before Louvain ran on integers
        out = tmp_path / f"{seed}.html"
        done = subprocess.run(
            [sys.executable, "-m", "kg", "viz", "-o", str(out), "--ontology",
             str(repo / "ontology"), "--triples", str(repo / "triples")],
            capture_output=True, text=True, env={**os.environ, "PYTHONHASHSEED": seed},
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        pages.append(out.read_bytes())
    assert pages[0] == pages[1]


def _barabasi(n: int):
    import networkx as nx

    base = nx.barabasi_albert_graph(n, 2, seed=3)
    graph = nx.Graph()
    for i in base:
        graph.add_node(f"n{i}", label=f"N{i}", aliases=[], articles=[], **{"class": "ex:C"})
    graph.add_edges_from((f"n{a}", f"n{b}", {"label": "r", "weight": 1}) for a, b in base.edges)
    return graph


def test_large_graphs_show_top_nodes_and_community_clusters(monkeypatch):
    from kg.analysis import CENTRALITIES
    from kg.pages import page as pages

    monkeypatch.setattr(pages, "MAX_DRAWN", 40)
    monkeypatch.setattr(pages, "TOP_DRAWN", 10)
    graph = _barabasi(60)
    sizes = CENTRALITIES["degree"](graph).values
    html = pages.render_page(graph, sizes, "big", "degree")
    data = json.loads(re.search(r'type="application/json">(.*?)</script>', html, re.S).group(1))
    folded = {n["id"] for n in data["nodes"] if n.get("folded")}
    top = sorted(graph, key=lambda n: (-sizes[n], n))[:10]
    assert {n["id"] for n in data["nodes"]} - folded == set(top)
    members = [m for c in data["clusters"] for m in c["members"]]
    assert sorted(members) == sorted(folded) and len(folded) == 50  # each in one cluster
    assert data["note"].startswith("Showing the 10 largest of 60 nodes by degree; the other 50")
    assert all(c["label"] for c in data["clusters"])
    assert html == pages.render_page(graph, sizes, "big", "degree")


def test_seed_layout_has_no_overlaps_and_groups_communities():
    import itertools
    import math
    from pathlib import Path

    from kg.analysis.projection import project
    from kg.data.dataset import load_dataset
    from kg.pages.layout import communities_of
    from kg.pages.page import PageOptions, build_page

    repo = Path(__file__).resolve().parent.parent
    dataset = load_dataset(repo / "ontology", repo / "triples")
    page = build_page(dataset, options=PageOptions())
    block = re.search(r'<script id="kg-data" type="application/json">(.*?)</script>', page, re.S)
    nodes = {n["id"]: n for n in json.loads(block.group(1))["nodes"]}
    for a, b in itertools.combinations(nodes.values(), 2):
        gap = math.dist((a["x"], a["y"]), (b["x"], b["y"])) - a["size"] - b["size"]
        assert gap > 10, (a["label"], b["label"])
    # members of a community sit closer to one another than to the rest
    graph = project(dataset).to_undirected()
    main = max(nx_components(graph), key=len)
    parts = communities_of(graph.subgraph(main).copy())
    where = {n: i for i, part in enumerate(parts) for n in part}
    inside, across = [], []
    for a, b in itertools.combinations(sorted(main), 2):
        d = math.dist((nodes[a]["x"], nodes[a]["y"]), (nodes[b]["x"], nodes[b]["y"]))
        (inside if where[a] == where[b] else across).append(d)
    assert sum(inside) / len(inside) < 0.8 * sum(across) / len(across)
    # the nodes outside the main component stand to its right
    right = max(nodes[n]["x"] for n in main)
    assert all(n["x"] > right for i, n in nodes.items() if i not in main)


def nx_components(graph):
    import networkx as nx

    return nx.connected_components(graph)


def test_seed_layout_keeps_the_top_labels_clear():
    """At the first view, each of the largest nodes has room for its label beneath it."""
    import itertools
    from pathlib import Path

    from kg.data.dataset import load_dataset
    from kg.pages.layout import LABEL_PX, SCREEN, TOP_LABELLED, label_width
    from kg.pages.page import PageOptions, build_page

    repo = Path(__file__).resolve().parent.parent
    page = build_page(load_dataset(repo / "ontology", repo / "triples"), options=PageOptions())
    block = re.search(r'<script id="kg-data" type="application/json">(.*?)</script>', page, re.S)
    nodes = json.loads(block.group(1))["nodes"]
    width = max(n["x"] + n["size"] for n in nodes) - min(n["x"] - n["size"] for n in nodes)
    height = max(n["y"] + n["size"] for n in nodes) - min(n["y"] - n["size"] for n in nodes)
    unit = max(1.1 * width / SCREEN[0], 1.1 * height / SCREEN[1])  # canvas units per px
    top = sorted(nodes, key=lambda n: n["rank"])[:TOP_LABELLED]
    boxes = []
    for n in top:
        half = label_width(n["label"]) * unit / 2
        below = n["y"] + n["size"] + 2 * unit
        boxes.append((n["label"], n["x"] - half, below, n["x"] + half, below + LABEL_PX * unit))
    for a, b in itertools.combinations(boxes, 2):
        apart = a[3] <= b[1] or b[3] <= a[1] or a[4] <= b[2] or b[4] <= a[2]
        assert apart, (a[0], b[0])
    # and no top node sits under another's label
    for (name, left, upper, right, lower), n in itertools.product(boxes, top):
        if n["label"] != name:
            inside = left < n["x"] < right and upper < n["y"] < lower
            assert not inside, (name, n["label"])


def test_quotes_are_the_sentences_that_name_the_node_in_order():
    from kg.pages.page import _quotes

    said = {
        "a1": sorted(
            [
                "Hanoi hosted the summit.",
                "The minister spoke.",
                "Nguyen Van A met Le B in HANOI.",
                "Nothing here.",
                "Hanoi and hanoi again.",
                "Another Hanoi sentence.",
                "Last hanoi line.",
            ]
        ),
        "a2": ["No mention."],
    }
    data = {"label": "Hanoi", "aliases": ["Ha Noi", "HN"], "articles": ["a1", "a2", "a3"]}
    own = {"a1": ["The minister spoke."]}
    expected = {"a1": ["The minister spoke."], "a2": [], "a3": []}
    for sentence in said["a1"]:  # the straightforward way: each sentence in turn
        if len(expected["a1"]) < 4 and "hanoi" in sentence.lower():
            expected["a1"].append(sentence)
    assert _quotes(data, own, said) == expected
    assert len(expected["a1"]) == 4 and "Nothing here." not in expected["a1"]
    assert _quotes({**data, "articles": []}, own, said) == {}
