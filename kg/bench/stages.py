"""The stages ``kg bench`` times, each run in a fresh Python process.

A fresh process per stage makes its peak memory (``ru_maxrss``) its own, not
the sum of everything before it. Run as ``python -m kg.bench.stages NAME ROOT
[ARG]``; the stage prints one JSON object: ``seconds`` (the work only, not
the interpreter's start) and ``peak_rss_mb`` (the whole process), plus what
the stage counted.
"""

from __future__ import annotations

import json
import os
import resource
import signal
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from kg.data.current import default_out

#: How often each query runs on the fast stores; the best time is kept.
REPEATS = 3
#: Seconds after which a query on rdflib's store is stopped (its time is then
#: reported as unknown, and kg's speed-up over it as at least this over kg's time);
#: ``kg bench --rdflib-limit`` sets it through ``KG_BENCH_RDFLIB_LIMIT``.
RDFLIB_QUERY_LIMIT = 60

#: Values of the saved queries' parameters (``# params:``), bound as a user would
#: bind them: the generator's best-connected person, who has an alias.
BINDINGS = {"entity": "https://kg.example.org/id/p0"}


def _peak_rss_mb() -> float:
    """This process's peak resident memory.

    Linux keeps ``ru_maxrss`` across ``exec``, so a stage started by a large
    parent would report the parent's size; ``VmHWM`` belongs to the new
    address space alone.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def _sources(root: Path) -> tuple[Path, Path]:
    return root / "ontology", root / "triples"


def _open_build(root: Path):
    """The dataset as ``kg query``/``stats``/``viz`` open it: the current build, bulk-loaded."""
    from kg.data.open import DataSpec, open_dataset

    ontology, triples = _sources(root)
    opened = open_dataset(DataSpec(ontology, triples, default_out(root)))
    assert opened.origin == "build", "the bench's build is not current"
    return opened.dataset


def _cache(root: Path) -> Path | None:
    """The build folder, as ``kg stats``/``kg viz`` cache the projection's edge list there;
    None when ``KG_BENCH_NO_CACHE`` is set (a cold run)."""
    return None if os.environ.get("KG_BENCH_NO_CACHE") else default_out(root)


def reference_pyoxigraph_load(root: Path, arg: str) -> dict:
    """pyoxigraph's bulk loader on every source file, each into its graph: the floor.

    Like :func:`build`, timed while the store is still held: freeing it is not counted.
    """
    import pyoxigraph as ox

    from kg.data.sources import FORMATS, discover

    ontology, triples = _sources(root)
    files = discover(ontology, "ontology") + discover(triples, "triples")
    start = time.perf_counter()
    store = ox.Store()
    for source in files:
        store.bulk_load(
            path=str(source.path),
            format=FORMATS[source.path.suffix.lower()],
            to_graph=ox.NamedNode(source.graph_iri),
        )
    return {"seconds": time.perf_counter() - start, "quads": len(store)}


def build(root: Path, arg: str) -> dict:
    """``kg build``: load, validate (SHACL as SPARQL), write N-Quads, Turtle, manifest.

    Timed while the result still holds the dataset, as the reference holds its store.
    """
    from kg.pipeline.build import build as run_build

    ontology, triples = _sources(root)
    start = time.perf_counter()
    result = run_build(ontology, triples, default_out(root))
    return {"seconds": time.perf_counter() - start, "quads": result.triples}


def queries(root: Path, store: str) -> dict:
    """Every saved query on ``store``: ``kg`` (kg's own path), ``pyoxigraph`` or ``rdflib_memory``."""
    import pyoxigraph as ox

    from kg.data.namespaces import PREFIXES
    from kg.query.catalogue import load_catalogue
    from kg.query.sparql import Binding, run_query, with_bindings

    start = time.perf_counter()
    if store == "pyoxigraph":
        native = ox.Store()
        native.bulk_load(path=str(default_out(root) / "dataset.nq"), format=ox.RdfFormat.N_QUADS)

        def run(text: str) -> object:
            return native.query(text, prefixes=PREFIXES, use_default_graph_as_union=True)

    else:
        dataset = _open_build(root)
        if store == "rdflib_memory":
            from kg.data.memory import MemoryDataset

            dataset = MemoryDataset.copy_of(dataset)

        def run(text: str) -> object:
            return run_query(dataset, text)

    load = time.perf_counter() - start
    times: dict[str, float | None] = {}
    errors: dict[str, str] = {}
    rows: dict[str, int] = {}
    slow = store == "rdflib_memory"
    limit = int(os.environ.get("KG_BENCH_RDFLIB_LIMIT", RDFLIB_QUERY_LIMIT))
    repeats = 1 if slow else REPEATS
    for name, saved in load_catalogue().items():
        text = with_bindings(
            saved.text,
            [Binding(v, ox.NamedNode(BINDINGS[v])) for v in saved.params if v in BINDINGS],
        )
        best = None
        for _ in range(repeats):
            began = time.perf_counter()
            if slow:  # rdflib is pure Python: an alarm can stop it between two steps
                signal.signal(signal.SIGALRM, _stop)
                signal.alarm(limit)
            try:
                result = run(text)
                if not isinstance(result, ox.QueryBoolean):
                    rows[name] = sum(1 for _row in result)
            except QueryStopped:
                errors[name] = f"stopped after {limit} s"
                best = None
                break
            except Exception as exc:  # recorded: rdflib cannot run every query
                errors[name] = f"{type(exc).__name__}: {exc}"
                best = None
                break
            finally:
                if slow:
                    signal.alarm(0)
            took = time.perf_counter() - began
            best = took if best is None else min(best, took)
        times[name] = best
    return {
        "seconds": time.perf_counter() - start,
        "load_seconds": load,
        "queries": times,
        "errors": errors,
        "rows": rows,
    }


class QueryStopped(Exception):
    """A query ran past :data:`RDFLIB_QUERY_LIMIT`."""


def _stop(signum: int, frame: object) -> None:
    raise QueryStopped


def projection(root: Path, arg: str) -> dict:
    """The networkx projection of the opened build."""
    from kg.analysis.projection import project

    start = time.perf_counter()
    dataset = _open_build(root)
    loaded = time.perf_counter()
    graph = project(dataset)
    end = time.perf_counter()
    return {
        "seconds": end - start,
        "load_seconds": loaded - start,
        "project_seconds": end - loaded,
        "nodes": graph.number_of_nodes(),
        "edges": graph.number_of_edges(),
    }


def centrality(root: Path, name: str) -> dict:
    """One centrality measure on the projection (the projection itself not timed)."""
    from kg.analysis import CENTRALITIES
    from kg.analysis.projection import project

    graph = project(_open_build(root))
    import scipy.sparse.linalg  # noqa: F401  (imported once per session, not per measure)

    start = time.perf_counter()
    measure = CENTRALITIES[name](graph)
    return {"seconds": time.perf_counter() - start, "method": measure.method}


def stats(root: Path, arg: str) -> dict:
    """``kg stats``: open the build, census, projection, graph figures, every measure.

    ``steps`` gives the seconds of each step as ``kg stats`` reports its progress.
    """
    from kg.analysis.stats import compute_stats

    steps: dict[str, float] = {}
    current: list = [None, 0.0]

    def progress(_done: int, _total: int, name: str) -> None:
        now = time.perf_counter()
        if current[0] is not None:
            steps[current[0]] = round(now - current[1], 3)
        current[:] = [name, now]

    start = time.perf_counter()
    result = compute_stats(_open_build(root), validated=True, progress=progress, cache=_cache(root))
    return {
        "seconds": time.perf_counter() - start,
        "nodes": result["projection"]["nodes"],
        "steps": steps,
    }


def viz(root: Path, top: str) -> dict:
    """``kg viz --top N`` (``kg viz`` of the whole graph for N = 0): open the build,
    project, select, lay out, write the page."""
    from kg.pages.page import PageOptions, build_page, write_page

    start = time.perf_counter()
    options = PageOptions(top=int(top) or None)
    page = build_page(_open_build(root), options=options, cache=_cache(root))
    write_page(page, default_out(root) / "graph.html")
    return {"seconds": time.perf_counter() - start, "page_bytes": len(page.encode("utf-8"))}


def reference_igraph_stats(root: Path, arg: str) -> dict:
    """The reference for ``kg stats``: load the build, read the edge list by SPARQL (typed
    entities, and the distinct triples between them), then every figure in igraph with the
    same sampling (256 seeded sources). No labels, no census: the floor for the graph part.
    """
    import random as rnd

    import igraph as ig
    import numpy as np
    import pyoxigraph as ox

    from kg.data.namespaces import PREFIXES

    steps: dict[str, float] = {}
    start = mark = time.perf_counter()

    def step(name: str) -> None:
        nonlocal mark
        now = time.perf_counter()
        steps[name] = round(now - mark, 3)
        mark = now

    store = ox.Store()
    # loaded in a thread of its own, as kg loads a build: loaded on the main thread, the
    # store's allocations share the heap igraph then works in, and its breadth-first
    # searches run about twice as slow (benchmarks/arena.py), which would flatter kg
    with ThreadPoolExecutor(1) as pool:
        pool.submit(
            store.bulk_load,
            path=str(default_out(root) / "dataset.nq"),
            format=ox.RdfFormat.N_QUADS,
            lenient=True,  # as kg loads its own build
        ).result()
    step("load")
    facts = "FILTER(!STRSTARTS(STR(?g), 'urn:kg:ontology'))"
    typed = (
        "SELECT DISTINCT ?e WHERE { GRAPH ?g { ?e a ?c FILTER isIRI(?e) } "
        f"{facts} FILTER NOT EXISTS {{ GRAPH ?h {{ ?e a ?k }} "
        "VALUES ?k { schema:NewsArticle schema:WebSite } } }"
    )
    nodes = sorted(r[0].value for r in store.query(typed, prefixes=PREFIXES))
    index = {n: i for i, n in enumerate(nodes)}
    edges: dict[tuple[int, int], int] = {}
    text = (
        "SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o FILTER(isIRI(?s) && isIRI(?o)) "
        f"FILTER(?p NOT IN (schema:mentions, rdf:type, owl:sameAs)) }} {facts} }}"
    )
    for s_term, _p, o_term in store.query(text, prefixes=PREFIXES):
        a, b = index.get(s_term.value), index.get(o_term.value)
        if a is not None and b is not None and a != b:
            edges[(a, b)] = edges.get((a, b), 0) + 1
    n = len(nodes)
    graph = ig.Graph(
        n=n, edges=list(edges), directed=True, edge_attrs={"weight": list(edges.values())}
    )
    step("edge list")
    simple = graph.as_undirected(mode="collapse", combine_edges="first")
    parts = simple.connected_components()
    rnd_state = rnd.Random(0)
    ig.set_random_number_generator(rnd_state)
    clusters = simple.community_multilevel(weights="weight")
    ig.set_random_number_generator(rnd)
    largest = parts.giant()
    far = int(np.argmax(largest.distances(source=[0])[0]))
    diameter = max(largest.distances(source=[far])[0])
    step("graph figures")
    degree = graph.degree()
    pagerank = graph.pagerank(weights="weight")
    step("degree, pagerank")
    samples = sorted(rnd.Random(0).sample(range(n), min(256, n)))
    simple.betweenness(sources=samples, directed=False)
    step("betweenness")
    distances = np.array(simple.distances(source=samples))
    finite = np.isfinite(distances)
    _closeness = finite.sum(axis=0) / np.where(finite, distances, 0).sum(axis=0).clip(1)
    step("closeness")
    for i, size in enumerate(parts.sizes()):
        if size > 2:
            parts.subgraph(i).eigenvector_centrality(weights="weight")
    step("eigenvector")
    return {
        "seconds": time.perf_counter() - start,
        "nodes": n,
        "edges": len(edges),
        "components": len(parts),
        "communities": len(clusters),
        "diameter": diameter,
        "max_degree": max(degree),
        "max_pagerank": round(max(pagerank), 6),
        "steps": steps,
    }


STAGES: dict[str, Callable[[Path, str], dict]] = {
    "reference_igraph_stats": reference_igraph_stats,
    "reference_pyoxigraph_load": reference_pyoxigraph_load,
    "build": build,
    "queries": queries,
    "projection": projection,
    "centrality": centrality,
    "stats": stats,
    "viz": viz,
}


def main(argv: list[str]) -> None:
    """Run one stage and print its figures as JSON."""
    name, root, arg = argv[0], Path(argv[1]), argv[2] if len(argv) > 2 else ""
    figures = STAGES[name](root, arg)
    figures["peak_rss_mb"] = _peak_rss_mb()
    print(json.dumps(figures))


if __name__ == "__main__":
    main(sys.argv[1:])
