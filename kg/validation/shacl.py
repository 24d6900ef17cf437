"""SHACL check: the shapes in ``ontology/`` run over the facts.

Two engines give the same results: SPARQL on the store
(:mod:`kg.validation.shacl_sparql`, fast at scale, for the SHACL Core subset
kg's shapes use) and pyshacl (everything else). Each result becomes a readable
:class:`~kg.problems.Problem`: the focus node's preferred label and IRI, the
path, the shape's message, and the file and line where the node is written.
Results are grouped by path and constraint.
"""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from kg.data.dataset import KGDataset
from kg.data.labels import preferred_labels
from kg.data.namespaces import shorten
from kg.problems import Problem
from kg.validation.locate import find_statement, find_term
from kg.validation.shacl_sparql import ShaclResult, sparql_results, supported

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


#: How SHACL runs: "auto" (SPARQL on the store when every shape is in its subset,
#: else pyshacl), "sparql" or "pyshacl".
ENGINES = ("auto", "sparql", "pyshacl")


def shapes_graph(dataset: KGDataset) -> Graph:
    """The ontology graphs as one rdflib graph (they hold the shapes)."""
    return dataset.rdflib_graph(dataset.graphs("ontology"))


def pyshacl_results(dataset: KGDataset, shapes: Graph) -> list[ShaclResult]:
    """Validate with pyshacl over an rdflib copy of the facts and the ontology."""
    import pyshacl

    data = dataset.rdflib_graph(dataset.graphs("ontology") + dataset.graphs("triples"))
    _conforms, report, _text = pyshacl.validate(
        data,
        shacl_graph=shapes,
        inference="none",
        abort_on_first=False,
        allow_warnings=True,
        allow_infos=True,
        inplace=True,
    )
    results = []
    for result in report.subjects(predicate=SH.resultSeverity):
        component = str(report.value(result, SH.sourceConstraintComponent) or "")
        results.append(
            ShaclResult(
                focus=report.value(result, SH.focusNode),
                path=report.value(result, SH.resultPath),
                component=component.rsplit("#", 1)[-1].removesuffix("ConstraintComponent"),
                value=report.value(result, SH.value),
                shape=report.value(result, SH.sourceShape),
                severity=_SEVERITY.get(report.value(result, SH.resultSeverity), "error"),
            )
        )
    return results


def shacl_results(dataset: KGDataset, engine: str = "auto") -> tuple[list[ShaclResult], Graph, str]:
    """Run the shapes with the chosen engine; return the results, the shapes and the engine used."""
    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {ENGINES}")
    shapes = shapes_graph(dataset)
    if engine == "sparql" or (engine == "auto" and supported(shapes)):
        return sparql_results(dataset, shapes), shapes, "sparql"
    return pyshacl_results(dataset, shapes), shapes, "pyshacl"


def check_shacl(dataset: KGDataset, engine: str = "auto") -> list[Problem]:
    """Validate the facts (with the ontology, for class hierarchies) against the shapes."""
    results, shapes, _used = shacl_results(dataset, engine)
    return _problems(dataset, results, shapes)


def _problems(dataset: KGDataset, results: list[ShaclResult], shapes: Graph) -> list[Problem]:
    iris = sorted({str(r.focus) for r in results if isinstance(r.focus, URIRef)})
    labels = preferred_labels(dataset, iris)
    where = _where_written(dataset, iris)
    problems = []
    for result in results:
        path = _show(dataset, result.path)
        label = labels.get(str(result.focus))
        shown = _show(dataset, result.focus)
        subject = f"'{label}' ({shown})" if label else shown
        text = _message(dataset, shapes, result)
        file, line, column = where.get(str(result.focus), (None, None, None))
        statement = _statement(dataset, result)
        if statement is not None:
            file, line, column = statement
        problems.append(
            Problem(
                "shacl",
                f"{subject}: {path}: {text}" if path else f"{subject}: {text}",
                file=file,
                line=line,
                column=column,
                subject=subject,
                hint="fix the data, or the shape in the ontology folder if the data is right",
                group=f"{path or '(node)'}: {result.component}",
                severity=result.severity,
            )
        )
    problems.sort(key=lambda p: (p.group or "", p.file or "", p.line or 0, p.message))
    return problems


