"""Problems found in the sources, and the validation report that collects them.

Example:
    >>> p = Problem("syntax", "bad token", file="triples/a.ttl", line=3, column=7)
    >>> p.location
    'triples/a.ttl:3:7'
    >>> ValidationReport([p]).ok
    False
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace

#: The checks, in the order they run.
CHECKS = (
    "syntax",
    "vocabulary",
    "shacl",
    "labels",
    "references",
    "duplicates",
    "provenance",
    "literals",
)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the sources.

    Attributes:
        check: which check found it (one of :data:`CHECKS`).
        message: what is wrong, in a sentence.
        file: the source file, as shown to the user, when known.
        line: 1-based line in ``file``, when known.
        column: 1-based column, when known.
        subject: the node concerned (label and IRI), when there is one.
        hint: what to do about it.
        group: a key for grouping alike problems in reports.
        severity: ``"error"`` (makes the sources invalid) or ``"warning"``.
    """

    check: str
    message: str
    file: str | None = None
    line: int | None = None
    column: int | None = None
    subject: str | None = None
    hint: str | None = None
    group: str | None = None
    severity: str = "error"

    @property
    def location(self) -> str:
        """``file:line:column`` as far as known, or an empty string."""
        parts = [self.file, self.line, self.column]
        shown = []
        for part in parts:
            if part is None:
                break
            shown.append(str(part))
        return ":".join(shown)

    def to_dict(self) -> dict[str, object]:
        """The problem as a JSON-ready dict (stable keys)."""
        return asdict(self)


@dataclass
class ValidationReport:
    """The outcome of validating a dataset.

    Attributes:
        problems: everything found, in check order then file order.
        checks_run: the checks that ran (later checks are skipped after syntax errors).
    """

    problems: list[Problem] = field(default_factory=list)
    checks_run: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when no error was found (warnings do not count)."""
        return not self.errors

    @property
    def errors(self) -> list[Problem]:
        """The problems that make the sources invalid."""
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        """The problems that do not make the sources invalid (unless strict)."""
        return [p for p in self.problems if p.severity != "error"]

    def strict(self) -> ValidationReport:
        """The report with every warning made an error (``--strict``).

        Example:
            >>> r = ValidationReport([Problem("literals", "1.0", severity="warning")])
            >>> r.ok, r.strict().ok
            (True, False)
        """
        problems = [
            p if p.severity == "error" else replace(p, severity="error") for p in self.problems
        ]
        return ValidationReport(problems, list(self.checks_run))

    def by_check(self) -> dict[str, list[Problem]]:
        """Problems grouped by check, in :data:`CHECKS` order."""
        groups: dict[str, list[Problem]] = {}
        for check in CHECKS:
            found = [p for p in self.problems if p.check == check]
            if found:
                groups[check] = found
        return groups

    def to_dict(self) -> dict[str, object]:
        """The report as a JSON-ready dict."""
        return {
            "valid": self.ok,
            "checks_run": list(self.checks_run),
            "error_count": len(self.errors),
            "warning_count": len(self.problems) - len(self.errors),
            "problems": [p.to_dict() for p in self.problems],
        }
