"""``kg push``: upload the dataset to a SPARQL graph store, one named graph at a time."""

from __future__ import annotations

import json
from pathlib import Path

import click

from kg.commands.options import json_option, quiet_option, shacl_option, source_options
from kg.commands.output import progress_display


@click.command("push")
@source_options
@click.option(
    "--endpoint",
    metavar="URL",
    required=True,
    help="Graph Store Protocol URL (Oxigraph: http://HOST:7878/store; Fuseki: "
    "http://HOST:3030/DATASET/data; GraphDB: .../repositories/REPO/rdf-graphs/service).",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0, min_open=True),
    default=300.0,
    show_default=True,
    help="Seconds to wait for each answer.",
)
@click.option(
    "--prune",
    is_flag=True,
    help="Also delete the graphs kg pushed before that no longer exist locally "
    "(never a graph kg did not push).",
)
@click.option(
    "--no-validate",
    "skip_validation",
    is_flag=True,
    help="Push even when the sources do not pass validation.",
)
@shacl_option
@json_option
@quiet_option
def push_command(
    ontology: Path,
    triples: Path,
    root: Path | None,
    endpoint: str,
    timeout: float,
    prune: bool,
    skip_validation: bool,
    shacl_engine: str,
    as_json: bool,
    quiet: bool,
) -> None:
    """Upload every named graph (ontology and facts) to a remote store.

    Each source file's graph is sent with an HTTP PUT ?graph=IRI (SPARQL 1.1
    Graph Store Protocol), which replaces that graph on the server and leaves
    its other graphs alone, so pushing again after an edit updates in place.
    kg records the graphs it pushed in the graph <urn:kg:push:manifest>;
    --prune deletes those that no longer exist locally (an article removed),
    and never a graph kg did not push.

    The data is validated first (the current build, when it matches the
    sources, is valid already): invalid data is not pushed unless --no-validate.
    --endpoint may be the server's base URL (http://HOST:7878): the graph
    store is then /store.

    Then query the server's SPARQL service with --endpoint, e.g.

    \b
      kg push --endpoint http://localhost:7878/store
      kg query people-positions --endpoint http://localhost:7878/query
      kg stats --endpoint http://localhost:7878/query

    Exit code 5 when the server cannot be reached or refuses a graph.
    """
    from kg.data.current import current_dataset, reusable_build
    from kg.data.remote import push
    from kg.errors import InvalidDataError

    build_dir, note = reusable_build(root or Path.cwd())
    with progress_display(not quiet and not as_json) as progress:
        dataset, reused = current_dataset(ontology, triples, build_dir, progress)
        if reused and note:
            click.echo(f"kg: {note}", err=True)
        if not reused and not skip_validation:
            from kg.validation import validate

            report = validate(dataset, progress, shacl_engine)
            if report.errors:
                raise InvalidDataError(report)
        result = push(dataset, endpoint, progress, timeout, prune)
    if result.url != endpoint and not as_json:
        click.echo(f"kg: using the graph store at {result.url}", err=True)
    if as_json:
        payload = {
            "endpoint": result.url,
            "graphs": result.graphs,
            "triples": result.triples,
            "replaced": result.replaced,
            "added": result.added,
            "removed": result.removed,
            "stale": result.stale,
        }
        click.echo(json.dumps(payload, indent=2, sort_keys=True))
        return
    if not quiet:
        parts = [f"{len(result.replaced):,} replaced", f"{len(result.added):,} added"]
        if prune:
            parts.append(f"{len(result.removed):,} removed")
        click.echo(
            f"pushed {result.graphs:,} graphs, {result.triples:,} triples to {result.url} "
            f"({', '.join(parts)})"
        )
    if result.stale:
        click.echo(
            f"kg: {len(result.stale):,} graph(s) kg pushed before no longer exist locally "
            f"and are still on the server: {', '.join(result.stale)}; "
            "kg push --prune removes them",
            err=True,
        )
