"""``kg stats`` as a library call: census, projection, graph figures and top entities.

The result is one JSON-ready dict with a stable schema (``"schema": "kg-stats/1"``):

- ``rdf``: the census (:func:`kg.analysis.census.rdf_census`): classes, predicates
  and datatypes of the facts, and under ``ontology`` the ontology's own counts;
- ``validation``: ``{"valid": bool, "errors": int, "source": "build" | "checked"}``;
- ``projection``: the rules used and the numbers of nodes and edges;
- ``graph``: density, components, diameter, degree distribution, communities
  (``largest``: the members of the largest communities, best-connected first);
- ``measures``: for each measure, its method, notes and ``top`` list of
  ``{"id", "label", "class", "value"}``.
"""

from __future__ import annotations

from collections.abc import Callable

import networkx as nx

from kg.analysis import (
    CENTRALITIES,
    communities,
    components,
    degree_distribution,
    density,
    diameter,
)
from kg.analysis.census import rdf_census
from kg.analysis.projection import ProjectionRules, project
from kg.data.dataset import KGDataset
from kg.validation import validate

SCHEMA = "kg-stats/1"


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
) -> dict[str, object]:
    """Everything ``kg stats`` reports, as one dict (see the module docstring for the schema).

    ``validated=True`` says the sources are known valid (a current build);
    otherwise validation runs here, unless ``check=False`` (a remote endpoint,
    whose data kg did not load; its validation is then reported as unknown).
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
    result: dict[str, object] = {"schema": SCHEMA, "rdf": rdf_census(dataset)}
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
