"""Integrity of the shipped graph: provenance, aliases, numbers, validity.

Checks that every article must pass run on ``shipped`` (every file, so also an
article added after the seed five); what the seed articles state runs on ``seed``.
"""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from kg.commands import main
from tests.content.conftest import ROOT, SEED_FILES, select

ARTICLE_GRAPHS = (
    "SELECT DISTINCT ?g ?article ?file WHERE { GRAPH ?g { ?article a schema:NewsArticle ;"
    " kg:corpusFile ?file } }"
)


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_shipped_graph_validates(monkeypatch):
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(main, ["validate"])
    assert result.exit_code == 0, result.output
    assert "syntax, vocabulary, shacl, labels" in result.stdout


def test_every_article_has_its_own_graph_and_contributes_facts(shipped):
    rows = select(shipped, ARTICLE_GRAPHS)
    corpus = sorted(p.name for p in (ROOT / "corpus").glob("*.txt"))
    assert sorted(Path(r["file"]).name for r in rows) == corpus
    assert len({r["g"] for r in rows}) == len(corpus)
    assert {r["file"] for r in rows} >= set(SEED_FILES)
    for row in rows:
        if row["file"] not in SEED_FILES:
            continue  # a new article may be short; the seed five each state this much
        count = select(
            shipped,
            f"SELECT (COUNT(*) AS ?n) (COUNT(DISTINCT ?e) AS ?ev) WHERE {{ GRAPH <{row['g']}> "
            f"{{ ?s ?p ?o OPTIONAL {{ ?s kg:evidence ?e }} }} }}",
        )[0]
        assert int(count["n"]) >= 50, row
        assert int(count["ev"]) >= 5, row


def test_corpus_copy_matches_shared_corpus():
    shared = ROOT.parent / "shared" / "corpus"
    if not shared.is_dir():  # the repository's copy is the reference when shared/ is absent
        shared = ROOT / "corpus"
    for path in sorted(shared.glob("*.txt")):
        assert (ROOT / "corpus" / path.name).read_bytes() == path.read_bytes()


def test_every_entity_appears_in_an_article_graph(shipped):
    rows = select(
        shipped,
        "SELECT DISTINCT ?e WHERE { GRAPH ?facts { ?e a ?c }"
        " FILTER(isIRI(?e) && STRSTARTS(STR(?facts), 'urn:kg:triples:')) FILTER NOT EXISTS {"
        " GRAPH ?g { ?article a schema:NewsArticle } GRAPH ?g { { ?e ?p ?o } UNION { ?s ?p ?e } } } }",
    )
    assert rows == []


def test_every_supporting_sentence_is_verbatim_in_its_article(shipped):
    rows = select(
        shipped,
        "SELECT ?s ?e ?file WHERE { GRAPH ?g { ?s kg:evidence ?e } GRAPH ?g { ?a kg:corpusFile ?file } }",
    )
    assert len([r for r in rows if r["file"] in SEED_FILES]) >= 130
    texts = {}
    for row in rows:
        text = texts.setdefault(row["file"], _norm((ROOT / row["file"]).read_text("utf-8")))
        assert _norm(row["e"]) in text, (row["s"], row["e"])


def test_evidence_only_in_article_graphs(shipped):
    rows = select(
        shipped,
        "SELECT ?s WHERE { GRAPH ?g { ?s kg:evidence ?e } FILTER NOT EXISTS { GRAPH ?g"
        " { ?a a schema:NewsArticle } } }",
    )
    assert rows == []


def test_key_facts_carry_a_supporting_sentence(shipped):
    rows = select(
        shipped,
        "SELECT ?s ?c WHERE { VALUES ?c { schema:Event kg:Agreement schema:MonetaryAmount"
        " kg:Statistic kg:Target org:Membership kg:Statement kg:PartnershipLevel }"
        " ?s a/rdfs:subClassOf* ?c FILTER NOT EXISTS { ?s kg:evidence ?e } }",
    )
    assert rows == []


def test_every_alias_resolves_to_one_entity(shipped):
    rows = select(
        shipped,
        "SELECT ?alias (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e skos:altLabel ?alias ."
        " ?x skos:prefLabel|skos:altLabel ?alias } GROUP BY ?alias",
    )
    assert rows, "no aliases at all"
    clashes = [r for r in rows if int(r["n"]) != 1]
    assert clashes == []


def test_name_variants_resolve_to_the_right_person(seed):
    expected = {
        "Fan Mingzheng": "Pham Minh Chinh",
        "Fan Mingqing": "Pham Minh Chinh",
        "Nguyen Hui Dung": "Nguyen Huy Dung",
        "Nguyen Hue Dong": "Nguyen Huy Dung",
        "Ruan Huidong": "Nguyen Huy Dung",
        "Nishimura Yasutosh": "Nishimura Yasutoshi",
        "Nguyên Thi Bich Ngoc": "Nguyen Thi Bich Ngoc",
    }
    for alias, name in expected.items():
        rows = select(seed, f'SELECT ?n WHERE {{ ?e skos:altLabel "{alias}" ; skos:prefLabel ?n }}')
        assert rows == [{"n": name}], alias


def test_each_alias_is_stated_where_its_spelling_appears(shipped):
    rows = select(
        shipped,
        "SELECT ?alias ?file WHERE { GRAPH ?g { ?e skos:altLabel ?alias } GRAPH ?g"
        " { ?a kg:corpusFile ?file } }",
    )
    for row in rows:
        text = _norm((ROOT / row["file"]).read_text("utf-8")).lower()
        assert row["alias"].lower() in text, row


def test_counts_and_percentages_are_numbers(shipped):
    rows = select(
        shipped,
        "SELECT ?s ?p ?v WHERE { VALUES ?p { kg:value kg:upperValue kg:documentCount"
        " kg:projectCount kg:order schema:value }"
        " ?s ?p ?v FILTER(datatype(?v) NOT IN (xsd:integer, xsd:decimal)) }",
    )
    assert rows == []


def test_inferred_values_carry_a_reason_and_can_be_filtered_out(seed):
    inferred = select(
        seed, "SELECT ?s ?note WHERE { ?s kg:inferredDate ?d ; kg:inferenceNote ?note }"
    )
    assert inferred
    stated_only = select(
        seed,
        "SELECT ?e WHERE { ?e a/rdfs:subClassOf* schema:Event ; schema:startDate ?d"
        " FILTER(datatype(?d) = xsd:date) }",
    )
    assert {r["e"].rsplit("/", 1)[-1] for r in stated_only} == {
        "meeting-digital-transformation-tokyo"
    }


def test_every_person_has_a_position_with_organisation_and_role(shipped, seed):
    rows = select(
        shipped,
        "SELECT ?p WHERE { ?p a schema:Person FILTER NOT EXISTS { ?m org:member ?p ;"
        " org:organization ?o ; org:role ?r } }",
    )
    assert rows == []
    people = select(
        seed,
        "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p a schema:Person ."
        " ?article a schema:NewsArticle ; schema:mentions ?p }",
    )
    assert int(people[0]["n"]) == 10


def test_committed_ontology_reference_is_up_to_date(seed):
    from kg.pages.reference import ontology_reference

    committed = (ROOT / "ontology" / "REFERENCE.md").read_text("utf-8")
    assert committed == ontology_reference(seed), "run: kg docs --out ontology/REFERENCE.md"
