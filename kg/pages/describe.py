"""Values as a reader wants them on a page: dates in words, numbers with separators.

Literal values reach the projection as the lexical forms of the RDF
(``--05-01``, ``2980000000000``); these functions write them for people.

Example:
    >>> format_value("--05-01")
    '1 May'
    >>> format_value("2980000000000")
    '2,980,000,000,000 (2.98 trillion)'
"""

from __future__ import annotations

import re

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip

_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_YEAR_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_MONTH_DAY = re.compile(r"^--(\d{2})-(\d{2})$")
_NUMBER = re.compile(r"^[+-]?(\d+)(\.\d+)?$")


def _month(text: str) -> str | None:
    number = int(text)
    return MONTHS[number - 1] if 1 <= number <= 12 else None


def format_number(text: str) -> str:
    """A decimal with thousands separators, and its size in words from a million up.

    Example:
        >>> format_number("61000000000")
        '61,000,000,000 (61 billion)'
        >>> format_number("1234.50")
        '1,234.50'
        >>> format_number("-7")
        '-7'
    """
    match = _NUMBER.match(text)
    if not match:
        return text
    whole, fraction = match.group(1), match.group(2) or ""
    sign = "-" if text.startswith("-") else ""
    shown = f"{sign}{int(whole):,}{fraction}"
    value = abs(float(text))
    for size, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if value >= size:
            amount = f"{value / size:.2f}".rstrip("0").rstrip(".")
            return f"{shown} ({sign}{amount} {word})"
    return shown


def format_value(text: str) -> str:
    """A literal's lexical form written for a reader (dates, numbers, booleans).

    Example:
        >>> [format_value(v) for v in ("2023-05-01", "2023-05", "true", "Tokyo")]
        ['1 May 2023', 'May 2023', 'yes', 'Tokyo']
    """
    if match := _DATE.match(text):
        month = _month(match.group(2))
        if month:
            return f"{int(match.group(3))} {month} {match.group(1)}"
    if match := _YEAR_MONTH.match(text):
        month = _month(match.group(2))
        if month:
            return f"{month} {match.group(1)}"
    if match := _MONTH_DAY.match(text):
        month = _month(match.group(1))
        if month:
            return f"{int(match.group(2))} {month}"
    if text in ("true", "false"):
        return "yes" if text == "true" else "no"
    if re.fullmatch(r"\d{4}", text):
        return text  # a year, not a number to separate
    return format_number(text)


def human_name(prefixed: str, labels: dict[str, str]) -> str:
    """A property's name for a reader: its ``rdfs:label``, else its local name in words.

    Example:
        >>> human_name("schema:startDate", {"schema:startDate": "date"})
        'date'
        >>> human_name("ex:signedOn", {})
        'signed on'
    """
    if prefixed in labels:
        return labels[prefixed]
    local = re.split(r"[:#/]", prefixed.strip("<>"))[-1]
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", local).replace("_", " ").lower()
