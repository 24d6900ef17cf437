"""Interactive graph pages: one self-contained HTML file, made with pyvis.

pyvis assembles the nodes, edges and options; the page is rendered from kg's
own template, with the vis-network script and styles that pyvis ships inlined,
so the file opens by double-click on a machine with no network and writes
nothing beside itself. Everything that comes from text (labels, aliases,
quotes) reaches the page only as JSON inside a ``<script type="application/json">``
block with ``<``, ``>`` and ``&`` escaped, and is put on screen with
``textContent``: it is shown, never run.

Example:
    >>> import networkx as nx
    >>> g = nx.DiGraph()
    >>> g.add_node("x", label="</script><b>X</b>", **{"class": "ex:C"}, aliases=[], articles=[])
    >>> page = render_page(g, {"x": 1.0}, title="Demo")
    >>> "</script><b>" in page
    False
    >>> "http" in page.split("<script>")[0]
    False
"""

from __future__ import annotations

import bisect
import difflib
import html
import json
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from pathlib import Path

import networkx as nx
import numpy as np
import pyoxigraph as ox
from pyvis.edge import Edge
from pyvis.node import Node

from kg.analysis import CENTRALITIES
from kg.analysis.projection import ProjectionRules, project
from kg.data.background import Background
from kg.data.dataset import KGDataset
from kg.data.namespaces import shorten
from kg.errors import UsageError
from kg.pages.describe import format_value, human_name
from kg.pages.groups import class_styles, group_table
from kg.pages.large import cluster_parts
from kg.pages.layout import TOP_LABELLED, layout
from kg.query.sparql import entities_named, run_query

_NOT_SHOWN = {"label", "class", "aliases", "articles"}


@dataclass(frozen=True)
class PageOptions:
    """What a page shows.

    Attributes:
        size_by: the measure that sizes nodes (a name of :data:`kg.analysis.CENTRALITIES`).
        around: an entity (IRI, prefixed name, label or alias) to centre a subgraph on.
        depth: how many steps around ``around`` to include.
        article: an article (corpus file name, part of it, or its label) whose facts to show.
        top: keep only the N nodes largest by ``size_by`` and the edges among them.
        query: SPARQL (CONSTRUCT, or SELECT ?s ?p ?o) whose triples select the subgraph.
        title: the page title.
    """

    size_by: str = "pagerank"
    around: str | None = None
    depth: int = 1
    article: str | None = None
    top: int | None = None
    query: str | None = None
    title: str = "kg graph"


def _resolve_entity(dataset: KGDataset, graph: nx.Graph, name: str) -> str:
    if name.startswith("<") and name.endswith(">"):
        candidates = [name[1:-1]]
    else:
        prefix, sep, local = name.partition(":")
        if sep and prefix in dataset.prefixes and " " not in name:
            candidates = [dataset.prefixes[prefix] + local]
        else:
            candidates = entities_named(dataset, name)
    found = [c for c in candidates if c in graph]
    if len(found) == 1:
        return found[0]
    if len(found) > 1:
        raise UsageError(f"{name!r} names {len(found)} entities: {', '.join(found)}; use an IRI")
    names = sorted(
        {graph.nodes[n]["label"] for n in graph}
        | {a for n in graph for a in graph.nodes[n]["aliases"]}
    )
    close = difflib.get_close_matches(name, names, n=3, cutoff=0.5)
    hint = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
    raise UsageError(f"no entity in the graph is called {name!r}{hint}")


def _resolve_article(graph: nx.Graph, dataset: KGDataset, name: str) -> str:
    articles = sorted({a for n in graph for a in graph.nodes[n]["articles"]})
    rows = dataset.query(
        "SELECT ?file ?label WHERE { ?a a schema:NewsArticle ; kg:corpusFile ?file ; skos:prefLabel ?label }"
    )
    labels = {r["file"].value: r["label"].value for r in rows}
    matches = [
        a
        for a in articles
        if name.lower() in a.lower() or name.lower() in labels.get(a, "").lower()
    ]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise UsageError(f"no article matches {name!r}; articles: {', '.join(articles)}")
    raise UsageError(
        f"{name!r} matches {len(matches)} articles: {', '.join(matches)}; be more precise"
    )


