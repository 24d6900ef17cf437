"""Formatting results for people: validation reports, progress, errors.

Only the command line prints; these helpers write to stdout or stderr.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from kg.data.dataset import Progress as ProgressCallback
    from kg.data.open import DataSpec, Opened
    from kg.problems import Problem, ValidationReport

_CHECK_TITLES = {
    "syntax": "Syntax",
    "vocabulary": "Vocabulary",
    "shacl": "SHACL shapes",
    "labels": "Labels",
    "references": "References",
    "duplicates": "Duplicate entities",
    "provenance": "Provenance",
    "literals": "Literals (well-typed, canonical)",
}


@contextlib.contextmanager
def progress_display(enabled: bool = True) -> Iterator[ProgressCallback | None]:
    """Yield a progress callback drawing a bar on stderr, or None when stderr is not a terminal."""
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    console = Console(stderr=True)
    if not enabled or not console.is_terminal:
        yield None
        return
    columns = (TextColumn("{task.description:<32}"), BarColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task("starting", total=1)

        def update(done: int, total: int, description: str) -> None:
            bar.update(task, completed=done, total=max(total, 1), description=description)

        yield update


def format_problem(problem: Problem) -> list[str]:
    """Lines describing one problem: location and message, then the hint."""
    where = problem.location
    tag = "warning: " if problem.severity == "warning" else ""
    first = f"  {where}: {tag}{problem.message}" if where else f"  {tag}{problem.message}"
    lines = [first]
    if problem.hint:
        lines.append(f"      {problem.hint}")
    return lines


def format_report(report: ValidationReport) -> list[str]:
    """The report as readable lines, grouped by check and then by kind of problem."""
    lines: list[str] = []
    for check, problems in report.by_check().items():
        lines.append(f"{_CHECK_TITLES.get(check, check)}: {len(problems)} problem(s)")
        groups: dict[str, list[Problem]] = {}
        for problem in problems:
            groups.setdefault(problem.group or "", []).append(problem)
        for group, members in groups.items():
            if group and len(members) > 1:
                lines.append(f" {group} ({len(members)}):")
            for problem in members:
                lines.extend(format_problem(problem))
    return lines


def echo_report(report: ValidationReport) -> None:
    """Print the problems of a report on stderr."""
    for line in format_report(report):
        click.echo(line, err=True)


def open_data(spec: DataSpec, progress: ProgressCallback | None = None) -> Opened:
    """Open the data ``spec`` points at (:func:`kg.data.open.open_dataset`), printing its notes."""
    from kg.data.open import open_dataset

    opened = open_dataset(spec, progress)
    for note in opened.notes:
        click.echo(f"kg: {note}", err=True)
    return opened


def terminal_width() -> int | None:
    """The width tables must fit: the terminal's (or ``COLUMNS``), None when piped."""
    import os
    import shutil
    import sys

    if "COLUMNS" in os.environ or sys.stdout.isatty():
        return shutil.get_terminal_size().columns
    return None


def error(message: str) -> None:
    """Print ``kg: error: message`` on stderr."""
    click.echo(f"kg: error: {message}", err=True)
