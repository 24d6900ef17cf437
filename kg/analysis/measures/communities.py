"""Communities by Louvain modularity (undirected, weighted), seeded so they repeat.

Example:
    >>> import networkx as nx
    >>> g = nx.union(nx.complete_graph(4), nx.complete_graph(range(4, 8)))
    >>> g.add_edge(0, 4)
    >>> result = communities(g, seed=1)
    >>> result["communities"]
    [[0, 1, 2, 3], [4, 5, 6, 7]]
"""

from __future__ import annotations

import random

import networkx as nx

from kg.analysis.measures.measure import EXACT_LIMIT, undirected


def communities(
    graph: nx.Graph, seed: int = 0, resolution: float = 1.0, exact_limit: int = EXACT_LIMIT
) -> dict[str, object]:
    """Louvain communities, largest first, with their modularity and the seed used.

    Up to ``exact_limit`` nodes networkx finds them; above, igraph's multilevel
    algorithm (the same method, in C) with a generator seeded the same way.
    """
    view = undirected(graph)
    # Louvain walks sets of nodes, and string hashes change from one process to
    # the next: it runs on integers given in sorted node order to repeat exactly.
    nodes = sorted(view.nodes, key=str)
    number = {node: i for i, node in enumerate(nodes)}
    edges = sorted(
        (min(number[a], number[b]), max(number[a], number[b]), d.get("weight", 1))
        for a, b, d in view.edges(data=True)
    )
    found, quality, method = louvain_groups(
        len(nodes),
        [(a, b) for a, b, _w in edges],
        [w for _a, _b, w in edges],
        seed,
        resolution,
        exact_limit,
    )
    ordered = sorted(
        ([nodes[i] for i in sorted(c)] for c in found), key=lambda c: (-len(c), str(c[0]))
    )
    return community_result(ordered, quality, method, seed)


def louvain_groups(
    n: int,
    pairs: list[tuple[int, int]],
    weights: list[float],
    seed: int = 0,
    resolution: float = 1.0,
    exact_limit: int = EXACT_LIMIT,
    graph: object = None,
) -> tuple[list[set[int]], float, str]:
    """Louvain groups of nodes ``0..n-1`` joined by weighted ``pairs``, the modularity, the method.

    networkx's Louvain up to ``exact_limit`` nodes (on the pairs in the order
    given, so that the seed repeats the result); igraph's multilevel algorithm
    above, on ``graph`` when the caller already has it as an undirected igraph
    graph of the same pairs. Both the networkx path (:func:`communities`) and
    the edge-list path use it.

    Example:
        >>> groups, quality, method = louvain_groups(4, [(0, 1), (2, 3)], [1.0, 1.0])
        >>> sorted(sorted(g) for g in groups), round(quality, 2), method
        ([[0, 1], [2, 3]], 0.5, 'louvain')
    """
    if not pairs:
        return [{i} for i in range(n)], 0.0, "louvain"
    if n > exact_limit:
        import igraph as ig

        if graph is None:
            graph = ig.Graph(n=n, edges=pairs)
        floats = [float(w) for w in weights]
        ig.set_random_number_generator(random.Random(seed))
        try:
            clustering = graph.community_multilevel(weights=floats, resolution=resolution)
        finally:  # igraph's default generator is the random module
            ig.set_random_number_generator(random)
        groups: dict[int, set[int]] = {}
        for node, community in enumerate(clustering.membership):
            groups.setdefault(community, set()).add(node)
        quality = graph.modularity(clustering.membership, weights=floats, resolution=resolution)
        return list(groups.values()), quality, "louvain (igraph multilevel)"
    ints = nx.Graph()
    ints.add_nodes_from(range(n))
    ints.add_weighted_edges_from((a, b, w) for (a, b), w in zip(pairs, weights, strict=True))
    found = nx.community.louvain_communities(
        ints, weight="weight", resolution=resolution, seed=seed
    )
    quality = nx.community.modularity(ints, found, weight="weight", resolution=resolution)
    return found, quality, "louvain"


def community_result(
    ordered: list[list], quality: float, method: str, seed: int
) -> dict[str, object]:
    """The communities figure as every output gives it: ``ordered`` largest first."""
    return {
        "method": method,
        "seed": seed,
        "count": len(ordered),
        "modularity": round(quality, 6),
        "sizes": [len(c) for c in ordered],
        "communities": ordered,
    }