def _query_selection(
    dataset: KGDataset, graph: nx.Graph, text: str
) -> tuple[set[str], set[tuple[str, str]] | None]:
    """The nodes a query selects and, for triples (CONSTRUCT or ?s ?p ?o), its node pairs.

    A SELECT without ?s and ?o selects the entities its rows name: IRIs, or
    literals equal to an entity's preferred label; the edges among them are kept.
    """
    result = run_query(dataset, text)
    if isinstance(result, ox.QueryTriples):
        triples = [(t.subject, t.object) for t in result]
    elif isinstance(result, ox.QuerySolutions):
        names = [v.value for v in result.variables]
        if not {"s", "o"} <= set(names):
            by_label: dict[str, list[str]] = {}
            for node in graph:
                by_label.setdefault(graph.nodes[node].get("label", ""), []).append(node)
            found: set[str] = set()
            for row in result:
                for term in row:
                    if isinstance(term, ox.NamedNode):
                        found.add(term.value)
                    elif isinstance(term, ox.Literal):
                        found.update(by_label.get(term.value, []))
            found &= set(graph)
            if not found:
                raise UsageError(
                    f"--query: its rows name no entity of the graph (columns: "
                    f"{', '.join('?' + n for n in names)}); select entities (IRIs or their "
                    "labels), a ?s ?p ?o of triples, or use CONSTRUCT"
                )
            return found, None
        triples = [(row["s"], row["o"]) for row in result]
    else:
        raise UsageError("--query: use a CONSTRUCT or a SELECT of ?s ?p ?o, not ASK")
    pairs = set()
    for s, o in triples:
        if isinstance(s, ox.NamedNode) and isinstance(o, ox.NamedNode):
            pairs.add((s.value, o.value))
    return {n for pair in pairs for n in pair}, pairs


def _restrict(graph: nx.Graph, nodes: set, edges: list[tuple]) -> nx.Graph:
    """A copy of ``graph`` with only these nodes and, among them, only these edges."""
    result = graph.__class__()
    result.graph.update(graph.graph)
    result.add_nodes_from((n, graph.nodes[n]) for n in sorted(nodes, key=str))
    result.add_edges_from(
        (s, o, graph.edges[s, o]) for s, o in sorted(edges, key=str) if s in nodes and o in nodes
    )
    return result


def select_subgraph(
    dataset: KGDataset, graph: nx.Graph, options: PageOptions, sizes: dict
) -> nx.Graph:
    """The part of ``graph`` the options ask for (all of it when they ask for none)."""
    keep = set(graph)
    if options.around:
        centre = _resolve_entity(dataset, graph, options.around)
        view = graph.to_undirected(as_view=True) if graph.is_directed() else graph
        keep &= set(nx.ego_graph(view, centre, radius=options.depth))
    if options.article:
        article = _resolve_article(graph, dataset, options.article)
        keep &= {n for n in graph if article in graph.nodes[n]["articles"]}
        stated = [(s, o) for s, o, d in graph.edges(data=True) if article in d.get("articles", [])]
        graph = _restrict(graph, keep, stated)
    if options.query:
        named, pairs = _query_selection(dataset, graph, options.query)
        keep &= named
        if pairs is not None:
            wanted = pairs if graph.is_directed() else pairs | {(o, s) for s, o in pairs}
            graph = _restrict(graph, keep, [(s, o) for s, o in graph.edges if (s, o) in wanted])
    if options.top:
        ranked = sorted(keep, key=lambda n: (-sizes.get(n, 0.0), str(n)))
        keep = set(ranked[: options.top])
    return graph.subgraph(sorted(keep & set(graph), key=str)).copy()


#: Graphs up to this many nodes are drawn whole; larger ones as top nodes plus community clusters.
MAX_DRAWN = 5000
#: How many nodes (by the size measure) a larger graph shows before its clusters are opened.
TOP_DRAWN = 1500
#: How many links each closed cluster shows (its strongest).
CLUSTER_LINKS = 6


