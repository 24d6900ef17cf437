"""A persistent on-disk store: parse the sources once, reopen them in a moment.

The folder given as ``--store-path`` holds an Oxigraph (RocksDB) store in
``oxigraph/`` and a ``manifest.json`` naming the source files it was made from,
with their SHA-256. While the sources match the manifest, the store is opened
read-only without parsing anything; when they change, it is rewritten.

A new store is written beside the old one and swapped in only when complete;
the manifest is removed first and written last, so a crash in between leaves
a store that is rebuilt on next use, never one that answers from stale data.
"""

from __future__ import annotations

import gc
import json
import os
import shutil
import tempfile
from pathlib import Path

import pyoxigraph as ox

from kg.data.current import (
    MANIFEST,
    dataset_from_manifest,
    load_sources,
    manifest,
    matches_sources,
    read_manifest,
)
from kg.data.dataset import KGDataset, Progress
from kg.errors import UsageError

#: The Oxigraph folder inside a store folder.
STORE = "oxigraph"


def store_is_current(ontology: Path, triples: Path, path: Path) -> dict | None:
    """The store's manifest if ``path`` holds a store of exactly the current sources."""
    manifest = read_manifest(path / MANIFEST)
    if manifest is None or not (path / STORE).is_dir():
        return None
    return manifest if matches_sources(manifest, ontology, triples) else None


def open_store(
    ontology: Path, triples: Path, path: Path, progress: Progress | None = None
) -> tuple[KGDataset, bool, bool | None]:
    """The dataset of the current sources from the store at ``path``.

    Returns the dataset, whether the store was reused, and whether the data is
    known valid (a store written by ``kg build``; None when not known). A store
    that is missing or out of date is (re)written from the sources first.

    Raises:
        kg.errors.InvalidDataError: a source file cannot be parsed (the store is kept).
        kg.errors.UsageError: ``path`` is a file or the store cannot be opened.
    """
    manifest = store_is_current(ontology, triples, path)
    if manifest is not None:
        try:
            store = ox.Store.read_only(str(path / STORE))
        except OSError as exc:
            raise UsageError(
                f"cannot open the store in {path}: {exc}; delete the folder to rebuild it"
            ) from exc
        valid = True if manifest.get("validated") else None
        return dataset_from_manifest(store, manifest, ontology, triples), True, valid
    dataset = load_sources(ontology, triples, progress)
    write_store(dataset, path, progress)
    return dataset, False, None


def write_store(
    dataset: KGDataset, path: Path, progress: Progress | None = None, validated: bool = False
) -> None:
    """Write ``dataset`` as a persistent store in ``path``, replacing the one there.

    ``validated`` records in the manifest that the data passed validation.

    Raises:
        kg.errors.UsageError: ``path`` is a file.
    """

    if path.exists() and not path.is_dir():
        raise UsageError(f"--store-path must be a folder, but {path} is a file")
    path.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".store.tmp-", dir=path))
    try:
        if progress:
            progress(0, 1, f"writing the store in {path}")
        disk = ox.Store(str(staging / STORE))
        disk.bulk_extend(dataset.quads())
        disk.flush()
        del disk
        gc.collect()  # close RocksDB before its folder moves
        text = (
            json.dumps({**manifest(dataset), "validated": validated}, indent=2, sort_keys=True)
            + "\n"
        )
        (staging / MANIFEST).write_text(text, encoding="utf-8")
        (path / MANIFEST).unlink(missing_ok=True)
        if (path / STORE).exists():
            os.replace(path / STORE, staging / "old")
        os.replace(staging / STORE, path / STORE)
        os.replace(staging / MANIFEST, path / MANIFEST)
        if progress:
            progress(1, 1, "store written")
    finally:
        shutil.rmtree(staging, ignore_errors=True)
