"""The integrity checks of kg validate: dangling references, duplicate entities,
provenance of evidence sentences, canonical literals; severity and --strict."""

from __future__ import annotations

import json

import pytest

from kg.commands import main
from kg.data.dataset import load_dataset
from kg.validation import validate

HEAD = """\
@prefix kg: <https://kg.example.org/ontology#> .
@prefix kgr: <https://kg.example.org/id/> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix schema: <https://schema.org/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""

ONTOLOGY = (
    HEAD
    + """
kg:corpusFile a owl:DatatypeProperty .
kg:evidence a owl:DatatypeProperty .
kg:topic a owl:ObjectProperty .
kg:value a owl:DatatypeProperty .
kg:Topic a owl:Class .
"""
)

ENTITIES = (
    HEAD
    + """
kgr:pham-minh-chinh a schema:Person ; skos:prefLabel "Pham Minh Chinh" .
kgr:topic-supply-chain a kg:Topic ; skos:prefLabel "Supply chains" .
"""
)

ARTICLE_TEXT = (
    "Prime Minister Pham Minh Chinh met the delegation on May 3.\n"
    "He said that supply chains matter. The sides agreed on \u201cnew projects\u201d.\n"
)


def article(body: str) -> str:
    return (
        HEAD
        + """
kgr:article-9 a schema:NewsArticle ; skos:prefLabel "Article 9" ;
    kg:corpusFile "corpus/009_x.txt" ; schema:mentions kgr:pham-minh-chinh .
