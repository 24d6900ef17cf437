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

import difflib
import html
import json
import random
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import igraph as ig
import networkx as nx
import pyoxigraph as ox
from pyvis.network import Network

from kg.analysis import CENTRALITIES
from kg.analysis.projection import ProjectionRules, project
from kg.data.dataset import KGDataset
from kg.errors import UsageError
from kg.query.sparql import entities_named, run_query

#: Colours for classes, given in sorted class order (colour-blind-safe first).
PALETTE = (
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1",
    "#ff9da7", "#9c755f", "#bab0ac", "#1f77b4", "#aec7e8", "#98df8a", "#c5b0d5",
    "#c49c94", "#f7b6d2", "#dbdb8d", "#9edae5", "#393b79", "#637939", "#8c6d31",
    "#843c39", "#7b4173", "#3182bd", "#e6550d", "#31a354", "#756bb1", "#636363",
)  # fmt: skip

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


def _query_pairs(dataset: KGDataset, text: str) -> set[tuple[str, str]]:
    result = run_query(dataset, text)
    pairs = set()
    if isinstance(result, ox.QueryTriples):
        triples = [(t.subject, t.object) for t in result]
    elif isinstance(result, ox.QuerySolutions):
        names = {v.value for v in result.variables}
        if not {"s", "o"} <= names:
            raise UsageError("--query: a SELECT must return ?s ?p ?o (or use CONSTRUCT)")
        triples = [(row["s"], row["o"]) for row in result]
    else:
        raise UsageError("--query: use a CONSTRUCT or a SELECT of ?s ?p ?o, not ASK")
    for s, o in triples:
        if isinstance(s, ox.NamedNode) and isinstance(o, ox.NamedNode):
            pairs.add((s.value, o.value))
    return pairs


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
        pairs = _query_pairs(dataset, options.query)
        keep &= {n for pair in pairs for n in pair}
        wanted = pairs if graph.is_directed() else pairs | {(o, s) for s, o in pairs}
        graph = _restrict(graph, keep, [(s, o) for s, o in graph.edges if (s, o) in wanted])
    if options.top:
        ranked = sorted(keep, key=lambda n: (-sizes.get(n, 0.0), str(n)))
        keep = set(ranked[: options.top])
    return graph.subgraph(sorted(keep & set(graph), key=str)).copy()


#: Components above this many nodes are laid out by igraph (C) rather than networkx (Python).
LARGE_COMPONENT = 500


def _large_layout(sub: nx.Graph, part: list, radius: float) -> dict[object, tuple[float, float]]:
    """Grid Fruchterman-Reingold in igraph from a seeded start: 8x faster at 5,000 nodes."""
    index = {node: i for i, node in enumerate(part)}
    graph = ig.Graph(n=len(part), edges=[(index[a], index[b]) for a, b in sub.edges])
    rng = random.Random(0)
    start = [[rng.uniform(-1, 1), rng.uniform(-1, 1)] for _ in part]
    # igraph draws from Python's global random module unless told otherwise.
    ig.set_random_number_generator(random.Random(0))
    try:
        coords = graph.layout_fruchterman_reingold(seed=start, niter=100, grid="grid").coords
    finally:
        ig.set_random_number_generator(random)
    span = max(max(abs(x), abs(y)) for x, y in coords) or 1.0
    return {
        node: (x / span * radius, y / span * radius)
        for node, (x, y) in zip(part, coords, strict=True)
    }


