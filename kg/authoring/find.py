"""``kg find``: the entities a name may mean, best first, with what the graph says of them.

Example:
    >>> import pyoxigraph as ox
    >>> from kg.data.dataset import KGDataset
    >>> find_entities(KGDataset(store=ox.Store()), "anyone")
    []
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.authoring.lookup import EntityIndex, Match
from kg.data.dataset import KGDataset
from kg.data.namespaces import shorten


@dataclass(frozen=True)
class Candidate:
    """One entity a name may mean, ready to print or serialise."""

    iri: str
    short: str
    label: str
    score: float
    matched: str
    classes: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    articles: list[dict[str, str]] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        """The candidate as a JSON-ready dict."""
        return {
            "iri": self.iri,
            "short": self.short,
            "label": self.label,
            "score": self.score,
            "matched": self.matched,
            "classes": self.classes,
            "aliases": self.aliases,
            "articles": self.articles,
        }


def expand(name: str, prefixes: dict[str, str]) -> str:
    """``<iri>`` or ``prefix:local`` as a full IRI; other text unchanged.

    Example:
        >>> expand("kgr:japan", {"kgr": "https://kg.example.org/id/"})
        'https://kg.example.org/id/japan'
        >>> expand("Japan", {})
        'Japan'
    """
    text = name.strip()
    if text.startswith("<") and text.endswith(">"):
        return text[1:-1]
    prefixed = re.fullmatch(r"([A-Za-z][\w-]*)?:([\w.-]+)", text)
    if prefixed and (prefixed.group(1) or "") in prefixes:
        return prefixes[prefixed.group(1) or ""] + prefixed.group(2)
    return text


def article_files(dataset: KGDataset) -> dict[str, str]:
    """Each news article's IRI with its ``kg:corpusFile`` (or its IRI when it has none)."""
    rows = dataset.query(
        "SELECT ?a (MIN(STR(?f)) AS ?file) WHERE { ?a a schema:NewsArticle "
        "OPTIONAL { ?a kg:corpusFile ?f } } GROUP BY ?a"
    )
    return {row[0].value: row[1].value if row[1] is not None else row[0].value for row in rows}


def find_entities(
    dataset: KGDataset, name: str, limit: int = 5, index: EntityIndex | None = None
) -> list[Candidate]:
    """The entities best matching ``name`` (a label, alias, IRI or prefixed name), best first."""
    index = index if index is not None else EntityIndex.from_dataset(dataset)
    matches: list[Match] = index.find(expand(name, dataset.prefixes), limit=limit)
    if not matches:
        return []
    files = article_files(dataset)
    return [
        Candidate(
            iri=m.iri,
            short=shorten(m.iri, dataset.prefixes),
            label=m.entity.label,
            score=m.score,
            matched=m.matched,
            classes=[shorten(c, dataset.prefixes) for c in m.entity.classes],
            aliases=list(m.entity.aliases),
            articles=[
                {"iri": a, "file": files.get(a, a)}
                for a in sorted(m.entity.articles, key=lambda a: files.get(a, a))
            ],
        )
        for m in matches
    ]
