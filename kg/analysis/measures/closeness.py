"""Closeness: how near a node is to all others (undirected, Wasserman–Faust for
disconnected graphs, as networkx computes it).

Above :data:`SMALL` nodes the breadth-first searches run in C (scipy); above
:data:`EXACT_LIMIT` nodes it is estimated from breadth-first searches out
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
import numpy as np

from kg.analysis.measures.indexed import distance_rows, indexed
from kg.analysis.measures.measure import BFS_SMALL, EXACT_LIMIT, SAMPLES, Measure, undirected


def closeness(
    graph: nx.Graph, exact_limit: int = EXACT_LIMIT, samples: int = SAMPLES, seed: int = 0
) -> Measure:
    """Closeness centrality; estimated from sampled sources above ``exact_limit`` nodes.

    Up to :data:`SMALL` nodes networkx computes it; above, breadth-first searches
    in C (scipy) from every node, with the same formula.
    """
    view = undirected(graph)
    n = view.number_of_nodes()
    if n <= BFS_SMALL:
        return Measure("closeness", nx.closeness_centrality(view))
    nodes, adjacency = indexed(view)
    values, method = closeness_array(adjacency, n, exact_limit, samples, seed)
    return Measure("closeness", dict(zip(nodes, values.tolist(), strict=True)), method=method)


def closeness_array(
    adjacency: object, n: int, exact_limit: int = EXACT_LIMIT, samples: int = SAMPLES, seed: int = 0
) -> tuple[np.ndarray, str]:
    """Closeness of nodes ``0..n-1`` of a sparse adjacency matrix, and the method.

    Exact up to ``exact_limit`` nodes: networkx's formula (Wasserman–Faust),
    (r - 1) / total * (r - 1) / (n - 1), where a node reaches r nodes (itself
    included) at distances adding up to total. Above, estimated from
    breadth-first searches out of ``samples`` seeded sources. Both the networkx
    path (:func:`closeness`) and the edge-list path use it.
    """
    if n <= exact_limit or n <= samples:
        values = np.zeros(n)
        for chunk, distances in distance_rows(adjacency, range(n)):
            finite = np.isfinite(distances)
            total = np.where(finite, distances, 0).sum(axis=1)
            others = finite.sum(axis=1) - 1
            with np.errstate(divide="ignore", invalid="ignore"):
                result = np.where(total > 0, others / total * others / max(n - 1, 1), 0.0)
            values[list(chunk)] = result
        return values, "exact"
    sources = random.Random(seed).sample(range(n), samples)
    total = np.zeros(n)
    reached = np.zeros(n)
    for _chunk, distances in distance_rows(adjacency, sources):
        finite = np.isfinite(distances)
        total += np.where(finite, distances, 0).sum(axis=0)
        reached += finite.sum(axis=0)
    # reached / total is the inverse mean distance to the sampled sources that
    # reach the node; scale by the share of the graph they stand for.
    with np.errstate(divide="ignore", invalid="ignore"):
        estimate = np.where(total > 0, (reached / total) * (reached / samples), 0.0)
    return estimate, f"sampled: {samples} sources, seed {seed}"
