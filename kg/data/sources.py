"""Finding the RDF source files of a project and naming their graphs.

Every source file becomes one named graph whose IRI is derived from its role
(``ontology`` or ``triples``) and its path relative to the folder it was found
in, so the same sources give the same graph names on every machine.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pyoxigraph as ox

from kg.errors import InvalidDataError, UsageError
from kg.problems import Problem, ValidationReport

#: File endings kg reads, and the pyoxigraph format of each.
FORMATS: dict[str, ox.RdfFormat] = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".trig": ox.RdfFormat.TRIG,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".nq": ox.RdfFormat.N_QUADS,
    ".n3": ox.RdfFormat.N3,
    ".rdf": ox.RdfFormat.RDF_XML,
    ".owl": ox.RdfFormat.RDF_XML,
    ".jsonld": ox.RdfFormat.JSON_LD,
}

ROLES = ("ontology", "triples")


@dataclass(frozen=True)
class SourceFile:
    """One RDF file and the named graph it becomes.

    Example:
        >>> s = SourceFile(Path("/x/triples/a b.ttl"), "a b.ttl", "triples")
        >>> s.graph_iri
        'urn:kg:triples:a%20b.ttl'
        >>> s.display.endswith("a b.ttl")
        True
    """

    path: Path
    relpath: str
    role: str

    @property
    def graph_iri(self) -> str:
        """The IRI of the named graph that holds this file's triples."""
        return f"urn:kg:{self.role}:{quote(self.relpath, safe='/._-~')}"

    @property
    def display(self) -> str:
        """The path for messages: relative to the working folder when inside it."""
        try:
            # the folder resolved, not the file: a link is shown by its own name
            shown = self.path.parent.resolve() / self.path.name
            return str(shown.relative_to(Path.cwd().resolve()))
        except ValueError:
            return str(self.path)

    @property
    def format(self) -> ox.RdfFormat:
        """The RDF syntax, from the file ending."""
        return FORMATS[self.path.suffix.lower()]


def discover(folder: Path, role: str) -> list[SourceFile]:
    """List the RDF files below ``folder`` (recursively), sorted by relative path.

    Hidden files and folders are skipped. A symbolic link with an RDF file's
    ending whose target is missing is no file to skip: it is reported.

    Raises:
        UsageError: the folder does not exist or is not a folder.
        InvalidDataError: a source is a symbolic link to nothing (or a loop).
    """
    if role not in ROLES:
        raise ValueError(f"role must be one of {ROLES}, not {role!r}")
    if not folder.exists():
        raise UsageError(f"{role} folder not found: {folder} (pass --{role} DIR)")
    if not folder.is_dir():
        raise UsageError(f"{role} path is not a folder: {folder}")
    files = []
    broken = []
    for path in folder.rglob("*"):
        rel = path.relative_to(folder)
        if any(part.startswith(".") for part in rel.parts) or path.suffix.lower() not in FORMATS:
            continue
        if path.is_file():
            files.append(SourceFile(path, rel.as_posix(), role))
        elif path.is_symlink() and not path.exists():
            broken.append(SourceFile(path, rel.as_posix(), role))
    if broken:
        raise InvalidDataError(
            ValidationReport(
                [_dangling(source) for source in sorted(broken, key=lambda s: s.relpath)],
                ["syntax"],
            )
        )
    return sorted(files, key=lambda s: s.relpath)


def _dangling(source: SourceFile) -> Problem:
    """The problem of a source that is a symbolic link to a file that is not there."""
    target = os.readlink(source.path)
    return Problem(
        "syntax",
        f"cannot read the file: it is a symbolic link to {target}, which does not exist "
        "(or links back to itself)",
        file=source.display,
        hint="restore the file it points to, or delete the link",
    )


def file_sha256(path: Path) -> str:
    """The SHA-256 of a file's bytes, in hex (how builds record their sources)."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def find_project_root(start: Path) -> Path | None:
    """Return the nearest folder at or above ``start`` holding ``ontology/`` and ``triples/``.

    This lets ``kg`` be run from any sub-folder of a project, as git is.
    """
    for folder in (start, *start.parents):
        if (folder / "ontology").is_dir() and (folder / "triples").is_dir():
            return folder
    return None