@dataclass(frozen=True)
class PageContext:
    """What a page needs from the dataset beyond the graph: names, headlines, evidence.

    Attributes:
        ancestors: each class (prefixed) with its superclasses, for the groups.
        names: each class's and property's ``rdfs:label`` (prefixed name to label).
        headlines: each article (corpus file name) with its headline.
        evidence: each entity with, per article, the sentences that state it.
    """

    ancestors: dict[str, list[str]] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    headlines: dict[str, str] = field(default_factory=dict)
    evidence: dict[str, dict[str, list[str]]] = field(default_factory=dict)

    @cached_property
    def sentences(self) -> dict[str, list[str]]:
        """Every evidence sentence of each article, sorted."""
        found: dict[str, set[str]] = {}
        for per_article in self.evidence.values():
            for article, sentences in per_article.items():
                found.setdefault(article, set()).update(sentences)
        return {a: sorted(s) for a, s in found.items()}

    @cached_property
    def joined(self) -> dict[str, tuple[str, list[int]]]:
        """Each article's :attr:`sentences` in lower case joined by NUL, and their offsets."""
        return {a: _joined(s) for a, s in self.sentences.items()}


def page_context(dataset: KGDataset) -> PageContext:
    """Read the class hierarchy, names, headlines and evidence sentences from ``dataset``.

    :func:`build_page` runs it in a thread while the projection reads its own rows;
    the two hand the GIL to each other row by row. (Fetching these rows in one call,
    :meth:`~kg.data.dataset.KGDataset.select_values`, took no less time at 1 M
    triples and 100 MB more memory for the evidence sentences.)
    """
    prefixes = dataset.prefixes
    ancestors: dict[str, list[str]] = {}
    for row in dataset.query(
        "SELECT ?c ?a WHERE { ?c a owl:Class FILTER isIRI(?c) "
        "OPTIONAL { ?c rdfs:subClassOf+ ?a FILTER isIRI(?a) } }"
    ):
        entry = ancestors.setdefault(shorten(row["c"].value, prefixes), [])
        if row["a"] is not None:
            entry.append(shorten(row["a"].value, prefixes))
    names: dict[str, str] = {}
    for row in dataset.query(
        "SELECT ?t (MIN(?l) AS ?label) WHERE { ?t rdfs:label ?l } GROUP BY ?t"
    ):
        if row["label"] is not None and isinstance(row["t"], ox.NamedNode):
            names[shorten(row["t"].value, prefixes)] = row["label"].value
    files: dict[str, str] = {}
    headlines: dict[str, str] = {}
    rows = dataset.query(
        "SELECT ?g ?file (SAMPLE(?h) AS ?headline) (SAMPLE(?l) AS ?label) WHERE { GRAPH ?g { "
        "?a a schema:NewsArticle ; kg:corpusFile ?file OPTIONAL { ?a schema:headline ?h } "
        "OPTIONAL { ?a skos:prefLabel ?l } } } GROUP BY ?g ?file"
    )
    for row in rows:
        file = row["file"].value
        files[row["g"].value] = file
        shown = row["headline"] or row["label"]
        headlines[file] = shown.value if shown is not None else file
    evidence: dict[str, dict[str, list[str]]] = {}
    rows = dataset.query(
        f"SELECT ?s ?g ?e WHERE {{ {dataset.in_facts('?s kg:evidence ?e FILTER isIRI(?s)')} }}"
    )
    for s_term, g_term, e_term in rows:  # a hundred thousand rows at 1 M triples: kept lean
        file = files.get(g_term.value)
        if file is not None:
            evidence.setdefault(s_term.value, {}).setdefault(file, []).append(e_term.value)
    for per_article in evidence.values():
        for sentences in per_article.values():
            sentences.sort()
    return PageContext(ancestors, names, headlines, evidence)


