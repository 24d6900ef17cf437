"""``kg stats``: the RDF census, the graph's figures and its most central entities."""

from __future__ import annotations

import json
from pathlib import Path

import click

from kg.analysis import CENTRALITIES
from kg.analysis.projection import ProjectionRules
from kg.analysis.stats import compute_stats
from kg.commands.options import (
    count_option,
    data_options,
    json_option,
    projection_options,
    quiet_option,
)
from kg.commands.output import progress_display
from kg.data.open import DataSpec, open_dataset


@click.command("stats")
@data_options
@projection_options
@count_option("--top", "top", default=10, help="Entities listed per measure.")
@click.option(
    "--measure",
    "measures",
    multiple=True,
    type=click.Choice(list(CENTRALITIES)),
    help="Measure to report (repeatable)  [default: all]",
)
@click.option(
    "--seed", type=int, default=0, show_default=True, help="Seed for communities and sampling."
)
@json_option
@quiet_option
def stats_command(
    data: DataSpec,
    root: Path | None,
    rules: ProjectionRules,
    top: int,
    measures: tuple[str, ...],
    seed: int,
    as_json: bool,
    quiet: bool,
) -> None:
    """Print the RDF census, the graph's figures and the top entities by each measure.

    \b
    Census: triples in total and per named graph, classes with instance counts,
    predicates with use counts, literals by datatype, entities without labels,
    validation status. Graph: the networkx projection (rules shown), density,
    components, diameter of the largest component, degree distribution,
    communities (Louvain, seeded). Measures: degree (in, out, total), PageRank,
    betweenness, closeness, eigenvector; above 5,000 nodes betweenness and
    closeness are estimated from 256 seeded samples and communities come from
    igraph's multilevel Louvain, and the output says so.

    --json prints one object (schema "kg-stats/1", see kg/analysis/stats.py).
    """
    with progress_display(not quiet and not as_json) as progress:
        opened = open_dataset(data, progress)
        result = compute_stats(
            opened.dataset,
            rules,
            list(measures) or None,
            top=top,
            seed=seed,
            validated=opened.valid,
            check=opened.origin != "endpoint",
            progress=progress,
            cache=opened.build_dir,
        )
    if as_json:
        click.echo(json.dumps(result, indent=2, sort_keys=True, ensure_ascii=False))
        return
    for line in format_stats(result):
        click.echo(line)


def _validation_line(valid: dict) -> str:
    if valid["valid"] is None:
        return "validation: not checked (remote endpoint)"
    source = "from the current build" if valid["source"] == "build" else "checked now"
    return f"validation: {'valid' if valid['valid'] else 'INVALID'} ({valid['errors']} errors; {source})"


def format_stats(result: dict) -> list[str]:
    """The stats dict as text for people."""
    rdf, proj, graph = result["rdf"], result["projection"], result["graph"]
    valid = result["validation"]
    lines = [
        f"RDF: {rdf['triples']:,} triples in {len(rdf['graphs'])} graphs ({rdf['fact_triples']:,} in the facts)",
        _validation_line(valid),
        "",
        "triples per graph:",
        *[f"  {g['triples']:>8,}  {g['file'] or g['graph']}" for g in rdf["graphs"]],
        "",
        "classes (instances):",
        *[f"  {c['count']:>8,}  {c['class']}" for c in rdf["classes"]],
        "",
        "predicates (uses):",
        *[f"  {p['count']:>8,}  {p['predicate']}" for p in rdf["predicates"]],
        "",
        "literals by datatype:",
        *[f"  {d['count']:>8,}  {d['datatype']}" for d in rdf["literals_by_datatype"]],
        "",
        f"entities without a label: {len(rdf['entities_without_label'])}",
        *[f"  {e}" for e in rdf["entities_without_label"]],
        "",
    ]
    rules = proj["rules"]
    lines += [
        f"projection: {proj['nodes']:,} nodes, {proj['edges']:,} edges "
        f"({'directed' if rules['directed'] else 'undirected'}"
        f"{', events collapsed' if rules['collapse_events'] else ''})",
        f"  excluded predicates: {', '.join(rules['exclude_predicates']) or 'none'}",
        f"  excluded classes: {', '.join(rules['exclude_classes']) or 'none'}",
    ]
    if rules["include_predicates"]:
        lines.append(f"  only predicates: {', '.join(rules['include_predicates'])}")
    comps, diam, comm = graph["components"], graph["diameter"], graph["communities"]
    lines += [
        f"density: {graph['density']}",
        f"components: {comps['count']} (largest {comps['sizes'][0] if comps['sizes'] else 0} nodes, "
        f"{comps['largest_share']:.1%})",
        f"diameter of the largest component: {diam['value']} ({diam['method']})",
        f"communities: {comm['count']} (louvain, seed {comm['seed']}, modularity {comm['modularity']})",
        "degree distribution: "
        + ", ".join(f"{k}:{v}" for k, v in graph["degree_distribution"].items()),
    ]
    for name, measure in result["measures"].items():
        lines += ["", f"top by {name} ({measure['method']}):"]
        lines += [f"  note: {note}" for note in measure["notes"]]
        for rank, entry in enumerate(measure["top"], start=1):
            lines.append(
                f"  {rank:>3}. {entry['value']:<10.4g} {entry['label']} ({entry['class']})"
            )
    return lines
