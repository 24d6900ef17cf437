"""The page of a large graph from its integer edge list: only what is drawn is projected.

Above :data:`~kg.pages.page.MAX_DRAWN` nodes a page shows the top
:data:`~kg.pages.page.TOP_DRAWN` nodes by the size measure and the communities
of the rest as clusters that open on click (:func:`kg.pages.page.render_page`).
On a graph above :data:`kg.analysis.stats.LARGE_GRAPH` nodes as well, this
module makes the same page without the whole networkx projection: the measure,
the ranking and the communities come from the edge list
(:func:`kg.analysis.projection.project_edges`), the links of the clusters are
counted with numpy, and only the top nodes are projected with their details;
the members of the clusters are projected with their label and class, and
their edges come from the edge list (weight, no predicates). The layout covers
the top nodes and one node per cluster, as on the networkx path.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import TYPE_CHECKING

import networkx as nx
import numpy as np

from kg.pages.layout import LARGE_COMPONENT

if TYPE_CHECKING:
    from kg.analysis.edgelist import EdgeList
    from kg.analysis.projection import ProjectionRules
    from kg.data.dataset import KGDataset


def large_view(
    dataset: KGDataset,
    rules: ProjectionRules | None,
    size_by: str,
    cache: Path | None,
    above: int,
    top: int,
) -> tuple[nx.Graph, dict[str, float], ClusterStructure] | None:
    """What the page of a graph above ``above`` nodes needs, from the edge list.

    The graph holds every node (the ``top`` ones by ``size_by`` with their
    details, the others with label and class) and every edge (among the top
    ones with predicates and articles, the others with their weight); returns
    it with the measure's values and the :class:`ClusterStructure`. None when
    the graph has at most ``above`` nodes.
    """
    from kg.analysis import stats
    from kg.analysis.projection import project, project_edges

    edges = project_edges(dataset, rules, cache)
    if edges.node_count <= above:
        return None
    values, _method, _notes = stats.measure_on_edges(edges, size_by, 0)
    structure = cluster_structure(edges, values, top)
    names = edges.nodes
    chosen = {names[i] for i in structure.shown}
    graph = project(dataset, rules, only=chosen)
    rest = project(dataset, rules, only=set(names) - chosen, details=False)
    graph.add_nodes_from(rest.nodes(data=True))
    graph.add_nodes_from(
        (n, {"label": n, "class": "", "aliases": [], "articles": []})
        for n in names
        if n not in graph
    )
    shown_mask = np.zeros(edges.node_count, dtype=bool)
    shown_mask[structure.shown] = True
    outside = ~(shown_mask[edges.source] & shown_mask[edges.target])
    graph.add_edges_from(
        (names[s], names[t], {"weight": w})
        for s, t, w in zip(
            edges.source[outside].tolist(),
            edges.target[outside].tolist(),
            _weights(edges.weight[outside]),
            strict=True,
        )
    )
    return graph, dict(zip(names, values.tolist(), strict=True)), structure


def cluster_parts(n: int, u: np.ndarray, v: np.ndarray) -> list[list[int]]:
    """Louvain communities (unweighted, seed 0) of nodes ``0..n-1`` joined by pairs ``u < v``.

    The pairs come sorted, so the same graph gives the same communities whether
    it was a networkx graph or an edge list. Largest first, members ascending.

    Example:
        >>> cluster_parts(5, np.array([0, 0, 1, 3]), np.array([1, 2, 2, 4]))
        [[0, 1, 2], [3, 4]]
    """
    if n > LARGE_COMPONENT:
        import igraph as ig

        graph = ig.Graph(n=n, edges=np.column_stack([u, v]).tolist())
        ig.set_random_number_generator(random.Random(0))
        try:
            membership = np.array(graph.community_multilevel().membership)
        finally:
            ig.set_random_number_generator(random)
        order = np.argsort(membership, kind="stable")
        cuts = np.flatnonzero(np.diff(membership[order])) + 1
        parts = [part.tolist() for part in np.split(order, cuts)] if n else []
    else:
        numbered = nx.Graph()
        numbered.add_nodes_from(range(n))
        numbered.add_edges_from(zip(u.tolist(), v.tolist(), strict=True))
        parts = [sorted(c) for c in nx.community.louvain_communities(numbered, seed=0)]
    return sorted(parts, key=lambda c: (-len(c), c[0]))


def _weights(weights: np.ndarray) -> list:
    """Edge weights as the networkx projection has them: whole numbers as ints."""
    if np.all(weights == np.round(weights)):
        return weights.astype(np.int64).tolist()
    return weights.tolist()


class ClusterStructure:
    """The top nodes, the clusters of the rest and the links among them, as node indices.

    Attributes:
        shown: the top nodes by the measure, largest first (ties by name).
        members: each cluster's members (the community less its top nodes),
            largest by the measure first; clusters in the order of their communities.
        links: ``(a, b, count)``: edges between a cluster and a top node or
            another cluster; an end ``x >= n`` is cluster ``x - n``.
        inner: the edges among the top nodes, ``a < b``.
    """

    def __init__(
        self,
        n: int,
        shown: list[int],
        members: list[list[int]],
        links: list[tuple[int, int, int]],
        inner: list[tuple[int, int]],
    ) -> None:
        self.n = n
        self.shown = shown
        self.members = members
        self.links = links
        self.inner = inner

    def named_links(self, names: list[str]) -> dict[tuple[str, str], int]:
        """The links keyed by names (``cluster:i`` for a cluster), each key ordered by name."""

        def name(x: int) -> str:
            return names[x] if x < self.n else f"cluster:{x - self.n}"

        found = {}
        for a, b, count in self.links:
            first, second = name(a), name(b)
            found[(first, second) if first < second else (second, first)] = count
        return found


def cluster_structure(edges: EdgeList, values: np.ndarray, top: int) -> ClusterStructure:
    """The top ``top`` nodes by ``values``, the communities of the rest, and their links.

    The same as :func:`kg.pages.page._clusters` finds on the networkx graph.

    Example:
        >>> from kg.analysis.edgelist import EdgeList
        >>> e = EdgeList.from_rows(list("abcde"), [(0, 1, 1.0), (1, 2, 1.0), (3, 4, 1.0)], False, {})
        >>> s = cluster_structure(e, np.array([3.0, 2.0, 1.0, 1.0, 0.5]), 1)
        >>> s.shown, s.members, s.links
        ([0], [[1, 2], [3, 4]], [(0, 5, 1)])
    """
    from kg.analysis.measures.onedges import top_indices

    n = edges.node_count
    ranked = top_indices(values, n)
    shown = ranked[:top]
    is_shown = np.zeros(n, dtype=bool)
    is_shown[shown] = True
    u, v, _w = edges.pairs()
    position = np.empty(n, dtype=np.int64)
    position[ranked] = np.arange(n)  # rank: by value, ties by index (name)
    owner = np.arange(n, dtype=np.int64)
    members: list[list[int]] = []
    for part in cluster_parts(n, u, v):
        chosen = np.array(part, dtype=np.int64)
        rest = chosen[~is_shown[chosen]]
        if len(rest):
            rest = rest[np.argsort(position[rest], kind="stable")]
            owner[rest] = n + len(members)
            members.append(rest.tolist())
    a, b = owner[u], owner[v]
    linked = (a != b) & ((a >= n) | (b >= n))
    low, high = np.minimum(a, b)[linked], np.maximum(a, b)[linked]
    span = n + len(members)
    keys, counts = np.unique(low * span + high, return_counts=True)
    links = list(zip((keys // span).tolist(), (keys % span).tolist(), counts.tolist(), strict=True))
    both = is_shown[u] & is_shown[v]
    inner = list(zip(u[both].tolist(), v[both].tolist(), strict=True))
    return ClusterStructure(n, shown, members, links, inner)
