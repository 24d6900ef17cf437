"""Eigenvector centrality (undirected), with a sound fallback.

Eigenvector centrality is only defined on a connected graph: it is computed on
each connected component separately and scaled by the component's share of the
nodes, so small components do not outrank the main one. Where power iteration
does not converge, the component is solved with a sparse eigensolver instead,
and the method says so.

Example:
    >>> import networkx as nx
    >>> g = nx.Graph([("a", "b"), ("b", "c"), ("x", "y")])
    >>> m = eigenvector(g)
    >>> max(m.values, key=m.values.get)
    'b'
    >>> m.values["x"] < m.values["b"]
    True
"""

from __future__ import annotations

import networkx as nx

from kg.analysis.measures.measure import SMALL, Measure, undirected

#: Components larger than this are solved by ARPACK (C) rather than power
#: iteration in Python: the same eigenvector, found in a fraction of the time
#: (power iteration may also fail to converge on near-bipartite graphs, after
#: seconds of trying).
SPARSE_ABOVE = SMALL


def eigenvector(graph: nx.Graph, max_iter: int = 1000, tol: float = 1e-8) -> Measure:
    """Eigenvector centrality per component, scaled by component size.

    Above :data:`~kg.analysis.measures.measure.SMALL` nodes each component is
    solved exactly in C (:func:`kg.analysis.measures.onedges.eigenvector_values`).
    """
    view = undirected(graph)
    n = view.number_of_nodes()
    if n > SMALL:
        from kg.analysis.edgelist import EdgeList
        from kg.analysis.measures.onedges import eigenvector_values

        edges = EdgeList.from_graph(graph)
        found, method, notes = eigenvector_values(edges)
        return Measure(
            "eigenvector",
            dict(zip(edges.nodes, found.tolist(), strict=True)),
            method=method,
            notes=notes,
        )
    values: dict[object, float] = {}
    notes = []
    method = "power iteration"
    sparse = False
    components = sorted(
        nx.connected_components(view), key=lambda c: (-len(c), sorted(map(str, c))[0])
    )
    for component in components:
        share = len(component) / n
        if len(component) == 1:
            values[next(iter(component))] = 0.0
            continue
        if len(component) == 2:  # both ends of one edge: equal, whatever the weight
            for node in component:
                values[node] = share
            continue
        sub = view.subgraph(component)
        if len(component) > SPARSE_ABOVE:
            part = nx.eigenvector_centrality_numpy(sub, weight="weight")
            sparse = True
        else:
            try:
                part = nx.eigenvector_centrality(sub, max_iter=max_iter, tol=tol, weight="weight")
            except nx.PowerIterationFailedConvergence:
                part = nx.eigenvector_centrality_numpy(sub, weight="weight")
                method = "power iteration, sparse eigensolver where it did not converge"
        peak = max(part.values()) or 1.0
        for node, value in part.items():
            values[node] = abs(value) / peak * share
    if sparse:
        notes.append(f"components over {SPARSE_ABOVE} nodes solved with a sparse eigensolver")
    if len(components) > 1:
        notes.append(f"{len(components)} components: each computed alone, scaled by its size")
    return Measure("eigenvector", values, method=method, notes=notes)
