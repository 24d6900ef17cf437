"""Each projection rule on a one-article project."""

from __future__ import annotations

import pytest

from kg.analysis.projection import ProjectionRules, project
from kg.analysis.rules import read_rules_file, rules_from_options
from kg.data.dataset import load_dataset
from kg.errors import UsageError

EX = "http://ex.org/"


def graph_of(news, **rules):
    return project(load_dataset(news.ontology, news.triples), ProjectionRules().updated(**rules))


def test_entities_are_nodes_with_class_label_aliases_literals_and_articles(news):
    g = graph_of(news)
    assert sorted(g.nodes) == [EX + n for n in ("ann", "ben", "cid", "summit")]
    ann = g.nodes[EX + "ann"]
    assert ann["label"] == "Ann"
    assert ann["class"] == "ex:Minister"  # the most specific type
    assert ann["aliases"] == ["Anne", "Annie"]  # including the merged owl:sameAs node's label
    assert ann["articles"] == ["corpus/a.txt"]
    assert g.nodes[EX + "summit"]["ex:year"] == "2024"


def test_articles_and_their_mentions_are_not_nodes_or_edges_by_default(news):
    g = graph_of(news)
    assert EX + "article" not in g
    assert all("schema:mentions" not in d["predicates"] for *_e, d in g.edges(data=True))


def test_edges_keep_direction_predicate_label_and_articles(news):
    g = graph_of(news)
    edge = g.edges[EX + "ann", EX + "summit"]
    assert edge["predicates"] == ["ex:attended"]
    assert edge["label"] == "attended"
    assert edge["articles"] == ["corpus/a.txt"]
    assert edge["weight"] == 1
    assert g.has_edge(EX + "summit", EX + "ann")  # hostedBy, the other way
    assert not g.has_edge(EX + "ben", EX + "ann")
    assert g.number_of_edges() == 6  # 3 attended, 2 knows, 1 hostedBy; no rdf:type, no sameAs


def test_undirected_merges_both_directions_into_one_edge(news):
    g = graph_of(news, directed=False)
    assert not g.is_directed()
    edge = g.edges[EX + "ann", EX + "summit"]
    assert edge["predicates"] == ["ex:attended", "ex:hostedBy"]
    assert edge["weight"] == 2
    assert g.number_of_edges() == 5


def test_include_and_exclude_predicates(news):
    only = graph_of(news, include_predicates=["ex:knows"])
    assert sorted(only.edges) == [(EX + "ann", EX + "ben"), (EX + "cid", EX + "ben")]
    without = graph_of(news, exclude_predicates=["ex:attended", "<http://ex.org/hostedBy>"])
    assert sorted(without.edges) == sorted(only.edges)


def test_exclude_classes_uses_the_class_hierarchy(news):
    g = graph_of(news, exclude_classes=["schema:Event"])
    assert EX + "summit" not in g  # an ex:Summit, subclass of schema:Event


def test_collapse_events_links_people_who_shared_one(news):
    g = graph_of(news, collapse_events=True, directed=False)
    assert EX + "summit" not in g
    shared = g.edges[EX + "ann", EX + "cid"]
    assert shared["predicates"] == ["kg:sharedEvent"]
    assert shared["via"] == ["Summit"]
    assert shared["weight"] == 1
    assert g.graph["rules"]["collapse_events"] is True


def test_rules_are_recorded_in_the_graph(news):
    g = graph_of(news, directed=False)
    assert g.graph["rules"] == {
        "directed": False,
        "include_predicates": [],
        "exclude_predicates": ["schema:mentions", "kg:equivalentAmount"],
        "exclude_classes": ["schema:NewsArticle", "schema:WebSite"],
        "collapse_events": False,
    }


def test_unknown_prefix_in_a_rule_is_a_usage_error(news):
    with pytest.raises(UsageError, match="unknown prefix in 'nope:x'"):
        graph_of(news, exclude_predicates=["nope:x"])


def test_rules_file_in_toml(tmp_path):
    path = tmp_path / "rules.toml"
    path.write_text('undirected = true\nexclude-predicate = ["ex:knows"]\n')
    rules = rules_from_options({}, read_rules_file(path))
    assert rules.directed is False
    assert rules.exclude_predicates == (*ProjectionRules().exclude_predicates, "ex:knows")
    assert rules.exclude_classes == ProjectionRules().exclude_classes


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("colour = true\n", "unknown projection rule 'colour'"),
        ("directed = [1]\n", "directed must be true or false"),
        ("directed = \n", "cannot read"),
    ],
)
def test_bad_rules_file(tmp_path, text, message):
    path = tmp_path / "rules.toml"
    path.write_text(text)
    with pytest.raises(UsageError, match=message.replace("(", r"\(").replace(")", r"\)")):
        read_rules_file(path)


AMOUNTS = """\
@prefix ex: <http://ex.org/> .
@prefix kg: <https://kg.example.org/ontology#> .
@prefix schema: <https://schema.org/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
ex:talks a schema:Event ; skos:prefLabel "Talks" ; schema:attendee ex:pm, ex:minister .
ex:pm a schema:Person ; skos:prefLabel "PM" .
ex:minister a schema:Person ; skos:prefLabel "Minister" .
ex:loan a ex:Loan ; skos:prefLabel "Loan" ; ex:signatory ex:pm, ex:minister ; ex:amount ex:yen .
ex:yen a schema:MonetaryAmount ; skos:prefLabel "61 billion yen" ; kg:equivalentAmount ex:usd .
ex:usd a schema:MonetaryAmount ; skos:prefLabel "500 million USD" ; kg:equivalentAmount ex:yen .
"""


def _ranked(graph) -> list[str]:
    from kg.analysis import pagerank

    values = pagerank(graph).values
    return sorted(values, key=lambda n: (-values[n], n))


def test_equivalent_amounts_do_not_outrank_the_people_by_default(news):
    news.write("triples/amounts.ttl", AMOUNTS)
    dataset = load_dataset(news.ontology, news.triples)
    ranked = _ranked(project(dataset))
    assert ranked.index(EX + "pm") < ranked.index(EX + "yen")
    assert ranked.index(EX + "pm") < ranked.index(EX + "usd")
    # the rule is what makes the difference: with the link, the amounts lead
    linked = _ranked(project(dataset, ProjectionRules(exclude_predicates=("schema:mentions",))))
    assert linked.index(EX + "yen") < linked.index(EX + "pm")


def test_on_the_shipped_graph_pham_minh_chinh_outranks_every_amount():
    from pathlib import Path

    repo = Path(__file__).resolve().parent.parent
    graph = project(load_dataset(repo / "ontology", repo / "triples"))
    ranked = _ranked(graph)
    chinh = next(n for n in graph if graph.nodes[n]["label"] == "Pham Minh Chinh")
    amounts = [n for n in graph if graph.nodes[n]["class"] == "schema:MonetaryAmount"]
    assert len(amounts) >= 4
    assert all(ranked.index(chinh) < ranked.index(a) for a in amounts)
