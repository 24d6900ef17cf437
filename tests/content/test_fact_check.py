"""What the fact-check of issue 17 found wrong in triples/, each pinned so it cannot come back.

One test (or more) per defect, then the facts it found missing, then the rule that
every statement is quoted from its own article. Tests of what the seed articles
state run on ``seed``; rules every article must follow run on ``shipped``.
"""

from __future__ import annotations

import re
from decimal import Decimal

from tests.content.conftest import ROOT, select, values

#: Classes whose every instance needs a kg:evidence sentence from its article.
STATEMENT_CLASSES = (
    "schema:Event",
    "kg:Agreement",
    "kg:Statement",
    "kg:Statistic",
    "kg:Target",
    "schema:MonetaryAmount",
    "org:Membership",
    "kg:PartnershipLevel",
)

#: Predicates that say what a shared entity is; anything else in entities.ttl is
#: something an article states, and belongs in that article's graph.
DEFINING = {
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#type",
    "http://www.w3.org/2004/02/skos/core#prefLabel",
    "http://www.w3.org/2004/02/skos/core#altLabel",
    "http://www.w3.org/2004/02/skos/core#editorialNote",
    "http://www.w3.org/2004/02/skos/core#broader",
    "https://kg.example.org/ontology#country",
}

ENTITIES_GRAPH = "urn:kg:triples:entities.ttl"


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def evidence_by_file(dataset, node: str) -> dict[str, set[str]]:
    """The evidence sentences of ``node`` (a prefixed name), by corpus file prefix (corpus/00N)."""
    rows = select(
        dataset,
        f"SELECT ?e ?file WHERE {{ GRAPH ?g {{ {node} kg:evidence ?e }}"
        " GRAPH ?g { ?a kg:corpusFile ?file } }",
    )
    found: dict[str, set[str]] = {}
    for r in rows:
        found.setdefault(r["file"][:10], set()).add(r["e"])
    return found


def files_stating(dataset, pattern: str) -> set[str]:
    """Corpus file prefixes of the article graphs in which ``pattern`` (a triple pattern) is stated."""
    return {
        f[:10]
        for f in values(
            dataset,
            f"SELECT ?file WHERE {{ GRAPH ?g {{ {pattern} }} GRAPH ?g {{ ?a kg:corpusFile ?file }} }}",
            "file",
        )
    }


# ------------------------------------------------------------------ 1. the visit's start date


def test_1_kishida_visit_has_no_start_date_only_what_is_stated(seed):
    visit = "kgr:visit-kishida-to-vietnam"
    assert not values(seed, f"SELECT ?d WHERE {{ {visit} schema:startDate ?d }}", "d")
    assert not values(seed, f"SELECT ?d WHERE {{ {visit} kg:inferredDate ?d }}", "d")
    assert values(seed, f"SELECT ?d WHERE {{ {visit} schema:duration ?d }}", "d") == {"P2D"}
    assert files_stating(seed, f"{visit} schema:duration ?d") == {"corpus/001"}
    assert any("two-day visit" in e for e in evidence_by_file(seed, visit)["corpus/001"])
    # the date that is stated is the seminar's (and the talks'), within the visit
    assert values(
        seed,
        "SELECT ?d WHERE { kgr:seminar-innovation-digital-supply-chains schema:startDate ?d ;"
        f" schema:superEvent {visit} }}",
        "d",
    ) == {"--05-01"}


def test_1_no_event_date_without_a_sentence_that_gives_it(shipped):
    """An event's stated month and day occur in one of its own evidence sentences."""
    months = "January February March April May June July August September October November December"
    rows = select(
        shipped,
        "SELECT ?e ?d WHERE { ?e schema:startDate ?d FILTER(datatype(?d) IN (xsd:gMonthDay, xsd:date)) }",
    )
    assert rows
    for row in rows:
        month, day = row["d"][-5:].split("-")
        name = months.split()[int(month) - 1]
        evidence = values(shipped, f"SELECT ?t WHERE {{ <{row['e']}> kg:evidence ?t }}", "t")
        assert any(f"{name} {int(day)}" in e for e in evidence), row