def _quotes(
    data: dict,
    own: dict[str, list[str]],
    said: dict[str, list[str]],
    joined: dict[str, tuple[str, list[int]]] | None = None,
) -> dict:
    """Per article, the node's own evidence, then other sentences of it that name the node.

    ``joined`` holds, per article, ``said``'s sentences in lower case joined by NUL
    and where each starts (:attr:`PageContext.joined`; computed here when not given).
    """
    if not data.get("articles"):
        return {}
    names = [n.lower() for n in [data.get("label", ""), *data.get("aliases", [])] if len(n) >= 4]
    # one search for any of the names over the article's text: a sentence that
    # contains a name holds a match (names hold no NUL, so none spans two sentences)
    names = [n for n in names if "\0" not in n]
    naming = re.compile("|".join(map(re.escape, names))) if names else None
    quotes = {}
    for article in data.get("articles", []):
        found = list(own.get(article, []))
        sentences = said.get(article, [])
        if naming is not None and len(found) < 4 and sentences:
            text, starts = joined[article] if joined is not None else _joined(sentences)
            for match in naming.finditer(text):
                sentence = sentences[bisect.bisect_right(starts, match.start()) - 1]
                if sentence not in found:
                    found.append(sentence)
                    if len(found) >= 4:
                        break
        quotes[article] = found
    return quotes


def _joined(sentences: list[str]) -> tuple[str, list[int]]:
    """The sentences in lower case joined by NUL, and the offset where each starts."""
    starts, offset = [], 0
    for sentence in sentences:
        starts.append(offset)
        offset += len(sentence) + 1
    return "\0".join(t.lower() for t in sentences), starts


def _node_info(node: str, data: dict, context: PageContext, article_index: dict) -> dict:
    facts = []
    for key in sorted(k for k in data if k not in _NOT_SHOWN):
        values = data[key] if isinstance(data[key], list) else [data[key]]
        shown = "; ".join(format_value(str(v)) for v in values)
        facts.append([human_name(key, context.names), shown[:300]])
    quotes = _quotes(data, context.evidence.get(node, {}), context.sentences, context.joined)
    sources = [[article_index[a], quotes[a]] for a in data.get("articles", [])]
    return {"aliases": list(data.get("aliases", [])), "facts": facts, "src": sources}


def _radii(graph: nx.Graph, sizes: dict) -> dict:
    """Drawn node sizes: the area grows with the measure, from 7 to 30 canvas units."""
    top = max((sizes.get(n, 0.0) for n in graph), default=0.0) or 1.0
    return {n: round(7 + 23 * (max(sizes.get(n, 0.0), 0.0) / top) ** 0.5, 2) for n in graph}


def _clusters(graph: nx.Graph, sizes: dict, radii: dict) -> tuple[set, list, dict, list]:
    """For a graph above :data:`MAX_DRAWN`: the top nodes, the communities of the rest, positions.

    The overview (top nodes and one node per cluster, linked where their members
    are) is laid out alone; each cluster's members wait in a spiral around it,
    the largest nearest, for when it is opened.
    """
    ranked = sorted(graph, key=lambda n: (-sizes.get(n, 0.0), str(n)))
    shown = set(ranked[:TOP_DRAWN])
    view = graph.to_undirected(as_view=True) if graph.is_directed() else graph
    order = sorted(graph, key=str)
    index = {n: i for i, n in enumerate(order)}
    pairs = sorted({tuple(sorted((index[a], index[b]))) for a, b in view.edges if a != b})
    u = np.array([a for a, _b in pairs], dtype=np.int64)
    v = np.array([b for _a, b in pairs], dtype=np.int64)
    owner: dict = {}
    members: list[list] = []
    for part in cluster_parts(len(order), u, v):
        rest = sorted(
            (order[i] for i in part if order[i] not in shown),
            key=lambda n: (-sizes.get(n, 0.0), str(n)),
        )
        if rest:
            for n in rest:
                owner[n] = f"cluster:{len(members)}"
            members.append(rest)
    links: dict[tuple, int] = {}
    for s, o in view.edges:
        a, b = owner.get(s, s), owner.get(o, o)
        if a != b and (str(a).startswith("cluster:") or str(b).startswith("cluster:")):
            key = (a, b) if str(a) < str(b) else (b, a)
            links[key] = links.get(key, 0) + 1
    inner = [(a, b) if str(a) < str(b) else (b, a) for a, b in view.subgraph(shown).edges]
    labels = {n: graph.nodes[n].get("label", str(n)) for n in ranked[:TOP_LABELLED]}
    clusters, positions, cluster_edges = _overview(
        shown,
        members,
        links,
        inner,
        radii,
        labels,
        lambda n: graph.nodes[n].get("label", str(n)),
    )
    return shown, clusters, positions, cluster_edges


