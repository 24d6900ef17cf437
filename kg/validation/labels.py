"""Label check: every entity in the facts has exactly one preferred label.

An entity is an IRI given an ``rdf:type`` in the facts. Its preferred label is
taken from the first naming predicate it uses (see :mod:`kg.labels`); that
predicate must have one value per language. More than one (two
``skos:prefLabel`` in English, say) or none at all is an error.
"""

from __future__ import annotations

from kg.dataset import KGDataset
from kg.labels import LABEL_PREDICATES, label_values
from kg.namespaces import shorten
from kg.report import Problem
from kg.validation.locate import find_term


def entities(dataset: KGDataset) -> dict[str, str]:
    """IRIs typed in the facts, each with the first graph that types it."""
    return dataset.first_graphs("?e a ?c FILTER isIRI(?e)", "e")


def label_counts(dataset: KGDataset) -> dict[str, dict[tuple[str, str], int]]:
    """For every entity of the facts: how many values each naming predicate has, per language.

    Two scans (the typed IRIs, then every naming value in the facts) counted
    in Python: at a million triples a second, where one aggregate query over
    both took twice that and a hundred megabytes more. Entities with no label
    map to an empty dict.
    """
    if not dataset.graphs("triples"):
        return {}
    typed = dataset.in_facts("?e a ?c FILTER isIRI(?e)")
    counts: dict[str, dict[tuple[str, str], int]] = {
        row[0].value: {} for row in dataset.query(f"SELECT DISTINCT ?e WHERE {{ {typed} }}")
    }
    predicates = " ".join(f"<{p}>" for p in LABEL_PREDICATES)
    named = dataset.in_facts(f"VALUES ?p {{ {predicates} }} ?e ?p ?l FILTER isLiteral(?l)")
    for entity, predicate, label in dataset.query(f"SELECT DISTINCT ?e ?p ?l WHERE {{ {named} }}"):
        found = counts.get(entity.value)
        if found is not None:
            key = (predicate.value, label.language or "")
            found[key] = found.get(key, 0) + 1
    return counts


def check_labels(dataset: KGDataset) -> list[Problem]:
    """Report entities with no label or with several preferred labels."""
    faults: dict[str, str] = {}
    for iri, counts in label_counts(dataset).items():
        if not counts:
            faults[iri] = "none"
            continue
        preferred = min((p for p, _lang in counts), key=LABEL_PREDICATES.index)
        if any(n > 1 for (p, _lang), n in counts.items() if p == preferred):
            faults[iri] = "several"
    if not faults:
        return []
    values = label_values(dataset, sorted(faults))
    listed = " ".join(f"<{i}>" for i in sorted(faults))
    typed = dataset.first_graphs(f"VALUES ?e {{ {listed} }} ?e a ?c", "e")
    problems = []
    for iri in sorted(faults, key=lambda i: (typed.get(i, ""), i)):
        entries = values.get(iri, [])
        if faults[iri] == "none":
            message = f"{shorten(iri, dataset.prefixes)} has no label"
            hint = "give it one skos:prefLabel"
        else:
            predicate = entries[0][0]
            by_lang: dict[str, list[str]] = {}
            for pred, lang, text in entries:
                if pred == predicate:
                    by_lang.setdefault(lang, []).append(text)
            lang, texts = next((k, v) for k, v in sorted(by_lang.items()) if len(v) > 1)
            shown = ", ".join(repr(t) for t in texts)
            tag = f" in language '{lang}'" if lang else ""
            message = (
                f"{shorten(iri, dataset.prefixes)} has {len(texts)} preferred labels "
                f"({shorten(predicate, dataset.prefixes)}{tag}): {shown}"
            )
            hint = "keep one as skos:prefLabel and make the others skos:altLabel"
        source = dataset.source_of_graph(typed.get(iri, ""))
        found = find_term(source.path, iri) if source else None
        problems.append(
            Problem(
                "labels",
                message,
                file=source.display if source else typed.get(iri),
                line=found[0] if found else None,
                column=found[1] if found else None,
                subject=shorten(iri, dataset.prefixes),
                hint=hint,
                group="no label" if faults[iri] == "none" else "several preferred labels",
            )
        )
    return problems
