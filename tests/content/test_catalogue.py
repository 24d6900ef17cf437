"""Every saved query of the catalogue, answered on the shipped graph.

Answered on ``seed`` (the five seed articles' graphs and the shared entities), so the
expected rows and counts hold however many articles are added; counts of entities
are of those the seed articles mention, so an entity added to ``entities.ttl`` for a
new article does not change them either.
"""

from __future__ import annotations

import pytest

from kg.query.catalogue import load_catalogue
from kg.query.sparql import resolve_binding, run_query
from tests.content.conftest import values

CATALOGUE = load_catalogue()


def rows(seed, name: str, **binds: str) -> list[dict[str, str]]:
    bindings = [resolve_binding(seed, k, v) for k, v in binds.items()]
    solutions = run_query(seed, CATALOGUE[name].text, bindings)
    names = [v.value for v in solutions.variables]
    return [{n: s[n].value for n in names if s[n] is not None} for s in solutions]


def column(result: list[dict[str, str]], name: str) -> list[str]:
    return [r.get(name, "") for r in result]


def test_catalogue_has_at_least_15_queries_each_tested():
    tested = {n.removeprefix("test_").replace("_", "-") for n in globals() if n.startswith("test_")}
    assert len(CATALOGUE) >= 15
    assert set(CATALOGUE) <= tested, set(CATALOGUE) - tested


def test_people_positions(seed):
    result = rows(seed, "people-positions")
    assert len(result) == 10
    assert {
        "person": "Nguyen Thi Bich Ngoc",
        "role": "Deputy Minister",
        "organisation": "Ministry of Planning and Investment (Vietnam)",
        "title": "Deputy Minister of Planning and Investment",
    } in result
    assert ("Kishida Fumio", "Prime Minister", "Government of Japan") in {
        (r["person"], r["role"], r["organisation"]) for r in result
    }


def test_event_participants(seed):
    result = rows(seed, "event-participants")
    parts = {(r["event"], r["part"], r["who"]) for r in result}
    # each part names the property that states it: "participant" leads to schema:attendee
    properties = {(r["part"], r["property"]) for r in result}
    assert ("participant", "https://schema.org/attendee") in properties
    assert len(properties) == len({r["part"] for r in result})
    review = "Mid-term review meeting of the Vietnam–Japan Joint Initiative (Hanoi)"
    assert (review, "chair", "Ishikawa Isamu") in parts
    assert (review, "chair", "Nguyen Thi Bich Ngoc") in parts
    assert ("Official visit of Kishida Fumio to Vietnam", "visitor", "Kishida Fumio") in parts
    assert ("Pham Minh Chinh receives Nishimura Yasutoshi", "host", "Pham Minh Chinh") in parts
    # Chinh invited the visit (kg:invitedBy); the articles do not say he took part in it
    assert ("Official visit of Kishida Fumio to Vietnam", "host", "Pham Minh Chinh") not in parts
    seminar = [w for e, p, w in parts if e.startswith("Vietnam–Japan seminar") and p == "organiser"]
    assert sorted(seminar) == [
        "JETRO",
        "Ministry of Economy, Trade and Industry (Japan)",
        "Ministry of Industry and Trade (Vietnam)",
        "Ministry of Information and Communications (Vietnam)",
    ]


def test_agreements(seed):
    result = {r["agreement"]: r for r in rows(seed, "agreements")}
    assert len(result) == 5
    assert result["CPTPP"]["type"] == "Trade agreement"
    docs = result["22 cooperation documents exchanged during Kishida's visit"]
    assert set(docs["parties"].split(", ")) == {
        "Vietnamese ministries and departments",
        "Japanese ministries and departments",
        "Vietnamese localities",
        "Japanese localities",
        "Vietnamese businesses",
        "Japanese businesses",
    }
    mou = result["MoU on cooperation in avoiding supply chain disruptions"]
    assert set(mou["signed_by"].split(", ")) == {"Nguyen Hong Dien", "Hagiuda Koichi"}
    assert set(mou["exchanged_by"].split(", ")) == {"Tran Quoc Khanh", "Hirose Naoshi"}
    assert mou["type"] == "Memorandum of understanding"
    oda = result["Three ODA cooperation projects signed in May (61 billion yen)"]
    assert oda["date"] == "--05"
    assert oda["topics"] == "Official development assistance"


