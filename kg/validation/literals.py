"""Canonical literals: typed values written as the store will give them back.

Oxigraph (like Jena TDB2) stores typed literals by value: ``14000000000.0`` (an
``xsd:decimal``) comes back as ``14000000000`` and ``"1"^^xsd:boolean`` as
``"true"``, so two spellings of one value collapse silently. The store
canonicalises while loading, so this check reads the literals' lexical forms
from the source text, before the store: typed literals (``"…"^^dt``) and bare
numbers of Turtle, TriG, N-Triples and N-Quads found by regular expression
(numbers inside strings are told apart by the quotes before them on the line;
files with multi-line strings are parsed instead), and the canonical form of
each distinct one asked of Oxigraph itself. Each non-canonical literal is a
warning (an error with ``--strict``) giving its canonical form.
"""

from __future__ import annotations

import re

import pyoxigraph as ox

from kg.data.dataset import KGDataset
from kg.data.namespaces import PREFIXES
from kg.data.parsing import declared_prefixes
from kg.data.sources import SourceFile
from kg.problems import Problem

XSD = "http://www.w3.org/2001/XMLSchema#"
#: Occurrences reported one by one per file; the rest are counted in one more problem.
PER_FILE = 20

_TEXT_FORMATS = {
    ox.RdfFormat.TURTLE,
    ox.RdfFormat.TRIG,
    ox.RdfFormat.N_TRIPLES,
    ox.RdfFormat.N_QUADS,
    ox.RdfFormat.N3,
}
_TYPED = re.compile(rb'"([^"\\\n]*)"\^\^(<[^>\s]*>|[A-Za-z][\w.-]*:[\w.-]*|:[\w.-]*)')
_NUMBER = re.compile(
    rb"[\s,(\[]([+-]?(?:\d+\.\d+|\.\d+|\d+)(?:[eE][+-]?\d+)?|[+-]?\d+\.?[eE][+-]?\d+)(?=[\s,;)\]]|\.(?:\s|$))"
)
#: Bare numbers that may be non-canonical: a sign, a leading zero, a trailing
#: zero after the point, a leading point or an exponent.
_SUSPECT = re.compile(rb"^[+-]|^0\d|\.\d*0$|^\.|[eE]")


