"""Label check: every entity in the facts has exactly one preferred label.

An entity is an IRI given an ``rdf:type`` in the facts. Its preferred label is
taken from the first naming predicate it uses (see :mod:`kg.labels`); that
predicate must have one value per language. More than one (two
``skos:prefLabel`` in English, say) or none at all is an error.
"""

from __future__ import annotations

from kg.dataset import KGDataset
from kg.labels import label_values
from kg.namespaces import shorten
from kg.report import Problem
from kg.validation.locate import find_term


def entities(dataset: KGDataset) -> dict[str, str]:
    """IRIs typed in the facts, each with the first graph that types it."""
    return dataset.first_graphs("?e a ?c FILTER isIRI(?e)", "e")


def check_labels(dataset: KGDataset) -> list[Problem]:
    """Report entities with no label or with several preferred labels."""
    typed = entities(dataset)
    values = label_values(dataset, sorted(typed), dataset.graphs("triples"))
    problems = []
    for iri in sorted(typed, key=lambda i: (typed[i], i)):
        entries = values.get(iri, [])
        message = None
        if not entries:
            message = f"{shorten(iri, dataset.prefixes)} has no label"
            hint = "give it one skos:prefLabel"
        else:
            predicate = entries[0][0]
            by_lang: dict[str, list[str]] = {}
            for pred, lang, text in entries:
                if pred == predicate:
                    by_lang.setdefault(lang, []).append(text)
            for lang, texts in sorted(by_lang.items()):
                if len(texts) > 1:
                    shown = ", ".join(repr(t) for t in texts)
                    tag = f" in language '{lang}'" if lang else ""
                    message = (
                        f"{shorten(iri, dataset.prefixes)} has {len(texts)} preferred labels "
                        f"({shorten(predicate, dataset.prefixes)}{tag}): {shown}"
                    )
                    hint = "keep one as skos:prefLabel and make the others skos:altLabel"
                    break
        if message is None:
            continue
        source = dataset.source_of_graph(typed[iri])
        found = find_term(source.path, iri) if source else None
        problems.append(
            Problem(
                "labels",
                message,
                file=source.display if source else typed[iri],
                line=found[0] if found else None,
                column=found[1] if found else None,
                subject=shorten(iri, dataset.prefixes),
                hint=hint,
                group="no label" if not entries else "several preferred labels",
            )
        )
    return problems
