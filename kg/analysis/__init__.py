"""Analysing: the graph projected from the RDF, its measures, statistics and exports.

:mod:`~kg.analysis.projection` turns the dataset into a networkx graph by explicit
rules; :mod:`~kg.analysis.measures` holds one module per measure (pure functions,
graph in, results out); :mod:`~kg.analysis.census` counts what the RDF holds;
:mod:`~kg.analysis.stats` assembles ``kg stats``; :mod:`~kg.analysis.export` writes
the projection for graph tools and the RDF for RDF tools.

The measures are re-exported here (imported on first use), so
``kg.analysis.pagerank(graph)`` works.
"""

import lazy_loader

__getattr__, __dir__, __all__ = lazy_loader.attach(
    __name__,
    submod_attrs={
        "measures": [
            "CENTRALITIES",
            "NAMES",
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
    },
)
