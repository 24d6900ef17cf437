"""The graph page in a real browser: offline, complete, legible, searchable, and safe."""

from __future__ import annotations

import pytest

from kg.analysis.projection import project
from kg.commands import main
from kg.data.dataset import load_dataset

REPO_ROOT = __import__("pathlib").Path(__file__).resolve().parents[2]
POISON = '</script><img src=x onerror="window.__pwned=1">'
POISONED = """\
@prefix ex: <http://ex.org/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
ex:mallory a ex:Minister ; skos:prefLabel "</script><img src=x onerror=\\"window.__pwned=1\\">" ;
    skos:altLabel "<b onmouseover=\\"window.__pwned=2\\">Mal & 'Lory'</b>" ; ex:knows ex:ann .
"""
CHINH = "https://kg.example.org/id/pham-minh-chinh"


@pytest.fixture
def page_file(news, runner):
    news.write("triples/poison.ttl", POISONED)
    out = news.root / "page.html"
    result = runner.invoke(main, ["viz", "-o", str(out), *news.args()])
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def seed_file(tmp_path_factory):
    """The shipped graph's default page."""
    from click.testing import CliRunner

    out = tmp_path_factory.mktemp("seed") / "graph.html"
    args = ["--ontology", str(REPO_ROOT / "ontology"), "--triples", str(REPO_ROOT / "triples")]
    result = CliRunner().invoke(main, ["viz", "-o", str(out), *args])
    assert result.exit_code == 0, result.output
    return out


def drawn(page) -> dict:
    return page.evaluate(
        "() => ({nodes: kgNetwork.body.data.nodes.length, edges: kgNetwork.body.data.edges.length,"
        " visibleNodes: kgNetwork.body.nodeIndices.length})"
    )


def click_node(page, node_id: str) -> None:
    x, y = page.evaluate(
        """id => { const p = kgNetwork.getPositions([id])[id]; const d = kgNetwork.canvasToDOM(p);
           const r = document.getElementById('kg-graph').getBoundingClientRect();
           return [r.left + d.x, r.top + d.y]; }""",
        node_id,
    )
    page.mouse.click(x, y)


def pixel(page, node_id: str) -> tuple[int, int, int]:
    """The colour the canvas shows at a node's centre."""
    return tuple(
        page.evaluate(
            """id => { const p = kgNetwork.canvasToDOM(kgNetwork.getPositions([id])[id]);
               const c = document.querySelector('#kg-graph canvas');
               const k = c.width / c.clientWidth;
               return [...c.getContext('2d').getImageData(Math.round(p.x * k), Math.round(p.y * k), 1, 1).data].slice(0, 3); }""",
            node_id,
        )
    )


def empty_spot(page) -> tuple[float, float]:
    """A point of the graph area (page coordinates) with neither a node nor an edge under it."""
    spot = page.evaluate(
        """() => { const r = document.getElementById('kg-graph').getBoundingClientRect();
           for (let y = r.height - 5; y > 0; y -= 10) for (let x = 5; x < r.width; x += 10) {
             const p = {x, y};
             if (kgNetwork.getNodeAt(p) == null && kgNetwork.getEdgeAt(p) == null)
               return [r.left + x, r.top + y];
           }
           return null; }"""
    )
    assert spot is not None, "no empty spot in the graph area"
    return spot[0], spot[1]


def visible_box(page) -> dict:
    """The DOM box of the visible nodes and the graph area's size."""
    return page.evaluate(
        """() => { const ids = kgNodes.getIds({filter: n => !n.hidden});
           const pos = kgNetwork.getPositions(ids);
           const pts = ids.map(id => kgNetwork.canvasToDOM(pos[id]));
           const c = document.getElementById('kg-graph');
           return {left: Math.min(...pts.map(p => p.x)), right: Math.max(...pts.map(p => p.x)),
                   top: Math.min(...pts.map(p => p.y)), bottom: Math.max(...pts.map(p => p.y)),
                   width: c.clientWidth, height: c.clientHeight, n: ids.length}; }"""
    )


