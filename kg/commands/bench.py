"""``kg bench``: kg's stages timed side by side with references on a synthetic graph."""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

import click

from kg.commands.options import count_option, deprecated_alias, json_option, quiet_option
from kg.commands.output import progress_display
from kg.data.sources import find_project_root


@click.command("bench")
@click.option(
    "--sizes",
    "sizes",
    default="100000",
    show_default=True,
    metavar="N[,N...]",
    help="Graph sizes to measure in triples, e.g. 10000,100000,1000000 (1e6 works too).",
)
@deprecated_alias("--triples", "--sizes")
@click.option(
    "--ontology",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=None,
    help="kg's ontology folder, which the generated facts follow  [default: ontology/ of the project]",
)
@click.option(
    "--workdir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Where to write the generated graphs and builds; kept afterwards  "
    "[default: a temporary folder, removed]",
)
@count_option("--viz-top", "top", default=500, help="N of the viz_top_N stage (kg viz --top N).")
@deprecated_alias("--top", "--viz-top")
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of the generator.")
@count_option(
    "--rdflib-limit",
    default=60,
    help="Seconds after which a query on rdflib's store is stopped (kg's speed-up is then "
    "reported as at least the limit over kg's time).",
)
@count_option(
    "--repeat",
    default=3,
    help="Times the reference load and kg build run, alternately; each keeps its fastest "
    "time (and its highest peak memory), so a busy moment does not decide the ratio.",
)
@json_option
@quiet_option
def bench_command(
    sizes: str,
    ontology: Path | None,
    workdir: Path | None,
    top: int,
    seed: int,
    rdflib_limit: int,
    repeat: int,
    as_json: bool,
    quiet: bool,
) -> None:
    """Generate a synthetic graph and time kg against references on it.

    \b
    The graph follows kg's ontology and shapes: many articles (one named graph
    each), people and organisations with power-law degrees, labels, dates and
    amounts. Each stage runs in a fresh process, one after the other, with its
    time and peak memory:
      reference_pyoxigraph_load  pyoxigraph's bulk loader on the same files
      build                      kg build (load, validate, write)
      queries_kg / _pyoxigraph / _rdflib_memory
                                 every saved query on kg's store, on pyoxigraph
                                 natively and on rdflib's Memory store
      projection, centrality_*   the networkx projection and each measure
      reference_igraph_stats     the reference for kg stats: SPARQL edge list,
                                 then the same measures in igraph
      stats, viz_top_N           kg stats and kg viz --top N
      viz_full                   kg viz of the whole graph (top nodes and
                                 community clusters above 5,000 nodes)

    Targets (the ratios matter, not the seconds): build within 2x the reference
    time and 1.5x its memory; every query 10x faster than rdflib Memory and
    within 1.5x of pyoxigraph; every stats measure under 15 s; kg stats within
    1.3x of the igraph reference. Set for about a million triples on a 2-core
    machine: kg stats (every measure, load included) within 15 s and 800 MB;
    kg viz --top 500 within 5 s; kg viz of the whole graph within 30 s.

    --json prints the largest size's figures at the top level and every size
    under "runs". A million triples takes several minutes, most of it rdflib.
    """
    from kg.bench.runner import parse_sizes, run_bench

    size_list = parse_sizes(sizes)
    if ontology is None:
        root = find_project_root(Path.cwd())
        if root is None:
            raise click.UsageError("run kg bench in a kg project or pass --ontology DIR")
        ontology = root / "ontology"
    temporary = workdir is None
    folder = Path(tempfile.mkdtemp(prefix="kg-bench-")) if temporary else workdir
    try:
        with progress_display(not quiet and not as_json) as progress:
            result = run_bench(
                size_list, folder, ontology, top, seed, progress, rdflib_limit, repeat
            )
    finally:
        if temporary:
            shutil.rmtree(folder, ignore_errors=True)
    if as_json:
        click.echo(json.dumps(result, indent=2, sort_keys=True))
        return
    for run in result["runs"]:
        for line in format_run(run):
            click.echo(line)
        click.echo("")
    m = result["machine"]
    click.echo(
        f"machine: {m['cpus']} CPUs, {m['memory_gb']} GB, {m['platform']}, Python {m['python']}, "
        f"pyoxigraph {m['pyoxigraph']}, rdflib {m['rdflib']}"
    )


def _s(value: float | None) -> str:
    return "   n/a" if value is None else f"{value:8.3f}"


def _mb(value: float | None) -> str:
    return "n/a" if value is None else f"{value:,.0f} MB"


def _x(value: float | None) -> str:
    return "   n/a" if value is None else f"{value:6.2f}x"


