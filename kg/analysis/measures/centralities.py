"""The centralities by name, as ``kg stats --measure`` and ``kg viz --size-by`` know them.

Example:
    >>> from kg.analysis.measures import NAMES
    >>> tuple(CENTRALITIES) == NAMES
    True
"""

from __future__ import annotations

from kg.analysis.measures.betweenness import betweenness
from kg.analysis.measures.closeness import closeness
from kg.analysis.measures.degree import degree_in, degree_out, degree_total
from kg.analysis.measures.eigenvector import eigenvector
from kg.analysis.measures.pagerank import pagerank

CENTRALITIES = {
    "degree": degree_total,
    "in_degree": degree_in,
    "out_degree": degree_out,
    "pagerank": pagerank,
    "betweenness": betweenness,
    "closeness": closeness,
    "eigenvector": eigenvector,
}
