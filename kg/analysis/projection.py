"""Projecting the RDF dataset into a networkx graph, by explicit rules.

The rules (:class:`ProjectionRules`) are:

1. **Nodes** are the IRIs given an ``rdf:type`` in the facts (the ``triples``
   graphs), except instances of excluded classes. Each node carries its class
   (the most specific of its types), preferred label, aliases, the articles
   whose graphs describe it, and its literal values (dates, amounts, counts)
   keyed by prefixed predicate.
2. **Edges** are triples between two nodes whose predicate is not excluded
   (and is included, when an include list is given). ``rdf:type`` and the
   ontology's own triples are never edges. Parallel triples between the same
   two nodes become one edge with the list of predicates, their labels, the
   articles that state them, and a ``weight`` (the number of triples).
3. **owl:sameAs**: nodes linked by ``owl:sameAs`` are merged into the one with
   the smallest IRI.
4. Events and agreements stay nodes, so that people connect through them;
   ``collapse_events`` instead replaces each event or agreement by edges
   between the people linked to it, weighted by how many they share.

Example:
    >>> rules = ProjectionRules(exclude_predicates=("schema:mentions",))
    >>> rules.to_dict()["directed"]
    True
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from itertools import combinations
from pathlib import Path
from typing import TYPE_CHECKING

import networkx as nx
import numpy as np

from kg.analysis.gcpause import paused_gc
from kg.analysis.rules import ProjectionRules, check_rule_terms, expand
from kg.data.dataset import KGDataset
from kg.data.labels import label_values
from kg.data.namespaces import shorten

if TYPE_CHECKING:
    from kg.analysis.edgelist import EdgeList

#: Classes whose instances are merged away by ``collapse_events``.
EVENT_CLASSES = ("schema:Event", "kg:Agreement")
#: Class whose instances are linked pairwise by ``collapse_events``.
PERSON_CLASS = "schema:Person"


def _values(iris: list[str]) -> str:
    return " ".join(f"<{i}>" for i in iris)


def project(
    dataset: KGDataset,
    rules: ProjectionRules | None = None,
    only: Iterable[str] | None = None,
    details: bool = True,
) -> nx.DiGraph | nx.Graph:
    """Build the networkx graph of the facts following ``rules``.

    The graph's ``graph["rules"]`` holds the rules used. Node keys are IRIs.
    ``only`` keeps just those nodes (nodes of the full projection, e.g. the top
    ones by a measure from :func:`project_edges`) and the edges among them,
    with the same attributes, looking up only what they need. ``details=False``
    gives the nodes with their label and class only: no aliases, literals,
    articles or edges.

    Raises:
        kg.errors.UsageError: a rule names a predicate or class the dataset does not know.
    """
    check_rule_terms(dataset, rules or ProjectionRules(), ProjectionRules())
    with paused_gc():
        chosen = None if only is None else set(only)
        return _project(dataset, rules or ProjectionRules(), chosen, details)


def project_edges(
    dataset: KGDataset, rules: ProjectionRules | None = None, cache: Path | None = None
) -> EdgeList:
    """The projection's nodes and weighted edges as integer arrays, by the same rules as :func:`project`.

    No labels, literals or articles are read. ``cache`` is a current build's
    folder: the edge list is read from there when it was saved for the same
    build and rules, and saved there otherwise.
    """
    from kg.analysis.edgelist import EdgeList, cache_key, cache_path

    rules = rules or ProjectionRules()
    check_rule_terms(dataset, rules, ProjectionRules())
    key = cache_key(cache, rules.to_dict()) if cache is not None else None
    if key is not None:
        found = EdgeList.load(cache_path(cache), key)
        if found is not None:
            return found
    if rules.collapse_events:  # rewrites the graph: done once, on the graph itself
        edges = EdgeList.from_graph(project(dataset, rules))
    else:
        with paused_gc():
            edges = _project_edges(dataset, rules)
    if key is not None:
        with contextlib.suppress(OSError):  # a read-only build still answers, uncached
            edges.save(cache_path(cache), key)
    return edges


def _node_set(
    dataset: KGDataset, rules: ProjectionRules, only: set[str] | None, with_types: bool
) -> tuple[dict[str, set[str]], list[str], dict[str, str], list[str]]:
    """Typed entities, the nodes among them, the owl:sameAs merges and the kept nodes.

    With ``only``, types are looked up for those nodes and what owl:sameAs merges into them.
    """
    excluded_classes = [expand(c, dataset.prefixes) for c in rules.exclude_classes]
    candidates = None if only is None else _with_same_as(dataset, only)
    types: dict[str, set[str]] = {}
    if with_types:
        chosen = _subjects(None if candidates is None else list(candidates), "?e")
        for row in dataset.query(
            f"SELECT DISTINCT ?e ?c WHERE {{ {chosen}{dataset.in_facts('?e a ?c FILTER isIRI(?e)')} }}"
        ):
            types.setdefault(row[0].value, set()).add(row[1].value)
    else:
        for row in dataset.query(
            f"SELECT DISTINCT ?e WHERE {{ {dataset.in_facts('?e a ?c FILTER isIRI(?e)')} }}"
        ):
            types[row[0].value] = set()
    hidden = _instances_of(dataset, excluded_classes)
    nodes = sorted(e for e in types if e not in hidden)
    merged = _same_as(dataset, set(nodes))
    keep = sorted({merged.get(n, n) for n in nodes})
    if only is not None:
        keep = [n for n in keep if n in only]
    return types, nodes, merged, keep


def _project_edges(dataset: KGDataset, rules: ProjectionRules) -> EdgeList:
    from kg.analysis.edgelist import EdgeList

    facts = dataset.graphs("triples")
    if not facts:
        return EdgeList([], *(np.zeros(0) for _ in range(3)), rules.directed, rules.to_dict())
    _types, _nodes, merged, keep = _node_set(dataset, rules, None, with_types=False)
    source, target, weight = _edge_counts(dataset, rules, merged, keep)
    return EdgeList.from_arrays(keep, source, target, weight, rules.directed, rules.to_dict())


def _project(
    dataset: KGDataset, rules: ProjectionRules, only: set[str] | None = None, details: bool = True
) -> nx.DiGraph | nx.Graph:
    prefixes = dataset.prefixes
    facts = dataset.graphs("triples")
    graph: nx.DiGraph | nx.Graph = nx.DiGraph() if rules.directed else nx.Graph()
    graph.graph["rules"] = rules.to_dict()
    if not facts:
        return graph
    if only is not None and rules.collapse_events:  # collapsing needs every event's people
        full = _project(dataset, rules)
        return full.subgraph(sorted((n for n in full if n in only), key=str)).copy()
    articles = _article_files(dataset)
    types, nodes, merged, keep = _node_set(dataset, rules, only, with_types=True)
    node_set = set(keep)
    members: dict[str, list[str]] = {}
    for n in nodes:
        members.setdefault(merged.get(n, n), []).append(n)
    if only is not None:
        nodes = [m for n in keep for m in members[n]]
    specific = _most_specific(dataset, types)
    labels = label_values(dataset, nodes)
    aliases: dict[str, set[str]] = {}
    alias_query = f"SELECT DISTINCT ?e ?a WHERE {{ {dataset.in_facts('?e skos:altLabel ?a')} }}"
    for row in dataset.query(alias_query) if details else []:
        entity = row[0].value
        aliases.setdefault(merged.get(entity, entity), set()).add(row[1].value)

    classes = {c: shorten(c, prefixes) for c in set(specific.values())}
    for iri in keep:
        entries = [e for m in members[iri] for e in labels.get(m, [])]
        preferred = entries[0][2] if entries else shorten(iri, prefixes)
        names = {t for _p, _l, t in entries} | aliases.get(iri, set())
        graph.add_node(
            iri,
            label=preferred,
            **{"class": classes[specific[iri]] if specific.get(iri) else ""},
            aliases=sorted(names - {preferred}),
            articles=[],
        )
    if not details:
        return graph
    subjects = None if only is None else nodes
    _add_literals(dataset, graph, merged, subjects)
    _add_articles(dataset, graph, merged, articles, subjects)
    _add_edges(dataset, graph, rules, merged, node_set, articles, subjects)
    if rules.collapse_events:
        _collapse(graph, dataset, rules)
    return graph


def _with_same_as(dataset: KGDataset, iris: set[str]) -> set[str]:
    """``iris`` and every IRI linked to one of them by owl:sameAs, transitively."""
    links = nx.Graph()
    for row in dataset.query(
        "SELECT ?a ?b WHERE { ?a owl:sameAs ?b FILTER(isIRI(?a) && isIRI(?b)) }"
    ):
        links.add_edge(row["a"].value, row["b"].value)
    found = set(iris)
    for group in nx.connected_components(links):
        if group & iris:
            found |= group
    return found


#: Up to this many subjects, attribute queries name them in a VALUES list.
VALUES_SUBJECTS = 2000


def _subjects(subjects: list[str] | None, var: str = "?s") -> str:
    if subjects is None or len(subjects) > VALUES_SUBJECTS:
        return ""
    return f"VALUES {var} {{ {_values(sorted(subjects))} }} "


def _article_files(dataset: KGDataset) -> dict[str, str]:
    """Map each article graph to a short article name (its corpus file, else the graph)."""
    found = {}
    rows = dataset.query(
        "SELECT ?g (SAMPLE(?f) AS ?file) WHERE { GRAPH ?g { ?a a schema:NewsArticle "
        "OPTIONAL { ?a kg:corpusFile ?f } } } GROUP BY ?g"
    )
    for row in rows:
        found[row["g"].value] = row["file"].value if row["file"] else row["g"].value
    return found


def _instances_of(dataset: KGDataset, classes: list[str]) -> set[str]:
    if not classes:
        return set()
    rows = dataset.query(
        f"SELECT DISTINCT ?e WHERE {{ VALUES ?k {{ {_values(classes)} }} "
        "?e a ?c . ?c rdfs:subClassOf* ?k }"
    )
    return {row["e"].value for row in rows}


def _same_as(dataset: KGDataset, nodes: set[str]) -> dict[str, str]:
    """Map every node linked by owl:sameAs to the smallest IRI of its group."""
    links = nx.Graph()
    for row in dataset.query(
        "SELECT ?a ?b WHERE { ?a owl:sameAs ?b FILTER(isIRI(?a) && isIRI(?b)) }"
    ):
        a, b = row["a"].value, row["b"].value
        if a in nodes or b in nodes:
            links.add_edge(a, b)
    merged = {}
    for group in nx.connected_components(links):
        canonical = min(n for n in group if n in nodes) if group & nodes else min(group)
        for member in group:
            merged[member] = canonical
    return merged


def _most_specific(dataset: KGDataset, types: dict[str, set[str]]) -> dict[str, str]:
    """Each entity's type that is not a superclass of another of its types (smallest IRI on ties)."""
    supers: dict[str, set[str]] = {}
    for row in dataset.query("SELECT ?c ?s WHERE { ?c rdfs:subClassOf+ ?s FILTER isIRI(?s) }"):
        supers.setdefault(row["c"].value, set()).add(row["s"].value)
    result = {}
    for entity, classes in types.items():
        generic = set().union(*(supers.get(c, set()) for c in classes))
        candidates = sorted(classes - generic) or sorted(classes)
        result[entity] = candidates[0]
    return result


