"""Benchmark: graph pages in headless Chromium: first draw, interaction, label overlaps.

Run on demand (not part of the tests):  python benchmarks/pages.py [--quick]

Pages: the seed graph and synthetic graphs of 1,000, 5,000 and 20,000 nodes
(Barabasi-Albert, m=2, seed 0; classes from kg's groups). For each: the time to
render the HTML in Python, its size, the time from opening the file until the
first fitted drawing with labels (``window.kgReady``), the time to select a
node (panel, highlight) and to hide a group (re-fit), and how many of the
drawn labels overlap (the goal is 0). Above 5,000 nodes the page draws the top
1,500 nodes and community clusters (see the README). Goals: seed page 1 s,
5,000 nodes 2 s to first draw; interactions 0.5 s. Figures are the median of
three openings.
"""

from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.analysis import pagerank  # noqa: E402
from kg.data.dataset import load_dataset  # noqa: E402
from kg.pages.page import build_page, render_page  # noqa: E402
from tests.browser.conftest import ARGS  # noqa: E402  (one set of Chromium flags)

CLASSES = ["schema:Person", "org:Organization", "schema:Event", "kg:Topic", "schema:Place"]


def synthetic(n: int) -> nx.DiGraph:
    base = nx.barabasi_albert_graph(n, 2, seed=0)
    graph = nx.DiGraph()
    for node in base.nodes:
        graph.add_node(
            f"http://ex.org/n{node}",
            label=f"Entity {node}",
            aliases=[f"E{node}"],
            articles=[f"corpus/{node % 50:03d}.txt"],
            **{"class": CLASSES[node % len(CLASSES)]},
        )
    for a, b in base.edges:
        graph.add_edge(f"http://ex.org/n{a}", f"http://ex.org/n{b}", label="related to", weight=1)
    return graph


OVERLAPS = """() => { let n = 0; const b = kgLabels;
  for (let i = 0; i < b.length; i++) for (let j = i + 1; j < b.length; j++) {
    const p = b[i], q = b[j];
    if (p.x < q.x + q.w && q.x < p.x + p.w && p.y < q.y + q.h && q.y < p.y + p.h) n++; }
  return [n, b.length]; }"""

INTERACT = """() => {
  const top = Object.values(kgInfo).filter(n => !n.folded).sort((a, b) => a.rank - b.rank)[0].id;
  let t = performance.now(); kgSelect(top); kgNetwork.redraw(); const select = performance.now() - t;
  kgClear();
  t = performance.now(); document.querySelector('#kg-legend li.kg-group').click(); kgNetwork.redraw();
  const filter = performance.now() - t;
  return [select / 1000, filter / 1000]; }"""


def main() -> None:
    chromium = shutil.which("chromium")
    if chromium is None:
        sys.exit("no chromium: install Debian's chromium package")
    from playwright.sync_api import sync_playwright

    sizes = (1000, 5000) if "--quick" in sys.argv else (1000, 5000, 20000)
    pages = {}
    start = time.perf_counter()
    pages["seed (162 nodes)"] = (build_page(load_dataset(ROOT / "ontology", ROOT / "triples")), 1.0)
    renders = [time.perf_counter() - start]
    for n in sizes:
        graph = synthetic(n)
        start = time.perf_counter()
        pages[f"synthetic {n:,}"] = (render_page(graph, pagerank(graph).values, "bench"), 2.0)
        renders.append(time.perf_counter() - start)
    folder = Path(tempfile.mkdtemp())
    print(
        f"{'page':22} {'render':>8} {'size':>8} {'drawn':>7} {'goal':>5} {'ratio':>6} "
        f"{'select':>7} {'filter':>7} {'labels':>7} {'overlaps':>8}"
    )
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=ARGS)
        for (name, (page_html, goal)), render in zip(pages.items(), renders, strict=True):
            path = folder / (name.split()[-1].replace(",", "").strip("()") + ".html")
            path.write_text(page_html, encoding="utf-8")
            drawn, selects, filters = [], [], []
            for _ in range(3):
                context = browser.new_context(offline=True, viewport={"width": 1400, "height": 900})
                page = context.new_page()
                begin = time.perf_counter()
                page.goto(path.as_uri())
                page.wait_for_function("window.kgReady === true", timeout=180000)
                drawn.append(time.perf_counter() - begin)
                overlaps, labels = page.evaluate(OVERLAPS)
                select, filtered = page.evaluate(INTERACT)
                selects.append(select)
                filters.append(filtered)
                context.close()
            first = statistics.median(drawn)
            print(
                f"{name:22} {render:7.2f}s {path.stat().st_size / 1e6:6.2f}MB {first:6.2f}s "
                f"{goal:4.0f}s {first / goal:6.2f} {statistics.median(selects):6.2f}s "
                f"{statistics.median(filters):6.2f}s {labels:7d} {overlaps:8d}"
            )
        browser.close()


if __name__ == "__main__":
    main()
