"""SHACL check: the shapes in ``ontology/`` run over the facts with pyshacl.

Each result becomes a readable :class:`~kg.report.Problem`: the focus node's
preferred label and IRI, the path, pyshacl's message, and the file and line
where the node is written. Results are grouped by path and message.
"""

from __future__ import annotations

import pyshacl
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from kg.dataset import KGDataset
from kg.labels import preferred_labels
from kg.namespaces import shorten
from kg.report import Problem
from kg.validation.locate import find_term

_SEVERITY = {SH.Violation: "error", SH.Warning: "warning", SH.Info: "warning"}


def has_shapes(dataset: KGDataset) -> bool:
    """True when the ontology graphs hold at least one SHACL shape."""
    graphs = dataset.graphs("ontology")
    if not graphs:
        return False
    rows = dataset.query(
        "SELECT ?s WHERE { { ?s a sh:NodeShape } UNION { ?s a sh:PropertyShape } "
        "UNION { ?s sh:targetClass ?c } } LIMIT 1",
        graphs,
    )
    return any(True for _ in rows)


def check_shacl(dataset: KGDataset) -> list[Problem]:
    """Validate the facts (with the ontology, for class hierarchies) against the shapes."""
    ontology = dataset.graphs("ontology")
    shapes = dataset.rdflib_graph(ontology)
    data = dataset.rdflib_graph(ontology + dataset.graphs("triples"))
    _conforms, results, _text = pyshacl.validate(
        data,
        shacl_graph=shapes,
        inference="none",
        abort_on_first=False,
        allow_warnings=True,
        allow_infos=True,
        inplace=True,
    )
    return _problems(dataset, results, shapes)


def _problems(dataset: KGDataset, results: Graph, shapes: Graph) -> list[Problem]:
    iris = sorted(
        {str(f) for f in results.objects(predicate=SH.focusNode) if isinstance(f, URIRef)}
    )
    labels = preferred_labels(dataset, iris)
    where = _where_written(dataset, iris)
    problems = []
    for result in results.subjects(predicate=SH.resultSeverity):
        focus = results.value(result, SH.focusNode)
        path = _show(dataset, results.value(result, SH.resultPath))
        label = labels.get(str(focus))
        subject = f"'{label}' ({_show(dataset, focus)})" if label else _show(dataset, focus)
        text = _message(dataset, results, shapes, result)
        file, line, column = where.get(str(focus), (None, None, None))
        problems.append(
            Problem(
                "shacl",
                f"{subject}: {path}: {text}" if path else f"{subject}: {text}",
                file=file,
                line=line,
                column=column,
                subject=subject,
                hint="fix the data, or the shape in the ontology folder if the data is right",
                group=f"{path or '(node)'}: {_component(results, result)}",
                severity=_SEVERITY.get(results.value(result, SH.resultSeverity), "error"),
            )
        )
    problems.sort(key=lambda p: (p.group or "", p.file or "", p.line or 0, p.message))
    return problems


def _component(results: Graph, result: Node) -> str:
    component = str(results.value(result, SH.sourceConstraintComponent) or "")
    return component.rsplit("#", 1)[-1].removesuffix("ConstraintComponent") or "constraint"


def _message(dataset: KGDataset, results: Graph, shapes: Graph, result: Node) -> str:
    """A plain sentence for the common constraints; the shape's own sh:message wins."""
    shape = results.value(result, SH.sourceShape)
    own = shapes.value(shape, SH.message) if shape is not None else None
    value = results.value(result, SH.value)
    focus = results.value(result, SH.focusNode)
    shown_value = (
        f" (value: {_show(dataset, value)})" if value is not None and value != focus else ""
    )
    if own is not None:
        return f"{own}{shown_value}"
    kind = _component(results, result)
    param = {
        "MinCount": SH.minCount,
        "MaxCount": SH.maxCount,
        "Datatype": SH.datatype,
        "Class": SH["class"],
    }.get(kind)
    wanted = shapes.value(shape, param) if shape is not None and param is not None else None
    if kind == "MinCount" and wanted is not None:
        return f"needs at least {wanted} value(s)"
    if kind == "MaxCount" and wanted is not None:
        return f"allows at most {wanted} value(s){shown_value}"
    if kind == "Datatype" and wanted is not None:
        return f"{_show(dataset, value)} is not a valid {_show(dataset, wanted)}"
    if kind == "Class" and wanted is not None:
        return f"{_show(dataset, value)} is not a {_show(dataset, wanted)}"
    message = results.value(result, SH.resultMessage)
    return f"{message or kind}{shown_value}"


def _where_written(
    dataset: KGDataset, iris: list[str]
) -> dict[str, tuple[str, int | None, int | None]]:
    """For each IRI, the first fact file (and line) where it is a subject."""
    if not iris:
        return {}
    values = " ".join(f"<{i}>" for i in iris)
    found = {}
    for iri, graph in dataset.first_graphs(f"VALUES ?e {{ {values} }} ?e ?p ?o", "e").items():
        source = dataset.source_of_graph(graph)
        if source is None:
            continue
        position = find_term(source.path, iri)
        found[iri] = (
            source.display,
            position[0] if position else None,
            position[1] if position else None,
        )
    return found


def _show(dataset: KGDataset, node: Node | None) -> str:
    if node is None:
        return ""
    if isinstance(node, URIRef):
        return shorten(str(node), dataset.prefixes)
    if isinstance(node, Literal):
        return repr(str(node))
    return "(blank node)"