# ------------------------------------------------------------------ 2. unsupported links


def test_2_data_portal_and_sector_database_are_not_part_of_the_plan(shipped):
    for node in ("kgr:national-data-portal", "kgr:key-economic-sector-database"):
        assert not values(shipped, f"SELECT ?w WHERE {{ {node} kg:partOf ?w }}", "w"), node
        # what is stated: the government launched them
        assert values(shipped, f"SELECT ?b WHERE {{ {node} kg:launchedBy ?b }}", "b") == {
            "https://kg.example.org/id/government-of-vietnam"
        }


def test_2_every_part_of_link_is_stated_by_its_evidence(seed):
    """A kg:partOf link is stated in a graph where the part has evidence naming the whole's kind."""
    rows = select(
        seed,
        "SELECT ?part ?whole ?file WHERE { GRAPH ?g { ?part kg:partOf ?whole }"
        " GRAPH ?g { ?a kg:corpusFile ?file } }",
    )
    assert rows
    for row in rows:
        evidence = values(
            seed,
            f"SELECT ?t WHERE {{ GRAPH ?g {{ <{row['part']}> kg:evidence ?t }}"
            f" GRAPH ?g {{ ?a kg:corpusFile '{row['file']}' }} }}",
            "t",
        )
        assert any(re.search(r"\b(phase|Initiative|initiative)\b", e) for e in evidence), row


# ------------------------------------------------------------------ 3. evidence that states its fact


def test_3_kishida_looks_forward_to_working_with_chinh_only_where_said(seed):
    node = "kgr:proposal-kishida-stronger-relationship"
    evidence = evidence_by_file(seed, node)
    assert set(evidence) == {"corpus/000"}
    assert any(
        "I look forward to working with Prime Minister Pham Minh Chinh" in e
        for e in evidence["corpus/000"]
    )
    assert not any("unlimited" in e or "no limit" in e for e in evidence["corpus/000"])
    mentioned_by = files_stating(seed, f"?a schema:mentions {node}")
    assert mentioned_by == {"corpus/000"}  # article 001 never says it


def test_3_trade_procedures_come_from_000_only(seed):
    node = "kgr:proposal-japan-economic-issues-digital-transformation"
    evidence = evidence_by_file(seed, node)
    assert set(evidence) == {"corpus/000", "corpus/001"}
    assert all("trade procedures" in e for e in evidence["corpus/000"])
    assert not any("trade" in e for e in evidence["corpus/001"])
    assert files_stating(seed, f"{node} kg:topic kgr:topic-trade") == {"corpus/000"}
    assert files_stating(seed, f"{node} schema:description ?d") == {"corpus/000"}


def test_3_biggest_oda_provider_is_not_largest_concessional_loans(seed):
    provider = evidence_by_file(seed, "kgr:stat-japan-oda-rank")
    assert set(provider) == {"corpus/001"}
    assert all(
        "biggest official development assistance (ODA) provider" in e
        for e in provider["corpus/001"]
    )
    loans = evidence_by_file(seed, "kgr:stat-japan-oda-loans-rank")
    assert set(loans) == {"corpus/002"}
    assert all("largest ODA concessional loans" in e for e in loans["corpus/002"])


def _spellings(value: Decimal) -> set[str]:
    """Ways an article may write a number: 92, 70,000, 67.5, 1 million, 2,980 billion."""
    found = {f"{value:f}".rstrip("0").rstrip(".") if "." in f"{value:f}" else f"{value:f}"}
    if value == value.to_integral_value():
        found.add(f"{int(value):,}")
    for word, scale in (("billion", 10**9), ("million", 10**6)):
        if value >= scale:
            scaled = value / scale
            text = f"{scaled:f}".rstrip("0").rstrip(".") if "." in f"{scaled:f}" else f"{scaled:f}"
            if scaled == scaled.to_integral_value():
                found.add(f"{int(scaled):,} {word}")
            found.add(f"{text} {word}")
    return found


