"""Formatting query results: W3C result formats for scripts, tables for people.

``json``, ``xml``, ``csv`` and ``tsv`` are the W3C SPARQL 1.1 result formats,
written by pyoxigraph. ``table`` shows prefixed names, aligned columns and a row
count. Graph results (CONSTRUCT, DESCRIBE) are written as Turtle, N-Triples or
JSON-LD.
"""

from __future__ import annotations

import pyoxigraph as ox

from kg.data.namespaces import shorten

#: Formats for SELECT and ASK results.
RESULT_FORMATS = ("table", "csv", "tsv", "json", "xml")
#: Formats for CONSTRUCT and DESCRIBE results.
GRAPH_FORMATS = ("ttl", "nt", "jsonld")

_W3C = {
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
}
_RDF = {"ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "jsonld": ox.RdfFormat.JSON_LD}

#: Cells longer than this are cut in tables (use csv, tsv or json for full values).
MAX_CELL = 80


def show_term(term: object, prefixes: dict[str, str]) -> str:
    """A term as a person reads it: prefixed name, blank node label, or literal text.

    Example:
        >>> show_term(ox.NamedNode("http://www.w3.org/2004/02/skos/core#Concept"), {"skos": "http://www.w3.org/2004/02/skos/core#"})
        'skos:Concept'
        >>> show_term(ox.Literal("Hanoi"), {})
        'Hanoi'
        >>> show_term(None, {})
        ''
    """
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return shorten(term.value, prefixes)
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal):
        return term.value
    return str(term)


def format_table(solutions: ox.QuerySolutions, prefixes: dict[str, str]) -> str:
    """Aligned columns with a header and a row count.

    Example:
        >>> store = ox.Store()
        >>> a, p = ox.NamedNode("http://e/a"), ox.NamedNode("http://e/p")
        >>> store.add(ox.Quad(a, p, ox.Literal("x")))
        >>> print(format_table(store.query("SELECT ?s ?o WHERE { ?s ?p ?o }"), {"e": "http://e/"}))
        s    o
        ---  -
        e:a  x
        1 row
    """
    names = [v.value for v in solutions.variables]
    rows = []
    for solution in solutions:
        row = []
        for name in names:
            text = " ".join(show_term(solution[name], prefixes).split())
            row.append(text if len(text) <= MAX_CELL else text[: MAX_CELL - 1] + "…")
        rows.append(row)
    widths = [max([len(n)] + [len(r[i]) for r in rows]) for i, n in enumerate(names)]

    def line(cells: list[str]) -> str:
        return "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()

    out = [line(names), line(["-" * w for w in widths])] if names else []
    out += [line(r) for r in rows]
    out.append(f"{len(rows)} row" + ("" if len(rows) == 1 else "s"))
    return "\n".join(out)


def format_result(
    result: ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples,
    fmt: str,
    prefixes: dict[str, str],
) -> bytes:
    """Serialise any query result in ``fmt``.

    Graph results asked for in a result format (the default ``table``) are Turtle.
    """
    if isinstance(result, ox.QueryTriples):
        rdf = _RDF.get(fmt, ox.RdfFormat.TURTLE)
        triples = list(result)
        kwargs = {"prefixes": prefixes} if rdf == ox.RdfFormat.TURTLE else {}
        return ended(ox.serialize(triples, format=rdf, **kwargs) or b"")
    if fmt in GRAPH_FORMATS:
        raise ValueError(f"--format {fmt} is for CONSTRUCT and DESCRIBE queries")
    if isinstance(result, ox.QueryBoolean):
        if fmt in ("json", "xml"):
            return ended(result.serialize(format=_W3C[fmt]))
        return b"true\n" if bool(result) else b"false\n"
    if fmt == "table":
        return (format_table(result, prefixes) + "\n").encode("utf-8")
    return ended(result.serialize(format=_W3C[fmt]), b"\r\n" if fmt == "csv" else b"\n")


def ended(data: bytes, newline: bytes = b"\n") -> bytes:
    """``data`` ending with a line break, so that shells and ``cat`` show it whole.

    Example:
        >>> ended(b'{"boolean":true}'), ended(b"a\\n"), ended(b"")
        (b'{"boolean":true}\\n', b'a\\n', b'')
    """
    return data if not data or data.endswith(b"\n") else data + newline
