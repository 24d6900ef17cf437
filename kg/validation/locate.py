"""Finding where a term or node is written in a source file, for messages."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=256)
def _lines(path: Path) -> tuple[str, ...]:
    try:
        return tuple(path.read_text(encoding="utf-8", errors="replace").splitlines())
    except OSError:
        return ()


def source_lines(path: Path) -> tuple[str, ...]:
    """The lines of a source file (cached until :func:`clear_cache`); none when unreadable."""
    return _lines(path)


def local_name(iri: str) -> str:
    """The part of an IRI after its last ``#`` or ``/``.

    Example:
        >>> local_name("https://kg.example.org/ontology#signatory")
        'signatory'
        >>> local_name("https://schema.org/name")
        'name'
    """
    return re.split(r"[#/]", iri)[-1]


def find_term(path: Path, iri: str) -> tuple[int, int] | None:
    """Return ``(line, column)`` (1-based) of the first use of ``iri`` in ``path``.

    The term is found written in full (``<iri>``) or as a prefixed name ending
    in its local name (``kg:signatry``). A line that starts with the term (where
    it is described as a subject), unindented first, is preferred to a mere mention. Comment lines
    are skipped.
    """
    name = local_name(iri)
    anywhere = [re.escape(f"<{iri}>")]
    if name:
        anywhere.append(r"(?<![\w<])[\w.-]*:" + re.escape(name) + r"(?![\w-])")
    patterns = [
        *(re.compile("^" + p) for p in anywhere),
        *(re.compile(r"^\s*" + p) for p in anywhere),
        *(re.compile(p) for p in anywhere),
    ]
    for pattern in patterns:
        for number, line in enumerate(_lines(path), start=1):
            if line.lstrip().startswith("#"):
                continue
            match = pattern.search(line)
            if match:
                indent = len(match.group(0)) - len(match.group(0).lstrip())
                return number, match.start() + indent + 1
    return None


def _term_pattern(iri: str) -> re.Pattern[str]:
    """A term written in full (``<iri>``) or as a prefixed name with its local name."""
    name = local_name(iri)
    options = [re.escape(f"<{iri}>")]
    if name:
        options.append(r"(?<![\w<])[\w.-]*:" + re.escape(name) + r"(?![\w-])")
    if iri == "http://www.w3.org/1999/02/22-rdf-syntax-ns#type":
        options.append(r"(?<![\w:<\"'])a(?![\w:-])")
    return re.compile("|".join(options))


def find_statement(
    path: Path, subject: str, predicate: str, value: str | None = None
) -> tuple[int, int] | None:
    """``(line, column)`` of the triple ``subject predicate value`` as written in ``path``.

    The subject's description is found first (:func:`find_term`); then its
    lines, up to the ``.`` that ends the statement, are searched for the
    predicate, preferring the line that also holds ``value`` (a literal's text
    or an IRI's local name) when the predicate has several values. None when
    the predicate is not written there (a missing value: point at the subject).

    Example:
        >>> import tempfile
        >>> f = Path(tempfile.mkdtemp()) / "a.ttl"
        >>> _ = f.write_text('ex:a a ex:T ;\\n    ex:p "x" ;\\n    ex:p "y" .\\nex:b ex:p "y" .\\n')
        >>> find_statement(f, "http://ex.org/a", "http://ex.org/p", "y")
        (3, 5)
        >>> find_statement(f, "http://ex.org/a", "http://ex.org/q") is None
        True
    """
    start = find_term(path, subject)
    if start is None:
        return None
    lines = _lines(path)
    wanted = _term_pattern(predicate)
    found: list[tuple[int, int, str]] = []
    for number in range(start[0], len(lines) + 1):
        line = lines[number - 1]
        code = line if number != start[0] else " " * start[1] + line[start[1] :]
        if not line.lstrip().startswith("#"):
            found += [(number, m.start() + 1, line[m.end() :]) for m in wanted.finditer(code)]
        if line.rstrip().endswith("."):
            break  # the statement ends here
    if not found:
        return None
    if value:
        for number, column, rest in found:
            if value in rest:
                return number, column
    return found[0][0], found[0][1]


def clear_cache() -> None:
    """Forget cached file contents (files may have changed between runs)."""
    _lines.cache_clear()
