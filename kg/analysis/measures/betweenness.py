"""Betweenness: how often a node lies on shortest paths between others (undirected).

Exact betweenness costs O(nodes x edges); above :data:`EXACT_LIMIT` nodes it is
estimated from :data:`SAMPLES` source nodes drawn with a fixed seed: the
dependencies of those sources (igraph's subset betweenness, in C) scaled by
nodes / samples, the estimator networkx uses for ``k`` samples.

Example:
    >>> import networkx as nx
    >>> m = betweenness(nx.path_graph(3))
    >>> m.values, m.method
    ({0: 0.0, 1: 1.0, 2: 0.0}, 'exact')
"""

from __future__ import annotations

import random

import networkx as nx

from kg.analysis.measures.indexed import indexed, sampled_dependencies, to_igraph
from kg.analysis.measures.measure import EXACT_LIMIT, SAMPLES, SMALL, Measure, undirected


def betweenness(
    graph: nx.Graph, exact_limit: int = EXACT_LIMIT, samples: int = SAMPLES, seed: int = 0
) -> Measure:
    """Normalised betweenness on the undirected graph; sampled above ``exact_limit`` nodes."""
    view = undirected(graph)
    n = view.number_of_nodes()
    if n <= SMALL:  # networkx: below this, importing igraph costs more than it saves
        return Measure("betweenness", nx.betweenness_centrality(view, normalized=True))
    nodes, adjacency = indexed(view)
    if n <= exact_limit or n <= samples:
        pairs = to_igraph(nodes, adjacency).betweenness(directed=False)
        scale = 2 / ((n - 1) * (n - 2))
        return Measure("betweenness", {node: pairs[i] * scale for i, node in enumerate(nodes)})
    sources = sorted(random.Random(seed).sample(range(n), samples))
    # igraph counts each undirected path once; networkx's sum counts it from both ends
    pairs = sampled_dependencies(to_igraph(nodes, adjacency), sources)
    scale = 2 * (n / samples) / ((n - 1) * (n - 2))
    values = {node: pairs[i] * scale for i, node in enumerate(nodes)}
    return Measure("betweenness", values, method=f"sampled: {samples} sources, seed {seed}")
