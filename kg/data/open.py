"""Where the data lives: chosen once, then every command reads it the same way.

* ``oxigraph`` (the default): the sources (or the current build's
  ``dataset.nq``) loaded into an in-memory Oxigraph store.
* ``memory``: the same data answered by rdflib's own in-memory store and
  SPARQL engine (:mod:`kg.data.memory`).
* ``store_path``: a persistent on-disk Oxigraph store, reopened without parsing
  while the sources are unchanged (:mod:`kg.data.disk`).
* ``endpoint``: a remote SPARQL 1.1 endpoint (:mod:`kg.data.remote`).

``auto`` means ``oxigraph``: ``kg bench`` finds it faster than rdflib's store
at every size, from ten thousand triples up, so no size calls for ``memory``.

Example:
    >>> from pathlib import Path
    >>> spec = DataSpec(ontology=Path("ontology"), triples=Path("triples"), store="memory")
    >>> spec.describe()
    'rdflib Memory store'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from kg.data.dataset import KGDataset, Progress
from kg.errors import UsageError

#: Values of ``--store``.
STORES = ("auto", "oxigraph", "memory")


@dataclass(frozen=True)
class DataSpec:
    """Where to read the data from, as the command line gives it.

    Attributes:
        ontology: the ontology folder (None with an endpoint and no project).
        triples: the facts folder (None likewise).
        build_dir: the build to reuse when it matches the sources.
        store: ``auto``, ``oxigraph`` or ``memory``.
        store_path: a persistent store folder, or None.
        endpoint: a SPARQL query service URL, or None.
        build_note: a note to give when the build in ``build_dir`` is reused
            (it is the folder kg wrote into before ``out/``).
    """

    ontology: Path | None = None
    triples: Path | None = None
    build_dir: Path | None = None
    store: str = "auto"
    store_path: Path | None = None
    endpoint: str | None = None
    build_note: str | None = None

    def describe(self) -> str:
        """Where the data is read from, in a few words."""
        if self.endpoint:
            return f"endpoint {self.endpoint}"
        if self.store_path:
            return f"store {self.store_path}"
        return "rdflib Memory store" if self.store == "memory" else "Oxigraph in memory"


@dataclass
class Opened:
    """An opened dataset and how it was obtained.

    Attributes:
        dataset: the data.
        origin: ``build`` (a current build reused), ``store`` (a current
            persistent store reused), ``sources`` (parsed now) or ``endpoint``.
        valid: True when the data is known valid (a current build); None when
            not known (parsed now, or remote).
        notes: what the user should know about where the data came from
            (the service found at a server's base URL, an old build folder read).
        build_dir: the current build reused (origin ``build``), where derived
            data such as the projection's edge list may be cached; else None.
    """

    dataset: KGDataset
    origin: str
    valid: bool | None = None
    notes: list[str] = field(default_factory=list)
    build_dir: Path | None = None


def open_dataset(spec: DataSpec, progress: Progress | None = None) -> Opened:
    """Open the data ``spec`` points at.

    Raises:
        kg.errors.UsageError: contradictory choices, or folders missing.
        kg.errors.InvalidDataError: a source file cannot be parsed.
        kg.data.remote.EndpointError: the endpoint cannot be reached.
    """
    if spec.store not in STORES:
        raise UsageError(f"unknown store {spec.store!r}; choose one of {', '.join(STORES)}")
    if spec.endpoint:
        if spec.store_path or spec.store == "memory":
            raise UsageError("--endpoint reads a remote store; drop --store and --store-path")
        from kg.data.current import MANIFEST, read_manifest
        from kg.data.remote import RemoteDataset

        remote = RemoteDataset.connect(spec.endpoint)
        # An endpoint has no prefixes; a local build of the same project lends its own.
        manifest = read_manifest(spec.build_dir / MANIFEST) if spec.build_dir else None
        remote.add_prefixes(manifest["prefixes"] if manifest else {})
        notes = []
        if remote.endpoint.url != spec.endpoint:
            notes.append(f"using the query service at {remote.endpoint.url}")
        return Opened(remote, "endpoint", notes=notes)
    if spec.ontology is None or spec.triples is None:
        raise UsageError("give --ontology and --triples, or --endpoint")
    if spec.store_path:
        if spec.store == "memory":
            raise UsageError("--store-path keeps an Oxigraph store; drop --store memory")
        from kg.data.disk import open_store

        dataset, reused, valid = open_store(spec.ontology, spec.triples, spec.store_path, progress)
        return Opened(dataset, "store" if reused else "sources", valid)
    from kg.data.current import current_dataset

    build_dir, note = (spec.build_dir, spec.build_note)
    if build_dir is None:
        from kg.data.current import reusable_build

        build_dir, note = reusable_build(spec.triples.parent)
    dataset, reused = current_dataset(spec.ontology, spec.triples, build_dir, progress)
    if spec.store == "memory":
        from kg.data.memory import MemoryDataset

        dataset = MemoryDataset.copy_of(dataset)
    notes = [note] if reused and note else []
    return Opened(
        dataset,
        "build" if reused else "sources",
        True if reused else None,
        notes,
        build_dir if reused and spec.store != "memory" else None,
    )
