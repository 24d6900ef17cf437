"""Analysing: the graph projected from the RDF, its measures, statistics and exports.

:mod:`~kg.analysis.projection` turns the dataset into a networkx graph by explicit
rules; :mod:`~kg.analysis.measures` holds one module per measure (pure functions,
graph in, results out); :mod:`~kg.analysis.census` counts what the RDF holds;
:mod:`~kg.analysis.stats` assembles ``kg stats``; :mod:`~kg.analysis.export` writes
the projection for graph tools and the RDF for RDF tools.

The measures are re-exported here, so ``kg.analysis.pagerank(graph)`` works.
"""

from kg.analysis.measures import (
    CENTRALITIES,
    Measure,
    betweenness,
    closeness,
    communities,
    components,
    degree_distribution,
    degree_in,
    degree_out,
    degree_total,
    density,
    diameter,
    eigenvector,
    pagerank,
)

__all__ = [
    "CENTRALITIES",
    "Measure",
    "betweenness",
    "closeness",
    "communities",
    "components",
    "degree_distribution",
    "degree_in",
    "degree_out",
    "degree_total",
    "density",
    "diameter",
    "eigenvector",
    "pagerank",
]
