"""``kg stats``: the RDF census, the graph's figures and its most central entities."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import click

from kg.analysis.measures import NAMES
from kg.commands.options import (
    data_options,
    deprecated_alias,
    json_option,
    projection_options,
    quiet_option,
)
from kg.commands.output import open_data, progress_display

if TYPE_CHECKING:
    from kg.analysis.projection import ProjectionRules
    from kg.data.open import DataSpec


@click.command("stats")
@data_options
@projection_options
@click.option(
    "-n",
    "--limit",
    "top",
    type=click.IntRange(min=1),
    default=None,
    help="Entities listed per measure and community  [default: 5 in the text report, "
    "10 with --full or --json]",
)
@deprecated_alias("--top", "--limit")
@click.option(
    "--full",
    is_flag=True,
    help="The whole report: every graph, class, predicate and datatype, the degree "
    "distribution and every measure (the default fits one screen).",
)
@click.option(
    "--measure",
    "measures",
    multiple=True,
    type=click.Choice(NAMES),
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
    top: int | None,
    full: bool,
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

    The text report fits one screen: the census in short (facts and ontology
    counted apart), the projection, the communities with their best-connected
    members, and the top entities by degree, PageRank and betweenness. --full
    prints everything; --measure picks the measures.

    --json prints one object (schema "kg-stats/1", see kg/analysis/stats.py).
    """
    brief = not full and not as_json
    chosen = list(measures) or (list(BRIEF_MEASURES) if brief else None)
    top = top or (5 if brief else 10)
    with progress_display(not quiet and not as_json) as progress:
        opened = open_data(data, progress)
        # imported once the build is loading (in the background): the two overlap
        from kg.analysis.stats import compute_stats

        result = compute_stats(
            opened.dataset,
            rules,
            chosen,
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
    from kg.commands.output import terminal_width

    lines = format_stats(result) if full else format_brief(result, terminal_width() or 100)
    for line in lines:
        click.echo(line)


#: Measures of the one-screen report (``--measure`` or ``--full`` for others).
BRIEF_MEASURES = ("degree", "pagerank", "betweenness")
#: Entries per census list in the one-screen report.
BRIEF_LIST = 6


def _census_line(title: str, entries: list[dict], key: str) -> str:
    shown = ", ".join(f"{e[key]} {e['count']:,}" for e in entries[:BRIEF_LIST])
    more = f", … {len(entries) - BRIEF_LIST} more" if len(entries) > BRIEF_LIST else ""
    return f"  {title}: {shown or 'none'}{more}"


def _rdf_head(rdf: dict) -> list[str]:
    onto = rdf.get("ontology", {})
    fact_graphs = len(rdf["graphs"]) - sum(
        1 for g in rdf["graphs"] if (g["file"] or "").startswith("ontology/")
    )
    lines = [
        f"RDF: {rdf['triples']:,} triples in {len(rdf['graphs'])} graphs "
        f"({rdf['fact_triples']:,} in the facts)",
    ]
    if onto:
        lines.append(
            f"ontology: {onto['triples']:,} triples: {onto['classes']:,} classes, "
            f"{onto['properties']:,} properties, {onto['shapes']:,} shapes"
        )
    instances = sum(int(c["count"]) for c in rdf["classes"])
    lines.append(
        f"facts: {rdf['fact_triples']:,} triples in {fact_graphs:,} graphs, "
        f"{instances:,} typed instances of {len(rdf['classes']):,} classes"
    )
    lines.append(_evidence_line(rdf.get("evidence")))
    return lines


def _evidence_line(evidence: dict | None) -> str:
    """Statements that quote a sentence, of those the shapes ask one of."""
    if not evidence or not evidence["statements"]:
        return "evidence: no statements that the shapes ask a sentence of"
    n, k = evidence["statements"], evidence["with_evidence"]
    return f"evidence: {k:,} of {n:,} statements quote a supporting sentence ({k / n:.0%})"


def _communities(graph: dict, limit: int, width: int | None = None) -> list[str]:
    comm = graph["communities"]
    lines = [
        f"communities: {comm['count']} (louvain, seed {comm['seed']}, "
        f"modularity {comm['modularity']}); the largest, best-connected members first:"
    ]
    pairs = zip(comm["sizes"], comm["largest"], strict=False)
    for rank, (size, members) in enumerate(pairs, start=1):
        if rank > limit:
            break
        names = ", ".join(members)
        more = ", …" if size > len(members) else ""
        line = f"  {rank:>3}. {size:>5,} nodes: {names}{more}"
        if width and len(line) > width:
            line = line[: width - 1] + "…"
        lines.append(line)
    return lines


def format_brief(result: dict, width: int | None = 100) -> list[str]:
    """The stats dict as one screen of text (``kg stats`` without ``--full``).

    Lines listing community members are cut at ``width`` characters.
    """
    rdf, proj, graph = result["rdf"], result["projection"], result["graph"]
    lines = [
        *_rdf_head(rdf),
        _census_line("classes", rdf["classes"], "class"),
        _census_line("predicates", rdf["predicates"], "predicate"),
        _census_line("literals", rdf["literals_by_datatype"], "datatype"),
        f"  entities without a label: {len(rdf['entities_without_label'])}",
        _validation_line(result["validation"]),
        "",
        *_projection_lines(proj),
        *_figures(graph),
        *_communities(graph, 5, width),
    ]
    lines += _measures(result["measures"])
    lines += [
        "",
        "(kg stats --full for every graph, class, predicate and measure; --json for scripts)",
    ]
    return lines


def _projection_lines(proj: dict) -> list[str]:
    rules = proj["rules"]
    lines = [
        f"projection: {proj['nodes']:,} nodes, {proj['edges']:,} edges "
        f"({'directed' if rules['directed'] else 'undirected'}"
        f"{', events collapsed' if rules['collapse_events'] else ''})",
        f"  excluded predicates: {', '.join(rules['exclude_predicates']) or 'none'}",
        f"  excluded classes: {', '.join(rules['exclude_classes']) or 'none'}",
    ]
    if rules["include_predicates"]:
        lines.append(f"  only predicates: {', '.join(rules['include_predicates'])}")
    return lines


def _figures(graph: dict) -> list[str]:
    comps, diam = graph["components"], graph["diameter"]
    return [
        f"density: {graph['density']}",
        f"components: {comps['count']} (largest {comps['sizes'][0] if comps['sizes'] else 0} nodes, "
        f"{comps['largest_share']:.1%})",
        f"diameter of the largest component: {diam['value']} ({diam['method']})",
    ]


def _measures(measures: dict) -> list[str]:
    lines: list[str] = []
    for name, measure in measures.items():
        lines += ["", f"top by {name} ({measure['method']}):"]
        lines += [f"  note: {note}" for note in measure["notes"]]
        for rank, entry in enumerate(measure["top"], start=1):
            lines.append(
                f"  {rank:>3}. {entry['value']:<10.4g} {entry['label']} ({entry['class']})"
            )
    return lines


def _validation_line(valid: dict) -> str:
    if valid["valid"] is None:
        return "validation: not checked (remote endpoint)"
    source = "from the current build" if valid["source"] == "build" else "checked now"
    return f"validation: {'valid' if valid['valid'] else 'INVALID'} ({valid['errors']} errors; {source})"


def format_stats(result: dict) -> list[str]:
    """The stats dict as text for people: the whole report (``kg stats --full``)."""
    rdf, proj, graph = result["rdf"], result["projection"], result["graph"]
    lines = [
        *_rdf_head(rdf),
        _validation_line(result["validation"]),
        "",
        "triples per graph:",
        *[f"  {g['triples']:>8,}  {g['file'] or g['graph']}" for g in rdf["graphs"]],
        "",
        "classes of the facts (instances):",
        *[f"  {c['count']:>8,}  {c['class']}" for c in rdf["classes"]],
        "",
        "predicates of the facts (uses):",
        *[f"  {p['count']:>8,}  {p['predicate']}" for p in rdf["predicates"]],
        "",
        "literals of the facts by datatype:",
        *[f"  {d['count']:>8,}  {d['datatype']}" for d in rdf["literals_by_datatype"]],
        "",
        f"entities without a label: {len(rdf['entities_without_label'])}",
        *[f"  {e}" for e in rdf["entities_without_label"]],
        "",
        "statements without a supporting sentence"
        + (f" (the first {len(rdf['evidence']['without'])})" if rdf["evidence"]["without"] else "")
        + f": {rdf['evidence']['statements'] - rdf['evidence']['with_evidence']:,}",
        *[f"  {e}" for e in rdf["evidence"]["without"]],
        f"  (statements: instances of {', '.join(rdf['evidence']['classes'])})",
        "",
        *_projection_lines(proj),
        *_figures(graph),
        "degree distribution: "
        + ", ".join(f"{k}:{v}" for k, v in graph["degree_distribution"].items()),
        *_communities(graph, len(graph["communities"]["largest"])),
    ]
    return lines + _measures(result["measures"])