def format_run(run: dict) -> list[str]:
    """One size's figures as text: stages, queries, targets."""
    from kg.bench.runner import TARGETS

    stages, ratios, targets = run["stages"], run["ratios"], run["targets"]
    reference = stages["reference_pyoxigraph_load"]
    lines = [
        f"{run['triples']:,} triples",
        f"  {'stage':<28} {'seconds':>8} {'peak MB':>8}  vs reference",
    ]
    for key, figures in stages.items():
        if key == "generate":
            continue
        ratio = ""
        if key in ("build", "reference_pyoxigraph_load") and figures["seconds"] is not None:
            ratio = (
                f"{figures['seconds'] / reference['seconds']:.2f}x time, "
                f"{figures['peak_rss_mb'] / reference['peak_rss_mb']:.2f}x memory"
            )
            runs = [t for t in figures.get("runs_seconds", []) if t is not None]
            if len(runs) > 1:
                ratio += f" (fastest of {', '.join(f'{t:.2f}' for t in runs)} s)"
        peak = figures.get("peak_rss_mb")
        lines.append(
            f"  {key:<28} {_s(figures['seconds'])} {peak if peak is not None else 'n/a':>8}  {ratio}"
        )
    lines += [
        "",
        f"  {'query':<22} {'kg':>8} {'pyoxigraph':>10} {'rdflib':>8}  {'vs rdflib':>9} {'vs pyoxigraph':>13}",
    ]
    for name, times in run["queries"].items():
        q = run["query_ratios"][name]
        bound = ">=" if q["speedup_is_lower_bound"] else ""
        speedup = bound + _x(q["speedup_vs_rdflib_memory"]).strip()
        lines.append(
            f"  {name:<22} {_s(times.get('kg'))} {_s(times.get('pyoxigraph')):>10} "
            f"{_s(times.get('rdflib_memory'))}  {speedup:>9} "
            f"{_x(q['time_vs_pyoxigraph']):>13}"
        )
    for name, errors in run["query_errors"].items():
        for store, message in errors.items():
            lines.append(f"  note: {name} on {store}: {message}")

    def verdict(met: bool) -> str:
        return "met" if met else "MISSED"

    lines += [
        "",
        "  targets:",
        f"    build time     {_x(ratios['build_time_vs_reference'])} of reference "
        f"(<= {TARGETS['build_time_vs_reference']}x)  {verdict(targets['build_time_vs_reference']['met'])}",
        f"    build memory   {_x(ratios['build_memory_vs_reference'])} of reference "
        f"(<= {TARGETS['build_memory_vs_reference']}x)  {verdict(targets['build_memory_vs_reference']['met'])}",
        f"    queries        min {_x(ratios['query_speedup_vs_rdflib_memory_min'])} faster than rdflib "
        f"(>= {TARGETS['query_speedup_vs_rdflib_memory']}x)  {verdict(not targets['query_speedup_vs_rdflib_memory'])}"
        + (
            f" (not: {', '.join(targets['query_speedup_vs_rdflib_memory'])})"
            if targets["query_speedup_vs_rdflib_memory"]
            else ""
        )
        + (
            f"; rdflib cannot run {', '.join(targets['query_not_run_by_rdflib_memory'])}"
            if targets.get("query_not_run_by_rdflib_memory")
            else ""
        ),
        f"    queries        max {_x(ratios['query_time_vs_pyoxigraph_max'])} of pyoxigraph "
        f"(<= {TARGETS['query_time_vs_pyoxigraph']}x)  {verdict(not targets['query_time_vs_pyoxigraph'])}"
        + (
            f" (not: {', '.join(targets['query_time_vs_pyoxigraph'])})"
            if targets["query_time_vs_pyoxigraph"]
            else ""
        ),
        f"    stats measures slowest {targets['stats_measure_seconds']['slowest']:.2f} s "
        f"({targets['stats_measure_seconds']['step']}; < {TARGETS['stats_measure_seconds']} s)  "
        f"{verdict(targets['stats_measure_seconds']['met'])}",
        f"    kg stats       {_x(ratios['stats_time_vs_reference_igraph'])} of the igraph reference "
        f"(<= {TARGETS['stats_time_vs_reference_igraph']}x)  "
        f"{verdict(targets['stats_time_vs_reference_igraph']['met'])}",
        "  targets set for about 1 M triples:",
        f"    kg stats       {_s(targets['stats_seconds']['value'])} s "
        f"(<= {TARGETS['stats_seconds']:g} s)  {verdict(targets['stats_seconds']['met'])}; "
        f"{_mb(targets['stats_memory_mb']['value'])} "
        f"(<= {TARGETS['stats_memory_mb']:g} MB)  {verdict(targets['stats_memory_mb']['met'])}",
        f"    kg viz --top   {_s(targets['viz_top_seconds']['value'])} s "
        f"(<= {TARGETS['viz_top_seconds']:g} s)  {verdict(targets['viz_top_seconds']['met'])}",
        f"    kg viz (all)   {_s(targets['viz_full_seconds']['value'])} s "
        f"(<= {TARGETS['viz_full_seconds']:g} s)  {verdict(targets['viz_full_seconds']['met'])}",
    ]
    return lines
