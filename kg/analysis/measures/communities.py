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
    method = "louvain"
    if not edges:
        found = [{i} for i in range(len(nodes))]
        quality = 0.0
    elif len(nodes) > exact_limit:
        found, quality = _igraph_louvain(len(nodes), edges, seed, resolution)
        method = "louvain (igraph multilevel)"
    else:
        ints = nx.Graph()
        ints.add_nodes_from(range(len(nodes)))
        ints.add_weighted_edges_from(edges)
        found = nx.community.louvain_communities(
            ints, weight="weight", resolution=resolution, seed=seed
        )
        quality = nx.community.modularity(ints, found, weight="weight", resolution=resolution)
    ordered = sorted(
        ([nodes[i] for i in sorted(c)] for c in found), key=lambda c: (-len(c), str(c[0]))
    )
    return {
        "method": method,
        "seed": seed,
        "count": len(ordered),
        "modularity": round(quality, 6),
        "sizes": [len(c) for c in ordered],
        "communities": ordered,
    }


def _igraph_louvain(
    n: int, edges: list[tuple[int, int, float]], seed: int, resolution: float
) -> tuple[list[set[int]], float]:
    import igraph as ig

    g = ig.Graph(n=n, edges=[(a, b) for a, b, _w in edges])
    weights = [float(w) for _a, _b, w in edges]
    ig.set_random_number_generator(random.Random(seed))
    try:
        clustering = g.community_multilevel(weights=weights, resolution=resolution)
    finally:  # igraph's default generator is the random module
        ig.set_random_number_generator(random)
    groups: dict[int, set[int]] = {}
    for node, community in enumerate(clustering.membership):
        groups.setdefault(community, set()).add(node)
    quality = g.modularity(clustering.membership, weights=weights, resolution=resolution)
    return list(groups.values()), quality