def test_page_opens_offline_without_errors_or_requests(page_file, open_page):
    opened = open_page(page_file)
    assert opened.errors == []
    assert [u for u in opened.requests if not u.startswith("file://")] == []
    assert len(opened.requests) == 1  # the page itself, nothing beside it


def test_every_node_and_edge_is_drawn(page_file, open_page, news):
    graph = project(load_dataset(news.ontology, news.triples))
    counts = drawn(open_page(page_file).page)
    assert counts == {
        "nodes": graph.number_of_nodes(),
        "edges": graph.number_of_edges(),
        "visibleNodes": graph.number_of_nodes(),
    }


def test_search_a_partial_name_and_pick_a_suggestion(seed_file, open_page):
    opened = open_page(seed_file)
    page = opened.page
    page.fill("#kg-search", "")
    page.type("#kg-search", "minh chi")
    suggestions = page.eval_on_selector_all(
        "#kg-suggestions li", "ls => ls.map(l => l.textContent)"
    )
    assert suggestions and suggestions[0].startswith("Pham Minh Chinh")
    page.click("#kg-suggestions li >> nth=0")
    assert page.evaluate("window.kgSelected") == CHINH
    assert page.evaluate("kgNetwork.getSelectedNodes()") == [CHINH]
    assert page.text_content("#kg-panel h2") == "Pham Minh Chinh"
    # an alias, in any case, by a part of it; the keyboard picks too
    page.fill("#kg-search", "")
    page.type("#kg-search", "mingzh")
    assert "also \u201cFan Mingzheng\u201d" in page.text_content("#kg-suggestions li")
    page.press("#kg-search", "ArrowDown")
    page.press("#kg-search", "Enter")
    assert page.evaluate("window.kgSelected") == CHINH
    assert opened.errors == []


def test_click_a_node_and_read_the_panel(seed_file, open_page):
    page = open_page(seed_file).page
    mou = page.evaluate(
        "Object.values(kgInfo).find(n => n.label.startsWith('MoU on cooperation in avoiding')).id"
    )
    far = page.evaluate(
        """id => { const near = new Set([id, ...kgNetwork.getConnectedNodes(id)]);
           return Object.values(kgInfo).filter(n => !near.has(n.id)).sort((a, b) => a.rank - b.rank)[0].id; }""",
        mou,
    )
    ids = [mou, far, *page.evaluate("id => kgNetwork.getConnectedNodes(id)", mou)]
    page.evaluate("window.kgDrawLabels = false; kgNetwork.redraw()")  # nodes alone, no halos
    before = {n: pixel(page, n) for n in ids}
    assert sum(before[far]) < 600  # a coloured node, not white
    area = page.evaluate("document.getElementById('kg-graph').getBoundingClientRect().toJSON()")
    click_node(page, mou)
    # a long name in the status line does not reflow the page and move the graph
    box = "document.getElementById('kg-graph').getBoundingClientRect().toJSON()"
    assert page.evaluate(box) == area
    assert page.evaluate("window.kgSelected") == mou
    panel = page.text_content("#kg-panel")
    assert "Japan, Vietnam to cooperate on avoiding supply chain disruptions" in panel  # headline
    assert "corpus/" not in panel  # not the file name
    assert "signed a memorandum of understanding (MoU)" in panel  # the evidence sentence
    assert "Memorandum of understanding \u00b7 Agreements and documents" in panel

    # the neighbourhood is drawn as before, the rest veiled (read from the canvas)
    def unveiled(node: str) -> bool:
        return all(abs(a - b) < 30 for a, b in zip(pixel(page, node), before[node], strict=True))

    # the selected node is drawn over the veil: its ring (3 px on screen, whatever the
    # node's size) may darken its centre, the veil would whiten it
    assert sum(pixel(page, mou)) <= sum(before[mou]) + 30
    assert all(unveiled(n) for n in ids[2:])
    assert sum(pixel(page, far)) > sum(before[far]) + 150
    page.keyboard.press("Escape")
    assert page.evaluate("window.kgSelected") is None
    assert page.is_hidden("#kg-panel")
    assert unveiled(far)
    # a neighbour in the panel is a link to it
    click_node(page, mou)
    first = page.text_content("#kg-panel button.kg-link >> nth=0")
    page.click("#kg-panel button.kg-link >> nth=0")
    assert page.text_content("#kg-panel h2") == first
    # a click on the background (no node or edge there) clears
    page.mouse.click(*empty_spot(page))
    assert page.evaluate("window.kgSelected") is None


