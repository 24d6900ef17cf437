"""The ``kg`` command line: a thin layer over the :mod:`kg` library.

Exit codes: 0 success (sources valid), 1 invalid data, 2 usage error (including a
query that cannot run), 3 internal error (a bug in kg: please report it;
``KG_DEBUG=1`` shows the traceback), 4 query timed out, 5 a remote endpoint
failed (down, wrong URL, refused the request).
"""

from __future__ import annotations

import os
import sys
from typing import Any

import click

from kg import __version__
from kg.commands.bench import bench_command
from kg.commands.build import build_command
from kg.commands.docs import docs_command
from kg.commands.draft import draft_command
from kg.commands.export import export_command
from kg.commands.find import find_command
from kg.commands.output import echo_report, error
from kg.commands.push import push_command
from kg.commands.query import query_command
from kg.commands.stats import stats_command
from kg.commands.validate import validate_command
from kg.commands.viz import viz_command
from kg.errors import InvalidDataError, KGError

EXIT_INTERNAL = 3


class KGGroup(click.Group):
    """A click group that turns kg's errors into messages and exit codes, never tracebacks."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except InvalidDataError as exc:
            echo_report(exc.report)
            errors = len(exc.report.errors)
            error(f"invalid: {errors} error(s); nothing was written")
            ctx.exit(exc.exit_code)
        except KGError as exc:
            error(str(exc))
            ctx.exit(exc.exit_code)
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


@click.group(cls=KGGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kg")
def main() -> None:
    """kg: build, validate, query and explore a knowledge graph of news facts.

    Facts are Turtle files in triples/ (one named graph per file), checked
    against the ontology and SHACL shapes in ontology/. Run `kg build` in a
    project folder (or any sub-folder of one) to validate the sources and
    write build/.

    Exit codes: 0 success, 1 invalid data, 2 usage error (a bad option, folder
    or query), 3 internal error, 4 query timed out, 5 remote endpoint failed.
    """


main.add_command(bench_command)
main.add_command(build_command)
main.add_command(docs_command)
main.add_command(draft_command)
main.add_command(export_command)
main.add_command(find_command)
main.add_command(push_command)
main.add_command(query_command)
main.add_command(stats_command)
main.add_command(validate_command)
main.add_command(viz_command)
