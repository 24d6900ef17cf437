"""`kg docs` on a tiny ontology."""

from __future__ import annotations

from pathlib import Path

import click

from kg.commands import COMMANDS, main
from kg.commands.reference import CLI_PAGE, cli_reference
from kg.commands.reference import main as reference_main


def test_docs_lists_classes_properties_and_constraints(project, runner):
    result = runner.invoke(main, ["docs", *project.args()])
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert text.startswith("# Ontology reference")
    assert "2 classes, 2 properties." in text
    assert "### Agreement" in text
    assert "### signatory" in text
    # the shape on ex:Agreement is listed under it (no sh:message: nothing to quote)
    assert "Constraints" not in text


def test_docs_quotes_shape_messages_and_writes_a_file(project, runner):
    project.write(
        "ontology/shapes.ttl",
        "@prefix ex: <http://ex.org/> .\n@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
        "ex:PersonShape a sh:NodeShape ; sh:targetClass ex:Person ; sh:property [ sh:path ex:signedOn ;"
        ' sh:maxCount 0 ; sh:message "people are not signed" ] .\n',
    )
    out = project.root / "REFERENCE.md"
    result = runner.invoke(main, ["docs", "--out", str(out), *project.args()])
    assert result.exit_code == 0, result.output
    text = out.read_text()
    person = text.split("### Person", 1)[1].split("###", 1)[0]
    assert "- people are not signed" in person
    assert result.stdout == ""


def test_docs_on_broken_ontology_fails_with_location(project, runner):
    project.write("ontology/onto.ttl", "@prefix ex: <http://ex.org/> .\nex:A a .\n")
    result = runner.invoke(main, ["docs", *project.args()])
    assert result.exit_code == 1
    assert "ontology/onto.ttl:2:" in result.stderr


# --- the command-line reference (docs/reference/cli.md) --------------------------------

REPO = Path(__file__).resolve().parent.parent


def test_the_cli_page_is_what_the_commands_say():
    committed = (REPO / CLI_PAGE).read_text(encoding="utf-8")
    assert committed == cli_reference(), (
        "docs/reference/cli.md is out of date: run python -m kg.commands.reference"
    )


def test_the_cli_page_lists_every_command_and_visible_option():
    text = cli_reference()
    ctx = click.Context(main)
    for name in COMMANDS:
        command = main.get_command(ctx, name)
        section = text.split(f"\n## kg {name}\n", 1)[1].split("\n## kg ", 1)[0]
        for param in command.params:
            if isinstance(param, click.Option):
                shown = f"`{param.opts[-1]}`" in section
                assert shown != param.hidden, (name, param.opts)


def _tiny_group() -> click.Group:
    @click.group()
    def group() -> None:
        """A tool."""

    @group.command("go")
    @click.argument("thing")
    @click.option("-o", "--output", metavar="FILE", help="Write <it> there | here.")
    @click.option("--count", type=int, default=3, show_default=True, help="How many.")
    @click.option("--zero", type=int, default=0, show_default=True, help="Zero is shown.")
    @click.option("--old", hidden=True, help="Gone.")
    @click.option("--must", required=True, help="Needed.")
    def go(thing: str, output: str, count: int, zero: int, old: str, must: str) -> None:
        """Go somewhere.

        A paragraph that
        wraps.

        \b
        Example:
          tool go home
        """

    return group


def test_the_reference_renders_help_usage_and_options_as_markdown():
    text = cli_reference(_tiny_group())
    assert "| [`kg go`](#kg-go) | Go somewhere. |" in text
    assert "## kg go\n\n```text\nkg go [OPTIONS] THING\n```" in text
    assert "A paragraph that wraps." in text
    assert "```text\nExample:\n  tool go home\n```" in text
    assert "| `-o`, `--output` | `FILE` |  | Write &lt;it&gt; there \\| here. |" in text
    assert "| `--count` | `INTEGER` | `3` | How many. |" in text
    assert "| `--zero` | `INTEGER` | `0` | Zero is shown. |" in text
    assert "| `--must` | `TEXT` | required | Needed. |" in text
    assert "--old" not in text and "Gone." not in text


def test_reference_script_checks_and_writes(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert reference_main(["--check"]) == 1
    assert "out of date" in capsys.readouterr().err
    assert reference_main([]) == 0
    assert (tmp_path / CLI_PAGE).read_text(encoding="utf-8") == cli_reference()
    assert reference_main(["--check"]) == 0
    assert "current" in capsys.readouterr().err