def _message(dataset: KGDataset, shapes: Graph, result: ShaclResult) -> str:
    """A plain sentence for each constraint; the shape's own sh:message wins."""
    shape, value, kind = result.shape, result.value, result.component
    own = shapes.value(shape, SH.message) if shape is not None else None
    shown_value = (
        f" (value: {_show(dataset, value)})" if value is not None and value != result.focus else ""
    )
    if own is not None:
        return f"{own}{shown_value}"
    param = {
        "MinCount": SH.minCount,
        "MaxCount": SH.maxCount,
        "Datatype": SH.datatype,
        "Class": SH["class"],
        "Pattern": SH.pattern,
        "MinLength": SH.minLength,
        "HasValue": SH.hasValue,
    }.get(kind)
    wanted = shapes.value(shape, param) if shape is not None and param is not None else None
    about_value = {
        "Datatype": f"is not a valid {_show(dataset, wanted)}",
        "Class": f"is not a {_show(dataset, wanted)}",
        "Pattern": f"does not match {wanted}",
        "MinLength": f"is shorter than {wanted} characters",
    }
    if kind in about_value and value is not None:
        shown = _show(dataset, value)
        if isinstance(value, Literal) and wanted is not None and value.datatype == wanted:
            shown = repr(str(value))  # ill-formed for its own type: the text is the news
        return f"{shown} {about_value[kind]}"
    text = {
        "MinCount": f"needs at least {wanted} value(s)",
        "MaxCount": f"allows at most {wanted} value(s)",
        "HasValue": f"must have the value {_show(dataset, wanted)}",
        "Or": "matches none of the alternatives",
    }.get(kind, f"violates {kind}")
    return f"{text}{shown_value}"


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


def _statement(dataset: KGDataset, result: ShaclResult) -> tuple[str, int, int] | None:
    """File, line and column of the triple a result is about, when it is written in a fact file."""
    if not isinstance(result.focus, URIRef) or not isinstance(result.path, URIRef):
        return None
    focus, path = str(result.focus), str(result.path)
    rows = dataset.first_graphs(f"VALUES ?e {{ <{focus}> }} ?e <{path}> ?o", "e")
    source = dataset.source_of_graph(rows.get(focus, ""))
    if source is None:
        return None
    value = result.value
    text = None
    if isinstance(value, Literal):
        text = str(value)
    elif isinstance(value, URIRef):
        text = str(value).rsplit("/", 1)[-1].rsplit("#", 1)[-1]
    found = find_statement(source.path, focus, path, text)
    return (source.display, found[0], found[1]) if found else None


_XSD = "http://www.w3.org/2001/XMLSchema#"
#: Datatypes whose values read as numbers and truth values, shown without quotes.
_BARE = {
    _XSD + t for t in ("integer", "decimal", "double", "float", "boolean", "long", "int", "short")
}


def _show(dataset: KGDataset, node: Node | None) -> str:
    """A node as a message shows it: a prefixed name, a quoted string, a number with its type.

    Example:
        >>> from kg.data.dataset import KGDataset
        >>> import pyoxigraph as ox
        >>> ds = KGDataset(store=ox.Store())
        >>> _show(ds, Literal("39"))
        "'39'"
        >>> _show(ds, Literal(50000000000))
        '50000000000 (xsd:integer)'
        >>> _show(ds, Literal("2022", datatype=URIRef(_XSD + "gYear")))
        "'2022' (xsd:gYear)"
    """
    if node is None:
        return ""
    if isinstance(node, URIRef):
        return shorten(str(node), dataset.prefixes)
    if isinstance(node, Literal):
        datatype = str(node.datatype) if node.datatype else None
        if node.language:
            return f"{str(node)!r}@{node.language}"
        if datatype is None or datatype == _XSD + "string":
            return repr(str(node))
        typed = shorten(datatype, dataset.prefixes)
        if datatype in _BARE:
            return f"{node} ({typed})"
        return f"{str(node)!r} ({typed})"
    return "(blank node)"
