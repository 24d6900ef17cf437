"""Adding a sixth article keeps the content tests green (issue 14, section 4).

The project (ontology/, triples/, corpus/) is copied, a small sixth article is added
the way the README says (its text in corpus/, its facts in triples/articles/005_….ttl,
reusing existing entities and adding a person, a position, an event and two
statements, each with its sentence), and this folder's tests run on the copy
(``KG_CONTENT_ROOT``) in a new process. A copy whose sixth article misquotes a
sentence must fail, so the run is known to read the new article.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.content.conftest import REPO, ROOT

THIS = Path(__file__).resolve()

STEM = "005_0123456789abcdef"

TEXT = """\
Vietnam and Japan discuss training semiconductor engineers

On the morning of March 12, 2024, Prime Minister Pham Minh Chinh received Ambassador Tanaka Ichiro in Hanoi.

Ambassador Tanaka Ichiro said Japan will help train 1,000 Vietnamese semiconductor engineers.

PM Chinh asked Japanese businesses to invest more in Vietnam's semiconductor industry.
"""

FACTS = """\
# Facts stated by corpus/005_0123456789abcdef.txt (a test article).

@prefix kg: <https://kg.example.org/ontology#> .
@prefix kgr: <https://kg.example.org/id/> .
@prefix schema: <https://schema.org/> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

kgr:article-005 a schema:NewsArticle ;
    skos:prefLabel "Article 005: Vietnam and Japan discuss training semiconductor engineers" ;
    schema:headline "Vietnam and Japan discuss training semiconductor engineers" ;
    kg:corpusFile "corpus/005_0123456789abcdef.txt" ;
    schema:mentions kgr:pham-minh-chinh, kgr:tanaka-ichiro, kgr:hanoi, kgr:japan,
        kgr:japanese-businesses, kgr:embassy-of-japan-in-vietnam, kgr:meeting-chinh-tanaka,
        kgr:proposal-japan-train-semiconductor-engineers, kgr:request-chinh-semiconductor-investment,
        kgr:pos-pham-minh-chinh-prime-minister, kgr:pos-tanaka-ichiro-ambassador .

kgr:pham-minh-chinh skos:altLabel "PM Chinh" .

kgr:pos-pham-minh-chinh-prime-minister
    kg:evidence "On the morning of March 12, 2024, Prime Minister Pham Minh Chinh received Ambassador Tanaka Ichiro in Hanoi." .

kgr:tanaka-ichiro a schema:Person ; skos:prefLabel "Tanaka Ichiro" .
kgr:role-ambassador a org:Role ; skos:prefLabel "Ambassador" .

kgr:pos-tanaka-ichiro-ambassador a org:Membership ;
    skos:prefLabel "Tanaka Ichiro, Ambassador of Japan to Vietnam" ;
    org:member kgr:tanaka-ichiro ; org:organization kgr:embassy-of-japan-in-vietnam ;
    org:role kgr:role-ambassador ; kg:title "Ambassador" ;
    kg:evidence "On the morning of March 12, 2024, Prime Minister Pham Minh Chinh received Ambassador Tanaka Ichiro in Hanoi." .

kgr:meeting-chinh-tanaka a kg:Meeting ;
    skos:prefLabel "Pham Minh Chinh receives Tanaka Ichiro" ;
    kg:host kgr:pham-minh-chinh ; schema:attendee kgr:tanaka-ichiro ;
    schema:startDate "2024-03-12"^^xsd:date ; schema:location kgr:hanoi ;
    kg:topic kgr:topic-semiconductors, kgr:topic-human-resources ;
    kg:evidence "On the morning of March 12, 2024, Prime Minister Pham Minh Chinh received Ambassador Tanaka Ichiro in Hanoi." .

kgr:proposal-japan-train-semiconductor-engineers a kg:Proposal ;
    skos:prefLabel "Japan to help train 1,000 Vietnamese semiconductor engineers" ;
    kg:madeBy kgr:tanaka-ichiro ; kg:addressedTo kgr:government-of-vietnam ;
    kg:madeAt kgr:meeting-chinh-tanaka ;
    schema:description "Japan will help train 1,000 Vietnamese semiconductor engineers." ;
    kg:topic kgr:topic-semiconductors, kgr:topic-human-resources ;
    kg:evidence "Ambassador Tanaka Ichiro said Japan will help train 1,000 Vietnamese semiconductor engineers." .

kgr:request-chinh-semiconductor-investment a kg:Request ;
    skos:prefLabel "Chinh asks Japanese businesses to invest in Vietnam's semiconductor industry" ;
    kg:madeBy kgr:pham-minh-chinh ; kg:addressedTo kgr:japanese-businesses ;
    kg:madeAt kgr:meeting-chinh-tanaka ;
    schema:description "Japanese businesses invest more in Vietnam's semiconductor industry." ;
    kg:topic kgr:topic-semiconductors, kgr:topic-investment ;
    kg:evidence "PM Chinh asked Japanese businesses to invest more in Vietnam's semiconductor industry." .
"""


def project_with_a_sixth_article(root: Path, facts: str) -> Path:
    for folder in ("ontology", "triples", "corpus"):
        shutil.copytree(ROOT / folder, root / folder)
    (root / "corpus" / f"{STEM}.txt").write_text(TEXT, encoding="utf-8")
    (root / "triples" / "articles" / f"{STEM}.ttl").write_text(facts, encoding="utf-8")
    return root


def run_content_tests(root: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "KG_CONTENT_ROOT": str(root)}
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            str(THIS.parent),
            "--ignore",
            str(THIS),
        ],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


pytestmark = pytest.mark.skipif(
    "KG_CONTENT_ROOT" in os.environ, reason="runs the content tests itself; not inside such a run"
)


def test_content_tests_pass_with_a_sixth_article(tmp_path):
    root = project_with_a_sixth_article(tmp_path / "project", FACTS)
    validated = subprocess.run(
        [sys.executable, "-m", "kg", "validate"], cwd=root, capture_output=True, text=True
    )
    assert validated.returncode == 0, validated.stdout + validated.stderr
    assert "9 files" in validated.stdout  # the sixth article is read
    result = run_content_tests(root)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    passed = int(result.stdout.strip().splitlines()[-1].split(" passed")[0].split()[-1])
    assert passed >= 100


def test_a_misquoted_sixth_article_fails_the_content_tests(tmp_path):
    misquoted = FACTS.replace(
        '"PM Chinh asked Japanese businesses to invest more',
        '"PM Chinh urged Japanese businesses to invest more',
    )
    assert misquoted != FACTS
    result = run_content_tests(project_with_a_sixth_article(tmp_path / "project", misquoted))
    assert result.returncode == 1, result.stdout[-4000:]
    assert "test_every_supporting_sentence_is_verbatim_in_its_article" in result.stdout
