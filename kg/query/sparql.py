"""Running read-only SPARQL queries on a dataset, with errors people can act on."""

from __future__ import annotations

import difflib
import re

import pyoxigraph as ox

from kg.data.dataset import KGDataset
from kg.data.sparqltext import (
    DECLARED_RE,
    Binding,
    form_of,
    strip_lexical,
    with_bindings,
)
from kg.errors import KGError, QueryError
from kg.query.catalogue import SavedQuery

_PREFIXED_RE = re.compile(r"(?<![\w?$:.-])([A-Za-z][\w-]*)?:(?=[\w%\\])")


def _check_prefixes(stripped: str, known: dict[str, str]) -> None:
    """Raise :class:`QueryError` naming the first undeclared prefix and the close ones."""
    declared: set[str] | None = None
    for match in _PREFIXED_RE.finditer(stripped):
        prefix = match.group(1) or ""
        if prefix in known or prefix.lower() == "prefix":
            continue
        if declared is None:
            declared = set(DECLARED_RE.findall(stripped)) | set(known)
        if prefix in declared:
            continue
        line = stripped.count("\n", 0, match.start()) + 1
        column = match.start() - (stripped.rfind("\n", 0, match.start()) + 1) + 1
        close = difflib.get_close_matches(prefix, sorted(declared), n=3, cutoff=0.5)
        hint = f"; did you mean {' or '.join(p + ':' for p in close)}?" if close else ""
        raise QueryError(
            f"unknown prefix '{prefix}:' at line {line}, column {column}{hint} "
            f"(known: {', '.join(p + ':' for p in sorted(declared) if p)}; "
            "declare others with PREFIX)"
        )


def _syntax_error(text: str, exc: SyntaxError) -> QueryError:
    message = str(exc.msg if hasattr(exc, "msg") else exc)
    where = re.match(r"error at (\d+):(\d+): (.*)", message, re.S)
    if not where:
        return QueryError(f"SPARQL syntax error: {message}")
    line, column, detail = int(where.group(1)), int(where.group(2)), where.group(3)
    detail = " ".join(detail.split())
    if len(detail) > 160:
        detail = detail[:157] + "..."
    lines = text.splitlines() or [""]
    shown = lines[line - 1] if 1 <= line <= len(lines) else ""
    pointer = " " * (max(column, 1) - 1) + "^"
    return QueryError(
        f"SPARQL syntax error at line {line}, column {column}: {detail}\n  {shown}\n  {pointer}"
    )


_PROLOGUE_RE = re.compile(r"(?i)\s*(?:(?:PREFIX\s+(?:[A-Za-z][\w.-]*)?:|BASE)\s*)*")


def _check_form(text: str, stripped: str) -> None:
    """Raise :class:`QueryError` when the query does not start with a query form.

    Example:
        >>> _check_form("SELEC ?x", "SELEC ?x")
        Traceback (most recent call last):
        ...
        kg.errors.QueryError: SPARQL syntax error at line 1, column 1: a query is SELECT, ASK, CONSTRUCT or DESCRIBE (after any PREFIX and BASE lines), not 'SELEC'
    """
    start = _PROLOGUE_RE.match(stripped).end()
    word = re.match(r"[^\s{(]*", stripped[start:]).group(0)
    if word.upper() in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE"):
        return
    line = stripped.count("\n", 0, start) + 1
    column = start - (stripped.rfind("\n", 0, start) + 1) + 1
    found = f"not {text[start : start + len(word)]!r}" if word else "but the query ends here"
    raise QueryError(
        f"SPARQL syntax error at line {line}, column {column}: a query is SELECT, ASK, "
        f"CONSTRUCT or DESCRIBE (after any PREFIX and BASE lines), {found}"
    )


