"""`kg stats` text: facts and ontology counted apart, one screen by default, community members."""

from __future__ import annotations

import json

from kg.commands import main


def test_census_counts_facts_and_ontology_apart(news, runner):
    data = json.loads(runner.invoke(main, ["stats", "--json", *news.args()]).stdout)
    classes = {c["class"] for c in data["rdf"]["classes"]}
    assert "owl:Class" not in classes and "owl:ObjectProperty" not in classes
    assert {"ex:Minister", "ex:Summit", "schema:Person"} <= classes
    predicates = {p["predicate"] for p in data["rdf"]["predicates"]}
    assert "rdfs:label" not in predicates  # only the ontology uses it
    assert data["rdf"]["ontology"] == {"triples": 16, "classes": 2, "properties": 5, "shapes": 0}
    text = runner.invoke(main, ["stats", *news.args()]).stdout
    assert "ontology: 16 triples: 2 classes, 5 properties, 0 shapes" in text
    assert "owl:Class" not in text


def test_default_report_fits_one_screen_and_full_has_the_rest(synthetic, runner):
    args = ["--ontology", str(synthetic.ontology), "--triples", str(synthetic.triples)]
    brief = runner.invoke(main, ["stats", *args])
    assert brief.exit_code == 0, brief.output
    lines = brief.stdout.splitlines()
    assert len(lines) <= 50, len(lines)
    assert "triples per graph:" not in brief.stdout
    assert "top by degree" in brief.stdout and "top by closeness" not in brief.stdout
    assert "kg stats --full" in brief.stdout
    full = runner.invoke(main, ["stats", "--full", *args])
    assert full.exit_code == 0, full.output
    assert len(full.stdout.splitlines()) > 50
    for part in (
        "triples per graph:",
        "degree distribution:",
        "top by closeness",
        "top by eigenvector",
    ):
        assert part in full.stdout, part


def test_communities_show_their_best_connected_members(news, runner):
    out = runner.invoke(main, ["stats", *news.args()]).stdout
    head, _, rest = out.partition("the largest, best-connected members first:\n")
    assert head and rest
    first = rest.splitlines()[0]
    assert "nodes: Summit" in first  # the summit has the highest degree of its community
