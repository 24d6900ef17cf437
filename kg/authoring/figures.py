"""Figures in a sentence's text: amounts of money and their currencies,
percentages, counts, ranks, dates at the precision written, target years
("by 2045") and reference years ("since 1992").

Pure functions of the text (no dataset, no graph): :func:`find_figures` returns
what a sentence holds, in the order ``kg draft`` proposes it
(:mod:`kg.authoring.draft`).

Example:
    >>> found = find_figures("Japan gave 61 billion yen (about 500 million USD) by 2030.")
    >>> [(a.value, a.currency) for a in found.amounts], found.equivalents
    ([(Decimal('61000000000'), 'JPY'), (Decimal('500000000'), 'USD')], [(0, 1)])
    >>> [t.year for t in found.targets]
    ['2030']
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import pairwise

MONTHS = {
    m: i
    for i, m in enumerate(
        (
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ),
        start=1,
    )
}
_MONTH = r"(January|February|March|April|May|June|July|August|September|October|November|December)"

#: Currencies by the words and signs that name them.
CURRENCIES = {
    "usd": "USD",
    "us$": "USD",
    "$": "USD",
    "us dollars": "USD",
    "us dollar": "USD",
    "dollars": "USD",
    "dollar": "USD",
    "yen": "JPY",
    "jpy": "JPY",
    "¥": "JPY",
    "vnd": "VND",
    "dong": "VND",
    "eur": "EUR",
    "euro": "EUR",
    "euros": "EUR",
    "€": "EUR",
    "yuan": "CNY",
    "cny": "CNY",
}
MULTIPLIERS = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
_NUMBER = r"(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_SCALE = r"(?:\s*(thousand|million|billion|trillion))?"
_QUALIFIER = r"(?:(about|around|approximately|nearly|almost|over|more than|less than|some|roughly|up to)\s+)?"
_AMOUNT = re.compile(
    _QUALIFIER
    + r"(?:(US\$|\$|¥|€|USD|JPY|VND|EUR)\s?"
    + _NUMBER
    + _SCALE
    + r"|"
    + _NUMBER
    + _SCALE
    + r"\s*(USD|US dollars?|dollars?|yen|JPY|VND|dong|EUR|euros?|yuan|CNY))\b",
    re.IGNORECASE,
)
_PERCENT = re.compile(_QUALIFIER + r"(\d+(?:\.\d+)?)\s?(?:%|per ?cent)", re.IGNORECASE)
#: Words that are not part of a counted noun phrase ("20 of the projects").
_FUNCTION_WORDS = frozenset({
    "of", "the", "a", "an", "and", "or", "in", "on", "at", "to", "for", "by", "with", "from",
    "as", "than", "that", "which", "who", "whom", "is", "are", "was", "were", "be", "been",
    "will", "would", "can", "could", "has", "have", "had", "its", "their", "his", "her", "our",
    "this", "these", "those", "per", "each", "every", "about", "over", "under", "into",
})  # fmt: skip
_TRAILING_FUNCTION_WORDS = re.compile(r"(?:\s+(?:" + "|".join(sorted(_FUNCTION_WORDS)) + r"))+$")
#: Plural nouns without an ``s``.
_IRREGULAR_PLURALS = ("people", "children", "staff", "personnel", "women", "men")
#: "22 cooperation documents", "more than 70,000 information technology students",
#: "2-2.5 million workers": a number (or a range), up to three words describing
#: the thing counted, and a plural noun (not "business", "status" or "basis").
_COUNT = re.compile(
    _QUALIFIER
    + r"(?<![\w.,$-])"
    + _NUMBER
    + r"(?:(?:\s?[-–]\s?|\s+to\s+)"
    + _NUMBER
    + r")?"
    + _SCALE
    + r"((?:\s+(?:[a-z]+(?:-[a-z]+)*|[A-Z]{2,4}s?)){0,3}?)"
    + r"\s+((?:[a-z]+-)*(?:[a-z]+[a-hj-rtv-z]s|"
    + "|".join(_IRREGULAR_PLURALS)
    + r"))\b"
)
_ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
}
_ORDINAL = r"(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th))"
_RANK = re.compile(
    _ORDINAL + r"[ -](largest|biggest)\s+([a-z]+(?:\s[a-z]+)?)",
    re.IGNORECASE,
)
#: "the biggest ODA provider", "Japan's largest partner": first, unless "one of the largest".
_TOP = re.compile(
    r"(?<!one of )\b(?:the|its|their|[’']s)\s+(largest|biggest)\s+"
    r"((?:[a-z]+|[A-Z]{2,5}|\([^)]{1,40}\))(?:\s+(?:[a-z]+|[A-Z]{2,5}|\([^)]{1,40}\))){0,3})",
)
#: "Vietnam ranks first with 39 projects", "ranked third in the region".
_RANKS = re.compile(r"\b(?:rank(?:s|ed)?|placed|came)\s+" + _ORDINAL + r"\b", re.IGNORECASE)
_NOT_COUNTED = {"years", "months", "days", "weeks", "hours", "minutes", "times", "decades"}
_TARGET = re.compile(r"\b(?:by|until|to|in)\s+((?:19|20)\d\d)((?:\s*(?:,|and)\s*(?:19|20)\d\d)*)\b")
_DATES = [
    # (pattern, kind) tried in order; matched spans are not matched again
    (re.compile(_MONTH + r"\s+(\d{1,2}),?\s+((?:19|20)\d\d)\b"), "mdy"),
    (re.compile(r"\b(\d{1,2})\s+" + _MONTH + r",?\s+((?:19|20)\d\d)\b"), "dmy"),
    (re.compile(r"\b((?:19|20)\d\d)-(\d\d)-(\d\d)\b"), "iso"),
    (re.compile(_MONTH + r",?\s+((?:19|20)\d\d)\b"), "my"),
    (re.compile(_MONTH + r"\s+(\d{1,2})(?:st|nd|rd|th)?\b(?!,?\s*\d)"), "md"),
    (re.compile(r"\b(\d{1,2})\s+" + _MONTH + r"\b"), "dm"),
    (re.compile(r"\b(?i:in|since|from|of|during|until)\s+" + _MONTH + r"\b(?!\s+\d)"), "m"),
    (
        re.compile(r"\b(?i:in|since|from|of|during|until|after|before|year)\s+((?:19|20)\d\d)\b"),
        "y",
    ),
]


@dataclass(frozen=True)
class Amount:
    """An amount of money as written: its value and ISO currency code."""

    start: int
    end: int
    written: str
    value: Decimal
    currency: str
    approximate: bool


@dataclass(frozen=True)
class Figure:
    """A percentage, rank or count: its value (and a range's upper value), the unit
    ("percent", "rank" or the noun counted) and a qualifier ("about")."""

    written: str
    value: Decimal
    unit: str
    qualifier: str | None = None
    upper: Decimal | None = None


@dataclass(frozen=True)
class Target:
    """A target year ("by 2030"), one per year written ("by 2025 and 2030")."""

    written: str
    year: str


@dataclass(frozen=True)
class Date:
    """A date at the precision written: its lexical value and XSD datatype
    (``date``, ``gYearMonth``, ``gYear``, ``gMonthDay`` or ``gMonth``)."""

    written: str
    value: str
    datatype: str


@dataclass(frozen=True)
class Since:
    """A reference year ("since 1992"); ``compared`` when the sentence only compares
    with it ("for the first time since 2017")."""

    written: str
    year: str
    compared: bool


@dataclass
class Figures:
    """What a sentence holds, each kind in the order found.

    ``equivalents`` are pairs of indexes into ``amounts``: the same amount in two
    currencies ("61 billion yen (about 500 million USD)"). Spans already taken by
    one kind are not matched again by the kinds after it (amounts, percentages,
    ranks, target years, dates, counts).
    """

    amounts: list[Amount] = field(default_factory=list)
    equivalents: list[tuple[int, int]] = field(default_factory=list)
    percentages: list[Figure] = field(default_factory=list)
    ranks: list[Figure] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    dates: list[Date] = field(default_factory=list)
    since: list[Since] = field(default_factory=list)
    counts: list[Figure] = field(default_factory=list)


def find_figures(text: str) -> Figures:
    """The figures of a sentence's text (see :class:`Figures`).

    Example:
        >>> found = find_figures("Trade rose 12.5% since 1992, ranked second, to 3 million tons.")
        >>> [(f.value, f.unit) for f in found.percentages + found.ranks + found.counts]
        [(Decimal('12.5'), 'percent'), (Decimal('2'), 'rank'), (Decimal('3000000'), 'tons')]
        >>> found.since
        [Since(written='since 1992', year='1992', compared=False)]
        >>> [(d.value, d.datatype) for d in find_figures("On May 5, 2024 and in June").dates]
        [('2024-05-05', 'date'), ('--06', 'gMonth')]
    """
    found = Figures()
    used: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= a or start >= b for a, b in used)

    for match in _AMOUNT.finditer(text):
        qualifier = match.group(1)
        if match.group(2):
            sign, number, scale, word = match.group(2), match.group(3), match.group(4), None
        else:
            sign, number, scale, word = None, match.group(5), match.group(6), match.group(7)
        currency = CURRENCIES.get((sign or word or "").lower().strip())
        if currency is None:
            continue
        found.amounts.append(
            Amount(
                match.start(),
                match.end(),
                match.group(0),
                _number(number, scale),
                currency,
                bool(qualifier),
            )
        )
        used.append((match.start(), match.end()))
    # "61 billion yen (about 500 million USD)": the two are one amount
    for at, (first, second) in enumerate(pairwise(found.amounts)):
        if re.fullmatch(r"\s*[(\[]\s*(?:or\s+)?", text[first.end : second.start]):
            found.equivalents.append((at, at + 1))
    for match in _PERCENT.finditer(text):
        if not free(match.start(), match.end()):
            continue
        used.append((match.start(), match.end()))
        found.percentages.append(
            Figure(match.group(0), Decimal(match.group(2)), "percent", match.group(1))
        )
    for pattern in (_RANK, _RANKS, _TOP):
        for match in pattern.finditer(text):
            if not free(match.start(), match.end()):
                continue
            word = match.group(1).lower()
            rank = 1 if pattern is _TOP else _ORDINALS.get(word) or int(re.sub(r"\D", "", word))
            used.append((match.start(), match.end()))
            written = _TRAILING_FUNCTION_WORDS.sub("", match.group(0))
            found.ranks.append(Figure(written, Decimal(rank), "rank"))
    _dates(text, used, found)
    for match in _counts(text):
        if not free(match.start(), match.end()):
            continue
        value = _number(match.group(2), match.group(4))
        upper = _number(match.group(3), match.group(4)) if match.group(3) else None
        if not match.group(4) and not upper and _is_year(match.group(2)):
            continue
        if upper is not None and upper <= value:
            continue  # "2023-2025 plans", "10-5 votes": not a range of a count
        used.append((match.start(), match.end()))
        found.counts.append(Figure(match.group(0), value, match.group(6), match.group(1), upper))
    return found


def _dates(text: str, used: list[tuple[int, int]], found: Figures) -> None:
    """Add the text's target years, dates and reference years ("since 1992") to
    ``found``, outside the spans ``used``, and add their spans to ``used``."""
    taken: list[tuple[int, int]] = []
    for match in _TARGET.finditer(text):
        if not match.group(0).lower().startswith("by"):
            continue
        years = [match.group(1), *re.findall(r"(?:19|20)\d\d", match.group(2) or "")]
        taken.append((match.start(), match.end()))
        found.targets.extend(Target(match.group(0), year) for year in years)
    for pattern, kind in _DATES:
        for match in pattern.finditer(text):
            span = (match.start(), match.end())
            if any(not (span[1] <= a or span[0] >= b) for a, b in taken + used):
                continue
            value, datatype = _date_value(match, kind)
            taken.append(span)
            written = match.group(0)
            if datatype == "gYear" and written.lower().startswith("since"):
                compared = bool(re.search(r"\bfirst\b[^.;]{0,30}$", text[: match.start()]))
                found.since.append(Since(written, value, compared))
                continue
            found.dates.append(Date(written, value, datatype))
    used.extend(taken)


def _number(text: str, scale: str | None) -> Decimal:
    """A number as written, times its scale word.

    Example:
        >>> _number("2,500", "million"), _number("2.5", None)
        (Decimal('2500000000'), Decimal('2.5'))
    """
    value = Decimal(text.replace(",", ""))
    return value * MULTIPLIERS.get((scale or "").lower(), 1)


def _counts(text: str) -> list[re.Match[str]]:
    """The counts of a sentence (:data:`_COUNT`): the noun and the words describing it
    are no function words, and the noun is not a span of time.

    Example:
        >>> [m.group(0) for m in _counts("It signed 22 cooperation documents in 10 years.")]
        ['22 cooperation documents']
        >>> [m.group(0) for m in _counts("Some 20 of the projects, nearly 450,000 people")]
        ['nearly 450,000 people']
    """
    found: list[re.Match[str]] = []
    pos = 0
    while (match := _COUNT.search(text, pos)) is not None:
        words = (match.group(5) or "").split()
        noun = match.group(6)
        if (
            any(w.lower() in _FUNCTION_WORDS for w in words)
            or noun in _FUNCTION_WORDS
            or noun.split("-")[-1] in _NOT_COUNTED
        ):
            pos = match.start() + 1
            continue
        found.append(match)
        pos = match.end()
    return found


def _is_year(number: str) -> bool:
    return "," not in number and "." not in number and 1900 <= int(number) <= 2100


#: For each kind of date in :data:`_DATES`: the groups holding the year, the month's
#: name and the day (None where the text gives none).
_DATE_PARTS = {
    "mdy": (2, 0, 1),
    "dmy": (2, 1, 0),
    "my": (1, 0, None),
    "md": (None, 0, 1),
    "dm": (None, 1, 0),
    "m": (None, 0, None),
}
#: The XSD datatype of a date with a year, a month and a day, each given or not.
_DATE_TYPES = {
    (True, True, True): "date",
    (True, True, False): "gYearMonth",
    (False, True, True): "gMonthDay",
    (False, True, False): "gMonth",
}


def _date_value(match: re.Match[str], kind: str) -> tuple[str, str]:
    """The lexical value and XSD datatype of a date found by one of :data:`_DATES`."""
    g = match.groups()
    if kind == "iso":
        return f"{g[0]}-{g[1]}-{g[2]}", "date"
    if kind not in _DATE_PARTS:
        return g[0], "gYear"
    year, month, day = _DATE_PARTS[kind]
    value = f"{g[year]}-" if year is not None else "--"
    value += f"{MONTHS[g[month].lower()]:02d}"
    if day is not None:
        value += f"-{int(g[day]):02d}"
    return value, _DATE_TYPES[(year is not None, True, day is not None)]
