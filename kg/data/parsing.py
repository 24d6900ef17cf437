"""Reading one RDF source file into a pyoxigraph store, deterministically.

Files that provably hold no blank node are bulk-loaded by pyoxigraph (the fast
path for large graphs). Others are streamed and their blank nodes renamed in
order of appearance with a prefix derived from the file's name, so that two
loads of the same file give the same blank node labels and two files never
share one by accident.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

import pyoxigraph as ox

from kg.data.sources import SourceFile
from kg.problems import Problem

_QUAD_FORMATS = {ox.RdfFormat.TRIG, ox.RdfFormat.N_QUADS, ox.RdfFormat.JSON_LD}
#: The UTF-8 byte-order mark some editors write at the start of a file.
BOM = b"\xef\xbb\xbf"
#: Graph names kg gives (each source file's graph, the push manifest): no file may
#: state triples in one of them but its own graph and the graphs named below it.
RESERVED_GRAPHS = "urn:kg:"
#: Syntaxes whose files fill only their own graph and declare prefixes in plain
#: text: what loading them gives is known before they are loaded.
PREDICTABLE = {ox.RdfFormat.TURTLE, ox.RdfFormat.N_TRIPLES}


class SourceError(Exception):
    """A source file cannot be read; ``problem`` says where and why."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        super().__init__(problem.message)


def without_bom(data: bytes) -> bytes:
    r"""``data`` without the UTF-8 byte-order mark it may start with.

    RDF parsers (Jena, rdflib) accept a file that starts with one; Oxigraph
    would read it as a stray character.

    Example:
        >>> without_bom(b"\xef\xbb\xbf@prefix ex: <http://ex.org/> ."), without_bom(b"<a>")
        (b'@prefix ex: <http://ex.org/> .', b'<a>')
    """
    return data[len(BOM) :] if data.startswith(BOM) else data


def read_source(source: SourceFile) -> bytes:
    """Return the file's bytes, checking that it is non-empty UTF-8.

    A byte-order mark at the start is dropped (:func:`without_bom`).

    Raises:
        SourceError: the file is empty, unreadable, or not UTF-8.
    """
    try:
        data = without_bom(source.path.read_bytes())
    except OSError as exc:
        raise SourceError(
            Problem("syntax", f"cannot read the file: {exc.strerror}", file=source.display)
        ) from exc
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise SourceError(
            Problem(
                "syntax",
                f"the file is not UTF-8: byte 0x{data[exc.start]:02x} cannot be decoded",
                file=source.display,
                line=line,
                column=column,
                hint="save the file as UTF-8 (RDF syntaxes require it)",
            )
        ) from exc
    if not text.strip():
        raise SourceError(
            Problem(
                "syntax",
                "the file is empty: it holds no triples",
                file=source.display,
                hint="add facts to it or delete it",
            )
        )
    return data


def _has_no_blank_nodes(data: bytes, fmt: ox.RdfFormat) -> bool:
    if b"_:" in data:
        return False
    if fmt == ox.RdfFormat.N_TRIPLES:
        return True
    if fmt == ox.RdfFormat.TURTLE:
        return b"[" not in data and b"(" not in data
    return False


_PREFIX_RE = re.compile(rb"\s*@?prefix\s+([A-Za-z][\w.-]*)?:\s*<([^>]*)>", re.IGNORECASE)


@dataclass
class Loaded:
    """What loading one file gave: the graphs it filled, the prefixes it declares,
    and the bytes read (for checks of the text that the store does not keep)."""

    graphs: set[str] = field(default_factory=set)
    prefixes: dict[str, str] = field(default_factory=dict)
    data: bytes = field(default=b"", repr=False)


def declared_prefixes(data: bytes) -> dict[str, str]:
    r"""The ``@prefix`` / ``PREFIX`` declarations of a Turtle or TriG document.

    Example:
        >>> declared_prefixes(b"@prefix ex: <http://ex.org/> .\nPREFIX : <http://d/>")
        {'ex': 'http://ex.org/', '': 'http://d/'}
        >>> declared_prefixes(b'ex:a ex:b "@prefix no: <http://no/>" .\n  @PREFIX  x:<http://x/> .')
        {'x': 'http://x/'}
    """
    # Found by the word, then matched from the start of its line: five times
    # faster than a multi-line regular expression over the whole file.
    found: dict[str, str] = {}
    lowered = data.lower()
    at = lowered.find(b"prefix")
    while at >= 0:
        match = _PREFIX_RE.match(data, data.rfind(b"\n", 0, at) + 1)
        if match:
            found[(match.group(1) or b"").decode()] = match.group(2).decode("utf-8", "replace")
        at = lowered.find(b"prefix", at + len(b"prefix"))
    return found


