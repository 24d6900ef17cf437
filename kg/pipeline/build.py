"""The build pipeline: load the sources, validate them, write the dataset.

Example:
    >>> from pathlib import Path
    >>> import tempfile
    >>> root = Path(tempfile.mkdtemp())
    >>> _ = (root / "ontology").mkdir(), (root / "triples").mkdir()
    >>> _ = (root / "triples" / "a.ttl").write_text(
    ...     '<http://ex.org/a> a <http://www.w3.org/2004/02/skos/core#Concept> ;'
    ...     ' <http://www.w3.org/2004/02/skos/core#prefLabel> "A" .')
    >>> result = build(root / "ontology", root / "triples", root / "build")
    >>> result.triples, result.entities
    (2, 1)
    >>> sorted(p.name for p in (root / "build").iterdir())
    ['dataset.nq', 'graph.ttl', 'manifest.json']
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from kg.data.current import MANIFEST, NQUADS, manifest
from kg.data.dataset import (
    KGDataset,
    Progress,
    known_before_loading,
    load_sources,
    new_dataset,
    prefixes_before_loading,
)
from kg.data.sources import SourceFile
from kg.errors import InvalidDataError, UsageError
from kg.pipeline.safewrite import Staging, check_output_dir, staged
from kg.pipeline.serialize import Cancelled, graph_order, write_both
from kg.problems import ValidationReport
from kg.validation import SourceScanner, validate

#: File names written into the output folder.
TURTLE = "graph.ttl"


@dataclass
class BuildResult:
    """What a build read and wrote.

    Attributes:
        out: the output folder.
        files: number of source files read.
        graphs: number of named graphs.
        triples: quads in the dataset (a triple in two graphs counts twice).
        merged_triples: distinct triples in the merged Turtle.
        entities: IRIs typed in the facts.
        classes: distinct classes of those entities.
        seconds: wall time of the whole build.
        outputs: the files written.
        report: the validation report (warnings may remain).
        dataset: the loaded dataset, to query further without loading it again.
    """

    out: Path
    files: int
    graphs: int
    triples: int
    merged_triples: int
    entities: int
    classes: int
    seconds: float
    outputs: list[Path] = field(default_factory=list)
    report: ValidationReport = field(default_factory=ValidationReport)
    dataset: KGDataset | None = field(default=None, repr=False, compare=False)

    def to_dict(self) -> dict[str, object]:
        """The result as a JSON-ready dict."""
        return {
            "out": str(self.out),
            "files": self.files,
            "graphs": self.graphs,
            "triples": self.triples,
            "merged_triples": self.merged_triples,
            "entities": self.entities,
            "classes": self.classes,
            "seconds": round(self.seconds, 3),
            "outputs": [str(p) for p in self.outputs],
            "warnings": [p.to_dict() for p in self.report.problems],
        }


def count_entities_and_classes(dataset: KGDataset) -> tuple[int, int]:
    """Number of typed IRIs in the facts, and of distinct classes they have."""
    if not dataset.graphs("triples"):
        return 0, 0
    row = next(
        iter(
            dataset.query(
                "SELECT (COUNT(DISTINCT ?e) AS ?e_n) (COUNT(DISTINCT ?c) AS ?c_n) "
                f"WHERE {{ {dataset.in_facts('?e a ?c FILTER isIRI(?e)')} }}"
            )
        )
    )
    return int(row["e_n"].value), int(row["c_n"].value)


class LoadedGraphs:
    """The sources' graphs in the order they are written, each given out once loaded.

    Iterating waits for the next graph's file; it raises
    :class:`kg.pipeline.serialize.Cancelled` when that file failed to load, or when
    loading ended without it.
    """

    def __init__(self, sources: list[SourceFile]) -> None:
        self._order = sorted((ox.NamedNode(s.graph_iri) for s in sources), key=graph_order)
        self._loaded: dict[str, bool] = {}
        self._ended = False
        self._changed = threading.Condition()

    def loaded(self, source: SourceFile, ok: bool) -> None:
        """Record that ``source`` was loaded (``ok``) or failed."""
        with self._changed:
            self._loaded[source.graph_iri] = ok
            self._changed.notify_all()

    def end(self) -> None:
        """Record that loading is over, whether or not every file was loaded."""
        with self._changed:
            self._ended = True
            self._changed.notify_all()

    def __iter__(self) -> Iterator[ox.NamedNode]:
        for graph in self._order:
            with self._changed:
                self._changed.wait_for(lambda g=graph.value: g in self._loaded or self._ended)
                ok = self._loaded.get(graph.value, False)
            if not ok:
                raise Cancelled
            yield graph


def _write(
    dataset: KGDataset,
    staging: Staging,
    should_stop: Callable[[], bool],
    graphs: LoadedGraphs | None = None,
) -> tuple[int, int]:
    """Write the N-Quads, the merged Turtle and the manifest into the staging folder.

    With ``graphs``, each graph is written once loaded, with the prefixes read
    from the files beforehand; otherwise the loaded store, with its prefixes.
    """
    prefixes = prefixes_before_loading(dataset.sources) if graphs is not None else dataset.prefixes
    with staging.open(NQUADS) as nquads, staging.open(TURTLE) as turtle:
        counts = write_both(dataset.store, nquads, turtle, prefixes, should_stop, graphs)
    with staging.open(MANIFEST) as handle:
        text = json.dumps(manifest(dataset), indent=2, sort_keys=True) + "\n"
        handle.write(text.encode("utf-8"))
    return counts


def build(
    ontology: Path,
    triples: Path,
    out: Path,
    progress: Progress | None = None,
    shacl_engine: str = "auto",
    store_path: Path | None = None,
    strict: bool = False,
) -> BuildResult:
    """Load, validate and write a dataset; leave ``out`` untouched on any failure.

    Writes ``dataset.nq`` (every named graph), ``graph.ttl`` (all graphs merged)
    and ``manifest.json`` (the sources and their hashes) into ``out``; with
    ``store_path``, also a persistent store there (see :mod:`kg.data.disk`).
    Warnings leave the sources valid unless ``strict``.

    Raises:
        kg.errors.UsageError: a folder is missing, or ``out`` is a file.
        kg.errors.InvalidDataError: the sources are not valid; nothing is written.
    """
    start = time.perf_counter()
    check_output_dir(out)
    if store_path is not None and store_path.is_file():
        raise UsageError(f"--store-path must be a folder, but {store_path} is a file")
    dataset = new_dataset(ontology, triples)
    stop = threading.Event()
    # Files are written into the staging folder while the rest goes on: graph
    # by graph as they load when their names and prefixes are known beforehand,
    # else while the checks run. They move into ``out`` only if the checks pass.
    feed = LoadedGraphs(dataset.sources) if known_before_loading(dataset.sources) else None
    scanner = SourceScanner()
    with staged(out) as staging, ThreadPoolExecutor(max_workers=2) as pool:
        writing = None
        if feed is not None:
            writing = pool.submit(_write, dataset, staging, stop.is_set, feed)
        try:
            try:
                load_sources(dataset, progress, feed.loaded if feed else None, scanner.add)
            finally:
                if feed is not None:
                    feed.end()
            if writing is None and not dataset.problems:
                writing = pool.submit(_write, dataset, staging, stop.is_set)
            counting = pool.submit(count_entities_and_classes, dataset)
            report = validate(dataset, progress, shacl_engine, strict, scanner)
        except BaseException:
            stop.set()
            raise
        if not report.ok:
            stop.set()
            raise InvalidDataError(report)
        entities, classes = counting.result()
        if progress:
            progress(0, 1, "writing")
        assert writing is not None  # no syntax problems, or the report would not be ok
        quads, merged = writing.result()
    outputs = staging.written
    if store_path is not None:
        from kg.data.disk import write_store

        write_store(dataset, store_path, progress, validated=True)
        outputs.append(store_path)
    if progress:
        progress(1, 1, "written")
    return BuildResult(
        out=out,
        files=len(dataset.sources),
        graphs=len(dataset.graphs("ontology")) + len(dataset.graphs("triples")),
        triples=quads,
        merged_triples=merged,
        entities=entities,
        classes=classes,
        seconds=time.perf_counter() - start,
        outputs=outputs,
        report=report,
        dataset=dataset,
    )
