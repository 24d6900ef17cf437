"""The catalogue of saved queries: ``.rq`` files with a comment header.

Each file starts with comment lines ``# name:``, ``# question:``,
``# description:`` and optionally ``# params:``: the variables to ``--bind``,
comma-separated, each required unless it ends in ``?`` (``# params: entity?``
may be left unbound). A parameter is an entity: its value must name one.
kg ships its catalogue in ``kg/query/queries/``.

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