def test_timeline(seed):
    result = rows(seed, "timeline")
    # values are values: the precision and the note have columns of their own
    dates = column(result, "date")
    assert dates[:3] == ["2011-10", "2021-11", "2021-11-24"]
    assert dates[3:5] == ["2022-05-01"] * 2
    assert column(result, "note")[3:5] == ["year inferred"] * 2
    assert column(result, "note")[:3] == ["", "", ""]
    assert dates[5] == "--11-03"  # no year given: after the dated events
    assert column(result, "precision")[:6] == [
        "month",
        "month",
        "day",
        "day",
        "day",
        "month and day",
    ]
    assert dates[-3:] == ["", "", ""]
    assert column(result, "precision")[-3:] == ["none"] * 3
    undated = {r["event"] for r in result if "date" not in r}
    assert "Official visit of Kishida Fumio to Vietnam" in undated  # no article dates it
    assert len(result) == 9


def test_amounts(seed):
    result = rows(seed, "amounts")
    found = {(r["value"], r["currency"], r["approximate"]) for r in result}
    assert found == {
        ("61000000000", "JPY", "false"),
        ("500000000", "USD", "true"),
        ("2980000000000", "JPY", "true"),
        ("21600000000", "USD", "true"),
        ("14000000000", "USD", "false"),
    }
    assert all(r["article"].startswith("corpus/00") for r in result)


def test_statistics(seed):
    result = rows(seed, "statistics")
    by_label = {r["statistic"]: r for r in result}
    assert by_label["Vietnam's e-commerce growth in 2020: 16%"]["year"] == "2020"
    assert by_label["Students learning online, OECD average: 67.5%"]["value"] == "67.5"
    articles = {
        r["article"][:10]
        for r in result
        if r["statistic"].startswith(
            "Japan-supported supply chain diversification projects in ASEAN"
        )
    }
    assert articles == {"corpus/000", "corpus/001"}
    assert len({r["statistic"] for r in result}) == 17
    ranks = {r["statistic"]: r["article"][:10] for r in result if r.get("unit") == "rank"}
    assert ranks["Japan is Vietnam's biggest ODA provider"] == "corpus/001"
    assert ranks["Japan provides the largest ODA concessional loans to Vietnam"] == "corpus/002"


def test_targets(seed):
    result = rows(seed, "targets")
    assert (result[0]["year"], result[0]["target"]) == (
        "2025",
        "Vietnam among the top 50 in the open data index by 2025",
    )
    years = column(result, "year")
    assert years == sorted(years)
    high_income = [r["article"][:10] for r in result if r["year"] == "2045"]
    assert sorted(high_income) == ["corpus/002", "corpus/004"]


def test_topics_ranked(seed):
    result = rows(seed, "topics-ranked")
    totals = [int(r["total"]) for r in result]
    assert totals == sorted(totals, reverse=True)
    top = {r["topic"] for r in result if int(r["total"]) == totals[0]}
    assert top == {"Digital transformation", "Human resource training", "Trade"}
    assert "Technological innovation" not in {r["topic"] for r in result}  # one topic: Innovation
    oda = next(r for r in result if r["topic"] == "Official development assistance")
    assert (oda["events"], oda["agreements"]) == ("1", "1")


def test_aliases(seed):
    result = rows(seed, "aliases", entity="Fan Mingzheng")
    assert {(r["alias"], r["article"][:10]) for r in result} == {
        ("Chinh", "corpus/001"),
        ("Fan Mingqing", "corpus/003"),
        ("Fan Mingzheng", "corpus/003"),
    }
    assert len(rows(seed, "aliases")) >= 20  # unbound: every entity's aliases


def test_fact_sources(seed):
    result = rows(seed, "fact-sources", entity="Hagiuda Koichi")
    assert {r["article"][:10] for r in result} == {"corpus/001"}
    facts = {r["fact"] for r in result}
    assert "MoU on cooperation in avoiding supply chain disruptions" in facts
    assert any("signed a memorandum of understanding (MoU)" in r["sentence"] for r in result)


