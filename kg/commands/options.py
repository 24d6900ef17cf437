"""Options shared by several commands, as decorators.

``@source_options`` adds ``--ontology`` and ``--triples``; when they are not
given, kg looks for ``ontology/`` and ``triples/`` in the working folder and
then in each parent folder (as git looks for ``.git``), so commands work from
any sub-folder of a project.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from kg.data.sources import find_project_root
from kg.errors import UsageError

_DIR = click.Path(file_okay=True, dir_okay=True, path_type=Path)
_ontology_option = click.option(
    "--ontology",
    type=_DIR,
    default=None,
    help="Folder of ontology and SHACL files  [default: ontology/ of the project]",
)
_triples_option = click.option(
    "--triples",
    type=_DIR,
    default=None,
    help="Folder of fact files, one named graph each  [default: triples/ of the project]",
)


def count_option(*decls: str, default: int, help: str, minimum: int = 1) -> Callable[..., Any]:
    """An integer option of at least ``minimum``, its default shown in ``--help``."""
    return click.option(
        *decls, type=click.IntRange(min=minimum), default=default, show_default=True, help=help
    )


def resolve_sources(ontology: Path | None, triples: Path | None) -> tuple[Path, Path, Path | None]:
    """Fill in missing source folders from the project root; return them and the root."""
    root = find_project_root(Path.cwd())
    if ontology is None or triples is None:
        if root is None:
            missing = " and ".join(
                f"--{name} DIR"
                for name, value in (("ontology", ontology), ("triples", triples))
                if value is None
            )
            raise UsageError(
                f"no folder with ontology/ and triples/ found in {Path.cwd()} or its parents; "
                f"pass {missing}"
            )
        ontology = ontology or root / "ontology"
        triples = triples or root / "triples"
    return ontology, triples, root


def source_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Add ``--ontology DIR`` and ``--triples DIR``.

    The command receives them resolved as ``ontology`` and ``triples``, plus ``root``.
    """

    @_ontology_option
    @_triples_option
    @functools.wraps(command)
    def wrapper(ontology: Path | None, triples: Path | None, **kwargs: Any) -> Any:
        ontology, triples, root = resolve_sources(ontology, triples)
        return command(ontology=ontology, triples=triples, root=root, **kwargs)

    return wrapper