def canonical_forms(literals: set[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """The canonical lexical form of each ``(lexical, datatype IRI)``, as Oxigraph stores it.

    Example:
        >>> canonical_forms({("14000000000.0", XSD + "decimal"), ("1", XSD + "boolean")})
        {('1', 'http://www.w3.org/2001/XMLSchema#boolean'): 'true', ('14000000000.0', 'http://www.w3.org/2001/XMLSchema#decimal'): '14000000000'}
    """
    store = ox.Store()
    ordered = sorted(literals)
    predicate = ox.NamedNode("urn:kg:value")
    store.extend(
        ox.Quad(ox.NamedNode(f"urn:kg:{i}"), predicate, ox.Literal(lex, datatype=ox.NamedNode(dt)))
        for i, (lex, dt) in enumerate(ordered)
    )
    stored = {quad.subject.value: quad.object.value for quad in store}
    return {key: stored[f"urn:kg:{i}"] for i, key in enumerate(ordered)}


def _inside_string(line: bytes, column: int) -> bool:
    """True when ``column`` of ``line`` is inside a one-line string literal."""
    quotes = 0
    escaped = False
    for byte in line[:column]:
        if escaped:
            escaped = False
        elif byte == 0x5C:  # backslash
            escaped = True
        elif byte == 0x22:  # "
            quotes += 1
    return quotes % 2 == 1


def _occurrences(data: bytes, prefixes: dict[str, str]) -> list[tuple[int, str, str, str]]:
    """``(offset, written, lexical, datatype)`` of the typed literals and suspect bare numbers."""
    found = []
    for match in _TYPED.finditer(data):
        written_type = match.group(2).decode("utf-8", "replace")
        if written_type.startswith("<"):
            datatype = written_type[1:-1]
        else:
            prefix, _, local = written_type.partition(":")
            base = prefixes.get(prefix)
            if base is None:
                continue
            datatype = base + local
        if datatype.startswith(XSD) and datatype != XSD + "string":
            lexical = match.group(1).decode("utf-8", "replace")
            found.append(
                (match.start(), match.group(0).decode("utf-8", "replace"), lexical, datatype)
            )
    for match in _NUMBER.finditer(data):
        token = match.group(1)
        if not _SUSPECT.search(token):
            continue
        if b"e" in token or b"E" in token:
            datatype = XSD + "double"
        elif b"." in token:
            datatype = XSD + "decimal"
        else:
            datatype = XSD + "integer"
        lexical = token.decode()
        found.append((match.start(1), lexical, lexical, datatype))
    return found


def _file_literals(source: SourceFile, data: bytes) -> set[tuple[str, str]]:
    """Every typed literal of a file as parsed (no store): the exact lexical forms."""
    out = set()
    try:
        for quad in ox.parse(data, source.format):
            obj = quad.object
            if isinstance(obj, ox.Literal) and obj.datatype.value.startswith(XSD):
                out.add((obj.value, obj.datatype.value))
    except SyntaxError:
        pass  # reported by the syntax check
    return out


def check_literals(dataset: KGDataset) -> list[Problem]:
    """Report typed literals of the facts whose lexical form is not canonical."""
    per_file: list[tuple[SourceFile, bytes, list[tuple[int, str, str, str]]]] = []
    wanted: set[tuple[str, str]] = set()
    parsed_only: list[tuple[SourceFile, set[tuple[str, str]]]] = []
    for source in dataset.sources:
        if source.role != "triples":
            continue
        try:
            data = source.path.read_bytes()
        except OSError:
            continue
        if source.format not in _TEXT_FORMATS:
            literals = _file_literals(source, data)
            parsed_only.append((source, literals))
            wanted |= literals
            continue
        prefixes = dict(PREFIXES) | declared_prefixes(data)
        found = _occurrences(data, prefixes)
        if found:
            per_file.append((source, data, found))
            wanted |= {(lex, dt) for _, _, lex, dt in found}
    if not wanted:
        return []
    canonical = canonical_forms(wanted)
    bad = {key for key, value in canonical.items() if value != key[0]}
    if not bad:
        return []
    problems: list[Problem] = []
    for source, data, found in per_file:
        hits = [f for f in found if (f[2], f[3]) in bad]
        if not hits:
            continue
        multiline = b'"""' in data or b"'''" in data
        real = _file_literals(source, data) if multiline else None
        reported = 0
        for offset, written, lexical, datatype in sorted(hits):
            line_start = data.rfind(b"\n", 0, offset) + 1
            if real is not None:
                if (lexical, datatype) not in real:
                    continue
            elif _inside_string(data[line_start:offset], offset - line_start):
                continue
            reported += 1
            if reported > PER_FILE:
                continue
            problems.append(
                _problem(
                    source,
                    written,
                    canonical[(lexical, datatype)],
                    datatype,
                    data.count(b"\n", 0, offset) + 1,
                    offset - line_start + 1,
                )
            )
        if reported > PER_FILE:
            problems.append(
                Problem(
                    "literals",
                    f"{reported - PER_FILE} more non-canonical literals in this file",
                    file=source.display,
                    hint="write each value in its canonical form (the ones above show how)",
                    group="non-canonical literal",
                    severity="warning",
                )
            )
    for source, literals in parsed_only:
        for lexical, datatype in sorted(literals & bad):
            problems.append(
                _problem(source, lexical, canonical[(lexical, datatype)], datatype, None, None)
            )
    return problems


def _problem(
    source: SourceFile,
    written: str,
    canonical: str,
    datatype: str,
    line: int | None,
    column: int | None,
) -> Problem:
    kind = "xsd:" + datatype[len(XSD) :]
    if "^^" in written:
        lexical_end = written.index('"^^')
        better = f'"{canonical}"' + written[lexical_end + 1 :]
    elif datatype == XSD + "integer":
        better = canonical
    else:  # a bare decimal or double: written bare, the canonical form would change type
        better = f'"{canonical}"^^{kind}'
    return Problem(
        "literals",
        f"{written} is not the canonical form of its value ({kind}): "
        f"the store keeps it as {canonical!r}",
        file=source.display,
        line=line,
        column=column,
        subject=written,
        hint=f"write {better} (kg stores values canonically: two spellings of one value "
        "become one)",
        group="non-canonical literal",
        severity="warning",
    )
