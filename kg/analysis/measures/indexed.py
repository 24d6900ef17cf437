"""A graph as integer-indexed arrays, for the measures that run in C on large graphs.

Example:
    >>> import networkx as nx
    >>> nodes, adjacency = indexed(nx.Graph([("b", "a"), ("a", "a"), ("a", "b")]))
    >>> nodes, adjacency.toarray().tolist()
    (['a', 'b'], [[0, 1], [1, 0]])
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import networkx as nx
import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import shortest_path

#: Sources searched at once (a chunk's distances take CHUNK x nodes floats).
CHUNK = 32


def indexed(graph: nx.Graph) -> tuple[list, sp.csr_array]:
    """The nodes sorted by name and the symmetric 0/1 adjacency among them (no loops).

    Parallel edges count once and direction is dropped, as a breadth-first
    search over ``graph.to_undirected()`` sees them.
    """
    nodes = sorted(graph.nodes, key=str)
    index = {node: i for i, node in enumerate(nodes)}
    pairs = np.array(
        [(index[a], index[b]) for a, b in graph.edges() if a != b], dtype=np.int64
    ).reshape(-1, 2)
    rows = np.concatenate([pairs[:, 0], pairs[:, 1]])
    cols = np.concatenate([pairs[:, 1], pairs[:, 0]])
    ones = np.ones(len(rows), dtype=np.int8)
    adjacency = sp.csr_array((ones, (rows, cols)), shape=(len(nodes), len(nodes)))
    adjacency.sum_duplicates()
    adjacency.data[:] = 1
    return nodes, adjacency


def to_igraph(nodes: list, adjacency: sp.csr_array):  # -> igraph.Graph
    """The same graph for igraph (undirected, simple), vertex i being ``nodes[i]``."""
    import igraph as ig

    upper = sp.triu(adjacency, k=1).tocoo()
    return ig.Graph(
        n=len(nodes), edges=list(zip(upper.row.tolist(), upper.col.tolist(), strict=True))
    )


def sampled_dependencies(graph: object, sources: Sequence[int]) -> np.ndarray:  # igraph.Graph
    """igraph's undirected betweenness from ``sources`` only, :data:`CHUNK` sources a call.

    The dependencies of the sources add up, so the chunks' sum is one call's
    answer. igraph holds the GIL for a whole call; between calls a thread that
    waits for it (``kg stats`` runs its census in one) gets its turn.

    Example:
        >>> import igraph as ig
        >>> sampled_dependencies(ig.Graph([(0, 1), (1, 2)]), [0]).tolist()
        [0.0, 0.5, 0.0]
    """
    total = np.zeros(graph.vcount())
    for start in range(0, len(sources), CHUNK):
        chunk = list(sources[start : start + CHUNK])
        total += np.array(graph.betweenness(sources=chunk, directed=False))
    return total


def distance_rows(
    adjacency: sp.csr_array, sources: Sequence[int]
) -> Iterator[tuple[Sequence[int], np.ndarray]]:
    """Breadth-first distances (in C) from ``sources``, :data:`CHUNK` sources at a time.

    Yields each chunk of sources with its rows of distances to every node
    (``inf`` where a node is not reached).

    Example:
        >>> import networkx as nx
        >>> _nodes, adjacency = indexed(nx.path_graph(3))
        >>> [(list(s), d.tolist()) for s, d in distance_rows(adjacency, [0])]
        [([0], [[0.0, 1.0, 2.0]])]
    """
    for start in range(0, len(sources), CHUNK):
        chunk = sources[start : start + CHUNK]
        yield chunk, shortest_path(adjacency, unweighted=True, indices=list(chunk))
