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


def clear_cache() -> None:
    """Forget cached file contents (files may have changed between runs)."""
    _lines.cache_clear()
