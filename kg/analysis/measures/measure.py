"""The result of a centrality measure."""

from __future__ import annotations

from dataclasses import dataclass, field

import networkx as nx

#: Above this many nodes, O(nodes x edges) measures are sampled or approximated.
EXACT_LIMIT = 5000
#: Number of source nodes sampled when a measure is estimated.
SAMPLES = 256
#: Up to this many nodes networkx computes a measure; above, a C library does
#: (igraph, scipy), with the same formula.
SMALL = 200
#: Up to this many nodes networkx runs the breadth-first searches of the diameter
#: and closeness; above, scipy runs the same searches in C (exact either way, and
#: faster from a few dozen nodes on; scipy is loaded for the projection anyway).
BFS_SMALL = 50


@dataclass
class Measure:
    """Values of one measure for every node, and how they were computed.

    Example:
        >>> m = Measure("degree", {"a": 2.0, "b": 1.0, "c": 2.0})
        >>> m.top(2)
        [('a', 2.0), ('c', 2.0)]
    """

    name: str
    values: dict[object, float]
    method: str = "exact"
    notes: list[str] = field(default_factory=list)

    def top(self, k: int) -> list[tuple[object, float]]:
        """The k highest values, ties broken by node key (so results repeat)."""
        return sorted(self.values.items(), key=lambda kv: (-kv[1], str(kv[0])))[:k]


def undirected(graph: nx.Graph) -> nx.Graph:
    """The graph without direction (a view when it already has none)."""
    return graph.to_undirected(as_view=True) if graph.is_directed() else graph
