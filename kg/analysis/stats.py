"""``kg stats`` as a library call: census, projection, graph figures and top entities.

The result is one JSON-ready dict with a stable schema (``"schema": "kg-stats/1"``):

- ``rdf``: the census (:func:`kg.analysis.census.rdf_census`): classes, predicates
  and datatypes of the facts, under ``evidence`` the statements that quote a
  supporting sentence, and under ``ontology`` the ontology's own counts;
- ``validation``: ``{"valid": bool, "errors": int, "source": "build" | "checked"}``;
- ``projection``: the rules used and the numbers of nodes and edges;
- ``graph``: density, components, diameter, degree distribution, communities
  (``largest``: the members of the largest communities, best-connected first);
- ``measures``: for each measure, its method, notes and ``top`` list of
  ``{"id", "label", "class", "value"}``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import networkx as nx

from kg.analysis import (
    CENTRALITIES,
    communities,
    components,
    degree_distribution,
    density,
    diameter,
)
from kg.analysis.census import rdf_census, save_census, saved_census
from kg.analysis.measures.measure import EXACT_LIMIT
from kg.analysis.projection import ProjectionRules, project, project_edges
from kg.data.background import Background
from kg.data.dataset import KGDataset
from kg.validation import validate

SCHEMA = "kg-stats/1"
#: Above this many nodes the figures come from the integer edge list
#: (:mod:`kg.analysis.measures.onedges`), and only the entities shown are labelled.
LARGE_GRAPH = EXACT_LIMIT


def _top(graph: nx.Graph, pairs: list[tuple[object, float]]) -> list[dict[str, object]]:
    return [
        {
            "id": str(node),
            "label": graph.nodes[node].get("label", str(node)),
            "class": graph.nodes[node].get("class", ""),
            "value": round(value, 6),
        }
        for node, value in pairs
    ]


def graph_figures(graph: nx.Graph, seed: int = 0, top: int = 10) -> dict[str, object]:
    """Density, components, diameter, degree distribution and communities of a projection."""
    found = communities(graph, seed=seed)
    return {
        "density": density(graph),
        "components": components(graph),
        "diameter": diameter(graph),
        "degree_distribution": {str(k): v for k, v in degree_distribution(graph).items()},
        "communities": {
            **{k: v for k, v in found.items() if k != "communities"},
            # each community's best-connected members first
            "largest": [
                [
                    graph.nodes[n].get("label", str(n))
                    for n in sorted(c, key=lambda n: (-graph.degree(n), str(n)))[:top]
                ]
                for c in found["communities"][:top]
            ],
        },
    }


def compute_stats(
    dataset: KGDataset,
    rules: ProjectionRules | None = None,
    measures: list[str] | None = None,
    top: int = 10,
    seed: int = 0,
    validated: bool | None = None,
    check: bool = True,
    progress: Callable[[int, int, str], None] | None = None,
    cache: Path | None = None,
) -> dict[str, object]:
    """Everything ``kg stats`` reports, as one dict (see the module docstring for the schema).

    ``validated=True`` says the sources are known valid (a current build);
    otherwise validation runs here, unless ``check=False`` (a remote endpoint,
    whose data kg did not load; its validation is then reported as unknown).
    ``cache`` is the current build's folder, where the projection's edge list
    is kept (:func:`kg.analysis.projection.project_edges`).

    Up to :data:`LARGE_GRAPH` nodes the measures run on the networkx
    projection; above, on its edge list, with labels read for the entities shown.
    """
    names = measures or list(CENTRALITIES)
    unknown = [m for m in names if m not in CENTRALITIES]
    if unknown:
        raise ValueError(
            f"unknown measure(s) {', '.join(unknown)}; known: {', '.join(CENTRALITIES)}"
        )
    steps = 3 + len(names)
    if progress:
        progress(0, steps, "census")
    # On pyoxigraph's own store the census goes to a thread: a build still loading
    # (in the background) holds it up, not the measures, which start at once when
    # the edge list is cached. Oxigraph evaluates a query holding the GIL, so once
    # the store is there the census and the measures take turns rather than run
    # side by side. A census saved beside the build is read instead.
    saved = saved_census(cache) if cache is not None else None
    census = None
    if saved is None and type(dataset) is KGDataset:
        census = Background(lambda: rdf_census(dataset), "kg-census")
    result = _stats(
        dataset, rules, names, top, seed, validated, check, progress, cache, census, saved
    )
    if saved is None and cache is not None:
        save_census(cache, result["rdf"])
    return result


def _stats(
    dataset: KGDataset,
    rules: ProjectionRules | None,
    names: list[str],
    top: int,
    seed: int,
    validated: bool | None,
    check: bool,
    progress: Callable[[int, int, str], None] | None,
    cache: Path | None,
    census: Background | None,
    saved: dict[str, object] | None,
) -> dict[str, object]:
    steps = 3 + len(names)
    result: dict[str, object] = {"schema": SCHEMA, "rdf": saved}
    if census is None and saved is None:
        result["rdf"] = rdf_census(dataset)
    if validated:
        result["validation"] = {"valid": True, "errors": 0, "source": "build"}
    elif not check:
        result["validation"] = {"valid": None, "errors": None, "source": "not checked"}
    else:
        report = validate(dataset)
        result["validation"] = {
            "valid": report.ok,
            "errors": len(report.errors),
            "source": "checked",
        }
    if progress:
        progress(1, steps, "projecting")
    edges = project_edges(dataset, rules, cache)
    if edges.node_count > LARGE_GRAPH:
        result.update(_large_stats(dataset, rules, edges, names, top, seed, progress, steps))
        if census is not None:
            if progress:
                progress(steps - 1, steps, "census")
            result["rdf"] = census.result()
        if progress:
            progress(steps, steps, "done")
        return result
    if census is not None:
        result["rdf"] = census.result()
    graph = project(dataset, rules)
    result["projection"] = {
        "rules": graph.graph["rules"],
        "nodes": graph.number_of_nodes(),
        "edges": graph.number_of_edges(),
    }
    if progress:
        progress(2, steps, "graph figures")
    result["graph"] = graph_figures(graph, seed=seed, top=top)
    result["measures"] = {}
    for done, name in enumerate(names, start=3):
        if progress:
            progress(done, steps, name)
        measure = CENTRALITIES[name](graph)
        result["measures"][name] = {
            "method": measure.method,
            "notes": measure.notes,
            "top": _top(graph, measure.top(top)),
        }
    if progress:
        progress(steps, steps, "done")
    return result


def _large_stats(
    dataset: KGDataset,
    rules: ProjectionRules | None,
    edges: object,  # EdgeList
    names: list[str],
    top: int,
    seed: int,
    progress: Callable[[int, int, str], None] | None,
    steps: int,
) -> dict[str, object]:
    """Projection, graph and measures from the edge list; labels for the entities shown."""
    from kg.analysis.measures import onedges as m

    if progress:
        progress(2, steps, "graph figures")
    found = m.communities_figures(edges, seed=seed)
    degree = m.degree_values(edges, "total")
    # each community's best-connected members first, as on the networkx path
    largest = [
        sorted(c, key=lambda i: (-degree[i], edges.nodes[i]))[:top]
        for c in found["communities"][:top]
    ]
    figures = {
        "density": m.density_value(edges),
        "components": m.components_figures(edges),
        "diameter": m.diameter_figure(edges),
        "degree_distribution": {str(k): v for k, v in m.degree_distribution_counts(edges).items()},
    }
    measured: dict[str, tuple[list[int], object, str, list[str]]] = {}
    for done, name in enumerate(names, start=3):
        if progress:
            progress(done, steps, name)
        values, method, notes = measure_on_edges(edges, name, seed)
        chosen = m.top_indices(values, top)
        measured[name] = (chosen, values, method, notes)
    if progress:
        progress(steps - 1, steps, "labels")
    shown = {i for c in largest for i in c} | {i for v in measured.values() for i in v[0]}
    described = project(dataset, rules, only={edges.nodes[i] for i in shown}, details=False)

    def label(i: int) -> str:
        node = edges.nodes[i]
        return described.nodes[node].get("label", node) if node in described else node

    return {
        "projection": {
            "rules": edges.rules,
            "nodes": edges.node_count,
            "edges": edges.edge_count,
        },
        "graph": {
            **figures,
            "communities": {
                **{k: v for k, v in found.items() if k != "communities"},
                "largest": [[label(i) for i in c] for c in largest],
            },
        },
        "measures": {
            name: {
                "method": method,
                "notes": notes,
                "top": [
                    {
                        "id": edges.nodes[i],
                        "label": label(i),
                        "class": described.nodes[edges.nodes[i]].get("class", "")
                        if edges.nodes[i] in described
                        else "",
                        "value": round(float(values[i]), 6),
                    }
                    for i in chosen
                ],
            }
            for name, (chosen, values, method, notes) in measured.items()
        },
    }


def measure_on_edges(edges: object, name: str, seed: int) -> tuple[object, str, list[str]]:
    """One of :data:`~kg.analysis.CENTRALITIES` on the edge list: values, method, notes."""
    from kg.analysis.measures import onedges as m

    undirected_note = [] if edges.directed else ["graph is undirected"]
    if name == "degree":
        return m.degree_values(edges), "exact", []
    if name in ("in_degree", "out_degree"):
        return m.degree_values(edges, name.split("_")[0]), "exact", undirected_note
    if name == "pagerank":
        return m.pagerank_values(edges), "exact", []
    if name == "betweenness":
        return (*m.betweenness_values(edges, seed=seed), [])
    if name == "closeness":
        return (*m.closeness_values(edges, seed=seed), [])
    return m.eigenvector_values(edges)
