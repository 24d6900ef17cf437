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

import networkx as nx

from kg.analysis.measure import undirected


def communities(graph: nx.Graph, seed: int = 0, resolution: float = 1.0) -> dict[str, object]:
    """Louvain communities, largest first, with their modularity and the seed used."""
    view = undirected(graph)
    # Louvain walks sets of nodes, and string hashes change from one process to
    # the next: it runs on integers given in sorted node order to repeat exactly.
    nodes = sorted(view.nodes, key=str)
    number = {node: i for i, node in enumerate(nodes)}
    ints = nx.Graph()
    ints.add_nodes_from(range(len(nodes)))
    ints.add_weighted_edges_from(
        sorted((number[a], number[b], d.get("weight", 1)) for a, b, d in view.edges(data=True))
    )
    if ints.number_of_edges() == 0:
        found = [{i} for i in ints.nodes]
        quality = 0.0
    else:
        found = nx.community.louvain_communities(
            ints, weight="weight", resolution=resolution, seed=seed
        )
        quality = nx.community.modularity(ints, found, weight="weight", resolution=resolution)
    ordered = sorted(
        ([nodes[i] for i in sorted(c)] for c in found), key=lambda c: (-len(c), str(c[0]))
    )
    return {
        "method": "louvain",
        "seed": seed,
        "count": len(ordered),
        "modularity": round(quality, 6),
        "sizes": [len(c) for c in ordered],
        "communities": ordered,
    }
