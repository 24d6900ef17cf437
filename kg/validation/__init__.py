"""Validation of a loaded dataset: syntax, vocabulary, SHACL shapes, labels.

Example:
    >>> from kg.report import CHECKS
    >>> CHECKS
    ('syntax', 'vocabulary', 'shacl', 'labels')
"""

from __future__ import annotations

from kg.dataset import KGDataset, Progress
from kg.report import CHECKS, Problem, ValidationReport
from kg.validation.labels import check_labels
from kg.validation.locate import clear_cache
from kg.validation.shacl import check_shacl, has_shapes
from kg.validation.vocabulary import check_vocabulary

__all__ = ["CHECKS", "Problem", "ValidationReport", "validate"]


def validate(
    dataset: KGDataset, progress: Progress | None = None, shacl_engine: str = "auto"
) -> ValidationReport:
    """Run every check on a loaded dataset and return what they found.

    Syntax problems come from loading (:attr:`KGDataset.problems`); when there
    are any, the other checks are skipped, since they would see only part of
    the data. SHACL runs only when the ontology holds shapes, with ``shacl_engine``
    (see :data:`kg.validation.shacl.ENGINES`).
    """
    clear_cache()
    report = ValidationReport(problems=list(dataset.problems), checks_run=["syntax"])
    if dataset.problems:
        return report
    steps = [("vocabulary", check_vocabulary), ("labels", check_labels)]
    if has_shapes(dataset):
        steps.insert(1, ("shacl", lambda d: check_shacl(d, shacl_engine)))
    for done, (name, check) in enumerate(steps):
        if progress:
            progress(done, len(steps), f"checking {name}")
        report.problems.extend(check(dataset))
        report.checks_run.append(name)
    if progress:
        progress(len(steps), len(steps), "checked")
    return report
