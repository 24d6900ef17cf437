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


def expand(name: str, prefixes: dict[str, str]) -> str:
    """A rule's term as an IRI: ``<iri>``, ``prefix:name`` or a bare IRI.

    Example:
        >>> expand("ex:a", {"ex": "http://ex.org/"}), expand("<urn:x>", {})
        ('http://ex.org/a', 'urn:x')
    """
    prefix, sep, local = name.partition(":")
    if name.startswith("<") and name.endswith(">"):
        return name[1:-1]
    if sep and prefix in prefixes:
        return prefixes[prefix] + local
    if "://" in name:
        return name
    raise UsageError(f"unknown prefix in {name!r}; use a known prefix or a full <IRI>")


_OPTIONS = {
    "include_predicates": ("--include-predicate", "predicate"),
    "exclude_predicates": ("--exclude-predicate", "predicate"),
    "exclude_classes": ("--exclude-class", "class"),
}

_KNOWN = {
    "predicate": "ASK {{ {{ ?s <{iri}> ?o }} UNION {{ <{iri}> a ?type }} "
    "UNION {{ ?sub <http://www.w3.org/2000/01/rdf-schema#subPropertyOf> <{iri}> }} }}",
    "class": "ASK {{ {{ ?s a <{iri}> }} UNION {{ <{iri}> a ?type }} "
    "UNION {{ ?sub <http://www.w3.org/2000/01/rdf-schema#subClassOf> <{iri}> }} }}",
}

_CANDIDATES = {
    "predicate": "SELECT DISTINCT ?t WHERE {{ {{ ?s ?t ?o }} UNION {{ ?t a ?k "
    "VALUES ?k {{ <http://www.w3.org/1999/02/22-rdf-syntax-ns#Property> <http://www.w3.org/2002/07/owl#ObjectProperty> <http://www.w3.org/2002/07/owl#DatatypeProperty> "
    "<http://www.w3.org/2002/07/owl#AnnotationProperty> }} }} }}",
    "class": "SELECT DISTINCT ?t WHERE {{ {{ ?s a ?t }} UNION {{ ?sub <http://www.w3.org/2000/01/rdf-schema#subClassOf> ?t }} "
    "UNION {{ ?t a ?k VALUES ?k {{ <http://www.w3.org/2002/07/owl#Class> <http://www.w3.org/2000/01/rdf-schema#Class> }} }} }}",
}


def check_rule_terms(dataset: KGDataset, rules: ProjectionRules, defaults: ProjectionRules) -> None:
    """Raise :class:`UsageError` for a rule's predicate or class the dataset does not know.

    Terms of ``defaults`` (the default rules) are not checked.

    Example:
        >>> import pyoxigraph as ox
        >>> from kg.analysis.projection import ProjectionRules
        >>> from kg.data.dataset import KGDataset
        >>> store = ox.Store()
        >>> store.add(ox.Quad(ox.NamedNode("http://ex.org/a"), ox.NamedNode("http://ex.org/signatory"),
        ...                   ox.NamedNode("http://ex.org/b"), ox.NamedNode("urn:g")))
        >>> ds = KGDataset(store=store, prefixes={"ex": "http://ex.org/"})
        >>> check_rule_terms(ds, ProjectionRules(include_predicates=("ex:signatory",)), ProjectionRules())
        >>> check_rule_terms(ds, ProjectionRules(include_predicates=("ex:signatry",)), ProjectionRules())
        Traceback (most recent call last):
        ...
        kg.errors.UsageError: --include-predicate ex:signatry: no such predicate in the data or the ontology; did you mean ex:signatory?
    """
    candidates: dict[str, list[str]] = {}
    for field, (option, kind) in _OPTIONS.items():
        for name in getattr(rules, field):
            if name in getattr(defaults, field):
                continue
            iri = expand(name, dataset.prefixes)
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
