"""``kg export``: the projection for graph tools, or the RDF for RDF tools."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import click

from kg.analysis.export import GRAPH_EXPORTS, RDF_EXPORTS
from kg.commands.options import (
    data_options,
    deprecated_alias,
    format_option,
    json_option,
    output_option,
    projection_options,
)
from kg.commands.output import open_data

if TYPE_CHECKING:
    from kg.analysis.projection import ProjectionRules
    from kg.data.open import DataSpec

_DEFAULT_NAMES = {
    "graphml": "graph.graphml",
    "gexf": "graph.gexf",
    "csv": "csv",
    "ttl": "export.ttl",
    "nq": "export.nq",
    "trig": "export.trig",
    "jsonld": "export.jsonld",
}


@click.command("export")
@data_options
@projection_options
@format_option(
    GRAPH_EXPORTS + RDF_EXPORTS,
    "graphml or gexf (Gephi, Cytoscape), csv (nodes.csv, edges.csv, rules.json), "
    "or ttl, nq, trig, jsonld (the RDF).",
    required=True,
)
@output_option(
    "File to write (a folder for csv)  [default: out/graph.graphml, out/csv/, ...]",
    dest="out",
    dir_okay=True,
)
@deprecated_alias("--out", "--output")
@json_option
def export_command(
    data: DataSpec,
    root: Path | None,
    rules: ProjectionRules,
    fmt: str,
    out: Path | None,
    as_json: bool,
) -> None:
    """Export the graph: the networkx projection, or the RDF dataset.

    Projection exports carry node attributes (label, class, aliases, articles,
    dates, amounts) and edge attributes (predicates, labels, articles, weight),
    and record the projection rules. RDF exports keep the named graphs (nq,
    trig, jsonld) or merge them (ttl). Files are written whole or not at all, and
    the same sources give the same bytes.
    """
    from kg.analysis.export import export_projection, export_rdf
    from kg.analysis.projection import project
    from kg.data.current import default_out

    out = out or default_out(root or Path.cwd()) / _DEFAULT_NAMES[fmt]
    dataset = open_data(data).dataset
    if fmt in RDF_EXPORTS:
        written = export_rdf(dataset, fmt, out)
    else:
        written = export_projection(project(dataset, rules), fmt, out)
    if as_json:
        payload = {"format": fmt, "written": [str(path) for path in written]}
        click.echo(json.dumps(payload, indent=2, sort_keys=True))
        return
    for path in written:
        click.echo(f"wrote {path}", err=True)
