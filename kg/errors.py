"""Exceptions raised by the kg library.

The command line maps them to exit codes: :class:`InvalidDataError` exits 1
(the sources are not valid), :class:`UsageError` exits 2 (the call itself is
wrong: a missing folder, an output path that is a file).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kg.problems import ValidationReport


class KGError(Exception):
    """Base class of every error kg raises on purpose."""

    exit_code = 1


class UsageError(KGError):
    """The call cannot be carried out as given (exit code 2)."""

    exit_code = 2


class InvalidDataError(KGError):
    """The sources are not valid; ``report`` says what is wrong (exit code 1)."""

    exit_code = 1

    def __init__(self, report: ValidationReport) -> None:
        self.report = report
        super().__init__(f"{len(report.problems)} problem(s) found")


class QueryError(KGError):
    """The query cannot be run as written (exit code 2)."""

    exit_code = 2


class QueryTimeout(KGError):
    """The query ran longer than allowed (exit code 4)."""

    exit_code = 4