def _overview(
    shown: set,
    members: list[list],
    links: dict[tuple, int],
    inner: list[tuple],
    radii: dict,
    labels: dict,
    label_of: Callable[[object], str],
) -> tuple[list, dict, list]:
    """Lay out the top nodes and one node per cluster; the clusters and their strongest links.

    ``links`` counts the edges between a cluster and a top node or another
    cluster (keys ordered by name), ``inner`` are the edges among the top nodes.
    """
    overview = nx.Graph()
    overview.add_nodes_from(sorted(shown, key=str))
    overview.add_nodes_from(f"cluster:{i}" for i in range(len(members)))
    overview.add_edges_from(sorted(links, key=str))
    overview.add_edges_from(sorted(inner, key=str))
    sizes_of = {n: radii[n] for n in shown}
    sizes_of.update(
        {f"cluster:{i}": min(60.0, 14 + 2 * len(rest) ** 0.5) for i, rest in enumerate(members)}
    )
    positions = layout(overview, sizes_of, labels)
    clusters = []
    golden = math.pi * (3 - math.sqrt(5))
    for i, rest in enumerate(members):
        cx, cy = positions.pop(f"cluster:{i}")
        for k, n in enumerate(rest, start=1):
            distance = 30.0 * math.sqrt(k) + sizes_of[f"cluster:{i}"]
            positions[n] = (
                round(cx + distance * math.cos(k * golden), 1),
                round(cy + distance * math.sin(k * golden), 1),
            )
        leaders = [label_of(n) for n in rest[:2]]
        more = f" and {len(rest) - 2:,} more" if len(rest) > 2 else ""
        clusters.append(
            {
                "id": f"cluster:{i}",
                "label": ", ".join(leaders) + more,
                "members": [str(n) for n in rest],
                "x": cx,
                "y": cy,
                "size": round(sizes_of[f"cluster:{i}"], 2),
            }
        )
    # drawn: each cluster's strongest links, so the overview shows where a cluster belongs
    touching: dict[str, list[tuple]] = {}
    for key in links:
        for end in key:
            if str(end).startswith("cluster:"):
                touching.setdefault(end, []).append(key)
    strongest: set[tuple] = set()
    for i in range(len(members)):
        mine = sorted(touching.get(f"cluster:{i}", []), key=lambda k: (-links[k], str(k)))
        strongest.update(mine[:CLUSTER_LINKS])
    cluster_edges = [[str(a), str(b), links[(a, b)]] for a, b in sorted(strongest, key=str)]
    return clusters, positions, cluster_edges


def render_page(
    graph: nx.Graph,
    sizes: dict,
    title: str = "kg graph",
    size_by: str = "pagerank",
    context: PageContext | None = None,
) -> str:
    """The HTML page of a projected graph (nodes sized by ``sizes``).

    ``context`` (from :func:`page_context`) adds class groups from the
    ontology's hierarchy, human names, headlines and evidence sentences.
    """
    return _render(graph, sizes, title, size_by, context)