def test_japan_offers(seed):
    result = rows(seed, "japan-offers")
    by = {r["by"] for r in result}
    assert by == {
        "Kishida Fumio",
        "Nishimura Yasutoshi",
        "Government of Japan",
        "Japanese businesses",
    }
    assert "Japan proposes cooperation on rare earths" in column(result, "statement")
    assert not any("Vietnam asks" in s for s in column(result, "statement"))


def test_vietnam_asks(seed):
    result = rows(seed, "vietnam-asks")
    requests = set(column(result, "request"))
    assert "Vietnam asks Japan for new-generation ODA loans for large infrastructure" in requests
    assert {r["by"] for r in result} == {"Pham Minh Chinh", "Government of Vietnam"}
    assert len(requests) == 6


def test_shared_entities(seed):
    result = {r["entity"]: int(r["articles"]) for r in rows(seed, "shared-entities")}
    assert result["Pham Minh Chinh"] == 4  # every article but 004
    assert result["Kishida Fumio"] == 2
    assert "Hagiuda Koichi" not in result
    assert min(result.values()) == 2


def test_about(seed):
    result = rows(seed, "about", entity="Ruan Huidong")
    facts = {(r["direction"], r["property"], r["value"]) for r in result}
    assert (
        ("->", "alias", "Ruan Huidong") in facts
        or ("->", "skos:altLabel", "Ruan Huidong") in facts
        or any(v == "Ruan Huidong" for _, _, v in facts)
    )
    assert (
        "<-",
        "holder",
        "Nguyen Huy Dung, Deputy Minister of Information and Communications (Vietnam)",
    ) in facts


def test_organisations(seed):
    mentioned = values(
        seed,
        "SELECT ?name WHERE { ?a a schema:NewsArticle ; schema:mentions ?o ."
        " ?o a/rdfs:subClassOf* org:Organization ; skos:prefLabel ?name }",
        "name",
    )
    result = {r["organisation"]: r for r in rows(seed, "organisations")}
    assert len(mentioned) == 23
    assert mentioned <= set(result)
    assert result["Japanese businesses"]["kind"] == "Collective"
    assert "CPTPP" not in result  # a trade agreement
    meti = result["Ministry of Economy, Trade and Industry (Japan)"]
    assert meti["country"] == "Japan"
    assert set(meti["people"].split(", ")) == {
        "Hagiuda Koichi",
        "Hirose Naoshi",
        "Nishimura Yasutoshi",
    }


def test_initiatives(seed):
    result = {r["initiative"]: r for r in rows(seed, "initiatives")}
    assert result["Vietnam–Japan Joint Initiative"]["launched"] == "2003"
    assert result["High-speed railway project (Vietnam)"]["type"] == "Project"
    launched_2021 = [n for n, r in result.items() if r.get("launched") == "2021-11"]
    assert len(launched_2021) == 3


def test_inferred(seed):
    result = rows(seed, "inferred")
    assert {r["inferred"] for r in result} == {"2022-05-01"}
    assert {r["stated"] for r in result} == {"--05-01"}
    assert {r["entity"] for r in result} == {
        "Talks between Pham Minh Chinh and Kishida Fumio",
        "Vietnam–Japan seminar on technological innovation, digital transformation and supply chain diversification",
    }


def test_articles(seed):
    result = rows(seed, "articles")
    assert [r["file"][:10] for r in result] == [f"corpus/00{i}" for i in range(5)]
    assert result[0]["site"] == "Blogtuan.info" and result[0]["source"] == "tuoitre.vn"
    assert all(int(r["triples"]) >= 100 for r in result)


@pytest.mark.parametrize("name", sorted(CATALOGUE))
def test_every_saved_query_has_a_header_and_runs(seed, name):
    saved = CATALOGUE[name]
    assert saved.question.endswith("?")
    assert len(saved.description) > 20
    binds = {p: "Pham Minh Chinh" for p in saved.params}
    assert rows(seed, name, **binds), name
