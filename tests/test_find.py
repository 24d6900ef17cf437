"""kg find and the entity index behind it: case-, diacritic- and typo-tolerant look-up."""

from __future__ import annotations

import json

import pytest

from kg.authoring.find import find_entities
from kg.authoring.lookup import EntityIndex, fold
from kg.commands import main
from kg.data.dataset import load_dataset

FACTS = """\
@prefix kg: <https://kg.example.org/ontology#> .
@prefix kgr: <https://kg.example.org/id/> .
@prefix schema: <https://schema.org/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .

kgr:pham-minh-chinh a schema:Person ; skos:prefLabel "Phạm Minh Chính" ; skos:altLabel "Chinh" .
kgr:nguyen-huy-dung a schema:Person ; skos:prefLabel "Nguyen Huy Dung" .
kgr:nguyen-hong-dien a schema:Person ; skos:prefLabel "Nguyen Hong Dien" .
kgr:japan a schema:Country ; skos:prefLabel "Japan" .
kgr:article-1 a schema:NewsArticle ; skos:prefLabel "Article 1" ; kg:corpusFile "corpus/001_x.txt" ;
    schema:mentions kgr:pham-minh-chinh, kgr:japan .
"""


@pytest.fixture
def people(project):
    project.write("triples/people.ttl", FACTS)
    project.write("corpus/001_x.txt", "Phạm Minh Chính visited Japan.\n")
    return project


def test_fold_ignores_case_diacritics_and_punctuation():
    assert fold("Phạm Minh CHÍNH") == fold("pham-minh chinh") == "pham minh chinh"
    assert fold("Nguyên Thi Bich Ngoc") == fold("Nguyen Thi Bich Ngoc")


@pytest.mark.parametrize(
    ("name", "iri"),
    [
        ("Fam Min Chin", "pham-minh-chinh"),
        ("pham minh chinh", "pham-minh-chinh"),
        ("nguyen hui dung", "nguyen-huy-dung"),
        ("Nguyen Hong Dein", "nguyen-hong-dien"),
        ("kgr:japan", "japan"),
        ("<https://kg.example.org/id/japan>", "japan"),
        ("JAPAN", "japan"),
    ],
)
def test_find_ranks_the_meant_entity_first(people, name, iri):
    found = find_entities(load_dataset(people.ontology, people.triples), name)
    assert found, name
    assert found[0].iri == "https://kg.example.org/id/" + iri


def test_exact_names_score_100_and_others_less():
    index = EntityIndex.from_names(
        {"x:a": ("Nguyen Huy Dung", []), "x:b": ("Nguyen Hong Dien", ["Dien"])}
    )
    scores = {m.iri: m.score for m in index.find("nguyen huy dung")}
    assert scores["x:a"] == 100.0
    assert scores.get("x:b", 0) < 90
    assert [m.iri for m in index.find("dien")][:1] == ["x:b"]
    assert index.find("zzzz qqqq") == []


def test_cli_find_prints_iri_class_aliases_and_articles(people, runner):
    result = runner.invoke(main, ["find", "Fam Min Chin", *people.args()])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "1. Phạm Minh Chính  (score 95)"
    assert "   iri       kgr:pham-minh-chinh" in lines
    assert "   class     schema:Person" in lines
    assert "   aliases   Chinh" in lines
    assert "   articles  corpus/001_x.txt" in lines


def test_cli_find_json_lists_ranked_candidates(people, runner):
    result = runner.invoke(main, ["find", "nguyen", "--json", "-n", "2", *people.args()])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["query"] == "nguyen"
    candidates = data["candidates"]
    assert len(candidates) == 2
    assert {c["short"] for c in candidates} == {"kgr:nguyen-huy-dung", "kgr:nguyen-hong-dien"}
    assert candidates[0]["score"] >= candidates[1]["score"]
    assert set(candidates[0]) == {
        "iri",
        "short",
        "label",
        "score",
        "matched",
        "classes",
        "aliases",
        "articles",
    }


def test_cli_find_without_a_match_exits_1(people, runner):
    result = runner.invoke(main, ["find", "Zzyzx Qqq", *people.args()])
    assert result.exit_code == 1
    assert "no entity is named like 'Zzyzx Qqq'" in result.stderr
