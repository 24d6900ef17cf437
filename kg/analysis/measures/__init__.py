"""Graph measures, one module per measure: pure functions from a graph to results.

Each centrality returns a :class:`Measure`: the value of every node and the
method used (exact, or sampled above a size limit, with the sample size and
seed), so that outputs say how their figures were obtained. The functions are
imported on first use; :data:`NAMES` (the centralities' names, for command-line
choices) costs nothing.
"""

import lazy_loader

#: The centralities' names, in the order reports list them.
NAMES = ("degree", "in_degree", "out_degree", "pagerank", "betweenness", "closeness", "eigenvector")

__getattr__, __dir__, __all__ = lazy_loader.attach(
    __name__,
    submod_attrs={
        "betweenness": ["betweenness"],
        "centralities": ["CENTRALITIES"],
        "closeness": ["closeness"],
        "communities": ["communities"],
        "components": ["components"],
        "degree": ["degree_in", "degree_out", "degree_total"],
        "eigenvector": ["eigenvector"],
        "measure": ["Measure"],
        "pagerank": ["pagerank"],
        "structure": ["degree_distribution", "density", "diameter"],
    },
)
__all__ = [*__all__, "NAMES"]
