"""Projection options: unknown terms are errors, exclusions add to the defaults, rules files use the option names."""

from __future__ import annotations

import json

import pytest

from kg.commands import main

DEFAULT_CLASSES = ["schema:NewsArticle", "schema:WebSite"]


def stats(runner, news, *options):
    return runner.invoke(main, ["stats", "--json", "--measure", "degree", *options, *news.args()])


@pytest.mark.parametrize(
    ("option", "typo", "meant"),
    [
        ("--include-predicate", "ex:atended", "ex:attended"),
        ("--exclude-predicate", "ex:knws", "ex:knows"),
        ("--exclude-class", "ex:Sumit", "ex:Summit"),
    ],
)
def test_an_unknown_term_is_an_error_with_did_you_mean(news, runner, option, typo, meant):
    result = stats(runner, news, option, typo)
    assert result.exit_code == 2, result.output
    assert f"{option} {typo}: no such" in result.stderr
    assert f"did you mean {meant}" in result.stderr


def test_a_class_known_only_as_a_superclass_is_accepted(news, runner):
    result = stats(runner, news, "--exclude-class", "schema:Event")
    assert result.exit_code == 0, result.output


def test_exclude_class_adds_to_the_default_exclusions(news, runner):
    rules = json.loads(stats(runner, news, "--exclude-class", "ex:Summit").stdout)["projection"]
    assert rules["rules"]["exclude_classes"] == [*DEFAULT_CLASSES, "ex:Summit"]
    assert rules["rules"]["exclude_predicates"] == ["schema:mentions", "kg:equivalentAmount"]
    assert "ex:summit" not in json.dumps(rules)


def test_no_default_exclusions_makes_the_given_ones_the_only_ones(news, runner):
    result = stats(runner, news, "--no-default-exclusions", "--exclude-class", "ex:Summit")
    data = json.loads(result.stdout)["projection"]
    assert data["rules"]["exclude_classes"] == ["ex:Summit"]
    assert data["rules"]["exclude_predicates"] == []
    default = json.loads(stats(runner, news, "--exclude-class", "ex:Summit").stdout)["projection"]
    assert data["nodes"] == default["nodes"] + 1  # the article is a node now


def test_rules_file_keys_are_the_option_names(news, runner):
    path = news.root / "rules.toml"
    path.write_text('undirected = true\nexclude-class = ["ex:Summit"]\ncollapse_events = false\n')
    result = stats(runner, news, "--rules", str(path))
    assert result.exit_code == 0, result.output
    rules = json.loads(result.stdout)["projection"]["rules"]
    assert rules["directed"] is False
    assert rules["exclude_classes"] == [*DEFAULT_CLASSES, "ex:Summit"]


def test_recorded_rules_json_reads_back(news, runner):
    out = news.root / "csv"
    args = ["export", "-f", "csv", "-o", str(out), "--undirected", "--exclude-class", "ex:Summit"]
    assert runner.invoke(main, [*args, *news.args()]).exit_code == 0
    recorded = json.loads((out / "rules.json").read_text())
    again = stats(runner, news, "--rules", str(out / "rules.json"))
    assert json.loads(again.stdout)["projection"]["rules"] == recorded


def test_unknown_rules_file_key_names_the_options(news, runner):
    path = news.root / "rules.toml"
    path.write_text("undirect = true\n")
    result = stats(runner, news, "--rules", str(path))
    assert result.exit_code == 2
    assert "unknown projection rule 'undirect'; did you mean undirected" in result.stderr
