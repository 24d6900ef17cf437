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
from dataclasses import dataclass, field
from itertools import pairwise

import pyoxigraph as ox

from kg.data.dataset import KGDataset
from kg.data.namespaces import PREFIXES
from kg.data.parsing import declared_prefixes, without_bom
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
#: Where a typed literal ends (``"^^``), and its datatype after that.
_CARET = re.compile(rb'"\^\^')
_DATATYPE = re.compile(rb"<[^>\s]*>|[A-Za-z][\w.-]*:[\w.-]*|:[\w.-]*")
#: Bare numbers that may be non-canonical, each pattern starting with a literal
#: character so that it scans fast: a trailing zero after the point, a leading
#: zero, a sign, a leading point, an exponent.
_SUSPECTS = [
    re.compile(p)
    for p in (
        rb"\.\d*0(?![\w:])",
        rb"0(?<=[ ,(\t\[\n]0)\d",
        rb"\+[\d.]",
        rb"-(?<=[ ,(\t\[\n]-)[\d.]",
        rb"\.(?<=[ ,(\t\[\n]\.)\d",
        rb"e(?<=\de)[+-]?\d",
        rb"E(?<=\dE)[+-]?\d",
    )
]
_NUMBER = re.compile(rb"[+-]?(?:\d+\.\d+|\.\d+|\d+)(?:[eE][+-]?\d+)?|[+-]?\d+\.?[eE][+-]?\d+")
_NUMBER_BYTES = frozenset(b"+-.0123456789eE")
_BEFORE = frozenset(b" \t\n\r,([")
_AFTER = frozenset(b" \t\n\r,;)]")


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
    """True when ``column`` of ``line`` is inside a one-line string literal or a comment.

    Example:
        >>> _inside_string(b'ex:a ex:b "x 1.0" .', 12), _inside_string(b"# about 100,000 t", 11)
        (True, True)
        >>> _inside_string(b'ex:a ex:b "x#" , 1.0 .', 17), _inside_string(b"<x#y> ex:b 1.0 .", 11)
        (False, False)
    """
    quoted = False
    escaped = False
    in_iri = False
    for byte in line[:column]:
        if escaped:
            escaped = False
        elif quoted:
            if byte == 0x5C:  # backslash
                escaped = True
            elif byte == 0x22:  # "
                quoted = False
        elif in_iri:
            in_iri = byte != 0x3E  # >
        elif byte == 0x22:
            quoted = True
        elif byte == 0x3C:  # <
            in_iri = True
        elif byte == 0x23:  # # outside strings and IRIs: the rest of the line is a comment
            return True
    return quoted


#: ``(offset, as written, lexical form, datatype IRI)`` of a literal in a file.
Found = tuple[int, str, str, str]


def _typed_literals(data: bytes, prefixes: dict[str, str]) -> dict[bytes, tuple[str, str]]:
    """Each distinct typed literal written in ``data`` (as written) with its
    ``(lexical, datatype IRI)``, for the XSD datatypes but ``xsd:string``.

    Found by splitting at ``"^^`` (fast) rather than by a regular expression
    that would try every quote.

    Example:
        >>> _typed_literals(b'<a> <b> "1"^^xsd:boolean , "x"^^xsd:string .', PREFIXES)
        {b'"1"^^xsd:boolean': ('1', 'http://www.w3.org/2001/XMLSchema#boolean')}
    """
    raw: set[tuple[bytes, bytes]] = set()
    pieces = data.split(b'"^^')
    for left, right in pairwise(pieces):
        opening = left.rfind(b'"')
        lexical = left[opening + 1 :]
        if opening < 0 or b"\n" in lexical or b"\\" in lexical:
            continue
        written_type = _DATATYPE.match(right)
        if written_type is not None:
            raw.add((lexical, written_type.group(0)))
    found = {}
    for lexical, written_type in raw:
        text = written_type.decode("utf-8", "replace")
        if text.startswith("<"):
            datatype = text[1:-1]
        else:
            prefix, _, local = text.partition(":")
            base = prefixes.get(prefix)
            if base is None:
                continue
            datatype = base + local
        if datatype.startswith(XSD) and datatype != XSD + "string":
            found[b'"' + lexical + b'"^^' + written_type] = (
                lexical.decode("utf-8", "replace"),
                datatype,
            )
    return found


def _occurrences(
    data: bytes,
    typed: dict[bytes, tuple[str, str]],
    numbers: bool = True,
) -> list[tuple[int, str, str, str]]:
    """``(offset, written, lexical, datatype)`` of the typed literals ``typed`` (from
    :func:`_typed_literals`) and, when ``numbers``, of the suspect bare numbers.

    Example:
        >>> data = b'<a> <b> 1.50, "1"^^xsd:boolean, 7 .'
        >>> [o[1:] for o in _occurrences(data, _typed_literals(data, PREFIXES))]
        [('1.50', '1.50', 'http://www.w3.org/2001/XMLSchema#decimal'), ('"1"^^xsd:boolean', '1', 'http://www.w3.org/2001/XMLSchema#boolean')]
        >>> len(_occurrences(b'<a> <b> <x:1.0> , ex:a-1.0 , "a 1.0 b" .', {}))
        1
    """
    found = []
    for written, key in typed.items():
        for match in re.finditer(re.escape(written), data):
            found.append((match.start(), written.decode("utf-8", "replace"), *key))
    if not numbers:
        return found
    starts: set[int] = set()
    for pattern in _SUSPECTS:
        for match in pattern.finditer(data):
            start = match.start()
            while start > 0 and data[start - 1] in _NUMBER_BYTES:
                start -= 1
            if start in starts or (start > 0 and data[start - 1] not in _BEFORE):
                continue
            token = _NUMBER.match(data, start)
            if token is None:
                continue
            after = token.end()
            follows = data[after : after + 2]
            if (
                follows
                and follows[0] not in _AFTER
                and not (follows[:1] == b"." and (len(follows) == 1 or follows[1] in _AFTER))
            ):
                continue
            starts.add(start)
            lexical = token.group(0).decode()
            if "e" in lexical or "E" in lexical:
                datatype = XSD + "double"
            elif "." in lexical:
                datatype = XSD + "decimal"
            else:
                datatype = XSD + "integer"
            found.append((start, lexical, lexical, datatype))
    return sorted(found)


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


