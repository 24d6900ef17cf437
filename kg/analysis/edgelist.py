"""The projection as an integer edge list: what the measures need, and nothing else.

:func:`kg.analysis.projection.project_edges` produces it by the same
:class:`~kg.analysis.projection.ProjectionRules` as the networkx graph, without
labels, literals or articles; :meth:`EdgeList.from_graph` turns a networkx
projection into the same thing. Node ``i`` is ``nodes[i]``; nodes are sorted
by name, so index order is the order ties are broken in.

It is cached beside a current build (:func:`cache_path`), keyed by the build's
manifest and the rules, so a second ``kg stats`` or ``kg viz`` skips the projection.

Example:
    >>> import networkx as nx
    >>> e = EdgeList.from_graph(nx.DiGraph([("b", "a"), ("a", "b"), ("a", "c")]))
    >>> e.nodes, e.source.tolist(), e.target.tolist()
    (['a', 'b', 'c'], [0, 0, 1], [1, 2, 0])
    >>> [p.tolist() for p in e.pairs()]
    [[0, 0], [1, 2], [1.0, 1.0]]
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

#: Cache file format; bump when the arrays' meaning changes.
CACHE_FORMAT = 1


@dataclass
class EdgeList:
    """The projection's nodes (sorted names) and its edges as index arrays.

    Attributes:
        nodes: node names; node ``i`` is ``nodes[i]``.
        source, target: the ends of each edge (sorted by source, then target;
            ``source < target`` when the graph is undirected).
        weight: each edge's weight (the number of triples it stands for).
        directed: whether direction counts (the rules' ``directed``).
        rules: the rules that produced it, as a dict.
    """

    nodes: list[str]
    source: np.ndarray
    target: np.ndarray
    weight: np.ndarray
    directed: bool = True
    rules: dict[str, object] = field(default_factory=dict)
    _memo: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def node_count(self) -> int:
        """Number of nodes."""
        return len(self.nodes)

    @property
    def edge_count(self) -> int:
        """Number of edges (as ``graph.number_of_edges()`` counts them)."""
        return len(self.source)

    @classmethod
    def from_graph(cls, graph: object) -> EdgeList:
        """The edge list of a networkx graph (weights default to 1; self-loops dropped)."""
        nodes = sorted(graph.nodes, key=str)
        index = {node: i for i, node in enumerate(nodes)}
        rows = [
            (index[a], index[b], float(w))
            for a, b, w in graph.edges(data="weight", default=1)
            if a != b
        ]
        return cls.from_rows(
            nodes,
            rows,
            graph.is_directed(),
            dict(graph.graph.get("rules", {})),
        )

    @classmethod
    def from_rows(
        cls,
        nodes: list,
        rows: list[tuple[int, int, float]],
        directed: bool,
        rules: dict[str, object],
    ) -> EdgeList:
        """From ``(source, target, weight)`` index rows, one per edge; sorts them."""
        array = np.array(rows, dtype=np.float64).reshape(-1, 3)
        source = array[:, 0].astype(np.int64)
        target = array[:, 1].astype(np.int64)
        return cls.from_arrays(nodes, source, target, array[:, 2], directed, rules)

    @classmethod
    def from_arrays(
        cls,
        nodes: list,
        source: np.ndarray,
        target: np.ndarray,
        weight: np.ndarray,
        directed: bool,
        rules: dict[str, object],
    ) -> EdgeList:
        """From index arrays, one entry per edge; sorts them (by source, then target)."""
        if not directed:
            source, target = np.minimum(source, target), np.maximum(source, target)
        order = np.lexsort((target, source))
        return cls(nodes, source[order], target[order], weight[order], directed, rules)

    def pairs(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The undirected simple graph: pairs ``u < v`` (sorted) and their weights.

        Where both directions exist, the weight is the one from the lower index
        to the higher, as networkx's undirected view of a directed graph reports it.
        Computed once per edge list (the measures share it).
        """
        if "pairs" not in self._memo:
            self._memo["pairs"] = self._pairs()
        return self._memo["pairs"]

    def _pairs(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        u = np.minimum(self.source, self.target)
        v = np.maximum(self.source, self.target)
        backwards = (self.source > self.target).astype(np.int8)
        order = np.lexsort((backwards, v, u))
        u, v, w = u[order], v[order], self.weight[order]
        first = np.ones(len(u), dtype=bool)
        first[1:] = (u[1:] != u[:-1]) | (v[1:] != v[:-1])
        return u[first], v[first], w[first]

    def adjacency(self, weighted: bool = False) -> object:  # -> scipy.sparse.csr_array
        """The symmetric adjacency of :meth:`pairs` (0/1 unless ``weighted``)."""
        key = ("adjacency", weighted)
        if key not in self._memo:
            self._memo[key] = self._adjacency(weighted)
        return self._memo[key]

    def _adjacency(self, weighted: bool) -> object:
        import scipy.sparse as sp

        u, v, w = self.pairs()
        data = np.concatenate([w, w]) if weighted else np.ones(2 * len(u), dtype=np.int8)
        n = self.node_count
        return sp.csr_array((data, (np.concatenate([u, v]), np.concatenate([v, u]))), shape=(n, n))

    def save(self, path: Path, key: str) -> None:
        """Write the arrays and names to ``path`` (npz) atomically, tagged with ``key``."""
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        meta = {"format": CACHE_FORMAT, "key": key, "directed": self.directed, "rules": self.rules}
        with temporary.open("wb") as handle:
            np.savez(
                handle,
                source=self.source.astype(np.int32),
                target=self.target.astype(np.int32),
                weight=self.weight.astype(np.float32),
                nodes=np.array("\n".join(map(str, self.nodes)).encode("utf-8")),
                meta=np.array(json.dumps(meta)),
            )
        os.replace(temporary, path)

    @classmethod
    def load(cls, path: Path, key: str) -> EdgeList | None:
        """The edge list saved at ``path`` under ``key``; None when absent, stale or unreadable."""
        try:
            with np.load(path, allow_pickle=False) as data:
                meta = json.loads(str(data["meta"]))
                if meta.get("format") != CACHE_FORMAT or meta.get("key") != key:
                    return None
                text = bytes(data["nodes"]).decode("utf-8")
                return cls(
                    text.split("\n") if text else [],
                    data["source"].astype(np.int64),
                    data["target"].astype(np.int64),
                    data["weight"].astype(np.float64),
                    bool(meta["directed"]),
                    meta["rules"],
                )
        except (OSError, ValueError, KeyError):
            return None


def cache_key(build_dir: Path, rules: dict[str, object]) -> str | None:
    """The cache key of a build and rules: a hash of its manifest and the rules (None without one)."""
    try:
        manifest = (build_dir / "manifest.json").read_bytes()
    except OSError:
        return None
    digest = hashlib.sha256(manifest)
    digest.update(json.dumps(rules, sort_keys=True).encode("utf-8"))
    return digest.hexdigest()


def cache_path(build_dir: Path) -> Path:
    """Where the edge list of a build is cached."""
    return build_dir / "projection-edges.npz"
