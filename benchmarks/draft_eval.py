"""How good is ``kg draft``? Leave-one-out over the seed articles.

For each article of ``corpus/`` with a curated file in ``triples/articles/``:
copy the project without that file (so the entities only it defines are
unknown), draft the article's text against the rest, and score the draft
against the curated file:

* linking: the known entities the draft mentions (``schema:mentions``) against
  the known entities the curated file mentions: precision and recall;
* new entities: the curated file's own people, organisations and places
  found among the draft's new-entity candidates (by folded or close name);
* dates (value and precision; ``kg:inferredDate`` left out: the text does not
  give it), amounts (value and currency), statistics (value, or amount for
  money figures): recall;
* whether the draft, placed in ``triples/articles/``, passes ``kg validate``.

Usage: ``python benchmarks/draft_eval.py [PROJECT]`` (default: this repository).
Targets: linking precision >= 0.95, recall >= 0.90; dates and amounts recall
>= 0.90; statistics recall >= 0.80; every draft validates.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
from rapidfuzz import fuzz

from kg.authoring.draft import draft_article, known_positions
from kg.authoring.lookup import EntityIndex, _is_named_iri_classes, fold
from kg.data.dataset import load_dataset
from kg.validation import validate

KG = "https://kg.example.org/ontology#"
SCHEMA = "https://schema.org/"
XSD = "http://www.w3.org/2001/XMLSchema#"
DATE_TYPES = {XSD + t for t in ("date", "gYearMonth", "gYear", "gMonthDay", "gMonth")}
TARGETS = {"precision": 0.95, "recall": 0.90, "dates": 0.90, "amounts": 0.90, "statistics": 0.80}


def facts(store: ox.Store, article_iri: str) -> dict[str, set]:
    """What a file states, in the terms scored."""
    q = store.query

    def values(sparql: str) -> list:
        return list(q(sparql))

    mentions = {
        r[0].value for r in values(f"SELECT ?e WHERE {{ <{article_iri}> <{SCHEMA}mentions> ?e }}")
    }
    dates = set()
    for quad in store:
        o = quad.object
        if (
            isinstance(o, ox.Literal)
            and o.datatype.value in DATE_TYPES
            and quad.predicate.value != KG + "inferredDate"
        ):
            dates.add((o.value, o.datatype.value[len(XSD) :]))
    amounts = {
        (Decimal(r[0].value), r[1].value)
        for r in values(
            f"SELECT ?v ?c WHERE {{ ?a a <{SCHEMA}MonetaryAmount> ; <{SCHEMA}value> ?v ; "
            f"<{SCHEMA}currency> ?c }}"
        )
    }
    stats = set()
    for r in values(
        f"SELECT ?s ?v ?amount WHERE {{ ?s a <{KG}Statistic> OPTIONAL {{ ?s <{KG}value> ?v }} "
        f"OPTIONAL {{ ?s <{KG}amount>/<{SCHEMA}value> ?amount }} }}"
    ):
        value = r[1] or r[2]
        stats.add((r[0].value, Decimal(value.value) if value else None))
    return {"mentions": mentions, "dates": dates, "amounts": amounts, "stats": stats}


def evaluate(project: Path) -> list[dict[str, object]]:
    rows = []
    for curated in sorted((project / "triples" / "articles").glob("*.ttl")):
        text_file = project / "corpus" / (curated.stem + ".txt")
        if not text_file.exists():
            continue
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp) / "project"
            shutil.copytree(project / "ontology", root / "ontology")
            shutil.copytree(project / "triples", root / "triples")
            shutil.copytree(project / "corpus", root / "corpus")
            (root / "triples" / "articles" / curated.name).unlink()
            dataset = load_dataset(root / "ontology", root / "triples")
            index = EntityIndex.from_dataset(dataset)
            # Linking is scored on the named kinds the drafter links by name:
            # people, organisations, places. Events, statements and positions
            # another article defines are counted apart (all_recall).
            every = set(index.entities)
            known = {i for i, e in index.entities.items() if _is_named_iri_classes(e.classes)}
            corpus_file = f"corpus/{text_file.name}"
            draft = draft_article(
                text_file.read_text(encoding="utf-8"),
                corpus_file,
                index,
                positions=known_positions(dataset),
            )
            target = root / "triples" / "articles" / curated.name
            target.write_text(draft, encoding="utf-8")
            report = validate(load_dataset(root / "ontology", root / "triples"))
            in_draft = [p for p in report.errors if p.file and p.file.endswith(curated.name)]
            others = [p for p in report.errors if p not in in_draft]
        cur_store, draft_store = ox.Store(), ox.Store()
        cur_store.bulk_load(path=str(curated), format=ox.RdfFormat.TURTLE)
        draft_store.load(draft.encode(), ox.RdfFormat.TURTLE)
        article = next(
            q.subject.value
            for q in cur_store.quads_for_pattern(None, ox.NamedNode(KG + "corpusFile"), None, None)
        )
        cur, dra = facts(cur_store, article), facts(draft_store, article)
        all_wanted = cur["mentions"] & every
        wanted = cur["mentions"] & known
        got = dra["mentions"] & known
        hit = wanted & got
        # new entities: the curated file's own named entities, by name
        own = [
            (r[0].value, r[1].value)
            for r in cur_store.query(
                "SELECT ?e ?l WHERE { ?e a ?c ; <http://www.w3.org/2004/02/skos/core#prefLabel> ?l }"
            )
            if r[0].value not in known
            and _is_named_iri_classes(
                [
                    q.object.value
                    for q in cur_store.quads_for_pattern(
                        r[0],
                        ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                        None,
                        None,
                    )
                ]
            )
        ]
        candidates = [
            fold(r[0].value)
            for r in draft_store.query(
                "SELECT ?l WHERE { ?e a ?c ; <http://www.w3.org/2004/02/skos/core#prefLabel> ?l "
                "FILTER(?c IN (<https://schema.org/Person>, <http://www.w3.org/ns/org#Organization>, "
                "<https://schema.org/Place>)) }"
            )
        ]
        found_new = sum(
            1
            for _iri, label in own
            if any(fuzz.token_set_ratio(fold(label), c) >= 85 for c in candidates)
        )
        draft_values = {v for _s, v in dra["stats"]} | {a for a, _c in dra["amounts"]}
        stat_hits = sum(1 for _s, v in cur["stats"] if v is not None and v in draft_values)
        rows.append(
            {
                "article": curated.stem[:3],
                "precision": len(hit) / len(got) if got else 1.0,
                "recall": len(hit) / len(wanted) if wanted else 1.0,
                "linked": f"{len(hit)}/{len(got)}/{len(wanted)}",
                "all_recall": (len(hit), len(all_wanted)),
                "missed": sorted(i.rsplit("/", 1)[-1] for i in wanted - got),
                "wrong": sorted(i.rsplit("/", 1)[-1] for i in got - wanted),
                "new": (found_new, len(own)),
                "dates": (len(cur["dates"] & dra["dates"]), len(cur["dates"])),
                "amounts": (len(cur["amounts"] & dra["amounts"]), len(cur["amounts"])),
                "statistics": (stat_hits, len(cur["stats"])),
                "valid": not in_draft,
                "other_errors": len(others),
                "missed_dates": sorted(cur["dates"] - dra["dates"]),
            }
        )
    return rows


def _ratio(pair: tuple[int, int]) -> str:
    found, total = pair
    return f"{found}/{total}" if total else "-"


def main(project: Path) -> int:
    rows = evaluate(project)
    head = f"{'article':8} {'link P':>7} {'link R':>7} {'new':>6} {'dates':>6} {'amounts':>8} {'stats':>6}  valid"
    print(head)
    print("-" * len(head))
    for r in rows:
        print(
            f"{r['article']:8} {r['precision']:7.2f} {r['recall']:7.2f} {_ratio(r['new']):>6} "
            f"{_ratio(r['dates']):>6} {_ratio(r['amounts']):>8} {_ratio(r['statistics']):>6}  "
            f"{'yes' if r['valid'] else 'NO'}"
        )
    total: dict[str, tuple[int, int]] = {}
    for key in ("new", "dates", "amounts", "statistics"):
        total[key] = (sum(r[key][0] for r in rows), sum(r[key][1] for r in rows))
    hit = sum(int(str(r["linked"]).split("/")[0]) for r in rows)
    got = sum(int(str(r["linked"]).split("/")[1]) for r in rows)
    wanted = sum(int(str(r["linked"]).split("/")[2]) for r in rows)
    precision, recall = hit / got if got else 1.0, hit / wanted if wanted else 1.0
    valid = sum(1 for r in rows if r["valid"])
    all_hit = sum(r["all_recall"][0] for r in rows)
    all_wanted = sum(r["all_recall"][1] for r in rows)
    print("-" * len(head))
    print(
        f"{'total':8} {precision:7.2f} {recall:7.2f} {_ratio(total['new']):>6} "
        f"{_ratio(total['dates']):>6} {_ratio(total['amounts']):>8} {_ratio(total['statistics']):>6}  "
        f"{valid}/{len(rows)}"
    )
    print(
        f"(linking scored on people, organisations and places; recall over every known "
        f"entity the curated files mention, events and statements included: "
        f"{all_hit}/{all_wanted} = {all_hit / max(all_wanted, 1):.2f})"
    )
    print()
    for r in rows:
        if r["missed"] or r["wrong"] or r["missed_dates"]:
            print(
                f"{r['article']}: missed {', '.join(r['missed']) or '-'}; wrongly linked "
                f"{', '.join(r['wrong']) or '-'}; dates missed {r['missed_dates'] or '-'}"
            )
        if r["other_errors"]:
            print(
                f"{r['article']}: {r['other_errors']} errors outside the draft (left-out entities)"
            )

    def rate(pair: tuple[int, int]) -> float:
        return pair[0] / pair[1] if pair[1] else 1.0

    met = {
        "linking precision": precision >= TARGETS["precision"],
        "linking recall": recall >= TARGETS["recall"],
        "dates recall": rate(total["dates"]) >= TARGETS["dates"],
        "amounts recall": rate(total["amounts"]) >= TARGETS["amounts"],
        "statistics recall": rate(total["statistics"]) >= TARGETS["statistics"],
        "every draft validates": valid == len(rows),
    }
    print()
    for name, ok in met.items():
        print(f"{name:24} {'met' if ok else 'NOT met'}")
    return 0 if all(met.values()) else 1


if __name__ == "__main__":
    sys.exit(
        main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent)
    )