def resolve_binding(dataset: KGDataset, name: str, value: str, entity: bool = False) -> Binding:
    """Turn ``--bind name=value`` into a term.

    ``<iri>`` and ``prefix:name`` are IRIs, which must occur in the graph; ``"text"``
    is a string; a number is a number; any other text is looked up among the
    labels and aliases (case-insensitive) and binds the one entity it names.
    Text that names no entity is bound as a string, with a note suggesting the
    closest names; with ``entity`` (a saved query's parameter) it is an error.
    Text that names several entities is an error.
    """
    name = name.lstrip("?$")
    if not re.fullmatch(r"\w+", name):
        raise QueryError(f"--bind: {name!r} is not a variable name")
    iri = None
    if value.startswith("<"):
        iri = _iri(name, value)
    prefixed = re.fullmatch(r"([A-Za-z][\w-]*):([\w.-]+)", value)
    if prefixed and prefixed.group(1) in dataset.prefixes:
        iri = dataset.prefixes[prefixed.group(1)] + prefixed.group(2)
    if iri is not None:
        if not _occurs(dataset, iri):
            raise QueryError(
                f"--bind {name}={value}: <{iri}> is not in the graph"
                + _did_you_mean(dataset, iri.rstrip("/#").rsplit("/", 1)[-1].rsplit("#", 1)[-1])
            )
        return Binding(name, ox.NamedNode(iri))
    literal = literal_value(name, value)
    if literal is not None:
        return Binding(name, literal)
    matches = entities_named(dataset, value)
    if len(matches) == 1:
        return Binding(name, ox.NamedNode(matches[0]), note=f"?{name} = <{matches[0]}> ({value!r})")
    if len(matches) > 1:
        raise QueryError(
            f"--bind {name}={value!r} names {len(matches)} entities: "
            + ", ".join(f"<{m}>" for m in matches)
            + "; bind one by IRI"
        )
    suggestion = _did_you_mean(dataset, value)
    if entity:
        raise QueryError(
            f"--bind {name}={value!r}: no entity is named {value!r}"
            + (suggestion or "; kg find NAME looks entities up")
        )
    return Binding(
        name,
        ox.Literal(value),
        note=f"no entity is labelled {value!r}; ?{name} is bound as a string" + suggestion,
    )


#: Characters no IRI may hold (RFC 3987, as SPARQL's IRIREF excludes them).
_NOT_IN_IRI = re.compile(r'[<>"{}|^`\\\x00-\x20]')
_ESCAPES = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}
_ESCAPE_RE = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.)?)", re.S)
_NUMBERS = (
    (re.compile(r"[+-]?\d+"), "integer"),
    (re.compile(r"[+-]?\d*\.\d+"), "decimal"),
    (re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)[eE][+-]?\d+"), "double"),
)


def _iri(name: str, value: str) -> str:
    """The IRI of a ``--bind`` value written ``<...>``.

    Example:
        >>> _iri("v", "<http://x/a>")
        'http://x/a'
        >>> _iri("v", "<http://x/a>b>")
        Traceback (most recent call last):
        ...
        kg.errors.QueryError: --bind v=<http://x/a>b>: not an IRI: '>' cannot occur inside <...> (write a character an IRI cannot hold percent-encoded, as %3E)
    """
    if len(value) < 2 or not value.endswith(">"):
        raise QueryError(f"--bind {name}={value}: not an IRI: an IRI is written <...>, closed by >")
    inner = value[1:-1]
    bad = _NOT_IN_IRI.search(inner)
    if bad is not None:
        char = bad.group(0)
        shown = repr(char) if char.isprintable() and char != " " else f"U+{ord(char):04X}"
        raise QueryError(
            f"--bind {name}={value}: not an IRI: {shown} cannot occur inside <...> "
            f"(write a character an IRI cannot hold percent-encoded, as %{ord(char):02X})"
        )
    try:
        ox.NamedNode(inner)
    except ValueError as exc:
        raise QueryError(f"--bind {name}={value}: not an IRI: {exc}") from exc
    return inner