@dataclass
class FileScan:
    """What the text of one source file holds that may be non-canonical.

    Attributes:
        source: the file.
        typed: each distinct typed literal as written, with its ``(lexical, datatype)``
            (text syntaxes).
        numbers: the suspect bare numbers, as :func:`_occurrences` gives them.
        parsed: the typed literals of a file in another syntax (JSON-LD), parsed.
    """

    source: SourceFile
    typed: dict[bytes, tuple[str, str]] = field(default_factory=dict)
    numbers: list[Found] = field(default_factory=list)
    parsed: set[tuple[str, str]] | None = None

    def literals(self) -> set[tuple[str, str]]:
        """Every ``(lexical, datatype)`` the file may hold non-canonically."""
        if self.parsed is not None:
            return self.parsed
        return set(self.typed.values()) | {(lex, dt) for _, _, lex, dt in self.numbers}


def scan_source(source: SourceFile, data: bytes) -> FileScan | None:
    """The typed literals and suspect numbers of a file of the facts (None for others).

    Needs no store: run while the next file loads (:class:`SourceScanner`).

    Example:
        >>> from pathlib import Path
        >>> src = SourceFile(Path("a.ttl"), "a.ttl", "triples")
        >>> sorted(scan_source(src, b'<a> <b> 1.50, "1"^^xsd:boolean, 7 .').literals())
        [('1', 'http://www.w3.org/2001/XMLSchema#boolean'), ('1.50', 'http://www.w3.org/2001/XMLSchema#decimal')]
    """
    if source.role != "triples":
        return None
    if source.format not in _TEXT_FORMATS:
        return FileScan(source, parsed=_file_literals(source, data))
    prefixes = dict(PREFIXES) | declared_prefixes(data)
    return FileScan(source, _typed_literals(data, prefixes), _occurrences(data, {}))


class SourceScanner:
    """Scans each source file for literals as it is loaded, from the bytes read.

    Give :meth:`add` as ``on_read`` to :func:`kg.data.dataset.load_sources`, then
    the scanner to :func:`check_literals`, which then reads no file unless one
    holds a non-canonical literal (to place it). The scan runs in the loading
    thread: in a thread of its own it would hold the GIL while the bulk loader
    waits for it at every file (measured: slower than scanning in turn).
    """

    def __init__(self) -> None:
        self._scans: list[FileScan] = []

    def add(self, source: SourceFile, data: bytes) -> None:
        """Scan ``source``'s bytes when it is a file of the facts."""
        scan = scan_source(source, data)
        if scan is not None:
            self._scans.append(scan)

    def scans(self) -> list[FileScan]:
        """The scans of every file added."""
        return self._scans


def _read_and_scan(dataset: KGDataset) -> list[FileScan]:
    scans = []
    for source in dataset.sources:
        if source.role != "triples":
            continue
        try:
            data = without_bom(source.path.read_bytes())
        except OSError:
            continue
        scan = scan_source(source, data)
        if scan is not None:
            scans.append(scan)
    return scans


def check_literals(dataset: KGDataset, scanner: SourceScanner | None = None) -> list[Problem]:
    """Report typed literals of the facts whose lexical form is not canonical.

    The files are scanned as they load when a ``scanner`` was given to the
    loading, else read here. Only files with non-canonical literals are read
    again, to place them.
    """
    scans = scanner.scans() if scanner is not None else _read_and_scan(dataset)
    wanted: set[tuple[str, str]] = set()
    for scan in scans:
        wanted |= scan.literals()
    if not wanted:
        return []
    canonical = canonical_forms(wanted)
    bad = {key for key, value in canonical.items() if value != key[0]}
    if not bad:
        return []
    problems: list[Problem] = []
    for scan in scans:
        if scan.parsed is not None:
            for lexical, datatype in sorted(scan.parsed & bad):
                problems.append(
                    _problem(
                        scan.source.display,
                        lexical,
                        canonical[(lexical, datatype)],
                        datatype,
                        None,
                        None,
                    )
                )
            continue
        bad_typed = {written: key for written, key in scan.typed.items() if key in bad}
        bad_numbers = [n for n in scan.numbers if (n[2], n[3]) in bad]
        if not bad_typed and not bad_numbers:
            continue
        source = scan.source
        try:
            data = without_bom(source.path.read_bytes())
        except OSError:
            continue
        hits = _occurrences(data, bad_typed, numbers=False) + bad_numbers
        display = source.display
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
                    display,
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
                    file=display,
                    hint="write each value in its canonical form (the ones above show how)",
                    group="non-canonical literal",
                    severity="warning",
                )
            )
    return problems


def _problem(
    display: str,
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
        file=display,
        line=line,
        column=column,
        subject=written,
        hint=f"write {better} (kg stores values canonically: two spellings of one value "
        "become one)",
        group="non-canonical literal",
        severity="warning",
    )
