"""``kg query``: SPARQL over the current sources, and the catalogue of saved queries."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from kg.commands.options import data_options, format_option, json_format_option
from kg.commands.output import open_data, terminal_width
from kg.query.results import GRAPH_FORMATS, RESULT_FORMATS

if TYPE_CHECKING:
    from kg.data.open import DataSpec


@click.command("query")
@click.argument("query", required=False)
@data_options
@click.option("--list", "list_saved", is_flag=True, help="List the saved queries and exit.")
@format_option(
    RESULT_FORMATS + GRAPH_FORMATS,
    "table for people; csv, tsv, json, xml are the W3C result formats; "
    "ttl, nt, jsonld for CONSTRUCT and DESCRIBE (which print Turtle by default).",
    default="table",
    show_default=True,
)
@json_format_option()
@click.option(
    "-b",
    "--bind",
    "binds",
    multiple=True,
    metavar="NAME=VALUE",
    help='Fix a variable: <iri>, prefix:name, "string", a number, or any label or '
    "alias of an entity (matched case-insensitively). Repeatable.",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0, min_open=True),
    default=None,
    help="Stop the query after this many seconds (exit code 4).",
)
@click.option(
    "--allow-service",
    is_flag=True,
    help="Let a federated query's SERVICE clauses ask the endpoints they name "
    "(refused otherwise: kg query reads the local graph).",
)
def query_command(
    query: str | None,
    data: DataSpec,
    root: Path | None,
    list_saved: bool,
    fmt: str,
    binds: tuple[str, ...],
    timeout: float | None,
    allow_service: bool,
) -> None:
    """Run a SPARQL query on the graph of the current sources.

    QUERY is inline SPARQL, a path to a .rq file, - for stdin, or the name of a
    saved query (kg query --list). The default graph is the union of all named
    graphs; GRAPH ?g reaches each source file's graph. The ontology's prefixes
    and the standard ones (rdf, rdfs, owl, xsd, skos, schema, prov, org, ...)
    are pre-bound.

    The last build is reused when it matches the sources; otherwise the sources
    are read afresh, so answers always reflect triples/ as it is now. Queries
    are read-only: SPARQL UPDATE is refused.

    \b
    Examples:
      kg query --list
      kg query people-positions
      kg query aliases --bind entity="Fan Mingzheng"
      kg query 'SELECT ?p WHERE { ?p a schema:Person }' --format csv
    """
    from kg.query.catalogue import load_catalogue
    from kg.query.request import answer, answer_within, query_text
    from kg.query.sparql import check_bindings, resolve_binding
    from kg.query.terms import undefined_terms

    catalogue = load_catalogue()
    if list_saved:
        width = max(len(name) for name in catalogue)
        for name, saved in catalogue.items():
            shown = [p + ("?" if p in saved.optional else "") for p in saved.params]
            params = f"  (--bind {', '.join(shown)}=...)" if saved.params else ""
            click.echo(f"{name.ljust(width)}  {saved.question}{params}")
        return
    if query is None:
        raise click.UsageError("give a QUERY (SPARQL, a .rq file, - or a saved name) or --list")
    text, saved = query_text(query, catalogue)
    dataset = open_data(data).dataset
    pairs = []
    for item in binds:
        name, sep, value = item.partition("=")
        if not sep:
            raise click.BadParameter(f"{item!r} is not NAME=VALUE", param_hint="--bind")
        pairs.append((name, value))
    check_bindings(text, [name for name, _ in pairs], saved)
    bindings = []
    for name, value in pairs:
        entity = saved is not None and name.lstrip("?$") in saved.params
        binding = resolve_binding(dataset, name, value, entity=entity)
        if binding.note:
            click.echo(f"kg: {binding.note}", err=True)
        bindings.append(binding)
    width = terminal_width()
    for note in undefined_terms(dataset, text):
        click.echo(f"kg: warning: {note}", err=True)
    if saved is not None:  # its lists sorted, the same on every engine
        text = saved.runnable()
    args = (text, fmt, bindings, width, allow_service, saved.lists if saved else None)
    output = answer(dataset, *args) if timeout is None else answer_within(timeout, dataset, *args)
    click.echo(output, nl=False)
