"""Betweenness: how often a node lies on shortest paths between others (undirected).

Exact betweenness costs O(nodes x edges); above :data:`EXACT_LIMIT` nodes it is
estimated from :data:`SAMPLES` source nodes drawn with a fixed seed.

Example:
    >>> import networkx as nx
    >>> m = betweenness(nx.path_graph(3))
    >>> m.values, m.method
    ({0: 0.0, 1: 1.0, 2: 0.0}, 'exact')
"""

from __future__ import annotations

import networkx as nx

from kg.analysis.measure import EXACT_LIMIT, SAMPLES, Measure, undirected


def betweenness(
    graph: nx.Graph, exact_limit: int = EXACT_LIMIT, samples: int = SAMPLES, seed: int = 0
) -> Measure:
    """Normalised betweenness on the undirected graph; sampled above ``exact_limit`` nodes."""
    view = undirected(graph)
    n = view.number_of_nodes()
    if n <= exact_limit or n <= samples:
        return Measure("betweenness", nx.betweenness_centrality(view, normalized=True))
    values = nx.betweenness_centrality(view, k=samples, normalized=True, seed=seed)
    return Measure("betweenness", values, method=f"sampled: {samples} sources, seed {seed}")
