"""The dataset of the current sources, reusing the last build when it is up to date.

A build's ``manifest.json`` records the SHA-256 of every source file. When the
sources still match it, the built ``dataset.nq`` is bulk-loaded (one file, no
per-file parsing or validation); otherwise the sources themselves are loaded,
so a query always answers from what ``triples/`` holds now.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox

from kg.data.background import Background
from kg.data.dataset import KGDataset, Progress, load_dataset
from kg.data.sources import discover, file_sha256
from kg.errors import InvalidDataError, KGError
from kg.problems import ValidationReport

MANIFEST = "manifest.json"
NQUADS = "dataset.nq"
#: The folder of a project that kg writes into by default. Not ``build/``, which
#: ``pip install .`` (setuptools) fills with ``build/lib`` and ``build/bdist.*``.
OUT = "out"
#: Where kg wrote before: still read when it holds a build and ``out/`` does not.
LEGACY_OUT = "build"


def default_out(root: Path) -> Path:
    """The folder kg writes into in the project at ``root``.

    Example:
        >>> default_out(Path("/p"))
        PosixPath('/p/out')
    """
    return root / OUT


def reusable_build(root: Path) -> tuple[Path, str | None]:
    """The build folder to reuse in the project at ``root``, and a note when it is the old one.

    ``out/`` when it holds a build (or when neither does); ``build/`` when only it
    holds one that kg wrote (a ``manifest.json`` kg reads and a ``dataset.nq``).
    """
    out = default_out(root)
    legacy = root / LEGACY_OUT
    if (out / MANIFEST).is_file() or not (legacy / NQUADS).is_file():
        return out, None
    if read_manifest(legacy / MANIFEST) is None:
        return out, None
    return legacy, legacy_note(legacy)


def legacy_note(legacy: Path) -> str:
    """What to tell a user whose build is still in the old folder."""
    return (
        f"reading the build in {legacy}, where kg wrote before it moved to {OUT}/ "
        f"(pip install . writes {LEGACY_OUT}/ too); run kg build to write {OUT}/, "
        f"then remove {legacy}"
    )


def manifest(dataset: KGDataset) -> dict[str, object]:
    """A deterministic description of the sources: path, graph, hash, size each."""
    sources = []
    for source in dataset.sources:
        graphs = dataset.graphs_by_source.get(source.graph_iri, [])
        sources.append(
            {
                "role": source.role,
                "path": source.relpath,
                "graphs": graphs,
                "sha256": file_sha256(source.path),
            }
        )
    return {
        "format": 1,
        "quads": len(dataset),
        "prefixes": dict(sorted(dataset.prefixes.items())),
        "sources": sources,
    }


def read_manifest(path: Path) -> dict | None:
    """The manifest at ``path``, or None when it is missing or unreadable."""
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return manifest if isinstance(manifest, dict) and "prefixes" in manifest else None


def matches_sources(manifest: dict, ontology: Path, triples: Path) -> bool:
    """Whether ``manifest`` lists exactly the current source files, by path and hash."""
    sources = discover(ontology, "ontology") + discover(triples, "triples")
    now = sorted((s.role, s.relpath, file_sha256(s.path)) for s in sources)
    built = sorted((s["role"], s["path"], s["sha256"]) for s in manifest.get("sources", []))
    return now == built


def dataset_from_manifest(
    store: ox.Store | Background[ox.Store], manifest: dict, ontology: Path, triples: Path
) -> KGDataset:
    """A dataset over ``store`` (or the store a load will give), whose sources and
    prefixes are those ``manifest`` lists."""
    sources = discover(ontology, "ontology") + discover(triples, "triples")
    if isinstance(store, Background):
        dataset = KGDataset.loading(store, sources=sources)
    else:
        dataset = KGDataset(store=store, sources=sources)
    for entry in manifest["sources"]:
        role, path = entry["role"], entry["path"]
        match = next(s for s in sources if s.role == role and s.relpath == path)
        dataset.graphs_by_source[match.graph_iri] = entry["graphs"]
    dataset.prefixes = dict(manifest["prefixes"])
    return dataset


def build_is_current(ontology: Path, triples: Path, out: Path) -> dict | None:
    """The build's manifest if ``out`` holds a build of exactly the current sources."""
    manifest = read_manifest(out / MANIFEST)
    if manifest is None or not (out / NQUADS).is_file():
        return None
    return manifest if matches_sources(manifest, ontology, triples) else None


