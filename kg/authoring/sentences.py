"""An article's sentences, each exactly as written (for ``kg:evidence``)."""

from __future__ import annotations

import re
from dataclasses import dataclass

_ABBREVIATIONS = ("Mr.", "Mrs.", "Ms.", "Dr.", "St.", "No.", "U.S.", "Jr.", "Sr.", "Prof.")


@dataclass(frozen=True)
class Sentence:
    """A sentence of the article, exactly as written (a substring of the text)."""

    text: str
    number: int


def split_sentences(text: str) -> list[Sentence]:
    """The article's sentences, each a verbatim substring of one of its lines.

    Example:
        >>> [s.text for s in split_sentences("Mr. Ito came here. He left again!\\nThe next line")]
        ['Mr. Ito came here.', 'He left again!', 'The next line']
    """
    out: list[Sentence] = []
    for line in text.splitlines():
        start = 0
        for match in re.finditer(r"[.!?][\"”’)]*\s+(?=[A-Z\"“(•])", line):
            end = match.start() + 1
            chunk = line[start:end]
            if any(chunk.endswith(a) for a in _ABBREVIATIONS):
                continue
            end = match.end() - len(match.group(0)) + len(match.group(0).rstrip())
            _add(out, line[start:end])
            start = match.end()
        _add(out, line[start:])
    return out


def _add(out: list[Sentence], chunk: str) -> None:
    chunk = chunk.strip().lstrip("•").strip()
    if len(chunk) >= 10 and re.search(r"[A-Za-z]", chunk):
        out.append(Sentence(chunk, len(out) + 1))
