"""The projection's rules: what becomes a node and an edge, read from options or a file,
and checked against the terms the data and the ontology know.

One set of rules (:class:`ProjectionRules`) drives both the networkx projection
and the integer edge list (:mod:`kg.analysis.projection`); every output records
them.

Example:
    >>> rules = ProjectionRules(exclude_predicates=("schema:mentions",))
    >>> rules.to_dict()["directed"]
    True
"""

from __future__ import annotations

import difflib
import json
import sys
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from kg.data.namespaces import shorten
from kg.errors import UsageError

if TYPE_CHECKING:
    from kg.data.dataset import KGDataset

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib


@dataclass(frozen=True)
class ProjectionRules:
    """How the dataset becomes a graph; recorded in every output.

    Attributes:
        directed: keep the RDF direction (subject to object).
        include_predicates: when not empty, only these predicates make edges.
        exclude_predicates: predicates that never make edges. By default
            ``schema:mentions`` (an article's index of names) and
            ``kg:equivalentAmount`` (the same sum in another currency, linked
            both ways: kept, the two amounts pass rank to each other and
            outrank the people they are about).
        exclude_classes: classes whose instances are not nodes.
        collapse_events: replace events and agreements by person–person edges.
    """

    directed: bool = True
    include_predicates: tuple[str, ...] = ()
    exclude_predicates: tuple[str, ...] = ("schema:mentions", "kg:equivalentAmount")
    exclude_classes: tuple[str, ...] = ("schema:NewsArticle", "schema:WebSite")
    collapse_events: bool = False

    def to_dict(self) -> dict[str, object]:
        """The rules as a JSON-ready dict."""
        data = asdict(self)
        return {k: list(v) if isinstance(v, tuple) else v for k, v in data.items()}

    def updated(self, **changes: object) -> ProjectionRules:
        """A copy with some rules changed; list values become tuples."""
        fixed = {k: tuple(v) if isinstance(v, list) else v for k, v in changes.items()}
        return replace(self, **fixed)


#: Keys of a ``--rules`` file named like the options (``-`` or ``_``), and their types.
RULE_FLAGS: dict[str, type] = {
    "undirected": bool,
    "collapse_events": bool,
    "no_default_exclusions": bool,
    "include_predicate": list,
    "exclude_predicate": list,
    "exclude_class": list,
}
#: Keys as every output records the rules (``rules.json``, ``kg_rules``): whole values.
RULE_FIELDS: dict[str, type] = {
    "directed": bool,
    "collapse_events": bool,
    "include_predicates": list,
    "exclude_predicates": list,
    "exclude_classes": list,
}


def read_rules_file(path: Path) -> dict[str, object]:
    """The options a ``--rules`` file (TOML, or JSON by its suffix) gives, by option name.

    Keys are the option names (``undirected = true``, ``exclude-class = [...]``;
    ``-`` and ``_`` alike), or the names every output records the rules under
    (``directed``, ``exclude_classes``, ...) so that a ``rules.json`` written by
    ``kg export -f csv`` can be read back; a recorded list replaces the default.

    Raises:
        kg.errors.UsageError: the file cannot be read, or has unknown keys or wrong types.
    """
    try:
        text = path.read_text(encoding="utf-8")
        data = json.loads(text) if path.suffix == ".json" else tomllib.loads(text)
    except (OSError, ValueError) as exc:
        raise UsageError(f"cannot read projection rules {path}: {exc}") from exc
    if not isinstance(data, dict):
        raise UsageError(f"{path}: projection rules must be a table of options")
    options: dict[str, object] = {}
    for key, value in data.items():
        name = key.replace("-", "_")
        expected = RULE_FLAGS.get(name) or RULE_FIELDS.get(name)
        if expected is None:
            known = sorted({k.replace("_", "-") for k in RULE_FLAGS} | set(RULE_FIELDS))
            close = difflib.get_close_matches(key.replace("_", "-"), known, n=2, cutoff=0.6)
            hint = f"did you mean {' or '.join(close)}? " if close else ""
            raise UsageError(
                f"{path}: unknown projection rule {key!r}; {hint}(keys are the option names: "
                f"{', '.join(sorted(k.replace('_', '-') for k in RULE_FLAGS))})"
            )
        if not isinstance(value, expected) or (
            expected is list and not all(isinstance(v, str) for v in value)
        ):
            kind = "true or false" if expected is bool else "a list of names"
            raise UsageError(f"{path}: {key} must be {kind}")
        options[name] = value
    return options


