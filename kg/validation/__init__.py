"""Validation of a loaded dataset: syntax, vocabulary, SHACL shapes, labels, and
integrity (references, duplicates, provenance, canonical literals).

Example:
    >>> from kg.problems import CHECKS
    >>> CHECKS
    ('syntax', 'vocabulary', 'shacl', 'labels', 'references', 'duplicates', 'provenance', 'literals')
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor, as_completed

from kg.data.dataset import KGDataset, Progress
from kg.problems import CHECKS, Problem, ValidationReport
from kg.validation.duplicates import check_duplicates
from kg.validation.labels import check_labels
from kg.validation.literals import check_literals
from kg.validation.locate import clear_cache
from kg.validation.provenance import check_provenance
from kg.validation.references import check_references
from kg.validation.shacl import check_shacl, has_shapes
from kg.validation.vocabulary import check_vocabulary

__all__ = ["CHECKS", "Problem", "ValidationReport", "validate"]


def validate(
    dataset: KGDataset,
    progress: Progress | None = None,
    shacl_engine: str = "auto",
    strict: bool = False,
) -> ValidationReport:
    """Run every check on a loaded dataset and return what they found.

    Syntax problems come from loading (:attr:`KGDataset.problems`); when there
    are any, the other checks are skipped, since they would see only part of
    the data. SHACL runs only when the ontology holds shapes, with ``shacl_engine``
    (see :data:`kg.validation.shacl.ENGINES`). Some problems are warnings, which
    leave the sources valid; ``strict`` makes them errors.
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
        ("literals", check_literals),
    ]
    if has_shapes(dataset):
        steps.insert(1, ("shacl", lambda d: check_shacl(d, shacl_engine)))
    if progress:
        progress(0, len(steps), f"checking {', '.join(name for name, _ in steps)}")
    # The checks only read the store, and Oxigraph answers queries without
    # holding the GIL: they run side by side, all started at once so that the
    # longest does not wait for a free worker.
    with ThreadPoolExecutor(max_workers=len(steps)) as pool:
        futures = [pool.submit(check, dataset) for _name, check in steps]
        for done, _future in enumerate(as_completed(futures), start=1):
            if progress:
                progress(done, len(steps), "checking")
    for (name, _check), future in zip(steps, futures, strict=True):
        report.problems.extend(future.result())
        report.checks_run.append(name)
    if progress:
        progress(len(steps), len(steps), "checked")
    return report.strict() if strict else report
