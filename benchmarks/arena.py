"""Benchmark: where the build's store is loaded changes how fast the analysis after it runs.

Run on demand (not part of the tests), on a project with a current build (for
instance one made by ``kg bench``'s generator):

    python benchmarks/arena.py PROJECT [--runs 3]

Each case runs in a fresh Python process, the cases alternately, ``--runs``
times; the figures are the minimum and the median.

- ``betweenness``: igraph's sampled betweenness (256 sources) on the cached edge
  list, with the build's store loaded first (a) by one bulk load on the main
  thread, as kg did before, and (b) by :func:`kg.data.current.load_nquads` in a
  thread of its own, as kg does now; and (c) with no store at all, the floor.
  glibc gives each new thread its own malloc arena; loaded on the main thread,
  the store's millions of small allocations share the heap igraph then works
  in, and the same instructions take about twice as long (``perf`` shows user
  time in igraph's breadth-first search, no system time).
- ``load``: seconds and peak memory of one bulk load of the whole file against
  :func:`~kg.data.current.load_nquads`'s pieces of
  :data:`~kg.data.current.LOAD_CHUNK` bytes.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

CASE = r"""
import json, resource, sys, time
from pathlib import Path
import pyoxigraph as ox
from kg.analysis.edgelist import EdgeList, cache_path
from kg.data.current import NQUADS, default_out, load_in_background, split_blank_lines

root, case = Path(sys.argv[1]), sys.argv[2]
out = default_out(root)
start = time.perf_counter()
if case == "main thread":
    store = ox.Store()
    plain, blank = split_blank_lines((out / NQUADS).read_bytes())
    store.bulk_load(plain, ox.RdfFormat.N_QUADS)
elif case == "own thread":
    store = load_in_background(out / NQUADS).result()
loaded = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
import numpy as np
from kg.analysis.measures.onedges import betweenness_values
with np.load(cache_path(out)) as data:
    meta = json.loads(str(data["meta"]))
    edges = EdgeList(bytes(data["nodes"]).decode().split("\n"), data["source"].astype(np.int64),
                     data["target"].astype(np.int64), data["weight"].astype(np.float64),
                     meta["directed"], meta["rules"])
start = time.perf_counter()
betweenness_values(edges)
print(json.dumps({"load": loaded, "load_mb": peak, "betweenness": time.perf_counter() - start}))
"""

CASES = ("main thread", "own thread", "no store")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("project", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    root = args.project.resolve()
    # one kg stats first: it caches the edge list this benchmark reads
    subprocess.run(
        [sys.executable, "-m", "kg", "stats", "-q"], cwd=root, check=True, stdout=subprocess.DEVNULL
    )
    figures: dict[str, list[dict]] = {case: [] for case in CASES}
    for _ in range(args.runs):
        for case in CASES:
            done = subprocess.run(
                [sys.executable, "-c", CASE, str(root), case],
                check=True,
                capture_output=True,
                text=True,
            )
            figures[case].append(json.loads(done.stdout))

    def shown(values: list[float], unit: str) -> str:
        return f"{min(values):.2f} / {statistics.median(values):.2f} {unit}"

    floor = [f["betweenness"] for f in figures["no store"]]
    print(
        f"{'store loaded':<14}{'load (min / median)':>22}{'load peak RSS':>18}"
        f"{'betweenness':>20}{'x no store':>12}"
    )
    for case in CASES:
        rows = figures[case]
        between = [f["betweenness"] for f in rows]
        ratio = statistics.median(b / f for b, f in zip(between, floor, strict=True))
        load = shown([f["load"] for f in rows], "s") if case != "no store" else "-"
        peak = f"{max(f['load_mb'] for f in rows):,.0f} MB" if case != "no store" else "-"
        print(f"{case:<14}{load:>22}{peak:>18}{shown(between, 's'):>20}{ratio:>11.2f}x")


if __name__ == "__main__":
    main()