def _render(
    graph: nx.Graph,
    sizes: dict,
    title: str,
    size_by: str,
    context: PageContext | None,
    drawn: Callable[[dict], tuple[set, list, dict, list]] | None = None,
) -> str:
    """:func:`render_page`; ``drawn`` (given the radii) gives the top nodes, clusters,
    positions and cluster links of a large graph computed elsewhere (from its edge list)."""
    context = context or PageContext()
    used = {graph.nodes[n].get("class", "") or "(none)" for n in graph}
    styles = class_styles(context.ancestors, used)
    radii = _radii(graph, sizes)
    articles = sorted(
        {a for n in graph for a in graph.nodes[n].get("articles", [])}
        | {a for _s, _o, d in graph.edges(data=True) for a in d.get("articles", [])}
    )
    article_index = {a: i for i, a in enumerate(articles)}
    ranked = sorted(graph, key=lambda n: (-sizes.get(n, 0.0), str(n)))
    rank = {n: i for i, n in enumerate(ranked)}
    if drawn is not None:
        shown, clusters, positions, cluster_edges = drawn(radii)
    elif graph.number_of_nodes() > MAX_DRAWN:
        shown, clusters, positions, cluster_edges = _clusters(graph, sizes, radii)
    else:
        labels = {n: graph.nodes[n].get("label", str(n)) for n in ranked[:TOP_LABELLED]}
        shown, clusters, positions, cluster_edges = set(graph), [], layout(graph, radii, labels), []
    view = graph.to_undirected(as_view=True) if graph.is_directed() else graph
    parts = sorted(nx.connected_components(view), key=lambda c: (-len(c), min(map(str, c))))
    main = parts[0] if parts else set()
    nodes = []
    for node in sorted(graph, key=str):
        data = graph.nodes[node]
        cls = data.get("class", "") or "(none)"
        x, y = positions[node]
        item = Node(
            str(node),
            styles[cls].shape,
            label=data.get("label", str(node)),
            cls=cls,
            group=styles[cls].group,
            size=radii[node],
            x=x,
            y=y,
            rank=rank[node],
            info=_node_info(str(node), data, context, article_index),
        ).options
        if node not in shown:
            item["folded"] = True
        if node not in main:
            item["aside"] = True
        nodes.append(item)
    edges = []
    for s, o, data in sorted(graph.edges(data=True), key=lambda e: (str(e[0]), str(e[1]))):
        edge = Edge(
            str(s),
            str(o),
            False,
            label=data.get("label", ""),
            w=data.get("weight", 1),
            src=[article_index[a] for a in data.get("articles", [])],
        ).options
        edges.append(edge)
    hidden = len(graph) - len(shown)
    payload = {
        "title": title,
        "sizeBy": size_by,
        "topLabels": TOP_LABELLED,
        "directed": graph.is_directed(),
        "rules": graph.graph.get("rules", {}),
        "groups": group_table(),
        "classes": {
            c: {"name": context.names.get(c, c), "group": styles[c].group, "shape": styles[c].shape}
            for c in sorted(used)
        },
        "articles": [{"file": a, "headline": context.headlines.get(a, a)} for a in articles],
        "nodes": nodes,
        "edges": edges,
        "clusters": clusters,
        "clusterEdges": cluster_edges,
        "note": (
            f"Showing the {len(shown):,} largest of {len(graph):,} nodes by {size_by}; the other "
            f"{hidden:,} are in {len(clusters):,} community clusters (grey rings): click one to "
            "open it."
            if clusters
            else ""
        ),
    }
    text = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    text = text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    text = text.replace("\u0085", "\\u0085")
    lib = resources.files("pyvis").joinpath("templates", "lib", "vis-9.1.2")
    template = (
        resources.files("kg.pages").joinpath("templates", "page.html").read_text(encoding="utf-8")
    )
    script = (
        lib.joinpath("vis-network.min.js")
        .read_text(encoding="utf-8")
        .replace("</script", "<\\/script")
        # U+0085 is forbidden in HTML; in the script it only stands in string literals
        .replace("\u0085", "\\u0085")
    )
    return (
        template.replace("{{TITLE}}", html.escape(title))
        .replace("{{VIS_CSS}}", lib.joinpath("vis-network.css").read_text(encoding="utf-8"))
        .replace("{{VIS_JS}}", script)
        .replace("{{DATA}}", text)
    )