def rules_from_options(
    options: dict[str, object], file_options: dict[str, object] | None = None
) -> ProjectionRules:
    """The projection rules the options give, on top of a rules file's, on top of the defaults.

    ``--exclude-predicate`` and ``--exclude-class`` add to the default exclusions;
    ``--no-default-exclusions`` starts from none. ``--include-predicate`` lists the
    only predicates that make edges.

    Example:
        >>> rules_from_options({"exclude_class": ["kg:Topic"]}).exclude_classes
        ('schema:NewsArticle', 'schema:WebSite', 'kg:Topic')
        >>> rules_from_options({"exclude_class": ["kg:Topic"], "no_default_exclusions": True}).exclude_classes
        ('kg:Topic',)
        >>> rules_from_options({}, {"undirected": True}).directed
        False
    """
    rules = ProjectionRules()
    for given in (file_options or {}, options):
        if given.get("no_default_exclusions"):
            rules = rules.updated(exclude_predicates=[], exclude_classes=[])
        fields = {k: v for k, v in given.items() if k in RULE_FIELDS and v is not None}
        rules = rules.updated(**fields)
        if given.get("undirected"):
            rules = rules.updated(directed=False)
        if given.get("collapse_events"):
            rules = rules.updated(collapse_events=True)
        if given.get("include_predicate"):
            rules = rules.updated(include_predicates=list(given["include_predicate"]))
        for option, field in (
            ("exclude_predicate", "exclude_predicates"),
            ("exclude_class", "exclude_classes"),
        ):
            added = [t for t in given.get(option) or () if t not in getattr(rules, field)]
            if added:
                rules = rules.updated(**{field: [*getattr(rules, field), *added]})
    return rules


def expand(name: str, prefixes: dict[str, str]) -> str:
    """A rule's term as an IRI: ``<iri>``, ``prefix:name`` or a bare IRI.

    Example:
        >>> expand("ex:a", {"ex": "http://ex.org/"}), expand("<urn:x>", {})
        ('http://ex.org/a', 'urn:x')
    """
    prefix, sep, local = name.partition(":")
    if name.startswith("<") and name.endswith(">"):
        return name[1:-1]
    if sep and prefix in prefixes:
        return prefixes[prefix] + local
    if "://" in name:
        return name
    raise UsageError(f"unknown prefix in {name!r}; use a known prefix or a full <IRI>")


_OPTIONS = {
    "include_predicates": ("--include-predicate", "predicate"),
    "exclude_predicates": ("--exclude-predicate", "predicate"),
    "exclude_classes": ("--exclude-class", "class"),
}

_KNOWN = {
    "predicate": "ASK {{ {{ ?s <{iri}> ?o }} UNION {{ <{iri}> a ?type }} "
    "UNION {{ ?sub <http://www.w3.org/2000/01/rdf-schema#subPropertyOf> <{iri}> }} }}",
    "class": "ASK {{ {{ ?s a <{iri}> }} UNION {{ <{iri}> a ?type }} "
    "UNION {{ ?sub <http://www.w3.org/2000/01/rdf-schema#subClassOf> <{iri}> }} }}",
}

_CANDIDATES = {
    "predicate": "SELECT DISTINCT ?t WHERE {{ {{ ?s ?t ?o }} UNION {{ ?t a ?k "
    "VALUES ?k {{ <http://www.w3.org/1999/02/22-rdf-syntax-ns#Property> <http://www.w3.org/2002/07/owl#ObjectProperty> <http://www.w3.org/2002/07/owl#DatatypeProperty> "
    "<http://www.w3.org/2002/07/owl#AnnotationProperty> }} }} }}",
    "class": "SELECT DISTINCT ?t WHERE {{ {{ ?s a ?t }} UNION {{ ?sub <http://www.w3.org/2000/01/rdf-schema#subClassOf> ?t }} "
    "UNION {{ ?t a ?k VALUES ?k {{ <http://www.w3.org/2002/07/owl#Class> <http://www.w3.org/2000/01/rdf-schema#Class> }} }} }}",
}


def check_rule_terms(dataset: KGDataset, rules: ProjectionRules, defaults: ProjectionRules) -> None:
    """Raise :class:`UsageError` for a rule's predicate or class the dataset does not know.

    Terms of ``defaults`` (the default rules) are not checked.

    Example:
        >>> import pyoxigraph as ox
        >>> from kg.analysis.projection import ProjectionRules
        >>> from kg.data.dataset import KGDataset
        >>> store = ox.Store()
        >>> store.add(ox.Quad(ox.NamedNode("http://ex.org/a"), ox.NamedNode("http://ex.org/signatory"),
        ...                   ox.NamedNode("http://ex.org/b"), ox.NamedNode("urn:g")))
        >>> ds = KGDataset(store=store, prefixes={"ex": "http://ex.org/"})
        >>> check_rule_terms(ds, ProjectionRules(include_predicates=("ex:signatory",)), ProjectionRules())
        >>> check_rule_terms(ds, ProjectionRules(include_predicates=("ex:signatry",)), ProjectionRules())
        Traceback (most recent call last):
        ...
        kg.errors.UsageError: --include-predicate ex:signatry: no such predicate in the data or the ontology; did you mean ex:signatory?
    """
    candidates: dict[str, list[str]] = {}
    for field, (option, kind) in _OPTIONS.items():
        for name in getattr(rules, field):
            if name in getattr(defaults, field):
                continue
            iri = expand(name, dataset.prefixes)
            if bool(dataset.query(_KNOWN[kind].format(iri=iri))):
                continue
            if kind not in candidates:
                rows = dataset.query(_CANDIDATES[kind].format())
                candidates[kind] = sorted(
                    shorten(row["t"].value, dataset.prefixes)
                    for row in rows
                    if row["t"] is not None and row["t"].__class__.__name__ == "NamedNode"
                )
            close = difflib.get_close_matches(name, candidates[kind], n=3, cutoff=0.6)
            hint = f"; did you mean {' or '.join(close)}?" if close else ""
            raise UsageError(f"{option} {name}: no such {kind} in the data or the ontology{hint}")