def load_source(store: ox.Store, source: SourceFile) -> Loaded:
    """Load one file into ``store``; return the graphs it filled and its prefixes.

    Triples outside any named graph go into the file's own graph
    (:attr:`SourceFile.graph_iri`); named graphs in TriG or N-Quads keep their names.

    Raises:
        SourceError: the file is empty, not UTF-8, or not valid in its syntax.
    """
    data = read_source(source)
    own_graph = ox.NamedNode(source.graph_iri)
    fmt = source.format
    try:
        if fmt not in _QUAD_FORMATS and _has_no_blank_nodes(data, fmt):
            store.bulk_load(data, fmt, to_graph=own_graph)
            return Loaded({source.graph_iri}, declared_prefixes(data), data)
        return _stream(store, source, data, own_graph)
    except SyntaxError as exc:
        message, line, column = _clean_syntax_message(exc.msg), exc.lineno, exc.offset
        missing = _missing_separator(data, line, column) if fmt in PREDICTABLE else None
        if missing is not None:
            line, column = missing
            message = (
                f"missing ';' or '.' at the end of this line ({message[:1].lower()}{message[1:]})"
            )
        raise SourceError(
            Problem(
                "syntax",
                message,
                file=source.display,
                line=line,
                column=column,
                hint=_context(data, line),
            )
        ) from exc


def _stream(store: ox.Store, source: SourceFile, data: bytes, own_graph: ox.NamedNode) -> Loaded:
    prefix = "b" + hashlib.sha1(f"{source.role}:{source.relpath}".encode()).hexdigest()[:8] + "x"
    renamed: dict[str, ox.BlankNode] = {}

    def rename(node: ox.BlankNode) -> ox.BlankNode:
        new = renamed.get(node.value)
        if new is None:
            new = renamed[node.value] = ox.BlankNode(f"{prefix}{len(renamed)}")
        return new

    quads = []
    graphs: set[str] = set()
    blank = ox.BlankNode
    parser = ox.parse(data, fmt := source.format, rename_blank_nodes=False)
    for quad in parser:
        s, o, g = quad.subject, quad.object, quad.graph_name
        if type(s) is blank:
            s = rename(s)
        if type(o) is blank:
            o = rename(o)
        if isinstance(g, ox.DefaultGraph) or fmt not in _QUAD_FORMATS:
            g = own_graph
        elif type(g) is blank:
            g = rename(g)
        elif g.value not in graphs and not may_fill(source, g.value):
            raise SourceError(_reserved_graph(source, data, g.value))
        graphs.add(g.value)
        quads.append(ox.Quad(s, quad.predicate, o, g))
    store.bulk_extend(quads)
    prefixes = declared_prefixes(data) if fmt in PREDICTABLE else dict(parser.prefixes)
    return Loaded(graphs, prefixes, data)


def may_fill(source: SourceFile, graph: str) -> bool:
    """Whether ``source`` may state triples in the named graph ``graph``.

    A file fills its own graph (:attr:`SourceFile.graph_iri`) and may name graphs
    below it (``<own graph>#part``, ``<own graph>/part``) or outside kg's
    reserved ``urn:kg:`` names: never another file's graph nor kg's own graphs
    (``urn:kg:push:manifest``).

    Example:
        >>> from pathlib import Path
        >>> s = SourceFile(Path("triples/a.trig"), "a.trig", "triples")
        >>> [may_fill(s, g) for g in ("urn:kg:triples:a.trig", "urn:kg:triples:a.trig#x",
        ...  "http://ex.org/g", "urn:kg:triples:b.ttl", "urn:kg:push:manifest")]
        [True, True, True, False, False]
    """
    own = source.graph_iri
    if graph == own or graph.startswith((own + "#", own + "/")):
        return True
    return not graph.startswith(RESERVED_GRAPHS)


