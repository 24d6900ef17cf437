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
        self, method: str, body: bytes | None, headers: dict[str, str], params: str = ""
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
            hint = f" ({self.hint})" if exc.code in _WRONG_SERVICE and self.hint else ""
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


#: Statuses that mean "not this service": not found, method or media type not allowed.
_WRONG_SERVICE = (404, 405, 415)

QUERY_HINT = (
    "is this the query service? Oxigraph: http://HOST:7878/query, Fuseki: .../DATASET/sparql"
)
STORE_HINT = "is this the graph store? Oxigraph: http://HOST:7878/store, Fuseki: .../DATASET/data"


#: The graph in which ``kg push`` records the graphs it pushed (so that ``--prune``
#: removes only those). Remote datasets leave it out of their named graphs.
MANIFEST_GRAPH = "urn:kg:push:manifest"
_PUSHED = "urn:kg:push:pushed"
_GRAPHS_QUERY = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"


def service_candidates(url: str, paths: tuple[str, ...]) -> list[str]:
    """The URLs to try for a service: ``url`` itself, or for a bare server URL each of ``paths``.

    Example:
        >>> service_candidates("http://localhost:7878", ("query", "sparql"))
        ['http://localhost:7878/query', 'http://localhost:7878/sparql']
        >>> service_candidates("http://localhost:7878/query", ("query", "sparql"))
        ['http://localhost:7878/query']
    """
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    if parts.scheme in ("http", "https") and parts.path in ("", "/") and not parts.query:
        return [f"{url.rstrip('/')}/{path}" for path in paths]
    return [url]


@dataclass
class RemoteDataset(KGDataset):
    """A dataset whose queries run on a remote SPARQL endpoint.

    Named graphs called ``urn:kg:ontology:...`` (as ``kg push`` names them) are
    the ontology; every other named graph holds facts.
    """

    endpoint: Endpoint = field(default_factory=lambda: Endpoint(""))
    named_graphs: list[str] = field(default_factory=list)
    has_manifest: bool = False

    @classmethod
    def connect(cls, url: str, timeout: float = 300.0) -> RemoteDataset:
        """Reach the query service at ``url`` and list its named graphs.

        ``url`` may be a server's base URL (``http://HOST:7878``): the service
        is then looked for at ``/query`` (Oxigraph) and ``/sparql``, and the one
        that answers is used (``endpoint.url`` says which).

        Raises:
            EndpointError: the endpoint is down or not a SPARQL endpoint.
        """
        candidates = service_candidates(url, ("query", "sparql"))
        for candidate in candidates:
            dataset = cls(store=ox.Store(), endpoint=Endpoint(candidate, timeout, QUERY_HINT))
            try:
                rows = dataset._send(_GRAPHS_QUERY, union=False)
            except EndpointError as exc:
                if candidate is candidates[-1] or exc.status is None:
                    if len(candidates) > 1 and exc.status is not None:
                        tried = ", ".join(candidates)
                        raise EndpointError(
                            f"no SPARQL query service found at {url} (tried {tried}); {QUERY_HINT}",
                            exc.status,
                        ) from exc
                    raise
                continue
            graphs = {row["g"].value for row in rows}
            dataset.has_manifest = MANIFEST_GRAPH in graphs
            dataset.named_graphs = sorted(graphs - {MANIFEST_GRAPH})
            return dataset
        raise AssertionError("unreachable: there is always one candidate")

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
        rows = self.query(
            f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(?g != <{MANIFEST_GRAPH}>) }}"
        )
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
        if self.has_manifest:
            # kg push's record of its graphs is no data: list the others, for
            # the default graph and for GRAPH ?g alike.
            return [("default-graph-uri", g) for g in self.named_graphs] + [
                ("named-graph-uri", g) for g in self.named_graphs
            ]
        server = (self.endpoint.server or "").lower()
        if "oxigraph" in server:
            return [("union-default-graph", "")]
        if "fuseki" in server:
            return [("default-graph-uri", "urn:x-arq:UnionGraph")]
        return [("default-graph-uri", g) for g in self.named_graphs]


