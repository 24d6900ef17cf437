"""``kg viz``: an interactive page of the graph, one self-contained HTML file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import click

from kg.analysis.measures import NAMES
from kg.commands.options import (
    count_option,
    data_options,
    deprecated_alias,
    json_option,
    output_option,
    projection_options,
    quiet_option,
)
from kg.commands.output import open_data, progress_display

if TYPE_CHECKING:
    from kg.analysis.projection import ProjectionRules
    from kg.data.open import DataSpec


@click.command("viz")
@data_options
@projection_options
@output_option("The HTML file to write  [default: out/graph.html]", dest="out")
@deprecated_alias("--out", "--output")
@click.option(
    "--size-by",
    type=click.Choice(NAMES),
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
    metavar="QUERY",
    help="Only what a query selects (saved name, .rq file or text): the triples of a "
    "CONSTRUCT or a SELECT of ?s ?p ?o, or the entities another SELECT's rows name.",
)
@click.option("--title", default=None, help="Page title  [default: kg graph, with the selection]")
@json_option
@quiet_option
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
    as_json: bool,
    quiet: bool,
) -> None:
    """Write an interactive HTML page of the graph.

    One file with everything inlined (the vis-network script included): it
    opens by double-click, with no network, and writes nothing beside itself.
    Nodes are coloured by group (people, organisations, places, events ...,
    from the ontology's class hierarchy; shape tells the class) and sized by a
    measure. A click on a node opens a panel with its values, the articles
    that state it by headline with the evidence sentences, and its neighbours;
    the search box finds an entity by any part of a name or alias; the legend,
    an article menu and "Hide unconnected" filter the view. Above 5,000 nodes
    the page shows the top 1,500 and community clusters that open on click.
    The layout is computed once with a seed, so the same graph always gives
    the same file.

    \b
    Examples:
      kg viz
      kg viz --around "Fan Mingzheng" --depth 2 -o chinh.html
      kg viz --article 001 --size-by betweenness
      kg viz --top 30
    """
    from kg.data.current import default_out

    out = out or default_out(root or Path.cwd()) / "graph.html"
    with progress_display(not quiet and not as_json) as progress:
        opened = open_data(data, progress)
        # imported once the build is loading (in the background): the two overlap
        from kg.pages.page import PageOptions, build_page, write_page
        from kg.query.catalogue import load_catalogue
        from kg.query.request import query_text

        if progress:
            progress(0, 2, "projecting and laying out")
        query = query_text(query_file, load_catalogue())[0] if query_file else None
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
        page = build_page(opened.dataset, rules, options, cache=opened.build_dir)
        if progress:
            progress(1, 2, f"writing {out.name}")
        write_page(page, out)
    if as_json:
        payload = {"output": str(out), "title": options.title, "bytes": len(page.encode())}
        click.echo(json.dumps(payload, indent=2, sort_keys=True, ensure_ascii=False))
    elif not quiet:
        click.echo(f"wrote {out}", err=True)