def test_3_every_figure_occurs_in_each_of_its_sentences(shipped):
    """Statistics, targets and amounts: the number occurs in every evidence sentence.

    Ranks are words ("biggest", "third largest") and are checked by the tests above.
    """
    rows = select(
        shipped,
        "SELECT ?s ?v ?e WHERE { { ?s a kg:Statistic } UNION { ?s a kg:Target } ?s kg:value ?v ;"
        " kg:evidence ?e FILTER NOT EXISTS { ?s kg:unit 'rank' } }",
    )
    rows += select(
        shipped,
        "SELECT ?s ?v ?e WHERE { ?s a schema:MonetaryAmount ; schema:value ?v ; kg:evidence ?e }",
    )
    assert len(rows) >= 20
    for row in rows:
        # "US$14 billion" is 14 billion; "2-2.5 million" starts at 2 million
        sentence = re.sub(r"(\d)-[\d.]+", r"\1", row["e"].replace("US$", ""))
        assert any(s in sentence for s in _spellings(Decimal(row["v"]))), row


# ------------------------------------------------------------------ 4. article facts in entities.ttl


def test_4_entities_ttl_only_says_what_shared_entities_are(shipped):
    rows = select(
        shipped, f"SELECT DISTINCT ?p WHERE {{ GRAPH <{ENTITIES_GRAPH}> {{ ?s ?p ?o }} }}"
    )
    assert rows
    assert {r["p"] for r in rows} <= DEFINING


def test_4_shared_facts_are_stated_in_the_articles_that_state_them(seed):
    target = "kgr:target-vietnam-high-income-2045"
    for prop in ("kg:targetYear", "kg:measure", "kg:about"):
        assert files_stating(seed, f"{target} {prop} ?x") == {"corpus/002", "corpus/004"}, prop
    assert files_stating(seed, "kgr:vietnam-japan-partnership kg:between ?x") == {
        "corpus/001",
        "corpus/004",
    }
    assert files_stating(seed, "kgr:stat-japan-oda-rank kg:value 1") == {"corpus/001"}


# ------------------------------------------------------------------ 5. partnership levels


def test_5_partnership_levels_are_ordered_states_each_with_its_article(shipped, seed):
    # no level hangs on the partnership itself: a query cannot find two current levels
    assert not select(shipped, "SELECT ?l WHERE { ?p a kg:Partnership ; kg:level ?l }")
    rows = select(
        shipped,
        "SELECT ?p ?level ?order WHERE { ?level a kg:PartnershipLevel ; kg:levelOf ?p ; kg:order ?order }",
    )
    by_partnership: dict[str, list[int]] = {}
    for r in rows:
        by_partnership.setdefault(r["p"], []).append(int(r["order"]))
    for orders in by_partnership.values():
        assert len(orders) == len(set(orders))  # one level per place in the order
    raised = select(
        shipped,
        "SELECT ?o1 ?o2 WHERE { ?l2 kg:previousLevel ?l1 ; kg:order ?o2 . ?l1 kg:order ?o1 }",
    )
    assert raised and all(int(r["o1"]) < int(r["o2"]) for r in raised)
    (current,) = select(
        seed,
        "SELECT ?name WHERE { ?l kg:levelOf kgr:vietnam-japan-partnership ; kg:level ?name ; kg:order ?o"
        " FILTER NOT EXISTS { ?m kg:levelOf kgr:vietnam-japan-partnership ; kg:order ?o2 FILTER(?o2 > ?o) } }",
    )
    assert current["name"] == "Global strategic partnership"
    for level, file in (
        ("kgr:partnership-level-extensive-strategic", "corpus/001"),
        ("kgr:partnership-level-global-strategic", "corpus/004"),
    ):
        assert files_stating(seed, f"{level} kg:level ?n") == {file}
        assert set(evidence_by_file(seed, level)) == {file}
    # the order across articles is an inference, and says so
    assert values(
        seed, "SELECT ?n WHERE { kgr:partnership-level-global-strategic kg:inferenceNote ?n }", "n"
    )


# ------------------------------------------------------------------ 6. parties of the 22 documents