def literal_value(name: str, value: str) -> ox.Literal | None:
    r"""The literal a ``--bind`` value writes, or None when it is a name to look up.

    ``"text"`` is a string, in which ``\"``, ``\\``, ``\n``, ``\t``, ``\uXXXX`` are
    unescaped as in SPARQL; an integer, a decimal (``2.5``) or a double (``1e6``)
    is a number of that type.

    Example:
        >>> literal_value("t", r'"say \"hi\""').value, literal_value("t", r'"a\nb"').value
        ('say "hi"', 'a\nb')
        >>> [literal_value("n", v).datatype.value[-7:] for v in ("42", "-2.5", "1e6")]
        ['integer', 'decimal', '#double']
        >>> literal_value("n", "Hanoi") is None
        True
    """
    if len(value) >= 2 and value[0] == value[-1] == '"':
        return ox.Literal(_unescape(name, value, value[1:-1]))
    for pattern, kind in _NUMBERS:
        if pattern.fullmatch(value):
            return ox.Literal(value, datatype=ox.NamedNode(_XSD + kind))
    return None


def _unescape(name: str, value: str, text: str) -> str:
    """``text`` with SPARQL's string escapes replaced by the characters they stand for."""

    def replace(match: re.Match[str]) -> str:
        code = match.group(1) or match.group(2)
        if code is not None:
            return chr(int(code, 16))
        char = match.group(3)
        if char is None or char not in _ESCAPES:
            raise QueryError(
                f"--bind {name}={value}: \\{char or ''} is no escape in a string "
                '(\\" \\\\ \\n \\t \\r \\uXXXX are; write \\\\ for a backslash)'
            )
        return _ESCAPES[char]

    return _ESCAPE_RE.sub(replace, text)


def _occurs(dataset: KGDataset, iri: str) -> bool:
    """True when ``iri`` is a subject, predicate or object somewhere in the data."""
    node = f"<{iri}>"
    result = dataset.query(
        f"ASK {{ {{ {node} ?p ?o }} UNION {{ ?s ?p {node} }} UNION {{ ?s {node} ?o }} }}"
    )
    return bool(result)


def _did_you_mean(dataset: KGDataset, text: str) -> str:
    """``"; did you mean ...?"`` naming the entities closest to ``text``, or ``""``."""
    from kg.authoring.lookup import EntityIndex  # rapidfuzz only when a name is unknown
    from kg.data.namespaces import shorten

    index = EntityIndex.from_dataset(dataset, articles=False)
    close = index.find(text.replace("-", " "), limit=3, cutoff=70)
    if not close:
        return ""
    close = [m for m in close if m.score >= close[0].score - 5]
    shown = " or ".join(f"{m.entity.label!r} ({shorten(m.iri, dataset.prefixes)})" for m in close)
    return f"; did you mean {shown}?"


def query_variables(text: str) -> list[str]:
    """The variables a query mentions, sorted.

    Example:
        >>> query_variables('SELECT ?b WHERE { ?a <p> $b . FILTER(?c != "?no") } # ?neither')
        ['a', 'b', 'c']
    """
    return sorted(set(re.findall(r"[?$](\w+)", strip_lexical(text))))


def check_bindings(text: str, names: list[str], saved: SavedQuery | None = None) -> None:
    """Refuse bindings of variables the query does not have, and a saved query
    whose required parameters (``# params:``) are not all bound.

    Raises:
        QueryError: naming the query's variables, or the missing parameters.
    """
    variables = query_variables(text)
    names = [n.lstrip("?$") for n in names]
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise QueryError(
            f"--bind {twice[0]}=... is given {names.count(twice[0])} times: bind each variable once"
        )
    for name in names:
        if name not in variables:
            raise QueryError(
                f"--bind {name}=...: the query has no variable ?{name}; "
                f"its variables: {', '.join('?' + v for v in variables) or 'none'}"
            )
    if saved is None:
        return
    bound = set(names)
    missing = [p for p in saved.required if p not in bound]
    if missing:
        needs = " ".join(f"--bind {p}=NAME" for p in missing)
        raise QueryError(
            f"saved query {saved.name!r} needs {', '.join('?' + p for p in missing)}: "
            f"kg query {saved.name} {needs} (NAME: any label, alias or IRI of an entity; "
            "kg find NAME looks one up)"
        )


