"""Graph measures: pure functions from a networkx graph to results.

Each centrality returns a :class:`Measure`: the value of every node and the
method used (exact, or sampled above a size limit, with the sample size and
seed), so that outputs say how their figures were obtained.
"""

from kg.analysis.measures.betweenness import betweenness
from kg.analysis.measures.closeness import closeness
from kg.analysis.measures.communities import communities
from kg.analysis.measures.components import components
from kg.analysis.measures.degree import degree_in, degree_out, degree_total
from kg.analysis.measures.eigenvector import eigenvector
from kg.analysis.measures.measure import Measure
from kg.analysis.measures.pagerank import pagerank
from kg.analysis.measures.structure import degree_distribution, density, diameter

#: Centralities by name, as ``kg stats --measure`` and ``kg viz --size-by`` know them.
CENTRALITIES = {
    "degree": degree_total,
    "in_degree": degree_in,
    "out_degree": degree_out,
    "pagerank": pagerank,
    "betweenness": betweenness,
    "closeness": closeness,
    "eigenvector": eigenvector,
}

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