@dataclass
class PushResult:
    """What ``push`` did: graphs replaced, added and removed, triples sent, and where.

    Attributes:
        url: the graph store's URL (the one used, when a base URL was given).
        replaced: graphs the server held already and that were replaced.
        added: graphs the server did not hold.
        removed: graphs kg had pushed before that no longer exist locally (``prune``).
        stale: such graphs left on the server because ``prune`` was not asked for.
        triples: the number of triples sent.
    """

    url: str
    replaced: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)
    triples: int = 0

    @property
    def graphs(self) -> int:
        """The number of graphs sent."""
        return len(self.replaced) + len(self.added)


def push(
    dataset: KGDataset,
    url: str,
    progress: Progress | None = None,
    timeout: float = 300.0,
    prune: bool = False,
) -> PushResult:
    """Upload every named graph of ``dataset`` to the graph store at ``url``.

    Each graph replaces the endpoint's graph of the same name (an HTTP ``PUT``
    of N-Triples); graphs the dataset does not have are left alone, except
    that with ``prune`` the graphs kg pushed before (recorded in the graph
    :data:`MANIFEST_GRAPH` on the server) and that no longer exist locally are
    deleted. A graph kg did not push is never touched. ``url`` may be a
    server's base URL (``http://HOST:7878``): the store is then ``/store``.

    Raises:
        EndpointError: the graph store is down or refuses a graph.
    """
    endpoint = Endpoint(service_candidates(url, ("store",))[0], timeout, STORE_HINT)
    names = sorted(g.value for g in dataset.store.named_graphs() if isinstance(g, ox.NamedNode))
    before = _pushed_before(endpoint)
    result = PushResult(url=endpoint.url)
    for done, name in enumerate(names):
        if progress:
            progress(done, len(names), f"pushing {name}")
        triples = [
            q.triple for q in dataset.store.quads_for_pattern(None, None, None, ox.NamedNode(name))
        ]
        body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
        (result.replaced if _exists(endpoint, name) else result.added).append(name)
        endpoint.request(
            "PUT", body, {"Content-Type": "application/n-triples"}, urlencode({"graph": name})
        )
        result.triples += len(triples)
    gone = sorted(before - set(names))
    if prune:
        for name in gone:
            if _exists(endpoint, name):
                endpoint.request("DELETE", None, {}, urlencode({"graph": name}))
                result.removed.append(name)
        kept = set(names)
    else:
        result.stale = [g for g in gone if _exists(endpoint, g)]
        kept = set(names) | set(result.stale)
    _record_pushed(endpoint, kept)
    if progress:
        progress(len(names), len(names), "pushed")
    return result


def _graph(endpoint: Endpoint, name: str) -> bytes | None:
    """The graph's N-Triples on the store, or None when it has no such graph."""
    try:
        body, _type = endpoint.request(
            "GET", None, {"Accept": "application/n-triples"}, urlencode({"graph": name})
        )
    except EndpointError as exc:
        if exc.status == 404:
            return None
        raise
    return body


def _exists(endpoint: Endpoint, name: str) -> bool:
    """Whether the store holds the graph (a ``HEAD ?graph=IRI``)."""
    try:
        endpoint.request("HEAD", None, {}, urlencode({"graph": name}))
    except EndpointError as exc:
        if exc.status == 404:
            return False
        raise
    return True


def _pushed_before(endpoint: Endpoint) -> set[str]:
    body = _graph(endpoint, MANIFEST_GRAPH)
    if not body:
        return set()
    return {
        t.object.value
        for t in ox.parse(body, ox.RdfFormat.N_TRIPLES)
        if t.predicate.value == _PUSHED and isinstance(t.object, ox.NamedNode)
    }


def _record_pushed(endpoint: Endpoint, graphs: set[str]) -> None:
    manifest = ox.NamedNode(MANIFEST_GRAPH)
    triples = [ox.Triple(manifest, ox.NamedNode(_PUSHED), ox.NamedNode(g)) for g in sorted(graphs)]
    body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
    endpoint.request(
        "PUT", body, {"Content-Type": "application/n-triples"}, urlencode({"graph": MANIFEST_GRAPH})
    )
