"""The command-line reference in Markdown, written from the click commands themselves.

``python -m kg.commands.reference`` writes ``docs/reference/cli.md`` (the docs
site's CLI page); ``--check`` only says whether it is current.
``tests/test_cli_docs.py`` fails when the committed page differs from
:func:`cli_reference`, so the page cannot drift from ``kg --help``.
"""

from __future__ import annotations

import html
import inspect
import sys
from pathlib import Path

import click

#: Where the docs site keeps the page, from the project folder.
CLI_PAGE = Path("docs/reference/cli.md")

_HEADER = """\
# Command-line reference

Generated from the click commands by `python -m kg.commands.reference`; do not edit
by hand (a test fails when this page and `kg --help` differ). Every command also
takes `-h`/`--help`. Old option names that still work for one release are not
listed: they print a note naming the new one.

One name means one thing on every command:

| Option | Means |
| --- | --- |
| `-o`, `--output FILE` | the file the command writes (a folder for `kg export -f csv`) |
| `--build-dir DIR` | kg's build folder (`out/` of the project): where `kg build` writes, what the other commands reuse |
| `-f`, `--format NAME` | the format of what the command prints or writes |
| `--json` | one JSON object (for `kg query`, the query's JSON results) on stdout, and no progress display |
| `-n`, `--limit N` | at most N entries in each list printed |
| `-q`, `--quiet` | nothing but errors, and no progress display (progress is drawn on stderr, only on a terminal) |
"""


def _text(text: str) -> str:
    """Help text as Markdown: paragraphs kept, ``\\b`` blocks as code, ``<`` escaped."""
    blocks = []
    for block in inspect.cleandoc(text).split("\n\n"):
        if block.startswith("\b\n"):
            blocks.append("```text\n" + block[2:] + "\n```")
        else:
            blocks.append(html.escape(" ".join(block.split()), quote=False))
    return "\n\n".join(blocks)


def _cell(text: str) -> str:
    """Text for a table cell: one line, ``|`` and ``<`` escaped."""
    return html.escape(" ".join(text.split()), quote=False).replace("|", "\\|")


def _metavar(param: click.Parameter, ctx: click.Context) -> str:
    try:
        return param.make_metavar(ctx)
    except TypeError:  # click < 8.2 takes no context
        return param.make_metavar()  # type: ignore[call-arg]


def _option_row(option: click.Option, ctx: click.Context) -> str:
    names = ", ".join(f"`{n}`" for n in [*option.opts, *option.secondary_opts])
    takes = "" if option.is_flag else f"`{_metavar(option, ctx)}`"
    default = ""
    if option.show_default and not (option.default is None or option.default is False):
        default = f"`{option.default}`"
    if option.required:
        default = "required"
    return f"| {names} | {_cell(takes)} | {default} | {_cell(option.help or '')} |"


def command_reference(name: str, command: click.Command, parent: click.Context) -> str:
    """One command's section: usage, help text and a table of its options."""
    ctx = click.Context(command, info_name=name, parent=parent)
    usage = " ".join([ctx.command_path, *command.collect_usage_pieces(ctx)])
    lines = [f"## {ctx.command_path}", "", "```text", usage, "```", "", _text(command.help or "")]
    rows = [
        _option_row(p, ctx)
        for p in command.params
        if isinstance(p, click.Option) and not getattr(p, "hidden", False)
    ]
    if rows:
        lines += ["", "| Option | Takes | Default | What it does |", "| --- | --- | --- | --- |"]
        lines += rows
    return "\n".join(lines)


def cli_reference(group: click.Group | None = None) -> str:
    """The whole reference: the ``kg`` group, then each command in name order."""
    if group is None:
        from kg.commands import main as group
    ctx = click.Context(group, info_name="kg")
    names = group.list_commands(ctx)
    lines = [
        _HEADER,
        _text(group.help or ""),
        "",
        "| Command | What it does |",
        "| --- | --- |",
    ]
    for name in names:
        command = group.get_command(ctx, name)
        short = command.get_short_help_str(limit=200) if command else ""
        lines.append(f"| [`kg {name}`](#kg-{name}) | {_cell(short)} |")
    sections = [command_reference(n, group.get_command(ctx, n), ctx) for n in names]
    return "\n".join(lines) + "\n\n" + "\n\n".join(sections) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Write (or with ``--check``, compare) ``docs/reference/cli.md`` of the project.

    The project is the working folder or the nearest folder above it with
    ``ontology/`` and ``triples/``, as for every ``kg`` command.
    """
    from kg.data.sources import find_project_root

    args = sys.argv[1:] if argv is None else argv
    page = (find_project_root(Path.cwd()) or Path.cwd()) / CLI_PAGE
    text = cli_reference()
    if args == ["--check"]:
        current = page.exists() and page.read_text(encoding="utf-8") == text
        print(f"{page}: {'current' if current else 'out of date'}", file=sys.stderr)
        return 0 if current else 1
    from kg.pipeline.safewrite import write_text_atomic

    write_text_atomic(page, text)
    print(f"wrote {page}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
