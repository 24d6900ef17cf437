"""Closeness: how near a node is to all others (undirected, Wasserman–Faust for
disconnected graphs, as networkx computes it).

Above :data:`EXACT_LIMIT` nodes it is estimated from breadth-first searches out
of :data:`SAMPLES` seeded source nodes (distances are symmetric, so each search
gives every node's distance to that source).

Example:
    >>> import networkx as nx
    >>> m = closeness(nx.star_graph(3))
    >>> m.values[0], round(m.values[1], 4)
    (1.0, 0.6)
"""

from __future__ import annotations

import random

import networkx as nx

from kg.analysis.measure import EXACT_LIMIT, SAMPLES, Measure, undirected


def closeness(
    graph: nx.Graph, exact_limit: int = EXACT_LIMIT, samples: int = SAMPLES, seed: int = 0
) -> Measure:
    """Closeness centrality; estimated from sampled sources above ``exact_limit`` nodes."""
    view = undirected(graph)
    n = view.number_of_nodes()
    if n <= exact_limit or n <= samples:
        return Measure("closeness", nx.closeness_centrality(view))
    sources = random.Random(seed).sample(sorted(view.nodes, key=str), samples)
    total = dict.fromkeys(view.nodes, 0)
    reached = dict.fromkeys(view.nodes, 0)
    for source in sources:
        for node, distance in nx.single_source_shortest_path_length(view, source).items():
            total[node] += distance
            reached[node] += 1
    values = {}
    for node in view.nodes:
        if total[node] == 0:
            values[node] = 0.0
            continue
        # reached / total is the inverse mean distance to the sampled sources that
        # reach the node; scale by the share of the graph they stand for.
        share = reached[node] / samples
        values[node] = (reached[node] / total[node]) * share
    return Measure("closeness", values, method=f"sampled: {samples} sources, seed {seed}")