def test_filter_groups_and_the_view_refits(seed_file, open_page):
    page = open_page(seed_file).page
    fits = page.evaluate("window.kgFits")
    before = page.evaluate("kgNetwork.getScale()")
    legend = page.eval_on_selector_all(
        "#kg-legend li.kg-group", "ls => ls.map(l => l.dataset.group)"
    )
    hide = [g for g in legend if g not in ("agreements", "governments")]
    for group in hide:
        page.click(f"#kg-legend li[data-group={group}]")
    box = visible_box(page)
    shown_groups = page.evaluate(
        "[...new Set(kgNodes.get({filter: n => !n.hidden}).map(n => kgInfo[n.id].group))].sort()"
    )
    assert shown_groups == ["agreements", "governments"]
    assert page.evaluate("window.kgFits") == fits + len(hide)
    assert page.evaluate("kgNetwork.getScale()") > before
    # fitted: every visible node on screen, and they fill the width or the height
    assert box["left"] >= 0 and box["right"] <= box["width"]
    assert box["top"] >= 0 and box["bottom"] <= box["height"]
    assert (box["right"] - box["left"]) > 0.7 * box["width"] or (
        box["bottom"] - box["top"]
    ) > 0.7 * box["height"]
    total = page.evaluate("Object.keys(kgInfo).length")
    assert page.text_content("#kg-status").startswith(f"{box['n']} of {total} nodes shown")


def test_toggle_a_legend_group(seed_file, open_page):
    page = open_page(seed_file).page
    legend = page.eval_on_selector_all(
        "#kg-legend li.kg-group .kg-group-name", "ls => ls.map(l => l.textContent)"
    )
    assert legend[:3] == ["People and positions", "Governments and ministries", "Organisations"]
    assert len(legend) <= 11
    figures = "#kg-legend li[data-group=figures]"
    count = int(page.text_content(f"{figures} .kg-count").strip(" ()"))
    hidden = "kgNodes.get({filter: n => n.hidden}).map(n => kgInfo[n.id].group)"
    page.click(figures)
    assert page.evaluate(hidden) == ["figures"] * count
    assert page.get_attribute(figures, "aria-checked") == "false"
    page.click(figures)
    assert page.evaluate(hidden) == []


def test_article_filter_and_hide_unconnected(seed_file, open_page):
    page = open_page(seed_file).page
    page.select_option(
        "#kg-article", label="Japan, Vietnam to cooperate on avoiding supply chain disruptions"
    )
    shown = page.evaluate("kgNodes.get({filter: n => !n.hidden}).length")
    assert 0 < shown < page.evaluate("Object.keys(kgInfo).length")
    page.check("#kg-isolated")
    fewer = page.evaluate("kgNodes.get({filter: n => !n.hidden}).length")
    assert 0 < fewer < shown
    box = visible_box(page)
    assert box["left"] >= 0 and box["right"] <= box["width"]


