"""``kg docs``: write the ontology reference."""

from __future__ import annotations

from pathlib import Path

import click

from kg.commands.options import deprecated_alias, output_option, source_options
from kg.errors import InvalidDataError


@click.command("docs")
@source_options
@output_option("Write the Markdown to this file instead of stdout.", dest="out")
@deprecated_alias("--out", "--output")
def docs_command(ontology: Path, triples: Path, root: Path | None, out: Path | None) -> None:
    """Print a Markdown reference of the ontology (classes, properties, shapes).

    Generated from the ontology itself: labels, comments, superclasses,
    domains and ranges, and the SHACL constraints on each class, so nobody
    has to read Turtle to learn the terms. The repository keeps the result in
    ontology/REFERENCE.md (`kg docs -o ontology/REFERENCE.md`).
    """
    from kg.data.dataset import load_dataset
    from kg.pages.reference import ontology_reference
    from kg.pipeline.safewrite import write_text_atomic
    from kg.problems import ValidationReport

    dataset = load_dataset(ontology, triples)
    if dataset.problems:
        raise InvalidDataError(ValidationReport(problems=dataset.problems, checks_run=["syntax"]))
    text = ontology_reference(dataset)
    if out is None:
        click.echo(text, nl=False)
    else:
        write_text_atomic(out, text)
        click.echo(f"wrote {out}", err=True)
