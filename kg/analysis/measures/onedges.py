"""The measures on an :class:`~kg.analysis.edgelist.EdgeList`, in C (igraph, scipy).

The same formulas, sampling and seeds as the networkx measures, which call
these above :data:`~kg.analysis.measures.measure.SMALL` nodes; ``kg stats``
calls them directly on large graphs, never building a networkx graph. Values
are numpy arrays indexed like ``edges.nodes``.

Example:
    >>> from kg.analysis.edgelist import EdgeList
    >>> e = EdgeList.from_rows(["a", "b", "c"], [(0, 1, 1.0), (2, 1, 1.0)], True, {})
    >>> degree_values(e, "in").tolist(), components_figures(e)["sizes"]
    ([0.0, 2.0, 0.0], [3])
"""

from __future__ import annotations

import random
from collections import Counter

import numpy as np

from kg.analysis.edgelist import EdgeList
from kg.analysis.measures.indexed import distance_rows, sampled_dependencies
from kg.analysis.measures.measure import EXACT_LIMIT, SAMPLES, SMALL

#: Components above this many nodes get ARPACK (sparse); smaller ones a dense solver.
SPARSE_ABOVE = SMALL


def degree_values(edges: EdgeList, kind: str = "total") -> np.ndarray:
    """Edges at each node: ``in``, ``out`` or ``total`` (in and out on an undirected graph)."""
    n = edges.node_count
    into = np.bincount(edges.target, minlength=n).astype(np.float64)
    out = np.bincount(edges.source, minlength=n).astype(np.float64)
    if kind == "in" and edges.directed:
        return into
    if kind == "out" and edges.directed:
        return out
    return into + out


def _igraph(edges: EdgeList, directed: bool):  # -> igraph.Graph
    """The edge list as an igraph graph (directed, or its undirected :meth:`pairs`)
    and the weights, built once per edge list (the measures share it)."""
    key = ("igraph", directed)
    if key not in edges._memo:
        import igraph as ig

        if directed:
            ends, weights = (edges.source, edges.target), edges.weight
        else:
            u, v, weights = edges.pairs()
            ends = (u, v)
        # a list of tuples: igraph reads it three times faster than nested lists
        pairs = list(zip(ends[0].tolist(), ends[1].tolist(), strict=True))
        edges._memo[key] = (ig.Graph(n=edges.node_count, edges=pairs, directed=directed), weights)
    return edges._memo[key]


def pagerank_values(edges: EdgeList, alpha: float = 0.85) -> np.ndarray:
    """PageRank (igraph's PRPACK, an exact solve): direction and weights kept.

    Dangling nodes spread their rank evenly, as networkx does.
    """
    if edges.node_count == 0:
        return np.zeros(0)
    graph, weights = _igraph(edges, edges.directed)
    return np.array(
        graph.pagerank(directed=edges.directed, damping=alpha, weights=weights.tolist())
    )


def betweenness_values(
    edges: EdgeList, exact_limit: int = EXACT_LIMIT, samples: int = SAMPLES, seed: int = 0
) -> tuple[np.ndarray, str]:
    """Normalised undirected betweenness, and the method: exact, or from seeded sources."""
    n = edges.node_count
    graph, _weights = _igraph(edges, directed=False)
    if n <= 2:
        return np.zeros(n), "exact"
    if n <= exact_limit or n <= samples:
        pairs = np.array(graph.betweenness(directed=False))
        return pairs * (2 / ((n - 1) * (n - 2))), "exact"
    sources = sorted(random.Random(seed).sample(range(n), samples))
    # igraph counts each undirected path once; networkx's sum counts it from both ends
    pairs = sampled_dependencies(graph, sources)
    scale = 2 * (n / samples) / ((n - 1) * (n - 2))
    return pairs * scale, f"sampled: {samples} sources, seed {seed}"


def closeness_values(
    edges: EdgeList, exact_limit: int = EXACT_LIMIT, samples: int = SAMPLES, seed: int = 0
) -> tuple[np.ndarray, str]:
    """Closeness (Wasserman–Faust, as networkx), and the method: exact or sampled sources."""
    from kg.analysis.measures.closeness import closeness_array

    return closeness_array(edges.adjacency(), edges.node_count, exact_limit, samples, seed)


def _components(edges: EdgeList) -> tuple[int, np.ndarray]:
    from scipy.sparse.csgraph import connected_components

    return connected_components(edges.adjacency(), directed=False)


def components_figures(edges: EdgeList) -> dict[str, object]:
    """Count, sizes (largest first) and the largest component's share of the nodes."""
    n = edges.node_count
    if n == 0:
        return {"count": 0, "sizes": [], "largest_share": 0.0}
    _count, labels = _components(edges)
    sizes = sorted(np.bincount(labels).tolist(), reverse=True)
    return {"count": len(sizes), "sizes": sizes, "largest_share": round(sizes[0] / n, 6)}


