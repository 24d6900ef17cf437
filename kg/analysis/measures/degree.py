"""Degree: in, out and total number of neighbours by edge.

Example:
    >>> import networkx as nx
    >>> g = nx.DiGraph([("a", "b"), ("a", "c"), ("c", "b")])
    >>> degree_in(g).values
    {'a': 0.0, 'b': 2.0, 'c': 1.0}
    >>> degree_total(g).values["c"]
    2.0
"""

from __future__ import annotations

import networkx as nx

from kg.analysis.measures.measure import Measure


def degree_total(graph: nx.Graph) -> Measure:
    """Number of edges at each node, whatever their direction."""
    return Measure("degree", {n: float(d) for n, d in graph.degree()})


def degree_in(graph: nx.Graph) -> Measure:
    """Number of edges into each node (the total degree on an undirected graph)."""
    if not graph.is_directed():
        return Measure("in_degree", degree_total(graph).values, notes=["graph is undirected"])
    return Measure("in_degree", {n: float(d) for n, d in graph.in_degree()})


def degree_out(graph: nx.Graph) -> Measure:
    """Number of edges out of each node (the total degree on an undirected graph)."""
    if not graph.is_directed():
        return Measure("out_degree", degree_total(graph).values, notes=["graph is undirected"])
    return Measure("out_degree", {n: float(d) for n, d in graph.out_degree()})
