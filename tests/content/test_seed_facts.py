"""Facts of the five seed articles, checked by SPARQL against the shipped graph.

Each test states what an article says and asks the graph for it: the ``seed``
fixture holds only the seed articles' graphs and the shared entities, so an article
added later cannot change these answers.
"""

from __future__ import annotations

from decimal import Decimal

from tests.content.conftest import select, values


def labels_of(seed, pattern: str) -> set[str]:
    return values(seed, f"SELECT ?l WHERE {{ {pattern} ?x skos:prefLabel ?l }}", "l")


def test_mou_on_supply_chain_disruptions_signatories_and_exchangers(seed):
    mou = "kgr:mou-supply-chain-disruptions"
    assert labels_of(seed, f"{mou} kg:signatory ?x .") == {"Nguyen Hong Dien", "Hagiuda Koichi"}
    assert labels_of(seed, f"{mou} kg:exchangedBy ?x .") == {"Tran Quoc Khanh", "Hirose Naoshi"}
    parties = labels_of(seed, f"{mou} kg:party ?x .")
    assert parties == {
        "Ministry of Industry and Trade (Vietnam)",
        "Ministry of Economy, Trade and Industry (Japan)",
    }


def test_signers_hold_the_ministerial_posts_stated(seed):
    rows = select(
        seed,
        "SELECT ?name ?role ?org WHERE { ?m a org:Membership ; org:member ?p ; org:role ?r ;"
        " org:organization ?o . ?p skos:prefLabel ?name . ?r skos:prefLabel ?role ."
        " ?o skos:prefLabel ?org . FILTER(?name IN ('Nguyen Hong Dien', 'Hagiuda Koichi')) }",
    )
    assert {(r["name"], r["role"], r["org"]) for r in rows} == {
        ("Nguyen Hong Dien", "Minister", "Ministry of Industry and Trade (Vietnam)"),
        ("Hagiuda Koichi", "Minister", "Ministry of Economy, Trade and Industry (Japan)"),
    }


def test_mid_term_review_co_chairs_place_and_date(seed):
    review = "kgr:joint-initiative-mid-term-review"
    assert labels_of(seed, f"{review} kg:chair ?x .") == {"Nguyen Thi Bich Ngoc", "Ishikawa Isamu"}
    assert labels_of(seed, f"{review} schema:location ?x .") == {"Hanoi"}
    assert values(seed, f"SELECT ?u WHERE {{ {review} kg:undated ?u }}", "u") == {"true"}
    assert not values(seed, f"SELECT ?d WHERE {{ {review} schema:startDate ?d }}", "d")


def test_tokyo_meeting_chaired_by_pham_minh_chinh_on_24_november_2021(seed):
    meeting = "kgr:meeting-digital-transformation-tokyo"
    assert labels_of(seed, f"{meeting} kg:chair ?x .") == {"Pham Minh Chinh"}
    rows = select(seed, f"SELECT ?d WHERE {{ {meeting} schema:startDate ?d }}")
    assert [r["d"] for r in rows] == ["2021-11-24"]
    assert labels_of(seed, f"{meeting} schema:location ?x .") == {"Tokyo"}
    assert {"TT", "FPT", "Ministry of Planning and Investment (Vietnam)"} <= labels_of(
        seed, f"{meeting} schema:organizer ?x ."
    )
    assert labels_of(seed, f"{meeting} schema:superEvent ?x .") == {
        "Official visit of Pham Minh Chinh to Japan"
    }


def test_seminar_organisers_and_its_year_is_marked_inferred(seed):
    seminar = "kgr:seminar-innovation-digital-supply-chains"
    assert labels_of(seed, f"{seminar} schema:organizer ?x .") == {
        "Ministry of Industry and Trade (Vietnam)",
        "Ministry of Information and Communications (Vietnam)",
        "Ministry of Economy, Trade and Industry (Japan)",
        "JETRO",
    }
    (row,) = select(
        seed,
        f"SELECT ?d ?i ?note WHERE {{ {seminar} schema:startDate ?d ; kg:inferredDate ?i ;"
        " kg:inferenceNote ?note }",
    )
    assert row["d"] == "--05-01"  # the text gives no year
    assert row["i"] == "2022-05-01"
    assert "November 2021" in row["note"]  # the reason: the visit followed Chinh's in 2021
    (talks,) = select(seed, "SELECT ?note WHERE { kgr:talks-chinh-kishida kg:inferenceNote ?note }")
    assert seminar in talks["note"]