def test_6_22_documents_are_between_ministries_departments_localities_and_businesses(seed):
    parties = values(
        seed, "SELECT ?l WHERE { kgr:cooperation-documents-22 kg:party/skos:prefLabel ?l }", "l"
    )
    assert parties == {
        "Vietnamese ministries and departments",
        "Japanese ministries and departments",
        "Vietnamese localities",
        "Japanese localities",
        "Vietnamese businesses",
        "Japanese businesses",
    }
    countries = values(
        seed,
        "SELECT ?c WHERE { kgr:cooperation-documents-22 kg:party/kg:country/skos:prefLabel ?c }",
        "c",
    )
    assert countries == {"Vietnam", "Japan"}


# ------------------------------------------------------------------ 7. the visa item


def test_7_visa_item_is_japans_consideration_not_a_proposal(seed):
    rows = select(
        seed,
        "SELECT ?s ?type ?status WHERE { ?s kg:topic kgr:topic-visas ; a ?type ; kg:status ?status"
        " FILTER(?type != owl:NamedIndividual) }",
    )
    assert {
        (r["s"].rsplit("/", 1)[-1], r["type"].rsplit("#", 1)[-1], r["status"]) for r in rows
    } == {("intention-japan-visa-simplification", "Intention", "under consideration")}
    assert not select(seed, "SELECT ?s WHERE { ?s a kg:Proposal ; kg:topic kgr:topic-visas }")


# ------------------------------------------------------------------ 8. CPTPP


def test_8_cptpp_is_a_trade_agreement(seed):
    types = values(seed, "SELECT ?t WHERE { kgr:cptpp a ?t }", "t")
    assert types == {"https://kg.example.org/ontology#TradeAgreement"}
    assert not values(
        seed,
        "SELECT ?c WHERE { kgr:cptpp a/rdfs:subClassOf* ?c FILTER(?c = org:Organization) }",
        "c",
    )


# ------------------------------------------------------------------ 9. label rules


def test_9_a_name_not_spelt_so_in_any_article_says_why(shipped):
    """People, organisations, places and sites: the preferred label is written so (case and
    spacing aside, diacritics kept) in some article, or a skos:editorialNote explains it."""
    corpus = " ".join(
        _norm(p.read_text("utf-8")).lower() for p in sorted((ROOT / "corpus").glob("*.txt"))
    )
    rows = select(
        shipped,
        "SELECT DISTINCT ?e ?label WHERE { VALUES ?c { schema:Person org:Organization schema:Place"
        " schema:WebSite } ?e a/rdfs:subClassOf* ?c ; skos:prefLabel ?label"
        " FILTER NOT EXISTS { ?e skos:editorialNote ?n } }",
    )
    assert len(rows) >= 15
    unexplained = [r for r in rows if _norm(r["label"]).lower() not in corpus]
    assert unexplained == []


def test_9_nguyen_thi_bich_ngoc_note_and_nishimura_note_are_true(seed):
    (ngoc,) = select(seed, "SELECT ?n WHERE { kgr:nguyen-thi-bich-ngoc skos:editorialNote ?n }")
    assert "Nguyên Thi Bich Ngoc" in ngoc["n"]
    (note,) = select(seed, "SELECT ?n WHERE { kgr:nishimura-yasutoshi skos:editorialNote ?n }")
    naming = files_stating(seed, "?a schema:mentions kgr:nishimura-yasutoshi")
    assert naming == {"corpus/002"}
    assert "Every article" not in note["n"] and "only one" in note["n"]


# ------------------------------------------------------------------ 10. the lesser ones


def test_10_congress_document_is_the_congresss_not_the_other_way(seed):
    assert not select(seed, "SELECT ?x WHERE { kgr:13th-party-congress schema:about ?x }")
    assert values(seed, "SELECT ?c WHERE { kgr:13th-congress-document kg:adoptedAt ?c }", "c") == {
        "https://kg.example.org/id/13th-party-congress"
    }


def test_10_three_oda_projects_are_projects_not_documents(seed):
    assert not select(seed, "SELECT ?n WHERE { kgr:oda-projects-may kg:documentCount ?n }")
    assert values(seed, "SELECT ?n WHERE { kgr:oda-projects-may kg:projectCount ?n }", "n") == {"3"}


