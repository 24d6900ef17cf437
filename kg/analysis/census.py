"""The RDF census of a dataset: what it holds, counted by SPARQL on the store."""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path

from kg.data.dataset import KGDataset
from kg.data.labels import LABEL_PREDICATES
from kg.data.namespaces import shorten

#: Part of the census cache's key: bump it when the census's content changes.
CENSUS_FORMAT = 1


def saved_census(build_dir: Path) -> dict[str, object] | None:
    """The census kept beside a current build in ``census.json``, if it is that build's.

    Keyed like the edge list's cache (:func:`kg.analysis.edgelist.cache_key`), by
    the build's manifest and :data:`CENSUS_FORMAT`: a second ``kg stats`` on the same
    build reads it instead of scanning the store (at 4.28 M quads the census took
    20 s). None when there is none, or it is another build's.
    """
    key = _census_key(build_dir)
    with contextlib.suppress(OSError, ValueError):
        saved = json.loads((build_dir / CENSUS_FILE).read_text(encoding="utf-8"))
        if key is not None and isinstance(saved, dict) and saved.get("key") == key:
            return saved["census"]
    return None


def save_census(build_dir: Path, census: dict[str, object]) -> None:
    """Keep ``census`` beside the build (written whole or not at all; a read-only build
    is left alone)."""
    key = _census_key(build_dir)
    if key is None:
        return
    path = build_dir / CENSUS_FILE
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with contextlib.suppress(OSError):
        temporary.write_text(json.dumps({"key": key, "census": census}), encoding="utf-8")
        os.replace(temporary, path)


def _census_key(build_dir: Path) -> str | None:
    from kg.analysis.edgelist import cache_key

    return cache_key(build_dir, {"census": CENSUS_FORMAT})


#: Where :func:`save_census` keeps the census, in the build's folder.
CENSUS_FILE = "census.json"


def rdf_census(dataset: KGDataset) -> dict[str, object]:
    """Triples in total and per named graph, classes, predicates, literal datatypes, unlabelled entities.

    Counts cover the facts (the ``triples`` graphs), except the per-graph list,
    which covers every graph, and ``ontology``, which counts the ontology's
    classes, properties and shapes apart (so that ``owl:Class`` is not counted
    beside the facts' people and events).
    """
    facts = set(dataset.graphs("triples"))
    p = dataset.prefixes
    # The census runs in a thread beside the measures: every query fetches its rows
    # in one call (KGDataset.select_values), and the big scans return few rows.
    per_graph = {
        g: int(n)
        for g, n in dataset.select_values(
            "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
        )
    }
    graphs = []
    for graph in sorted(per_graph):
        source = dataset.source_of_graph(graph)
        graphs.append(
            {
                "graph": graph,
                "file": f"{source.role}/{source.relpath}" if source else None,
                "triples": per_graph[graph],
            }
        )

    def counted(found: dict[str, int], key: str) -> list[dict[str, object]]:
        result = [{key: shorten(k, p), "count": n} for k, n in found.items()]
        return sorted(result, key=lambda d: (-int(d["count"]), str(d[key])))

    predicates: dict[str, int] = {}
    datatypes: dict[str, int] = {}
    classes: dict[str, int] = {}
    unlabelled = []
    if facts:
        # predicates and literal datatypes of the facts in one scan
        for k, d, n in dataset.select_values(
            f"SELECT ?k ?d (COUNT(*) AS ?n) WHERE {{ "
            f"{dataset.in_facts('?s ?k ?o BIND(datatype(?o) AS ?d)')} }} GROUP BY ?k ?d"
        ):
            predicates[k] = predicates.get(k, 0) + int(n)
            if d is not None:
                datatypes[d] = datatypes.get(d, 0) + int(n)
        classes = {
            k: int(n)
            for k, n in dataset.select_values(
                f"SELECT ?k (COUNT(DISTINCT ?e) AS ?n) WHERE {{ {dataset.in_facts('?e a ?k')} }} "
                "GROUP BY ?k"
            )
        }
        labels = " ".join(f"<{x}>" for x in LABEL_PREDICATES)
        unlabelled = [  # MINUS: twice as fast as FILTER NOT EXISTS here, same answer
            shorten(e, p)
            for (e,) in dataset.select_values(
                f"SELECT DISTINCT ?e WHERE {{ {{ {dataset.in_facts('?e a ?c')} FILTER isIRI(?e) }} "
                f"MINUS {{ VALUES ?l {{ {labels} }} ?e ?l ?x }} }} ORDER BY ?e"
            )
        ]
    return {
        "triples": len(dataset),
        "fact_triples": sum(g["triples"] for g in graphs if g["graph"] in facts),
        "graphs": graphs,
        "classes": counted(classes, "class"),
        "predicates": counted(predicates, "predicate"),
        "literals_by_datatype": counted(datatypes, "datatype"),
        "entities_without_label": unlabelled,
        "evidence": evidence_coverage(dataset),
        "ontology": ontology_census(dataset, graphs),
    }