def _add_literals(
    dataset: KGDataset, graph: nx.Graph, merged: dict[str, str], subjects: list[str] | None = None
) -> None:
    pattern = _subjects(subjects) + (
        "?s ?p ?o FILTER(isIRI(?s) && isLiteral(?o)) "
        "FILTER(?p NOT IN (skos:prefLabel, skos:altLabel, rdfs:label, kg:evidence))"
    )
    rows = dataset.query(f"SELECT DISTINCT ?s ?p ?o WHERE {{ {dataset.in_facts(pattern)} }}")
    collected: dict[tuple[str, str], list[str]] = {}
    short: dict[str, str] = {}
    for s_term, p_term, o_term in rows:
        subject = s_term.value
        node = merged.get(subject, subject)
        if node in graph:
            predicate = p_term.value
            if predicate not in short:
                short[predicate] = shorten(predicate, dataset.prefixes)
            collected.setdefault((node, short[predicate]), []).append(o_term.value)
    for (node, key), values in sorted(collected.items()):
        values = sorted(values)
        graph.nodes[node][key] = values[0] if len(values) == 1 else values


def _add_articles(
    dataset: KGDataset,
    graph: nx.Graph,
    merged: dict[str, str],
    articles: dict[str, str],
    subjects: list[str] | None = None,
) -> None:
    if not articles:
        return
    pattern = _subjects(subjects) + "{ ?s ?p ?o } UNION { ?o ?p ?s FILTER(?p != schema:mentions) }"
    rows = dataset.query(
        f"SELECT DISTINCT ?s ?g WHERE {{ {dataset.in_facts(pattern)} FILTER isIRI(?s) }}"
    )
    found: dict[str, set[str]] = {}
    for s_term, g_term in rows:
        subject = s_term.value
        node = merged.get(subject, subject)
        name = articles.get(g_term.value)
        if name is not None and node in graph:
            found.setdefault(node, set()).add(name)
    for node, names in found.items():
        graph.nodes[node]["articles"] = sorted(names)


