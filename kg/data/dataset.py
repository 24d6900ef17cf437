"""The loaded dataset: one named graph per source file, in a pyoxigraph store.

pyoxigraph parses and queries a million triples an order of magnitude faster
than rdflib's in-memory store; :meth:`KGDataset.rdflib` gives the same data
through the rdflib API (via oxrdflib) without copying it.
"""

from __future__ import annotations

import contextlib
import json
import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from kg.data.namespaces import PREFIXES
from kg.data.parsing import (
    PREDICTABLE,
    SourceError,
    declared_prefixes,
    load_source,
    shared_graphs,
)
from kg.data.sources import SourceFile, discover
from kg.problems import Problem

if TYPE_CHECKING:
    import rdflib

    from kg.data.background import Background

#: Called as ``progress(done, total, description)`` while work goes on.
Progress = Callable[[int, int, str], None]


@dataclass
class KGDataset:
    """Sources loaded into one store.

    Attributes:
        store: the pyoxigraph store holding every quad.
        sources: the files loaded, ontology files first.
        graphs_by_source: the named graphs each file filled.
        problems: files that could not be loaded (syntax, encoding, empty).
    """

    store: ox.Store
    sources: list[SourceFile] = field(default_factory=list)
    graphs_by_source: dict[str, list[str]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    prefixes: dict[str, str] = field(default_factory=lambda: dict(PREFIXES))

    @classmethod
    def loading(cls, store: Background[ox.Store], **fields: object) -> KGDataset:
        """A dataset whose store is still being filled, in another thread.

        The first use of :attr:`store` (any query) waits until it is full, so work
        that needs no store, such as reading a cached edge list and computing the
        measures on it, goes on meanwhile. An error of the load is raised there.

        Example:
            >>> from kg.data.background import Background
            >>> ds = KGDataset.loading(Background(ox.Store, "load"))
            >>> len(ds)
            0
        """
        dataset = cls(store=None, **fields)  # type: ignore[arg-type]
        del dataset.store
        dataset.__dict__["_loading"] = store
        return dataset

    def __getattr__(self, name: str) -> object:
        # reached only for an attribute not set: ``store`` of a dataset still loading
        loading = self.__dict__.get("_loading")
        if name != "store" or loading is None:
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
        self.store = loading.result()
        return self.store

    def add_prefixes(self, declared: dict[str, str]) -> None:
        """Adopt a file's prefixes unless the prefix or its namespace is taken already."""
        adopt_prefixes(self.prefixes, declared)

    def graphs(self, role: str) -> list[str]:
        """The named graph IRIs filled by files of ``role``, sorted."""
        names = {
            g
            for s in self.sources
            if s.role == role
            for g in self.graphs_by_source.get(s.graph_iri, [])
        }
        return sorted(names)

    def source_of_graph(self, graph_iri: str) -> SourceFile | None:
        """The file that filled ``graph_iri``, if any."""
        for source in self.sources:
            if graph_iri in self.graphs_by_source.get(source.graph_iri, []):
                return source
        return None

    def query(
        self,
        sparql: str,
        graphs: list[str] | None = None,
        substitutions: dict[ox.Variable, ox.NamedNode | ox.Literal] | None = None,
    ) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
        """Run a SPARQL query on the union of ``graphs`` (all graphs when None).

        The dataset's prefixes (:data:`kg.data.namespaces.PREFIXES` and the sources')
        are pre-bound; named graphs stay available to ``GRAPH ?g``.
        ``substitutions`` give variables fixed values. Give ``graphs`` only for a
        few graphs (the ontology's): to query the facts, use :meth:`in_facts`.
        """
        named = [ox.NamedNode(g) for g in graphs] if graphs is not None else None
        return self.store.query(
            sparql,
            prefixes=self.prefixes,
            default_graph=named,
            use_default_graph_as_union=named is None,
            substitutions=substitutions,
        )

    def select_values(
        self, sparql: str, graphs: list[str] | None = None
    ) -> list[tuple[str | None, ...]]:
        """The rows of a SELECT as tuples of plain values, in the order of its variables:
        an IRI, a literal's lexical form, a blank node's label; None where unbound.

        The rows come in one call: the store writes them as SPARQL JSON results and
        Python reads them back. Iterating the solutions instead hands the GIL over once
        a row; in a worker thread, while another thread runs Python, each row then waits
        up to the interpreter's switch interval (34,000 rows took 104 s instead of 0.5 s).
        The queries that run in threads (``kg stats``' census, a page's context) use this.

        Example:
            >>> store = ox.Store()
            >>> store.add(ox.Quad(ox.NamedNode("http://ex.org/a"), ox.NamedNode("http://ex.org/p"),
            ...                   ox.Literal("x"), ox.NamedNode("urn:g")))
            >>> KGDataset(store=store).select_values(
            ...     "SELECT ?s ?o ?none WHERE { ?s ?p ?o OPTIONAL { ?o ?q ?none } }")
            [('http://ex.org/a', 'x', None)]
        """
        results = self.query(sparql, graphs)
        data = json.loads(results.serialize(format=ox.QueryResultsFormat.JSON))
        names = data["head"]["vars"]
        return [
            tuple(row[n]["value"] if n in row else None for n in names)
            for row in data["results"]["bindings"]
        ]

    def in_facts(self, pattern: str, graph_var: str = "?g") -> str:
        """A group pattern matching ``pattern`` inside any one graph of the facts.

        The facts are every graph but the ontology's. Giving Oxigraph a default
        graph made of a thousand named graphs is two hundred times slower than
        this: one scan of all graphs, less the few ontology ones.

        Example:
            >>> import pyoxigraph as ox
            >>> KGDataset(store=ox.Store()).in_facts("?s ?p ?o")
            '{ GRAPH ?g { ?s ?p ?o } }'
        """
        ontology = ", ".join(f"<{g}>" for g in self.graphs("ontology"))
        if not ontology:  # Oxigraph does not take NOT IN () as true
            return f"{{ GRAPH {graph_var} {{ {pattern} }} }}"
        return f"{{ GRAPH {graph_var} {{ {pattern} }} FILTER({graph_var} NOT IN ({ontology})) }}"

    def first_graphs(self, pattern: str, var: str) -> dict[str, str]:
        """Each value of ``?var`` matching ``pattern`` in a graph of the facts, with the
        first such graph (by IRI): where to point a user who must fix it."""
        rows = self.query(
            f"SELECT ?{var} (MIN(STR(?g)) AS ?first) WHERE {{ {self.in_facts(pattern)} }} GROUP BY ?{var}"
        )
        return {row[var].value: row["first"].value for row in rows}

    def quads(self) -> Iterator[ox.Quad]:
        """Every quad in the store (unordered)."""
        return iter(self.store)

    def __len__(self) -> int:
        return len(self.store)

    def rdflib(self) -> rdflib.Dataset:
        """The data as an rdflib Dataset sharing this store (no copy)."""
        import rdflib
        from oxrdflib.store import OxigraphStore

        ds = rdflib.Dataset(store=OxigraphStore(store=self.store))
        for prefix, base in self.prefixes.items():
            ds.bind(prefix, base, override=True)
        return ds

    def rdflib_graph(self, graphs: list[str]) -> rdflib.Graph:
        """An in-memory rdflib Graph holding the union of ``graphs``.

        Ill-typed literals (``"May 2023"^^xsd:date``) are kept as they are; the
        warning rdflib logs for each is silenced, since validation reports them.
        """
        import rdflib

        out = rdflib.Graph()
        for prefix, base in self.prefixes.items():
            out.bind(prefix, base, override=True)
        with quiet_rdflib():
            for g in graphs:
                for quad in self.store.quads_for_pattern(None, None, None, ox.NamedNode(g)):
                    out.add(
                        (
                            to_rdflib(quad.subject),
                            to_rdflib(quad.predicate),
                            to_rdflib(quad.object),
                        )
                    )
        return out


def adopt_prefixes(prefixes: dict[str, str], declared: dict[str, str]) -> None:
    """Add ``declared`` to ``prefixes``, skipping prefixes or namespaces already there.

    Example:
        >>> known = {"ex": "http://ex.org/"}
        >>> adopt_prefixes(known, {"ex": "http://other/", "e2": "http://ex.org/", "d": "http://d/"})
        >>> known
        {'ex': 'http://ex.org/', 'd': 'http://d/'}
    """
    taken = set(prefixes.values())
    for prefix, base in sorted(declared.items()):
        if prefix and prefix not in prefixes and base not in taken:
            prefixes[prefix] = base
            taken.add(base)


def known_before_loading(sources: list[SourceFile]) -> bool:
    """True when every source fills only its own graph and declares its prefixes in
    plain text (see :data:`kg.data.parsing.PREDICTABLE`): what loading gives is known ahead."""
    return all(source.format in PREDICTABLE for source in sources)


def prefixes_before_loading(sources: list[SourceFile]) -> dict[str, str]:
    """The prefixes loading ``sources`` will give a dataset, read from the files' text.

    Exact when :func:`known_before_loading` holds. Files that cannot be read
    are skipped: loading them fails.
    """
    prefixes = dict(PREFIXES)
    for source in sources:
        try:
            data = source.path.read_bytes()
        except OSError:
            continue
        adopt_prefixes(prefixes, declared_prefixes(data))
    return prefixes


@contextlib.contextmanager
def quiet_rdflib() -> Iterator[None]:
    """Silence rdflib's log line (with traceback) for each ill-typed literal it converts."""
    logger = logging.getLogger("rdflib.term")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        logger.setLevel(level)


def to_rdflib(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> rdflib.term.Node:
    """The same term as an rdflib term."""
    import rdflib

    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return rdflib.BNode(term.value)
    if term.language:
        return rdflib.Literal(term.value, lang=term.language)
    return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))