_XSD = "http://www.w3.org/2001/XMLSchema#"


def entities_named(dataset: KGDataset, text: str) -> list[str]:
    """IRIs whose label or alias equals ``text``, ignoring case."""
    rows = dataset.query(
        "SELECT DISTINCT ?e WHERE { ?e skos:prefLabel|skos:altLabel|rdfs:label|schema:name ?l "
        f"FILTER(isIRI(?e) && LCASE(STR(?l)) = LCASE({ox.Literal(text)})) }} ORDER BY ?e"
    )
    return [row["e"].value for row in rows]


#: The SERVICE keyword (not a variable ?service nor a prefixed name ex:service).
_SERVICE_RE = re.compile(r"(?i)(?<![?$\w:.-])SERVICE\b")


def _check_service(text: str, stripped: str) -> None:
    r"""Refuse a federated query: ``SERVICE`` sends part of it to another endpoint.

    Example:
        >>> _check_service("SELECT ?service { ?service ex:service 1 }", "SELECT ?service { ?service ex:service 1 }")
        >>> q = "SELECT * {\n  SERVICE <http://x/sparql> { ?s ?p ?o } }"
        >>> _check_service(q, strip_lexical(q))
        Traceback (most recent call last):
        ...
        kg.errors.QueryError: SERVICE at line 2, column 3 would send part of the query to <http://x/sparql>: kg query answers from the local graph and makes no requests of its own; pass --allow-service to run a federated query
    """
    match = _SERVICE_RE.search(stripped)
    if match is None:
        return
    line = stripped.count("\n", 0, match.start()) + 1
    column = match.start() - (stripped.rfind("\n", 0, match.start()) + 1) + 1
    target = re.match(
        r"\s*(?:SILENT\s+)?(<[^>]*>|[?$]\w+|[\w-]*:[\w.-]*)", text[match.end() :], re.I
    )
    where = f" to {target.group(1)}" if target else " elsewhere"
    raise QueryError(
        f"SERVICE at line {line}, column {column} would send part of the query{where}: "
        "kg query answers from the local graph and makes no requests of its own; "
        "pass --allow-service to run a federated query"
    )


def service_failed(exc: OSError) -> KGError:
    """The error of a federated query whose SERVICE endpoint failed (exit code 5).

    Oxigraph asks the endpoints while the results are read, so the caller that
    reads them turns the failure into this error too.
    """
    from kg.data.remote import EndpointError

    return EndpointError(f"a SERVICE endpoint of the query failed: {exc}")


def run_query(
    dataset: KGDataset,
    text: str,
    bindings: list[Binding] | None = None,
    allow_service: bool = False,
) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
    """Run a read-only query over the whole dataset (default graph = union of all graphs).

    A federated query (``SERVICE``) is refused unless ``allow_service``: then
    the endpoints it names are asked, and one that fails is an
    :class:`~kg.data.remote.EndpointError` (exit code 5).

    Raises:
        QueryError: an update, a SERVICE not allowed, an unknown prefix, or a syntax error.
    """
    stripped = strip_lexical(text)
    if form_of(stripped) == "UPDATE":
        raise QueryError(
            "SPARQL UPDATE is refused: kg query is read-only. The files in triples/ are "
            "the source of truth; edit them and run kg build."
        )
    if not allow_service:
        _check_service(text, stripped)
    try:
        return dataset.query(with_bindings(text, bindings or []))
    except OSError as exc:
        if not allow_service:
            raise
        raise service_failed(exc) from exc
    except Exception as exc:
        # Only a failed query is scanned for prefixes: an unknown one explains
        # the failure best, and a query that runs costs no scan.
        _check_prefixes(stripped, dataset.prefixes)
        if isinstance(exc, SyntaxError):
            _check_form(text, stripped)
            raise _syntax_error(text, exc) from exc
        raise