def _add_edges(
    dataset: KGDataset,
    graph: nx.Graph,
    rules: ProjectionRules,
    merged: dict[str, str],
    nodes: set[str],
    articles: dict[str, str],
    subjects: list[str] | None = None,
) -> None:
    prefixes = dataset.prefixes
    predicate_labels = {
        row["p"].value: row["l"].value
        for row in dataset.query(
            "SELECT ?p (SAMPLE(?x) AS ?l) WHERE { ?p rdfs:label ?x } GROUP BY ?p"
        )
    }
    weights, predicates, sources = _edge_weights(dataset, rules, merged, nodes, articles, subjects)
    # Most edges share a few predicate sets: name each set once.
    named: dict[frozenset[str], tuple[list[str], str]] = {}
    edges = []
    for key in sorted(weights):
        used = frozenset(predicates[key])
        if used not in named:
            ordered = sorted(used)
            short = [shorten(p, prefixes) for p in ordered]
            label = ", ".join(
                predicate_labels.get(p, n) for p, n in zip(ordered, short, strict=True)
            )
            named[used] = (short, label)
        short, label = named[used]
        found = sources.get(key)
        edges.append(
            (
                *key,
                {
                    "predicates": list(short),
                    "label": label,
                    "articles": sorted(found) if found else [],
                    "weight": weights[key],
                },
            )
        )
    graph.add_edges_from(edges)