def load_dataset(
    ontology: Path,
    triples: Path,
    progress: Progress | None = None,
    on_read: Callable[[SourceFile, bytes], None] | None = None,
) -> KGDataset:
    """Load every RDF file below ``ontology`` and ``triples`` into a new dataset.

    Files that cannot be parsed are recorded in :attr:`KGDataset.problems`
    (each with file, line and column) rather than raised, so that every broken
    file is reported at once. ``on_read`` is as for :func:`load_sources`.

    Raises:
        kg.errors.UsageError: a folder is missing or is not a folder.
    """
    dataset = new_dataset(ontology, triples)
    load_sources(dataset, progress, on_read=on_read)
    return dataset


def new_dataset(ontology: Path, triples: Path) -> KGDataset:
    """An empty dataset over the RDF files below ``ontology`` and ``triples``.

    Raises:
        kg.errors.UsageError: a folder is missing or is not a folder.
    """
    sources = discover(ontology, "ontology") + discover(triples, "triples")
    return KGDataset(store=ox.Store(), sources=sources)


def load_sources(
    dataset: KGDataset,
    progress: Progress | None = None,
    on_loaded: Callable[[SourceFile, bool], None] | None = None,
    on_read: Callable[[SourceFile, bytes], None] | None = None,
) -> None:
    """Load the dataset's sources into its store, one by one.

    ``on_loaded(source, ok)`` is called after each file, ``ok`` False when it
    could not be loaded; another thread may read the store meanwhile.
    ``on_read(source, data)`` is given the bytes of each file loaded, so that
    checks of the text need not read it again (see
    :class:`kg.validation.literals.SourceScanner`).
    """
    sources = dataset.sources
    for done, source in enumerate(sources):
        if progress:
            progress(done, len(sources), f"parsing {source.relpath}")
        try:
            loaded = load_source(dataset.store, source)
        except SourceError as exc:
            dataset.problems.append(exc.problem)
            if on_loaded:
                on_loaded(source, False)
            continue
        dataset.graphs_by_source[source.graph_iri] = sorted(loaded.graphs)
        dataset.add_prefixes(loaded.prefixes)
        if on_read:
            on_read(source, loaded.data)
        if on_loaded:
            on_loaded(source, True)
    dataset.problems.extend(shared_graphs(sources, dataset.graphs_by_source))
    if progress:
        progress(len(sources), len(sources), "parsed")
