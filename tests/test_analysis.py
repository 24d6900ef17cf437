"""Each measure on tiny graphs with known values."""

from __future__ import annotations

import networkx as nx
import pytest

from kg.analysis import (
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


def test_degrees_on_a_directed_graph():
    g = nx.DiGraph([("a", "b"), ("a", "c"), ("c", "b"), ("d", "a")])
    assert degree_in(g).values == {"a": 1, "b": 2, "c": 1, "d": 0}
    assert degree_out(g).values == {"a": 2, "b": 0, "c": 1, "d": 1}
    assert degree_total(g).values == {"a": 3, "b": 2, "c": 2, "d": 1}


def test_in_degree_of_undirected_graph_is_total_with_a_note():
    m = degree_in(nx.path_graph(3))
    assert m.values == {0: 1, 1: 2, 2: 1}
    assert m.notes == ["graph is undirected"]


def test_pagerank_on_a_cycle_is_uniform_and_on_a_star_favours_the_centre():
    cycle = pagerank(nx.cycle_graph(5, create_using=nx.DiGraph))
    assert all(v == pytest.approx(0.2) for v in cycle.values.values())
    star = pagerank(nx.DiGraph([(i, 0) for i in range(1, 5)]))
    # leaves keep only the teleport share (1 - 0.85) / 5 plus the centre's spread
    assert star.values[0] > 0.4
    assert sum(star.values.values()) == pytest.approx(1.0)


def test_betweenness_on_a_path():
    m = betweenness(nx.path_graph(5))
    assert m.method == "exact"
    assert m.values == pytest.approx({0: 0.0, 1: 0.5, 2: 4 / 6, 3: 0.5, 4: 0.0})


def test_betweenness_is_sampled_above_the_limit_and_says_so():
    g = nx.barabasi_albert_graph(400, 2, seed=3)
    exact = betweenness(g)
    sampled = betweenness(g, exact_limit=100, samples=150, seed=7)
    assert sampled.method == "sampled: 150 sources, seed 7"
    assert sampled.values == betweenness(g, exact_limit=100, samples=150, seed=7).values  # seeded
    top_exact = {n for n, _ in exact.top(10)}
    top_sampled = {n for n, _ in sampled.top(10)}
    assert len(top_exact & top_sampled) >= 7


def test_closeness_on_a_star_and_on_a_disconnected_graph():
    assert closeness(nx.star_graph(3)).values == pytest.approx({0: 1.0, 1: 0.6, 2: 0.6, 3: 0.6})
    split = closeness(nx.Graph([(1, 2), (3, 4), (4, 5)]))
    # Wasserman-Faust: scaled by the share of nodes reached
    assert split.values[4] == pytest.approx((2 / 4) * (2 / 2))


def test_closeness_above_200_nodes_runs_in_scipy_and_equals_networkx():
    g = nx.barabasi_albert_graph(400, 2, seed=5)
    g.add_edges_from([("x", "y"), ("y", "z")])  # a second component, and string nodes
    m = closeness(g)
    assert m.method == "exact"
    assert m.values == pytest.approx(nx.closeness_centrality(g), abs=1e-12)


def test_closeness_estimate_ranks_like_the_exact_value():
    g = nx.barabasi_albert_graph(400, 2, seed=5)
    exact = closeness(g)
    sampled = closeness(g, exact_limit=100, samples=120, seed=1)
    assert sampled.method == "sampled: 120 sources, seed 1"
    assert len({n for n, _ in exact.top(10)} & {n for n, _ in sampled.top(10)}) >= 7


def test_eigenvector_on_a_star_and_per_component():
    star = eigenvector(nx.star_graph(4))
    assert star.values[0] == pytest.approx(1.0)
    assert star.values[1] == pytest.approx(0.5)  # leaves: 1/sqrt(4) of the centre
    split = eigenvector(nx.Graph([("a", "b"), ("b", "c"), ("x", "y")]))
    assert split.values["b"] == pytest.approx(3 / 5)  # peak scaled by its component's share
    assert split.values["x"] == pytest.approx(2 / 5)
    assert split.notes == ["2 components: each computed alone, scaled by its size"]


def test_eigenvector_falls_back_when_power_iteration_fails():
    m = eigenvector(nx.star_graph(4), max_iter=1)
    assert "sparse eigensolver" in m.method
    assert m.values[0] == pytest.approx(1.0)
    assert m.values[1] == pytest.approx(0.5)


def test_components():
    result = components(nx.Graph([(1, 2), (2, 3), (4, 5)]))
    assert result == {"count": 2, "sizes": [3, 2], "largest_share": 0.6}


def test_communities_find_two_cliques_and_repeat_with_the_seed():
    g = nx.union(nx.complete_graph(5), nx.complete_graph(range(5, 10)))
    g.add_edge(0, 5)
    first = communities(g, seed=4)
    assert first["communities"] == [[0, 1, 2, 3, 4], [5, 6, 7, 8, 9]]
    assert first["modularity"] == pytest.approx(
        nx.community.modularity(g, [set(range(5)), set(range(5, 10))]), abs=1e-6
    )
    assert communities(g, seed=4) == first


def test_communities_above_the_limit_come_from_igraph_and_match_networkx():
    g = nx.connected_caveman_graph(6, 8)
    small = communities(g, seed=2)
    large = communities(g, seed=2, exact_limit=10)
    assert small["method"] == "louvain"
    assert large["method"] == "louvain (igraph multilevel)"
    assert large["communities"] == small["communities"]  # six caves either way
    assert large["count"] == 6
    assert large["modularity"] == pytest.approx(small["modularity"], abs=1e-6)
    assert communities(g, seed=2, exact_limit=10) == large  # seeded


def test_diameter_above_200_nodes_runs_in_scipy_and_equals_networkx():
    g = nx.barabasi_albert_graph(400, 1, seed=2)  # a tree: long paths
    g.add_edge("x", "y")
    assert diameter(g) == {
        "value": nx.diameter(g.subgraph(range(400))),
        "method": "exact",
        "component_nodes": 400,
    }


def test_eigenvector_of_a_large_component_by_arpack_equals_power_iteration():
    g = nx.barabasi_albert_graph(500, 3, seed=4)
    m = eigenvector(g)
    assert "sparse eigensolver" in " ".join(m.notes)
    reference = nx.eigenvector_centrality(g, max_iter=5000, tol=1e-12)
    peak = max(reference.values())
    assert m.values == pytest.approx({n: v / peak for n, v in reference.items()}, abs=1e-6)


def test_density_diameter_and_degree_distribution():
    g = nx.cycle_graph(6)
    assert density(g) == pytest.approx(6 / 15, abs=1e-6)
    assert diameter(g) == {"value": 3, "method": "exact", "component_nodes": 6}
    assert degree_distribution(g) == {2: 6}
    approx = diameter(nx.path_graph(50), exact_limit=10)
    assert approx["value"] == 49 and approx["method"].startswith("2-sweep")
