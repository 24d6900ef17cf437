"""``kg find``: look an entity up by any of its names, tolerating case, diacritics and typos."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import click

from kg.commands.options import count_option, data_options, json_option

if TYPE_CHECKING:
    from kg.data.open import DataSpec


@click.command("find")
@click.argument("name")
@data_options
@count_option("-n", "--limit", default=5, help="Show at most this many candidates.")
@json_option
def find_command(name: str, data: DataSpec, root: Path | None, limit: int, as_json: bool) -> None:
    """Find the entities NAME may mean: by preferred label, alias or IRI.

    Case, diacritics and typos are tolerated ("Fam Min Chin", "nguyen hui
    dung", "kgr:pham-minh-chinh"). Candidates are ranked by a score from 0 to
    100 (100: a name equal once case and diacritics are ignored); each shows
    its IRI, class, preferred label, aliases and the articles that mention it.
    Exits 1 when nothing comes close.

    \b
    Examples:
      kg find "Fam Min Chin"
      kg find kishida --json
    """
    from kg.authoring.find import find_entities
    from kg.commands.output import open_data

    dataset = open_data(data).dataset
    found = find_entities(dataset, name, limit)
    if as_json:
        click.echo(
            json.dumps({"query": name, "candidates": [c.to_dict() for c in found]}, indent=2)
        )
    else:
        for rank, candidate in enumerate(found, start=1):
            click.echo(f"{rank}. {candidate.label}  (score {candidate.score:g})")
            click.echo(f"   iri       {candidate.short}")
            click.echo(f"   class     {', '.join(candidate.classes) or '-'}")
            if candidate.aliases:
                click.echo(f"   aliases   {'; '.join(candidate.aliases)}")
            if candidate.matched != candidate.label:
                click.echo(f"   matched   {candidate.matched}")
            articles = ", ".join(a["file"] for a in candidate.articles) or "-"
            click.echo(f"   articles  {articles}")
    if not found:
        click.echo(f"kg: no entity is named like {name!r}", err=True)
        raise click.exceptions.Exit(1)
