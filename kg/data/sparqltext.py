"""SPARQL as text: its form, its declared prefixes, and values bound into it.

Both the stores (a remote endpoint needs the form to ask for the right format) and
the query layer read queries as text; this is the one place that scans them.

Example:
    >>> query_kind("PREFIX ex: <http://ex.org/> SELECT * WHERE { ?s ?p ?o }")
    'SELECT'
    >>> query_kind("# a comment\\nASK { ?s ?p ?o }")
    'ASK'
    >>> query_kind("INSERT DATA { <a:b> <a:c> <a:d> }")
    'UPDATE'
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pyoxigraph as ox

from kg.errors import QueryError

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
DECLARED_RE = re.compile(r"(?i)\bPREFIX\s+([A-Za-z][\w.-]*)?:")


def _blank(match: re.Match[str]) -> str:
    found = match.group(0)
    if "\n" in found:  # a long string: keep its line breaks
        return re.sub(r"[^\n]", " ", found)
    return " " * len(found)


def strip_lexical(text: str) -> str:
    """The query with strings, IRIs and comments blanked out (same length, same lines)."""
    return _LEXICAL_RE.sub(_blank, text)


def query_kind(text: str) -> str:
    """The query form: SELECT, ASK, CONSTRUCT, DESCRIBE, UPDATE or UNKNOWN."""
    return form_of(strip_lexical(text))


def form_of(stripped: str) -> str:
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
    return set(DECLARED_RE.findall(strip_lexical(text)))


@dataclass(frozen=True)
class Binding:
    """A value for a query variable, as given on the command line and as resolved."""

    name: str
    term: ox.NamedNode | ox.Literal
    note: str | None = None


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
    stripped = strip_lexical(text)
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
