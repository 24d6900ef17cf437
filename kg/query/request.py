"""Answering a query given the way people give it: inline, from a file, stdin, or by name.

Example:
    >>> import pyoxigraph as ox
    >>> from kg.data.dataset import KGDataset
    >>> ds = KGDataset(store=ox.Store())
    >>> answer(ds, "ASK { ?s ?p ?o }", "table")
    b'false\\n'
"""

from __future__ import annotations

import multiprocessing
import re
import sys
from collections.abc import Callable
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TypeVar

import pyoxigraph as ox

from kg.data.dataset import KGDataset
from kg.errors import KGError, QueryError, QueryTimeout
from kg.query.catalogue import SavedQuery, find_saved_query
from kg.query.results import format_result, sort_lists
from kg.query.sparql import Binding, run_query, service_failed

T = TypeVar("T")


def query_text(argument: str, catalogue: dict[str, SavedQuery]) -> tuple[str, SavedQuery | None]:
    """The SPARQL text for ``argument``: ``-`` (stdin), a ``.rq`` path, a saved name, or SPARQL.

    A word with no space and no ``{`` cannot be a query: it is a saved query's
    name, or else a file that does not exist.

    Raises:
        QueryError: no such file or saved query, or a file that is not UTF-8.
    """
    if argument == "-":
        return sys.stdin.read(), None
    path = Path(argument)
    if _is_file(path, argument):
        try:
            return path.read_text(encoding="utf-8"), None
        except UnicodeDecodeError as exc:
            raise QueryError(f"{path} is not UTF-8 text") from exc
    if re.fullmatch(r"[\w-]+", argument):
        saved = find_saved_query(catalogue, argument)
        return saved.text, saved
    word = argument.strip()
    if (
        word
        and "{" not in word
        and (not re.search(r"\s", word) or word.endswith((".rq", ".sparql")))
    ):
        raise QueryError(
            f"no such file: {argument} (QUERY is inline SPARQL, a .rq file, - for stdin, "
            "or a saved query's name: kg query --list)"
        )
    return argument, None


def _is_file(path: Path, argument: str) -> bool:
    """Whether ``argument`` names an existing file; never raises (a long query is no path)."""
    if "\n" in argument:
        return False
    try:
        return path.is_file()
    except (OSError, ValueError):  # a name too long for the file system, a NUL byte
        return False


def answer(
    dataset: KGDataset,
    text: str,
    fmt: str,
    bindings: list[Binding] | None = None,
    width: int | None = None,
    allow_service: bool = False,
    lists: dict[str, str] | None = None,
) -> bytes:
    """Run a read-only query and return its result serialised in ``fmt`` (tables ``width`` wide).

    ``allow_service`` lets a federated query (``SERVICE``) ask the endpoints it names.
    ``lists`` are a saved query's list columns, run as :meth:`SavedQuery.runnable
    <kg.query.catalogue.SavedQuery.runnable>` gives them: their items are sorted.
    """
    result = run_query(dataset, text, bindings, allow_service)
    try:
        if lists and isinstance(result, ox.QuerySolutions):
            result = sort_lists(result, lists)
        return format_result(result, fmt, dataset.prefixes, width)
    except ValueError as exc:
        raise QueryError(str(exc)) from exc
    except OSError as exc:
        if not allow_service:
            raise
        raise service_failed(exc) from exc


def _child(conn: Connection, func: Callable[..., T], args: tuple) -> None:
    try:
        conn.send(("ok", func(*args)))
    except KGError as exc:
        conn.send(("kgerror", (type(exc).__name__, str(exc), exc.exit_code)))
    except Exception as exc:  # reported to the parent, which re-raises it
        conn.send(("error", f"{type(exc).__name__}: {exc}"))
    finally:
        conn.close()


def call_with_timeout(func: Callable[..., T], args: tuple, seconds: float) -> T:
    """Run ``func(*args)`` in a forked process; stop it after ``seconds``.

    A query inside pyoxigraph cannot be interrupted from Python, so it runs in a
    child process that is killed when the time is up.

    Raises:
        QueryTimeout: the time ran out.
    """
    context = multiprocessing.get_context("fork")
    parent, child = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(child, func, args), daemon=True)
    process.start()
    child.close()
    try:
        if not parent.poll(seconds):
            raise QueryTimeout(f"the query was stopped after {seconds:g} s (--timeout)")
        status, payload = parent.recv()
    finally:
        if process.is_alive():
            process.kill()
        process.join()
    if status == "ok":
        return payload
    if status == "kgerror":
        _name, message, code = payload
        error = KGError(message)
        error.exit_code = code
        raise error
    raise RuntimeError(payload)


def answer_within(seconds: float, dataset: KGDataset, *args: object) -> bytes:
    """:func:`answer` (``dataset``, then its other arguments) stopped after ``seconds``.

    A build still loading in the background is waited for first: the forked
    child has no loader thread, and would wait for its store for ever. The
    time counts from then.

    Raises:
        QueryTimeout: the time ran out.
    """
    dataset.store  # noqa: B018 - the store, once the load (if any) is done
    return call_with_timeout(answer, (dataset, *args), seconds)


def rows(dataset: KGDataset, query: str, **binds: str) -> list[dict[str, str]]:
    """Rows of a SELECT (inline SPARQL or a saved query's name) as dicts of plain values.

    Keyword arguments bind variables as ``--bind`` does (by IRI, prefixed name or
    any label or alias). Ready for ``pandas.DataFrame(rows(...))``.

    Example:
        >>> import pyoxigraph as ox
        >>> from kg.data.dataset import KGDataset
        >>> store = ox.Store()
        >>> store.add(ox.Quad(ox.NamedNode("http://e/a"), ox.NamedNode("http://e/p"), ox.Literal("1")))
        >>> rows(KGDataset(store=store), "SELECT ?s ?o WHERE { ?s ?p ?o }")
        [{'s': 'http://e/a', 'o': '1'}]
    """
    from kg.query.catalogue import load_catalogue
    from kg.query.sparql import check_bindings, resolve_binding

    text, saved = query_text(query, load_catalogue())
    check_bindings(text, list(binds), saved)
    bindings = [
        resolve_binding(dataset, name, value, entity=saved is not None and name in saved.params)
        for name, value in binds.items()
    ]
    result = run_query(dataset, saved.runnable() if saved else text, bindings)
    if not isinstance(result, ox.QuerySolutions):
        raise QueryError("rows() needs a SELECT query")
    if saved is not None and saved.lists:
        result = sort_lists(result, saved.lists)
    names = [v.value for v in result.variables]
    return [{n: s[n].value for n in names if s[n] is not None} for s in result]
