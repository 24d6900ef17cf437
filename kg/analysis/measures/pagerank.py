"""PageRank, following edge direction and weights.

Example:
    >>> import networkx as nx
    >>> m = pagerank(nx.DiGraph([("a", "b"), ("c", "b")]))
    >>> max(m.values, key=m.values.get)
    'b'
    >>> round(sum(m.values.values()), 6)
    1.0
"""

from __future__ import annotations

import networkx as nx

from kg.analysis.measures.measure import Measure


def pagerank(graph: nx.Graph, alpha: float = 0.85) -> Measure:
    """PageRank with damping ``alpha`` (weights are the number of triples per edge)."""
    if graph.number_of_nodes() == 0:
        return Measure("pagerank", {})
    return Measure("pagerank", nx.pagerank(graph, alpha=alpha, weight="weight"))
