"""One command-line convention: every command's options walked through the click objects.

A new option that gives an old name a second meaning, a file option that is not
``-o/--output``, a reporting command without ``--json`` or a hidden option that is
no deprecated alias fails here. See :mod:`kg.commands.options` for the convention.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import click
import pytest

from kg.commands import COMMANDS, main
from kg.commands.options import (
    DEPRECATION_NOTE,
    JSON_HELP,
    DeprecatedAlias,
    DeprecatedOption,
    deprecated_flag,
)

#: Each short flag stands for one long option, on every command that has the long one.
SHORT = {
    "-o": "--output",
    "-f": "--format",
    "-n": "--limit",
    "-q": "--quiet",
    "-b": "--bind",
}

#: Names that several commands use with help texts of their own, and the one thing
#: the name means on all of them. Another name used twice must have the same help.
SHARED_MEANING = {
    "--output": "the file (a folder for kg export -f csv) that the command writes",
    "--format": "the format of what the command prints or writes",
    "--build-dir": "kg's build folder: where kg build writes, and the build the readers reuse",
    "--store-path": "a persistent Oxigraph store folder, written by kg build, reopened by readers",
    "--ontology": "the folder of ontology and SHACL files",
    "--endpoint": "the remote store's URL (its query service to read, its graph store to push)",
    "--timeout": "seconds to wait for the answer before giving up",
    "--seed": "the seed of the random choices (generator, communities, sampling)",
    "--limit": "at most this many entries in each list printed",
}

#: Spellings the convention replaced, and what to use instead. Allowed only as
#: hidden deprecated aliases.
FORBIDDEN = {
    "--out": "-o/--output for a file written, --build-dir for kg's build folder",
    "--out-dir": "--build-dir",
    "--output-dir": "--build-dir",
    "--outdir": "--build-dir",
    "--outfile": "-o/--output",
    "--output-file": "-o/--output",
    "--fmt": "-f/--format",
    "--as-json": "--json",
    "--silent": "-q/--quiet",
}

#: Commands whose stdout is the document they make, not a report: no --json.
DOCUMENT_COMMANDS = {
    "docs": "prints the Markdown reference itself",
    "draft": "prints the Turtle draft itself",
}


def commands() -> dict[str, click.Command]:
    ctx = click.Context(main)
    return {name: main.get_command(ctx, name) for name in COMMANDS}


def options(command: click.Command, hidden: bool = False) -> list[click.Option]:
    return [
        p
        for p in command.params
        if isinstance(p, click.Option) and getattr(p, "hidden", False) == hidden
    ]


def long_names(option: click.Option) -> list[str]:
    return [o for o in [*option.opts, *option.secondary_opts] if o.startswith("--")]


def short_names(option: click.Option) -> list[str]:
    return [o for o in [*option.opts, *option.secondary_opts] if not o.startswith("--")]


def kind(option: click.Option) -> tuple:
    """What an option takes, coarsely: a flag, a path, a number, a choice or text."""
    if option.is_flag:
        return ("flag",)
    kinds = {
        click.Path: "path",
        click.IntRange: "int",
        click.FloatRange: "float",
        click.Choice: "choice",
    }
    name = next((v for k, v in kinds.items() if isinstance(option.type, k)), option.type.name)
    return (name, option.multiple, option.nargs)


def uses() -> dict[str, list[tuple[str, click.Option]]]:
    """Each visible long option name: the commands using it, with the option."""
    found: dict[str, list[tuple[str, click.Option]]] = defaultdict(list)
    for name, command in commands().items():
        for option in options(command):
            for long in long_names(option):
                found[long].append((name, option))
    return found


def test_the_walk_sees_every_command_and_option():
    found = uses()
    assert set(commands()) == set(COMMANDS)
    # the options this test is about are there to be checked
    for name in ("--output", "--build-dir", "--json", "--format", "--limit", "--quiet"):
        assert len(found[name]) >= 2, name


def test_a_name_means_one_thing_on_every_command():
    wrong = []
    for long, where in uses().items():
        kinds = {kind(option) for _, option in where}
        if len(kinds) > 1:
            wrong.append(f"{long} takes different things: {sorted(map(str, kinds))}")
        helps = {option.help for _, option in where}
        if len(helps) > 1 and long not in SHARED_MEANING:
            commands_using = ", ".join(sorted({name for name, _ in where}))
            wrong.append(
                f"{long} has {len(helps)} help texts ({commands_using}): the same meaning "
                "needs the same help, or a line in SHARED_MEANING saying what it is"
            )
    assert not wrong, "\n".join(wrong)


def test_shared_meanings_are_in_use():
    found = uses()
    stale = [name for name in SHARED_MEANING if len({c for c, _ in found.get(name, [])}) < 2]
    assert not stale, f"SHARED_MEANING lists names used by fewer than two commands: {stale}"


def test_short_flags_stand_for_one_long_option_each():
    wrong = []
    for name, command in commands().items():
        for option in options(command):
            longs = long_names(option)
            for short in short_names(option):
                if SHORT.get(short) not in longs:
                    wrong.append(
                        f"kg {name} {short} is {longs}, but {short} means {SHORT.get(short)}"
                    )
            for short, long in SHORT.items():
                if long in longs and short not in option.opts + option.secondary_opts:
                    wrong.append(f"kg {name} {long} lacks its short flag {short}")
    assert not wrong, "\n".join(wrong)


def test_replaced_spellings_are_not_offered():
    wrong = [
        f"kg {name} {long}: use {FORBIDDEN[long]}"
        for long, where in uses().items()
        if long in FORBIDDEN
        for name, _ in where
    ]
    assert not wrong, "\n".join(wrong)


def test_format_options_are_choices_named_fmt():
    for name, option in uses()["--format"]:
        assert isinstance(option.type, click.Choice), name
        assert option.name == "fmt", name


def test_every_reporting_command_has_the_same_json_flag():
    for name, command in commands().items():
        flags = [o for o in options(command) if "--json" in o.opts]
        if name in DOCUMENT_COMMANDS:
            assert not flags, f"kg {name} has --json: drop it from DOCUMENT_COMMANDS"
            continue
        assert flags, (
            f"kg {name} has no --json: add kg.commands.options.json_option, or list it in "
            "DOCUMENT_COMMANDS if its stdout is the document it makes"
        )
        (flag,) = flags
        assert flag.is_flag and flag.name == "as_json" and flag.help == JSON_HELP, name


def test_hidden_options_are_deprecated_aliases_of_a_visible_option():
    for name, command in commands().items():
        ctx = click.Context(command, info_name=name)
        for option in options(command, hidden=True):
            assert isinstance(option, DeprecatedOption), (
                f"kg {name} {option.opts} is hidden but not deprecated: declare it with "
                "kg.commands.options.deprecated_alias (an old name) or deprecated_flag "
                "(a retired flag), which print a note when used"
            )
            assert option.get_help_record(ctx) is None, f"kg {name} --help shows {option.opts}"
            if isinstance(option, DeprecatedAlias):
                assert not getattr(option.target(command), "hidden", False), name
    for option in options(commands()["viz"]) + options(commands()["stats"]):
        assert not isinstance(option, DeprecatedAlias) or option.hidden


def _value_for(option: click.Parameter) -> str:
    """A value the option accepts."""
    if isinstance(option.type, click.Choice):
        return str(option.type.choices[0])
    if isinstance(option.type, (click.IntRange, click.FloatRange)) or option.type.name in (
        "integer",
        "float",
    ):
        return "3"
    return "some/where" if isinstance(option.type, click.Path) else "100"


def _required(command: click.Command) -> list[str]:
    args = []
    for option in options(command):
        if option.required:
            args += [option.opts[0], _value_for(option)]
    return args


def _aliases() -> list[tuple[str, DeprecatedAlias]]:
    return [
        (name, option)
        for name, command in commands().items()
        for option in options(command, hidden=True)
        if isinstance(option, DeprecatedAlias)
    ]


def test_the_replaced_spellings_have_aliases():
    assert {(name, a.opts[0], a.replacement) for name, a in _aliases()} >= {
        ("build", "--out", "--build-dir"),
        ("docs", "--out", "--output"),
        ("viz", "--out", "--output"),
        ("export", "--out", "--output"),
        ("stats", "--top", "--limit"),
        ("bench", "--triples", "--sizes"),
        ("bench", "--top", "--viz-top"),
    }


@pytest.mark.parametrize(("name", "alias"), _aliases(), ids=lambda v: getattr(v, "opts", [v])[0])
def test_an_alias_gives_the_new_option_its_value_with_a_note(name, alias, capsys):
    command = commands()[name]
    target = alias.target(command)
    value = _value_for(target)
    new = command.make_context(name, [*_required(command), alias.replacement, value])
    assert capsys.readouterr().err == ""
    old = command.make_context(name, [*_required(command), alias.opts[0], value])
    assert old.params[target.name] == new.params[target.name]
    assert old.params[target.name] != target.get_default(old)
    note = DEPRECATION_NOTE.format(old=alias.opts[0], note=f"use {alias.replacement}")
    assert capsys.readouterr().err == note + "\n"
    with pytest.raises(click.UsageError, match=f"give only {alias.replacement}"):
        command.make_context(
            name, [*_required(command), alias.opts[0], value, alias.replacement, value]
        )


def test_a_retired_flag_still_parses_with_a_note(capsys):
    @click.command("push")
    @deprecated_flag("--prune", "pruning is the default now")
    def command(prune: bool) -> None:
        """A command."""

    assert command.make_context("push", []).params == {"prune": False}
    assert capsys.readouterr().err == ""
    assert command.make_context("push", ["--prune"]).params == {"prune": True}
    note = "kg: warning: --prune is deprecated and goes in the next release; pruning is the default now"
    assert capsys.readouterr().err == note + "\n"
    assert command.params[0].hidden


def test_old_spelling_still_writes_where_it_said(project, runner, tmp_path):
    target = tmp_path / "ref.md"
    result = runner.invoke(main, ["docs", "--out", str(target), *project.args()])
    assert result.exit_code == 0, result.output
    assert target.read_text().startswith("# Ontology reference")
    assert "--out is deprecated and goes in the next release; use --output" in result.stderr
    built = tmp_path / "built"
    result = runner.invoke(main, ["build", "-q", "--out", str(built), *project.args()])
    assert result.exit_code == 0, result.output
    assert (built / "manifest.json").exists()
    assert "use --build-dir" in result.stderr


def test_old_and_new_spelling_together_is_a_usage_error(project, runner, tmp_path):
    a, b = tmp_path / "a.md", tmp_path / "b.md"
    result = runner.invoke(main, ["docs", "--out", str(a), "-o", str(b), *project.args()])
    assert result.exit_code == 2
    assert "--out is the old name of --output: give only --output" in result.stderr
    assert not a.exists() and not b.exists()


def test_build_dir_is_where_kg_build_writes(project, runner, tmp_path):
    built = tmp_path / "here"
    result = runner.invoke(main, ["build", "-q", "--build-dir", str(built), *project.args()])
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert json.loads((built / "manifest.json").read_text())


def test_query_json_is_the_sparql_json_results(project, runner):
    query = "SELECT ?l WHERE { ?s <http://www.w3.org/2004/02/skos/core#prefLabel> ?l } ORDER BY ?l"
    result = runner.invoke(main, ["query", "--json", query, *project.args()])
    assert result.exit_code == 0, result.output
    answer = json.loads(result.stdout)
    assert answer["head"]["vars"] == ["l"]
    assert [b["l"]["value"] for b in answer["results"]["bindings"]] == [
        "Alice",
        "Bob",
        "Memorandum",
    ]
    same = runner.invoke(main, ["query", "-f", "json", query, *project.args()])
    assert same.stdout == result.stdout


def test_query_json_of_a_construct_is_json_ld(project, runner):
    query = "CONSTRUCT { ?s ?p 'Bob' } WHERE { ?s ?p 'Bob' }"
    result = runner.invoke(main, ["query", "--json", query, *project.args()])
    assert result.exit_code == 0, result.output
    graph = json.loads(result.stdout)
    assert "Bob" in json.dumps(graph) and "http://ex.org/bob" in json.dumps(graph)


def test_query_json_with_another_format_is_a_usage_error(project, runner):
    result = runner.invoke(main, ["query", "--json", "-f", "csv", "ASK {}", *project.args()])
    assert result.exit_code == 2
    assert "--json is --format json" in result.stderr


def test_export_and_viz_json_name_what_they_wrote(project, runner, tmp_path):
    page = tmp_path / "page.html"
    result = runner.invoke(main, ["viz", "--json", "-o", str(page), *project.args()])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["output"] == str(page) and report["title"] == "kg graph"
    assert report["bytes"] == len(page.read_text(encoding="utf-8").encode())
    assert "wrote" not in result.stderr
    out = tmp_path / "g.graphml"
    result = runner.invoke(
        main, ["export", "-f", "graphml", "--json", "-o", str(out), *project.args()]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == {"format": "graphml", "written": [str(out)]}
    assert Path(out).read_text().startswith("<?xml")
