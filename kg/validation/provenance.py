"""Provenance: every ``kg:evidence`` sentence is in the article its graph names.

A graph (one source file) that gives a ``kg:corpusFile`` names the article
text its facts come from, relative to the project folder. The file must exist,
and each ``kg:evidence`` literal of the graph must occur in its text, compared
after normalising whitespace and quotes (curly and straight quotes alike). A
paraphrased or misplaced sentence is an error whose hint quotes the closest
sentence of the article.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path, PurePosixPath

from rapidfuzz import fuzz, process

from kg.data.dataset import KGDataset
from kg.data.sources import SourceFile
from kg.problems import Problem
from kg.validation.locate import source_lines

_QUOTES = str.maketrans(
    {c: '"' for c in "\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033"}
    | {c: "'" for c in "\u2018\u2019\u201a\u201b\u2032`"}
)
_SEPARATOR = "\u0001"  # joins a graph's sentences; no sentence holds it
_SPACE = re.compile(r"\s+")
#: A sentence ends at . ! or ?, but not after "Mr." or "Dr." (a capital and a letter).
_SENTENCE_END = re.compile(
    r"(?<!\b[A-Z][a-z]\.)(?<!\bMrs\.)(?<!\bProf\.)(?<=[.!?])[\"')\]]*\s+|\n+"
)


def normalise(text: str) -> str:
    """Text as compared: NFC, straight quotes, single spaces.

    Example:
        >>> normalise("He said  \u201cyes\u201d.\\n It\u2019s done.")
        'He said "yes". It\\'s done.'
    """
    text = unicodedata.normalize("NFC", text).translate(_QUOTES)
    return _SPACE.sub(" ", text).strip()


def sentences(text: str) -> list[str]:
    """The sentences (and lines) of a text, whitespace-normalised.

    Example:
        >>> sentences("One. Two!\\nThree")
        ['One.', 'Two!', 'Three']
        >>> sentences("He met Mr. Ito. Then he left.")
        ['He met Mr. Ito.', 'Then he left.']
    """
    return [s for s in (normalise(p) for p in _SENTENCE_END.split(text)) if s]


def project_root(source: SourceFile) -> Path:
    """The project folder of a source: the parent of its ``ontology/`` or ``triples/`` folder."""
    return source.path.parents[len(PurePosixPath(source.relpath).parts)]


def _article(path: Path) -> str | None:
    """The article's text as written (normalised only for the sentences not found as is)."""
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None


def closest_sentence(evidence: str, candidates: tuple[str, ...]) -> str | None:
    """The candidate sentence most like ``evidence``, if any is somewhat alike."""
    best = process.extractOne(normalise(evidence), candidates, scorer=fuzz.ratio, score_cutoff=40)
    return best[0] if best else None


def check_provenance(dataset: KGDataset) -> list[Problem]:
    """Report missing article files and evidence sentences not found in their article."""
    if not dataset.graphs("triples"):
        return []
    sources = {
        graph: source
        for source in dataset.sources
        for graph in dataset.graphs_by_source.get(source.graph_iri, [])
    }
    files: dict[str, list[str]] = {}
    for row in dataset.query(
        "SELECT DISTINCT ?g ?f WHERE { "
        + dataset.in_facts("?d kg:corpusFile ?f FILTER isLiteral(?f)")
        + " }"
    ):
        files.setdefault(row[0].value, []).append(row[1].value)
    if not files:
        return []
    problems: list[Problem] = []
    texts: dict[str, list[str]] = {}
    for graph, names in sorted(files.items()):
        source = sources.get(graph)
        if source is None:
            continue
        root = project_root(source)
        for name in sorted(names):
            article = _article(root / name)
            if article is None:
                where = _find_text(source.path, name)
                problems.append(
                    Problem(
                        "provenance",
                        f"kg:corpusFile {name!r} does not exist (looked in {root})",
                        file=source.display,
                        line=where,
                        subject=name,
                        hint="give the path of the article's text relative to the project "
                        "folder, e.g. corpus/005_<id>.txt, and put the text there",
                        group="missing article file",
                    )
                )
            else:
                texts.setdefault(graph, []).append(article)
    if not texts:
        return problems
    # One row per graph, its sentences joined: a hundred thousand rows cost more
    # to convert in Python than the search itself.
    rows = dataset.query(
        f'SELECT ?g (GROUP_CONCAT(?e; separator="{_SEPARATOR}") AS ?all) WHERE {{ '
        + dataset.in_facts("?s kg:evidence ?e FILTER isLiteral(?e)")
        + " } GROUP BY ?g"
    )
    missing: dict[str, set[str]] = {}
    for row in rows:
        graph = row[0].value
        articles = texts.get(graph)
        if not articles:
            continue
        # Most sentences are in the text as written (of the graph's one article,
        # mostly); the texts are normalised only for the others.
        text = articles[0] if len(articles) == 1 else "\0".join(articles)
        normalised: list[str] | None = None
        for evidence in row[1].value.split(_SEPARATOR):
            if evidence and evidence in text and "\0" not in evidence:
                continue
            if normalised is None:
                normalised = [normalise(article) for article in articles]
            sentence = normalise(evidence)
            if not any(sentence in article for article in normalised):
                missing.setdefault(graph, set()).add(evidence)
    for graph in sorted(missing):
        source = sources[graph]  # graphs with texts have sources
        candidates = tuple(s for text in texts[graph] for s in sentences(normalise(text)))
        shown = ", ".join(sorted(files[graph]))
        for evidence in sorted(missing[graph], key=lambda e: (_find_text(source.path, e) or 0, e)):
            close = closest_sentence(evidence, candidates)
            short = evidence if len(evidence) <= 80 else evidence[:77] + "..."
            problems.append(
                Problem(
                    "provenance",
                    f"kg:evidence {short!r} is not in {shown}",
                    file=source.display,
                    line=_find_text(source.path, evidence),
                    subject=short,
                    hint=f"the closest sentence there: {close!r}"
                    if close
                    else "quote a sentence of the article verbatim",
                    group="evidence not in the article",
                )
            )
    return problems


def _find_text(path: Path, text: str) -> int | None:
    """The line of ``path`` where a literal holding ``text`` starts (its first words)."""
    words = normalise(text)[:40]
    if not words:
        return None
    escaped = words.replace("\\", "\\\\").replace('"', '\\"')
    for candidate in (escaped, words):
        for number, line in enumerate(source_lines(path), start=1):
            if candidate in normalise(line):
                return number
    return None
