"""SHACL Core shapes checked as SPARQL queries on the store: fast at a million triples.

pyshacl copies the data into rdflib and walks it in Python; at a million
triples that takes minutes. This engine turns each supported constraint into
one SPARQL query that returns the violating focus nodes (and values), run by
Oxigraph. It supports the SHACL Core subset kg's shapes use:

- targets: ``sh:targetClass`` (with ``rdfs:subClassOf*``), ``sh:targetSubjectsOf``,
  ``sh:targetObjectsOf``, ``sh:targetNode``;
- property shapes with an IRI ``sh:path`` and ``sh:minCount``, ``sh:maxCount``,
  ``sh:datatype`` (lexical forms checked by XSD casts), ``sh:class``,
  ``sh:pattern`` (+ ``sh:flags``), ``sh:minLength``, ``sh:hasValue``, and ``sh:or``
  of datatypes or classes;
- node-level ``sh:or`` of property shapes with ``sh:minCount 1`` or ``sh:hasValue``;
- ``sh:message`` and ``sh:severity``.

:func:`supported` says whether every shape is within the subset; when one is
not, kg runs pyshacl instead. The tests check that both report the same results.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH
from rdflib.term import Node

from kg.data.dataset import KGDataset, quiet_rdflib, to_rdflib

XSD = "http://www.w3.org/2001/XMLSchema#"
#: Datatypes whose lexical forms Oxigraph checks when casting (every string is
#: a valid xsd:string, so that one needs no check).
CASTABLE = {
    XSD + n
    for n in [
        "boolean",
        "decimal",
        "integer",
        "float",
        "double",
        "date",
        "dateTime",
        "time",
        "duration",
        "gYear",
        "gYearMonth",
        "gMonthDay",
        "gMonth",
        "gDay",
    ]
}

_NODE_KEYS = {
    RDF.type, RDFS.label, RDFS.comment, SH.targetClass, SH.targetSubjectsOf,
    SH.targetObjectsOf, SH.targetNode, SH.property, SH["or"], SH.message,
    SH.severity, SH.name, SH.description,
}  # fmt: skip
_PROPERTY_KEYS = {
    SH.path, SH.minCount, SH.maxCount, SH.datatype, SH["class"], SH.pattern,
    SH.flags, SH.minLength, SH.hasValue, SH["or"], SH.message, SH.severity,
    SH.name, SH.description,
}  # fmt: skip


@dataclass(frozen=True)
class ShaclResult:
    """One validation result, as either engine reports it."""

    focus: Node
    path: Node | None
    component: str
    value: Node | None
    shape: Node
    severity: str


class Unsupported(Exception):
    """A shape uses SHACL beyond the subset this engine runs."""


def _iri(term: Node) -> str:
    if not isinstance(term, URIRef):
        raise Unsupported(f"{term!r} is not an IRI")
    return f"<{term}>"


def _literal(term: Node) -> str:
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, Literal):
        return term.n3()
    raise Unsupported("blank node value")


def _severity(shapes: Graph, shape: Node) -> str:
    level = shapes.value(shape, SH.severity)
    return "warning" if level in (SH.Warning, SH.Info) else "error"


def _list(shapes: Graph, head: Node) -> list[Node]:
    return list(Collection(shapes, head))


def _target(shapes: Graph, shape: Node) -> str | None:
    parts = []
    for cls in shapes.objects(shape, SH.targetClass):
        parts.append(f"{{ ?f rdf:type/rdfs:subClassOf* {_iri(cls)} }}")
    for p in shapes.objects(shape, SH.targetSubjectsOf):
        parts.append(f"{{ ?f {_iri(p)} ?t_any }}")
    for p in shapes.objects(shape, SH.targetObjectsOf):
        parts.append(f"{{ ?t_any {_iri(p)} ?f }}")
    for node in shapes.objects(shape, SH.targetNode):
        parts.append(f"{{ VALUES ?f {{ {_literal(node)} }} }}")
    if not parts:
        return None
    return "{ SELECT DISTINCT ?f WHERE { " + " UNION ".join(parts) + " } }"


def _datatype_ok(datatype: Node) -> str:
    d = _iri(datatype)
    well_formed = (
        f" && COALESCE(sameTerm({d}(STR(?v)), {d}(STR(?v))), false)"
        if str(datatype) in CASTABLE
        else ""
    )
    return f"(isLiteral(?v) && datatype(?v) = {d}{well_formed})"


#: The IRIs of a class and of every class below it, from the data; None when
#: one of them is a blank node (see :func:`sparql_results`).
Subclasses = Callable[[str], list[str] | None]


def _class_ok(cls: Node, subclasses: Subclasses | None) -> str:
    """The condition that ``?v`` is an instance of ``cls``, directly or by subclass.

    With the subclasses known, one type lookup filtered by ``IN``: at a million
    triples three times faster than walking ``rdfs:subClassOf*`` for each value.
    """
    iri = _iri(cls)
    below = subclasses(str(cls)) if subclasses is not None else None
    if below is None:
        return f"EXISTS {{ ?v rdf:type/rdfs:subClassOf* {iri} }}"
    if len(below) == 1:
        return f"EXISTS {{ ?v rdf:type <{below[0]}> }}"
    listed = ", ".join(f"<{c}>" for c in below)
    return f"EXISTS {{ ?v rdf:type ?v_type FILTER(?v_type IN ({listed})) }}"


def _check_keys(shapes: Graph, node: Node, allowed: set) -> None:
    extra = {p for p in shapes.predicates(node) if p not in allowed}
    if extra:
        raise Unsupported(f"unsupported SHACL terms {sorted(map(str, extra))}")
    if shapes.value(node, SH.deactivated) is not None:
        raise Unsupported("sh:deactivated")


def _value_queries(
    shapes: Graph, prop: Node, subclasses: Subclasses | None
) -> list[tuple[str, str]]:
    """(component, violation condition on ?v) for each value-level constraint."""
    checks = []
    for datatype in shapes.objects(prop, SH.datatype):
        checks.append(("Datatype", f"!{_datatype_ok(datatype)}"))
    for cls in shapes.objects(prop, SH["class"]):
        checks.append(("Class", f"!{_class_ok(cls, subclasses)}"))
    for pattern in shapes.objects(prop, SH.pattern):
        flags = shapes.value(prop, SH.flags)
        args = f"{Literal(str(pattern)).n3()}" + (f", {Literal(str(flags)).n3()}" if flags else "")
        checks.append(("Pattern", f"(isBlank(?v) || !REGEX(STR(?v), {args}))"))
    for length in shapes.objects(prop, SH.minLength):
        checks.append(("MinLength", f"(isBlank(?v) || STRLEN(STR(?v)) < {int(length)})"))
    for head in shapes.objects(prop, SH["or"]):
        alternatives = []
        for alt in _list(shapes, head):
            _check_keys(shapes, alt, {SH.datatype, SH["class"]})
            conds = [_datatype_ok(d) for d in shapes.objects(alt, SH.datatype)]
            conds += [_class_ok(c, subclasses) for c in shapes.objects(alt, SH["class"])]
            if len(conds) != 1:
                raise Unsupported("sh:or alternative must hold one sh:datatype or sh:class")
            alternatives.append(conds[0])
        checks.append(("Or", "!(" + " || ".join(alternatives) + ")"))
    return checks


def _node_or(shapes: Graph, head: Node) -> str:
    """The condition (on ?f) that at least one alternative of a node-level sh:or holds."""
    holds = []
    for alt in _list(shapes, head):
        _check_keys(shapes, alt, {SH.path, SH.minCount, SH.hasValue})
        path = shapes.value(alt, SH.path)
        value = shapes.value(alt, SH.hasValue)
        count = shapes.value(alt, SH.minCount)
        if value is not None and count is None:
            holds.append(f"EXISTS {{ ?f {_iri(path)} {_literal(value)} }}")
        elif count is not None and int(count) == 1 and value is None:
            holds.append(f"EXISTS {{ ?f {_iri(path)} ?o_any }}")
        else:
            raise Unsupported("node-level sh:or alternatives need sh:minCount 1 or sh:hasValue")
    return "(" + " || ".join(holds) + ")"


def _min_count(target: str, p: str, count: int) -> str:
    """Focus nodes with fewer than ``count`` values; for 1 (the usual case) a
    streamed NOT EXISTS rather than a group per focus node, which at a million
    triples holds every focus node in memory."""
    if count == 1:
        return f"SELECT ?f WHERE {{ {target} FILTER NOT EXISTS {{ ?f {p} ?v }} }}"
    return (
        f"SELECT ?f WHERE {{ {target} OPTIONAL {{ ?f {p} ?v }} }} GROUP BY ?f "
        f"HAVING (COUNT(DISTINCT ?v) < {count})"
    )


def _max_count(target: str, p: str, count: int) -> str:
    """Focus nodes with more than ``count`` values; for 1, two different values."""
    if count == 1:
        return (
            f"SELECT DISTINCT ?f WHERE {{ {target} ?f {p} ?v . ?f {p} ?w "
            "FILTER(!sameTerm(?v, ?w)) }"
        )
    return (
        f"SELECT ?f WHERE {{ {target} ?f {p} ?v }} GROUP BY ?f "
        f"HAVING (COUNT(DISTINCT ?v) > {count})"
    )


def plan(
    shapes: Graph, subclasses: Subclasses | None = None
) -> list[tuple[str, Node, Node | None, str, str]]:
    """Every check as (SPARQL, shape, path, component, severity); raises :class:`Unsupported`.

    ``subclasses`` lets ``sh:class`` checks list a class's subclasses rather than
    walk the hierarchy for each value.
    """
    queries = []
    for shape in sorted(
        set(shapes.subjects(RDF.type, SH.NodeShape)) | set(shapes.subjects(SH.targetClass, None)),
        key=str,
    ):
        _check_keys(shapes, shape, _NODE_KEYS)
        target = _target(shapes, shape)
        if target is None:
            continue
        severity = _severity(shapes, shape)
        for head in shapes.objects(shape, SH["or"]):
            condition = _node_or(shapes, head)
            queries.append(
                (
                    f"SELECT ?f WHERE {{ {target} FILTER(!{condition}) }}",
                    shape,
                    None,
                    "Or",
                    severity,
                )
            )
        for prop in shapes.objects(shape, SH.property):
            _check_keys(shapes, prop, _PROPERTY_KEYS)
            path = shapes.value(prop, SH.path)
            p = _iri(path)
            level = _severity(shapes, prop)
            for count in shapes.objects(prop, SH.minCount):
                queries.append((_min_count(target, p, int(count)), prop, path, "MinCount", level))
            for count in shapes.objects(prop, SH.maxCount):
                queries.append((_max_count(target, p, int(count)), prop, path, "MaxCount", level))
            for value in shapes.objects(prop, SH.hasValue):
                queries.append((
                    f"SELECT ?f WHERE {{ {target} FILTER NOT EXISTS {{ ?f {p} {_literal(value)} }} }}",
                    prop, path, "HasValue", level,
                ))  # fmt: skip
            for component, violation in _value_queries(shapes, prop, subclasses):
                queries.append((
                    f"SELECT ?f ?v WHERE {{ {target} ?f {p} ?v FILTER({violation}) }}",
                    prop, path, component, level,
                ))  # fmt: skip
    return queries


def supported(shapes: Graph) -> bool:
    """True when every shape is within the subset this engine runs."""
    try:
        plan(shapes)
    except Unsupported:
        return False
    return True


def _subclasses(dataset: KGDataset) -> Subclasses:
    """Subclass lists read from every graph, as ``rdfs:subClassOf*`` sees them, cached."""
    known: dict[str, list[str] | None] = {}

    def below(cls: str) -> list[str] | None:
        if cls not in known:
            rows = dataset.query(f"SELECT DISTINCT ?c WHERE {{ ?c rdfs:subClassOf* <{cls}> }}")
            found = [row[0] for row in rows]
            known[cls] = (
                sorted(c.value for c in found)
                if all(isinstance(c, ox.NamedNode) for c in found)
                else None
            )
        return known[cls]

    return below


def sparql_results(dataset: KGDataset, shapes: Graph) -> list[ShaclResult]:
    """Validate the facts (with the ontology, for class hierarchies) by SPARQL on the store.

    The queries run side by side in threads (Oxigraph does not hold the GIL
    while it evaluates one); the results keep the order of :func:`plan`.
    """
    checks = plan(shapes, _subclasses(dataset))

    def violations(query: str) -> list[tuple[ox.NamedNode, object]]:
        with_value = "?v" in query.split("WHERE", 1)[0]
        return [(row["f"], row["v"] if with_value else None) for row in dataset.query(query)]

    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        found = list(pool.map(violations, [check[0] for check in checks]))
    results = []
    with quiet_rdflib():
        for (_query, shape, path, component, severity), rows in zip(checks, found, strict=True):
            for f, v in rows:
                focus = to_rdflib(f)
                value = to_rdflib(v) if v is not None else None
                if component == "Or" and path is None:
                    value = focus  # as pyshacl reports node-level results
                results.append(ShaclResult(focus, path, component, value, shape, severity))
    return results