def _edge_pattern(dataset: KGDataset, rules: ProjectionRules, subjects: list[str] | None) -> str:
    """The triples that make edges by the rules: IRIs at both ends, predicates kept."""
    prefixes = dataset.prefixes
    excluded = {expand(p, prefixes) for p in rules.exclude_predicates}
    excluded |= {
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#type",
        "http://www.w3.org/2002/07/owl#sameAs",
    }
    included = {expand(p, prefixes) for p in rules.include_predicates}
    chosen = (
        f"VALUES ?p {{ {_values(sorted(included - excluded))} }} "
        if included
        else f"FILTER(?p NOT IN ({', '.join(f'<{p}>' for p in sorted(excluded))})) "
    )
    return f"{_subjects(subjects)}?s ?p ?o FILTER(isIRI(?s) && isIRI(?o)) {chosen}"


def _edge_counts(
    dataset: KGDataset, rules: ProjectionRules, merged: dict[str, str], keep: list[str]
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The edges between ``keep`` (sorted) by the rules as index arrays: source, target and
    weight (distinct triples). Counted by integer keys, not pairs of names: a third of
    the memory at a million triples."""
    index = {n: i for i, n in enumerate(keep)}
    for alias, node in merged.items():
        if node in index:
            index[alias] = index[node]
    count = len(keep)
    weights: dict[int, int] = {}
    rows = dataset.query(  # the same triple in two articles is one triple: DISTINCT
        f"SELECT DISTINCT ?s ?p ?o WHERE {{ {dataset.in_facts(_edge_pattern(dataset, rules, None))} }}"
    )
    find = index.get
    for s_term, _p_term, o_term in rows:
        a, b = find(s_term.value), find(o_term.value)
        if a is None or b is None or a == b:
            continue
        key = a * count + b if rules.directed or a < b else b * count + a
        weights[key] = weights.get(key, 0) + 1
    keys = np.fromiter(weights, dtype=np.int64, count=len(weights))
    values = np.fromiter(weights.values(), dtype=np.float64, count=len(weights))
    return keys // max(count, 1), keys % max(count, 1), values


def _edge_weights(
    dataset: KGDataset,
    rules: ProjectionRules,
    merged: dict[str, str],
    nodes: set[str],
    articles: dict[str, str],
    subjects: list[str] | None = None,
) -> tuple[dict[tuple[str, str], int], dict[tuple[str, str], set[str]], dict]:
    """The edges between ``nodes`` by the rules: weight (distinct triples), predicates and
    the articles stating each."""
    pattern = _edge_pattern(dataset, rules, subjects)
    weights: dict[tuple[str, str], int] = {}
    predicates: dict[tuple[str, str], set[str]] = {}
    sources: dict[tuple[str, str], set[str]] = {}
    rows = dataset.query(f"SELECT ?s ?p ?o ?g WHERE {{ {dataset.in_facts(pattern)} }}")
    seen: set[tuple[str, str, str]] = set()
    for s_term, p_term, o_term, g_term in rows:
        subject, obj = s_term.value, o_term.value
        s = merged.get(subject, subject)
        o = merged.get(obj, obj)
        if s not in nodes or o not in nodes or s == o:
            continue
        p = p_term.value
        key = (s, o) if rules.directed or s < o else (o, s)
        triple = (subject, p, obj)
        if triple not in seen:  # the same triple in two articles is one triple
            seen.add(triple)
            weights[key] = weights.get(key, 0) + 1
            if key in predicates:
                predicates[key].add(p)
            else:
                predicates[key] = {p}
        article = articles.get(g_term.value)
        if article is not None:
            if key in sources:
                sources[key].add(article)
            else:
                sources[key] = {article}
    return weights, predicates, sources


def _collapse(graph: nx.Graph, dataset: KGDataset, rules: ProjectionRules) -> None:
    """Replace event and agreement nodes by weighted edges between the people linked to them."""
    events = _instances_of(dataset, [expand(c, dataset.prefixes) for c in EVENT_CLASSES])
    people = _instances_of(dataset, [expand(PERSON_CLASS, dataset.prefixes)])
    for event in sorted(e for e in events if e in graph):
        neighbours = (
            set(graph.successors(event)) | set(graph.predecessors(event))
            if graph.is_directed()
            else set(graph.neighbors(event))
        )
        linked = sorted(n for n in neighbours if n in people)
        label = graph.nodes[event]["label"]
        for a, b in combinations(linked, 2):
            if graph.has_edge(a, b) and "via" in graph.edges[a, b]:
                data = graph.edges[a, b]
                data["weight"] += 1
                data["via"].append(label)
            else:
                graph.add_edge(
                    a,
                    b,
                    predicates=["kg:sharedEvent"],
                    label="shared event or agreement",
                    articles=[],
                    weight=1,
                    via=[label],
                )
        graph.remove_node(event)
    graph.graph["rules"] = rules.to_dict()