"""
        + body
    )


@pytest.fixture
def kgproj(project):
    project.write("ontology/kg.ttl", ONTOLOGY)
    project.write("triples/entities.ttl", ENTITIES)
    project.write("corpus/009_x.txt", ARTICLE_TEXT)
    return project


def problems_of(project, check: str, strict: bool = False):
    report = validate(load_dataset(project.ontology, project.triples), strict=strict)
    return report, [p for p in report.problems if p.check == check]


def test_clean_project_has_no_integrity_problems(kgproj):
    kgproj.write(
        "triples/articles/009_x.ttl",
        article('kgr:pham-minh-chinh kg:evidence "He said that  supply chains matter." .\n'),
    )
    report, _ = problems_of(kgproj, "references")
    assert report.ok and report.problems == []


def test_dangling_reference_is_an_error_with_location_and_did_you_mean(kgproj):
    kgproj.write(
        "triples/articles/009_x.ttl",
        article(
            "kgr:article-9 kg:topic kgr:topic-supply-chian ;\n    schema:mentions kgr:nobody-at-all .\n"
        ),
    )
    report, found = problems_of(kgproj, "references")
    assert not report.ok
    by_subject = {p.subject: p for p in found}
    assert set(by_subject) == {"kgr:topic-supply-chian", "kgr:nobody-at-all"}
    typo = by_subject["kgr:topic-supply-chian"]
    assert typo.severity == "error"
    assert typo.file.endswith("triples/articles/009_x.ttl") and typo.line == 10
    assert "kgr:topic-supply-chain (Supply chains)" in typo.hint
    assert "define it" in by_subject["kgr:nobody-at-all"].hint


def test_many_dangling_references_in_a_file_are_listed_up_to_a_limit(kgproj):
    from kg.validation.references import PER_FILE

    body = "".join(f"kgr:article-9 schema:mentions kgr:ghost-{i:03d} .\n" for i in range(30))
    kgproj.write("triples/articles/009_x.ttl", article(body))
    report, found = problems_of(kgproj, "references")
    assert not report.ok and all(p.severity == "error" for p in found)
    one_by_one = [p for p in found if p.subject]
    assert [p.subject for p in one_by_one] == [f"kgr:ghost-{i:03d}" for i in range(PER_FILE)]
    assert one_by_one[0].line == 10 and one_by_one[-1].line == 9 + PER_FILE
    (rest,) = [p for p in found if not p.subject]
    assert rest.message.startswith(f"{30 - PER_FILE} more IRIs are used but never defined")
    assert "kgr:ghost-029" in rest.message and rest.file.endswith("009_x.ttl")


def test_same_name_after_folding_is_an_error_unless_same_as_or_different_from(kgproj):
    kgproj.write(
        "triples/articles/009_x.ttl",
        article('kgr:chinh a schema:Person ; skos:prefLabel "Phạm Minh CHÍNH" .\n'),
    )
    report, found = problems_of(kgproj, "duplicates")
    assert not report.ok
    assert [(p.severity, p.subject) for p in found] == [("error", "kgr:pham-minh-chinh")] or [
        (p.severity, p.subject) for p in found
    ] == [("error", "kgr:chinh")]
    assert "same name" in found[0].message and "owl:sameAs" in found[0].hint
    for link in ("owl:sameAs", "owl:differentFrom"):
        kgproj.write(
            "triples/articles/009_x.ttl",
            article(
                f'kgr:chinh a schema:Person ; skos:prefLabel "Phạm Minh CHÍNH" ; {link} kgr:pham-minh-chinh .\n'
            ),
        )
        report, found = problems_of(kgproj, "duplicates")
        assert found == [] and report.ok, link


def test_near_equal_names_are_a_warning_and_strict_makes_them_errors(kgproj):
    kgproj.write(
        "triples/articles/009_x.ttl",
        article('kgr:chinh a schema:Person ; skos:prefLabel "Fam Min Chin" .\n'),
    )
    report, found = problems_of(kgproj, "duplicates")
    assert report.ok
    assert [p.severity for p in found] == ["warning"] and "near-equal" in found[0].message
    report, found = problems_of(kgproj, "duplicates", strict=True)
    assert not report.ok and [p.severity for p in found] == ["error"]


def test_evidence_not_in_the_article_quotes_the_closest_sentence(kgproj):
    kgproj.write(
        "triples/articles/009_x.ttl",
        article(
            'kgr:pham-minh-chinh kg:evidence "The sides agreed on \\"new projects\\"." ,\n'
            '    "He said supply chains matter a lot." .\n'
        ),
    )
    report, found = problems_of(kgproj, "provenance")
    assert not report.ok
    assert len(found) == 1  # the curly quotes of the text match the straight ones
    assert found[0].line == 11
    assert "He said that supply chains matter." in found[0].hint


def test_missing_corpus_file_is_an_error(kgproj):
    kgproj.write("triples/articles/009_x.ttl", article("").replace("009_x.txt", "009_y.txt"))
    report, found = problems_of(kgproj, "provenance")
    assert not report.ok
    assert "'corpus/009_y.txt' does not exist" in found[0].message and found[0].line == 9


def test_non_canonical_literals_are_warnings_with_the_canonical_form(kgproj):
    kgproj.write(
        "triples/articles/009_x.ttl",
        article(
            'kgr:pham-minh-chinh kg:value 14000000000.0 , "1"^^xsd:boolean , 007 , 42 , 1.5 ,\n'
            '    "2024-05-01"^^xsd:date ; skos:note "version 1.0 of it" .\n'
        ),
    )
    report, found = problems_of(kgproj, "literals")
    assert report.ok
    shown = {(p.subject, p.line, p.severity) for p in found}
    assert shown == {
        ("14000000000.0", 10, "warning"),
        ('"1"^^xsd:boolean', 10, "warning"),
        ("007", 10, "warning"),
    }
    hints = {p.subject: p.hint for p in found}
    assert hints["14000000000.0"].startswith('write "14000000000"^^xsd:decimal')
    assert hints['"1"^^xsd:boolean'].startswith('write "true"^^xsd:boolean')
    assert hints["007"].startswith("write 7 ")


def test_cli_warnings_print_but_pass_strict_fails_and_json_has_severity(kgproj, runner):
    kgproj.write(
        "triples/articles/009_x.ttl",
        article("kgr:pham-minh-chinh kg:value 1.50 .\n"),
    )
    result = runner.invoke(main, ["validate", *kgproj.args()])
    assert result.exit_code == 0, result.output
    assert "warning: 1.50 is not the canonical form" in result.stderr
    result = runner.invoke(main, ["validate", "--strict", *kgproj.args()])
    assert result.exit_code == 1
    assert "invalid: 1 error(s)" in result.stderr
    result = runner.invoke(main, ["validate", "--json", *kgproj.args()])
    data = json.loads(result.stdout)
    assert data["valid"] is True and data["warning_count"] == 1
    assert data["problems"][0]["severity"] == "warning"
    result = runner.invoke(main, ["build", "--strict", *kgproj.args("--out", str(kgproj.out))])
    assert result.exit_code == 1 and not kgproj.out.exists()


def test_numbers_in_comments_and_strings_are_not_literals(kgproj):
    """A draft's review comments quote figures ("'100,000 tonnes'"): not Turtle literals."""
    kgproj.write(
        "triples/articles/009_x.ttl",
        article(
            "# REVIEW: a figure (tonnes): '100,000 tonnes'; and 1.0 here\n"
            'kgr:pham-minh-chinh skos:note "100,000 and 2.50" ; kg:value 42 . # 3.0 too\n'
        ),
    )
    report, found = problems_of(kgproj, "literals")
    assert report.ok
    assert found == []