def shared_graphs(
    sources: list[SourceFile], graphs_by_source: dict[str, list[str]]
) -> list[Problem]:
    """A problem for each file that fills a named graph an earlier file fills too.

    A named graph belongs to one file (whose facts it holds, for provenance and
    for ``kg push``): two TriG or N-Quads files naming the same graph would mix
    their facts.

    Example:
        >>> from pathlib import Path
        >>> a, b = (SourceFile(Path(f"/nowhere/{n}.trig"), f"{n}.trig", "triples") for n in "ab")
        >>> graphs = {a.graph_iri: [a.graph_iri, "http://g"], b.graph_iri: [b.graph_iri, "http://g"]}
        >>> [(p.file, p.message[:40]) for p in shared_graphs([a, b], graphs)]
        [('/nowhere/b.trig', 'triples in <http://g>, which /nowhere/a.')]
    """
    owner: dict[str, SourceFile] = {}
    problems = []
    for source in sources:
        for graph in graphs_by_source.get(source.graph_iri, []):
            first = owner.setdefault(graph, source)
            if first is source:
                continue
            try:
                data = without_bom(source.path.read_bytes())
            except OSError:
                data = b""
            at = data.find(f"<{graph}>".encode())
            problems.append(
                Problem(
                    "syntax",
                    f"triples in <{graph}>, which {first.display} fills too: a named graph "
                    "belongs to one file",
                    file=source.display,
                    line=data.count(b"\n", 0, at) + 1 if at >= 0 else None,
                    column=at - (data.rfind(b"\n", 0, at) + 1) + 1 if at >= 0 else None,
                    hint=f"name the graph <{source.graph_iri}#NAME>, or state these triples "
                    "outside any named graph (they go into the file's own graph)",
                )
            )
    return problems


def _reserved_graph(source: SourceFile, data: bytes, graph: str) -> Problem:
    """The problem of a file that names a graph reserved to another file or to kg."""
    at = data.find(f"<{graph}>".encode())
    line = data.count(b"\n", 0, at) + 1 if at >= 0 else None
    column = at - (data.rfind(b"\n", 0, at) + 1) + 1 if at >= 0 else None
    if graph.startswith("urn:kg:triples:") or graph.startswith("urn:kg:ontology:"):
        whose = "another source file's graph"
    else:
        whose = "a graph kg reserves for itself"
    if source.format == ox.RdfFormat.N_QUADS:
        move = "drop the graph name (the fourth term) from these lines"
    else:
        move = "state these triples outside any named graph"
    return Problem(
        "syntax",
        f"triples in <{graph}>, {whose}: a file states triples only in its own graph "
        f"<{source.graph_iri}> (or graphs named below it, or outside urn:kg:)",
        file=source.display,
        line=line,
        column=column,
        hint=f"{move} (they go into <{source.graph_iri}>), or name the graph "
        f"<{source.graph_iri}#NAME>",
    )


def _clean_syntax_message(message: str) -> str:
    # "Parser error between line 5 column 11 and line 6 column 1: Unexpected end of file"
    head, sep, tail = message.partition(": ")
    if sep and head.startswith("Parser error"):
        return tail
    return message


def _missing_separator(data: bytes, line: int | None, column: int | None) -> tuple[int, int] | None:
    """Where a ``;`` or ``.`` is missing, when the parser stopped at the start of the next line.

    A Turtle parser finds a missing separator only at the next token, on the
    next line; the mistake is at the end of the statement's previous line.
    Returns that line and the column just after its last character.

    Example:
        >>> _missing_separator(b"ex:a a ex:B\\n    ex:p 1 .\\n", 2, 5)
        (1, 12)
        >>> _missing_separator(b"ex:a a ex:B ;\\n    ex:p 1 .\\n", 2, 5) is None
        True
    """
    if not line or not column or line < 2:
        return None
    lines = data.decode("utf-8", errors="replace").splitlines()
    if line > len(lines):
        return None
    here = lines[line - 1]
    if column != len(here) - len(here.lstrip()) + 1:
        return None  # not at the line's first token
    previous = line - 1
    while previous >= 1 and (
        not lines[previous - 1].strip() or lines[previous - 1].lstrip().startswith("#")
    ):
        previous -= 1
    if previous < 1:
        return None
    text = lines[previous - 1].rstrip()
    if text.endswith((";", ",", ".", "[", "(", "{")) or text.startswith("@"):
        return None
    return previous, len(text) + 1


def _context(data: bytes, line: int | None) -> str | None:
    if not line:
        return None
    lines = data.decode("utf-8", errors="replace").splitlines()
    if 1 <= line <= len(lines):
        return f"line {line}: {lines[line - 1].strip()[:120]}"
    return None