def data_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Add the source options and where to read the data: ``--store``, ``--store-path``,
    ``--endpoint``, ``--build-dir``.

    The command receives them as one :class:`kg.data.open.DataSpec` named ``data``,
    plus ``root`` (the project folder, None when there is none). With
    ``--endpoint`` no project is needed.
    """

    @_ontology_option
    @_triples_option
    @click.option(
        "--store",
        type=click.Choice(["auto", "oxigraph", "memory"]),
        default="auto",
        show_default=True,
        help="oxigraph: Oxigraph in memory (auto picks it); memory: rdflib's store and "
        "SPARQL engine (slow; for comparison).",
    )
    @click.option(
        "--store-path",
        type=click.Path(path_type=Path),
        default=None,
        help="Persistent store folder: reopened without parsing while the sources are "
        "unchanged, rewritten when they change.",
    )
    @click.option(
        "--endpoint",
        metavar="URL",
        default=None,
        help="Read a remote SPARQL 1.1 query service instead of local sources "
        "(e.g. http://localhost:7878/query after kg push).",
    )
    @click.option(
        "--build-dir",
        type=click.Path(path_type=Path),
        default=None,
        help="Build to reuse when it matches the sources  [default: out/ of the project]",
    )
    @functools.wraps(command)
    def wrapper(
        ontology: Path | None,
        triples: Path | None,
        store: str,
        store_path: Path | None,
        endpoint: str | None,
        build_dir: Path | None,
        **kwargs: Any,
    ) -> Any:
        from kg.data.current import reusable_build
        from kg.data.open import DataSpec

        root = find_project_root(Path.cwd())
        if endpoint is None:
            ontology, triples, root = resolve_sources(ontology, triples)
        note = None
        if build_dir is None:
            build_dir, note = reusable_build(root or Path.cwd())
        spec = DataSpec(
            ontology=ontology,
            triples=triples,
            build_dir=build_dir,
            build_note=note,
            store=store,
            store_path=store_path,
            endpoint=endpoint,
        )
        return command(data=spec, root=root, **kwargs)

    return wrapper


def shacl_option(command: Callable[..., Any]) -> Callable[..., Any]:
    """Add ``--shacl-engine``: how the SHACL shapes are checked."""
    return click.option(
        "--shacl-engine",
        type=click.Choice(["auto", "sparql", "pyshacl"]),
        default="auto",
        show_default=True,
        help="sparql: shapes as SPARQL on the store (fast; SHACL Core subset); pyshacl: "
        "any SHACL; auto: sparql when every shape is in its subset.",
    )(command)


def strict_option(command: Callable[..., Any]) -> Callable[..., Any]:
    """Add ``--strict``: warnings (near-duplicate names, non-canonical literals) become errors."""
    return click.option(
        "--strict",
        is_flag=True,
        help="Treat warnings (near-equal entity names, non-canonical literals) as errors.",
    )(command)


def json_option(command: Callable[..., Any]) -> Callable[..., Any]:
    """Add ``--json``: print one JSON object on stdout instead of text."""
    return click.option(
        "--json", "as_json", is_flag=True, help="Print the result as JSON on stdout, for scripts."
    )(command)


def quiet_option(command: Callable[..., Any]) -> Callable[..., Any]:
    """Add ``--quiet``: no progress display and no summary, only errors."""
    return click.option(
        "-q", "--quiet", is_flag=True, help="Print nothing but errors; no progress display."
    )(command)


def projection_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Add the projection options; the command receives them as one ``rules`` value.

    Options given on the command line add to (or override) a ``--rules`` file,
    which adds to the defaults of :class:`kg.analysis.projection.ProjectionRules`.
    """

    @click.option(
        "--rules",
        "rules_file",
        type=click.Path(exists=True, dir_okay=False, path_type=Path),
        help="TOML or JSON file of projection rules (keys are the option names below, "
        'e.g. undirected = true, exclude-class = ["kg:Topic"]).',
    )
    @click.option(
        "--undirected", is_flag=True, default=None, help="Ignore edge direction in the projection."
    )
    @click.option(
        "--include-predicate",
        multiple=True,
        metavar="PRED",
        help="Only these predicates make edges (prefixed name or <IRI>; repeatable).",
    )
    @click.option(
        "--exclude-predicate",
        multiple=True,
        metavar="PRED",
        help="Predicates that make no edges, besides the default schema:mentions (repeatable).",
    )
    @click.option(
        "--exclude-class",
        multiple=True,
        metavar="CLASS",
        help="Classes whose instances are not nodes, besides the default schema:NewsArticle "
        "and schema:WebSite (repeatable).",
    )
    @click.option(
        "--no-default-exclusions",
        is_flag=True,
        default=None,
        help="Exclude no predicate or class by default: only those given.",
    )
    @click.option(
        "--collapse-events",
        is_flag=True,
        default=None,
        help="Replace events and agreements by person-person edges weighted by shared events.",
    )
    @functools.wraps(command)
    def wrapper(
        rules_file: Path | None,
        undirected: bool | None,
        include_predicate: tuple[str, ...],
        exclude_predicate: tuple[str, ...],
        exclude_class: tuple[str, ...],
        no_default_exclusions: bool | None,
        collapse_events: bool | None,
        **kwargs: Any,
    ) -> Any:
        options = {
            "undirected": undirected,
            "collapse_events": collapse_events,
            "no_default_exclusions": no_default_exclusions,
            "include_predicate": list(include_predicate),
            "exclude_predicate": list(exclude_predicate),
            "exclude_class": list(exclude_class),
        }
        from kg.analysis.rules import read_rules_file, rules_from_options

        file_options = read_rules_file(rules_file) if rules_file else None
        return command(rules=rules_from_options(options, file_options), **kwargs)

    return wrapper
