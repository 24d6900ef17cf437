"""Whole-graph figures: density, diameter, degree distribution.

Example:
    >>> import networkx as nx
    >>> g = nx.path_graph(4)
    >>> density(g), diameter(g)["value"], degree_distribution(g)
    (0.5, 3, {1: 2, 2: 2})
"""

from __future__ import annotations

from collections import Counter

import networkx as nx

from kg.analysis.measures.indexed import distance_rows, indexed
from kg.analysis.measures.measure import BFS_SMALL, EXACT_LIMIT, undirected


def density(graph: nx.Graph) -> float:
    """Edges present over edges possible."""
    return round(nx.density(graph), 6)


def diameter(graph: nx.Graph, exact_limit: int = EXACT_LIMIT) -> dict[str, object]:
    """Diameter of the largest component: exact, or a 2-sweep lower bound above ``exact_limit``."""
    view = undirected(graph)
    if view.number_of_nodes() == 0:
        return {"value": 0, "method": "exact", "component_nodes": 0}
    largest = max(nx.connected_components(view), key=len)
    sub = view.subgraph(largest)
    if len(largest) <= min(BFS_SMALL, exact_limit):
        return {"value": nx.diameter(sub), "method": "exact", "component_nodes": len(largest)}
    if len(largest) <= exact_limit:
        _nodes, adjacency = indexed(sub)
        longest = max(int(d.max()) for _c, d in distance_rows(adjacency, range(len(largest))))
        return {"value": longest, "method": "exact", "component_nodes": len(largest)}
    from kg.analysis.edgelist import EdgeList
    from kg.analysis.measures.onedges import diameter_figure

    return diameter_figure(EdgeList.from_graph(graph), exact_limit)


def degree_distribution(graph: nx.Graph) -> dict[int, int]:
    """How many nodes have each total degree, by degree."""
    return dict(sorted(Counter(d for _n, d in graph.degree()).items()))
