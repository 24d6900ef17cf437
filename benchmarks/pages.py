"""Benchmark: how fast graph pages are drawn in headless Chromium, and how big they are.

Run on demand (not part of the tests):  python benchmarks/pages.py

Measures, side by side in one run: the seed graph's page and a synthetic
5,000-node page: time to render the HTML in Python, page size, and time from
opening the file until vis-network has drawn it (the layout is precomputed and
physics is off, so drawn means still). Goals: seed page under 1 s, 5,000 nodes
under 5 s.
"""

from __future__ import annotations

import json
import shutil
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


def synthetic(n: int) -> nx.DiGraph:
    base = nx.barabasi_albert_graph(n, 2, seed=0)
    graph = nx.DiGraph()
    classes = ["ex:Person", "ex:Organisation", "ex:Event", "ex:Topic", "ex:Agreement"]
    for node in base.nodes:
        graph.add_node(
            f"http://ex.org/n{node}",
            label=f"Entity {node}",
            aliases=[f"E{node}"],
            articles=[f"corpus/{node % 50:03d}.txt"],
            **{"class": classes[node % 5]},
        )
    for a, b in base.edges:
        graph.add_edge(f"http://ex.org/n{a}", f"http://ex.org/n{b}", label="related to", weight=1)
    return graph


def main() -> None:
    chromium = shutil.which("chromium")
    if chromium is None:
        sys.exit("no chromium: install Debian's chromium package")
    from playwright.sync_api import sync_playwright

    pages = {}
    start = time.perf_counter()
    pages["seed (162 nodes)"] = (build_page(load_dataset(ROOT / "ontology", ROOT / "triples")), 1.0)
    seed_render = time.perf_counter() - start
    big = synthetic(5000)
    start = time.perf_counter()
    pages["synthetic (5,000 nodes)"] = (render_page(big, pagerank(big).values, "bench"), 5.0)
    big_render = time.perf_counter() - start
    renders = [seed_render, big_render]
    results = {}
    folder = Path(tempfile.mkdtemp())
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=ARGS)
        for (name, (page_html, goal)), render in zip(pages.items(), renders, strict=True):
            path = folder / (name.split()[0] + ".html")
            path.write_text(page_html, encoding="utf-8")
            context = browser.new_context(offline=True, viewport={"width": 1280, "height": 800})
            page = context.new_page()
            begin = time.perf_counter()
            page.goto(path.as_uri())
            page.wait_for_function("window.kgReady === true", timeout=120000)
            drawn = time.perf_counter() - begin
            context.close()
            results[name] = {
                "render_s": round(render, 3),
                "page_bytes": path.stat().st_size,
                "drawn_s": round(drawn, 3),
                "goal_s": goal,
                "ratio_to_goal": round(drawn / goal, 3),
            }
        browser.close()
    for name, r in results.items():
        print(
            f"{name:26} render {r['render_s']:7.3f} s   page {r['page_bytes'] / 1e6:6.2f} MB   "
            f"drawn in {r['drawn_s']:6.3f} s   goal {r['goal_s']:.0f} s   ratio {r['ratio_to_goal']:.2f}"
        )
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
