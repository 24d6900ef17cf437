"""The graph page in a real browser: offline, complete, searchable, and safe."""

from __future__ import annotations

import re

import pytest

from kg.analysis.projection import project
from kg.commands import main
from kg.data.dataset import load_dataset

POISON = '</script><img src=x onerror="window.__pwned=1">'
POISONED = """\
@prefix ex: <http://ex.org/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
ex:mallory a ex:Minister ; skos:prefLabel "</script><img src=x onerror=\\"window.__pwned=1\\">" ;
    skos:altLabel "<b onmouseover=\\"window.__pwned=2\\">Mal & 'Lory'</b>" ; ex:knows ex:ann .
"""


@pytest.fixture
def page_file(news, runner):
    news.write("triples/poison.ttl", POISONED)
    out = news.root / "page.html"
    result = runner.invoke(main, ["viz", "-o", str(out), *news.args()])
    assert result.exit_code == 0, result.output
    return out


def drawn(page) -> dict:
    return page.evaluate(
        "() => ({nodes: kgNetwork.body.data.nodes.length, edges: kgNetwork.body.data.edges.length,"
        " visibleNodes: kgNetwork.body.nodeIndices.length})"
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


def test_search_box_focuses_an_entity_by_alias(page_file, open_page):
    page = open_page(page_file).page
    page.fill("#kg-search", "anne")
    page.press("#kg-search", "Enter")
    assert page.evaluate("window.kgFocused") == "http://ex.org/ann"
    assert page.evaluate("kgNetwork.getSelectedNodes()") == ["http://ex.org/ann"]
    assert page.text_content("#kg-status") == "found: Ann"


def test_poisoned_labels_are_shown_as_text_and_never_run(page_file, open_page):
    opened = open_page(page_file)
    page = opened.page
    page.fill("#kg-search", POISON)
    page.press("#kg-search", "Enter")
    page.mouse.move(640, 400)
    assert page.evaluate("window.__pwned") is None
    assert page.evaluate("document.querySelectorAll('img, b').length") == 0
    names = page.eval_on_selector_all("#kg-names option", "os => os.map(o => o.value)")
    assert POISON in names
    assert "<b onmouseover=\"window.__pwned=2\">Mal & 'Lory'</b>" in names
    assert page.evaluate("kgNodes.get('http://ex.org/mallory').label") == POISON
    assert opened.errors == []


def test_class_filter_and_legend(page_file, open_page):
    page = open_page(page_file).page
    legend = page.eval_on_selector_all("#kg-legend-list li", "ls => ls.map(l => l.textContent)")
    assert legend == ["ex:Minister", "ex:Summit", "schema:Person"]
    page.select_option("#kg-class-filter", "ex:Minister")
    assert page.evaluate("kgNodes.get({filter: n => !n.hidden}).map(n => n.id).sort()") == [
        "http://ex.org/ann",
        "http://ex.org/mallory",
    ]
    colours = page.evaluate(
        "Object.values(kgNetwork.body.nodes).filter(n => n.options.group)"
        ".map(n => [n.options.group, n.options.color.background])"
    )
    assert len(colours) == 5
    palette = dict(
        page.evaluate(
            "JSON.parse(document.getElementById('kg-data').textContent).classes.map(c => [c.name, c.colour])"
        )
    )
    assert all(palette[group] == colour for group, colour in colours)


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


def test_tooltip_holds_label_class_aliases_and_articles(page_file, open_page):
    page = open_page(page_file).page
    text = page.evaluate("kgNodes.get('http://ex.org/ann').title.textContent")
    assert text.splitlines()[:3] == ["Ann", "class: ex:Minister", "also: Anne; Annie"]
    assert "stated in: corpus/a.txt" in text
    assert re.search(r"^http://ex.org/ann$", text, re.M)
