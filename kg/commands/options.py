"""Options shared by several commands, as decorators, and the command-line convention.

``@source_options`` adds ``--ontology`` and ``--triples``; when they are not
given, kg looks for ``ontology/`` and ``triples/`` in the working folder and
then in each parent folder (as git looks for ``.git``), so commands work from
any sub-folder of a project.

One name means one thing on every command (``tests/test_cli_convention.py``
walks them all):

  -o, --output FILE   the file (or, for ``kg export -f csv``, the folder) a
                      command writes; stdout when the command allows it
  --build-dir DIR     kg's build folder (``out/`` of the project): where
                      ``kg build`` writes, and the build that the reading
                      commands reuse
  -f, --format NAME   the format of what a command prints or writes
  --json              one JSON object (or the query's JSON results) on stdout,
                      for scripts; no progress display
  -n, --limit N       at most N entries in each list a command prints
  -q, --quiet         nothing but errors; no progress display

``--build-dir`` rather than ``--out`` or ``--out-dir``: six commands read a
build through it already, and it names what the folder holds rather than a
direction, so it reads the same for the command that writes the build and the
commands that reuse it; ``-o/--output`` stays free for the one file a command
writes (as in git, sqlite-utils and Jena's riot). Old spellings are hidden
aliases (:func:`deprecated_alias`) for one release, and a retired flag
warns (:func:`deprecated_flag`).
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


#: What an old option name prints on stderr when it is used (:class:`DeprecatedOption`).
DEPRECATION_NOTE = "kg: warning: {old} is deprecated and goes in the next release; {note}"


class DeprecatedOption(click.Option):
    """A hidden option kept for one release: given on the command line, it prints
    :data:`DEPRECATION_NOTE` with ``note`` (what to do instead) on stderr."""

    def __init__(self, param_decls: list[str], *, note: str, **kwargs: Any) -> None:
        kwargs["hidden"] = True
        super().__init__(param_decls, **kwargs)
        self.note = note

    def warn(self) -> None:
        """Print the deprecation note."""
        click.echo(DEPRECATION_NOTE.format(old=self.opts[0], note=self.note), err=True)

    def handle_parse_result(
        self, ctx: click.Context, opts: Any, args: list[str]
    ) -> tuple[Any, list[str]]:
        if self.name in opts:
            self.warn()
        return super().handle_parse_result(ctx, opts, args)


class DeprecatedAlias(DeprecatedOption):
    """A hidden old spelling of an option, kept for one release.

    Given on the command line, it prints its note ("use NEW") on stderr and hands
    its value to the option that replaced it (``replacement``, an option of the
    same command), which converts and checks it as if it had been given. Both at
    once is a usage error.
    """

    def __init__(self, param_decls: list[str], *, replacement: str, **kwargs: Any) -> None:
        kwargs["expose_value"] = False
        kwargs.setdefault("help", f"Deprecated: the old name of {replacement}.")
        super().__init__(param_decls, note=f"use {replacement}", **kwargs)
        self.replacement = replacement

    def target(self, command: click.Command) -> click.Parameter:
        """The option of ``command`` that replaced this one."""
        for param in command.params:
            if self.replacement in getattr(param, "opts", ()):
                return param
        raise LookupError(f"{command.name}: no option {self.replacement} replaces {self.opts[0]}")

    def handle_parse_result(
        self, ctx: click.Context, opts: Any, args: list[str]
    ) -> tuple[Any, list[str]]:
        if self.name in opts:
            target = self.target(ctx.command)
            if target.name in opts:
                raise click.UsageError(
                    f"{self.opts[0]} is the old name of {self.replacement}: give only "
                    f"{self.replacement}",
                    ctx,
                )
            self.warn()
            opts[target.name] = opts.pop(self.name)
        return super().handle_parse_result(ctx, opts, args)


def deprecated_alias(old: str, new: str, *, flag: bool = False) -> Callable[..., Any]:
    """Keep ``old`` working as a hidden alias of the option ``new`` (see :class:`DeprecatedAlias`).

    ``flag`` for an alias of a flag (an option that takes no value).
    """
    name = "deprecated_" + old.lstrip("-").replace("-", "_")
    return click.option(old, name, cls=DeprecatedAlias, replacement=new, is_flag=flag)


def deprecated_flag(old: str, note: str) -> Callable[..., Any]:
    """Keep the flag ``old`` for one release, hidden, with ``note`` (what to do now) on use.

    The command still receives its value, named after the flag.
    """
    return click.option(
        old, cls=DeprecatedOption, note=note, is_flag=True, help=f"Deprecated: {note}."
    )


def output_option(help: str, *, dest: str = "output", dir_okay: bool = False) -> Callable[..., Any]:
    """Add ``-o/--output FILE``: what the command writes (``dir_okay``: or a folder, ``PATH``)."""
    return click.option(
        "-o",
        "--output",
        dest,
        type=click.Path(dir_okay=dir_okay, path_type=Path),
        default=None,
        metavar="PATH" if dir_okay else "FILE",
        help=help,
    )


def format_option(
    choices: tuple[str, ...] | list[str], help: str, **kwargs: Any
) -> Callable[..., Any]:
    """Add ``-f/--format NAME``, one of ``choices``; the command receives it as ``fmt``."""
    return click.option(
        "-f", "--format", "fmt", type=click.Choice(list(choices)), help=help, **kwargs
    )


def build_dir_option(help: str) -> Callable[..., Any]:
    """Add ``--build-dir DIR``, kg's build folder; the command receives it as ``build_dir``."""
    return click.option(
        "--build-dir", "build_dir", type=click.Path(path_type=Path), default=None, help=help
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
    @build_dir_option("Build to reuse when it matches the sources  [default: out/ of the project]")
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


#: The help of every ``--json``.
JSON_HELP = "Print the result as JSON on stdout, for scripts (no progress display)."


def json_option(command: Callable[..., Any]) -> Callable[..., Any]:
    """Add ``--json``: print one JSON object on stdout instead of text."""
    return click.option("--json", "as_json", is_flag=True, help=JSON_HELP)(command)


def json_format_option(json_format: str = "json") -> Callable[..., Any]:
    """Add ``--json`` to a command with ``-f/--format``: ``--json`` is ``--format json_format``.

    The command receives only ``fmt``; ``--json`` with another ``--format`` is a usage error.
    """

    def decorate(command: Callable[..., Any]) -> Callable[..., Any]:
        @json_option
        @functools.wraps(command)
        def wrapper(as_json: bool, fmt: str, **kwargs: Any) -> Any:
            if as_json:
                ctx = click.get_current_context()
                given = ctx.get_parameter_source("fmt") == click.core.ParameterSource.COMMANDLINE
                if given and fmt != json_format:
                    raise click.UsageError(
                        f"--json is --format {json_format}: give one of --json and --format {fmt}"
                    )
                fmt = json_format
            return command(fmt=fmt, **kwargs)

        return wrapper

    return decorate


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
