"""``kg build``: validate the sources and write the dataset."""

from __future__ import annotations

import json
from pathlib import Path

import click

from kg.commands.options import (
    deprecated_alias,
    json_option,
    quiet_option,
    shacl_option,
    source_options,
    strict_option,
)
from kg.commands.output import echo_report, progress_display


@click.command("build")
@source_options
@click.option(
    "--build-dir",
    "out",
    type=click.Path(path_type=Path),
    default=None,
    help="Folder to write dataset.nq, graph.ttl and manifest.json into"
    "  [default: out/ of the project]",
)
@deprecated_alias("--out", "--build-dir")
@shacl_option
@click.option(
    "--store-path",
    type=click.Path(path_type=Path),
    default=None,
    help="Also write a persistent store there, for kg query/stats/viz --store-path.",
)
@strict_option
@json_option
@quiet_option
def build_command(
    ontology: Path,
    triples: Path,
    root: Path | None,
    out: Path | None,
    shacl_engine: str,
    store_path: Path | None,
    strict: bool,
    as_json: bool,
    quiet: bool,
) -> None:
    """Validate the sources, then write the dataset into --build-dir.

    Reads every RDF file (Turtle, TriG, N-Triples, N-Quads, RDF/XML, JSON-LD)
    below --ontology and --triples, one named graph per file, and runs every
    check of `kg validate`. Only when all pass does it write:

    \b
      dataset.nq     every named graph (N-Quads)
      graph.ttl      all graphs merged (Turtle)
      manifest.json  the source files and their hashes

    On any failure the previous contents of --build-dir are left exactly as they were.
    Two builds of the same sources give byte-identical files.
    """
    from kg.data.current import LEGACY_OUT, MANIFEST, default_out, read_manifest
    from kg.pipeline.build import build

    if out is None:
        out = default_out(root or Path.cwd())
        legacy = (root or Path.cwd()) / LEGACY_OUT
        if read_manifest(legacy / MANIFEST) is not None and not quiet:
            click.echo(
                f"kg: note: kg now writes into {out.name}/; {legacy} holds an older kg build "
                "that kg no longer updates (remove it when nothing reads it)",
                err=True,
            )
    with progress_display(not quiet and not as_json) as progress:
        result = build(ontology, triples, out, progress, shacl_engine, store_path, strict)
    if as_json:
        click.echo(json.dumps(result.to_dict(), indent=2, sort_keys=True))
        return
    if result.report.problems:
        echo_report(result.report)
    if quiet:
        return
    click.echo(f"built {out}")
    click.echo(f"  files     {result.files:>9,}")
    click.echo(f"  graphs    {result.graphs:>9,}")
    click.echo(f"  triples   {result.triples:>9,}  ({result.merged_triples:,} distinct, merged)")
    click.echo(f"  entities  {result.entities:>9,}")
    click.echo(f"  classes   {result.classes:>9,}")
    click.echo(f"  time      {result.seconds:>8.2f}s")
