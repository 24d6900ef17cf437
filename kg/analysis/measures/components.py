"""Connected components (ignoring direction).

Example:
    >>> import networkx as nx
    >>> components(nx.Graph([(1, 2), (3, 4), (4, 5)]))["sizes"]
    [3, 2]
"""

from __future__ import annotations

import networkx as nx

from kg.analysis.measures.measure import undirected


def components(graph: nx.Graph) -> dict[str, object]:
    """Count, sizes (largest first) and the largest component's share of the nodes."""
    sizes = sorted((len(c) for c in nx.connected_components(undirected(graph))), reverse=True)
    n = graph.number_of_nodes()
    return {
        "count": len(sizes),
        "sizes": sizes,
        "largest_share": round(sizes[0] / n, 6) if n else 0.0,
    }
