"""``kg draft``: a draft Turtle file of a new article's facts, for review."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from kg.commands.options import data_options, output_option

if TYPE_CHECKING:
    from kg.data.open import DataSpec


@click.command("draft")
@click.argument("article", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@data_options
@output_option("Write the draft there (refused if the file exists)  [default: stdout]")
def draft_command(article: Path, data: DataSpec, root: Path | None, output: Path | None) -> None:
    """Draft the Turtle of a new article (ARTICLE: its text, UTF-8).

    Finds the entities the graph already knows (by label or alias, tolerating
    spelling, diacritics, "PM Chinh" and surname-only mentions), proposes new
    people, organisations and places, and writes dates (with the precision the
    text gives), amounts of money, percentages, counts and target years, each
    with its sentence as kg:evidence and a "# REVIEW:" comment. Offline and
    deterministic. The draft passes `kg validate` once placed in
    triples/articles/; review it before you build.

    The article's IRI comes from the file name: corpus/005_<id>.txt gives
    kgr:article-005, and kg:corpusFile is the path from the project folder.

    \b
    Example:
      kg draft corpus/005_3f9a.txt -o triples/articles/005_3f9a.ttl
    """
    from kg.authoring.draft import draft_article, known_positions
    from kg.authoring.lookup import EntityIndex
    from kg.commands.output import open_data
    from kg.errors import UsageError

    if output is not None and output.exists():
        raise UsageError(
            f"{output} exists: kg draft does not overwrite; delete it or use another -o"
        )
    try:
        text = article.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise UsageError(f"{article} is not UTF-8 text") from exc
    base = root or Path.cwd()
    try:
        corpus_file = article.resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        corpus_file = f"corpus/{article.name}"
        click.echo(
            f"kg: {article} is outside the project: copy it to {base / corpus_file} "
            "(the draft's kg:corpusFile)",
            err=True,
        )
    dataset = open_data(data).dataset
    draft = draft_article(
        text, corpus_file, EntityIndex.from_dataset(dataset), positions=known_positions(dataset)
    )
    if output is None:
        click.echo(draft, nl=False)
    else:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(draft, encoding="utf-8")
        click.echo(f"kg: draft written to {output}; review it, then run kg validate", err=True)
