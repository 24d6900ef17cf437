"""The ``kg`` command line: a thin layer over the :mod:`kg` library.

Exit codes: 0 success (sources valid), 1 invalid data, 2 usage error (including a
query that cannot run), 3 internal error (a bug in kg: please report it;
``KG_DEBUG=1`` shows the traceback), 4 query timed out, 5 a remote endpoint
failed (down, wrong URL, refused the request).
"""

from __future__ import annotations

import importlib
import os
import sys
from typing import Any

import click

from kg import __version__
from kg.commands.output import echo_report, error
from kg.errors import InvalidDataError, KGError

#: Each subcommand: where it is defined and its one-line help. A command's module
#: is imported only when that command runs (or shows its own --help), so
#: ``kg --help`` and shell completion import neither the library nor rdflib,
#: networkx or igraph. A test checks each line against the command's docstring.
COMMANDS: dict[str, tuple[str, str]] = {
    "bench": (
        "kg.commands.bench:bench_command",
        "Generate a synthetic graph and time kg against references on it.",
    ),
    "build": (
        "kg.commands.build:build_command",
        "Validate the sources, then write the dataset into --build-dir.",
    ),
    "docs": (
        "kg.commands.docs:docs_command",
        "Print a Markdown reference of the ontology (classes, properties, shapes).",
    ),
    "draft": (
        "kg.commands.draft:draft_command",
        "Draft the Turtle of a new article (ARTICLE: its text, UTF-8).",
    ),
    "export": (
        "kg.commands.export:export_command",
        "Export the graph: the networkx projection, or the RDF dataset.",
    ),
    "find": (
        "kg.commands.find:find_command",
        "Find the entities NAME may mean: by preferred label, alias or IRI.",
    ),
    "push": (
        "kg.commands.push:push_command",
        "Upload every named graph (ontology and facts) to a remote store.",
    ),
    "query": (
        "kg.commands.query:query_command",
        "Run a SPARQL query on the graph of the current sources.",
    ),
    "stats": (
        "kg.commands.stats:stats_command",
        "Print the RDF census, the graph's figures and the top entities by each measure.",
    ),
    "validate": (
        "kg.commands.validate:validate_command",
        "Check the sources: syntax, vocabulary, SHACL shapes and labels.",
    ),
    "viz": (
        "kg.commands.viz:viz_command",
        "Write an interactive HTML page of the graph.",
    ),
}


class LazyGroup(click.Group):
    """A group whose subcommands are imported on first use (click's ``LazyGroup`` pattern).

    The listing in ``--help`` is written from :data:`COMMANDS` without importing
    anything.
    """

    def __init__(self, *args: Any, lazy: dict[str, tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lazy = lazy

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.lazy:
            return super().get_command(ctx, cmd_name)
        module, name = self.lazy[cmd_name][0].split(":")
        command = getattr(importlib.import_module(module), name)
        self.add_command(command, cmd_name)
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, self.lazy[name][1]) for name in self.list_commands(ctx) if name in self.lazy]
        rows += [
            (name, cmd.get_short_help_str(formatter.width))
            for name, cmd in sorted(self.commands.items())
            if name not in self.lazy
        ]
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


EXIT_INTERNAL = 3

#: What invalid data stopped, for the commands that write (the others only read).
_REFUSED = {
    "build": "; nothing was written",
    "docs": "; nothing was written",
    "export": "; nothing was written",
    "viz": "; nothing was written",
    "push": "; nothing was pushed",
}


class KGGroup(LazyGroup):
    """A click group that turns kg's errors into messages and exit codes, never tracebacks."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        from kg.commands.interrupt import install

        install()  # Ctrl-C stops any command within a second (exit 130)
        return super().main(*args, **kwargs)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except InvalidDataError as exc:
            echo_report(exc.report)
            errors = len(exc.report.errors)
            refused = _REFUSED.get(ctx.invoked_subcommand or "", "")
            error(f"invalid: {errors} error(s){refused}")
            ctx.exit(exc.exit_code)
        except KGError as exc:
            error(str(exc))
            ctx.exit(exc.exit_code)
        except KeyboardInterrupt:
            from kg.commands.interrupt import EXIT_INTERRUPTED, MESSAGE

            click.echo(MESSAGE.decode(), err=True, nl=False)
            ctx.exit(EXIT_INTERRUPTED)
        except BrokenPipeError:
            # the reader (head, less) has had enough: stop quietly, as cat does
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            ctx.exit(0)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except Exception as exc:
            if os.environ.get("KG_DEBUG"):
                raise
            error(
                f"internal error: {type(exc).__name__}: {exc} "
                "(this is a bug in kg; run with KG_DEBUG=1 to see the traceback)"
            )
            ctx.exit(EXIT_INTERNAL)


@click.group(cls=KGGroup, lazy=COMMANDS, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kg")
def main() -> None:
    """kg: build, validate, query and explore a knowledge graph of news facts.

    Facts are Turtle files in triples/ (one named graph per file), checked
    against the ontology and SHACL shapes in ontology/. Run `kg build` in a
    project folder (or any sub-folder of one) to validate the sources and
    write out/.

    Exit codes: 0 success, 1 invalid data, 2 usage error (a bad option, folder
    or query), 3 internal error, 4 query timed out, 5 remote endpoint failed.
    """