def test_oda_projects_signed_in_may_keep_both_currencies(seed):
    rows = select(
        seed,
        "SELECT ?v ?c ?approx ?n WHERE { kgr:oda-projects-may kg:amount ?a ; kg:projectCount ?n ."
        " ?a schema:value ?v ; schema:currency ?c OPTIONAL { ?a kg:approximate ?approx } }",
    )
    assert {(Decimal(r["v"]), r["c"], r.get("approx")) for r in rows} == {
        (Decimal("61000000000"), "JPY", None),
        (Decimal("500000000"), "USD", "true"),
    }
    assert {r["n"] for r in rows} == {"3"}


def test_japan_total_oda_since_1992(seed):
    rows = select(
        seed,
        "SELECT ?v ?c ?since WHERE { kgr:stat-japan-oda-total kg:amount ?a ; kg:sinceYear ?since ."
        " ?a schema:value ?v ; schema:currency ?c }",
    )
    assert {(Decimal(r["v"]), r["c"]) for r in rows} == {
        (Decimal("2980000000000"), "JPY"),
        (Decimal("21600000000"), "USD"),
    }
    assert {r["since"] for r in rows} == {"1992"}


def test_supply_chain_projects_92_and_39_stated_by_two_articles(seed):
    rows = select(
        seed,
        "SELECT ?s ?v ?file WHERE { VALUES ?s { kgr:stat-japan-supported-supply-chain-projects-asean"
        " kgr:stat-vietnam-supply-chain-projects } ?s kg:value ?v ."
        " GRAPH ?g { ?s kg:evidence ?e } GRAPH ?g { ?a kg:corpusFile ?file } }",
    )
    by_value = {}
    for r in rows:
        by_value.setdefault(int(r["v"]), set()).add(r["file"][:10])
    assert by_value == {92: {"corpus/000", "corpus/001"}, 39: {"corpus/000", "corpus/001"}}


def test_22_cooperation_documents_witnessed_by_both_prime_ministers(seed):
    docs = "kgr:cooperation-documents-22"
    assert values(seed, f"SELECT ?n WHERE {{ {docs} kg:documentCount ?n }}", "n") == {"22"}
    assert labels_of(seed, f"{docs} kg:witnessedBy ?x .") == {"Pham Minh Chinh", "Kishida Fumio"}


def test_joint_initiative_launched_2003_with_five_axes_in_phase_one(seed):
    assert values(
        seed, "SELECT ?y WHERE { kgr:vietnam-japan-joint-initiative kg:launchDate ?y }", "y"
    ) == {"2003"}
    topics = labels_of(seed, "kgr:joint-initiative-phase-1 kg:topic ?x .")
    assert len(topics) == 6  # five axes; the second names two fields
    assert {"Green transition", "Supply chains", "Human resource training"} <= topics
    axes = select(
        seed,
        "SELECT ?order ?label WHERE { ?axis kg:partOf kgr:joint-initiative-phase-1 ;"
        " kg:order ?order ; skos:prefLabel ?label } ORDER BY ?order",
    )
    assert [int(a["order"]) for a in axes] == [1, 2, 3, 4, 5]
    assert axes[0]["label"].endswith("promoting green transition")
    assert axes[4]["label"].endswith("institutional reform to improve the investment environment")


def test_target_2045_stated_by_two_articles(seed):
    files = values(
        seed,
        "SELECT ?file WHERE { kgr:target-vietnam-high-income-2045 kg:targetYear '2045'^^xsd:gYear ."
        " GRAPH ?g { kgr:target-vietnam-high-income-2045 kg:evidence ?e } GRAPH ?g { ?a kg:corpusFile ?file } }",
        "file",
    )
    assert {f[:10] for f in files} == {"corpus/002", "corpus/004"}


