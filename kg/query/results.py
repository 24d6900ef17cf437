"""Formatting query results: W3C result formats for scripts, tables for people.

``json``, ``xml``, ``csv`` and ``tsv`` are the W3C SPARQL 1.1 result formats,
written by pyoxigraph. ``table`` shows prefixed names, aligned columns and a row
count. Graph results (CONSTRUCT, DESCRIBE) are written as Turtle, N-Triples or
JSON-LD.
"""

from __future__ import annotations

import json
import re

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
#: Columns are not narrowed below this (or their header) to fit the terminal.
MIN_CELL = 12


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


_NUMBERS = {
    f"http://www.w3.org/2001/XMLSchema#{t}"
    for t in [
        "integer",
        "decimal",
        "long",
        "int",
        "short",
        "byte",
        "nonNegativeInteger",
        "positiveInteger",
        "nonPositiveInteger",
        "negativeInteger",
        "unsignedLong",
        "unsignedInt",
        "unsignedShort",
        "unsignedByte",
    ]
}


def show_cell(term: object, prefixes: dict[str, str]) -> str:
    """:func:`show_term` for a table: numbers get thousands separators.

    Example:
        >>> xsd = "http://www.w3.org/2001/XMLSchema#"
        >>> show_cell(ox.Literal("61000000000", datatype=ox.NamedNode(xsd + "integer")), {})
        '61,000,000,000'
        >>> show_cell(ox.Literal("-2980000.25", datatype=ox.NamedNode(xsd + "decimal")), {})
        '-2,980,000.25'
        >>> show_cell(ox.Literal("2024", datatype=ox.NamedNode(xsd + "gYear")), {})
        '2024'
    """
    text = show_term(term, prefixes)
    if isinstance(term, ox.Literal) and term.datatype.value in _NUMBERS:
        match = re.fullmatch(r"([+-]?)(\d+)(\.\d*)?", text)
        if match:
            return f"{match.group(1)}{int(match.group(2)):,}{match.group(3) or ''}"
    return text


def format_table(
    solutions: ox.QuerySolutions, prefixes: dict[str, str], width: int | None = None
) -> str:
    """Aligned columns with a header and a row count, at most ``width`` characters wide.

    Numbers get thousands separators. Cells are cut at :data:`MAX_CELL`
    characters, and when the table is wider than ``width`` the widest columns
    are narrowed (cut cells end with "…") until it fits.

    Example:
        >>> store = ox.Store()
        >>> a, p = ox.NamedNode("http://e/a"), ox.NamedNode("http://e/p")
        >>> store.add(ox.Quad(a, p, ox.Literal("x")))
        >>> print(format_table(store.query("SELECT ?s ?o WHERE { ?s ?p ?o }"), {"e": "http://e/"}))
        s    o
        ---  -
        e:a  x
        1 row
        >>> store.add(ox.Quad(a, p, ox.Literal("a rather long value")))
        >>> q = "SELECT ?s ?o WHERE { ?s ?p ?o } ORDER BY ?o"
        >>> print(format_table(store.query(q), {"e": "http://e/"}, width=15))
        s    o
        ---  ------------
        e:a  a rather lo…
        e:a  x
        2 rows
    """
    names = [v.value for v in solutions.variables]
    rows = [
        [" ".join(show_cell(solution[name], prefixes).split()) for name in names]
        for solution in solutions
    ]
    widths = [min(MAX_CELL, max([len(n)] + [len(r[i]) for r in rows])) for i, n in enumerate(names)]
    if width is not None and names:
        floor = [min(w, max(len(n), MIN_CELL)) for w, n in zip(widths, names, strict=True)]
        excess = sum(widths) + 2 * (len(widths) - 1) - width
        while excess > 0:
            i = max(range(len(widths)), key=lambda k: (widths[k] - floor[k], -k))
            if widths[i] <= floor[i]:
                break  # as narrow as the columns go: the terminal wraps the rest
            widths[i] -= 1
            excess -= 1

    def cut(text: str, limit: int) -> str:
        return text if len(text) <= limit else text[: limit - 1] + "…"

    def line(cells: list[str]) -> str:
        return "  ".join(cut(c, w).ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()

    out = [line(names), line(["-" * w for w in widths])] if names else []
    out += [line(r) for r in rows]
    out.append(f"{len(rows):,} row" + ("" if len(rows) == 1 else "s"))
    return "\n".join(out)


def sort_lists(solutions: ox.QuerySolutions, lists: dict[str, str]) -> ox.QuerySolutions:
    """The solutions with each list column's items sorted and joined by its separator.

    ``lists`` maps a column to its separator; its values hold the items joined by
    :data:`kg.query.catalogue.LIST_MARK` (see :meth:`SavedQuery.runnable
    <kg.query.catalogue.SavedQuery.runnable>`). Items sort case-insensitively,
    then by code point: the same text on every engine.

    Example:
        >>> q = 'SELECT ("b\\u001FA\\u001Fc" AS ?names) ?n {} '
        >>> [s["names"].value for s in sort_lists(ox.Store().query(q), {"names": ", "})]
        ['A, b, c']
    """
    from kg.query.catalogue import LIST_MARK

    data = json.loads(solutions.serialize(format=ox.QueryResultsFormat.JSON))
    for row in data["results"]["bindings"]:
        for name, separator in lists.items():
            cell = row.get(name)
            if cell is not None and cell["type"] == "literal":
                items = cell["value"].split(LIST_MARK)
                cell["value"] = separator.join(sorted(items, key=lambda i: (i.casefold(), i)))
    return ox.parse_query_results(json.dumps(data), ox.QueryResultsFormat.JSON)


def format_result(
    result: ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples,
    fmt: str,
    prefixes: dict[str, str],
    width: int | None = None,
) -> bytes:
    """Serialise any query result in ``fmt`` (a ``table`` at most ``width`` wide).

    Graph results asked for in a result format (the default ``table``) are Turtle,
    but for ``json`` (``kg query --json``), JSON-LD.
    """
    if isinstance(result, ox.QueryTriples):
        rdf = _RDF.get("jsonld" if fmt == "json" else fmt, ox.RdfFormat.TURTLE)
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
        return (format_table(result, prefixes, width) + "\n").encode("utf-8")
    return ended(result.serialize(format=_W3C[fmt]), b"\r\n" if fmt == "csv" else b"\n")


def ended(data: bytes, newline: bytes = b"\n") -> bytes:
    """``data`` ending with a line break, so that shells and ``cat`` show it whole.

    Example:
        >>> ended(b'{"boolean":true}'), ended(b"a\\n"), ended(b"")
        (b'{"boolean":true}\\n', b'a\\n', b'')
    """
    return data if not data or data.endswith(b"\n") else data + newline
