"""The catalogue of saved queries: ``.rq`` files with a comment header.

Each file starts with comment lines ``# name:``, ``# question:``,
``# description:`` and optionally ``# params:``: the variables to ``--bind``,
comma-separated, each required unless it ends in ``?`` (``# params: entity?``
may be left unbound). A parameter is an entity: its value must name one.
kg ships its catalogue in ``kg/query/queries/``.

SPARQL leaves the order of ``GROUP_CONCAT`` unspecified, so engines list the
same items in different orders. A saved query's lists
(``GROUP_CONCAT(... ; separator="...") AS ?name``, :attr:`SavedQuery.lists`) are
therefore joined by kg: the query runs with a separator no label holds
(:meth:`SavedQuery.runnable`), and :func:`kg.query.results.sort_lists` sorts the
items and joins them with the separator written, the same on every engine.

Example:
    >>> text = "# name: hello\\n# question: Hi?\\n# description: Says hi.\\nASK {}"
    >>> q = parse_saved_query(text, "x.rq")
    >>> q.name, q.question, q.params
    ('hello', 'Hi?', ())
    >>> q = parse_saved_query("# name: a\\n# question: Q\\n# description: D\\n# params: who, when?", "a.rq")
    >>> q.params, q.required
    (('who', 'when'), ('who',))
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from kg.errors import QueryError

#: The separator a saved query's lists are run with: a control character no label holds.
LIST_MARK = "\x1f"
_GROUP_CONCAT_RE = re.compile(
    r"(GROUP_CONCAT\s*\(\s*(?:DISTINCT\s+)?[?$]\w+\s*;\s*separator\s*=\s*)"
    r'"((?:[^"\\\n]|\\.)*)"'
    r"(\s*\)\s*AS\s*[?$](\w+))",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class SavedQuery:
    """A query of the catalogue."""

    name: str
    question: str
    description: str
    params: tuple[str, ...]
    text: str
    source: str
    optional: tuple[str, ...] = ()

    @property
    def required(self) -> tuple[str, ...]:
        """The parameters that must be bound."""
        return tuple(p for p in self.params if p not in self.optional)

    @property
    def lists(self) -> dict[str, str]:
        r"""The query's ``GROUP_CONCAT`` columns, each with the separator written.

        Example:
            >>> q = parse_saved_query('# name: a\n# question: Q\n# description: D\n'
            ...     'SELECT (GROUP_CONCAT(DISTINCT ?n; separator=", ") AS ?names) {}', "a.rq")
            >>> q.lists
            {'names': ', '}
        """
        return {m.group(4): m.group(2) for m in _GROUP_CONCAT_RE.finditer(self.text)}

    def runnable(self) -> str:
        r"""The text to run: each list joined by :data:`LIST_MARK`, for sorting after.

        Example:
            >>> q = parse_saved_query('# name: a\n# question: Q\n# description: D\n'
            ...     'SELECT (GROUP_CONCAT(?n; separator=", ") AS ?names) {}', "a.rq")
            >>> q.runnable().splitlines()[-1]
            'SELECT (GROUP_CONCAT(?n; separator="\\u001F") AS ?names) {}'
        """
        return _GROUP_CONCAT_RE.sub(r'\1"\\u001F"\3', self.text)


def parse_saved_query(text: str, source: str) -> SavedQuery:
    """Read a saved query's header; raise ValueError when name or question is missing."""
    header: dict[str, str] = {}
    for line in text.splitlines():
        match = re.match(r"#\s*(\w+)\s*:\s*(.*)", line)
        if not line.startswith("#"):
            break
        if match:
            header[match.group(1).lower()] = match.group(2).strip()
    missing = [k for k in ("name", "question", "description") if k not in header]
    if missing:
        raise ValueError(f"{source}: saved query header lacks {', '.join(missing)}")
    declared = [p.strip().lstrip("?$") for p in header.get("params", "").split(",") if p.strip()]
    params = tuple(p.rstrip("?") for p in declared)
    optional = tuple(p.rstrip("?") for p in declared if p.endswith("?"))
    return SavedQuery(
        header["name"], header["question"], header["description"], params, text, source, optional
    )


def load_catalogue(folder: Path | None = None) -> dict[str, SavedQuery]:
    """Every saved query in ``folder`` (default: the catalogue shipped with kg), by name."""
    if folder is None:
        files = sorted(
            (f.name, f.read_text(encoding="utf-8"))
            for f in resources.files("kg.query").joinpath("queries").iterdir()
            if f.name.endswith(".rq")
        )
    else:
        files = sorted((p.name, p.read_text(encoding="utf-8")) for p in folder.glob("*.rq"))
    catalogue = {}
    for name, text in files:
        query = parse_saved_query(text, name)
        catalogue[query.name] = query
    return dict(sorted(catalogue.items()))


def find_saved_query(catalogue: dict[str, SavedQuery], name: str) -> SavedQuery:
    """The saved query called ``name``; an unknown name lists the close ones."""
    if name in catalogue:
        return catalogue[name]
    close = difflib.get_close_matches(name, list(catalogue), n=3, cutoff=0.5)
    hint = f"did you mean {' or '.join(close)}? " if close else ""
    raise QueryError(f"no saved query named {name!r}; {hint}(kg query --list shows them all)")
