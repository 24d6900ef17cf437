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

from kg.errors import UsageError
from kg.sources import find_project_root

_DIR = click.Path(file_okay=True, dir_okay=True, path_type=Path)


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

    @click.option(
        "--ontology",
        type=_DIR,
        default=None,
        help="Folder of ontology and SHACL files  [default: ontology/ of the project]",
    )
    @click.option(
        "--triples",
        type=_DIR,
        default=None,
        help="Folder of fact files, one named graph each  [default: triples/ of the project]",
    )
    @functools.wraps(command)
    def wrapper(ontology: Path | None, triples: Path | None, **kwargs: Any) -> Any:
        ontology, triples, root = resolve_sources(ontology, triples)
        return command(ontology=ontology, triples=triples, root=root, **kwargs)

    return wrapper


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
