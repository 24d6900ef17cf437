"""Validation of a loaded dataset: syntax, vocabulary, SHACL shapes, labels, and
integrity (references, duplicates, provenance, canonical literals).

Example:
    >>> from kg.problems import CHECKS
    >>> CHECKS
    ('syntax', 'vocabulary', 'shacl', 'labels', 'references', 'duplicates', 'provenance', 'literals')
"""

from __future__ import annotations

import os
import re
from concurrent.futures import Future, ThreadPoolExecutor, as_completed

from kg.data.dataset import KGDataset, Progress
from kg.problems import CHECKS, Problem, ValidationReport
from kg.validation.duplicates import check_duplicates
from kg.validation.labels import check_labels
from kg.validation.literals import SourceScanner, check_literals
from kg.validation.locate import clear_cache
from kg.validation.provenance import check_provenance
from kg.validation.references import check_references
from kg.validation.shacl import check_shacl, has_shapes
from kg.validation.vocabulary import check_vocabulary

__all__ = ["CHECKS", "Problem", "SourceScanner", "ValidationReport", "validate"]

#: The checks by their time at a million triples, longest first.
_LONGEST_FIRST = (
    "shacl",
    "references",
    "labels",
    "vocabulary",
    "provenance",
    "duplicates",
    "literals",
)


def one_message_per_fault(problems: list[Problem], prefixes: dict[str, str]) -> list[Problem]:
    """Drop the SHACL problems that the labels check reports better.

    A shape that asks for exactly one preferred label and the labels check see
    the same fault (no label, two labels); the labels check names the labels,
    so its message stays and the shape's goes.

    Example:
        >>> labels = Problem("labels", "ex:c has 2 preferred labels", subject="ex:c")
        >>> shape = Problem("shacl", "...", subject="'C' (ex:c)", group="skos:prefLabel: MaxCount")
        >>> other = Problem("shacl", "...", subject="'D' (ex:d)", group="skos:prefLabel: MaxCount")
        >>> [p.subject for p in one_message_per_fault([shape, other, labels], {})]
        ["'D' (ex:d)", 'ex:c']
    """
    from kg.data.labels import LABEL_PREDICATES
    from kg.data.namespaces import shorten

    named = {p.subject for p in problems if p.check == "labels" and p.subject}
    if not named:
        return problems
    groups = {
        f"{shorten(predicate, prefixes)}: {component}"
        for predicate in LABEL_PREDICATES
        for component in ("MinCount", "MaxCount")
    } | {f"skos:prefLabel: {component}" for component in ("MinCount", "MaxCount")}

    def repeated(problem: Problem) -> bool:
        if problem.check != "shacl" or problem.group not in groups or not problem.subject:
            return False
        subject = problem.subject
        return subject in named or any(subject.endswith(f"({n})") for n in named)

    return [p for p in problems if not repeated(p)]


#: A literal as written (any of Turtle's quotes): its lexical form is group 2.
_WRITTEN = re.compile(r"(\"\"\"|'''|\"|')(.*)\1\^\^", re.DOTALL)


def ill_typed_once(problems: list[Problem]) -> list[Problem]:
    """Drop the SHACL datatype problems of values the literals check finds ill-typed.

    A shape asking for an ``xsd:gYear`` sees ``"2015-13"^^xsd:gYear`` as no
    gYear and would say it needs one; the literals check says what is wrong
    with the value, so its message stays and the shape's goes.

    Example:
        >>> lit = Problem("literals", "...", file="a.ttl", subject='"2015-13"^^xsd:gYear',
        ...               group="ill-typed literal")
        >>> shape = Problem("shacl", "ex:y: '2015-13' is not a valid xsd:gYear", file="a.ttl",
        ...                 group="ex:y: Datatype")
        >>> other = Problem("shacl", "ex:y: '2015-12' is not a valid xsd:gYear", file="a.ttl",
        ...                 group="ex:y: Datatype")
        >>> [p.message[6:15] for p in ill_typed_once([shape, other, lit])]
        ["'2015-12'", '']
    """
    values = {
        (p.file, f"'{written.group(2)}'")
        for p in problems
        if p.group == "ill-typed literal"
        and (written := _WRITTEN.match(p.subject or "")) is not None
    }
    if not values:
        return problems
    return [
        p
        for p in problems
        if not (
            p.check == "shacl"
            and (p.group or "").endswith(": Datatype")
            and any(file == p.file and value in p.message for file, value in values)
        )
    ]


def validate(
    dataset: KGDataset,
    progress: Progress | None = None,
    shacl_engine: str = "auto",
    strict: bool = False,
    scanner: SourceScanner | None = None,
) -> ValidationReport:
    """Run every check on a loaded dataset and return what they found.

    Syntax problems come from loading (:attr:`KGDataset.problems`); when there
    are any, the other checks are skipped, since they would see only part of
    the data. SHACL runs only when the ontology holds shapes, with ``shacl_engine``
    (see :data:`kg.validation.shacl.ENGINES`). Some problems are warnings, which
    leave the sources valid; ``strict`` makes them errors. A ``scanner`` that
    was given the files as they loaded spares the literals check reading them.
    """
    clear_cache()
    report = ValidationReport(problems=list(dataset.problems), checks_run=["syntax"])
    if dataset.problems:
        return report
    steps = [
        ("vocabulary", check_vocabulary),
        ("labels", check_labels),
        ("references", check_references),
        ("duplicates", check_duplicates),
        ("provenance", check_provenance),
        ("literals", lambda d: check_literals(d, scanner)),
    ]
    if has_shapes(dataset):
        steps.insert(1, ("shacl", lambda d: check_shacl(d, shacl_engine)))
    if progress:
        progress(0, len(steps), f"checking {', '.join(name for name, _ in steps)}")
    # The checks only read the store, and Oxigraph answers queries without
    # holding the GIL: they run side by side, as many at once as there are
    # cores (more would only add their working memory together), the longest
    # first so that it does not wait for a free worker.
    workers = max(2, min(len(steps), os.cpu_count() or 2))
    futures: dict[str, Future[list[Problem]]] = {}
    with ThreadPoolExecutor(max_workers=workers) as pool:
        for name, check in sorted(steps, key=lambda step: _LONGEST_FIRST.index(step[0])):
            futures[name] = pool.submit(check, dataset)
        for done, _future in enumerate(as_completed(futures.values()), start=1):
            if progress:
                progress(done, len(steps), "checking")
    for name, _check in steps:
        report.problems.extend(futures[name].result())
        report.checks_run.append(name)
    report.problems = one_message_per_fault(report.problems, dataset.prefixes)
    report.problems = ill_typed_once(report.problems)
    if progress:
        progress(len(steps), len(steps), "checked")
    return report.strict() if strict else report
