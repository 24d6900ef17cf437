"""``kg viz``: an interactive page of the graph, one self-contained HTML file."""

from __future__ import annotations

from pathlib import Path

import click

from kg.analysis import CENTRALITIES
from kg.analysis.projection import ProjectionRules
from kg.commands.options import count_option, data_options, projection_options
from kg.data.open import DataSpec, open_dataset
from kg.pages.page import PageOptions, build_page, write_page
from kg.query.request import query_text


@click.command("viz")
@data_options
@projection_options
@click.option(
    "-o",
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="The HTML file to write  [default: build/graph.html]",
)
@click.option(
    "--size-by",
    type=click.Choice(list(CENTRALITIES)),
    default="pagerank",
    show_default=True,
    help="Measure that sizes the nodes.",
)
@click.option(
    "--around", metavar="ENTITY", help="Centre on an entity: IRI, prefixed name, label or alias."
)
@count_option("--depth", default=1, minimum=0, help="Steps around --around.")
@click.option(
    "--article",
    metavar="NAME",
    help="Only the facts of one article (corpus file name or label, or part of it).",
)
@click.option(
    "--top",
    type=click.IntRange(min=1),
    help="Only the N largest nodes by --size-by and the edges among them.",
)
@click.option(
    "--query",
    "query_file",
    metavar="FILE.rq",
    help="Only the triples of a CONSTRUCT, or a SELECT of ?s ?p ?o.",
)
@click.option("--title", default=None, help="Page title  [default: kg graph, with the selection]")
def viz_command(
    data: DataSpec,
    root: Path | None,
    rules: ProjectionRules,
    out: Path | None,
    size_by: str,
    around: str | None,
    depth: int,
    article: str | None,
    top: int | None,
    query_file: str | None,
    title: str | None,
) -> None:
    """Write an interactive HTML page of the graph.

    One file with everything inlined (the vis-network script included): it
    opens by double-click, with no network, and writes nothing beside itself.
    Nodes are coloured by class (with a legend and a class filter) and sized by
    a measure; tooltips give label, class, aliases, dates, amounts and the
    articles that state them; the search box finds an entity by any name or
    alias. The layout is computed once with a seed, so the page is still and
    the same graph always gives the same file.

    \b
    Examples:
      kg viz
      kg viz --around "Fan Mingzheng" --depth 2 -o chinh.html
      kg viz --article 001 --size-by betweenness
      kg viz --top 30
    """
    out = out or (root or Path.cwd()) / "build" / "graph.html"
    opened = open_dataset(data)
    dataset = opened.dataset
    query = query_text(query_file, {})[0] if query_file else None
    selection = [
        f"around {around} (depth {depth})" if around else "",
        f"article {article}" if article else "",
        f"top {top} by {size_by}" if top else "",
        f"query {Path(query_file).name}" if query_file else "",
    ]
    shown = "; ".join(s for s in selection if s)
    options = PageOptions(
        size_by=size_by,
        around=around,
        depth=depth,
        article=article,
        top=top,
        query=query,
        title=title or ("kg graph" + (f": {shown}" if shown else "")),
    )
    write_page(build_page(dataset, rules, options, cache=opened.build_dir), out)
    click.echo(f"wrote {out}", err=True)
