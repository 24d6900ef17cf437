"""``kg push``: upload the dataset to a SPARQL graph store, one named graph at a time."""

from __future__ import annotations

import json
from pathlib import Path

import click

from kg.commands.options import json_option, quiet_option, source_options
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
@json_option
@quiet_option
def push_command(
    ontology: Path,
    triples: Path,
    root: Path | None,
    endpoint: str,
    timeout: float,
    as_json: bool,
    quiet: bool,
) -> None:
    """Upload every named graph (ontology and facts) to a remote store.

    Each source file's graph is sent with an HTTP PUT ?graph=IRI (SPARQL 1.1
    Graph Store Protocol), which replaces that graph on the server and leaves
    its other graphs alone, so pushing again after an edit updates in place.
    The current build is sent when it matches the sources; otherwise the
    sources are read (run kg build first to push only validated data).

    Then query the server's SPARQL service with --endpoint, e.g.

    \b
      kg push --endpoint http://localhost:7878/store
      kg query people-positions --endpoint http://localhost:7878/query
      kg stats --endpoint http://localhost:7878/query

    Exit code 5 when the server cannot be reached or refuses a graph.
    """
    from kg.data.current import current_dataset
    from kg.data.remote import push

    build_dir = (root or Path.cwd()) / "build"
    with progress_display(not quiet and not as_json) as progress:
        dataset, _reused = current_dataset(ontology, triples, build_dir, progress)
        result = push(dataset, endpoint, progress, timeout)
    if as_json:
        payload = {"endpoint": result.url, "graphs": result.graphs, "triples": result.triples}
        click.echo(json.dumps(payload, indent=2, sort_keys=True))
    elif not quiet:
        click.echo(f"pushed {result.graphs:,} graphs, {result.triples:,} triples to {result.url}")