#: How many statements without a sentence the census names.
UNSUPPORTED_SHOWN = 20


def evidence_coverage(dataset: KGDataset) -> dict[str, object]:
    """How many statements quote a supporting sentence (``kg:evidence``).

    A statement is an instance, in the facts, of a class that a SHACL shape
    requires ``kg:evidence`` of (``sh:minCount`` 1 or more), or of a subclass of
    one: the classes come from the shapes, not from a list kept here.
    ``without`` names the first :data:`UNSUPPORTED_SHOWN` statements that have none.

    Example:
        >>> import pyoxigraph as ox
        >>> evidence_coverage(KGDataset(store=ox.Store()))
        {'classes': [], 'statements': 0, 'with_evidence': 0, 'without': []}
    """
    p = dataset.prefixes
    classes = sorted(
        c
        for (c,) in dataset.select_values(
            "SELECT DISTINCT ?c WHERE { ?shape sh:targetClass ?t ; sh:property ?p . "
            "?p sh:path kg:evidence ; sh:minCount ?m FILTER(?m >= 1) ?c rdfs:subClassOf* ?t }"
        )
    )
    result: dict[str, object] = {
        "classes": [shorten(c, p) for c in classes],
        "statements": 0,
        "with_evidence": 0,
        "without": [],
    }
    if not classes or not dataset.graphs("triples"):
        return result
    values = " ".join(f"<{c}>" for c in classes)
    statements = f"VALUES ?c {{ {values} }} {dataset.in_facts('?s a ?c')}"
    supported = dataset.in_facts("?s kg:evidence ?x", "?g2")
    ((count,),) = dataset.select_values(
        f"SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ {statements} }}"
    )
    result["statements"] = int(count)
    missing = [
        s
        for (s,) in dataset.select_values(
            f"SELECT DISTINCT ?s WHERE {{ {statements} FILTER NOT EXISTS {supported} }} ORDER BY ?s"
        )
    ]
    result["with_evidence"] = result["statements"] - len(missing)
    result["without"] = [shorten(s, p) for s in missing[:UNSUPPORTED_SHOWN]]
    return result


_ONTOLOGY_KINDS = {
    "classes": "owl:Class rdfs:Class",
    "properties": "owl:ObjectProperty owl:DatatypeProperty owl:AnnotationProperty rdf:Property",
    "shapes": "sh:NodeShape sh:PropertyShape",
}


def ontology_census(dataset: KGDataset, graphs: list[dict[str, object]]) -> dict[str, int]:
    """The ontology's triples, and its classes, properties and SHACL shapes (named ones)."""
    ontology = dataset.graphs("ontology")
    found = {"triples": sum(int(g["triples"]) for g in graphs if g["graph"] in set(ontology))}
    for key, kinds in _ONTOLOGY_KINDS.items():
        if not ontology:
            found[key] = 0
            continue
        ((count,),) = dataset.select_values(
            f"SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE {{ VALUES ?k {{ {kinds} }} ?e a ?k "
            "FILTER isIRI(?e) }",
            ontology,
        )
        found[key] = int(count)
    return found
