"""rdflib's own in-memory store and SPARQL engine, behind kg's dataset interface.

Slower than Oxigraph at every size ``kg bench`` measures; it is here for
comparison and for queries that need rdflib's engine (its custom functions,
its reading of an edge case). Results come back as pyoxigraph results, so
everything downstream (formats, tables, projection) is unchanged.

Example:
    >>> import pyoxigraph as ox
    >>> store = ox.Store()
    >>> store.add(ox.Quad(ox.NamedNode("http://e/a"), ox.NamedNode("http://e/p"),
    ...                   ox.Literal("x"), ox.NamedNode("urn:kg:triples:a.ttl")))
    >>> memory = MemoryDataset.copy_of(KGDataset(store=store))
    >>> [s["o"].value for s in memory.query("SELECT ?o WHERE { ?s ?p ?o }")]
    ['x']
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field

import pyoxigraph as ox
import rdflib
from pyparsing import ParseException
from rdflib.plugins.sparql.sparql import NotBoundError

from kg.data.dataset import KGDataset, quiet_rdflib, to_rdflib
from kg.errors import QueryError

Result = ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples


@dataclass
class MemoryDataset(KGDataset):
    """A dataset whose queries run on rdflib's Memory store (a copy of ``store``)."""

    memory: rdflib.Dataset = field(default_factory=lambda: rdflib.Dataset(default_union=True))

    @classmethod
    def copy_of(cls, dataset: KGDataset) -> MemoryDataset:
        """The same sources and graphs, copied into rdflib's in-memory store."""
        copy = cls(
            store=dataset.store,
            sources=dataset.sources,
            graphs_by_source=dataset.graphs_by_source,
            problems=dataset.problems,
            prefixes=dataset.prefixes,
        )
        copy.memory = to_memory(dataset.store)
        return copy

    def query(
        self,
        sparql: str,
        graphs: list[str] | None = None,
        substitutions: dict[ox.Variable, ox.NamedNode | ox.Literal] | None = None,
    ) -> Result:
        """Run ``sparql`` with rdflib's engine (see :meth:`KGDataset.query`)."""
        target: rdflib.Graph = self.memory
        if graphs is not None:
            target = rdflib.Graph()
            for g in graphs:
                for triple in self.memory.graph(rdflib.URIRef(g)):
                    target.add(triple)
        bindings = {
            rdflib.Variable(v.value): to_rdflib(t) for v, t in (substitutions or {}).items()
        }
        try:
            with warnings.catch_warnings():  # rdflib's engine calls its own deprecated API
                warnings.simplefilter("ignore", DeprecationWarning)
                result = target.query(sparql, initNs=self.prefixes, initBindings=bindings)
                return to_oxigraph_result(result)
        except ParseException as exc:
            raise SyntaxError(str(exc)) from exc
        except NotBoundError as exc:
            raise QueryError(
                f"rdflib's SPARQL engine cannot run this query ({exc}): it fails on aggregates "
                "over variables an OPTIONAL left unbound (rdflib issue #882); "
                "use --store oxigraph"
            ) from exc
        except (TypeError, ValueError, AttributeError, KeyError, IndexError) as exc:
            # rdflib's engine fails inside its own evaluation on some valid queries
            # (e.g. ORDER BY over a value some rows leave unbound): say so plainly.
            raise QueryError(
                f"rdflib's SPARQL engine failed on this query ({type(exc).__name__}: {exc}); "
                "this is a limitation of rdflib's engine, not of the query: "
                "use --store oxigraph"
            ) from exc


def to_memory(store: ox.Store) -> rdflib.Dataset:
    """Every quad of ``store`` in a new rdflib Dataset on the Memory store."""
    memory = rdflib.Dataset(default_union=True)
    graphs: dict[str, rdflib.Graph] = {}

    def graph(name: str) -> rdflib.Graph:
        if name not in graphs:
            graphs[name] = memory.graph(rdflib.URIRef(name))
        return graphs[name]

    with quiet_rdflib(), warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        memory.addN(
            (
                to_rdflib(q.subject),
                to_rdflib(q.predicate),
                to_rdflib(q.object),
                graph(q.graph_name.value),
            )
            for q in store
            if isinstance(q.graph_name, ox.NamedNode)
        )
    return memory


def to_oxigraph_result(result: rdflib.query.Result) -> Result:
    """An rdflib query result as the pyoxigraph result of the same kind."""
    if result.type in ("SELECT", "ASK"):
        return ox.parse_query_results(result.serialize(format="json"), ox.QueryResultsFormat.JSON)
    return graph_result(result.graph.serialize(format="nt", encoding="utf-8"))


def graph_result(ntriples: bytes) -> ox.QueryTriples:
    """N-Triples as a pyoxigraph CONSTRUCT result."""
    store = ox.Store()
    store.load(ntriples, ox.RdfFormat.N_TRIPLES)
    return store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