def test_top_labels_are_legible_and_do_not_overlap(seed_file, open_page):
    page = open_page(seed_file).page
    found = page.evaluate(
        """() => {
          const scale = kgNetwork.getScale();
          const top = Object.values(kgInfo).sort((a, b) => a.rank - b.rank).slice(0, 10).map(n => n.id);
          const pos = kgNetwork.getPositions(top);
          const ctx = document.createElement('canvas').getContext('2d');
          const labels = Object.fromEntries(kgLabels.map(l => [l.id, l]));
          return {scale, labels: kgLabels, top: top.map(id => {
            const d = kgNetwork.canvasToDOM(pos[id]);
            const l = labels[id];
            if (!l) return {id, drawn: false};
            ctx.font = l.px + 'px system-ui, sans-serif';
            return {id, drawn: true, nodeX: d.x, nodeY: d.y, x: l.x, y: l.y, w: l.w, h: l.h,
                    px: l.px, textWidth: ctx.measureText(l.text).width};
          })};
        }"""
    )
    assert all(t["drawn"] for t in found["top"]), [t["id"] for t in found["top"] if not t["drawn"]]
    for t in found["top"]:
        assert t["px"] >= 12  # on screen, at the first view
        # beside its node: the box's nearest point is within a few pixels of the node's centre
        dx = max(t["x"] - t["nodeX"], 0, t["nodeX"] - (t["x"] + t["w"]))
        dy = max(t["y"] - t["nodeY"], 0, t["nodeY"] - (t["y"] + t["h"]))
        assert (dx**2 + dy**2) ** 0.5 < 25
        assert t["w"] >= t["textWidth"]
    # and on the canvas: near-black text pixels, spanning at least 9 px from top to bottom
    spans = page.evaluate(
        """boxes => { const c = document.querySelector('#kg-graph canvas');
           const k = c.width / c.clientWidth; const ctx = c.getContext('2d');
           return boxes.map(b => { const d = ctx.getImageData(Math.round(b.x * k), Math.round(b.y * k),
                                                              Math.round(b.w * k), Math.round(b.h * k));
             let first = -1, last = -1;
             for (let y = 0; y < d.height; y++) for (let x = 0; x < d.width; x++) {
               const i = 4 * (y * d.width + x);
               if (d.data[i + 3] > 200 && d.data[i] < 70 && d.data[i + 1] < 70 && d.data[i + 2] < 70) { if (first < 0) first = y; last = y; }
             }
             return first < 0 ? 0 : (last - first + 1) / k; }); }""",
        [t for t in found["top"]],
    )
    assert all(span >= 9 for span in spans), spans
    boxes = found["labels"]
    assert len(boxes) >= 20
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            apart = (
                a["x"] + a["w"] <= b["x"]
                or b["x"] + b["w"] <= a["x"]
                or a["y"] + a["h"] <= b["y"]
                or b["y"] + b["h"] <= a["y"]
            )
            assert apart, (a["text"], b["text"])
    # zooming in shows more labels
    first = len(boxes)
    page.evaluate("kgNetwork.moveTo({scale: kgNetwork.getScale() * 3}); kgNetwork.redraw()")
    assert page.evaluate("kgLabels.length") >= min(first, 10)
    assert {lab["id"] for lab in page.evaluate("kgLabels")} - {b["id"] for b in boxes}


def test_poisoned_labels_are_shown_as_text_and_never_run(page_file, open_page):
    opened = open_page(page_file)
    page = opened.page
    page.type("#kg-search", "onerror")
    texts = page.eval_on_selector_all("#kg-suggestions li", "ls => ls.map(l => l.textContent)")
    assert texts and texts[0].startswith(POISON)
    page.click("#kg-suggestions li >> nth=0")
    assert page.text_content("#kg-panel h2") == POISON
    assert "<b onmouseover=\"window.__pwned=2\">Mal & 'Lory'</b>" in page.text_content("#kg-panel")
    page.mouse.move(640, 400)
    assert page.evaluate("window.__pwned") is None
    assert page.evaluate("document.querySelectorAll('img, b').length") == 0
    assert page.evaluate("kgInfo['http://ex.org/mallory'].label") == POISON
    assert opened.errors == []


def test_group_colours_follow_the_fixed_palette(page_file, open_page):
    page = open_page(page_file).page
    colours = page.evaluate(
        "kgNodes.getIds().map(id => [kgInfo[id].group, kgNetwork.body.nodes[id].options.color.background])"
    )
    palette = dict(
        page.evaluate(
            "JSON.parse(document.getElementById('kg-data').textContent).groups.map(g => [g.key, g.colour])"
        )
    )
    assert len(colours) == 5
    assert all(palette[group] == colour for group, colour in colours)
    assert {g for g, _c in colours} == {"people", "events"}


