"""A synthetic knowledge graph that conforms to kg's ontology and shapes.

Articles become named graphs (one Turtle file each); people, organisations and
topics are shared and defined once. Who takes part in events and signs
agreements is drawn from a Zipf-like law, so degrees follow a power law as in
news. Everything is seeded: the same size gives the same files.
"""

from __future__ import annotations

import random
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

PREFIXES = """@prefix kg: <https://kg.example.org/ontology#> .
@prefix kgr: <https://kg.example.org/id/> .
@prefix schema: <https://schema.org/> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""

#: The countries organisations belong to, in turn (the saved queries name these two).
COUNTRIES = ("kgr:vietnam", "kgr:japan")

#: Roughly how many triples one article file holds.
TRIPLES_PER_ARTICLE = 1000


@dataclass
class Generated:
    """Where the synthetic project was written and what it holds."""

    root: Path
    triples: int
    articles: int
    people: int


def _zipf(rng: random.Random, n: int, alpha: float = 1.2) -> int:
    """An index in [0, n), small ones far more likely (a power law)."""
    while True:
        value = int(rng.paretovariate(alpha)) - 1
        if value < n:
            return value


def generate(root: Path, triples: int, ontology: Path, seed: int = 0) -> Generated:
    """Write ``root/ontology`` (a copy of ``ontology``) and ``root/triples`` with about ``triples`` facts."""
    rng = random.Random(seed)
    if root.exists():
        shutil.rmtree(root)
    (root / "triples" / "articles").mkdir(parents=True)
    shutil.copytree(ontology, root / "ontology")
    articles = max(1, triples // TRIPLES_PER_ARTICLE)
    people = max(10, triples // 100)
    orgs = max(5, triples // 1000)
    topics = 200
    count = 0
    lines = [PREFIXES]
    lines.append('kgr:vietnam a schema:Country ; skos:prefLabel "Country VN" .')
    lines.append('kgr:japan a schema:Country ; skos:prefLabel "Country JP" .')
    count += 4
    for i in range(people):
        lines.append(
            f'kgr:p{i} a schema:Person ; skos:prefLabel "Person {i}" ; skos:altLabel "P. {i}" .'
        )
        count += 3
    for i in range(orgs):
        country = COUNTRIES[i % 2]
        lines.append(
            f'kgr:o{i} a kg:Ministry ; skos:prefLabel "Ministry {i}" ; kg:country {country} .'
        )
        count += 3
    for i in range(topics):
        lines.append(f'kgr:t{i} a kg:Topic ; skos:prefLabel "Topic {i}" .')
        count += 2
    (root / "triples" / "entities.ttl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    per_article = max(1, (triples - count) // articles)
    for a in range(articles):
        body = [PREFIXES]
        made = 0
        art = f"kgr:a{a}"
        body.append(
            f'{art} a schema:NewsArticle ; skos:prefLabel "Article {a}" ; schema:headline "Headline {a}" ; '
            f'kg:corpusFile "corpus/{a:06d}.txt" .'
        )
        made += 5
        e = 0
        while made < per_article:
            kind = rng.random()
            who = [f"kgr:p{_zipf(rng, people)}" for _ in range(rng.randint(2, 5))]
            org = f"kgr:o{_zipf(rng, orgs)}"
            topic = f"kgr:t{_zipf(rng, topics)}"
            node = f"kgr:a{a}-{e}"
            e += 1
            day = f"{rng.randint(2000, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            if kind < 0.4:
                body.append(
                    f'{node} a kg:Meeting ; skos:prefLabel "Meeting {a}-{e}" ; schema:startDate "{day}"^^xsd:date ; '
                    f"schema:attendee {', '.join(who)} ; schema:organizer {org} ; kg:topic {topic} ; "
                    f'kg:evidence "Sentence {a}-{e} states the meeting." .'
                )
                made += 7 + len(who)
                if e % 7 == 0:
                    body.append(
                        f'{node} kg:inferredDate "{day}"^^xsd:date ; '
                        f'kg:inferenceNote "The date of the article that reports it." .'
                    )
                    made += 2
            elif kind < 0.45:
                statement = ("kg:Proposal", "kg:Request", "kg:Commitment")[e % 3]
                body.append(
                    f'{node} a {statement} ; skos:prefLabel "Statement {a}-{e}" ; kg:madeBy {org} ; '
                    f'schema:description "What was said in {a}-{e}." ; kg:addressedTo kgr:o{(e + 1) % orgs} ; '
                    f"kg:madeAt kgr:a{a}-0 ; kg:topic {topic} ; "
                    f'kg:evidence "Sentence {a}-{e} states the statement." .'
                )
                made += 9
            elif kind < 0.7:
                body.append(
                    f'{node} a kg:MemorandumOfUnderstanding ; skos:prefLabel "MoU {a}-{e}" ; '
                    f"kg:signatory {', '.join(who[:2])} ; kg:party {org} ; kg:topic {topic} ; "
                    f'kg:evidence "Sentence {a}-{e} states the memorandum." .'
                )
                made += 6 + len(who[:2])
            elif kind < 0.75:
                value = rng.randint(1, 900) * 1_000_000
                body.append(
                    f'{node} a kg:Statistic ; skos:prefLabel "Statistic {a}-{e}" ; kg:measure "measure {e % 50}" ; '
                    f'kg:value {rng.randint(1, 100)} ; kg:unit "percent" ; kg:about kgr:vietnam ; '
                    f'kg:referenceYear "{rng.randint(2000, 2025)}"^^xsd:gYear ; kg:amount {node}-m ; '
                    f'kg:evidence "Sentence {a}-{e} states the figure." .\n'
                    f'{node}-m a schema:MonetaryAmount ; skos:prefLabel "{value} USD" ; '
                    f'schema:value "{value}"^^xsd:decimal ; schema:currency "USD" ; '
                    f'kg:evidence "Sentence {a}-{e} states the amount." .'
                )
                made += 15
            elif kind < 0.8:
                body.append(
                    f'{node} a kg:Target ; skos:prefLabel "Target {a}-{e}" ; kg:measure "measure {e % 50}" ; '
                    f'kg:targetYear "{rng.randint(2025, 2050)}"^^xsd:gYear ; kg:value {rng.randint(1, 100)} ; '
                    f'kg:unit "percent" ; kg:evidence "Sentence {a}-{e} states the target." .'
                )
                made += 7
            elif kind < 0.85:
                body.append(
                    f'{node} a kg:Initiative ; skos:prefLabel "Initiative {a}-{e}" ; '
                    f'kg:launchDate "{day[:4]}"^^xsd:gYear ; kg:status "ongoing" ; kg:launchedBy {org} ; '
                    f'kg:topic {topic} ; kg:evidence "Sentence {a}-{e} states the initiative." .'
                )
                made += 7
            else:
                person = who[0]
                body.append(
                    f'{node} a org:Membership ; skos:prefLabel "Post {a}-{e}" ; org:member {person} ; '
                    f'org:organization {org} ; org:role kgr:role ; kg:title "Minister" ; '
                    f'kg:evidence "Sentence {a}-{e} states the position." .'
                )
                made += 8
        shared = sorted({f"kgr:p{_zipf(rng, people)}" for _ in range(3)})
        mentioned = [f"kgr:a{a}-{i}" for i in range(min(e, 5))] + shared
        body.append(f"{art} schema:mentions {', '.join(mentioned)} .")
        made += len(mentioned)
        count += made
        (root / "triples" / "articles" / f"{a:06d}.ttl").write_text(
            "\n".join(body) + "\n", encoding="utf-8"
        )
        # The article text the evidence sentences quote (kg validate's provenance check).
        sentences = re.findall(r'kg:evidence "([^"]*)"', "\n".join(body))
        (root / "corpus").mkdir(exist_ok=True)
        (root / "corpus" / f"{a:06d}.txt").write_text(
            f"Headline {a}\n" + " ".join(sentences) + "\n", encoding="utf-8"
        )
    with open(root / "triples" / "entities.ttl", "a", encoding="utf-8") as handle:
        handle.write('kgr:role a org:Role ; skos:prefLabel "Minister" .\n')
    return Generated(root=root, triples=count + 2, articles=articles, people=people)