def build_page(
    dataset: KGDataset,
    rules: ProjectionRules | None = None,
    options: PageOptions | None = None,
    cache: Path | None = None,
) -> str:
    """Project the dataset, select what the options ask for, and render the page.

    ``cache`` is the current build's folder (see :func:`kg.analysis.projection.project_edges`).
    """
    options = options or PageOptions()
    if options.size_by not in CENTRALITIES:
        raise UsageError(
            f"unknown measure {options.size_by!r}; use one of {', '.join(CENTRALITIES)}"
        )
    # The page's context is read in a thread while the graph is projected (on a
    # build still loading, the thread waits for the store like the rest).
    context = Background(lambda: page_context(dataset), "kg-page-context")
    if options.top and not (options.around or options.article or options.query):
        found = _top_on_edges(dataset, rules, options, cache)
        if found is not None:
            return render_page(*found, options.title, options.size_by, context.result())
    elif not (options.around or options.article or options.query):
        page = _large_on_edges(dataset, rules, options, cache, context)
        if page is not None:
            return page
    graph = project(dataset, rules)
    sizes = CENTRALITIES[options.size_by](graph).values
    selected = select_subgraph(dataset, graph, options, sizes)
    return render_page(selected, sizes, options.title, options.size_by, context.result())


def _large_on_edges(
    dataset: KGDataset,
    rules: ProjectionRules | None,
    options: PageOptions,
    cache: Path | None,
    context: Background[PageContext],
) -> str | None:
    """The whole graph's page from its edge list (:mod:`kg.pages.large`); None when the
    graph is small enough for the networkx path."""
    from kg.analysis.stats import LARGE_GRAPH
    from kg.pages.large import large_view

    found = large_view(
        dataset, rules, options.size_by, cache, max(MAX_DRAWN, LARGE_GRAPH), TOP_DRAWN
    )
    if found is None:
        return None
    graph, sizes, structure = found
    names = sorted(graph, key=str)
    top = {names[i] for i in structure.shown}
    labels = {
        names[i]: graph.nodes[names[i]].get("label", names[i])
        for i in structure.shown[:TOP_LABELLED]
    }

    def drawn(radii: dict) -> tuple[set, list, dict, list]:
        clusters, positions, cluster_edges = _overview(
            top,
            [[names[i] for i in rest] for rest in structure.members],
            structure.named_links(names),
            [(names[a], names[b]) for a, b in structure.inner],
            radii,
            labels,
            lambda n: graph.nodes[n].get("label", n),
        )
        return top, clusters, positions, cluster_edges

    return _render(graph, sizes, options.title, options.size_by, context.result(), drawn)


def _top_on_edges(
    dataset: KGDataset, rules: ProjectionRules | None, options: PageOptions, cache: Path | None
) -> tuple[nx.Graph, dict] | None:
    """On a large graph, the top N by the measure from the edge list, and only they projected.

    None on a small graph (the whole projection is cheap there).
    """
    from kg.analysis.measures.onedges import top_indices
    from kg.analysis.projection import project_edges
    from kg.analysis.stats import LARGE_GRAPH, measure_on_edges

    edges = project_edges(dataset, rules, cache)
    if edges.node_count <= LARGE_GRAPH:
        return None
    values, _method, _notes = measure_on_edges(edges, options.size_by, 0)
    chosen = top_indices(values, options.top)
    sizes = {edges.nodes[i]: float(values[i]) for i in chosen}
    return project(dataset, rules, only=set(sizes)), sizes


class NotebookPage:
    """A page shown inline in Jupyter: an iframe whose ``srcdoc`` is the whole page.

    Example:
        >>> "srcdoc=" in NotebookPage("<p>&</p>")._repr_html_()
        True
    """

    def __init__(self, page: str, height: int = 650) -> None:
        self.page = page
        self.height = height

    def _repr_html_(self) -> str:
        return (
            f'<iframe srcdoc="{html.escape(self.page, quote=True)}" '
            f'style="width:100%;height:{self.height}px;border:1px solid #ddd" '
            'sandbox="allow-scripts"></iframe>'
        )


def write_page(page: str, out: Path) -> None:
    """Write the page whole or not at all."""
    from kg.pipeline.safewrite import write_text_atomic

    write_text_atomic(out, page)
