"""A remote SPARQL 1.1 endpoint behind kg's dataset interface, and pushing data to one.

Queries go out with the SPARQL 1.1 Protocol (an HTML-form POST) and their
results come back as pyoxigraph results, so ``kg query``, ``kg stats`` and
``kg viz`` work on an endpoint as on local sources. ``push`` uploads each named
graph with the Graph Store Protocol (``PUT ?graph=IRI``), which replaces what
the endpoint held for that graph and leaves its other graphs alone.

An endpoint keeps no prefixes: names are shortened with kg's standard prefixes,
plus those of a local build of the same project when there is one.

kg's queries read the default graph as the union of all named graphs. Servers
differ in how to ask for that, so kg looks at the ``Server`` header: Oxigraph
gets ``union-default-graph``, Jena Fuseki ``urn:x-arq:UnionGraph``; any other
server gets every named graph listed as a ``default-graph-uri``, which the
protocol defines and every server supports.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from dataclasses import dataclass, field
from urllib.parse import urlencode

import pyoxigraph as ox

from kg.data.dataset import KGDataset, Progress
from kg.data.memory import Result, graph_result
from kg.errors import KGError, UsageError

GRAPH_FORMS = ("CONSTRUCT", "DESCRIBE")


class EndpointError(KGError):
    """The endpoint is down, refused the request or answered something else (exit code 5)."""

    exit_code = 5

    def __init__(self, message: str, status: int | None = None, detail: str = "") -> None:
        super().__init__(message)
        self.status = status
        self.detail = detail


@dataclass
class Endpoint:
    """One HTTP endpoint: a SPARQL query service or a graph store.

    Attributes:
        url: the service's URL (Oxigraph: ``/query`` or ``/store``; Fuseki:
            ``/DATASET/sparql`` or ``/DATASET/data``).
        timeout: seconds to wait for an answer.
        hint: what to check when the URL is wrong (added to 404 messages).
    """

    url: str
    timeout: float = 300.0
    hint: str = ""
    server: str | None = None

    def request(
        self, method: str, body: bytes, headers: dict[str, str], params: str = ""
    ) -> tuple[bytes, str]:
        """Send one request; return the body and content type of a 2xx answer.

        Raises:
            EndpointError: the server cannot be reached, times out or answers an error.
        """
        if not self.url.startswith(("http://", "https://")):
            raise UsageError(f"--endpoint must be an http:// or https:// URL, not {self.url!r}")
        url = self.url + (("&" if "?" in self.url else "?") + params if params else "")
        request = urllib.request.Request(url, data=body, method=method, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                self.server = response.headers.get("Server", "")
                return response.read(), response.headers.get("Content-Type", "")
        except urllib.error.HTTPError as exc:
            detail = exc.read()[:2000].decode("utf-8", "replace").strip()
            hint = f" ({self.hint})" if exc.code == 404 and self.hint else ""
            raise EndpointError(
                f"{self.url} answered {exc.code} {exc.reason}{hint}"
                + (f": {detail[:500]}" if detail else ""),
                exc.code,
                detail,
            ) from exc
        except urllib.error.URLError as exc:
            raise EndpointError(
                f"cannot reach {self.url}: {exc.reason}; is the server running and the URL right?"
            ) from exc
        except TimeoutError as exc:
            raise EndpointError(f"{self.url} did not answer within {self.timeout:g} s") from exc


QUERY_HINT = (
    "is this the query service? Oxigraph: http://HOST:7878/query, Fuseki: .../DATASET/sparql"
)
STORE_HINT = "is this the graph store? Oxigraph: http://HOST:7878/store, Fuseki: .../DATASET/data"


@dataclass
class RemoteDataset(KGDataset):
    """A dataset whose queries run on a remote SPARQL endpoint.

    Named graphs called ``urn:kg:ontology:...`` (as ``kg push`` names them) are
    the ontology; every other named graph holds facts.
    """

    endpoint: Endpoint = field(default_factory=lambda: Endpoint(""))
    named_graphs: list[str] = field(default_factory=list)

    @classmethod
    def connect(cls, url: str, timeout: float = 300.0) -> RemoteDataset:
        """Reach the endpoint at ``url`` and list its named graphs.

        Raises:
            EndpointError: the endpoint is down or not a SPARQL endpoint.
        """
        dataset = cls(store=ox.Store(), endpoint=Endpoint(url, timeout, QUERY_HINT))
        rows = dataset._send("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", union=False)
        dataset.named_graphs = sorted(row["g"].value for row in rows)
        return dataset

    def graphs(self, role: str) -> list[str]:
        """The endpoint's named graphs of ``role`` (by kg's graph naming), sorted."""
        ontology = [g for g in self.named_graphs if g.startswith("urn:kg:ontology:")]
        if role == "ontology":
            return ontology
        return [g for g in self.named_graphs if g not in ontology]

    def source_of_graph(self, graph_iri: str) -> None:
        """Remote graphs have no local file."""
        return None

    def query(
        self,
        sparql: str,
        graphs: list[str] | None = None,
        substitutions: dict[ox.Variable, ox.NamedNode | ox.Literal] | None = None,
    ) -> Result:
        """Run ``sparql`` on the endpoint (see :meth:`KGDataset.query`)."""
        if substitutions:
            from kg.data.sparqltext import Binding, with_bindings

            sparql = with_bindings(sparql, [Binding(v.value, t) for v, t in substitutions.items()])
        return self._send(sparql, union=graphs is None, graphs=graphs)

    def quads(self) -> list[ox.Quad]:
        """Not available: a remote dataset is only reached through queries."""
        raise UsageError("this needs the quads themselves; run it on local sources, not --endpoint")

    def __len__(self) -> int:
        rows = self.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        return int(next(iter(rows))["n"].value)

    def _send(self, sparql: str, union: bool, graphs: list[str] | None = None) -> Result:
        from kg.data.sparqltext import declared_prefixes, query_kind

        declared = declared_prefixes(sparql)
        prologue = "".join(
            f"PREFIX {p}: <{ns}>\n" for p, ns in sorted(self.prefixes.items()) if p not in declared
        )
        kind = query_kind(sparql)
        form = [("query", prologue + sparql)]
        if graphs is not None:
            form += [("default-graph-uri", g) for g in graphs]
        elif union:
            form += self._union()
        accept = (
            "application/n-triples" if kind in GRAPH_FORMS else "application/sparql-results+json"
        )
        try:
            body, content_type = self.endpoint.request(
                "POST",
                urlencode(form).encode("utf-8"),
                {"Content-Type": "application/x-www-form-urlencoded", "Accept": accept},
            )
        except EndpointError as exc:
            if exc.status == 400:
                # Locate the mistake in the text as written (the server saw it
                # after kg's PREFIX lines); if Oxigraph parses it, the server
                # refused it for its own reasons: pass them on.
                ox.Store().query(sparql, prefixes=self.prefixes)
                raise EndpointError(f"the endpoint refused the query: {exc.detail}", 400) from exc
            raise
        try:
            if kind in GRAPH_FORMS:
                return graph_result(body)
            return ox.parse_query_results(body, ox.QueryResultsFormat.JSON)
        except (SyntaxError, ValueError) as exc:
            raise EndpointError(
                f"{self.endpoint.url} did not answer with SPARQL results "
                f"(got {content_type or 'no content type'}); {QUERY_HINT}"
            ) from exc

    def _union(self) -> list[tuple[str, str]]:
        server = (self.endpoint.server or "").lower()
        if "oxigraph" in server:
            return [("union-default-graph", "")]
        if "fuseki" in server:
            return [("default-graph-uri", "urn:x-arq:UnionGraph")]
        return [("default-graph-uri", g) for g in self.named_graphs]


@dataclass
class PushResult:
    """What ``push`` sent: graphs and triples, and where."""

    url: str
    graphs: int
    triples: int


def push(
    dataset: KGDataset, url: str, progress: Progress | None = None, timeout: float = 300.0
) -> PushResult:
    """Upload every named graph of ``dataset`` to the graph store at ``url``.

    Each graph replaces the endpoint's graph of the same name (an HTTP ``PUT``
    of N-Triples); graphs the dataset does not have are left alone.

    Raises:
        EndpointError: the graph store is down or refuses a graph.
    """
    endpoint = Endpoint(url, timeout, STORE_HINT)
    names = sorted(g.value for g in dataset.store.named_graphs() if isinstance(g, ox.NamedNode))
    sent = 0
    for done, name in enumerate(names):
        if progress:
            progress(done, len(names), f"pushing {name}")
        triples = [
            q.triple for q in dataset.store.quads_for_pattern(None, None, None, ox.NamedNode(name))
        ]
        body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
        endpoint.request(
            "PUT", body, {"Content-Type": "application/n-triples"}, urlencode({"graph": name})
        )
        sent += len(triples)
    if progress:
        progress(len(names), len(names), "pushed")
    return PushResult(url=url, graphs=len(names), triples=sent)