def test_screenshot_is_saved_and_not_blank(page_file, open_page, tmp_path):
    page = open_page(page_file).page
    shot = tmp_path / "page.png"
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 5000
    coloured = page.evaluate(
        """() => { const c = document.querySelector('#kg-graph canvas');
           const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
           let n = 0; for (let i = 0; i < d.length; i += 4) { if (d[i + 3] > 0 && (d[i] < 200 || d[i + 1] < 200 || d[i + 2] < 200)) n++; }
           return n; }"""
    )
    assert coloured > 500


def test_tooltip_has_human_names_and_headlines(page_file, open_page):
    page = open_page(page_file).page
    text = page.evaluate("kgNodes.get('http://ex.org/summit').title")
    assert "year: 2024" in text
    assert "In: The article" in text
    assert "corpus/a.txt" not in text
    ann = page.evaluate("kgNodes.get('http://ex.org/ann').title")
    assert ann.splitlines()[:3] == [
        "Ann",
        "Minister \u00b7 People and positions",
        "Also: Anne; Annie",
    ]
    # shown as text in vis-network's tooltip
    page.hover(
        "#kg-graph canvas",
        position=page.evaluate(
            """() => { const p = kgNetwork.canvasToDOM(kgNetwork.getPositions(['http://ex.org/ann'])['http://ex.org/ann']);
           return {x: p.x, y: p.y}; }"""
        ),
    )
    page.wait_for_selector("div.vis-tooltip", state="visible")
    assert page.inner_text("div.vis-tooltip").splitlines()[0] == "Ann"


def test_a_large_graph_opens_a_cluster_on_click(open_page, tmp_path, monkeypatch):
    import networkx as nx

    from kg.pages import page as pages

    monkeypatch.setattr(pages, "MAX_DRAWN", 100)
    monkeypatch.setattr(pages, "TOP_DRAWN", 30)
    base = nx.barabasi_albert_graph(300, 2, seed=2)
    graph = nx.Graph()
    for i in base:
        graph.add_node(f"n{i}", label=f"N{i}", aliases=[], articles=[], **{"class": "ex:C"})
    graph.add_edges_from((f"n{a}", f"n{b}", {"label": "r", "weight": 1}) for a, b in base.edges)
    out = tmp_path / "big.html"
    out.write_text(pages.render_page(graph, {n: 1.0 / (1 + int(n[1:])) for n in graph}, "big"))
    opened = open_page(out)
    page = opened.page
    assert page.text_content("#kg-note").startswith("Showing the 30 largest of 300 nodes")
    clusters = page.evaluate("kgNodes.getIds().filter(id => id.startsWith('cluster:'))")
    assert clusters and page.evaluate("kgNodes.length") == 30 + len(clusters)
    members = page.evaluate(
        "id => JSON.parse(document.getElementById('kg-data').textContent).clusters"
        ".find(c => c.id === id).members",
        clusters[0],
    )
    links = "id => kgEdges.get({filter: e => e.from === id || e.to === id}).length"
    assert page.evaluate(links, clusters[0]) > 0  # a closed cluster shows where it belongs
    click_node(page, clusters[0])
    assert page.evaluate("id => kgNodes.get(id)", clusters[0]) is None
    assert page.evaluate(links, clusters[0]) == 0
    assert page.evaluate("ids => ids.every(id => kgNodes.get(id) !== null)", members)
    # search reaches folded nodes too: choosing one opens its cluster
    hidden = page.evaluate(
        "Object.values(kgInfo).find(n => n.folded && kgNodes.get(n.id) === null).id"
    )
    page.type("#kg-search", page.evaluate("id => kgInfo[id].label", hidden))
    page.click("#kg-suggestions li >> nth=0")  # N12 comes before N120: it is larger
    assert page.evaluate("window.kgSelected") == hidden
    assert page.evaluate("id => kgNodes.get(id) !== null", hidden)
    assert opened.errors == []


def test_an_empty_selection_gives_a_page_that_says_so(open_page, tmp_path):
    import networkx as nx

    from kg.pages.page import render_page

    out = tmp_path / "empty.html"
    out.write_text(render_page(nx.DiGraph(), {}, "empty"))
    opened = open_page(out)
    assert opened.page.text_content("#kg-note") == "Nothing to show: the selection has no nodes."
    assert opened.errors == []
