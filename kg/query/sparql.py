"""Running read-only SPARQL queries on a dataset, with errors people can act on.

Example:
    >>> query_kind("PREFIX ex: <http://ex.org/> SELECT * WHERE { ?s ?p ?o }")
    'SELECT'
    >>> query_kind("# a comment\\nASK { ?s ?p ?o }")
    'ASK'
    >>> query_kind("INSERT DATA { <a:b> <a:c> <a:d> }")
    'UPDATE'
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

import pyoxigraph as ox

from kg.data.dataset import KGDataset
from kg.errors import KGError

_UPDATE_WORDS = {
    "INSERT",
    "DELETE",
    "LOAD",
    "CLEAR",
    "DROP",
    "CREATE",
    "ADD",
    "MOVE",
    "COPY",
    "WITH",
}
_QUERY_WORDS = {"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"}


class QueryError(KGError):
    """The query cannot be run as written (exit code 2)."""

    exit_code = 2


class QueryTimeout(KGError):
    """The query ran longer than allowed (exit code 4)."""

    exit_code = 4


#: Long strings, strings, IRIs and comments: the parts of a query not scanned for keywords.
_LEXICAL = "|".join(
    (
        r'"""[\s\S]*?"""',
        r"'''[\s\S]*?'''",
        r'"(?:[^"\\\n]|\\.)*"',
        r"'(?:[^'\\\n]|\\.)*'",
        r'<[^<>"{}|^`\\\s]*>',
        r"#[^\n]*",
    )
)


_LEXICAL_RE = re.compile(_LEXICAL)
_WORD_RE = re.compile(r"[A-Za-z]+")
_DECLARED_RE = re.compile(r"(?i)\bPREFIX\s+([A-Za-z][\w.-]*)?:")
_PREFIXED_RE = re.compile(r"(?<![\w?$:.-])([A-Za-z][\w-]*)?:(?=[\w%\\])")


def _blank(match: re.Match[str]) -> str:
    found = match.group(0)
    if "\n" in found:  # a long string: keep its line breaks
        return re.sub(r"[^\n]", " ", found)
    return " " * len(found)


def _strip(text: str) -> str:
    """The query with strings, IRIs and comments blanked out (same length, same lines)."""
    return _LEXICAL_RE.sub(_blank, text)


def query_kind(text: str) -> str:
    """The query form: SELECT, ASK, CONSTRUCT, DESCRIBE, UPDATE or UNKNOWN."""
    return _kind(_strip(text))


def _kind(stripped: str) -> str:
    for match in _WORD_RE.finditer(stripped):
        upper = match.group(0).upper()
        if upper in _QUERY_WORDS:
            return upper
        if upper in _UPDATE_WORDS:
            return "UPDATE"
    return "UNKNOWN"


def declared_prefixes(text: str) -> set[str]:
    """Prefixes the query declares itself.

    Example:
        >>> sorted(declared_prefixes("PREFIX ex: <http://e/>\\nprefix : <http://d/> SELECT"))
        ['', 'ex']
    """
    return set(_DECLARED_RE.findall(_strip(text)))


def _check_prefixes(stripped: str, known: dict[str, str]) -> None:
    """Raise :class:`QueryError` naming the first undeclared prefix and the close ones."""
    declared: set[str] | None = None
    for match in _PREFIXED_RE.finditer(stripped):
        prefix = match.group(1) or ""
        if prefix in known or prefix.lower() == "prefix":
            continue
        if declared is None:
            declared = set(_DECLARED_RE.findall(stripped)) | set(known)
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


@dataclass(frozen=True)
class Binding:
    """A value for a query variable, as given on the command line and as resolved."""

    name: str
    term: ox.NamedNode | ox.Literal
    note: str | None = None


def resolve_binding(dataset: KGDataset, name: str, value: str) -> Binding:
    """Turn ``--bind name=value`` into a term.

    ``<iri>`` and ``prefix:name`` are IRIs; ``"text"`` is a string; a number is a
    number; any other text is looked up among the labels and aliases
    (case-insensitive) and binds the one entity it names. Text that names no
    entity is bound as a string, with a note; text that names several is an error.
    """
    name = name.lstrip("?$")
    if not re.fullmatch(r"\w+", name):
        raise QueryError(f"--bind: {name!r} is not a variable name")
    if value.startswith("<") and value.endswith(">"):
        return Binding(name, ox.NamedNode(value[1:-1]))
    if len(value) >= 2 and value[0] == value[-1] == '"':
        return Binding(name, ox.Literal(value[1:-1]))
    if re.fullmatch(r"[+-]?\d+", value):
        return Binding(name, ox.Literal(value, datatype=ox.NamedNode(str(_XSD) + "integer")))
    if re.fullmatch(r"[+-]?\d*\.\d+", value):
        return Binding(name, ox.Literal(value, datatype=ox.NamedNode(str(_XSD) + "decimal")))
    prefixed = re.fullmatch(r"([A-Za-z][\w-]*):([\w.-]+)", value)
    if prefixed and prefixed.group(1) in dataset.prefixes:
        return Binding(name, ox.NamedNode(dataset.prefixes[prefixed.group(1)] + prefixed.group(2)))
    matches = entities_named(dataset, value)
    if len(matches) == 1:
        return Binding(name, ox.NamedNode(matches[0]), note=f"?{name} = <{matches[0]}> ({value!r})")
    if len(matches) > 1:
        raise QueryError(
            f"--bind {name}={value!r} names {len(matches)} entities: "
            + ", ".join(f"<{m}>" for m in matches)
            + "; bind one by IRI"
        )
    return Binding(
        name,
        ox.Literal(value),
        note=f"no entity is labelled {value!r}; ?{name} is bound as a string",
    )


_XSD = "http://www.w3.org/2001/XMLSchema#"


def entities_named(dataset: KGDataset, text: str) -> list[str]:
    """IRIs whose label or alias equals ``text``, ignoring case."""
    rows = dataset.query(
        "SELECT DISTINCT ?e WHERE { ?e skos:prefLabel|skos:altLabel|rdfs:label|schema:name ?l "
        f"FILTER(isIRI(?e) && LCASE(STR(?l)) = LCASE({ox.Literal(text)})) }} ORDER BY ?e"
    )
    return [row["e"].value for row in rows]


def run_query(
    dataset: KGDataset, text: str, bindings: list[Binding] | None = None
) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
    """Run a read-only query over the whole dataset (default graph = union of all graphs).

    Raises:
        QueryError: an update, an unknown prefix, or a syntax error.
    """
    stripped = _strip(text)
    if _kind(stripped) == "UPDATE":
        raise QueryError(
            "SPARQL UPDATE is refused: kg query is read-only. The files in triples/ are "
            "the source of truth; edit them and run kg build."
        )
    try:
        return dataset.query(with_bindings(text, bindings or []))
    except Exception as exc:
        # Only a failed query is scanned for prefixes: an unknown one explains
        # the failure best, and a query that runs costs no scan.
        _check_prefixes(stripped, dataset.prefixes)
        if isinstance(exc, SyntaxError):
            raise _syntax_error(text, exc) from exc
        raise


def with_bindings(text: str, bindings: list[Binding]) -> str:
    """Fix the bound variables with a ``VALUES`` block at the top of the WHERE pattern.

    Inside the outermost group pattern, VALUES joins before any grouping, so a
    variable is bound whether or not the query projects it. (A trailing VALUES
    clause would not do: SPARQL joins it after GROUP BY.)

    Example:
        >>> print(with_bindings("SELECT ?n WHERE { ?e :name ?n }", [Binding("e", ox.NamedNode("http://x/a"))]))
        SELECT ?n WHERE { VALUES (?e) { (<http://x/a>) } ?e :name ?n }
        >>> print(with_bindings("ASK { ?e ?p ?o }", [Binding("e", ox.NamedNode("http://x/a"))]))
        ASK { VALUES (?e) { (<http://x/a>) } ?e ?p ?o }
    """
    if not bindings:
        return text
    stripped = _strip(text)
    where = re.search(r"(?i)\bWHERE\s*\{", stripped)
    if where:
        brace = where.end()
    else:
        kind = re.search(r"(?i)\b(SELECT|ASK|DESCRIBE)\b", stripped)
        first = stripped.find("{", kind.end()) if kind else -1
        if first < 0:
            raise QueryError("--bind needs a query with a WHERE pattern")
        brace = first + 1
    names = " ".join(f"?{b.name}" for b in bindings)
    terms = " ".join(str(b.term) for b in bindings)
    return f"{text[:brace]} VALUES ({names}) {{ ({terms}) }}{text[brace:]}"