def test_10_the_usd_twin_of_about_2980_billion_yen_is_approximate(seed):
    rows = select(
        seed,
        "SELECT ?a ?approx WHERE { kgr:stat-japan-oda-total kg:amount ?a . ?a kg:approximate ?approx }",
    )
    assert {r["approx"] for r in rows} == {"true"} and len(rows) == 2


def test_10_at_the_invitation_of_is_not_host(shipped):
    visit = "kgr:visit-kishida-to-vietnam"
    assert not select(shipped, f"SELECT ?h WHERE {{ {visit} kg:host ?h }}")
    assert values(shipped, f"SELECT ?h WHERE {{ {visit} kg:invitedBy ?h }}", "h") == {
        "https://kg.example.org/id/pham-minh-chinh"
    }
    # a host received someone: every kg:host's event has a sentence saying so
    for row in select(shipped, "SELECT ?e WHERE { ?e kg:host ?h }"):
        evidence = values(shipped, f"SELECT ?t WHERE {{ <{row['e']}> kg:evidence ?t }}", "t")
        assert any("received" in e or "receive" in e for e in evidence), row


def test_10_a_collective_is_not_a_company(shipped):
    rows = select(
        shipped,
        "SELECT ?e ?l WHERE { ?e a kg:Company ; skos:prefLabel ?l"
        " FILTER(REGEX(?l, '(businesses|companies|enterprises|firms)$', 'i')) }",
    )
    assert rows == []
    assert values(shipped, "SELECT ?t WHERE { kgr:japanese-businesses a ?t }", "t") == {
        "https://kg.example.org/ontology#Collective"
    }


def test_10_no_near_duplicate_topics(shipped):
    """A topic whose label ends with another topic's label is narrower and says so (skos:broader);
    'Technological innovation' was 'Innovation' twice."""
    labels = {
        r["t"]: r["l"].lower()
        for r in select(shipped, "SELECT ?t ?l WHERE { ?t a kg:Topic ; skos:prefLabel ?l }")
    }
    assert "https://kg.example.org/id/topic-technological-innovation" not in labels
    for narrow, long in labels.items():
        for wide, short in labels.items():
            if narrow != wide and long.endswith(" " + short):
                broader = values(shipped, f"SELECT ?b WHERE {{ <{narrow}> skos:broader+ ?b }}", "b")
                assert wide in broader, (long, short)


# ------------------------------------------------------------------ missing facts


def _statement(seed, node: str) -> dict[str, object]:
    (row,) = select(
        seed,
        f"SELECT ?type ?by WHERE {{ {node} a ?type ; kg:madeBy ?by FILTER(?type != owl:NamedIndividual) }}",
    )
    return {"type": row["type"].rsplit("#", 1)[-1], "by": row["by"].rsplit("/", 1)[-1]}


def test_missing_kishida_says_cooperation_is_unlimited(seed):
    node = "kgr:assessment-kishida-cooperation-unlimited"
    assert _statement(seed, node) == {"type": "Assessment", "by": "kishida-fumio"}
    evidence = evidence_by_file(seed, node)
    assert set(evidence) == {"corpus/000", "corpus/001"}
    assert any("limitless" in e for e in evidence["corpus/001"])


def test_missing_vietnams_place_in_the_global_supply_chain(seed):
    node = "kgr:assessment-vietnam-supply-chain-position"
    assert _statement(seed, node)["type"] == "Assessment"
    assert (
        "Vietnam holds an increasingly important position in the global supply chain."
        in evidence_by_file(seed, node)["corpus/000"]
    )


def test_missing_japan_first_g7_country_to_recognise_market_economy(seed):
    assert values(
        seed,
        "SELECT ?g WHERE { kgr:japan-recognises-market-economy kg:firstAmong/skos:prefLabel ?g }",
        "g",
    ) == {"G7"}


def test_missing_kishidas_first_visit_since_taking_office(seed):
    rows = select(
        seed,
        "SELECT ?date WHERE { kgr:visit-kishida-to-vietnam kg:firstSince ?post ."
        " ?post org:member kgr:kishida-fumio ; kg:dateText ?date }",
    )
    assert rows == [{"date": "took office in October last year"}]
    assert files_stating(seed, "kgr:visit-kishida-to-vietnam kg:firstSince ?p") == {"corpus/001"}


