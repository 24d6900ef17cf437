"""``kg validate``: check the sources without writing anything."""

from __future__ import annotations

import json
from pathlib import Path

import click

from kg.commands.options import (
    json_option,
    quiet_option,
    shacl_option,
    source_options,
    strict_option,
)
from kg.commands.output import echo_report, progress_display
from kg.errors import InvalidDataError


@click.command("validate")
@source_options
@shacl_option
@strict_option
@json_option
@quiet_option
def validate_command(
    ontology: Path,
    triples: Path,
    root: Path | None,
    shacl_engine: str,
    strict: bool,
    as_json: bool,
    quiet: bool,
) -> None:
    """Check the sources: syntax, vocabulary, SHACL shapes and labels.

    \b
    1. syntax      every file parses (errors give file, line and column)
    2. vocabulary  every class and predicate in the facts is declared in the
                   ontology or is a term of a well-known vocabulary
                   (rdf, rdfs, owl, xsd, skos, prov, schema, foaf, dcterms,
                   org, time); typos get "did you mean ...?"
    3. shacl       the SHACL shapes in the ontology folder hold
    4. labels      every entity has one preferred label
    5. references  every kgr: IRI used is defined (typed) somewhere
    6. duplicates  no two entities share a name after case/diacritic
                   folding (error; near-equal names: warning), unless
                   linked by owl:sameAs or owl:differentFrom
    7. provenance  every kg:corpusFile exists and every kg:evidence
                   sentence is in that article's text
    8. literals    typed values are written in canonical form (warning)

    Warnings are printed but leave the sources valid; --strict makes them
    errors. Exits 0 when valid, 1 when not (problems on stderr, or all of
    them as JSON on stdout with --json, each with its severity).
    """
    from kg.data.dataset import load_dataset
    from kg.validation import SourceScanner, validate

    scanner = SourceScanner()
    with progress_display(not quiet and not as_json) as progress:
        dataset = load_dataset(ontology, triples, progress, scanner.add)
        report = validate(dataset, progress, shacl_engine, strict, scanner)
    if as_json:
        click.echo(json.dumps(report.to_dict(), indent=2, sort_keys=True))
        if not report.ok:
            raise click.exceptions.Exit(1)
        return
    if not report.ok:
        raise InvalidDataError(report)
    if report.problems:
        echo_report(report)
    if not quiet:
        click.echo(
            f"valid: {len(dataset.sources)} files, {len(dataset):,} triples "
            f"({', '.join(report.checks_run)})"
        )