def eigenvector_values(edges: EdgeList) -> tuple[np.ndarray, str, list[str]]:
    """Eigenvector centrality per component (weighted, undirected), scaled by component size.

    Each component's leading eigenvector is solved exactly: a dense solver for
    up to :data:`SPARSE_ABOVE` nodes (all components of one size at once),
    ARPACK above. Returns the values, the method and notes.
    """
    from scipy.sparse.linalg import eigsh

    n = edges.node_count
    values = np.zeros(n)
    if n == 0:
        return values, "eigensolver", []
    count, labels = _components(edges)
    sizes = np.bincount(labels)
    order = np.argsort(labels, kind="stable")  # members of each component, by index
    starts = np.concatenate([[0], np.cumsum(sizes)])
    position = np.empty(n, dtype=np.int64)
    position[order] = np.arange(n) - starts[labels[order]]
    pair = sizes[labels] == 2  # both ends of one edge: equal, whatever the weight
    values[pair] = sizes[labels[pair]] / n
    u, v, w = edges.pairs()
    sparse = False
    for size in np.unique(sizes[sizes > 2]).tolist():
        chosen = np.flatnonzero(sizes == size)
        if size > SPARSE_ABOVE:
            adjacency = edges.adjacency(weighted=True)
            for component in chosen.tolist():
                members = order[starts[component] : starts[component + 1]]
                sub = adjacency[members][:, members].astype(np.float64)
                _value, vector = eigsh(sub, k=1, which="LA", v0=np.ones(size), tol=0)
                part = np.abs(vector[:, 0])
                values[members] = part / (part.max() or 1.0) * (size / n)
            sparse = True
            continue
        slot = np.full(count, -1)
        slot[chosen] = np.arange(len(chosen))
        inside = slot[labels[u]] >= 0
        blocks = np.zeros((len(chosen), size, size))
        b, pu, pv = slot[labels[u[inside]]], position[u[inside]], position[v[inside]]
        blocks[b, pu, pv] = w[inside]
        blocks[b, pv, pu] = w[inside]
        _values, vectors = np.linalg.eigh(blocks)
        leading = np.abs(vectors[:, :, -1])
        leading /= np.where(leading.max(axis=1) > 0, leading.max(axis=1), 1.0)[:, None]
        members = np.concatenate([order[starts[c] : starts[c + 1]] for c in chosen.tolist()])
        values[members] = (leading * (size / n)).ravel()
    notes = []
    if sparse:
        notes.append(f"components over {SPARSE_ABOVE} nodes solved with a sparse eigensolver")
    if count > 1:
        notes.append(f"{count} components: each computed alone, scaled by its size")
    return values, "eigensolver (dense per component, ARPACK for large ones)", notes


def communities_figures(
    edges: EdgeList, seed: int = 0, resolution: float = 1.0, exact_limit: int = EXACT_LIMIT
) -> dict[str, object]:
    """Louvain communities of node indices, largest first (networkx's up to ``exact_limit``
    nodes, igraph's multilevel above), with modularity and seed."""
    from kg.analysis.measures.communities import community_result, louvain_groups

    n = edges.node_count
    u, v, w = edges.pairs()
    graph = _igraph(edges, directed=False)[0] if len(u) and n > exact_limit else None
    pairs = list(zip(u.tolist(), v.tolist(), strict=True))
    found, quality, method = louvain_groups(
        n, pairs, w.tolist(), seed, resolution, exact_limit, graph
    )
    ordered = sorted((sorted(c) for c in found), key=lambda c: (-len(c), c[0]))
    return community_result(ordered, quality, method, seed)


def diameter_figure(edges: EdgeList, exact_limit: int = EXACT_LIMIT) -> dict[str, object]:
    """Diameter of the largest component: exact, or a 2-sweep lower bound above ``exact_limit``."""
    if edges.node_count == 0:
        return {"value": 0, "method": "exact", "component_nodes": 0}
    _count, labels = _components(edges)
    sizes = np.bincount(labels)
    largest = np.flatnonzero(labels == int(np.argmax(sizes)))
    adjacency = edges.adjacency()
    if len(largest) <= exact_limit:
        longest = max(int(d[:, largest].max()) for _c, d in distance_rows(adjacency, largest))
        return {"value": longest, "method": "exact", "component_nodes": len(largest)}
    start = int(largest[random.Random(0).randrange(len(largest))])
    _c, first = next(distance_rows(adjacency, [start]))
    far = int(np.argmax(np.where(np.isfinite(first[0]), first[0], -1)))
    _c, second = next(distance_rows(adjacency, [far]))
    value = int(np.max(np.where(np.isfinite(second[0]), second[0], -1)))
    return {
        "value": value,
        "method": "2-sweep lower bound, seed 0",
        "component_nodes": len(largest),
    }


def density_value(edges: EdgeList) -> float:
    """Edges present over edges possible (as networkx counts them)."""
    n = edges.node_count
    if n <= 1:
        return 0.0
    possible = n * (n - 1) if edges.directed else n * (n - 1) / 2
    return round(edges.edge_count / possible, 6)


def degree_distribution_counts(edges: EdgeList) -> dict[int, int]:
    """How many nodes have each total degree, by degree."""
    return dict(sorted(Counter(degree_values(edges).astype(int).tolist()).items()))


def top_indices(values: np.ndarray, k: int) -> list[int]:
    """The indices of the k highest values, ties by index (node name), as ``Measure.top``."""
    order = np.lexsort((np.arange(len(values)), -values))
    return order[:k].tolist()
