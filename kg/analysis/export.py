r"""Exports: the projection for Gephi, Cytoscape and spreadsheets; the RDF for RDF tools.

Every projection export records the projection rules: a ``kg_rules`` graph
attribute (JSON) in GraphML, the ``<meta><description>`` of GEXF (which has no
graph attributes; :func:`gexf_rules` reads it back), a ``rules.json`` beside the CSV files.
Outputs are deterministic (sorted nodes, edges and attributes) and written
all-or-nothing.

Any legal RDF literal gives a well-formed GraphML and GEXF file: a control
character XML cannot hold is written ``\uXXXX`` (:func:`xml_text`). A CSV cell
that a spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@``) starts with
``'`` (:func:`csv_cell`), as OWASP advises.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO
from xml.sax.saxutils import escape

import pyoxigraph as ox

from kg.data.dataset import KGDataset
from kg.pipeline.safewrite import replace_files, write_bytes_atomic
from kg.pipeline.serialize import graph_order, write_nquads, write_turtle

if TYPE_CHECKING:
    import networkx as nx

GRAPH_EXPORTS = ("graphml", "gexf", "csv")
RDF_EXPORTS = ("ttl", "nq", "trig", "jsonld")

_FIXED = ("id", "label", "class", "aliases", "articles")


#: Characters XML 1.0 cannot hold, even escaped, though an RDF literal may:
#: the C0 controls but tab, newline and carriage return, U+FFFE, U+FFFF, lone surrogates.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
#: What a spreadsheet reads as the start of a formula (or of a cell split).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def xml_text(text: str) -> str:
    r"""``text`` with each character XML cannot hold written as ``\uXXXX``.

    Example:
        >>> xml_text("bell\x07 and tab\t stay apart")
        'bell\\u0007 and tab\t stay apart'
    """
    return _NOT_XML.sub(lambda m: f"\\u{ord(m.group(0)):04X}", text)


def csv_cell(value: object) -> object:
    """A text cell that a spreadsheet would run as a formula, quoted with ``'``.

    Example:
        >>> [csv_cell(v) for v in ("=1+2", "@SUM(A1)", "-5 ministers", "Hanoi", -5)]
        ["'=1+2", "'@SUM(A1)", "'-5 ministers", 'Hanoi', -5]
    """
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def flat(graph: nx.Graph, xml: bool = False) -> nx.Graph:
    """A copy whose attribute values are all strings or numbers (lists joined by "; ").

    With ``xml``, text is made fit for XML (:func:`xml_text`).
    """

    def plain(value: object) -> object:
        if isinstance(value, (list, tuple)):
            value = "; ".join(str(v) for v in value)
        elif not isinstance(value, (int, float, str)):
            value = str(value)
        return xml_text(value) if xml and isinstance(value, str) else value

    out = graph.__class__()
    out.graph["kg_rules"] = json.dumps(graph.graph.get("rules", {}), sort_keys=True)
    for node, data in graph.nodes(data=True):
        out.add_node(node, **{k: plain(v) for k, v in data.items()})
    for s, o, data in graph.edges(data=True):
        out.add_edge(s, o, **{k: plain(v) for k, v in data.items()})
    return out


def _graphml(graph: nx.Graph) -> bytes:
    import networkx as nx

    buffer = io.BytesIO()
    nx.write_graphml(flat(graph, xml=True), buffer, encoding="utf-8", prettyprint=True)
    # A raw carriage return in element text is read back as a line feed (XML's
    # end-of-line handling): keep it as a character reference.
    return buffer.getvalue().replace(b"\r", b"&#13;")


def _gexf(graph: nx.Graph) -> bytes:
    import networkx as nx

    text = "\n".join(nx.generate_gexf(flat(graph, xml=True), encoding="utf-8", prettyprint=True))
    # networkx stamps today's date into <meta>; drop it so exports repeat byte for byte.
    text = re.sub(r' lastmodifieddate="[^"]*"', "", text)
    # GEXF has no graph attributes (networkx drops them): the rules go into <meta>.
    rules = json.dumps({"kg_rules": graph.graph.get("rules", {})}, sort_keys=True)
    description = f"\n    <description>{escape(rules)}</description>"
    text = re.sub(r"(<creator>[^<]*</creator>)", lambda m: m.group(1) + description, text, count=1)
    return text.encode("utf-8") + b"\n"


def gexf_rules(data: bytes) -> dict:
    """The projection rules recorded in a GEXF file kg wrote (``{}`` when there are none).

    Example:
        >>> import networkx as nx
        >>> g = nx.DiGraph(rules={"directed": True})
        >>> gexf_rules(_gexf(g))
        {'directed': True}
    """
    from xml.etree import ElementTree

    root = ElementTree.fromstring(data)
    for element in root.iter():
        if element.tag.endswith("}description") and element.text:
            try:
                found = json.loads(element.text)
            except ValueError:
                continue
            if isinstance(found, dict) and "kg_rules" in found:
                return found["kg_rules"]
    return {}


def _csv_tables(graph: nx.Graph) -> tuple[bytes, bytes]:
    plain = flat(graph)
    extra = sorted({k for _n, d in plain.nodes(data=True) for k in d} - set(_FIXED))
    nodes = io.StringIO()
    writer = csv.writer(nodes, lineterminator="\n")
    writer.writerow([*_FIXED, *extra])
    for node, data in plain.nodes(data=True):
        row = [node, *(data.get(k, "") for k in _FIXED[1:]), *(data.get(k, "") for k in extra)]
        writer.writerow([csv_cell(cell) for cell in row])
    edges = io.StringIO()
    writer = csv.writer(edges, lineterminator="\n")
    columns = ("predicates", "label", "articles", "weight", "via")
    writer.writerow(["source", "target", *columns])
    for s, o, data in plain.edges(data=True):
        writer.writerow([csv_cell(cell) for cell in (s, o, *(data.get(k, "") for k in columns))])
    return nodes.getvalue().encode("utf-8"), edges.getvalue().encode("utf-8")


def export_projection(graph: nx.Graph, fmt: str, out: Path) -> list[Path]:
    """Write the projection as GraphML or GEXF (``out`` is a file) or CSV (``out`` is a folder)."""
    if fmt == "graphml":
        write_bytes_atomic(out, _graphml(graph))
        return [out]
    if fmt == "gexf":
        write_bytes_atomic(out, _gexf(graph))
        return [out]
    if fmt == "csv":
        nodes, edges = _csv_tables(graph)
        rules = json.dumps(graph.graph.get("rules", {}), indent=2, sort_keys=True).encode() + b"\n"
        return replace_files(
            out,
            {
                "nodes.csv": lambda h: h.write(nodes),
                "edges.csv": lambda h: h.write(edges),
                "rules.json": lambda h: h.write(rules),
            },
        )
    raise ValueError(f"unknown projection format {fmt!r}; use one of {', '.join(GRAPH_EXPORTS)}")


def _by_graph(quad: ox.Quad) -> tuple[str, str, str, str]:
    """The order of quads in a TriG export: graph by graph (:func:`graph_order`), then sorted."""
    return (graph_order(quad.graph_name), str(quad.subject), str(quad.predicate), str(quad.object))


def export_rdf(dataset: KGDataset, fmt: str, out: Path) -> list[Path]:
    """Write the dataset as Turtle (merged), or N-Quads, TriG or JSON-LD (with named graphs).

    TriG writes each named graph as one ``<graph> { ... }`` block with the
    dataset's prefixes, graphs in IRI order.
    """

    def jsonld(handle: BinaryIO) -> None:
        ox.serialize(sorted(dataset.store, key=str), handle, ox.RdfFormat.JSON_LD)

    def trig(handle: BinaryIO) -> None:
        quads = sorted(dataset.store, key=_by_graph)
        ox.serialize(quads, handle, ox.RdfFormat.TRIG, prefixes=dataset.prefixes)

    writers = {
        "ttl": lambda h: write_turtle(dataset.store, h, dataset.prefixes),
        "nq": lambda h: write_nquads(dataset.store, h),
        "trig": trig,
        "jsonld": jsonld,
    }
    if fmt not in writers:
        raise ValueError(f"unknown RDF format {fmt!r}; use one of {', '.join(RDF_EXPORTS)}")
    buffer = io.BytesIO()
    writers[fmt](buffer)
    write_bytes_atomic(out, buffer.getvalue())
    return [out]