def test_nishimura_meeting_and_his_proposals(seed):
    assert labels_of(
        seed, "?m a org:Membership ; org:member kgr:nishimura-yasutoshi ; org:organization ?x ."
    ) == {"Ministry of Economy, Trade and Industry (Japan)"}
    assert values(
        seed, "SELECT ?d WHERE { kgr:meeting-chinh-nishimura schema:startDate ?d }", "d"
    ) == {"--11-03"}
    topics = labels_of(seed, "?p a kg:Proposal ; kg:madeBy kgr:nishimura-yasutoshi ; kg:topic ?x .")
    assert {"Semiconductors", "Rare earths", "Artificial intelligence", "Biotechnology"} <= topics


def test_vietnam_requests_new_generation_oda_for_high_speed_railway(seed):
    rows = select(
        seed,
        "SELECT ?who ?to WHERE { kgr:request-vietnam-new-generation-oda a kg:Request ;"
        " kg:madeBy/skos:prefLabel ?who ; kg:addressedTo/skos:prefLabel ?to }",
    )
    assert rows == [{"who": "Pham Minh Chinh", "to": "Government of Japan"}]


def test_digital_economy_target_30_percent_of_gdp_by_2030(seed):
    (row,) = select(
        seed,
        "SELECT ?v ?u ?y WHERE { kgr:target-digital-economy-30-percent-gdp kg:value ?v ;"
        " kg:unit ?u ; kg:targetYear ?y }",
    )
    assert (int(row["v"]), row["u"], row["y"]) == (30, "percent", "2030")


def test_students_online_compared_with_oecd_average(seed):
    (row,) = select(
        seed,
        "SELECT ?v ?ov WHERE { kgr:stat-students-online kg:value ?v ; kg:comparedWith ?o ."
        " ?o kg:value ?ov }",
    )
    assert (Decimal(row["v"]), Decimal(row["ov"])) == (Decimal(80), Decimal("67.5"))


def test_online_public_services_doubled_from_12_to_24_percent(seed):
    (row,) = select(
        seed,
        "SELECT ?before ?after WHERE { kgr:stat-online-public-services-after-covid kg:value ?after ;"
        " kg:comparedWith/kg:value ?before }",
    )
    assert (int(row["before"]), int(row["after"])) == (12, 24)


def test_partnership_level_as_each_article_names_it(seed):
    rows = select(
        seed,
        "SELECT ?level ?order ?file WHERE { GRAPH ?g { ?l kg:levelOf kgr:vietnam-japan-partnership ;"
        " kg:level ?level ; kg:order ?order } GRAPH ?g { ?a kg:corpusFile ?file } }",
    )
    assert {(r["level"], int(r["order"]), r["file"][:10]) for r in rows} == {
        ("extensive strategic partnership", 1, "corpus/001"),
        ("Global strategic partnership", 2, "corpus/004"),
    }


def test_kishida_visit_to_vietnam_inviter_and_destination(seed):
    visit = "kgr:visit-kishida-to-vietnam"
    assert labels_of(seed, f"{visit} kg:visitor ?x .") == {"Kishida Fumio"}
    assert labels_of(seed, f"{visit} kg:invitedBy ?x .") == {"Pham Minh Chinh"}
    assert labels_of(seed, f"{visit} kg:destination ?x .") == {"Vietnam"}
    parts = values(seed, f"SELECT ?x WHERE {{ ?x schema:superEvent {visit} }}", "x")
    assert {p.rsplit("/", 1)[-1] for p in parts} == {
        "talks-chinh-kishida",
        "seminar-innovation-digital-supply-chains",
    }


def test_three_initiatives_launched_during_chinh_visit_in_november_2021(seed):
    rows = select(
        seed,
        "SELECT ?i ?d WHERE { ?i kg:launchedDuring kgr:visit-chinh-to-japan ; kg:launchDate ?d }",
    )
    assert len(rows) == 3
    assert {r["d"] for r in rows} == {"2021-11"}
