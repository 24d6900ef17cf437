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

A typed literal whose lexical form is not a value of its datatype at all
(``"abc"^^xsd:integer``, ``"2016-02-30"^^xsd:date``) is an error saying what is
wrong with it (:func:`ill_typed`): the store would keep it as an opaque string
that compares, sorts and filters as no value.
"""

from __future__ import annotations

import calendar
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


_INTEGER = re.compile(r"[+-]?\d+")
_DECIMAL = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")
_DOUBLE = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?|[+-]?INF|NaN")
_ZONE = r"(Z|[+-]\d\d:\d\d)?"
_YEAR = r"(-?(?:[1-9]\d{4,}|\d{4}))"
_DATE_RE = {
    "date": re.compile(_YEAR + r"-(\d\d)-(\d\d)" + _ZONE),
    "dateTime": re.compile(_YEAR + r"-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d(?:\.\d+)?)" + _ZONE),
    "dateTimeStamp": re.compile(
        _YEAR + r"-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d(?:\.\d+)?)(Z|[+-]\d\d:\d\d)"
    ),
    "time": re.compile(r"(\d\d):(\d\d):(\d\d(?:\.\d+)?)" + _ZONE),
    "gYear": re.compile(_YEAR + _ZONE),
    "gYearMonth": re.compile(_YEAR + r"-(\d\d)" + _ZONE),
    "gMonthDay": re.compile(r"--(\d\d)-(\d\d)" + _ZONE),
    "gMonth": re.compile(r"--(\d\d)" + _ZONE),
    "gDay": re.compile(r"---(\d\d)" + _ZONE),
}
#: What a value of each date and time datatype looks like, for the messages.
_DATE_FORMS = {
    "date": '"2016-02-29" (year-month-day)',
    "dateTime": '"2016-02-29T13:45:00" (a date, T, then hours:minutes:seconds)',
    "dateTimeStamp": '"2016-02-29T13:45:00Z" (a dateTime with its time zone)',
    "time": '"13:45:00" (hours:minutes:seconds)',
    "gYear": '"2015" (a year alone)',
    "gYearMonth": '"2015-05" (year-month)',
    "gMonthDay": '"--05-01" (--month-day, a day of any year)',
    "gMonth": '"--05" (--month)',
    "gDay": '"---01" (---day)',
}
_DURATION = re.compile(
    r"-?P(?=\d|T\d)(?:\d+Y)?(?:\d+M)?(?:\d+D)?(?:T(?=\d)(?:\d+H)?(?:\d+M)?(?:\d+(?:\.\d+)?S)?)?"
)
_NUMERIC = ("decimal", "double", "float", "boolean", "duration")
#: The integer datatypes with bounds: (least, greatest), None for unbounded.
_INTEGER_RANGES: dict[str, tuple[int | None, int | None]] = {
    "integer": (None, None),
    "nonNegativeInteger": (0, None),
    "positiveInteger": (1, None),
    "nonPositiveInteger": (None, 0),
    "negativeInteger": (None, -1),
    "long": (-(2**63), 2**63 - 1),
    "int": (-(2**31), 2**31 - 1),
    "short": (-(2**15), 2**15 - 1),
    "byte": (-128, 127),
    "unsignedLong": (0, 2**64 - 1),
    "unsignedInt": (0, 2**32 - 1),
    "unsignedShort": (0, 2**16 - 1),
    "unsignedByte": (0, 255),
}


def _calendar_fault(year: str | None, month: str | None, day: str | None) -> str | None:
    """What is wrong with a month or a day of the month, or None.

    Example:
        >>> _calendar_fault("2016", "02", "30"), _calendar_fault("2015", "13", None)
        ('February 2016 has 29 days, not 30', '13 is no month (01 to 12)')
        >>> _calendar_fault(None, "02", "29") is None
        True
    """
    if month is not None and not 1 <= int(month) <= 12:
        return f"{month} is no month (01 to 12)"
    if day is None:
        return None
    if month is None:
        days, within = 31, "a month"
    elif year is None:  # gMonthDay: February 29 is a day of leap years
        days, within = (29 if month == "02" else calendar.monthrange(2000, int(month))[1]), None
    else:
        number = int(year)
        # calendar knows years 1..9999; the Gregorian leap rule holds for every year
        leap = number % 4 == 0 and (number % 100 != 0 or number % 400 == 0)
        days = 29 if month == "02" and leap else calendar.monthrange(2001, int(month))[1]
        within = None
    if 1 <= int(day) <= days:
        return None
    if month is None:
        return f"{day} is no day of {within} (01 to 31)"
    name = calendar.month_name[int(month)]
    if year is None:
        return f"{name} has {days} days, not {int(day)}"
    return f"{name} {int(year)} has {days} days, not {int(day)}"


def _time_fault(hour: str, minute: str, second: str) -> str | None:
    """What is wrong with a time of day, or None (24:00:00 is midnight at the day's end)."""
    if (hour, minute) == ("24", "00") and float(second) == 0:
        return None
    if int(hour) > 23:
        return f"{hour} is no hour (00 to 23)"
    if int(minute) > 59:
        return f"{minute} is no minute (00 to 59)"
    if float(second) >= 60:
        return f"{second} is no second (00 to 59)"
    return None


def _zone_fault(zone: str | None) -> str | None:
    if zone and zone != "Z" and (int(zone[1:3]) > 14 or int(zone[4:6]) > 59):
        return f"{zone} is no time zone (-14:00 to +14:00)"
    return None


def ill_typed(lexical: str, datatype: str) -> str | None:
    """What makes ``lexical`` no value of the XSD ``datatype``, or None when it is one.

    Datatypes kg does not check (strings, IRIs, binary) are never ill-typed here.

    Example:
        >>> ill_typed("abc", XSD + "integer")
        'an xsd:integer is digits with an optional sign, like "42" or "-7"'
        >>> ill_typed("2016-02-30", XSD + "date")
        'February 2016 has 29 days, not 30'
        >>> ill_typed("2015-13", XSD + "gYear")
        'an xsd:gYear is written like "2015" (a year alone); "2015-13" has the form of an xsd:gYearMonth, but 13 is no month (01 to 12)'
        >>> ill_typed("2016-02-29", XSD + "date") is None, ill_typed("--02-29", XSD + "gMonthDay") is None
        (True, True)
    """
    if not datatype.startswith(XSD):
        return None
    kind = datatype[len(XSD) :]
    shown = f"xsd:{kind}"
    if lexical != lexical.strip() and (
        kind in _INTEGER_RANGES or kind in _DATE_RE or kind in _NUMERIC
    ):
        return f"an {shown} has no spaces around it"
    if kind in _INTEGER_RANGES:
        if not _INTEGER.fullmatch(lexical):
            if _DECIMAL.fullmatch(lexical) or _DOUBLE.fullmatch(lexical):
                return f"an {shown} is a whole number: a fraction is an xsd:decimal"
            return f'an {shown} is digits with an optional sign, like "42" or "-7"'
        least, greatest = _INTEGER_RANGES[kind]
        if least is not None and int(lexical) < least:
            return f"an {shown} is at least {least}"
        if greatest is not None and int(lexical) > greatest:
            return f"an {shown} is at most {greatest}"
        return None
    if kind == "decimal":
        if _DECIMAL.fullmatch(lexical):
            return None
        if _DOUBLE.fullmatch(lexical):
            return "an xsd:decimal has no exponent: a number with one is an xsd:double"
        return 'an xsd:decimal is digits with an optional sign and point, like "3.5"'
    if kind in ("double", "float"):
        if _DOUBLE.fullmatch(lexical):
            return None
        return f'an {shown} is a number with an optional exponent, like "1.5E6", or INF, -INF, NaN'
    if kind == "boolean":
        return None if lexical in ("true", "false", "1", "0") else "an xsd:boolean is true or false"
    if kind == "duration":
        if _DURATION.fullmatch(lexical):
            return None
        return 'an xsd:duration is like "P1Y2M3DT4H5M6S" (P, then years, months, days; T, then hours, minutes, seconds)'
    pattern = _DATE_RE.get(kind)
    if pattern is None:
        return None
    match = pattern.fullmatch(lexical)
    if match is None:
        form = f"an {shown} is written like {_DATE_FORMS[kind]}"
        for other in ("date", "gYearMonth", "gYear", "gMonthDay", "dateTime"):
            if other != kind and _DATE_RE[other].fullmatch(lexical):
                fault = ill_typed(lexical, XSD + other)
                if fault is None:
                    return f'{form}; "{lexical}" is an xsd:{other}: give it that datatype'
                return f'{form}; "{lexical}" has the form of an xsd:{other}, but {fault}'
        return form
    parts = match.groups()
    zone = parts[-1]
    if kind in ("date", "dateTime", "dateTimeStamp"):
        fault = _calendar_fault(parts[0], parts[1], parts[2])
        if fault is None and kind != "date":
            fault = _time_fault(parts[3], parts[4], parts[5])
    elif kind == "time":
        fault = _time_fault(parts[0], parts[1], parts[2])
    elif kind == "gYearMonth":
        fault = _calendar_fault(parts[0], parts[1], None)
    elif kind == "gMonthDay":
        fault = _calendar_fault(None, parts[0], parts[1])
    elif kind == "gMonth":
        fault = _calendar_fault(None, parts[0], None)
    elif kind == "gDay":
        fault = _calendar_fault(None, None, parts[0])
    else:  # gYear
        fault = None
    return fault or _zone_fault(zone)


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
    that would try every quote; then at ``'^^`` when the file has any. Long
    (triple-quoted) strings are found too.

    Example:
        >>> _typed_literals(b'<a> <b> "1"^^xsd:boolean , "x"^^xsd:string .', PREFIXES)
        {b'"1"^^xsd:boolean': ('1', 'http://www.w3.org/2001/XMLSchema#boolean')}
        >>> sorted(_typed_literals(b"<a> <b> 'x'^^xsd:integer , '''2'''^^xsd:date .", PREFIXES))
        [b"'''2'''^^xsd:date", b"'x'^^xsd:integer"]
    """
    raw: set[tuple[bytes, bytes, bytes]] = set()
    for quote in (b'"', b"'"):
        if quote + b"^^" not in data:
            continue
        pieces = data.split(quote + b"^^")
        for left, right in pairwise(pieces):
            if left.endswith(quote * 2):  # the end of a long string
                opening = left.rfind(quote * 3, 0, len(left) - 2)
                written_quote, lexical = quote * 3, left[opening + 3 : len(left) - 2]
            else:
                opening = left.rfind(quote)
                written_quote, lexical = quote, left[opening + 1 :]
                if b"\n" in lexical:
                    continue
            if opening < 0 or b"\\" in lexical:
                continue
            written_type = _DATATYPE.match(right)
            if written_type is not None:
                raw.add((written_quote, lexical, written_type.group(0)))
    found = {}
    for written_quote, lexical, written_type in raw:
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
            found[written_quote + lexical + written_quote + b"^^" + written_type] = (
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
    """Report typed literals of the facts that are no value of their datatype
    (errors) or whose lexical form is not canonical (warnings).

    The files are scanned as they load when a ``scanner`` was given to the
    loading, else read here. Only files with such literals are read again, to
    place them.
    """
    scans = scanner.scans() if scanner is not None else _read_and_scan(dataset)
    wanted: set[tuple[str, str]] = set()
    for scan in scans:
        wanted |= scan.literals()
    if not wanted:
        return []
    faults = {key: fault for key in sorted(wanted) if (fault := ill_typed(*key)) is not None}
    canonical = canonical_forms(wanted)
    bad = {key for key, value in canonical.items() if value != key[0]} | set(faults)
    if not bad:
        return []
    problems: list[Problem] = []
    for scan in scans:
        if scan.parsed is not None:
            for key in sorted(scan.parsed & bad):
                problems.append(_problem(scan.source.display, key[0], key, canonical, faults))
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
        reported = {"error": 0, "warning": 0}
        for offset, written, lexical, datatype in sorted(hits):
            line_start = data.rfind(b"\n", 0, offset) + 1
            if real is not None:
                if (lexical, datatype) not in real:
                    continue
            elif _inside_string(data[line_start:offset], offset - line_start):
                continue
            key = (lexical, datatype)
            severity = "error" if key in faults else "warning"
            reported[severity] += 1
            if reported[severity] > PER_FILE:
                continue
            line = data.count(b"\n", 0, offset) + 1
            column = offset - line_start + 1
            problems.append(_problem(display, written, key, canonical, faults, line, column))
        if reported["error"] > PER_FILE:
            problems.append(
                Problem(
                    "literals",
                    f"{reported['error'] - PER_FILE} more literals in this file are no value "
                    "of their datatype",
                    file=display,
                    hint="write each value in the form of its datatype (the ones above show how)",
                    group="ill-typed literal",
                )
            )
        if reported["warning"] > PER_FILE:
            problems.append(
                Problem(
                    "literals",
                    f"{reported['warning'] - PER_FILE} more non-canonical literals in this file",
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
    key: tuple[str, str],
    canonical_of: dict[tuple[str, str], str],
    faults: dict[tuple[str, str], str],
    line: int | None = None,
    column: int | None = None,
) -> Problem:
    """The problem of the literal ``written`` (``key``: its lexical form and datatype)."""
    lexical, datatype = key
    kind = "xsd:" + datatype[len(XSD) :]
    if key in faults:
        shown = written if "^^" in written else f'"{lexical}"^^{kind}'
        return Problem(
            "literals",
            f"{shown} is no {kind} value: {faults[key]}",
            file=display,
            line=line,
            column=column,
            subject=shown,
            hint=f"write the value as an {kind} (or give it the datatype it has); "
            "the store would keep it as text that compares and sorts as no value",
            group="ill-typed literal",
        )
    canonical = canonical_of[key]
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