def test_missing_japan_a_leading_economic_partner(seed):
    node = "kgr:assessment-japan-leading-economic-partner"
    assert evidence_by_file(seed, node) == {
        "corpus/002": {"Japan is a leading economic partner in investment and trade."}
    }


def test_missing_mic_coordinates_national_digital_transformation(seed):
    rows = select(seed, "SELECT ?i WHERE { ?i kg:coordinator kgr:mic }")
    assert len(rows) == 1
    node = f"<{rows[0]['i']}>"
    assert any(
        "designated by the Prime Minister to coordinate" in e
        for e in evidence_by_file(seed, node)["corpus/003"]
    )


def test_missing_japan_intends_to_strengthen_its_presence(seed):
    node = "kgr:intention-japan-strengthen-presence"
    assert _statement(seed, node) == {"type": "Intention", "by": "government-of-japan"}
    assert set(evidence_by_file(seed, node)) == {"corpus/004"}


def test_missing_ishikawas_satisfaction_and_turning_point(seed):
    node = "kgr:assessment-ishikawa-turning-point"
    assert _statement(seed, node) == {"type": "Assessment", "by": "ishikawa-isamu"}
    (sentence,) = evidence_by_file(seed, node)["corpus/004"]
    assert "satisfaction" in sentence and "turning point" in sentence


def test_missing_five_axes_of_phase_one(seed):
    rows = select(
        seed,
        "SELECT ?axis ?order WHERE { ?axis kg:partOf kgr:joint-initiative-phase-1 ; kg:order ?order ;"
        " kg:evidence ?e }",
    )
    assert sorted(int(r["order"]) for r in rows) == [1, 2, 3, 4, 5]


# ------------------------------------------------------------------ a sentence for every statement


def test_every_statement_has_evidence_in_every_article_that_names_it(shipped):
    """Each event, agreement, statement, statistic, target, amount, position and partnership
    level has a kg:evidence sentence in the graph of every article that mentions it or
    states something about it."""
    classes = " ".join(STATEMENT_CLASSES)
    rows = select(
        shipped,
        f"SELECT DISTINCT ?s ?file WHERE {{ VALUES ?c {{ {classes} }} ?s a/rdfs:subClassOf* ?c ."
        " GRAPH ?g { ?a a schema:NewsArticle ; kg:corpusFile ?file . { ?a schema:mentions ?s } UNION { ?s ?p ?o } }"
        " FILTER NOT EXISTS { GRAPH ?g { ?s kg:evidence ?e } } }",
    )
    assert rows == []


def test_the_shapes_require_evidence_for_every_statement_class(shipped):
    """A shape asks for kg:evidence on each statement class, positions included, as an error."""
    rows = select(
        shipped,
        "SELECT ?c ?severity WHERE { ?shape sh:targetClass ?c ; sh:property ?p ."
        " ?p sh:path kg:evidence ; sh:minCount ?n FILTER(?n >= 1)"
        " OPTIONAL { ?p sh:severity ?severity } }",
    )
    targeted = {r["c"] for r in rows}
    warned = {r["c"] for r in rows if r.get("severity", "").endswith("#Warning")}
    assert warned == set()
    expanded = {
        c.replace("schema:", "https://schema.org/")
        .replace("kg:", "https://kg.example.org/ontology#")
        .replace("org:", "http://www.w3.org/ns/org#")
        for c in STATEMENT_CLASSES
    }
    assert expanded <= targeted


def test_statement_coverage_is_complete(shipped):
    """Statements with evidence / statements = 1 (the figure reported in the closing note)."""
    classes = " ".join(STATEMENT_CLASSES)
    (row,) = select(
        shipped,
        f"SELECT (COUNT(DISTINCT ?s) AS ?all) (COUNT(DISTINCT ?w) AS ?with) WHERE {{"
        f" VALUES ?c {{ {classes} }} ?s a/rdfs:subClassOf* ?c"
        " OPTIONAL { ?s kg:evidence ?e BIND(?s AS ?w) } }",
    )
    assert int(row["all"]) >= 80
    assert row["with"] == row["all"]