def split_blank_lines(data: bytes) -> tuple[bytes, bytes]:
    """Split N-Quads into the lines that hold no ``_:`` and those that may hold a blank node.

    Example:
        >>> split_blank_lines(b'<a> <p> <b> .\\n_:x <p> "1" .\\n<c> <p> _:x .\\n<d> <p> "e" .\\n')
        (b'<a> <p> <b> .\\n<d> <p> "e" .\\n', b'_:x <p> "1" .\\n<c> <p> _:x .\\n')
    """
    plain, blank = [], []
    start = 0
    at = data.find(b"_:")
    while at != -1:
        begin = data.rfind(b"\n", 0, at) + 1
        end = data.find(b"\n", at)
        end = len(data) if end == -1 else end + 1
        plain.append(data[start:begin])
        blank.append(data[begin:end])
        start = end
        at = data.find(b"_:", end)
    plain.append(data[start:])
    return b"".join(plain), b"".join(blank)


def load_nquads(store: ox.Store, path: Path) -> None:
    """Load an N-Quads file kg wrote, keeping its blank node labels.

    pyoxigraph's bulk load gives every blank node a fresh random label, so
    exports and query answers would differ from run to run. The lines without
    a blank node (nearly all) are bulk-loaded; the few with one are parsed
    with their labels kept.

    The file is read and bulk-loaded :data:`LOAD_CHUNK` bytes at a time (whole
    lines): about as fast as one bulk load of the whole file, and its peak memory
    is half (366 MB instead of 668 MB at 0.86 M quads, ``benchmarks/arena.py``).
    """
    blanks = []
    with path.open("rb") as handle:
        for lines in _whole_lines(handle, LOAD_CHUNK):
            plain, blank = split_blank_lines(lines)
            del lines
            # lenient: the file is kg's own, written from sources Oxigraph parsed and
            # checked; skipping the IRI checks a second time saves a sixth of the load
            store.bulk_load(plain, ox.RdfFormat.N_QUADS, lenient=True)
            if blank:
                blanks.append(blank)
    if blanks:
        store.bulk_extend(
            ox.parse(b"".join(blanks), ox.RdfFormat.N_QUADS, rename_blank_nodes=False)
        )


#: How much of an N-Quads file :func:`load_nquads` reads and loads at a time.
LOAD_CHUNK = 16 << 20


def _whole_lines(handle: BinaryIO, size: int) -> Iterator[bytes]:
    """The file's bytes in pieces of about ``size`` that end at a line's end.

    Example:
        >>> import io
        >>> list(_whole_lines(io.BytesIO(b"a\\nbb\\nc"), 3))
        [b'a\\n', b'bb\\n', b'c']
    """
    rest = b""
    while data := handle.read(size):
        data = rest + data
        cut = data.rfind(b"\n") + 1
        rest = data[cut:]
        if cut:
            yield data[:cut]
    if rest:
        yield rest


def load_in_background(path: Path) -> Background[ox.Store]:
    """A store that :func:`load_nquads` fills from ``path`` in a thread of its own.

    Oxigraph's bulk load runs outside the GIL, so the caller goes on meanwhile
    (imports, the cached edge list, the measures). The thread also keeps the
    store's millions of small allocations out of the main thread's heap: glibc
    gives each new thread its own malloc arena, and on the main one they made
    the analysis that follows slower (igraph's sampled betweenness at 0.86 M
    quads took 6.1 s instead of 2.9 s: the same instructions, user time only;
    ``benchmarks/arena.py``). The thread is a daemon: a command stopped during
    the load exits at once.

    Raises (when the store is first used):
        kg.errors.KGError: the file cannot be read.
    """

    def load() -> ox.Store:
        store = ox.Store()
        try:
            load_nquads(store, path)
        except (OSError, SyntaxError, ValueError) as exc:
            raise KGError(
                f"{path}: the build's N-Quads cannot be read ({exc}); run `kg build` again"
            ) from exc
        return store

    return Background(load, "kg-load")


def load_sources(ontology: Path, triples: Path, progress: Progress | None = None) -> KGDataset:
    """Load the sources, raising on the first syntax problems instead of recording them.

    Raises:
        kg.errors.InvalidDataError: a source file cannot be parsed.
    """
    dataset = load_dataset(ontology, triples, progress)
    if dataset.problems:
        raise InvalidDataError(ValidationReport(problems=dataset.problems, checks_run=["syntax"]))
    return dataset


def current_dataset(
    ontology: Path, triples: Path, out: Path, progress: Progress | None = None
) -> tuple[KGDataset, bool]:
    """Return the dataset of the current sources and whether a build was reused.

    Raises:
        kg.errors.InvalidDataError: a source file cannot be parsed.
    """
    manifest = build_is_current(ontology, triples, out)
    if manifest is not None:
        store = load_in_background(out / NQUADS)
        return dataset_from_manifest(store, manifest, ontology, triples), True
    return load_sources(ontology, triples, progress), False