def _layout(graph: nx.Graph) -> dict[object, tuple[float, float]]:
    """A seeded force-directed layout, so the page is still and repeatable.

    Each connected component is laid out alone (a lone node would otherwise be
    pushed far away and shrink the rest when the page fits the view): the largest
    in the middle, the others in rows beneath it.
    """
    view = graph.to_undirected(as_view=True) if graph.is_directed() else graph
    parts = sorted(
        (sorted(c, key=str) for c in nx.connected_components(view)),
        key=lambda c: (-len(c), str(c[0])),
    )
    positions: dict[object, tuple[float, float]] = {}
    if not parts:
        return positions
    cursor_x, cursor_y, row_height, width = 0.0, 0.0, 0.0, 0.0
    for index, part in enumerate(parts):
        sub = nx.Graph()
        sub.add_nodes_from(part)
        sub.add_edges_from(sorted(view.subgraph(part).edges, key=str))
        radius = 60 * len(part) ** 0.5
        if len(part) == 1:
            local = {part[0]: (0.0, 0.0)}
        elif len(part) <= LARGE_COMPONENT:
            local = nx.spring_layout(sub, seed=0, iterations=100, scale=radius)
        else:
            local = _large_layout(sub, part, radius)
        if index == 0:
            width = 2 * radius
            cursor_x, cursor_y = -radius, radius + 80
            offset = (0.0, 0.0)
        else:
            if cursor_x + 2 * radius > width / 2 + 1 and cursor_x > -width / 2:
                cursor_x, cursor_y = -width / 2, cursor_y + row_height + 60
                row_height = 0.0
            offset = (cursor_x + radius, cursor_y + radius)
            cursor_x += 2 * radius + 60
            row_height = max(row_height, 2 * radius)
        for node, (x, y) in local.items():
            positions[node] = (round(float(x) + offset[0], 1), round(float(y) + offset[1], 1))
    return positions


def _tooltip(node: str, data: dict) -> str:
    lines = [data["label"], f"class: {data['class'] or '-'}"]
    if data["aliases"]:
        lines.append("also: " + "; ".join(data["aliases"]))
    for key in sorted(k for k in data if k not in _NOT_SHOWN):
        value = data[key]
        shown = "; ".join(map(str, value)) if isinstance(value, list) else str(value)
        lines.append(f"{key}: {shown[:200]}")
    if data["articles"]:
        lines.append("stated in: " + ", ".join(data["articles"]))
    lines.append(node)
    return "\n".join(lines)


def render_page(
    graph: nx.Graph, sizes: dict, title: str = "kg graph", size_by: str = "pagerank"
) -> str:
    """The HTML page of a projected graph (nodes sized by ``sizes``)."""
    classes = sorted({graph.nodes[n].get("class", "") or "(none)" for n in graph})
    colours = {c: PALETTE[i % len(PALETTE)] for i, c in enumerate(classes)}
    positions = _layout(graph)
    top = max((sizes.get(n, 0.0) for n in graph), default=0.0) or 1.0
    net = Network(directed=graph.is_directed(), cdn_resources="in_line")
    for node in sorted(graph, key=str):
        data = graph.nodes[node]
        cls = data.get("class", "") or "(none)"
        x, y = positions[node]
        net.add_node(
            str(node),
            label=data.get("label", str(node)),
            title=_tooltip(str(node), data),
            size=round(8 + 32 * (sizes.get(node, 0.0) / top), 2),
            group=cls,
            x=x,
            y=y,
            physics=False,
        )
    for s, o, data in sorted(graph.edges(data=True), key=lambda e: (str(e[0]), str(e[1]))):
        net.add_edge(
            str(s),
            str(o),
            label=data.get("label", ""),
            title=data.get("label", ""),
            value=data.get("weight", 1),
        )
    payload = {
        "title": title,
        "sizeBy": size_by,
        "directed": graph.is_directed(),
        "rules": graph.graph.get("rules", {}),
        "classes": [{"name": c, "colour": colours[c]} for c in classes],
        "aliases": {str(n): graph.nodes[n].get("aliases", []) for n in sorted(graph, key=str)},
        "nodes": net.nodes,
        "edges": net.edges,
    }
    data = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    data = data.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
    data = data.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    lib = resources.files("pyvis").joinpath("templates", "lib", "vis-9.1.2")
    template = (
        resources.files("kg.pages").joinpath("templates", "page.html").read_text(encoding="utf-8")
    )
    return (
        template.replace("{{TITLE}}", html.escape(title))
        .replace("{{VIS_CSS}}", lib.joinpath("vis-network.css").read_text(encoding="utf-8"))
        .replace(
            "{{VIS_JS}}",
            lib.joinpath("vis-network.min.js")
            .read_text(encoding="utf-8")
            .replace("</script", "<\\/script"),
        )
        .replace("{{DATA}}", data)
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
    if options.top and not (options.around or options.article or options.query):
        found = _top_on_edges(dataset, rules, options, cache)
        if found is not None:
            return render_page(*found, options.title, options.size_by)
    graph = project(dataset, rules)
    sizes = CENTRALITIES[options.size_by](graph).values
    selected = select_subgraph(dataset, graph, options, sizes)
    return render_page(selected, sizes, options.title, options.size_by)


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
