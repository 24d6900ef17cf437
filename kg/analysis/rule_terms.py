"""Checking the predicates and classes a projection's rules name against the dataset.

A typo in ``--include-predicate`` would otherwise give an empty graph without a
word. Terms the default rules name are not checked (a project need not use
``schema:mentions``); every other term must be used in the data or declared in
the ontology, or it is an error naming the close ones.
"""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING

from kg.data.namespaces import shorten
from kg.errors import UsageError

if TYPE_CHECKING:
    from kg.analysis.projection import ProjectionRules
    from kg.data.dataset import KGDataset

_OPTIONS = {
    "include_predicates": ("--include-predicate", "predicate"),
    "exclude_predicates": ("--exclude-predicate", "predicate"),
    "exclude_classes": ("--exclude-class", "class"),
}

_KNOWN = {
    "predicate": "ASK {{ {{ ?s <{iri}> ?o }} UNION {{ <{iri}> a ?type }} "
    "UNION {{ ?sub rdfs:subPropertyOf <{iri}> }} }}",
    "class": "ASK {{ {{ ?s a <{iri}> }} UNION {{ <{iri}> a ?type }} "
    "UNION {{ ?sub rdfs:subClassOf <{iri}> }} }}",
}

_CANDIDATES = {
    "predicate": "SELECT DISTINCT ?t WHERE {{ {{ ?s ?t ?o }} UNION {{ ?t a ?k "
    "VALUES ?k {{ rdf:Property owl:ObjectProperty owl:DatatypeProperty "
    "owl:AnnotationProperty }} }} }}",
    "class": "SELECT DISTINCT ?t WHERE {{ {{ ?s a ?t }} UNION {{ ?sub rdfs:subClassOf ?t }} "
    "UNION {{ ?t a ?k VALUES ?k {{ owl:Class rdfs:Class }} }} }}",
}


def check_rule_terms(dataset: KGDataset, rules: ProjectionRules) -> None:
    """Raise :class:`UsageError` for a rule's predicate or class the dataset does not know.

    Example:
        >>> import pyoxigraph as ox
        >>> from kg.analysis.projection import ProjectionRules
        >>> from kg.data.dataset import KGDataset
        >>> store = ox.Store()
        >>> store.add(ox.Quad(ox.NamedNode("http://ex.org/a"), ox.NamedNode("http://ex.org/signatory"),
        ...                   ox.NamedNode("http://ex.org/b"), ox.NamedNode("urn:g")))
        >>> ds = KGDataset(store=store, prefixes={"ex": "http://ex.org/"})
        >>> check_rule_terms(ds, ProjectionRules(include_predicates=("ex:signatory",)))
        >>> check_rule_terms(ds, ProjectionRules(include_predicates=("ex:signatry",)))
        Traceback (most recent call last):
        ...
        kg.errors.UsageError: --include-predicate ex:signatry: no such predicate in the data or the ontology; did you mean ex:signatory?
    """
    from kg.analysis.projection import ProjectionRules, _expand

    defaults = ProjectionRules()
    candidates: dict[str, list[str]] = {}
    for field, (option, kind) in _OPTIONS.items():
        for name in getattr(rules, field):
            if name in getattr(defaults, field):
                continue
            iri = _expand(name, dataset.prefixes)
            if bool(dataset.query(_KNOWN[kind].format(iri=iri))):
                continue
            if kind not in candidates:
                rows = dataset.query(_CANDIDATES[kind].format())
                candidates[kind] = sorted(
                    shorten(row["t"].value, dataset.prefixes)
                    for row in rows
                    if row["t"] is not None and row["t"].__class__.__name__ == "NamedNode"
                )
            close = difflib.get_close_matches(name, candidates[kind], n=3, cutoff=0.6)
            hint = f"; did you mean {' or '.join(close)}?" if close else ""
            raise UsageError(f"{option} {name}: no such {kind} in the data or the ontology{hint}")
