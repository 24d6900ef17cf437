"""Terms a query uses that nothing defines: ``kg:participant`` for ``schema:attendee``.

A misspelt or invented term gives no rows and no error. :func:`undefined_terms`
finds the query's terms in kg's ontology namespace and in the well-known
vocabularies (:data:`kg.validation.vocabulary.WELL_KNOWN`) that occur nowhere
in the dataset (the ontology's graphs included): one in kg's namespace is not
defined; one in a well-known vocabulary is undefined when the vocabulary's
published term list lacks it (a real term the data does not use is no
mistake). Each comes with the closest terms of the ontology, by name and by
label (``schema:attendee`` is labelled "participant"), as
:mod:`kg.validation.vocabulary` suggests them for the sources.

Terms found in the data cost one query and no import; the term lists (rdflib)
are read only for a term the data does not hold.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

import pyoxigraph as ox

from kg.data.dataset import KGDataset
from kg.data.namespaces import PREFIXES, shorten

#: Strings and comments, blanked before terms are looked for; IRIs are kept.
_TOKENS = re.compile(
    r'(?P<iri><[^<>"{}|^`\\\s]*>)|"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\''
    r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|#[^\n]*'
)
_PREFIXED = re.compile(r"(?<![\w?$:.<-])([A-Za-z][\w.-]*)?:((?:[\w-]|\.(?=[\w-]))+)")
_DECLARED = re.compile(r"(?i)\bPREFIX\s+([A-Za-z][\w.-]*)?:\s*<([^>]*)>")
_PROLOGUE = re.compile(r"(?i)\b(?:PREFIX\s+(?:[A-Za-z][\w.-]*)?:|BASE)\s*<[^>]*>")
#: The well-known vocabularies' namespaces, by prefix (those of ``WELL_KNOWN``).
_VOCABULARIES = (
    "dcterms",
    "foaf",
    "org",
    "owl",
    "prov",
    "rdf",
    "rdfs",
    "schema",
    "sh",
    "skos",
    "time",
    "xsd",
)


@dataclass(frozen=True)
class Term:
    """A term as a query writes it, and where (1-based line and column)."""

    iri: str
    written: str
    line: int
    column: int


def _blank(match: re.Match[str]) -> str:
    if match.group("iri"):
        return match.group(0)
    return re.sub(r"[^\n]", " ", match.group(0))


def query_terms(text: str, prefixes: dict[str, str]) -> list[Term]:
    """The IRIs a query writes (``<iri>`` or ``prefix:name``), each at its first use.

    The query's own ``PREFIX`` lines override ``prefixes``; terms in strings and
    comments are not terms.

    Example:
        >>> q = 'PREFIX ex: <http://ex.org/>\\nSELECT ?x { ?x ex:p "ex:no" ; <http://y/q> 1 } # ex:no'
        >>> [(t.written, t.iri, t.line, t.column) for t in query_terms(q, {})]
        [('ex:p', 'http://ex.org/p', 2, 16), ('<http://y/q>', 'http://y/q', 2, 31)]
    """
    bare = _TOKENS.sub(_blank, text)
    known = dict(prefixes) | {p or "": iri for p, iri in _DECLARED.findall(bare)}
    # the declarations' own IRIs are no terms
    bare = _PROLOGUE.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), bare)
    found: dict[str, Term] = {}

    def add(iri: str, written: str, at: int) -> None:
        if iri not in found:
            line = bare.count("\n", 0, at) + 1
            found[iri] = Term(iri, written, line, at - (bare.rfind("\n", 0, at) + 1) + 1)

    for match in re.finditer(r"<([^<>\s]*)>", bare):
        add(match.group(1), match.group(0), match.start())
    for match in _PREFIXED.finditer(bare):
        base = known.get(match.group(1) or "")
        if base is not None:
            add(base + match.group(2), match.group(0), match.start())
    return sorted(found.values(), key=lambda t: (t.line, t.column))


def _occurring(dataset: KGDataset, terms: list[Term]) -> set[str]:
    """Those of ``terms`` that occur in the dataset, in any position."""
    if not terms:
        return set()
    listed = " ".join(str(ox.NamedNode(t.iri)) for t in terms)
    rows = dataset.query(
        f"SELECT ?t WHERE {{ VALUES ?t {{ {listed} }} "
        "FILTER EXISTS { { ?t ?p ?o } UNION { ?s ?t ?o } UNION { ?s ?p ?t } } }"
    )
    return {row["t"].value for row in rows}


def undefined_terms(dataset: KGDataset, text: str) -> list[str]:
    """A warning for each term of the query that no vocabulary kg knows defines.

    Example:
        >>> from kg.data.dataset import KGDataset
        >>> undefined_terms(KGDataset(store=ox.Store()), "SELECT * { ?e kg:participant ?x }")
        ['kg:participant (line 1, column 15) is not a term of the ontology: the query matches nothing there']
    """
    kg_base = dataset.prefixes.get("kg", PREFIXES["kg"])
    vocabularies = {PREFIXES[p]: p for p in _VOCABULARIES}
    checked = [
        t
        for t in query_terms(text, dataset.prefixes)
        if t.iri.startswith(kg_base) or any(t.iri.startswith(v) for v in vocabularies)
    ]
    occurring = _occurring(dataset, checked)
    missing = [t for t in checked if t.iri not in occurring]
    if not missing:
        return []
    from kg.validation.vocabulary import WELL_KNOWN, vocabulary_terms

    lists = {str(ns._NS): vocabulary_terms(ns) for ns in WELL_KNOWN.values()}
    notes = []
    for term in missing:
        base = next((b for b in lists if term.iri.startswith(b)), None)
        if base is not None and term.iri in lists[base]:
            continue  # a real term that the data does not use
        where = f"{term.written} (line {term.line}, column {term.column})"
        if base is None:
            what = "is not a term of the ontology"
        else:
            name = term.iri[len(base) :]
            what = f"is no term of the {vocabularies.get(base, base)} vocabulary ({name!r})"
        close = suggestions(dataset, term.iri, lists.get(base, frozenset()))
        hint = (
            "; did you mean " + " or ".join(close) + "?"
            if close
            else ": the query matches nothing there"
        )
        notes.append(f"{where} {what}{hint}")
    return notes


def suggestions(dataset: KGDataset, iri: str, vocabulary: frozenset[str]) -> list[str]:
    """The ontology's terms (and ``vocabulary``'s) closest to ``iri``: by name, as the
    vocabulary check suggests them, and by label (a term labelled as ``iri`` is named).
    """
    from kg.validation.locate import local_name
    from kg.validation.vocabulary import _nearest, declared_terms

    labels: dict[str, list[str]] = {}  # casefolded label -> terms
    label_of: dict[str, str] = {}
    graphs = dataset.graphs("ontology")
    if graphs:
        query = "SELECT ?t ?l WHERE { ?t rdfs:label ?l FILTER isIRI(?t) } ORDER BY ?t ?l"
        for row in dataset.query(query, graphs):
            labels.setdefault(row["l"].value.casefold(), []).append(row["t"].value)
            label_of.setdefault(row["t"].value, row["l"].value)
    words = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", local_name(iri)).replace("_", " ").casefold()
    by_label = [
        term
        for label in difflib.get_close_matches(words, list(labels), n=3, cutoff=0.8)
        for term in sorted(labels[label])
    ]
    by_name = _nearest(iri, declared_terms(dataset) | vocabulary)
    shown = []
    for term in [*by_label, *by_name]:
        name = shorten(term, dataset.prefixes)
        text = f'{name} (labelled "{label_of[term]}")' if term in by_label else name
        if term != iri and text not in shown:
            shown.append(text)
    return shown[:3]
